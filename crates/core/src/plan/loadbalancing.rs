//! The `load_balancing` section: ALB IngressClass and an NLB Service example.

use serde::{Deserialize, Serialize};

use super::KeyValue;

/// Load balancers provisioned by Auto Mode's built-in controller.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct LoadBalancing {
    /// IngressClass + IngressClassParams for Application Load Balancers.
    pub ingress_class: IngressClassConfig,
    /// An example `Service` of type `LoadBalancer` (Network Load Balancer).
    pub nlb_example: NlbExample,
}

/// IngressClass `eks.amazonaws.com/alb` and its IngressClassParams.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct IngressClassConfig {
    /// Create the IngressClass and its parameters.
    pub enabled: bool,
    /// Name of both objects; Ingresses use it in `spec.ingressClassName`.
    pub name: String,
    /// Make it the default IngressClass.
    pub default_class: bool,
    /// `internet-facing` or `internal`.
    pub scheme: Scheme,
    /// `ipv4`, `dualstack` or `dualstack-without-public-ipv4`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_address_type: Option<IpAddressType>,
    /// ACM certificate ARNs for HTTPS listeners.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub certificate_arns: Vec<String>,
    /// TLS policy, for example `ELBSecurityPolicy-TLS13-1-2-2021-06`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl_policy: Option<String>,
    /// Client CIDRs allowed to reach the ALB (default: anywhere).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inbound_cidrs: Vec<String>,
    /// Share one ALB between Ingresses of this class (`group.name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// Subnets by id. Default: discovery by the `kubernetes.io/role/*` tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subnet_ids: Vec<String>,
    /// Subnets by tag (`subnets.matchTags`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subnet_tags: Vec<MatchTag>,
    /// Tags on the ALB and its target groups. Needs the custom-tag IAM
    /// policy on the cluster role, which the planner adds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<KeyValue>,
}

impl Default for IngressClassConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            name: "alb".to_owned(),
            default_class: true,
            scheme: Scheme::InternetFacing,
            ip_address_type: None,
            certificate_arns: Vec::new(),
            ssl_policy: None,
            inbound_cidrs: Vec::new(),
            group_name: None,
            subnet_ids: Vec::new(),
            subnet_tags: Vec::new(),
            tags: Vec::new(),
        }
    }
}

/// `subnets.matchTags` entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct MatchTag {
    /// Tag key.
    pub key: String,
    /// Accepted values (any value when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// Load balancer scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// Reachable from the internet (public subnets).
    InternetFacing,
    /// Reachable from the VPC only (private subnets).
    Internal,
}

impl Scheme {
    /// AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::InternetFacing => "internet-facing",
            Scheme::Internal => "internal",
        }
    }
}

/// ALB address type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum IpAddressType {
    /// IPv4 only.
    Ipv4,
    /// IPv4 and IPv6.
    Dualstack,
    /// IPv6 public, IPv4 private.
    DualstackWithoutPublicIpv4,
}

impl IpAddressType {
    /// AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ipv4 => "ipv4",
            Self::Dualstack => "dualstack",
            Self::DualstackWithoutPublicIpv4 => "dualstack-without-public-ipv4",
        }
    }
}

/// An example NLB `Service` with `loadBalancerClass: eks.amazonaws.com/nlb`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct NlbExample {
    /// Write `kubernetes/examples/nlb-service.yaml`.
    pub enabled: bool,
    /// `internet-facing` or `internal`.
    pub scheme: Scheme,
    /// Client CIDRs allowed (`spec.loadBalancerSourceRanges`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub source_ranges: Vec<String>,
}

impl Default for NlbExample {
    fn default() -> Self {
        Self {
            enabled: true,
            scheme: Scheme::Internal,
            source_ranges: Vec::new(),
        }
    }
}
