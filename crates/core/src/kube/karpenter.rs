//! Karpenter's `NodePool` (`karpenter.sh/v1`) and `EC2NodeClass`
//! (`karpenter.k8s.aws/v1`), and Auto Mode's `NodeClass`
//! (`eks.amazonaws.com/v1`), as `kubectl get ... -o yaml` shows them.
//!
//! Fields follow the CRDs of Karpenter v1.14 (aws/karpenter-provider-aws
//! `pkg/apis/crds`). Every field the converter maps is typed; fields it only
//! has to notice (kubelet settings, AMI selection, metadata options...) are
//! kept as [`Loose`] values so findings can quote them.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

use super::meta::{MetaW, Taint};
use super::quantity::Quantity;

/// Any YAML/JSON value, kept for quoting in findings.
#[derive(Clone, Debug, PartialEq)]
pub enum Loose {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, as text.
    Number(String),
    /// A string.
    Str(String),
    /// A list.
    List(Vec<Loose>),
    /// A mapping.
    Map(BTreeMap<String, Loose>),
}

impl fmt::Display for Loose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loose::Null => f.write_str("null"),
            Loose::Bool(b) => write!(f, "{b}"),
            Loose::Number(n) => f.write_str(n),
            Loose::Str(s) => write!(f, "{s:?}"),
            Loose::List(items) => {
                f.write_str("[")?;
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            Loose::Map(m) => {
                f.write_str("{")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Loose;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E>(self) -> Result<Loose, E> {
                Ok(Loose::Null)
            }
            fn visit_none<E>(self) -> Result<Loose, E> {
                Ok(Loose::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Loose, E> {
                Ok(Loose::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Loose, E> {
                Ok(Loose::Number(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Loose, E> {
                Ok(Loose::Number(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Loose, E> {
                Ok(Loose::Number(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Loose, E> {
                Ok(Loose::Str(v.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<Loose, A::Error> {
                let mut items = Vec::new();
                while let Some(v) = s.next_element()? {
                    items.push(v);
                }
                Ok(Loose::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Loose, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = m.next_entry::<String, Loose>()? {
                    out.insert(k, v);
                }
                Ok(Loose::Map(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A Karpenter or Auto Mode NodePool.
#[derive(Clone, Debug, PartialEq)]
pub struct KarpenterNodePool {
    /// `apiVersion`, for example `karpenter.sh/v1`.
    pub api_version: String,
    /// Name.
    pub name: String,
    /// The spec.
    pub spec: NodePoolSpec,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct NodePoolW {
    pub api_version: String,
    pub metadata: MetaW,
    pub spec: NodePoolSpec,
}

impl KarpenterNodePool {
    pub(crate) fn from_wire(w: NodePoolW) -> Self {
        KarpenterNodePool {
            api_version: w.api_version,
            name: w.metadata.name,
            spec: w.spec,
        }
    }

    /// Whether Auto Mode runs it (its `nodeClassRef.group` is
    /// `eks.amazonaws.com`).
    pub fn is_auto_mode(&self) -> bool {
        self.spec
            .template
            .spec
            .node_class_ref
            .as_ref()
            .is_some_and(|r| r.group == "eks.amazonaws.com")
    }
}

/// `NodePool.spec`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodePoolSpec {
    /// `template`.
    pub template: NodeClaimTemplate,
    /// `disruption`.
    pub disruption: NodePoolDisruption,
    /// `limits`: resource → quantity.
    pub limits: BTreeMap<String, Limit>,
    /// `weight`.
    pub weight: Option<u32>,
    /// `replicas` (static capacity).
    pub replicas: Option<u32>,
}

/// A quantity in `limits`, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limit(pub String);

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Quantity::deserialize(d).map(|q| Limit(q.0))
    }
}

/// `spec.template`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct NodeClaimTemplate {
    /// `metadata` (labels and annotations put on nodes).
    pub metadata: TemplateMeta,
    /// `spec`.
    pub spec: NodeClaimSpec,
}

/// `spec.template.metadata`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct TemplateMeta {
    /// Node labels.
    pub labels: BTreeMap<String, String>,
    /// Node annotations.
    pub annotations: BTreeMap<String, String>,
}

/// `spec.template.spec`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeClaimSpec {
    /// `nodeClassRef`.
    pub node_class_ref: Option<NodeClassRef>,
    /// `requirements`.
    pub requirements: Vec<KarpenterRequirement>,
    /// `taints`.
    pub taints: Vec<Taint>,
    /// `startupTaints`.
    pub startup_taints: Vec<Taint>,
    /// `expireAfter` (`720h`, `Never`).
    pub expire_after: Option<String>,
    /// `terminationGracePeriod`.
    pub termination_grace_period: Option<String>,
    /// `kubelet` (in `karpenter.sh/v1beta1` NodePools only).
    pub kubelet: Option<Loose>,
}

/// `nodeClassRef`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct NodeClassRef {
    /// `karpenter.k8s.aws` or `eks.amazonaws.com`.
    pub group: String,
    /// `EC2NodeClass` or `NodeClass`.
    pub kind: String,
    /// Name.
    pub name: String,
}

/// One NodePool requirement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct KarpenterRequirement {
    /// Label key.
    pub key: String,
    /// Operator.
    pub operator: String,
    /// Values.
    pub values: Vec<String>,
    /// `minValues`.
    pub min_values: Option<u32>,
}

/// `spec.disruption`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodePoolDisruption {
    /// `consolidationPolicy`.
    pub consolidation_policy: Option<String>,
    /// `consolidateAfter`.
    pub consolidate_after: Option<String>,
    /// `budgets`.
    pub budgets: Vec<KarpenterBudget>,
    /// `expireAfter` (where `karpenter.sh/v1beta1` kept it).
    pub expire_after: Option<String>,
}

/// A disruption budget.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct KarpenterBudget {
    /// `nodes`: a count or a percentage.
    pub nodes: Limit,
    /// Cron schedule.
    pub schedule: Option<String>,
    /// Duration.
    pub duration: Option<String>,
    /// Reasons.
    pub reasons: Vec<String>,
}

impl Default for Limit {
    fn default() -> Self {
        Limit("10%".to_owned())
    }
}

/// A Karpenter `EC2NodeClass`.
#[derive(Clone, Debug, PartialEq)]
pub struct Ec2NodeClass {
    /// `apiVersion`, for example `karpenter.k8s.aws/v1`.
    pub api_version: String,
    /// Name.
    pub name: String,
    /// The spec.
    pub spec: Ec2NodeClassSpec,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Ec2NodeClassW {
    pub api_version: String,
    pub metadata: MetaW,
    pub spec: Ec2NodeClassSpec,
}

impl Ec2NodeClass {
    pub(crate) fn from_wire(w: Ec2NodeClassW) -> Self {
        Ec2NodeClass {
            api_version: w.api_version,
            name: w.metadata.name,
            spec: w.spec,
        }
    }
}

/// `EC2NodeClass.spec` (Karpenter v1.14).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Ec2NodeClassSpec {
    /// `role`.
    pub role: Option<String>,
    /// `instanceProfile`.
    pub instance_profile: Option<String>,
    /// `subnetSelectorTerms`.
    pub subnet_selector_terms: Vec<SelectorTermW>,
    /// `securityGroupSelectorTerms`.
    pub security_group_selector_terms: Vec<SelectorTermW>,
    /// `capacityReservationSelectorTerms`.
    pub capacity_reservation_selector_terms: Vec<CapacityReservationTermW>,
    /// `placementGroupSelector`.
    pub placement_group_selector: Option<SelectorTermW>,
    /// `networkInterfaces`.
    pub network_interfaces: Vec<NetworkInterfaceW>,
    /// `associatePublicIPAddress`.
    #[serde(rename = "associatePublicIPAddress")]
    pub associate_public_ip_address: Option<bool>,
    /// `ipPrefixCount`.
    pub ip_prefix_count: Option<Loose>,
    /// `tags`.
    pub tags: BTreeMap<String, String>,
    /// `blockDeviceMappings`.
    pub block_device_mappings: Vec<BlockDeviceMappingW>,
    /// `instanceStorePolicy`.
    pub instance_store_policy: Option<String>,
    /// `kubelet`.
    pub kubelet: Option<Loose>,
    /// `amiFamily`.
    pub ami_family: Option<String>,
    /// `amiSelectorTerms`.
    pub ami_selector_terms: Vec<Loose>,
    /// `userData`.
    pub user_data: Option<String>,
    /// `metadataOptions`.
    pub metadata_options: Option<Loose>,
    /// `detailedMonitoring`.
    pub detailed_monitoring: Option<bool>,
    /// `context`.
    pub context: Option<String>,
    /// `cpuOptions`.
    pub cpu_options: Option<Loose>,
    /// `connectionTracking`.
    pub connection_tracking: Option<Loose>,
}

/// A selector term: `id`, `name` or `tags`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct SelectorTermW {
    /// `id`.
    pub id: Option<String>,
    /// `name`.
    pub name: Option<String>,
    /// `tags`.
    pub tags: BTreeMap<String, String>,
}

/// A capacity-reservation selector term.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CapacityReservationTermW {
    /// `id`.
    pub id: Option<String>,
    /// `ownerID`.
    #[serde(rename = "ownerID")]
    pub owner_id: Option<String>,
    /// `tags`.
    pub tags: BTreeMap<String, String>,
    /// `instanceMatchCriteria`.
    pub instance_match_criteria: Option<String>,
}

/// A network interface.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NetworkInterfaceW {
    /// `networkCardIndex`.
    pub network_card_index: u32,
    /// `deviceIndex`.
    pub device_index: u32,
    /// `interface` or `efa-only`.
    pub interface_type: String,
}

/// A block device mapping.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BlockDeviceMappingW {
    /// `deviceName`.
    pub device_name: String,
    /// `rootVolume`.
    pub root_volume: bool,
    /// `ebs`.
    pub ebs: Option<EbsW>,
}

/// `blockDeviceMappings[].ebs`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EbsW {
    /// `volumeSize` (`100Gi`).
    pub volume_size: Option<Limit>,
    /// `volumeType`.
    pub volume_type: Option<String>,
    /// `iops`.
    pub iops: Option<u32>,
    /// `throughput`.
    pub throughput: Option<u32>,
    /// `encrypted`.
    pub encrypted: Option<bool>,
    /// `kmsKeyID`.
    #[serde(rename = "kmsKeyID")]
    pub kms_key_id: Option<String>,
    /// `snapshotID`.
    #[serde(rename = "snapshotID")]
    pub snapshot_id: Option<String>,
    /// `deleteOnTermination`.
    pub delete_on_termination: Option<bool>,
    /// `volumeInitializationRate`.
    pub volume_initialization_rate: Option<u32>,
}

/// An Auto Mode `NodeClass` (only what the readiness report and the way
/// back need).
#[derive(Clone, Debug, PartialEq)]
pub struct AutoNodeClass {
    /// `apiVersion`.
    pub api_version: String,
    /// Name.
    pub name: String,
    /// `spec.role`.
    pub role: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct AutoNodeClassW {
    pub api_version: String,
    pub metadata: MetaW,
    pub spec: AutoNodeClassSpecW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct AutoNodeClassSpecW {
    pub role: Option<String>,
}

impl AutoNodeClass {
    pub(crate) fn from_wire(w: AutoNodeClassW) -> Self {
        AutoNodeClass {
            api_version: w.api_version,
            name: w.metadata.name,
            role: w.spec.role,
        }
    }
}
