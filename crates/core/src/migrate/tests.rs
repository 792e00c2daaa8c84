//! Readiness and conversion tests: one per `MR` code, plus the plan and the
//! bundle.

use super::*;
use crate::catalog::date::Date;
use crate::diag::{Code, Severity};

fn cluster(version: &str, extra: &str) -> String {
    format!(
        r#"{{"cluster": {{"name": "prod", "arn": "arn:aws:eks:us-east-1:111122223333:cluster/prod",
        "version": "{version}", "roleArn": "arn:aws:iam::111122223333:role/prod-cluster",
        "resourcesVpcConfig": {{"subnetIds": ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], "vpcId": "vpc-0a1b2c3d4e5f60001",
          "endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["203.0.113.0/24"]}},
        "kubernetesNetworkConfig": {{"serviceIpv4Cidr": "172.20.0.0/16", "ipFamily": "ipv4"}},
        "accessConfig": {{"authenticationMode": "API_AND_CONFIG_MAP"}}{extra}}}}}"#
    )
}

fn options() -> Options {
    Options {
        today: Some(Date::new(2026, 12, 1)),
    }
}

fn run(files: &[(&str, String)]) -> Migration {
    let import = crate::import::import(
        files
            .iter()
            .map(|(n, t)| ((*n).to_owned(), t.as_bytes().to_vec())),
    );
    assess(import, &options())
}

fn with(files: &[(&str, &str)]) -> Migration {
    let mut all = vec![("cluster.json", cluster("1.34", ""))];
    all.extend(files.iter().map(|(n, t)| (*n, (*t).to_owned())));
    run(&all)
}

fn find(m: &Migration, code: Code) -> &Diagnostic {
    m.findings
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| {
            panic!(
                "no {} in:\n{}",
                code.as_str(),
                m.findings
                    .iter()
                    .map(|d| format!("  {d}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })
}

fn absent(m: &Migration, code: Code) {
    assert!(
        !m.findings.iter().any(|d| d.code == code),
        "unexpected {}",
        code.as_str()
    );
}

fn nodegroup(fields: &str) -> String {
    format!(
        r#"{{"nodegroup": {{"nodegroupName": "apps", "clusterName": "prod", "capacityType": "ON_DEMAND",
        "amiType": "AL2023_x86_64_STANDARD", "instanceTypes": ["m5.large"], "subnets": ["subnet-0a1b2c3d4e5f60003"],
        "scalingConfig": {{"minSize": 1, "maxSize": 4, "desiredSize": 2}}, "labels": {{"team": "web"}}{fields}}}}}"#
    )
}

fn kubectl(items: &str) -> String {
    format!(r#"{{"apiVersion": "v1", "kind": "List", "items": [{items}]}}"#)
}

const NODE_APPS: &str = r#"{"kind": "Node", "metadata": {"name": "n1", "labels": {"eks.amazonaws.com/nodegroup": "apps", "node.kubernetes.io/instance-type": "m5.large"}}, "status": {"nodeInfo": {"operatingSystem": "linux"}}}"#;

fn pod(name: &str, spec: &str) -> String {
    format!(
        r#"{{"kind": "Pod", "metadata": {{"name": "{name}-abc12-x", "namespace": "shop", "labels": {{"app": "{name}", "pod-template-hash": "abc12"}},
        "ownerReferences": [{{"kind": "ReplicaSet", "name": "{name}-abc12", "controller": true}}]}},
        "spec": {{"nodeName": "n1", "containers": [{{"name": "c", "image": "x:1", "resources": {{"requests": {{"cpu": "100m", "memory": "64Mi"}}}}}}]{spec}}},
        "status": {{"phase": "Running"}}}}"#
    )
}

#[test]
fn mr001_version_below_1_29() {
    let m = run(&[("c.json", cluster("1.28", ""))]);
    assert!(
        find(&m, Code::MigrateVersionTooOld)
            .message
            .contains("1.28")
    );
    absent(&with(&[]), Code::MigrateVersionTooOld);
}

#[test]
fn mr002_support_window() {
    let m = run(&[("c.json", cluster("1.33", ""))]);
    assert_eq!(
        find(&m, Code::MigrateVersionSupport).severity,
        Severity::Warning
    );
    let m = run(&[("c.json", cluster("1.30", ""))]);
    assert_eq!(
        find(&m, Code::MigrateVersionSupport).severity,
        Severity::Error
    );
    absent(
        &run(&[("c.json", cluster("1.35", ""))]),
        Code::MigrateVersionSupport,
    );
}

const ROLE_OLD_TRUST: &str = r#"{"Role": {"RoleName": "prod-cluster", "Arn": "arn:aws:iam::111122223333:role/prod-cluster",
  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "eks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}}"#;

#[test]
fn mr003_cluster_role_policies() {
    let m = with(&[
        ("role.json", ROLE_OLD_TRUST),
        (
            "policies.json",
            r#"{"AttachedPolicies": [{"PolicyName": "AmazonEKSClusterPolicy", "PolicyArn": "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"}]}"#,
        ),
    ]);
    let n = m
        .findings
        .iter()
        .filter(|d| d.code == Code::MigrateClusterRolePolicy)
        .count();
    assert_eq!(n, 4);
    assert_eq!(
        find(&m, Code::MigrateClusterRolePolicy).path,
        "iam-role/prod-cluster"
    );
}

#[test]
fn mr004_trust_policy_tag_session() {
    let m = with(&[("role.json", ROLE_OLD_TRUST)]);
    find(&m, Code::MigrateTagSession);
    let ok = ROLE_OLD_TRUST.replace(
        "\"sts:AssumeRole\"",
        "[\"sts:AssumeRole\", \"sts:TagSession\"]",
    );
    absent(&with(&[("role.json", &ok)]), Code::MigrateTagSession);
}

#[test]
fn mr005_config_map_auth() {
    let c = cluster("1.34", "").replace("API_AND_CONFIG_MAP", "CONFIG_MAP");
    let m = run(&[("c.json", c)]);
    find(&m, Code::MigrateConfigMapAuth);
    assert_eq!(
        m.plan.auto_mode.authentication_mode,
        crate::plan::AuthenticationMode::ApiAndConfigMap
    );
}

#[test]
fn mr006_small_instance_types() {
    let ng = nodegroup("").replace("m5.large", "t3.small");
    let m = with(&[("ng.json", &ng)]);
    assert!(
        find(&m, Code::MigrateSmallInstances)
            .message
            .contains("t3.small")
    );
    let pool = &m.plan.node_pools[0];
    assert_eq!(pool.requirements.instance_sizes, ["medium"]);
}

#[test]
fn mr007_windows() {
    let ng = nodegroup("").replace("AL2023_x86_64_STANDARD", "WINDOWS_CORE_2022_x86_64");
    let m = with(&[("ng.json", &ng)]);
    assert_eq!(find(&m, Code::MigrateWindows).path, "nodegroup/apps");
    assert!(
        m.plan.node_pools.is_empty(),
        "Windows groups are not converted"
    );
    let pods = kubectl(&pod(
        "iis",
        r#", "nodeSelector": {"kubernetes.io/os": "windows"}"#,
    ));
    let m = with(&[("k.json", &pods)]);
    assert_eq!(find(&m, Code::MigrateWindows).path, "deployment/shop/iis");
}

#[test]
fn mr008_remote_access() {
    let m = with(&[(
        "ng.json",
        &nodegroup(r#", "remoteAccess": {"ec2SshKey": "ops"}"#),
    )]);
    assert!(find(&m, Code::MigrateRemoteAccess).message.contains("ops"));
}

#[test]
fn mr009_custom_ami() {
    let ng = nodegroup("").replace("AL2023_x86_64_STANDARD", "CUSTOM");
    find(&with(&[("ng.json", &ng)]), Code::MigrateCustomAmi);
}

#[test]
fn mr010_user_data() {
    let ng = nodegroup(r#", "launchTemplate": {"id": "lt-0abc", "version": "1"}"#);
    let lt = r#"{"LaunchTemplateVersions": [{"LaunchTemplateId": "lt-0abc", "LaunchTemplateName": "apps", "VersionNumber": 1,
        "LaunchTemplateData": {"UserData": "IyEvYmluL2Jhc2gKZWNobyBoaQo="}}]}"#;
    let m = with(&[("ng.json", &ng), ("lt.json", lt)]);
    assert!(find(&m, Code::MigrateUserData).message.contains("2 lines"));
}

#[test]
fn mr011_addon_minimum_versions() {
    let addon = r#"{"addon": {"addonName": "vpc-cni", "clusterName": "prod", "addonVersion": "v1.18.3-eksbuild.2"}}"#;
    let m = with(&[("a.json", addon)]);
    assert!(
        find(&m, Code::MigrateAddonVersion)
            .message
            .contains("v1.19.0-eksbuild.1")
    );
    assert!(
        bundle::build(&m, &options())
            .get("migrate.sh")
            .is_some_and(|s| s.contains("--addon-version 'v1.19.0-eksbuild.1'"))
    );
    let new = addon.replace("v1.18.3-eksbuild.2", "v1.20.4-eksbuild.2");
    absent(&with(&[("a.json", &new)]), Code::MigrateAddonVersion);
}

fn deployment(name: &str, image: &str) -> String {
    format!(
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: {name}\n    namespace: kube-system\n  spec:\n    replicas: 2\n    template:\n      spec:\n        containers:\n        - name: c\n          image: {image}\n"
    )
}

#[test]
fn mr012_old_karpenter() {
    let d = deployment(
        "karpenter",
        "public.ecr.aws/karpenter/controller:1.0.8@sha256:00",
    );
    let m = with(&[("d.yaml", &d)]);
    assert_eq!(
        find(&m, Code::MigrateKarpenterTooOld).path,
        "deployment/kube-system/karpenter"
    );
    let d = deployment("karpenter", "public.ecr.aws/karpenter/controller:1.3.2");
    absent(&with(&[("d.yaml", &d)]), Code::MigrateKarpenterTooOld);
}

#[test]
fn mr013_cluster_autoscaler() {
    let d = deployment(
        "cluster-autoscaler",
        "registry.k8s.io/autoscaling/cluster-autoscaler:v1.31.1",
    );
    let m = with(&[("d.yaml", &d)]);
    assert!(
        find(&m, Code::MigrateClusterAutoscaler)
            .fix
            .contains("--replicas=0")
    );
}

#[test]
fn mr014_irsa() {
    let sa = r#"{"kind": "ServiceAccountList", "items": [{"kind": "ServiceAccount", "metadata": {"name": "web", "namespace": "shop", "annotations": {"eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/web"}}}]}"#;
    let pods = kubectl(&pod("web", r#", "serviceAccountName": "web""#));
    let m = with(&[("sa.json", sa), ("k.json", &pods)]);
    assert_eq!(find(&m, Code::MigrateIrsa).path, "serviceaccount/shop/web");
}

#[test]
fn mr015_load_balancer_controller_services() {
    let svc = kubectl(
        r#"{"kind": "Service", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"type": "LoadBalancer", "loadBalancerClass": "service.k8s.aws/nlb"}},
           {"kind": "Service", "metadata": {"name": "new", "namespace": "shop"}, "spec": {"type": "LoadBalancer", "loadBalancerClass": "eks.amazonaws.com/nlb"}},
           {"kind": "IngressClass", "metadata": {"name": "alb"}, "spec": {"controller": "ingress.k8s.aws/alb"}},
           {"kind": "Ingress", "metadata": {"name": "site", "namespace": "shop"}, "spec": {"ingressClassName": "alb"}}"#,
    );
    let m = with(&[("k.json", &svc)]);
    let paths: Vec<&str> = m
        .findings
        .iter()
        .filter(|d| d.code == Code::MigrateLoadBalancer)
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(paths, ["ingress/shop/site", "service/shop/web"]);
    // The plan's IngressClass must not overwrite the controller's "alb".
    assert_ne!(m.plan.load_balancing.ingress_class.name, "alb");
}

#[test]
fn mr016_ebs_csi_volumes() {
    let pv = kubectl(
        r#"{"kind": "PersistentVolume", "metadata": {"name": "pvc-1"}, "spec": {"csi": {"driver": "ebs.csi.aws.com", "volumeHandle": "vol-1"}, "capacity": {"storage": "10Gi"}}}"#,
    );
    let m = with(&[("k.json", &pv)]);
    assert_eq!(find(&m, Code::MigrateVolume).path, "pv/pvc-1");
    let auto = pv.replace("ebs.csi.aws.com", "ebs.csi.eks.amazonaws.com");
    absent(&with(&[("k.json", &auto)]), Code::MigrateVolume);
}

#[test]
fn mr017_pdb_blocks_drain() {
    let items = format!(
        r#"{},{{"kind": "PodDisruptionBudget", "metadata": {{"name": "web", "namespace": "shop"}}, "spec": {{"minAvailable": "100%", "selector": {{"matchLabels": {{"app": "web"}}}}}}}}"#,
        pod("web", "")
    );
    let m = with(&[("k.json", &kubectl(&items))]);
    assert_eq!(find(&m, Code::MigratePdbBlocks).path, "pdb/shop/web");
    let ok = items.replace(r#""minAvailable": "100%""#, r#""maxUnavailable": 1"#);
    absent(&with(&[("k.json", &kubectl(&ok))]), Code::MigratePdbBlocks);
}

#[test]
fn mr018_host_ports() {
    let p = pod("edge", "").replace(
        r#""image": "x:1""#,
        r#""image": "x:1", "ports": [{"containerPort": 80, "hostPort": 80}]"#,
    );
    let m = with(&[("k.json", &kubectl(&p))]);
    assert!(find(&m, Code::MigrateHostNetwork).message.contains("[80]"));
}

#[test]
fn mr019_nowhere_to_run() {
    let items = format!(
        "{NODE_APPS},{}",
        pod(
            "pinned",
            r#", "nodeSelector": {"eks.amazonaws.com/nodegroup": "apps"}"#
        )
    );
    let m = with(&[("ng.json", &nodegroup("")), ("k.json", &kubectl(&items))]);
    let d = find(&m, Code::MigrateNowhereToRun);
    assert_eq!(d.path, "deployment/shop/pinned");
    assert!(d.message.contains("step 5"), "{}", d.message);
    // A pod that selects the group's own label is fine: the pool carries it.
    let items = format!(
        "{NODE_APPS},{}",
        pod("team", r#", "nodeSelector": {"team": "web"}"#)
    );
    absent(
        &with(&[("ng.json", &nodegroup("")), ("k.json", &kubectl(&items))]),
        Code::MigrateNowhereToRun,
    );
}

#[test]
fn mr020_fargate() {
    let f = r#"{"fargateProfile": {"fargateProfileName": "fp", "clusterName": "prod", "selectors": [{"namespace": "batch"}]}}"#;
    assert_eq!(
        find(&with(&[("f.json", f)]), Code::MigrateFargate).path,
        "fargateprofile/fp"
    );
}

const AUTO: &str = r#", "computeConfig": {"enabled": true, "nodePools": ["general-purpose", "system"], "nodeRoleArn": "arn:aws:iam::111122223333:role/prod-auto-node"},
  "storageConfig": {"blockStorage": {"enabled": true}}"#;

#[test]
fn mr021_already_auto_mode() {
    let c = cluster("1.34", AUTO).replace(
        r#""ipFamily": "ipv4""#,
        r#""ipFamily": "ipv4", "elasticLoadBalancing": {"enabled": true}"#,
    );
    let m = run(&[("c.json", c)]);
    find(&m, Code::MigrateAlreadyAutoMode);
    assert!(m.plan.auto_mode.general_purpose_pool);
    assert!(
        bundle::build(&m, &options())
            .get("migrate.sh")
            .is_some_and(|s| s.contains("already"))
    );
}

#[test]
fn mr022_partial_auto_mode() {
    let m = run(&[("c.json", cluster("1.34", AUTO))]);
    assert!(
        find(&m, Code::MigratePartialAutoMode)
            .message
            .contains("compute and block storage")
    );
}

#[test]
fn mr023_replaced_components() {
    let addon = r#"{"addon": {"addonName": "aws-ebs-csi-driver", "clusterName": "prod", "addonVersion": "v1.40.0-eksbuild.1"}}"#;
    assert_eq!(
        find(&with(&[("a.json", addon)]), Code::MigrateReplacedComponent).path,
        "addon/aws-ebs-csi-driver"
    );
}

const KARPENTER: &str = r#"apiVersion: v1
kind: List
items:
- apiVersion: karpenter.k8s.aws/v1
  kind: EC2NodeClass
  metadata:
    name: default
  spec:
    role: KarpenterNodeRole-prod
    amiSelectorTerms:
    - alias: al2023@latest
    subnetSelectorTerms:
    - tags:
        karpenter.sh/discovery: prod
    securityGroupSelectorTerms:
    - tags:
        karpenter.sh/discovery: prod
    kubelet:
      maxPods: 50
    metadataOptions:
      httpPutResponseHopLimit: 2
    blockDeviceMappings:
    - deviceName: /dev/xvda
      rootVolume: true
      ebs:
        volumeSize: 120Gi
        volumeType: gp3
        iops: 4000
- apiVersion: karpenter.sh/v1
  kind: NodePool
  metadata:
    name: default
  spec:
    template:
      spec:
        nodeClassRef:
          group: karpenter.k8s.aws
          kind: EC2NodeClass
          name: default
        expireAfter: 720h
        requirements:
        - key: karpenter.k8s.aws/instance-family
          operator: In
          values: [m6i, m7i]
        - key: karpenter.k8s.aws/instance-capability-flex
          operator: In
          values: ["false"]
        - key: karpenter.sh/capacity-type
          operator: In
          values: [spot, on-demand]
    limits:
      cpu: "200"
"#;

#[test]
fn mr024_unmapped_fields() {
    let m = with(&[("karpenter.yaml", KARPENTER)]);
    let msgs: Vec<&str> = m
        .findings
        .iter()
        .filter(|d| d.code == Code::MigrateUnmappedField)
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("`kubelet`") && m.contains("maxPods: 50")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("metadataOptions")));
    assert!(msgs.iter().any(|m| m.contains("amiSelectorTerms")));
    let nc = &m.plan.node_classes[0];
    assert_eq!(nc.name, "default-auto");
    assert_eq!(nc.ephemeral_storage.size, "120Gi");
    assert_eq!(nc.ephemeral_storage.iops, 4000);
    assert_eq!(
        nc.subnet_selector_terms[0].tags["karpenter.sh/discovery"],
        "prod"
    );
}

#[test]
fn mr025_expire_after() {
    let m = with(&[("karpenter.yaml", KARPENTER)]);
    assert!(find(&m, Code::MigrateExpireAfter).message.contains("480h"));
    assert_eq!(m.plan.node_pools[0].expire_after, "480h");
}

#[test]
fn mr026_label_keys_renamed() {
    let m = with(&[("karpenter.yaml", KARPENTER)]);
    assert!(
        find(&m, Code::MigrateLabelKey)
            .message
            .contains("eks.amazonaws.com/instance-family")
    );
    let p = &m.plan.node_pools[0];
    assert_eq!(p.name, "default-auto");
    assert_eq!(p.node_class, "default-auto");
    assert_eq!(p.requirements.instance_families, ["m6i", "m7i"]);
    assert_eq!(p.limits["cpu"], "200");
}

#[test]
fn mr027_unmapped_requirement() {
    let m = with(&[("karpenter.yaml", KARPENTER)]);
    assert!(
        find(&m, Code::MigrateUnmappedRequirement)
            .message
            .contains("instance-capability-flex")
    );
}

#[test]
fn mr028_node_group_converted() {
    let m = with(&[(
        "ng.json",
        &nodegroup(
            r#", "taints": [{"key": "dedicated", "value": "web", "effect": "NO_SCHEDULE"}]"#,
        ),
    )]);
    let d = find(&m, Code::MigrateNodeGroupPool);
    assert_eq!(d.path, "nodegroup/apps");
    let p = &m.plan.node_pools[0];
    assert_eq!(p.name, "ng-apps");
    assert_eq!(p.labels["team"], "web");
    assert_eq!(p.taints[0].key, "dedicated");
    assert_eq!(p.requirements.instance_families, ["m5"]);
    assert_eq!(p.limits["cpu"], "8");
    // Its own subnets → a NodeClass for them.
    assert_eq!(p.node_class, "ng-apps");
    assert_eq!(
        m.plan.node_classes[0].subnet_selector_terms[0]
            .id
            .as_deref(),
        Some("subnet-0a1b2c3d4e5f60003")
    );
}

#[test]
fn the_plan_of_a_clean_cluster_validates_and_generates() {
    let m = with(&[("ng.json", &nodegroup("")), ("karpenter.yaml", KARPENTER)]);
    let errors: Vec<String> = m
        .plan_diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(m.plan.cluster.mode, crate::plan::ClusterMode::Existing);
    let b = bundle::build(&m, &options());
    let pools = b.get("kubernetes/10-nodepools.yaml").expect("pools");
    assert!(pools.contains("name: ng-apps") && pools.contains("name: default-auto"));
    assert!(!pools.contains("key: eks-auto-mode"));
    let transition = b.get("transition/10-nodepools.yaml").expect("transition");
    assert_eq!(transition.matches("key: eks-auto-mode").count(), 2);
    // The plan reads back.
    let text = b.get("plan.yaml").expect("plan");
    let back = crate::plan::Plan::from_yaml(text).expect("plan.yaml parses");
    assert_eq!(back, m.plan);
    for f in [
        "README.md",
        "migrate.sh",
        "way-back.md",
        "readiness.md",
        "readiness.json",
    ] {
        assert!(b.get(f).is_some(), "{f}");
    }
}
