//! # eksplan-web
//!
//! The EKS Auto Mode Planner in the browser: a Yew app over `eksplan-core`.
//! It holds UI state and calls the core; every generated file comes from
//! the same `generate` the CLI uses, so a downloaded zip is byte-identical
//! to `eksplan generate --zip` for the same plan.
//!
//! Nothing leaves the browser: plans live in the URL fragment and
//! localStorage only.
//!
//! One WebAssembly module serves every way the planner ships: the planner
//! page ([`start`] mounts it into `#app`), widgets on other pages
//! ([`widget::mount`]), and the single offline file.

pub mod app;
pub mod boot;
mod clock;
pub mod cluster;
pub mod context;
pub mod cost;
pub mod cost_tab;
mod dialogs;
mod download;
pub mod editor;
pub mod entries;
pub mod explanations;
pub mod fields;
mod highlight;
pub mod lazy;
mod markdown;
pub mod menu;
mod output;
mod persist;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod recent;
mod refactor;
pub mod regions;
mod review;
mod sections;
mod splitter;
pub mod start;
pub mod state;
pub mod targets;
mod timing;
mod viewer;
pub mod warm;
/// The widget API's JavaScript exports, in the page's own module only (the
/// on-demand module links this crate for the cost view and must not carry
/// them, nor the planner they mount).
#[cfg(feature = "exports")]
pub mod widget;

pub use app::{App, AppProps, Controller};

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

/// Runs when the module loads (from `main`). On the planner page (an element `#app`),
/// start the full planner there; on other pages do nothing, and let
/// `widget.js` mount widgets.
///
/// The page's address may choose a start: `?preset=gpu`,
/// `?view=editor|wizard|compact`, `?step=compute` and
/// `?file=10-nodepools.yaml` (for iframe embeds); a plan link in the
/// fragment or an autosaved plan still wins over the preset. `#app`'s
/// `data-docs-base` attribute points diagnostic links at the docs site.
///
/// A prerendered page (`#app` has `data-start`) is hydrated when the
/// address asks for the start it was prerendered with, and rendered afresh
/// otherwise.
pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(root) = window.document().and_then(|d| d.get_element_by_id("app")) else {
        return;
    };
    yew::set_custom_panic_hook(Box::new(on_panic));
    let query = window
        .location()
        .search()
        .ok()
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok());
    let param = |name: &str| {
        query
            .as_ref()
            .and_then(|q| q.get(name))
            .filter(|v| !v.is_empty())
    };
    let preset = param("preset").filter(|p| eksplan_core::presets::find(p).is_some());
    let view = param("view")
        .filter(|v| start::Start::layout(v).is_some())
        .unwrap_or_else(|| "wizard".into());
    let (step, file) = (param("step"), param("file"));
    if let Some(prerendered) = boot::prerendered(
        &root,
        preset.as_deref(),
        &view,
        step.as_deref(),
        file.as_deref(),
    ) {
        boot::run(root, prerendered.props(), true);
        return;
    }
    let docs_base = root.get_attribute("data-docs-base");
    let mut first = start::Start::page(docs_base.as_deref(), clock::today());
    first.preset = preset;
    first.view = view;
    first.step = step;
    first.file = file;
    boot::run(root, first.props(), false);
}
