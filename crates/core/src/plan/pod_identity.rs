//! The `pod_identity` section: EKS Pod Identity associations.

use serde::{Deserialize, Serialize};

use super::RoleMode;

/// Gives pods using one service account an IAM role. Auto Mode runs the
/// Pod Identity agent itself; no add-on is needed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct PodIdentityAssociation {
    /// Kubernetes namespace.
    pub namespace: String,
    /// Service account name in that namespace.
    pub service_account: String,
    /// `create` a role from managed-policy ARNs, or use an `existing` role.
    pub role_mode: RoleMode,
    /// Existing role ARN (`role_mode: existing`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Managed policy ARNs attached to the created role.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub managed_policy_arns: Vec<String>,
}

impl Default for PodIdentityAssociation {
    fn default() -> Self {
        Self {
            namespace: "default".to_owned(),
            service_account: "app".to_owned(),
            role_mode: RoleMode::Create,
            role_arn: None,
            managed_policy_arns: Vec::new(),
        }
    }
}
