//! Nodes: what runs today, with everything capacity simulation needs.

use serde::Deserialize;
use std::collections::BTreeMap;

use super::meta::{MetaW, Taint};
use super::quantity::{ResourceListW, Resources};

/// Wire form of a Node.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct NodeW {
    pub metadata: MetaW,
    pub spec: NodeSpecW,
    pub status: NodeStatusW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct NodeSpecW {
    pub taints: Vec<Taint>,
    pub unschedulable: bool,
    #[serde(rename = "providerID")]
    pub provider_id: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct NodeStatusW {
    pub allocatable: ResourceListW,
    pub capacity: ResourceListW,
    pub node_info: NodeInfoW,
    pub conditions: Vec<ConditionW>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct NodeInfoW {
    pub operating_system: String,
    pub architecture: String,
    pub kubelet_version: String,
    pub os_image: String,
    pub container_runtime_version: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ConditionW {
    #[serde(rename = "type")]
    pub kind: String,
    pub status: String,
}

/// `karpenter.sh/capacity-type` or `eks.amazonaws.com/capacityType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeCapacityType {
    /// On-demand.
    OnDemand,
    /// Spot.
    Spot,
    /// A capacity reservation or capacity block.
    Reserved,
}

impl NodeCapacityType {
    fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "on-demand" => Some(Self::OnDemand),
            "spot" => Some(Self::Spot),
            "reserved" | "capacity-block" => Some(Self::Reserved),
            _ => None,
        }
    }

    /// Karpenter spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OnDemand => "on-demand",
            Self::Spot => "spot",
            Self::Reserved => "reserved",
        }
    }
}

/// Who launched a node.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeOrigin {
    /// A managed node group (`eks.amazonaws.com/nodegroup`).
    NodeGroup(String),
    /// EKS Auto Mode, from this NodePool (`eks.amazonaws.com/compute-type: auto`).
    AutoMode(String),
    /// Self-managed Karpenter, from this NodePool (`karpenter.sh/nodepool`).
    Karpenter(String),
    /// A Fargate pod's micro-VM (`eks.amazonaws.com/compute-type: fargate`).
    Fargate,
    /// A hybrid node (`eks.amazonaws.com/compute-type: hybrid`).
    Hybrid,
    /// Anything else: self-managed nodes, an ASG outside EKS.
    SelfManaged,
}

impl NodeOrigin {
    /// A short description, such as `node group "apps"`.
    pub fn describe(&self) -> String {
        match self {
            NodeOrigin::NodeGroup(n) => format!("node group {n:?}"),
            NodeOrigin::AutoMode(p) => format!("Auto Mode NodePool {p:?}"),
            NodeOrigin::Karpenter(p) => format!("Karpenter NodePool {p:?}"),
            NodeOrigin::Fargate => "Fargate".to_owned(),
            NodeOrigin::Hybrid => "hybrid node".to_owned(),
            NodeOrigin::SelfManaged => "self-managed".to_owned(),
        }
    }
}

/// One Kubernetes node, as `kubectl get nodes -o json` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Node name.
    pub name: String,
    /// `node.kubernetes.io/instance-type` (or the beta label).
    pub instance_type: Option<String>,
    /// Capacity type, from Karpenter's or the node group's label.
    pub capacity_type: Option<NodeCapacityType>,
    /// `topology.kubernetes.io/zone` (or the beta label).
    pub zone: Option<String>,
    /// `topology.kubernetes.io/region`.
    pub region: Option<String>,
    /// Who launched it.
    pub origin: NodeOrigin,
    /// Managed node group name (`eks.amazonaws.com/nodegroup`).
    pub node_group: Option<String>,
    /// NodePool name (`karpenter.sh/nodepool`), Karpenter's or Auto Mode's.
    pub node_pool: Option<String>,
    /// All labels.
    pub labels: BTreeMap<String, String>,
    /// Taints.
    pub taints: Vec<Taint>,
    /// What pods may use (`status.allocatable`).
    pub allocatable: Resources,
    /// The machine (`status.capacity`).
    pub capacity: Resources,
    /// `linux` or `windows` (`status.nodeInfo.operatingSystem`, else the
    /// `kubernetes.io/os` label).
    pub os: String,
    /// `amd64` or `arm64`.
    pub arch: String,
    /// Kubelet version, `v1.31.4-eks-…`.
    pub kubelet_version: String,
    /// OS image, for example `Amazon Linux 2023.6.20250115`.
    pub os_image: String,
    /// `aws:///us-east-1a/i-0abc…`.
    pub provider_id: String,
    /// `spec.unschedulable` (cordoned).
    pub unschedulable: bool,
    /// The `Ready` condition is `True`.
    pub ready: bool,
}

fn label<'a>(labels: &'a BTreeMap<String, String>, keys: &[&str]) -> Option<&'a String> {
    keys.iter()
        .find_map(|k| labels.get(*k))
        .filter(|v| !v.is_empty())
}

impl Node {
    pub(crate) fn from_wire(w: NodeW) -> (Node, Vec<String>) {
        let labels = w.metadata.labels;
        let (allocatable, mut bad) = Resources::from_wire(&w.status.allocatable);
        let (capacity, bad2) = Resources::from_wire(&w.status.capacity);
        bad.extend(bad2);
        let node_group = label(&labels, &["eks.amazonaws.com/nodegroup"]).cloned();
        let node_pool = label(&labels, &["karpenter.sh/nodepool"]).cloned();
        let compute = label(&labels, &["eks.amazonaws.com/compute-type"]).map(String::as_str);
        let origin = match (compute, &node_group, &node_pool) {
            (Some("fargate"), _, _) => NodeOrigin::Fargate,
            (Some("hybrid"), _, _) => NodeOrigin::Hybrid,
            (Some("auto"), _, pool) => NodeOrigin::AutoMode(pool.clone().unwrap_or_default()),
            (_, Some(g), _) => NodeOrigin::NodeGroup(g.clone()),
            (_, None, Some(p)) => NodeOrigin::Karpenter(p.clone()),
            _ => NodeOrigin::SelfManaged,
        };
        let capacity_type = label(
            &labels,
            &[
                "karpenter.sh/capacity-type",
                "eks.amazonaws.com/capacityType",
            ],
        )
        .and_then(|v| NodeCapacityType::parse(v));
        let info = w.status.node_info;
        let os = if info.operating_system.is_empty() {
            label(&labels, &["kubernetes.io/os", "beta.kubernetes.io/os"])
                .cloned()
                .unwrap_or_default()
        } else {
            info.operating_system
        };
        let arch = if info.architecture.is_empty() {
            label(&labels, &["kubernetes.io/arch", "beta.kubernetes.io/arch"])
                .cloned()
                .unwrap_or_default()
        } else {
            info.architecture
        };
        let node = Node {
            name: w.metadata.name,
            instance_type: label(
                &labels,
                &[
                    "node.kubernetes.io/instance-type",
                    "beta.kubernetes.io/instance-type",
                ],
            )
            .cloned(),
            capacity_type,
            zone: label(
                &labels,
                &[
                    "topology.kubernetes.io/zone",
                    "failure-domain.beta.kubernetes.io/zone",
                ],
            )
            .cloned(),
            region: label(
                &labels,
                &[
                    "topology.kubernetes.io/region",
                    "failure-domain.beta.kubernetes.io/region",
                ],
            )
            .cloned(),
            origin,
            node_group,
            node_pool,
            taints: w.spec.taints,
            allocatable,
            capacity,
            os,
            arch,
            kubelet_version: info.kubelet_version,
            os_image: info.os_image,
            provider_id: w.spec.provider_id,
            unschedulable: w.spec.unschedulable,
            ready: w
                .status
                .conditions
                .iter()
                .any(|c| c.kind == "Ready" && c.status == "True"),
            labels,
        };
        (node, bad)
    }

    /// Whether this is a Windows node.
    pub fn is_windows(&self) -> bool {
        self.os.eq_ignore_ascii_case("windows")
    }
}
