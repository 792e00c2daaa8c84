//! eksctl emitter: `eksctl/cluster.yaml` (a `ClusterConfig`,
//! `eksctl.io/v1alpha5`) on `eksctl/prerequisites.yaml` (a CloudFormation
//! stack with what eksctl cannot create the planner's way).
//!
//! eksctl creates the cluster (Auto Mode, endpoint access, logging,
//! encryption, upgrade policy), its access entries and its Pod Identity
//! associations. It cannot create the planned VPC (its own subnets are
//! sized and tagged its way, it adds no flow logs and VPC endpoints only to
//! fully private clusters), IAM roles with the planned names, trust and
//! policies (NodeClasses name their node role; eksctl attaches no inline
//! policies), a KMS key, or a log group with a KMS key. The prerequisites
//! stack creates those from the same template tree as the CloudFormation
//! target ([`Scope::Prerequisites`]); the ClusterConfig refers to them
//! through `${Output}` placeholders that `scripts/cluster-config.sh` fills
//! from the stack's outputs with `envsubst` (what eksctl's maintainers
//! recommend for templated configs). Each such gap is a finding.

mod config;
mod findings;
mod readme;

pub use findings::{findings, findings_of};
pub use readme::Eksctl;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::cloudformation::template::{Name, Node, Output, Pseudo};
use super::cloudformation::{Cfn, stack_name};
use super::scripts::shell_quote;
use super::stack_scripts::{self, StackTool};
use crate::bundle::Bundle;
use crate::design::{Attr, Design, Kind, NetworkSpec};

/// The ClusterConfig's path.
pub const CLUSTER_CONFIG: &str = "eksctl/cluster.yaml";
/// The prerequisites template's path.
pub const PREREQUISITES: &str = "eksctl/prerequisites.yaml";
/// The script that fills the ClusterConfig's placeholders.
pub const FILL: &str = "scripts/cluster-config.sh";

/// The newest Kubernetes minor version eksctl knows (eksctl 0.230.0,
/// August 2026: `pkg/apis/eksctl.io/v1alpha5/types.go`, `Version1_35`).
pub const MAX_KUBERNETES_MINOR: u32 = 35;

/// Every file the eksctl target can write.
pub const PATHS: &[&str] = &[
    CLUSTER_CONFIG,
    PREREQUISITES,
    FILL,
    stack_scripts::CALLER_ARN,
    stack_scripts::POST_DEPLOY,
    stack_scripts::TEARDOWN,
];

/// The placeholder filled with the deploying principal's ARN.
pub const ADMIN_PLACEHOLDER: &str = "ClusterAdminArn";

/// Whether the ClusterConfig opens the public endpoint: only when the plan
/// asks for it and lists its networks. eksctl has no deploy-time inputs,
/// and it reads an empty `publicAccessCIDRs` as `0.0.0.0/0`, so a public
/// endpoint whose networks are a required input becomes private only.
pub fn public_endpoint(design: &Design) -> bool {
    let c = &design.cluster;
    c.endpoint_public_access && !c.public_access_cidrs.is_empty()
}

/// The prerequisites stack's name.
pub fn prerequisites_stack(design: &Design) -> String {
    format!("{}-prerequisites", stack_name(&design.cluster.name))
}

/// The ClusterConfig, and what its placeholders stand for.
pub struct Rendered<'a> {
    /// `eksctl/cluster.yaml`.
    pub text: String,
    /// Placeholder name → the prerequisites output it is filled from.
    pub outputs: BTreeMap<String, Node>,
    /// How many times each placeholder was written.
    pub written: BTreeMap<String, usize>,
    /// Whether `${ClusterAdminArn}` is used.
    pub admin: bool,
    /// The prerequisites stack's names (logical ids), which the
    /// ClusterConfig's placeholders were named from: the stack itself is
    /// written with the same table.
    pub cfn: Cfn<'a>,
}

/// Render the ClusterConfig of a design.
pub fn render(design: &Design) -> Rendered<'_> {
    config::render(design)
}

/// Write the eksctl files into `bundle`; the README's part is returned.
pub fn emit(design: &Design, bundle: &mut Bundle) -> Eksctl {
    emit_rendered(design, render(design), bundle)
}

/// [`emit`] with the ClusterConfig already rendered.
pub fn emit_rendered(design: &Design, rendered: Rendered<'_>, bundle: &mut Bundle) -> Eksctl {
    let mut t = rendered.cfn.template();
    t.outputs = rendered
        .outputs
        .iter()
        .map(|(name, value)| Output {
            name: name.clone(),
            description: describe_output(name, value),
            value: value.clone(),
        })
        .collect();
    bundle.insert(PREREQUISITES, t.into_yaml());
    bundle.insert(FILL, fill_script(design, &rendered));
    bundle.insert(CLUSTER_CONFIG, rendered.text);
    let stack = prerequisites_stack(design);
    let vpc_output = vpc_output(design, &rendered.cfn);
    stack_scripts::write(
        design,
        bundle,
        &StackTool::Eksctl {
            prerequisites: &stack,
            vpc_output: vpc_output.as_deref(),
        },
    );
    Eksctl { vpc_output }
}

/// The output with the VPC id, named by the prerequisites stack's `cfn`.
fn vpc_output(design: &Design, cfn: &Cfn) -> Option<String> {
    match &design.network {
        NetworkSpec::Create(vpc) => Some(output_name(&cfn.id(Kind::Vpc, &vpc.key), Attr::Id)),
        NetworkSpec::Existing(_) => None,
    }
}

/// The output (and placeholder) name for an attribute of a resource.
pub fn output_name(logical_id: &str, attr: Attr) -> String {
    let word = match attr {
        Attr::Arn => "Arn",
        Attr::Name => "Name",
        _ => "Id",
    };
    format!("{logical_id}{word}")
}

fn describe_output(name: &str, value: &Node) -> String {
    match value {
        Node::Ref(Name::Pseudo(Pseudo::AccountId)) => "This account's id.".to_owned(),
        Node::GetAtt(id, attr) => format!("{attr} of {id}."),
        Node::Ref(Name::Resource(id)) => format!("Id of {id}."),
        _ => format!("{name}."),
    }
}

/// `scripts/cluster-config.sh`: print the ClusterConfig with its
/// placeholders filled.
fn fill_script(design: &Design, r: &Rendered) -> String {
    let c = &design.cluster;
    let mut names: Vec<&str> = r.outputs.keys().map(String::as_str).collect();
    let mut s = String::from(
        "#!/usr/bin/env bash\n\
         # Print eksctl/cluster.yaml with its ${...} placeholders filled in: the outputs\n\
         # of the prerequisites stack (ids and ARNs of what it created)",
    );
    if r.admin {
        s.push_str(" and the ARN of\n# whoever runs this (the cluster-admin access entry)");
    }
    s.push_str(
        ".\n#\n# Usage: scripts/cluster-config.sh | eksctl create cluster -f -\n\
         set -euo pipefail\ncd \"$(dirname \"$0\")/..\"\n\n",
    );
    let _ = writeln!(s, "REGION={}", shell_quote(&c.region));
    let _ = writeln!(s, "STACK={}", shell_quote(&prerequisites_stack(design)));
    if !names.is_empty() {
        s.push_str(
            "\nwhile read -r key value; do\n  export \"$key=$value\"\ndone < <(aws cloudformation describe-stacks --region \"$REGION\" --stack-name \"$STACK\" \\\n  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text)\n",
        );
        let _ = writeln!(
            s,
            "for name in {}; do\n  if [[ -z \"${{!name:-}}\" ]]; then\n    echo \"stack $STACK has no output $name: deploy eksctl/prerequisites.yaml first\" >&2\n    exit 1\n  fi\ndone",
            names.join(" ")
        );
    }
    if r.admin {
        let _ = writeln!(
            s,
            "{ADMIN_PLACEHOLDER}=$(scripts/caller-arn.sh)\nexport {ADMIN_PLACEHOLDER}"
        );
        names.push(ADMIN_PLACEHOLDER);
    }
    names.sort_unstable();
    let list: Vec<String> = names.iter().map(|n| format!("${{{n}}}")).collect();
    s.push_str(
        "\n# Only these placeholders are replaced; any other `$` in the file is left alone.\n\
         # shellcheck disable=SC2016 # the list is for envsubst, not for the shell\n",
    );
    let _ = writeln!(s, "envsubst '{}' <eksctl/cluster.yaml", list.join(" "));
    s
}
