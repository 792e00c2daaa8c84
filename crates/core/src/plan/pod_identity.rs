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
    /// `create` a role (managed policies, an inline policy, S3 access), or
    /// use an `existing` role.
    pub role_mode: RoleMode,
    /// Existing role ARN (`role_mode: existing`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Managed policy ARNs attached to the created role.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub managed_policy_arns: Vec<String>,
    /// Statements of the created role's own inline policy, for permissions
    /// no managed policy grants narrowly enough.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inline_policy: Vec<PolicyStatement>,
    /// Read or write one S3 bucket or prefix: the planner writes the
    /// least-privilege statements into the created role's inline policy.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub s3_access: Vec<S3Access>,
}

impl Default for PodIdentityAssociation {
    fn default() -> Self {
        Self {
            namespace: "default".to_owned(),
            service_account: "app".to_owned(),
            role_mode: RoleMode::Create,
            role_arn: None,
            managed_policy_arns: Vec::new(),
            inline_policy: Vec::new(),
            s3_access: Vec::new(),
        }
    }
}

/// One `Allow` statement of an inline policy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct PolicyStatement {
    /// Statement id (letters and digits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// Actions, such as `dynamodb:GetItem`.
    pub actions: Vec<String>,
    /// Resource ARNs the actions apply to.
    pub resources: Vec<String>,
}

/// Access to one S3 bucket, or one prefix in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct S3Access {
    /// Bucket name.
    pub bucket: String,
    /// Key prefix, such as `reports/` (no leading `/`). Unset: the whole
    /// bucket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// `read` (list and get), `write` (put, no delete) or `read_write`
    /// (list, get, put and delete).
    pub access: S3AccessLevel,
}

impl Default for S3Access {
    fn default() -> Self {
        Self {
            bucket: String::new(),
            prefix: None,
            access: S3AccessLevel::Read,
        }
    }
}

/// What an [`S3Access`] allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum S3AccessLevel {
    /// List the keys and read the objects.
    Read,
    /// Write objects (and abort unfinished uploads); no listing, reading
    /// or deleting.
    Write,
    /// Read, write and delete objects.
    ReadWrite,
}

impl S3AccessLevel {
    /// Whether objects may be read (and keys listed).
    pub fn reads(self) -> bool {
        matches!(self, Self::Read | Self::ReadWrite)
    }
    /// Whether objects may be written.
    pub fn writes(self) -> bool {
        matches!(self, Self::Write | Self::ReadWrite)
    }
}
