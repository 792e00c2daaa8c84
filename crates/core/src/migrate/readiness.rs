//! The readiness report: every blocker and risk of moving the imported
//! cluster to Auto Mode, as `MR` diagnostics naming the object they concern.
//!
//! The checks follow AWS's published readiness checks (`version`, `iam`,
//! `instances`, `windows`, `ssh`, `amis`, `userdata`, `addons`,
//! `autoscaling`, `identity`, `loadbalancers`, EBS volumes; domain notes
//! §2.4), with AWS's severities: a FAIL is an error, a WARN a warning.

use std::collections::{BTreeMap, BTreeSet};

use super::ObjectRef;
use super::controllers::{Controller, ControllerKind};
use super::convert::{Conversion, restricted_label};
use super::versions::{Version, addon_minimum};
use crate::catalog::date::Date;
use crate::catalog::{instances, policies, versions};
use crate::diag::{Code, Diagnostic, Severity};
use crate::import::Snapshot;
use crate::kube::{
    self, LbOwner, NodeOrigin, Pod, PodPhase, VolumeDriver, VolumeSource, meta::tolerates_all,
};
use crate::plan::{NodePool, Operator};

fn d(code: Code, obj: &ObjectRef, message: String, fix: impl Into<String>) -> Diagnostic {
    Diagnostic::new(code, obj.to_string(), message, fix)
}

/// Run every check.
pub fn check(
    s: &Snapshot,
    conversion: &Conversion,
    controllers: &[Controller],
    today: Option<Date>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    cluster(s, today, &mut out);
    iam(s, &mut out);
    node_groups(s, &mut out);
    nodes(s, &mut out);
    addons(s, &mut out);
    controller_checks(controllers, &mut out);
    workloads(s, &mut out);
    load_balancers(s, &mut out);
    volumes(s, &mut out);
    disruption_budgets(s, &mut out);
    nowhere_to_run(s, conversion, &mut out);
    for f in &s.fargate_profiles {
        let p = &f.value;
        out.push(d(
            Code::MigrateFargate,
            &ObjectRef::FargateProfile(p.fargate_profile_name.clone()),
            format!(
                "Fargate profile {:?} ({} selector(s)) keeps running its pods on Fargate",
                p.fargate_profile_name,
                p.selectors.len()
            ),
            "nothing to do",
        ));
    }
    out
}

fn cluster(s: &Snapshot, today: Option<Date>, out: &mut Vec<Diagnostic>) {
    let Some(c) = s.eks() else { return };
    let obj = ObjectRef::Cluster(c.name.clone());
    match versions::minor_of(&c.version) {
        Some(m) if m < versions::MIN_AUTO_MODE_MINOR => out.push(d(
            Code::MigrateVersionTooOld,
            &obj,
            format!("cluster {:?} runs Kubernetes {}; Auto Mode needs 1.29 or later", c.name, c.version),
            "upgrade the control plane and node groups one minor version at a time to 1.29 or later",
        )),
        _ => {}
    }
    if let (Some(v), Some(today)) = (versions::find(&c.version), today) {
        match v.phase(today) {
            versions::SupportPhase::Standard => {}
            versions::SupportPhase::Extended => out.push(d(
                Code::MigrateVersionSupport,
                &obj,
                format!(
                    "Kubernetes {} left standard support on {}; extended support (6× the control-plane price) ends {}",
                    c.version, v.end_of_standard, v.end_of_extended
                ),
                "upgrade to a version in standard support before migrating (eksplan versions)",
            )),
            versions::SupportPhase::Ended => out.push(
                d(
                    Code::MigrateVersionSupport,
                    &obj,
                    format!(
                        "Kubernetes {} left extended support on {}; EKS upgrades the cluster automatically",
                        c.version, v.end_of_extended
                    ),
                    "upgrade to a version in standard support before migrating",
                )
                .with_severity(Severity::Error),
            ),
        }
    }
    if c.access_config.authentication_mode.as_deref() == Some("CONFIG_MAP") {
        out.push(d(
            Code::MigrateConfigMapAuth,
            &obj,
            format!("cluster {:?} authenticates with the aws-auth ConfigMap only; Auto Mode nodes join through access entries", c.name),
            "switch to API_AND_CONFIG_MAP first (migrate.sh step 1; the change is one-way)",
        ));
    }
    let (compute, lb, storage) = c.auto_mode();
    if compute && lb && storage {
        out.push(d(
            Code::MigrateAlreadyAutoMode,
            &obj,
            format!(
                "Auto Mode is already on for cluster {:?} (built-in pools: {})",
                c.name,
                c.compute_config
                    .as_ref()
                    .map(|cc| if cc.node_pools.is_empty() {
                        "none".to_owned()
                    } else {
                        cc.node_pools.join(", ")
                    })
                    .unwrap_or_default()
            ),
            "the bundle finishes the migration; the Auto Mode NodePools that exist stay as they are (not part of plan.yaml); see way-back.md before turning Auto Mode off",
        ));
    } else if compute || lb || storage {
        let on: Vec<&str> = [
            (compute, "compute"),
            (lb, "load balancing"),
            (storage, "block storage"),
        ]
        .iter()
        .filter(|(b, _)| *b)
        .map(|(_, n)| *n)
        .collect();
        out.push(d(
            Code::MigratePartialAutoMode,
            &obj,
            format!(
                "only {} of Auto Mode's three capabilities are on",
                on.join(" and ")
            ),
            "enable all three in one update-cluster-config call (migrate.sh does)",
        ));
    }
}

fn iam(s: &Snapshot, out: &mut Vec<Diagnostic>) {
    let Some(role) = &s.cluster_role else { return };
    let obj = ObjectRef::IamRole(role.value.role_name.clone());
    if let Some(attached) = &s.cluster_role_policies {
        let names: BTreeSet<&str> = attached.iter().map(|p| p.policy_name.as_str()).collect();
        for p in policies::CLUSTER_ROLE_POLICIES {
            if !names.contains(p) {
                out.push(d(
                    Code::MigrateClusterRolePolicy,
                    &obj,
                    format!("cluster role {:?} lacks {p}", role.value.role_name),
                    format!(
                        "migrate.sh attaches arn:aws:iam::aws:policy/{p} before enabling Auto Mode"
                    ),
                ));
            }
        }
    }
    if let Some(Ok(doc)) = role
        .value
        .assume_role_policy_document
        .as_ref()
        .map(|d| d.document())
        && !doc.allows_eks("sts:TagSession")
    {
        out.push(d(
            Code::MigrateTagSession,
            &obj,
            format!("the trust policy of cluster role {:?} does not allow sts:TagSession for eks.amazonaws.com", role.value.role_name),
            "migrate.sh adds sts:TagSession to the trust policy (aws iam update-assume-role-policy)",
        ));
    }
}

/// Why Auto Mode never launches this type, if it does not.
fn excluded_type(name: &str) -> Option<String> {
    let it = instances::find(name)?;
    if it.vcpu <= 1 {
        Some(format!("{name} has 1 vCPU"))
    } else if matches!(it.size.as_str(), "nano" | "micro" | "small") {
        Some(format!("{name} is a {} size", it.size))
    } else if !instances::auto_mode_eligible(it) {
        Some(format!("{name} is not a family Auto Mode launches"))
    } else {
        None
    }
}

fn node_groups(s: &Snapshot, out: &mut Vec<Diagnostic>) {
    for g in &s.node_groups {
        let ng = &g.value;
        let obj = ObjectRef::NodeGroup(ng.nodegroup_name.clone());
        let lt = s.launch_template(ng).map(|l| &l.launch_template_data);
        let mut types = ng.instance_types.clone();
        if let Some(t) = lt.and_then(|l| l.instance_type.clone()) {
            types.push(t);
        }
        let excluded: Vec<String> = types.iter().filter_map(|t| excluded_type(t)).collect();
        if !excluded.is_empty() {
            out.push(d(
                Code::MigrateSmallInstances,
                &obj,
                format!("node group {:?} uses types Auto Mode never launches: {}", ng.nodegroup_name, excluded.join("; ")),
                "its converted NodePool uses medium or larger sizes; check that its pods fit and compare the cost",
            ));
        }
        if ng.ami_type.starts_with("WINDOWS") {
            out.push(d(
                Code::MigrateWindows,
                &obj,
                format!(
                    "node group {:?} runs Windows ({}); Auto Mode runs Linux only",
                    ng.nodegroup_name, ng.ami_type
                ),
                "keep this node group for the Windows workloads; the runbook leaves it in place",
            ));
        }
        let ssh_key = ng
            .remote_access
            .as_ref()
            .and_then(|r| r.ec2_ssh_key.clone())
            .or_else(|| lt.and_then(|l| l.key_name.clone()));
        if let Some(key) = ssh_key {
            out.push(d(
                Code::MigrateRemoteAccess,
                &obj,
                format!("node group {:?} allows SSH with key pair {key:?}; Auto Mode nodes allow no SSH or SSM login", ng.nodegroup_name),
                "use kubectl debug node/NAME and the node monitoring agent instead of logging in",
            ));
        }
        let custom_ami = ng.ami_type == "CUSTOM" || lt.and_then(|l| l.image_id.as_ref()).is_some();
        if custom_ami {
            let ami = lt
                .and_then(|l| l.image_id.clone())
                .unwrap_or_else(|| ng.release_version.clone());
            out.push(d(
                Code::MigrateCustomAmi,
                &obj,
                format!("node group {:?} runs custom AMI {ami:?}; Auto Mode always runs its own Bottlerocket-based image", ng.nodegroup_name),
                "move what the AMI adds to DaemonSets (or NodeClass settings) and test the workloads on Auto Mode",
            ));
        }
        if let Some(ud) = lt.and_then(|l| l.user_data.as_ref()) {
            let decoded = base64_decode(ud);
            let lines = decoded.as_deref().map(|t| t.lines().count()).unwrap_or(0);
            out.push(d(
                Code::MigrateUserData,
                &obj,
                format!(
                    "node group {:?}'s launch template passes user data ({}); Auto Mode nodes take none",
                    ng.nodegroup_name,
                    if lines > 0 { format!("{lines} lines") } else { "not readable as text".to_owned() }
                ),
                "move proxy settings to advancedNetworking, CAs to certificateBundles, agents to DaemonSets",
            ));
        }
    }
}

fn base64_decode(s: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s.trim())
        .ok()?;
    String::from_utf8(bytes).ok()
}

fn nodes(s: &Snapshot, out: &mut Vec<Diagnostic>) {
    let mut windows = 0;
    let mut small: BTreeMap<String, usize> = BTreeMap::new();
    for n in &s.kube.nodes {
        if matches!(n.origin, NodeOrigin::AutoMode(_) | NodeOrigin::Fargate) {
            continue;
        }
        if n.is_windows() {
            windows += 1;
        }
        // Node-group nodes are reported per group above.
        if matches!(n.origin, NodeOrigin::NodeGroup(_)) && !s.node_groups.is_empty() {
            continue;
        }
        if let Some(t) = n.instance_type.as_deref()
            && excluded_type(t).is_some()
        {
            *small
                .entry(format!("{} ({t})", n.origin.describe()))
                .or_insert(0) += 1;
        }
    }
    if windows > 0 {
        out.push(d(
            Code::MigrateWindows,
            &ObjectRef::Kind("nodes".into()),
            format!("{windows} Windows node(s) run in the cluster; Auto Mode runs Linux only"),
            "keep a Windows managed node group for the Windows workloads",
        ));
    }
    for (what, n) in small {
        out.push(d(
            Code::MigrateSmallInstances,
            &ObjectRef::Kind("nodes".into()),
            format!("{n} node(s) of {what} use a type Auto Mode never launches"),
            "the converted NodePools use medium or larger sizes; check that the pods fit",
        ));
    }
}

fn addons(s: &Snapshot, out: &mut Vec<Diagnostic>) {
    let minor = s.eks().and_then(|c| versions::minor_of(&c.version));
    for a in &s.addons {
        let a = &a.value;
        let obj = ObjectRef::Addon(a.addon_name.clone());
        if let Some(min) = addon_minimum(&a.addon_name, minor) {
            let (have, want) = (Version::parse(&a.addon_version), Version::parse(min));
            if let (Some(h), Some(w)) = (have, want)
                && h < w
            {
                out.push(d(
                    Code::MigrateAddonVersion,
                    &obj,
                    format!("add-on {} is {}; Auto Mode needs {min} or later", a.addon_name, a.addon_version),
                    format!(
                        "aws eks update-addon --cluster-name CLUSTER --addon-name {} --addon-version {min} (or newer) before enabling Auto Mode",
                        a.addon_name
                    ),
                ));
            }
        }
        let replaced = match a.addon_name.as_str() {
            "vpc-cni" => Some("pod networking"),
            "kube-proxy" => Some("service networking"),
            "aws-ebs-csi-driver" => Some("block storage"),
            "eks-pod-identity-agent" => Some("the Pod Identity agent"),
            _ => None,
        };
        if let Some(what) = replaced {
            out.push(d(
                Code::MigrateReplacedComponent,
                &obj,
                format!("add-on {} provides {what}, which Auto Mode nodes have built in; node groups and their volumes still need it", a.addon_name),
                "remove it only after the last node group and EBS CSI volume are gone (runbook step 8)",
            ));
        }
        if let Some(role) = &a.service_account_role_arn {
            out.push(d(
                Code::MigrateIrsa,
                &obj,
                format!("add-on {} uses IRSA role {role:?}", a.addon_name),
                "optionally move it to a Pod Identity association (aws eks update-addon --pod-identity-associations)",
            ));
        }
    }
}

fn controller_checks(controllers: &[Controller], out: &mut Vec<Diagnostic>) {
    for c in controllers {
        let obj = ObjectRef::Deployment(c.namespace.clone(), c.name.clone());
        let v = c.tag.as_deref().unwrap_or("an unknown version");
        match c.kind {
            ControllerKind::Karpenter => {
                if c.version.is_some_and(|ver| ver < Version(1, 1, 0, 0)) {
                    out.push(d(
                        Code::MigrateKarpenterTooOld,
                        &obj,
                        format!("Karpenter {v} cannot run next to Auto Mode: both would act on the same NodePools"),
                        "upgrade Karpenter to v1.1 or later (and its CRDs to v1) before enabling Auto Mode",
                    ));
                }
                out.push(d(
                    Code::MigrateReplacedComponent,
                    &obj,
                    format!("self-managed Karpenter {v} is replaced by Auto Mode's compute"),
                    "uninstall it (Helm), its IAM roles, SQS interruption queue and EventBridge rules once no Karpenter NodePool is left",
                ));
            }
            ControllerKind::ClusterAutoscaler => out.push(d(
                Code::MigrateClusterAutoscaler,
                &obj,
                format!("Cluster Autoscaler {v} ({} replica(s)) would scale node groups back up while they are drained", c.replicas),
                format!("kubectl -n {} scale deployment {} --replicas=0 before draining; uninstall it afterwards", c.namespace, c.name),
            )),
            ControllerKind::LoadBalancerController => out.push(d(
                Code::MigrateReplacedComponent,
                &obj,
                format!("the AWS Load Balancer Controller {v} is replaced by Auto Mode's load balancing"),
                "keep it until every load balancer it owns has been recreated and DNS moved; then uninstall it",
            )),
        }
    }
}

/// Pods grouped by their workload: `(kind, namespace, name)` → pods.
fn by_workload(s: &Snapshot) -> BTreeMap<(String, String, String), Vec<&Pod>> {
    let mut m: BTreeMap<_, Vec<&Pod>> = BTreeMap::new();
    for p in &s.kube.pods {
        if !p.phase.is_active() {
            continue;
        }
        let (kind, name) = match &p.owner {
            Some(o) => (o.kind.as_str().to_owned(), o.name.clone()),
            None => ("Pod".to_owned(), p.name.clone()),
        };
        m.entry((kind, p.namespace.clone(), name))
            .or_default()
            .push(p);
    }
    m
}

fn workload_ref(key: &(String, String, String)) -> ObjectRef {
    ObjectRef::Workload(key.0.clone(), key.1.clone(), key.2.clone())
}

fn workloads(s: &Snapshot, out: &mut Vec<Diagnostic>) {
    let irsa_accounts: BTreeMap<(&str, &str), &str> = s
        .kube
        .service_accounts
        .iter()
        .filter_map(|a| {
            Some((
                (a.namespace.as_str(), a.name.as_str()),
                a.irsa_role_arn.as_deref()?,
            ))
        })
        .collect();
    let mut irsa_reported = BTreeSet::new();
    for (key, pods) in by_workload(s) {
        let obj = workload_ref(&key);
        let p = pods[0];
        if p.required_os() == Some("windows") {
            out.push(d(
                Code::MigrateWindows,
                &obj,
                format!("{obj} requires Windows nodes; Auto Mode runs Linux only"),
                "keep it on a Windows managed node group",
            ));
        }
        if (p.host_network || !p.host_ports.is_empty()) && !p.is_daemon() {
            let what = if p.host_network {
                "uses the host network".to_owned()
            } else {
                format!("binds host port(s) {:?}", p.host_ports)
            };
            out.push(d(
                Code::MigrateHostNetwork,
                &obj,
                format!("{obj} {what}: one such pod fits per node, and Auto Mode's node agents also use host ports"),
                "prefer a Service; otherwise check the ports and plan one node per replica",
            ));
        }
        let role = irsa_accounts
            .get(&(p.namespace.as_str(), p.service_account.as_str()))
            .copied()
            .map(str::to_owned)
            .or_else(|| {
                p.irsa
                    .as_ref()
                    .map(|i| i.role_arn.clone().unwrap_or_default())
            });
        if let Some(role) = role
            && irsa_reported.insert((p.namespace.clone(), p.service_account.clone()))
        {
            out.push(d(
                Code::MigrateIrsa,
                &ObjectRef::ServiceAccount(p.namespace.clone(), p.service_account.clone()),
                format!(
                    "service account {}/{} uses IRSA{} ({obj}); it keeps working, but Pod Identity is AWS's recommendation",
                    p.namespace,
                    p.service_account,
                    if role.is_empty() { String::new() } else { format!(" role {role:?}") }
                ),
                "optionally add a pod_identity association for it and remove the eks.amazonaws.com/role-arn annotation",
            ));
        }
    }
}

fn load_balancers(s: &Snapshot, out: &mut Vec<Diagnostic>) {
    for svc in &s.kube.services {
        let Some(owner) = svc.lb_owner() else {
            continue;
        };
        if matches!(owner, LbOwner::AutoMode) {
            continue;
        }
        let obj = ObjectRef::Service(svc.namespace.clone(), svc.name.clone());
        let dns = svc
            .hostnames
            .first()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        out.push(d(
            Code::MigrateLoadBalancer,
            &obj,
            format!("the load balancer of Service {}{dns} belongs to {}; Auto Mode cannot adopt it", svc.key(), owner.describe()),
            "create a copy with loadBalancerClass: eks.amazonaws.com/nlb, move DNS to its new name, then delete the old Service (runbook step 6)",
        ));
    }
    for ing in &s.kube.ingresses {
        let owner = ing.lb_owner(&s.kube.ingress_classes);
        if !matches!(owner, LbOwner::LoadBalancerController | LbOwner::InTree) {
            continue;
        }
        let obj = ObjectRef::Ingress(ing.namespace.clone(), ing.name.clone());
        let dns = ing
            .hostnames
            .first()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        out.push(d(
            Code::MigrateLoadBalancer,
            &obj,
            format!("the ALB of Ingress {}{dns} belongs to {}; Auto Mode cannot adopt it", ing.key(), owner.describe()),
            "create a copy with an Auto Mode IngressClass (controller eks.amazonaws.com/alb), move DNS, then delete the old Ingress (runbook step 6)",
        ));
    }
}

fn volumes(s: &Snapshot, out: &mut Vec<Diagnostic>) {
    for pv in &s.kube.persistent_volumes {
        if !matches!(pv.driver, VolumeDriver::EbsCsi | VolumeDriver::InTreeEbs) {
            continue;
        }
        let obj = ObjectRef::PersistentVolume(pv.name.clone());
        let claim = pv
            .claim
            .as_ref()
            .map(|(ns, n)| format!(", claimed by {ns}/{n}"))
            .unwrap_or_default();
        let driver = if pv.driver == VolumeDriver::EbsCsi {
            kube::storage::EBS_CSI_DRIVER
        } else {
            kube::storage::IN_TREE_EBS
        };
        out.push(d(
            Code::MigrateVolume,
            &obj,
            format!(
                "PersistentVolume {} ({}{}, {} GiB{claim}) is served by {driver}; Auto Mode cannot mount it",
                pv.name,
                pv.volume_handle.as_deref().unwrap_or("?"),
                pv.zone.as_deref().map(|z| format!(" in {z}")).unwrap_or_default(),
                pv.size_bytes >> 30
            ),
            "migrate it with eks-auto-mode-ebs-migration-tool, or snapshot and restore into a StorageClass of ebs.csi.eks.amazonaws.com (runbook step 7)",
        ));
    }
}

fn disruption_budgets(s: &Snapshot, out: &mut Vec<Diagnostic>) {
    for pdb in &s.kube.pod_disruption_budgets {
        let selected: Vec<&Pod> = s
            .kube
            .pods
            .iter()
            .filter(|p| p.phase == PodPhase::Running && pdb.selects(p))
            .collect();
        let healthy = selected.len() as u64;
        let allowed = pdb.allowed_disruptions(healthy);
        let blocks = pdb.blocks_by_spec()
            || (allowed == Some(0) && (healthy > 0 || pdb.expected_pods.unwrap_or(0) > 0));
        if blocks {
            let obj = ObjectRef::Pdb(pdb.namespace.clone(), pdb.name.clone());
            out.push(d(
                Code::MigratePdbBlocks,
                &obj,
                format!(
                    "PodDisruptionBudget {}/{} allows no eviction of its {} pod(s): draining their nodes would hang",
                    pdb.namespace,
                    pdb.name,
                    pdb.expected_pods.map_or(healthy, |e| e.max(0) as u64)
                ),
                "relax it (or add a replica) for the migration window, or roll the workload onto Auto Mode first",
            ));
        }
    }
}

/// Whether the pool can satisfy a node-label requirement of a pod.
fn label_possible(pool: &NodePool, key: &str, op: &str, values: &[String]) -> bool {
    let positive = matches!(op, "In" | "Exists" | "Gt" | "Lt");
    if let Some(v) = pool.labels.get(key) {
        return match op {
            "In" => values.contains(v),
            "NotIn" => !values.contains(v),
            "Exists" => true,
            "DoesNotExist" => false,
            _ => true,
        };
    }
    match key {
        "kubernetes.io/os" | "beta.kubernetes.io/os" => match op {
            "In" => values.iter().any(|v| v == "linux"),
            "NotIn" => !values.iter().any(|v| v == "linux"),
            "DoesNotExist" => false,
            _ => true,
        },
        "eks.amazonaws.com/compute-type" => match op {
            "In" => values.iter().any(|v| v == "auto"),
            "NotIn" => !values.iter().any(|v| v == "auto"),
            "DoesNotExist" => false,
            _ => true,
        },
        "karpenter.sh/nodepool" => match op {
            "In" => values.contains(&pool.name),
            _ => true,
        },
        "node.kubernetes.io/instance-type" | "beta.kubernetes.io/instance-type" if op == "In" => {
            values.iter().any(|t| {
                instances::find(t).is_some_and(|it| {
                    instances::auto_mode_eligible(it)
                        && (pool.requirements.instance_families.is_empty()
                            || pool.requirements.instance_families.contains(&it.family))
                })
            })
        }
        "karpenter.sh/capacity-type" if op == "In" => {
            pool.requirements.capacity_types.is_empty()
                || pool
                    .requirements
                    .capacity_types
                    .iter()
                    .any(|c| values.iter().any(|v| v == c.as_str()))
        }
        "kubernetes.io/arch" | "beta.kubernetes.io/arch" if op == "In" => {
            pool.requirements.architectures.is_empty()
                || pool
                    .requirements
                    .architectures
                    .iter()
                    .any(|a| values.iter().any(|v| v == a.as_str()))
        }
        k if policies::WELL_KNOWN_REQUIREMENT_KEYS.contains(&k) => true,
        k if k.starts_with("topology.") || k == "kubernetes.io/hostname" => true,
        k if pool
            .requirements
            .extra
            .iter()
            .any(|r| r.key == k && r.operator == Operator::Exists) =>
        {
            true
        }
        // A label the pool does not set (a node group's, Karpenter's, or
        // a custom one): only negative requirements hold.
        _ => !positive,
    }
}

/// Why `pod` cannot run on `pool`, if it cannot.
fn misfit(pod: &Pod, pool: &NodePool, largest: (u64, u64)) -> Option<String> {
    for (k, v) in &pod.node_selector {
        if !label_possible(pool, k, "In", std::slice::from_ref(v)) {
            return Some(format!("its nodeSelector {k}={v}"));
        }
    }
    if !pod.required_node_affinity.is_empty()
        && !pod.required_node_affinity.iter().any(|t| {
            t.match_expressions
                .iter()
                .all(|r| label_possible(pool, &r.key, &r.operator, &r.values))
        })
    {
        let keys: Vec<&str> = pod
            .required_node_affinity
            .iter()
            .flat_map(|t| t.match_expressions.iter().map(|r| r.key.as_str()))
            .collect();
        return Some(format!("its required node affinity on {}", keys.join(", ")));
    }
    let taints: Vec<kube::Taint> = pool
        .taints
        .iter()
        .map(|t| kube::Taint {
            key: t.key.clone(),
            value: t.value.clone().unwrap_or_default(),
            effect: t.effect.as_str().to_owned(),
        })
        .collect();
    if !tolerates_all(&pod.tolerations, &taints) {
        return Some("it tolerates none of the pool's taints".to_owned());
    }
    if pod.requests.cpu_m > largest.0 || pod.requests.memory_mib() > largest.1 {
        return Some(format!(
            "it requests {}m CPU and {} MiB, more than the largest node Auto Mode launches",
            pod.requests.cpu_m,
            pod.requests.memory_mib()
        ));
    }
    None
}

fn nowhere_to_run(s: &Snapshot, c: &Conversion, out: &mut Vec<Diagnostic>) {
    if s.kube.pods.is_empty() {
        return;
    }
    let largest = instances::all()
        .iter()
        .filter(|t| instances::auto_mode_eligible(t) && !t.exotic())
        .fold((0u64, 0u64), |(c, m), t| {
            (
                c.max(u64::from(t.alloc_cpu_m)),
                m.max(u64::from(t.alloc_mem_mib)),
            )
        });
    // Pools that will exist after the move: the converted ones, plus the
    // built-in general-purpose pool if the cluster already has it.
    let general = s
        .eks()
        .and_then(|e| e.compute_config.as_ref())
        .is_some_and(|cc| cc.enabled && cc.node_pools.iter().any(|p| p == "general-purpose"));
    let mut pools: Vec<&NodePool> = c.node_pools.iter().map(|(p, _)| p).collect();
    let builtin = NodePool {
        name: "general-purpose".into(),
        ..NodePool::default()
    };
    if general {
        pools.push(&builtin);
    }
    let claims: BTreeMap<(&str, &str), &kube::PersistentVolume> = s
        .kube
        .persistent_volumes
        .iter()
        .filter_map(|pv| {
            pv.claim
                .as_ref()
                .map(|(ns, n)| ((ns.as_str(), n.as_str()), pv))
        })
        .collect();
    for (key, pods) in by_workload(s) {
        let p = pods[0];
        if p.is_daemon()
            || matches!(
                p.owner.as_ref().map(|o| &o.kind),
                Some(kube::OwnerKind::Node)
            )
        {
            continue;
        }
        // Karpenter, Cluster Autoscaler and the Load Balancer Controller are
        // removed at the end (step 8), with the node group they run on.
        if p.images
            .iter()
            .any(|i| ControllerKind::of_image(i).is_some())
        {
            continue;
        }
        // Where it runs today, and whether that goes away.
        let node = p.node_name.as_deref().and_then(|n| s.kube.node(n));
        let step = match node.map(|n| &n.origin) {
            Some(NodeOrigin::NodeGroup(g)) => {
                let windows = s.node_groups.iter().any(|x| {
                    &x.value.nodegroup_name == g && x.value.ami_type.starts_with("WINDOWS")
                });
                if windows {
                    continue;
                }
                format!("step 5 (draining node group {g:?})")
            }
            Some(NodeOrigin::Karpenter(pool)) => {
                format!("step 5 (deleting Karpenter NodePool {pool:?})")
            }
            Some(NodeOrigin::Fargate | NodeOrigin::Hybrid) => continue,
            Some(NodeOrigin::AutoMode(_)) => "way back".to_owned(),
            _ => "step 4 (moving workloads)".to_owned(),
        };
        if step == "way back" || p.required_os() == Some("windows") {
            continue;
        }
        let mut reasons = Vec::new();
        for v in &p.volumes {
            if let VolumeSource::Claim(claim) = &v.source
                && let Some(pv) = claims.get(&(p.namespace.as_str(), claim.as_str()))
                && matches!(pv.driver, VolumeDriver::EbsCsi | VolumeDriver::InTreeEbs)
            {
                reasons.push(format!("its volume {claim} (PersistentVolume {}) cannot be mounted by Auto Mode until migrated", pv.name));
            }
        }
        let fits: Vec<Option<String>> = pools.iter().map(|pool| misfit(p, pool, largest)).collect();
        if pools.is_empty() {
            reasons.push(
                "no converted NodePool exists (no node group or Karpenter pool was imported)"
                    .to_owned(),
            );
        } else if fits.iter().all(Option::is_some) {
            let mut why: Vec<String> = fits.into_iter().flatten().collect();
            why.sort();
            why.dedup();
            reasons.push(format!("no converted NodePool fits it: {}", why.join("; ")));
        }
        let selects_old: Vec<&str> = p
            .node_selector
            .keys()
            .map(String::as_str)
            .filter(|k| restricted_label(k) && !policies::WELL_KNOWN_REQUIREMENT_KEYS.contains(k))
            .collect();
        if reasons.is_empty() && !selects_old.is_empty() {
            reasons.push(format!(
                "it selects {} (labels Auto Mode nodes never carry)",
                selects_old.join(", ")
            ));
        }
        if reasons.is_empty() {
            continue;
        }
        let obj = workload_ref(&key);
        out.push(d(
            Code::MigrateNowhereToRun,
            &obj,
            format!("at {step}, {obj} ({} pod(s)) has nowhere to run: {}", pods.len(), reasons.join("; ")),
            "point its node selector and affinity at labels the converted NodePools carry, migrate its volumes first, or keep its node group",
        ));
    }
}
