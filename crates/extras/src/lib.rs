//! # eksplan-extras
//!
//! What the planner's first paint does not need, in a second WebAssembly
//! module: fetched from the page's own origin the first time it is used,
//! prefetched once the page is idle, and shared by every planner on a page
//! (see `eksplan_web::lazy`). It holds the cost view: the capacity
//! simulation, the price book, the cost report and its charts.
//!
//! Two kinds of entry point:
//!
//! * a view with its own UI ([`mount_cost`], [`mount_migrate`]): a small
//!   Yew app mounted into an element the planner provides, fed the plan as
//!   JSON text and sending actions back through a callback;
//! * a text-to-text entry in [`entries::ENTRIES`], reached through
//!   [`call`]: JSON in, JSON out. The new output targets (issue 11) and the
//!   migration import (issue 10) join here by adding one entry each.
//!
//! Plans cross as JSON text and are read by the core's plan reader, as an
//! imported file would be.

pub mod entries;

use eksplan_core::Plan;
use eksplan_core::catalog::date::Date;
use eksplan_web::cluster::{ClusterImport, ClusterImportProps};
use eksplan_web::cost_tab::{CostTab, CostTabProps};
use eksplan_web::state::Action;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::Callback;

/// How many Yew roots the page's own module may have made before this
/// module mounts its first view (one per planner on the page).
const PAGE_ROOTS: usize = 256;

#[yew::component]
fn Nothing() -> yew::Html {
    yew::Html::default()
}

/// Keep this module's Yew roots apart from the page module's.
///
/// Each WebAssembly module has its own copy of Yew, and each copy numbers
/// its roots from 1 and brands their host elements with that number. A view
/// of this module mounted inside the page's planner got number 1 too, so
/// the page's copy took its events for its own: picking a file in the
/// cluster view ran the planner's "Import plan" handler, which emptied the
/// file input before the view could read it. Numbering this module's roots
/// after the page's makes each copy handle only its own elements' events.
fn number_after_the_page_roots() {
    thread_local!(static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for _ in 0..PAGE_ROOTS {
        if let Ok(el) = document.create_element("div") {
            yew::Renderer::<Nothing>::with_root(el).render().destroy();
        }
    }
}

fn read_plan(json: &str) -> Result<Rc<Plan>, JsError> {
    Plan::from_json(json)
        .map(Rc::new)
        .map_err(|e| JsError::new(&format!("not a valid plan: {e}")))
}

/// A cost view mounted by [`mount_cost`].
#[wasm_bindgen]
pub struct CostHandle {
    app: Option<yew::AppHandle<CostTab>>,
    props: CostTabProps,
}

#[wasm_bindgen]
impl CostHandle {
    /// Show the cost plan for a new plan (JSON text); `stale` when the
    /// plan has errors and the last figures stay on show.
    pub fn update(&mut self, plan: &str, stale: bool) -> Result<(), JsError> {
        let plan = read_plan(plan)?;
        self.props = CostTabProps {
            plan,
            stale,
            ..self.props.clone()
        };
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
        }
        Ok(())
    }

    /// Unmount the view.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mount the cost view into `host` for `plan` (JSON text). `today` is
/// `YYYY-MM-DD`; `on_action(kind, text, detail)` is called with what the
/// view asks of the planner, as [`eksplan_web::lazy::wire`] encodes it: a
/// link to a plan field (a pending workload, "Change the workload"), an
/// applied savings hint (the changed plan as JSON text, undoable there), a
/// notice.
#[wasm_bindgen(js_name = mountCost)]
pub fn mount_cost(
    host: web_sys::Element,
    plan: &str,
    today: &str,
    slow_cost_ms: f64,
    stale: bool,
    on_action: js_sys::Function,
) -> Result<CostHandle, JsError> {
    let today = Date::parse(today).ok_or_else(|| JsError::new("today is not YYYY-MM-DD"))?;
    let dispatch = Callback::from(move |action: Action| {
        if let Some((kind, text, detail)) = eksplan_web::lazy::wire::encode(&action) {
            let _ = on_action.call3(
                &JsValue::NULL,
                &JsValue::from_str(kind),
                &JsValue::from_str(&text),
                &JsValue::from_str(&detail),
            );
        }
    });
    let props = CostTabProps {
        plan: read_plan(plan)?,
        stale,
        today,
        slow_cost_ms,
        dispatch,
    };
    number_after_the_page_roots();
    let app = yew::Renderer::<CostTab>::with_root_and_props(host, props.clone()).render();
    Ok(CostHandle {
        app: Some(app),
        props,
    })
}

/// The "I have a cluster" view (`eksplan_web::cluster::ClusterImport`),
/// mounted by [`mount_migrate`].
#[wasm_bindgen]
pub struct MigrateHandle {
    app: Option<yew::AppHandle<ClusterImport>>,
}

#[wasm_bindgen]
impl MigrateHandle {
    /// Unmount the view.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mount the "I have a cluster" view into `host`. `today` is `YYYY-MM-DD`;
/// `on_plan(json)` gets the converted plan when the user continues in the
/// planner. The collected files are read and assessed here, in this
/// module, and never leave the page.
#[wasm_bindgen(js_name = mountMigrate)]
pub fn mount_migrate(
    host: web_sys::Element,
    today: &str,
    on_plan: js_sys::Function,
) -> Result<MigrateHandle, JsError> {
    let today = Date::parse(today).ok_or_else(|| JsError::new("today is not YYYY-MM-DD"))?;
    let on_plan = Callback::from(move |plan: Rc<Plan>| {
        if let Ok(json) = eksplan_core::textfmt::json(&*plan) {
            let _ = on_plan.call1(&JsValue::NULL, &JsValue::from_str(&json));
        }
    });
    let props = ClusterImportProps { today, on_plan };
    number_after_the_page_roots();
    let app = yew::Renderer::<ClusterImport>::with_root_and_props(host, props).render();
    Ok(MigrateHandle { app: Some(app) })
}

/// The bytes of `{root}.zip` for a bundle's `files` (a JSON object of path
/// → text, as [`eksplan_web::lazy::wire::bundle_to_json`] writes it): the
/// planner's download, the same bytes as `eksplan generate --zip`.
#[wasm_bindgen]
pub fn zip(files: &str, root: &str) -> Result<Vec<u8>, JsError> {
    let bundle = eksplan_web::lazy::wire::bundle_from_json(files).map_err(|e| JsError::new(&e))?;
    bundle
        .to_zip(root)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Run the text-to-text entry `entry` (see [`entries::ENTRIES`]).
#[wasm_bindgen]
pub fn call(entry: &str, input: &str) -> Result<String, JsError> {
    entries::run(entry, input).map_err(|e| JsError::new(&e))
}
