//! The Terraform of the migration bundle.

use super::*;
use crate::catalog::date::Date;
use crate::validate::Options;

fn migration(extra: &str) -> Migration {
    let cluster = format!(
        r#"{{"cluster": {{"name": "prod", "arn": "arn:aws:eks:eu-west-1:111122223333:cluster/prod",
        "version": "1.34", "roleArn": "arn:aws:iam::111122223333:role/eks/prod-cluster",
        "resourcesVpcConfig": {{"subnetIds": ["subnet-2", "subnet-1"], "securityGroupIds": ["sg-1"], "vpcId": "vpc-1",
          "endpointPublicAccess": false, "endpointPrivateAccess": true}},
        "kubernetesNetworkConfig": {{"serviceIpv4Cidr": "10.100.0.0/16", "ipFamily": "ipv4"}},
        "accessConfig": {{"authenticationMode": "CONFIG_MAP"}}{extra}}}}}"#
    );
    let import =
        crate::import::import([("describe-cluster.json".to_owned(), cluster.into_bytes())]);
    crate::migrate::assess(
        import,
        &Options {
            today: Some(Date::new(2026, 12, 1)),
        },
    )
}

fn bundle(m: &Migration) -> crate::Bundle {
    crate::migrate::bundle::build(
        m,
        &Options {
            today: Some(Date::new(2026, 12, 1)),
        },
    )
}

#[test]
fn takeover_imports_and_enables_in_place() {
    let m = migration("");
    let b = bundle(&m);
    let cluster = b.get("terraform/cluster.tf").expect("cluster.tf");
    for needle in [
        "role_arn                      = \"arn:aws:iam::111122223333:role/eks/prod-cluster\"",
        "bootstrap_self_managed_addons = false",
        "authentication_mode = \"API_AND_CONFIG_MAP\"",
        "node_pools    = [\"system\"]",
        "node_role_arn = aws_iam_role.auto_node.arn",
        "subnet_ids              = [\"subnet-1\", \"subnet-2\"]",
        "security_group_ids      = [\"sg-1\"]",
        "service_ipv4_cidr = \"10.100.0.0/16\"",
        "prevent_destroy = true",
        "ignore_changes = [\n      bootstrap_self_managed_addons,\n      access_config[0].bootstrap_cluster_creator_admin_permissions,\n    ]",
    ] {
        assert!(cluster.contains(needle), "{needle} not in\n{cluster}");
    }
    let imports = b.get("terraform/imports.tf").expect("imports.tf");
    assert!(
        imports.contains("to = aws_eks_cluster.this\n  id = \"prod\""),
        "{imports}"
    );
    // Nothing collected about the role: its trust is changed, it is imported.
    assert!(imports.contains("to = aws_iam_role.cluster\n  id = \"prod-cluster\""));
    let iam = b.get("terraform/iam.tf").expect("iam.tf");
    assert!(iam.contains("path               = \"/eks/\""), "{iam}");
    assert!(iam.contains("\"sts:AssumeRole\", \"sts:TagSession\""));
    assert!(iam.contains("resource \"aws_iam_role\" \"auto_node\""));
    assert!(iam.contains("arn:aws:iam::aws:policy/AmazonEKSComputePolicy"));
    assert!(b.get("terraform/CHANGE.md").is_some());
    assert!(b.get("terraform/NOT-GENERATED.md").is_none());
}

#[test]
fn an_existing_node_role_is_kept() {
    let m = migration(
        r#", "computeConfig": {"enabled": false, "nodeRoleArn": "arn:aws:iam::111122223333:role/old-node"}"#,
    );
    let f = Facts::of(&m).expect("facts");
    assert_eq!(
        f.node_role,
        NodeRole::Existing("arn:aws:iam::111122223333:role/old-node".into())
    );
    let b = bundle(&m);
    assert!(
        b.get("terraform/cluster.tf")
            .expect("cluster")
            .contains("node_role_arn = \"arn:aws:iam::111122223333:role/old-node\"")
    );
    assert!(
        !b.get("terraform/iam.tf")
            .expect("iam")
            .contains("auto_node")
    );
    // The plan (and so its NodeClasses) uses the same role.
    assert_eq!(
        m.plan.auto_mode.node_role.arn.as_deref(),
        Some("arn:aws:iam::111122223333:role/old-node")
    );
}

#[test]
fn change_md_diff_rebuilds_the_resource_after() {
    let m = migration("");
    let f = Facts::of(&m).expect("facts");
    let (before, after) = change::before_after(&f);
    let d = change::diff(&before, &after);
    let plus: String = d
        .lines()
        .filter(|l| !l.starts_with('-'))
        .map(|l| format!("{}\n", &l[1..]))
        .collect();
    let minus: String = d
        .lines()
        .filter(|l| !l.starts_with('+'))
        .map(|l| format!("{}\n", &l[1..]))
        .collect();
    assert_eq!(plus, after);
    assert_eq!(minus, before);
    assert!(d.contains("+  compute_config {"), "{d}");
    assert!(
        d.contains("-    authentication_mode = \"CONFIG_MAP\""),
        "{d}"
    );
}

#[test]
fn labels_and_paths() {
    assert_eq!(
        attachment_label("AmazonEKSBlockStoragePolicy"),
        "block_storage"
    );
    assert_eq!(
        attachment_label("AmazonEC2ContainerRegistryPullOnly"),
        "container_registry_pull_only"
    );
    assert_eq!(label("9-Admins.team"), "x9_admins_team");
}

#[test]
fn a_cluster_without_built_in_pools_keeps_none() {
    let m = migration(
        r#", "computeConfig": {"enabled": true, "nodePools": [], "nodeRoleArn": "arn:aws:iam::111122223333:role/node"}"#,
    );
    let f = Facts::of(&m).expect("facts");
    assert!(f.node_pools.is_empty());
    let b = bundle(&m);
    let cluster = b.get("terraform/cluster.tf").expect("cluster.tf");
    assert!(!cluster.contains("node_pools"), "{cluster}");
    let readme = b.get("terraform/README.md").expect("README");
    assert!(
        readme.contains("It turns on Auto Mode with no built-in pool (no workload moves)"),
        "{readme}"
    );
    assert!(!readme.contains("pool(s) ("), "{readme}");
}

#[test]
fn the_way_back_keeps_access_entries_auth() {
    // The cluster starts on CONFIG_MAP; by the time it leaves Auto Mode the
    // takeover has moved it to API_AND_CONFIG_MAP, which cannot be undone.
    let m = migration("");
    let f = Facts::of(&m).expect("facts");
    let mut file = crate::emit::hcl::File::default();
    file.push(takeover::cluster(&f, AutoMode::Off));
    let off = file.render();
    assert!(
        off.contains("authentication_mode = \"API_AND_CONFIG_MAP\""),
        "{off}"
    );
    assert!(!off.contains("\"CONFIG_MAP\""), "{off}");
    assert!(
        off.contains("compute_config {\n    enabled = false\n  }"),
        "{off}"
    );
    let way_back = bundle(&m);
    let way_back = way_back.get("way-back.md").expect("way-back.md");
    assert!(!way_back.contains("= \"CONFIG_MAP\""), "{way_back}");
}

/// Tags on what Auto Mode creates need the custom-tag policy on the
/// existing cluster role (NC009), in every path the bundle offers: the
/// takeover root, the change for a cluster already in Terraform, and the
/// AWS CLI script. Without tags, none of them adds it.
#[test]
fn custom_tags_get_the_custom_tag_policy_on_the_existing_cluster_role() {
    let mut m = migration("");
    let untagged = bundle(&m);
    m.plan.load_balancing.ingress_class.enabled = true;
    m.plan.load_balancing.ingress_class.tags = vec![crate::plan::KeyValue {
        key: "cost-center".into(),
        value: "4711".into(),
    }];
    let tagged = bundle(&m);
    let iam = tagged.get("terraform/iam.tf").expect("iam.tf");
    for needle in [
        "data \"aws_iam_policy_document\" \"cluster_custom_tags\" {",
        "resource \"aws_iam_role_policy\" \"cluster_custom_tags\" {",
        "name   = \"auto-mode-custom-tags\"",
        "policy = data.aws_iam_policy_document.cluster_custom_tags.json",
        "variable = \"aws:ResourceTag/eks:eks-cluster-name\"",
        "\"arn:aws:ec2:*:*:instance/*\"",
    ] {
        assert!(iam.contains(needle), "{needle} not in\n{iam}");
    }
    let change = tagged.get("terraform/CHANGE.md").expect("CHANGE.md");
    assert!(
        change.contains("Add the inline policy `auto-mode-custom-tags`"),
        "{change}"
    );
    let script = tagged.get("migrate.sh").expect("migrate.sh");
    let line = script
        .lines()
        .find(|l| l.starts_with("aws iam put-role-policy"))
        .expect("put-role-policy in migrate.sh");
    let json = line
        .split_once("--policy-document '")
        .and_then(|(_, rest)| rest.strip_suffix('\''))
        .expect("a quoted policy document");
    let doc: serde_json::Value = serde_json::from_str(json).expect("the policy is JSON");
    let sids: Vec<&str> = doc["Statement"]
        .as_array()
        .map(|s| s.iter().filter_map(|s| s["Sid"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        sids.contains(&"Compute") && sids.contains(&"RetagOwnEC2"),
        "{sids:?}"
    );
    for path in ["terraform/iam.tf", "terraform/CHANGE.md", "migrate.sh"] {
        let text = untagged.get(path).unwrap_or_default();
        assert!(!text.contains("auto-mode-custom-tags"), "{path}");
    }
}
