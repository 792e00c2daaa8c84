//! AWS CDK (TypeScript) emitter: an app in `cdk/` that builds the same stack
//! as the CloudFormation target, from the same [`Template`] tree.
//!
//! Why L1 (`Cfn*`) constructs rather than `aws-eks-v2`'s `Cluster` and
//! `ec2.Vpc`: the L2 constructs make their own decisions (subnet layout,
//! an Auto Mode node role with `AmazonEKSWorkerNodePolicy` and
//! `AmazonEC2ContainerRegistryReadOnly`, a kubectl Lambda, access entries
//! that refuse policies on `EC2` entries, generated names), which would
//! differ from the plan and from the other targets. L1 constructs map one
//! to one onto CloudFormation resources, so the synthesised template is the
//! CloudFormation target's template (a validator compares them), with no
//! hidden defaults and no extra resources.
//!
//! Inputs are CDK context values with defaults in `cdk.json`; tags are
//! applied with `cdk.Tags.of(this)` below each resource's own tags.

mod files;
mod readme;
mod ts;

pub use readme::Cdk;

use crate::bundle::Bundle;
use crate::design::Design;
use crate::emit::cloudformation::{Cfn, Scope, stack_name};
use crate::emit::stack_scripts::{self, StackTool};

/// Pinned package versions of the generated app (npm, 2026-12).
pub mod versions {
    /// `aws-cdk-lib`.
    pub const AWS_CDK_LIB: &str = "2.276.0";
    /// `constructs`.
    pub const CONSTRUCTS: &str = "^10.8.1";
    /// The `aws-cdk` CLI.
    pub const AWS_CDK: &str = "2.1148.1";
    /// `typescript` (5.x: `aws-cdk-lib`'s declarations target it).
    pub const TYPESCRIPT: &str = "~5.9.3";
    /// `ts-node`.
    pub const TS_NODE: &str = "^10.9.2";
    /// `@types/node`.
    pub const TYPES_NODE: &str = "^22.20.7";
}

/// The stack's source file.
pub const STACK: &str = "cdk/lib/cluster-stack.ts";
/// The app's entry point.
pub const APP: &str = "cdk/bin/app.ts";

/// Every file the CDK target can write.
pub const PATHS: &[&str] = &[
    "cdk/package.json",
    "cdk/tsconfig.json",
    "cdk/cdk.json",
    APP,
    STACK,
    stack_scripts::CALLER_ARN,
    stack_scripts::POST_DEPLOY,
    stack_scripts::TEARDOWN,
];

/// Findings of the CDK target: those of every stack.
pub fn findings(design: &Design) -> Vec<crate::diag::Diagnostic> {
    let mut out = crate::emit::cloudformation::findings::stack_findings(design, "A CDK stack");
    out.extend(crate::emit::cloudformation::findings::option_findings(
        design,
        "A CDK stack",
    ));
    out
}

/// Write the app into `bundle`.
pub fn emit(design: &Design, bundle: &mut Bundle) {
    let cfn = Cfn::new(design, Scope::Stack);
    let t = cfn.template();
    let stack = stack_name(&design.cluster.name);
    bundle.insert("cdk/package.json", files::package_json(design));
    bundle.insert("cdk/tsconfig.json", files::TSCONFIG);
    bundle.insert("cdk/cdk.json", files::cdk_json(design, &t));
    bundle.insert(APP, files::app(design, &t, &stack));
    bundle.insert(STACK, files::stack(design, &t));
    stack_scripts::write(design, bundle, &StackTool::Cdk { stack: &stack });
}
