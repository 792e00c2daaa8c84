//! The cost panel: what Auto Mode would launch for the plan's workload,
//! what it costs a month against managed node groups and Fargate, the
//! break-even view and the node view. Everything is computed by the core
//! (`eksplan_core::cost`) and drawn by `eksplan-charts`; this module only
//! lays it out.

use eksplan_charts::Chart;
use eksplan_core::Plan;
use eksplan_core::catalog::date::Date;
use eksplan_core::cost::report::format_money;
use eksplan_core::cost::{CostReport, CurvePoint, Estimate};
use eksplan_core::{Options, resolve};
use std::rc::Rc;
use yew::prelude::*;

use crate::state::Action;

/// Workload sizes of the break-even view, as factors of the plan's own.
pub const CURVE_FACTORS: [f64; 6] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0];

/// A cost plan slower than this (milliseconds) waits for a pause in typing
/// (the production preset takes about 6 ms).
pub const SLOW_COST_MS: f64 = 50.0;

/// How long edits must pause before a slow cost plan is recomputed.
pub const COST_PAUSE_MS: u32 = 250;

/// What the cost panel shows, from [`use_cost_view`].
pub struct ShownCost {
    /// The last cost plan computed (kept while the plan has errors or edits
    /// have not paused yet).
    pub view: Option<Rc<CostView>>,
    /// The plan has moved on and a slow cost plan waits for a pause.
    pub updating: bool,
}

/// The cost plan for `plan`, computed only while `wanted` (the cost tab is
/// open and the plan has no errors). It follows every edit while it is
/// quick; once one takes longer than `slow_ms`, the next is computed only
/// after edits pause for [`COST_PAUSE_MS`], so typing stays smooth for
/// workloads of thousands of pods.
#[hook]
pub fn use_cost_view(plan: &Rc<Plan>, wanted: bool, today: Date, slow_ms: f64) -> ShownCost {
    let slow = use_mut_ref(|| false);
    let computed_for = use_mut_ref(|| None::<Rc<Plan>>);
    let paused = use_state(|| None::<Rc<Plan>>);
    let updating = wanted
        && *slow.borrow()
        && paused.as_ref() != Some(plan)
        && computed_for.borrow().as_ref() != Some(plan);
    let input = match (&*computed_for.borrow(), updating) {
        (Some(old), true) => old.clone(),
        _ => plan.clone(),
    };
    {
        let slow = slow.clone();
        use_effect_with((plan.clone(), wanted), move |(plan, wanted)| {
            let plan = plan.clone();
            let timer = (*wanted && *slow.borrow()).then(|| {
                gloo::timers::callback::Timeout::new(COST_PAUSE_MS, move || {
                    paused.set(Some(plan));
                })
            });
            move || drop(timer)
        });
    }
    let cost = {
        let computed_for = computed_for.clone();
        use_memo((input, wanted), move |(plan, wanted)| {
            wanted.then(|| {
                let (view, ms) =
                    crate::timing::measured_ms("eksplan:cost", || CostView::new(plan, today));
                *slow.borrow_mut() = ms > slow_ms;
                *computed_for.borrow_mut() = Some(plan.clone());
                Rc::new(view)
            })
        })
    };
    let last = use_mut_ref(|| None::<Rc<CostView>>);
    if let Some(c) = &*cost {
        *last.borrow_mut() = Some(c.clone());
    }
    let view = last.borrow().clone();
    ShownCost { view, updating }
}

/// Everything the panel shows, computed once per plan.
#[derive(PartialEq)]
pub struct CostView {
    /// The report.
    pub report: CostReport,
    /// The break-even points.
    pub curve: Vec<CurvePoint>,
    /// Charts (an error message instead, should drawing fail).
    pub comparison: Result<Chart, String>,
    /// Break-even chart.
    pub break_even: Result<Chart, String>,
    /// Node view.
    pub nodes: Result<Chart, String>,
}

impl CostView {
    /// Compute the report, the curve and the charts for a valid plan.
    pub fn new(plan: &Plan, today: Date) -> CostView {
        let options = Options { today: Some(today) };
        let design = resolve(plan);
        let report = eksplan_core::cost::estimate(plan, &design, &options);
        let curve = if plan.capacity.has_pods() {
            eksplan_core::cost::curve(plan, &design, &options, &CURVE_FACTORS)
        } else {
            Vec::new()
        };
        let comparison = eksplan_charts::comparison(&report).map_err(|e| e.to_string());
        let break_even =
            eksplan_charts::break_even(&curve, report.fleet.pods).map_err(|e| e.to_string());
        let nodes = eksplan_charts::nodes(&report.fleet).map_err(|e| e.to_string());
        CostView {
            report,
            curve,
            comparison,
            break_even,
            nodes,
        }
    }
}

/// Properties of [`CostPanel`].
#[derive(Properties, PartialEq)]
pub struct CostProps {
    /// What to show (from the last plan without errors).
    pub view: Option<Rc<CostView>>,
    /// The plan has errors: the figures are from an earlier plan.
    pub stale: bool,
    /// The workload is large: the figures follow once typing pauses.
    #[prop_or_default]
    pub updating: bool,
    /// Send actions (links to fields).
    pub dispatch: Callback<Action>,
}

/// The cost panel.
#[component]
pub fn CostPanel(p: &CostProps) -> Html {
    let Some(view) = p.view.clone() else {
        return html! {
            <section class="cost" aria-labelledby="cost-title">
                <h2 id="cost-title">{ "Capacity and cost" }</h2>
                <p>{ "Fix the errors above to see the cost plan." }</p>
            </section>
        };
    };
    let r = &view.report;
    let to_workload = p
        .dispatch
        .reform(|_: MouseEvent| Action::Focus("capacity".into()));
    html! {
        <section class="cost" aria-labelledby="cost-title">
            <h2 id="cost-title">{ "Capacity and cost" }</h2>
            if p.stale {
                <p class="stale">{ "These figures are from the last plan without errors. Fix the errors to update them." }</p>
            }
            <p class="updating" role="status">
                if p.updating && !p.stale {
                    { "Updating when you pause: this workload takes a moment to simulate." }
                }
            </p>
            <p class="prices-note">{ format!("Prices: {}. ", r.prices) }
                <button type="button" class="link" onclick={to_workload.clone()}>{ "Change the workload or the prices" }</button>
            </p>
            if let Some(w) = &r.region_warning {
                <p class="warning" role="note"><strong>{ "Other region: " }</strong>{ w.clone() }</p>
            }
            { fleet_summary(r, &p.dispatch) }
            <h3>{ "Per month" }</h3>
            { figure(&view.comparison, "chart-comparison") }
            { table(r) }
            { bound(r) }
            { notes(r) }
            if !view.curve.is_empty() {
                <h3>{ "Break-even" }</h3>
                <p class="help">{ "The same workload scaled from a quarter to eight times its size: where does each option's cost go?" }</p>
                { figure(&view.break_even, "chart-break-even") }
                { curve_table(&view.curve) }
            }
            <h3>{ "Nodes" }</h3>
            { figure(&view.nodes, "chart-nodes") }
            { node_table(r) }
            if r.fleet.pods == 0 {
                <p>{ "No workload yet. " }<button type="button" class="link" onclick={to_workload}>{ "Describe what will run" }</button>{ " to see what Auto Mode would launch and what it costs." }</p>
            }
        </section>
    }
}

fn fleet_summary(r: &CostReport, dispatch: &Callback<Action>) -> Html {
    let f = &r.fleet;
    let plural = |n: u64, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    html! { <>
        <p class="fleet" role="status">
            <strong>{ format!("{} for {}", plural(f.nodes.len() as u64, "node"), plural(f.pods, "pod")) }</strong>
            if f.consolidated + f.replaced > 0 {
                { format!(" (consolidation removed {} and replaced {} with a cheaper type)", f.consolidated, f.replaced) }
            }
        </p>
        if !r.pending.is_empty() {
            <div class="pending" role="alert">
                <p><strong>{ "Pods that would stay pending:" }</strong></p>
                <ul>
                    { for r.pending.iter().map(|pp| {
                        let path = pp.path.clone();
                        let onclick = dispatch.reform(move |_: MouseEvent| Action::Focus(path.clone()));
                        html! {
                            <li>
                                { format!("{} pod{} of ", pp.count, if pp.count == 1 { "" } else { "s" }) }
                                <button type="button" class="link" {onclick}>{ pp.workload.clone() }</button>
                                { format!(": {}", pp.reason) }
                            </li>
                        }
                    }) }
                </ul>
            </div>
        }
    </> }
}

/// A chart in a figure, with its legend and summary as text.
fn figure(chart: &Result<Chart, String>, class: &'static str) -> Html {
    match chart {
        Err(e) => html! { <p class="stale">{ e.clone() }</p> },
        Ok(c) => html! {
            <figure class={classes!("chart-figure", class)}>
                // The SVG comes from plotters, which escapes every text
                // node and attribute it writes.
                { Html::from_html_unchecked(AttrValue::from(c.svg.clone())) }
                <ul class="legend" aria-label={format!("Legend: {}", c.title)}>
                    { for c.legend.iter().map(|(name, colour)| html! {
                        <li><span class={swatch(colour)} aria-hidden="true"></span>{ name.clone() }</li>
                    }) }
                </ul>
                <figcaption>{ c.summary.clone() }</figcaption>
            </figure>
        },
    }
}

/// The legend swatch for a palette colour: a class, since the page's
/// Content-Security-Policy forbids inline styles.
fn swatch(colour: &str) -> String {
    let i = eksplan_charts::PALETTE
        .iter()
        .position(|c| *c == colour)
        .unwrap_or(eksplan_charts::PALETTE.len() - 1);
    format!("swatch c{i}")
}

fn cell(e: &Estimate, item: &str) -> Html {
    match e.line(item) {
        Some(l) => html! {
            <td title={l.detail.clone()}>{ format_money(l.monthly) }
                if l.estimate { <span class="est" aria-label="estimate">{ "*" }</span> }
            </td>
        },
        None => html! { <td aria-label="not applicable">{ "–" }</td> },
    }
}

fn table(r: &CostReport) -> Html {
    let options = r.options();
    html! { <>
        <div class="table-scroll">
            <table class="cost-table">
                <caption class="visually-hidden">{ "Monthly cost of each option, by line item" }</caption>
                <thead><tr>
                    <th scope="col">{ "Per month" }</th>
                    { for options.iter().map(|o| html! { <th scope="col">{ o.name.clone() }</th> }) }
                </tr></thead>
                <tbody>
                    { for r.items().into_iter().map(|item| html! {
                        <tr><th scope="row">{ item }</th>{ for options.iter().map(|o| cell(o, item)) }</tr>
                    }) }
                </tbody>
                <tfoot><tr>
                    <th scope="row">{ "Total" }</th>
                    { for options.iter().map(|o| html! {
                        <td class="total">{ if o.possible { format_money(o.total) } else { "not possible".to_owned() } }</td>
                    }) }
                </tr></tfoot>
            </table>
        </div>
        <p class="help">{ "* an estimate: spot prices, or a fee derived as a share of on-demand. Hover a figure, or open the details, for how it is computed." }</p>
        <details class="cost-details">
            <summary>{ "How each Auto Mode line is computed" }</summary>
            <dl>
                { for r.auto_mode.lines.iter().map(|l| html! { <><dt>{ l.item.clone() }</dt><dd>{ l.detail.clone() }</dd></> }) }
            </dl>
        </details>
    </> }
}

fn bound(r: &CostReport) -> Html {
    match &r.bound {
        Some(b) => html! {
            <p class="bound">
                { format!(
                    "Lower bound (LP relaxation): {}/h for EC2 and the fee. The simulated fleet costs {}/h, {:.2}× the bound.",
                    format_money(b.hourly), format_money(b.fleet_hourly), b.ratio
                ) }
            </p>
        },
        None => Html::default(),
    }
}

fn notes(r: &CostReport) -> Html {
    let caveats = [&r.managed_node_groups, &r.fargate]
        .into_iter()
        .flat_map(|e| e.caveats.iter().map(move |c| format!("{}: {c}", e.name)));
    let all: Vec<String> = caveats.chain(r.notes.iter().cloned()).collect();
    if all.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="cost-notes">{ for all.into_iter().map(|n| html! { <li>{ n }</li> }) }</ul>
    }
}

fn curve_table(points: &[CurvePoint]) -> Html {
    html! {
        <details class="cost-details">
            <summary>{ "Break-even figures" }</summary>
            <div class="table-scroll">
                <table class="cost-table">
                    <thead><tr>
                        <th scope="col">{ "Workload" }</th><th scope="col">{ "Pods" }</th>
                        <th scope="col">{ "Auto Mode" }</th><th scope="col">{ "Managed node groups" }</th><th scope="col">{ "Fargate" }</th>
                    </tr></thead>
                    <tbody>
                        { for points.iter().map(|pt| html! {
                            <tr>
                                <th scope="row">{ format!("{}×", pt.factor) }</th>
                                <td>{ pt.pods }</td>
                                <td>{ format_money(pt.auto_mode) }</td>
                                <td>{ format_money(pt.managed_node_groups) }</td>
                                <td>{ pt.fargate.map(format_money).unwrap_or_else(|| "not possible".into()) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </details>
    }
}

fn node_table(r: &CostReport) -> Html {
    if r.fleet.nodes.is_empty() {
        return Html::default();
    }
    html! {
        <details class="cost-details">
            <summary>{ "Every node" }</summary>
            <div class="table-scroll">
                <table class="cost-table">
                    <thead><tr>
                        <th scope="col">{ "Instance type" }</th><th scope="col">{ "NodePool" }</th><th scope="col">{ "Capacity" }</th>
                        <th scope="col">{ "Pods" }</th><th scope="col">{ "CPU used" }</th><th scope="col">{ "Memory used" }</th><th scope="col">{ "$/h" }</th>
                    </tr></thead>
                    <tbody>
                        { for r.fleet.nodes.iter().map(|n| {
                            let (pods, cpu, mem) = (n.pod_count(), n.used_cpu_m(), n.used_mem_mib());
                            let who = n.pods.iter().map(|p| format!("{} × {}", p.count, p.workload)).collect::<Vec<_>>().join(", ");
                            html! {
                                <tr>
                                    <th scope="row">{ n.instance_type.clone() }</th>
                                    <td>{ n.pool.clone() }</td>
                                    <td>{ n.capacity_type }{ n.zone.as_ref().map(|z| format!(", {z}")).unwrap_or_default() }</td>
                                    <td title={who}>{ pods }</td>
                                    <td>{ format!("{} of {}m", cpu, n.alloc_cpu_m) }</td>
                                    <td>{ format!("{} of {} MiB", mem, n.alloc_mem_mib) }</td>
                                    <td>{ format_money(n.ec2_hour + n.fee_hour) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </details>
    }
}
