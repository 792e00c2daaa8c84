//! `variables.tf`: the user-specific values, defaulted from the plan.

use super::super::hcl::{Block, Expr, File};
use super::header;
use crate::design::{Design, NetworkSpec};

fn variable(name: &str, description: &'static str, ty: &'static str, default: Expr) -> Block {
    Block::new("variable", &[name])
        .attr("description", Expr::str(description))
        .attr("type", Expr::raw(ty))
        .attr("default", default)
}

/// `variables.tf`.
pub fn file(design: &Design) -> File {
    let c = &design.cluster;
    let mut f =
        header("Values specific to your account and environment. Defaults come from plan.yaml.");
    f.comment(
        "The Kubernetes manifests in ../kubernetes were generated for these defaults (NodeClass\n\
         roles and subnet tags use the cluster name): change them in the plan and regenerate.",
    );
    f.push(variable(
        "region",
        "AWS region for every resource.",
        "string",
        Expr::str(c.region.clone()),
    ));
    f.push(variable(
        "cluster_name",
        "EKS cluster name.",
        "string",
        Expr::str(c.name.clone()),
    ));
    f.push(variable(
        "kubernetes_version",
        "Kubernetes minor version. Upgrade one minor version at a time.",
        "string",
        Expr::str(c.version.clone()),
    ));
    if c.endpoint_public_access {
        f.push(variable(
            "public_access_cidrs",
            "CIDRs allowed to reach the public Kubernetes API endpoint.",
            "list(string)",
            Expr::strs(&c.public_access_cidrs),
        ));
    }
    f.push(variable(
        "tags",
        "Tags for every AWS resource (provider default_tags).",
        "map(string)",
        Expr::str_map(&c.tags),
    ));
    if let NetworkSpec::Existing(e) = &design.network {
        f.push(variable(
            "vpc_id",
            "Existing VPC.",
            "string",
            Expr::str(e.vpc_id.clone()),
        ));
        f.push(variable(
            "control_plane_subnet_ids",
            "Subnets for the control plane's network interfaces (at least two AZs).",
            "list(string)",
            Expr::strs(&e.control_plane_subnet_ids),
        ));
        f.push(variable(
            "node_subnet_ids",
            "Private subnets for nodes and pods.",
            "list(string)",
            Expr::strs(&e.node_subnet_ids),
        ));
        f.push(variable(
            "public_subnet_ids",
            "Public subnets for internet-facing load balancers.",
            "list(string)",
            Expr::strs(&e.public_subnet_ids),
        ));
    }
    f
}
