//! What a CloudFormation stack (written directly, by the CDK, or as
//! eksctl's prerequisites) cannot express, and how the bundle makes up for
//! it.

use crate::design::{Design, NetworkSpec};
use crate::diag::{Code, Diagnostic};

/// Findings of the CloudFormation target.
pub fn findings(design: &Design) -> Vec<Diagnostic> {
    stack_findings(design, "CloudFormation")
}

/// Findings every stack-based target shares; `tool` names the target.
pub fn stack_findings(design: &Design, tool: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    match &design.network {
        NetworkSpec::Create(vpc) if vpc.default_security_group.is_some() => {
            out.push(Diagnostic::new(
                Code::DefaultSecurityGroupByScript,
                "network",
                format!(
                    "{tool} cannot take over the VPC's default security group, which AWS creates allowing traffic between its members and all egress"
                ),
                "Nothing to do: run scripts/post-deploy.sh after deploying; it removes the group's rules and tags it, as Terraform's aws_default_security_group would.",
            ));
        }
        NetworkSpec::Existing(e) if !e.subnet_tags.is_empty() => {
            out.push(Diagnostic::new(
                Code::SubnetTagsByScript,
                "network.tag_subnets",
                format!(
                    "{tool} cannot add the load-balancer discovery tags to subnets it does not own"
                ),
                "Nothing to do: scripts/post-deploy.sh tags them after deploying and scripts/teardown.sh removes the tags; or set `tag_subnets: false` and tag them yourself.",
            ));
        }
        _ => {}
    }
    let bad: Vec<&str> = design
        .cluster
        .tags
        .iter()
        .filter(|(k, v)| !iam_tag_text(k) || !iam_tag_text(v))
        .map(|(k, _)| k.as_str())
        .collect();
    if !bad.is_empty() && !design.roles.is_empty() {
        out.push(Diagnostic::new(
            Code::IamTagCharacters,
            "cluster.tags",
            format!(
                "IAM accepts only letters, digits, spaces and `_ . : / = + - @` in tags, and every role gets the cluster's tags; {tool} would fail on {}",
                bad.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "Use only those characters in tag keys and values.",
        ));
    }
    out
}

/// Whether IAM accepts `s` as a tag key or value
/// (`[\p{L}\p{Z}\p{N}_.:/=+\-@]*`).
fn iam_tag_text(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_alphanumeric()
            || (c.is_whitespace() && !c.is_control())
            || matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{NetworkMode, Plan};
    use crate::resolve;

    #[test]
    fn default_security_group_is_a_finding() {
        let d = resolve(&Plan::default());
        let f = findings(&d);
        assert!(
            f.iter()
                .any(|x| x.code == Code::DefaultSecurityGroupByScript && x.path == "network"),
            "{f:?}"
        );
        assert!(!f.iter().any(|x| x.code == Code::SubnetTagsByScript));
    }

    #[test]
    fn existing_subnet_tags_are_a_finding() {
        let mut p = Plan::default();
        p.network.mode = NetworkMode::Existing;
        p.network.vpc_id = Some("vpc-0123456789abcdef0".into());
        p.network.control_plane_subnet_ids = vec!["subnet-1".into(), "subnet-2".into()];
        p.network.node_subnet_ids = vec!["subnet-3".into()];
        p.network.tag_subnets = true;
        let f = findings(&resolve(&p));
        assert!(
            f.iter().any(|x| x.code == Code::SubnetTagsByScript),
            "{f:?}"
        );
        p.network.tag_subnets = false;
        let f = findings(&resolve(&p));
        assert!(
            !f.iter().any(|x| x.code == Code::SubnetTagsByScript),
            "{f:?}"
        );
    }

    #[test]
    fn tags_iam_rejects() {
        let mut p = Plan::default();
        p.cluster.tags.insert("team".into(), "platform, ops".into());
        let f = findings(&resolve(&p));
        assert!(f.iter().any(|x| x.code == Code::IamTagCharacters), "{f:?}");
        p.cluster
            .tags
            .insert("team".into(), "plätform ops/@=+-_.:".into());
        let f = findings(&resolve(&p));
        assert!(!f.iter().any(|x| x.code == Code::IamTagCharacters), "{f:?}");
    }
}
