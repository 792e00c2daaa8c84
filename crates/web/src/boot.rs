//! The planner's start in the browser: hydrate a prerendered page, or
//! render afresh, and tell the page's loader when the planner is ready.
//!
//! A prerendered planner's element carries `data-start` (see
//! [`Start`](crate::start::Start)) and `aria-busy="true"`; the loader
//! (`boot.js`, `widget.js`) holds input back while it is busy. Once the
//! planner has rendered in the browser and taken over the plan from the
//! link or autosave, [`mark_ready`] removes `aria-busy` and sets
//! `data-ready`.

use web_sys::Element;
use yew::NodeRef;

use crate::app::{App, AppProps};
use crate::start::Start;

/// The attribute the prerender writes the [`Start`] into.
pub const START_ATTR: &str = "data-start";

/// Mark the element holding the planner (the parent of the `.planner`
/// element behind `planner`) as ready for input.
pub(crate) fn mark_ready(planner: &NodeRef) {
    if let Some(host) = planner.cast::<Element>().and_then(|el| el.parent_element()) {
        let _ = host.remove_attribute("aria-busy");
        let _ = host.set_attribute("data-ready", "");
    }
}

/// The prerendered start in `root`, if it has one and it fits what is
/// asked for (`preset`, `view`, `step`, `file`).
pub fn prerendered(
    root: &Element,
    preset: Option<&str>,
    view: &str,
    step: Option<&str>,
    file: Option<&str>,
) -> Option<Start> {
    let start = Start::from_json(&root.get_attribute(START_ATTR)?)?;
    start.matches(preset, view, step, file).then_some(start)
}

/// Start the planner in `root`: hydrate its prerendered page when `props`
/// came from the prerendered [`Start`] (`hydrate`), else empty `root` and
/// render.
pub fn run(root: Element, props: AppProps, hydrate: bool) -> yew::AppHandle<App> {
    #[cfg(feature = "hydration")]
    if hydrate {
        return yew::Renderer::<App>::with_root_and_props(root, props).hydrate();
    }
    let _ = hydrate;
    root.set_inner_html("");
    yew::Renderer::<App>::with_root_and_props(root, props).render()
}
