//! `capabilities.tf`: EKS Capabilities, their roles and the access
//! policies the bundle adds to the access entries EKS creates for them.

use super::super::hcl::{Block, Expr, File};
use super::iam::role;
use super::{Tf, gates, header};
use crate::design::{AccessPolicyAssociation, Attr, CapabilitySpec, Kind, Ref};

/// `capabilities.tf`.
pub fn file(tf: &Tf) -> File {
    let design = tf.design;
    let mut f =
        header("EKS Capabilities: managed Argo CD, ACK and kro, run by AWS outside the cluster.");
    for c in &design.capabilities {
        f.comment(&format!(
            "{} capability `{}`",
            c.capability_type.title(),
            c.name
        ));
        if let Some(r) = c.created_role.as_ref().and_then(|k| design.role(k)) {
            role(tf, &mut f, r);
        }
        for g in gates::blocks(tf, &c.after.iter().collect::<Vec<_>>()) {
            f.push(g);
        }
        f.push(capability(tf, c));
        if !c.eks_access_policies.is_empty() {
            f.comment(&format!(
                "EKS creates the access entry of this role itself, with {}; declaring it here would collide with it.",
                c.eks_access_policies
                    .iter()
                    .map(|p| p.policy_name())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ));
        }
        for p in &c.access_policies {
            f.push(access_policy(tf, c, p));
        }
    }
    f
}

fn capability(tf: &Tf, c: &CapabilitySpec) -> Block {
    let design = tf.design;
    let mut b = Block::new(
        "resource",
        &["aws_eks_capability", &tf.label(Kind::Capability, &c.key)],
    )
    .attr(
        "cluster_name",
        tf.reference_expr(Kind::Cluster, &design.cluster.key, Attr::Name),
    )
    .attr("capability_name", Expr::str(c.name.clone()))
    .attr("type", Expr::str(c.capability_type.as_str()))
    .attr("role_arn", tf.value(&c.role_arn))
    .attr(
        "delete_propagation_policy",
        Expr::str(c.delete_propagation_policy),
    );
    if let Some(a) = &c.argocd {
        let mut argo = Block::new("argo_cd", &[])
            .attr("namespace", Expr::str(a.namespace.clone()))
            .block(
                Block::new("aws_idc", &[])
                    .attr("idc_instance_arn", Expr::str(a.idc_instance_arn.clone()))
                    .attr("idc_region", tf.value(&a.idc_region)),
            );
        for m in &a.rbac_role_mappings {
            let mut mapping =
                Block::new("rbac_role_mapping", &[]).attr("role", Expr::str(m.role.as_str()));
            for i in &m.identities {
                mapping = mapping.block(
                    Block::new("identity", &[])
                        .attr("id", Expr::str(i.id.clone()))
                        .attr("type", Expr::str(i.identity_type.as_str())),
                );
            }
            argo = argo.block(mapping);
        }
        if !a.vpc_endpoint_ids.is_empty() {
            argo = argo.block(
                Block::new("network_access", &[]).attr("vpce_ids", Expr::strs(&a.vpc_endpoint_ids)),
            );
        }
        b = b.block(Block::new("configuration", &[]).block(argo));
    }
    let deps = tf.depends_on(&c.after);
    if !deps.is_empty() {
        b = b
            .blank()
            .comment("The role's policies first, then time for IAM to show EKS its trust policy.")
            .attr(
                "depends_on",
                Expr::List(deps.into_iter().map(Expr::raw).collect()),
            );
    }
    b
}

fn access_policy(tf: &Tf, c: &CapabilitySpec, p: &AccessPolicyAssociation) -> Block {
    let design = tf.design;
    let mut scope = Block::new("access_scope", &[]).attr("type", Expr::str(p.scope.as_str()));
    if !p.namespaces.is_empty() {
        scope = scope.attr("namespaces", Expr::strs(&p.namespaces));
    }
    Block::new(
        "resource",
        &[
            "aws_eks_access_policy_association",
            &tf.label(Kind::CapabilityAccessPolicy, &c.access_policy_key(p)),
        ],
    )
    .attr(
        "cluster_name",
        tf.reference_expr(Kind::Cluster, &design.cluster.key, Attr::Name),
    )
    .attr("principal_arn", tf.value(&c.role_arn))
    .attr("policy_arn", tf.value(&p.policy_arn))
    .block(scope)
    .blank()
    .comment("The access entry exists once EKS has created the capability.")
    .attr(
        "depends_on",
        Expr::List(vec![Expr::raw(
            tf.address(&Ref::new(Kind::Capability, &c.key)),
        )]),
    )
}
