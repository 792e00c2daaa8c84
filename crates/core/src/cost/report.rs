//! The cost report: line items per option, the simulated fleet, pending
//! pods and idle NodePools with their reasons, the control plane's support
//! calendar, several clusters, and the fleet's cost against the lower bound.

use serde::Serialize;
use std::collections::BTreeMap;

use super::bound::{self, Apart, Offer};
use super::control_plane::{self, Clusters, ControlPlane};
use super::explain::{self, IdlePool};
use super::fargate;
use super::model::{self, Model};
pub use super::money::format_money;
use super::money::{plural, rate};
use super::prices::{HOURS_PER_MONTH, PriceBook, Source, cents, monthly};
use super::region;
use super::simulate::{self, Outcome};
use crate::Options;
use crate::catalog::instances::{self, CATALOG_DATE, CATALOG_REGION};
use crate::design::Design;
use crate::design::NetworkSpec;
use crate::plan::Plan;

pub use super::explain::PendingPods;

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
    /// Where the EC2 price comes from.
    pub price_source: Source,
    /// Where the fee comes from.
    pub fee_source: Source,
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

/// Nodes of one instance type and capacity type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TypeCount {
    /// Instance type.
    pub instance_type: String,
    /// `on-demand` or `spot`.
    pub capacity_type: &'static str,
    /// How many nodes.
    pub count: u32,
}

/// The simulated fleet.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Fleet {
    /// Nodes, in launch order.
    pub nodes: Vec<FleetNode>,
    /// Nodes per instance type, most first.
    pub types: Vec<TypeCount>,
    /// The fleet in a few words: `3 × m5a.4xlarge, 1 × c6i.large`.
    pub summary: String,
    /// Pods placed.
    pub pods: u64,
    /// Nodes consolidation removed.
    pub consolidated: u32,
    /// Nodes consolidation replaced with a cheaper type.
    pub replaced: u32,
    /// Consolidation moves `Balanced` pools turned down.
    pub declined: u32,
}

/// The fleet against the lower bound.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bound {
    /// Lower bound on EC2 + fee, $/hour.
    pub hourly: f64,
    /// The plain LP relaxation (CPU and memory only), $/hour.
    pub relaxation_hourly: f64,
    /// The fleet's EC2 + fee, $/hour.
    pub fleet_hourly: f64,
    /// Fleet ÷ bound (≥ 1): how far the fleet is from the best possible one.
    pub ratio: f64,
    /// Nodes any fleet needs for pods that must run one per node.
    pub nodes_at_least: u32,
    /// What it means, in words.
    pub statement: String,
}

/// The price of one instance type in the plan's region.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypePrice {
    /// Instance type.
    pub instance_type: String,
    /// On-demand $/h in the region.
    pub on_demand: f64,
    /// Where it comes from.
    pub on_demand_source: Source,
    /// us-east-1 list price, $/h.
    pub us_east_1: Option<f64>,
    /// Auto Mode fee $/h.
    pub fee: f64,
    /// Where the fee comes from.
    pub fee_source: Source,
    /// How an estimate was made.
    pub basis: Option<String>,
}

/// The prices the report uses.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pricing {
    /// The plan's region.
    pub region: String,
    /// Whether the region has published prices.
    pub published: bool,
    /// The sources and their dates, in words.
    pub sources: String,
    /// The fleet's instance types (or a few common ones without a fleet).
    pub types: Vec<TypePrice>,
}

/// Everything the cost panel and `eksplan cost` show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostReport {
    /// "eu-west-1 on-demand prices …", in one line.
    pub prices: String,
    /// The prices in detail: region, sources, the fleet's types.
    pub pricing: Pricing,
    /// Set when the region has no published prices.
    pub region_warning: Option<String>,
    /// Hours in the month.
    pub hours_per_month: f64,
    /// The control plane and its support calendar.
    pub control_plane: ControlPlane,
    /// Several clusters like this one.
    pub clusters: Clusters,
    /// Auto Mode.
    pub auto_mode: Estimate,
    /// The same fleet on managed node groups.
    pub managed_node_groups: Estimate,
    /// The same pods on Fargate.
    pub fargate: Estimate,
    /// The simulated fleet.
    pub fleet: Fleet,
    /// Pods that would not run, and why.
    pub pending: Vec<PendingPods>,
    /// NodePools that launched nothing, and why.
    pub idle_pools: Vec<IdlePool>,
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

/// Counts of types in the fleet, most first.
fn type_counts(nodes: &[FleetNode]) -> Vec<TypeCount> {
    let mut counts: BTreeMap<(&str, &'static str), u32> = BTreeMap::new();
    for n in nodes {
        *counts
            .entry((n.instance_type.as_str(), n.capacity_type))
            .or_default() += 1;
    }
    let mut v: Vec<TypeCount> = counts
        .into_iter()
        .map(|((t, c), count)| TypeCount {
            instance_type: t.to_owned(),
            capacity_type: c,
            count,
        })
        .collect();
    v.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.instance_type.cmp(&b.instance_type))
    });
    v
}

/// "3 × m5a.xlarge, 1 × c6i.large", the first four types and how many more.
pub fn type_summary<'a>(items: impl Iterator<Item = &'a str>) -> String {
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

/// The fleet's EC2, fee and node volumes per hour, and its node count, in a
/// trough: launched for the plan's workload, scaled down to `keep` of it,
/// then consolidated under each pool's policy.
pub fn trough(plan: &Plan, design: &Design, keep: f64) -> (f64, usize) {
    let book = PriceBook::for_region(&design.cluster.region, &plan.capacity.prices);
    let model = model::build(plan, design, &book);
    let o = simulate::run_through_trough(
        &model.types,
        &model.pools,
        &model.groups,
        model.zones.len(),
        keep,
    );
    let hourly = o
        .nodes
        .iter()
        .map(|n| {
            let t = model.catalog[usize::from(n.type_index)];
            model.types[usize::from(n.type_index)].price(n.spot)
                + book.fee(t).map_or(0.0, |f| f.0)
                + model.volume_gib[usize::from(n.pool)] * book.ebs_gb_month / HOURS_PER_MONTH
        })
        .sum();
    (hourly, o.nodes.len())
}

/// Build the report for the workload scaled by `factor`.
pub fn build(plan: &Plan, design: &Design, options: &Options, factor: f64) -> CostReport {
    let plan = &scaled(plan, factor);
    let book = PriceBook::for_region(&design.cluster.region, &plan.capacity.prices);
    let model = model::build(plan, design, &book);
    let outcome = simulate::run(&model.types, &model.pools, &model.groups, model.zones.len());
    let fleet = fleet(&model, &outcome, &book);
    let mut notes = Vec::new();

    // Fixed costs shared by the options.
    let cp = control_plane::control_plane(
        &design.cluster.version,
        design.cluster.support_type.as_str(),
        options.today,
        &book,
    );
    let cp_what = if (cp.hourly - book.extended_support_hour).abs() < 1e-12
        && (cp.hourly - book.cluster_hour).abs() > 1e-12
    {
        "extended support"
    } else {
        "standard support"
    };
    let control_plane = Line {
        item: "EKS control plane".into(),
        detail: format!("{cp_what}, {}/h × 730 h", rate(cp.hourly)),
        monthly: cp.monthly,
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

    if !design.capabilities.is_empty() {
        notes.push(capabilities_note(design));
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
        let estimated: Vec<&str> = {
            let mut v: Vec<&str> = od
                .iter()
                .filter(|n| n.price_source.is_estimate())
                .map(|n| n.instance_type.as_str())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut detail = format!(
            "{}; {} on-demand prices",
            type_summary(od.iter().map(|n| n.instance_type.as_str())),
            book.region
        );
        if !estimated.is_empty() {
            detail += &format!(
                "; estimated for {} (no published {} price, see the prices)",
                estimated.join(", "),
                book.region
            );
        }
        compute.push(Line {
            item: "EC2 on-demand".into(),
            detail,
            monthly: monthly(od.iter().map(|n| n.ec2_hour).sum()),
            estimate: !estimated.is_empty(),
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
                "12% of the on-demand price (estimate)"
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
            "12% of the on-demand price",
            &format!("{:.1}% of the on-demand price", book.fee_fraction * 100.0),
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

    let pending = explain::pending(&model, &outcome);
    let idle_pools = explain::idle_pools(plan, &model, &outcome, &book.region);
    let bound = lower_bound(&model, &outcome, &book);
    if !model.unknown_keys.is_empty() {
        notes.push(format!(
            "Requirements on {} cannot be simulated and were ignored.",
            model.unknown_keys.join(", ")
        ));
    }
    let region_warning = (!book.region_covered()).then(|| {
        format!(
            "The planner has no published prices for {}: every instance price is the {CATALOG_REGION} list price, marked as an estimate. Override prices under capacity.prices.",
            design.cluster.region
        )
    });
    if book.region != CATALOG_REGION {
        notes.push(format!(
            "EBS, NAT gateway, load balancer, endpoint and Fargate rates are {CATALOG_REGION} list prices; {} may differ by a few percent. Override them under capacity.prices.",
            book.region
        ));
    }
    if options.today.is_none() {
        notes.push("No date given: the control plane is priced at standard support.".into());
    }
    if fleet.declined > 0 {
        notes.push(format!(
            "Balanced consolidation turned down {} whose saving did not justify the disruption.",
            plural(u64::from(fleet.declined), "move")
        ));
    }
    let clusters = control_plane::clusters(
        plan.capacity.cluster_count(),
        (
            auto_mode.total,
            mng.total,
            fargate.possible.then_some(fargate.total),
        ),
        &cp,
        &book,
    );
    let pricing = pricing(&book, &model, &fleet);

    CostReport {
        prices: prices_sentence(&book, &model),
        pricing,
        region_warning,
        hours_per_month: HOURS_PER_MONTH,
        control_plane: cp,
        clusters,
        auto_mode,
        managed_node_groups: mng,
        fargate,
        fleet,
        pending,
        idle_pools,
        bound,
        notes,
    }
}

/// The prices line: region, sources and dates.
fn prices_sentence(book: &PriceBook, model: &Model) -> String {
    match book.region_index {
        Some(0) => format!(
            "{CATALOG_REGION} on-demand list prices as of {CATALOG_DATE}, {HOURS_PER_MONTH} hours a month"
        ),
        Some(_) => {
            let estimated = model
                .catalog
                .iter()
                .filter(|t| book.on_demand(t).is_some_and(|p| p.1 == Source::Estimated))
                .count();
            format!(
                "{} on-demand prices: published figures for {} instance families ({}, read {}), {} of {} types estimated from the region's published ratios; {HOURS_PER_MONTH} hours a month",
                book.region,
                region::published_families().len(),
                "SkyPilot's AWS catalog",
                region::RETRIEVED,
                estimated,
                model.catalog.len()
            )
        }
        None => format!(
            "{CATALOG_REGION} on-demand list prices as of {CATALOG_DATE}, used as estimates for {}; {HOURS_PER_MONTH} hours a month",
            book.region
        ),
    }
}

/// A few common types shown when there is no fleet yet.
const COMMON_TYPES: [&str; 6] = [
    "m5.large",
    "m6i.large",
    "m7g.large",
    "c6i.large",
    "c7g.large",
    "r6i.large",
];

fn type_price(book: &PriceBook, t: &instances::InstanceType) -> Option<TypePrice> {
    let (on_demand, on_demand_source) = book.on_demand(t)?;
    let (fee, fee_source) = book.fee(t).unwrap_or((0.0, Source::Estimated));
    Some(TypePrice {
        instance_type: t.name.clone(),
        on_demand,
        on_demand_source,
        us_east_1: t.on_demand,
        fee,
        fee_source,
        basis: book.on_demand_basis(t),
    })
}

fn pricing(book: &PriceBook, model: &Model, fleet: &Fleet) -> Pricing {
    let mut names: Vec<&str> = fleet
        .nodes
        .iter()
        .map(|n| n.instance_type.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        names = COMMON_TYPES.to_vec();
    }
    let types = names
        .iter()
        .filter_map(|n| {
            model
                .catalog
                .iter()
                .find(|t| t.name == *n)
                .copied()
                .or_else(|| instances::find(n))
        })
        .filter_map(|t| type_price(book, t))
        .collect();
    let sources = match book.region_index {
        Some(0) => format!(
            "AWS's us-east-1 price list as published by Karpenter (generated {CATALOG_DATE}). Auto Mode fee: AWS's published rate for m5.large and m5a.xlarge, 12% of on-demand (an estimate) for the rest."
        ),
        Some(_) => format!(
            "{}, read {}: the published {} price of one type per family, scaled to every size of the family as AWS prices them. Families without a published figure: the median ratio of the region's families of the same kind, marked as estimates. Auto Mode fee: 12% of the on-demand price (an estimate; AWS publishes per-type fees only for us-east-1 here).",
            region::SOURCE,
            region::RETRIEVED,
            book.region
        ),
        None => format!(
            "No published prices for {}: the us-east-1 list prices (Karpenter, {CATALOG_DATE}), every figure an estimate.",
            book.region
        ),
    };
    Pricing {
        region: book.region.clone(),
        published: book.region_covered(),
        sources,
        types,
    }
}

/// EKS Capabilities. AWS bills each capability per hour plus each resource
/// it manages per hour (Price List usage types
/// `AmazonEKSCapabilities-<type>-Hours` and `-CR-Hours`), but no rate is
/// confirmed from AWS for the planner's price table, so the report says so
/// in a note instead of a line: a `$0.00` line would read as free.
fn capabilities_note(design: &Design) -> String {
    let names: Vec<&str> = design
        .capabilities
        .iter()
        .map(|c| c.capability_type.title())
        .collect();
    format!(
        "EKS Capabilities ({}): price not published in the planner's price table, so not in the totals. AWS bills each capability per hour plus each resource it manages (Argo CD Applications, ACK resources, kro instances) per hour; see aws.amazon.com/eks/pricing.",
        names.join(", ")
    )
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
                price_source: if n.spot {
                    Source::Estimated
                } else {
                    book.on_demand(it).map_or(Source::Estimated, |p| p.1)
                },
                fee_source: book.fee(it).map_or(Source::Estimated, |f| f.1),
            }
        })
        .collect::<Vec<_>>();
    let types = type_counts(&nodes);
    let summary = type_summary(nodes.iter().map(|n| n.instance_type.as_str()));
    Fleet {
        nodes,
        types,
        summary,
        pods: outcome.pods(),
        consolidated: outcome.deleted,
        replaced: outcome.replaced,
        declined: outcome.declined,
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

/// The lower bound per (pool, capacity type) for the pods the simulation put
/// there, summed; and the fleet's EC2 + fee against it. Per part: the LP
/// relaxation over CPU and memory, tightened by the pods that must run one
/// per node, or the GPUs' own price when that is higher.
fn lower_bound(model: &Model, outcome: &Outcome, book: &PriceBook) -> Option<Bound> {
    if outcome.nodes.is_empty() {
        return None;
    }
    // EC2 and the fee of type `t`, $/h.
    let hourly = |t: u16, spot: bool| {
        model.types[usize::from(t)].price(spot)
            + book.fee(model.catalog[usize::from(t)]).map_or(0.0, |f| f.0)
    };
    // CPU, memory and GPUs requested per pool and capacity type, and the
    // pods that must run apart, per anti-affinity key.
    type Part = (f64, f64, f64, BTreeMap<u16, BTreeMap<u16, u32>>);
    let mut demand: BTreeMap<(u16, bool), Part> = BTreeMap::new();
    let mut fleet_hourly = 0.0;
    for n in &outcome.nodes {
        let d = demand.entry((n.pool, n.spot)).or_default();
        d.0 += n.cpu_m as f64;
        d.1 += n.mem_mib as f64;
        for &(g, c) in &n.groups {
            let group = &model.groups[usize::from(g)];
            d.2 += f64::from(group.gpus) * f64::from(c);
            if let Some(k) = group.anti {
                *d.3.entry(k).or_default().entry(g).or_default() += c;
            }
        }
        fleet_hourly += hourly(n.type_index, n.spot);
    }
    let (mut total, mut relaxation, mut nodes_at_least) = (0.0, 0.0, 0u32);
    for ((pool, spot), (cpu, mem, gpus, apart)) in demand {
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
        let apart: Vec<Apart> = apart
            .values()
            .map(|groups| Apart {
                pods: groups
                    .iter()
                    .map(|(&g, &c)| {
                        let group = &model.groups[usize::from(g)];
                        (f64::from(group.cpu_m), f64::from(group.mem_mib), c)
                    })
                    .collect(),
            })
            .collect();
        nodes_at_least += apart.iter().map(Apart::nodes).max().unwrap_or(0);
        let lp = bound::lp_bound(cpu, mem, &offers)?;
        let tight = bound::lower_bound(cpu, mem, &offers, &apart)?;
        // GPUs bound the cost on their own (every GPU costs at least the
        // cheapest price per GPU), and the larger of two lower bounds is
        // still one.
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
        relaxation += lp.max(gpu);
        total += tight.max(gpu);
    }
    (total > 0.0).then(|| {
        let ratio = fleet_hourly / total;
        let mut statement = format!(
            "No fleet for these pods can cost less than {}/h for EC2 and the fee; the simulated fleet costs {}/h, {ratio:.2}× that",
            format_money(total),
            format_money(fleet_hourly)
        );
        if nodes_at_least > 1 {
            statement += &format!(
                " (at least {} are needed for the pods that run one per node)",
                plural(u64::from(nodes_at_least), "node")
            );
        }
        statement += ". Above 1.00 the difference is what Karpenter's placement and whole instance sizes leave unused.";
        Bound {
            hourly: total,
            relaxation_hourly: relaxation,
            fleet_hourly,
            ratio,
            nodes_at_least,
            statement,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_name_the_type() {
        assert_eq!(type_summary(["a", "b", "a"].into_iter()), "2 × a, 1 × b");
        assert_eq!(
            type_summary(["m5a.4xlarge"; 3].into_iter()),
            "3 × m5a.4xlarge"
        );
    }

    /// Capabilities are named in a note, not priced: no rate is confirmed,
    /// so they add nothing to any option's total.
    #[test]
    fn capabilities_are_noted_not_priced() {
        let plan = crate::presets::find("platform")
            .and_then(|p| p.plan().ok())
            .unwrap_or_default();
        let design = crate::resolve(&plan);
        let options = Options {
            today: Some(crate::catalog::versions::TABLE_DATE),
        };
        let with = build(&plan, &design, &options, 1.0);
        let note = with
            .notes
            .iter()
            .find(|n| n.starts_with("EKS Capabilities"))
            .cloned()
            .unwrap_or_default();
        assert!(note.contains("Argo CD, ACK, kro"), "{note}");
        assert!(note.contains("price not published"), "{note}");
        let mut bare = plan.clone();
        bare.capabilities.clear();
        let without = build(&bare, &crate::resolve(&bare), &options, 1.0);
        assert!(
            !without
                .notes
                .iter()
                .any(|n| n.starts_with("EKS Capabilities"))
        );
        assert_eq!(with.auto_mode.total, without.auto_mode.total);
        assert!(with.items().iter().all(|i| !i.contains("Capabilit")));
    }
}
