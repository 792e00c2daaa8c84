//! Rules for the `network` section.

use std::collections::BTreeSet;

use super::{Ctx, duplicates, syntax};
use crate::diag::{Code, Severity};
use crate::plan::{EndpointAccess, IpFamily, NatMode, NetworkMode};

pub(super) fn check(cx: &mut Ctx<'_>) {
    match cx.plan.network.mode {
        NetworkMode::Create => create(cx),
        NetworkMode::Existing => existing(cx),
    }
}

fn create(cx: &mut Ctx<'_>) {
    let net = &cx.plan.network;
    let region = cx.plan.cluster.region.clone();
    match syntax::ipv4_cidr(&net.vpc_cidr) {
        Err(e) => cx.report(
            Code::VpcCidr,
            "network.vpc_cidr",
            e,
            "Use a private CIDR such as `10.0.0.0/16`.",
        ),
        Ok(c) if !(16..=20).contains(&c.prefix_len()) => cx.report(
            Code::VpcCidr,
            "network.vpc_cidr",
            format!(
                "a /{} VPC is outside the /16–/20 this planner lays out",
                c.prefix_len()
            ),
            "Use a /16 (recommended: Auto Mode allocates pod IPs in /28 prefixes) up to a /20.",
        ),
        Ok(c) if !syntax::private_ipv4(&c) => cx.report_as(
            Severity::Warning,
            Code::VpcCidr,
            "network.vpc_cidr",
            format!("`{c}` is public address space"),
            "Use RFC 1918 space (10/8, 172.16/12, 192.168/16) unless you own this range.",
        ),
        Ok(_) => {}
    }

    if net.availability_zones.is_empty() {
        if !(2..=3).contains(&net.az_count) {
            cx.report(
                Code::AzCount,
                "network.az_count",
                format!(
                    "{} Availability Zones; the planner lays out 2 or 3",
                    net.az_count
                ),
                "Use 2 or 3. EKS needs subnets in at least two AZs.",
            );
        }
    } else {
        let n = net.availability_zones.len();
        if usize::from(net.az_count) != n {
            cx.report(
                Code::AzCountMismatch,
                "network.az_count",
                format!(
                    "`az_count` is {} but {n} zone{} named; the VPC spans the {n} named zone{}",
                    net.az_count,
                    if n == 1 { " is" } else { "s are" },
                    if n == 1 { "" } else { "s" },
                ),
                format!(
                    "Set `az_count: {n}`, or name {} zone{}.",
                    net.az_count,
                    if net.az_count == 1 { "" } else { "s" }
                ),
            );
        }
        if !(2..=3).contains(&n) {
            cx.report(
                Code::AzCount,
                "network.availability_zones",
                format!("{n} Availability Zones named; the planner lays out 2 or 3"),
                "Name 2 or 3 AZs, or leave the list empty to use the first available ones.",
            );
        }
        for (i, az) in net.availability_zones.iter().enumerate() {
            let suffix = az.strip_prefix(region.as_str());
            let ok = suffix.is_some_and(|s| {
                !s.is_empty()
                    && s.len() <= 3
                    && s.bytes()
                        .all(|c| c.is_ascii_lowercase() || c == b'-' || c.is_ascii_digit())
            });
            if !ok {
                cx.report(
                    Code::AzName,
                    format!("network.availability_zones[{i}]"),
                    format!("`{az}` is not an Availability Zone of {region}"),
                    format!("Use names such as `{region}a`, `{region}b`."),
                );
            }
        }
        for (i, az) in duplicates(net.availability_zones.iter().map(String::as_str)) {
            cx.report(
                Code::AzName,
                format!("network.availability_zones[{i}]"),
                format!("`{az}` is listed twice"),
                "List each AZ once.",
            );
        }
    }

    if net.nat != NatMode::None && !net.public_subnets {
        cx.report(
            Code::NatWithoutPublicSubnets,
            "network.nat",
            "NAT gateways live in public subnets, but `public_subnets` is off",
            "Turn on `public_subnets`, or set `nat: none` with `vpc_endpoints: true`.",
        );
    }
    if net.nat == NatMode::None {
        if !net.vpc_endpoints {
            cx.report(
                Code::NoEgress,
                "network.vpc_endpoints",
                "with no NAT and no VPC endpoints, nodes cannot reach ECR, S3 or STS and never become Ready",
                "Set `vpc_endpoints: true` (private-only), or choose `nat: single`/`per_az`.",
            );
        }
        if cx.plan.cluster.endpoint.access == EndpointAccess::Public {
            cx.report(
                Code::NoEgress,
                "cluster.endpoint.access",
                "nodes in a VPC without NAT cannot reach a public-only API endpoint",
                "Use `access: private` or `public_and_private`.",
            );
        }
    }
    if net.nat == NatMode::Single && net.zone_count() > 1 {
        cx.report(
            Code::SingleNat,
            "network.nat",
            "one NAT gateway serves every AZ: if its AZ fails, nodes elsewhere lose egress",
            "Use `nat: per_az` for production (one NAT gateway costs about $33/month plus data).",
        );
    }
    if !net.flow_logs {
        cx.report(
            Code::FlowLogsOff,
            "network.flow_logs",
            "VPC flow logs are off, so there is no record of network traffic",
            "Set `flow_logs: true` (AWS Security Hub control EC2.6).",
        );
    }
}

fn existing(cx: &mut Ctx<'_>) {
    let net = &cx.plan.network;
    let vpc_ok = net
        .vpc_id
        .as_deref()
        .and_then(|v| v.strip_prefix("vpc-"))
        .is_some_and(|h| (8..=17).contains(&h.len()) && h.bytes().all(|c| c.is_ascii_hexdigit()));
    if !vpc_ok {
        cx.report(
            Code::VpcId,
            "network.vpc_id",
            match &net.vpc_id {
                None => "`mode: existing` needs the VPC id".to_owned(),
                Some(v) => format!("`{v}` is not a VPC id"),
            },
            "Set `vpc_id` to the id of your VPC, like `vpc-0abc123def4567890`.",
        );
    }
    let lists = [
        ("control_plane_subnet_ids", &net.control_plane_subnet_ids),
        ("node_subnet_ids", &net.node_subnet_ids),
        ("public_subnet_ids", &net.public_subnet_ids),
    ];
    for (field, ids) in lists {
        for (i, id) in ids.iter().enumerate() {
            if !subnet_id(id) {
                cx.report(
                    Code::SubnetId,
                    format!("network.{field}[{i}]"),
                    format!("`{id}` is not a subnet id"),
                    "Use ids like `subnet-0abc123def4567890`.",
                );
            }
        }
        for (i, id) in duplicates(ids.iter().map(String::as_str)) {
            cx.report(
                Code::SubnetId,
                format!("network.{field}[{i}]"),
                format!("`{id}` is listed twice"),
                "List each subnet once.",
            );
        }
    }
    if net.control_plane_subnet_ids.len() < 2 {
        cx.report(
            Code::TooFewControlPlaneSubnets,
            "network.control_plane_subnet_ids",
            format!(
                "{} control-plane subnet(s); EKS needs at least two in different AZs",
                net.control_plane_subnet_ids.len()
            ),
            "List at least two subnets in two Availability Zones.",
        );
    }
    if net.node_subnet_ids.is_empty() {
        cx.report(
            Code::NoNodeSubnets,
            "network.node_subnet_ids",
            "no subnets for nodes",
            "List the private subnets where nodes and pods should run.",
        );
    }
    let cp: BTreeSet<&str> = net
        .control_plane_subnet_ids
        .iter()
        .map(String::as_str)
        .collect();
    let nodes: BTreeSet<&str> = net.node_subnet_ids.iter().map(String::as_str).collect();
    let shared: Vec<&str> = cp.intersection(&nodes).copied().collect();
    if !shared.is_empty() {
        cx.report(
            Code::SharedSubnets,
            "network.node_subnet_ids",
            format!(
                "{} is both a control-plane and a node subnet; pods can exhaust the IPs the control plane needs",
                shared.join(", ")
            ),
            "Keep control-plane subnets small and separate from node subnets.",
        );
    }
    if cx.plan.auto_mode.any_builtin_pool() && !nodes.is_empty() && cp != nodes {
        cx.report(
            Code::BuiltinPoolsInControlPlaneSubnets,
            "auto_mode.general_purpose_pool",
            "the built-in pools' `default` NodeClass launches nodes in the cluster (control-plane) subnets, not in `node_subnet_ids`",
            "Turn the built-in pools off and add a NodePool on a NodeClass that selects the node subnets (the planner defaults a NodeClass's subnets to them).",
        );
    }
    if cx.plan.cluster.ip_family == IpFamily::Ipv6 {
        cx.report(
            Code::Ipv6ExistingVpc,
            "cluster.ip_family",
            "an IPv6 cluster needs dual-stack subnets with IPv6 CIDRs and an egress-only internet gateway",
            "Check that every listed subnet has an IPv6 CIDR block.",
        );
    }
}

/// `subnet-` followed by 8 or 17 hex digits.
pub(super) fn subnet_id(id: &str) -> bool {
    id.strip_prefix("subnet-")
        .is_some_and(|h| (8..=17).contains(&h.len()) && h.bytes().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    fn existing_vpc() -> Plan {
        let mut p = good();
        p.network.mode = NetworkMode::Existing;
        p.network.vpc_id = Some("vpc-0123456789abcdef0".into());
        p.network.control_plane_subnet_ids = vec![
            "subnet-0000000000000000a".into(),
            "subnet-0000000000000000b".into(),
        ];
        p.network.node_subnet_ids = vec![
            "subnet-0000000000000001a".into(),
            "subnet-0000000000000001b".into(),
        ];
        p.auto_mode.general_purpose_pool = false;
        p.auto_mode.system_pool = false;
        p.node_pools.push(NodePool::default());
        p.node_pools[0].node_class = "nodes".into();
        p.node_classes.push(NodeClass {
            name: "nodes".into(),
            ..NodeClass::default()
        });
        p
    }

    #[test]
    fn nw001_vpc_cidr() {
        let mut p = good();
        p.network.vpc_cidr = "10.0.0.0/24".into();
        assert_reported(&p, Code::VpcCidr, "network.vpc_cidr", Severity::Error);
        p.network.vpc_cidr = "10.0.0.0/33".into();
        assert_reported(&p, Code::VpcCidr, "network.vpc_cidr", Severity::Error);
        p.network.vpc_cidr = "8.8.0.0/16".into();
        assert_reported(&p, Code::VpcCidr, "network.vpc_cidr", Severity::Warning);
    }

    #[test]
    fn nw002_az_count() {
        let mut p = good();
        p.network.az_count = 1;
        assert_reported(&p, Code::AzCount, "network.az_count", Severity::Error);
        p.network.availability_zones = vec!["us-east-1a".into()];
        assert_reported(
            &p,
            Code::AzCount,
            "network.availability_zones",
            Severity::Error,
        );
    }

    #[test]
    fn nw015_az_count_mismatch() {
        let mut p = good();
        p.network.az_count = 3;
        p.network.availability_zones = vec!["us-east-1a".into(), "us-east-1b".into()];
        assert_reported(
            &p,
            Code::AzCountMismatch,
            "network.az_count",
            Severity::Warning,
        );
        let mismatch = |p: &crate::Plan| {
            super::super::test_support::check(p)
                .iter()
                .any(|d| d.code == Code::AzCountMismatch)
        };
        p.network.az_count = 2;
        assert!(!mismatch(&p));
        // No zones named: the count alone decides.
        p.network.availability_zones.clear();
        p.network.az_count = 3;
        assert!(!mismatch(&p));
    }

    #[test]
    fn nw003_az_name() {
        let mut p = good();
        p.network.availability_zones = vec!["us-east-1a".into(), "eu-west-1b".into()];
        assert_reported(
            &p,
            Code::AzName,
            "network.availability_zones[1]",
            Severity::Error,
        );
        p.network.availability_zones = vec!["us-east-1a".into(), "us-east-1a".into()];
        assert_reported(
            &p,
            Code::AzName,
            "network.availability_zones[1]",
            Severity::Error,
        );
    }

    #[test]
    fn nw004_nat_without_public_subnets() {
        let mut p = good();
        p.network.public_subnets = false;
        assert_reported(
            &p,
            Code::NatWithoutPublicSubnets,
            "network.nat",
            Severity::Error,
        );
    }

    #[test]
    fn nw005_no_egress() {
        let mut p = good();
        p.network.nat = NatMode::None;
        assert_reported(&p, Code::NoEgress, "network.vpc_endpoints", Severity::Error);
        p.network.vpc_endpoints = true;
        assert_not_reported(&p, Code::NoEgress);
        p.cluster.endpoint.access = EndpointAccess::Public;
        assert_reported(
            &p,
            Code::NoEgress,
            "cluster.endpoint.access",
            Severity::Error,
        );
    }

    #[test]
    fn nw006_single_nat() {
        assert_reported(&good(), Code::SingleNat, "network.nat", Severity::Info);
        let mut p = good();
        p.network.nat = NatMode::PerAz;
        assert_not_reported(&p, Code::SingleNat);
    }

    #[test]
    fn nw007_vpc_id() {
        let mut p = existing_vpc();
        p.network.vpc_id = Some("vpc-xyz".into());
        assert_reported(&p, Code::VpcId, "network.vpc_id", Severity::Error);
        p.network.vpc_id = None;
        assert_reported(&p, Code::VpcId, "network.vpc_id", Severity::Error);
    }

    #[test]
    fn nw008_subnet_id() {
        let mut p = existing_vpc();
        p.network.node_subnet_ids.push("sub-1".into());
        assert_reported(
            &p,
            Code::SubnetId,
            "network.node_subnet_ids[2]",
            Severity::Error,
        );
        let mut p = existing_vpc();
        p.network
            .node_subnet_ids
            .push("subnet-0000000000000001a".into());
        assert_reported(
            &p,
            Code::SubnetId,
            "network.node_subnet_ids[2]",
            Severity::Error,
        );
    }

    #[test]
    fn nw009_and_nw010_subnet_counts() {
        let mut p = existing_vpc();
        p.network.control_plane_subnet_ids.truncate(1);
        p.network.node_subnet_ids.clear();
        assert_reported(
            &p,
            Code::TooFewControlPlaneSubnets,
            "network.control_plane_subnet_ids",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::NoNodeSubnets,
            "network.node_subnet_ids",
            Severity::Error,
        );
        assert_not_reported(&existing_vpc(), Code::TooFewControlPlaneSubnets);
    }

    #[test]
    fn nw011_shared_subnets() {
        let mut p = existing_vpc();
        p.network
            .node_subnet_ids
            .push("subnet-0000000000000000a".into());
        assert_reported(
            &p,
            Code::SharedSubnets,
            "network.node_subnet_ids",
            Severity::Warning,
        );
    }

    #[test]
    fn nw012_builtin_pools_in_control_plane_subnets() {
        let mut p = existing_vpc();
        p.auto_mode.general_purpose_pool = true;
        assert_reported(
            &p,
            Code::BuiltinPoolsInControlPlaneSubnets,
            "auto_mode.general_purpose_pool",
            Severity::Warning,
        );
        assert_not_reported(&existing_vpc(), Code::BuiltinPoolsInControlPlaneSubnets);
    }

    #[test]
    fn nw013_flow_logs_off() {
        let mut p = good();
        p.network.flow_logs = false;
        assert_reported(&p, Code::FlowLogsOff, "network.flow_logs", Severity::Info);
    }

    #[test]
    fn nw014_ipv6_existing_vpc() {
        let mut p = existing_vpc();
        p.cluster.ip_family = IpFamily::Ipv6;
        assert_reported(
            &p,
            Code::Ipv6ExistingVpc,
            "cluster.ip_family",
            Severity::Info,
        );
    }
}
