//! AWS objects of a design: network, cluster, keys, logs, access.

use serde::Serialize;
use std::collections::BTreeMap;

use super::iam::PolicyDocument;
use super::value::Value;

/// The EKS cluster, fully decided.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterSpec {
    /// Cluster name.
    pub name: String,
    /// Region.
    pub region: String,
    /// Kubernetes version.
    pub version: String,
    /// `STANDARD` or `EXTENDED`.
    pub support_type: String,
    /// Deletion protection.
    pub deletion_protection: bool,
    /// Cluster IAM role (key in [`super::Design::roles`]).
    pub role_key: String,
    /// Always `false` for Auto Mode.
    pub bootstrap_self_managed_addons: bool,
    /// Always `false`: creator admin, when wanted, is an explicit access entry.
    pub bootstrap_cluster_creator_admin_permissions: bool,
    /// `API` or `API_AND_CONFIG_MAP`.
    pub authentication_mode: String,
    /// `compute_config`.
    pub compute: ComputeConfig,
    /// `kubernetes_network_config.elastic_load_balancing.enabled`.
    pub elastic_load_balancing: bool,
    /// `storage_config.block_storage.enabled`.
    pub block_storage: bool,
    /// Private endpoint on.
    pub endpoint_private_access: bool,
    /// Public endpoint on.
    pub endpoint_public_access: bool,
    /// CIDRs allowed to the public endpoint (empty when private only).
    pub public_access_cidrs: Vec<String>,
    /// Subnets for the control plane ENIs (and the `default` NodeClass).
    pub subnets: SubnetSet,
    /// `ipv4` or `ipv6`.
    pub ip_family: String,
    /// Service CIDR, if chosen.
    pub service_ipv4_cidr: Option<String>,
    /// KMS key ARN for secrets encryption.
    pub secrets_key_arn: Option<Value>,
    /// Control-plane log types.
    pub log_types: Vec<String>,
    /// Control-plane log group key, when logs are on.
    pub log_group_key: Option<String>,
    /// Tags applied to every resource.
    pub tags: BTreeMap<String, String>,
}

/// A list of subnets: created by the bundle, or existing ids.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubnetSet {
    /// Keys of created subnets.
    Created(Vec<String>),
    /// Existing subnet ids.
    Existing(Vec<String>),
}

/// Auto Mode's `compute_config`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComputeConfig {
    /// Always `true`.
    pub enabled: bool,
    /// Built-in pools: a subset of `general-purpose`, `system`.
    pub node_pools: Vec<String>,
    /// Node role ARN; present exactly when `node_pools` is non-empty.
    pub node_role_arn: Option<Value>,
}

/// The VPC.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkSpec {
    /// A VPC the bundle creates.
    Create(CreatedVpc),
    /// An existing VPC.
    Existing(ExistingVpc),
}

/// A created VPC.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreatedVpc {
    /// IPv4 CIDR.
    pub cidr: String,
    /// Request an Amazon-provided IPv6 /56.
    pub ipv6: bool,
    /// Availability zones, in order.
    pub zones: Vec<Zone>,
    /// Public subnets (one per zone) or none.
    pub public_subnets: Vec<Subnet>,
    /// Private subnets (one per zone).
    pub private_subnets: Vec<Subnet>,
    /// NAT gateways.
    pub nat_gateways: Vec<NatGateway>,
    /// Interface and gateway endpoints.
    pub endpoints: Vec<VpcEndpoint>,
    /// Flow logs, when on.
    pub flow_logs: Option<FlowLogs>,
    /// Strip all rules from the VPC's default security group.
    pub restrict_default_security_group: bool,
}

/// How an AZ is chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// A named AZ.
    Named(String),
    /// The n-th available AZ in the region (looked up at apply time).
    Available(usize),
}

/// A subnet of a created VPC.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Subnet {
    /// Key, for example `private_a`.
    pub key: String,
    /// Index into [`CreatedVpc::zones`].
    pub zone: usize,
    /// IPv4 CIDR.
    pub cidr: String,
    /// IPv6 /64 index within the VPC's /56, when dual-stack.
    pub ipv6_netnum: Option<u32>,
    /// Whether instances get public IPs (never: public subnets hold only LBs and NAT).
    pub map_public_ip_on_launch: bool,
    /// Tags (Name, load-balancer role, cluster).
    pub tags: BTreeMap<String, String>,
}

/// A NAT gateway.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NatGateway {
    /// Key, for example `a`.
    pub key: String,
    /// Public subnet key it lives in.
    pub subnet_key: String,
    /// Private subnet keys routed through it.
    pub serves: Vec<String>,
}

/// A VPC endpoint.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VpcEndpoint {
    /// Key, for example `ecr_api`.
    pub key: String,
    /// Service suffix, for example `ecr.api`.
    pub service: String,
    /// Gateway (S3) or Interface.
    pub gateway: bool,
}

/// VPC flow logs to CloudWatch Logs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlowLogs {
    /// Log group key.
    pub log_group_key: String,
    /// Delivery role key.
    pub role_key: String,
}

/// An existing VPC.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExistingVpc {
    /// VPC id.
    pub vpc_id: String,
    /// Control-plane subnets.
    pub control_plane_subnet_ids: Vec<String>,
    /// Node subnets.
    pub node_subnet_ids: Vec<String>,
    /// Public subnets for internet-facing LBs.
    pub public_subnet_ids: Vec<String>,
    /// Tags the bundle adds to existing subnets.
    pub subnet_tags: Vec<SubnetTag>,
}

/// A tag added to one of the existing subnet lists.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubnetTag {
    /// Key for the generated resource, for example `node_internal_elb`.
    pub key: String,
    /// Which list.
    pub subnets: ExistingSubnets,
    /// Tag key.
    pub tag: String,
    /// Tag value.
    pub value: String,
}

/// The subnet lists of an existing VPC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExistingSubnets {
    /// Control-plane subnets.
    ControlPlane,
    /// Node subnets.
    Node,
    /// Public subnets.
    Public,
}

/// A customer-managed KMS key.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KmsKey {
    /// Key.
    pub key: String,
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
    pub key: String,
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
    pub key: String,
    /// Principal ARN.
    pub principal_arn: Value,
    /// `STANDARD`, `EC2`, ….
    pub entry_type: String,
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
    pub key: String,
    /// Policy ARN.
    pub policy_arn: Value,
    /// `cluster` or `namespace`.
    pub scope: String,
    /// Namespaces for `namespace` scope.
    pub namespaces: Vec<String>,
}

/// A Pod Identity association.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PodIdentitySpec {
    /// Key.
    pub key: String,
    /// Namespace.
    pub namespace: String,
    /// Service account.
    pub service_account: String,
    /// Role ARN.
    pub role_arn: Value,
    /// Key of the created role, if the bundle creates it.
    pub created_role_key: Option<String>,
}
