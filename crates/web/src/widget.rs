//! The planner as a widget for other pages (wikis, the documentation site).
//!
//! ```html
//! <div data-eks-planner data-preset="gpu" data-view="compact"></div>
//! <script type="module" src="planner/widget.js"></script>
//! ```
//!
//! `widget.js` (written by the site builder, `crates/site`) loads this
//! module, finds the `data-eks-planner` elements and calls [`mount`] for
//! each with its `data-` attributes as options.
//!
//! Each widget lives in its own shadow root, with its own copy of the
//! planner's stylesheet: the host page's CSS cannot reach inside, and the
//! planner's CSS cannot leak out. Widgets on one page are independent: no
//! shared state, no URL syncing, and no autosave unless a storage key is
//! given. From JavaScript:
//!
//! ```js
//! const planner = mount(element, { preset: 'gpu', view: 'compact' });
//! planner.getPlan();          // the plan, as a plain object
//! planner.setPlan(plan);      // an object, or YAML/JSON text; validated
//! planner.destroy();
//! ```
//!
//! Plans and options cross the JavaScript boundary through
//! serde-wasm-bindgen, as `serde_json::Value`s, and are then read by the
//! core's plan reader, so a plan from JavaScript is checked exactly like an
//! imported file.

use std::rc::Rc;

use eksplan_core::Plan;
use eksplan_core::plan::read;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::app::{App, AppProps, Controller};
use crate::start::Start;

/// The planner's stylesheet, for the shadow root. `:host` resets every
/// property of the host element, so nothing the page sets on it (or passes
/// down by inheritance) reaches the planner; `!important` inside a shadow
/// root beats the page's own `!important`.
const WIDGET_CSS: &str = concat!(
    ":host { all: initial !important; display: block !important; }\n",
    include_str!("../../../www/planner.css")
);

/// Options of [`mount`] (widget.js maps `data-preset`, `data-view`,
/// `data-step`, `data-file`, `data-plan`, `data-storage-key`,
/// `data-planner-url` and `data-docs-base` onto them).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct MountOptions {
    /// Start from this preset.
    preset: Option<String>,
    /// Start from this plan: an object, or YAML/JSON text.
    plan: Option<serde_json::Value>,
    /// `compact` (no header, guided steps), `wizard`/`full`, or `editor`.
    view: Option<String>,
    /// Autosave under this localStorage key (off when absent).
    storage_key: Option<String>,
    /// The full planner, for "Open in the full planner".
    planner_url: Option<String>,
    /// The documentation site, for diagnostic reference links.
    docs_base: Option<String>,
    /// Open on this wizard step (`basics`, `network`, `access`, `compute`,
    /// `storage`, `cost`, `review`).
    step: Option<String>,
    /// Show this file first (`kubernetes/10-nodepools.yaml` or
    /// `10-nodepools.yaml`).
    file: Option<String>,
}

/// A mounted planner.
#[wasm_bindgen]
pub struct PlannerHandle {
    app: Option<yew::AppHandle<App>>,
    controller: Controller,
    host: Element,
}

#[wasm_bindgen]
impl PlannerHandle {
    /// The current plan, as a plain object in plan-file form.
    #[wasm_bindgen(js_name = getPlan)]
    pub fn get_plan(&self) -> Result<JsValue, JsError> {
        let plan = self
            .controller
            .plan()
            .ok_or_else(|| JsError::new("the planner has not rendered yet"))?;
        let value = eksplan_core::textfmt::value(&*plan).map_err(|e| JsError::new(&e))?;
        let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
        serde::Serialize::serialize(&value, &serializer).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Replace the plan with an object or YAML/JSON text. An invalid plan
    /// throws an error naming the field, and the planner keeps its plan.
    #[wasm_bindgen(js_name = setPlan)]
    pub fn set_plan(&self, plan: JsValue) -> Result<(), JsError> {
        if self.app.is_none() {
            return Err(JsError::new("this planner was destroyed"));
        }
        let value: serde_json::Value =
            serde_wasm_bindgen::from_value(plan).map_err(|e| JsError::new(&e.to_string()))?;
        let plan = plan_from_value(&value)?;
        if self
            .controller
            .set_plan(plan, "The page loaded a new plan.".to_owned())
        {
            Ok(())
        } else {
            Err(JsError::new("the planner has not rendered yet"))
        }
    }

    /// Unmount the planner and empty its element.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.controller.detach();
        if let Some(shadow) = self.host.shadow_root() {
            shadow.set_inner_html("");
        }
        let _ = self.host.remove_attribute(MOUNTED);
    }
}

/// Marks elements that already hold a planner.
const MOUNTED: &str = "data-eks-planner-mounted";

fn plan_from_value(value: &serde_json::Value) -> Result<Plan, JsError> {
    let result = match value {
        serde_json::Value::String(text) => Plan::from_yaml(text),
        other => Plan::from_node(&read::node_from_json(other)),
    };
    result.map_err(|e| JsError::new(&format!("not a valid plan: {e}")))
}

/// Mount a planner into `element` (inside a new shadow root).
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<PlannerHandle, JsError> {
    let options: MountOptions = if options.is_undefined() || options.is_null() {
        MountOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))?
    };
    mount_with(element, options)
}

fn mount_with(host: Element, options: MountOptions) -> Result<PlannerHandle, JsError> {
    if host.has_attribute(MOUNTED) {
        return Err(JsError::new("this element already holds a planner"));
    }
    let plan = options
        .plan
        .as_ref()
        .map(plan_from_value)
        .transpose()?
        .map(Rc::new);
    if let Some(name) = &options.preset
        && eksplan_core::presets::find(name).is_none()
    {
        let names: Vec<&str> = eksplan_core::presets::PRESETS
            .iter()
            .map(|p| p.name)
            .collect();
        return Err(JsError::new(&format!(
            "unknown preset `{name}` (one of {})",
            names.join(", ")
        )));
    }
    if let Some(step) = &options.step
        && crate::state::Step::from_slug(step).is_none()
    {
        let names: Vec<&str> = crate::state::Step::ALL.iter().map(|s| s.slug()).collect();
        return Err(JsError::new(&format!(
            "unknown step `{step}` (one of {})",
            names.join(", ")
        )));
    }
    let view = options.view.as_deref().unwrap_or("compact");
    let Some((compact, wizard)) = Start::layout(view) else {
        return Err(JsError::new(&format!(
            "unknown view `{view}` (compact, wizard or editor)"
        )));
    };
    let controller = Controller::default();
    // A widget the page was built with (its prerendered form in a
    // declarative shadow root): hydrate it with the props it was rendered
    // from. A given plan is not prerendered; it renders afresh.
    let prerendered = host
        .shadow_root()
        .and_then(|s| {
            s.query_selector(".eksplan-widget[data-start]")
                .ok()
                .flatten()
        })
        .filter(|_| plan.is_none())
        .and_then(|root| {
            crate::boot::prerendered(
                &root,
                options.preset.as_deref(),
                view,
                options.step.as_deref(),
                options.file.as_deref(),
            )
            .map(|s| (root, s))
        });
    let (root, props, hydrate) = match prerendered {
        Some((root, start)) => (root, start.props(), true),
        None => {
            let root = shadow_root(&host).map_err(|_| {
                JsError::new("this element cannot hold a shadow root; use a <div> or <section>")
            })?;
            let props = AppProps {
                preset: options.preset.map(Into::into),
                plan,
                wizard,
                compact,
                docs_base: options.docs_base.map(Into::into),
                planner_url: options.planner_url.map(Into::into),
                step: options.step.map(Into::into),
                file: options.file.map(Into::into),
                today: Some(crate::clock::today()),
                ..Start::widget("quickstart", view, None, None, crate::clock::today()).props()
            };
            (root, props, false)
        }
    };
    let props = AppProps {
        storage_key: options.storage_key.map(Into::into),
        controller: Some(controller.clone()),
        ..props
    };
    let app = crate::boot::run(root, props, hydrate);
    let _ = host.set_attribute(MOUNTED, "");
    Ok(PlannerHandle {
        app: Some(app),
        controller,
        host,
    })
}

/// A fresh shadow root on `host` holding the stylesheet and an empty
/// element to render into.
fn shadow_root(host: &Element) -> Result<Element, JsValue> {
    let document = host
        .owner_document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let shadow = match host.shadow_root() {
        Some(existing) => existing,
        None => host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?,
    };
    shadow.set_inner_html("");
    let style = document.create_element("style")?;
    style.set_text_content(Some(WIDGET_CSS));
    shadow.append_child(&style)?;
    let root = document.create_element("div")?;
    root.set_class_name("eksplan-widget");
    shadow.append_child(&root)?;
    Ok(root)
}
