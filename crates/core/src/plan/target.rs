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
}

impl Target {
    /// Every target, in the order the planner lists them.
    pub const ALL: &'static [Target] = &[Target::Terraform];

    /// The spelling in plan files and on the command line (`pulumi-ts`).
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Terraform => "terraform",
        }
    }

    /// The tool's name for people (`Pulumi (TypeScript)`).
    pub fn title(self) -> &'static str {
        match self {
            Target::Terraform => "Terraform",
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
