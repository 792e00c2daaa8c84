//! The network of a design: a VPC the bundle creates (every subnet, route,
//! gateway, endpoint and their tags decided) or an existing one.

use serde::Serialize;
use std::collections::BTreeMap;

use super::id::{Key, Ref};
use super::input::InputId;
use super::value::Value;

/// The VPC.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkSpec {
    /// A VPC the bundle creates.
    Create(Box<CreatedVpc>),
    /// An existing VPC.
    Existing(ExistingVpc),
}

/// Tags of one resource.
pub type Tags = BTreeMap<String, String>;

/// A created VPC.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreatedVpc {
    /// Key of the VPC.
    pub key: Key,
    /// IPv4 CIDR.
    pub cidr: String,
    /// Request an Amazon-provided IPv6 /56.
    pub ipv6: bool,
    /// DNS resolution in the VPC (Auto Mode and endpoints need it).
    pub enable_dns_support: bool,
    /// DNS host names for instances (private endpoint DNS needs it).
    pub enable_dns_hostnames: bool,
    /// Tags of the VPC.
    pub tags: Tags,
    /// Availability zones, in order.
    pub zones: Vec<Zone>,
    /// The VPC's default security group, taken over with no rules so
    /// nothing can use it; `None` leaves it as AWS creates it.
    pub default_security_group: Option<Tagged>,
    /// The internet gateway (with public subnets).
    pub internet_gateway: Option<Tagged>,
    /// The egress-only internet gateway (IPv6).
    pub egress_only_gateway: Option<Tagged>,
    /// Public subnets (one per zone) or none.
    pub public_subnets: Vec<Subnet>,
    /// Private subnets (one per zone).
    pub private_subnets: Vec<Subnet>,
    /// How NAT is laid out (the intent, for tools that build the VPC
    /// themselves).
    pub nat: NatLayout,
    /// NAT gateways.
    pub nat_gateways: Vec<NatGateway>,
    /// Route tables, public first, then one per private subnet.
    pub route_tables: Vec<RouteTable>,
    /// The security group of the interface endpoints.
    pub endpoint_security_group: Option<SecurityGroup>,
    /// Interface and gateway endpoints.
    pub endpoints: Vec<VpcEndpoint>,
    /// Flow logs, when on.
    pub flow_logs: Option<FlowLogs>,
}

impl CreatedVpc {
    /// Every subnet, public first.
    pub fn subnets(&self) -> impl Iterator<Item = &Subnet> {
        self.public_subnets.iter().chain(&self.private_subnets)
    }
}

/// A resource the design only names and tags (gateways, the default
/// security group).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tagged {
    /// Key.
    pub key: Key,
    /// Tags.
    pub tags: Tags,
}

/// How an AZ is chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// A named AZ.
    Named(String),
    /// The n-th available AZ in the region (looked up at deploy time).
    Available(usize),
}

/// Whether a subnet is public (load balancers, NAT) or private (nodes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Internet-facing load balancers and NAT gateways.
    Public,
    /// Nodes, pods, internal load balancers and the control plane's ENIs.
    Private,
}

/// A subnet of a created VPC.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Subnet {
    /// Key, for example `private_a`.
    pub key: Key,
    /// Public or private.
    pub tier: Tier,
    /// Index into [`CreatedVpc::zones`].
    pub zone: usize,
    /// IPv4 CIDR.
    pub cidr: String,
    /// IPv6 /64 index within the VPC's /56, when dual-stack.
    pub ipv6_netnum: Option<u32>,
    /// Whether instances get public IPs (never: public subnets hold only LBs and NAT).
    pub map_public_ip_on_launch: bool,
    /// Tags (Name, load-balancer role, cluster).
    pub tags: Tags,
}

/// NAT layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NatLayout {
    /// No NAT gateway.
    None,
    /// One NAT gateway for every zone.
    Single,
    /// One NAT gateway per zone.
    PerZone,
}

/// A NAT gateway and its Elastic IP.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NatGateway {
    /// Key, for example `a`.
    pub key: Key,
    /// The public subnet it lives in.
    pub subnet: Key,
    /// Its Elastic IP.
    pub eip: Tagged,
    /// Tags of the gateway.
    pub tags: Tags,
    /// Private subnets routed through it.
    pub serves: Vec<Key>,
    /// What must exist before the address and the gateway (the internet
    /// gateway: a NAT gateway without one has no route out).
    pub after: Vec<Ref>,
}

/// A route table, its routes and the subnets it serves.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RouteTable {
    /// Key: `public`, or the private subnet's key.
    pub key: Key,
    /// Tags.
    pub tags: Tags,
    /// Routes beyond the local one.
    pub routes: Vec<Route>,
    /// Subnets associated with the table.
    pub subnets: Vec<Key>,
}

/// A route.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Route {
    /// Key, for example `public_internet`.
    pub key: Key,
    /// Destination.
    pub destination: Destination,
    /// Where the traffic goes.
    pub target: Ref,
}

/// A route destination.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// An IPv4 CIDR.
    Ipv4(String),
    /// An IPv6 CIDR.
    Ipv6(String),
}

/// A security group the bundle creates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SecurityGroup {
    /// Key.
    pub key: Key,
    /// Group name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Tags.
    pub tags: Tags,
    /// Ingress rules (egress stays AWS's default: all).
    pub ingress: Vec<IngressRule>,
}

/// One ingress rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IngressRule {
    /// Key.
    pub key: Key,
    /// Description.
    pub description: String,
    /// Source IPv4 CIDR.
    pub cidr_ipv4: Value,
    /// IP protocol (`tcp`).
    pub protocol: String,
    /// First port.
    pub from_port: u16,
    /// Last port.
    pub to_port: u16,
}

/// A VPC endpoint.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VpcEndpoint {
    /// Key, for example `ecr_api`.
    pub key: Key,
    /// Service suffix, for example `ecr.api`.
    pub service: String,
    /// Full service name (`com.amazonaws.<region>.ecr.api`).
    pub service_name: Value,
    /// Gateway or interface, with what each needs.
    pub kind: EndpointKind,
    /// Tags.
    pub tags: Tags,
}

impl VpcEndpoint {
    /// Whether this is a gateway endpoint.
    pub fn is_gateway(&self) -> bool {
        matches!(self.kind, EndpointKind::Gateway { .. })
    }
}

/// Gateway or interface endpoint.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// A gateway endpoint (S3), added to route tables.
    Gateway {
        /// Route tables that get the endpoint's routes.
        route_tables: Vec<Key>,
    },
    /// An interface endpoint: network interfaces in subnets.
    Interface {
        /// Subnets for its network interfaces.
        subnets: Vec<Key>,
        /// Security groups of its network interfaces.
        security_groups: Vec<Key>,
        /// Private DNS for the service name.
        private_dns: bool,
    },
}

/// VPC flow logs to CloudWatch Logs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlowLogs {
    /// Key of the flow log.
    pub key: Key,
    /// Log group key.
    pub log_group: Key,
    /// Delivery role key.
    pub role: Key,
    /// `ALL`, `ACCEPT` or `REJECT`.
    pub traffic_type: &'static str,
    /// Seconds per aggregation (60 or 600).
    pub max_aggregation_interval: u32,
    /// Tags.
    pub tags: Tags,
}

/// An existing VPC.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExistingVpc {
    /// Key of the looked-up VPC.
    pub key: Key,
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
    /// Key, for example `node_internal_elb`.
    pub key: Key,
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

impl ExistingSubnets {
    /// The input that holds the list.
    pub fn input(self) -> InputId {
        match self {
            ExistingSubnets::ControlPlane => InputId::ControlPlaneSubnetIds,
            ExistingSubnets::Node => InputId::NodeSubnetIds,
            ExistingSubnets::Public => InputId::PublicSubnetIds,
        }
    }
}
