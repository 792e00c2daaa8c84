//! Built-in presets: plan files kept in `crates/core/presets/`.

use crate::plan::{Plan, PlanError};

/// A named starting point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Name used on the command line and in the UI.
    pub name: &'static str,
    /// One-line description.
    pub summary: &'static str,
    /// The plan file (YAML).
    pub yaml: &'static str,
}

/// All presets, in the order they are listed.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "quickstart",
        summary: "What the EKS console's quick configuration creates, with secure defaults",
        yaml: include_str!("../../presets/quickstart.yaml"),
    },
    Preset {
        name: "production",
        summary: "3 AZs, NAT per AZ, restricted endpoint, KMS, logs, system pool + custom general pool with budgets",
        yaml: include_str!("../../presets/production.yaml"),
    },
    Preset {
        name: "private-only",
        summary: "No public subnets or public IPs; VPC endpoints instead of NAT",
        yaml: include_str!("../../presets/private-only.yaml"),
    },
    Preset {
        name: "gpu",
        summary: "A tainted GPU NodePool with its own NodeClass and larger volumes",
        yaml: include_str!("../../presets/gpu.yaml"),
    },
    Preset {
        name: "spot-batch",
        summary: "A spot NodePool for batch jobs with aggressive consolidation",
        yaml: include_str!("../../presets/spot-batch.yaml"),
    },
    Preset {
        name: "existing-vpc",
        summary: "An existing VPC with separate control-plane and node subnets",
        yaml: include_str!("../../presets/existing-vpc.yaml"),
    },
];

/// Find a preset by name.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

impl Preset {
    /// The preset's plan.
    pub fn plan(&self) -> Result<Plan, PlanError> {
        Plan::from_yaml(self.yaml)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::versions::DEFAULT_VERSION;

    /// A preset is a starting point for a new cluster, so it starts on the
    /// newest version EKS offers, like a new plan.
    #[test]
    fn every_preset_starts_on_the_default_version() {
        for p in PRESETS {
            let plan = p.plan().unwrap_or_else(|e| panic!("{}: {e}", p.name));
            assert_eq!(
                plan.cluster.kubernetes_version, DEFAULT_VERSION,
                "{}",
                p.name
            );
        }
    }
}
