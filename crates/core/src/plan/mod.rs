//! The **Plan**: what the user wants, as a versioned, serde-friendly document.
//!
//! A plan says *what* the user intends ("three AZs, a spot pool for batch
//! jobs"); it never says *how* (resource names, CIDR maths, IAM statements).
//! Every field has a default, so an empty document is a valid plan. Fields are
//! `snake_case`; enum values use AWS's or Kubernetes' own spelling so they can
//! be recognised from the documentation.
//!
//! Plans are read with [`Plan::from_yaml`] / [`Plan::from_json`] (see
//! [`parse`]), checked with [`crate::validate`], and turned into a
//! [`crate::design::Design`] by [`crate::resolve`].

mod access;
mod automode;
mod capabilities;
mod capacity;
mod cluster;
mod component_logs;
pub mod edit;
mod loadbalancing;
mod network;
mod nodeclass;
mod nodepool;
pub mod parse;
pub use parse::{Format, Locator, PlanError, PlanErrors};
pub mod path;
pub use path::{FieldPath, Seg};
mod pod_identity;
pub mod read;
mod state;
mod storage;
mod target;
mod workload;

pub use access::*;
pub use automode::*;
pub use capabilities::*;
pub use capacity::*;
pub use cluster::*;
pub use component_logs::*;
pub use loadbalancing::*;
pub use network::*;
pub use nodeclass::*;
pub use nodepool::*;
pub use pod_identity::*;
pub use state::*;
pub use storage::*;
pub use target::*;
pub use workload::*;

use serde::{Deserialize, Serialize};

/// The plan format version this build writes. Older versions are migrated on
/// read (see [`parse`]).
pub const PLAN_VERSION: u32 = 1;

/// The user's intent for one EKS Auto Mode cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Plan {
    /// Plan format version. Always `1` for plans written by this release.
    pub version: u32,
    /// The EKS control plane: name, region, version, endpoint, encryption, logs.
    pub cluster: Cluster,
    /// Create a VPC, or use an existing one.
    pub network: Network,
    /// Auto Mode compute: built-in NodePools, node role, authentication mode.
    pub auto_mode: AutoMode,
    /// Who may use the cluster: creator admin and access entries.
    pub access: Access,
    /// Custom NodeClasses (`eks.amazonaws.com/v1`). Never name one `default`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub node_classes: Vec<NodeClass>,
    /// Custom NodePools (`karpenter.sh/v1`) on top of the built-in ones.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub node_pools: Vec<NodePool>,
    /// The EBS StorageClass (Auto Mode creates none).
    pub storage: Storage,
    /// IngressClass/IngressClassParams for ALBs and an NLB Service example.
    pub load_balancing: LoadBalancing,
    /// EKS Pod Identity associations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pod_identity: Vec<PodIdentityAssociation>,
    /// EKS Capabilities: managed Argo CD, ACK and kro, one of each at most.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub capabilities: Vec<Capability>,
    /// A sample Deployment that proves scale-from-zero. Off by default.
    pub sample_workload: SampleWorkload,
    /// The workload to plan capacity and cost for (not part of the bundle).
    #[serde(skip_serializing_if = "is_default_capacity")]
    pub capacity: Capacity,
    /// The tool the bundle is written for (Terraform unless chosen).
    #[serde(skip_serializing_if = "Target::is_default")]
    pub target: Target,
    /// Where the deployment tool keeps its state (an S3 bucket unless chosen).
    #[serde(skip_serializing_if = "State::is_default")]
    pub state: State,
}

fn is_default_capacity(c: &Capacity) -> bool {
    *c == Capacity::default()
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            version: PLAN_VERSION,
            cluster: Cluster::default(),
            network: Network::default(),
            auto_mode: AutoMode::default(),
            access: Access::default(),
            node_classes: Vec::new(),
            node_pools: Vec::new(),
            storage: Storage::default(),
            load_balancing: LoadBalancing::default(),
            pod_identity: Vec::new(),
            capabilities: Vec::new(),
            sample_workload: SampleWorkload::default(),
            capacity: Capacity::default(),
            target: Target::default(),
            state: State::default(),
        }
    }
}

/// A list of `key`/`value` pairs, as Kubernetes and some AWS APIs spell tags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyValue {
    /// The key.
    pub key: String,
    /// The value (may be empty).
    #[serde(default)]
    pub value: String,
}
