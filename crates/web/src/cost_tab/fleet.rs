//! Today's fleet against the plan (issue 10, item 5): when the plan is the
//! imported cluster's ("Continue in the planner" in "I have a cluster",
//! `cluster.mode: existing` and the same name), the cost tab shows the
//! cluster's nodes as they run today next to the same pods on the plan's
//! NodePools on Auto Mode, with the difference: the figures of
//! `eksplan cost --from-cluster DIR PLAN`, computed by the same core
//! function ([`eksplan_core::cost::cluster::against_plan`]).
//!
//! The import comes from the cluster view in the same page, or from what
//! the last visit kept in this browser ([`crate::cluster::keep::current`]);
//! nothing is sent anywhere. It is read in an effect (the first render
//! depends only on props) and again whenever the cluster view changes it,
//! so "Start again" there removes the comparison here, and its Undo brings
//! it back. A plan for a new cluster (a preset, a new plan) or for another
//! cluster gets a line saying why nothing is compared, never the figures
//! of another plan.

use std::rc::Rc;

use eksplan_core::catalog::date::Date;
use eksplan_core::cost::cluster::{AgainstPlan, ClusterCost, against_plan};
use eksplan_core::{Options, Plan};
use yew::prelude::*;

use crate::cluster::cost::ClusterCostView;
use crate::cluster::keep::{self, Current};

/// Properties of [`TodayFleet`].
#[derive(Properties, PartialEq, Clone)]
pub struct TodayFleetProps {
    /// The plan.
    pub plan: Rc<Plan>,
    /// The plan has errors: keep the figures of the last plan without, marked.
    pub stale: bool,
    /// The cost view waits for edits to pause: so does this.
    pub updating: bool,
    /// Today (prices).
    pub today: Date,
    /// Once a comparison takes longer than this, the next one waits for
    /// edits to pause too (a cluster of thousands of pods is simulated
    /// again on every edit, however small the plan's own workload).
    pub slow_ms: f64,
}

/// What is on show.
#[derive(PartialEq)]
enum Shown {
    /// Today's fleet against the plan, for the imported cluster `name`.
    Compared(Rc<ClusterCost>, String),
    /// Why nothing is compared.
    Note(String),
}

fn shown(a: AgainstPlan) -> Shown {
    match a {
        AgainstPlan::Compared(c) => {
            let name = c.plan.cluster.name.clone();
            Shown::Compared(Rc::new(*c), name)
        }
        AgainstPlan::NewCluster { imported } => Shown::Note(format!(
            "This plan designs a new cluster, so today's fleet of {imported} (imported in \u{201c}I have a cluster\u{201d}) is not set against it: continue in the planner from there to compare {imported}'s plan with today's nodes."
        )),
        AgainstPlan::OtherCluster { imported, plan } => Shown::Note(format!(
            "This plan is for cluster {plan}; the cluster imported in \u{201c}I have a cluster\u{201d} is {imported}, so its fleet is not set against this plan."
        )),
        AgainstPlan::NothingToPrice { imported } => Shown::Note(format!(
            "The import of {imported} has no nodes and no pods (kubectl get nodes,pods -A -o json in collect.sh): there is no fleet of today's to set against this plan."
        )),
    }
}

/// Today's fleet of the imported cluster against the plan, or why not.
#[component]
pub fn TodayFleet(p: &TodayFleetProps) -> Html {
    let current = use_state(|| None::<Current>);
    {
        let current = current.clone();
        use_effect_with((), move |_| {
            current.set(Some(keep::current()));
            let listener = web_sys::window().map(|w| {
                let current = current.clone();
                gloo::events::EventListener::new(&w, keep::CHANGED, move |_| {
                    current.set(Some(keep::current()));
                })
            });
            move || drop(listener)
        });
    }
    // Slow comparisons wait for edits to pause, as the cost view does.
    let slow = use_mut_ref(|| false);
    let paused = use_state(|| None::<Rc<Plan>>);
    {
        let slow = slow.clone();
        let paused = paused.clone();
        use_effect_with(p.plan.clone(), move |plan| {
            let plan = plan.clone();
            let timer = slow.borrow().then(|| {
                gloo::timers::callback::Timeout::new(crate::cost::COST_PAUSE_MS, move || {
                    paused.set(Some(plan));
                })
            });
            move || drop(timer)
        });
    }
    let waiting = *slow.borrow() && paused.as_ref() != Some(&p.plan);
    // The last plan without errors, once edits have paused: a new import
    // (or none) is set against it even while the plan has errors.
    let last_plan = use_mut_ref(|| None::<Rc<Plan>>);
    if !p.stale && !p.updating && !waiting {
        *last_plan.borrow_mut() = Some(p.plan.clone());
    }
    let plan = last_plan.borrow().clone();
    let generation = current.as_ref().map_or(0, |c| c.generation);
    let on_show = {
        let current = current.clone();
        let slow_ms = p.slow_ms;
        use_memo((plan, generation, p.today), move |(plan, _, today)| {
            let imported = current.as_ref()?.imported.as_ref()?;
            let options = Options {
                today: Some(*today),
            };
            let (a, ms) = crate::timing::measured_ms("eksplan:fleet-cost", || {
                against_plan(plan.as_ref()?, imported.snapshot(), &options)
            });
            *slow.borrow_mut() = ms > slow_ms;
            a.map(shown)
        })
    };
    match &*on_show {
        None => Html::default(),
        Some(Shown::Note(text)) => html! {
            <p class="hint" id="fleet-cost-note">{ text.clone() }</p>
        },
        Some(Shown::Compared(cost, name)) => html! {
            <ClusterCostView cost={cost.clone()} id="fleet-cost" title="Today's fleet against this plan">
                <p id="fleet-cost-intro">{ format!(
                    "Cluster {name} as imported in \u{201c}I have a cluster\u{201d} (read in this browser, never sent): its nodes as they run today, and the same pods on this plan's NodePools. Edit the NodePools and the Auto Mode side follows; the cost plan below prices the plan's own workload. eksplan cost --from-cluster DIR plan.yaml prints the same figures."
                ) }</p>
                if p.stale {
                    <p class="stale" role="status">{ "The plan has errors: these figures are for the last plan without errors." }</p>
                } else if waiting || p.updating {
                    <p class="stale" role="status">{ "Updating once you pause: these figures are for the plan before your last edit." }</p>
                }
            </ClusterCostView>
        },
    }
}
