//! The cost tab's content: the cost plan for the current plan and its
//! panel, and, when the plan is an imported cluster's, today's fleet set
//! against it ([`fleet`]). The planner shows it through
//! [`crate::lazy::CostSlot`]; it is compiled into the on-demand module
//! (`crates/extras`), so the page's own module carries neither the
//! simulation, the instance catalog's prices nor the charts. Builds with
//! the `inline-extras` feature render it in place (the offline file without
//! today's fleet: it has no cluster import).

use eksplan_core::Plan;
use eksplan_core::catalog::date::Date;
use std::rc::Rc;
use yew::prelude::*;

use crate::cost::{CostPanel, ShownCost, use_cost_view};
use crate::state::Action;

#[cfg(any(not(feature = "inline-extras"), feature = "inline-cluster"))]
pub mod fleet;

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
    /// Send actions to the planner (links to fields, applied savings
    /// hints, notices).
    pub dispatch: Callback<Action>,
}

/// The cost plan (only for plans without errors; otherwise the last one
/// stays on show, marked stale) and its panel.
#[component]
pub fn CostTab(p: &CostTabProps) -> Html {
    let ShownCost { view, updating } = use_cost_view(&p.plan, !p.stale, p.today, p.slow_cost_ms);
    let panel = html! {
        <CostPanel {view} stale={p.stale} {updating} plan={p.plan.clone()} dispatch={p.dispatch.clone()} />
    };
    #[cfg(any(not(feature = "inline-extras"), feature = "inline-cluster"))]
    let panel = html! {
        <>
            <fleet::TodayFleet plan={p.plan.clone()} stale={p.stale} {updating} today={p.today} slow_ms={p.slow_cost_ms} />
            { panel }
        </>
    };
    panel
}
