//! The cost panel: what Auto Mode would launch for the plan's workload in
//! its region, what it costs a month against managed node groups and
//! Fargate, why NodePools stay idle and pods pending, the control plane's
//! support calendar, savings hints that apply with one click, the
//! break-even view and the node view. Everything is computed by the core
//! (`eksplan_core::cost::overview` on every plan, `eksplan_core::cost::savings`
//! once typing pauses, as the hints re-run the simulation several times)
//! and drawn by `eksplan-charts`; this module only lays it out.

use eksplan_charts::Chart;
use eksplan_core::Plan;
use eksplan_core::catalog::date::Date;
use eksplan_core::cost::hints::Hint;
use eksplan_core::cost::prices::Source;
use eksplan_core::cost::report::format_money;
use eksplan_core::cost::{BreakEven, CostReport, CurvePoint, Estimate};
use eksplan_core::{Options, resolve};
use std::rc::Rc;
use yew::prelude::*;

use crate::state::{Action, Notice};

/// Workload sizes of the break-even view, as factors of the plan's own.
pub use eksplan_core::cost::CURVE_FACTORS;

/// A cost plan slower than this (milliseconds) waits for a pause in typing
/// (the production preset takes about 6 ms).
pub const SLOW_COST_MS: f64 = 50.0;

/// How long edits must pause before a slow cost plan is recomputed, and
/// before the savings hints are looked for again.
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
    /// Where the options cross, in words.
    pub break_even: BreakEven,
    /// The date the figures were computed for (the hints use it too).
    pub today: Date,
    /// Charts (an error message instead, should drawing fail).
    pub comparison: Result<Chart, String>,
    /// Break-even chart.
    pub break_even_chart: Result<Chart, String>,
    /// Node view.
    pub nodes: Result<Chart, String>,
}

impl CostView {
    /// Compute the report, the curve and the charts for a valid plan.
    pub fn new(plan: &Plan, today: Date) -> CostView {
        let options = Options { today: Some(today) };
        let design = resolve(plan);
        let a = eksplan_core::cost::overview(plan, &design, &options);
        let comparison = eksplan_charts::comparison(&a.report).map_err(|e| e.to_string());
        let break_even_chart =
            eksplan_charts::break_even(&a.curve, a.report.fleet.pods).map_err(|e| e.to_string());
        let nodes = eksplan_charts::nodes(&a.report.fleet).map_err(|e| e.to_string());
        CostView {
            report: a.report,
            curve: a.curve,
            break_even: a.break_even,
            today,
            comparison,
            break_even_chart,
            nodes,
        }
    }
}

/// Savings hints found for one plan.
#[derive(PartialEq)]
pub struct FoundHints {
    /// The plan they were found for.
    pub plan: Rc<Plan>,
    /// The hints.
    pub hints: Vec<Hint>,
}

/// The savings hints for `plan`, looked for once edits pause for
/// [`COST_PAUSE_MS`] (each hint re-runs the simulation, several times the
/// work of the report). Returns the last hints found and whether they are
/// for `plan`.
#[hook]
pub fn use_hints(
    plan: Option<Rc<Plan>>,
    today: Option<Date>,
    enabled: bool,
) -> Option<(Rc<FoundHints>, bool)> {
    let found = use_state(|| None::<Rc<FoundHints>>);
    {
        let found = found.clone();
        use_effect_with(
            (plan.clone(), today, enabled),
            move |(plan, today, enabled)| {
                let timer = match (plan, today, *enabled) {
                    (Some(plan), Some(today), true)
                        if found.as_ref().is_none_or(|f| f.plan != *plan) =>
                    {
                        let (plan, today) = (plan.clone(), *today);
                        Some(gloo::timers::callback::Timeout::new(
                            COST_PAUSE_MS,
                            move || {
                                let (hints, _) =
                                    crate::timing::measured_ms("eksplan:cost-hints", || {
                                        let options = Options { today: Some(today) };
                                        eksplan_core::cost::savings(
                                            &plan,
                                            &resolve(&plan),
                                            &options,
                                        )
                                    });
                                found.set(Some(Rc::new(FoundHints { plan, hints })));
                            },
                        ))
                    }
                    _ => None,
                };
                move || drop(timer)
            },
        );
    }
    let f = (*found).clone()?;
    let current = plan.as_ref().is_some_and(|p| *p == f.plan);
    Some((f, current))
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
    /// The current plan, which a savings hint's "Apply" changes.
    #[prop_or_default]
    pub plan: Option<Rc<Plan>>,
    /// Send actions (links to fields, applied hints).
    pub dispatch: Callback<Action>,
}

/// The cost panel.
#[component]
pub fn CostPanel(p: &CostProps) -> Html {
    let found = use_hints(
        p.plan.clone(),
        p.view.as_ref().map(|v| v.today),
        !p.stale && p.view.is_some(),
    );
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
            <p class="control-plane">{ r.control_plane.statement.clone() }</p>
            if r.clusters.count > 1 {
                <p class="clusters">{ r.clusters.statement.clone() }</p>
            }
            { fleet_summary(r, &p.dispatch) }
            { hints(found.as_ref(), r, p) }
            <h3>{ "Per month" }</h3>
            { figure(&view.comparison, "chart-comparison") }
            { table(r) }
            { region_prices(r) }
            { bound(r) }
            { notes(r) }
            if !view.curve.is_empty() {
                <h3>{ "Break-even" }</h3>
                <p class="help">{ "The same workload scaled from a quarter to eight times its size: where does each option's cost go?" }</p>
                { figure(&view.break_even_chart, "chart-break-even") }
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

/// The savings hints, each with its saving, its plan change and an
/// "Apply" button that replaces the plan (undoable like any replace). Until
/// the hints are found for the current plan, the last ones stay on show
/// with their buttons disabled.
fn hints(found: Option<&(Rc<FoundHints>, bool)>, r: &CostReport, p: &CostProps) -> Html {
    if r.fleet.pods == 0 && r.pending.is_empty() {
        return Html::default();
    }
    let (list, current): (&[Hint], bool) = match found {
        Some((f, current)) => (&f.hints, *current),
        None => (&[], false),
    };
    let status = if current {
        if list.is_empty() {
            "No savings found: the simulation re-run with arm64, spot, larger nodes and other consolidation policies finds nothing at least $1 a month cheaper."
        } else {
            ""
        }
    } else if list.is_empty() {
        "Looking for savings once you pause typing…"
    } else {
        "Checking these again once you pause typing…"
    };
    let enabled = current && !p.stale && p.plan.is_some();
    html! {
        <div class="hints">
            <h3>{ "Savings" }</h3>
            <p class="hints-status help" role="status">{ status }</p>
            if !list.is_empty() {
            <ul class="hint-list">
                { for list.iter().enumerate().map(|(i, h)| {
                    let edits = h.edits.clone();
                    let title = h.title.clone();
                    let saving = h.monthly_saving;
                    let plan = p.plan.clone();
                    let dispatch = p.dispatch.clone();
                    let apply = Callback::from(move |_: MouseEvent| {
                        let Some(plan) = plan.clone() else { return };
                        match eksplan_core::cost::hints::apply_all(&plan, &edits) {
                            Ok(changed) => dispatch.emit(Action::Replace(
                                Rc::new(changed),
                                format!("Applied \u{201c}{title}\u{201d}: about {} a month less on Auto Mode.", format_money(saving)),
                            )),
                            Err(e) => dispatch.emit(Action::Notify(Notice::error(format!("This hint no longer fits the plan: {e}")))),
                        }
                    });
                    let before = h.auto_mode_after + h.monthly_saving;
                    html! {
                        <li class="hint" key={i}>
                            <p class="hint-head">
                                <strong>{ h.title.clone() }</strong>
                                { format!(": saves {} a month ({} → {})", format_money(h.monthly_saving), format_money(before), format_money(h.auto_mode_after)) }
                            </p>
                            <p>{ h.detail.clone() }</p>
                            <details>
                                <summary>{ "The plan change" }</summary>
                                <ul class="edits">{ for h.edits.iter().map(|e| html! { <li><code>{ e.describe() }</code></li> }) }</ul>
                            </details>
                            if let Some(c) = &h.caution {
                                <p class="help">{ c.clone() }</p>
                            }
                            <button type="button" onclick={apply} disabled={!enabled}
                                aria-label={format!("Apply: {}", h.title)}>{ "Apply" }</button>
                        </li>
                    }
                }) }
            </ul>
            }
        </div>
    }
}

/// The region's prices for the fleet's types.
fn region_prices(r: &CostReport) -> Html {
    let p = &r.pricing;
    let mark = |s: Source| -> Html {
        if s.is_estimate() {
            html! { <span class="est" aria-label="estimate">{ "*" }</span> }
        } else {
            Html::default()
        }
    };
    html! {
        <details class="cost-details region-prices">
            <summary>{ format!("Prices in {}", p.region) }</summary>
            <div class="table-scroll" tabindex="0" role="region" aria-label={format!("Prices in {}", p.region)}>
                <table class="cost-table">
                    <caption class="visually-hidden">{ format!("On-demand and Auto Mode fee per hour in {}", p.region) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Instance type" }</th><th scope="col">{ "On-demand $/h" }</th>
                        <th scope="col">{ "us-east-1 $/h" }</th><th scope="col">{ "Auto Mode fee $/h" }</th>
                    </tr></thead>
                    <tbody>
                        { for p.types.iter().map(|t| html! {
                            <tr>
                                <th scope="row">{ t.instance_type.clone() }</th>
                                <td title={t.basis.clone().unwrap_or_else(|| t.on_demand_source.label().to_owned())}>
                                    { format!("${:.5}", t.on_demand) }{ mark(t.on_demand_source) }
                                </td>
                                <td>{ t.us_east_1.map(|x| format!("${x:.5}")).unwrap_or_else(|| "–".into()) }</td>
                                <td>{ format!("${:.5}", t.fee) }{ mark(t.fee_source) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="help">{ p.sources.clone() }</p>
            { for p.types.iter().filter_map(|t| t.basis.as_ref()).map(|b| html! { <p class="help">{ format!("Estimate: {b}.") }</p> }) }
        </details>
    }
}

fn fleet_summary(r: &CostReport, dispatch: &Callback<Action>) -> Html {
    let f = &r.fleet;
    let plural = |n: u64, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let link = |path: &str, label: String| {
        let path = path.to_owned();
        let onclick = dispatch.reform(move |_: MouseEvent| Action::Focus(path.clone()));
        html! { <button type="button" class="link" {onclick}>{ label }</button> }
    };
    html! { <>
        <p class="fleet" role="status">
            <strong>{ format!("{} for {}", plural(f.nodes.len() as u64, "node"), plural(f.pods, "pod")) }</strong>
            if !f.nodes.is_empty() {
                { format!(": {}", f.summary) }
            }
            if f.consolidated + f.replaced > 0 {
                { format!(" (consolidation removed {} and replaced {} with a cheaper type)", f.consolidated, f.replaced) }
            }
        </p>
        if !r.pending.is_empty() {
            <div class="pending" role="alert">
                <p><strong>{ "Pods that would stay pending:" }</strong></p>
                <ul>
                    { for r.pending.iter().map(|pp| html! {
                        <li>
                            { format!("{} pod{} of ", pp.count, if pp.count == 1 { "" } else { "s" }) }
                            { link(&pp.path, pp.workload.clone()) }
                            { format!(": {}", pp.reason) }
                            if pp.details.len() > 1 {
                                <ul>{ for pp.details.iter().map(|d| html! { <li>{ d.clone() }</li> }) }</ul>
                            }
                        </li>
                    }) }
                </ul>
            </div>
        }
        if !r.idle_pools.is_empty() {
            <div class="idle-pools">
                <p><strong>{ "NodePools that launched nothing:" }</strong></p>
                <ul>
                    { for r.idle_pools.iter().map(|i| html! {
                        <li>{ link(&i.path, i.pool.clone()) }{ format!(": {}.", i.message) }</li>
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
                // The SVGs come from plotters, which escapes every text
                // node and attribute it writes. The page shows one of the
                // two drawings by the container's width (planner.css).
                <div class="chart-wide">{ Html::from_html_unchecked(AttrValue::from(c.svg.clone())) }</div>
                <div class="chart-narrow">{ Html::from_html_unchecked(AttrValue::from(c.svg_narrow.clone())) }</div>
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
        <div class="table-scroll" tabindex="0" role="region" aria-label={"Monthly cost of each option"}>
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
        <p class="help">{ "* an estimate: spot prices, a fee derived as a share of on-demand, or a price derived from the region's published ratios. Hover a figure, or open the details, for how it is computed." }</p>
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
        Some(b) => html! { <p class="bound">{ b.statement.clone() }</p> },
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
            <div class="table-scroll" tabindex="0" role="region" aria-label={"Break-even figures"}>
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
            <div class="table-scroll" tabindex="0" role="region" aria-label={"Every node"}>
                <table class="cost-table nodes-table">
                    <caption class="visually-hidden">{ "The simulated nodes, equal ones grouped" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Nodes" }</th><th scope="col">{ "Instance type" }</th><th scope="col">{ "NodePool" }</th><th scope="col">{ "Capacity" }</th>
                        <th scope="col">{ "Pods each" }</th><th scope="col">{ "CPU used" }</th><th scope="col">{ "Memory used" }</th><th scope="col">{ "$/h each" }</th>
                    </tr></thead>
                    <tbody>
                        { for eksplan_charts::node_rows(&r.fleet).into_iter().map(|(n, count)| {
                            let (pods, cpu, mem) = (n.pod_count(), n.used_cpu_m(), n.used_mem_mib());
                            let who = n.pods.iter().map(|p| format!("{} × {}", p.count, p.workload)).collect::<Vec<_>>().join(", ");
                            html! {
                                <tr>
                                    <td>{ count }</td>
                                    <th scope="row">{ n.instance_type.clone() }</th>
                                    <td>{ n.pool.clone() }</td>
                                    <td>{ n.capacity_type }{ n.zone.as_ref().map(|z| format!(", {z}")).unwrap_or_default() }</td>
                                    <td title={who}>{ pods }</td>
                                    <td>{ format!("{} of {}m", cpu, n.alloc_cpu_m) }</td>
                                    <td>{ format!("{} of {} MiB", mem, n.alloc_mem_mib) }</td>
                                    <td>{ format_money(n.ec2_hour + n.fee_hour) }
                                        if n.price_source.is_estimate() { <span class="est" aria-label="estimate">{ "*" }</span> }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </details>
    }
}
