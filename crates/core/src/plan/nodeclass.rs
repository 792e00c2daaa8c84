//! Custom NodeClasses (`eks.amazonaws.com/v1`, kind `NodeClass`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A custom NodeClass: how Auto Mode launches EC2 instances for the
/// NodePools that reference it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct NodeClass {
    /// Object name (DNS-1123). `default` belongs to EKS.
    pub name: String,
    /// The IAM identity its nodes use.
    pub role: NodeClassRole,
    /// `subnetSelectorTerms`. Empty: the cluster's private (node) subnets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subnet_selector_terms: Vec<SelectorTerm>,
    /// `securityGroupSelectorTerms`. Empty: the EKS cluster security group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security_group_selector_terms: Vec<SecurityGroupTerm>,
    /// `podSubnetSelectorTerms`: put pod ENIs in other subnets (same AZ as
    /// the node). Must be set together with `pod_security_group_selector_terms`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pod_subnet_selector_terms: Vec<SelectorTerm>,
    /// `podSecurityGroupSelectorTerms`: security groups shared by all pods.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pod_security_group_selector_terms: Vec<SecurityGroupTerm>,
    /// `capacityReservationSelectorTerms`. Setting this on any NodeClass
    /// stops automatic use of open ODCRs across the whole cluster.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub capacity_reservation_selector_terms: Vec<CapacityReservationTerm>,
    /// `placementGroupSelector`: one placement group, by `name` or `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement_group: Option<PlacementGroupSelector>,
    /// `snatPolicy`: `Random` (default) or `Disabled`.
    pub snat_policy: SnatPolicy,
    /// `networkPolicy`: `DefaultAllow` (default) or `DefaultDeny`.
    pub network_policy: NetworkPolicyDefault,
    /// `networkPolicyEventLogs`: `Disabled` (default) or `Enabled`.
    pub network_policy_event_logs: Toggle,
    /// `ephemeralStorage`: the node's data volume.
    pub ephemeral_storage: EphemeralStorage,
    /// `advancedNetworking`.
    pub advanced_networking: AdvancedNetworking,
    /// `advancedSecurity`.
    pub advanced_security: AdvancedSecurity,
    /// `certificateBundles`: extra CA certificates trusted by the node.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub certificate_bundles: Vec<CertificateBundle>,
    /// `tags` on launched EC2 resources. Needs the custom-tag IAM policy on
    /// the cluster role, which the planner adds.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl Default for NodeClass {
    fn default() -> Self {
        Self {
            name: "private-nodes".to_owned(),
            role: NodeClassRole::default(),
            subnet_selector_terms: Vec::new(),
            security_group_selector_terms: Vec::new(),
            pod_subnet_selector_terms: Vec::new(),
            pod_security_group_selector_terms: Vec::new(),
            capacity_reservation_selector_terms: Vec::new(),
            placement_group: None,
            snat_policy: SnatPolicy::Random,
            network_policy: NetworkPolicyDefault::DefaultAllow,
            network_policy_event_logs: Toggle::Disabled,
            ephemeral_storage: EphemeralStorage::default(),
            advanced_networking: AdvancedNetworking::default(),
            advanced_security: AdvancedSecurity::default(),
            certificate_bundles: Vec::new(),
            tags: BTreeMap::new(),
        }
    }
}

/// The node identity of a NodeClass.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct NodeClassRole {
    /// `cluster_node_role` (the Auto Mode node role), `create` (a dedicated
    /// role), `existing` (a role by name or ARN) or `instance_profile`.
    pub mode: NodeClassRoleMode,
    /// Existing role name or ARN (`mode: existing`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Existing instance profile name (`mode: instance_profile`); EKS
    /// requires the name to start with `eks`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_profile: Option<String>,
}

impl Default for NodeClassRole {
    fn default() -> Self {
        Self {
            mode: NodeClassRoleMode::ClusterNodeRole,
            role: None,
            instance_profile: None,
        }
    }
}

/// Where a NodeClass's node identity comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NodeClassRoleMode {
    /// The cluster's Auto Mode node role.
    ClusterNodeRole,
    /// A role created for this NodeClass.
    Create,
    /// An existing role.
    Existing,
    /// An existing instance profile.
    InstanceProfile,
}

/// A subnet (or pod-subnet) selector term: `id` xor `tags`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SelectorTerm {
    /// Subnet id, `subnet-…`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Tags that must all match; a value of `*` matches any value.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// A security-group selector term: exactly one of `id`, `name`, `tags`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SecurityGroupTerm {
    /// Security group id, `sg-…`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Security group *name* (not its Name tag).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Tags that must all match.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// A capacity-reservation selector term: `id`, or `tags` with an optional `owner`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct CapacityReservationTerm {
    /// Reservation id, `cr-…`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Owning account id (with `tags`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Tags that must all match.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// `placementGroupSelector`: `name` or `id`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct PlacementGroupSelector {
    /// Placement group name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Placement group id, `pg-…`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `snatPolicy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum SnatPolicy {
    /// SNAT with random ports (default).
    Random,
    /// No SNAT: pods keep their IPs off-VPC; needs a NAT for the internet.
    Disabled,
}

/// `networkPolicy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum NetworkPolicyDefault {
    /// Allow until policies apply (default).
    DefaultAllow,
    /// Deny until a policy allows.
    DefaultDeny,
}

/// `Enabled` / `Disabled`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Toggle {
    /// On.
    Enabled,
    /// Off.
    Disabled,
}

/// `ephemeralStorage`: the node's EBS data volume.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct EphemeralStorage {
    /// Size, for example `80Gi` (default), `200G`, `1Ti`.
    pub size: String,
    /// IOPS, 3000–16000 (default 3000).
    pub iops: u32,
    /// Throughput in MiB/s, 125–1000 (default 125), at most IOPS ÷ 4.
    pub throughput: u32,
    /// KMS key (id, ARN, `alias/…`) for the root and data volumes.
    /// Default: the AWS-managed `aws/ebs` key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
}

impl Default for EphemeralStorage {
    fn default() -> Self {
        Self {
            size: "80Gi".to_owned(),
            iops: 3000,
            throughput: 125,
            kms_key_id: None,
        }
    }
}

/// `advancedNetworking`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct AdvancedNetworking {
    /// `associatePublicIPAddress`. Default: the subnet's `MapPublicIpOnLaunch`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub associate_public_ip_address: Option<bool>,
    /// `httpsProxy`, for example `http://192.0.2.4:3128`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub https_proxy: Option<String>,
    /// `noProxy`: hosts and CIDRs that bypass the proxy (≤ 50).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_proxy: Vec<String>,
    /// `ipv4PrefixSize`: `Auto` (prefix delegation) or `"32"` (one IP at a time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv4_prefix_size: Option<Ipv4PrefixSize>,
    /// `enableV4Egress` (IPv6 clusters): IPv4 egress from IPv6 pods; on by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_v4_egress: Option<bool>,
    /// `networkInterfaces`: a static ENI layout.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub network_interfaces: Vec<NetworkInterface>,
}

/// `ipv4PrefixSize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Ipv4PrefixSize {
    /// Prefix delegation (/28), falling back to secondary IPs.
    Auto,
    /// Secondary IPs one at a time: sparse pods, fewer wasted IPs.
    #[serde(rename = "32")]
    Single,
}

/// One entry of `advancedNetworking.networkInterfaces`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct NetworkInterface {
    /// Network card index.
    pub network_card_index: u32,
    /// Device index on that card.
    pub device_index: u32,
    /// `interface` or `efa-only`.
    pub interface_type: InterfaceType,
    /// Secondary IPv4 addresses (card 0 only; not with a prefix count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary_ipv4_count: Option<u32>,
    /// Secondary IPv4 /28 prefixes (card 0 only; not with an address count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary_ipv4_prefix_count: Option<u32>,
}

impl Default for NetworkInterface {
    fn default() -> Self {
        Self {
            network_card_index: 0,
            device_index: 0,
            interface_type: InterfaceType::Interface,
            secondary_ipv4_count: None,
            secondary_ipv4_prefix_count: None,
        }
    }
}

/// ENI type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum InterfaceType {
    /// A normal ENI.
    #[serde(rename = "interface")]
    Interface,
    /// An EFA-only interface.
    #[serde(rename = "efa-only")]
    EfaOnly,
}

/// `advancedSecurity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct AdvancedSecurity {
    /// `fips`: FIPS-validated AMIs (US, GovCloud and Canada regions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fips: Option<bool>,
    /// `kernelLockdown`: `integrity` or `none`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kernel_lockdown: Option<KernelLockdown>,
}

/// `kernelLockdown`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum KernelLockdown {
    /// Integrity mode.
    Integrity,
    /// No lockdown.
    None,
}

/// A CA bundle trusted by nodes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct CertificateBundle {
    /// Bundle name.
    pub name: String,
    /// Base64-encoded PEM certificate(s).
    pub data: String,
}
