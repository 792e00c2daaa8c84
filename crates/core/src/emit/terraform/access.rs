//! `access.tf`: access entries and access policy associations.

use super::super::hcl::{Block, Expr, File};
use super::{header, value};
use crate::design::Design;

/// `access.tf`.
pub fn file(design: &Design) -> File {
    let mut f = header("Who can use the Kubernetes API: access entries and EKS access policies.");
    if design.access_entries.is_empty() {
        f.comment("This plan has no access entries.");
    }
    for e in &design.access_entries {
        f.comment(&format!("{}: {}", e.key, e.reason));
        let mut b = Block::new("resource", &["aws_eks_access_entry", &e.key])
            .attr("cluster_name", Expr::raw("aws_eks_cluster.this.name"))
            .attr("principal_arn", value(&e.principal_arn))
            .attr("type", Expr::str(e.entry_type.clone()));
        if !e.kubernetes_groups.is_empty() {
            b = b.attr("kubernetes_groups", Expr::strs(&e.kubernetes_groups));
        }
        b = b.attr_opt("user_name", e.username.clone().map(Expr::str));
        f.push(b);
        for p in &e.policies {
            let mut scope =
                Block::new("access_scope", &[]).attr("type", Expr::str(p.scope.clone()));
            if !p.namespaces.is_empty() {
                scope = scope.attr("namespaces", Expr::strs(&p.namespaces));
            }
            f.push(
                Block::new(
                    "resource",
                    &[
                        "aws_eks_access_policy_association",
                        &format!("{}_{}", e.key, p.key),
                    ],
                )
                .attr("cluster_name", Expr::raw("aws_eks_cluster.this.name"))
                .attr(
                    "principal_arn",
                    Expr::raw(format!("aws_eks_access_entry.{}.principal_arn", e.key)),
                )
                .attr("policy_arn", value(&p.policy_arn))
                .block(scope),
            );
        }
    }
    f
}
