//! Network resolution: subnet layout, NAT, endpoints, flow logs.

use ipnet::Ipv4Net;
use std::collections::BTreeMap;

use super::note;
use crate::design::{
    CreatedVpc, ExistingSubnets, ExistingVpc, FlowLogs, NatGateway, NetworkSpec, Note, Subnet,
    SubnetTag, VpcEndpoint, Zone,
};
use crate::plan::{IpFamily, NatMode, NetworkMode, Plan};

/// Letters for zone-indexed names.
pub(crate) const ZONE_LETTERS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];

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
        NetworkMode::Create => NetworkSpec::Create(create(plan, notes)),
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
    let subnet_tags = |tier: &str, letter: &str, role: &str| {
        let mut tags = BTreeMap::new();
        tags.insert("Name".to_owned(), format!("{cluster}-{tier}-{letter}"));
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
            key: format!("private_{}", ZONE_LETTERS[i]),
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
                key: format!("public_{}", ZONE_LETTERS[i]),
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
    let privates: Vec<String> = private_subnets.iter().map(|s| s.key.clone()).collect();
    let nat_gateways = match (net.nat, public_subnets.is_empty()) {
        (_, true) | (NatMode::None, _) => Vec::new(),
        (NatMode::Single, false) => vec![NatGateway {
            key: "a".to_owned(),
            subnet_key: public_subnets[0].key.clone(),
            serves: privates.clone(),
        }],
        (NatMode::PerAz, false) => public_subnets
            .iter()
            .zip(&privates)
            .map(|(p, q)| NatGateway {
                key: ZONE_LETTERS[p.zone].to_owned(),
                subnet_key: p.key.clone(),
                serves: vec![q.clone()],
            })
            .collect(),
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
    let endpoints = if net.vpc_endpoints {
        note(
            notes,
            "Network",
            "VPC endpoints for S3 (gateway) and ECR, STS, EKS Auth, EC2, Elastic Load Balancing and CloudWatch Logs (interface) let nodes pull images and get credentials without the internet.",
        );
        std::iter::once(VpcEndpoint {
            key: "s3".to_owned(),
            service: "s3".to_owned(),
            gateway: true,
        })
        .chain(INTERFACE_ENDPOINTS.iter().map(|s| VpcEndpoint {
            key: super::ident(s),
            service: (*s).to_owned(),
            gateway: false,
        }))
        .collect()
    } else {
        Vec::new()
    };
    let flow_logs = net.flow_logs.then(|| FlowLogs {
        log_group_key: "flow_logs".to_owned(),
        role_key: "flow_logs".to_owned(),
    });
    CreatedVpc {
        cidr: vpc.to_string(),
        ipv6,
        zones,
        public_subnets,
        private_subnets,
        nat_gateways,
        endpoints,
        flow_logs,
        restrict_default_security_group: true,
    }
}

fn existing(plan: &Plan, notes: &mut Vec<Note>) -> ExistingVpc {
    let net = &plan.network;
    let mut subnet_tags = Vec::new();
    if net.tag_subnets {
        if !net.node_subnet_ids.is_empty() {
            subnet_tags.push(SubnetTag {
                key: "node_internal_elb".to_owned(),
                subnets: ExistingSubnets::Node,
                tag: "kubernetes.io/role/internal-elb".to_owned(),
                value: "1".to_owned(),
            });
        }
        if !net.public_subnet_ids.is_empty() {
            subnet_tags.push(SubnetTag {
                key: "public_elb".to_owned(),
                subnets: ExistingSubnets::Public,
                tag: "kubernetes.io/role/elb".to_owned(),
                value: "1".to_owned(),
            });
        }
        note(
            notes,
            "Network",
            "The bundle tags your node subnets `kubernetes.io/role/internal-elb=1` and public subnets `kubernetes.io/role/elb=1` so Auto Mode can place load balancers (aws_ec2_tag resources; removing them removes only the tags).",
        );
    }
    note(
        notes,
        "Network",
        "The control plane uses `control_plane_subnet_ids`; custom NodeClasses place nodes in `node_subnet_ids`, keeping pod IP consumption away from the control plane's subnets.",
    );
    ExistingVpc {
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
