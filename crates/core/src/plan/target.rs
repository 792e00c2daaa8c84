//! Which tool the bundle is written for.

use serde::{Deserialize, Serialize};

/// The infrastructure-as-code tool a bundle targets. Every target gets the
/// same cluster, the same IAM and the same Kubernetes manifests.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    /// Terraform with the `hashicorp/aws` provider.
    #[default]
    Terraform,
    /// eksctl's `ClusterConfig`, on a CloudFormation stack of prerequisites.
    Eksctl,
    /// One AWS CloudFormation template.
    Cloudformation,
    /// An AWS CDK app in TypeScript.
    Cdk,
    /// Pulumi in TypeScript with `@pulumi/aws`.
    PulumiTs,
    /// Pulumi in Go with `github.com/pulumi/pulumi-aws/sdk/v7`.
    PulumiGo,
}

impl Target {
    /// Every target, in the order the planner lists them.
    pub const ALL: &'static [Target] = &[
        Target::Terraform,
        Target::Eksctl,
        Target::Cloudformation,
        Target::Cdk,
        Target::PulumiTs,
        Target::PulumiGo,
    ];

    /// The spelling in plan files and on the command line (`pulumi-ts`).
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Terraform => "terraform",
            Target::Eksctl => "eksctl",
            Target::Cloudformation => "cloudformation",
            Target::Cdk => "cdk",
            Target::PulumiTs => "pulumi-ts",
            Target::PulumiGo => "pulumi-go",
        }
    }

    /// The tool's name for people (`Pulumi (TypeScript)`).
    pub fn title(self) -> &'static str {
        match self {
            Target::Terraform => "Terraform",
            Target::Eksctl => "eksctl",
            Target::Cloudformation => "CloudFormation",
            Target::Cdk => "AWS CDK (TypeScript)",
            Target::PulumiTs => "Pulumi (TypeScript)",
            Target::PulumiGo => "Pulumi (Go)",
        }
    }

    /// The target spelled `s`, if any.
    pub fn parse(s: &str) -> Option<Target> {
        Target::ALL.iter().copied().find(|t| t.as_str() == s)
    }

    /// Whether this is the default target (plans omit it then).
    pub fn is_default(&self) -> bool {
        *self == Target::default()
    }
}
