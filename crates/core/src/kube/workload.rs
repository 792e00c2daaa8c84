//! PodDisruptionBudgets, Deployments (for controller versions) and
//! ServiceAccounts (for IRSA).

use serde::Deserialize;

use super::meta::{IntOrPercent, LabelSelector, MetaW};
use super::pod::Pod;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PdbW {
    pub metadata: MetaW,
    pub spec: PdbSpecW,
    pub status: PdbStatusW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PdbSpecW {
    pub selector: Option<LabelSelector>,
    pub min_available: Option<IntOrPercent>,
    pub max_unavailable: Option<IntOrPercent>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PdbStatusW {
    pub disruptions_allowed: Option<i64>,
    pub expected_pods: Option<i64>,
    pub current_healthy: Option<i64>,
    pub desired_healthy: Option<i64>,
}

/// A PodDisruptionBudget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodDisruptionBudget {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Pods it protects (in its namespace). `None`: selects nothing
    /// (`policy/v1` treats a missing selector as empty, which selects nothing).
    pub selector: Option<LabelSelector>,
    /// `minAvailable`.
    pub min_available: Option<IntOrPercent>,
    /// `maxUnavailable`.
    pub max_unavailable: Option<IntOrPercent>,
    /// `status.disruptionsAllowed`, if reported.
    pub disruptions_allowed: Option<i64>,
    /// `status.expectedPods`, if reported.
    pub expected_pods: Option<i64>,
}

impl PodDisruptionBudget {
    pub(crate) fn from_wire(w: PdbW) -> PodDisruptionBudget {
        PodDisruptionBudget {
            namespace: w.metadata.namespace,
            name: w.metadata.name,
            selector: w.spec.selector,
            min_available: w.spec.min_available,
            max_unavailable: w.spec.max_unavailable,
            disruptions_allowed: w.status.disruptions_allowed,
            expected_pods: w.status.expected_pods,
        }
    }

    /// Whether the budget covers `pod`.
    pub fn selects(&self, pod: &Pod) -> bool {
        pod.namespace == self.namespace
            && self
                .selector
                .as_ref()
                .is_some_and(|s| !s.is_empty() && s.matches(&pod.labels))
    }

    /// How many of `healthy` selected pods may be evicted at once: the
    /// reported `disruptionsAllowed` when there is one, else computed from
    /// the spec.
    pub fn allowed_disruptions(&self, healthy: u64) -> Option<u64> {
        if let Some(a) = self.disruptions_allowed {
            return Some(u64::try_from(a).unwrap_or(0));
        }
        if let Some(max) = &self.max_unavailable {
            return max.resolve_down(healthy);
        }
        let min = self.min_available.as_ref()?.resolve_up(healthy)?;
        Some(healthy.saturating_sub(min))
    }

    /// Whether it never lets a pod be evicted, whatever the state of the
    /// cluster: `maxUnavailable: 0`, or `minAvailable` of 100% (or at least
    /// every expected pod).
    pub fn blocks_by_spec(&self) -> bool {
        match (&self.max_unavailable, &self.min_available) {
            (Some(IntOrPercent::Int(0) | IntOrPercent::Percent(0)), _) => true,
            (None, Some(IntOrPercent::Percent(p))) => *p >= 100,
            (None, Some(IntOrPercent::Int(n))) => {
                self.expected_pods.is_some_and(|e| e > 0 && *n >= e)
            }
            _ => false,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct DeploymentW {
    pub metadata: MetaW,
    pub spec: DeploymentSpecW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct DeploymentSpecW {
    pub replicas: Option<u32>,
    pub template: TemplateW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct TemplateW {
    pub spec: TemplateSpecW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct TemplateSpecW {
    pub containers: Vec<ImageW>,
    pub service_account_name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ImageW {
    pub name: String,
    pub image: String,
}

/// A Deployment (only what identifies a controller and its version).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deployment {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Labels.
    pub labels: std::collections::BTreeMap<String, String>,
    /// Replicas wanted (1 when unset).
    pub replicas: u32,
    /// Container images.
    pub images: Vec<String>,
    /// Service account of its pods.
    pub service_account: String,
}

impl Deployment {
    pub(crate) fn from_wire(w: DeploymentW) -> Deployment {
        Deployment {
            namespace: w.metadata.namespace,
            name: w.metadata.name,
            labels: w.metadata.labels,
            replicas: w.spec.replicas.unwrap_or(1),
            images: w
                .spec
                .template
                .spec
                .containers
                .into_iter()
                .map(|c| c.image)
                .collect(),
            service_account: w.spec.template.spec.service_account_name,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ServiceAccountW {
    pub metadata: MetaW,
}

/// The IRSA annotation on a ServiceAccount.
pub const IRSA_ANNOTATION: &str = "eks.amazonaws.com/role-arn";

/// A ServiceAccount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceAccount {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// The IAM role of `eks.amazonaws.com/role-arn` (IRSA), if annotated.
    pub irsa_role_arn: Option<String>,
}

impl ServiceAccount {
    pub(crate) fn from_wire(w: ServiceAccountW) -> ServiceAccount {
        ServiceAccount {
            irsa_role_arn: w
                .metadata
                .annotations
                .0
                .get(IRSA_ANNOTATION)
                .cloned()
                .filter(|a| !a.is_empty()),
            namespace: w.metadata.namespace,
            name: w.metadata.name,
        }
    }
}
