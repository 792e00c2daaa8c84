//! **Emit**: one emitter per target turns a [`Design`] into files.
//!
//! Every bundle has the plan, the Kubernetes manifests and a README; the
//! AWS side is written by the emitter of the plan's [`Target`]:
//!
//! * [`terraform`] writes `terraform/*.tf` (hashicorp/aws) and
//!   `scripts/teardown.sh`;
//! * [`kubernetes`] writes `kubernetes/*.yaml` in apply order;
//! * [`readme`] writes the bundle's README (apply, verify, teardown,
//!   decisions), with each target's deploy steps.
//!
//! An emitter only translates: every decision is in the [`Design`]. What a
//! target cannot express is a [`findings`] diagnostic on that target, never
//! a silent omission.

pub mod hcl;
pub mod kubernetes;
pub mod readme;
pub mod scripts;
pub mod terraform;

use crate::bundle::Bundle;
use crate::design::Design;
use crate::diag::Diagnostic;
use crate::plan::{Plan, Target};

/// Files every bundle can contain, whatever its target.
const COMMON_PATHS: &[&str] = &[
    "README.md",
    "plan.yaml",
    kubernetes::NODECLASSES,
    kubernetes::NODEPOOLS,
    kubernetes::STORAGECLASS,
    kubernetes::INGRESSCLASS,
    kubernetes::SAMPLE,
    kubernetes::NLB,
];

/// Every path a bundle of any target can contain. Writers use it to remove
/// files an earlier bundle had and this one does not, without touching
/// anything else.
pub fn all_paths() -> impl Iterator<Item = &'static str> {
    COMMON_PATHS
        .iter()
        .chain(Target::ALL.iter().flat_map(|t| target_paths(*t).iter()))
        .copied()
}

/// The files a target's emitter can write (besides the common ones).
pub fn target_paths(target: Target) -> &'static [&'static str] {
    match target {
        Target::Terraform => terraform::PATHS,
    }
}

/// What the target cannot express of this design: one diagnostic per
/// omission, with the workaround.
pub fn findings(design: &Design, target: Target) -> Vec<Diagnostic> {
    match target {
        Target::Terraform => {
            let _ = design;
            Vec::new()
        }
    }
}

/// Emit the plan's target for a design into one bundle.
pub fn bundle(plan: &Plan, design: &Design, diagnostics: &[Diagnostic]) -> Bundle {
    let mut b = Bundle::new();
    let readme: &dyn readme::TargetReadme = match plan.target {
        Target::Terraform => {
            terraform::emit(design, &mut b);
            &terraform::Terraform
        }
    };
    kubernetes::emit(design, &mut b);
    let plan_yaml = plan
        .to_yaml()
        .unwrap_or_else(|e| format!("# the plan could not be written: {e}\n"));
    b.insert(
        "plan.yaml",
        format!("# The plan this bundle was generated from.\n{plan_yaml}"),
    );
    let readme = readme::render(readme, design, diagnostics, &b);
    b.insert("README.md", readme);
    b
}
