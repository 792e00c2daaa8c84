//! Rules for custom NodeClasses (reference §3.1).

use base64::Engine as _;
use std::collections::BTreeMap;

use super::{Ctx, duplicates, syntax};
use crate::catalog::policies::{AUTO_NODE_ACCESS_POLICY, fips_region};
use crate::diag::{Code, Severity};
use crate::plan::{
    AccessEntryType, InterfaceType, IpFamily, NodeClass, NodeClassRoleMode, SecurityGroupTerm,
    SelectorTerm,
};

/// NodeClass tag keys EKS refuses (CRD validations).
const RESTRICTED_TAGS: &[&str] = &[
    "karpenter.sh/provisioner-name",
    "karpenter.sh/nodepool",
    "karpenter.sh/nodeclaim",
    "karpenter.sh/managed-by",
    "eks.amazonaws.com/nodeclass",
];

/// `noProxy` entries AWS recommends for nodes behind a proxy.
const RECOMMENDED_NO_PROXY: &[&str] = &[
    "localhost",
    "127.0.0.1",
    "169.254.169.254",
    ".internal",
    ".eks.amazonaws.com",
];

pub(super) fn check(cx: &mut Ctx<'_>) {
    let classes = &cx.plan.node_classes;
    for (i, nc) in classes.iter().enumerate() {
        one(cx, i, nc);
    }
    for (i, name) in duplicates(classes.iter().map(|n| n.name.as_str())) {
        cx.report(
            Code::DuplicateNodeClass,
            format!("node_classes[{i}].name"),
            format!("another NodeClass is already named `{name}`"),
            "Give each NodeClass a unique name.",
        );
    }
}

fn one(cx: &mut Ctx<'_>, i: usize, nc: &NodeClass) {
    let base = format!("node_classes[{i}]");
    if nc.name == "default" {
        cx.report(
            Code::NodeClassName,
            format!("{base}.name"),
            "`default` is the NodeClass EKS manages for the built-in pools; edits are reverted",
            "Choose another name, for example `private-nodes`.",
        );
    } else if !syntax::dns1123_subdomain(&nc.name) {
        cx.report(
            Code::NodeClassName,
            format!("{base}.name"),
            format!("`{}` is not a valid Kubernetes object name", nc.name),
            "Use lower-case letters, digits and `-`.",
        );
    }
    role(cx, &base, nc);

    let subnet_path = format!("{base}.subnet_selector_terms");
    subnet_terms(cx, &subnet_path, &nc.subnet_selector_terms);
    sg_terms(
        cx,
        &format!("{base}.security_group_selector_terms"),
        &nc.security_group_selector_terms,
    );
    subnet_terms(
        cx,
        &format!("{base}.pod_subnet_selector_terms"),
        &nc.pod_subnet_selector_terms,
    );
    sg_terms(
        cx,
        &format!("{base}.pod_security_group_selector_terms"),
        &nc.pod_security_group_selector_terms,
    );
    if nc.pod_subnet_selector_terms.is_empty() != nc.pod_security_group_selector_terms.is_empty() {
        cx.report(
            Code::PodSubnetsWithoutPodSecurityGroups,
            format!("{base}.pod_subnet_selector_terms"),
            "pod subnets and pod security groups must be set together",
            "Set both `pod_subnet_selector_terms` and `pod_security_group_selector_terms`, or neither.",
        );
    }
    if nc
        .subnet_selector_terms
        .iter()
        .any(|t| t.tags.contains_key("kubernetes.io/role/elb"))
    {
        cx.report(
            Code::PublicNodes,
            subnet_path,
            "the subnet selector matches public (`kubernetes.io/role/elb`) subnets; nodes may land there",
            "Select private subnets, for example by `kubernetes.io/role/internal-elb`.",
        );
    }

    capacity_reservations(cx, &base, nc);
    placement_group(cx, &base, nc);
    ephemeral(cx, &base, nc);
    tags(cx, &base, &nc.tags);
    networking(cx, &base, nc);

    if nc.advanced_security.fips == Some(true) && !fips_region(&cx.plan.cluster.region) {
        cx.report(
            Code::FipsRegion,
            format!("{base}.advanced_security.fips"),
            format!(
                "FIPS AMIs are offered in US, GovCloud and Canada regions, not {}",
                cx.plan.cluster.region
            ),
            "Turn `fips` off, or run the cluster in a supported region.",
        );
    }
    for (j, b) in nc.certificate_bundles.iter().enumerate() {
        let path = format!("{base}.certificate_bundles[{j}]");
        if !syntax::dns1123_subdomain(&b.name) {
            cx.report(
                Code::CertificateBundle,
                format!("{path}.name"),
                format!("`{}` is not a valid bundle name", b.name),
                "Use lower-case letters, digits and `-`.",
            );
        }
        let decoded = base64::engine::general_purpose::STANDARD.decode(b.data.trim());
        let pem = decoded
            .ok()
            .and_then(|d| String::from_utf8(d).ok())
            .is_some_and(|t| t.contains("-----BEGIN CERTIFICATE-----"));
        if !pem {
            cx.report(
                Code::CertificateBundle,
                format!("{path}.data"),
                "`data` must be base64 of one or more PEM certificates",
                "Encode the PEM file: `base64 -w0 ca.pem`.",
            );
        }
    }

    let used = cx.plan.node_pools.iter().any(|p| p.node_class == nc.name);
    if !used {
        cx.report(
            Code::NodeClassUnused,
            format!("{base}.name"),
            format!("no NodePool uses NodeClass `{}`", nc.name),
            "Reference it from a NodePool's `node_class`, or remove it.",
        );
    }
}

fn role(cx: &mut Ctx<'_>, base: &str, nc: &NodeClass) {
    let path = format!("{base}.role");
    match nc.role.mode {
        NodeClassRoleMode::ClusterNodeRole | NodeClassRoleMode::Create => {}
        NodeClassRoleMode::Existing => match nc.role.role.as_deref() {
            None | Some("") => cx.report(
                Code::NodeClassRole,
                format!("{path}.role"),
                "`mode: existing` needs a role name or ARN",
                "Set `role`, or use `mode: create`.",
            ),
            Some(r) if r.starts_with("arn:") => {
                if syntax::iam_role_arn(r).is_none() {
                    cx.report(
                        Code::NodeClassRole,
                        format!("{path}.role"),
                        format!("`{r}` is not an IAM role ARN"),
                        "Use `arn:aws:iam::ACCOUNT:role/NAME`, or just the role name.",
                    );
                } else {
                    cx.check_placeholder_account(&format!("{path}.role"), r);
                }
            }
            Some(r) => {
                if !syntax::iam_name(r, 64) {
                    cx.report(
                        Code::NodeClassRole,
                        format!("{path}.role"),
                        format!("`{r}` is not an IAM role name (at most 64 of `A-Za-z0-9+=,.@_-`)"),
                        "Give the role's name or full ARN.",
                    );
                }
            }
        },
        NodeClassRoleMode::InstanceProfile => match nc.role.instance_profile.as_deref() {
            None | Some("") => cx.report(
                Code::NodeClassRole,
                format!("{path}.instance_profile"),
                "`mode: instance_profile` needs the profile name",
                "Set `instance_profile`.",
            ),
            Some(ip) if !ip.starts_with("eks") || !syntax::iam_name(ip, 128) => cx.report(
                Code::NodeClassRole,
                format!("{path}.instance_profile"),
                format!("`{ip}` is not usable: Auto Mode requires instance profile names starting with `eks`"),
                "Rename the instance profile (for example `eks-private-nodes`), or use a role.",
            ),
            Some(_) => {
                let has_entry = cx.plan.access.entries.iter().any(|e| {
                    e.entry_type == AccessEntryType::Ec2
                        && e.policies
                            .iter()
                            .any(|p| super::policy_name(&p.policy) == AUTO_NODE_ACCESS_POLICY)
                });
                if !has_entry {
                    cx.report_as(
                        Severity::Warning,
                        Code::NodeClassRole,
                        format!("{path}.instance_profile"),
                        "the planner cannot see which role the instance profile holds, so it cannot add that role's EC2 access entry; without it nodes never join",
                        "Add an access entry of type EC2 with AmazonEKSAutoNodePolicy for the profile's role.",
                    );
                }
            }
        },
    }
}

fn tag_map_ok(tags: &BTreeMap<String, String>) -> Result<(), String> {
    if tags.len() > 20 {
        return Err(format!("{} tags; a term may match at most 20", tags.len()));
    }
    if tags.iter().any(|(k, v)| k.is_empty() || v.is_empty()) {
        return Err(
            "empty tag keys or values are not supported (use `*` for any value)".to_owned(),
        );
    }
    Ok(())
}

fn subnet_terms(cx: &mut Ctx<'_>, path: &str, terms: &[SelectorTerm]) {
    if terms.len() > 30 {
        cx.report(
            Code::SubnetTerm,
            path,
            "more than 30 terms",
            "Use at most 30 terms.",
        );
    }
    for (j, t) in terms.iter().enumerate() {
        let tp = format!("{path}[{j}]");
        let problem = match (&t.id, t.tags.is_empty()) {
            (Some(_), false) => Some("`id` cannot be combined with `tags` in one term".to_owned()),
            (None, true) => Some("a term needs `id` or `tags`".to_owned()),
            (Some(id), true) if !id.starts_with("subnet-") || id.len() <= 7 => {
                Some(format!("`{id}` is not a subnet id"))
            }
            (None, false) => tag_map_ok(&t.tags).err(),
            _ => None,
        };
        if let Some(p) = problem {
            cx.report(
                Code::SubnetTerm,
                tp,
                p,
                "Write each term as either `id: subnet-…` or `tags: {key: value}`.",
            );
        }
    }
}

fn sg_terms(cx: &mut Ctx<'_>, path: &str, terms: &[SecurityGroupTerm]) {
    if terms.len() > 30 {
        cx.report(
            Code::SecurityGroupTerm,
            path,
            "more than 30 terms",
            "Use at most 30 terms.",
        );
    }
    for (j, t) in terms.iter().enumerate() {
        let set = usize::from(t.id.is_some())
            + usize::from(t.name.is_some())
            + usize::from(!t.tags.is_empty());
        let problem = if set != 1 {
            Some("a term needs exactly one of `id`, `name` or `tags`".to_owned())
        } else if let Some(id) = &t.id {
            (!id.starts_with("sg-") || id.len() <= 3)
                .then(|| format!("`{id}` is not a security group id"))
        } else if t.name.as_deref() == Some("") {
            Some("empty security group name".to_owned())
        } else {
            tag_map_ok(&t.tags).err()
        };
        if let Some(p) = problem {
            cx.report(
                Code::SecurityGroupTerm,
                format!("{path}[{j}]"),
                p,
                "Write each term as `id: sg-…`, `name: …` or `tags: {key: value}`.",
            );
        }
    }
}

fn capacity_reservations(cx: &mut Ctx<'_>, base: &str, nc: &NodeClass) {
    let terms = &nc.capacity_reservation_selector_terms;
    if terms.is_empty() {
        return;
    }
    let path = format!("{base}.capacity_reservation_selector_terms");
    cx.report(
        Code::CapacityReservationsClusterWide,
        &path,
        "selecting capacity reservations on any NodeClass stops Auto Mode using open ODCRs automatically in the whole cluster",
        "Select every reservation you rely on explicitly, in each NodeClass that should use one.",
    );
    for (j, t) in terms.iter().enumerate() {
        let problem = match (&t.id, t.tags.is_empty(), &t.owner) {
            (Some(_), false, _) | (Some(_), _, Some(_)) => {
                Some("`id` cannot be combined with `tags` or `owner`".to_owned())
            }
            (None, true, _) => Some("a term needs `id` or `tags`".to_owned()),
            (Some(id), true, None) if !id.starts_with("cr-") => {
                Some(format!("`{id}` is not a capacity reservation id"))
            }
            (None, false, Some(o)) if !syntax::account_id(o) => {
                Some(format!("owner `{o}` is not a 12-digit account id"))
            }
            (None, false, _) => tag_map_ok(&t.tags).err(),
            _ => None,
        };
        if let Some(p) = problem {
            cx.report(
                Code::CapacityReservationTerm,
                format!("{path}[{j}]"),
                p,
                "Write each term as `id: cr-…`, or `tags` with an optional `owner`.",
            );
        }
    }
}

fn placement_group(cx: &mut Ctx<'_>, base: &str, nc: &NodeClass) {
    let Some(pg) = &nc.placement_group else {
        return;
    };
    let path = format!("{base}.placement_group");
    let problem = match (&pg.name, &pg.id) {
        (Some(_), Some(_)) | (None, None) => Some("set exactly one of `name` or `id`".to_owned()),
        (None, Some(id)) if !id.starts_with("pg-") => {
            Some(format!("`{id}` is not a placement group id"))
        }
        (Some(n), None) if n.is_empty() => Some("empty placement group name".to_owned()),
        _ => None,
    };
    if let Some(p) = problem {
        cx.report(
            Code::PlacementGroup,
            path,
            p,
            "Select one placement group by `name` or `id`.",
        );
    }
}

/// Parse an ephemeral storage size against the CRD's ranges; returns GiB.
pub(crate) fn ephemeral_size_gib(size: &str) -> Option<f64> {
    let split = size.find(|c: char| !c.is_ascii_digit())?;
    let (num, unit) = size.split_at(split);
    if num.starts_with('0') {
        return None;
    }
    let n: u64 = num.parse().ok()?;
    let (max, gib) = match unit {
        "Gi" => (59_000, 1.0),
        "G" => (64_000, 1e9 / 1_073_741_824.0),
        "Ti" => (58, 1024.0),
        "T" => (64, 1e12 / 1_073_741_824.0),
        _ => return None,
    };
    (1..=max).contains(&n).then_some(n as f64 * gib)
}

fn ephemeral(cx: &mut Ctx<'_>, base: &str, nc: &NodeClass) {
    let es = &nc.ephemeral_storage;
    let path = format!("{base}.ephemeral_storage");
    if ephemeral_size_gib(&es.size).is_none() {
        cx.report(
            Code::EphemeralStorage,
            format!("{path}.size"),
            format!("`{}` is not a valid size", es.size),
            "Use 1–59000Gi, 1–64000G, 1–58Ti or 1–64T, for example `80Gi`.",
        );
    }
    if !(3000..=16000).contains(&es.iops) {
        cx.report(
            Code::EphemeralStorage,
            format!("{path}.iops"),
            format!("{} IOPS is outside 3000–16000", es.iops),
            "Use 3000 (the gp3 baseline, free) up to 16000.",
        );
    }
    if !(125..=1000).contains(&es.throughput) {
        cx.report(
            Code::EphemeralStorage,
            format!("{path}.throughput"),
            format!("{} MiB/s is outside 125–1000", es.throughput),
            "Use 125 (the gp3 baseline, free) up to 1000.",
        );
    } else if f64::from(es.throughput) > f64::from(es.iops) / 4.0 {
        cx.report(
            Code::EphemeralStorage,
            format!("{path}.throughput"),
            format!(
                "gp3 allows at most 0.25 MiB/s per IOPS: {} IOPS caps throughput at {} MiB/s",
                es.iops,
                es.iops / 4
            ),
            "Raise `iops` or lower `throughput`.",
        );
    }
    if let Some(k) = &es.kms_key_id {
        if k.is_empty() {
            cx.report(
                Code::EphemeralStorage,
                format!("{path}.kms_key_id"),
                "empty KMS key id",
                "Remove it to use `aws/ebs`, or give a key id, ARN or `alias/…`.",
            );
        } else {
            cx.report(
                Code::VolumeKeyPolicy,
                format!("{path}.kms_key_id"),
                "nodes fail to launch unless the key policy lets the cluster role use the key (including kms:CreateGrant)",
                "Add the Auto Mode statements to the key policy (EKS guide: auto-kms).",
            );
            if k.starts_with("arn:") {
                cx.check_placeholder_account(&format!("{path}.kms_key_id"), k);
            }
        }
    }
}

fn tags(cx: &mut Ctx<'_>, base: &str, tags: &BTreeMap<String, String>) {
    if tags.is_empty() {
        return;
    }
    let path = format!("{base}.tags");
    for (k, v) in tags {
        let restricted =
            k.starts_with("kubernetes.io/cluster") || RESTRICTED_TAGS.contains(&k.as_str());
        let problem = if restricted {
            Some(format!("tag `{k}` is reserved by EKS/Karpenter"))
        } else {
            syntax::aws_tag_key(k)
                .err()
                .or_else(|| syntax::aws_tag_value(v).err())
        };
        if let Some(p) = problem {
            cx.report(
                Code::RestrictedNodeClassTag,
                format!("{path}.{k}"),
                p,
                "Remove or rename the tag.",
            );
        }
    }
    cx.report(
        Code::CustomTagPolicy,
        path,
        "custom tags need the custom-tag policy on the cluster role, or nodes fail with `Error getting launch template configs`",
        "Nothing to do for tagging at launch: the planner attaches that policy. Changing or removing the tags later also needs tag-modify permissions on existing resources, which the policy does not grant yet (EKS user guide, auto-cluster-iam-role).",
    );
}

/// `http(s)://host[:port][/]`, at most 255 characters, no whitespace.
fn proxy_url(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("http://")
        .or_else(|| s.strip_prefix("https://"))
    else {
        return false;
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        match v6.split_once(']') {
            Some((h, p)) => (h, p.strip_prefix(':')),
            None => return false,
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b':'));
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|n| n > 0));
    s.len() <= 255 && host_ok && port_ok
}

fn networking(cx: &mut Ctx<'_>, base: &str, nc: &NodeClass) {
    let an = &nc.advanced_networking;
    let path = format!("{base}.advanced_networking");
    if let Some(proxy) = &an.https_proxy {
        if !proxy_url(proxy) {
            cx.report(
                Code::Proxy,
                format!("{path}.https_proxy"),
                format!("`{proxy}` is not a proxy URL"),
                "Use `http://HOST:PORT` (at most 255 characters).",
            );
        }
        let missing: Vec<&str> = RECOMMENDED_NO_PROXY
            .iter()
            .copied()
            .filter(|r| !an.no_proxy.iter().any(|n| n == r))
            .collect();
        if !missing.is_empty() {
            cx.report_as(
                Severity::Warning,
                Code::Proxy,
                format!("{path}.no_proxy"),
                format!("`no_proxy` lacks {}; node traffic to AWS and the metadata service would go through the proxy", missing.join(", ")),
                "Add them, plus your VPC CIDR and VPC endpoint hostnames.",
            );
        }
    } else if !an.no_proxy.is_empty() {
        cx.report_as(
            Severity::Warning,
            Code::Proxy,
            format!("{path}.no_proxy"),
            "`no_proxy` has no effect without `https_proxy`",
            "Set `https_proxy`, or remove `no_proxy`.",
        );
    }
    if an.no_proxy.len() > 50 || an.no_proxy.iter().any(|n| n.is_empty() || n.len() > 255) {
        cx.report(
            Code::Proxy,
            format!("{path}.no_proxy"),
            "`no_proxy` takes at most 50 non-empty entries of at most 255 characters",
            "Shorten the list (CIDRs can cover many addresses).",
        );
    }
    if an.enable_v4_egress.is_some() && cx.plan.cluster.ip_family == IpFamily::Ipv4 {
        cx.report(
            Code::V4EgressOnIpv4,
            format!("{path}.enable_v4_egress"),
            "`enable_v4_egress` only applies to IPv6 clusters",
            "Remove it, or set `cluster.ip_family: ipv6`.",
        );
    }
    if an.associate_public_ip_address == Some(true) {
        cx.report(
            Code::PublicNodes,
            format!("{path}.associate_public_ip_address"),
            "nodes get public IP addresses",
            "Keep nodes private and reach the internet through NAT, unless you have a reason.",
        );
    }
    let nics = &an.network_interfaces;
    if nics.is_empty() {
        return;
    }
    let npath = format!("{path}.network_interfaces");
    let mut problems = Vec::new();
    let primary = nics
        .iter()
        .find(|n| n.network_card_index == 0 && n.device_index == 0);
    match primary {
        None => problems.push((
            npath.clone(),
            "the layout needs a primary interface (card 0, device 0)".to_owned(),
        )),
        Some(p) if p.interface_type != InterfaceType::Interface => problems.push((
            npath.clone(),
            "the primary interface (card 0, device 0) must be of type `interface`".to_owned(),
        )),
        _ => {}
    }
    for (j, n) in nics.iter().enumerate() {
        let p = format!("{npath}[{j}]");
        let counts = n.secondary_ipv4_count.is_some() || n.secondary_ipv4_prefix_count.is_some();
        if n.secondary_ipv4_count.is_some() && n.secondary_ipv4_prefix_count.is_some() {
            problems.push((
                p.clone(),
                "set at most one of the secondary IPv4 counts".to_owned(),
            ));
        }
        if counts && (n.network_card_index != 0 || n.interface_type == InterfaceType::EfaOnly) {
            problems.push((
                p,
                "secondary IPv4 counts are allowed only on card 0, not on `efa-only` interfaces"
                    .to_owned(),
            ));
        }
    }
    for (j, _) in duplicates(
        nics.iter()
            .map(|n| format!("{}/{}", n.network_card_index, n.device_index))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    ) {
        problems.push((
            format!("{npath}[{j}]"),
            "two interfaces share a card and device index".to_owned(),
        ));
    }
    if an.associate_public_ip_address.is_some() && nics.len() > 1 {
        problems.push((
            format!("{path}.associate_public_ip_address"),
            "`associate_public_ip_address` cannot be used with more than one network interface"
                .to_owned(),
        ));
    }
    if cx.plan.cluster.ip_family == IpFamily::Ipv6 {
        problems.push((
            npath,
            "static network interface layouts do not support IPv6".to_owned(),
        ));
    }
    for (p, msg) in problems {
        cx.report(
            Code::NetworkInterfaces,
            p,
            msg,
            "Fix the interface layout (EKS guide: create-node-class).",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;
    use std::collections::BTreeMap;

    /// A plan with one custom NodeClass used by one NodePool.
    fn with(nc: NodeClass) -> Plan {
        let mut p = good();
        p.node_pools.push(NodePool {
            node_class: nc.name.clone(),
            ..NodePool::default()
        });
        p.node_classes.push(nc);
        p
    }

    fn tags(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn nc001_name() {
        let p = with(NodeClass {
            name: "default".into(),
            ..NodeClass::default()
        });
        assert_reported(
            &p,
            Code::NodeClassName,
            "node_classes[0].name",
            Severity::Error,
        );
        let p = with(NodeClass {
            name: "Private".into(),
            ..NodeClass::default()
        });
        assert_reported(
            &p,
            Code::NodeClassName,
            "node_classes[0].name",
            Severity::Error,
        );
        assert_not_reported(&with(NodeClass::default()), Code::NodeClassName);
    }

    #[test]
    fn nc002_duplicate() {
        let mut p = with(NodeClass::default());
        p.node_classes.push(NodeClass::default());
        assert_reported(
            &p,
            Code::DuplicateNodeClass,
            "node_classes[1].name",
            Severity::Error,
        );
    }

    #[test]
    fn nc003_role() {
        let mut nc = NodeClass::default();
        nc.role.mode = NodeClassRoleMode::Existing;
        assert_reported(
            &with(nc.clone()),
            Code::NodeClassRole,
            "node_classes[0].role.role",
            Severity::Error,
        );
        nc.role.role = Some("a".repeat(65));
        assert_reported(
            &with(nc.clone()),
            Code::NodeClassRole,
            "node_classes[0].role.role",
            Severity::Error,
        );
        nc.role.role = Some("GpuNodeRole".into());
        assert_not_reported(&with(nc.clone()), Code::NodeClassRole);
        nc.role.mode = NodeClassRoleMode::InstanceProfile;
        nc.role.instance_profile = Some("eks-gpu-profile".into());
        assert_reported(
            &with(nc.clone()),
            Code::NodeClassRole,
            "node_classes[0].role.instance_profile",
            Severity::Warning,
        );
        nc.role.instance_profile = Some("gpu-profile".into());
        assert_reported(
            &with(nc),
            Code::NodeClassRole,
            "node_classes[0].role.instance_profile",
            Severity::Error,
        );
    }

    #[test]
    fn nc004_subnet_terms() {
        let nc = NodeClass {
            subnet_selector_terms: vec![
                SelectorTerm {
                    id: Some("subnet-1".into()),
                    tags: tags(&[("a", "b")]),
                },
                SelectorTerm::default(),
                SelectorTerm {
                    id: None,
                    tags: tags(&[("a", "")]),
                },
            ],
            ..NodeClass::default()
        };
        let p = with(nc);
        for j in 0..3 {
            assert_reported(
                &p,
                Code::SubnetTerm,
                &format!("node_classes[0].subnet_selector_terms[{j}]"),
                Severity::Error,
            );
        }
    }

    #[test]
    fn nc005_security_group_terms() {
        let nc = NodeClass {
            security_group_selector_terms: vec![
                SecurityGroupTerm {
                    id: Some("sg-1".into()),
                    name: Some("x".into()),
                    ..Default::default()
                },
                SecurityGroupTerm {
                    id: Some("group-1".into()),
                    ..Default::default()
                },
            ],
            ..NodeClass::default()
        };
        let p = with(nc);
        assert_reported(
            &p,
            Code::SecurityGroupTerm,
            "node_classes[0].security_group_selector_terms[0]",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::SecurityGroupTerm,
            "node_classes[0].security_group_selector_terms[1]",
            Severity::Error,
        );
    }

    #[test]
    fn nc006_pod_subnets_need_pod_security_groups() {
        let nc = NodeClass {
            pod_subnet_selector_terms: vec![SelectorTerm {
                id: None,
                tags: tags(&[("tier", "pods")]),
            }],
            ..NodeClass::default()
        };
        assert_reported(
            &with(nc),
            Code::PodSubnetsWithoutPodSecurityGroups,
            "node_classes[0].pod_subnet_selector_terms",
            Severity::Error,
        );
    }

    #[test]
    fn nc007_ephemeral_storage() {
        let mut nc = NodeClass::default();
        nc.ephemeral_storage.size = "80GB".into();
        nc.ephemeral_storage.iops = 2000;
        let p = with(nc);
        assert_reported(
            &p,
            Code::EphemeralStorage,
            "node_classes[0].ephemeral_storage.size",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::EphemeralStorage,
            "node_classes[0].ephemeral_storage.iops",
            Severity::Error,
        );
        let mut nc = NodeClass::default();
        nc.ephemeral_storage.throughput = 1000; // needs ≥ 4000 IOPS
        assert_reported(
            &with(nc),
            Code::EphemeralStorage,
            "node_classes[0].ephemeral_storage.throughput",
            Severity::Error,
        );
        assert_eq!(super::ephemeral_size_gib("59001Gi"), None);
        assert_eq!(super::ephemeral_size_gib("1Ti"), Some(1024.0));
    }

    #[test]
    fn nc008_restricted_tag() {
        let nc = NodeClass {
            tags: tags(&[("karpenter.sh/nodepool", "x")]),
            ..NodeClass::default()
        };
        assert_reported(
            &with(nc),
            Code::RestrictedNodeClassTag,
            "node_classes[0].tags.karpenter.sh/nodepool",
            Severity::Error,
        );
    }

    #[test]
    fn nc009_custom_tag_policy() {
        let nc = NodeClass {
            tags: tags(&[("team", "ml")]),
            ..NodeClass::default()
        };
        assert_reported(
            &with(nc),
            Code::CustomTagPolicy,
            "node_classes[0].tags",
            Severity::Info,
        );
    }

    #[test]
    fn nc010_proxy() {
        let mut nc = NodeClass::default();
        nc.advanced_networking.https_proxy = Some("proxy:3128".into());
        let p = with(nc.clone());
        assert_reported(
            &p,
            Code::Proxy,
            "node_classes[0].advanced_networking.https_proxy",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::Proxy,
            "node_classes[0].advanced_networking.no_proxy",
            Severity::Warning,
        );
        assert!(super::proxy_url("http://b"));
        assert!(super::proxy_url("https://[2001:db8::1]:3128"));
        assert!(!super::proxy_url("http://a b:3128"));
        assert!(!super::proxy_url("http://h:99999"));
        nc.advanced_networking.https_proxy = Some("http://10.0.0.5:3128".into());
        nc.advanced_networking.no_proxy = super::RECOMMENDED_NO_PROXY
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_not_reported(&with(nc), Code::Proxy);
    }

    #[test]
    fn nc011_network_interfaces() {
        let mut nc = NodeClass::default();
        nc.advanced_networking.network_interfaces = vec![NetworkInterface {
            network_card_index: 1,
            interface_type: InterfaceType::EfaOnly,
            secondary_ipv4_count: Some(4),
            ..NetworkInterface::default()
        }];
        let p = with(nc);
        assert_reported(
            &p,
            Code::NetworkInterfaces,
            "node_classes[0].advanced_networking.network_interfaces",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::NetworkInterfaces,
            "node_classes[0].advanced_networking.network_interfaces[0]",
            Severity::Error,
        );
    }

    #[test]
    fn nc012_and_nc020_capacity_reservations() {
        let nc = NodeClass {
            capacity_reservation_selector_terms: vec![
                CapacityReservationTerm {
                    id: Some("cr-0123".into()),
                    ..Default::default()
                },
                CapacityReservationTerm {
                    owner: Some("12".into()),
                    tags: tags(&[("a", "b")]),
                    ..Default::default()
                },
            ],
            ..NodeClass::default()
        };
        let p = with(nc);
        assert_reported(
            &p,
            Code::CapacityReservationsClusterWide,
            "node_classes[0].capacity_reservation_selector_terms",
            Severity::Warning,
        );
        assert_reported(
            &p,
            Code::CapacityReservationTerm,
            "node_classes[0].capacity_reservation_selector_terms[1]",
            Severity::Error,
        );
    }

    #[test]
    fn nc013_placement_group() {
        let nc = NodeClass {
            placement_group: Some(PlacementGroupSelector {
                name: Some("a".into()),
                id: Some("pg-1".into()),
            }),
            ..NodeClass::default()
        };
        assert_reported(
            &with(nc),
            Code::PlacementGroup,
            "node_classes[0].placement_group",
            Severity::Error,
        );
    }

    #[test]
    fn nc014_volume_key_policy() {
        let mut nc = NodeClass::default();
        nc.ephemeral_storage.kms_key_id = Some("alias/nodes".into());
        assert_reported(
            &with(nc),
            Code::VolumeKeyPolicy,
            "node_classes[0].ephemeral_storage.kms_key_id",
            Severity::Warning,
        );
    }

    #[test]
    fn nc015_certificate_bundle() {
        let nc = NodeClass {
            certificate_bundles: vec![CertificateBundle {
                name: "corp-ca".into(),
                data: "not base64!".into(),
            }],
            ..NodeClass::default()
        };
        assert_reported(
            &with(nc),
            Code::CertificateBundle,
            "node_classes[0].certificate_bundles[0].data",
            Severity::Error,
        );
    }

    #[test]
    fn nc016_fips_region() {
        let mut nc = NodeClass::default();
        nc.advanced_security.fips = Some(true);
        let mut p = with(nc);
        p.cluster.region = "eu-west-1".into();
        assert_reported(
            &p,
            Code::FipsRegion,
            "node_classes[0].advanced_security.fips",
            Severity::Error,
        );
    }

    #[test]
    fn nc017_v4_egress_on_ipv4() {
        let mut nc = NodeClass::default();
        nc.advanced_networking.enable_v4_egress = Some(false);
        assert_reported(
            &with(nc),
            Code::V4EgressOnIpv4,
            "node_classes[0].advanced_networking.enable_v4_egress",
            Severity::Warning,
        );
    }

    #[test]
    fn nc018_unused() {
        let mut p = good();
        p.node_classes.push(NodeClass::default());
        assert_reported(
            &p,
            Code::NodeClassUnused,
            "node_classes[0].name",
            Severity::Warning,
        );
    }

    #[test]
    fn nc019_public_nodes() {
        let nc = NodeClass {
            subnet_selector_terms: vec![SelectorTerm {
                id: None,
                tags: tags(&[("kubernetes.io/role/elb", "1")]),
            }],
            ..NodeClass::default()
        };
        assert_reported(
            &with(nc),
            Code::PublicNodes,
            "node_classes[0].subnet_selector_terms",
            Severity::Warning,
        );
    }
}
