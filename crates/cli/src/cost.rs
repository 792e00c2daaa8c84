//! `eksplan cost`: the capacity and cost plan as a table, or as JSON.

use eksplan_core::cost::report::format_money;
use eksplan_core::cost::{CostReport, Estimate};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The report as text.
pub fn render(name: &str, r: &CostReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Capacity and cost plan for {name} ({})", r.prices);
    if let Some(w) = &r.region_warning {
        let _ = writeln!(out, "Warning: {w}");
    }
    let _ = writeln!(out);

    // The fleet.
    let f = &r.fleet;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        out,
        "Fleet: {} for {}",
        plural(f.nodes.len(), "node"),
        plural(f.pods as usize, "pod")
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
            "  Consolidation removed {} node(s) and replaced {} with a cheaper type.",
            f.consolidated, f.replaced
        );
    }
    for p in &r.pending {
        let _ = writeln!(
            out,
            "  Pending: {} pod(s) of {} ({}): {}",
            p.count, p.workload, p.path, p.reason
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
        "* an estimate (spot prices, or a fee derived as a share of on-demand)"
    );
    let _ = writeln!(out);

    let _ = writeln!(out, "How each Auto Mode line is computed:");
    for l in &r.auto_mode.lines {
        let _ = writeln!(out, "  {}: {}", l.item, l.detail);
    }
    if let Some(b) = &r.bound {
        let _ = writeln!(
            out,
            "\nLower bound (LP relaxation): {}/h for EC2 and fee; the simulated fleet costs {}/h, {:.2}× the bound.",
            format_money(b.hourly),
            format_money(b.fleet_hourly),
            b.ratio
        );
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
