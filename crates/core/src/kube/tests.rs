//! Reader tests: mixed lists, single objects, bad and truncated input.

use super::*;

const MIXED: &str = r#"{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {
                "name": "ip-10-0-1-5.ec2.internal",
                "labels": {
                    "eks.amazonaws.com/nodegroup": "apps",
                    "eks.amazonaws.com/capacityType": "ON_DEMAND",
                    "node.kubernetes.io/instance-type": "t3.small",
                    "topology.kubernetes.io/zone": "us-east-1a",
                    "kubernetes.io/os": "linux"
                },
                "annotations": {"node.alpha.kubernetes.io/ttl": "0"}
            },
            "spec": {"providerID": "aws:///us-east-1a/i-0abc", "taints": [{"key": "dedicated", "value": "db", "effect": "NoSchedule"}]},
            "status": {
                "allocatable": {"cpu": "1930m", "memory": "1507300Ki", "pods": "11"},
                "capacity": {"cpu": "2", "memory": "2016484Ki", "pods": "11"},
                "nodeInfo": {"operatingSystem": "linux", "architecture": "amd64", "kubeletVersion": "v1.29.10-eks-94953ac"},
                "conditions": [{"type": "Ready", "status": "True"}],
                "images": [{"names": ["a"], "sizeBytes": 1}]
            }
        },
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "db-0", "namespace": "data", "labels": {"app": "db"},
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "db", "controller": true, "uid": "x"}]},
            "spec": {"containers": [{"name": "db", "image": "postgres:16", "resources": {"requests": {"cpu": "500m", "memory": "1Gi"}}}],
                     "nodeName": "ip-10-0-1-5.ec2.internal", "hostNetwork": true,
                     "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "db", "effect": "NoSchedule"}],
                     "affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
                        {"labelSelector": {"matchLabels": {"app": "db"}}, "topologyKey": "kubernetes.io/hostname"}]}},
                     "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule", "labelSelector": {"matchLabels": {"app": "db"}}}]},
            "status": {"phase": "Running", "conditions": []}
        },
        {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pvc-1"},
         "spec": {"capacity": {"storage": "20Gi"}, "csi": {"driver": "ebs.csi.aws.com", "volumeHandle": "vol-0123"},
                  "claimRef": {"namespace": "data", "name": "data-db-0"}, "storageClassName": "gp2",
                  "nodeAffinity": {"required": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "topology.ebs.csi.aws.com/zone", "operator": "In", "values": ["us-east-1a"]}]}]}}},
         "status": {"phase": "Bound"}},
        {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "shop",
            "annotations": {"service.beta.kubernetes.io/aws-load-balancer-type": "external", "other": "x"}},
         "spec": {"type": "LoadBalancer", "ports": [{"port": 443, "protocol": "TCP"}]},
         "status": {"loadBalancer": {"ingress": [{"hostname": "k8s-shop-web.elb.amazonaws.com"}]}}},
        {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "db", "namespace": "data"},
         "spec": {"maxUnavailable": 0, "selector": {"matchLabels": {"app": "db"}}},
         "status": {"disruptionsAllowed": 0, "expectedPods": 1}},
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "b"}}
    ],
    "kind": "List",
    "metadata": {"resourceVersion": ""}
}"#;

#[test]
fn reads_a_mixed_list() {
    let r = read_json(MIXED);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let o = &r.objects;
    assert_eq!(o.len(), 5);
    let n = &o.nodes[0];
    assert_eq!(n.instance_type.as_deref(), Some("t3.small"));
    assert_eq!(n.capacity_type, Some(NodeCapacityType::OnDemand));
    assert_eq!(n.origin, NodeOrigin::NodeGroup("apps".into()));
    assert_eq!(n.zone.as_deref(), Some("us-east-1a"));
    assert_eq!(n.allocatable.cpu_m, 1930);
    assert_eq!(n.allocatable.pods, 11);
    assert!(n.ready);
    assert_eq!(n.taints.len(), 1);
    let p = &o.pods[0];
    assert_eq!(
        p.owner.as_ref().map(|o| &o.kind),
        Some(&OwnerKind::StatefulSet)
    );
    assert!(p.host_network);
    assert_eq!(p.pod_anti_affinity.len(), 1);
    assert!(p.topology_spread[0].is_hard());
    assert!(meta::tolerates_all(&p.tolerations, &n.taints));
    let pv = &o.persistent_volumes[0];
    assert_eq!(pv.driver, VolumeDriver::EbsCsi);
    assert_eq!(pv.size_bytes, 20 << 30);
    assert_eq!(pv.zone.as_deref(), Some("us-east-1a"));
    let s = &o.services[0];
    assert_eq!(s.lb_owner(), Some(LbOwner::LoadBalancerController));
    assert_eq!(s.annotations.len(), 1);
    let pdb = &o.pod_disruption_budgets[0];
    assert!(pdb.blocks_by_spec());
    assert!(pdb.selects(p));
    assert_eq!(o.other_kinds.get("v1 ConfigMap"), Some(&1));
}

#[test]
fn reads_typed_lists_and_single_objects() {
    let r = read_json(
        r#"{"apiVersion":"v1","kind":"PodList","items":[{"kind":"Pod","metadata":{"name":"a","namespace":"n"}}]}"#,
    );
    assert_eq!(r.objects.pods.len(), 1);
    let r = read_json(r#"{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"}}"#);
    assert_eq!(r.objects.nodes.len(), 1);
    assert!(r.problems.is_empty());
}

#[test]
fn late_kind_still_reads() {
    let r = read_json(
        r#"{"items":[{"metadata":{"name":"a","namespace":"n"},"kind":"Pod","apiVersion":"v1"}],"kind":"List"}"#,
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.objects.pods[0].name, "a");
    let r = read_json(r#"{"metadata":{"name":"n1"},"kind":"Node"}"#);
    assert_eq!(r.objects.nodes[0].name, "n1");
}

#[test]
fn a_bad_item_is_a_problem_and_the_rest_is_kept() {
    let text = "{\"items\": [\n{\"kind\": \"Pod\", \"metadata\": {\"name\": \"good\"}},\n{\"kind\": \"Pod\", \"metadata\": {\"name\": \"bad\"}, \"spec\": {\"hostNetwork\": \"yes\"}},\n{\"kind\": \"Node\", \"metadata\": {\"name\": \"n\"}}\n], \"kind\": \"List\"}";
    let r = read_json(text);
    assert_eq!(r.objects.pods.len(), 1);
    assert_eq!(r.objects.nodes.len(), 1);
    assert_eq!(r.problems.len(), 1);
    let p = &r.problems[0];
    assert_eq!(p.object.as_deref(), Some("Pod bad"));
    assert_eq!(p.line, 3, "{p:?}");
    assert!(p.column > 40, "{p:?}");
}

#[test]
fn truncated_json_keeps_what_came_before() {
    let cut = &MIXED[..MIXED.find("\"kind\": \"Service\"").expect("service") + 20];
    let r = read_json(cut);
    assert_eq!(r.objects.nodes.len(), 1);
    assert_eq!(r.objects.pods.len(), 1);
    assert_eq!(r.objects.persistent_volumes.len(), 1);
    assert_eq!(r.objects.services.len(), 0);
    assert_eq!(r.problems.len(), 1);
    assert!(r.problems[0].line > 1);
}

#[test]
fn garbage_is_a_problem() {
    for text in ["", "[1,2]", "not json", "{\"items\": 5}", "null"] {
        let r = read_json(text);
        assert!(r.objects.is_empty(), "{text}");
        if !text.starts_with('{') {
            assert!(!r.problems.is_empty(), "{text}");
        }
    }
}

#[test]
fn bad_quantities_are_kept_aside() {
    let r = read_json(
        r#"{"kind":"Pod","metadata":{"name":"a","namespace":"n"},"spec":{"containers":[{"resources":{"requests":{"cpu":"lots"}}}]}}"#,
    );
    assert_eq!(r.objects.pods.len(), 1);
    assert_eq!(r.objects.bad_quantities.len(), 1);
    assert!(r.objects.bad_quantities[0].contains("Pod n/a"));
}

const KARPENTER: &str = r#"apiVersion: v1
items:
- apiVersion: karpenter.sh/v1
  kind: NodePool
  metadata:
    name: default
  spec:
    template:
      metadata:
        labels:
          team: web
      spec:
        nodeClassRef:
          group: karpenter.k8s.aws
          kind: EC2NodeClass
          name: default
        requirements:
        - key: karpenter.k8s.aws/instance-category
          operator: In
          values: ["c", "m"]
        - key: karpenter.k8s.aws/instance-generation
          operator: Gt
          values: ["4"]
        expireAfter: 720h
    limits:
      cpu: 1000
    disruption:
      consolidationPolicy: WhenEmptyOrUnderutilized
      consolidateAfter: 1m
      budgets:
      - nodes: "10%"
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
    blockDeviceMappings:
    - deviceName: /dev/xvda
      ebs:
        volumeSize: 100Gi
        volumeType: gp3
        encrypted: true
    kubelet:
      maxPods: 110
    userData: |
      echo hi
kind: List
metadata:
  resourceVersion: ""
"#;

#[test]
fn reads_karpenter_yaml() {
    let r = read_yaml(KARPENTER);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let p = &r.objects.node_pools[0];
    assert_eq!(p.api_version, "karpenter.sh/v1");
    assert!(!p.is_auto_mode());
    assert_eq!(p.spec.template.spec.requirements.len(), 2);
    assert_eq!(p.spec.limits["cpu"].0, "1000");
    assert_eq!(p.spec.template.spec.expire_after.as_deref(), Some("720h"));
    let c = &r.objects.ec2_node_classes[0];
    assert_eq!(c.spec.role.as_deref(), Some("KarpenterNodeRole-prod"));
    assert_eq!(c.spec.ami_selector_terms.len(), 1);
    let ebs = c.spec.block_device_mappings[0].ebs.as_ref().expect("ebs");
    assert_eq!(
        ebs.volume_size.as_ref().map(|l| l.0.as_str()),
        Some("100Gi")
    );
    assert_eq!(
        c.spec.kubelet.as_ref().map(ToString::to_string).as_deref(),
        Some("{maxPods: 110}")
    );
}

#[test]
fn yaml_problems_have_positions() {
    let r =
        read_yaml("items:\n- kind: Pod\n  metadata:\n    name: a\n  spec:\n    hostNetwork: [1]\n");
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].line, 6);
    assert_eq!(r.problems[0].object.as_deref(), Some("Pod a"));
    let r = read_yaml("items: [\n");
    assert_eq!(r.problems.len(), 1);
    assert!(r.problems[0].line >= 1);
}
