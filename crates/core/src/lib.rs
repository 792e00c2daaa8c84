//! # eksplan-core
//!
//! The pure-Rust heart of the EKS Auto Mode Planner. It turns "the cluster I
//! want" into ready-to-apply infrastructure code, in one direction only:
//!
//! ```text
//! Plan ──validate──▶ diagnostics
//!   └───resolve───▶ Design ──emit──▶ Bundle (path → file contents)
//! ```
//!
//! * [`plan`]: the user's intent (serde, versioned, every field defaulted).
//! * [`validate()`]: every EKS Auto Mode rule and pitfall as [`Diagnostic`]s
//!   with a stable code, severity, field path, message and fix.
//! * [`resolve()`]: the fully decided [`Design`] (every AWS and Kubernetes
//!   object), re-checked by [`Design::verify`].
//! * [`emit`]: one emitter per target, producing a [`Bundle`].
//!
//! The core never touches files, the network or the clock: hosts pass in
//! what it needs (today's date for support windows) and write the output.
//! The same plan always gives byte-identical output.

pub mod bundle;
pub mod catalog;
pub mod cost;
pub mod design;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod import;
pub mod kube;
pub mod migrate;
pub mod plan;
pub mod presets;
pub mod resolve;
pub mod review;
pub mod share;
pub mod textfmt;
pub mod trace;
pub mod validate;

pub use bundle::Bundle;
pub use design::Design;
pub use diag::{Code, Diagnostic, Severity};
pub use plan::Plan;
pub use resolve::resolve;
pub use validate::{Options, validate};

/// Why a bundle could not be generated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GenerateError {
    /// The plan has error diagnostics.
    #[error("the plan has {} error(s); fix them first", .0.iter().filter(|d| d.is_error()).count())]
    Invalid(Vec<Diagnostic>),
    /// The design broke an Auto Mode rule: a planner bug.
    #[error("internal error: the resolved design breaks EKS Auto Mode rules: {}", .0.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("; "))]
    Invariant(Vec<Diagnostic>),
}

/// Everything one run produces for a plan.
#[derive(Clone, Debug)]
pub struct Output {
    /// All diagnostics, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// The bundle, unless the plan has errors.
    pub bundle: Result<Bundle, GenerateError>,
}

/// Validate, resolve, verify and emit in one call, for the plan's target.
///
/// The diagnostics are the plan's, then what the target cannot express of
/// the design ([`emit::findings`]).
pub fn generate(plan: &Plan, options: &Options) -> Output {
    generate_using(plan, options, emit::findings_and_bundle)
}

/// [`generate`] with the Terraform emitter only, for hosts that must not
/// link the other targets' emitters: the web planner's first-load module
/// (the other targets are in the on-demand module, `eksplan-extras`'s
/// `generate` entry). A plan for another target gets the Terraform bundle
/// of the same cluster, and finding `TG018` says so.
pub fn generate_terraform(plan: &Plan, options: &Options) -> Output {
    if plan.target == plan::Target::Terraform {
        return generate_using(plan, options, terraform_only);
    }
    let mut terraform = plan.clone();
    terraform.target = plan::Target::Terraform;
    let mut out = generate_using(&terraform, options, terraform_only);
    out.diagnostics.push(emit::terraform_instead(plan.target));
    out
}

/// The Terraform bundle, with no findings (Terraform expresses everything).
#[allow(
    clippy::ptr_arg,
    reason = "the emitter signature of `generate_using`, whose other emitter appends findings"
)]
fn terraform_only(plan: &Plan, design: &Design, diagnostics: &mut Vec<Diagnostic>) -> Bundle {
    emit::terraform_bundle(plan, design, diagnostics)
}

/// Validate, resolve, verify, then the target's findings (appended to the
/// diagnostics) and bundle.
fn generate_using(
    plan: &Plan,
    options: &Options,
    emit: fn(&Plan, &Design, &mut Vec<Diagnostic>) -> Bundle,
) -> Output {
    let mut diagnostics = validate(plan, options);
    let bundle = if diag::has_errors(&diagnostics) {
        Err(GenerateError::Invalid(diagnostics.clone()))
    } else {
        let design = resolve(plan);
        let violations = design.verify();
        if violations.is_empty() {
            Ok(emit(plan, &design, &mut diagnostics))
        } else {
            Err(GenerateError::Invariant(violations))
        }
    };
    Output {
        diagnostics,
        bundle,
    }
}
