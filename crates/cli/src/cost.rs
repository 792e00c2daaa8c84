//! `eksplan cost`: the capacity and cost plan as text, or as JSON.

use eksplan_core::cost::money::plural;
use eksplan_core::cost::report::format_money;
use eksplan_core::cost::{Analysis, CostReport, Estimate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The JSON document: the report's fields at the top level (as before the
/// analysis grew), then the curve, the break-even statement and the hints.
#[derive(Serialize)]
pub struct Json<'a> {
    #[serde(flatten)]
    report: &'a CostReport,
    curve: &'a [eksplan_core::cost::CurvePoint],
    break_even: &'a eksplan_core::cost::BreakEven,
    hints: &'a [eksplan_core::cost::Hint],
}

impl<'a> From<&'a Analysis> for Json<'a> {
    fn from(a: &'a Analysis) -> Self {
        Json {
            report: &a.report,
            curve: &a.curve,
            break_even: &a.break_even,
            hints: &a.hints,
        }
    }
}

fn label(src: eksplan_core::cost::prices::Source) -> &'static str {
    src.label()
}

/// The analysis as text.
pub fn render(name: &str, a: &Analysis) -> String {
    let r = &a.report;
    let mut out = String::new();
    let _ = writeln!(out, "Capacity and cost plan for {name}");
    let _ = writeln!(out, "Prices: {}", r.prices);
    if let Some(w) = &r.region_warning {
        let _ = writeln!(out, "Warning: {w}");
    }
    let _ = writeln!(out);

    // The region's prices for the fleet's types.
    let _ = writeln!(
        out,
        "Prices in {} ($/h, Linux on-demand; list = published, estimate = derived):",
        r.pricing.region
    );
    let _ = writeln!(
        out,
        "  {:<20} {:>12} {:<9} {:>10} {:>12} {:<9}",
        "Instance type", "On-demand", "", "us-east-1", "Auto Mode fee", ""
    );
    for t in &r.pricing.types {
        let _ = writeln!(
            out,
            "  {:<20} {:>12} {:<9} {:>10} {:>12} {:<9}",
            t.instance_type,
            format!("${:.5}", t.on_demand),
            label(t.on_demand_source),
            t.us_east_1
                .map(|p| format!("${p:.5}"))
                .unwrap_or_else(|| "-".into()),
            format!("${:.5}", t.fee),
            label(t.fee_source)
        );
        if let Some(b) = &t.basis {
            let _ = writeln!(out, "    estimate: {b}");
        }
    }
    let _ = writeln!(out, "  Sources: {}", r.pricing.sources);
    let _ = writeln!(out);

    let _ = writeln!(out, "Control plane: {}", r.control_plane.statement);
    let _ = writeln!(out);

    // The fleet.
    let f = &r.fleet;
    let _ = writeln!(
        out,
        "Fleet: {} for {}{}",
        plural(f.nodes.len() as u64, "node"),
        plural(f.pods, "pod"),
        if f.nodes.is_empty() {
            String::new()
        } else {
            format!(": {}", f.summary)
        }
    );
    let mut types: BTreeMap<(&str, &str, &str), (u32, f64)> = BTreeMap::new();
    for n in &f.nodes {
        let e = types
            .entry((n.pool.as_str(), n.instance_type.as_str(), n.capacity_type))
            .or_default();
        e.0 += 1;
        e.1 += n.ec2_hour;
    }
    for ((pool, t, cap), (count, hourly)) in &types {
        let _ = writeln!(
            out,
            "  {count:>4} × {t:<20} {cap:<10} NodePool {pool:<18} {}/h",
            format_money(*hourly)
        );
    }
    if f.consolidated + f.replaced > 0 {
        let _ = writeln!(
            out,
            "  Consolidation removed {} and replaced {} with a cheaper type.",
            plural(u64::from(f.consolidated), "node"),
            f.replaced
        );
    }
    for p in &r.pending {
        let _ = writeln!(
            out,
            "  Pending: {} of {} ({}): {}",
            plural(u64::from(p.count), "pod"),
            p.workload,
            p.path,
            p.reason
        );
        for d in &p.details {
            let _ = writeln!(out, "    - {d}");
        }
    }
    for i in &r.idle_pools {
        let _ = writeln!(
            out,
            "  NodePool {} ({}) launched nothing: {}.",
            i.pool, i.path, i.message
        );
    }
    let _ = writeln!(out);

    // The comparison table.
    let items = r.items();
    let width = items.iter().map(|i| i.len()).max().unwrap_or(10).max(10);
    let _ = writeln!(
        out,
        "{:<width$}  {:>14}  {:>20}  {:>14}",
        "Per month", "Auto Mode", "Managed node groups", "Fargate"
    );
    let cell = |e: &Estimate, item: &str| {
        e.line(item)
            .map(|l| {
                format!(
                    "{}{}",
                    format_money(l.monthly),
                    if l.estimate { "*" } else { "" }
                )
            })
            .unwrap_or_else(|| "-".to_owned())
    };
    for item in &items {
        let _ = writeln!(
            out,
            "{item:<width$}  {:>14}  {:>20}  {:>14}",
            cell(&r.auto_mode, item),
            cell(&r.managed_node_groups, item),
            cell(&r.fargate, item)
        );
    }
    let total = |e: &Estimate| {
        if e.possible {
            format_money(e.total)
        } else {
            "not possible".to_owned()
        }
    };
    let _ = writeln!(
        out,
        "{:<width$}  {:>14}  {:>20}  {:>14}",
        "Total",
        total(&r.auto_mode),
        total(&r.managed_node_groups),
        total(&r.fargate)
    );
    let _ = writeln!(
        out,
        "* an estimate: spot prices, a fee derived as a share of on-demand, or a price derived from a regional ratio"
    );
    if r.clusters.count > 1 {
        let _ = writeln!(out, "{}", r.clusters.statement);
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "How each Auto Mode line is computed:");
    for l in &r.auto_mode.lines {
        let _ = writeln!(out, "  {}: {}", l.item, l.detail);
    }
    let _ = writeln!(out);

    if !a.curve.is_empty() {
        let _ = writeln!(out, "Break-even: {}", a.break_even.statement);
        for p in &a.curve {
            let _ = writeln!(
                out,
                "  {:>5}× {:>6} pods  Auto Mode {:>12}  managed node groups {:>12}  Fargate {:>12}",
                p.factor,
                p.pods,
                format_money(p.auto_mode),
                format_money(p.managed_node_groups),
                p.fargate
                    .map(format_money)
                    .unwrap_or_else(|| "not possible".into())
            );
        }
        let _ = writeln!(out);
    }
    if let Some(b) = &r.bound {
        let _ = writeln!(out, "Lower bound: {}", b.statement);
        let _ = writeln!(out);
    }

    if a.hints.is_empty() {
        if !r.fleet.nodes.is_empty() {
            let _ = writeln!(
                out,
                "Savings hints: none found (arm64, spot, larger nodes, consolidation and pool order were tried)."
            );
            let _ = writeln!(out);
        }
    } else {
        let _ = writeln!(
            out,
            "Savings hints (each re-runs the simulation on the changed plan):"
        );
        for h in &a.hints {
            let _ = writeln!(
                out,
                "  {}: saves {} a month ({} → {})",
                h.title,
                format_money(h.monthly_saving),
                format_money(r.auto_mode.total),
                format_money(h.auto_mode_after)
            );
            let _ = writeln!(out, "    {}", h.detail);
            let _ = writeln!(out, "    Plan change:");
            for e in &h.edits {
                let _ = writeln!(out, "      {}", e.describe());
            }
            if let Some(c) = &h.caution {
                let _ = writeln!(out, "    Check: {c}");
            }
        }
        let _ = writeln!(out);
    }

    for e in [&r.managed_node_groups, &r.fargate] {
        for c in &e.caveats {
            let _ = writeln!(out, "{}: {c}", e.name);
        }
    }
    for n in &r.notes {
        let _ = writeln!(out, "Note: {n}");
    }
    out
}
