//! Savings hints: the simulation re-run on variants of the plan (allow
//! arm64, allow spot, larger nodes, a consolidation policy, a pool order),
//! each with the monthly saving it measured and the plan change that gets
//! it, as typed edits a UI can apply and a CLI can print.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::explain::IdleReason;
use super::money::{format_money, join_and};
use super::report::{self, CostReport};
use crate::Options;
use crate::plan::{
    Arch, CapacityType, ConsolidationPolicy, NodePool, Plan, Requirements, WorkloadKind,
};

/// A change to the plan a hint proposes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum PlanEdit {
    /// Set a workload's image architectures.
    WorkloadArchitectures {
        /// Index in `capacity.workloads`.
        index: usize,
        /// The workload's name (checked when applied).
        workload: String,
        /// New architectures.
        architectures: Vec<Arch>,
    },
    /// Let a workload run on spot.
    WorkloadSpot {
        /// Index in `capacity.workloads`.
        index: usize,
        /// The workload's name.
        workload: String,
        /// New value.
        spot: bool,
    },
    /// Set one label of a workload's node selector.
    WorkloadNodeSelector {
        /// Index in `capacity.workloads`.
        index: usize,
        /// The workload's name.
        workload: String,
        /// Label key.
        key: String,
        /// Label value.
        value: String,
    },
    /// Set a NodePool's architectures.
    PoolArchitectures {
        /// Index in `node_pools`.
        index: usize,
        /// The pool's name.
        pool: String,
        /// New architectures.
        architectures: Vec<Arch>,
    },
    /// Set a NodePool's capacity types.
    PoolCapacityTypes {
        /// Index in `node_pools`.
        index: usize,
        /// The pool's name.
        pool: String,
        /// New capacity types.
        capacity_types: Vec<CapacityType>,
    },
    /// Set a NodePool's smallest instance size (vCPUs).
    PoolMinCpu {
        /// Index in `node_pools`.
        index: usize,
        /// The pool's name.
        pool: String,
        /// New minimum.
        min_cpu: u32,
    },
    /// Lift a NodePool's caps on instance size (`instance_sizes`,
    /// `max_cpu`).
    PoolSizeCaps {
        /// Index in `node_pools`.
        index: usize,
        /// The pool's name.
        pool: String,
        /// New `instance_sizes` (empty: any).
        instance_sizes: Vec<String>,
        /// New `max_cpu`.
        max_cpu: Option<u32>,
    },
    /// Set a NodePool's consolidation policy.
    PoolConsolidation {
        /// Index in `node_pools`.
        index: usize,
        /// The pool's name.
        pool: String,
        /// New policy.
        policy: ConsolidationPolicy,
    },
    /// Set a NodePool's weight.
    PoolWeight {
        /// Index in `node_pools`.
        index: usize,
        /// The pool's name.
        pool: String,
        /// New weight.
        weight: u32,
    },
    /// Add a NodePool.
    AddPool {
        /// The pool.
        pool: Box<NodePool>,
    },
}

/// Why an edit could not be applied.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    /// The workload it names is no longer in the plan.
    #[error("the plan has no workload named `{0}` any more")]
    NoWorkload(String),
    /// The NodePool it names is no longer in the plan.
    #[error("the plan has no NodePool named `{0}` any more")]
    NoPool(String),
    /// A NodePool of that name exists already.
    #[error("the plan already has a NodePool named `{0}`")]
    PoolExists(String),
}

fn list<T: Serialize>(v: &[T]) -> String {
    let names: Vec<String> = v
        .iter()
        .map(|x| {
            serde_json::to_value(x)
                .ok()
                .and_then(|j| j.as_str().map(str::to_owned))
                .unwrap_or_default()
        })
        .collect();
    format!("[{}]", names.join(", "))
}

impl PlanEdit {
    /// The plan field it changes.
    pub fn path(&self) -> String {
        match self {
            PlanEdit::WorkloadArchitectures { index, .. } => {
                format!("capacity.workloads[{index}].architectures")
            }
            PlanEdit::WorkloadSpot { index, .. } => format!("capacity.workloads[{index}].spot"),
            PlanEdit::WorkloadNodeSelector { index, key, .. } => {
                format!("capacity.workloads[{index}].node_selector.{key}")
            }
            PlanEdit::PoolArchitectures { index, .. } => {
                format!("node_pools[{index}].requirements.architectures")
            }
            PlanEdit::PoolCapacityTypes { index, .. } => {
                format!("node_pools[{index}].requirements.capacity_types")
            }
            PlanEdit::PoolMinCpu { index, .. } => {
                format!("node_pools[{index}].requirements.min_cpu")
            }
            PlanEdit::PoolSizeCaps { index, .. } => {
                format!("node_pools[{index}].requirements.instance_sizes, max_cpu")
            }
            PlanEdit::PoolConsolidation { index, .. } => {
                format!("node_pools[{index}].disruption.consolidation_policy")
            }
            PlanEdit::PoolWeight { index, .. } => format!("node_pools[{index}].weight"),
            PlanEdit::AddPool { .. } => "node_pools".into(),
        }
    }

    /// The change in words: `capacity.workloads[0].spot: true`.
    pub fn describe(&self) -> String {
        let value = match self {
            PlanEdit::WorkloadArchitectures {
                workload,
                architectures,
                ..
            } => format!("{} (workload {workload})", list(architectures)),
            PlanEdit::WorkloadSpot { workload, spot, .. } => {
                format!("{spot} (workload {workload})")
            }
            PlanEdit::WorkloadNodeSelector {
                workload, value, ..
            } => format!("{value} (workload {workload})"),
            PlanEdit::PoolArchitectures {
                pool,
                architectures,
                ..
            } => format!("{} (NodePool {pool})", list(architectures)),
            PlanEdit::PoolCapacityTypes {
                pool,
                capacity_types,
                ..
            } => format!("{} (NodePool {pool})", list(capacity_types)),
            PlanEdit::PoolMinCpu { pool, min_cpu, .. } => format!("{min_cpu} (NodePool {pool})"),
            PlanEdit::PoolSizeCaps {
                pool,
                instance_sizes,
                max_cpu,
                ..
            } => format!(
                "{}, {} (NodePool {pool})",
                if instance_sizes.is_empty() {
                    "any size".to_owned()
                } else {
                    format!("[{}]", instance_sizes.join(", "))
                },
                max_cpu.map_or("no vCPU cap".to_owned(), |c| format!("at most {c} vCPU"))
            ),
            PlanEdit::PoolConsolidation { pool, policy, .. } => {
                format!("{} (NodePool {pool})", policy.as_str())
            }
            PlanEdit::PoolWeight { pool, weight, .. } => format!("{weight} (NodePool {pool})"),
            PlanEdit::AddPool { pool } => {
                let r = &pool.requirements;
                let mut parts = vec![format!("add NodePool {}", pool.name)];
                if !r.architectures.is_empty() {
                    parts.push(list(&r.architectures));
                }
                if !r.instance_categories.is_empty() {
                    parts.push(format!("categories {}", r.instance_categories.join(", ")));
                }
                if let Some(g) = r.min_generation {
                    parts.push(format!("generation {g}+"));
                }
                if let Some(c) = r.min_cpu {
                    parts.push(format!("at least {c} vCPU"));
                }
                if !r.capacity_types.is_empty() {
                    parts.push(list(&r.capacity_types));
                }
                if let Some(w) = pool.weight {
                    parts.push(format!("weight {w}"));
                }
                return format!("node_pools: {}", parts.join(", "));
            }
        };
        format!("{}: {value}", self.path())
    }

    /// Apply the edit. Items are found by index and checked by name (by
    /// name alone if they moved).
    pub fn apply(&self, plan: &mut Plan) -> Result<(), EditError> {
        fn workload<'p>(
            plan: &'p mut Plan,
            index: usize,
            name: &str,
        ) -> Result<&'p mut crate::plan::Workload, EditError> {
            let i = if plan
                .capacity
                .workloads
                .get(index)
                .is_some_and(|w| w.name == name)
            {
                index
            } else {
                plan.capacity
                    .workloads
                    .iter()
                    .position(|w| w.name == name)
                    .ok_or_else(|| EditError::NoWorkload(name.to_owned()))?
            };
            Ok(&mut plan.capacity.workloads[i])
        }
        fn pool<'p>(
            plan: &'p mut Plan,
            index: usize,
            name: &str,
        ) -> Result<&'p mut NodePool, EditError> {
            let i = if plan.node_pools.get(index).is_some_and(|p| p.name == name) {
                index
            } else {
                plan.node_pools
                    .iter()
                    .position(|p| p.name == name)
                    .ok_or_else(|| EditError::NoPool(name.to_owned()))?
            };
            Ok(&mut plan.node_pools[i])
        }
        match self {
            PlanEdit::WorkloadArchitectures {
                index,
                workload: w,
                architectures,
            } => workload(plan, *index, w)?.architectures = architectures.clone(),
            PlanEdit::WorkloadSpot {
                index,
                workload: w,
                spot,
            } => workload(plan, *index, w)?.spot = *spot,
            PlanEdit::WorkloadNodeSelector {
                index,
                workload: w,
                key,
                value,
            } => {
                workload(plan, *index, w)?
                    .node_selector
                    .insert(key.clone(), value.clone());
            }
            PlanEdit::PoolArchitectures {
                index,
                pool: p,
                architectures,
            } => pool(plan, *index, p)?.requirements.architectures = architectures.clone(),
            PlanEdit::PoolCapacityTypes {
                index,
                pool: p,
                capacity_types,
            } => pool(plan, *index, p)?.requirements.capacity_types = capacity_types.clone(),
            PlanEdit::PoolMinCpu {
                index,
                pool: p,
                min_cpu,
            } => pool(plan, *index, p)?.requirements.min_cpu = Some(*min_cpu),
            PlanEdit::PoolSizeCaps {
                index,
                pool: p,
                instance_sizes,
                max_cpu,
            } => {
                let r = &mut pool(plan, *index, p)?.requirements;
                r.instance_sizes = instance_sizes.clone();
                r.max_cpu = *max_cpu;
            }
            PlanEdit::PoolConsolidation {
                index,
                pool: p,
                policy,
            } => pool(plan, *index, p)?.disruption.consolidation_policy = *policy,
            PlanEdit::PoolWeight {
                index,
                pool: p,
                weight,
            } => pool(plan, *index, p)?.weight = Some(*weight),
            PlanEdit::AddPool { pool: p } => {
                if plan.node_pools.iter().any(|x| x.name == p.name)
                    || matches!(p.name.as_str(), "general-purpose" | "system")
                {
                    return Err(EditError::PoolExists(p.name.clone()));
                }
                plan.node_pools.push((**p).clone());
            }
        }
        Ok(())
    }
}

/// What a hint changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HintKind {
    /// Let pods run on Graviton (arm64).
    Arm64,
    /// Let interruption-tolerant pods run on spot.
    Spot,
    /// Fewer, larger nodes.
    LargerNodes,
    /// A consolidation policy that removes under-used nodes.
    Consolidation,
    /// Let an idle, cheaper NodePool take its pods first.
    PoolOrder,
}

/// A saving the simulation found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hint {
    /// What kind of change.
    pub kind: HintKind,
    /// In a few words: "Run app on Graviton".
    pub title: String,
    /// What changes and why it saves.
    pub detail: String,
    /// Auto Mode $/month saved (the simulation re-run on the changed plan).
    pub monthly_saving: f64,
    /// Auto Mode $/month after the change.
    pub auto_mode_after: f64,
    /// The plan change.
    pub edits: Vec<PlanEdit>,
    /// What to check before applying it.
    pub caution: Option<String>,
}

impl Hint {
    /// The plan with this hint applied.
    pub fn apply(&self, plan: &Plan) -> Result<Plan, EditError> {
        apply_all(plan, &self.edits)
    }
}

/// The plan with `edits` applied in order.
pub fn apply_all(plan: &Plan, edits: &[PlanEdit]) -> Result<Plan, EditError> {
    let mut p = plan.clone();
    for e in edits {
        e.apply(&mut p)?;
    }
    Ok(p)
}

/// Smallest saving worth a hint, $/month.
const MIN_SAVING: f64 = 1.0;

/// A name not used by any pool of the plan: `base`, `base-2`…
fn fresh_pool(plan: &Plan, base: &str) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while plan.node_pools.iter().any(|p| p.name == name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// A custom pool shaped like the built-in general-purpose one (C, M and R
/// of generation 5 or later, on-demand, amd64) before `tweak`, with a weight
/// that puts it first.
fn pool_like_general_purpose(name: String, tweak: impl FnOnce(&mut Requirements)) -> NodePool {
    let mut requirements = Requirements {
        instance_categories: vec!["c".into(), "m".into(), "r".into()],
        min_generation: Some(5),
        architectures: vec![Arch::Amd64],
        capacity_types: vec![CapacityType::OnDemand],
        ..Requirements::default()
    };
    tweak(&mut requirements);
    NodePool {
        name,
        requirements,
        weight: Some(10),
        ..NodePool::default()
    }
}

/// The pools (by plan index, or `None` for general-purpose) that hold pods
/// in the report.
fn used_pools(plan: &Plan, base: &CostReport) -> (Vec<usize>, bool) {
    let mut custom = Vec::new();
    let mut general_purpose = false;
    for n in &base.fleet.nodes {
        match plan.node_pools.iter().position(|p| p.name == n.pool) {
            Some(i) if !custom.contains(&i) => custom.push(i),
            Some(_) => {}
            None if n.pool == "general-purpose" => general_purpose = true,
            None => {}
        }
    }
    custom.sort_unstable();
    (custom, general_purpose)
}

/// Re-run the cost plan on the changed plan; `None` if the change breaks the
/// plan or leaves pods without a node.
fn measure(
    plan: &Plan,
    edits: &[PlanEdit],
    options: &Options,
    base: &CostReport,
) -> Option<(f64, Plan)> {
    let changed = apply_all(plan, edits).ok()?;
    if crate::diag::has_errors(&crate::validate(&changed, options)) {
        return None;
    }
    let r = report::build(&changed, &crate::resolve(&changed), options, 1.0);
    let pending = |r: &CostReport| r.pending.iter().map(|p| u64::from(p.count)).sum::<u64>();
    (pending(&r) <= pending(base) && r.fleet.pods >= base.fleet.pods)
        .then_some((r.auto_mode.total, changed))
}

/// A hint from a variant, if it saves enough.
#[allow(clippy::too_many_arguments)]
fn variant(
    plan: &Plan,
    options: &Options,
    base: &CostReport,
    kind: HintKind,
    title: String,
    detail: &str,
    edits: Vec<PlanEdit>,
    caution: Option<String>,
) -> Option<Hint> {
    if edits.is_empty() {
        return None;
    }
    let (after, _) = measure(plan, &edits, options, base)?;
    let saving = super::prices::cents(base.auto_mode.total - after);
    (saving >= MIN_SAVING).then(|| Hint {
        kind,
        title,
        detail: format!(
            "{detail} The simulation re-run on the changed plan costs {} a month on Auto Mode instead of {}.",
            format_money(after),
            format_money(base.auto_mode.total)
        ),
        monthly_saving: saving,
        auto_mode_after: after,
        edits,
        caution,
    })
}

fn arm64_hint(plan: &Plan, options: &Options, base: &CostReport) -> Option<Hint> {
    let (custom, general_purpose) = used_pools(plan, base);
    let mut edits = Vec::new();
    let mut workloads = Vec::new();
    for (i, w) in plan.capacity.workloads.iter().enumerate() {
        if w.replicas > 0 && w.architectures == [Arch::Amd64] {
            edits.push(PlanEdit::WorkloadArchitectures {
                index: i,
                workload: w.name.clone(),
                architectures: vec![Arch::Amd64, Arch::Arm64],
            });
            workloads.push(w.name.clone());
        }
    }
    let mut pools = Vec::new();
    for &i in &custom {
        let p = &plan.node_pools[i];
        if p.requirements.architectures == [Arch::Amd64] {
            edits.push(PlanEdit::PoolArchitectures {
                index: i,
                pool: p.name.clone(),
                architectures: vec![Arch::Amd64, Arch::Arm64],
            });
            pools.push(format!("NodePool {}", p.name));
        }
    }
    if general_purpose {
        let name = fresh_pool(plan, "graviton");
        pools.push(format!("a new NodePool {name}"));
        edits.push(PlanEdit::AddPool {
            pool: Box::new(pool_like_general_purpose(name, |r| {
                r.architectures = vec![Arch::Arm64];
                r.min_generation = Some(6);
            })),
        });
    }
    let mut what = Vec::new();
    if !workloads.is_empty() {
        what.push(format!("let {} run on arm64", join_and(&workloads)));
    }
    if !pools.is_empty() {
        what.push(format!("allow arm64 (Graviton) in {}", join_and(&pools)));
    }
    variant(
        plan,
        options,
        base,
        HintKind::Arm64,
        "Run on Graviton (arm64)".into(),
        &format!(
            "Graviton instances cost less than the Intel and AMD ones they replace: {}.",
            what.join("; ")
        ),
        edits,
        Some(
            "The container images must be built for arm64 (multi-architecture images run on both)."
                .into(),
        ),
    )
}

fn spot_hint(plan: &Plan, options: &Options, base: &CostReport) -> Option<Hint> {
    let (custom, general_purpose) = used_pools(plan, base);
    // Deployments whose pods run on on-demand nodes: let them take spot and
    // select it, or they join on-demand nodes launched for other pods.
    let on_demand: Vec<&str> = base
        .fleet
        .nodes
        .iter()
        .filter(|n| n.capacity_type == "on-demand")
        .flat_map(|n| n.pods.iter().map(|p| p.workload.as_str()))
        .collect();
    let mut edits = Vec::new();
    let mut workloads = Vec::new();
    for (i, w) in plan.capacity.workloads.iter().enumerate() {
        let candidate = w.replicas > 0
            && w.kind == WorkloadKind::Deployment
            && w.gpus == 0
            && on_demand.contains(&w.name.as_str())
            && !w.node_selector.contains_key("karpenter.sh/capacity-type")
            && !w.node_selector.contains_key("karpenter.sh/nodepool");
        if !candidate {
            continue;
        }
        if !w.spot {
            edits.push(PlanEdit::WorkloadSpot {
                index: i,
                workload: w.name.clone(),
                spot: true,
            });
        }
        edits.push(PlanEdit::WorkloadNodeSelector {
            index: i,
            workload: w.name.clone(),
            key: "karpenter.sh/capacity-type".into(),
            value: "spot".into(),
        });
        workloads.push(w.name.clone());
    }
    if workloads.is_empty() {
        return None;
    }
    let mut pools = Vec::new();
    let mut spot_pool = plan.node_pools.iter().any(|p| {
        p.replicas.is_none() && p.requirements.capacity_types.contains(&CapacityType::Spot)
    });
    for &i in &custom {
        let p = &plan.node_pools[i];
        let types = &p.requirements.capacity_types;
        if !types.is_empty() && !types.contains(&CapacityType::Spot) {
            let mut t = types.clone();
            t.push(CapacityType::Spot);
            edits.push(PlanEdit::PoolCapacityTypes {
                index: i,
                pool: p.name.clone(),
                capacity_types: t,
            });
            pools.push(format!("NodePool {}", p.name));
            spot_pool = true;
        }
    }
    if general_purpose && !spot_pool {
        let name = fresh_pool(plan, "spot");
        pools.push(format!("a new NodePool {name}"));
        edits.push(PlanEdit::AddPool {
            pool: Box::new(pool_like_general_purpose(name, |r| {
                r.capacity_types = vec![CapacityType::Spot];
            })),
        });
    }
    let mut detail = format!(
        "Run {} on spot: allow it and select it (karpenter.sh/capacity-type: spot), or the pods join on-demand nodes launched for others",
        join_and(&workloads)
    );
    if !pools.is_empty() {
        detail += &format!("; allow spot in {}", join_and(&pools));
    }
    detail += ".";
    variant(
        plan,
        options,
        base,
        HintKind::Spot,
        "Run Deployments on spot".into(),
        &detail,
        edits,
        Some("Spot nodes can be reclaimed with two minutes' notice: only for pods that tolerate it, and selecting spot means no on-demand fallback. Spot prices are an estimate (a share of on-demand) and move with demand; the Auto Mode fee stays at its on-demand rate.".into()),
    )
}

fn larger_nodes_hint(plan: &Plan, options: &Options, base: &CostReport) -> Option<Hint> {
    let (custom, general_purpose) = used_pools(plan, base);
    let mut best: Option<Hint> = None;
    for min_cpu in [4u32, 8, 16] {
        let mut edits = Vec::new();
        let mut pools = Vec::new();
        for &i in &custom {
            let p = &plan.node_pools[i];
            let r = &p.requirements;
            if p.replicas.is_some() || r.min_cpu.unwrap_or(0) >= min_cpu {
                continue;
            }
            // Caps that would leave no type of that size go too.
            if !r.instance_sizes.is_empty() || r.max_cpu.is_some_and(|c| c < min_cpu) {
                edits.push(PlanEdit::PoolSizeCaps {
                    index: i,
                    pool: p.name.clone(),
                    instance_sizes: Vec::new(),
                    max_cpu: r.max_cpu.filter(|&c| c >= min_cpu),
                });
            }
            edits.push(PlanEdit::PoolMinCpu {
                index: i,
                pool: p.name.clone(),
                min_cpu,
            });
            pools.push(format!("NodePool {}", p.name));
        }
        if general_purpose {
            let name = fresh_pool(plan, "general-large");
            pools.push(format!("a new NodePool {name}"));
            edits.push(PlanEdit::AddPool {
                pool: Box::new(pool_like_general_purpose(name, |r| {
                    r.min_cpu = Some(min_cpu);
                })),
            });
        }
        let hint = variant(
            plan,
            options,
            base,
            HintKind::LargerNodes,
            format!("Use nodes of at least {min_cpu} vCPU"),
            &format!(
                "Fewer, larger nodes carry the DaemonSets and a node volume fewer times and pack pods with less left over: at least {min_cpu} vCPU per node in {}.",
                join_and(&pools)
            ),
            edits,
            Some("Larger nodes mean more pods go down with one node: keep replicas spread (zones, one pod per node where it matters).".into()),
        );
        if let Some(h) = hint
            && best
                .as_ref()
                .is_none_or(|b| h.monthly_saving > b.monthly_saving)
        {
            best = Some(h);
        }
    }
    best
}

/// The share of the workload assumed in its daily trough, for the
/// consolidation hint.
pub const TROUGH_KEEP: f64 = 0.5;

/// Hours a month assumed in that trough (8 hours a day).
pub const TROUGH_HOURS: f64 = super::prices::HOURS_PER_MONTH / 3.0;

fn consolidation_hint(plan: &Plan, options: &Options, base: &CostReport) -> Option<Hint> {
    let (custom, _) = used_pools(plan, base);
    let targets: Vec<usize> = custom
        .into_iter()
        .filter(|&i| {
            let p = &plan.node_pools[i];
            p.replicas.is_none()
                && p.disruption.consolidation_policy == ConsolidationPolicy::WhenEmpty
        })
        .collect();
    if targets.is_empty() {
        return None;
    }
    let names: Vec<String> = targets
        .iter()
        .map(|&i| plan.node_pools[i].name.clone())
        .collect();
    // A fleet launched for the peak keeps its nodes in the trough unless
    // consolidation may move pods: compare the trough fleets.
    let (before, nodes_before) = report::trough(plan, &crate::resolve(plan), TROUGH_KEEP);
    let mut best: Option<Hint> = None;
    for policy in [
        ConsolidationPolicy::Balanced,
        ConsolidationPolicy::WhenEmptyOrUnderutilized,
    ] {
        let edits: Vec<PlanEdit> = targets
            .iter()
            .map(|&i| PlanEdit::PoolConsolidation {
                index: i,
                pool: plan.node_pools[i].name.clone(),
                policy,
            })
            .collect();
        let Ok(changed) = apply_all(plan, &edits) else {
            continue;
        };
        if crate::diag::has_errors(&crate::validate(&changed, options)) {
            continue;
        }
        let (after, nodes_after) = report::trough(&changed, &crate::resolve(&changed), TROUGH_KEEP);
        let saving = super::prices::cents((before - after) * TROUGH_HOURS);
        if saving < MIN_SAVING {
            continue;
        }
        let caution = match policy {
            ConsolidationPolicy::Balanced => {
                "Consolidation evicts pods to move them: give workloads PodDisruptionBudgets. The saving assumes the workload falls to half for 8 hours a day, an estimate."
            }
            _ => {
                "Consolidation evicts pods to move them, and WhenEmptyOrUnderutilized does it for any saving: give workloads PodDisruptionBudgets, or prefer Balanced. The saving assumes the workload falls to half for 8 hours a day, an estimate."
            }
        };
        let hint = Hint {
            kind: HintKind::Consolidation,
            title: format!("Consolidate under-used nodes ({})", policy.as_str()),
            detail: format!(
                "With WhenEmpty, {} keeps every node it launched for the peak until the node is empty. When the workload falls to half (assumed 8 hours a day), {} moves pods and runs {} instead of {}: {}/h less in the trough.",
                join_and(&names),
                policy.as_str(),
                super::money::plural(nodes_after as u64, "node"),
                nodes_before,
                format_money(before - after)
            ),
            monthly_saving: saving,
            auto_mode_after: super::prices::cents(base.auto_mode.total - saving),
            edits,
            caution: Some(caution.into()),
        };
        // Balanced unless the eager policy saves clearly more.
        if best
            .as_ref()
            .is_none_or(|b| hint.monthly_saving > b.monthly_saving + MIN_SAVING)
        {
            best = Some(hint);
        }
    }
    best
}

fn pool_order_hints(plan: &Plan, options: &Options, base: &CostReport) -> Vec<Hint> {
    let mut out = Vec::new();
    for idle in &base.idle_pools {
        let IdleReason::TakenFirst { by, joined } = &idle.reason else {
            continue;
        };
        let Some(index) = plan.node_pools.iter().position(|p| p.name == idle.pool) else {
            continue;
        };
        if plan.node_pools[index].replicas.is_some() {
            continue;
        }
        let (edits, title, detail) = if *joined {
            // It comes first already: send the pods there.
            let edits: Vec<PlanEdit> = plan
                .capacity
                .workloads
                .iter()
                .enumerate()
                .filter(|(_, w)| {
                    idle.workloads.contains(&w.name)
                        && !w.node_selector.contains_key("karpenter.sh/nodepool")
                })
                .map(|(i, w)| PlanEdit::WorkloadNodeSelector {
                    index: i,
                    workload: w.name.clone(),
                    key: "karpenter.sh/nodepool".into(),
                    value: idle.pool.clone(),
                })
                .collect();
            (
                edits,
                format!(
                    "Send {} to NodePool {}",
                    join_and(&idle.workloads),
                    idle.pool
                ),
                format!(
                    "NodePool {} launched nothing because its pods joined nodes {} was launching for others; selecting the pool sends them there.",
                    idle.pool,
                    join_and(by)
                ),
            )
        } else {
            let takers_weight = by
                .iter()
                .filter_map(|name| plan.node_pools.iter().find(|p| p.name == *name))
                .filter_map(|p| p.weight)
                .max()
                .unwrap_or(0);
            let weight = (takers_weight + 10).min(100);
            if plan.node_pools[index].weight.unwrap_or(0) >= weight {
                continue;
            }
            (
                vec![PlanEdit::PoolWeight {
                    index,
                    pool: idle.pool.clone(),
                    weight,
                }],
                format!("Let NodePool {} go first", idle.pool),
                format!(
                    "NodePool {} launched nothing because {} took its pods first; with weight {weight} it is tried first.",
                    idle.pool,
                    join_and(by)
                ),
            )
        };
        if let Some(h) = variant(
            plan,
            options,
            base,
            HintKind::PoolOrder,
            title,
            &detail,
            edits,
            None,
        ) {
            out.push(h);
        }
    }
    out
}

/// Savings hints for a plan whose cost report is `base`, largest saving
/// first. Each one re-runs the simulation on the changed plan.
pub fn hints(plan: &Plan, options: &Options, base: &CostReport) -> Vec<Hint> {
    if base.fleet.nodes.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Hint> = [
        arm64_hint(plan, options, base),
        spot_hint(plan, options, base),
        larger_nodes_hint(plan, options, base),
        consolidation_hint(plan, options, base),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.extend(pool_order_hints(plan, options, base));
    out.sort_by(|a, b| b.monthly_saving.total_cmp(&a.monthly_saving));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::date::Date;
    use crate::cost::prices::Source;

    fn options() -> Options {
        Options {
            today: Some(Date::new(2026, 11, 21)),
        }
    }

    fn plan(yaml: &str) -> Plan {
        Plan::from_yaml(yaml).unwrap_or_else(|e| panic!("{e}"))
    }

    fn base(p: &Plan) -> CostReport {
        report::build(p, &crate::resolve(p), &options(), 1.0)
    }

    /// Every hint's saving is what the simulation measures on the changed
    /// plan: the Auto Mode total for most, the trough fleet for
    /// consolidation.
    fn verified(p: &Plan) -> Vec<Hint> {
        assert!(!crate::diag::has_errors(&crate::validate(p, &options())));
        let b = base(p);
        let hs = hints(p, &options(), &b);
        for h in &hs {
            let changed = h.apply(p).unwrap_or_else(|e| panic!("{e}"));
            assert!(!crate::diag::has_errors(&crate::validate(
                &changed,
                &options()
            )));
            if h.kind == HintKind::Consolidation {
                let (before, _) = report::trough(p, &crate::resolve(p), TROUGH_KEEP);
                let (after, _) = report::trough(&changed, &crate::resolve(&changed), TROUGH_KEEP);
                let saving = super::super::prices::cents((before - after) * TROUGH_HOURS);
                assert!((saving - h.monthly_saving).abs() < 0.005, "{h:?}");
            } else {
                let r = base(&changed);
                assert!(
                    (b.auto_mode.total - r.auto_mode.total - h.monthly_saving).abs() < 0.005,
                    "{}: {} − {} ≠ {}",
                    h.title,
                    b.auto_mode.total,
                    r.auto_mode.total,
                    h.monthly_saving
                );
                assert!((r.auto_mode.total - h.auto_mode_after).abs() < 0.005);
                assert!(
                    r.pending.iter().map(|x| x.count).sum::<u32>()
                        <= b.pending.iter().map(|x| x.count).sum::<u32>()
                );
            }
            assert!(h.monthly_saving >= MIN_SAVING);
            assert!(!h.edits.is_empty());
            for e in &h.edits {
                assert!(
                    !e.describe().is_empty() && e.describe().contains(':'),
                    "{}",
                    e.describe()
                );
            }
        }
        assert!(
            hs.windows(2)
                .all(|w| w[0].monthly_saving >= w[1].monthly_saving)
        );
        hs
    }

    fn kind(hs: &[Hint], k: HintKind) -> &Hint {
        hs.iter().find(|h| h.kind == k).unwrap_or_else(|| {
            panic!(
                "no {k:?} hint in {:?}",
                hs.iter().map(|h| &h.title).collect::<Vec<_>>()
            )
        })
    }

    const WEB: &str = "cluster: {name: c, region: eu-west-1}\ncapacity:\n  workloads: [{name: web, replicas: 12, cpu: 500m, memory: 1Gi}]\n  daemonsets: [{name: agent, cpu: 200m, memory: 256Mi}]\n";

    #[test]
    fn graviton_and_spot_on_the_general_purpose_pool() {
        let p = plan(WEB);
        let hs = verified(&p);
        let arm = kind(&hs, HintKind::Arm64);
        match &arm.edits[..] {
            [PlanEdit::AddPool { pool }] => {
                assert_eq!(pool.name, "graviton");
                assert_eq!(pool.requirements.architectures, [Arch::Arm64]);
                assert_eq!(pool.weight, Some(10));
            }
            other => panic!("{other:?}"),
        }
        assert!(arm.caution.as_deref().is_some_and(|c| c.contains("arm64")));
        let spot = kind(&hs, HintKind::Spot);
        assert!(
            matches!(&spot.edits[0], PlanEdit::WorkloadSpot { workload, spot: true, .. } if workload == "web")
        );
        assert!(
            matches!(&spot.edits[1], PlanEdit::WorkloadNodeSelector { key, value, .. } if key == "karpenter.sh/capacity-type" && value == "spot")
        );
        assert!(
            matches!(&spot.edits[2], PlanEdit::AddPool { pool } if pool.requirements.capacity_types == [CapacityType::Spot])
        );
        // Applying the Graviton hint gives an arm64 fleet at eu-west-1 prices.
        let r = base(&arm.apply(&p).unwrap_or_default());
        assert!(r.fleet.nodes.iter().all(|n| n.pool == "graviton"));
        assert!(
            r.fleet
                .nodes
                .iter()
                .all(|n| n.price_source != Source::Catalog)
        );
    }

    #[test]
    fn statefulsets_are_not_moved_to_spot() {
        let p = plan(
            "cluster: {name: c}\ncapacity:\n  workloads: [{name: db, kind: StatefulSet, replicas: 6, cpu: \"2\", memory: 8Gi}]\n",
        );
        let hs = verified(&p);
        assert!(hs.iter().all(|h| h.kind != HintKind::Spot), "{hs:?}");
    }

    #[test]
    fn the_graviton_spot_pool_in_eu_west_1_launches_once_it_goes_first() {
        // The issue's report: a Graviton spot NodePool in eu-west-1 that
        // launched nothing. It has the same weight as general-purpose,
        // which comes first by name and takes the pods on-demand.
        let yaml = "cluster: {name: c, region: eu-west-1}\nnode_pools:\n- name: graviton-spot\n  requirements: {architectures: [arm64], capacity_types: [spot], instance_categories: [c, m, r]}\ncapacity:\n  workloads: [{name: batch, replicas: 20, cpu: \"1\", memory: 2Gi, spot: true}]\n";
        let p = plan(yaml);
        let b = base(&p);
        let idle = b
            .idle_pools
            .iter()
            .find(|i| i.pool == "graviton-spot")
            .expect("idle");
        assert!(
            matches!(&idle.reason, IdleReason::TakenFirst { by, joined: false } if by == &["general-purpose"])
        );
        let hs = verified(&p);
        let order = kind(&hs, HintKind::PoolOrder);
        assert!(
            matches!(&order.edits[..], [PlanEdit::PoolWeight { pool, weight: 10, .. }] if pool == "graviton-spot")
        );
        // With the weight, it launches: Graviton, spot, eu-west-1 estimates.
        let r = base(&order.apply(&p).unwrap_or_default());
        assert!(r.idle_pools.iter().all(|i| i.pool != "graviton-spot"));
        assert!(!r.fleet.nodes.is_empty());
        for n in &r.fleet.nodes {
            assert_eq!(
                (n.pool.as_str(), n.capacity_type),
                ("graviton-spot", "spot")
            );
            let t = crate::catalog::instances::find(&n.instance_type).expect("type");
            assert_eq!(t.arch, crate::catalog::instances::CpuArch::Arm64);
            assert_eq!(n.price_source, Source::Estimated, "spot is an estimate");
        }
        assert!(r.auto_mode.line("EC2 spot (estimate)").is_some());
        // Written with a weight from the start, it launches directly.
        let r = base(&plan(&yaml.replace(
            "- name: graviton-spot\n",
            "- name: graviton-spot\n  weight: 10\n",
        )));
        assert!(r.fleet.nodes.iter().all(|n| n.pool == "graviton-spot"));
    }

    #[test]
    fn pods_that_joined_planned_nodes_are_sent_to_their_pool() {
        // The Graviton spot pool comes first, yet the batch pods join the
        // database's on-demand nodes; selecting the pool sends them there.
        let p = plan(
            "cluster: {name: c, region: eu-west-1}\nnode_pools:\n- name: graviton-spot\n  weight: 10\n  requirements: {architectures: [arm64], capacity_types: [spot], instance_categories: [c, m, r]}\ncapacity:\n  workloads:\n  - {name: db, kind: StatefulSet, replicas: 3, cpu: \"2\", memory: 8Gi, one_per_node: true}\n  - {name: batch, replicas: 30, cpu: \"1\", memory: 2Gi, spot: true}\n",
        );
        let hs = verified(&p);
        let h = kind(&hs, HintKind::PoolOrder);
        assert!(
            matches!(&h.edits[..], [PlanEdit::WorkloadNodeSelector { workload, key, value, .. }] if workload == "batch" && key == "karpenter.sh/nodepool" && value == "graviton-spot"),
            "{:?}",
            h.edits
        );
        let r = base(&h.apply(&p).unwrap_or_default());
        assert!(
            r.fleet
                .nodes
                .iter()
                .any(|n| n.pool == "graviton-spot" && n.capacity_type == "spot")
        );
    }

    #[test]
    fn small_capped_nodes_become_larger() {
        // A pool capped at `large` (2 vCPU) with a 500m DaemonSet: each
        // node holds three 400m pods beside the agent, six nodes for 18
        // pods; one 8-vCPU node holds them all (7.7 vCPU) and carries the
        // agent and a node volume once.
        let p = plan(
            "cluster: {name: c}\nauto_mode: {general_purpose_pool: false, system_pool: true}\nnode_pools:\n- name: apps\n  requirements: {instance_categories: [c, m], instance_sizes: [large]}\ncapacity:\n  workloads: [{name: web, replicas: 18, cpu: 400m, memory: 512Mi}]\n  daemonsets: [{name: agent, cpu: 500m, memory: 512Mi}]\n",
        );
        let hs = verified(&p);
        let h = kind(&hs, HintKind::LargerNodes);
        assert!(h.edits.iter().any(|e| matches!(e, PlanEdit::PoolSizeCaps { instance_sizes, .. } if instance_sizes.is_empty())));
        assert!(
            h.edits
                .iter()
                .any(|e| matches!(e, PlanEdit::PoolMinCpu { .. }))
        );
        let after = base(&h.apply(&p).unwrap_or_default());
        assert!(after.fleet.nodes.len() < base(&p).fleet.nodes.len());
    }

    #[test]
    fn when_empty_pools_are_offered_consolidation() {
        let p = plan(
            "cluster: {name: c}\nnode_pools:\n- name: apps\n  weight: 10\n  requirements: {instance_categories: [m], max_cpu: 8}\n  disruption: {consolidation_policy: WhenEmpty}\ncapacity:\n  workloads:\n  - {name: big, replicas: 9, cpu: 2500m, memory: 4Gi}\n  - {name: mid, replicas: 5, cpu: 900m, memory: 3Gi}\n  - {name: small, replicas: 11, cpu: 150m, memory: 256Mi}\n",
        );
        let hs = verified(&p);
        let h = kind(&hs, HintKind::Consolidation);
        assert!(
            matches!(&h.edits[..], [PlanEdit::PoolConsolidation { pool, policy: ConsolidationPolicy::Balanced, .. }] if pool == "apps"),
            "{:?}",
            h.edits
        );
        assert!(
            h.caution
                .as_deref()
                .is_some_and(|c| c.contains("8 hours a day"))
        );
    }

    #[test]
    fn edits_find_their_items_and_refuse_stale_ones() {
        let mut p = plan(WEB);
        let e = PlanEdit::WorkloadSpot {
            index: 5,
            workload: "web".into(),
            spot: true,
        };
        e.apply(&mut p).unwrap_or_default();
        assert!(p.capacity.workloads[0].spot, "found by name");
        let gone = PlanEdit::PoolWeight {
            index: 0,
            pool: "nope".into(),
            weight: 5,
        };
        assert_eq!(gone.apply(&mut p), Err(EditError::NoPool("nope".into())));
        let dup = PlanEdit::AddPool {
            pool: Box::new(NodePool {
                name: "system".into(),
                ..NodePool::default()
            }),
        };
        assert_eq!(
            dup.apply(&mut p),
            Err(EditError::PoolExists("system".into()))
        );
        assert_eq!(
            PlanEdit::WorkloadArchitectures {
                index: 0,
                workload: "web".into(),
                architectures: vec![Arch::Amd64, Arch::Arm64]
            }
            .describe(),
            "capacity.workloads[0].architectures: [amd64, arm64] (workload web)"
        );
        // Edits round-trip as JSON (the CLI prints them, the UI applies them).
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert_eq!(serde_json::from_str::<PlanEdit>(&json).ok(), Some(e));
    }

    #[test]
    fn no_fleet_no_hints() {
        let p = plan("cluster: {name: c}\n");
        assert!(hints(&p, &options(), &base(&p)).is_empty());
    }
}
