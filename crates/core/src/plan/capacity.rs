//! The `capacity` section: the workload the cluster will run, for the
//! capacity and cost plan. Nothing here goes into the bundle; it only feeds
//! the simulation of what Auto Mode would launch and what that costs.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{Arch, TaintEffect};

/// The workload and the prices to plan with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Capacity {
    /// Quick mode: a number of identical pods, planned like a Deployment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quick: Option<QuickPods>,
    /// Deployments and StatefulSets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub workloads: Vec<Workload>,
    /// DaemonSets: one pod on every node they tolerate.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub daemonsets: Vec<DaemonSet>,
    /// Load balancers the workloads create. Default: one per enabled
    /// IngressClass or NLB example.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancers: Option<u32>,
    /// How many clusters like this one to price (the fleet total).
    /// Default 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clusters: Option<u32>,
    /// Price overrides. The defaults are the region's on-demand prices
    /// (published for ten regions, estimated elsewhere).
    #[serde(skip_serializing_if = "Prices::is_default")]
    pub prices: Prices,
}

impl Capacity {
    /// How many clusters like this one (at least 1).
    pub fn cluster_count(&self) -> u32 {
        self.clusters.unwrap_or(1).max(1)
    }

    /// Whether there is anything to simulate.
    pub fn has_pods(&self) -> bool {
        self.quick.as_ref().is_some_and(|q| q.pods > 0)
            || self.workloads.iter().any(|w| w.replicas > 0)
    }
}

/// N pods of one size.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct QuickPods {
    /// How many pods.
    pub pods: u32,
    /// CPU request per pod, for example `500m`.
    pub cpu: String,
    /// Memory request per pod, for example `1Gi`.
    pub memory: String,
}

impl Default for QuickPods {
    fn default() -> Self {
        Self {
            pods: 30,
            cpu: "500m".to_owned(),
            memory: "1Gi".to_owned(),
        }
    }
}

/// The kind of a workload.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum WorkloadKind {
    /// Stateless replicas.
    #[default]
    Deployment,
    /// Replicas with stable identity and their own volumes.
    StatefulSet,
}

/// A Deployment or StatefulSet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Workload {
    /// Name (a DNS label).
    pub name: String,
    /// Deployment or StatefulSet.
    pub kind: WorkloadKind,
    /// Pods.
    pub replicas: u32,
    /// CPU request per pod (`250m`, `2`).
    pub cpu: String,
    /// Memory request per pod (`512Mi`, `4Gi`).
    pub memory: String,
    /// GPUs per pod (`nvidia.com/gpu`).
    #[serde(skip_serializing_if = "is_zero")]
    pub gpus: u32,
    /// Architectures the image runs on; empty means either.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub architectures: Vec<Arch>,
    /// `nodeSelector`: node labels the pods require. Picks a NodePool
    /// (`karpenter.sh/nodepool: gpu`) or a kind of node.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub node_selector: BTreeMap<String, String>,
    /// Taints the pods tolerate (a tainted NodePool needs one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tolerations: Vec<Toleration>,
    /// Spread the pods evenly across zones (topology spread, max skew 1).
    #[serde(skip_serializing_if = "is_false")]
    pub spread_zones: bool,
    /// At most one pod per node (pod anti-affinity on the hostname).
    #[serde(skip_serializing_if = "is_false")]
    pub one_per_node: bool,
    /// Keep all pods in one zone (pod affinity on the zone).
    #[serde(skip_serializing_if = "is_false")]
    pub same_zone: bool,
    /// The pods tolerate spot interruptions: spot nodes may run them.
    #[serde(skip_serializing_if = "is_false")]
    pub spot: bool,
}

impl Default for Workload {
    fn default() -> Self {
        Self {
            name: "app".to_owned(),
            kind: WorkloadKind::Deployment,
            replicas: 3,
            cpu: "500m".to_owned(),
            memory: "1Gi".to_owned(),
            gpus: 0,
            architectures: Vec::new(),
            node_selector: BTreeMap::new(),
            tolerations: Vec::new(),
            spread_zones: false,
            one_per_node: false,
            same_zone: false,
            spot: false,
        }
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

/// How a toleration matches a taint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum TolerationOperator {
    /// Key and value must match.
    #[default]
    Equal,
    /// The key must match (any value); with no key, every taint.
    Exists,
}

/// A toleration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Toleration {
    /// Taint key; empty with `Exists` tolerates every taint.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// `Equal` (default) or `Exists`.
    pub operator: TolerationOperator,
    /// Taint value, for `Equal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Effect; empty matches every effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<TaintEffect>,
}

/// A DaemonSet: a pod on every node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct DaemonSet {
    /// Name.
    pub name: String,
    /// CPU request.
    pub cpu: String,
    /// Memory request.
    pub memory: String,
    /// Runs on tainted nodes too (tolerates every taint), as log and
    /// monitoring agents usually do. When `false`, only untainted nodes.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub tolerate_all: bool,
}

impl Default for DaemonSet {
    fn default() -> Self {
        Self {
            name: "agent".to_owned(),
            cpu: "100m".to_owned(),
            memory: "128Mi".to_owned(),
            tolerate_all: true,
        }
    }
}

/// Prices that replace the built-in ones. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Prices {
    /// Per instance type, $/hour.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub instances: BTreeMap<String, InstancePrice>,
    /// Auto Mode fee as a fraction of on-demand, where no rate is known
    /// (default 0.12).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee_fraction: Option<f64>,
    /// Estimated spot price as a fraction of on-demand (default 0.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spot_fraction: Option<f64>,
    /// EKS cluster, standard support, $/hour (default 0.10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_hour: Option<f64>,
    /// EKS cluster, extended support, $/hour (default 0.60).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended_support_hour: Option<f64>,
    /// EBS gp3, $/GB-month (default 0.08).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ebs_gb_month: Option<f64>,
    /// NAT gateway, $/hour (default 0.045).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nat_gateway_hour: Option<f64>,
    /// Public IPv4 address, $/hour (default 0.005).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_ipv4_hour: Option<f64>,
    /// Application or Network Load Balancer, $/hour (default 0.0225).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancer_hour: Option<f64>,
    /// Interface VPC endpoint, $/hour per AZ (default 0.01).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_endpoint_hour: Option<f64>,
    /// Fargate, $/vCPU-hour (default 0.04048).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fargate_vcpu_hour: Option<f64>,
    /// Fargate, $/GB-hour (default 0.004445).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fargate_gb_hour: Option<f64>,
}

impl Prices {
    /// No overrides.
    pub fn is_default(&self) -> bool {
        *self == Prices::default()
    }

    /// Every override with its field name, for validation.
    pub fn rates(&self) -> [(&'static str, Option<f64>); 11] {
        [
            ("fee_fraction", self.fee_fraction),
            ("spot_fraction", self.spot_fraction),
            ("cluster_hour", self.cluster_hour),
            ("extended_support_hour", self.extended_support_hour),
            ("ebs_gb_month", self.ebs_gb_month),
            ("nat_gateway_hour", self.nat_gateway_hour),
            ("public_ipv4_hour", self.public_ipv4_hour),
            ("load_balancer_hour", self.load_balancer_hour),
            ("vpc_endpoint_hour", self.vpc_endpoint_hour),
            ("fargate_vcpu_hour", self.fargate_vcpu_hour),
            ("fargate_gb_hour", self.fargate_gb_hour),
        ]
    }
}

/// Prices of one instance type, $/hour.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct InstancePrice {
    /// On-demand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_demand: Option<f64>,
    /// Auto Mode management fee.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<f64>,
    /// Spot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spot: Option<f64>,
}
