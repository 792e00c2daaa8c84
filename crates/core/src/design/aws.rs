//! AWS objects of a design beyond the network and the cluster: keys, logs,
//! access entries and Pod Identity associations.

use serde::Serialize;

use super::iam::PolicyDocument;
use super::id::Key;
use super::value::Value;
use crate::plan::{AccessEntryType, AccessScope};

/// A customer-managed KMS key.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KmsKey {
    /// Key.
    pub key: Key,
    /// Description.
    pub description: String,
    /// Alias name (`alias/...`).
    pub alias: String,
    /// Yearly rotation.
    pub enable_key_rotation: bool,
    /// Waiting period before deletion, days.
    pub deletion_window_in_days: u32,
    /// Key policy.
    pub policy: PolicyDocument,
}

/// A CloudWatch log group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogGroup {
    /// Key.
    pub key: Key,
    /// Name.
    pub name: Value,
    /// Retention in days.
    pub retention_in_days: u32,
    /// KMS key ARN, when encrypted with a customer-managed key.
    pub kms_key_arn: Option<Value>,
}

/// An access entry and its policy associations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccessEntrySpec {
    /// Key.
    pub key: Key,
    /// Principal ARN.
    pub principal_arn: Value,
    /// `STANDARD`, `EC2`, ….
    pub entry_type: AccessEntryType,
    /// Kubernetes groups.
    pub kubernetes_groups: Vec<String>,
    /// Username.
    pub username: Option<String>,
    /// Policy associations.
    pub policies: Vec<AccessPolicyAssociation>,
    /// Why the entry exists.
    pub reason: String,
}

/// One access policy association.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccessPolicyAssociation {
    /// Key suffix.
    pub key: Key,
    /// Policy ARN.
    pub policy_arn: Value,
    /// Cluster or namespace scope.
    pub scope: AccessScope,
    /// Namespaces for namespace scope.
    pub namespaces: Vec<String>,
}

/// A Pod Identity association.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PodIdentitySpec {
    /// Key.
    pub key: Key,
    /// Namespace.
    pub namespace: String,
    /// Service account.
    pub service_account: String,
    /// Role ARN.
    pub role_arn: Value,
    /// The role, if the bundle creates it.
    pub created_role: Option<Key>,
}
