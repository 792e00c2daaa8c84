//! `eksplan cost`: the capacity and cost plan as text, or as JSON.

use eksplan_core::cost::cluster::ClusterCost;
use eksplan_core::cost::money::{format_signed_money, plural};
use eksplan_core::cost::report::format_money;
use eksplan_core::cost::{Analysis, CostReport, Estimate};
use eksplan_core::plan::Plan;
use eksplan_core::{Options, validate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::input::{CliError, today};

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

/// Import findings that matter for the cost: the ones about the files
/// themselves. Those about a missing `describe-cluster` or other collected
/// files are the migration's, not the cost's.
fn file_findings(findings: Vec<eksplan_core::Diagnostic>) -> Vec<eksplan_core::Diagnostic> {
    use eksplan_core::Code;
    findings
        .into_iter()
        .filter(|d| {
            !matches!(
                d.code,
                Code::ImportNoCluster | Code::ImportInputMissing | Code::ImportNotDescribed
            )
        })
        .collect()
}

/// `path: severity[CODE] message` plus an indented fix.
fn findings_text(diags: &[eksplan_core::Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let _ = writeln!(
            out,
            "{}: {}[{}] {}\n    fix: {}",
            d.path,
            d.severity,
            d.code.as_str(),
            d.message,
            d.fix
        );
    }
    out
}

/// Today's fleet and the comparison, as text.
pub fn render_cluster(c: &ClusterCost, analysis: Option<&Analysis>) -> String {
    let mut out = String::new();
    if let Some(t) = &c.today {
        let _ = writeln!(
            out,
            "Your cluster as it runs: {} in {}",
            plural(t.nodes, "node"),
            t.region.as_deref().unwrap_or("an unknown region")
        );
        let _ = writeln!(
            out,
            "  {:>5}  {:<16} {:<10} {:<34} {:>11} {:>12}",
            "Nodes", "Type", "Capacity", "Launched by", "$/h each", "Per month"
        );
        for g in &t.groups {
            let _ = writeln!(
                out,
                "  {:>5}  {:<16} {:<10} {:<34} {:>11} {:>12}{}",
                g.count,
                g.instance_type,
                g.capacity_type,
                g.origin,
                g.hourly
                    .map(|h| format!("${:.5}", h + g.fee_hourly))
                    .unwrap_or_else(|| "-".into()),
                format_money(g.monthly),
                if g.hourly.is_none() && g.instance_type != "fargate" {
                    "  (no price: left out)"
                } else if g.estimate {
                    "  (estimate)"
                } else {
                    ""
                }
            );
        }
        let _ = writeln!(
            out,
            "  Today: {} a month (EC2 {}, Auto Mode fee {}); pods request {:.0}% of the nodes' CPU and {:.0}% of their memory",
            format_money(t.monthly),
            format_money(t.ec2_monthly),
            format_money(t.fee_monthly),
            t.used_cpu_fraction * 100.0,
            t.used_memory_fraction * 100.0
        );
        let _ = writeln!(out);
    }
    let i = &c.imported;
    if c.report.is_some() {
        let _ = writeln!(
            out,
            "Imported pods: {} in {} and {}{}",
            i.pods,
            plural(i.workloads.len() as u64, "workload"),
            plural(i.daemonsets.len() as u64, "DaemonSet"),
            if i.finished > 0 {
                format!(" ({} left out)", plural(i.finished, "finished pod"))
            } else {
                String::new()
            }
        );
    }
    let _ = writeln!(out, "{}", c.statement);
    if let (Some(d), Some(n)) = (c.difference_monthly, c.difference_nodes) {
        let _ = writeln!(
            out,
            "Difference (Auto Mode - today): {} a month, {:+} nodes",
            format_signed_money(d),
            n
        );
    }
    if !c.alternatives.is_empty() {
        let _ = writeln!(out, "The same pods, nodes only (EC2, fees, Fargate pods):");
        for a in &c.alternatives {
            let against = match (a.difference_monthly, a.difference_nodes) {
                (Some(d), Some(n)) => format!(
                    "  ({} a month, {:+} nodes against today)",
                    format_signed_money(d),
                    n
                ),
                _ if !a.possible => {
                    "  (only the pods it can run: not every pod can run this way)".to_owned()
                }
                _ => String::new(),
            };
            let on = if !a.possible {
                String::new()
            } else if a.name == "Fargate" {
                format!(" on {}", plural(a.nodes, "pod"))
            } else {
                format!(" on {}", plural(a.nodes, "node"))
            };
            let _ = writeln!(
                out,
                "  {:<20} {:>12} a month{on}{against}",
                a.name,
                format_money(a.compute_monthly),
            );
        }
    }
    if let Some(a) = analysis {
        let _ = writeln!(out);
        out.push_str(&render("the same pods", a));
    }
    out
}

/// The JSON document of `eksplan cost --from-cluster`.
#[derive(Serialize)]
struct ClusterJson<'a> {
    #[serde(flatten)]
    cluster: &'a ClusterCost,
    /// Today's plan with the imported workload, as `eksplan cost --json`
    /// prints it.
    analysis: Option<Json<'a>>,
    /// Findings about the files.
    import_findings: &'a [eksplan_core::Diagnostic],
}

/// `eksplan cost --from-cluster DIR [PLAN | --preset NAME]`.
pub fn from_cluster(
    dir: &Path,
    plan: Option<&Path>,
    preset: Option<&str>,
    json: bool,
    day: Option<&str>,
) -> Result<ExitCode, CliError> {
    let options = Options {
        today: Some(today(day)?),
    };
    let base = match (plan, preset) {
        (None, None) => Plan::default(),
        _ => crate::commands::plan_or_preset(plan, preset)?.2,
    };
    let mut files = Vec::new();
    crate::migrate::read_input(dir, &mut files)?;
    let import = eksplan_core::import::import(files);
    let import_findings = file_findings(import.findings);
    let c = eksplan_core::cost::cluster::cluster_cost(&base, &import.snapshot.kube, &options);
    let mut findings = import_findings.clone();
    findings.extend(c.findings.iter().cloned());
    let diags = validate(&c.plan, &options);
    let plan_errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == eksplan_core::Severity::Error)
        .cloned()
        .collect();
    if eksplan_core::diag::has_errors(&findings) || !plan_errors.is_empty() {
        eprint!("{}", findings_text(&findings));
        eprint!("{}", findings_text(&plan_errors));
        eprintln!("{}: nothing priced; fix the findings above", dir.display());
        return Ok(ExitCode::from(1));
    }
    let analysis = c
        .report
        .is_some()
        .then(|| eksplan_core::cost::analyse(&c.plan, &eksplan_core::resolve(&c.plan), &options));
    if json {
        let doc = ClusterJson {
            cluster: &c,
            analysis: analysis.as_ref().map(Json::from),
            import_findings: &import_findings,
        };
        let text =
            serde_json::to_string_pretty(&doc).map_err(|e| CliError::Usage(e.to_string()))?;
        println!("{text}");
    } else {
        eprint!("{}", findings_text(&findings));
        print!("{}", render_cluster(&c, analysis.as_ref()));
    }
    Ok(ExitCode::SUCCESS)
}
