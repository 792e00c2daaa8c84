//! `access.tf`: access entries and access policy associations.

use super::super::hcl::{Block, Expr, File};
use super::{Tf, header};
use crate::design::{Attr, Kind};

/// `access.tf`.
pub fn file(tf: &Tf) -> File {
    let design = tf.design;
    let cluster_name = || tf.reference_expr(Kind::Cluster, &design.cluster.key, Attr::Name);
    let mut f = header("Who can use the Kubernetes API: access entries and EKS access policies.");
    if design.access_entries.is_empty() {
        f.comment("This plan has no access entries.");
    }
    for e in &design.access_entries {
        let label = tf.label(Kind::AccessEntry, &e.key);
        f.comment(&format!("{label}: {}", e.reason));
        let mut b = Block::new("resource", &["aws_eks_access_entry", &label])
            .attr("cluster_name", cluster_name())
            .attr("principal_arn", tf.value(&e.principal_arn))
            .attr("type", Expr::str(e.entry_type.as_str()));
        if !e.kubernetes_groups.is_empty() {
            b = b.attr("kubernetes_groups", Expr::strs(&e.kubernetes_groups));
        }
        b = b.attr_opt("user_name", e.username.clone().map(Expr::str));
        f.push(b);
        for p in &e.policies {
            let mut scope =
                Block::new("access_scope", &[]).attr("type", Expr::str(p.scope.as_str()));
            if !p.namespaces.is_empty() {
                scope = scope.attr("namespaces", Expr::strs(&p.namespaces));
            }
            f.push(
                Block::new(
                    "resource",
                    &[
                        "aws_eks_access_policy_association",
                        &format!("{label}_{}", p.key),
                    ],
                )
                .attr("cluster_name", cluster_name())
                .attr(
                    "principal_arn",
                    Expr::raw(format!("aws_eks_access_entry.{label}.principal_arn")),
                )
                .attr("policy_arn", tf.value(&p.policy_arn))
                .block(scope),
            );
        }
    }
    f
}
