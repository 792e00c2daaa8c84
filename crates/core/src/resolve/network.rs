//! Network resolution: subnet layout, NAT, endpoints, flow logs.

use ipnet::Ipv4Net;
use std::collections::BTreeMap;

use super::note;
use crate::design::{
    Attr, CreatedVpc, Destination, EndpointKind, ExistingSubnets, ExistingVpc, FlowLogs,
    IngressRule, InputId, Key, Kind, NatGateway, NatLayout, NetworkSpec, Note, Part, Ref,
    ResourceKind, Route, RouteTable, SecurityGroup, Span, Subnet, SubnetTag, Tagged, Tags, Text,
    Tier, Value, VpcEndpoint, Zone,
};
use crate::plan::{IpFamily, NatMode, NetworkMode, Plan};

/// Letters for zone-indexed names.
pub(crate) const ZONE_LETTERS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];

/// Key of the interface endpoints' security group.
const ENDPOINT_SG: &str = "vpc_endpoints";
/// Key of the flow-log log group and delivery role.
pub(crate) const FLOW_LOGS: &str = "flow_logs";

/// Interface endpoints a private-only Auto Mode cluster needs.
const INTERFACE_ENDPOINTS: &[&str] = &[
    "ecr.api",
    "ecr.dkr",
    "sts",
    "eks-auth",
    "ec2",
    "elasticloadbalancing",
    "logs",
];

pub(super) fn resolve(plan: &Plan, notes: &mut Vec<Note>) -> NetworkSpec {
    match plan.network.mode {
        NetworkMode::Create => NetworkSpec::Create(Box::new(create(plan, notes))),
        NetworkMode::Existing => NetworkSpec::Existing(existing(plan, notes)),
    }
}

fn create(plan: &Plan, notes: &mut Vec<Note>) -> CreatedVpc {
    let net = &plan.network;
    let cluster = &plan.cluster.name;
    let vpc: Ipv4Net = net
        .vpc_cidr
        .parse::<Ipv4Net>()
        .ok()
        .filter(|n| (16..=20).contains(&n.prefix_len()))
        .unwrap_or_else(|| {
            Ipv4Net::new(std::net::Ipv4Addr::new(10, 0, 0, 0), 16).unwrap_or_default()
        })
        .trunc();
    let zones: Vec<Zone> = if net.availability_zones.is_empty() {
        (0..usize::from(net.az_count).clamp(2, 3))
            .map(Zone::Available)
            .collect()
    } else {
        net.availability_zones
            .iter()
            .take(6)
            .cloned()
            .map(Zone::Named)
            .collect()
    };
    let ipv6 = plan.cluster.ip_family == IpFamily::Ipv6;
    let private_prefix = vpc.prefix_len() + 3;
    let public_prefix = vpc.prefix_len() + 6;
    let nth = |prefix: u8, index: usize| -> String {
        vpc.subnets(prefix)
            .ok()
            .and_then(|mut it| it.nth(index))
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    // Every resource is named `<cluster>-<what>` in the console.
    let named = |what: &str| -> Tags {
        let mut tags = BTreeMap::new();
        tags.insert("Name".to_owned(), format!("{cluster}-{what}"));
        tags
    };
    let subnet_tags = |tier: &str, letter: &str, role: &str| {
        let mut tags = named(&format!("{tier}-{letter}"));
        tags.insert(role.to_owned(), "1".to_owned());
        tags.insert(
            format!("kubernetes.io/cluster/{cluster}"),
            "shared".to_owned(),
        );
        tags
    };
    let private_subnets: Vec<Subnet> = zones
        .iter()
        .enumerate()
        .map(|(i, _)| Subnet {
            key: Key::new(&format!("private_{}", ZONE_LETTERS[i])),
            tier: Tier::Private,
            zone: i,
            cidr: nth(private_prefix, i),
            ipv6_netnum: ipv6.then_some(i as u32),
            map_public_ip_on_launch: false,
            tags: subnet_tags(
                "private",
                ZONE_LETTERS[i],
                "kubernetes.io/role/internal-elb",
            ),
        })
        .collect();
    // Public subnets are small: they hold only load balancers and NAT
    // gateways. They sit in the 7th eighth of the VPC.
    let public_subnets: Vec<Subnet> = if net.public_subnets {
        zones
            .iter()
            .enumerate()
            .map(|(i, _)| Subnet {
                key: Key::new(&format!("public_{}", ZONE_LETTERS[i])),
                tier: Tier::Public,
                zone: i,
                cidr: nth(public_prefix, 48 + i),
                ipv6_netnum: ipv6.then_some(16 + i as u32),
                map_public_ip_on_launch: false,
                tags: subnet_tags("public", ZONE_LETTERS[i], "kubernetes.io/role/elb"),
            })
            .collect()
    } else {
        Vec::new()
    };
    note(
        notes,
        "Network",
        format!(
            "The VPC {vpc} spans {} Availability Zones. Each private subnet is a /{private_prefix} ({} addresses) because Auto Mode gives every node /28 prefixes for pods; each public subnet is a /{public_prefix}, enough for load balancers and NAT gateways.",
            zones.len(),
            1u64 << (32 - u32::from(private_prefix)),
        ),
    );
    let public = !public_subnets.is_empty();
    let this = Key::new("this");
    let internet_gateway = public.then(|| Tagged {
        key: this.clone(),
        tags: named("igw"),
    });
    let igw = Ref::new(Kind::InternetGateway, &this);
    let egress_only_gateway = ipv6.then(|| Tagged {
        key: this.clone(),
        tags: named("eigw"),
    });
    let eigw = Ref::new(Kind::EgressOnlyGateway, &this);

    let privates: Vec<Key> = private_subnets.iter().map(|s| s.key.clone()).collect();
    let nat_gateway = |letter: &str, subnet: &Subnet, serves: Vec<Key>| {
        let key = Key::new(letter);
        NatGateway {
            eip: Tagged {
                key: Key::new("nat").join(&key),
                tags: named(&format!("nat-{letter}")),
            },
            tags: named(&format!("nat-{letter}")),
            key,
            subnet: subnet.key.clone(),
            serves,
            after: vec![igw.clone()],
        }
    };
    let (nat, nat_gateways) = match (net.nat, public) {
        (_, false) | (NatMode::None, _) => (NatLayout::None, Vec::new()),
        (NatMode::Single, true) => (
            NatLayout::Single,
            vec![nat_gateway("a", &public_subnets[0], privates.clone())],
        ),
        (NatMode::PerAz, true) => (
            NatLayout::PerZone,
            public_subnets
                .iter()
                .zip(&privates)
                .map(|(p, q)| nat_gateway(ZONE_LETTERS[p.zone], p, vec![q.clone()]))
                .collect(),
        ),
    };
    match net.nat {
        NatMode::Single => note(
            notes,
            "Network",
            "One NAT gateway serves all private subnets: cheapest, but its AZ is a single point of failure for egress.",
        ),
        NatMode::PerAz => note(
            notes,
            "Network",
            "Each AZ has its own NAT gateway, so losing one AZ does not cut egress for the others.",
        ),
        NatMode::None => note(
            notes,
            "Network",
            "There is no NAT gateway: nodes have no internet egress and reach AWS services through VPC endpoints.",
        ),
    }

    // Routing: the public subnets share one table with a default route to
    // the internet gateway; each private subnet has its own table, with a
    // default route through its NAT gateway and IPv6 egress through the
    // egress-only gateway.
    let mut route_tables = Vec::new();
    if public {
        let mut routes = vec![Route {
            key: Key::new("public_internet"),
            destination: Destination::Ipv4("0.0.0.0/0".into()),
            target: igw.clone(),
        }];
        if ipv6 {
            routes.push(Route {
                key: Key::new("public_internet_ipv6"),
                destination: Destination::Ipv6("::/0".into()),
                target: igw.clone(),
            });
        }
        route_tables.push(RouteTable {
            key: Key::new("public"),
            tags: named("public"),
            routes,
            subnets: public_subnets.iter().map(|s| s.key.clone()).collect(),
        });
    }
    for s in &private_subnets {
        let mut routes = Vec::new();
        if let Some(n) = nat_gateways.iter().find(|n| n.serves.contains(&s.key)) {
            routes.push(Route {
                key: s.key.with("nat"),
                destination: Destination::Ipv4("0.0.0.0/0".into()),
                target: Ref::new(Kind::NatGateway, &n.key),
            });
        }
        if ipv6 {
            routes.push(Route {
                key: s.key.with("ipv6"),
                destination: Destination::Ipv6("::/0".into()),
                target: eigw.clone(),
            });
        }
        route_tables.push(RouteTable {
            key: s.key.clone(),
            tags: named(&s.key.kebab()),
            routes,
            subnets: vec![s.key.clone()],
        });
    }

    let endpoints: Vec<VpcEndpoint> = if net.vpc_endpoints {
        note(
            notes,
            "Network",
            "VPC endpoints for S3 (gateway) and ECR, STS, EKS Auth, EC2, Elastic Load Balancing and CloudWatch Logs (interface) let nodes pull images and get credentials without the internet.",
        );
        let private_tables: Vec<Key> = private_subnets.iter().map(|s| s.key.clone()).collect();
        let endpoint = |service: &str, kind: EndpointKind| VpcEndpoint {
            key: Key::from_text(service),
            service: service.to_owned(),
            service_name: Value(vec![
                Part::Text("com.amazonaws.".into()),
                Part::Region,
                Part::Text(format!(".{service}")),
            ]),
            kind,
            tags: named(&service.replace('.', "-")),
        };
        std::iter::once(endpoint(
            "s3",
            EndpointKind::Gateway {
                route_tables: private_tables,
            },
        ))
        .chain(INTERFACE_ENDPOINTS.iter().map(|s| {
            endpoint(
                s,
                EndpointKind::Interface {
                    subnets: privates.clone(),
                    security_groups: vec![Key::new(ENDPOINT_SG)],
                    private_dns: true,
                },
            )
        }))
        .collect()
    } else {
        Vec::new()
    };
    let endpoint_security_group =
        endpoints
            .iter()
            .any(|e| !e.is_gateway())
            .then(|| SecurityGroup {
                key: Key::new(ENDPOINT_SG),
                name: format!("{cluster}-vpc-endpoints"),
                description: "HTTPS from the VPC to interface endpoints".to_owned(),
                tags: named("vpc-endpoints"),
                ingress: vec![IngressRule {
                    key: Key::new("vpc_endpoints_https"),
                    description: "HTTPS from the VPC".to_owned(),
                    cidr_ipv4: Value::reference(Kind::Vpc, &this, Attr::CidrBlock),
                    protocol: "tcp".to_owned(),
                    from_port: 443,
                    to_port: 443,
                }],
            });
    let flow_logs = net.flow_logs.then(|| FlowLogs {
        key: this.clone(),
        log_group: Key::new(FLOW_LOGS),
        role: Key::new(FLOW_LOGS),
        traffic_type: "ALL",
        max_aggregation_interval: 60,
        tags: named("flow-logs"),
    });
    CreatedVpc {
        key: this,
        cidr: vpc.to_string(),
        ipv6,
        enable_dns_support: true,
        enable_dns_hostnames: true,
        tags: named("vpc"),
        zones,
        default_security_group: Some(Tagged {
            key: Key::new("this"),
            tags: named("default-deny"),
        }),
        internet_gateway,
        egress_only_gateway,
        public_subnets,
        private_subnets,
        nat,
        nat_gateways,
        route_tables,
        endpoint_security_group,
        endpoints,
        flow_logs,
    }
}

fn existing(plan: &Plan, notes: &mut Vec<Note>) -> ExistingVpc {
    let net = &plan.network;
    let mut subnet_tags = Vec::new();
    if net.tag_subnets {
        if !net.node_subnet_ids.is_empty() {
            subnet_tags.push(SubnetTag {
                key: Key::new("node_internal_elb"),
                subnets: ExistingSubnets::Node,
                tag: "kubernetes.io/role/internal-elb".to_owned(),
                value: "1".to_owned(),
            });
        }
        if !net.public_subnet_ids.is_empty() {
            subnet_tags.push(SubnetTag {
                key: Key::new("public_elb"),
                subnets: ExistingSubnets::Public,
                tag: "kubernetes.io/role/elb".to_owned(),
                value: "1".to_owned(),
            });
        }
        note(
            notes,
            "Network",
            Text::lit("The bundle tags your node subnets `kubernetes.io/role/internal-elb=1` and public subnets `kubernetes.io/role/elb=1` so Auto Mode can place load balancers (")
                .word(Span::Resource(ResourceKind::TagOnExistingResource))
                .then(" resources; removing them removes only the tags)."),
        );
    }
    note(
        notes,
        "Network",
        Text::lit("The control plane uses `")
            .word(Span::Input(InputId::ControlPlaneSubnetIds))
            .then("`; custom NodeClasses place nodes in `")
            .word(Span::Input(InputId::NodeSubnetIds))
            .then("`, keeping pod IP consumption away from the control plane's subnets."),
    );
    ExistingVpc {
        key: Key::new("this"),
        vpc_id: net.vpc_id.clone().unwrap_or_default(),
        control_plane_subnet_ids: net.control_plane_subnet_ids.clone(),
        node_subnet_ids: net.node_subnet_ids.clone(),
        public_subnet_ids: net.public_subnet_ids.clone(),
        subnet_tags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_of_a_16() {
        let plan = Plan::default();
        let mut notes = Vec::new();
        let vpc = create(&plan, &mut notes);
        let cidrs: Vec<&str> = vpc
            .private_subnets
            .iter()
            .map(|s| s.cidr.as_str())
            .collect();
        assert_eq!(cidrs, ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"]);
        let cidrs: Vec<&str> = vpc.public_subnets.iter().map(|s| s.cidr.as_str()).collect();
        assert_eq!(cidrs, ["10.0.192.0/22", "10.0.196.0/22", "10.0.200.0/22"]);
        assert_eq!(vpc.nat_gateways.len(), 1);
        assert_eq!(vpc.nat_gateways[0].serves.len(), 3);
    }

    #[test]
    fn layout_of_a_20_per_az_nat() {
        let mut plan = Plan::default();
        plan.network.vpc_cidr = "192.168.16.0/20".into();
        plan.network.az_count = 2;
        plan.network.nat = NatMode::PerAz;
        let vpc = create(&plan, &mut Vec::new());
        let cidrs: Vec<&str> = vpc
            .private_subnets
            .iter()
            .map(|s| s.cidr.as_str())
            .collect();
        assert_eq!(cidrs, ["192.168.16.0/23", "192.168.18.0/23"]);
        let cidrs: Vec<&str> = vpc.public_subnets.iter().map(|s| s.cidr.as_str()).collect();
        assert_eq!(cidrs, ["192.168.28.0/26", "192.168.28.64/26"]);
        assert_eq!(vpc.nat_gateways.len(), 2);
    }
}
