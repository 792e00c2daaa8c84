//! What a CloudFormation stack (written directly, by the CDK, or as
//! eksctl's prerequisites) cannot express, and how the bundle makes up for
//! it.

use crate::design::{Dependency, Design, NetworkSpec};
use crate::diag::{Code, Diagnostic};

/// Findings of the CloudFormation target.
pub fn findings(design: &Design) -> Vec<Diagnostic> {
    let mut out = stack_findings(design, "CloudFormation");
    out.extend(option_findings(design, "CloudFormation"));
    out
}

/// Findings of the options (capabilities, component logs) on the targets
/// that deploy one CloudFormation stack (CloudFormation, CDK).
pub fn option_findings(design: &Design, tool: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(c) = design
        .capabilities
        .iter()
        .find(|c| !c.access_policies.is_empty())
    {
        out.push(Diagnostic::new(
            Code::CapabilityAccessByScript,
            "capabilities",
            format!(
                "{tool} cannot add access policies to the access entry EKS creates for a capability's role (first: `{}`)",
                c.name
            ),
            "Nothing to do: scripts/post-deploy.sh associates them with `aws eks associate-access-policy` after deploying.",
        ));
    }
    let paths: Vec<&str> = design
        .capabilities
        .iter()
        .filter(|c| {
            c.role_arn
                .as_literal()
                .and_then(|a| a.split_once(":role/"))
                .is_some_and(|(_, name)| name.contains('/'))
        })
        .map(|c| c.name.as_str())
        .collect();
    if !paths.is_empty() {
        out.push(Diagnostic::new(
            Code::CapabilityRolePath,
            "capabilities",
            format!(
                "{tool} accepts only capability role ARNs without a path; the role of {} has one, so the stack would be rejected",
                paths
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "Use a role without a path (or let the bundle create it: `role_mode: create`), or the Terraform or Pulumi target.",
        ));
    }
    out.extend(waits(design, tool));
    if design.buckets.iter().any(|b| b.force_destroy) {
        out.push(Diagnostic::new(
            Code::BucketNotEmptied,
            "cluster.component_logs.destination",
            format!(
                "{tool} deletes only empty buckets: deleting the stack fails at the component-log bucket while it holds logs"
            ),
            "Empty the bucket (every version) before scripts/teardown.sh, or send the component logs to CloudWatch Logs.",
        ));
    }
    out
}

/// The waits a target without gates cannot do ([`Code::NoDeploymentWaits`]).
pub fn waits(design: &Design, tool: &str) -> Vec<Diagnostic> {
    let deps = design
        .capabilities
        .iter()
        .flat_map(|c| c.after.iter())
        .chain(
            design
                .component_logs
                .iter()
                .flat_map(|l| l.sources.iter().flat_map(|s| s.after.iter())),
        );
    let (mut propagated, mut settled) = (false, false);
    for d in deps {
        match d {
            Dependency::Propagated(_) => propagated = true,
            Dependency::Settled(_) => settled = true,
            Dependency::Permissions(_) | Dependency::Object(_) => {}
        }
    }
    let mut what = Vec::new();
    if propagated {
        what.push("for IAM to show EKS a new capability role's trust policy");
    }
    if settled {
        what.push("for the EKS cluster update each component-log delivery source starts");
    }
    if what.is_empty() {
        return Vec::new();
    }
    vec![Diagnostic::new(
        Code::NoDeploymentWaits,
        if propagated {
            "capabilities"
        } else {
            "cluster.component_logs"
        },
        format!(
            "{tool} cannot wait {}: the bundle orders the resources, but the first deployment may fail and need to be run again",
            what.join(", nor ")
        ),
        "If the deployment fails with a role EKS cannot assume or with ConflictException, deploy again (a CloudFormation stack with --disable-rollback); or use the Terraform target, which waits.",
    )]
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
    fn options_are_findings() {
        let plan = crate::presets::find("platform")
            .expect("platform preset")
            .plan()
            .expect("preset parses");
        let f = findings(&resolve(&plan));
        for code in [
            Code::CapabilityAccessByScript,
            Code::NoDeploymentWaits,
            Code::BucketNotEmptied,
        ] {
            assert!(f.iter().any(|x| x.code == code), "{code:?}: {f:?}");
        }
        let f = findings(&resolve(&Plan::default()));
        assert!(
            !f.iter().any(|x| matches!(
                x.code,
                Code::CapabilityAccessByScript | Code::NoDeploymentWaits | Code::BucketNotEmptied
            )),
            "{f:?}"
        );
    }

    #[test]
    fn capability_role_paths_are_a_finding() {
        let plan = Plan::from_yaml(include_str!(
            "../../../../../tests/fixtures/capabilities-existing.yaml"
        ))
        .expect("fixture parses");
        let f = findings(&resolve(&plan));
        assert!(
            f.iter().any(|x| x.code == Code::CapabilityRolePath),
            "{f:?}"
        );
        let plan = crate::presets::find("platform")
            .expect("platform preset")
            .plan()
            .expect("preset parses");
        assert!(
            !findings(&resolve(&plan))
                .iter()
                .any(|x| x.code == Code::CapabilityRolePath)
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
