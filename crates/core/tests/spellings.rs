//! One cluster, every spelling: each target's output, read back, describes
//! the same cluster as the Design it was generated from.
//!
//! [`facts::Facts`] is what must agree: the cluster's name, version and
//! region, the three capabilities and the bootstrap flag, built-in pools and
//! node role, endpoint access and CIDRs, secrets encryption, log types,
//! subnets per zone and their load-balancer tags, every IAM role with its
//! trust and policies, every access entry with its policy associations,
//! every Pod Identity association, the tags, every EKS Capability (role,
//! Argo CD's Identity Center settings and role mappings, extra access
//! policies), every component log delivery (source, destination, target)
//! and every created bucket with its policy. `facts::from_design` reads
//! them from the Design; each target module reads them back from that
//! target's files, with an independent parser.

#[path = "spellings/cdk.rs"]
mod cdk;
#[path = "spellings/cloudformation.rs"]
mod cloudformation;
#[path = "spellings/eksctl.rs"]
mod eksctl;
#[path = "spellings/facts.rs"]
mod facts;
#[path = "spellings/pulumi.rs"]
mod pulumi;
#[path = "spellings/source.rs"]
mod source;
#[path = "spellings/terraform.rs"]
mod terraform;
#[path = "spellings/yaml.rs"]
mod yaml;

use eksplan_core::catalog::date::Date;
use eksplan_core::diag::Code;
use eksplan_core::plan::{Plan, Target};
use eksplan_core::presets::PRESETS;
use eksplan_core::{Bundle, Options, generate, resolve};

const TODAY: Date = eksplan_core::catalog::versions::TABLE_DATE;

/// Plans to compare: every preset and every fixture plan (the kitchen sink,
/// the articles' clusters, ...).
fn plans() -> Vec<(String, Plan)> {
    let mut out: Vec<(String, Plan)> = PRESETS
        .iter()
        .map(|p| (p.name.to_owned(), p.plan().expect("preset parses")))
        .collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {dir}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let plan = Plan::from_yaml(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        out.push((name, plan));
    }
    out
}

fn bundle(plan: &Plan, target: Target) -> Bundle {
    generated(plan, target).0
}

/// A target's bundle and the codes of its findings.
fn generated(plan: &Plan, target: Target) -> (Bundle, Vec<Code>) {
    let mut plan = plan.clone();
    plan.target = target;
    let g = generate(&plan, &Options { today: Some(TODAY) });
    let codes = g.diagnostics.iter().map(|d| d.code).collect();
    (g.bundle.expect("bundle"), codes)
}

/// Read a target's bundle back into facts.
fn read_back(target: Target, bundle: &Bundle) -> facts::Facts {
    match target {
        Target::Terraform => terraform::read(bundle),
        Target::Eksctl => eksctl::read(bundle),
        Target::Cloudformation => cloudformation::read(bundle),
        Target::Cdk => cdk::read(bundle),
        Target::PulumiTs => pulumi::read(bundle, source::Lang::Ts),
        Target::PulumiGo => pulumi::read(bundle, source::Lang::Go),
    }
}

/// What a target's output must say: the design's facts, with the plan's
/// values in place of inputs for targets that have none. A fact the target
/// cannot spell is expected to be missing only when the bundle carries the
/// finding that says so (`findings`); the state store is Terraform's alone
/// (the other targets keep state in their stacks or the Pulumi backend).
fn expected(target: Target, facts: &facts::Facts, findings: &[Code]) -> facts::Facts {
    let mut f = match target {
        Target::Eksctl => facts.clone().inline_cluster_name().without_component_logs(),
        Target::Cloudformation | Target::Cdk => facts.clone().generated_bucket_names(),
        _ => facts.clone(),
    };
    if target != Target::Terraform {
        f = f.reported_by_target(findings);
    }
    f
}

#[test]
fn every_target_describes_the_design() {
    let mut failures = Vec::new();
    for (name, plan) in plans() {
        let design_facts = facts::from_design(&resolve(&plan));
        for &target in Target::ALL {
            let (files, findings) = generated(&plan, target);
            let actual = read_back(target, &files);
            for diff in expected(target, &design_facts, &findings).differences(&actual) {
                failures.push(format!("{name} ({}): {diff}", target.as_str()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The comparison itself can fail: a changed role policy is reported.
#[test]
fn a_difference_is_reported() {
    let plan = PRESETS[0].plan().expect("preset");
    let design = resolve(&plan);
    let expected = facts::from_design(&design);
    let mut actual = terraform::read(&bundle(&plan, Target::Terraform));
    assert!(expected.differences(&actual).is_empty());
    if let Some(role) = actual.roles.values_mut().next() {
        role.managed_policies.insert("AdministratorAccess".into());
    }
    actual.version = "1.0".into();
    let diffs = expected.differences(&actual);
    assert!(diffs.iter().any(|d| d.contains("version")), "{diffs:?}");
    assert!(
        diffs.iter().any(|d| d.contains("AdministratorAccess")),
        "{diffs:?}"
    );
}

/// The Pulumi readers see what the programs say: a policy changed in the
/// source, or a capability turned off, is reported.
#[test]
fn pulumi_readers_report_edits() {
    let plan = PRESETS
        .iter()
        .find(|p| p.name == "production")
        .expect("production preset")
        .plan()
        .expect("preset");
    let design_facts = facts::from_design(&resolve(&plan));
    for (target, path, edits) in [
        (
            Target::PulumiTs,
            "pulumi/index.ts",
            [
                ("AmazonEKSComputePolicy", "AdministratorAccess"),
                (
                    "    blockStorage: {\n            enabled: true",
                    "    blockStorage: {\n            enabled: false",
                ),
            ],
        ),
        (
            Target::PulumiGo,
            "pulumi/main.go",
            [
                ("AmazonEKSComputePolicy", "AdministratorAccess"),
                (
                    "BlockStorage: &eks.ClusterStorageConfigBlockStorageArgs{\n\t\t\t\t\tEnabled: pulumi.Bool(true)",
                    "BlockStorage: &eks.ClusterStorageConfigBlockStorageArgs{\n\t\t\t\t\tEnabled: pulumi.Bool(false)",
                ),
            ],
        ),
    ] {
        let (mut b, findings) = generated(&plan, target);
        let expected = expected(target, &design_facts, &findings);
        assert!(expected.differences(&read_back(target, &b)).is_empty());
        let mut text = b.get(path).expect("program").to_owned();
        for (from, to) in edits {
            assert!(text.contains(from), "{path} lacks {from:?}");
            text = text.replacen(from, to, 1);
        }
        b.insert(path, text);
        let diffs = expected.differences(&read_back(target, &b));
        assert!(
            diffs.iter().any(|d| d.contains("AdministratorAccess")),
            "{target:?}: {diffs:?}"
        );
        assert!(
            diffs.iter().any(|d| d.contains("capabilities")),
            "{target:?}: {diffs:?}"
        );
    }
}

/// Every reader sees a change in its target's files: a role losing a
/// policy is reported for each target.
#[test]
fn every_reader_sees_a_changed_file() {
    let plan = PRESETS[0].plan().expect("preset");
    let design_facts = facts::from_design(&resolve(&plan));
    let cases: [(Target, &str, &str, &str); 3] = [
        (
            Target::Cloudformation,
            "cloudformation/template.yaml",
            "AmazonEKSComputePolicy",
            "AmazonEKSComputePolicyX",
        ),
        (
            Target::Eksctl,
            "eksctl/prerequisites.yaml",
            "AmazonEKSComputePolicy",
            "AmazonEKSComputePolicyX",
        ),
        (
            Target::Cdk,
            "cdk/lib/cluster-stack.ts",
            "AmazonEKSComputePolicy",
            "AmazonEKSComputePolicyX",
        ),
    ];
    for (target, path, from, to) in cases {
        let (b, findings) = generated(&plan, target);
        let mut changed = Bundle::new();
        for (p, text) in b.files() {
            let text = if p == path {
                assert!(text.contains(from), "{path} lacks {from}");
                text.replacen(from, to, 1)
            } else {
                text.to_owned()
            };
            changed.insert(p, text);
        }
        let want = expected(target, &design_facts, &findings);
        assert!(want.differences(&read_back(target, &b)).is_empty());
        let diffs = want.differences(&read_back(target, &changed));
        assert!(
            diffs.iter().any(|d| d.contains("AmazonEKSComputePolicyX")),
            "{target:?}: {diffs:?}"
        );
    }
}

/// The new facts are compared too: a changed Argo CD role mapping, a
/// dropped log delivery and a weakened bucket policy in the Terraform files
/// are each reported.
#[test]
fn capability_and_log_differences_are_reported() {
    let plan = eksplan_core::presets::find("platform")
        .expect("platform preset")
        .plan()
        .expect("preset parses");
    let expected = facts::from_design(&resolve(&plan));
    assert_eq!(
        expected.eks_capabilities.len(),
        3,
        "{:?}",
        expected.eks_capabilities
    );
    assert_eq!(
        expected.log_deliveries.len(),
        4,
        "{:?}",
        expected.log_deliveries
    );
    assert!(expected.buckets.len() >= 3, "{:?}", expected.buckets);
    let good = bundle(&plan, Target::Terraform);
    assert!(expected.differences(&terraform::read(&good)).is_empty());

    let mut bad = good.clone();
    let caps = good
        .get("terraform/capabilities.tf")
        .expect("capabilities.tf");
    bad.insert(
        "terraform/capabilities.tf",
        caps.replacen("role = \"VIEWER\"", "role = \"ADMIN\"", 1),
    );
    let logs = good.get("terraform/logs.tf").expect("logs.tf");
    let logs = logs.replacen("AUTO_MODE_IPAM_LOGS", "AUTO_MODE_COMPUTE_LOGS", 1);
    let logs = logs.replacen("\"s3:x-amz-acl\"", "\"s3:x-amz-grant-full-control\"", 1);
    bad.insert("terraform/logs.tf", logs);
    let diffs = expected.differences(&terraform::read(&bad));
    for field in ["eks_capabilities", "log_deliveries", "buckets"] {
        assert!(
            diffs.iter().any(|d| d.starts_with(field)),
            "{field} not reported: {diffs:?}"
        );
    }
}
