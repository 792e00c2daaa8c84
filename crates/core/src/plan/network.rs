//! The `network` section: a new VPC, or an existing one.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The cluster's VPC.
///
/// The fields for `mode: create` and `mode: existing` live side by side so a
/// user can switch modes without losing either set of values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Network {
    /// `create` a VPC or use an `existing` one.
    pub mode: NetworkMode,

    /// (create) The VPC's IPv4 CIDR, /16 to /20. Private subnets get an
    /// eighth of it each, because Auto Mode hands out IPs in /28 prefixes.
    pub vpc_cidr: String,
    /// (create) How many Availability Zones to use, 2 or 3. Ignored when
    /// `availability_zones` names them.
    pub az_count: u8,
    /// (create) Named AZs, for example `[us-east-1a, us-east-1b]`. When
    /// empty, the first `az_count` available AZs are used.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub availability_zones: Vec<String>,
    /// (create) Public subnets for internet-facing load balancers and NAT.
    pub public_subnets: bool,
    /// (create) NAT gateways for node egress: `single` (cheapest, one AZ is
    /// a single point of failure), `per_az` (resilient), or `none`
    /// (private-only; needs `vpc_endpoints`).
    pub nat: NatMode,
    /// (create) Interface/gateway VPC endpoints for ECR, S3, STS, EC2, EKS
    /// and more, so nodes work without internet egress.
    pub vpc_endpoints: bool,
    /// (create) VPC flow logs to CloudWatch Logs (AWS security guidance).
    pub flow_logs: bool,
    /// (create) The private subnets' CIDRs, one per zone in zone order, as
    /// the VPC module's `private_subnets` lists them. Empty: the planner
    /// gives each an eighth of the VPC.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub private_subnet_cidrs: Vec<String>,
    /// (create) The public subnets' CIDRs, one per zone, as the VPC
    /// module's `public_subnets`. Empty: the planner lays them out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub public_subnet_cidrs: Vec<String>,
    /// (create) More tags for the private subnets, as the VPC module's
    /// `private_subnet_tags` (a tag a NodeClass selects by, for example).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub private_subnet_tags: BTreeMap<String, String>,
    /// (create) More tags for the public subnets.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub public_subnet_tags: BTreeMap<String, String>,
    /// (create) A security group for nodes that custom NodeClasses select
    /// (by its `Name` tag): all traffic from the VPC in, all traffic out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_security_group: Option<NodeSecurityGroup>,

    /// (existing) The VPC id, `vpc-…`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// (existing) Subnets for the control plane's network interfaces: at
    /// least two, in two AZs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub control_plane_subnet_ids: Vec<String>,
    /// (existing) Private subnets where nodes and pods run. Kept separate
    /// from the control-plane subnets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub node_subnet_ids: Vec<String>,
    /// (existing) Public subnets for internet-facing load balancers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub public_subnet_ids: Vec<String>,
    /// (existing) Tag the subnets for load-balancer discovery
    /// (`kubernetes.io/role/elb`, `kubernetes.io/role/internal-elb`).
    pub tag_subnets: bool,
}

impl Default for Network {
    fn default() -> Self {
        Self {
            mode: NetworkMode::Create,
            vpc_cidr: "10.0.0.0/16".to_owned(),
            az_count: 3,
            availability_zones: Vec::new(),
            public_subnets: true,
            nat: NatMode::Single,
            vpc_endpoints: false,
            flow_logs: true,
            private_subnet_cidrs: Vec::new(),
            public_subnet_cidrs: Vec::new(),
            private_subnet_tags: BTreeMap::new(),
            public_subnet_tags: BTreeMap::new(),
            node_security_group: None,
            vpc_id: None,
            control_plane_subnet_ids: Vec::new(),
            node_subnet_ids: Vec::new(),
            public_subnet_ids: Vec::new(),
            tag_subnets: true,
        }
    }
}

impl Network {
    /// Number of AZs a created VPC spans.
    pub fn zone_count(&self) -> usize {
        if self.availability_zones.is_empty() {
            usize::from(self.az_count)
        } else {
            self.availability_zones.len()
        }
    }

    /// Whether the cluster will have public subnets for internet-facing LBs.
    pub fn has_public_subnets(&self) -> bool {
        match self.mode {
            NetworkMode::Create => self.public_subnets,
            NetworkMode::Existing => !self.public_subnet_ids.is_empty(),
        }
    }
}

/// Create or reuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NetworkMode {
    /// Create a VPC with public and private subnets.
    Create,
    /// Use an existing VPC and subnets.
    Existing,
}

/// NAT gateway layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NatMode {
    /// One NAT gateway shared by all AZs.
    Single,
    /// One NAT gateway in each AZ.
    PerAz,
    /// No NAT: private-only.
    None,
}

/// A security group the bundle creates for nodes of custom NodeClasses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct NodeSecurityGroup {
    /// Its name and `Name` tag, which a NodeClass's
    /// `security_group_selector_terms` can select.
    pub name: String,
}

impl Default for NodeSecurityGroup {
    fn default() -> Self {
        Self {
            name: "eks-nodes".to_owned(),
        }
    }
}
