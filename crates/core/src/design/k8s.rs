//! Kubernetes objects of a design, typed after the Auto Mode CRDs and the
//! core API, and serialised as-is into the manifests.
//!
//! Field order follows Kubernetes convention (`apiVersion`, `kind`,
//! `metadata`, `spec`); maps are ordered, so output is deterministic.

use serde::Serialize;
use std::collections::BTreeMap;

/// Label put on every object the planner writes, so teardown can find them.
pub const MANAGED_BY: (&str, &str) = ("app.kubernetes.io/managed-by", "eks-auto-mode-planner");

/// `metadata`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ObjectMeta {
    /// Name.
    pub name: String,
    /// Namespace (namespaced kinds only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Labels.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Annotations.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl ObjectMeta {
    /// Metadata with a name and the managed-by label.
    pub fn managed(name: &str) -> ObjectMeta {
        let mut labels = BTreeMap::new();
        labels.insert(MANAGED_BY.0.to_owned(), MANAGED_BY.1.to_owned());
        ObjectMeta {
            name: name.to_owned(),
            labels,
            ..ObjectMeta::default()
        }
    }

    /// The same metadata in a namespace.
    pub fn in_namespace(mut self, ns: &str) -> ObjectMeta {
        self.namespace = Some(ns.to_owned());
        self
    }
}

// ---------------------------------------------------------------- NodeClass

/// `NodeClass` (`eks.amazonaws.com/v1`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeClass {
    /// `eks.amazonaws.com/v1`.
    pub api_version: &'static str,
    /// `NodeClass`.
    pub kind: &'static str,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Spec.
    pub spec: NodeClassSpec,
}

/// NodeClass spec.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeClassSpec {
    /// Role name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Instance profile name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_profile: Option<String>,
    /// Subnet selector.
    pub subnet_selector_terms: Vec<SelectorTerm>,
    /// Security group selector.
    pub security_group_selector_terms: Vec<SelectorTerm>,
    /// Pod subnets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pod_subnet_selector_terms: Vec<SelectorTerm>,
    /// Pod security groups.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pod_security_group_selector_terms: Vec<SelectorTerm>,
    /// Capacity reservations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub capacity_reservation_selector_terms: Vec<SelectorTerm>,
    /// Placement group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement_group_selector: Option<SelectorTerm>,
    /// `Random` / `Disabled`.
    pub snat_policy: &'static str,
    /// `DefaultAllow` / `DefaultDeny`.
    pub network_policy: &'static str,
    /// `Enabled` / `Disabled`.
    pub network_policy_event_logs: &'static str,
    /// Data volume.
    pub ephemeral_storage: EphemeralStorage,
    /// Advanced networking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advanced_networking: Option<AdvancedNetworking>,
    /// Advanced security.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advanced_security: Option<AdvancedSecurity>,
    /// CA bundles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub certificate_bundles: Vec<CertificateBundle>,
    /// EC2 tags.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// A selector term (`id`, `name`, `tags`, `owner`), whichever apply.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SelectorTerm {
    /// Id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Owner account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Tags.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// `ephemeralStorage`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EphemeralStorage {
    /// Size.
    pub size: String,
    /// IOPS.
    pub iops: u32,
    /// Throughput MiB/s.
    pub throughput: u32,
    /// KMS key.
    #[serde(rename = "kmsKeyID", skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
}

/// `advancedNetworking`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdvancedNetworking {
    /// `associatePublicIPAddress`.
    #[serde(
        rename = "associatePublicIPAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub associate_public_ip_address: Option<bool>,
    /// `httpsProxy`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub https_proxy: Option<String>,
    /// `noProxy`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_proxy: Vec<String>,
    /// `ipv4PrefixSize`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv4_prefix_size: Option<&'static str>,
    /// `enableV4Egress`.
    #[serde(rename = "enableV4Egress", skip_serializing_if = "Option::is_none")]
    pub enable_v4_egress: Option<bool>,
    /// `networkInterfaces`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub network_interfaces: Vec<NetworkInterface>,
}

/// One `networkInterfaces` entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkInterface {
    /// Card.
    pub network_card_index: u32,
    /// Device.
    pub device_index: u32,
    /// `interface` / `efa-only`.
    pub interface_type: &'static str,
    /// Secondary IPs.
    #[serde(rename = "secondaryIPv4Count", skip_serializing_if = "Option::is_none")]
    pub secondary_ipv4_count: Option<u32>,
    /// Secondary prefixes.
    #[serde(
        rename = "secondaryIPv4PrefixCount",
        skip_serializing_if = "Option::is_none"
    )]
    pub secondary_ipv4_prefix_count: Option<u32>,
}

/// `advancedSecurity`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdvancedSecurity {
    /// FIPS AMIs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fips: Option<bool>,
    /// Kernel lockdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kernel_lockdown: Option<&'static str>,
}

/// A CA bundle.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CertificateBundle {
    /// Name.
    pub name: String,
    /// Base64 PEM.
    pub data: String,
}

// ----------------------------------------------------------------- NodePool

/// `NodePool` (`karpenter.sh/v1`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodePool {
    /// `karpenter.sh/v1`.
    pub api_version: &'static str,
    /// `NodePool`.
    pub kind: &'static str,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Spec.
    pub spec: NodePoolSpec,
}

/// NodePool spec.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodePoolSpec {
    /// Static replica count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<u32>,
    /// Weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<u32>,
    /// Limits.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub limits: BTreeMap<String, String>,
    /// Disruption.
    pub disruption: Disruption,
    /// Node template.
    pub template: NodeClaimTemplate,
}

/// `spec.disruption`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disruption {
    /// Policy.
    pub consolidation_policy: &'static str,
    /// Delay.
    pub consolidate_after: String,
    /// Budgets.
    pub budgets: Vec<Budget>,
}

/// A disruption budget.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Budget {
    /// Node count or percentage.
    pub nodes: String,
    /// Reasons.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<&'static str>,
    /// Cron schedule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    /// Duration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
}

/// `spec.template`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeClaimTemplate {
    /// Node labels.
    #[serde(skip_serializing_if = "TemplateMeta::is_empty")]
    pub metadata: TemplateMeta,
    /// Node spec.
    pub spec: NodeClaimSpec,
}

/// `spec.template.metadata`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TemplateMeta {
    /// Labels.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
}

impl TemplateMeta {
    fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

/// `spec.template.spec`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeClaimSpec {
    /// NodeClass reference.
    pub node_class_ref: NodeClassRef,
    /// Requirements.
    pub requirements: Vec<Requirement>,
    /// Taints.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<Taint>,
    /// Startup taints.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub startup_taints: Vec<Taint>,
    /// Maximum lifetime.
    pub expire_after: String,
    /// Drain timeout.
    pub termination_grace_period: String,
}

/// `nodeClassRef`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeClassRef {
    /// `eks.amazonaws.com`.
    pub group: &'static str,
    /// `NodeClass`.
    pub kind: &'static str,
    /// NodeClass name.
    pub name: String,
}

/// A requirement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Requirement {
    /// Label key.
    pub key: String,
    /// Operator.
    pub operator: &'static str,
    /// Values.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// `minValues`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_values: Option<u32>,
}

/// A taint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Taint {
    /// Key.
    pub key: String,
    /// Value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Effect.
    pub effect: &'static str,
}

// ------------------------------------------------------------- StorageClass

/// `StorageClass` (`storage.k8s.io/v1`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageClass {
    /// `storage.k8s.io/v1`.
    pub api_version: &'static str,
    /// `StorageClass`.
    pub kind: &'static str,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// `ebs.csi.eks.amazonaws.com`.
    pub provisioner: &'static str,
    /// Driver parameters.
    pub parameters: BTreeMap<String, String>,
    /// `Delete` / `Retain`.
    pub reclaim_policy: &'static str,
    /// Expansion.
    pub allow_volume_expansion: bool,
    /// `WaitForFirstConsumer`.
    pub volume_binding_mode: &'static str,
    /// Only Auto Mode nodes.
    pub allowed_topologies: Vec<TopologySelectorTerm>,
}

/// `allowedTopologies` item.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopologySelectorTerm {
    /// Expressions.
    pub match_label_expressions: Vec<TopologyRequirement>,
}

/// A topology label requirement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopologyRequirement {
    /// Key.
    pub key: String,
    /// Values.
    pub values: Vec<String>,
}

// ------------------------------------------------------------------ Ingress

/// `IngressClassParams` (`eks.amazonaws.com/v1`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressClassParams {
    /// `eks.amazonaws.com/v1`.
    pub api_version: &'static str,
    /// `IngressClassParams`.
    pub kind: &'static str,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Spec.
    pub spec: IngressClassParamsSpec,
}

/// IngressClassParams spec (the live Auto Mode schema's spellings).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressClassParamsSpec {
    /// `internet-facing` / `internal`.
    pub scheme: &'static str,
    /// Address type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_address_type: Option<&'static str>,
    /// Group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<IngressGroup>,
    /// Subnets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnets: Option<IngressSubnets>,
    /// Certificates.
    #[serde(rename = "certificateARNs", skip_serializing_if = "Vec::is_empty")]
    pub certificate_arns: Vec<String>,
    /// TLS policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl_policy: Option<String>,
    /// Client CIDRs.
    #[serde(rename = "inboundCIDRs", skip_serializing_if = "Vec::is_empty")]
    pub inbound_cidrs: Vec<String>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<KeyValue>,
}

/// `group`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IngressGroup {
    /// Name.
    pub name: String,
}

/// `subnets`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressSubnets {
    /// Ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// Tag matches.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub match_tags: Vec<MatchTag>,
}

/// `matchTags` item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatchTag {
    /// Key.
    pub key: String,
    /// Values.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// A `{key, value}` pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyValue {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// `IngressClass` (`networking.k8s.io/v1`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressClass {
    /// `networking.k8s.io/v1`.
    pub api_version: &'static str,
    /// `IngressClass`.
    pub kind: &'static str,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Spec.
    pub spec: IngressClassSpec,
}

/// IngressClass spec.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IngressClassSpec {
    /// `eks.amazonaws.com/alb`.
    pub controller: &'static str,
    /// Parameters reference.
    pub parameters: IngressClassParametersRef,
}

/// IngressClass `parameters`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressClassParametersRef {
    /// `eks.amazonaws.com`.
    pub api_group: &'static str,
    /// `IngressClassParams`.
    pub kind: &'static str,
    /// Name.
    pub name: String,
}

// ------------------------------------------------------------------ Generic

/// A core/apps object held as a JSON tree (Namespace, Deployment, Service,
/// PodDisruptionBudget): these examples are few and fixed in shape.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Generic {
    /// API version.
    pub api_version: &'static str,
    /// Kind.
    pub kind: &'static str,
    /// Metadata.
    pub metadata: ObjectMeta,
    /// Spec, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<serde_json::Value>,
}
