//! The `sample_workload` section.

use serde::{Deserialize, Serialize};

/// A Deployment with resource requests and a PodDisruptionBudget. On a new
/// cluster no node exists until it is applied: watching it go from Pending to
/// Running proves Auto Mode scales from zero.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SampleWorkload {
    /// Write `kubernetes/examples/sample-workload.yaml`.
    pub enabled: bool,
    /// Namespace (created by the manifest).
    pub namespace: String,
    /// Pod replicas.
    pub replicas: u32,
    /// Container image. The default is the pause container used by the EKS
    /// and Karpenter "inflate" examples: it only occupies its requests.
    pub image: String,
    /// CPU request per pod, for example `250m`.
    pub cpu: String,
    /// Memory request (and limit) per pod, for example `256Mi`.
    pub memory: String,
}

impl Default for SampleWorkload {
    fn default() -> Self {
        Self {
            enabled: false,
            namespace: "sample".to_owned(),
            replicas: 3,
            image: "public.ecr.aws/eks-distro/kubernetes/pause:3.7".to_owned(),
            cpu: "250m".to_owned(),
            memory: "256Mi".to_owned(),
        }
    }
}
