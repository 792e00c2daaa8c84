//! # eksplan-web
//!
//! The EKS Auto Mode Planner in the browser: a Yew app over `eksplan-core`.
//! It holds UI state and calls the core; every generated file comes from
//! the same `generate` the CLI uses, so a downloaded zip is byte-identical
//! to `eksplan generate --zip` for the same plan.
//!
//! Nothing leaves the browser: plans live in the URL fragment and
//! localStorage only.

pub mod app;
mod download;
mod explanations;
pub mod fields;
mod highlight;
mod output;
mod persist;
mod sections;
pub mod state;
mod timing;

pub use app::{App, AppProps};

/// Mount the full-page planner into `#app` (or the body).
pub fn start() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(el) => {
            yew::Renderer::<App>::with_root_and_props(el, AppProps::default()).render();
        }
        None => {
            yew::Renderer::<App>::with_props(AppProps::default()).render();
        }
    }
}
