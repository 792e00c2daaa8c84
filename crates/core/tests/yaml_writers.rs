//! The native YAML fast path (`textfmt::block_yaml`) writes exactly what
//! serde-saphyr writes, or declines.
//!
//! * Random strings, as keys and as values, in random nestings of
//!   mappings, sequences, integers, booleans and nulls: whenever the fast
//!   path writes a document, it is byte-identical to serde-saphyr's with
//!   the planner's options, and it parses back to the same value.
//! * Every Kubernetes object and the plan of random valid plans and of
//!   every preset: the same comparison.
//! * The fast path really is taken for the presets' manifests and plans
//!   (a writer that always declined would pass the comparisons and make
//!   nothing faster).

mod support;

use eksplan_core::presets::PRESETS;
use eksplan_core::textfmt::{self, block_yaml};
use eksplan_core::{Plan, resolve};
use proptest::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};
use support::valid_plan;

fn saphyr<T: Serialize>(v: &T) -> String {
    serde_saphyr::to_string_with_options(v, textfmt::yaml_options()).expect("saphyr writes it")
}

/// Compare the fast path with serde-saphyr; `true` when the fast path wrote it.
fn same<T: Serialize>(what: &str, v: &T) -> Result<bool, TestCaseError> {
    let Some(fast) = block_yaml::to_string(v) else {
        return Ok(false);
    };
    let slow = saphyr(v);
    prop_assert_eq!(
        &fast,
        &slow,
        "{}: fast path differs from serde-saphyr",
        what
    );
    Ok(true)
}

/// Every Kubernetes object of a design, with a label.
fn objects(design: &eksplan_core::Design) -> Vec<(String, Value)> {
    let k = &design.kubernetes;
    let mut out = Vec::new();
    let mut add = |what: &str, v: Value| out.push((what.to_owned(), v));
    let json = |v: &dyn erased::Ser| v.value();
    for o in &k.node_classes {
        add("NodeClass", json(o));
    }
    for o in &k.node_pools {
        add("NodePool", json(o));
    }
    if let Some(o) = &k.storage_class {
        add("StorageClass", json(o));
    }
    if let Some((p, c)) = &k.ingress {
        add("IngressClassParams", json(p));
        add("IngressClass", json(c));
    }
    for list in [
        &k.nlb_example,
        &k.sample_workload,
        &k.service_accounts,
        &k.pod_identity_examples,
        &k.node_pool_examples,
    ] {
        for o in list {
            add(o.kind, json(o));
        }
    }
    out
}

/// The typed objects are compared directly (that is what the emitter
/// serialises); the `Value` copies only carry them through one list.
mod erased {
    pub trait Ser {
        fn value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn value(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("value")
        }
    }
}

/// Compare every object of a design typed (as the emitter writes them).
fn same_objects(design: &eksplan_core::Design) -> Result<usize, TestCaseError> {
    let k = &design.kubernetes;
    let mut fast = 0;
    let mut count = |b: bool| fast += usize::from(b);
    for o in &k.node_classes {
        count(same("NodeClass", o)?);
    }
    for o in &k.node_pools {
        count(same("NodePool", o)?);
    }
    if let Some(o) = &k.storage_class {
        count(same("StorageClass", o)?);
    }
    if let Some((p, c)) = &k.ingress {
        count(same("IngressClassParams", p)?);
        count(same("IngressClass", c)?);
    }
    for list in [
        &k.nlb_example,
        &k.sample_workload,
        &k.service_accounts,
        &k.pod_identity_examples,
        &k.node_pool_examples,
    ] {
        for o in list {
            count(same(o.kind, o)?);
        }
    }
    Ok(fast)
}

fn check_plan(plan: &Plan) -> Result<bool, TestCaseError> {
    // plan.yaml is written from the plan's `Value` by serde-saphyr, or
    // directly from the plan by the fast path.
    let value = serde_json::to_value(plan).expect("value");
    let Some(fast) = block_yaml::to_string(plan) else {
        return Ok(false);
    };
    prop_assert_eq!(&fast, &saphyr(&value), "plan.yaml differs");
    prop_assert_eq!(&fast, &plan.to_yaml().expect("yaml"));
    Ok(true)
}

#[test]
fn presets_take_the_fast_path_and_match() {
    for preset in PRESETS {
        let plan = preset.plan().expect("preset");
        let design = resolve(&plan);
        let all = objects(&design);
        let fast = same_objects(&design).expect("same");
        // Multi-line strings (scripts in the examples) are left to
        // serde-saphyr; everything else is written by the fast path.
        let multiline = all
            .iter()
            .filter(|(_, v)| v.to_string().contains("\\n"))
            .count();
        assert_eq!(
            fast + multiline,
            all.len(),
            "{}: the fast path declined objects without line breaks: {:?}",
            preset.name,
            all.iter()
                .filter(|(_, v)| block_yaml::to_string(v).is_none())
                .map(|(w, _)| w)
                .collect::<Vec<_>>()
        );
        for (what, v) in &all {
            same(what, v).expect("same as Value");
        }
        if preset.name == "production" {
            assert!(
                check_plan(&plan).expect("plan"),
                "production plan.yaml declined"
            );
        } else {
            check_plan(&plan).expect("plan");
        }
    }
}

#[test]
fn known_scalars() {
    for (s, plain) in [
        ("general", true),
        ("10.20.0.0/16", true),
        ("100Gi", true),
        ("10%", true),
        ("5m", true),
        ("0 8 * * mon-fri", true),
        ("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy", true),
        ("a #b", false),
        ("a: b", false),
        ("a:", false),
        ("", false),
        ("1000", false),
        ("1.37", false),
        ("1.2.3", false),
        ("2026-12-01", false),
        ("2026-1-1", false),
        ("yes", false),
        ("Off", false),
        ("NULL", false),
        ("~", false),
        ("*", false),
        ("- item", false),
        ("-v", true),
        (" lead", false),
        // Flow indicators inside a value are plain in block context.
        ("cluster a, generated by b", true),
        ("a [b] {c}", true),
        ("[a]", false),
    ] {
        assert_eq!(block_yaml::value_style(s), Some(plain), "{s:?}");
        let doc = Map::from_iter([("k".to_owned(), Value::String(s.to_owned()))]);
        assert_eq!(
            block_yaml::to_string(&doc).as_deref(),
            Some(saphyr(&doc).as_str()),
            "{s:?}"
        );
    }
    for (s, plain) in [
        ("cost-center", true),
        ("aws:eks:cluster-name", false),
        ("a,b", false),
        ("yes", false),
        ("1", false),
    ] {
        assert_eq!(block_yaml::key_style(s), Some(plain), "{s:?}");
        let doc = Map::from_iter([(s.to_owned(), Value::Bool(true))]);
        assert_eq!(
            block_yaml::to_string(&doc).as_deref(),
            Some(saphyr(&doc).as_str()),
            "{s:?}"
        );
    }
    for s in [
        "#",
        ".",
        "-",
        "1.37e3",
        "2026-12-01T10:00:00Z",
        "1:20",
        "0x1F",
        ".inf",
        "+inf",
        "é",
        "a\nb",
    ] {
        assert_eq!(block_yaml::value_style(s), None, "{s:?}");
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-a-zA-Z0-9:{}\\[\\],'\"&*!|>#%@` .?~+_/=<\\\\]{0,10}",
        "[0-9][-0-9.:_eExXoObBTtZz +,]{0,8}",
        "[0-9]{1,4}[-.][0-9]{1,2}[-.][0-9]{1,3}",
        "[+.\\-_][0-9a-fA-FinN.]{0,6}",
        "(y|n|yes|no|on|off|true|false|null|nan|inf|Yes|NO|On|OFF|True|Null|NaN|Inf|~|=|<<)",
        "(---|\\.\\.\\.)[ a]{0,2}",
        "[a-z][a-z0-9./_-]{0,12}",
        "\\PC{0,6}",
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        text().prop_map(Value::String),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random strings as keys and values, in random nestings.
    #[test]
    fn random_documents_match_serde_saphyr(
        entries in prop::collection::vec((text(), value()), 1..5)
    ) {
        let doc = Value::Object(entries.into_iter().collect());
        if same("document", &doc)? {
            let back: Value = serde_saphyr::from_str(&saphyr(&doc)).expect("parses");
            prop_assert_eq!(back, doc);
        }
    }

    /// One random string as a value and as a key.
    #[test]
    fn random_scalars_match_serde_saphyr(s in text()) {
        let as_value = Map::from_iter([("k".to_owned(), Value::String(s.clone()))]);
        same("value", &as_value)?;
        let as_key = Map::from_iter([(s.clone(), Value::Bool(true))]);
        same("key", &as_key)?;
        let in_seq = Map::from_iter([("k".to_owned(), Value::Array(vec![Value::String(s)]))]);
        same("item", &in_seq)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every manifest object and the plan of random valid plans.
    #[test]
    fn random_plans_match_serde_saphyr(plan in valid_plan()) {
        let design = resolve(&plan);
        same_objects(&design)?;
        check_plan(&plan)?;
    }
}
