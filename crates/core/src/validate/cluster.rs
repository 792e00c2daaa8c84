//! Rules for the `cluster` section.

use super::{Ctx, syntax};
use crate::catalog::policies::REGIONS;
use crate::catalog::versions::{self, MIN_AUTO_MODE_MINOR, SupportPhase};
use crate::diag::{Code, Severity};
use crate::plan::{EndpointAccess, IpFamily, KeyMode, LogType, NetworkMode, SupportType};

/// Retention periods CloudWatch Logs accepts.
pub const LOG_RETENTION_DAYS: &[u32] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

pub(super) fn check(cx: &mut Ctx<'_>) {
    name(cx);
    region(cx);
    version(cx);
    endpoint(cx);
    service_cidr(cx);
    tags(cx, "cluster.tags");
    encryption(cx);
    logs(cx);
    if !cx.plan.cluster.deletion_protection {
        cx.report(
            Code::DeletionProtectionOff,
            "cluster.deletion_protection",
            "`DeleteCluster` is not blocked; one command removes the control plane",
            "Turn on deletion protection for clusters that matter.",
        );
    }
}

fn name(cx: &mut Ctx<'_>) {
    let name = &cx.plan.cluster.name;
    let b = name.as_bytes();
    let ok = !b.is_empty()
        && b.len() <= 100
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'));
    if !ok {
        cx.report(
            Code::ClusterName,
            "cluster.name",
            format!("`{name}` is not a valid EKS cluster name"),
            "Use 1–100 letters, digits, `-` or `_`, starting with a letter or digit.",
        );
    }
}

fn region(cx: &mut Ctx<'_>) {
    let region = cx.plan.cluster.region.as_str();
    let parts: Vec<&str> = region.split('-').collect();
    let well_formed = parts.len() >= 3
        && parts.iter().all(|p| !p.is_empty())
        && parts[0].len() == 2
        && parts[0].bytes().all(|c| c.is_ascii_lowercase())
        && parts[parts.len() - 1].bytes().all(|c| c.is_ascii_digit())
        && parts[1..parts.len() - 1]
            .iter()
            .all(|p| p.bytes().all(|c| c.is_ascii_lowercase()));
    if !well_formed {
        cx.report(
            Code::Region,
            "cluster.region",
            format!("`{region}` is not an AWS region name"),
            "Use a region code such as `us-east-1` or `eu-west-2`.",
        );
    } else if !REGIONS.contains(&region) {
        cx.report_as(
            Severity::Warning,
            Code::Region,
            "cluster.region",
            format!("`{region}` is not a region this planner knows"),
            "Check the spelling, and that EKS Auto Mode is available there.",
        );
    }
}

fn version(cx: &mut Ctx<'_>) {
    let cluster = &cx.plan.cluster;
    let v = cluster.kubernetes_version.as_str();
    let path = "cluster.kubernetes_version";
    let offered = || {
        versions::VERSIONS
            .iter()
            .filter(|k| k.minor >= MIN_AUTO_MODE_MINOR)
            .map(|k| k.version)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(minor) = versions::minor_of(v) else {
        cx.report(
            Code::VersionUnknown,
            path,
            format!("`{v}` is not a Kubernetes version like `1.35`"),
            format!("Pick one of: {}.", offered()),
        );
        return;
    };
    if minor < MIN_AUTO_MODE_MINOR {
        cx.report(
            Code::VersionBelowAutoMode,
            path,
            format!("EKS Auto Mode requires Kubernetes 1.29 or later, not {v}"),
            format!("Pick one of: {}.", offered()),
        );
        return;
    }
    let Some(known) = versions::find(v) else {
        cx.report(
            Code::VersionUnknown,
            path,
            format!("EKS does not offer Kubernetes {v} as far as this planner knows"),
            format!("Pick one of: {}.", offered()),
        );
        return;
    };
    let Some(today) = cx.options.today else {
        return;
    };
    // The plan's price overrides (the cost plan's) win over the catalog.
    let prices = &cx.plan.capacity.prices;
    let standard_hour = prices
        .cluster_hour
        .unwrap_or(versions::STANDARD_SUPPORT_HOURLY);
    let extended_hour = prices
        .extended_support_hour
        .unwrap_or(versions::EXTENDED_SUPPORT_HOURLY);
    let premium = format!(
        "{}/month more per cluster (${extended_hour:.2}/h instead of ${standard_hour:.2}/h, 730 h/month)",
        versions::format_usd(versions::extended_support_premium(
            standard_hour,
            extended_hour
        ))
    );
    match known.phase(today) {
        SupportPhase::Ended => cx.report(
            Code::VersionEnded,
            path,
            format!(
                "Kubernetes {v} left extended support on {}; EKS no longer creates it",
                known.end_of_extended
            ),
            format!("Pick a supported version: {}.", offered_on(today)),
        ),
        SupportPhase::Extended => {
            cx.report(
                Code::VersionExtendedSupport,
                path,
                format!(
                    "Kubernetes {v} is in extended support until {}{}: the control plane costs {premium}",
                    known.end_of_extended,
                    known.date_caveat()
                ),
                "Prefer a version in standard support unless you must stay on this one.",
            );
            if cluster.support_type == SupportType::Standard {
                cx.report(
                    Code::StandardSupportOnExtendedVersion,
                    "cluster.support_type",
                    format!(
                        "`STANDARD` support cannot be chosen for {v}, which is already in extended support"
                    ),
                    "Set `support_type: EXTENDED`, or pick a newer version.",
                );
            }
        }
        SupportPhase::Standard => {
            if let Some(left) =
                known.extended_support_within(today, versions::EXTENDED_SUPPORT_WARNING_DAYS)
            {
                let when = format!(
                    "Kubernetes {v} reaches extended support on {} ({}){}",
                    known.end_of_standard,
                    versions::in_days(left),
                    known.date_caveat()
                );
                let message = match cluster.support_type {
                    SupportType::Extended => {
                        format!("{when}: from then the control plane costs {premium}")
                    }
                    SupportType::Standard => format!(
                        "{when}: with `support_type: STANDARD` EKS then upgrades the control plane automatically (staying would cost {premium})"
                    ),
                };
                let newer: Vec<&str> = versions::offered(today)
                    .filter(|k| k.minor > known.minor)
                    .map(|k| k.version)
                    .collect();
                let newest = newer.join(", ");
                cx.report(
                    Code::StandardSupportEndingSoon,
                    path,
                    message,
                    format!(
                        "Start on a newer version ({newest}), or plan the minor upgrade before {}.",
                        known.end_of_standard
                    ),
                );
            }
        }
    }
}

fn offered_on(today: crate::catalog::date::Date) -> String {
    versions::offered(today)
        .map(|k| k.version)
        .collect::<Vec<_>>()
        .join(", ")
}

fn endpoint(cx: &mut Ctx<'_>) {
    let ep = &cx.plan.cluster.endpoint;
    let mut open = ep.public_access_cidrs.is_empty();
    for (i, c) in ep.public_access_cidrs.iter().enumerate() {
        match syntax::ipv4_cidr(c) {
            Ok(net) if net.prefix_len() == 0 => open = true,
            Ok(net) if syntax::documentation_ipv4(&net) && ep.access.public() => cx.report(
                Code::DocumentationCidr,
                format!("cluster.endpoint.public_access_cidrs[{i}]"),
                format!("`{c}` is a documentation range: nobody can reach the public endpoint from it"),
                "Replace it with your networks, or pass -var='public_access_cidrs=[\"YOUR.IP/32\"]' to terraform apply.",
            ),
            Ok(_) => {}
            Err(e) => cx.report(
                Code::PublicAccessCidr,
                format!("cluster.endpoint.public_access_cidrs[{i}]"),
                e,
                "Use IPv4 CIDRs such as `203.0.113.0/24` (the public endpoint accepts IPv4 only).",
            ),
        }
    }
    match ep.access {
        EndpointAccess::Private => {
            if !ep.public_access_cidrs.is_empty() {
                cx.report(
                    Code::PublicCidrsIgnored,
                    "cluster.endpoint.public_access_cidrs",
                    "public access CIDRs are set, but the public endpoint is off",
                    "Remove them, or set `access: public_and_private`.",
                );
            }
            cx.report(
                Code::PrivateEndpointOnly,
                "cluster.endpoint.access",
                "the Kubernetes API is reachable only from inside the VPC",
                "Run kubectl and the manifests from a host in the VPC, a VPN or Direct Connect.",
            );
        }
        EndpointAccess::Public | EndpointAccess::PublicAndPrivate if open => cx.report(
            Code::PublicEndpointOpen,
            "cluster.endpoint.public_access_cidrs",
            "the public API endpoint accepts connections from anywhere (0.0.0.0/0)",
            "List the CIDRs of your offices, VPNs and CI in `public_access_cidrs`.",
        ),
        _ => {}
    }
}

fn service_cidr(cx: &mut Ctx<'_>) {
    let cluster = &cx.plan.cluster;
    let Some(cidr) = &cluster.service_cidr else {
        return;
    };
    let path = "cluster.service_cidr";
    if cluster.ip_family == IpFamily::Ipv6 {
        cx.report(
            Code::ServiceCidrIpv6,
            path,
            "an IPv6 cluster gets its service CIDR from EKS; `service_cidr` is IPv4 only",
            "Remove `service_cidr`.",
        );
        return;
    }
    let net = match syntax::ipv4_cidr(cidr) {
        Ok(n) => n,
        Err(e) => {
            cx.report(
                Code::ServiceCidr,
                path,
                e,
                "Use a CIDR such as `172.20.0.0/16`.",
            );
            return;
        }
    };
    let in_private = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
        .iter()
        .filter_map(|c| c.parse::<ipnet::Ipv4Net>().ok())
        .any(|p| p.contains(&net));
    if !(12..=24).contains(&net.prefix_len()) || !in_private {
        cx.report(
            Code::ServiceCidr,
            path,
            format!(
                "`{cidr}` must be a /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"
            ),
            "Use a private CIDR such as `172.20.0.0/16` that nothing else uses.",
        );
    }
    let docker: Option<ipnet::Ipv4Net> = "172.17.0.0/16".parse().ok();
    if docker.is_some_and(|d| d.contains(&net.network()) || net.contains(&d.network())) {
        cx.report(
            Code::ServiceCidr,
            path,
            format!("`{cidr}` overlaps 172.17.0.0/16, which EKS reserves"),
            "Use another range, for example `172.20.0.0/16`.",
        );
    }
    if cx.plan.network.mode == NetworkMode::Create
        && let Ok(vpc) = syntax::ipv4_cidr(&cx.plan.network.vpc_cidr)
        && (vpc.contains(&net.network()) || net.contains(&vpc.network()))
    {
        cx.report(
            Code::ServiceCidrOverlap,
            path,
            format!("`{cidr}` overlaps the VPC CIDR `{vpc}`"),
            "Pick a service CIDR outside the VPC and any network connected to it.",
        );
    }
}

/// Shared AWS tag rules (also used for the provider's default tags).
pub(super) fn tags(cx: &mut Ctx<'_>, path: &str) {
    let tags = &cx.plan.cluster.tags;
    if tags.len() > 50 {
        cx.report(
            Code::Tags,
            path,
            format!("{} tags; AWS allows at most 50 per resource", tags.len()),
            "Remove tags, or move some to cost-allocation categories.",
        );
    }
    let mut problems = Vec::new();
    for (k, v) in tags {
        if let Err(e) = syntax::aws_tag_key(k) {
            problems.push((format!("{path}.{k}"), e));
        }
        if let Err(e) = syntax::aws_tag_value(v) {
            problems.push((format!("{path}.{k}"), e));
        }
    }
    for (p, e) in problems {
        cx.report(Code::Tags, p, e, "Fix the tag key or value.");
    }
}

fn encryption(cx: &mut Ctx<'_>) {
    let cluster = &cx.plan.cluster;
    let enc = &cluster.secrets_encryption;
    match enc.mode {
        KeyMode::Create => {}
        KeyMode::None => cx.report(
            Code::SecretsEncryptionOff,
            "cluster.secrets_encryption.mode",
            "Kubernetes secrets are encrypted only with the AWS-owned default key",
            "Set `mode: create` to add a customer-managed KMS key with rotation.",
        ),
        KeyMode::Existing => {
            let path = "cluster.secrets_encryption.key_arn";
            match enc.key_arn.as_deref() {
                None | Some("") => cx.report(
                    Code::SecretsKey,
                    path,
                    "`mode: existing` needs the key's ARN",
                    "Set `key_arn`, or use `mode: create`.",
                ),
                Some(arn) => match syntax::kms_arn(arn, true) {
                    None => cx.report(
                        Code::SecretsKey,
                        path,
                        format!("`{arn}` is not a KMS key ARN"),
                        "Use `arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`.",
                    ),
                    Some(parsed) if parsed.region != cluster.region => cx.report(
                        Code::SecretsKey,
                        path,
                        format!(
                            "the key is in {}, but the cluster is in {}",
                            parsed.region, cluster.region
                        ),
                        "Use a symmetric KMS key in the cluster's region.",
                    ),
                    Some(_) => cx.check_placeholder_account(path, arn),
                },
            }
        }
    }
}

fn logs(cx: &mut Ctx<'_>) {
    let cluster = &cx.plan.cluster;
    if !LOG_RETENTION_DAYS.contains(&cluster.log_retention_days) {
        cx.report(
            Code::LogRetention,
            "cluster.log_retention_days",
            format!(
                "CloudWatch Logs cannot keep logs for {} days",
                cluster.log_retention_days
            ),
            "Use 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827 … 3653.",
        );
    }
    let logs = &cluster.control_plane_logs;
    if !logs.contains(&LogType::Audit) || !logs.contains(&LogType::Authenticator) {
        cx.report(
            Code::NoAuditLogs,
            "cluster.control_plane_logs",
            "without `audit` and `authenticator` logs you cannot tell who did what",
            "Add `audit` and `authenticator` to `control_plane_logs`.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::catalog::date::Date;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    #[test]
    fn cl001_cluster_name() {
        let mut p = good();
        p.cluster.name = "-bad name".into();
        assert_reported(&p, Code::ClusterName, "cluster.name", Severity::Error);
        p.cluster.name = "a".repeat(101);
        assert_reported(&p, Code::ClusterName, "cluster.name", Severity::Error);
        assert_not_reported(&good(), Code::ClusterName);
    }

    #[test]
    fn cl002_region() {
        let mut p = good();
        p.cluster.region = "useast1".into();
        assert_reported(&p, Code::Region, "cluster.region", Severity::Error);
        p.cluster.region = "xx-moon-1".into();
        assert_reported(&p, Code::Region, "cluster.region", Severity::Warning);
        p.cluster.region = "us-gov-west-1".into();
        assert_not_reported(&p, Code::Region);
    }

    #[test]
    fn cl003_version_below_auto_mode() {
        let mut p = good();
        p.cluster.kubernetes_version = "1.28".into();
        assert_reported(
            &p,
            Code::VersionBelowAutoMode,
            "cluster.kubernetes_version",
            Severity::Error,
        );
    }

    #[test]
    fn cl004_version_unknown() {
        let mut p = good();
        p.cluster.kubernetes_version = "latest".into();
        assert_reported(
            &p,
            Code::VersionUnknown,
            "cluster.kubernetes_version",
            Severity::Error,
        );
        p.cluster.kubernetes_version = "1.99".into();
        assert_reported(
            &p,
            Code::VersionUnknown,
            "cluster.kubernetes_version",
            Severity::Error,
        );
    }

    #[test]
    fn cl005_version_ended() {
        let mut p = good();
        p.cluster.kubernetes_version = "1.30".into();
        assert_reported(
            &p,
            Code::VersionEnded,
            "cluster.kubernetes_version",
            Severity::Error,
        );
        // 1.31 left extended support on 2026-11-26.
        p.cluster.kubernetes_version = "1.31".into();
        assert_reported(
            &p,
            Code::VersionEnded,
            "cluster.kubernetes_version",
            Severity::Error,
        );
    }

    #[test]
    fn cl006_and_cl007_extended_support() {
        let mut p = good();
        p.cluster.kubernetes_version = "1.32".into();
        p.cluster.support_type = SupportType::Extended;
        assert_reported(
            &p,
            Code::VersionExtendedSupport,
            "cluster.kubernetes_version",
            Severity::Warning,
        );
        assert!(
            check(&p)
                .iter()
                .any(|d| d.code == Code::VersionExtendedSupport
                    && d.message.contains("until 2027-03-23")
                    && d.message.contains("$365.00/month more per cluster"))
        );
        assert_not_reported(&p, Code::StandardSupportOnExtendedVersion);
        p.cluster.support_type = SupportType::Standard;
        assert_reported(
            &p,
            Code::StandardSupportOnExtendedVersion,
            "cluster.support_type",
            Severity::Error,
        );
    }

    #[test]
    fn cl008_standard_support_ending_soon() {
        let mut p = good();
        p.cluster.kubernetes_version = "1.34".into(); // extended support from 2026-12-02
        assert_reported(
            &p,
            Code::StandardSupportEndingSoon,
            "cluster.kubernetes_version",
            Severity::Warning,
        );
        let d = check(&p)
            .into_iter()
            .find(|d| d.code == Code::StandardSupportEndingSoon)
            .expect("CL008");
        assert!(d.message.contains("2026-12-02 (in 1 day)"), "{}", d.message);
        assert!(
            d.message.contains("$365.00/month more per cluster"),
            "{}",
            d.message
        );
        assert!(
            d.message
                .contains("upgrades the control plane automatically")
        );
        assert!(
            d.fix.contains("1.37, 1.36, 1.35") && !d.fix.contains("1.34,"),
            "{}",
            d.fix
        );
        p.cluster.support_type = SupportType::Extended;
        let d = check(&p)
            .into_iter()
            .find(|d| d.code == Code::StandardSupportEndingSoon)
            .expect("CL008");
        assert!(
            d.message
                .contains("from then the control plane costs $365.00/month more per cluster ($0.60/h instead of $0.10/h, 730 h/month)"),
            "{}",
            d.message
        );
        // The cost plan's price overrides apply.
        p.capacity.prices.extended_support_hour = Some(0.70);
        let d = check(&p)
            .into_iter()
            .find(|d| d.code == Code::StandardSupportEndingSoon)
            .expect("CL008");
        assert!(d.message.contains("$438.00/month"), "{}", d.message);
        p.cluster.kubernetes_version = "1.35".into();
        assert_not_reported(&p, Code::StandardSupportEndingSoon);
    }

    /// The 90-day window against fixed dates: 1.34 enters extended support
    /// on 2026-12-02, 1.35 on 2027-03-27.
    #[test]
    fn cl008_window_on_fixed_dates() {
        let on = |version: &str, day: Date| {
            let mut p = good();
            p.cluster.kubernetes_version = version.into();
            check_on(&p, day)
                .into_iter()
                .filter(|d| d.path == "cluster.kubernetes_version")
                .map(|d| d.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(on("1.34", Date::new(2026, 9, 2)), []);
        assert_eq!(
            on("1.34", Date::new(2026, 9, 3)),
            [Code::StandardSupportEndingSoon]
        );
        assert_eq!(
            on("1.34", Date::new(2026, 12, 2)),
            [Code::VersionExtendedSupport]
        );
        assert_eq!(on("1.35", Date::new(2026, 12, 1)), []);
        assert_eq!(
            on("1.35", Date::new(2026, 12, 27)),
            [Code::StandardSupportEndingSoon]
        );
        assert_eq!(
            on("1.31", Date::new(2026, 11, 25)),
            [Code::VersionExtendedSupport]
        );
        assert_eq!(on("1.31", Date::new(2026, 11, 26)), [Code::VersionEnded]);
        assert_eq!(on("1.37", Date::new(2026, 12, 1)), []);
        // An estimated date says so in the finding.
        let mut p = good();
        p.cluster.kubernetes_version = "1.37".into();
        let d = check_on(&p, Date::new(2027, 10, 1))
            .into_iter()
            .find(|d| d.code == Code::StandardSupportEndingSoon)
            .expect("CL008 for 1.37 in October 2027");
        assert!(
            d.message
                .contains("2027-12-01 (in 61 days) (date estimated"),
            "{}",
            d.message
        );
    }

    #[test]
    fn cl009_public_endpoint_open() {
        let mut p = good();
        p.cluster.endpoint.public_access_cidrs.clear();
        assert_reported(
            &p,
            Code::PublicEndpointOpen,
            "cluster.endpoint.public_access_cidrs",
            Severity::Warning,
        );
        p.cluster.endpoint.public_access_cidrs = vec!["0.0.0.0/0".into()];
        assert_reported(
            &p,
            Code::PublicEndpointOpen,
            "cluster.endpoint.public_access_cidrs",
            Severity::Warning,
        );
        assert_not_reported(&good(), Code::PublicEndpointOpen);
    }

    #[test]
    fn cl010_public_access_cidr() {
        let mut p = good();
        p.cluster.endpoint.public_access_cidrs = vec!["203.0.113.7/24".into()];
        assert_reported(
            &p,
            Code::PublicAccessCidr,
            "cluster.endpoint.public_access_cidrs[0]",
            Severity::Error,
        );
    }

    #[test]
    fn cl022_documentation_cidr() {
        assert_reported(
            &good(),
            Code::DocumentationCidr,
            "cluster.endpoint.public_access_cidrs[0]",
            Severity::Warning,
        );
        let mut p = good();
        p.cluster.endpoint.public_access_cidrs = vec!["198.18.0.0/15".into()];
        assert_not_reported(&p, Code::DocumentationCidr);
    }

    #[test]
    fn cl011_and_cl021_private_endpoint() {
        let mut p = good();
        p.cluster.endpoint.access = EndpointAccess::Private;
        assert_reported(
            &p,
            Code::PublicCidrsIgnored,
            "cluster.endpoint.public_access_cidrs",
            Severity::Warning,
        );
        assert_reported(
            &p,
            Code::PrivateEndpointOnly,
            "cluster.endpoint.access",
            Severity::Info,
        );
    }

    #[test]
    fn cl012_service_cidr() {
        let mut p = good();
        p.cluster.service_cidr = Some("8.8.0.0/16".into());
        assert_reported(
            &p,
            Code::ServiceCidr,
            "cluster.service_cidr",
            Severity::Error,
        );
        p.cluster.service_cidr = Some("172.16.0.0/12".into());
        assert_reported(
            &p,
            Code::ServiceCidr,
            "cluster.service_cidr",
            Severity::Error,
        );
        p.cluster.service_cidr = Some("172.20.0.0/16".into());
        assert_not_reported(&p, Code::ServiceCidr);
    }

    #[test]
    fn cl013_service_cidr_overlap() {
        let mut p = good();
        p.cluster.service_cidr = Some("10.0.128.0/20".into());
        assert_reported(
            &p,
            Code::ServiceCidrOverlap,
            "cluster.service_cidr",
            Severity::Error,
        );
    }

    #[test]
    fn cl014_service_cidr_ipv6() {
        let mut p = good();
        p.cluster.ip_family = IpFamily::Ipv6;
        p.cluster.service_cidr = Some("172.20.0.0/16".into());
        assert_reported(
            &p,
            Code::ServiceCidrIpv6,
            "cluster.service_cidr",
            Severity::Error,
        );
    }

    #[test]
    fn cl015_tags() {
        let mut p = good();
        p.cluster.tags.insert("aws:owner".into(), "x".into());
        assert_reported(&p, Code::Tags, "cluster.tags.aws:owner", Severity::Error);
        let mut p = good();
        for i in 0..51 {
            p.cluster.tags.insert(format!("k{i}"), "v".into());
        }
        assert_reported(&p, Code::Tags, "cluster.tags", Severity::Error);
    }

    #[test]
    fn cl016_secrets_key() {
        let mut p = good();
        p.cluster.secrets_encryption.mode = KeyMode::Existing;
        let path = "cluster.secrets_encryption.key_arn";
        assert_reported(&p, Code::SecretsKey, path, Severity::Error);
        p.cluster.secrets_encryption.key_arn =
            Some("arn:aws:kms:eu-west-1:210987654321:key/k".into());
        assert_reported(&p, Code::SecretsKey, path, Severity::Error);
        p.cluster.secrets_encryption.key_arn =
            Some("arn:aws:kms:us-east-1:210987654321:key/k".into());
        assert_not_reported(&p, Code::SecretsKey);
    }

    #[test]
    fn cl017_secrets_encryption_off() {
        let mut p = good();
        p.cluster.secrets_encryption.mode = KeyMode::None;
        assert_reported(
            &p,
            Code::SecretsEncryptionOff,
            "cluster.secrets_encryption.mode",
            Severity::Warning,
        );
    }

    #[test]
    fn cl018_log_retention() {
        let mut p = good();
        p.cluster.log_retention_days = 42;
        assert_reported(
            &p,
            Code::LogRetention,
            "cluster.log_retention_days",
            Severity::Error,
        );
    }

    #[test]
    fn cl019_no_audit_logs() {
        let mut p = good();
        assert_reported(
            &p,
            Code::NoAuditLogs,
            "cluster.control_plane_logs",
            Severity::Info,
        );
        p.cluster.control_plane_logs = vec![LogType::Audit, LogType::Authenticator];
        assert_not_reported(&p, Code::NoAuditLogs);
    }

    #[test]
    fn cl020_deletion_protection_off() {
        let mut p = good();
        assert_reported(
            &p,
            Code::DeletionProtectionOff,
            "cluster.deletion_protection",
            Severity::Info,
        );
        p.cluster.deletion_protection = true;
        assert_not_reported(&p, Code::DeletionProtectionOff);
    }
}
