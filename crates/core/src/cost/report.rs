//! The cost report: line items per option, the simulated fleet, pending
//! pods, and the fleet's cost against the lower bound.

use serde::Serialize;
use std::collections::BTreeMap;

use super::bound::{self, Offer};
use super::fargate;
use super::model::{self, Model};
use super::prices::{HOURS_PER_MONTH, PriceBook, Source, cents, monthly};
use super::simulate::{self, Outcome, Pending};
use crate::Options;
use crate::catalog::instances::{CATALOG_DATE, CATALOG_REGION};
use crate::catalog::versions::{self, SupportPhase};
use crate::design::Design;
use crate::design::NetworkSpec;
use crate::plan::Plan;

/// One line of an estimate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    /// What is billed.
    pub item: String,
    /// How it is computed.
    pub detail: String,
    /// $/month, rounded to cents.
    pub monthly: f64,
    /// Whether the figure rests on an estimate (spot, derived fees).
    pub estimate: bool,
}

/// One option's monthly cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Estimate {
    /// `Auto Mode`, `Managed node groups`, `Fargate`.
    pub name: String,
    /// Whether the workload can run this way at all.
    pub possible: bool,
    /// Why not, or what to keep in mind.
    pub caveats: Vec<String>,
    /// Line items.
    pub lines: Vec<Line>,
    /// Sum of the lines, $/month.
    pub total: f64,
}

impl Estimate {
    fn new(name: &str, lines: Vec<Line>) -> Estimate {
        let total = cents(lines.iter().map(|l| l.monthly).sum());
        Estimate {
            name: name.to_owned(),
            possible: true,
            caveats: Vec::new(),
            lines,
            total,
        }
    }

    /// The line for an item, if present.
    pub fn line(&self, item: &str) -> Option<&Line> {
        self.lines.iter().find(|l| l.item == item)
    }
}

/// Pods of one workload on a node.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodePods {
    /// Workload name.
    pub workload: String,
    /// Pods.
    pub count: u32,
    /// CPU request per pod, millicores.
    pub cpu_m: u32,
    /// Memory request per pod, MiB.
    pub mem_mib: u32,
}

/// A node of the simulated fleet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FleetNode {
    /// NodePool.
    pub pool: String,
    /// Instance type.
    pub instance_type: String,
    /// `on-demand` or `spot`.
    pub capacity_type: &'static str,
    /// Zone, when the pods pinned one.
    pub zone: Option<String>,
    /// Allocatable CPU, millicores.
    pub alloc_cpu_m: u32,
    /// Allocatable memory, MiB.
    pub alloc_mem_mib: u32,
    /// DaemonSet CPU, millicores.
    pub daemonset_cpu_m: u32,
    /// DaemonSet memory, MiB.
    pub daemonset_mem_mib: u32,
    /// Workload pods.
    pub pods: Vec<NodePods>,
    /// EC2 $/hour.
    pub ec2_hour: f64,
    /// Auto Mode fee $/hour.
    pub fee_hour: f64,
}

impl FleetNode {
    /// Pods of the workloads on the node.
    pub fn pod_count(&self) -> u32 {
        self.pods.iter().map(|p| p.count).sum()
    }

    /// CPU requested on the node, DaemonSets included, millicores.
    pub fn used_cpu_m(&self) -> u64 {
        u64::from(self.daemonset_cpu_m)
            + self
                .pods
                .iter()
                .map(|p| u64::from(p.cpu_m) * u64::from(p.count))
                .sum::<u64>()
    }

    /// Memory requested on the node, DaemonSets included, MiB.
    pub fn used_mem_mib(&self) -> u64 {
        u64::from(self.daemonset_mem_mib)
            + self
                .pods
                .iter()
                .map(|p| u64::from(p.mem_mib) * u64::from(p.count))
                .sum::<u64>()
    }
}

/// The simulated fleet.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Fleet {
    /// Nodes, in launch order.
    pub nodes: Vec<FleetNode>,
    /// Pods placed.
    pub pods: u64,
    /// Nodes consolidation removed.
    pub consolidated: u32,
    /// Nodes consolidation replaced with a cheaper type.
    pub replaced: u32,
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
    /// Why.
    pub reason: String,
}

/// The fleet against the LP lower bound.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bound {
    /// Lower bound on EC2 + fee, $/hour.
    pub hourly: f64,
    /// The fleet's EC2 + fee, $/hour.
    pub fleet_hourly: f64,
    /// Fleet ÷ bound (≥ 1).
    pub ratio: f64,
}

/// Everything the cost panel and `eksplan cost` show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostReport {
    /// "us-east-1 on-demand prices as of …".
    pub prices: String,
    /// Set when the cluster is not in the catalog's region.
    pub region_warning: Option<String>,
    /// Hours in the month.
    pub hours_per_month: f64,
    /// Auto Mode.
    pub auto_mode: Estimate,
    /// The same fleet on managed node groups.
    pub managed_node_groups: Estimate,
    /// The same pods on Fargate.
    pub fargate: Estimate,
    /// The simulated fleet.
    pub fleet: Fleet,
    /// Pods that would not run.
    pub pending: Vec<PendingPods>,
    /// Fleet cost against the lower bound, when there are pods.
    pub bound: Option<Bound>,
    /// Assumptions worth reading.
    pub notes: Vec<String>,
}

impl CostReport {
    /// The three options, in the order they are shown.
    pub fn options(&self) -> [&Estimate; 3] {
        [&self.auto_mode, &self.managed_node_groups, &self.fargate]
    }

    /// Every line item of any option, in order of first appearance: the
    /// rows of the comparison table and the segments of its chart.
    pub fn items(&self) -> Vec<&str> {
        let mut items: Vec<&str> = Vec::new();
        for e in self.options() {
            for l in &e.lines {
                if !items.contains(&l.item.as_str()) {
                    items.push(&l.item);
                }
            }
        }
        items
    }
}

/// One point of the break-even view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CurvePoint {
    /// Workload scale factor.
    pub factor: f64,
    /// Pods placed.
    pub pods: u64,
    /// Auto Mode $/month.
    pub auto_mode: f64,
    /// Managed node groups $/month.
    pub managed_node_groups: f64,
    /// Fargate $/month, when possible.
    pub fargate: Option<f64>,
}

/// Root volume assumed for managed node group nodes, GiB.
const MNG_VOLUME_GIB: f64 = 20.0;

/// `$1,234.56`.
pub fn format_money(x: f64) -> String {
    let mut s = format!("{:.2}", x.abs());
    // Thousands separators.
    if let Some(dot) = s.find('.') {
        let mut i = dot;
        while i > 3 {
            i -= 3;
            s.insert(i, ',');
        }
    }
    format!("{}${s}", if x < 0.0 { "-" } else { "" })
}

fn rate(x: f64) -> String {
    let s = format!("{x:.5}");
    let s = s.trim_end_matches('0');
    let s = if s.ends_with('.') {
        format!("{s}00")
    } else {
        s.to_owned()
    };
    let decimals = s.split('.').nth(1).map_or(0, str::len);
    if decimals < 2 {
        format!("${x:.2}")
    } else {
        format!("${s}")
    }
}

/// Counts of types in the fleet, as "3 × m5a.xlarge, 1 × c6i.large".
fn type_summary<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for t in items {
        *counts.entry(t).or_default() += 1;
    }
    let mut v: Vec<(&str, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let shown: Vec<String> = v
        .iter()
        .take(4)
        .map(|(t, n)| format!("{n} × {t}"))
        .collect();
    let rest = v.len().saturating_sub(4);
    if rest > 0 {
        format!("{} and {rest} more types", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

fn scaled(plan: &Plan, factor: f64) -> Plan {
    if (factor - 1.0).abs() < 1e-12 {
        return plan.clone();
    }
    let mut p = plan.clone();
    let scale = |n: u32| (f64::from(n) * factor).round().clamp(0.0, 1e6) as u32;
    if let Some(q) = &mut p.capacity.quick {
        q.pods = scale(q.pods);
    }
    for w in &mut p.capacity.workloads {
        w.replicas = scale(w.replicas);
    }
    p
}

/// Build the report for the workload scaled by `factor`.
pub fn build(plan: &Plan, design: &Design, options: &Options, factor: f64) -> CostReport {
    let plan = &scaled(plan, factor);
    let book = PriceBook::new(&plan.capacity.prices);
    let model = model::build(plan, design, &book);
    let outcome = simulate::run(&model.types, &model.pools, &model.groups, model.zones.len());
    let fleet = fleet(&model, &outcome, &book);
    let mut notes = Vec::new();

    // Fixed costs shared by the options.
    let phase = options
        .today
        .and_then(|today| versions::find(&design.cluster.version).map(|v| v.phase(today)));
    let (cp_rate, cp_what) = match phase {
        Some(SupportPhase::Extended | SupportPhase::Ended) => {
            (book.extended_support_hour, "extended support")
        }
        _ => (book.cluster_hour, "standard support"),
    };
    let control_plane = Line {
        item: "EKS control plane".into(),
        detail: format!("{cp_what}, {}/h × 730 h", rate(cp_rate)),
        monthly: monthly(cp_rate),
        estimate: false,
    };
    let mut shared = Vec::new();
    let (nats, endpoints, zones) = match &design.network {
        NetworkSpec::Create(vpc) => (
            vpc.nat_gateways.len(),
            vpc.endpoints.iter().filter(|e| !e.is_gateway()).count(),
            vpc.zones.len(),
        ),
        NetworkSpec::Existing(_) => {
            notes.push("Existing VPC: its NAT gateways and endpoints are not counted.".into());
            (0, 0, 0)
        }
    };
    if nats > 0 {
        let hourly = book.nat_gateway_hour + book.public_ipv4_hour;
        shared.push(Line {
            item: "NAT gateways".into(),
            detail: format!(
                "{nats} × ({}/h + {}/h public IPv4); data processed is extra",
                rate(book.nat_gateway_hour),
                rate(book.public_ipv4_hour)
            ),
            monthly: monthly(hourly * nats as f64),
            estimate: false,
        });
    }
    if endpoints > 0 {
        shared.push(Line {
            item: "VPC interface endpoints".into(),
            detail: format!(
                "{endpoints} × {zones} AZs × {}/h; data processed is extra",
                rate(book.vpc_endpoint_hour)
            ),
            monthly: monthly(book.vpc_endpoint_hour * (endpoints * zones) as f64),
            estimate: false,
        });
    }
    let lbs = plan.capacity.load_balancers.unwrap_or_else(|| {
        u32::from(design.kubernetes.ingress.is_some())
            + u32::from(!design.kubernetes.nlb_example.is_empty())
    });
    if lbs > 0 {
        shared.push(Line {
            item: "Load balancers".into(),
            detail: format!(
                "{lbs} × {}/h; capacity units are extra",
                rate(book.load_balancer_hour)
            ),
            monthly: monthly(book.load_balancer_hour * f64::from(lbs)),
            estimate: false,
        });
    }

    // Auto Mode.
    let od: Vec<&FleetNode> = fleet
        .nodes
        .iter()
        .filter(|n| n.capacity_type == "on-demand")
        .collect();
    let spot: Vec<&FleetNode> = fleet
        .nodes
        .iter()
        .filter(|n| n.capacity_type == "spot")
        .collect();
    let mut compute = Vec::new();
    if !od.is_empty() {
        compute.push(Line {
            item: "EC2 on-demand".into(),
            detail: type_summary(od.iter().map(|n| n.instance_type.as_str())),
            monthly: monthly(od.iter().map(|n| n.ec2_hour).sum()),
            estimate: false,
        });
    }
    if !spot.is_empty() {
        compute.push(Line {
            item: "EC2 spot (estimate)".into(),
            detail: format!(
                "{}; spot at {:.0}% of on-demand, an estimate: spot prices move",
                type_summary(spot.iter().map(|n| n.instance_type.as_str())),
                book.spot_fraction * 100.0
            ),
            monthly: monthly(spot.iter().map(|n| n.ec2_hour).sum()),
            estimate: true,
        });
    }
    let mut fee_sources: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut fee_estimated = false;
    for n in &outcome.nodes {
        let t = model.catalog[usize::from(n.type_index)];
        let src = book.fee(t).map_or(Source::Estimated, |f| f.1);
        let key = match src {
            Source::Confirmed => "AWS's published rate",
            Source::Override => "your rate",
            _ => {
                fee_estimated = true;
                "12% of on-demand (estimate)"
            }
        };
        let list = fee_sources.entry(key).or_default();
        if !list.contains(&t.name.as_str()) {
            list.push(&t.name);
        }
    }
    let fee_detail = fee_sources
        .iter()
        .map(|(k, v)| {
            let shown: Vec<&str> = v.iter().take(3).copied().collect();
            let more = if v.len() > 3 {
                format!(" and {} more", v.len() - 3)
            } else {
                String::new()
            };
            format!("{k}: {}{more}", shown.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let fee_detail = if (book.fee_fraction - 0.12).abs() > 1e-12 {
        fee_detail.replace(
            "12% of on-demand",
            &format!("{:.1}% of on-demand", book.fee_fraction * 100.0),
        )
    } else {
        fee_detail
    };
    if !fleet.nodes.is_empty() {
        compute.push(Line {
            item: "Auto Mode management fee".into(),
            detail: fee_detail,
            monthly: monthly(fleet.nodes.iter().map(|n| n.fee_hour).sum()),
            estimate: fee_estimated,
        });
        let gib: f64 = outcome
            .nodes
            .iter()
            .map(|n| model.volume_gib[usize::from(n.pool)])
            .sum();
        compute.push(Line {
            item: "Node volumes (EBS gp3)".into(),
            detail: format!(
                "{} GiB across {} nodes at {}/GB-month",
                trim(gib),
                fleet.nodes.len(),
                rate(book.ebs_gb_month)
            ),
            monthly: cents(gib * book.ebs_gb_month),
            estimate: false,
        });
    }
    let mut lines = vec![control_plane.clone()];
    lines.extend(compute.iter().cloned());
    lines.extend(shared.iter().cloned());
    let auto_mode = Estimate::new("Auto Mode", lines);

    // Managed node groups: the same nodes, no fee, smaller root volumes.
    let mut lines = vec![control_plane.clone()];
    lines.extend(
        compute
            .iter()
            .filter(|l| l.item.starts_with("EC2"))
            .cloned(),
    );
    if !fleet.nodes.is_empty() {
        let gib = MNG_VOLUME_GIB * fleet.nodes.len() as f64;
        lines.push(Line {
            item: "Node volumes (EBS gp3)".into(),
            detail: format!(
                "{} GiB root volume per node at {}/GB-month",
                trim(MNG_VOLUME_GIB),
                rate(book.ebs_gb_month)
            ),
            monthly: cents(gib * book.ebs_gb_month),
            estimate: false,
        });
    }
    lines.extend(shared.iter().cloned());
    let mut mng = Estimate::new("Managed node groups", lines);
    mng.caveats.push(
        "Same packing and instance types as Auto Mode, no management fee. You run and upgrade the node AMIs, Cluster Autoscaler or Karpenter, the EBS CSI driver and the load balancer controller yourself."
            .into(),
    );

    let fargate = fargate_estimate(&model, &book, &control_plane, &shared);

    // Pending pods.
    let pending = outcome
        .pending
        .iter()
        .map(|&(g, why, count)| PendingPods {
            workload: model.groups[usize::from(g)].name.clone(),
            path: model.paths[usize::from(g)].clone(),
            count,
            reason: match why {
                Pending::NoNodePool => "no NodePool accepts these pods: check the node selector, tolerations, architecture and spot setting".into(),
                Pending::TooLarge => "larger than every instance type the NodePools may launch".into(),
                Pending::Limits => "the NodePool's limits are reached".into(),
                Pending::Zones => "the zone spread or zone affinity cannot be met in the NodePools' zones".into(),
            },
        })
        .collect();

    let bound = lower_bound(&model, &outcome, &book);
    if !model.unknown_keys.is_empty() {
        notes.push(format!(
            "Requirements on {} cannot be simulated and were ignored.",
            model.unknown_keys.join(", ")
        ));
    }
    let region_warning = (design.cluster.region != CATALOG_REGION).then(|| {
        format!(
            "Prices are for {CATALOG_REGION}; {} usually costs somewhat more. Override prices under capacity.prices.",
            design.cluster.region
        )
    });
    if options.today.is_none() {
        notes.push("No date given: the control plane is priced at standard support.".into());
    }

    CostReport {
        prices: format!(
            "{CATALOG_REGION} on-demand prices as of {CATALOG_DATE}, {HOURS_PER_MONTH} hours a month"
        ),
        region_warning,
        hours_per_month: HOURS_PER_MONTH,
        auto_mode,
        managed_node_groups: mng,
        fargate,
        fleet,
        pending,
        bound,
        notes,
    }
}

fn trim(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

fn fleet(model: &Model, outcome: &Outcome, book: &PriceBook) -> Fleet {
    let nodes = outcome
        .nodes
        .iter()
        .map(|n| {
            let t = &model.types[usize::from(n.type_index)];
            let it = model.catalog[usize::from(n.type_index)];
            let pool = &model.pools[usize::from(n.pool)];
            FleetNode {
                pool: pool.name.clone(),
                instance_type: t.name.clone(),
                capacity_type: if n.spot { "spot" } else { "on-demand" },
                zone: n
                    .zone
                    .and_then(|z| model.zones.get(usize::from(z)).cloned()),
                alloc_cpu_m: t.cpu_m,
                alloc_mem_mib: t.mem_mib,
                daemonset_cpu_m: pool.overhead.cpu_m,
                daemonset_mem_mib: pool.overhead.mem_mib,
                pods: n
                    .groups
                    .iter()
                    .map(|&(g, count)| {
                        let group = &model.groups[usize::from(g)];
                        NodePods {
                            workload: group.name.clone(),
                            count,
                            cpu_m: group.cpu_m,
                            mem_mib: group.mem_mib,
                        }
                    })
                    .collect(),
                ec2_hour: t.price(n.spot),
                fee_hour: book.fee(it).map_or(0.0, |f| f.0),
            }
        })
        .collect();
    Fleet {
        nodes,
        pods: outcome.pods(),
        consolidated: outcome.deleted,
        replaced: outcome.replaced,
    }
}

fn fargate_estimate(
    model: &Model,
    book: &PriceBook,
    control_plane: &Line,
    shared: &[Line],
) -> Estimate {
    let mut caveats = Vec::new();
    let mut possible = true;
    if !model.daemonsets.is_empty() {
        possible = false;
        caveats
            .push("Fargate runs no DaemonSets: their agents would have to become sidecars.".into());
    }
    let mut hourly = 0.0;
    let mut pods = 0u64;
    let mut too_big = Vec::new();
    for (w, group) in model.groups.iter().enumerate() {
        if group.count == 0 {
            continue;
        }
        if group.gpus > 0 {
            possible = false;
            caveats.push(format!(
                "{} needs GPUs, which Fargate does not offer.",
                group.name
            ));
            continue;
        }
        if model.arch_masks[w] & 1 == 0 {
            possible = false;
            caveats.push(format!(
                "{} is arm64 only; EKS Fargate runs x86.",
                group.name
            ));
            continue;
        }
        match fargate::size(group.cpu_m, group.mem_mib) {
            Some((vcpu, gb)) => {
                hourly += (vcpu * book.fargate_vcpu_hour + gb * book.fargate_gb_hour)
                    * f64::from(group.count);
                pods += u64::from(group.count);
            }
            None => {
                possible = false;
                too_big.push(group.name.clone());
            }
        }
    }
    if !too_big.is_empty() {
        caveats.push(format!(
            "Larger than Fargate's largest pod (16 vCPU, 120 GB): {}.",
            too_big.join(", ")
        ));
    }
    let mut lines = vec![control_plane.clone()];
    if pods > 0 {
        lines.push(Line {
            item: "Fargate pods".into(),
            detail: format!(
                "{pods} pods, each billed at its requests + 256 MB rounded up to a Fargate size, {}/vCPU-h and {}/GB-h",
                rate(book.fargate_vcpu_hour),
                rate(book.fargate_gb_hour)
            ),
            monthly: monthly(hourly),
            estimate: false,
        });
    }
    lines.extend(shared.iter().cloned());
    let mut e = Estimate::new("Fargate", lines);
    e.possible = possible;
    e.caveats = caveats;
    e
}

/// The LP bound per (pool, capacity type) for the pods the simulation put
/// there, summed; and the fleet's EC2 + fee against it.
fn lower_bound(model: &Model, outcome: &Outcome, book: &PriceBook) -> Option<Bound> {
    if outcome.nodes.is_empty() {
        return None;
    }
    // EC2 and the fee of type `t`, $/h.
    let hourly = |t: u16, spot: bool| {
        model.types[usize::from(t)].price(spot)
            + book.fee(model.catalog[usize::from(t)]).map_or(0.0, |f| f.0)
    };
    // CPU, memory and GPUs requested per pool and capacity type.
    let mut demand: BTreeMap<(u16, bool), (f64, f64, f64)> = BTreeMap::new();
    let mut fleet_hourly = 0.0;
    for n in &outcome.nodes {
        let d = demand.entry((n.pool, n.spot)).or_default();
        d.0 += n.cpu_m as f64;
        d.1 += n.mem_mib as f64;
        d.2 += n
            .groups
            .iter()
            .map(|&(g, c)| f64::from(model.groups[usize::from(g)].gpus) * f64::from(c))
            .sum::<f64>();
        fleet_hourly += hourly(n.type_index, n.spot);
    }
    let mut total = 0.0;
    for ((pool, spot), (cpu, mem, gpus)) in demand {
        let p = &model.pools[usize::from(pool)];
        let offers: Vec<Offer> = p
            .types
            .iter()
            .map(|&t| {
                let st = &model.types[usize::from(t)];
                Offer {
                    cpu: f64::from(st.cpu_m.saturating_sub(p.overhead.cpu_m)),
                    mem: f64::from(st.mem_mib.saturating_sub(p.overhead.mem_mib)),
                    price: hourly(t, spot),
                }
            })
            .collect();
        let lp = bound::lp_bound(cpu, mem, &offers)?;
        // The LP covers CPU and memory; GPUs bound the cost on their own
        // (every GPU costs at least the cheapest price per GPU), and the
        // larger of two lower bounds is still one.
        let per_gpu = p
            .types
            .iter()
            .filter_map(|&t| {
                let gpus = model.types[usize::from(t)].gpus;
                (gpus > 0).then(|| hourly(t, spot) / f64::from(gpus))
            })
            .fold(f64::INFINITY, f64::min);
        let gpu = if gpus > 0.0 && per_gpu.is_finite() {
            gpus * per_gpu
        } else {
            0.0
        };
        total += lp.max(gpu);
    }
    (total > 0.0).then(|| Bound {
        hourly: total,
        fleet_hourly,
        ratio: fleet_hourly / total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_rates_read_naturally() {
        assert_eq!(format_money(1046.82), "$1,046.82");
        assert_eq!(format_money(1_234_567.0), "$1,234,567.00");
        assert_eq!(format_money(45.2), "$45.20");
        assert_eq!(rate(0.1), "$0.10");
        assert_eq!(rate(0.0225), "$0.0225");
        assert_eq!(rate(0.04048), "$0.04048");
        assert_eq!(type_summary(["a", "b", "a"].into_iter()), "2 × a, 1 × b");
    }
}
