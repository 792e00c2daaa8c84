//! `pod_identity.tf`: Pod Identity roles and associations.

use super::super::hcl::{Block, Expr, File};
use super::iam::role;
use super::{header, value};
use crate::design::Design;

/// `pod_identity.tf`.
pub fn file(design: &Design) -> File {
    let mut f = header("EKS Pod Identity: IAM roles for Kubernetes service accounts.");
    if design.pod_identity.is_empty() {
        f.comment("This plan has no Pod Identity associations.");
    }
    for a in &design.pod_identity {
        f.comment(&format!("{}/{}", a.namespace, a.service_account));
        if let Some(r) = a.created_role_key.as_deref().and_then(|k| design.role(k)) {
            role(&mut f, r);
        }
        f.push(
            Block::new("resource", &["aws_eks_pod_identity_association", &a.key])
                .attr("cluster_name", Expr::raw("aws_eks_cluster.this.name"))
                .attr("namespace", Expr::str(a.namespace.clone()))
                .attr("service_account", Expr::str(a.service_account.clone()))
                .attr("role_arn", value(&a.role_arn)),
        );
    }
    f
}
