//! **Emit**: one emitter per target turns a [`Design`] into files.
//!
//! * [`terraform`] writes `terraform/*.tf` (hashicorp/aws);
//! * [`kubernetes`] writes `kubernetes/*.yaml` in apply order;
//! * [`readme`] writes the bundle's README (apply, verify, teardown, decisions);
//! * [`scripts`] writes `scripts/teardown.sh`.

pub mod hcl;
pub mod kubernetes;
pub mod readme;
pub mod scripts;
pub mod terraform;

use crate::bundle::Bundle;
use crate::design::Design;
use crate::diag::Diagnostic;
use crate::plan::Plan;

/// Every path a bundle can contain. Writers use it to remove files an earlier
/// bundle had and this one does not, without touching anything else.
pub const ALL_PATHS: &[&str] = &[
    "README.md",
    "plan.yaml",
    "scripts/teardown.sh",
    "terraform/versions.tf",
    "terraform/providers.tf",
    "terraform/variables.tf",
    "terraform/vpc.tf",
    "terraform/iam.tf",
    "terraform/eks.tf",
    "terraform/access.tf",
    "terraform/pod_identity.tf",
    "terraform/outputs.tf",
    kubernetes::NODECLASSES,
    kubernetes::NODEPOOLS,
    kubernetes::STORAGECLASS,
    kubernetes::INGRESSCLASS,
    kubernetes::SAMPLE,
    kubernetes::NLB,
];

/// Emit every target for a design into one bundle.
pub fn bundle(plan: &Plan, design: &Design, diagnostics: &[Diagnostic]) -> Bundle {
    let mut b = Bundle::new();
    terraform::emit(design, &mut b);
    kubernetes::emit(design, &mut b);
    b.insert("scripts/teardown.sh", scripts::teardown(design));
    let plan_yaml = plan
        .to_yaml()
        .unwrap_or_else(|e| format!("# the plan could not be written: {e}\n"));
    b.insert(
        "plan.yaml",
        format!("# The plan this bundle was generated from.\n{plan_yaml}"),
    );
    let readme = readme::render(design, diagnostics, &b);
    b.insert("README.md", readme);
    b
}
