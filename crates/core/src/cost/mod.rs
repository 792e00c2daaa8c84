//! The capacity and cost plan: what Auto Mode would launch for the plan's
//! workload, what that costs a month, and what the same workload would cost
//! on managed node groups and on Fargate.
//!
//! ```text
//! Plan.capacity + Design ──model──▶ types, NodePools, pods
//!                        ──simulate──▶ fleet ──prices──▶ CostReport
//!                                              ──bound──▶ cost ÷ LP bound
//! ```
//!
//! Prices are us-east-1 on-demand from the catalog (see
//! [`crate::catalog::instances::CATALOG_DATE`]); every rate can be
//! overridden in the plan. Like the rest of the core, this reads no clock:
//! the support phase of the Kubernetes version comes from
//! [`Options::today`](crate::Options).

pub mod bound;
pub mod breakeven;
pub mod cluster;
pub mod control_plane;
pub mod explain;
pub mod fargate;
pub mod hints;
pub mod mix;
pub mod model;
pub mod money;
pub mod prices;
pub mod region;
pub mod report;
pub mod simulate;

pub use breakeven::BreakEven;
pub use hints::{Hint, PlanEdit};
pub use report::{CostReport, CurvePoint, Estimate, Line};

use crate::Options;
use crate::design::Design;
use crate::plan::Plan;

/// Workload sizes of the break-even view, as factors of the plan's own.
pub const CURVE_FACTORS: [f64; 6] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0];

/// The cost report for a plan and its design.
pub fn estimate(plan: &Plan, design: &Design, options: &Options) -> CostReport {
    report::build(plan, design, options, 1.0)
}

/// Everything the cost view shows, computed in one call: the report, the
/// break-even curve and its statement, and the savings hints.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Analysis {
    /// The cost report.
    pub report: CostReport,
    /// Monthly totals as the workload is scaled by [`CURVE_FACTORS`]
    /// (empty without pods).
    pub curve: Vec<CurvePoint>,
    /// Where the options cross, in words.
    pub break_even: BreakEven,
    /// Savings the simulation found on variants of the plan.
    pub hints: Vec<Hint>,
}

/// The full cost analysis of a plan: what `eksplan cost` prints and the
/// cost view draws ([`overview`] and [`savings`] together).
pub fn analyse(plan: &Plan, design: &Design, options: &Options) -> Analysis {
    let mut a = overview(plan, design, options);
    a.hints = hints::hints(plan, options, &a.report);
    a
}

/// The report, the break-even curve and its statement, without the savings
/// hints (which re-run the simulation several times more): what the cost
/// view follows keystroke by keystroke.
pub fn overview(plan: &Plan, design: &Design, options: &Options) -> Analysis {
    let report = estimate(plan, design, options);
    let curve = if plan.capacity.has_pods() {
        curve(plan, design, options, &CURVE_FACTORS)
    } else {
        Vec::new()
    };
    let break_even = breakeven::break_even(&curve, report.fleet.pods);
    Analysis {
        report,
        curve,
        break_even,
        hints: Vec::new(),
    }
}

/// The savings hints alone, each found by re-running the simulation on a
/// variant of the plan (the cost view looks for them once typing pauses).
pub fn savings(plan: &Plan, design: &Design, options: &Options) -> Vec<Hint> {
    hints::hints(plan, options, &estimate(plan, design, options))
}

/// Monthly totals of the three options as the workload grows or shrinks:
/// every workload's replicas (and the quick pods) times each factor.
pub fn curve(plan: &Plan, design: &Design, options: &Options, factors: &[f64]) -> Vec<CurvePoint> {
    factors
        .iter()
        .map(|&f| {
            let r = report::build(plan, design, options, f);
            CurvePoint {
                factor: f,
                pods: r.fleet.pods,
                auto_mode: r.auto_mode.total,
                managed_node_groups: r.managed_node_groups.total,
                fargate: r.fargate.possible.then_some(r.fargate.total),
            }
        })
        .collect()
}
