//! **Your cluster as it runs**: `kubectl get nodes -o json` and
//! `kubectl get pods -A -o json` (read by [`crate::kube`], collected by
//! [`crate::import`]) → today's fleet and what it costs a month, and the
//! same pods as a plan's workload, so that the simulation prices them on
//! Auto Mode, on right-sized managed node groups and on Fargate.
//!
//! ```text
//! Objects ──today──▶ the nodes that run now, priced in their region
//!         ──workload──▶ Plan.capacity (one workload per controller and size)
//!                       ──estimate──▶ CostReport ──▶ the difference
//! ```
//!
//! Either file alone works: nodes alone give today's cost (and no
//! comparison), pods alone give the comparison (and no today).

use serde::Serialize;
use std::collections::BTreeMap;

use super::fargate;
use super::prices::{PriceBook, Source, monthly};
use super::report::CostReport;
use crate::Options;
use crate::catalog::instances;
use crate::diag::{Code, Diagnostic};
use crate::kube::meta::Toleration as KubeToleration;
use crate::kube::node::{NodeCapacityType, NodeOrigin};
use crate::kube::pod::{OwnerKind, Pod};
use crate::kube::{Node, Objects};
use crate::plan::{
    Arch, DaemonSet, Plan, TaintEffect, Toleration, TolerationOperator, Workload, WorkloadKind,
};
use crate::validate::syntax;

const ZONE: &str = "topology.kubernetes.io/zone";
const HOSTNAME: &str = "kubernetes.io/hostname";
const ARCH: &str = "kubernetes.io/arch";
const CAPACITY_TYPE: &str = "karpenter.sh/capacity-type";

/// Equal nodes of today's fleet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeGroupCost {
    /// Instance type (`fargate` for Fargate pods' micro-VMs).
    pub instance_type: String,
    /// `on-demand`, `spot` or `reserved`.
    pub capacity_type: String,
    /// Who launched them: `node group "apps"`, `Karpenter NodePool "default"`...
    pub origin: String,
    /// How many.
    pub count: u64,
    /// EC2 (or Fargate) per node, $/h; `None` when no price is known.
    pub hourly: Option<f64>,
    /// The Auto Mode fee per node, $/h (Auto Mode nodes only).
    pub fee_hourly: f64,
    /// All of them, a month (EC2 and fee).
    pub monthly: f64,
    /// The price is derived (spot, an unpublished region), not published.
    pub estimate: bool,
}

/// Today's fleet and its monthly cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Today {
    /// The region of the nodes (`topology.kubernetes.io/region`, else their zones).
    pub region: Option<String>,
    /// Nodes.
    pub nodes: u64,
    /// Equal nodes grouped, most expensive first.
    pub groups: Vec<NodeGroupCost>,
    /// EC2 a month (Fargate included).
    pub ec2_monthly: f64,
    /// Auto Mode fees a month (for nodes Auto Mode runs already).
    pub fee_monthly: f64,
    /// EC2 and fees.
    pub monthly: f64,
    /// Requested vCPU and GiB of the pods that run on the nodes, against
    /// the nodes' allocatable: how full the fleet is.
    pub used_cpu_fraction: f64,
    /// The same for memory.
    pub used_memory_fraction: f64,
    /// Nodes left out of the total: no instance type, or no price for it.
    pub unpriced: u64,
}

/// Pods turned into the plan's workloads.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ImportedWorkload {
    /// One per controller and pod size.
    pub workloads: Vec<Workload>,
    /// One per DaemonSet, at its largest pod.
    pub daemonsets: Vec<DaemonSet>,
    /// Pods counted (active, not DaemonSets, not static).
    pub pods: u64,
    /// Finished pods (Succeeded, Failed) left out.
    pub finished: u64,
}

/// What today's cluster costs, and what the same pods would cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterCost {
    /// Today's fleet, when nodes were imported.
    pub today: Option<Today>,
    /// The pods' workload, as added to the plan.
    pub imported: ImportedWorkload,
    /// The plan the comparison priced: the given one with the imported
    /// workload (and the nodes' region).
    #[serde(skip)]
    pub plan: Plan,
    /// The three options for the same pods, when pods were imported.
    pub report: Option<CostReport>,
    /// Each option's nodes and their monthly cost, set against today's:
    /// Auto Mode, right-sized managed node groups, Fargate (when pods were
    /// imported).
    pub alternatives: Vec<Alternative>,
    /// Today's EC2 and fees against Auto Mode's, a month (positive: Auto
    /// Mode costs more).
    pub difference_monthly: Option<f64>,
    /// Auto Mode's node count minus today's.
    pub difference_nodes: Option<i64>,
    /// The difference in words.
    pub statement: String,
    /// `CI` findings.
    pub findings: Vec<Diagnostic>,
}

/// One way to run the imported pods, against today's fleet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alternative {
    /// `Auto Mode`, `Managed node groups` or `Fargate` (as in the report).
    pub name: String,
    /// Whether every pod can run this way (Fargate runs no DaemonSets,
    /// GPUs or arm64 pods).
    pub possible: bool,
    /// What its nodes cost a month, the figure set against today's (which
    /// counts EC2 and fees too): EC2 and the management fee on Auto Mode;
    /// EC2 on managed node groups (the same right-sized fleet, no fee);
    /// the pods on Fargate.
    pub compute_monthly: f64,
    /// The Auto Mode management fee in it, a month.
    pub fee_monthly: f64,
    /// Nodes it runs (on Fargate, one per pod).
    pub nodes: u64,
    /// `compute_monthly` minus today's, when nodes were imported and every
    /// pod can run this way (positive: it costs more than today).
    pub difference_monthly: Option<f64>,
    /// `nodes` minus today's, under the same conditions.
    pub difference_nodes: Option<i64>,
    /// What to keep in mind (the report's caveats for the option).
    pub caveats: Vec<String>,
}

/// The report's three options as [`Alternative`]s to `today`.
pub fn alternatives(
    report: &CostReport,
    today: Option<&Today>,
    imported: &ImportedWorkload,
) -> Vec<Alternative> {
    let sum = |e: &super::report::Estimate, keep: &dyn Fn(&str) -> bool| {
        super::prices::cents(
            e.lines
                .iter()
                .filter(|l| keep(&l.item))
                .map(|l| l.monthly)
                .sum::<f64>(),
        )
    };
    let fleet_nodes = report.fleet.nodes.len() as u64;
    let fee = |item: &str| item.ends_with("management fee");
    let options = [
        (
            &report.auto_mode,
            auto_mode_compute(report),
            sum(&report.auto_mode, &fee),
            fleet_nodes,
        ),
        (
            &report.managed_node_groups,
            sum(&report.managed_node_groups, &|i| i.starts_with("EC2")),
            0.0,
            fleet_nodes,
        ),
        (
            &report.fargate,
            sum(&report.fargate, &|i| i == "Fargate pods"),
            0.0,
            if report.fargate.possible {
                imported.pods
            } else {
                0
            },
        ),
    ];
    options
        .into_iter()
        .map(|(e, compute, fee, nodes)| {
            let against = today.filter(|_| e.possible);
            Alternative {
                name: e.name.clone(),
                possible: e.possible,
                compute_monthly: compute,
                fee_monthly: fee,
                nodes,
                difference_monthly: against.map(|t| super::prices::cents(compute - t.monthly)),
                difference_nodes: against.map(|t| nodes as i64 - t.nodes as i64),
                caveats: e.caveats.clone(),
            }
        })
        .collect()
}

/// The region of `nodes`: the most common region label, else the most
/// common zone without its letter.
pub fn region_of(nodes: &[Node]) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for n in nodes {
        let r = n.region.clone().or_else(|| {
            n.zone
                .as_ref()
                .map(|z| {
                    z.trim_end_matches(|c: char| c.is_ascii_lowercase())
                        .to_owned()
                })
                .filter(|r| !r.is_empty() && !r.ends_with('-'))
        });
        if let Some(r) = r {
            *counts.entry(r).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(r, _)| r)
}

fn mib(bytes: u64) -> u32 {
    u32::try_from(bytes.div_ceil(1 << 20)).unwrap_or(u32::MAX)
}

fn milli(cpu_m: u64) -> u32 {
    u32::try_from(cpu_m).unwrap_or(u32::MAX)
}

/// Today's nodes, priced in `book`'s region.
pub fn today(objects: &Objects, book: &PriceBook, findings: &mut Vec<Diagnostic>) -> Today {
    type Key = (String, String, String);
    let mut groups: BTreeMap<Key, NodeGroupCost> = BTreeMap::new();
    let mut unpriced = 0u64;
    let mut unknown: BTreeMap<String, u64> = BTreeMap::new();
    // Requests of the active pods on each node: (CPU millicores, memory bytes).
    let mut on_node: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for p in objects.pods.iter().filter(|p| p.phase.is_active()) {
        if let Some(n) = p.node_name.as_deref() {
            let e = on_node.entry(n).or_default();
            e.0 += p.requests.cpu_m;
            e.1 += p.requests.memory_bytes;
        }
    }
    for n in &objects.nodes {
        let capacity = n.capacity_type.unwrap_or(NodeCapacityType::OnDemand);
        let (name, hourly, fee, estimate) = if n.origin == NodeOrigin::Fargate {
            // A Fargate node carries one pod, billed at its requests.
            let (cpu, mem) = on_node.get(n.name.as_str()).copied().unwrap_or_default();
            let price = fargate::size(milli(cpu), mib(mem))
                .map(|(vcpu, gb)| vcpu * book.fargate_vcpu_hour + gb * book.fargate_gb_hour);
            ("fargate".to_owned(), price, 0.0, false)
        } else {
            let t = n.instance_type.as_deref().and_then(instances::find);
            let name = n.instance_type.clone().unwrap_or_else(|| "unknown".into());
            match t {
                Some(t) => {
                    let ec2 = book.ec2(t, capacity == NodeCapacityType::Spot);
                    let fee = if matches!(n.origin, NodeOrigin::AutoMode(_)) {
                        book.fee(t).map_or(0.0, |f| f.0)
                    } else {
                        0.0
                    };
                    let est = ec2.is_some_and(|(_, s)| s == Source::Estimated);
                    (name, ec2.map(|e| e.0), fee, est)
                }
                None => {
                    *unknown.entry(name.clone()).or_default() += 1;
                    (name, None, 0.0, false)
                }
            }
        };
        if hourly.is_none() {
            unpriced += 1;
        }
        let key = (
            name.clone(),
            capacity.as_str().to_owned(),
            n.origin.describe(),
        );
        let g = groups.entry(key).or_insert_with(|| NodeGroupCost {
            instance_type: name,
            capacity_type: capacity.as_str().to_owned(),
            origin: n.origin.describe(),
            count: 0,
            hourly,
            fee_hourly: fee,
            monthly: 0.0,
            estimate,
        });
        // Fargate sizes differ pod by pod: the per-node price is kept only
        // while every node of the group has the same.
        if g.count > 0
            && g.hourly
                .zip(hourly)
                .is_none_or(|(a, b)| (a - b).abs() > 1e-12)
        {
            g.hourly = None;
        }
        g.count += 1;
        g.monthly += monthly(hourly.unwrap_or(0.0) + fee);
    }
    for (t, count) in &unknown {
        findings.push(Diagnostic::new(
            Code::ClusterUnpricedNode,
            "nodes",
            format!(
                "{count} node{} of type `{t}`: the catalog has no price for it, so today's total leaves {} out",
                if *count == 1 { "" } else { "s" },
                if *count == 1 { "it" } else { "them" },
            ),
            "add its price to the plan (`capacity.prices.instances`) to include it",
        ));
    }
    let mut groups: Vec<NodeGroupCost> = groups.into_values().collect();
    for g in &mut groups {
        g.monthly = super::prices::cents(g.monthly);
    }
    groups.sort_by(|a, b| {
        b.monthly
            .total_cmp(&a.monthly)
            .then(a.instance_type.cmp(&b.instance_type))
    });
    let fee_monthly: f64 = groups
        .iter()
        .map(|g| monthly(g.fee_hourly) * g.count as f64)
        .sum();
    let total: f64 = groups.iter().map(|g| g.monthly).sum();
    let (mut cpu, mut mem, mut cpu_used, mut mem_used) = (0u64, 0u64, 0u64, 0u64);
    for n in &objects.nodes {
        cpu += n.allocatable.cpu_m;
        mem += n.allocatable.memory_bytes;
        let (c, m) = on_node.get(n.name.as_str()).copied().unwrap_or_default();
        cpu_used += c;
        mem_used += m;
    }
    let frac = |u: u64, t: u64| if t == 0 { 0.0 } else { u as f64 / t as f64 };
    Today {
        region: region_of(&objects.nodes),
        nodes: objects.nodes.len() as u64,
        groups,
        ec2_monthly: super::prices::cents(total - fee_monthly),
        fee_monthly: super::prices::cents(fee_monthly),
        monthly: super::prices::cents(total),
        used_cpu_fraction: frac(cpu_used, cpu),
        used_memory_fraction: frac(mem_used, mem),
        unpriced,
    }
}

fn toleration(t: &KubeToleration) -> Option<Toleration> {
    // Kubernetes adds these two to every pod; they say nothing about pools.
    if t.key.starts_with("node.kubernetes.io/") {
        return None;
    }
    // What the API server would have refused: the plan cannot say it either.
    let exists = match t.operator.as_str() {
        "Exists" => true,
        "Equal" | "" => false,
        _ => return None,
    };
    if (!exists && t.key.is_empty()) || (!t.key.is_empty() && !syntax::qualified_name(&t.key)) {
        return None;
    }
    let effect = match t.effect.as_str() {
        "" => None,
        "NoSchedule" => Some(TaintEffect::NoSchedule),
        "PreferNoSchedule" => Some(TaintEffect::PreferNoSchedule),
        "NoExecute" => Some(TaintEffect::NoExecute),
        _ => return None,
    };
    Some(Toleration {
        key: t.key.clone(),
        operator: if exists {
            TolerationOperator::Exists
        } else {
            TolerationOperator::Equal
        },
        value: (!exists).then(|| t.value.clone()),
        effect,
    })
}

/// A workload name from a controller's: a DNS label of at most 63 characters.
fn dns_label(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() { c } else { '-' }
        })
        .collect();
    out = out.trim_matches('-').to_owned();
    out.truncate(57);
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "pods".to_owned()
    } else {
        out
    }
}

/// How a pod asks to be placed, in the plan's terms.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Shape {
    cpu_m: u64,
    mem_mib: u32,
    gpus: u32,
    arm64_only: bool,
    amd64_only: bool,
    node_selector: BTreeMap<String, String>,
    tolerations: Vec<(String, String, String, String)>,
    spread_zones: bool,
    one_per_node: bool,
    same_zone: bool,
    spot: bool,
}

/// Node labels a plan's NodePools can offer: well-known ones only. A
/// selector on a custom label picks one of today's node groups, which the
/// plan does not have.
fn portable_selector(key: &str) -> bool {
    key == ZONE
        || key == "node.kubernetes.io/instance-type"
        || key == "karpenter.sh/nodepool"
        || key.starts_with("karpenter.k8s.aws/")
        || key.starts_with("eks.amazonaws.com/instance-")
}

fn shape(p: &Pod, spot_nodes: &BTreeMap<&str, bool>, dropped: &mut bool) -> Shape {
    let mut node_selector = BTreeMap::new();
    let mut arch = p.node_selector.get(ARCH).cloned();
    let mut spot = p
        .node_selector
        .get(CAPACITY_TYPE)
        .or_else(|| p.node_selector.get("eks.amazonaws.com/capacityType"))
        .is_some_and(|v| v.eq_ignore_ascii_case("spot"));
    for (k, v) in &p.node_selector {
        if portable_selector(k) && syntax::qualified_name(k) && syntax::label_value(v) {
            node_selector.insert(k.clone(), v.clone());
        } else if k != ARCH
            && k != crate::kube::pod::OS_LABEL
            && k != CAPACITY_TYPE
            && k != "eks.amazonaws.com/capacityType"
        {
            *dropped = true;
        }
    }
    // Required node affinity of one term: the architecture and capacity type.
    if let [term] = p.required_node_affinity.as_slice() {
        for r in &term.match_expressions {
            if r.operator == "In" && r.values.len() == 1 {
                if r.key == ARCH {
                    arch = Some(r.values[0].clone());
                } else if r.key == CAPACITY_TYPE && r.values[0] == "spot" {
                    spot = true;
                }
            }
        }
    }
    // A pod that runs on spot today tolerates interruptions.
    spot |= p
        .node_name
        .as_deref()
        .and_then(|n| spot_nodes.get(n))
        .copied()
        .unwrap_or(false);
    let own = |sel: &crate::kube::meta::LabelSelector| sel.matches(&p.labels);
    let mut tolerations: Vec<_> = p
        .tolerations
        .iter()
        .filter(|t| toleration(t).is_some())
        .map(|t| {
            (
                t.key.clone(),
                t.operator.clone(),
                t.value.clone(),
                t.effect.clone(),
            )
        })
        .collect();
    tolerations.sort();
    tolerations.dedup();
    Shape {
        cpu_m: p.requests.cpu_m,
        mem_mib: mib(p.requests.memory_bytes),
        gpus: p
            .requests
            .extended
            .get("nvidia.com/gpu")
            .map_or(0, |g| u32::try_from(*g).unwrap_or(u32::MAX)),
        arm64_only: arch.as_deref() == Some("arm64"),
        amd64_only: arch.as_deref() == Some("amd64"),
        node_selector,
        tolerations,
        spread_zones: p
            .topology_spread
            .iter()
            .any(|t| t.is_hard() && t.topology_key == ZONE),
        one_per_node: p
            .pod_anti_affinity
            .iter()
            .any(|t| t.topology_key == HOSTNAME && own(&t.label_selector)),
        same_zone: p
            .pod_affinity
            .iter()
            .any(|t| t.topology_key == ZONE && own(&t.label_selector)),
        spot,
    }
}

/// The pods of `objects` as the plan's workloads and DaemonSets.
pub fn workload(objects: &Objects, findings: &mut Vec<Diagnostic>) -> ImportedWorkload {
    let spot_nodes: BTreeMap<&str, bool> = objects
        .nodes
        .iter()
        .map(|n| {
            (
                n.name.as_str(),
                n.capacity_type == Some(NodeCapacityType::Spot),
            )
        })
        .collect();
    // (namespace, owner kind, owner name) → shape → pods.
    type Group = (String, String, String, bool);
    let mut groups: BTreeMap<(Group, Shape), u32> = BTreeMap::new();
    let mut daemons: BTreeMap<String, (u64, u32, bool)> = BTreeMap::new();
    let mut imported = ImportedWorkload::default();
    let (mut no_requests, mut dropped_selectors) = (Vec::new(), Vec::new());
    for p in &objects.pods {
        if !p.phase.is_active() {
            imported.finished += 1;
            continue;
        }
        let owner = p.owner.as_ref();
        if owner.is_some_and(|o| o.kind == OwnerKind::Node) {
            continue;
        }
        if p.is_daemon() {
            let name = owner.map(|o| o.name.clone()).unwrap_or_default();
            let all = p
                .tolerations
                .iter()
                .any(|t| t.key.is_empty() && t.operator == "Exists");
            let d = daemons.entry(name).or_insert((0, 0, all));
            d.0 = d.0.max(p.requests.cpu_m);
            d.1 = d.1.max(mib(p.requests.memory_bytes));
            d.2 |= all;
            continue;
        }
        if p.requests.cpu_m == 0 && p.requests.memory_bytes == 0 {
            no_requests.push(p.key());
        }
        let mut dropped = false;
        let s = shape(p, &spot_nodes, &mut dropped);
        let (kind, name) = match owner {
            Some(o) => (o.kind.as_str().to_owned(), o.name.clone()),
            None => ("Pod".to_owned(), "pods".to_owned()),
        };
        if dropped {
            dropped_selectors.push(format!("{}/{name}", p.namespace));
        }
        let stateful = owner.is_some_and(|o| o.kind == OwnerKind::StatefulSet);
        *groups
            .entry(((p.namespace.clone(), kind, name, stateful), s))
            .or_default() += 1;
        imported.pods += 1;
    }
    // Names: the controller's, with its namespace when another namespace
    // has one of the same name, and a size suffix when it has two sizes.
    let mut per_name: BTreeMap<String, usize> = BTreeMap::new();
    for (g, _) in groups.keys() {
        *per_name.entry(dns_label(&g.2)).or_default() += 1;
    }
    let mut used: BTreeMap<String, u32> = BTreeMap::new();
    for ((g, s), count) in groups {
        let base = dns_label(&g.2);
        let base = if per_name[&base] > 1 {
            dns_label(&format!("{}-{}", g.0, g.2))
        } else {
            base
        };
        let n = used.entry(base.clone()).or_default();
        *n += 1;
        let name = if *n == 1 { base } else { format!("{base}-{n}") };
        imported.workloads.push(Workload {
            name,
            kind: if g.3 {
                WorkloadKind::StatefulSet
            } else {
                WorkloadKind::Deployment
            },
            replicas: count,
            cpu: format!("{}m", s.cpu_m),
            memory: format!("{}Mi", s.mem_mib),
            gpus: s.gpus,
            architectures: if s.arm64_only {
                vec![Arch::Arm64]
            } else if s.amd64_only {
                vec![Arch::Amd64]
            } else {
                Vec::new()
            },
            node_selector: s.node_selector,
            tolerations: s
                .tolerations
                .iter()
                .filter_map(|(key, operator, value, effect)| {
                    toleration(&KubeToleration {
                        key: key.clone(),
                        operator: operator.clone(),
                        value: value.clone(),
                        effect: effect.clone(),
                    })
                })
                .collect(),
            spread_zones: s.spread_zones && !s.same_zone,
            one_per_node: s.one_per_node,
            same_zone: s.same_zone,
            spot: s.spot,
        });
    }
    let mut dnames: BTreeMap<String, u32> = BTreeMap::new();
    for (name, (cpu, mem, all)) in daemons {
        let base = dns_label(&name);
        let n = dnames.entry(base.clone()).or_default();
        *n += 1;
        imported.daemonsets.push(DaemonSet {
            name: if *n == 1 { base } else { format!("{base}-{n}") },
            cpu: format!("{cpu}m"),
            memory: format!("{mem}Mi"),
            tolerate_all: all,
        });
    }
    if !no_requests.is_empty() {
        findings.push(Diagnostic::new(
            Code::ClusterNoRequests,
            "pods",
            format!(
                "{} pod{} request{} neither CPU nor memory ({}{}): the simulation packs {} for free, so every option looks cheaper than it is",
                no_requests.len(),
                if no_requests.len() == 1 { "" } else { "s" },
                if no_requests.len() == 1 { "s" } else { "" },
                no_requests.iter().take(3).cloned().collect::<Vec<_>>().join(", "),
                if no_requests.len() > 3 { ", …" } else { "" },
                if no_requests.len() == 1 { "it" } else { "them" },
            ),
            "give the containers resource requests (the scheduler and Auto Mode size nodes by them)",
        ));
    }
    dropped_selectors.sort();
    dropped_selectors.dedup();
    if !dropped_selectors.is_empty() {
        findings.push(Diagnostic::new(
            Code::ClusterSelectorDropped,
            "pods",
            format!(
                "node selectors on custom labels left out for {}: they pick today's node groups, which the plan does not have",
                dropped_selectors.join(", ")
            ),
            "to keep them, add a NodePool with those labels to the plan and select it",
        ));
    }
    imported
}

/// Today's cluster (`objects`) priced, and its pods on the three options,
/// starting from `base` (its cluster settings and NodePools; its workload
/// is replaced by the imported one). The nodes' region wins over the plan's.
pub fn cluster_cost(base: &Plan, objects: &Objects, options: &Options) -> ClusterCost {
    let mut findings = Vec::new();
    let mut plan = base.clone();
    if let Some(r) = region_of(&objects.nodes) {
        plan.cluster.region = r;
    }
    let book = PriceBook::for_region(&plan.cluster.region, &plan.capacity.prices);
    if objects.nodes.is_empty() && objects.pods.is_empty() {
        findings.push(Diagnostic::new(
            Code::ClusterNothingImported,
            "import",
            "no nodes and no pods were imported: there is nothing to price".to_owned(),
            "give the output of `kubectl get nodes -o json` and `kubectl get pods -A -o json`",
        ));
    }
    let today = (!objects.nodes.is_empty()).then(|| today(objects, &book, &mut findings));
    let imported = workload(objects, &mut findings);
    let report = (!objects.pods.is_empty()).then(|| {
        plan.capacity.quick = None;
        plan.capacity.workloads = imported.workloads.clone();
        plan.capacity.daemonsets = imported.daemonsets.clone();
        let design = crate::resolve(&plan);
        super::estimate(&plan, &design, options)
    });
    let auto_compute = report.as_ref().map(auto_mode_compute);
    let (difference_monthly, difference_nodes) = match (&today, &report, auto_compute) {
        (Some(t), Some(r), Some(a)) => (
            Some(super::prices::cents(a - t.monthly)),
            Some(r.fleet.nodes.len() as i64 - t.nodes as i64),
        ),
        _ => (None, None),
    };
    let statement = statement(today.as_ref(), report.as_ref(), auto_compute, &imported);
    let alternatives = report
        .as_ref()
        .map(|r| alternatives(r, today.as_ref(), &imported))
        .unwrap_or_default();
    ClusterCost {
        today,
        imported,
        plan,
        report,
        alternatives,
        difference_monthly,
        difference_nodes,
        statement,
        findings,
    }
}

/// What Auto Mode's nodes cost a month: EC2 and the management fee, the
/// lines today's nodes are compared with (the control plane, volumes, NAT
/// gateways and load balancers are the same or not in today's figure).
pub fn auto_mode_compute(r: &CostReport) -> f64 {
    super::prices::cents(
        r.auto_mode
            .lines
            .iter()
            .filter(|l| l.item.starts_with("EC2") || l.item.ends_with("management fee"))
            .map(|l| l.monthly)
            .sum::<f64>(),
    )
}

fn statement(
    today: Option<&Today>,
    report: Option<&CostReport>,
    auto: Option<f64>,
    imported: &ImportedWorkload,
) -> String {
    use super::money::{format_money, plural};
    match (today, report, auto) {
        (Some(t), Some(r), Some(a)) => {
            let diff = a - t.monthly;
            let nodes = r.fleet.nodes.len() as u64;
            let pending: u64 = r.pending.iter().map(|p| u64::from(p.count)).sum();
            let pending = if pending > 0 {
                format!(
                    " ({} would stay pending on the plan's NodePools: see why below)",
                    plural(pending, "pod")
                )
            } else {
                String::new()
            };
            let size = format!(
                "{} today against {} on Auto Mode",
                plural(t.nodes, "node"),
                nodes
            );
            if diff.abs() < 0.005 {
                format!(
                    "Auto Mode's nodes would cost the same as today's ({}) for the same {} pods{pending}: {size}.",
                    format_money(t.monthly),
                    imported.pods
                )
            } else {
                format!(
                    "For the same {} pods{pending} Auto Mode's nodes would cost {} a month {} than today's ({} against {}, EC2 and fees): {size}.",
                    imported.pods,
                    format_money(diff.abs()),
                    if diff > 0.0 { "more" } else { "less" },
                    format_money(a),
                    format_money(t.monthly),
                )
            }
        }
        (Some(t), None, _) => format!(
            "Today's {} cost {} a month; import the pods (`kubectl get pods -A -o json`) to compare them with Auto Mode.",
            plural(t.nodes, "node"),
            format_money(t.monthly)
        ),
        (None, Some(_), Some(a)) => format!(
            "Auto Mode would run these {} pods for {} a month (EC2 and fee); import the nodes (`kubectl get nodes -o json`) to compare with today.",
            imported.pods,
            format_money(a)
        ),
        _ => "Nothing to compare: no nodes and no pods were imported.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::has_errors;

    const NODES: &str = include_str!("../../../../tests/fixtures/cost/cluster/nodes.json");
    const PODS: &str = include_str!("../../../../tests/fixtures/cost/cluster/pods.json");

    fn objects(files: &[&str]) -> Objects {
        let mut o = Objects::default();
        for f in files {
            let read = crate::kube::read_json(f);
            assert!(read.problems.is_empty(), "{:?}", read.problems);
            o.extend(read.objects);
        }
        o
    }

    fn options() -> Options {
        Options {
            today: crate::catalog::date::Date::parse("2026-12-01"),
        }
    }

    fn codes(d: &[Diagnostic]) -> Vec<Code> {
        d.iter().map(|d| d.code).collect()
    }

    #[test]
    fn todays_nodes_are_grouped_and_priced_in_their_region() {
        let o = objects(&[NODES, PODS]);
        let book = PriceBook::for_region("eu-west-1", &Default::default());
        let mut f = Vec::new();
        let t = today(&o, &book, &mut f);
        assert_eq!(t.region.as_deref(), Some("eu-west-1"));
        assert_eq!(t.nodes, 7);
        let group = |ty: &str| {
            t.groups
                .iter()
                .find(|g| g.instance_type == ty)
                .unwrap_or_else(|| panic!("no {ty} in {:?}", t.groups))
        };
        // Three equal nodes of a managed node group, at eu-west-1's price.
        let m5 = group("m5.xlarge");
        let price = book
            .on_demand(instances::find("m5.xlarge").expect("m5.xlarge"))
            .expect("price");
        assert_eq!((m5.count, m5.capacity_type.as_str()), (3, "on-demand"));
        assert_eq!(m5.origin, "node group \"apps\"");
        assert_eq!(m5.hourly, Some(price.0));
        assert!(price.0 > 0.192, "eu-west-1 is dearer than us-east-1");
        assert_eq!(m5.fee_hourly, 0.0);
        assert!((m5.monthly - 3.0 * monthly(price.0)).abs() < 0.011);
        // Karpenter's spot node: a spot estimate.
        let spot = group("c6g.2xlarge");
        assert_eq!(spot.capacity_type, "spot");
        assert_eq!(spot.origin, "Karpenter NodePool \"batch\"");
        assert!(spot.estimate);
        // An Auto Mode node pays the fee.
        let auto = group("m6a.large");
        assert!(auto.fee_hourly > 0.0);
        assert_eq!(auto.origin, "Auto Mode NodePool \"general-purpose\"");
        assert!(t.fee_monthly > 0.0);
        // Fargate: its pod's requests (1 vCPU, 2 GiB + 256 MB → 1 vCPU, 3 GB).
        let fargate = group("fargate");
        let expected = book.fargate_vcpu_hour + 3.0 * book.fargate_gb_hour;
        assert!(fargate.hourly.is_some_and(|h| (h - expected).abs() < 1e-9));
        // An unknown type is counted, left out of the total, and said.
        assert_eq!(group("x9z.mega").hourly, None);
        assert_eq!(t.unpriced, 1);
        assert_eq!(codes(&f), [Code::ClusterUnpricedNode]);
        assert!(f[0].message.contains("x9z.mega"));
        let sum: f64 = t.groups.iter().map(|g| g.monthly).sum();
        assert!((t.monthly - sum).abs() < 0.011);
        assert!((t.ec2_monthly + t.fee_monthly - t.monthly).abs() < 0.011);
        assert!(t.used_cpu_fraction > 0.0 && t.used_cpu_fraction < 1.0);
    }

    fn find<'a>(w: &'a ImportedWorkload, name: &str) -> &'a Workload {
        w.workloads
            .iter()
            .find(|x| x.name == name)
            .unwrap_or_else(|| panic!("no workload {name} in {:?}", w.workloads))
    }

    #[test]
    fn pods_become_workloads_field_by_field() {
        let o = objects(&[NODES, PODS]);
        let mut f = Vec::new();
        let w = workload(&o, &mut f);
        // 4 web (one pending), 2 postgres, 1 report, 1 cart, 1 debug, 1 api;
        // the finished Job pod and the DaemonSet's pods are not workloads.
        assert_eq!((w.pods, w.finished), (10, 1));
        let web = find(&w, "web");
        assert_eq!(web.replicas, 4, "the pending pod counts");
        assert_eq!((web.cpu.as_str(), web.memory.as_str()), ("600m", "1152Mi"));
        assert!(web.one_per_node && web.spread_zones && !web.same_zone && !web.spot);
        assert_eq!(web.kind, WorkloadKind::Deployment);
        // The init container (2 CPU) is larger than the container (1 CPU).
        let pg = find(&w, "postgres");
        assert_eq!(pg.kind, WorkloadKind::StatefulSet);
        assert_eq!(
            (pg.replicas, pg.cpu.as_str(), pg.memory.as_str()),
            (2, "2000m", "4096Mi")
        );
        // A Job on arm64 spot, with its own toleration (not Kubernetes' default ones).
        let job = find(&w, "report-29001");
        assert_eq!(job.architectures, [Arch::Arm64]);
        assert!(job.spot);
        assert_eq!(job.tolerations.len(), 1);
        assert_eq!(job.tolerations[0].key, "batch");
        assert_eq!(job.tolerations[0].value.as_deref(), Some("true"));
        assert_eq!(job.tolerations[0].effect, Some(TaintEffect::NoSchedule));
        // Overhead (kata) is added; the custom selector is left out.
        let cart = find(&w, "cart");
        assert_eq!((cart.cpu.as_str(), cart.memory.as_str()), ("500m", "632Mi"));
        assert!(cart.node_selector.is_empty());
        // A bare pod without requests.
        let bare = find(&w, "pods");
        assert_eq!((bare.cpu.as_str(), bare.memory.as_str()), ("0m", "0Mi"));
        // The DaemonSet, tolerating every taint.
        assert_eq!(w.daemonsets.len(), 1);
        let ds = &w.daemonsets[0];
        assert_eq!(
            (
                ds.name.as_str(),
                ds.cpu.as_str(),
                ds.memory.as_str(),
                ds.tolerate_all
            ),
            ("node-exporter", "100m", "180Mi", true)
        );
        assert_eq!(
            codes(&f),
            [Code::ClusterNoRequests, Code::ClusterSelectorDropped]
        );
        assert!(f[0].message.contains("tools/debug"), "{}", f[0].message);
        assert!(f[1].message.contains("shop/cart"), "{}", f[1].message);
    }

    #[test]
    fn the_same_pods_are_priced_on_auto_mode_against_today() {
        let o = objects(&[NODES, PODS]);
        let base = Plan::default();
        let c = cluster_cost(&base, &o, &options());
        assert_eq!(c.plan.cluster.region, "eu-west-1", "the nodes' region wins");
        let diags = crate::validate(&c.plan, &options());
        assert!(!has_errors(&diags), "{diags:?}");
        let r = c.report.as_ref().expect("report");
        let t = c.today.as_ref().expect("today");
        assert_eq!(r.pricing.region, "eu-west-1");
        // The arm64 Job finds no pool in the default plan (its
        // general-purpose pool is amd64), and the report says so.
        assert_eq!(r.fleet.pods, 9, "{:?}", r.pending);
        assert_eq!(r.pending.len(), 1);
        assert_eq!(r.pending[0].workload, "report-29001");
        assert!(
            r.pending[0]
                .details
                .iter()
                .any(|d| d.contains("architecture"))
        );
        let auto = auto_mode_compute(r);
        let fee = r
            .auto_mode
            .line("Auto Mode management fee")
            .expect("fee line")
            .monthly;
        let ec2 = r.auto_mode.line("EC2 on-demand").expect("EC2 line").monthly;
        assert!(
            fee > 0.0 && (auto - ec2 - fee).abs() < 0.001,
            "{auto} {ec2} {fee}"
        );
        let diff = c.difference_monthly.expect("difference");
        assert!((diff - cents(auto - t.monthly)).abs() < 0.001);
        assert_eq!(c.difference_nodes, Some(r.fleet.nodes.len() as i64 - 7));
        assert!(
            c.statement.contains("For the same 10 pods"),
            "{}",
            c.statement
        );
        assert!(
            c.statement
                .contains(if diff > 0.0 { "more" } else { "less" }),
            "{}",
            c.statement
        );
        // The imported workload is what the report priced.
        assert_eq!(c.plan.capacity.workloads, c.imported.workloads);
        assert!(c.plan.capacity.quick.is_none());
    }

    use super::super::prices::cents;

    #[test]
    fn each_option_is_set_against_today_in_money_and_nodes() {
        let c = cluster_cost(&Plan::default(), &objects(&[NODES, PODS]), &options());
        let r = c.report.as_ref().expect("report");
        let t = c.today.as_ref().expect("today");
        let names: Vec<&str> = c.alternatives.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Auto Mode", "Managed node groups", "Fargate"]);
        let [auto, mng, fargate] = &c.alternatives[..] else {
            panic!("{:?}", c.alternatives)
        };
        // Auto Mode: EC2 and fee, the figure of the difference above.
        assert_eq!(auto.compute_monthly, auto_mode_compute(r));
        assert_eq!(auto.difference_monthly, c.difference_monthly);
        assert_eq!(auto.difference_nodes, c.difference_nodes);
        let fee = r.auto_mode.line("Auto Mode management fee").expect("fee");
        assert_eq!(auto.fee_monthly, fee.monthly);
        // Managed node groups: the same right-sized nodes without the fee.
        let ec2 = r.managed_node_groups.line("EC2 on-demand").expect("EC2");
        assert_eq!(mng.nodes, r.fleet.nodes.len() as u64);
        assert_eq!(mng.fee_monthly, 0.0);
        assert!((mng.compute_monthly - (auto.compute_monthly - auto.fee_monthly)).abs() < 0.011);
        assert!(mng.compute_monthly >= ec2.monthly);
        assert_eq!(
            mng.difference_monthly,
            Some(cents(mng.compute_monthly - t.monthly))
        );
        assert_eq!(mng.difference_nodes, Some(mng.nodes as i64 - 7));
        // Fargate cannot run the DaemonSet (nor the arm64 Job): no
        // difference, and the report's reasons.
        assert!(!fargate.possible);
        assert_eq!((fargate.nodes, fargate.difference_monthly), (0, None));
        assert!(fargate.caveats.iter().any(|c| c.contains("DaemonSets")));
    }

    #[test]
    fn fargate_runs_one_pod_per_node_when_it_can() {
        // Pods alone, without the DaemonSet and the arm64 Job: Fargate
        // runs every pod, each on its own micro-VM; nothing to set against.
        let mut o = objects(&[PODS]);
        o.pods
            .retain(|p| !p.is_daemon() && !p.node_selector.values().any(|v| v == "arm64"));
        let c = cluster_cost(&Plan::default(), &o, &options());
        let r = c.report.as_ref().expect("report");
        let fargate = &c.alternatives[2];
        assert!(fargate.possible, "{:?}", fargate.caveats);
        assert_eq!(fargate.nodes, c.imported.pods);
        let pods = r.fargate.line("Fargate pods").expect("line").monthly;
        assert_eq!(fargate.compute_monthly, pods);
        assert!(pods > 0.0);
        assert!(
            c.alternatives
                .iter()
                .all(|a| a.difference_monthly.is_none())
        );
        // With the nodes, it is set against today's.
        let mut with_nodes = objects(&[NODES]);
        with_nodes.pods = o.pods.clone();
        let c = cluster_cost(&Plan::default(), &with_nodes, &options());
        let t = c.today.as_ref().expect("today");
        let f = &c.alternatives[2];
        assert_eq!(f.difference_nodes, Some(f.nodes as i64 - t.nodes as i64));
        assert_eq!(
            f.difference_monthly,
            Some(cents(f.compute_monthly - t.monthly))
        );
    }

    #[test]
    fn either_file_alone_works() {
        let nodes = cluster_cost(&Plan::default(), &objects(&[NODES]), &options());
        assert!(nodes.today.is_some() && nodes.report.is_none());
        assert!(nodes.alternatives.is_empty());
        assert!(
            nodes.statement.contains("import the pods"),
            "{}",
            nodes.statement
        );
        let pods = cluster_cost(&Plan::default(), &objects(&[PODS]), &options());
        assert!(pods.today.is_none() && pods.report.is_some());
        assert!(
            pods.statement.contains("import the nodes"),
            "{}",
            pods.statement
        );
        // Without nodes the plan keeps its own region.
        assert_eq!(pods.plan.cluster.region, Plan::default().cluster.region);
    }

    #[test]
    fn ci001_nothing_to_price() {
        let c = cluster_cost(&Plan::default(), &Objects::default(), &options());
        assert_eq!(codes(&c.findings), [Code::ClusterNothingImported]);
        assert!(c.today.is_none() && c.report.is_none());
        let c = cluster_cost(&Plan::default(), &objects(&[NODES, PODS]), &options());
        assert!(!codes(&c.findings).contains(&Code::ClusterNothingImported));
    }

    #[test]
    fn findings_only_when_they_apply() {
        // The migration's fixture: known types, requests everywhere, no
        // custom selectors.
        let text = include_str!("../../../../tests/fixtures/migrate/karpenter-v1/kubectl.json");
        let c = cluster_cost(&Plan::default(), &objects(&[text]), &options());
        // Karpenter's controller selects its node group, which the plan
        // does not have: only that selector is left out.
        assert_eq!(codes(&c.findings), [Code::ClusterSelectorDropped]);
        assert!(c.findings[0].message.contains("for kube-system/karpenter:"));
        let t = c.today.expect("today");
        assert_eq!(t.nodes, 5);
        assert_eq!(t.unpriced, 0);
        assert!(c.report.is_some_and(|r| r.fleet.pods > 0));
    }

    #[test]
    fn names_are_dns_labels_and_unique() {
        assert_eq!(dns_label("My_App.v2"), "my-app-v2");
        assert_eq!(dns_label("---"), "pods");
        assert!(dns_label(&"a".repeat(100)).len() <= 57);
        // Two namespaces with a `web` each: the namespace tells them apart.
        let mut o = objects(&[PODS]);
        let mut other = o.pods[0].clone();
        other.namespace = "staging".into();
        o.pods.push(other);
        let w = workload(&o, &mut Vec::new());
        let names: Vec<&str> = w.workloads.iter().map(|w| w.name.as_str()).collect();
        assert!(
            names.contains(&"shop-web") && names.contains(&"staging-web"),
            "{names:?}"
        );
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
    }

    #[test]
    fn the_region_comes_from_labels_or_zones() {
        let mut o = objects(&[NODES]);
        assert_eq!(region_of(&o.nodes).as_deref(), Some("eu-west-1"));
        for n in &mut o.nodes {
            n.region = None;
        }
        assert_eq!(region_of(&o.nodes).as_deref(), Some("eu-west-1"));
        for n in &mut o.nodes {
            n.zone = None;
        }
        assert_eq!(region_of(&o.nodes), None);
    }
}
