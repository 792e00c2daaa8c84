//! **Emit**: one emitter per target turns a [`Design`] into files.
//!
//! Every bundle has the plan, the Kubernetes manifests and a README; the
//! AWS side is written by the emitter of the plan's [`Target`]:
//!
//! * [`terraform`] writes `terraform/*.tf` (hashicorp/aws) and
//!   `scripts/teardown.sh`;
//! * [`cloudformation`] writes one template, [`cdk`] a TypeScript app on
//!   the same template tree, and [`eksctl`] a `ClusterConfig` on a stack of
//!   prerequisites, each with its scripts ([`stack_scripts`]);
//! * [`pulumi`] writes `pulumi/` (TypeScript or Go) and
//!   `scripts/teardown.sh`;
//! * [`kubernetes`] writes `kubernetes/*.yaml` in apply order;
//! * [`readme`] writes the bundle's README (apply, verify, teardown,
//!   decisions), with each target's deploy steps.
//!
//! An emitter only translates: every decision is in the [`Design`]. What a
//! target cannot express is a [`findings`] diagnostic on that target, never
//! a silent omission.

pub mod cdk;
pub mod cloudformation;
pub mod eksctl;
pub mod hcl;
pub mod input_checks;
pub mod kubernetes;
pub mod pulumi;
pub mod readme;
pub mod scripts;
pub mod stack_scripts;
pub mod terraform;
pub mod yaml;

use crate::bundle::Bundle;
use crate::design::Design;
use crate::diag::Diagnostic;
use crate::plan::{Plan, Target};

/// Said where a target declares its inputs (Terraform variables, Pulumi
/// config): the manifests were written for the inputs' defaults.
pub const MANIFESTS_USE_DEFAULTS: &str = "The Kubernetes manifests in ../kubernetes were generated for these defaults (NodeClass\n\
     roles and subnet tags use the cluster name): change them in the plan and regenerate.";

/// Files every bundle can contain, whatever its target.
const COMMON_PATHS: &[&str] = &[
    "README.md",
    "plan.yaml",
    kubernetes::NODECLASSES,
    kubernetes::NODEPOOLS,
    kubernetes::STORAGECLASS,
    kubernetes::INGRESSCLASS,
    kubernetes::SERVICE_ACCOUNTS,
    kubernetes::SAMPLE,
    kubernetes::NLB,
    kubernetes::NODEPOOL_EXAMPLES,
    kubernetes::POD_IDENTITY_EXAMPLES,
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
        Target::Eksctl => eksctl::PATHS,
        Target::Cloudformation => cloudformation::PATHS,
        Target::Cdk => cdk::PATHS,
        Target::PulumiTs => pulumi::TS_PATHS,
        Target::PulumiGo => pulumi::GO_PATHS,
    }
}

/// What the target cannot express of this design: one diagnostic per
/// omission, with the workaround.
pub fn findings(design: &Design, target: Target) -> Vec<Diagnostic> {
    let mut out = match target {
        Target::Terraform => return Vec::new(),
        Target::PulumiTs | Target::PulumiGo => pulumi::findings(design),
        Target::Eksctl => eksctl::findings(design),
        Target::Cloudformation => cloudformation::findings(design),
        Target::Cdk => cdk::findings(design),
    };
    out.extend(not_yet_expressed(design));
    out
}

/// Design objects that only the Terraform target writes so far: each is a
/// finding on the other targets, so the bundle never drops one silently.
fn not_yet_expressed(design: &Design) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let crate::design::NetworkSpec::Create(vpc) = &design.network
        && let Some(sg) = &vpc.node_security_group
    {
        out.push(Diagnostic::new(
            crate::diag::Code::NodeSecurityGroupMissing,
            "network.node_security_group",
            format!(
                "This target does not create the planned node security group `{}` ({} ingress and {} egress rules): NodeClasses that select it by its tags find no group",
                sg.name,
                sg.ingress.len(),
                sg.egress.len()
            ),
            "Use the Terraform target, or create the group (with its tags and rules) in the VPC before applying the Kubernetes manifests.",
        ));
    }
    out
}

/// The target's findings (appended to `diagnostics`, as [`findings`] gives
/// them) and its bundle (as [`bundle`] writes it), in one pass: what both
/// need is computed once per call (eksctl's ClusterConfig, whose
/// placeholders the findings check).
pub fn findings_and_bundle(
    plan: &Plan,
    design: &Design,
    diagnostics: &mut Vec<Diagnostic>,
) -> Bundle {
    if plan.target != Target::Eksctl {
        diagnostics.extend(findings(design, plan.target));
        return bundle(plan, design, diagnostics);
    }
    let rendered = eksctl::render(design);
    diagnostics.extend(eksctl::findings_of(design, &rendered));
    diagnostics.extend(not_yet_expressed(design));
    let mut b = Bundle::new();
    let readme = eksctl::emit_rendered(design, rendered, &mut b);
    finish(plan, design, diagnostics, b, &readme)
}

/// Emit the plan's target for a design into one bundle.
pub fn bundle(plan: &Plan, design: &Design, diagnostics: &[Diagnostic]) -> Bundle {
    let mut b = Bundle::new();
    let eksctl_readme;
    let readme: &dyn readme::TargetReadme = match plan.target {
        Target::Terraform => {
            terraform::emit(design, &mut b);
            &terraform::Terraform
        }
        Target::Eksctl => {
            eksctl_readme = eksctl::emit(design, &mut b);
            &eksctl_readme
        }
        Target::Cloudformation => {
            cloudformation::emit(design, &mut b);
            &cloudformation::CloudFormation
        }
        Target::Cdk => {
            cdk::emit(design, &mut b);
            &cdk::Cdk
        }
        Target::PulumiTs => {
            pulumi::emit_ts(design, &mut b);
            &pulumi::PulumiTs
        }
        Target::PulumiGo => {
            pulumi::emit_go(design, &mut b);
            &pulumi::PulumiGo
        }
    };
    finish(plan, design, diagnostics, b, readme)
}

/// The Terraform bundle, whatever the plan's target: the one emitter a
/// host links when it calls only this (see [`crate::generate_terraform`]).
pub fn terraform_bundle(plan: &Plan, design: &Design, diagnostics: &[Diagnostic]) -> Bundle {
    let mut b = Bundle::new();
    terraform::emit(design, &mut b);
    finish(plan, design, diagnostics, b, &terraform::Terraform)
}

/// Finding `TG018`: a host that writes only Terraform was given a plan for
/// another target.
pub fn terraform_instead(target: Target) -> Diagnostic {
    Diagnostic::new(
        crate::diag::Code::TerraformInstead,
        "target",
        format!(
            "this planner writes the Terraform files of the plan; the plan's target is {}",
            target.title()
        ),
        format!(
            "Generate the {} files with `eksplan generate PLAN --target {}`; the plan keeps its target.",
            target.title(),
            target.as_str()
        ),
    )
}

/// The files every target shares: manifests, the plan, the README.
fn finish(
    plan: &Plan,
    design: &Design,
    diagnostics: &[Diagnostic],
    mut b: Bundle,
    readme: &dyn readme::TargetReadme,
) -> Bundle {
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

#[cfg(test)]
mod not_expressed_tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn a_node_security_group_is_a_finding_outside_terraform() {
        let text = include_str!("../../../../tests/fixtures/japanese-survey.yaml");
        let plan = Plan::from_yaml(text).expect("fixture parses");
        let design = crate::resolve(&plan);
        for &target in Target::ALL {
            let codes: Vec<Code> = findings(&design, target)
                .into_iter()
                .map(|d| d.code)
                .collect();
            assert_eq!(
                codes.contains(&Code::NodeSecurityGroupMissing),
                target != Target::Terraform,
                "{target:?}: {codes:?}"
            );
        }
        let plain = crate::resolve(&Plan::default());
        assert!(
            !findings(&plain, Target::Cloudformation)
                .iter()
                .any(|d| d.code == Code::NodeSecurityGroupMissing)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    /// The Terraform-only entry writes what `generate` writes for
    /// Terraform, and for another target says what it wrote instead.
    #[test]
    fn terraform_only_generation() {
        let options = crate::Options::default();
        for preset in crate::presets::PRESETS {
            let plan = preset.plan().expect("preset");
            let full = crate::generate(&plan, &options);
            let web = crate::generate_terraform(&plan, &options);
            assert_eq!(full.bundle, web.bundle, "{}", preset.name);
            assert_eq!(full.diagnostics, web.diagnostics, "{}", preset.name);
        }
        let plan = crate::Plan {
            target: Target::Cdk,
            ..Default::default()
        };
        let web = crate::generate_terraform(&plan, &options);
        let bundle = web.bundle.expect("bundle");
        assert!(bundle.get("terraform/eks.tf").is_some());
        assert!(bundle.get("cdk/bin/app.ts").is_none());
        let d = web
            .diagnostics
            .iter()
            .find(|d| d.code == Code::TerraformInstead)
            .expect("TG018");
        assert!(d.fix.contains("--target cdk"), "{d:?}");
    }
}
