//! What eksctl cannot express of a design, and where the bundle does it
//! instead.

use std::collections::BTreeMap;

use super::{MAX_KUBERNETES_MINOR, Rendered, render};
use crate::catalog::versions::minor_of;
use crate::design::{Design, KeySource, NetworkSpec};
use crate::diag::{Code, Diagnostic};
use crate::emit::cloudformation::findings::stack_findings;

/// Findings of the eksctl target.
pub fn findings(design: &Design) -> Vec<Diagnostic> {
    findings_of(design, &render(design))
}

/// Findings of the eksctl target, given its rendered ClusterConfig (which
/// `generate` renders once for the findings and the bundle).
pub fn findings_of(design: &Design, r: &Rendered) -> Vec<Diagnostic> {
    let c = &design.cluster;
    let mut out = Vec::new();
    if let NetworkSpec::Create(vpc) = &design.network {
        let mut lacks = vec![
            "its subnets carry only its own tags, not the `kubernetes.io/cluster/<name>` tag the custom NodeClasses select",
            "its public subnets give instances public IPs",
        ];
        if vpc.flow_logs.is_some() {
            lacks.push("it has no setting for flow logs");
        }
        if !vpc.endpoints.is_empty() {
            lacks.push("it creates VPC endpoints only for fully private clusters, and never for eks-auth or elasticloadbalancing");
        }
        out.push(Diagnostic::new(
            Code::EksctlNetworkInStack,
            "network",
            format!("eksctl cannot build the planned VPC: {}", lacks.join("; ")),
            "Nothing to do: eksctl/prerequisites.yaml creates the VPC as planned, and the ClusterConfig uses it (vpc.id, vpc.subnets).",
        ));
    }
    out.push(Diagnostic::new(
        Code::EksctlIamInStack,
        "target",
        "eksctl cannot create the planned IAM roles: NodeClasses name their node role, eksctl's cluster role takes no inline policy, its node role adds AmazonElasticContainerRegistryPublicReadOnly, and its Pod Identity roles trust pods.eks.amazonaws.com without aws:SourceAccount and aws:SourceArn",
        "Nothing to do: eksctl/prerequisites.yaml creates every role with the planned name, trust and policies; the ClusterConfig refers to them by ARN.",
    ));
    if matches!(
        c.encryption.as_ref().map(|e| &e.key),
        Some(KeySource::Created(_))
    ) {
        out.push(Diagnostic::new(
            Code::EksctlKeyInStack,
            "cluster.secrets_encryption.mode",
            "eksctl cannot create the secrets KMS key: secretsEncryption takes an existing key's ARN",
            "Nothing to do: eksctl/prerequisites.yaml creates the key and its alias; scripts/cluster-config.sh fills its ARN into secretsEncryption.keyARN.",
        ));
    }
    if c.log_group.is_some() {
        out.push(Diagnostic::new(
            Code::EksctlLogGroupInStack,
            "cluster.log_retention_days",
            "eksctl cannot create the control-plane log group with a KMS key; it only sets the retention of the group EKS creates",
            "Nothing to do: eksctl/prerequisites.yaml creates the log group with its retention and key before the cluster, and EKS writes to it.",
        ));
    }
    if design.component_logs.is_some() {
        out.push(Diagnostic::new(
            Code::EksctlComponentLogs,
            "cluster.component_logs",
            "eksctl has no setting for the vended logs of the Auto Mode components, and its prerequisites stack runs before the cluster exists: this bundle does not deliver them",
            "After `eksctl create cluster`, create the delivery destination, then per log type a delivery source and a delivery with the AWS CLI (waiting for each cluster update), or use the Terraform or CloudFormation target.",
        ));
    }
    if c.endpoint_public_access && !super::public_endpoint(design) {
        out.push(Diagnostic::new(
            Code::EksctlPrivateEndpoint,
            "cluster.endpoint.public_access_cidrs",
            "The plan lists no networks for the public endpoint, so the other targets ask for them at deploy time; eksctl has no deploy-time inputs and reads an empty publicAccessCIDRs as 0.0.0.0/0, so this ClusterConfig turns the public endpoint off (private access only)",
            "List your networks in cluster.endpoint.public_access_cidrs (for example your office's /32) and regenerate, or reach the API from inside the VPC (VPN, Direct Connect, a bastion).",
        ));
    }
    if c.deletion_protection {
        out.push(Diagnostic::new(
            Code::EksctlDeletionProtection,
            "cluster.deletion_protection",
            "eksctl's ClusterConfig has no deletion-protection setting",
            "Nothing to do: scripts/post-deploy.sh turns deletion protection on after `eksctl create cluster` (aws eks update-cluster-config --deletion-protection).",
        ));
    }
    if minor_of(&c.version).is_some_and(|v| v > MAX_KUBERNETES_MINOR) {
        out.push(Diagnostic::new(
            Code::EksctlVersion,
            "cluster.kubernetes_version",
            format!(
                "eksctl 0.230.0 (the newest release the planner knows, August 2026) supports Kubernetes up to 1.{MAX_KUBERNETES_MINOR}; `eksctl create cluster` rejects {}",
                c.version
            ),
            format!(
                "Use an eksctl release that lists {} (`eksctl utils describe-cluster-versions`), or plan 1.{MAX_KUBERNETES_MINOR} and upgrade later.",
                c.version
            ),
        ));
    }
    let found = occurrences(&r.text);
    for (name, count) in &r.written {
        if found.get(name.as_str()).copied().unwrap_or(0) > *count {
            out.push(Diagnostic::new(
                Code::EksctlPlaceholderInText,
                "target",
                format!(
                    "a value in eksctl/cluster.yaml contains `${{{name}}}` or `${name}`, which scripts/cluster-config.sh would replace"
                ),
                "Remove the `$` from that value (tags, names, usernames), or fill the placeholders yourself.",
            ));
        }
    }
    out.extend(stack_findings(design, "eksctl"));
    out
}

/// How many times envsubst would replace each variable in `text`: `${name}`,
/// or `$name` not followed by a name character. One pass over the text,
/// however many placeholders the ClusterConfig has.
fn occurrences(text: &str) -> BTreeMap<&str, usize> {
    let name_char = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let b = text.as_bytes();
    let mut counts = BTreeMap::new();
    let mut i = 0;
    while let Some(at) = b
        .get(i..)
        .and_then(|rest| rest.iter().position(|c| *c == b'$'))
    {
        let start = i + at + 1;
        i = start;
        let name = if b.get(start) == Some(&b'{') {
            let Some(len) = b
                .get(start + 1..)
                .and_then(|rest| rest.iter().position(|c| *c == b'}'))
            else {
                continue;
            };
            text.get(start + 1..start + 1 + len)
        } else {
            let len = b
                .get(start..)
                .map_or(0, |rest| rest.iter().take_while(|c| name_char(**c)).count());
            text.get(start..start + len)
        };
        if let Some(name) = name.filter(|n| !n.is_empty()) {
            *counts.entry(name).or_insert(0) += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{KeyMode, Plan};
    use crate::resolve;

    fn codes(p: &Plan) -> Vec<Code> {
        findings(&resolve(p)).into_iter().map(|d| d.code).collect()
    }

    #[test]
    fn a_public_endpoint_without_networks_becomes_private() {
        // The default plan opens the endpoint and lists no networks.
        let p = Plan::default();
        let d = resolve(&p);
        assert!(d.cluster.endpoint_public_access && d.cluster.public_access_cidrs.is_empty());
        assert!(codes(&p).contains(&Code::EksctlPrivateEndpoint));
        let config = super::super::render(&d).text;
        assert!(config.contains("publicAccess: false"), "{config}");
        assert!(config.contains("privateAccess: true"), "{config}");
        assert!(!config.contains("publicAccessCIDRs"), "{config}");
        let mut p = Plan::default();
        p.cluster.endpoint.public_access_cidrs = vec!["203.0.113.10/32".into()];
        assert!(!codes(&p).contains(&Code::EksctlPrivateEndpoint));
        let config = super::super::render(&resolve(&p)).text;
        assert!(config.contains("publicAccess: true"), "{config}");
        assert!(config.contains("203.0.113.10/32"), "{config}");
    }

    #[test]
    fn component_logs_are_a_finding() {
        let plan = crate::presets::find("platform")
            .expect("platform preset")
            .plan()
            .expect("preset parses");
        assert!(codes(&plan).contains(&Code::EksctlComponentLogs));
        assert!(!codes(&Plan::default()).contains(&Code::EksctlComponentLogs));
    }

    #[test]
    fn gaps_are_findings() {
        let mut p = Plan::default();
        p.network.flow_logs = true;
        p.cluster.deletion_protection = true;
        p.cluster.secrets_encryption.mode = KeyMode::Create;
        p.cluster.control_plane_logs = vec![crate::plan::LogType::Audit];
        let c = codes(&p);
        for code in [
            Code::EksctlNetworkInStack,
            Code::EksctlIamInStack,
            Code::EksctlKeyInStack,
            Code::EksctlLogGroupInStack,
            Code::EksctlDeletionProtection,
            Code::DefaultSecurityGroupByScript,
        ] {
            assert!(c.contains(&code), "{code:?} missing from {c:?}");
        }
        p.cluster.deletion_protection = false;
        p.cluster.secrets_encryption.mode = KeyMode::None;
        p.cluster.control_plane_logs.clear();
        let c = codes(&p);
        for code in [
            Code::EksctlKeyInStack,
            Code::EksctlLogGroupInStack,
            Code::EksctlDeletionProtection,
        ] {
            assert!(!c.contains(&code), "{code:?} in {c:?}");
        }
    }

    #[test]
    fn newer_versions_than_eksctl_knows() {
        let mut p = Plan::default();
        p.cluster.kubernetes_version = "1.36".into();
        assert!(codes(&p).contains(&Code::EksctlVersion));
        p.cluster.kubernetes_version = "1.35".into();
        assert!(!codes(&p).contains(&Code::EksctlVersion));
    }

    #[test]
    fn placeholders_in_user_text() {
        let mut p = Plan::default();
        p.cluster
            .tags
            .insert("note".into(), "see $ThisVpcId and ${ThisVpcIdX}".into());
        assert!(codes(&p).contains(&Code::EksctlPlaceholderInText));
        p.cluster.tags.insert("note".into(), "$ThisVpcIdX".into());
        assert!(!codes(&p).contains(&Code::EksctlPlaceholderInText));
        let found = occurrences("${A} $A $AB ${A}x $$B ${C $");
        assert_eq!(found.get("A"), Some(&3));
        assert_eq!(found.get("AB"), Some(&1));
        assert_eq!(found.get("B"), Some(&1));
        assert_eq!(found.get("C"), None, "an unclosed brace replaces nothing");
    }
}
