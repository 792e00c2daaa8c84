//! `pod_identity.tf`: Pod Identity roles and associations.

use super::super::hcl::{Block, Expr, File};
use super::iam::role;
use super::{Tf, header};
use crate::design::{Attr, Kind};

/// `pod_identity.tf`.
pub fn file(tf: &Tf) -> File {
    let design = tf.design;
    let mut f = header("EKS Pod Identity: IAM roles for Kubernetes service accounts.");
    if design.pod_identity.is_empty() {
        f.comment("This plan has no Pod Identity associations.");
    }
    for a in &design.pod_identity {
        f.comment(&format!("{}/{}", a.namespace, a.service_account));
        if let Some(r) = a.created_role.as_ref().and_then(|k| design.role(k)) {
            role(tf, &mut f, r);
        }
        f.push(
            Block::new(
                "resource",
                &[
                    "aws_eks_pod_identity_association",
                    &tf.label(Kind::PodIdentity, &a.key),
                ],
            )
            .attr(
                "cluster_name",
                tf.reference_expr(Kind::Cluster, &design.cluster.key, Attr::Name),
            )
            .attr("namespace", Expr::str(a.namespace.clone()))
            .attr("service_account", Expr::str(a.service_account.clone()))
            .attr("role_arn", tf.value(&a.role_arn)),
        );
    }
    f
}
