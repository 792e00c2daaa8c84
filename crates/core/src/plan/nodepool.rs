//! Custom NodePools (`karpenter.sh/v1`, Auto Mode flavour).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A custom NodePool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct NodePool {
    /// Object name (DNS-1123). `general-purpose` and `system` belong to EKS.
    pub name: String,
    /// NodeClass name: `default` (the built-in one) or a custom NodeClass.
    pub node_class: String,
    /// What instances may be launched.
    pub requirements: Requirements,
    /// Labels on every node.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Taints on every node; only pods that tolerate them land here.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<Taint>,
    /// Taints present only while the node starts (a DaemonSet removes them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub startup_taints: Vec<Taint>,
    /// Ceilings for the whole pool: `cpu`, `memory`, `nodes`, `nvidia.com/gpu`…
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub limits: BTreeMap<String, String>,
    /// 1–100; higher-weight pools are tried first. Not with `replicas`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    /// When and how nodes are replaced or removed.
    pub disruption: Disruption,
    /// Maximum node lifetime (`expireAfter`), default `336h`. Auto Mode forbids
    /// `Never` and caps `expire_after + termination_grace_period` at 21 days.
    pub expire_after: String,
    /// How long a draining node waits for pods before it is forced
    /// (`terminationGracePeriod`), default `24h`.
    pub termination_grace_period: String,
    /// Static capacity: keep exactly this many nodes (`spec.replicas`).
    /// Cannot be added or removed after creation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<u32>,
}

impl Default for NodePool {
    fn default() -> Self {
        Self {
            name: "general".to_owned(),
            node_class: "default".to_owned(),
            requirements: Requirements::default(),
            labels: BTreeMap::new(),
            taints: Vec::new(),
            startup_taints: Vec::new(),
            limits: BTreeMap::new(),
            weight: None,
            disruption: Disruption::default(),
            expire_after: "336h".to_owned(),
            termination_grace_period: "24h".to_owned(),
            replicas: None,
        }
    }
}

/// Instance requirements, in the planner's structured form. Each non-empty
/// field becomes one `spec.template.spec.requirements` entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Requirements {
    /// `eks.amazonaws.com/instance-category`, for example `[c, m, r]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instance_categories: Vec<String>,
    /// `eks.amazonaws.com/instance-family` (In), for example `[m7i, m7g]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instance_families: Vec<String>,
    /// `eks.amazonaws.com/instance-family` (NotIn).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude_instance_families: Vec<String>,
    /// Lowest `eks.amazonaws.com/instance-generation` allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_generation: Option<u32>,
    /// `eks.amazonaws.com/instance-size` (In), for example `[large, xlarge]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instance_sizes: Vec<String>,
    /// `eks.amazonaws.com/instance-size` (NotIn), for example `[metal]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude_instance_sizes: Vec<String>,
    /// Fewest vCPUs per instance (`eks.amazonaws.com/instance-cpu`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_cpu: Option<u32>,
    /// Most vCPUs per instance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_cpu: Option<u32>,
    /// Least memory per instance, MiB (`eks.amazonaws.com/instance-memory`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_memory_mib: Option<u64>,
    /// Most memory per instance, MiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_memory_mib: Option<u64>,
    /// Fewest GPUs per instance (`eks.amazonaws.com/instance-gpu-count`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_gpu_count: Option<u32>,
    /// GPU names (`eks.amazonaws.com/instance-gpu-name`), for example `[l4, a10g]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gpu_names: Vec<String>,
    /// `kubernetes.io/arch`: `amd64`, `arm64`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub architectures: Vec<Arch>,
    /// `karpenter.sh/capacity-type`: `on-demand`, `spot`, `reserved`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub capacity_types: Vec<CapacityType>,
    /// `topology.kubernetes.io/zone`, for example `[us-east-1a]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub zones: Vec<String>,
    /// Any other requirement, written as Karpenter spells it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Requirement>,
}

/// CPU architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Arch {
    /// x86-64.
    Amd64,
    /// Graviton.
    Arm64,
}

impl Arch {
    /// Kubernetes spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Arch::Amd64 => "amd64",
            Arch::Arm64 => "arm64",
        }
    }
}

/// `karpenter.sh/capacity-type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CapacityType {
    /// On-demand.
    OnDemand,
    /// Spot (can be interrupted with two minutes' notice).
    Spot,
    /// Capacity reservations selected by the NodeClass.
    Reserved,
}

impl CapacityType {
    /// Karpenter spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            CapacityType::OnDemand => "on-demand",
            CapacityType::Spot => "spot",
            CapacityType::Reserved => "reserved",
        }
    }
}

/// A raw Karpenter requirement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Requirement {
    /// Label key, for example `eks.amazonaws.com/instance-hypervisor`.
    pub key: String,
    /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`, `Lt`.
    pub operator: Operator,
    /// Values (one non-negative integer for `Gt`/`Lt`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// `minValues`: at least this many distinct values must stay possible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_values: Option<u32>,
}

impl Default for Requirement {
    fn default() -> Self {
        Self {
            key: String::new(),
            operator: Operator::In,
            values: Vec::new(),
            min_values: None,
        }
    }
}

/// Requirement operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Operator {
    /// Value in the list.
    In,
    /// Value not in the list.
    NotIn,
    /// Label present.
    Exists,
    /// Label absent.
    DoesNotExist,
    /// Integer greater than.
    Gt,
    /// Integer less than.
    Lt,
}

impl Operator {
    /// Kubernetes spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::In => "In",
            Operator::NotIn => "NotIn",
            Operator::Exists => "Exists",
            Operator::DoesNotExist => "DoesNotExist",
            Operator::Gt => "Gt",
            Operator::Lt => "Lt",
        }
    }
}

/// A node taint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Taint {
    /// Taint key, for example `nvidia.com/gpu`.
    pub key: String,
    /// Optional value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    pub effect: TaintEffect,
}

impl Default for Taint {
    fn default() -> Self {
        Self {
            key: String::new(),
            value: None,
            effect: TaintEffect::NoSchedule,
        }
    }
}

/// Taint effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum TaintEffect {
    /// New pods without a toleration are not scheduled.
    NoSchedule,
    /// The scheduler avoids the node.
    PreferNoSchedule,
    /// Running pods without a toleration are evicted.
    NoExecute,
}

impl TaintEffect {
    /// Kubernetes spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            TaintEffect::NoSchedule => "NoSchedule",
            TaintEffect::PreferNoSchedule => "PreferNoSchedule",
            TaintEffect::NoExecute => "NoExecute",
        }
    }
}

/// `spec.disruption`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Disruption {
    /// `WhenEmptyOrUnderutilized` (the planner's default), `WhenEmpty` or
    /// `Balanced`. Always written out: EKS's own default for NodePools
    /// created without one is `Balanced` from Kubernetes 1.37 and
    /// `WhenEmptyOrUnderutilized` before.
    pub consolidation_policy: ConsolidationPolicy,
    /// How long a node must be consolidatable before it is acted on
    /// (`30s` on the built-in pools), or `Never`.
    pub consolidate_after: String,
    /// Disruption budgets. Empty: Karpenter's default of 10% of nodes at a time.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub budgets: Vec<Budget>,
}

impl Default for Disruption {
    fn default() -> Self {
        Self {
            consolidation_policy: ConsolidationPolicy::WhenEmptyOrUnderutilized,
            consolidate_after: "30s".to_owned(),
            budgets: Vec::new(),
        }
    }
}

/// `consolidationPolicy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ConsolidationPolicy {
    /// Remove only empty nodes.
    WhenEmpty,
    /// Remove or replace empty and under-used nodes.
    WhenEmptyOrUnderutilized,
    /// Like `WhenEmptyOrUnderutilized`, but moves only when the hourly
    /// saving is worth disrupting the node's pods (EKS's default for new
    /// NodePools from 1.37).
    Balanced,
}

impl ConsolidationPolicy {
    /// Karpenter spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WhenEmpty => "WhenEmpty",
            Self::WhenEmptyOrUnderutilized => "WhenEmptyOrUnderutilized",
            Self::Balanced => "Balanced",
        }
    }
}

/// A disruption budget.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Budget {
    /// Nodes that may be disrupted at once: a count (`0`, `2`) or a
    /// percentage (`10%`).
    pub nodes: String,
    /// Cron schedule (UTC) when this budget starts, for example `0 9 * * mon-fri`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    /// How long it lasts from each schedule hit, for example `8h`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// Which reasons it limits: `Underutilized`, `Empty`, `Drifted`,
    /// `NodeNotHealthy`. Empty: all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<DisruptionReason>,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            nodes: "10%".to_owned(),
            schedule: None,
            duration: None,
            reasons: Vec::new(),
        }
    }
}

/// Disruption reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum DisruptionReason {
    /// Consolidation of under-used nodes.
    Underutilized,
    /// Removal of empty nodes.
    Empty,
    /// Replacement after drift (new AMI, changed NodePool).
    Drifted,
    /// Repair of unhealthy nodes (Auto Mode).
    NodeNotHealthy,
}

impl DisruptionReason {
    /// Karpenter spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Underutilized => "Underutilized",
            Self::Empty => "Empty",
            Self::Drifted => "Drifted",
            Self::NodeNotHealthy => "NodeNotHealthy",
        }
    }
}
