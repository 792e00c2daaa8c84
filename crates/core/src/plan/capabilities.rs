//! The `capabilities` section: EKS Capabilities, the managed Argo CD, ACK
//! and kro that run in AWS rather than on the cluster's nodes.
//!
//! Source: EKS user guide, `capabilities/*` and `security/capabilities-security`;
//! API `CreateCapability` (one capability of each type per cluster,
//! `deletePropagationPolicy` `RETAIN`, roles `ADMIN`/`EDITOR`/`VIEWER`,
//! identities `SSO_USER`/`SSO_GROUP`).

use serde::{Deserialize, Serialize};

use super::{AccessPolicy, RoleMode};

/// One EKS Capability. EKS creates an access entry for the capability's
/// role itself, with the capability's own access policies; the plan can add
/// more policies to that entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Capability {
    /// `ARGOCD`, `ACK` or `KRO`. A cluster can have one capability of each
    /// type.
    #[serde(rename = "type")]
    pub capability_type: CapabilityType,
    /// Name, unique in the cluster: 1–100 letters, digits, `-` and `_`.
    /// Defaults to the type in lower case (`argocd`, `ack`, `kro`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `create` a role trusted by `capabilities.eks.amazonaws.com` (with
    /// `sts:AssumeRole` and `sts:TagSession`), or use an `existing` one.
    pub role_mode: RoleMode,
    /// The existing role's ARN (`role_mode: existing`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Managed policy ARNs for the created role: what ACK may do in AWS
    /// (nothing until you list something), what Argo CD needs for ECR,
    /// Secrets Manager or CodeConnections. kro needs none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub managed_policy_arns: Vec<String>,
    /// More EKS access policies for the access entry EKS creates for the
    /// role, beyond the capability's own (`AmazonEKSArgoCDPolicy` and
    /// `AmazonEKSArgoCDClusterPolicy`, `AmazonEKSACKPolicy`,
    /// `AmazonEKSKROPolicy`). Argo CD needs some to deploy anything outside
    /// its namespace, kro to create the resources its graphs define.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access_policies: Vec<AccessPolicy>,
    /// What happens to the capability's Kubernetes resources when it is
    /// deleted. EKS accepts only `RETAIN`: they stay in the cluster.
    pub delete_propagation_policy: String,
    /// Argo CD settings (type `ARGOCD` only).
    #[serde(skip_serializing_if = "ArgoCd::is_default")]
    pub argocd: ArgoCd,
}

impl Default for Capability {
    fn default() -> Self {
        Self {
            capability_type: CapabilityType::Ack,
            name: None,
            role_mode: RoleMode::Create,
            role_arn: None,
            managed_policy_arns: Vec::new(),
            access_policies: Vec::new(),
            delete_propagation_policy: DELETE_PROPAGATION_RETAIN.to_owned(),
            argocd: ArgoCd::default(),
        }
    }
}

/// The only delete propagation policy EKS accepts.
pub const DELETE_PROPAGATION_RETAIN: &str = "RETAIN";

impl Capability {
    /// The capability's name: the plan's, or the type in lower case.
    pub fn effective_name(&self) -> String {
        match &self.name {
            Some(n) if !n.is_empty() => n.clone(),
            _ => self.capability_type.default_name().to_owned(),
        }
    }
}

/// Capability type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum CapabilityType {
    /// Argo CD: GitOps continuous delivery, signed in through IAM Identity
    /// Center.
    #[serde(rename = "ARGOCD")]
    ArgoCd,
    /// AWS Controllers for Kubernetes: AWS resources as Kubernetes objects.
    #[serde(rename = "ACK")]
    Ack,
    /// Kube Resource Orchestrator: new APIs composed of other resources.
    #[serde(rename = "KRO")]
    Kro,
}

impl CapabilityType {
    /// Every type, in the order the planner lists them.
    pub const ALL: [CapabilityType; 3] = [
        CapabilityType::ArgoCd,
        CapabilityType::Ack,
        CapabilityType::Kro,
    ];

    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            CapabilityType::ArgoCd => "ARGOCD",
            CapabilityType::Ack => "ACK",
            CapabilityType::Kro => "KRO",
        }
    }

    /// The default capability name.
    pub fn default_name(self) -> &'static str {
        match self {
            CapabilityType::ArgoCd => "argocd",
            CapabilityType::Ack => "ack",
            CapabilityType::Kro => "kro",
        }
    }

    /// The name people use.
    pub fn title(self) -> &'static str {
        match self {
            CapabilityType::ArgoCd => "Argo CD",
            CapabilityType::Ack => "ACK",
            CapabilityType::Kro => "kro",
        }
    }
}

/// Argo CD settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ArgoCd {
    /// Namespace of Argo CD's Applications, ApplicationSets and
    /// AppProjects (the capability supports one).
    pub namespace: String,
    /// ARN of the IAM Identity Center instance people sign in with
    /// (`arn:aws:sso:::instance/ssoins-…`): Argo CD has no local users.
    /// `aws sso-admin list-instances` prints it.
    pub idc_instance_arn: String,
    /// Region of the Identity Center instance; the cluster's region when
    /// unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idc_region: Option<String>,
    /// Which Identity Center users and groups get which Argo CD role.
    /// Nobody can sign in without one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rbac_role_mappings: Vec<ArgoCdRoleMapping>,
    /// VPC endpoints (`vpce-…`) that may reach the Argo CD UI and API. When
    /// set, the public endpoint is off.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vpc_endpoint_ids: Vec<String>,
}

impl Default for ArgoCd {
    fn default() -> Self {
        Self {
            namespace: "argocd".to_owned(),
            idc_instance_arn: String::new(),
            idc_region: None,
            rbac_role_mappings: Vec::new(),
            vpc_endpoint_ids: Vec::new(),
        }
    }
}

impl ArgoCd {
    /// Whether nothing is set (so the plan file can leave it out).
    pub fn is_default(&self) -> bool {
        *self == ArgoCd::default()
    }
}

/// An Argo CD role and the Identity Center identities that get it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ArgoCdRoleMapping {
    /// `ADMIN`, `EDITOR` or `VIEWER`.
    pub role: ArgoCdRole,
    /// Identity Center users and groups, by id (not by name).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identities: Vec<SsoIdentity>,
}

impl Default for ArgoCdRoleMapping {
    fn default() -> Self {
        Self {
            role: ArgoCdRole::Viewer,
            identities: Vec::new(),
        }
    }
}

/// Argo CD's built-in global roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ArgoCdRole {
    /// Everything: applications, projects, clusters, repositories, settings.
    Admin,
    /// Update projects and project roles; no global settings.
    Editor,
    /// Read-only; Applications only through project roles.
    Viewer,
}

impl ArgoCdRole {
    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ArgoCdRole::Admin => "ADMIN",
            ArgoCdRole::Editor => "EDITOR",
            ArgoCdRole::Viewer => "VIEWER",
        }
    }
}

/// An IAM Identity Center user or group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SsoIdentity {
    /// `SSO_USER` or `SSO_GROUP`.
    #[serde(rename = "type")]
    pub identity_type: SsoIdentityType,
    /// The Identity Store user or group id, such as
    /// `906747d6f0-1b2c3d4e-…` or a UUID (`aws identitystore list-groups`).
    pub id: String,
}

impl Default for SsoIdentity {
    fn default() -> Self {
        Self {
            identity_type: SsoIdentityType::SsoGroup,
            id: String::new(),
        }
    }
}

/// Kind of Identity Center identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SsoIdentityType {
    /// A user.
    SsoUser,
    /// A group (easier to manage than users).
    SsoGroup,
}

impl SsoIdentityType {
    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SsoIdentityType::SsoUser => "SSO_USER",
            SsoIdentityType::SsoGroup => "SSO_GROUP",
        }
    }
}
