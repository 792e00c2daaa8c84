//! The capacity and cost plan end to end: plans in, reports out.

use eksplan_core::catalog::date::Date;
use eksplan_core::cost::prices::Source;
use eksplan_core::cost::{self, CostReport};
use eksplan_core::{Options, Plan, resolve};

fn options() -> Options {
    Options {
        today: Some(Date::new(2026, 11, 21)),
    }
}

fn report(yaml: &str) -> CostReport {
    let plan = Plan::from_yaml(yaml).unwrap_or_else(|e| panic!("{e}"));
    let design = resolve(&plan);
    cost::estimate(&plan, &design, &options())
}

/// Three m5a.xlarge nodes, pinned by a NodePool that allows only that type.
const SEED: &str = r#"
cluster:
  name: seed
  kubernetes_version: "1.35"
auto_mode:
  general_purpose_pool: false
  system_pool: true
node_pools:
- name: fixed
  requirements:
    extra:
    - key: node.kubernetes.io/instance-type
      operator: In
      values: [m5a.xlarge]
capacity:
  workloads:
  - name: app
    replicas: 3
    cpu: "3"
    memory: 4Gi
    one_per_node: true
"#;

#[test]
fn the_worked_example_comes_out_to_the_cent() {
    let r = report(SEED);
    let nodes: Vec<&str> = r
        .fleet
        .nodes
        .iter()
        .map(|n| n.instance_type.as_str())
        .collect();
    assert_eq!(nodes, ["m5a.xlarge"; 3]);
    let a = &r.auto_mode;
    let line = |item: &str| a.line(item).map(|l| l.monthly).unwrap_or(f64::NAN);
    assert_eq!(line("EC2 on-demand"), 376.68);
    assert_eq!(line("Auto Mode management fee"), 45.20);
    assert_eq!(line("EKS control plane"), 73.00);
    let three =
        line("EC2 on-demand") + line("Auto Mode management fee") + line("EKS control plane");
    assert!((three - 494.88).abs() < 1e-9, "{three}");
    // The fee is AWS's published rate for m5a.xlarge, not an estimate.
    let fee = a.line("Auto Mode management fee").expect("fee line");
    assert!(
        !fee.estimate && fee.detail.contains("published rate"),
        "{}",
        fee.detail
    );
    // EBS and NAT come on top, shown separately.
    assert_eq!(line("Node volumes (EBS gp3)"), 19.20);
    assert_eq!(line("NAT gateways"), 36.50);
    // Managed node groups: the same EC2, no fee.
    let m = &r.managed_node_groups;
    assert_eq!(m.line("EC2 on-demand").map(|l| l.monthly), Some(376.68));
    assert!(m.line("Auto Mode management fee").is_none());
    assert!(r.region_warning.is_none());
}

#[test]
fn a_fee_of_twelve_percent_on_1046_82_of_ec2() {
    let plan = r#"
cluster: {name: fee, kubernetes_version: "1.35"}
auto_mode: {general_purpose_pool: false, system_pool: true}
node_pools:
- name: one
  requirements:
    extra:
    - {key: node.kubernetes.io/instance-type, operator: In, values: [m6i.4xlarge]}
capacity:
  workloads: [{name: app, replicas: 1, cpu: "8", memory: 16Gi}]
  prices:
    instances:
      m6i.4xlarge: {on_demand: 1.434}
"#;
    let r = report(plan);
    let a = &r.auto_mode;
    assert_eq!(a.line("EC2 on-demand").map(|l| l.monthly), Some(1046.82));
    let fee = a.line("Auto Mode management fee").expect("fee");
    assert_eq!(fee.monthly, 125.62);
    assert!(fee.estimate, "12% of on-demand is an estimate");
}

#[test]
fn fargate_says_when_it_cannot_run_the_workload() {
    let base = r#"
cluster: {name: f, kubernetes_version: "1.35"}
capacity:
  workloads: [{name: web, replicas: 4, cpu: 500m, memory: 1Gi}]
"#;
    let r = report(base);
    assert!(r.fargate.possible, "{:?}", r.fargate.caveats);
    // 4 pods of 0.5 vCPU / 1 GiB → 0.5 vCPU / 2 GB each.
    let pods = r.fargate.line("Fargate pods").map(|l| l.monthly);
    let expected = ((0.5 * 0.04048 + 2.0 * 0.004445) * 4.0 * 730.0 * 100.0_f64).round() / 100.0;
    assert_eq!(pods, Some(expected));

    let with_ds = format!("{base}  daemonsets: [{{name: logs, cpu: 100m, memory: 128Mi}}]\n");
    let r = report(&with_ds);
    assert!(!r.fargate.possible);
    assert!(
        r.fargate.caveats.iter().any(|c| c.contains("DaemonSets")),
        "{:?}",
        r.fargate.caveats
    );

    let gpu = r#"
cluster: {name: g, kubernetes_version: "1.35"}
node_pools:
- name: gpu
  requirements: {gpu_names: [a10g]}
  taints: [{key: nvidia.com/gpu, effect: NoSchedule}]
capacity:
  workloads:
  - name: infer
    replicas: 2
    cpu: "2"
    memory: 8Gi
    gpus: 1
    tolerations: [{key: nvidia.com/gpu, operator: Exists}]
"#;
    let r = report(gpu);
    assert!(!r.fargate.possible);
    assert!(r.fargate.caveats.iter().any(|c| c.contains("GPUs")));
    assert!(
        r.fleet
            .nodes
            .iter()
            .all(|n| n.instance_type.starts_with("g5.")),
        "{:?}",
        r.fleet.nodes
    );
    assert_eq!(r.fleet.pods, 2);
}

#[test]
fn daemonsets_count_on_every_node_and_pending_pods_are_explained() {
    let plan = r#"
cluster: {name: d, kubernetes_version: "1.35"}
capacity:
  workloads:
  - {name: web, replicas: 6, cpu: "1", memory: 2Gi, spread_zones: true}
  - {name: arm-only, replicas: 2, cpu: "1", memory: 1Gi, architectures: [arm64]}
  - {name: huge, replicas: 1, cpu: "1000", memory: 1Gi}
  daemonsets: [{name: agent, cpu: 200m, memory: 256Mi}]
"#;
    let r = report(plan);
    assert!(
        r.fleet
            .nodes
            .iter()
            .all(|n| n.daemonset_cpu_m == 200 && n.daemonset_mem_mib == 256)
    );
    // general-purpose is amd64 only, and the system pool is tainted.
    let pending: Vec<(&str, u32)> = r
        .pending
        .iter()
        .map(|p| (p.workload.as_str(), p.count))
        .collect();
    assert!(pending.contains(&("arm-only", 2)), "{pending:?}");
    assert!(pending.contains(&("huge", 1)), "{pending:?}");
    let arm = r
        .pending
        .iter()
        .find(|p| p.workload == "arm-only")
        .expect("arm-only");
    assert_eq!(arm.path, "capacity.workloads[1]");
    // The web pods spread over the three zones.
    let mut zones: Vec<String> = r
        .fleet
        .nodes
        .iter()
        .filter(|n| n.pods.iter().any(|p| p.workload == "web"))
        .filter_map(|n| n.zone.clone())
        .collect();
    zones.sort();
    zones.dedup();
    assert_eq!(zones.len(), 3, "{zones:?}");
    let b = r.bound.expect("a bound");
    assert!(
        b.ratio >= 1.0 - 1e-9,
        "the fleet cannot beat the lower bound: {b:?}"
    );
}

#[test]
fn a_plan_in_eu_west_1_is_priced_at_eu_west_1() {
    // The worked example's three m5a.xlarge nodes, in Ireland: $0.192/h
    // each there (SkyPilot's catalog), not us-east-1's $0.172.
    let r = report(&SEED.replace("name: seed", "name: seed\n  region: eu-west-1"));
    assert!(r.region_warning.is_none(), "{:?}", r.region_warning);
    assert!(r.pricing.published && r.pricing.region == "eu-west-1");
    let ec2 = r.auto_mode.line("EC2 on-demand").expect("EC2 line");
    assert_eq!(ec2.monthly, 420.48, "3 × $0.192 × 730 h");
    assert!(!ec2.estimate, "m5a is a published family: {}", ec2.detail);
    assert!(ec2.detail.contains("eu-west-1 on-demand prices"));
    let t = &r.pricing.types[0];
    assert_eq!(
        (t.instance_type.as_str(), t.on_demand),
        ("m5a.xlarge", 0.192)
    );
    assert_eq!(
        (t.us_east_1, t.on_demand_source),
        (Some(0.172), Source::Regional)
    );
    // The fee: 12% of the regional price, an estimate outside us-east-1.
    let fee = r.auto_mode.line("Auto Mode management fee").expect("fee");
    assert!(fee.estimate);
    assert_eq!(fee.monthly, 50.46, "3 × 0.12 × $0.192 × 730 h");
    assert!(r.prices.contains("eu-west-1"), "{}", r.prices);
    assert!(r.pricing.sources.contains("SkyPilot"));
}

#[test]
fn unpublished_families_and_regions_are_labelled_estimates() {
    // m7i has no published eu-west-1 figure: estimated, and said so.
    let plan = r#"
cluster: {name: e, region: eu-west-1, kubernetes_version: "1.35"}
auto_mode: {general_purpose_pool: false, system_pool: true}
node_pools:
- name: m7i
  requirements: {instance_families: [m7i]}
capacity:
  workloads: [{name: app, replicas: 2, cpu: "1", memory: 2Gi}]
"#;
    let r = report(plan);
    let ec2 = r.auto_mode.line("EC2 on-demand").expect("EC2 line");
    assert!(
        ec2.estimate && ec2.detail.contains("estimated for m7i."),
        "{}",
        ec2.detail
    );
    let t = &r.pricing.types[0];
    assert_eq!(t.on_demand_source, Source::Estimated);
    assert!(
        t.basis
            .as_deref()
            .is_some_and(|b| b.contains("m5, m6i, m6id")),
        "{:?}",
        t.basis
    );
    // A region without published prices: us-east-1 figures, all estimates,
    // and a warning.
    let r = report(
        "cluster: {name: x, region: sa-east-1, kubernetes_version: \"1.35\"}\ncapacity: {quick: {pods: 10}}\n",
    );
    assert!(
        r.region_warning
            .as_deref()
            .is_some_and(|w| w.contains("sa-east-1") && w.contains("us-east-1"))
    );
    assert!(
        r.auto_mode
            .line("EC2 on-demand")
            .is_some_and(|l| l.estimate)
    );
    assert!(r.prices.contains("2026-07-20"));
    // Overrides still win.
    let r = report(
        "cluster: {name: x, kubernetes_version: \"1.35\"}\ncapacity:\n  quick: {pods: 10}\n  prices: {cluster_hour: 0.2}\n",
    );
    assert_eq!(
        r.auto_mode.line("EKS control plane").map(|l| l.monthly),
        Some(146.0)
    );
}

#[test]
fn fifteen_clusters_on_extended_support_in_the_report() {
    // 1.33 is in extended support on 2026-11-21.
    let plan = r#"
cluster: {name: fleet, kubernetes_version: "1.33", support_type: EXTENDED}
capacity:
  clusters: 15
"#;
    let r = report(plan);
    assert_eq!(r.control_plane.monthly, 438.0);
    assert_eq!(
        r.auto_mode.line("EKS control plane").map(|l| l.monthly),
        Some(438.0)
    );
    assert_eq!(r.clusters.count, 15);
    assert_eq!(r.clusters.control_planes, 6570.0);
    assert_eq!(r.clusters.control_planes_standard, 1095.0);
    assert!(
        r.clusters
            .statement
            .contains("15 clusters on extended support: their control planes cost $6,570.00 a month instead of $1,095.00"),
        "{}",
        r.clusters.statement
    );
    assert!(
        r.control_plane
            .statement
            .contains("extended support since 2026-07-30"),
        "{}",
        r.control_plane.statement
    );
    assert!((r.clusters.auto_mode - 15.0 * r.auto_mode.total).abs() < 0.01);
}

#[test]
fn spot_is_labelled_an_estimate() {
    let plan = r#"
cluster: {name: s, kubernetes_version: "1.35"}
node_pools:
- name: spot
  weight: 10
  requirements: {capacity_types: [spot], instance_categories: [c, m, r]}
capacity:
  workloads: [{name: batch, replicas: 10, cpu: "2", memory: 4Gi, spot: true}]
"#;
    let r = report(plan);
    let spot = r.auto_mode.line("EC2 spot (estimate)").expect("spot line");
    assert!(spot.estimate && spot.monthly > 0.0);
    assert!(r.fleet.nodes.iter().all(|n| n.capacity_type == "spot"));
}

#[test]
fn the_break_even_curve_grows_with_the_workload() {
    let plan = Plan::from_yaml("cluster: {name: c, kubernetes_version: \"1.35\"}\ncapacity: {quick: {pods: 40, cpu: 500m, memory: 1Gi}}\n")
        .unwrap_or_default();
    let design = resolve(&plan);
    let points = cost::curve(&plan, &design, &options(), &[0.5, 1.0, 2.0, 4.0]);
    assert_eq!(
        points.iter().map(|p| p.pods).collect::<Vec<_>>(),
        [20, 40, 80, 160]
    );
    assert!(points.windows(2).all(|w| w[1].auto_mode >= w[0].auto_mode));
    assert!(points.iter().all(|p| p.auto_mode > p.managed_node_groups));
}

#[test]
fn a_plan_without_a_workload_still_has_fixed_costs() {
    let r = report("cluster: {name: e, kubernetes_version: \"1.35\"}\n");
    assert!(r.fleet.nodes.is_empty());
    assert!(r.auto_mode.line("EKS control plane").is_some());
    assert!(r.bound.is_none());
}

#[test]
fn gpus_bound_the_cost_of_gpu_workloads() {
    let plan = eksplan_core::presets::find("gpu")
        .and_then(|p| p.plan().ok())
        .unwrap_or_else(|| panic!("gpu preset"));
    let r = cost::estimate(&plan, &resolve(&plan), &options());
    let b = r.bound.unwrap_or_else(|| panic!("a bound"));
    // CPU and memory alone would put the bound far below a fleet of GPU
    // nodes; the GPUs' own price per GPU keeps it honest.
    assert!(b.ratio >= 1.0 && b.ratio < 2.0, "{b:?}");
    assert!(
        (b.fleet_hourly * 730.0
            - (r.auto_mode.line("EC2 on-demand").map_or(0.0, |l| l.monthly)
                + r.auto_mode
                    .line("Auto Mode management fee")
                    .map_or(0.0, |l| l.monthly)))
        .abs()
            < 0.05
    );
}

#[test]
fn the_overview_and_the_savings_make_up_the_analysis() {
    // The web view shows the overview while the user types and looks for
    // savings once typing pauses: together they are what the CLI prints.
    let plan = eksplan_core::presets::find("production")
        .expect("preset")
        .plan()
        .expect("plan");
    let design = resolve(&plan);
    let full = cost::analyse(&plan, &design, &options());
    let overview = cost::overview(&plan, &design, &options());
    assert!(overview.hints.is_empty());
    assert!(!full.hints.is_empty());
    assert_eq!(overview.report, full.report);
    assert_eq!(overview.curve, full.curve);
    assert_eq!(cost::savings(&plan, &design, &options()), full.hints);
}
