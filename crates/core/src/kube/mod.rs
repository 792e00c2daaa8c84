//! **Kubernetes objects** as `kubectl` prints them, read into typed structs.
//!
//! The input is the unmodified output of
//!
//! ```text
//! kubectl get nodes,pods,pv,pvc,storageclass,ingressclass,ingress,service,poddisruptionbudget -A -o json
//! kubectl get nodepools.karpenter.sh,ec2nodeclasses.karpenter.k8s.aws -o yaml
//! kubectl get deploy -A -o yaml
//! ```
//!
//! (a `List` of mixed kinds, a `NodeList`/`PodList`..., or a single object).
//! [`read_json`] and [`read_yaml`] return [`Objects`]: every object they
//! could read, plus a [`Problem`] for each part they could not (with line
//! and column). Unknown fields and kinds are ignored; nothing panics.
//!
//! ## For capacity and cost
//!
//! [`Node`] and [`Pod`] carry everything a scheduler simulation needs:
//!
//! * a node's instance type, capacity type (`karpenter.sh/capacity-type` or
//!   `eks.amazonaws.com/capacityType`), zone, origin (node group, Karpenter
//!   or Auto Mode NodePool, Fargate), labels, taints, allocatable and
//!   capacity ([`Resources`]), OS and architecture;
//! * a pod's effective requests ([`Pod::requests`]: the sum of its
//!   containers and sidecars, or its largest init container if that is
//!   more, plus overhead; requests default to limits), its owner
//!   (Deployment resolved through the ReplicaSet name and
//!   `pod-template-hash`, StatefulSet, DaemonSet, Job), node name and phase,
//!   node selector, tolerations, required and preferred node affinity, pod
//!   affinity and anti-affinity, topology spread constraints, host ports
//!   and host networking, volumes and claims, and IRSA use.
//!
//! [`fits`] applies the scheduler's static rules (OS, node selector,
//! required node affinity, taints, allocatable) to a pod and a node.
//! Helpers such as [`meta::Toleration::tolerates`],
//! [`meta::NodeSelectorTerm::matches`] and [`meta::LabelSelector::matches`]
//! implement the Kubernetes matching rules, so callers do not re-implement
//! them. Skip pods whose [`PodPhase::is_active`] is false (finished Jobs)
//! and DaemonSet pods ([`Pod::is_daemon`]) when packing workloads onto new
//! nodes: they do not move.
//!
//! ## Performance
//!
//! JSON is deserialized in one pass straight into the typed structs (no
//! `serde_json::Value` tree); large annotations such as
//! `last-applied-configuration` are dropped while reading, so memory follows
//! the number of objects, not the size of the text. See `benches/import.rs`.

pub mod fit;
pub mod karpenter;
pub mod meta;
pub mod network;
pub mod node;
pub mod pod;
pub mod quantity;
mod read;
pub mod storage;
pub mod workload;

pub use fit::{Misfit, fits};
pub use karpenter::{AutoNodeClass, Ec2NodeClass, KarpenterNodePool};
pub use meta::{LabelSelector, NodeSelectorTerm, Taint, Toleration};
pub use network::{Ingress, IngressClass, LbOwner, Service};
pub use node::{Node, NodeCapacityType, NodeOrigin};
pub use pod::{Owner, OwnerKind, Pod, PodPhase, VolumeSource};
pub use quantity::Resources;
pub use read::{Problem, Read, read_json, read_yaml};
pub use storage::{PersistentVolume, PersistentVolumeClaim, StorageClass, VolumeDriver};
pub use workload::{Deployment, PodDisruptionBudget, ServiceAccount};

use std::collections::BTreeMap;

/// Every object read from kubectl output, by kind, in input order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Objects {
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Pods.
    pub pods: Vec<Pod>,
    /// PersistentVolumes.
    pub persistent_volumes: Vec<PersistentVolume>,
    /// PersistentVolumeClaims.
    pub persistent_volume_claims: Vec<PersistentVolumeClaim>,
    /// StorageClasses.
    pub storage_classes: Vec<StorageClass>,
    /// IngressClasses.
    pub ingress_classes: Vec<IngressClass>,
    /// Ingresses.
    pub ingresses: Vec<Ingress>,
    /// Services.
    pub services: Vec<Service>,
    /// PodDisruptionBudgets.
    pub pod_disruption_budgets: Vec<PodDisruptionBudget>,
    /// Deployments.
    pub deployments: Vec<Deployment>,
    /// ServiceAccounts.
    pub service_accounts: Vec<ServiceAccount>,
    /// NodePools (`karpenter.sh/*`), Karpenter's and Auto Mode's.
    pub node_pools: Vec<KarpenterNodePool>,
    /// EC2NodeClasses (`karpenter.k8s.aws/*`).
    pub ec2_node_classes: Vec<Ec2NodeClass>,
    /// Auto Mode NodeClasses (`eks.amazonaws.com/*`).
    pub auto_node_classes: Vec<AutoNodeClass>,
    /// Objects of other kinds: `"apiVersion Kind"` → count.
    pub other_kinds: BTreeMap<String, usize>,
    /// Quantities that did not parse, as `"Pod ns/name: cpu: \"x\""`; they
    /// count as zero.
    pub bad_quantities: Vec<String>,
}

impl Objects {
    /// Append everything from `other`.
    pub fn extend(&mut self, other: Objects) {
        self.nodes.extend(other.nodes);
        self.pods.extend(other.pods);
        self.persistent_volumes.extend(other.persistent_volumes);
        self.persistent_volume_claims
            .extend(other.persistent_volume_claims);
        self.storage_classes.extend(other.storage_classes);
        self.ingress_classes.extend(other.ingress_classes);
        self.ingresses.extend(other.ingresses);
        self.services.extend(other.services);
        self.pod_disruption_budgets
            .extend(other.pod_disruption_budgets);
        self.deployments.extend(other.deployments);
        self.service_accounts.extend(other.service_accounts);
        self.node_pools.extend(other.node_pools);
        self.ec2_node_classes.extend(other.ec2_node_classes);
        self.auto_node_classes.extend(other.auto_node_classes);
        for (k, v) in other.other_kinds {
            *self.other_kinds.entry(k).or_insert(0) += v;
        }
        self.bad_quantities.extend(other.bad_quantities);
    }

    /// How many objects of known kinds there are.
    pub fn len(&self) -> usize {
        self.nodes.len()
            + self.pods.len()
            + self.persistent_volumes.len()
            + self.persistent_volume_claims.len()
            + self.storage_classes.len()
            + self.ingress_classes.len()
            + self.ingresses.len()
            + self.services.len()
            + self.pod_disruption_budgets.len()
            + self.deployments.len()
            + self.service_accounts.len()
            + self.node_pools.len()
            + self.ec2_node_classes.len()
            + self.auto_node_classes.len()
    }

    /// Whether no object of a known kind was read.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The node named `name`.
    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.name == name)
    }
}

#[cfg(test)]
mod tests;
