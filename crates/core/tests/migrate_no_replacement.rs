//! No Terraform of a migration bundle replaces the cluster: every argument
//! of `aws_eks_cluster` that forces a new cluster
//! (`migrate::terraform::replacing::REPLACING`) equals the value in the raw
//! `describe-cluster` JSON, or is in `lifecycle.ignore_changes`.
//!
//! Checked independently of the generator: the HCL is parsed with hcl-rs
//! and its expressions evaluated, and the value is looked up in the
//! `describe-cluster` file as collected (a JSON pointer), not in the
//! importer's types. For every fixture, and over mutated `describe-cluster`
//! inputs (proptest). The takeover root (`terraform/cluster.tf`), the
//! resource after the change in `terraform/CHANGE.md`, and the way back in
//! `way-back.md` are all checked.

use eksplan_core::catalog::date::Date;
use eksplan_core::migrate::terraform::replacing::{Compare, IGNORED, REPLACING, ignore_spelling};
use eksplan_core::{Options, import, migrate};
use hcl::eval::{Context, Evaluate};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

const FIXTURES: &[&str] = &["legacy-mng", "karpenter-v1", "auto-mode", "disable"];

fn options() -> Options {
    Options {
        today: Some(Date::new(2026, 11, 20)),
    }
}

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

/// The `aws_eks_cluster` resources in an HCL text.
fn clusters(text: &str) -> Vec<hcl::Body> {
    let body = hcl::parse(text).unwrap_or_else(|e| panic!("HCL does not parse: {e}\n{text}"));
    body.blocks()
        .filter(|b| {
            b.identifier() == "resource"
                && b.labels().first().map(|l| l.as_str()) == Some("aws_eks_cluster")
        })
        .map(|b| b.body().clone())
        .collect()
}

/// The value of an expression as JSON: literals evaluated (templates with
/// escaped `$${` included), references as `{"ref": "..."}`.
fn value(e: &hcl::Expression) -> Value {
    match e {
        hcl::Expression::Traversal(_) | hcl::Expression::Variable(_) => {
            json!({ "ref": hcl::format::to_string(e).unwrap_or_default() })
        }
        hcl::Expression::Array(items) => Value::Array(items.iter().map(value).collect()),
        other => {
            let v = other
                .evaluate(&Context::new())
                .unwrap_or_else(|err| panic!("cannot evaluate {other:?}: {err}"));
            serde_json::to_value(v).expect("json")
        }
    }
}

/// The attribute at `path` (blocks, then the attribute), if set.
fn at(body: &hcl::Body, path: &str) -> Option<Value> {
    let parts: Vec<&str> = path.split('.').collect();
    let (attr, blocks) = parts.split_last().expect("path");
    let mut b = body;
    for name in blocks {
        let found: Vec<&hcl::Block> = b.blocks().filter(|x| x.identifier() == *name).collect();
        assert!(found.len() <= 1, "more than one {name} block");
        b = found.first()?.body();
    }
    b.attributes()
        .find(|a| a.key() == *attr)
        .map(|a| value(a.expr()))
}

fn ignored(body: &hcl::Body) -> Vec<String> {
    body.blocks()
        .filter(|b| b.identifier() == "lifecycle")
        .flat_map(|b| {
            b.body()
                .attributes()
                .filter(|a| a.key() == "ignore_changes")
        })
        .flat_map(|a| -> Vec<String> {
            match a.expr() {
                hcl::Expression::Array(items) => items
                    .iter()
                    .map(|i| hcl::format::to_string(i).unwrap_or_default())
                    .collect(),
                other => panic!("ignore_changes is not a list: {other:?}"),
            }
        })
        .collect()
}

/// A JSON value with lists sorted and empty ones (and `null`) as absent.
fn normal(v: Option<&Value>, compare: Compare) -> Option<Value> {
    match v? {
        Value::Null => None,
        Value::Array(a) if a.is_empty() => None,
        Value::Array(a) if compare == Compare::Set => {
            let mut items: Vec<String> = a.iter().map(|x| x.to_string()).collect();
            items.sort();
            items.dedup();
            Some(json!(items))
        }
        Value::String(s)
            if s.is_empty() && matches!(compare, Compare::IfSet | Compare::NodeRole) =>
        {
            None
        }
        other => Some(other.clone()),
    }
}

/// Every replacing argument of every cluster resource in `text` equals
/// `describe`, or is ignored.
fn assert_no_replacement(describe: &Value, text: &str, what: &str) {
    let found = clusters(text);
    assert_eq!(found.len(), 1, "{what}: one aws_eks_cluster expected");
    let body = &found[0];
    let ignore = ignored(body);
    for i in IGNORED {
        assert!(ignore.iter().any(|x| x == i), "{what}: {i} not ignored");
    }
    for r in REPLACING {
        let spelled = ignore_spelling(r.argument);
        let is_ignored = ignore.contains(&spelled);
        if r.compare == Compare::NotReturned {
            assert!(
                is_ignored,
                "{what}: {} must be in ignore_changes",
                r.argument
            );
            continue;
        }
        if is_ignored {
            continue;
        }
        let want = normal(r.pointer.and_then(|p| describe.pointer(p)), r.compare);
        let got = normal(at(body, r.argument).as_ref(), r.compare);
        // Dropping the node role while compute goes off, or with no built-in
        // pools, is in place (provider 6.15).
        let dropped_in_place = got.is_none()
            && (at(body, "compute_config.enabled") == Some(json!(false))
                || at(body, "compute_config.node_pools").is_none());
        match r.compare {
            Compare::IfSet | Compare::NodeRole if want.is_none() => {}
            Compare::NodeRole if dropped_in_place => {}
            _ => assert_eq!(
                got, want,
                "{what}: {} would replace the cluster\n{text}",
                r.argument
            ),
        }
    }
}

/// The ```hcl blocks of a Markdown text that hold a cluster.
fn hcl_blocks(md: &str) -> Vec<String> {
    md.split("```hcl\n")
        .skip(1)
        .filter_map(|rest| rest.split_once("```").map(|(b, _)| b.to_owned()))
        .filter(|b| b.contains("resource \"aws_eks_cluster\""))
        .collect()
}

/// Check a bundle built from `files`, whose describe-cluster is `describe`.
fn check(files: BTreeMap<String, Vec<u8>>, describe: &Value) -> usize {
    let m = migrate::assess(import::import(files), &options());
    let b = migrate::bundle::build(&m, &options());
    let Some(tf) = b.get("terraform/cluster.tf") else {
        // No Terraform: only for a cluster on Outposts or without a
        // readable describe-cluster.
        assert!(b.get("terraform/NOT-GENERATED.md").is_some());
        let outposts = describe
            .pointer("/cluster/outpostConfig")
            .is_some_and(|o| !o.is_null());
        assert!(
            outposts || m.import.snapshot.cluster.is_none(),
            "no Terraform for a cluster that can have it"
        );
        return 0;
    };
    assert_no_replacement(describe, tf, "terraform/cluster.tf");
    let change = b.get("terraform/CHANGE.md").expect("CHANGE.md");
    let change_blocks = hcl_blocks(change);
    assert_eq!(change_blocks.len(), 1, "CHANGE.md: the resource after");
    assert_no_replacement(describe, &change_blocks[0], "terraform/CHANGE.md");
    let way_back = hcl_blocks(b.get("way-back.md").expect("way-back.md"));
    assert_eq!(way_back.len(), 1, "way-back.md: the cluster");
    assert_no_replacement(describe, &way_back[0], "way-back.md");
    // The way back turns all three off and drops the node role and pools.
    let wb = &clusters(&way_back[0])[0];
    assert_eq!(at(wb, "compute_config.enabled"), Some(json!(false)));
    assert_eq!(at(wb, "compute_config.node_role_arn"), None);
    assert_eq!(at(wb, "compute_config.node_pools"), None);
    assert_eq!(
        at(
            wb,
            "kubernetes_network_config.elastic_load_balancing.enabled"
        ),
        Some(json!(false))
    );
    assert_eq!(
        at(wb, "storage_config.block_storage.enabled"),
        Some(json!(false))
    );
    // And the takeover turns all three on.
    let on = &clusters(tf)[0];
    assert_eq!(at(on, "compute_config.enabled"), Some(json!(true)));
    assert_eq!(
        at(on, "storage_config.block_storage.enabled"),
        Some(json!(true))
    );
    3
}

fn describe_of(files: &BTreeMap<String, Vec<u8>>) -> Value {
    serde_json::from_slice(&files["describe-cluster.json"]).expect("describe-cluster.json")
}

#[test]
fn no_fixture_replaces_its_cluster() {
    let mut checked = 0;
    for name in FIXTURES {
        let files = fixture(name);
        let describe = describe_of(&files);
        checked += check(files, &describe);
    }
    assert_eq!(checked, 3 * FIXTURES.len());
}

#[test]
fn a_changed_argument_is_caught() {
    // The check itself fails when the Terraform does not carry a value.
    let files = fixture("legacy-mng");
    let mut describe = describe_of(&files);
    describe["cluster"]["kubernetesNetworkConfig"]["serviceIpv4Cidr"] = json!("10.100.0.0/16");
    let r = std::panic::catch_unwind(|| check(files, &describe));
    assert!(r.is_err(), "a different service CIDR must be caught");
}

/// Text with the characters that need escaping in HCL.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,20}",
        Just("a\"b".to_owned()),
        Just("x${var.y}".to_owned()),
        Just("%{ if }".to_owned()),
        Just("é\\n".to_owned()),
    ]
}

fn ids(prefix: &'static str) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        "[0-9a-f]{8}".prop_map(move |s| format!("{prefix}-{s}")),
        0..4,
    )
}

fn maybe<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(s)
}

prop_compose! {
    fn describe_cluster()(
        name in text(),
        role_path in prop::sample::select(vec!["/", "/eks/", "/a/b/"]),
        role in text(),
        version in prop::sample::select(vec!["1.29", "1.31", "1.35", "1.37", ""]),
        subnets in ids("subnet"),
        sgs in ids("sg"),
        public in any::<bool>(),
        cidrs in prop::collection::vec(prop::sample::select(vec!["0.0.0.0/0", "203.0.113.0/24", "198.51.100.7/32"]), 0..3),
        service in maybe(prop::sample::select(vec!["10.100.0.0/16", "172.20.0.0/16", "192.168.0.0/20"])),
        family in maybe(prop::sample::select(vec!["ipv4", "ipv6"])),
        auth in maybe(prop::sample::select(vec!["CONFIG_MAP", "API_AND_CONFIG_MAP", "API"])),
        creator in maybe(any::<bool>()),
        key in maybe(text()),
        compute in maybe((any::<bool>(), maybe(text()), prop::collection::vec(prop::sample::select(vec!["system", "general-purpose"]), 0..3))),
        elb in maybe(any::<bool>()),
        storage in maybe(any::<bool>()),
        remote in maybe((prop::collection::vec(prop::sample::select(vec!["10.200.0.0/16", "10.201.0.0/16"]), 1..3), maybe(prop::collection::vec(prop::sample::select(vec!["10.210.0.0/16"]), 1..2)))),
        outposts in prop::sample::select(vec![false, false, false, true]),
        tags in prop::collection::btree_map(text(), text(), 0..3),
        protection in maybe(any::<bool>()),
    ) -> Value {
        let mut net = json!({});
        if let Some(s) = service { net["serviceIpv4Cidr"] = json!(s); }
        if let Some(f) = family { net["ipFamily"] = json!(f); }
        if let Some(e) = elb { net["elasticLoadBalancing"] = json!({"enabled": e}); }
        let mut access = json!({});
        if let Some(a) = auth { access["authenticationMode"] = json!(a); }
        if let Some(c) = creator { access["bootstrapClusterCreatorAdminPermissions"] = json!(c); }
        let mut c = json!({
            "name": name,
            "arn": "arn:aws:eks:eu-west-1:111122223333:cluster/x",
            "version": version,
            "roleArn": format!("arn:aws:iam::111122223333:role{role_path}{role}"),
            "resourcesVpcConfig": {
                "subnetIds": subnets, "securityGroupIds": sgs, "vpcId": "vpc-1",
                "endpointPublicAccess": public, "endpointPrivateAccess": true,
                "publicAccessCidrs": cidrs,
            },
            "kubernetesNetworkConfig": net,
            "accessConfig": access,
            "tags": tags,
        });
        if let Some(k) = key {
            c["encryptionConfig"] = json!([{"resources": ["secrets"], "provider": {"keyArn": format!("arn:aws:kms:eu-west-1:111122223333:key/{k}")}}]);
        }
        if let Some((enabled, role, pools)) = compute {
            let mut cc = json!({"enabled": enabled, "nodePools": pools});
            if let Some(r) = role { cc["nodeRoleArn"] = json!(format!("arn:aws:iam::111122223333:role/{r}")); }
            c["computeConfig"] = cc;
        }
        if let Some(s) = storage { c["storageConfig"] = json!({"blockStorage": {"enabled": s}}); }
        if let Some((nodes, pods)) = remote {
            let mut r = json!({"remoteNodeNetworks": [{"cidrs": nodes}]});
            if let Some(p) = pods { r["remotePodNetworks"] = json!([{"cidrs": p}]); }
            c["remoteNetworkConfig"] = r;
        }
        if outposts {
            c["outpostConfig"] = json!({"outpostArns": ["arn:aws:outposts:eu-west-1:111122223333:outpost/op-1"], "controlPlaneInstanceType": "m5.large"});
        }
        if let Some(p) = protection { c["deletionProtection"] = json!(p); }
        json!({ "cluster": c })
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random describe-cluster outputs, alone and with a fixture's other
    /// files: the Terraform never replaces the cluster.
    #[test]
    fn mutated_describe_cluster_never_replaces(
        describe in describe_cluster(),
        with in prop::sample::select(vec![None, Some("legacy-mng"), Some("karpenter-v1"), Some("disable")]),
    ) {
        let mut files = with.map(fixture).unwrap_or_default();
        files.insert("describe-cluster.json".to_owned(), serde_json::to_vec_pretty(&describe).expect("json"));
        check(files, &describe);
    }
}
