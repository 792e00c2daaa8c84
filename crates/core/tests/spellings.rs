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

#[path = "spellings/facts.rs"]
mod facts;
#[path = "spellings/terraform.rs"]
mod terraform;

use eksplan_core::catalog::date::Date;
use eksplan_core::plan::{Plan, Target};
use eksplan_core::presets::PRESETS;
use eksplan_core::{Bundle, Options, generate, resolve};

const TODAY: Date = eksplan_core::catalog::versions::TABLE_DATE;

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
    }
}

#[test]
fn every_target_describes_the_design() {
    let mut failures = Vec::new();
    for (name, plan) in plans() {
        let expected = facts::from_design(&resolve(&plan));
        for &target in Target::ALL {
            let actual = read_back(target, &bundle(&plan, target));
            for diff in expected.differences(&actual) {
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
