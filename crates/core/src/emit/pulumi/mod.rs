//! Pulumi emitters: TypeScript (`@pulumi/aws`) and Go
//! (`github.com/pulumi/pulumi-aws/sdk/v7`), written into `pulumi/`.
//!
//! Both spell one language-neutral [`model::Program`] built from the
//! Design ([`build`]): the same resources with the same arguments as the
//! Terraform target, in declaration order. Inputs become stack
//! configuration with the plan's values as defaults in `Pulumi.yaml`
//! ([`project`]); the region and the tags are the AWS provider's own
//! configuration (`aws:region`, `aws:defaultTags`), as Terraform's provider
//! block has them.
//!
//! The Kubernetes manifests are not applied by Pulumi: the bundle's
//! `kubernetes/` files are applied with kubectl after `pulumi up`, as for
//! every target (the README says why).

mod build;
mod escape;
mod go;
mod model;
mod names;
mod project;
mod readme;
mod ts;

pub use escape::{go_format_text, go_string, ts_string, ts_template_text};
pub use go::{AWS_MODULE, PULUMI_MODULE};
pub use readme::{PulumiGo, PulumiTs};

use std::borrow::Cow;

use crate::bundle::Bundle;
use crate::design::Design;

/// `@pulumi/aws` and `github.com/pulumi/pulumi-aws/sdk/v7`: the release the
/// generated programs are checked against (v7 is the first major version
/// with `computeConfig`, `storageConfig` and `deletionProtection` on
/// `eks.Cluster` in the TypeScript and Go SDKs alike).
pub const AWS_VERSION: &str = "7.48.0";

/// `@pulumi/pulumi` and `github.com/pulumi/pulumi/sdk/v3`.
pub const PULUMI_VERSION: &str = "3.276.0";

/// The `go` directive of `go.mod`.
pub const GO_VERSION: &str = "1.24";

/// Files the TypeScript target writes.
pub const TS_PATHS: &[&str] = &[
    "scripts/teardown.sh",
    "pulumi/Pulumi.yaml",
    "pulumi/package.json",
    "pulumi/tsconfig.json",
    "pulumi/index.ts",
];

/// Files the Go target writes.
pub const GO_PATHS: &[&str] = &[
    "scripts/teardown.sh",
    "pulumi/Pulumi.yaml",
    "pulumi/go.mod",
    "pulumi/main.go",
];

/// What Pulumi cannot express of a design. Its AWS provider is bridged
/// from Terraform's, so every resource and argument has its Pulumi
/// spelling; only the waits Terraform does with `terraform_data` gates
/// (IAM propagation, EKS cluster updates) have no Pulumi equivalent
/// without another provider.
pub fn findings(design: &Design) -> Vec<crate::diag::Diagnostic> {
    crate::emit::cloudformation::findings::waits(design, "Pulumi")
}

/// Write the Pulumi TypeScript program and the teardown script.
pub fn emit_ts(design: &Design, bundle: &mut Bundle) {
    let p = build::program(design);
    bundle.insert("pulumi/Pulumi.yaml", project::pulumi_yaml(&p, "nodejs"));
    bundle.insert("pulumi/package.json", ts::package_json(&p));
    bundle.insert("pulumi/tsconfig.json", ts::tsconfig());
    bundle.insert("pulumi/index.ts", ts::index(&p));
    bundle.insert(
        "scripts/teardown.sh",
        super::scripts::teardown_for(design, &readme::destroyer(false)),
    );
}

/// Write the Pulumi Go program and the teardown script.
pub fn emit_go(design: &Design, bundle: &mut Bundle) {
    let p = build::program(design);
    bundle.insert("pulumi/Pulumi.yaml", project::pulumi_yaml(&p, "go"));
    bundle.insert("pulumi/go.mod", go::go_mod(&p));
    bundle.insert("pulumi/main.go", go::main_go(&p));
    bundle.insert(
        "scripts/teardown.sh",
        super::scripts::teardown_for(design, &readme::destroyer(true)),
    );
}

/// The Pulumi project name (and Go module path): the cluster name, with
/// anything a project name may not contain replaced by `-`.
pub(crate) fn project_name(design: &Design) -> String {
    let name: String = design
        .cluster
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-');
    if name.is_empty() {
        "eks-auto-mode".to_owned()
    } else {
        name.to_owned()
    }
}

/// Text as comment lines: one per line of the text, with characters that
/// could end a comment or hide text (line separators, controls,
/// bidirectional overrides) replaced by spaces.
pub(crate) fn comment_lines(s: &str) -> Vec<Cow<'_, str>> {
    s.split('\n')
        .map(|line| {
            // Printable ASCII (most comments) has nothing to replace.
            if line.bytes().all(|b| (b' '..=b'~').contains(&b)) {
                return Cow::Borrowed(line.trim_end());
            }
            Cow::Owned(
                line.chars()
                    .map(|c| if escape::invisible(c) { ' ' } else { c })
                    .collect::<String>()
                    .trim_end()
                    .to_owned(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::model::{Id, Stmt};
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn waits_are_a_finding() {
        let plan = crate::presets::find("platform")
            .expect("platform preset")
            .plan()
            .expect("preset parses");
        let f = findings(&crate::resolve(&plan));
        assert!(
            f.iter()
                .any(|d| d.code == crate::diag::Code::NoDeploymentWaits),
            "{f:?}"
        );
        assert!(findings(&crate::resolve(&crate::Plan::default())).is_empty());
    }

    #[test]
    fn comments_cannot_end_early() {
        assert_eq!(comment_lines("a\u{2028}b\rc\nd"), vec!["a b c", "d"]);
    }

    fn designs() -> Vec<(String, Design)> {
        let mut out: Vec<(String, Design)> = crate::presets::PRESETS
            .iter()
            .map(|p| {
                (
                    p.name.to_owned(),
                    crate::resolve(&p.plan().expect("preset")),
                )
            })
            .collect();
        let ks = crate::Plan::from_yaml(include_str!(
            "../../../../../tests/fixtures/kitchen-sink.yaml"
        ))
        .expect("kitchen sink");
        out.push(("kitchen-sink".into(), crate::resolve(&ks)));
        out
    }

    /// Every variable a statement uses is declared by an earlier one.
    #[test]
    fn variables_are_declared_before_use() {
        for (name, design) in designs() {
            let p = build::program(&design);
            let mut declared: BTreeSet<Id> = BTreeSet::new();
            for s in &p.stmts {
                let one = model::Program {
                    design: p.design,
                    inputs: Vec::new(),
                    context: p.context,
                    stmts: vec![s.clone()],
                    exports: &[],
                };
                for id in one.referenced() {
                    assert!(
                        declared.contains(&id),
                        "{name}: {id:?} used before it is declared"
                    );
                }
                match s {
                    Stmt::Resource(r) => {
                        declared.insert(r.id.clone());
                    }
                    Stmt::VpcLookup(r, _) => {
                        declared.insert(Id::Obj(r.clone()));
                    }
                    _ => {}
                }
            }
            let exports = model::Program {
                stmts: Vec::new(),
                ..p.clone()
            };
            for id in exports.referenced() {
                assert!(
                    declared.contains(&id),
                    "{name}: export of undeclared {id:?}"
                );
            }
        }
    }

    /// Go rejects a variable that is never used; every one the program
    /// declares is used at least once more.
    #[test]
    fn go_uses_every_variable() {
        for (name, design) in designs() {
            let p = build::program(&design);
            let text = go::main_go(&p);
            let words: Vec<&str> = text
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .collect();
            for line in text.lines() {
                let line = line.trim_start();
                let declared = line
                    .split_once(", err :=")
                    .or_else(|| line.split_once(" :="))
                    .map(|(v, _)| v)
                    .filter(|v| v.chars().all(|c| c.is_ascii_alphanumeric()));
                if let Some(var) = declared {
                    let uses = words.iter().filter(|w| **w == var).count();
                    assert!(uses >= 2, "{name}: {var} is declared but never used");
                }
            }
            let vars = names::Vars::new(&p, &[]);
            let all: Vec<&String> = vars.all().collect();
            let unique: BTreeSet<&&String> = all.iter().collect();
            assert_eq!(
                unique.len(),
                all.len(),
                "{name}: two variables share a name"
            );
        }
    }
}
