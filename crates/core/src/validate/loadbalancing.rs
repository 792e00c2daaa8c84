//! Rules for the `load_balancing` section (reference §3.4, §3.5).

use super::{Ctx, syntax};
use crate::diag::Code;
use crate::plan::{IpAddressType, IpFamily, NetworkMode, Scheme};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let public = cx.plan.network.has_public_subnets();
    let ic = &cx.plan.load_balancing.ingress_class;
    if ic.enabled {
        if !syntax::dns1123_subdomain(&ic.name) {
            cx.report(
                Code::IngressClassName,
                "load_balancing.ingress_class.name",
                format!("`{}` is not a valid Kubernetes object name", ic.name),
                "Use lower-case letters, digits and `-`, for example `alb`.",
            );
        }
        if let Some(g) = &ic.group_name {
            let b = g.as_bytes();
            let ok = !b.is_empty()
                && b.len() <= 63
                && b.iter().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'.'
                })
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric();
            if !ok {
                cx.report(
                    Code::GroupName,
                    "load_balancing.ingress_class.group_name",
                    format!("`{g}` is not a valid group name"),
                    "Use 1–63 lower-case letters, digits, `-` or `.`.",
                );
            }
        }
        for (i, c) in ic.certificate_arns.iter().enumerate() {
            let path = format!("load_balancing.ingress_class.certificate_arns[{i}]");
            match syntax::acm_certificate_arn(c) {
                None => cx.report(
                    Code::CertificateArn,
                    path,
                    format!("`{c}` is not an ACM certificate ARN"),
                    "Use `arn:aws:acm:REGION:ACCOUNT:certificate/ID`.",
                ),
                Some(a) if a.region != cx.plan.cluster.region => cx.report(
                    Code::CertificateArn,
                    path,
                    format!(
                        "the certificate is in {}, the load balancer in {}",
                        a.region, cx.plan.cluster.region
                    ),
                    "Request or import the certificate in the cluster's region.",
                ),
                Some(_) => cx.check_placeholder_account(&path, c),
            }
        }
        if ic.scheme == Scheme::InternetFacing && !public {
            cx.report(
                Code::InternetFacingWithoutPublicSubnets,
                "load_balancing.ingress_class.scheme",
                "an internet-facing ALB needs public subnets, and this network has none",
                "Use `scheme: internal`, or add public subnets.",
            );
        }
        cidrs(
            cx,
            "load_balancing.ingress_class.inbound_cidrs",
            &ic.inbound_cidrs,
        );
        if ic.scheme == Scheme::InternetFacing && ic.inbound_cidrs.is_empty() && public {
            cx.report(
                Code::OpenToInternet,
                "load_balancing.ingress_class.inbound_cidrs",
                "internet-facing ALBs of this class accept traffic from anywhere",
                "That is usual for public sites; list `inbound_cidrs` to restrict it.",
            );
        }
        if !ic.subnet_ids.is_empty() && !ic.subnet_tags.is_empty() {
            cx.report(
                Code::LbSubnets,
                "load_balancing.ingress_class.subnet_ids",
                "subnets can be chosen by `ids` or by `matchTags`, not both",
                "Keep one of `subnet_ids` and `subnet_tags`.",
            );
        }
        for (i, id) in ic.subnet_ids.iter().enumerate() {
            let hex = id.strip_prefix("subnet-").is_some_and(|h| {
                !h.is_empty()
                    && h.bytes()
                        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            });
            if !hex {
                cx.report(
                    Code::LbSubnets,
                    format!("load_balancing.ingress_class.subnet_ids[{i}]"),
                    format!("`{id}` is not a subnet id"),
                    "Use ids like `subnet-0abc123def4567890`.",
                );
            }
        }
        for (i, t) in ic.subnet_tags.iter().enumerate() {
            if t.key.is_empty() || t.key.len() > 128 {
                cx.report(
                    Code::LbSubnets,
                    format!("load_balancing.ingress_class.subnet_tags[{i}].key"),
                    "tag keys are 1–128 characters",
                    "Fix the tag key.",
                );
            }
        }
        for (i, t) in ic.tags.iter().enumerate() {
            let problem = syntax::aws_tag_key(&t.key)
                .err()
                .or_else(|| syntax::aws_tag_value(&t.value).err());
            if let Some(p) = problem {
                cx.report(
                    Code::LbTag,
                    format!("load_balancing.ingress_class.tags[{i}]"),
                    p,
                    "Fix the tag.",
                );
            }
        }
        if !ic.tags.is_empty() {
            // The same fact as NodeClass tags (NC009): Auto Mode's managed
            // load-balancing policy allow-lists the tag keys it may set.
            cx.report(
                Code::CustomTagPolicy,
                "load_balancing.ingress_class.tags",
                "custom tags on IngressClassParams need the custom-tag policy on the cluster role: AmazonEKSLoadBalancingPolicy lets Auto Mode set only its own tag keys",
                "Nothing to do for tagging at creation: the planner attaches that policy (changing the tags later also needs tag-modify permissions it does not grant yet). Tag ALBs here, never with the `alb.ingress.kubernetes.io/tags` annotation (LB011).",
            );
        }
        if let Some(p) = &ic.ssl_policy
            && !p.starts_with("ELBSecurityPolicy-")
        {
            cx.report(
                Code::SslPolicy,
                "load_balancing.ingress_class.ssl_policy",
                format!("`{p}` does not look like an ELB security policy"),
                "Use a predefined policy such as `ELBSecurityPolicy-TLS13-1-2-2021-06`.",
            );
        }
        let dual = matches!(
            ic.ip_address_type,
            Some(IpAddressType::Dualstack | IpAddressType::DualstackWithoutPublicIpv4)
        );
        if dual
            && cx.plan.cluster.ip_family == IpFamily::Ipv4
            && cx.plan.network.mode == NetworkMode::Create
        {
            cx.report(
                Code::Dualstack,
                "load_balancing.ingress_class.ip_address_type",
                "dual-stack ALBs need subnets with IPv6 CIDRs; the planner's IPv4 VPC has none",
                "Use `ipv4`, or set `cluster.ip_family: ipv6` for a dual-stack VPC.",
            );
        }
    }
    let nlb = &cx.plan.load_balancing.nlb_example;
    if nlb.enabled {
        if nlb.scheme == Scheme::InternetFacing && !public {
            cx.report(
                Code::InternetFacingWithoutPublicSubnets,
                "load_balancing.nlb_example.scheme",
                "an internet-facing NLB needs public subnets, and this network has none",
                "Use `scheme: internal`, or add public subnets.",
            );
        }
        cidrs(
            cx,
            "load_balancing.nlb_example.source_ranges",
            &nlb.source_ranges,
        );
    }
}

fn cidrs(cx: &mut Ctx<'_>, path: &str, list: &[String]) {
    for (i, c) in list.iter().enumerate() {
        if let Err(e) = syntax::ip_cidr(c) {
            cx.report(
                Code::InboundCidr,
                format!("{path}[{i}]"),
                e,
                "Use CIDRs such as `203.0.113.0/24`.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    #[test]
    fn lb001_name() {
        let mut p = good();
        p.load_balancing.ingress_class.name = "ALB".into();
        assert_reported(
            &p,
            Code::IngressClassName,
            "load_balancing.ingress_class.name",
            Severity::Error,
        );
    }

    #[test]
    fn lb002_group_name() {
        let mut p = good();
        p.load_balancing.ingress_class.group_name = Some("Team A".into());
        assert_reported(
            &p,
            Code::GroupName,
            "load_balancing.ingress_class.group_name",
            Severity::Error,
        );
    }

    #[test]
    fn lb003_certificate_arn() {
        let mut p = good();
        p.load_balancing.ingress_class.certificate_arns = vec![
            "arn:aws:iam::210987654321:server-certificate/x".into(),
            "arn:aws:acm:eu-west-1:210987654321:certificate/abc".into(),
        ];
        assert_reported(
            &p,
            Code::CertificateArn,
            "load_balancing.ingress_class.certificate_arns[0]",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::CertificateArn,
            "load_balancing.ingress_class.certificate_arns[1]",
            Severity::Error,
        );
    }

    #[test]
    fn lb004_internet_facing_without_public_subnets() {
        let mut p = good();
        p.network.public_subnets = false;
        p.network.nat = NatMode::None;
        p.network.vpc_endpoints = true;
        p.load_balancing.nlb_example.scheme = Scheme::InternetFacing;
        assert_reported(
            &p,
            Code::InternetFacingWithoutPublicSubnets,
            "load_balancing.ingress_class.scheme",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::InternetFacingWithoutPublicSubnets,
            "load_balancing.nlb_example.scheme",
            Severity::Error,
        );
    }

    #[test]
    fn lb005_inbound_cidr() {
        let mut p = good();
        p.load_balancing.ingress_class.inbound_cidrs = vec!["10.0.0.1/8".into()];
        p.load_balancing.nlb_example.source_ranges = vec!["x".into()];
        assert_reported(
            &p,
            Code::InboundCidr,
            "load_balancing.ingress_class.inbound_cidrs[0]",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::InboundCidr,
            "load_balancing.nlb_example.source_ranges[0]",
            Severity::Error,
        );
    }

    #[test]
    fn lb006_subnets() {
        let mut p = good();
        p.load_balancing.ingress_class.subnet_ids = vec!["subnet-XYZ".into()];
        p.load_balancing.ingress_class.subnet_tags = vec![MatchTag {
            key: "tier".into(),
            values: vec![],
        }];
        assert_reported(
            &p,
            Code::LbSubnets,
            "load_balancing.ingress_class.subnet_ids",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::LbSubnets,
            "load_balancing.ingress_class.subnet_ids[0]",
            Severity::Error,
        );
    }

    #[test]
    fn lb007_tag() {
        let mut p = good();
        p.load_balancing.ingress_class.tags = vec![KeyValue {
            key: "".into(),
            value: "x".into(),
        }];
        assert_reported(
            &p,
            Code::LbTag,
            "load_balancing.ingress_class.tags[0]",
            Severity::Error,
        );
    }

    #[test]
    fn lb008_open_to_internet() {
        assert_reported(
            &good(),
            Code::OpenToInternet,
            "load_balancing.ingress_class.inbound_cidrs",
            Severity::Info,
        );
    }

    #[test]
    fn lb009_ssl_policy() {
        let mut p = good();
        p.load_balancing.ingress_class.ssl_policy = Some("TLS1.3".into());
        assert_reported(
            &p,
            Code::SslPolicy,
            "load_balancing.ingress_class.ssl_policy",
            Severity::Warning,
        );
    }

    #[test]
    fn lb010_dualstack() {
        let mut p = good();
        p.load_balancing.ingress_class.ip_address_type = Some(IpAddressType::Dualstack);
        assert_reported(
            &p,
            Code::Dualstack,
            "load_balancing.ingress_class.ip_address_type",
            Severity::Warning,
        );
    }

    /// IngressClassParams tags are the same fact as NodeClass tags (NC009),
    /// and the promise in its fix holds: resolve adds the custom-tag policy.
    #[test]
    fn nc009_ingress_class_tags_get_the_custom_tag_policy() {
        let mut p = good();
        p.load_balancing.ingress_class.tags = vec![KeyValue {
            key: "team".into(),
            value: "shop".into(),
        }];
        assert_reported(
            &p,
            Code::CustomTagPolicy,
            "load_balancing.ingress_class.tags",
            Severity::Info,
        );
        let has_policy = |p: &Plan| {
            crate::resolve(p)
                .roles
                .iter()
                .filter(|r| r.key == "cluster")
                .any(|r| r.inline_policies.iter().any(|i| i.key == "custom_tags"))
        };
        assert!(has_policy(&p));
        assert!(!has_policy(&good()));
        // A disabled IngressClass writes no tags and needs no policy.
        p.load_balancing.ingress_class.enabled = false;
        assert_not_reported(&p, Code::CustomTagPolicy);
        assert!(!has_policy(&p));
    }
}
