//! `vpc.tf`: the VPC, subnets, routing, NAT, endpoints and flow logs.

use std::collections::BTreeMap;

use super::super::hcl::{Block, Expr, File};
use super::{header, reference, value};
use crate::design::{
    Attr, CreatedVpc, Design, ExistingSubnets, ExistingVpc, Kind, LogGroup, NetworkSpec, Zone,
};

/// `vpc.tf`.
pub fn file(design: &Design) -> File {
    match &design.network {
        NetworkSpec::Create(vpc) => created(design, vpc),
        NetworkSpec::Existing(vpc) => existing(vpc),
    }
}

fn name_tag(design: &Design, suffix: &str) -> Expr {
    let mut tags = BTreeMap::new();
    tags.insert(
        "Name".to_owned(),
        format!("{}-{suffix}", design.cluster.name),
    );
    Expr::str_map(&tags)
}

fn zone(z: &Zone) -> Expr {
    match z {
        Zone::Named(n) => Expr::str(n.clone()),
        Zone::Available(i) => {
            Expr::raw(format!("data.aws_availability_zones.available.names[{i}]"))
        }
    }
}

fn created(design: &Design, vpc: &CreatedVpc) -> File {
    let mut f =
        header("The VPC: private subnets for nodes, public subnets for load balancers and NAT.");
    let vpc_id = Expr::raw("aws_vpc.this.id");
    f.push(
        Block::new("resource", &["aws_vpc", "this"])
            .attr("cidr_block", Expr::str(vpc.cidr.clone()))
            .attr_opt(
                "assign_generated_ipv6_cidr_block",
                vpc.ipv6.then(|| Expr::bool(true)),
            )
            .attr("enable_dns_support", Expr::bool(true))
            .attr("enable_dns_hostnames", Expr::bool(true))
            .attr("tags", name_tag(design, "vpc")),
    );
    if vpc.restrict_default_security_group {
        f.comment("No rules: nothing may use the VPC's default security group.");
        f.push(
            Block::new("resource", &["aws_default_security_group", "this"])
                .attr("vpc_id", vpc_id.clone())
                .attr("tags", name_tag(design, "default-deny")),
        );
    }
    let public = !vpc.public_subnets.is_empty();
    if public {
        f.push(
            Block::new("resource", &["aws_internet_gateway", "this"])
                .attr("vpc_id", vpc_id.clone())
                .attr("tags", name_tag(design, "igw")),
        );
    }
    if vpc.ipv6 {
        f.push(
            Block::new("resource", &["aws_egress_only_internet_gateway", "this"])
                .attr("vpc_id", vpc_id.clone())
                .attr("tags", name_tag(design, "eigw")),
        );
    }
    for s in vpc.public_subnets.iter().chain(&vpc.private_subnets) {
        let mut b = Block::new("resource", &["aws_subnet", &s.key])
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
                    Expr::raw(format!("cidrsubnet(aws_vpc.this.ipv6_cidr_block, 8, {n})")),
                )
                .attr("assign_ipv6_address_on_creation", Expr::bool(true));
        }
        b = b
            .attr(
                "map_public_ip_on_launch",
                Expr::bool(s.map_public_ip_on_launch),
            )
            .attr("tags", Expr::str_map(&s.tags));
        f.push(b);
    }
    for nat in &vpc.nat_gateways {
        let eip = format!("nat_{}", nat.key);
        f.push(
            Block::new("resource", &["aws_eip", &eip])
                .attr("domain", Expr::str("vpc"))
                .attr("tags", name_tag(design, &format!("nat-{}", nat.key)))
                .blank()
                .attr(
                    "depends_on",
                    Expr::List(vec![Expr::raw("aws_internet_gateway.this")]),
                ),
        );
        f.push(
            Block::new("resource", &["aws_nat_gateway", &nat.key])
                .attr("allocation_id", Expr::raw(format!("aws_eip.{eip}.id")))
                .attr(
                    "subnet_id",
                    Expr::raw(format!("aws_subnet.{}.id", nat.subnet_key)),
                )
                .attr("tags", name_tag(design, &format!("nat-{}", nat.key)))
                .blank()
                .attr(
                    "depends_on",
                    Expr::List(vec![Expr::raw("aws_internet_gateway.this")]),
                ),
        );
    }
    if public {
        f.push(
            Block::new("resource", &["aws_route_table", "public"])
                .attr("vpc_id", vpc_id.clone())
                .attr("tags", name_tag(design, "public")),
        );
        f.push(
            Block::new("resource", &["aws_route", "public_internet"])
                .attr("route_table_id", Expr::raw("aws_route_table.public.id"))
                .attr("destination_cidr_block", Expr::str("0.0.0.0/0"))
                .attr("gateway_id", Expr::raw("aws_internet_gateway.this.id")),
        );
        if vpc.ipv6 {
            f.push(
                Block::new("resource", &["aws_route", "public_internet_ipv6"])
                    .attr("route_table_id", Expr::raw("aws_route_table.public.id"))
                    .attr("destination_ipv6_cidr_block", Expr::str("::/0"))
                    .attr("gateway_id", Expr::raw("aws_internet_gateway.this.id")),
            );
        }
        for s in &vpc.public_subnets {
            f.push(
                Block::new("resource", &["aws_route_table_association", &s.key])
                    .attr("subnet_id", Expr::raw(format!("aws_subnet.{}.id", s.key)))
                    .attr("route_table_id", Expr::raw("aws_route_table.public.id")),
            );
        }
    }
    for s in &vpc.private_subnets {
        let table = format!("aws_route_table.{}.id", s.key);
        f.push(
            Block::new("resource", &["aws_route_table", &s.key])
                .attr("vpc_id", vpc_id.clone())
                .attr("tags", name_tag(design, &s.key.replace('_', "-"))),
        );
        if let Some(nat) = vpc.nat_gateways.iter().find(|n| n.serves.contains(&s.key)) {
            f.push(
                Block::new("resource", &["aws_route", &format!("{}_nat", s.key)])
                    .attr("route_table_id", Expr::raw(table.clone()))
                    .attr("destination_cidr_block", Expr::str("0.0.0.0/0"))
                    .attr(
                        "nat_gateway_id",
                        Expr::raw(format!("aws_nat_gateway.{}.id", nat.key)),
                    ),
            );
        }
        if vpc.ipv6 {
            f.push(
                Block::new("resource", &["aws_route", &format!("{}_ipv6", s.key)])
                    .attr("route_table_id", Expr::raw(table.clone()))
                    .attr("destination_ipv6_cidr_block", Expr::str("::/0"))
                    .attr(
                        "egress_only_gateway_id",
                        Expr::raw("aws_egress_only_internet_gateway.this.id"),
                    ),
            );
        }
        f.push(
            Block::new("resource", &["aws_route_table_association", &s.key])
                .attr("subnet_id", Expr::raw(format!("aws_subnet.{}.id", s.key)))
                .attr("route_table_id", Expr::raw(table)),
        );
    }
    endpoints(design, vpc, &mut f);
    flow_logs(design, vpc, &mut f);
    f
}

fn endpoints(design: &Design, vpc: &CreatedVpc, f: &mut File) {
    if vpc.endpoints.is_empty() {
        return;
    }
    let private_ids = || {
        Expr::List(
            vpc.private_subnets
                .iter()
                .map(|s| Expr::raw(format!("aws_subnet.{}.id", s.key)))
                .collect(),
        )
    };
    let private_tables = Expr::List(
        vpc.private_subnets
            .iter()
            .map(|s| Expr::raw(format!("aws_route_table.{}.id", s.key)))
            .collect(),
    );
    let interface = vpc.endpoints.iter().any(|e| !e.gateway);
    if interface {
        f.comment("Interface endpoints accept HTTPS from inside the VPC only.");
        f.push(
            Block::new("resource", &["aws_security_group", "vpc_endpoints"])
                .attr(
                    "name",
                    Expr::str(format!("{}-vpc-endpoints", design.cluster.name)),
                )
                .attr(
                    "description",
                    Expr::str("HTTPS from the VPC to interface endpoints"),
                )
                .attr("vpc_id", Expr::raw("aws_vpc.this.id"))
                .attr("tags", name_tag(design, "vpc-endpoints")),
        );
        f.push(
            Block::new(
                "resource",
                &["aws_vpc_security_group_ingress_rule", "vpc_endpoints_https"],
            )
            .attr(
                "security_group_id",
                Expr::raw("aws_security_group.vpc_endpoints.id"),
            )
            .attr("description", Expr::str("HTTPS from the VPC"))
            .attr("cidr_ipv4", Expr::raw("aws_vpc.this.cidr_block"))
            .attr("ip_protocol", Expr::str("tcp"))
            .attr("from_port", Expr::num(443))
            .attr("to_port", Expr::num(443)),
        );
    }
    for e in &vpc.endpoints {
        let service = Expr::Str(vec![
            super::super::hcl::StrPart::Lit("com.amazonaws.".into()),
            super::super::hcl::StrPart::Interp("var.region".into()),
            super::super::hcl::StrPart::Lit(format!(".{}", e.service)),
        ]);
        let mut b = Block::new("resource", &["aws_vpc_endpoint", &e.key])
            .attr("vpc_id", Expr::raw("aws_vpc.this.id"))
            .attr("service_name", service);
        b = if e.gateway {
            b.attr("vpc_endpoint_type", Expr::str("Gateway"))
                .attr("route_table_ids", private_tables.clone())
        } else {
            b.attr("vpc_endpoint_type", Expr::str("Interface"))
                .attr("private_dns_enabled", Expr::bool(true))
                .attr("subnet_ids", private_ids())
                .attr(
                    "security_group_ids",
                    Expr::List(vec![Expr::raw("aws_security_group.vpc_endpoints.id")]),
                )
        };
        f.push(b.attr("tags", name_tag(design, &e.service.replace('.', "-"))));
    }
}

pub(super) fn log_group(g: &LogGroup) -> Block {
    Block::new("resource", &["aws_cloudwatch_log_group", &g.key])
        .attr("name", value(&g.name))
        .attr("retention_in_days", Expr::num(g.retention_in_days))
        .attr_opt("kms_key_id", g.kms_key_arn.as_ref().map(value))
}

fn flow_logs(design: &Design, vpc: &CreatedVpc, f: &mut File) {
    let Some(fl) = &vpc.flow_logs else { return };
    if let Some(g) = design.log_groups.iter().find(|g| g.key == fl.log_group_key) {
        f.push(log_group(g));
    }
    f.push(
        Block::new("resource", &["aws_flow_log", "this"])
            .attr("vpc_id", Expr::raw("aws_vpc.this.id"))
            .attr("traffic_type", Expr::str("ALL"))
            .attr("log_destination_type", Expr::str("cloud-watch-logs"))
            .attr(
                "log_destination",
                Expr::raw(reference(Kind::LogGroup, &fl.log_group_key, Attr::Arn)),
            )
            .attr(
                "iam_role_arn",
                Expr::raw(reference(Kind::Role, &fl.role_key, Attr::Arn)),
            )
            .attr("max_aggregation_interval", Expr::num(60))
            .attr("tags", name_tag(design, "flow-logs")),
    );
}

fn existing(vpc: &ExistingVpc) -> File {
    let mut f = header("The existing VPC and the load-balancer discovery tags on its subnets.");
    f.push(Block::new("data", &["aws_vpc", "this"]).attr("id", Expr::raw("var.vpc_id")));
    for t in &vpc.subnet_tags {
        let list = match t.subnets {
            ExistingSubnets::ControlPlane => "var.control_plane_subnet_ids",
            ExistingSubnets::Node => "var.node_subnet_ids",
            ExistingSubnets::Public => "var.public_subnet_ids",
        };
        f.push(
            Block::new("resource", &["aws_ec2_tag", &t.key])
                .attr("for_each", Expr::raw(format!("toset({list})")))
                .blank()
                .attr("resource_id", Expr::raw("each.value"))
                .attr("key", Expr::str(t.tag.clone()))
                .attr("value", Expr::str(t.value.clone())),
        );
    }
    f
}
