//! The EKS cluster of a design.

use serde::Serialize;
use std::collections::BTreeMap;

use super::id::{Key, Ref};
use super::input::InputId;
use super::value::Value;
use crate::plan::{AuthenticationMode, IpFamily, LogType, SupportType};

/// The EKS cluster, fully decided.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterSpec {
    /// Key of the cluster object.
    pub key: Key,
    /// Cluster name (the default of [`InputId::ClusterName`]).
    pub name: String,
    /// Region (the default of [`InputId::Region`]).
    pub region: String,
    /// Kubernetes version (the default of [`InputId::KubernetesVersion`]).
    pub version: String,
    /// Upgrade policy.
    pub support_type: SupportType,
    /// Deletion protection.
    pub deletion_protection: bool,
    /// Cluster IAM role.
    pub role: Key,
    /// Always `false` for Auto Mode.
    pub bootstrap_self_managed_addons: bool,
    /// Always `false`: creator admin, when wanted, is an explicit access entry.
    pub bootstrap_cluster_creator_admin_permissions: bool,
    /// `API` or `API_AND_CONFIG_MAP`.
    pub authentication_mode: AuthenticationMode,
    /// Auto Mode compute.
    pub compute: ComputeConfig,
    /// Auto Mode load balancing.
    pub elastic_load_balancing: bool,
    /// Auto Mode block storage.
    pub block_storage: bool,
    /// Private endpoint on.
    pub endpoint_private_access: bool,
    /// Public endpoint on.
    pub endpoint_public_access: bool,
    /// CIDRs allowed to the public endpoint (empty when private only); the
    /// default of [`InputId::PublicAccessCidrs`].
    pub public_access_cidrs: Vec<String>,
    /// Subnets for the control plane ENIs (and the `default` NodeClass).
    pub subnets: SubnetList,
    /// IP family of pods and services.
    pub ip_family: IpFamily,
    /// Service CIDR, if chosen.
    pub service_ipv4_cidr: Option<String>,
    /// Envelope encryption of secrets.
    pub encryption: Option<SecretsEncryption>,
    /// Control-plane log types.
    pub log_types: Vec<LogType>,
    /// Control-plane log group, when logs are on.
    pub log_group: Option<Key>,
    /// Tags applied to every resource.
    pub tags: BTreeMap<String, String>,
    /// What must exist before the cluster (and outlive it on deletion).
    pub after: Vec<Dependency>,
}

/// Something that must exist before an object.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dependency {
    /// Every policy of a role (attachments and inline policies), not just
    /// the role.
    Permissions(Key),
    /// An object.
    Object(Ref),
}

/// A list of subnets: created by the bundle, or an input of existing ids.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubnetList {
    /// Keys of created subnets.
    Created(Vec<Key>),
    /// Existing subnet ids, from an input.
    Input(InputId),
}

/// Envelope encryption of Kubernetes secrets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SecretsEncryption {
    /// The key: created by the bundle, or an existing ARN.
    pub key: KeySource,
    /// Encrypted resources (`secrets`).
    pub resources: Vec<&'static str>,
}

impl SecretsEncryption {
    /// The key's ARN.
    pub fn key_arn(&self) -> Value {
        match &self.key {
            KeySource::Created(k) => Value::reference(super::Kind::KmsKey, k, super::Attr::Arn),
            KeySource::Existing(arn) => Value::lit(arn.clone()),
        }
    }
}

/// Create a KMS key, or use an existing one.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    /// A key of [`super::Design::kms_keys`].
    Created(Key),
    /// An existing key's ARN.
    Existing(String),
}

/// Auto Mode's built-in NodePools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BuiltinPool {
    /// `general-purpose`.
    GeneralPurpose,
    /// `system`.
    System,
}

impl BuiltinPool {
    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            BuiltinPool::GeneralPurpose => "general-purpose",
            BuiltinPool::System => "system",
        }
    }
}

/// Auto Mode's compute configuration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComputeConfig {
    /// Always `true`.
    pub enabled: bool,
    /// Built-in pools.
    pub node_pools: Vec<BuiltinPool>,
    /// Node role ARN; present exactly when `node_pools` is non-empty.
    pub node_role_arn: Option<Value>,
}

impl ComputeConfig {
    /// The built-in pools' AWS names.
    pub fn pool_names(&self) -> Vec<&'static str> {
        self.node_pools.iter().map(|p| p.as_str()).collect()
    }
}
