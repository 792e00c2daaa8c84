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
//! * a view with its own UI ([`mount_cost`]): a small Yew app mounted into
//!   an element the planner provides, fed the plan as JSON text and sending
//!   actions back through a callback;
//! * a text-to-text entry in [`entries::ENTRIES`], reached through
//!   [`call`]: JSON in, JSON out. The new output targets (issue 11) and the
//!   migration import (issue 10) join here by adding one entry each.
//!
//! Plans cross as JSON text and are read by the core's plan reader, as an
//! imported file would be.

pub mod entries;

use eksplan_core::Plan;
use eksplan_core::catalog::date::Date;
use eksplan_web::cost_tab::{CostTab, CostTabProps};
use eksplan_web::state::Action;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::Callback;

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
/// `YYYY-MM-DD`; `on_focus(path)` is called when the view links to a plan
/// field (a pending workload, "Change the workload").
#[wasm_bindgen(js_name = mountCost)]
pub fn mount_cost(
    host: web_sys::Element,
    plan: &str,
    today: &str,
    slow_cost_ms: f64,
    stale: bool,
    on_focus: js_sys::Function,
) -> Result<CostHandle, JsError> {
    let today = Date::parse(today).ok_or_else(|| JsError::new("today is not YYYY-MM-DD"))?;
    let dispatch = Callback::from(move |action: Action| {
        if let Action::Focus(path) = action {
            let _ = on_focus.call1(&JsValue::NULL, &JsValue::from_str(&path));
        }
    });
    let props = CostTabProps {
        plan: read_plan(plan)?,
        stale,
        today,
        slow_cost_ms,
        dispatch,
    };
    let app = yew::Renderer::<CostTab>::with_root_and_props(host, props.clone()).render();
    Ok(CostHandle {
        app: Some(app),
        props,
    })
}

/// Run the text-to-text entry `entry` (see [`entries::ENTRIES`]).
#[wasm_bindgen]
pub fn call(entry: &str, input: &str) -> Result<String, JsError> {
    entries::run(entry, input).map_err(|e| JsError::new(&e))
}
