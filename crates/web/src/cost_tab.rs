//! The cost tab's content: the cost plan for the current plan and its
//! panel. The planner shows it through [`crate::lazy::CostSlot`]; it is
//! compiled into the on-demand module (`crates/extras`), so the page's own
//! module carries neither the simulation, the instance catalog's prices nor
//! the charts. Builds with the `inline-extras` feature render it in place.

use eksplan_core::Plan;
use eksplan_core::catalog::date::Date;
use std::rc::Rc;
use yew::prelude::*;

use crate::cost::{CostPanel, ShownCost, use_cost_view};
use crate::state::Action;

/// Properties of [`CostTab`].
#[derive(Properties, PartialEq, Clone)]
pub struct CostTabProps {
    /// The plan.
    pub plan: Rc<Plan>,
    /// The plan has errors: keep the last figures, marked.
    pub stale: bool,
    /// Today (prices and support windows).
    pub today: Date,
    /// See [`AppProps::slow_cost_ms`](crate::AppProps::slow_cost_ms).
    pub slow_cost_ms: f64,
    /// Send actions to the planner (links to fields).
    pub dispatch: Callback<Action>,
}

/// The cost plan (only for plans without errors; otherwise the last one
/// stays on show, marked stale) and its panel.
#[component]
pub fn CostTab(p: &CostTabProps) -> Html {
    let ShownCost { view, updating } = use_cost_view(&p.plan, !p.stale, p.today, p.slow_cost_ms);
    html! {
        <CostPanel {view} stale={p.stale} {updating} dispatch={p.dispatch.clone()} />
    }
}
