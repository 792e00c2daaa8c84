//! Property tests over random and mutated imports: no panic, and every
//! file of the migration bundle parses again.

use eksplan_core::catalog::date::Date;
use eksplan_core::{Options, import, kube, migrate, plan::Plan};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

fn fixture(name: &str) -> BTreeMap<String, Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/migrate")
        .join(name);
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).expect("fixture") {
        let e = e.expect("entry");
        out.insert(
            e.file_name().to_string_lossy().into_owned(),
            std::fs::read(e.path()).expect("read"),
        );
    }
    out
}

const FIXTURES: &[&str] = &["legacy-mng", "karpenter-v1", "auto-mode", "disable"];

/// Every output parses: plan.yaml as a plan, readiness.json as JSON, every
/// YAML document of the manifests, and the Markdown and scripts are text.
fn check_bundle(files: BTreeMap<String, Vec<u8>>) {
    let options = Options {
        today: Some(Date::new(2026, 11, 20)),
    };
    let m = migrate::assess(import::import(files), &options);
    let b = migrate::bundle::build(&m, &options);
    let plan = b.get("plan.yaml").expect("plan.yaml");
    let parsed = Plan::from_yaml(plan);
    assert!(
        parsed.is_ok(),
        "plan.yaml does not parse: {parsed:?}\n{plan}"
    );
    let json = b.get("readiness.json").expect("readiness.json");
    assert!(serde_json::from_str::<serde_json::Value>(json).is_ok());
    for (path, text) in b.files() {
        if path.ends_with(".yaml") {
            for doc in text.split("\n---\n") {
                let r = eksplan_core::plan::read::parse(doc);
                assert!(r.is_ok(), "{path}: {r:?}");
            }
        }
        assert!(!text.is_empty(), "{path} is empty");
    }
    assert!(
        b.get("migrate.sh")
            .is_some_and(|s| s.starts_with("#!/usr/bin/env bash"))
    );
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, String),
    Drop,
    Swap(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "{", "}", "[", "]", ",", "\"", "null", "-1", "1e999", "\"x\"", "\\u0000", "\n- ",
                ": ", "true",
            ])
        )
            .prop_map(|(i, s)| Mutation::Insert(i, s.to_owned())),
        Just(Mutation::Drop),
        any::<usize>().prop_map(Mutation::Swap),
    ]
}

fn mutate(files: &mut BTreeMap<String, Vec<u8>>, which: usize, m: &Mutation) {
    let names: Vec<String> = files.keys().cloned().collect();
    let name = &names[which % names.len()];
    match m {
        Mutation::Drop => {
            files.remove(name);
        }
        Mutation::Swap(other) => {
            let other = &names[other % names.len()];
            let a = files[name].clone();
            let b = files[other].clone();
            files.insert(name.clone(), b);
            files.insert(other.clone(), a);
        }
        Mutation::Truncate(at) => {
            let f = files.get_mut(name).expect("file");
            let at = at % (f.len() + 1);
            f.truncate(at);
        }
        Mutation::Flip(at, byte) => {
            let f = files.get_mut(name).expect("file");
            if !f.is_empty() {
                let at = at % f.len();
                f[at] = *byte;
            }
        }
        Mutation::Insert(at, s) => {
            let f = files.get_mut(name).expect("file");
            let at = at % (f.len() + 1);
            f.splice(at..at, s.bytes());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn mutated_collections_never_panic_and_outputs_parse(
        fixture_index in 0..FIXTURES.len(),
        edits in prop::collection::vec((any::<usize>(), mutation()), 1..4),
    ) {
        let mut files = fixture(FIXTURES[fixture_index]);
        for (which, m) in &edits {
            if files.is_empty() {
                break;
            }
            mutate(&mut files, *which, m);
        }
        check_bundle(files);
    }

    #[test]
    fn random_bytes_never_panic(
        files in prop::collection::btree_map("[a-z.]{1,12}", prop::collection::vec(any::<u8>(), 0..300), 0..4),
    ) {
        check_bundle(files);
    }

    #[test]
    fn random_kubectl_items_never_panic(
        items in prop::collection::vec(
            (prop::sample::select(vec!["Pod", "Node", "Service", "PersistentVolume", "PodDisruptionBudget", "Ingress", "X"]),
             prop::sample::select(vec!["\"a\"", "1", "-3", "true", "null", "[]", "{}", "[\"x\"]", "{\"cpu\": \"1\"}", "\"25%\""]),
             prop::sample::select(vec!["spec", "status", "metadata"]),
             prop::sample::select(vec!["containers", "hostNetwork", "nodeName", "taints", "capacity", "selector", "minAvailable", "type", "labels", "allocatable"])),
            0..20),
    ) {
        let body: Vec<String> = items
            .iter()
            .map(|(kind, value, section, field)| {
                format!(r#"{{"kind": "{kind}", "{section}": {{"{field}": {value}}}}}"#)
            })
            .collect();
        let text = format!(r#"{{"apiVersion": "v1", "items": [{}], "kind": "List"}}"#, body.join(","));
        let r = kube::read_json(&text);
        prop_assert!(r.objects.len() + r.problems.len() <= items.len());
        let y = kube::read_yaml(&text);
        prop_assert!(y.objects.len() + y.problems.len() <= items.len());
    }
}
