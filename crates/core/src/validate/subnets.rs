//! Rules for the subnet layout a plan spells out (`network` in create mode):
//! explicit subnet CIDRs, extra subnet tags, the node security group.

use ipnet::Ipv4Net;
use std::collections::BTreeMap;

use super::{Ctx, syntax};
use crate::diag::{Code, Severity};
use crate::plan::NetworkMode;

/// Addresses AWS reserves in every subnet (network, router, DNS, future,
/// broadcast).
const RESERVED: u64 = 5;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let net = &cx.plan.network;
    if net.mode == NetworkMode::Existing {
        let set = [
            ("private_subnet_cidrs", !net.private_subnet_cidrs.is_empty()),
            ("public_subnet_cidrs", !net.public_subnet_cidrs.is_empty()),
            ("private_subnet_tags", !net.private_subnet_tags.is_empty()),
            ("public_subnet_tags", !net.public_subnet_tags.is_empty()),
            ("node_security_group", net.node_security_group.is_some()),
        ];
        for (field, is_set) in set {
            if is_set {
                cx.report(
                    Code::SubnetSettingsIgnored,
                    format!("network.{field}"),
                    format!(
                        "`{field}` describes a VPC the bundle creates, but `mode` is `existing`"
                    ),
                    "Remove it; an existing VPC keeps its own subnets, tags and security groups.",
                );
            }
        }
        return;
    }
    let zones = net.zone_count();
    let vpc = syntax::ipv4_cidr(&net.vpc_cidr).ok();
    let mut all: Vec<(String, Ipv4Net)> = Vec::new();
    for (field, list, private) in [
        ("private_subnet_cidrs", &net.private_subnet_cidrs, true),
        ("public_subnet_cidrs", &net.public_subnet_cidrs, false),
    ] {
        if list.is_empty() {
            continue;
        }
        if !private && !net.public_subnets {
            cx.report(
                Code::SubnetCount,
                format!("network.{field}"),
                "public subnet CIDRs are listed, but `public_subnets` is off",
                "Turn on `public_subnets`, or remove the list.",
            );
        } else if list.len() != zones {
            cx.report(
                Code::SubnetCount,
                format!("network.{field}"),
                format!(
                    "{} CIDR(s) for {zones} Availability Zone(s); the list needs one per zone, in zone order",
                    list.len()
                ),
                "List exactly one CIDR per zone, or leave the list empty for the planner's layout.",
            );
        }
        for (i, c) in list.iter().enumerate() {
            let path = format!("network.{field}[{i}]");
            let net4 = match syntax::ipv4_cidr(c) {
                Ok(n) => n,
                Err(e) => {
                    cx.report(
                        Code::SubnetCidr,
                        path,
                        e,
                        "Write an IPv4 network address with its prefix, such as `10.0.1.0/24`.",
                    );
                    continue;
                }
            };
            if let Some(v) = vpc
                && !v.contains(&net4)
            {
                cx.report(
                    Code::SubnetOutsideVpc,
                    &path,
                    format!("`{c}` is not inside the VPC {v}"),
                    format!("Choose a CIDR inside {v}."),
                );
            }
            size(cx, &path, net4, private);
            all.push((path, net4));
        }
    }
    for (j, (path, b)) in all.iter().enumerate() {
        if let Some((other, a)) = all[..j]
            .iter()
            .find(|(_, a)| a.contains(b) || b.contains(a))
        {
            cx.report(
                Code::SubnetOverlap,
                path,
                format!("`{b}` overlaps `{a}` ({other})"),
                "Give every subnet its own range.",
            );
        }
    }
    tags(cx, "private_subnet_tags", &net.private_subnet_tags);
    tags(cx, "public_subnet_tags", &net.public_subnet_tags);
    if let Some(sg) = &net.node_security_group {
        let n = &sg.name;
        let allowed = |c: char| c.is_ascii_alphanumeric() || " ._-:/()#,@[]+=&;{}!$*".contains(c);
        let why = if n.is_empty() || n.len() > 255 {
            Some("must be 1 to 255 characters")
        } else if n.to_ascii_lowercase().starts_with("sg-") {
            Some("may not start with `sg-`")
        } else if !n.chars().all(allowed) {
            Some("may use only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*")
        } else {
            None
        };
        if let Some(why) = why {
            cx.report(
                Code::NodeSecurityGroupName,
                "network.node_security_group.name",
                format!("security group name `{n}` {why}"),
                "Use a name such as `eks-nodes`.",
            );
        }
    }
}

/// Whether a subnet leaves Auto Mode room to work.
fn size(cx: &mut Ctx<'_>, path: &str, net: Ipv4Net, private: bool) {
    let p = net.prefix_len();
    let usable = (1u64 << (32 - u32::from(p))).saturating_sub(RESERVED);
    if private {
        // Each node takes /28 prefixes (16 addresses) for its pods.
        let prefixes = 1u64 << 28u8.saturating_sub(p).min(31);
        let (severity, what) = match p {
            28.. => (
                Severity::Error,
                format!(
                    "a /{p} has {usable} usable addresses: no room for a node and its /28 pod prefix"
                ),
            ),
            25..=27 => (
                Severity::Warning,
                format!(
                    "a /{p} has {usable} usable addresses, about {prefixes} /28 pod prefixes: a node or two, then pods stay Pending"
                ),
            ),
            24 => (
                Severity::Info,
                format!(
                    "a /24 has {usable} usable addresses, about {prefixes} /28 pod prefixes: enough for a proof of concept, tight for production"
                ),
            ),
            _ => return,
        };
        cx.report_as(
            severity,
            Code::SmallSubnet,
            path,
            what,
            "Use a /22 or larger for node subnets in production (the planner's own layout gives each an eighth of the VPC).",
        );
    } else if p > 27 {
        cx.report_as(
            Severity::Error,
            Code::SmallSubnet,
            path,
            format!("a /{p} has {usable} usable addresses; load balancers need a /27 or larger with 8 free"),
            "Use a /27 or larger for public subnets (a /24 is common).",
        );
    }
}

fn tags(cx: &mut Ctx<'_>, field: &str, tags: &BTreeMap<String, String>) {
    for (k, v) in tags {
        let path = format!("network.{field}.{k}");
        let problem = syntax::aws_tag_key(k)
            .and_then(|()| syntax::aws_tag_value(v))
            .err()
            .or_else(|| {
                ["kubernetes.io/role/", "kubernetes.io/cluster/"]
                    .iter()
                    .find(|p| k.starts_with(*p))
                    .map(|p| format!("`{p}…` tags are the planner's: load-balancer discovery and the NodeClasses depend on them"))
            });
        if let Some(why) = problem {
            cx.report(
                Code::SubnetTags,
                path,
                why,
                "Use your own tag keys; the planner sets the load-balancer role and cluster tags itself.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    /// The Polish PoC's layout: valid, with an info about /24 node subnets.
    fn poc() -> Plan {
        let mut p = good();
        p.network.availability_zones = vec![
            "us-east-1a".into(),
            "us-east-1b".into(),
            "us-east-1c".into(),
        ];
        p.network.private_subnet_cidrs = vec![
            "10.0.1.0/24".into(),
            "10.0.2.0/24".into(),
            "10.0.3.0/24".into(),
        ];
        p.network.public_subnet_cidrs = vec![
            "10.0.101.0/24".into(),
            "10.0.102.0/24".into(),
            "10.0.103.0/24".into(),
        ];
        p
    }

    #[test]
    fn the_poc_layout_is_valid() {
        let diags = check(&poc());
        assert!(!crate::diag::has_errors(&diags), "{diags:#?}");
        assert_reported(
            &poc(),
            Code::SmallSubnet,
            "network.private_subnet_cidrs[0]",
            Severity::Info,
        );
    }

    #[test]
    fn sn001_subnet_cidr() {
        let mut p = poc();
        p.network.private_subnet_cidrs[1] = "10.0.2.7/24".into();
        assert_reported(
            &p,
            Code::SubnetCidr,
            "network.private_subnet_cidrs[1]",
            Severity::Error,
        );
        p.network.private_subnet_cidrs[1] = "not-a-cidr".into();
        assert_reported(
            &p,
            Code::SubnetCidr,
            "network.private_subnet_cidrs[1]",
            Severity::Error,
        );
    }

    #[test]
    fn sn002_subnet_outside_vpc() {
        let mut p = poc();
        p.network.public_subnet_cidrs[2] = "10.1.103.0/24".into();
        assert_reported(
            &p,
            Code::SubnetOutsideVpc,
            "network.public_subnet_cidrs[2]",
            Severity::Error,
        );
    }

    #[test]
    fn sn003_subnet_overlap() {
        let mut p = poc();
        p.network.public_subnet_cidrs[0] = "10.0.0.0/22".into();
        assert_reported(
            &p,
            Code::SubnetOverlap,
            "network.public_subnet_cidrs[0]",
            Severity::Error,
        );
        assert_not_reported(&poc(), Code::SubnetOverlap);
    }

    #[test]
    fn sn004_subnet_count() {
        let mut p = poc();
        p.network.private_subnet_cidrs.pop();
        assert_reported(
            &p,
            Code::SubnetCount,
            "network.private_subnet_cidrs",
            Severity::Error,
        );
        let mut p = poc();
        p.network.public_subnets = false;
        p.network.nat = NatMode::None;
        p.network.vpc_endpoints = true;
        assert_reported(
            &p,
            Code::SubnetCount,
            "network.public_subnet_cidrs",
            Severity::Error,
        );
    }

    #[test]
    fn sn005_small_subnet() {
        let mut p = poc();
        p.network.private_subnet_cidrs[0] = "10.0.1.0/26".into();
        assert_reported(
            &p,
            Code::SmallSubnet,
            "network.private_subnet_cidrs[0]",
            Severity::Warning,
        );
        p.network.private_subnet_cidrs[0] = "10.0.1.0/28".into();
        assert_reported(
            &p,
            Code::SmallSubnet,
            "network.private_subnet_cidrs[0]",
            Severity::Error,
        );
        p.network.public_subnet_cidrs[0] = "10.0.101.0/28".into();
        assert_reported(
            &p,
            Code::SmallSubnet,
            "network.public_subnet_cidrs[0]",
            Severity::Error,
        );
        let mut p = poc();
        p.network.private_subnet_cidrs = vec![
            "10.0.0.0/20".into(),
            "10.0.16.0/20".into(),
            "10.0.32.0/20".into(),
        ];
        assert!(
            !check(&p)
                .iter()
                .any(|d| d.code == Code::SmallSubnet && d.path.starts_with("network.private"))
        );
    }

    #[test]
    fn sn006_ignored_in_an_existing_vpc() {
        let mut p = good();
        p.network.mode = NetworkMode::Existing;
        p.network.private_subnet_cidrs = vec!["10.0.1.0/24".into()];
        p.network.node_security_group = Some(NodeSecurityGroup::default());
        assert_reported(
            &p,
            Code::SubnetSettingsIgnored,
            "network.private_subnet_cidrs",
            Severity::Warning,
        );
        assert_reported(
            &p,
            Code::SubnetSettingsIgnored,
            "network.node_security_group",
            Severity::Warning,
        );
    }

    #[test]
    fn sn007_subnet_tags() {
        let mut p = good();
        p.network
            .private_subnet_tags
            .insert("Private".into(), "1".into());
        assert_not_reported(&p, Code::SubnetTags);
        p.network
            .private_subnet_tags
            .insert("kubernetes.io/role/elb".into(), "1".into());
        p.network
            .public_subnet_tags
            .insert("aws:owner".into(), "x".into());
        assert_reported(
            &p,
            Code::SubnetTags,
            "network.private_subnet_tags.kubernetes.io/role/elb",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::SubnetTags,
            "network.public_subnet_tags.aws:owner",
            Severity::Error,
        );
    }

    #[test]
    fn sn008_node_security_group_name() {
        let mut p = good();
        p.network.node_security_group = Some(NodeSecurityGroup {
            name: "for-eks-worker-nodes".into(),
        });
        assert_not_reported(&p, Code::NodeSecurityGroupName);
        p.network.node_security_group = Some(NodeSecurityGroup {
            name: "sg-nodes".into(),
        });
        assert_reported(
            &p,
            Code::NodeSecurityGroupName,
            "network.node_security_group.name",
            Severity::Error,
        );
    }
}
