//! The view explains itself: why a NodePool launched nothing, and why pods
//! stay pending, in words a reader can act on.

use serde::Serialize;

use super::model::{Miss, Model, TypeMiss};
use super::money::{join_and, plural};
use super::simulate::{Outcome, Pending};
use crate::plan::Plan;

/// Why a NodePool launched nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IdleReason {
    /// Its requirements leave no instance type Auto Mode launches here.
    NoTypes,
    /// No workload can use it (taints, selectors, architecture, capacity
    /// type).
    NoPodSelects,
    /// Its instance types are all too small for the pods that select it.
    TooSmall,
    /// Pods that could run here went to other NodePools first.
    TakenFirst {
        /// The pools that took them, in order.
        by: Vec<String>,
        /// This pool comes first, but the pods joined nodes the others were
        /// already launching for pods this pool cannot take (Karpenter fills
        /// planned nodes before it starts new ones).
        joined: bool,
    },
    /// Its limits leave room for no node.
    Limits,
    /// It launched nodes, and consolidation moved their pods elsewhere.
    Consolidated,
    /// The pods that could run here stay pending.
    PodsPending,
}

/// A NodePool without nodes, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IdlePool {
    /// NodePool.
    pub pool: String,
    /// Plan field path of the pool.
    pub path: String,
    /// The workloads that could run on it.
    pub workloads: Vec<String>,
    /// Why, as a code.
    pub reason: IdleReason,
    /// Why, in words.
    pub message: String,
}

/// Why pods stay pending, as a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PendingKind {
    /// No NodePool accepts them.
    NoNodePool,
    /// Larger than every type the NodePools may launch for them.
    TooLarge,
    /// The NodePools' limits are reached.
    Limits,
    /// Zone spread or affinity cannot be met.
    Zones,
}

/// Pods that would stay pending.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PendingPods {
    /// Workload.
    pub workload: String,
    /// Plan field path of the workload.
    pub path: String,
    /// How many.
    pub count: u32,
    /// Why, as a code.
    pub kind: PendingKind,
    /// Why, in one sentence.
    pub reason: String,
    /// The evidence, one line per NodePool.
    pub details: Vec<String>,
}

/// The plan field path of a pool.
pub fn pool_path(plan: &Plan, name: &str) -> String {
    match name {
        "general-purpose" if !plan.node_pools.iter().any(|p| p.name == name) => {
            "auto_mode.general_purpose_pool".into()
        }
        "system" if !plan.node_pools.iter().any(|p| p.name == name) => {
            "auto_mode.system_pool".into()
        }
        _ => plan
            .node_pools
            .iter()
            .position(|p| p.name == name)
            .map_or_else(|| "node_pools".into(), |i| format!("node_pools[{i}]")),
    }
}

/// One pool's miss for a group, in words.
pub fn miss_text(m: &Miss) -> String {
    match m {
        Miss::Taint(t) => format!("the pods do not tolerate its taint {t}"),
        Miss::Selector {
            key,
            value,
            pool_has: Some(has),
        } => format!("the pods select {key}={value}, its nodes are {key}={has}"),
        Miss::Selector { key, value, .. } => {
            format!("the pods select {key}={value}, which its nodes do not carry")
        }
        Miss::Zone(z) => format!("the pods select zone {z}, which the cluster does not use"),
        Miss::CapacityType {
            pool_on_demand,
            pool_spot,
            pods_spot,
        } => match (pool_on_demand, pool_spot, pods_spot) {
            (false, true, false) => {
                "it launches spot only and the pods do not accept spot (set `spot: true` on the workload if they tolerate interruptions)".into()
            }
            (true, false, _) => {
                "it launches on-demand only and the pods select spot".into()
            }
            _ => "its capacity types and the pods' node selector do not meet".into(),
        },
        Miss::Types(TypeMiss::Architecture) => {
            "none of its instance types has an architecture the pods' images run on".into()
        }
        Miss::Types(TypeMiss::Selector) => {
            "none of its instance types matches the pods' node selector".into()
        }
        Miss::Types(TypeMiss::Gpus) => {
            "none of its instance types has the GPUs the pods ask for".into()
        }
    }
}

fn vcpu(m: u64) -> String {
    let v = m as f64 / 1000.0;
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0} vCPU")
    } else {
        format!("{v:.2} vCPU")
    }
}

fn gib(mib: u64) -> String {
    let g = mib as f64 / 1024.0;
    if g >= 10.0 || (g - g.round()).abs() < 1e-9 {
        format!("{g:.0} GiB")
    } else {
        format!("{g:.1} GiB")
    }
}

/// Pods each pool has and the groups that could use it.
struct Usage {
    /// Pods placed per pool.
    pool_pods: Vec<u64>,
    /// Per group, the pools its pods ended up on.
    group_pools: Vec<Vec<u16>>,
}

fn usage(model: &Model, outcome: &Outcome) -> Usage {
    let mut pool_pods = vec![0u64; model.pools.len()];
    let mut group_pools = vec![Vec::new(); model.groups.len()];
    for n in &outcome.nodes {
        for &(g, c) in &n.groups {
            pool_pods[usize::from(n.pool)] += u64::from(c);
            let v: &mut Vec<u16> = &mut group_pools[usize::from(g)];
            if !v.contains(&n.pool) {
                v.push(n.pool);
            }
        }
    }
    Usage {
        pool_pods,
        group_pools,
    }
}

/// Whether type `t` holds one pod of group `g` in pool `p`, beside the
/// pool's DaemonSets.
fn holds_one(model: &Model, p: usize, t: u16, g: usize) -> bool {
    let pool = &model.pools[p];
    let st = &model.types[usize::from(t)];
    let group = &model.groups[g];
    let pods = if pool.prefix_delegation {
        st.pods_pd
    } else {
        st.pods_eni
    };
    st.cpu_m >= group.cpu_m + pool.overhead.cpu_m
        && st.mem_mib >= group.mem_mib + pool.overhead.mem_mib
        && st.gpus >= group.gpus
        && pods > pool.overhead.pods
}

/// NodePools that launched nothing, and why. Empty when the plan has no
/// pods (every pool is idle then, for the same obvious reason).
pub fn idle_pools(plan: &Plan, model: &Model, outcome: &Outcome, region: &str) -> Vec<IdlePool> {
    if model.groups.iter().all(|g| g.count == 0) {
        return Vec::new();
    }
    let u = usage(model, outcome);
    let mut out = Vec::new();
    for p in 0..model.pools.len() {
        if u.pool_pods[p] > 0 || outcome.nodes.iter().any(|n| usize::from(n.pool) == p) {
            continue;
        }
        let info = &model.specs[p];
        let (reason, message) = idle_reason(model, outcome, &u, p, region);
        out.push(IdlePool {
            pool: info.name.clone(),
            path: pool_path(plan, &info.name),
            workloads: eligible(model, p)
                .into_iter()
                .map(|g| model.groups[g].name.clone())
                .collect(),
            reason,
            message,
        });
    }
    out
}

/// Groups with pods that could run on pool `p`.
fn eligible(model: &Model, p: usize) -> Vec<usize> {
    (0..model.groups.len())
        .filter(|&g| {
            model.groups[g].count > 0
                && model.groups[g]
                    .placements
                    .iter()
                    .any(|pl| usize::from(pl.pool) == p)
        })
        .collect()
}

fn idle_reason(
    model: &Model,
    outcome: &Outcome,
    u: &Usage,
    p: usize,
    region: &str,
) -> (IdleReason, String) {
    let pool = &model.pools[p];
    let info = &model.specs[p];
    if outcome.launched.get(p).copied().unwrap_or(0) > 0 {
        let n = outcome.launched[p];
        return (
            IdleReason::Consolidated,
            format!(
                "it launched {}, and consolidation moved their pods onto other nodes",
                plural(u64::from(n), "node")
            ),
        );
    }
    if pool.types.is_empty() {
        let reqs = if info.requirements.is_empty() {
            String::new()
        } else {
            format!(" (requirements: {})", info.requirements.join("; "))
        };
        return (
            IdleReason::NoTypes,
            format!(
                "its requirements leave no instance type that Auto Mode launches in {region}{reqs}"
            ),
        );
    }
    let eligible = eligible(model, p);
    if eligible.is_empty() {
        // Why each workload cannot use it, grouped by reason.
        let mut reasons: Vec<(String, Vec<String>)> = Vec::new();
        for (g, misses) in model.misses.iter().enumerate() {
            if model.groups[g].count == 0 {
                continue;
            }
            if let Some((_, m)) = misses.iter().find(|(mp, _)| usize::from(*mp) == p) {
                let text = miss_text(m);
                match reasons.iter_mut().find(|(t, _)| *t == text) {
                    Some((_, names)) => names.push(model.groups[g].name.clone()),
                    None => reasons.push((text, vec![model.groups[g].name.clone()])),
                }
            }
        }
        let mut message = "no workload can run on it".to_owned();
        if !reasons.is_empty() {
            let parts: Vec<String> = reasons
                .iter()
                .map(|(why, names)| format!("{}: {why}", join_and(names)))
                .collect();
            message += &format!(" ({})", parts.join("; "));
        }
        if info.built_in && info.name == "system" {
            message += ". The system pool is for cluster add-ons that tolerate CriticalAddonsOnly";
        }
        return (IdleReason::NoPodSelects, message);
    }
    // Do its types hold even one pod of any of those groups?
    let holds_some = eligible.iter().any(|&g| {
        let pl = model.groups[g]
            .placements
            .iter()
            .find(|pl| usize::from(pl.pool) == p);
        pl.is_some_and(|pl| {
            pool.types
                .iter()
                .any(|&t| pl.types[usize::from(t)] && holds_one(model, p, t, g))
        })
    });
    let names: Vec<String> = eligible
        .iter()
        .map(|&g| model.groups[g].name.clone())
        .collect();
    if !holds_some {
        return (
            IdleReason::TooSmall,
            format!(
                "its instance types are all too small for the pods that could use it ({})",
                join_and(&names)
            ),
        );
    }
    let limit_blocks = pool.limits.nodes == Some(0)
        || pool.types.iter().all(|&t| {
            let st = &model.types[usize::from(t)];
            !pool.limits.admit_one(st)
        });
    if limit_blocks {
        let limits: Vec<String> = info
            .limits
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        return (
            IdleReason::Limits,
            format!(
                "its limits ({}) leave room for no node of its instance types",
                limits.join(", ")
            ),
        );
    }
    let mut by: Vec<u16> = Vec::new();
    for &g in &eligible {
        for &q in &u.group_pools[g] {
            if usize::from(q) != p && !by.contains(&q) {
                by.push(q);
            }
        }
    }
    if by.is_empty() {
        return (
            IdleReason::PodsPending,
            format!(
                "the pods that could run here ({}) stay pending; see why below",
                join_and(&names)
            ),
        );
    }
    let by_names: Vec<String> = by
        .iter()
        .map(|&q| model.specs[usize::from(q)].name.clone())
        .collect();
    let pools = join_and(
        &by_names
            .iter()
            .map(|n| format!("NodePool {n}"))
            .collect::<Vec<_>>(),
    );
    // Pools are in Karpenter's order (weight, then name): a pool before
    // this one was tried first; one after it only had nodes in flight.
    let joined = by.iter().all(|&q| usize::from(q) > p);
    if joined {
        return (
            IdleReason::TakenFirst {
                by: by_names,
                joined: true,
            },
            format!(
                "the pods that could run here ({}) joined nodes {pools} was already launching for other pods: Karpenter fills nodes it is planning before it starts new ones. To send them here, select this pool in their node selector (karpenter.sh/nodepool: {})",
                join_and(&names),
                info.name
            ),
        );
    }
    let order: Vec<String> = by
        .iter()
        .filter(|&&q| usize::from(q) < p)
        .map(|&q| {
            let s = &model.specs[usize::from(q)];
            if s.weight > info.weight {
                format!("{} has weight {} against {}", s.name, s.weight, info.weight)
            } else {
                format!(
                    "{} has the same weight ({}) and comes first by name",
                    s.name, s.weight
                )
            }
        })
        .collect();
    let advice = if info.built_in {
        "Built-in pools take no weight: this is how a custom pool takes over from them"
    } else {
        "Give this pool a higher weight to use it"
    };
    (
        IdleReason::TakenFirst {
            by: by_names,
            joined: false,
        },
        format!(
            "the pods that could run here ({}) went to {pools} first: Karpenter tries NodePools by weight, then by name, and {}. {advice}",
            join_and(&names),
            join_and(&order)
        ),
    )
}

/// Pending pods with their reasons spelled out.
pub fn pending(model: &Model, outcome: &Outcome) -> Vec<PendingPods> {
    outcome
        .pending
        .iter()
        .map(|&(g, why, count)| {
            let gi = usize::from(g);
            let group = &model.groups[gi];
            let (kind, reason, details) = match why {
                Pending::NoNodePool => no_node_pool(model, gi),
                Pending::TooLarge => too_large(model, gi),
                Pending::Limits => limits_reached(model, gi),
                Pending::Zones => (
                    PendingKind::Zones,
                    "the zone spread or zone affinity cannot be met in the NodePools' zones"
                        .to_owned(),
                    group
                        .placements
                        .iter()
                        .filter(|pl| {
                            !pl.zones.is_empty()
                                || !model.pools[usize::from(pl.pool)].zones.is_empty()
                        })
                        .map(|pl| {
                            let pz = &model.pools[usize::from(pl.pool)].zones;
                            let names: Vec<String> = pz
                                .iter()
                                .filter_map(|z| model.zones.get(usize::from(*z)).cloned())
                                .collect();
                            format!(
                                "NodePool {}: zones {}",
                                model.specs[usize::from(pl.pool)].name,
                                if names.is_empty() {
                                    "of the cluster".to_owned()
                                } else {
                                    names.join(", ")
                                }
                            )
                        })
                        .collect(),
                ),
            };
            PendingPods {
                workload: group.name.clone(),
                path: model.paths[gi].clone(),
                count,
                kind,
                reason,
                details,
            }
        })
        .collect()
}

fn no_node_pool(model: &Model, g: usize) -> (PendingKind, String, Vec<String>) {
    if model.pools.is_empty() {
        return (
            PendingKind::NoNodePool,
            "the plan has no NodePool: both built-in pools are off and there is no custom one"
                .into(),
            Vec::new(),
        );
    }
    let details: Vec<String> = model.misses[g]
        .iter()
        .map(|(p, m)| {
            format!(
                "NodePool {}: {}",
                model.specs[usize::from(*p)].name,
                miss_text(m)
            )
        })
        .chain(
            model.groups[g]
                .placements
                .iter()
                .filter(|pl| model.pools[usize::from(pl.pool)].static_nodes.is_some())
                .map(|pl| {
                    format!(
                        "NodePool {}: a static pool, its fixed nodes are full",
                        model.specs[usize::from(pl.pool)].name
                    )
                }),
        )
        .collect();
    let reason = if details.len() == 1 {
        format!("no NodePool accepts these pods: {}", details[0])
    } else {
        "no NodePool accepts these pods".to_owned()
    };
    (PendingKind::NoNodePool, reason, details)
}

fn too_large(model: &Model, g: usize) -> (PendingKind, String, Vec<String>) {
    let group = &model.groups[g];
    let mut details = Vec::new();
    for pl in &group.placements {
        let p = usize::from(pl.pool);
        let pool = &model.pools[p];
        let best = pool
            .types
            .iter()
            .filter(|&&t| pl.types[usize::from(t)])
            .map(|&t| {
                let st = &model.types[usize::from(t)];
                (
                    u64::from(st.cpu_m.saturating_sub(pool.overhead.cpu_m)),
                    u64::from(st.mem_mib.saturating_sub(pool.overhead.mem_mib)),
                    st.name.clone(),
                )
            })
            .max_by_key(|x| (x.0, x.1));
        if let Some((cpu, mem, name)) = best {
            details.push(format!(
                "NodePool {}: its largest type, {name}, leaves {} and {} for pods",
                model.specs[p].name,
                vcpu(cpu),
                gib(mem)
            ));
        }
    }
    let mut need = format!(
        "each pod asks for {} and {}",
        vcpu(u64::from(group.cpu_m)),
        gib(u64::from(group.mem_mib))
    );
    if group.gpus > 0 {
        need += &format!(" and {}", plural(u64::from(group.gpus), "GPU"));
    }
    (
        PendingKind::TooLarge,
        format!("larger than every instance type the NodePools may launch for them: {need}"),
        details,
    )
}

fn limits_reached(model: &Model, g: usize) -> (PendingKind, String, Vec<String>) {
    let details: Vec<String> = model.groups[g]
        .placements
        .iter()
        .filter_map(|pl| {
            let info = &model.specs[usize::from(pl.pool)];
            (!info.limits.is_empty()).then(|| {
                let l: Vec<String> = info
                    .limits
                    .iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect();
                format!("NodePool {}: limits {}", info.name, l.join(", "))
            })
        })
        .collect();
    let reason = match details.as_slice() {
        [one] => format!("the NodePool's limits are reached ({one})"),
        _ => "the NodePools' limits are reached".to_owned(),
    };
    (PendingKind::Limits, reason, details)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::prices::PriceBook;
    use crate::cost::report::{self, CostReport};
    use crate::cost::{model, simulate};
    use crate::{Options, resolve};

    fn plan(yaml: &str) -> Plan {
        Plan::from_yaml(yaml).unwrap_or_else(|e| panic!("{e}"))
    }

    fn report(yaml: &str) -> CostReport {
        let p = plan(yaml);
        report::build(&p, &resolve(&p), &Options::default(), 1.0)
    }

    fn idle<'r>(r: &'r CostReport, pool: &str) -> &'r IdlePool {
        r.idle_pools
            .iter()
            .find(|i| i.pool == pool)
            .unwrap_or_else(|| panic!("{pool} is not idle: {:?}", r.idle_pools))
    }

    const APP: &str =
        "capacity:\n  workloads: [{name: app, replicas: 3, cpu: \"1\", memory: 2Gi}]\n";

    #[test]
    fn a_pool_whose_requirements_leave_no_type() {
        let r = report(&format!(
            "cluster: {{name: c, region: eu-west-1}}\nnode_pools:\n- name: tiny\n  requirements: {{instance_families: [t3], instance_sizes: [nano, micro]}}\n{APP}"
        ));
        let i = idle(&r, "tiny");
        assert_eq!(i.reason, IdleReason::NoTypes);
        assert!(
            i.message
                .contains("no instance type that Auto Mode launches in eu-west-1"),
            "{}",
            i.message
        );
        assert_eq!(i.path, "node_pools[0]");
    }

    #[test]
    fn a_pool_no_workload_can_use() {
        let r = report(&format!(
            "cluster: {{name: c}}\nnode_pools:\n- name: batch\n  taints: [{{key: dedicated, value: batch, effect: NoSchedule}}]\n{APP}"
        ));
        let i = idle(&r, "batch");
        assert_eq!(i.reason, IdleReason::NoPodSelects);
        assert!(
            i.message
                .contains("app: the pods do not tolerate its taint dedicated=batch:NoSchedule"),
            "{}",
            i.message
        );
        // The built-in system pool says what it is for.
        let s = idle(&r, "system");
        assert!(s.message.contains("cluster add-ons"), "{}", s.message);
        assert_eq!(s.path, "auto_mode.system_pool");
    }

    #[test]
    fn a_spot_pool_for_pods_that_do_not_accept_spot() {
        let r = report(&format!(
            "cluster: {{name: c}}\nnode_pools:\n- name: cheap\n  weight: 10\n  requirements: {{capacity_types: [spot]}}\n{APP}"
        ));
        let i = idle(&r, "cheap");
        assert_eq!(i.reason, IdleReason::NoPodSelects);
        assert!(
            i.message.contains("spot only") && i.message.contains("spot: true"),
            "{}",
            i.message
        );
    }

    #[test]
    fn a_pool_too_small_for_its_pods() {
        let r = report(
            "cluster: {name: c}\nnode_pools:\n- name: small\n  weight: 10\n  requirements: {instance_sizes: [large]}\ncapacity:\n  workloads: [{name: big, replicas: 2, cpu: \"3\", memory: 2Gi}]\n",
        );
        let i = idle(&r, "small");
        assert_eq!(i.reason, IdleReason::TooSmall);
        assert!(
            i.message
                .contains("too small for the pods that could use it (big)"),
            "{}",
            i.message
        );
    }

    #[test]
    fn a_pool_another_took_the_pods_from_first() {
        // The report: a Graviton pool beside general-purpose, same
        // weight. Karpenter tries pools by weight, then by name, and
        // "general-purpose" comes before "graviton".
        let r = report(&format!(
            "cluster: {{name: c, region: eu-west-1}}\nnode_pools:\n- name: graviton\n  requirements: {{architectures: [arm64], instance_categories: [c, m, r]}}\n{APP}"
        ));
        let i = idle(&r, "graviton");
        assert_eq!(
            i.reason,
            IdleReason::TakenFirst {
                by: vec!["general-purpose".into()],
                joined: false
            }
        );
        assert_eq!(i.workloads, ["app"]);
        assert!(
            i.message.contains("went to NodePool general-purpose first")
                && i.message
                    .contains("same weight (0) and comes first by name")
                && i.message.contains("higher weight"),
            "{}",
            i.message
        );
    }

    #[test]
    fn a_pool_first_in_line_whose_pods_joined_planned_nodes() {
        // graviton-spot comes first (weight 10), but the database's pods
        // (on-demand only) start general-purpose nodes, and the batch pods,
        // which accept either, join those before a new node is started.
        let r = report(
            "cluster: {name: c, region: eu-west-1}\nnode_pools:\n- name: graviton-spot\n  weight: 10\n  requirements: {architectures: [arm64], capacity_types: [spot], instance_categories: [c, m, r]}\ncapacity:\n  workloads:\n  - {name: db, kind: StatefulSet, replicas: 3, cpu: \"2\", memory: 8Gi, one_per_node: true}\n  - {name: batch, replicas: 6, cpu: \"1\", memory: 2Gi, spot: true}\n",
        );
        let i = idle(&r, "graviton-spot");
        assert_eq!(
            i.reason,
            IdleReason::TakenFirst {
                by: vec!["general-purpose".into()],
                joined: true
            }
        );
        assert!(
            i.message
                .contains("joined nodes NodePool general-purpose was already launching")
                && i.message.contains("karpenter.sh/nodepool: graviton-spot"),
            "{}",
            i.message
        );
    }

    #[test]
    fn a_pool_its_limits_keep_empty() {
        let r = report(&format!(
            "cluster: {{name: c}}\nnode_pools:\n- name: capped\n  weight: 10\n  limits: {{cpu: \"1\"}}\n{APP}"
        ));
        let i = idle(&r, "capped");
        assert_eq!(i.reason, IdleReason::Limits);
        assert!(i.message.contains("limits (cpu: 1)"), "{}", i.message);
    }

    #[test]
    fn a_pool_whose_pods_stay_pending() {
        // 20-vCPU pods on the only pool, capped at 16 vCPU: its smaller
        // types fit the limit, but none that holds a pod does.
        let r = report(
            "cluster: {name: c}\nauto_mode: {general_purpose_pool: false, system_pool: false}\nnode_pools:\n- name: only\n  limits: {cpu: \"16\"}\ncapacity:\n  workloads: [{name: huge, replicas: 1, cpu: \"20\", memory: 8Gi}]\n",
        );
        let i = idle(&r, "only");
        assert_eq!(i.reason, IdleReason::PodsPending);
        let p = &r.pending[0];
        assert_eq!(p.kind, PendingKind::Limits);
        assert!(
            p.reason.contains("NodePool only: limits cpu: 16"),
            "{}",
            p.reason
        );
    }

    /// A model for a plan, and an outcome written by hand.
    fn crafted(
        yaml: &str,
        outcome: impl FnOnce(&model::Model) -> Outcome,
    ) -> (Plan, model::Model, Outcome) {
        let p = plan(yaml);
        let design = resolve(&p);
        let m = model::build(&p, &design, &PriceBook::new(&p.capacity.prices));
        let o = outcome(&m);
        (p, m, o)
    }

    #[test]
    fn a_pool_consolidation_emptied() {
        let (p, m, o) = crafted(&format!("cluster: {{name: c}}\n{APP}"), |m| {
            let mut o = simulate::run(&m.types, &m.pools, &m.groups, m.zones.len());
            // Say the general-purpose pool had launched two nodes that
            // consolidation then emptied onto the system pool.
            let gp = m
                .specs
                .iter()
                .position(|s| s.name == "general-purpose")
                .unwrap_or(0);
            o.launched[gp] = 2;
            o.nodes.retain(|n| usize::from(n.pool) != gp);
            o
        });
        let idle = idle_pools(&p, &m, &o, "us-east-1");
        let gp = idle
            .iter()
            .find(|i| i.pool == "general-purpose")
            .expect("idle");
        assert_eq!(gp.reason, IdleReason::Consolidated);
        assert!(gp.message.contains("launched 2 nodes"), "{}", gp.message);
    }

    #[test]
    fn pods_no_pool_accepts_say_why_per_pool() {
        let r = report(
            "cluster: {name: c}\ncapacity:\n  workloads: [{name: arm, replicas: 2, cpu: \"1\", memory: 1Gi, architectures: [arm64]}]\n",
        );
        let p = &r.pending[0];
        assert_eq!(
            (p.kind, p.count, p.path.as_str()),
            (PendingKind::NoNodePool, 2, "capacity.workloads[0]")
        );
        assert!(
            p.details.iter().any(|d| d.contains(
                "NodePool general-purpose: none of its instance types has an architecture"
            )),
            "{:?}",
            p.details
        );
        assert!(
            p.details.iter().any(|d| d.contains(
                "NodePool system: the pods do not tolerate its taint CriticalAddonsOnly:NoSchedule"
            )),
            "{:?}",
            p.details
        );
        // Without any pool at all.
        let r = report(
            "cluster: {name: c}\nauto_mode: {general_purpose_pool: false, system_pool: false}\ncapacity: {quick: {pods: 1}}\n",
        );
        assert!(
            r.pending[0].reason.contains("the plan has no NodePool"),
            "{}",
            r.pending[0].reason
        );
    }

    #[test]
    fn pods_larger_than_any_type_say_how_large() {
        let r = report(
            "cluster: {name: c}\ncapacity:\n  workloads: [{name: huge, replicas: 1, cpu: \"1000\", memory: 1Gi}]\n",
        );
        let p = &r.pending[0];
        assert_eq!(p.kind, PendingKind::TooLarge);
        assert!(p.reason.contains("1000 vCPU and 1 GiB"), "{}", p.reason);
        assert!(
            p.details
                .iter()
                .any(|d| d.starts_with("NodePool general-purpose: its largest type,")),
            "{:?}",
            p.details
        );
    }

    #[test]
    fn pods_whose_zones_cannot_be_met() {
        let (_, m, mut o) = crafted(&format!("cluster: {{name: c}}\n{APP}"), |m| {
            simulate::run(&m.types, &m.pools, &m.groups, m.zones.len())
        });
        o.pending = vec![(0, Pending::Zones, 1)];
        let p = &pending(&m, &o)[0];
        assert_eq!(p.kind, PendingKind::Zones);
        assert!(
            p.reason.contains("zone spread or zone affinity"),
            "{}",
            p.reason
        );
    }
}
