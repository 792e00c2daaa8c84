//! `eks.tf`: the secrets KMS key, the control-plane log group and the cluster.

use super::super::hcl::{Block, Expr, File};
use super::iam::permission_addresses;
use super::vpc::log_group;
use super::{header, policy_document, value};
use crate::design::{Design, SubnetSet};

/// `eks.tf`.
pub fn file(design: &Design) -> File {
    let c = &design.cluster;
    let mut f = header("The EKS Auto Mode cluster, its secrets key and its log group.");
    for k in &design.kms_keys {
        let policy = format!("{}_key", k.key);
        f.push(policy_document(&policy, &k.policy));
        f.push(
            Block::new("resource", &["aws_kms_key", &k.key])
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
            Block::new("resource", &["aws_kms_alias", &k.key])
                .attr("name", Expr::str(k.alias.clone()))
                .attr(
                    "target_key_id",
                    Expr::raw(format!("aws_kms_key.{}.key_id", k.key)),
                ),
        );
    }
    if let Some(key) = &c.log_group_key
        && let Some(g) = design.log_groups.iter().find(|g| &g.key == key)
    {
        f.comment("Created before the cluster so Terraform, not EKS, owns its retention.");
        f.push(log_group(g));
    }

    let subnet_ids = match &c.subnets {
        SubnetSet::Created(keys) => Expr::List(
            keys.iter()
                .map(|k| Expr::raw(format!("aws_subnet.{k}.id")))
                .collect(),
        ),
        SubnetSet::Existing(_) => Expr::raw("var.control_plane_subnet_ids"),
    };
    let mut compute =
        Block::new("compute_config", &[]).attr("enabled", Expr::bool(c.compute.enabled));
    if !c.compute.node_pools.is_empty() {
        compute = compute.attr("node_pools", Expr::strs(&c.compute.node_pools));
    }
    compute = compute.attr_opt("node_role_arn", c.compute.node_role_arn.as_ref().map(value));
    let mut network = Block::new("kubernetes_network_config", &[])
        .attr("ip_family", Expr::str(c.ip_family.clone()))
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
        vpc = vpc.attr("public_access_cidrs", Expr::raw("var.public_access_cidrs"));
    }

    let mut cluster = Block::new("resource", &["aws_eks_cluster", "this"])
        .attr("name", Expr::raw("var.cluster_name"))
        .attr(
            "role_arn",
            Expr::raw(format!("aws_iam_role.{}.arn", c.role_key)),
        )
        .attr("version", Expr::raw("var.kubernetes_version"))
        .attr(
            "bootstrap_self_managed_addons",
            Expr::bool(c.bootstrap_self_managed_addons),
        )
        .attr("deletion_protection", Expr::bool(c.deletion_protection));
    if !c.log_types.is_empty() {
        cluster = cluster.attr("enabled_cluster_log_types", Expr::strs(&c.log_types));
    }
    cluster =
        cluster
            .block(
                Block::new("access_config", &[])
                    .attr(
                        "authentication_mode",
                        Expr::str(c.authentication_mode.clone()),
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
    if let Some(key) = &c.secrets_key_arn {
        cluster = cluster.block(
            Block::new("encryption_config", &[])
                .attr("resources", Expr::strs(&["secrets"]))
                .block(Block::new("provider", &[]).attr("key_arn", value(key))),
        );
    }
    cluster = cluster.block(
        Block::new("upgrade_policy", &[]).attr("support_type", Expr::str(c.support_type.clone())),
    );

    let mut depends: Vec<String> = design
        .role(&c.role_key)
        .map(permission_addresses)
        .unwrap_or_default();
    if let Some(key) = &c.log_group_key {
        depends.push(format!("aws_cloudwatch_log_group.{key}"));
    }
    cluster = cluster
        .blank()
        .comment("The cluster role needs its policies before EKS uses it, and on destroy")
        .comment("they must outlive the cluster so Auto Mode can clean up its instances.")
        .attr(
            "depends_on",
            Expr::List(depends.into_iter().map(Expr::raw).collect()),
        );
    f.push(cluster);
    f
}
