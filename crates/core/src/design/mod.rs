//! The **Design**: every AWS and Kubernetes object, fully decided.
//!
//! [`crate::resolve`] builds a design from a valid plan. Emitters only
//! translate it into a target's syntax; they make no decisions of their own.
//! [`Design::verify`] re-checks EKS Auto Mode's hard rules on the result, so a
//! planner bug cannot silently produce a bundle that EKS would reject.

pub mod aws;
pub mod iam;
pub mod k8s;
pub mod value;
mod verify;

use serde::Serialize;

pub use aws::*;
pub use iam::*;
pub use value::*;

/// Everything the bundle creates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Design {
    /// The EKS cluster.
    pub cluster: ClusterSpec,
    /// The VPC.
    pub network: NetworkSpec,
    /// IAM roles (cluster, node, NodeClass, flow logs, Pod Identity).
    pub roles: Vec<iam::Role>,
    /// Customer-managed KMS keys.
    pub kms_keys: Vec<KmsKey>,
    /// CloudWatch log groups.
    pub log_groups: Vec<LogGroup>,
    /// Access entries.
    pub access_entries: Vec<AccessEntrySpec>,
    /// Pod Identity associations.
    pub pod_identity: Vec<PodIdentitySpec>,
    /// Kubernetes manifests.
    pub kubernetes: Manifests,
    /// Why the design looks the way it does, for the bundle README.
    pub notes: Vec<Note>,
    /// Deliberate departures from AWS guidance the user chose.
    pub exceptions: Vec<String>,
}

/// The Kubernetes side of a design.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Manifests {
    /// Custom NodeClasses.
    pub node_classes: Vec<k8s::NodeClass>,
    /// Custom NodePools.
    pub node_pools: Vec<k8s::NodePool>,
    /// The StorageClass.
    pub storage_class: Option<k8s::StorageClass>,
    /// ALB IngressClassParams + IngressClass.
    pub ingress: Option<(k8s::IngressClassParams, k8s::IngressClass)>,
    /// NLB example objects (Namespace, Deployment, Service).
    pub nlb_example: Vec<k8s::Generic>,
    /// Sample workload objects (Namespace, Deployment, PodDisruptionBudget).
    pub sample_workload: Vec<k8s::Generic>,
}

/// An explanation of one decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Topic, for example `Network`.
    pub topic: &'static str,
    /// The explanation.
    pub text: String,
}

impl Design {
    /// Find a role by key.
    pub fn role(&self, key: &str) -> Option<&iam::Role> {
        self.roles.iter().find(|r| r.key == key)
    }
}
