//! Import tests: classification, bad input, cross-file checks. One test per
//! `MI` code.

use super::*;

const CLUSTER: &str = r#"{"cluster": {"name": "prod", "arn": "arn:aws:eks:us-east-1:111122223333:cluster/prod",
  "version": "1.31", "roleArn": "arn:aws:iam::111122223333:role/prod-cluster", "newField": {"x": 1},
  "accessConfig": {"authenticationMode": "CONFIG_MAP"}}}"#;

fn run(files: &[(&str, &str)]) -> Import {
    import(
        files
            .iter()
            .map(|(n, t)| ((*n).to_owned(), t.as_bytes().to_vec())),
    )
}

fn codes(i: &Import) -> Vec<&'static str> {
    i.findings.iter().map(|d| d.code.as_str()).collect()
}

fn has(i: &Import, code: Code) -> &Diagnostic {
    i.findings
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {} in {:?}", code.as_str(), codes(i)))
}

#[test]
fn describe_cluster_alone_is_enough() {
    let i = run(&[("cluster.json", CLUSTER)]);
    let c = i.snapshot.eks().expect("cluster");
    assert_eq!(c.name, "prod");
    assert_eq!(c.region(), Some("us-east-1"));
    assert!(i.findings.iter().all(|d| !d.is_error()), "{:?}", codes(&i));
    // MI011: the missing inputs say which checks are skipped.
    assert!(
        has(&i, Code::ImportInputMissing)
            .message
            .contains("skipped")
    );
}

#[test]
fn mi001_unknown_and_empty_files() {
    let i = run(&[
        ("cluster.json", CLUSTER),
        ("notes.txt", "hello"),
        ("empty.json", ""),
    ]);
    let d = has(&i, Code::ImportUnknownFile);
    assert!(d.message.contains("expected"));
    assert_eq!(
        i.findings
            .iter()
            .filter(|d| d.code == Code::ImportUnknownFile)
            .count(),
        2
    );
    assert!(i.snapshot.cluster.is_some());
}

#[test]
fn mi002_truncated_json_names_file_and_position() {
    let cut = &CLUSTER[..60];
    let i = run(&[("describe-cluster.json", cut)]);
    let d = has(&i, Code::ImportMalformed);
    assert!(d.path.starts_with("describe-cluster.json:"), "{}", d.path);
    assert!(d.message.contains("truncated"));
    assert!(d.message.contains("aws eks describe-cluster"));
    assert!(i.snapshot.cluster.is_none());
    has(&i, Code::ImportNoCluster);
}

#[test]
fn mi003_node_group_of_another_cluster_is_set_aside() {
    let ng = r#"{"nodegroup": {"nodegroupName": "apps", "clusterName": "staging"}}"#;
    let i = run(&[("cluster.json", CLUSTER), ("ng-apps.json", ng)]);
    let d = has(&i, Code::ImportOtherCluster);
    assert!(d.message.contains("staging") && d.message.contains("prod"));
    assert!(i.snapshot.node_groups.is_empty());
}

#[test]
fn mi004_old_karpenter_api() {
    let yaml = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: karpenter.sh/v1beta1\n  kind: NodePool\n  metadata:\n    name: old\n- apiVersion: karpenter.sh/v1alpha5\n  kind: Provisioner\n  metadata:\n    name: older\n";
    let i = run(&[("cluster.json", CLUSTER), ("karpenter.yaml", yaml)]);
    let n = i
        .findings
        .iter()
        .filter(|d| d.code == Code::ImportKarpenterVersion)
        .count();
    assert_eq!(n, 2, "{:?}", i.findings);
}

#[test]
fn mi005_bad_object_keeps_the_rest() {
    let json = "{\"apiVersion\": \"v1\", \"items\": [\n{\"kind\": \"Pod\", \"metadata\": {\"name\": \"a\", \"namespace\": \"n\"}},\n{\"kind\": \"Pod\", \"metadata\": {\"name\": \"b\", \"namespace\": \"n\"}, \"spec\": {\"hostNetwork\": 3}}\n], \"kind\": \"List\"}";
    let i = run(&[("cluster.json", CLUSTER), ("kubectl.json", json)]);
    let d = has(&i, Code::ImportObject);
    assert!(d.path.starts_with("kubectl.json:3:"), "{}", d.path);
    assert!(d.message.contains("Pod n/b"));
    assert_eq!(i.snapshot.kube.pods.len(), 1);
}

#[test]
fn mi006_duplicates_keep_the_first() {
    let ng = r#"{"nodegroup": {"nodegroupName": "apps", "clusterName": "prod", "amiType": "AL2_x86_64"}}"#;
    let ng2 =
        r#"{"nodegroup": {"nodegroupName": "apps", "clusterName": "prod", "amiType": "CUSTOM"}}"#;
    let i = run(&[("cluster.json", CLUSTER), ("a.json", ng), ("b.json", ng2)]);
    has(&i, Code::ImportDuplicate);
    assert_eq!(i.snapshot.node_groups.len(), 1);
    assert_eq!(i.snapshot.node_groups[0].value.ami_type, "AL2_x86_64");
}

#[test]
fn mi007_no_cluster() {
    let i = run(&[("ng.json", r#"{"nodegroups": ["a"]}"#)]);
    has(&i, Code::ImportNoCluster);
}

#[test]
fn mi008_listed_but_not_described() {
    let i = run(&[
        ("cluster.json", CLUSTER),
        ("list.json", r#"{"nodegroups": ["apps", "batch"]}"#),
        (
            "ng.json",
            r#"{"nodegroup": {"nodegroupName": "apps", "clusterName": "prod", "launchTemplate": {"id": "lt-1", "version": "3"}}}"#,
        ),
    ]);
    let n: Vec<_> = i
        .findings
        .iter()
        .filter(|d| d.code == Code::ImportNotDescribed)
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(n, ["nodegroup/apps", "nodegroup/batch"]);
}

#[test]
fn mi009_failed_collection_steps() {
    let log = "# eksplan collect.sh log\nOK describe-cluster.json\nFAILED iam-get-role.json: AccessDenied when calling GetRole\n";
    let i = run(&[("cluster.json", CLUSTER), ("collect.log", log)]);
    let d = has(&i, Code::ImportStepFailed);
    assert!(d.message.contains("AccessDenied"));
    assert_eq!(d.path, "iam-get-role.json");
}

#[test]
fn mi010_bad_quantity() {
    let json = r#"{"kind": "Pod", "metadata": {"name": "a", "namespace": "n"}, "spec": {"containers": [{"resources": {"requests": {"memory": "much"}}}]}}"#;
    let i = run(&[("cluster.json", CLUSTER), ("pod.json", json)]);
    assert!(has(&i, Code::ImportQuantity).message.contains("much"));
}

#[test]
fn mi012_broken_zip() {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(b"garbage");
    let i = import([("cluster.zip".to_owned(), bytes)]);
    has(&i, Code::ImportArchive);
}

#[test]
fn a_zip_of_the_folder_imports_like_the_folder() {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default();
        z.add_directory("c/", o).expect("dir");
        z.start_file("c/describe-cluster.json", o).expect("file");
        z.write_all(CLUSTER.as_bytes()).expect("write");
        z.start_file("__MACOSX/c/._describe-cluster.json", o)
            .expect("file");
        z.write_all(b"\x00\x05junk").expect("write");
        z.finish().expect("finish");
    }
    let i = import([("c.zip".to_owned(), buf.into_inner())]);
    assert_eq!(i.snapshot.eks().map(|c| c.name.as_str()), Some("prod"));
    assert!(!codes(&i).contains(&"MI001"), "{:?}", i.findings);
}

#[test]
fn trust_policy_and_launch_template_matching() {
    let role = r#"{"Role": {"RoleName": "prod-cluster", "Arn": "arn:aws:iam::111122223333:role/prod-cluster",
        "AssumeRolePolicyDocument": "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22eks.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"}}"#;
    let lt = r#"{"LaunchTemplateVersions": [
        {"LaunchTemplateId": "lt-1", "LaunchTemplateName": "apps", "VersionNumber": 2, "DefaultVersion": true, "LaunchTemplateData": {}},
        {"LaunchTemplateId": "lt-1", "LaunchTemplateName": "apps", "VersionNumber": 3, "LaunchTemplateData": {"ImageId": "ami-1", "KeyName": "ops"}}]}"#;
    let ng = r#"{"nodegroup": {"nodegroupName": "apps", "clusterName": "prod", "launchTemplate": {"id": "lt-1", "version": "3"}}}"#;
    let i = run(&[
        ("cluster.json", CLUSTER),
        ("role.json", role),
        ("lt.json", lt),
        ("ng.json", ng),
    ]);
    let doc = i
        .snapshot
        .cluster_role
        .as_ref()
        .and_then(|r| r.value.assume_role_policy_document.as_ref())
        .expect("trust")
        .document()
        .expect("decoded");
    assert!(doc.allows_eks("sts:AssumeRole"));
    let g = &i.snapshot.node_groups[0].value;
    let v = i.snapshot.launch_template(g).expect("template");
    assert_eq!(v.launch_template_data.key_name.as_deref(), Some("ops"));
}

#[test]
fn mi003_kubectl_output_of_another_region_is_set_aside() {
    let nodes = r#"{"kind": "List", "items": [{"kind": "Node", "metadata": {"name": "n", "labels": {"topology.kubernetes.io/region": "eu-west-1"}}}]}"#;
    let i = run(&[("cluster.json", CLUSTER), ("kubectl.json", nodes)]);
    assert!(
        has(&i, Code::ImportOtherCluster)
            .message
            .contains("eu-west-1")
    );
    assert!(i.snapshot.kube.nodes.is_empty());
    let ok = nodes.replace("eu-west-1", "us-east-1");
    let i = run(&[("cluster.json", CLUSTER), ("kubectl.json", &ok)]);
    assert_eq!(i.snapshot.kube.nodes.len(), 1);
    assert!(i.snapshot.has_kubectl_json);
}

#[test]
fn preview_shows_what_was_added_so_far() {
    let mut importer = Importer::new();
    importer.add_file("cluster.json", CLUSTER);
    assert!(importer.preview().snapshot.cluster.is_some());
    importer.add_file("broken.json", "{\"nodegroup\": {");
    let i = importer.preview();
    assert!(i.snapshot.cluster.is_some(), "nothing imported is lost");
    has(&i, Code::ImportMalformed);
}
