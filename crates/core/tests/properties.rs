//! Property tests over random plans.
//!
//! * Valid plans: no errors, a bundle is produced, every `.tf` parses again
//!   (with the independent `hcl-rs` parser) and user strings decode back to
//!   exactly what the user typed, every YAML document parses, plans
//!   round-trip through YAML and JSON, and output is deterministic.
//! * Pulumi bundles of valid plans: `Pulumi.yaml` and the program parse
//!   again (the program with the spellings test's independent reader),
//!   region, tags and usernames survive YAML, TypeScript and Go escaping,
//!   and output is deterministic.
//! * The same for the eksctl, CloudFormation and CDK targets: every YAML
//!   (CloudFormation tags kept), JSON and TypeScript file parses again, the
//!   read-back test's readers find exactly the Design's facts in it (so
//!   tags, usernames, groups and namespaces full of `${`, quotes and line
//!   breaks survive each target's escaping), and output is deterministic.
//! * Arbitrary plans (any JSON the plan schema accepts, however wrong):
//!   validate and resolve never panic, nor does any target's emitter.

#[path = "spellings/source.rs"]
mod source;
mod support;

// The read-back test's readers: every target's files, parsed again with
// independent parsers, must describe the Design (hostile strings included).
#[allow(dead_code)]
#[path = "spellings/cdk.rs"]
mod cdk;
#[allow(dead_code)]
#[path = "spellings/cloudformation.rs"]
mod cloudformation;
#[allow(dead_code)]
#[path = "spellings/eksctl.rs"]
mod eksctl;
#[allow(dead_code)]
#[path = "spellings/facts.rs"]
mod facts;
#[allow(dead_code)]
#[path = "spellings/yaml.rs"]
mod yaml;

use eksplan_core::plan::{Plan, Target};
use eksplan_core::{Bundle, Options, generate, resolve, validate};
use proptest::prelude::*;
use serde_json::Value as Json;
use support::{TODAY, valid_plan, valid_plan_with_capacity};

fn options() -> Options {
    Options { today: Some(TODAY) }
}

fn tf_files(bundle: &Bundle) -> impl Iterator<Item = (&str, &str)> {
    bundle.files().filter(|(p, _)| p.ends_with(".tf"))
}

/// Every `.tf` file parses; literal-only files decode to JSON.
fn check_terraform(bundle: &Bundle) -> Result<(), TestCaseError> {
    for (path, text) in tf_files(bundle) {
        if let Err(e) = hcl::parse(text) {
            return Err(TestCaseError::fail(format!(
                "{path} does not parse: {e}\n{text}"
            )));
        }
    }
    Ok(())
}

/// The `tags` variable's default decodes back to the plan's tags.
fn check_tag_escaping(plan: &Plan, bundle: &Bundle) -> Result<(), TestCaseError> {
    let text = bundle.get("terraform/variables.tf").unwrap_or_default();
    let json: Json =
        hcl::from_str(text).map_err(|e| TestCaseError::fail(format!("variables.tf: {e}")))?;
    let default = &json["variable"]["tags"]["default"];
    let expected = serde_json::to_value(&plan.cluster.tags).unwrap_or_default();
    prop_assert_eq!(default, &expected, "tags did not survive HCL escaping");
    Ok(())
}

/// Usernames in access entries decode back exactly.
fn check_username_escaping(plan: &Plan, bundle: &Bundle) -> Result<(), TestCaseError> {
    let text = bundle.get("terraform/access.tf").unwrap_or_default();
    let body = hcl::parse(text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut found: Vec<String> = Vec::new();
    for block in body.blocks() {
        for attr in block.body().attributes() {
            if attr.key() == "user_name"
                && let hcl::Expression::String(s) = attr.expr()
            {
                found.push(s.clone());
            }
        }
    }
    let mut wanted: Vec<String> = plan
        .access
        .entries
        .iter()
        .filter_map(|e| e.username.clone())
        .collect();
    found.sort();
    wanted.sort();
    prop_assert_eq!(found, wanted);
    Ok(())
}

/// Every YAML file parses as a stream of documents; NodeClass tags survive.
fn check_yaml(plan: &Plan, bundle: &Bundle) -> Result<(), TestCaseError> {
    for (path, text) in bundle.files().filter(|(p, _)| p.ends_with(".yaml")) {
        let docs: Vec<Json> = serde_saphyr::from_multiple(text)
            .map_err(|e| TestCaseError::fail(format!("{path} does not parse: {e}\n{text}")))?;
        if path.starts_with("kubernetes/") {
            let separators = text.lines().filter(|l| *l == "---").count();
            prop_assert_eq!(docs.len(), separators, "{}", path);
            for d in &docs {
                prop_assert!(
                    d["apiVersion"].is_string() && d["kind"].is_string(),
                    "{path}: {d}"
                );
            }
        }
        if path == "kubernetes/00-nodeclasses.yaml" {
            for (doc, nc) in docs.iter().zip(&plan.node_classes) {
                let tags = &doc["spec"]["tags"];
                let expected = serde_json::to_value(&nc.tags).unwrap_or_default();
                if !nc.tags.is_empty() {
                    prop_assert_eq!(tags, &expected);
                }
            }
        }
        if path == "kubernetes/10-nodepools.yaml" {
            // Defaults differ by version (Balanced for NodePools created on
            // EKS 1.37+), so every NodePool states its policy: the plan's.
            prop_assert_eq!(docs.len(), plan.node_pools.len(), "{}", path);
            for (doc, pool) in docs.iter().zip(&plan.node_pools) {
                let written = &doc["spec"]["disruption"]["consolidationPolicy"];
                prop_assert_eq!(
                    written.as_str(),
                    Some(pool.disruption.consolidation_policy.as_str()),
                    "{}: {}",
                    path,
                    doc
                );
            }
        }
        if path == "plan.yaml" {
            let reparsed = Plan::from_yaml(text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&reparsed, plan);
        }
    }
    Ok(())
}

/// Every object the design refers to (in values, routes, dependencies)
/// exists, and each target's naming gives every object a distinct name.
fn check_references(design: &eksplan_core::Design) -> Result<(), TestCaseError> {
    use eksplan_core::design::{NameTable, Ref, logical_id_style, pulumi_style, terraform_style};
    use std::collections::BTreeSet;
    let objects = design.objects();
    let known: BTreeSet<&Ref> = objects.iter().collect();
    prop_assert_eq!(known.len(), objects.len(), "an object is listed twice");
    // A `Ref` serialises as an object with exactly `kind` and `key`.
    fn walk(v: &Json, out: &mut Vec<(String, String)>) {
        match v {
            Json::Object(m) => {
                if m.len() == 2
                    && let (Some(Json::String(k)), Some(Json::String(n))) =
                        (m.get("kind"), m.get("key"))
                {
                    out.push((k.clone(), n.clone()));
                }
                m.values().for_each(|x| walk(x, out));
            }
            Json::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut refs = Vec::new();
    let json = serde_json::to_value(design).map_err(|e| TestCaseError::fail(e.to_string()))?;
    walk(&json, &mut refs);
    // Every design refers at least to its cluster role and its cluster.
    prop_assert!(refs.len() >= 2, "no references found: the walker is broken");
    let named: BTreeSet<(String, String)> = objects
        .iter()
        .filter_map(|r| serde_json::to_value(r).ok())
        .filter_map(|j| {
            Some((
                j["kind"].as_str()?.to_owned(),
                j["key"].as_str()?.to_owned(),
            ))
        })
        .collect();
    for r in &refs {
        prop_assert!(named.contains(r), "dangling reference {:?}", r);
    }
    for (style, per_kind) in [
        (terraform_style as fn(&Ref) -> String, true),
        (logical_id_style, false),
        (pulumi_style, false),
    ] {
        let table = NameTable::new(objects.iter().cloned(), style, per_kind);
        prop_assert!(table.is_unique());
    }
    Ok(())
}

/// A Pulumi bundle reads back: `Pulumi.yaml` parses and keeps the region and
/// tags, the program parses with the independent reader (its own string
/// decoder), and access-entry usernames decode to exactly what the user
/// typed.
fn check_pulumi(plan: &Plan, bundle: &Bundle, lang: source::Lang) -> Result<(), TestCaseError> {
    let yaml = bundle.get("pulumi/Pulumi.yaml").unwrap_or_default();
    let project: Json = serde_saphyr::from_str(yaml)
        .map_err(|e| TestCaseError::fail(format!("Pulumi.yaml: {e}\n{yaml}")))?;
    let config = &project["config"];
    prop_assert_eq!(
        config["aws:region"]["value"].as_str(),
        Some(plan.cluster.region.as_str())
    );
    if !plan.cluster.tags.is_empty() {
        let expected = serde_json::to_value(&plan.cluster.tags).unwrap_or_default();
        prop_assert_eq!(
            &config["aws:defaultTags"]["value"]["tags"],
            &expected,
            "tags did not survive YAML escaping"
        );
    }
    let path = match lang {
        source::Lang::Ts => "pulumi/index.ts",
        source::Lang::Go => "pulumi/main.go",
    };
    let text = bundle.get(path).unwrap_or_default();
    let program = source::read(text, lang)
        .map_err(|e| TestCaseError::fail(format!("{path} does not parse: {e}\n{text}")))?;
    prop_assert!(
        program.resources.iter().any(|r| r.ty == "eks.Cluster"),
        "{} has no cluster",
        path
    );
    let mut found: Vec<String> = program
        .resources
        .iter()
        .filter(|r| r.ty == "eks.AccessEntry")
        .filter_map(|r| match r.args.field("userName") {
            source::V::Str(s) => Some(s),
            _ => None,
        })
        .collect();
    let mut wanted: Vec<String> = plan
        .access
        .entries
        .iter()
        .filter_map(|e| e.username.clone())
        .collect();
    found.sort();
    wanted.sort();
    prop_assert_eq!(
        found,
        wanted,
        "usernames did not survive {:?} escaping",
        lang
    );
    prop_assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{} has a raw control character",
        path
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn pulumi_bundles_parse_and_keep_user_strings(plan in valid_plan()) {
        for (target, lang) in [
            (eksplan_core::plan::Target::PulumiTs, source::Lang::Ts),
            (eksplan_core::plan::Target::PulumiGo, source::Lang::Go),
        ] {
            let mut plan = plan.clone();
            plan.target = target;
            let output = generate(&plan, &options());
            let bundle = match output.bundle {
                Ok(b) => b,
                Err(e) => return Err(TestCaseError::fail(e.to_string())),
            };
            check_pulumi(&plan, &bundle, lang)?;
            check_yaml(&plan, &bundle)?;
            let again = generate(&plan, &options()).bundle.map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&again, &bundle);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn valid_plans_generate_parseable_bundles(plan in valid_plan()) {
        let output = generate(&plan, &options());
        let errors: Vec<String> = output.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
        prop_assert!(errors.is_empty(), "generator made an invalid plan: {errors:#?}\n{}", plan.to_yaml().unwrap_or_default());
        let bundle = match output.bundle {
            Ok(b) => b,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        check_terraform(&bundle)?;
        check_tag_escaping(&plan, &bundle)?;
        check_username_escaping(&plan, &bundle)?;
        check_yaml(&plan, &bundle)?;
        check_references(&resolve(&plan))?;
        // Deterministic.
        let again = generate(&plan, &options()).bundle.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&again, &bundle);
    }

    #[test]
    fn plans_round_trip_through_yaml_and_json(plan in valid_plan()) {
        let yaml = plan.to_yaml().map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(Plan::from_yaml(&yaml).map_err(|e| TestCaseError::fail(e.to_string()))?, plan.clone());
        let json = plan.to_json().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let parsed: Json = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(parsed.is_object());
        prop_assert_eq!(Plan::from_json(&json).map_err(|e| TestCaseError::fail(e.to_string()))?, plan.clone());
        // The reference readers agree with `plan::read`.
        prop_assert_eq!(serde_saphyr::from_str::<Plan>(&yaml).map_err(|e| TestCaseError::fail(e.to_string()))?, plan.clone());
        prop_assert_eq!(serde_json::from_str::<Plan>(&json).map_err(|e| TestCaseError::fail(e.to_string()))?, plan.clone());
        // The design is serialisable (the UI and `--json` output use it).
        let design = serde_json::to_string(&resolve(&plan));
        prop_assert!(design.is_ok());
    }
}

/// Every file of a stack-based target's bundle parses again: YAML (with
/// CloudFormation's tags), JSON, the CDK program; its read-back facts equal
/// the Design's, so every value the user typed survived its escaping.
fn check_stack_target(plan: &Plan, target: Target) -> Result<(), TestCaseError> {
    let mut plan = plan.clone();
    plan.target = target;
    let output = generate(&plan, &options());
    let errors: Vec<String> = output
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    prop_assert!(errors.is_empty(), "{:?}: {errors:#?}", target);
    let bundle = output
        .bundle
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    for (path, text) in bundle.files() {
        if path.ends_with(".yaml") {
            yaml::load_all(text)
                .map_err(|e| TestCaseError::fail(format!("{path}: {e}\n{text}")))?;
        } else if path.ends_with(".json") {
            serde_json::from_str::<Json>(text)
                .map_err(|e| TestCaseError::fail(format!("{path}: {e}")))?;
        }
    }
    let findings: Vec<_> = output.diagnostics.iter().map(|d| d.code).collect();
    let design_facts = facts::from_design(&resolve(&plan)).reported_by_target(&findings);
    let (actual, expected) = match target {
        Target::Eksctl => (
            eksctl::read(&bundle),
            design_facts.inline_cluster_name().without_component_logs(),
        ),
        Target::Cloudformation => (
            cloudformation::read(&bundle),
            design_facts.generated_bucket_names(),
        ),
        Target::Cdk => (cdk::read(&bundle), design_facts.generated_bucket_names()),
        Target::Terraform | Target::PulumiTs | Target::PulumiGo => return Ok(()),
    };
    let diffs = expected.differences(&actual);
    prop_assert!(
        diffs.is_empty(),
        "{:?}: {diffs:#?}\n{}",
        target,
        plan.to_yaml().unwrap_or_default()
    );
    let again = generate(&plan, &options())
        .bundle
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&again, &bundle, "{:?} is not deterministic", target);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn stack_targets_read_back_as_the_design(plan in valid_plan()) {
        for target in [Target::Eksctl, Target::Cloudformation, Target::Cdk] {
            check_stack_target(&plan, target)?;
        }
    }
}

fn same_or_struct_as_list(
    ours: Result<Plan, eksplan_core::plan::PlanError>,
    expected: Plan,
    text: &str,
) -> Result<(), TestCaseError> {
    match ours {
        Ok(plan) => prop_assert_eq!(plan, expected, "{}", text),
        Err(e) => prop_assert!(
            e.to_string()
                .contains("invalid type: sequence, expected a mapping of fields"),
            "{e}\n{text}"
        ),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, failure_persistence: None, .. ProptestConfig::default() })]

    /// The cost plan never panics, accounts for every pod, never beats its
    /// own lower bound, and round-trips through the plan formats.
    #[test]
    fn cost_plans_are_consistent(plan in valid_plan_with_capacity()) {
        let diags = validate(&plan, &options());
        prop_assert!(!diags.iter().any(|d| d.is_error()), "{:?}", diags.iter().filter(|d| d.is_error()).collect::<Vec<_>>());
        let design = resolve(&plan);
        let report = eksplan_core::cost::estimate(&plan, &design, &options());
        let wanted: u64 = plan.capacity.quick.as_ref().map_or(0, |q| u64::from(q.pods))
            + plan.capacity.workloads.iter().map(|w| u64::from(w.replicas)).sum::<u64>();
        let pending: u64 = report.pending.iter().map(|p| u64::from(p.count)).sum();
        prop_assert_eq!(report.fleet.pods + pending, wanted);
        let on_nodes: u64 = report.fleet.nodes.iter().flat_map(|n| &n.pods).map(|p| u64::from(p.count)).sum();
        prop_assert_eq!(on_nodes, report.fleet.pods);
        for n in &report.fleet.nodes {
            let cpu: u64 = n.pods.iter().map(|p| u64::from(p.cpu_m) * u64::from(p.count)).sum::<u64>() + u64::from(n.daemonset_cpu_m);
            let mem: u64 = n.pods.iter().map(|p| u64::from(p.mem_mib) * u64::from(p.count)).sum::<u64>() + u64::from(n.daemonset_mem_mib);
            prop_assert!(cpu <= u64::from(n.alloc_cpu_m), "{} overcommitted on CPU", n.instance_type);
            prop_assert!(mem <= u64::from(n.alloc_mem_mib), "{} overcommitted on memory", n.instance_type);
        }
        if let Some(b) = &report.bound {
            prop_assert!(b.ratio >= 1.0 - 1e-9, "fleet below the lower bound: {:?}", b);
        }
        for e in [&report.auto_mode, &report.managed_node_groups, &report.fargate] {
            let sum: f64 = e.lines.iter().map(|l| l.monthly).sum();
            prop_assert!((sum - e.total).abs() < 0.01, "{} total", e.name);
            prop_assert!(e.total.is_finite() && e.total >= 0.0);
        }
        prop_assert!(report.auto_mode.total + 1e-9 >= report.managed_node_groups.total - report.managed_node_groups.lines.iter().filter(|l| l.item.starts_with("Node volumes")).map(|l| l.monthly).sum::<f64>());
        prop_assert!(serde_json::to_string(&report).is_ok());
        let yaml = plan.to_yaml().map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(Plan::from_yaml(&yaml).map_err(|e| TestCaseError::fail(e.to_string()))?, plan.clone());
        // Same plan, same report.
        prop_assert_eq!(eksplan_core::cost::estimate(&plan, &design, &options()), report);
    }
}

/// Any JSON value at all, to stress the plan parser and the pipeline.
fn arbitrary_json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::from),
        "\\PC{0,12}".prop_map(Json::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
            prop::collection::btree_map("\\PC{0,8}", inner, 0..5)
                .prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

/// Take a valid plan's JSON and replace one field anywhere with junk.
fn mutate(mut v: Json, path: &[usize], junk: Json) -> Json {
    fn walk(v: &mut Json, path: &[usize], junk: Json) {
        let Some((first, rest)) = path.split_first() else {
            *v = junk;
            return;
        };
        match v {
            Json::Object(m) if !m.is_empty() => {
                let key = m.keys().nth(first % m.len()).cloned().unwrap_or_default();
                if let Some(child) = m.get_mut(&key) {
                    walk(child, rest, junk);
                }
            }
            Json::Array(a) if !a.is_empty() => {
                let n = a.len();
                walk(&mut a[first % n], rest, junk);
            }
            _ => *v = junk,
        }
    }
    walk(&mut v, path, junk);
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_input_never_panics(plan in valid_plan(), path in prop::collection::vec(any::<usize>(), 1..5), junk in arbitrary_json(), raw in arbitrary_json()) {
        // Junk grafted into a real plan: either it fails to parse (a located
        // error), or it is a plan whose diagnostics and design are computed
        // without panicking.
        let mutated = mutate(serde_json::to_value(&plan).unwrap_or_default(), &path, junk);
        for value in [mutated, raw] {
            let text = value.to_string();
            // Whatever the reference readers accept, `plan::read` reads the
            // same way. It is more lenient where a type asks for a string
            // and gets a plain scalar (as YAML intends), and stricter in one
            // place: serde lets a struct be written as a list of its fields,
            // which in a plan file is always a mistake.
            if let Ok(expected) = serde_json::from_str::<Plan>(&text) {
                same_or_struct_as_list(Plan::from_json(&text), expected, &text)?;
            }
            let yaml = serde_saphyr::to_string(&value).unwrap_or_default();
            if let Ok(expected) = serde_saphyr::from_str::<Plan>(&yaml) {
                same_or_struct_as_list(Plan::from_yaml(&yaml), expected, &yaml)?;
            }
            match Plan::from_json(&text) {
                Ok(mut p) => {
                    let _ = validate(&p, &options());
                    let design = resolve(&p);
                    let _ = design.verify();
                    for &target in Target::ALL {
                        p.target = target;
                        let _ = eksplan_core::emit::findings(&design, target);
                        let _ = eksplan_core::emit::bundle(&p, &design, &[]);
                    }
                }
                Err(e) => prop_assert!(e.position().is_some() || matches!(e, eksplan_core::plan::PlanError::UnsupportedVersion { .. }), "{e}"),
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[-a-z0-9:{}\\[\\],'\"&*!|>#%@` \n\t.?~]{0,80}") {
        match Plan::from_yaml(&text) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.position().is_some() || matches!(e, eksplan_core::plan::PlanError::UnsupportedVersion { .. }), "{e}"),
        }
    }

    #[test]
    fn arbitrary_strings_in_every_text_field_never_panic(s in "\\PC{0,40}") {
        let mut p = Plan::default();
        p.cluster.name = s.clone();
        p.cluster.region = s.clone();
        p.cluster.kubernetes_version = s.clone();
        p.cluster.service_cidr = Some(s.clone());
        p.cluster.endpoint.public_access_cidrs = vec![s.clone()];
        p.network.vpc_cidr = s.clone();
        p.network.availability_zones = vec![s.clone(), s.clone()];
        p.node_classes.push(eksplan_core::plan::NodeClass { name: s.clone(), ..Default::default() });
        p.node_pools.push(eksplan_core::plan::NodePool { name: s.clone(), node_class: s.clone(), expire_after: s.clone(), ..Default::default() });
        p.storage.name = s.clone();
        let _ = validate(&p, &options());
        let design = resolve(&p);
        let _ = design.verify();
        for &target in Target::ALL {
            p.target = target;
            let _ = eksplan_core::emit::findings(&design, target);
            let _ = eksplan_core::emit::bundle(&p, &design, &[]);
        }
    }
}
