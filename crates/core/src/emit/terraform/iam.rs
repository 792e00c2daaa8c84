//! `iam.tf`: the cluster role, node roles and the flow-log role.

use super::super::hcl::{Block, Expr, File};
use super::{Tf, header};
use crate::design::{Attr, Key, Kind, Part, Role, Value};

/// `iam.tf`: every role except the Pod Identity roles (in `pod_identity.tf`).
pub fn file(tf: &Tf) -> File {
    let design = tf.design;
    let mut f = header("IAM roles for the cluster, its nodes and VPC flow logs.");
    let pod_roles: Vec<&Key> = design
        .pod_identity
        .iter()
        .filter_map(|p| p.created_role.as_ref())
        .collect();
    for r in design.roles.iter().filter(|r| !pod_roles.contains(&&r.key)) {
        f.comment(&r.description);
        role(tf, &mut f, r);
    }
    f
}

/// The label of the attachment resource for a managed policy:
/// `<role>_<policy name>`.
pub(super) fn attachment_label(tf: &Tf, role: &Role, policy: &Value) -> String {
    let last = policy
        .0
        .iter()
        .rev()
        .find_map(|p| match p {
            Part::Text(t) => Some(t.rsplit('/').next().unwrap_or(t).to_owned()),
            _ => None,
        })
        .unwrap_or_default();
    format!(
        "{}_{}",
        tf.label(Kind::Role, &role.key),
        crate::design::ident(&last)
    )
}

/// Addresses of everything that gives a role its permissions (for `depends_on`).
pub(super) fn permission_addresses(tf: &Tf, role: &Role) -> Vec<String> {
    role.managed_policies
        .iter()
        .map(|p| {
            format!(
                "aws_iam_role_policy_attachment.{}",
                attachment_label(tf, role, p)
            )
        })
        .chain(role.inline_policies.iter().map(|p| {
            format!(
                "aws_iam_role_policy.{}",
                tf.label(Kind::InlinePolicy, &role.key.join(&p.key))
            )
        }))
        .collect()
}

/// A role, its trust policy, attachments and inline policies.
pub(super) fn role(tf: &Tf, f: &mut File, r: &Role) {
    let label = tf.label(Kind::Role, &r.key);
    let trust = format!("{label}_assume_role");
    f.push(tf.policy_document(&trust, &r.trust));
    f.push(
        Block::new("resource", &["aws_iam_role", &label])
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
                &[
                    "aws_iam_role_policy_attachment",
                    &attachment_label(tf, r, p),
                ],
            )
            .attr("role", tf.reference_expr(Kind::Role, &r.key, Attr::Name))
            .attr("policy_arn", tf.value(p)),
        );
    }
    for p in &r.inline_policies {
        let key = tf.label(Kind::InlinePolicy, &r.key.join(&p.key));
        f.push(tf.policy_document(&key, &p.document));
        f.push(
            Block::new("resource", &["aws_iam_role_policy", &key])
                .attr("name", Expr::str(p.name.clone()))
                .attr("role", tf.reference_expr(Kind::Role, &r.key, Attr::Id))
                .attr(
                    "policy",
                    Expr::raw(format!("data.aws_iam_policy_document.{key}.json")),
                ),
        );
    }
}
