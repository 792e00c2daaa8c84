//! `versions.tf` and `providers.tf`.

use super::super::hcl::{Block, Expr, File};
use super::{AWS_PROVIDER_VERSION, TERRAFORM_VERSION, Tf, header, variable};
use crate::design::{Design, InputId, NetworkSpec, Part, Zone};

/// `versions.tf`: Terraform and provider constraints.
pub fn versions() -> File {
    let mut f = header("Terraform and provider versions.");
    f.comment(
        "hashicorp/aws 6.15 is the first release that enables and disables EKS Auto Mode in place.",
    );
    f.push(
        Block::new("terraform", &[])
            .attr("required_version", Expr::str(TERRAFORM_VERSION))
            .block(Block::new("required_providers", &[]).attr(
                "aws",
                Expr::Object(vec![
                    ("source".into(), Expr::str("hashicorp/aws")),
                    ("version".into(), Expr::str(AWS_PROVIDER_VERSION)),
                ]),
            )),
    );
    f
}

/// Whether any value in the design uses the deploying principal's ARN.
fn uses_caller_arn(design: &Design) -> bool {
    design
        .access_entries
        .iter()
        .any(|e| e.principal_arn.0.contains(&Part::CallerArn))
}

/// `providers.tf`: the AWS provider and the account context data sources.
pub fn providers(tf: &Tf) -> File {
    let design = tf.design;
    let mut f = header("The AWS provider and account context.");
    f.push(
        Block::new("provider", &["aws"])
            .attr("region", Expr::raw(variable(InputId::Region)))
            .block(
                Block::new("default_tags", &[]).attr("tags", Expr::raw(variable(InputId::Tags))),
            ),
    );
    f.push(Block::new("data", &["aws_partition", "current"]));
    f.push(Block::new("data", &["aws_caller_identity", "current"]));
    if uses_caller_arn(design) {
        f.comment("The IAM role (not the STS session) of whoever runs terraform apply.");
        f.push(
            Block::new("data", &["aws_iam_session_context", "current"])
                .attr("arn", Expr::raw("data.aws_caller_identity.current.arn")),
        );
    }
    if let NetworkSpec::Create(vpc) = &design.network
        && vpc.zones.iter().any(|z| matches!(z, Zone::Available(_)))
    {
        f.push(
            Block::new("data", &["aws_availability_zones", "available"])
                .attr("state", Expr::str("available"))
                .block(
                    Block::new("filter", &[])
                        .attr("name", Expr::str("opt-in-status"))
                        .attr("values", Expr::strs(&["opt-in-not-required"])),
                ),
        );
    }
    f
}
