//! One cluster, every spelling: each target's output, read back, describes
//! the same cluster as the Design it was generated from.
//!
//! [`facts::Facts`] is what must agree: the cluster's name, version and
//! region, the three capabilities and the bootstrap flag, built-in pools and
//! node role, endpoint access and CIDRs, secrets encryption, log types,
//! subnets per zone and their load-balancer tags, every IAM role with its
//! trust and policies, every access entry with its policy associations,
//! every Pod Identity association, and the tags. `facts::from_design` reads
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
#[path = "spellings/terraform.rs"]
mod terraform;
#[path = "spellings/yaml.rs"]
mod yaml;

use eksplan_core::catalog::date::Date;
use eksplan_core::plan::{Plan, Target};
use eksplan_core::presets::PRESETS;
use eksplan_core::{Bundle, Options, generate, resolve};

const TODAY: Date = Date::new(2026, 11, 21);

/// Plans to compare: every preset and the kitchen-sink fixture.
fn plans() -> Vec<(String, Plan)> {
    let mut out: Vec<(String, Plan)> = PRESETS
        .iter()
        .map(|p| (p.name.to_owned(), p.plan().expect("preset parses")))
        .collect();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/kitchen-sink.yaml"
    );
    let text = std::fs::read_to_string(path).expect("kitchen-sink fixture");
    out.push((
        "kitchen-sink".into(),
        Plan::from_yaml(&text).expect("kitchen-sink parses"),
    ));
    out
}

fn bundle(plan: &Plan, target: Target) -> Bundle {
    let mut plan = plan.clone();
    plan.target = target;
    generate(&plan, &Options { today: Some(TODAY) })
        .bundle
        .expect("bundle")
}

/// Read a target's bundle back into facts.
fn read_back(target: Target, bundle: &Bundle) -> facts::Facts {
    match target {
        Target::Terraform => terraform::read(bundle),
        Target::Eksctl => eksctl::read(bundle),
        Target::Cloudformation => cloudformation::read(bundle),
        Target::Cdk => cdk::read(bundle),
    }
}

/// What a target's output must say: the design's facts, with the plan's
/// values in place of inputs for targets that have none.
fn expected(target: Target, facts: &facts::Facts) -> facts::Facts {
    match target {
        Target::Eksctl => facts.clone().inline_cluster_name(),
        _ => facts.clone(),
    }
}

#[test]
fn every_target_describes_the_design() {
    let mut failures = Vec::new();
    for (name, plan) in plans() {
        let design_facts = facts::from_design(&resolve(&plan));
        for &target in Target::ALL {
            let actual = read_back(target, &bundle(&plan, target));
            for diff in expected(target, &design_facts).differences(&actual) {
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
        let b = bundle(&plan, target);
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
        let want = expected(target, &design_facts);
        assert!(want.differences(&read_back(target, &b)).is_empty());
        let diffs = want.differences(&read_back(target, &changed));
        assert!(
            diffs.iter().any(|d| d.contains("AmazonEKSComputePolicyX")),
            "{target:?}: {diffs:?}"
        );
    }
}
