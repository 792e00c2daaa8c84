//! `outputs.tf`.

use super::super::hcl::{Block, Expr, File, StrPart};
use super::header;
use crate::design::{Design, NetworkSpec};

fn output(name: &str, description: &'static str, value: Expr) -> Block {
    Block::new("output", &[name])
        .attr("description", Expr::str(description))
        .attr("value", value)
}

/// `outputs.tf`.
pub fn file(design: &Design) -> File {
    let mut f = header("Outputs, including the command that configures kubectl.");
    f.push(output(
        "cluster_name",
        "EKS cluster name.",
        Expr::raw("aws_eks_cluster.this.name"),
    ));
    f.push(output(
        "cluster_arn",
        "EKS cluster ARN.",
        Expr::raw("aws_eks_cluster.this.arn"),
    ));
    f.push(output(
        "cluster_endpoint",
        "Kubernetes API endpoint.",
        Expr::raw("aws_eks_cluster.this.endpoint"),
    ));
    f.push(output(
        "cluster_security_group_id",
        "Security group EKS created for the cluster (used by the NodeClasses).",
        Expr::raw("aws_eks_cluster.this.vpc_config[0].cluster_security_group_id"),
    ));
    if design.role("node").is_some() {
        f.push(output(
            "node_role_name",
            "Auto Mode node IAM role.",
            Expr::raw("aws_iam_role.node.name"),
        ));
    }
    match &design.network {
        NetworkSpec::Create(vpc) => {
            f.push(output("vpc_id", "VPC id.", Expr::raw("aws_vpc.this.id")));
            f.push(output(
                "private_subnet_ids",
                "Private (node) subnets.",
                Expr::List(
                    vpc.private_subnets
                        .iter()
                        .map(|s| Expr::raw(format!("aws_subnet.{}.id", s.key)))
                        .collect(),
                ),
            ));
            if !vpc.public_subnets.is_empty() {
                f.push(output(
                    "public_subnet_ids",
                    "Public (load balancer) subnets.",
                    Expr::List(
                        vpc.public_subnets
                            .iter()
                            .map(|s| Expr::raw(format!("aws_subnet.{}.id", s.key)))
                            .collect(),
                    ),
                ));
            }
        }
        NetworkSpec::Existing(_) => {
            f.push(output(
                "vpc_id",
                "VPC id.",
                Expr::raw("data.aws_vpc.this.id"),
            ));
        }
    }
    f.push(output(
        "configure_kubectl",
        "Run this to point kubectl at the cluster.",
        Expr::Str(vec![
            StrPart::Lit("aws eks update-kubeconfig --region ".into()),
            StrPart::Interp("var.region".into()),
            StrPart::Lit(" --name ".into()),
            StrPart::Interp("aws_eks_cluster.this.name".into()),
        ]),
    ));
    f
}
