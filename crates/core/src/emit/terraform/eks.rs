//! `eks.tf`: the secrets KMS key, the control-plane log group and the cluster.

use super::super::hcl::{Block, Expr, File};
use super::vpc::log_group;
use super::{Tf, header, variable};
use crate::design::{Attr, InputId, Kind, SubnetList};

/// `eks.tf`.
pub fn file(tf: &Tf) -> File {
    let design = tf.design;
    let c = &design.cluster;
    let mut f = header("The EKS Auto Mode cluster, its secrets key and its log group.");
    for k in &design.kms_keys {
        let label = tf.label(Kind::KmsKey, &k.key);
        let policy = format!("{label}_key");
        f.push(tf.policy_document(&policy, &k.policy));
        f.push(
            Block::new("resource", &["aws_kms_key", &label])
                .attr("description", Expr::str(k.description.clone()))
                .attr("enable_key_rotation", Expr::bool(k.enable_key_rotation))
                .attr(
                    "deletion_window_in_days",
                    Expr::num(k.deletion_window_in_days),
                )
                .attr(
                    "policy",
                    Expr::raw(format!("data.aws_iam_policy_document.{policy}.json")),
                ),
        );
        f.push(
            Block::new("resource", &["aws_kms_alias", &label])
                .attr("name", Expr::str(k.alias.clone()))
                .attr(
                    "target_key_id",
                    Expr::raw(format!("aws_kms_key.{label}.key_id")),
                ),
        );
    }
    if let Some(g) = c.log_group.as_ref().and_then(|k| design.log_group(k)) {
        f.comment("Created before the cluster so Terraform, not EKS, owns its retention.");
        f.push(log_group(tf, g));
    }

    let subnet_ids = match &c.subnets {
        SubnetList::Created(keys) => tf.ids(Kind::Subnet, keys),
        SubnetList::Input(i) => Expr::raw(variable(*i)),
    };
    let mut compute =
        Block::new("compute_config", &[]).attr("enabled", Expr::bool(c.compute.enabled));
    if !c.compute.node_pools.is_empty() {
        compute = compute.attr("node_pools", Expr::strs(&c.compute.pool_names()));
    }
    compute = compute.attr_opt(
        "node_role_arn",
        c.compute.node_role_arn.as_ref().map(|v| tf.value(v)),
    );
    let mut network = Block::new("kubernetes_network_config", &[])
        .attr("ip_family", Expr::str(c.ip_family.as_str()))
        .attr_opt(
            "service_ipv4_cidr",
            c.service_ipv4_cidr.clone().map(Expr::str),
        );
    network = network.block(
        Block::new("elastic_load_balancing", &[])
            .attr("enabled", Expr::bool(c.elastic_load_balancing)),
    );
    let mut vpc = Block::new("vpc_config", &[])
        .attr("subnet_ids", subnet_ids)
        .attr(
            "endpoint_private_access",
            Expr::bool(c.endpoint_private_access),
        )
        .attr(
            "endpoint_public_access",
            Expr::bool(c.endpoint_public_access),
        );
    if c.endpoint_public_access {
        vpc = vpc.attr(
            "public_access_cidrs",
            Expr::raw(variable(InputId::PublicAccessCidrs)),
        );
    }

    let mut cluster = Block::new(
        "resource",
        &["aws_eks_cluster", &tf.label(Kind::Cluster, &c.key)],
    )
    .attr("name", Expr::raw(variable(InputId::ClusterName)))
    .attr(
        "role_arn",
        tf.reference_expr(Kind::Role, &c.role, Attr::Arn),
    )
    .attr("version", Expr::raw(variable(InputId::KubernetesVersion)))
    .attr(
        "bootstrap_self_managed_addons",
        Expr::bool(c.bootstrap_self_managed_addons),
    )
    .attr("deletion_protection", Expr::bool(c.deletion_protection));
    if !c.log_types.is_empty() {
        let types: Vec<&str> = c.log_types.iter().map(|t| t.as_str()).collect();
        cluster = cluster.attr("enabled_cluster_log_types", Expr::strs(&types));
    }
    cluster =
        cluster
            .block(
                Block::new("access_config", &[])
                    .attr(
                        "authentication_mode",
                        Expr::str(c.authentication_mode.as_str()),
                    )
                    .attr(
                        "bootstrap_cluster_creator_admin_permissions",
                        Expr::bool(c.bootstrap_cluster_creator_admin_permissions),
                    ),
            )
            .block(compute)
            .block(network)
            .block(Block::new("storage_config", &[]).block(
                Block::new("block_storage", &[]).attr("enabled", Expr::bool(c.block_storage)),
            ))
            .block(vpc);
    if let Some(enc) = &c.encryption {
        cluster = cluster.block(
            Block::new("encryption_config", &[])
                .attr("resources", Expr::strs(&enc.resources))
                .block(Block::new("provider", &[]).attr("key_arn", tf.value(&enc.key_arn()))),
        );
    }
    cluster = cluster.block(
        Block::new("upgrade_policy", &[]).attr("support_type", Expr::str(c.support_type.as_str())),
    );

    cluster = cluster
        .blank()
        .comment("The cluster role needs its policies before EKS uses it, and on destroy")
        .comment("they must outlive the cluster so Auto Mode can clean up its instances.")
        .attr(
            "depends_on",
            Expr::List(tf.depends_on(&c.after).into_iter().map(Expr::raw).collect()),
        );
    f.push(cluster);
    f
}
