//! Entry point of the planner page.

fn main() {
    eksplan_web::start();
}
