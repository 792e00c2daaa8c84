//! The VPC: subnets, gateways, routing, NAT, endpoints and flow logs.
//!
//! An existing VPC is a parameter; tags on its subnets are added by
//! `scripts/post-deploy.sh` (a stack cannot tag what it does not own).

use super::template::{Node, Resource};
use super::{Cfn, derived};
use crate::design::{Attr, CreatedVpc, Destination, EndpointKind, Kind, NetworkSpec, Ref, Zone};

/// The network resources.
pub fn vpc(cfn: &Cfn, out: &mut Vec<Resource>) {
    if let NetworkSpec::Create(vpc) = &cfn.design.network {
        created(cfn, vpc, out);
    }
}

fn zone(z: &Zone) -> Node {
    match z {
        Zone::Named(n) => Node::str(n),
        Zone::Available(i) => Node::Select(u32::try_from(*i).unwrap_or(0), Box::new(Node::GetAzs)),
    }
}

fn created(cfn: &Cfn, vpc: &CreatedVpc, out: &mut Vec<Resource>) {
    let vpc_id = cfn.id(Kind::Vpc, &vpc.key);
    let vpc_ref = || Node::reference(&vpc_id);
    out.push(
        Resource::new(&vpc_id, "AWS::EC2::VPC")
            .comment(
                "The VPC: private subnets for nodes, public subnets for load balancers and NAT.",
            )
            .prop("CidrBlock", Node::str(&vpc.cidr))
            .prop("EnableDnsSupport", Node::Bool(vpc.enable_dns_support))
            .prop("EnableDnsHostnames", Node::Bool(vpc.enable_dns_hostnames))
            .tagged(&vpc.tags),
    );
    let ipv6_block = derived::ipv6_block(&vpc_id);
    if vpc.ipv6 {
        out.push(
            Resource::new(&ipv6_block, "AWS::EC2::VPCCidrBlock")
                .prop("VpcId", vpc_ref())
                .prop("AmazonProvidedIpv6CidrBlock", Node::Bool(true)),
        );
    }
    let mut attachment = None;
    if let Some(g) = &vpc.internet_gateway {
        let id = cfn.id(Kind::InternetGateway, &g.key);
        out.push(Resource::new(&id, "AWS::EC2::InternetGateway").tagged(&g.tags));
        let att = derived::attachment(&id);
        out.push(
            Resource::new(&att, "AWS::EC2::VPCGatewayAttachment")
                .prop("VpcId", vpc_ref())
                .prop("InternetGatewayId", Node::reference(&id)),
        );
        attachment = Some(att);
    }
    // What a design dependency on the internet gateway means here: the
    // gateway attached to the VPC.
    let after = |r: Resource, deps: &[Ref]| {
        deps.iter().fold(r, |r, d| match (&attachment, d.kind) {
            (Some(att), Kind::InternetGateway) => r.after(att),
            _ => r.after(&cfn.id_of(d)),
        })
    };
    if let Some(g) = &vpc.egress_only_gateway {
        out.push(
            Resource::new(
                cfn.id(Kind::EgressOnlyGateway, &g.key),
                "AWS::EC2::EgressOnlyInternetGateway",
            )
            .prop("VpcId", vpc_ref())
            .tagged(&g.tags),
        );
    }
    for s in vpc.subnets() {
        let z = &vpc.zones[s.zone.min(vpc.zones.len().saturating_sub(1))];
        let mut r = Resource::new(cfn.id(Kind::Subnet, &s.key), "AWS::EC2::Subnet")
            .prop("VpcId", vpc_ref())
            .prop("AvailabilityZone", zone(z))
            .prop("CidrBlock", Node::str(&s.cidr));
        if let Some(n) = s.ipv6_netnum {
            // The n-th /64 of the VPC's /56.
            r = r
                .prop(
                    "Ipv6CidrBlock",
                    Node::Select(
                        n,
                        Box::new(Node::Cidr(
                            Box::new(Node::Select(
                                0,
                                Box::new(Node::GetAtt(vpc_id.clone(), "Ipv6CidrBlocks")),
                            )),
                            256,
                            64,
                        )),
                    ),
                )
                .prop("AssignIpv6AddressOnCreation", Node::Bool(true))
                .after(&ipv6_block);
        }
        out.push(
            r.prop("MapPublicIpOnLaunch", Node::Bool(s.map_public_ip_on_launch))
                .tagged(&s.tags),
        );
    }
    for nat in &vpc.nat_gateways {
        let eip = cfn.id(Kind::ElasticIp, &nat.eip.key);
        out.push(after(
            Resource::new(&eip, "AWS::EC2::EIP")
                .prop("Domain", Node::str("vpc"))
                .tagged(&nat.eip.tags),
            &nat.after,
        ));
        out.push(after(
            Resource::new(cfn.id(Kind::NatGateway, &nat.key), "AWS::EC2::NatGateway")
                .prop("AllocationId", Node::GetAtt(eip, "AllocationId"))
                .prop(
                    "SubnetId",
                    Node::reference(&cfn.id(Kind::Subnet, &nat.subnet)),
                )
                .tagged(&nat.tags),
            &nat.after,
        ));
    }
    for t in &vpc.route_tables {
        let table = cfn.id(Kind::RouteTable, &t.key);
        out.push(
            Resource::new(&table, "AWS::EC2::RouteTable")
                .prop("VpcId", vpc_ref())
                .tagged(&t.tags),
        );
        for route in &t.routes {
            let (dest, cidr) = match &route.destination {
                Destination::Ipv4(c) => ("DestinationCidrBlock", c),
                Destination::Ipv6(c) => ("DestinationIpv6CidrBlock", c),
            };
            let target = match route.target.kind {
                Kind::NatGateway => "NatGatewayId",
                Kind::EgressOnlyGateway => "EgressOnlyInternetGatewayId",
                _ => "GatewayId",
            };
            let r = Resource::new(cfn.id(Kind::Route, &route.key), "AWS::EC2::Route")
                .prop("RouteTableId", Node::reference(&table))
                .prop(dest, Node::str(cidr))
                .prop(target, Node::reference(&cfn.id_of(&route.target)));
            // A route to the internet gateway needs it attached first.
            out.push(after(r, std::slice::from_ref(&route.target)));
        }
        for s in &t.subnets {
            let subnet = cfn.id(Kind::Subnet, s);
            out.push(
                Resource::new(
                    derived::association(&subnet),
                    "AWS::EC2::SubnetRouteTableAssociation",
                )
                .prop("SubnetId", Node::reference(&subnet))
                .prop("RouteTableId", Node::reference(&table)),
            );
        }
    }
    endpoints(cfn, vpc, out);
    flow_logs(cfn, vpc, out);
}

fn endpoints(cfn: &Cfn, vpc: &CreatedVpc, out: &mut Vec<Resource>) {
    let vpc_id = cfn.id(Kind::Vpc, &vpc.key);
    if let Some(sg) = &vpc.endpoint_security_group {
        let id = cfn.id(Kind::SecurityGroup, &sg.key);
        out.push(
            Resource::new(&id, "AWS::EC2::SecurityGroup")
                .comment(
                    "Interface endpoints accept HTTPS from inside the VPC only, and send nothing.",
                )
                .prop("GroupName", Node::str(&sg.name))
                .prop("GroupDescription", Node::str(&sg.description))
                .prop("VpcId", Node::reference(&vpc_id))
                .prop("SecurityGroupEgress", Node::List(vec![no_egress()]))
                .tagged(&sg.tags),
        );
        for rule in &sg.ingress {
            out.push(
                Resource::new(
                    cfn.id(Kind::SecurityGroupRule, &rule.key),
                    "AWS::EC2::SecurityGroupIngress",
                )
                .prop("GroupId", Node::reference(&id))
                .prop("Description", Node::str(&rule.description))
                .prop("CidrIp", cfn.value(&rule.cidr_ipv4))
                .prop("IpProtocol", Node::str(&rule.protocol))
                .prop("FromPort", Node::Int(i64::from(rule.from_port)))
                .prop("ToPort", Node::Int(i64::from(rule.to_port))),
            );
        }
    }
    for e in &vpc.endpoints {
        let mut r = Resource::new(cfn.id(Kind::VpcEndpoint, &e.key), "AWS::EC2::VPCEndpoint")
            .prop("VpcId", Node::reference(&vpc_id))
            .prop("ServiceName", cfn.value(&e.service_name));
        r = match &e.kind {
            EndpointKind::Gateway { route_tables } => r
                .prop("VpcEndpointType", Node::str("Gateway"))
                .prop("RouteTableIds", cfn.ids(Kind::RouteTable, route_tables)),
            EndpointKind::Interface {
                subnets,
                security_groups,
                private_dns,
            } => r
                .prop("VpcEndpointType", Node::str("Interface"))
                .prop("PrivateDnsEnabled", Node::Bool(*private_dns))
                .prop("SubnetIds", cfn.ids(Kind::Subnet, subnets))
                .prop(
                    "SecurityGroupIds",
                    cfn.ids(Kind::SecurityGroup, security_groups),
                ),
        };
        out.push(r.tagged(&e.tags));
    }
}

/// The rule CDK writes for a security group without outbound traffic:
/// CloudFormation adds allow-all egress to a group that lists none, as
/// Terraform's `aws_security_group` does not.
pub fn no_egress() -> Node {
    Node::Map(vec![
        ("CidrIp", Node::str("255.255.255.255/32")),
        ("Description", Node::str("Disallow all traffic")),
        ("FromPort", Node::Int(252)),
        ("IpProtocol", Node::str("icmp")),
        ("ToPort", Node::Int(86)),
    ])
}

fn flow_logs(cfn: &Cfn, vpc: &CreatedVpc, out: &mut Vec<Resource>) {
    let Some(fl) = &vpc.flow_logs else { return };
    let log_group = Ref::new(Kind::LogGroup, &fl.log_group);
    out.push(
        Resource::new(cfn.id(Kind::FlowLog, &fl.key), "AWS::EC2::FlowLog")
            .prop("ResourceId", Node::reference(&cfn.id(Kind::Vpc, &vpc.key)))
            .prop("ResourceType", Node::str("VPC"))
            .prop("TrafficType", Node::str(fl.traffic_type))
            .prop("LogDestinationType", Node::str("cloud-watch-logs"))
            .prop(
                "LogDestination",
                cfn.value(&crate::design::Value::of(&log_group, Attr::Arn)),
            )
            .prop(
                "DeliverLogsPermissionArn",
                Node::GetAtt(cfn.id(Kind::Role, &fl.role), "Arn"),
            )
            .prop(
                "MaxAggregationInterval",
                Node::Int(i64::from(fl.max_aggregation_interval)),
            )
            .tagged(&fl.tags),
    );
}
