//! `vpc.tf`: the VPC, subnets, routing, NAT, endpoints and flow logs.

use super::super::hcl::{Block, Expr, File};
use super::{Tf, header, tags, variable};
use crate::design::{
    Attr, CreatedVpc, Destination, EndpointKind, ExistingVpc, Kind, LogGroup, NetworkSpec, Ref,
    Zone,
};

/// `vpc.tf`.
pub fn file(tf: &Tf) -> File {
    match &tf.design.network {
        NetworkSpec::Create(vpc) => created(tf, vpc),
        NetworkSpec::Existing(vpc) => existing(tf, vpc),
    }
}

fn zone(z: &Zone) -> Expr {
    match z {
        Zone::Named(n) => Expr::str(n.clone()),
        Zone::Available(i) => {
            Expr::raw(format!("data.aws_availability_zones.available.names[{i}]"))
        }
    }
}

fn created(tf: &Tf, vpc: &CreatedVpc) -> File {
    let mut f =
        header("The VPC: private subnets for nodes, public subnets for load balancers and NAT.");
    let vpc_id = tf.reference_expr(Kind::Vpc, &vpc.key, Attr::Id);
    f.push(
        Block::new("resource", &["aws_vpc", &tf.label(Kind::Vpc, &vpc.key)])
            .attr("cidr_block", Expr::str(vpc.cidr.clone()))
            .attr_opt(
                "assign_generated_ipv6_cidr_block",
                vpc.ipv6.then(|| Expr::bool(true)),
            )
            .attr("enable_dns_support", Expr::bool(vpc.enable_dns_support))
            .attr("enable_dns_hostnames", Expr::bool(vpc.enable_dns_hostnames))
            .attr("tags", tags(&vpc.tags)),
    );
    if let Some(sg) = &vpc.default_security_group {
        f.comment("No rules: nothing may use the VPC's default security group.");
        f.push(
            Block::new(
                "resource",
                &[
                    "aws_default_security_group",
                    &tf.label(Kind::SecurityGroup, &sg.key),
                ],
            )
            .attr("vpc_id", vpc_id.clone())
            .attr("tags", tags(&sg.tags)),
        );
    }
    if let Some(g) = &vpc.internet_gateway {
        f.push(
            Block::new(
                "resource",
                &[
                    "aws_internet_gateway",
                    &tf.label(Kind::InternetGateway, &g.key),
                ],
            )
            .attr("vpc_id", vpc_id.clone())
            .attr("tags", tags(&g.tags)),
        );
    }
    if let Some(g) = &vpc.egress_only_gateway {
        f.push(
            Block::new(
                "resource",
                &[
                    "aws_egress_only_internet_gateway",
                    &tf.label(Kind::EgressOnlyGateway, &g.key),
                ],
            )
            .attr("vpc_id", vpc_id.clone())
            .attr("tags", tags(&g.tags)),
        );
    }
    for s in vpc.subnets() {
        let mut b = Block::new("resource", &["aws_subnet", &tf.label(Kind::Subnet, &s.key)])
            .attr("vpc_id", vpc_id.clone())
            .attr(
                "availability_zone",
                zone(&vpc.zones[s.zone.min(vpc.zones.len().saturating_sub(1))]),
            )
            .attr("cidr_block", Expr::str(s.cidr.clone()));
        if let Some(n) = s.ipv6_netnum {
            b = b
                .attr(
                    "ipv6_cidr_block",
                    Expr::raw(format!(
                        "cidrsubnet({}.ipv6_cidr_block, 8, {n})",
                        tf.address(&Ref::new(Kind::Vpc, &vpc.key))
                    )),
                )
                .attr("assign_ipv6_address_on_creation", Expr::bool(true));
        }
        b = b
            .attr(
                "map_public_ip_on_launch",
                Expr::bool(s.map_public_ip_on_launch),
            )
            .attr("tags", tags(&s.tags));
        f.push(b);
    }
    for nat in &vpc.nat_gateways {
        let after = || Expr::List(nat.after.iter().map(|r| Expr::raw(tf.address(r))).collect());
        f.push(
            Block::new(
                "resource",
                &["aws_eip", &tf.label(Kind::ElasticIp, &nat.eip.key)],
            )
            .attr("domain", Expr::str("vpc"))
            .attr("tags", tags(&nat.eip.tags))
            .blank()
            .attr("depends_on", after()),
        );
        f.push(
            Block::new(
                "resource",
                &["aws_nat_gateway", &tf.label(Kind::NatGateway, &nat.key)],
            )
            .attr(
                "allocation_id",
                tf.reference_expr(Kind::ElasticIp, &nat.eip.key, Attr::Id),
            )
            .attr(
                "subnet_id",
                tf.reference_expr(Kind::Subnet, &nat.subnet, Attr::Id),
            )
            .attr("tags", tags(&nat.tags))
            .blank()
            .attr("depends_on", after()),
        );
    }
    for t in &vpc.route_tables {
        let table = tf.reference_expr(Kind::RouteTable, &t.key, Attr::Id);
        f.push(
            Block::new(
                "resource",
                &["aws_route_table", &tf.label(Kind::RouteTable, &t.key)],
            )
            .attr("vpc_id", vpc_id.clone())
            .attr("tags", tags(&t.tags)),
        );
        for r in &t.routes {
            let (dest, cidr) = match &r.destination {
                Destination::Ipv4(c) => ("destination_cidr_block", c),
                Destination::Ipv6(c) => ("destination_ipv6_cidr_block", c),
            };
            let target = match r.target.kind {
                Kind::NatGateway => "nat_gateway_id",
                Kind::EgressOnlyGateway => "egress_only_gateway_id",
                _ => "gateway_id",
            };
            f.push(
                Block::new("resource", &["aws_route", &tf.label(Kind::Route, &r.key)])
                    .attr("route_table_id", table.clone())
                    .attr(dest, Expr::str(cidr.clone()))
                    .attr(target, Expr::raw(tf.reference(&r.target, Attr::Id))),
            );
        }
        for s in &t.subnets {
            f.push(
                Block::new(
                    "resource",
                    &["aws_route_table_association", &tf.label(Kind::Subnet, s)],
                )
                .attr("subnet_id", tf.reference_expr(Kind::Subnet, s, Attr::Id))
                .attr("route_table_id", table.clone()),
            );
        }
    }
    endpoints(tf, vpc, &mut f);
    flow_logs(tf, vpc, &mut f);
    f
}

fn endpoints(tf: &Tf, vpc: &CreatedVpc, f: &mut File) {
    if let Some(sg) = &vpc.endpoint_security_group {
        f.comment("Interface endpoints accept HTTPS from inside the VPC only.");
        f.push(
            Block::new(
                "resource",
                &[
                    "aws_security_group",
                    &tf.label(Kind::SecurityGroup, &sg.key),
                ],
            )
            .attr("name", Expr::str(sg.name.clone()))
            .attr("description", Expr::str(sg.description.clone()))
            .attr("vpc_id", tf.reference_expr(Kind::Vpc, &vpc.key, Attr::Id))
            .attr("tags", tags(&sg.tags)),
        );
        for rule in &sg.ingress {
            f.push(
                Block::new(
                    "resource",
                    &[
                        "aws_vpc_security_group_ingress_rule",
                        &tf.label(Kind::SecurityGroupRule, &rule.key),
                    ],
                )
                .attr(
                    "security_group_id",
                    tf.reference_expr(Kind::SecurityGroup, &sg.key, Attr::Id),
                )
                .attr("description", Expr::str(rule.description.clone()))
                .attr("cidr_ipv4", tf.value(&rule.cidr_ipv4))
                .attr("ip_protocol", Expr::str(rule.protocol.clone()))
                .attr("from_port", Expr::num(rule.from_port))
                .attr("to_port", Expr::num(rule.to_port)),
            );
        }
    }
    for e in &vpc.endpoints {
        let mut b = Block::new(
            "resource",
            &["aws_vpc_endpoint", &tf.label(Kind::VpcEndpoint, &e.key)],
        )
        .attr("vpc_id", tf.reference_expr(Kind::Vpc, &vpc.key, Attr::Id))
        .attr("service_name", tf.value(&e.service_name));
        b = match &e.kind {
            EndpointKind::Gateway { route_tables } => b
                .attr("vpc_endpoint_type", Expr::str("Gateway"))
                .attr("route_table_ids", tf.ids(Kind::RouteTable, route_tables)),
            EndpointKind::Interface {
                subnets,
                security_groups,
                private_dns,
            } => b
                .attr("vpc_endpoint_type", Expr::str("Interface"))
                .attr("private_dns_enabled", Expr::bool(*private_dns))
                .attr("subnet_ids", tf.ids(Kind::Subnet, subnets))
                .attr(
                    "security_group_ids",
                    tf.ids(Kind::SecurityGroup, security_groups),
                ),
        };
        f.push(b.attr("tags", tags(&e.tags)));
    }
}

pub(super) fn log_group(tf: &Tf, g: &LogGroup) -> Block {
    Block::new(
        "resource",
        &[
            "aws_cloudwatch_log_group",
            &tf.label(Kind::LogGroup, &g.key),
        ],
    )
    .attr("name", tf.value(&g.name))
    .attr("retention_in_days", Expr::num(g.retention_in_days))
    .attr_opt("kms_key_id", g.kms_key_arn.as_ref().map(|v| tf.value(v)))
}

fn flow_logs(tf: &Tf, vpc: &CreatedVpc, f: &mut File) {
    let Some(fl) = &vpc.flow_logs else { return };
    if let Some(g) = tf.design.log_group(&fl.log_group) {
        f.push(log_group(tf, g));
    }
    f.push(
        Block::new(
            "resource",
            &["aws_flow_log", &tf.label(Kind::FlowLog, &fl.key)],
        )
        .attr("vpc_id", tf.reference_expr(Kind::Vpc, &vpc.key, Attr::Id))
        .attr("traffic_type", Expr::str(fl.traffic_type))
        .attr("log_destination_type", Expr::str("cloud-watch-logs"))
        .attr(
            "log_destination",
            tf.reference_expr(Kind::LogGroup, &fl.log_group, Attr::Arn),
        )
        .attr(
            "iam_role_arn",
            tf.reference_expr(Kind::Role, &fl.role, Attr::Arn),
        )
        .attr(
            "max_aggregation_interval",
            Expr::num(fl.max_aggregation_interval),
        )
        .attr("tags", tags(&fl.tags)),
    );
}

fn existing(tf: &Tf, vpc: &ExistingVpc) -> File {
    let mut f = header("The existing VPC and the load-balancer discovery tags on its subnets.");
    f.push(
        Block::new("data", &["aws_vpc", &tf.label(Kind::Vpc, &vpc.key)])
            .attr("id", Expr::raw(variable(crate::design::InputId::VpcId))),
    );
    for t in &vpc.subnet_tags {
        f.push(
            Block::new(
                "resource",
                &["aws_ec2_tag", &tf.label(Kind::SubnetTag, &t.key)],
            )
            .attr(
                "for_each",
                Expr::raw(format!("toset({})", variable(t.subnets.input()))),
            )
            .blank()
            .attr("resource_id", Expr::raw("each.value"))
            .attr("key", Expr::str(t.tag.clone()))
            .attr("value", Expr::str(t.value.clone())),
        );
    }
    f
}
