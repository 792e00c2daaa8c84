//! Kubernetes manifest resolution: NodeClasses, NodePools, StorageClass,
//! IngressClass, examples.

use serde_json::json;
use std::collections::BTreeMap;

use super::iam::{NODE, Roles};
use super::note;
use crate::design::k8s::{self, ObjectMeta};
use crate::design::{Key, Manifests, Note};
use crate::plan::{self, NetworkMode, NodeClassRoleMode, Operator, Plan, RoleMode};
use crate::validate::syntax;

pub(super) fn resolve(plan: &Plan, roles: &Roles, notes: &mut Vec<Note>) -> Manifests {
    let node_classes = plan
        .node_classes
        .iter()
        .zip(&roles.node_classes)
        .map(|(nc, role)| node_class(plan, roles, role.as_ref(), nc))
        .collect::<Vec<_>>();
    if !node_classes.is_empty() {
        note(
            notes,
            "Kubernetes",
            "Custom NodeClasses select the private subnets by tag (or by id in an existing VPC) and the EKS cluster security group by its `aws:eks:cluster-name` tag, the same network the built-in `default` NodeClass uses.",
        );
    }
    let node_pools = plan.node_pools.iter().map(node_pool).collect::<Vec<_>>();
    if !node_pools.is_empty() {
        note(
            notes,
            "Kubernetes",
            "Custom NodePools spell out every default (capacity type, architecture, OS, disruption budget, lifetime) so what you read is what Karpenter does.",
        );
    }
    Manifests {
        node_classes,
        node_pools,
        storage_class: storage_class(plan, notes),
        ingress: ingress(plan, notes),
        nlb_example: nlb_example(plan),
        sample_workload: sample_workload(plan),
    }
}

fn tags(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn node_class(
    plan: &Plan,
    roles: &Roles,
    own_role: Option<&Key>,
    nc: &plan::NodeClass,
) -> k8s::NodeClass {
    let role_named = |key: &Key| roles.get(key).map(|r| r.name.clone());
    let (role, instance_profile) = match nc.role.mode {
        NodeClassRoleMode::ClusterNodeRole => match plan.auto_mode.node_role.mode {
            RoleMode::Create => (role_named(&Key::new(NODE)), None),
            RoleMode::Existing => (
                plan.auto_mode
                    .node_role
                    .arn
                    .as_deref()
                    .and_then(syntax::iam_role_arn)
                    .map(str::to_owned),
                None,
            ),
        },
        NodeClassRoleMode::Create => (own_role.and_then(role_named), None),
        NodeClassRoleMode::Existing => {
            let r = nc.role.role.clone().unwrap_or_default();
            let name = syntax::iam_role_arn(&r).map(str::to_owned).unwrap_or(r);
            (Some(name), None)
        }
        NodeClassRoleMode::InstanceProfile => (None, nc.role.instance_profile.clone()),
    };
    let cluster = &plan.cluster.name;
    let subnet_selector_terms = if nc.subnet_selector_terms.is_empty() {
        match plan.network.mode {
            NetworkMode::Create => vec![k8s::SelectorTerm {
                tags: tags(&[
                    (&format!("kubernetes.io/cluster/{cluster}"), "shared"),
                    ("kubernetes.io/role/internal-elb", "1"),
                ]),
                ..Default::default()
            }],
            NetworkMode::Existing => plan
                .network
                .node_subnet_ids
                .iter()
                .map(|id| k8s::SelectorTerm {
                    id: Some(id.clone()),
                    ..Default::default()
                })
                .collect(),
        }
    } else {
        nc.subnet_selector_terms.iter().map(selector).collect()
    };
    let security_group_selector_terms = if nc.security_group_selector_terms.is_empty() {
        vec![k8s::SelectorTerm {
            tags: tags(&[("aws:eks:cluster-name", cluster)]),
            ..Default::default()
        }]
    } else {
        nc.security_group_selector_terms
            .iter()
            .map(sg_selector)
            .collect()
    };
    let an = &nc.advanced_networking;
    let advanced_networking =
        (*an != plan::AdvancedNetworking::default()).then(|| k8s::AdvancedNetworking {
            associate_public_ip_address: an.associate_public_ip_address,
            https_proxy: an.https_proxy.clone(),
            no_proxy: an.no_proxy.clone(),
            ipv4_prefix_size: an.ipv4_prefix_size.map(|p| match p {
                plan::Ipv4PrefixSize::Auto => "Auto",
                plan::Ipv4PrefixSize::Single => "32",
            }),
            enable_v4_egress: an.enable_v4_egress,
            network_interfaces: an
                .network_interfaces
                .iter()
                .map(|n| k8s::NetworkInterface {
                    network_card_index: n.network_card_index,
                    device_index: n.device_index,
                    interface_type: match n.interface_type {
                        plan::InterfaceType::Interface => "interface",
                        plan::InterfaceType::EfaOnly => "efa-only",
                    },
                    secondary_ipv4_count: n.secondary_ipv4_count,
                    secondary_ipv4_prefix_count: n.secondary_ipv4_prefix_count,
                })
                .collect(),
        });
    let sec = &nc.advanced_security;
    let advanced_security =
        (*sec != plan::AdvancedSecurity::default()).then(|| k8s::AdvancedSecurity {
            fips: sec.fips,
            kernel_lockdown: sec.kernel_lockdown.map(|k| match k {
                plan::KernelLockdown::Integrity => "integrity",
                plan::KernelLockdown::None => "none",
            }),
        });
    k8s::NodeClass {
        api_version: "eks.amazonaws.com/v1",
        kind: "NodeClass",
        metadata: ObjectMeta::managed(&nc.name),
        spec: k8s::NodeClassSpec {
            role,
            instance_profile,
            subnet_selector_terms,
            security_group_selector_terms,
            pod_subnet_selector_terms: nc.pod_subnet_selector_terms.iter().map(selector).collect(),
            pod_security_group_selector_terms: nc
                .pod_security_group_selector_terms
                .iter()
                .map(sg_selector)
                .collect(),
            capacity_reservation_selector_terms: nc
                .capacity_reservation_selector_terms
                .iter()
                .map(|t| k8s::SelectorTerm {
                    id: t.id.clone(),
                    owner: t.owner.clone(),
                    tags: t.tags.clone(),
                    ..Default::default()
                })
                .collect(),
            placement_group_selector: nc.placement_group.as_ref().map(|p| k8s::SelectorTerm {
                id: p.id.clone(),
                name: p.name.clone(),
                ..Default::default()
            }),
            snat_policy: match nc.snat_policy {
                plan::SnatPolicy::Random => "Random",
                plan::SnatPolicy::Disabled => "Disabled",
            },
            network_policy: match nc.network_policy {
                plan::NetworkPolicyDefault::DefaultAllow => "DefaultAllow",
                plan::NetworkPolicyDefault::DefaultDeny => "DefaultDeny",
            },
            network_policy_event_logs: match nc.network_policy_event_logs {
                plan::Toggle::Enabled => "Enabled",
                plan::Toggle::Disabled => "Disabled",
            },
            ephemeral_storage: k8s::EphemeralStorage {
                size: nc.ephemeral_storage.size.clone(),
                iops: nc.ephemeral_storage.iops,
                throughput: nc.ephemeral_storage.throughput,
                kms_key_id: nc.ephemeral_storage.kms_key_id.clone(),
            },
            advanced_networking,
            advanced_security,
            certificate_bundles: nc
                .certificate_bundles
                .iter()
                .map(|b| k8s::CertificateBundle {
                    name: b.name.clone(),
                    data: b.data.trim().to_owned(),
                })
                .collect(),
            tags: nc.tags.clone(),
        },
    }
}

fn selector(t: &plan::SelectorTerm) -> k8s::SelectorTerm {
    k8s::SelectorTerm {
        id: t.id.clone(),
        tags: t.tags.clone(),
        ..Default::default()
    }
}

fn sg_selector(t: &plan::SecurityGroupTerm) -> k8s::SelectorTerm {
    k8s::SelectorTerm {
        id: t.id.clone(),
        name: t.name.clone(),
        tags: t.tags.clone(),
        ..Default::default()
    }
}

fn requirement(key: &str, operator: &'static str, values: Vec<String>) -> k8s::Requirement {
    k8s::Requirement {
        key: key.to_owned(),
        operator,
        values,
        min_values: None,
    }
}

/// The explicit requirement list for a NodePool.
pub(crate) fn requirements(r: &plan::Requirements) -> Vec<k8s::Requirement> {
    let mut out = Vec::new();
    let list = |v: &[String]| v.to_vec();
    let mut capacity: Vec<String> = r
        .capacity_types
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    capacity.dedup();
    if capacity.is_empty() {
        capacity.push("on-demand".to_owned());
    }
    out.push(requirement("karpenter.sh/capacity-type", "In", capacity));
    if !r.instance_categories.is_empty() {
        out.push(requirement(
            "eks.amazonaws.com/instance-category",
            "In",
            list(&r.instance_categories),
        ));
    }
    if !r.instance_families.is_empty() {
        out.push(requirement(
            "eks.amazonaws.com/instance-family",
            "In",
            list(&r.instance_families),
        ));
    }
    if !r.exclude_instance_families.is_empty() {
        out.push(requirement(
            "eks.amazonaws.com/instance-family",
            "NotIn",
            list(&r.exclude_instance_families),
        ));
    }
    if let Some(g) = r.min_generation.filter(|g| *g > 0) {
        out.push(requirement(
            "eks.amazonaws.com/instance-generation",
            "Gt",
            vec![(g - 1).to_string()],
        ));
    }
    if !r.instance_sizes.is_empty() {
        out.push(requirement(
            "eks.amazonaws.com/instance-size",
            "In",
            list(&r.instance_sizes),
        ));
    }
    if !r.exclude_instance_sizes.is_empty() {
        out.push(requirement(
            "eks.amazonaws.com/instance-size",
            "NotIn",
            list(&r.exclude_instance_sizes),
        ));
    }
    if let Some(c) = r.min_cpu.filter(|c| *c > 0) {
        out.push(requirement(
            "eks.amazonaws.com/instance-cpu",
            "Gt",
            vec![(c - 1).to_string()],
        ));
    }
    if let Some(c) = r.max_cpu {
        out.push(requirement(
            "eks.amazonaws.com/instance-cpu",
            "Lt",
            vec![c.saturating_add(1).to_string()],
        ));
    }
    if let Some(m) = r.min_memory_mib.filter(|m| *m > 0) {
        out.push(requirement(
            "eks.amazonaws.com/instance-memory",
            "Gt",
            vec![(m - 1).to_string()],
        ));
    }
    if let Some(m) = r.max_memory_mib {
        out.push(requirement(
            "eks.amazonaws.com/instance-memory",
            "Lt",
            vec![m.saturating_add(1).to_string()],
        ));
    }
    if let Some(n) = r.min_gpu_count.filter(|n| *n > 0) {
        out.push(requirement(
            "eks.amazonaws.com/instance-gpu-count",
            "Gt",
            vec![(n - 1).to_string()],
        ));
    }
    if !r.gpu_names.is_empty() {
        out.push(requirement(
            "eks.amazonaws.com/instance-gpu-name",
            "In",
            list(&r.gpu_names),
        ));
    }
    let mut arch: Vec<String> = r
        .architectures
        .iter()
        .map(|a| a.as_str().to_owned())
        .collect();
    arch.dedup();
    if arch.is_empty() {
        arch.push("amd64".to_owned());
    }
    out.push(requirement("kubernetes.io/arch", "In", arch));
    if !r.extra.iter().any(|x| x.key == "kubernetes.io/os") {
        out.push(requirement(
            "kubernetes.io/os",
            "In",
            vec!["linux".to_owned()],
        ));
    }
    if !r.zones.is_empty() {
        out.push(requirement(
            "topology.kubernetes.io/zone",
            "In",
            list(&r.zones),
        ));
    }
    for x in &r.extra {
        out.push(k8s::Requirement {
            key: x.key.clone(),
            operator: x.operator.as_str(),
            values: if matches!(x.operator, Operator::Exists | Operator::DoesNotExist) {
                Vec::new()
            } else {
                x.values.clone()
            },
            min_values: x.min_values,
        });
    }
    out
}

fn taints(list: &[plan::Taint]) -> Vec<k8s::Taint> {
    list.iter()
        .map(|t| k8s::Taint {
            key: t.key.clone(),
            value: t.value.clone(),
            effect: t.effect.as_str(),
        })
        .collect()
}

fn node_pool(p: &plan::NodePool) -> k8s::NodePool {
    let budgets = if p.disruption.budgets.is_empty() {
        vec![k8s::Budget {
            nodes: "10%".to_owned(),
            reasons: Vec::new(),
            schedule: None,
            duration: None,
        }]
    } else {
        p.disruption
            .budgets
            .iter()
            .map(|b| k8s::Budget {
                nodes: b.nodes.clone(),
                reasons: b.reasons.iter().map(|r| r.as_str()).collect(),
                schedule: b.schedule.clone(),
                duration: b.duration.clone(),
            })
            .collect()
    };
    k8s::NodePool {
        api_version: "karpenter.sh/v1",
        kind: "NodePool",
        metadata: ObjectMeta::managed(&p.name),
        spec: k8s::NodePoolSpec {
            replicas: p.replicas,
            weight: p.weight,
            limits: p.limits.clone(),
            disruption: k8s::Disruption {
                consolidation_policy: p.disruption.consolidation_policy.as_str(),
                consolidate_after: p.disruption.consolidate_after.clone(),
                budgets,
            },
            template: k8s::NodeClaimTemplate {
                metadata: k8s::TemplateMeta {
                    labels: p.labels.clone(),
                },
                spec: k8s::NodeClaimSpec {
                    node_class_ref: k8s::NodeClassRef {
                        group: "eks.amazonaws.com",
                        kind: "NodeClass",
                        name: p.node_class.clone(),
                    },
                    requirements: requirements(&p.requirements),
                    taints: taints(&p.taints),
                    startup_taints: taints(&p.startup_taints),
                    expire_after: p.expire_after.clone(),
                    termination_grace_period: p.termination_grace_period.clone(),
                },
            },
        },
    }
}

fn storage_class(plan: &Plan, notes: &mut Vec<Note>) -> Option<k8s::StorageClass> {
    let st = &plan.storage;
    if !st.enabled {
        return None;
    }
    let mut parameters = BTreeMap::new();
    parameters.insert("type".to_owned(), st.volume_type.as_str().to_owned());
    parameters.insert("encrypted".to_owned(), st.encrypted.to_string());
    parameters.insert(
        "csi.storage.k8s.io/fstype".to_owned(),
        st.fs_type.as_str().to_owned(),
    );
    if let Some(k) = &st.kms_key_arn {
        parameters.insert("kmsKeyId".to_owned(), k.clone());
    }
    if let Some(i) = st.iops {
        parameters.insert("iops".to_owned(), i.to_string());
    }
    if let Some(t) = st.throughput {
        parameters.insert("throughput".to_owned(), t.to_string());
    }
    let mut metadata = ObjectMeta::managed(&st.name);
    if st.default_class {
        metadata.annotations.insert(
            "storageclass.kubernetes.io/is-default-class".to_owned(),
            "true".to_owned(),
        );
    }
    note(
        notes,
        "Storage",
        format!(
            "StorageClass `{}` uses Auto Mode's EBS driver `ebs.csi.eks.amazonaws.com` (not the add-on's `ebs.csi.aws.com`), binds volumes when a pod is scheduled, and is limited to Auto Mode nodes.",
            st.name
        ),
    );
    Some(k8s::StorageClass {
        api_version: "storage.k8s.io/v1",
        kind: "StorageClass",
        metadata,
        provisioner: "ebs.csi.eks.amazonaws.com",
        parameters,
        reclaim_policy: st.reclaim_policy.as_str(),
        allow_volume_expansion: st.allow_volume_expansion,
        volume_binding_mode: "WaitForFirstConsumer",
        allowed_topologies: vec![k8s::TopologySelectorTerm {
            match_label_expressions: vec![k8s::TopologyRequirement {
                key: "eks.amazonaws.com/compute-type".to_owned(),
                values: vec!["auto".to_owned()],
            }],
        }],
    })
}

fn ingress(
    plan: &Plan,
    notes: &mut Vec<Note>,
) -> Option<(k8s::IngressClassParams, k8s::IngressClass)> {
    let ic = &plan.load_balancing.ingress_class;
    if !ic.enabled {
        return None;
    }
    let subnets =
        (!ic.subnet_ids.is_empty() || !ic.subnet_tags.is_empty()).then(|| k8s::IngressSubnets {
            ids: ic.subnet_ids.clone(),
            match_tags: ic
                .subnet_tags
                .iter()
                .map(|t| k8s::MatchTag {
                    key: t.key.clone(),
                    values: t.values.clone(),
                })
                .collect(),
        });
    let params = k8s::IngressClassParams {
        api_version: "eks.amazonaws.com/v1",
        kind: "IngressClassParams",
        metadata: ObjectMeta::managed(&ic.name),
        spec: k8s::IngressClassParamsSpec {
            scheme: ic.scheme.as_str(),
            ip_address_type: ic.ip_address_type.map(|t| t.as_str()),
            group: ic.group_name.clone().map(|name| k8s::IngressGroup { name }),
            subnets,
            certificate_arns: ic.certificate_arns.clone(),
            ssl_policy: ic.ssl_policy.clone(),
            inbound_cidrs: ic.inbound_cidrs.clone(),
            tags: ic
                .tags
                .iter()
                .map(|t| k8s::KeyValue {
                    key: t.key.clone(),
                    value: t.value.clone(),
                })
                .collect(),
        },
    };
    let mut metadata = ObjectMeta::managed(&ic.name);
    if ic.default_class {
        metadata.annotations.insert(
            "ingressclass.kubernetes.io/is-default-class".to_owned(),
            "true".to_owned(),
        );
    }
    let class = k8s::IngressClass {
        api_version: "networking.k8s.io/v1",
        kind: "IngressClass",
        metadata,
        spec: k8s::IngressClassSpec {
            controller: "eks.amazonaws.com/alb",
            parameters: k8s::IngressClassParametersRef {
                api_group: "eks.amazonaws.com",
                kind: "IngressClassParams",
                name: ic.name.clone(),
            },
        },
    };
    note(
        notes,
        "Load balancing",
        format!(
            "IngressClass `{}` uses controller `eks.amazonaws.com/alb`; its settings live in IngressClassParams (Auto Mode ignores IngressClass annotations and the `group.name` Ingress annotation).",
            ic.name
        ),
    );
    Some((params, class))
}

fn namespace(name: &str) -> k8s::Generic {
    k8s::Generic {
        api_version: "v1",
        kind: "Namespace",
        metadata: ObjectMeta::managed(name),
        spec: None,
    }
}

fn app_labels(name: &str) -> serde_json::Value {
    json!({ "app.kubernetes.io/name": name })
}

fn restricted_security_context() -> serde_json::Value {
    json!({
        "allowPrivilegeEscalation": false,
        "capabilities": { "drop": ["ALL"] },
        "readOnlyRootFilesystem": true,
        "runAsNonRoot": true,
        "runAsUser": 65532,
        "seccompProfile": { "type": "RuntimeDefault" }
    })
}

fn sample_workload(plan: &Plan) -> Vec<k8s::Generic> {
    let w = &plan.sample_workload;
    if !w.enabled {
        return Vec::new();
    }
    let ns = w.namespace.as_str();
    let name = "inflate";
    let mut deployment_meta = ObjectMeta::managed(name).in_namespace(ns);
    deployment_meta
        .labels
        .insert("app.kubernetes.io/name".to_owned(), name.to_owned());
    let deployment = k8s::Generic {
        api_version: "apps/v1",
        kind: "Deployment",
        metadata: deployment_meta,
        spec: Some(json!({
            "replicas": w.replicas,
            "selector": { "matchLabels": app_labels(name) },
            "template": {
                "metadata": { "labels": app_labels(name) },
                "spec": {
                    "automountServiceAccountToken": false,
                    "nodeSelector": { "eks.amazonaws.com/compute-type": "auto" },
                    "terminationGracePeriodSeconds": 0,
                    "topologySpreadConstraints": [{
                        "maxSkew": 1,
                        "topologyKey": "topology.kubernetes.io/zone",
                        "whenUnsatisfiable": "ScheduleAnyway",
                        "labelSelector": { "matchLabels": app_labels(name) }
                    }],
                    "containers": [{
                        "name": name,
                        "image": w.image,
                        "resources": {
                            "requests": { "cpu": w.cpu, "memory": w.memory },
                            "limits": { "memory": w.memory }
                        },
                        "securityContext": restricted_security_context()
                    }]
                }
            }
        })),
    };
    let pdb = k8s::Generic {
        api_version: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: ObjectMeta::managed(name).in_namespace(ns),
        spec: Some(json!({
            "maxUnavailable": 1,
            "selector": { "matchLabels": app_labels(name) }
        })),
    };
    vec![namespace(ns), deployment, pdb]
}

fn nlb_example(plan: &Plan) -> Vec<k8s::Generic> {
    let nlb = &plan.load_balancing.nlb_example;
    if !nlb.enabled {
        return Vec::new();
    }
    let ns = "nlb-example";
    let name = "echo";
    let deployment = k8s::Generic {
        api_version: "apps/v1",
        kind: "Deployment",
        metadata: ObjectMeta::managed(name).in_namespace(ns),
        spec: Some(json!({
            "replicas": 2,
            "selector": { "matchLabels": app_labels(name) },
            "template": {
                "metadata": { "labels": app_labels(name) },
                "spec": {
                    "automountServiceAccountToken": false,
                    "nodeSelector": { "eks.amazonaws.com/compute-type": "auto" },
                    "containers": [{
                        "name": name,
                        "image": "public.ecr.aws/nginx/nginx:stable",
                        "ports": [{ "containerPort": 80, "name": "http" }],
                        "resources": {
                            "requests": { "cpu": "100m", "memory": "64Mi" },
                            "limits": { "memory": "64Mi" }
                        }
                    }]
                }
            }
        })),
    };
    let mut meta = ObjectMeta::managed(name).in_namespace(ns);
    meta.annotations.insert(
        "service.beta.kubernetes.io/aws-load-balancer-scheme".to_owned(),
        nlb.scheme.as_str().to_owned(),
    );
    meta.annotations.insert(
        "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type".to_owned(),
        "ip".to_owned(),
    );
    let mut spec = json!({
        "type": "LoadBalancer",
        "loadBalancerClass": "eks.amazonaws.com/nlb",
        "selector": app_labels(name),
        "ports": [{ "name": "http", "port": 80, "targetPort": "http", "protocol": "TCP" }]
    });
    if !nlb.source_ranges.is_empty()
        && let Some(obj) = spec.as_object_mut()
    {
        obj.insert(
            "loadBalancerSourceRanges".to_owned(),
            json!(nlb.source_ranges),
        );
    }
    let service = k8s::Generic {
        api_version: "v1",
        kind: "Service",
        metadata: meta,
        spec: Some(spec),
    };
    vec![namespace(ns), deployment, service]
}
