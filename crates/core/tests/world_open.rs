//! The public Kubernetes API endpoint is never opened to the internet unless
//! the plan itself says so.
//!
//! Structurally, for every preset, the empty plan and random valid plans: a
//! public endpoint's networks are an input that refuses the internet unless
//! the plan lists such a network. Behaviourally, with the real `terraform`
//! (no providers needed: only `variables.tf` is planned): a bundle whose
//! plan lists no networks cannot be applied without them, nor with
//! `0.0.0.0/0` passed on the command line; one whose plan lists
//! `0.0.0.0/0` applies as the plan says, and shows it as an exception.

mod support;

use eksplan_core::design::{InputCheck, InputId, is_world};
use eksplan_core::plan::{EndpointAccess, Plan};
use eksplan_core::presets::PRESETS;
use eksplan_core::{Bundle, Options, generate, resolve};
use proptest::prelude::*;
use std::path::PathBuf;
use std::process::{Command, Output};

fn options() -> Options {
    Options {
        today: Some(support::TODAY),
    }
}

/// The plan lets the endpoint be world-open only if it lists such a network.
fn check_design(name: &str, plan: &Plan) {
    let design = resolve(plan);
    let c = &design.cluster;
    let input = design.input(InputId::PublicAccessCidrs);
    if !c.endpoint_public_access {
        assert!(
            input.is_none(),
            "{name}: CIDR input without a public endpoint"
        );
        return;
    }
    let input = input.unwrap_or_else(|| panic!("{name}: public endpoint without a CIDR input"));
    let plan_opens = plan
        .cluster
        .endpoint
        .public_access_cidrs
        .iter()
        .any(|c| is_world(c));
    assert_eq!(
        input.checks.contains(&InputCheck::NotWorld),
        !plan_opens,
        "{name}: the internet must be refused unless the plan lists it"
    );
    assert!(input.checks.contains(&InputCheck::NonEmpty), "{name}");
    assert_eq!(
        input.required(),
        plan.cluster.endpoint.public_access_cidrs.is_empty(),
        "{name}: without networks in the plan the input must be required"
    );
    let exception = design
        .exceptions
        .iter()
        .any(|e| e.plain().contains("from the internet"));
    assert_eq!(exception, plan_opens, "{name}: the exception must show");
}

#[test]
fn presets_and_the_empty_plan_never_open_the_endpoint() {
    check_design("empty plan", &Plan::default());
    let empty = Plan::from_yaml("").expect("an empty file is a plan");
    check_design("empty file", &empty);
    for p in PRESETS {
        let plan = p.plan().expect("preset");
        check_design(p.name, &plan);
        assert!(
            !plan
                .cluster
                .endpoint
                .public_access_cidrs
                .iter()
                .any(|c| is_world(c)),
            "{}: a preset must not open the endpoint",
            p.name
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_plans_open_the_endpoint_only_when_they_say_so(plan in support::valid_plan()) {
        check_design("random plan", &plan);
    }
}

// ------------------------------------------------------------ terraform

fn terraform() -> PathBuf {
    let ok = Command::new("terraform")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "terraform is not on PATH: install it (scripts/test.sh does)"
    );
    PathBuf::from("terraform")
}

/// Plans `variables.tf` of a bundle with extra arguments, in a fresh folder.
fn plan_variables(name: &str, bundle: &Bundle, args: &[&str]) -> Output {
    let dir = std::env::temp_dir().join(format!(
        "eksplan-world-open-{}-{name}-{}",
        std::process::id(),
        args.len()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let vars = bundle.get("terraform/variables.tf").expect("variables.tf");
    std::fs::write(dir.join("variables.tf"), vars).expect("write");
    let out = Command::new(terraform())
        .arg(format!("-chdir={}", dir.display()))
        .args(["plan", "-input=false", "-no-color", "-lock=false"])
        .args(args)
        .env("TF_IN_AUTOMATION", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .output()
        .expect("run terraform");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn bundle(plan: &Plan) -> Bundle {
    generate(plan, &options()).bundle.expect("bundle")
}

const WORLD: &str = "-var=public_access_cidrs=[\"0.0.0.0/0\"]";
const HALVES: &str = "-var=public_access_cidrs=[\"0.0.0.0/1\",\"128.0.0.0/1\"]";
const OFFICE: &str = "-var=public_access_cidrs=[\"198.51.100.7/32\"]";

#[test]
fn terraform_refuses_a_world_open_endpoint_the_plan_did_not_choose() {
    // The empty plan: a public endpoint and no networks.
    let empty = bundle(&Plan::default());
    let out = plan_variables("empty-none", &empty, &[]);
    assert!(
        !out.status.success(),
        "applied without networks:\n{}",
        text(&out)
    );
    assert!(
        text(&out).contains("No value for required variable"),
        "{}",
        text(&out)
    );
    for (i, world) in [WORLD, HALVES].iter().enumerate() {
        let out = plan_variables(&format!("empty-world-{i}"), &empty, &[world]);
        assert!(!out.status.success(), "applied {world}:\n{}", text(&out));
        assert!(
            text(&out).contains("open the Kubernetes API"),
            "{}",
            text(&out)
        );
    }
    let out = plan_variables("empty-office", &empty, &[OFFICE]);
    assert!(out.status.success(), "{}", text(&out));
    let out = plan_variables(
        "empty-host-bits",
        &empty,
        &["-var=public_access_cidrs=[\"198.51.100.7/24\"]"],
    );
    assert!(!out.status.success(), "host bits accepted:\n{}", text(&out));

    // A plan that lists its networks: the default applies, the world does not.
    let mut listed = Plan::default();
    listed.cluster.endpoint.public_access_cidrs = vec!["198.51.100.0/24".into()];
    let listed = bundle(&listed);
    let out = plan_variables("listed-default", &listed, &[]);
    assert!(out.status.success(), "{}", text(&out));
    let out = plan_variables("listed-world", &listed, &[WORLD]);
    assert!(!out.status.success(), "applied {WORLD}:\n{}", text(&out));

    // Every preset with a public endpoint behaves like the empty plan.
    for p in PRESETS {
        let plan = p.plan().expect("preset");
        if plan.cluster.endpoint.access == EndpointAccess::Private {
            let b = bundle(&plan);
            let vars = b.get("terraform/variables.tf").expect("variables.tf");
            assert!(!vars.contains("public_access_cidrs"), "{}", p.name);
            continue;
        }
        let b = bundle(&plan);
        let out = plan_variables(&format!("{}-world", p.name), &b, &[WORLD]);
        assert!(!out.status.success(), "{} applied {WORLD}", p.name);
    }
}

#[test]
fn terraform_opens_the_endpoint_when_the_plan_says_so() {
    let mut open = Plan::default();
    open.cluster.endpoint.public_access_cidrs = vec!["0.0.0.0/0".into()];
    let b = bundle(&open);
    let out = plan_variables("open-default", &b, &[]);
    assert!(out.status.success(), "{}", text(&out));
    let readme = b.get("README.md").expect("README");
    assert!(
        readme.contains("accepts connections from the internet (0.0.0.0/0), as the plan chose"),
        "the exception must be shown:\n{readme}"
    );
    let diags = generate(&open, &options()).diagnostics;
    assert!(diags.iter().any(|d| d.code.as_str() == "CL009"));
}
