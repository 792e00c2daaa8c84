//! `iam.tf`: the cluster role, node roles and the flow-log role.

use super::super::hcl::{Block, Expr, File};
use super::{header, policy_document, value};
use crate::design::{Design, Part, Role};
use crate::resolve::ident;

/// Keys of roles written to `pod_identity.tf` instead.
fn pod_role_keys(design: &Design) -> Vec<&str> {
    design
        .pod_identity
        .iter()
        .filter_map(|p| p.created_role_key.as_deref())
        .collect()
}

/// `iam.tf`.
pub fn file(design: &Design) -> File {
    let mut f = header("IAM roles for the cluster, its nodes and VPC flow logs.");
    let pod_roles = pod_role_keys(design);
    for r in design
        .roles
        .iter()
        .filter(|r| !pod_roles.contains(&r.key.as_str()))
    {
        f.comment(&r.description);
        role(&mut f, r);
    }
    f
}

/// The name of the attachment resource for a managed policy.
pub(super) fn attachment_key(role: &Role, policy: &crate::design::Value) -> String {
    let last = policy
        .0
        .iter()
        .rev()
        .find_map(|p| match p {
            Part::Text(t) => Some(t.rsplit('/').next().unwrap_or(t).to_owned()),
            _ => None,
        })
        .unwrap_or_default();
    format!("{}_{}", role.key, ident(&last))
}

/// Addresses of everything that gives a role its permissions (for `depends_on`).
pub(super) fn permission_addresses(role: &Role) -> Vec<String> {
    role.managed_policies
        .iter()
        .map(|p| format!("aws_iam_role_policy_attachment.{}", attachment_key(role, p)))
        .chain(
            role.inline_policies
                .iter()
                .map(|p| format!("aws_iam_role_policy.{}_{}", role.key, p.key)),
        )
        .collect()
}

/// A role, its trust policy, attachments and inline policies.
pub(super) fn role(f: &mut File, r: &Role) {
    let trust = format!("{}_assume_role", r.key);
    f.push(policy_document(&trust, &r.trust));
    f.push(
        Block::new("resource", &["aws_iam_role", &r.key])
            .attr("name", Expr::str(r.name.clone()))
            .attr("description", Expr::str(r.description.clone()))
            .attr(
                "assume_role_policy",
                Expr::raw(format!("data.aws_iam_policy_document.{trust}.json")),
            ),
    );
    for p in &r.managed_policies {
        f.push(
            Block::new(
                "resource",
                &["aws_iam_role_policy_attachment", &attachment_key(r, p)],
            )
            .attr("role", Expr::raw(format!("aws_iam_role.{}.name", r.key)))
            .attr("policy_arn", value(p)),
        );
    }
    for p in &r.inline_policies {
        let key = format!("{}_{}", r.key, p.key);
        f.push(policy_document(&key, &p.document));
        f.push(
            Block::new("resource", &["aws_iam_role_policy", &key])
                .attr("name", Expr::str(p.name.clone()))
                .attr("role", Expr::raw(format!("aws_iam_role.{}.id", r.key)))
                .attr(
                    "policy",
                    Expr::raw(format!("data.aws_iam_policy_document.{key}.json")),
                ),
        );
    }
}
