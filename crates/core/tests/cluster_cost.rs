//! Property tests over random imports for the cost of a running cluster:
//! the cost fixture's nodes and pods with random fields changed. Nothing
//! panics, the imported workload is a valid plan section that reads back
//! unchanged, today's total adds up, and the difference is Auto Mode's EC2
//! and fee against it.

use eksplan_core::catalog::date::Date;
use eksplan_core::cost::cluster::{auto_mode_compute, cluster_cost};
use eksplan_core::diag::Code;
use eksplan_core::{Options, Plan, kube, validate};
use proptest::prelude::*;
use serde_json::{Value, json};

const NODES: &str = include_str!("../../../tests/fixtures/cost/cluster/nodes.json");
const PODS: &str = include_str!("../../../tests/fixtures/cost/cluster/pods.json");

/// One change to one object.
#[derive(Debug, Clone)]
enum Change {
    /// A container's CPU or memory request to this text.
    Request(usize, bool, String),
    /// The pod's phase.
    Phase(usize, String),
    /// The pod's owner kind and name.
    Owner(usize, String, String),
    /// The pod's node (or none).
    NodeName(usize, Option<usize>),
    /// A node selector entry.
    Selector(usize, String, String),
    /// A toleration.
    Toleration(usize, String, String, String),
    /// A node's instance type label.
    InstanceType(usize, String),
    /// A node's capacity-type label (Karpenter's).
    CapacityType(usize, String),
    /// A node's region and zone labels removed.
    NoRegion(usize),
    /// The pod's namespace.
    Namespace(usize, String),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("-1".to_owned()),
        Just("1e400".to_owned()),
        Just("0".to_owned()),
        Just("250m".to_owned()),
        Just("64Gi".to_owned()),
        Just("spot".to_owned()),
        Just("Exists".to_owned()),
        "[a-zA-Z0-9._/-]{0,70}",
    ]
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..16usize, any::<bool>(), text()).prop_map(|(i, c, t)| Change::Request(i, c, t)),
        (
            0..16usize,
            prop_oneof![
                Just("Pending".to_owned()),
                Just("Succeeded".to_owned()),
                Just("Failed".to_owned()),
                text()
            ]
        )
            .prop_map(|(i, p)| Change::Phase(i, p)),
        (
            0..16usize,
            prop_oneof![
                Just("ReplicaSet".to_owned()),
                Just("StatefulSet".to_owned()),
                Just("DaemonSet".to_owned()),
                Just("Job".to_owned()),
                Just("Node".to_owned()),
                text()
            ],
            text()
        )
            .prop_map(|(i, k, n)| Change::Owner(i, k, n)),
        (0..16usize, proptest::option::of(0..9usize)).prop_map(|(i, n)| Change::NodeName(i, n)),
        (
            0..16usize,
            prop_oneof![
                Just("kubernetes.io/arch".to_owned()),
                Just("karpenter.sh/capacity-type".to_owned()),
                Just("topology.kubernetes.io/zone".to_owned()),
                Just("karpenter.sh/nodepool".to_owned()),
                text()
            ],
            text()
        )
            .prop_map(|(i, k, v)| Change::Selector(i, k, v)),
        (0..16usize, text(), text(), text())
            .prop_map(|(i, k, o, e)| Change::Toleration(i, k, o, e)),
        (
            0..8usize,
            prop_oneof![
                Just("m5.xlarge".to_owned()),
                Just("t3.nano".to_owned()),
                Just("g6.xlarge".to_owned()),
                Just("p5.48xlarge".to_owned()),
                text()
            ]
        )
            .prop_map(|(i, t)| Change::InstanceType(i, t)),
        (0..8usize, text()).prop_map(|(i, t)| Change::CapacityType(i, t)),
        (0..8usize).prop_map(Change::NoRegion),
        (0..16usize, text()).prop_map(|(i, n)| Change::Namespace(i, n)),
    ]
}

/// The `i`-th item (modulo the list's length) of a kubectl list.
fn item(list: &mut Value, i: usize) -> &mut Value {
    let n = list["items"].as_array().map_or(1, Vec::len).max(1);
    &mut list["items"][i % n]
}

fn apply(nodes: &mut Value, pods: &mut Value, c: &Change) {
    let names: Vec<Value> = nodes["items"]
        .as_array()
        .map(|a| a.iter().map(|n| n["metadata"]["name"].clone()).collect())
        .unwrap_or_default();
    match c {
        Change::Request(i, cpu, t) => {
            let p = item(pods, *i);
            p["spec"]["containers"][0]["resources"]["requests"]
                [if *cpu { "cpu" } else { "memory" }] = json!(t);
        }
        Change::Phase(i, ph) => item(pods, *i)["status"]["phase"] = json!(ph),
        Change::Owner(i, k, n) => {
            item(pods, *i)["metadata"]["ownerReferences"] =
                json!([{"apiVersion": "apps/v1", "kind": k, "name": n, "controller": true}]);
        }
        Change::NodeName(i, n) => {
            let p = item(pods, *i);
            match n {
                Some(n) => p["spec"]["nodeName"] = names.get(*n).cloned().unwrap_or(json!("gone")),
                None => {
                    if let Some(s) = p["spec"].as_object_mut() {
                        s.remove("nodeName");
                    }
                }
            }
        }
        Change::Selector(i, k, v) => item(pods, *i)["spec"]["nodeSelector"][k] = json!(v),
        Change::Toleration(i, k, o, e) => {
            let p = item(pods, *i);
            let mut list = p["spec"]["tolerations"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            list.push(json!({"key": k, "operator": o, "value": "x", "effect": e}));
            p["spec"]["tolerations"] = Value::Array(list);
        }
        Change::InstanceType(i, t) => {
            item(nodes, *i)["metadata"]["labels"]["node.kubernetes.io/instance-type"] = json!(t);
        }
        Change::CapacityType(i, t) => {
            item(nodes, *i)["metadata"]["labels"]["karpenter.sh/capacity-type"] = json!(t);
        }
        Change::NoRegion(i) => {
            if let Some(l) = item(nodes, *i)["metadata"]["labels"].as_object_mut() {
                l.remove("topology.kubernetes.io/region");
                l.remove("topology.kubernetes.io/zone");
            }
        }
        Change::Namespace(i, n) => item(pods, *i)["metadata"]["namespace"] = json!(n),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_imports_price_without_panic_and_make_valid_plans(
        changes in proptest::collection::vec(change(), 0..12),
    ) {
        let mut nodes: Value = serde_json::from_str(NODES).expect("nodes");
        let mut pods: Value = serde_json::from_str(PODS).expect("pods");
        for c in &changes {
            apply(&mut nodes, &mut pods, c);
        }
        let mut objects = kube::read_json(&nodes.to_string()).objects;
        objects.extend(kube::read_json(&pods.to_string()).objects);
        let options = Options { today: Some(Date::new(2026, 12, 1)) };
        let c = cluster_cost(&Plan::default(), &objects, &options);
        // The imported workload never makes the plan invalid by itself.
        let diags = validate(&c.plan, &options);
        for d in &diags {
            prop_assert!(
                !matches!(d.code, Code::CapacityName | Code::CapacityQuantity | Code::CapacityScheduling),
                "{d:?}"
            );
        }
        // It reads back unchanged.
        let yaml = c.plan.to_yaml().expect("yaml");
        let back = Plan::from_yaml(&yaml).expect("plan reads back");
        prop_assert_eq!(&back.capacity.workloads, &c.imported.workloads);
        prop_assert_eq!(&back.capacity.daemonsets, &c.imported.daemonsets);
        if let Some(t) = &c.today {
            let sum: f64 = t.groups.iter().map(|g| g.monthly).sum();
            prop_assert!((t.monthly - sum).abs() < 0.011 * t.groups.len() as f64 + 1e-9);
            prop_assert_eq!(t.groups.iter().map(|g| g.count).sum::<u64>(), t.nodes);
        }
        if let (Some(t), Some(r), Some(d)) = (&c.today, &c.report, c.difference_monthly) {
            prop_assert!((d - (auto_mode_compute(r) - t.monthly)).abs() < 0.011);
        }
        // Each option against today: three of them with pods, none without;
        // a difference exactly when nodes were imported and it runs every pod.
        prop_assert_eq!(c.alternatives.len(), if c.report.is_some() { 3 } else { 0 });
        prop_assert_eq!(c.alternatives.first().and_then(|a| a.difference_monthly), c.difference_monthly);
        for a in &c.alternatives {
            prop_assert_eq!(a.difference_monthly.is_some(), c.today.is_some() && a.possible);
            if let (Some(t), Some(d), Some(n)) = (&c.today, a.difference_monthly, a.difference_nodes) {
                prop_assert!((d - (a.compute_monthly - t.monthly)).abs() < 0.011);
                prop_assert_eq!(n, a.nodes as i64 - t.nodes as i64);
            }
            prop_assert!(a.compute_monthly >= 0.0 && a.fee_monthly <= a.compute_monthly + 0.011);
        }
    }
}
