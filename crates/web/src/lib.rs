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

/// The allocator: Talc instead of dlmalloc (see Cargo.toml).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// If the planner ever panics, say so on the page instead of leaving a
/// frozen form: the plan is autosaved, so a reload continues from it.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    web_sys::console::error_1(&format!("EKS Auto Mode Planner: {info}").into());
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("eksplan-crashed").is_some() {
        return;
    }
    if let (Ok(el), Some(body)) = (doc.create_element("div"), doc.body()) {
        el.set_id("eksplan-crashed");
        let _ = el.set_attribute("role", "alert");
        let _ = el.set_attribute("class", "notice error crashed");
        el.set_text_content(Some(
            "The planner stopped because of an internal error (details in the browser console). \
             Your plan is kept in this browser: reload the page to continue from it.",
        ));
        let _ = body.prepend_with_node_1(&el);
    }
}

/// Mount the full-page planner into `#app` (or the body).
pub fn start() {
    yew::set_custom_panic_hook(Box::new(on_panic));
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
