//! Entry point of the single-file offline planner: the same start as the
//! planner page, built with the `inline-extras` feature, so the cost view
//! is in this one module (the offline file makes no requests at all).

fn main() {
    eksplan_web::start();
}
