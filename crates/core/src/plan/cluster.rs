//! The `cluster` section: the EKS control plane.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::catalog::versions;

/// The EKS control plane.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Cluster {
    /// `new` (default): the bundle creates the cluster. `existing`: the
    /// cluster already runs (a plan imported by `eksplan migrate`); its
    /// name, region, version, role and network are read from it and must
    /// not change, or EKS would replace it.
    #[serde(skip_serializing_if = "ClusterMode::is_new")]
    pub mode: ClusterMode,
    /// (existing) The cluster's IAM role ARN, from `describe-cluster`. It
    /// cannot be changed without replacing the cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Cluster name: 1–100 characters, letters, digits, `-` and `_`, starting
    /// with a letter or digit. It cannot be changed after creation.
    pub name: String,
    /// AWS region, for example `us-east-1`.
    pub region: String,
    /// Kubernetes minor version, for example `1.35`. Auto Mode needs 1.29 or
    /// later; the planner offers the versions EKS still supports.
    pub kubernetes_version: String,
    /// What happens when standard support ends: `STANDARD` upgrades the
    /// control plane automatically; `EXTENDED` keeps the version for another
    /// 12 months at $0.60 instead of $0.10 per hour. AWS's default is `EXTENDED`.
    pub support_type: SupportType,
    /// Refuse `DeleteCluster` until this is turned off again.
    pub deletion_protection: bool,
    /// Control-plane log types sent to CloudWatch Logs. AWS enables none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub control_plane_logs: Vec<LogType>,
    /// Days CloudWatch keeps control-plane logs (and VPC flow logs).
    pub log_retention_days: u32,
    /// Tags applied to every AWS resource (provider `default_tags`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// Envelope encryption of Kubernetes secrets with a customer-managed KMS key.
    pub secrets_encryption: SecretsEncryption,
    /// Who can reach the Kubernetes API endpoint.
    pub endpoint: Endpoint,
    /// `ipv4` (default) or `ipv6` for pods and services. Cannot change later.
    pub ip_family: IpFamily,
    /// IPv4 CIDR for Kubernetes services (a /12 to /24 inside 10.0.0.0/8,
    /// 172.16.0.0/12 or 192.168.0.0/16). EKS picks 10.100.0.0/16 or
    /// 172.20.0.0/16 when unset. Cannot change later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_cidr: Option<String>,
}

impl Default for Cluster {
    fn default() -> Self {
        Self {
            mode: ClusterMode::New,
            role_arn: None,
            name: "auto-mode-cluster".to_owned(),
            region: "us-east-1".to_owned(),
            kubernetes_version: versions::DEFAULT_VERSION.to_owned(),
            support_type: SupportType::Standard,
            deletion_protection: false,
            control_plane_logs: Vec::new(),
            log_retention_days: 90,
            tags: BTreeMap::new(),
            secrets_encryption: SecretsEncryption::default(),
            endpoint: Endpoint::default(),
            ip_family: IpFamily::Ipv4,
            service_cidr: None,
        }
    }
}

/// Whether the plan creates the cluster or describes one that runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClusterMode {
    /// The bundle creates a new cluster.
    #[default]
    New,
    /// The cluster exists; the plan was imported from it.
    Existing,
}

impl ClusterMode {
    /// Whether this is the default, `new`.
    pub fn is_new(&self) -> bool {
        *self == ClusterMode::New
    }
}

/// `upgradePolicy.supportType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SupportType {
    /// Upgrade automatically at the end of standard support.
    Standard,
    /// Stay on the version through extended support (6× the hourly fee).
    Extended,
}

impl SupportType {
    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SupportType::Standard => "STANDARD",
            SupportType::Extended => "EXTENDED",
        }
    }
}

/// Control-plane log types (`enabled_cluster_log_types`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum LogType {
    /// API server logs.
    Api,
    /// Kubernetes audit logs.
    Audit,
    /// IAM authenticator logs.
    Authenticator,
    /// Controller manager logs.
    ControllerManager,
    /// Scheduler logs.
    Scheduler,
}

impl LogType {
    /// All log types, in the order AWS documents them.
    pub const ALL: [LogType; 5] = [
        LogType::Api,
        LogType::Audit,
        LogType::Authenticator,
        LogType::ControllerManager,
        LogType::Scheduler,
    ];

    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            LogType::Api => "api",
            LogType::Audit => "audit",
            LogType::Authenticator => "authenticator",
            LogType::ControllerManager => "controllerManager",
            LogType::Scheduler => "scheduler",
        }
    }
}

/// How Kubernetes secrets are encrypted at rest beyond EBS encryption.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SecretsEncryption {
    /// `create` a KMS key with rotation, use an `existing` key, or `none`.
    pub mode: KeyMode,
    /// ARN of the existing symmetric KMS key (same region), when `mode: existing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_arn: Option<String>,
}

impl Default for SecretsEncryption {
    fn default() -> Self {
        Self {
            mode: KeyMode::Create,
            key_arn: None,
        }
    }
}

/// Where a KMS key comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum KeyMode {
    /// Create a customer-managed key with yearly rotation.
    Create,
    /// Use the key in `key_arn`.
    Existing,
    /// No envelope encryption of secrets.
    None,
}

/// The Kubernetes API endpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Endpoint {
    /// `public`, `private` or `public_and_private`.
    pub access: EndpointAccess,
    /// CIDRs allowed to reach the public endpoint. AWS's default is
    /// `0.0.0.0/0` (the whole internet).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub public_access_cidrs: Vec<String>,
}

impl Default for Endpoint {
    fn default() -> Self {
        Self {
            access: EndpointAccess::PublicAndPrivate,
            public_access_cidrs: Vec::new(),
        }
    }
}

/// Endpoint reachability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EndpointAccess {
    /// Public only: nodes reach the API over the internet (through NAT).
    Public,
    /// Private only: reachable from the VPC and connected networks.
    Private,
    /// Both: nodes use the private endpoint, people the public one.
    PublicAndPrivate,
}

impl EndpointAccess {
    /// Whether the public endpoint is on.
    pub fn public(self) -> bool {
        matches!(self, Self::Public | Self::PublicAndPrivate)
    }
    /// Whether the private endpoint is on.
    pub fn private(self) -> bool {
        matches!(self, Self::Private | Self::PublicAndPrivate)
    }
}

/// IP family of pods and services.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum IpFamily {
    /// IPv4.
    Ipv4,
    /// IPv6 (needs a dual-stack VPC).
    Ipv6,
}

impl IpFamily {
    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            IpFamily::Ipv4 => "ipv4",
            IpFamily::Ipv6 => "ipv6",
        }
    }
}
