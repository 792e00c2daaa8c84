//! EKS Capabilities of a design: the managed Argo CD, ACK and kro.

use serde::Serialize;

use super::aws::AccessPolicyAssociation;
use super::cluster::Dependency;
use super::id::Key;
use super::value::Value;
use crate::plan::{ArgoCdRole, CapabilityType, SsoIdentityType};

/// An EKS Capability (`CreateCapability`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapabilitySpec {
    /// Key (the type in lower case: `argocd`, `ack`, `kro`).
    pub key: Key,
    /// `capabilityName`, unique in the cluster.
    pub name: String,
    /// `ARGOCD`, `ACK` or `KRO`.
    pub capability_type: CapabilityType,
    /// The capability role's ARN.
    pub role_arn: Value,
    /// The role, when the bundle creates it.
    pub created_role: Option<Key>,
    /// `deletePropagationPolicy`: always `RETAIN`, the only value EKS
    /// accepts.
    pub delete_propagation_policy: &'static str,
    /// Argo CD settings (type `ARGOCD` only).
    pub argocd: Option<ArgoCdSpec>,
    /// The access policies EKS itself associates with the access entry it
    /// creates for the role. No target creates them (EKS would refuse a
    /// second entry for the role); they are recorded for verification and
    /// explanations.
    pub eks_access_policies: Vec<AccessPolicyAssociation>,
    /// More access policies the bundle associates with that entry. Each is
    /// a design object of kind `CapabilityAccessPolicy`, keyed
    /// `<capability key>_capability_<policy key>`, created after the
    /// capability.
    pub access_policies: Vec<AccessPolicyAssociation>,
    /// What must exist before the capability.
    pub after: Vec<Dependency>,
}

impl AccessPolicyAssociation {
    /// The access policy's name (`AmazonEKSViewPolicy`), for explanations.
    pub fn policy_name(&self) -> String {
        match self.policy_arn.0.last() {
            Some(super::value::Part::Text(t)) => t
                .rsplit_once("cluster-access-policy/")
                .map_or(t.as_str(), |(_, n)| n)
                .to_owned(),
            _ => self.policy_arn.describe(),
        }
    }
}

impl CapabilitySpec {
    /// The design key of one of the extra access policy associations.
    pub fn access_policy_key(&self, p: &AccessPolicyAssociation) -> Key {
        self.key.with("capability").join(&p.key)
    }
}

/// Argo CD's configuration (`configuration.argoCd`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArgoCdSpec {
    /// Namespace of Argo CD's Applications.
    pub namespace: String,
    /// IAM Identity Center instance ARN.
    pub idc_instance_arn: String,
    /// Identity Center region (the deployment region unless the plan names
    /// another).
    pub idc_region: Value,
    /// Role mappings, in plan order.
    pub rbac_role_mappings: Vec<RoleMappingSpec>,
    /// VPC endpoints for private access to the Argo CD API (empty: public).
    pub vpc_endpoint_ids: Vec<String>,
}

/// One Argo CD role and its identities.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleMappingSpec {
    /// `ADMIN`, `EDITOR`, `VIEWER`.
    pub role: ArgoCdRole,
    /// Identities, in plan order.
    pub identities: Vec<SsoIdentitySpec>,
}

/// An Identity Center user or group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SsoIdentitySpec {
    /// `SSO_USER` or `SSO_GROUP`.
    pub identity_type: SsoIdentityType,
    /// Identity Store id.
    pub id: String,
}
