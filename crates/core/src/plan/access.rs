//! The `access` section: cluster-creator admin and access entries.

use serde::{Deserialize, Serialize};

/// Who may use the Kubernetes API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Access {
    /// Give whoever runs `terraform apply` cluster-admin through an explicit,
    /// removable access entry (`AmazonEKSClusterAdminPolicy`). The hidden
    /// bootstrap grant (`bootstrap_cluster_creator_admin_permissions`) is
    /// always off, because it cannot be seen or removed without replacing
    /// the cluster.
    pub cluster_creator_admin: bool,
    /// Access entries for people, roles and CI.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<AccessEntry>,
    /// An administrator role the bundle creates: assumable by the account
    /// (or the principals listed), holding only `sts:GetCallerIdentity` in
    /// AWS and `AmazonEKSClusterAdminPolicy` in the cluster.
    #[serde(skip_serializing_if = "AdminRole::is_default")]
    pub admin_role: AdminRole,
}

impl Default for Access {
    fn default() -> Self {
        Self {
            cluster_creator_admin: true,
            entries: Vec::new(),
            admin_role: AdminRole::default(),
        }
    }
}

/// A cluster-administrator IAM role the bundle creates. People and CI
/// assume it to use kubectl; it grants nothing else in AWS.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct AdminRole {
    /// Create the role and its access entry.
    pub enabled: bool,
    /// Role name. Default: `<cluster name>-admin`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// IAM role or user ARNs that may assume it. Empty: the account (its
    /// root), so IAM policies in the account decide who may.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub trusted_principals: Vec<String>,
}

impl AdminRole {
    /// Whether this is the default (off).
    pub fn is_default(&self) -> bool {
        *self == AdminRole::default()
    }
}

/// One access entry: an IAM principal and what it may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct AccessEntry {
    /// IAM role or user ARN. Cannot change after creation.
    pub principal_arn: String,
    /// `STANDARD` for people and CI; `EC2` for an Auto Mode custom NodeClass
    /// role (the planner adds those itself).
    #[serde(rename = "type")]
    pub entry_type: AccessEntryType,
    /// Kubernetes groups for RBAC bindings you manage yourself (`STANDARD` only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kubernetes_groups: Vec<String>,
    /// Kubernetes username (`STANDARD` only). Defaults to the principal ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// EKS access policies and where they apply.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<AccessPolicy>,
}

impl Default for AccessEntry {
    fn default() -> Self {
        Self {
            principal_arn: String::new(),
            entry_type: AccessEntryType::Standard,
            kubernetes_groups: Vec::new(),
            username: None,
            policies: Vec::new(),
        }
    }
}

/// Access entry type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccessEntryType {
    /// People, CI and applications.
    Standard,
    /// Auto Mode custom NodeClass node role.
    Ec2,
    /// Self-managed Linux nodes.
    Ec2Linux,
    /// Self-managed Windows nodes.
    Ec2Windows,
    /// Fargate pod execution role.
    FargateLinux,
    /// Hybrid nodes.
    HybridLinux,
}

impl AccessEntryType {
    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "STANDARD",
            Self::Ec2 => "EC2",
            Self::Ec2Linux => "EC2_LINUX",
            Self::Ec2Windows => "EC2_WINDOWS",
            Self::FargateLinux => "FARGATE_LINUX",
            Self::HybridLinux => "HYBRID_LINUX",
        }
    }
}

/// An EKS access policy association.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct AccessPolicy {
    /// Policy name, for example `AmazonEKSViewPolicy`, or its full ARN.
    pub policy: String,
    /// `cluster` or `namespace`.
    pub scope: AccessScope,
    /// Namespaces, when `scope: namespace`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<String>,
}

impl Default for AccessPolicy {
    fn default() -> Self {
        Self {
            policy: "AmazonEKSViewPolicy".to_owned(),
            scope: AccessScope::Cluster,
            namespaces: Vec::new(),
        }
    }
}

/// Where an access policy applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum AccessScope {
    /// The whole cluster.
    Cluster,
    /// Listed namespaces only.
    Namespace,
}

impl AccessScope {
    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cluster => "cluster",
            Self::Namespace => "namespace",
        }
    }
}
