//! What runs today → Auto Mode NodeClasses and NodePools, as plan
//! `node_classes` / `node_pools`, so the normal resolve/emit path writes
//! their manifests.
//!
//! * Karpenter: each `EC2NodeClass` becomes a `NodeClass` and each
//!   `NodePool` a new pool pointing at it, field by field (domain notes
//!   §2.3). Every field with no Auto Mode equivalent gets an `MR024` finding
//!   saying what behaviour changes.
//! * Managed node groups: each becomes a NodePool with the same labels,
//!   taints, capacity type, architecture and instance families (sizes Auto
//!   Mode never launches are replaced by `medium`), and a NodeClass when the
//!   group's subnets or disk differ from the cluster's defaults.
//!
//! Converted pools always get new names (`<name>-auto`, or `ng-<group>`):
//! both Karpenter and Auto Mode read `karpenter.sh` NodePools, so reusing a
//! name would overwrite the running pool instead of adding one beside it.

use std::collections::{BTreeMap, BTreeSet};

use super::ObjectRef;
use crate::catalog::{MAX_NODE_LIFETIME_SECS, instances, policies};
use crate::diag::{Code, Diagnostic, Severity};
use crate::import::Snapshot;
use crate::import::aws::NodeGroup;
use crate::kube::karpenter::{Ec2NodeClass, KarpenterNodePool, KarpenterRequirement};
use crate::plan::{
    self, Arch, Budget, CapacityType, ConsolidationPolicy, Disruption, DisruptionReason,
    EphemeralStorage, InterfaceType, NetworkInterface, NodeClass, NodeClassRole, NodeClassRoleMode,
    NodePool, Operator, Requirement, Requirements, Taint, TaintEffect,
};
use crate::validate::syntax;

/// Where a converted pool comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A managed node group.
    NodeGroup(String),
    /// A self-managed Karpenter NodePool.
    Karpenter(String),
}

/// The converted pools and classes, and the findings about them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conversion {
    /// NodeClasses.
    pub node_classes: Vec<NodeClass>,
    /// NodePools, with where each comes from.
    pub node_pools: Vec<(NodePool, Origin)>,
    /// `MR` findings.
    pub findings: Vec<Diagnostic>,
}

/// A Kubernetes object name (DNS-1123 label) made from `s`.
pub fn dns_name(s: &str) -> String {
    let mut out: String = s
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    out.truncate(63);
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() {
        "pool".to_owned()
    } else {
        out
    }
}

/// Whether a label key belongs to a domain Auto Mode NodePools may not set.
pub fn restricted_label(key: &str) -> bool {
    if key == "kubernetes.io/hostname" || key == "karpenter.sh/nodepool" {
        return true;
    }
    if policies::WELL_KNOWN_REQUIREMENT_KEYS.contains(&key) {
        return false;
    }
    let Some(domain) = syntax::label_domain(key) else {
        return false;
    };
    let allowed = ["node.kubernetes.io", "node-restriction.kubernetes.io"]
        .iter()
        .any(|d| syntax::in_domain(domain, d));
    !allowed
        && [
            "kubernetes.io",
            "k8s.io",
            "karpenter.sh",
            "karpenter.k8s.aws",
            "eks.amazonaws.com",
        ]
        .iter()
        .any(|d| syntax::in_domain(domain, d))
}

/// Karpenter instance label suffixes Auto Mode publishes under
/// `eks.amazonaws.com/instance-*`.
const MAPPED_INSTANCE_LABELS: &[&str] = &[
    "category",
    "family",
    "generation",
    "size",
    "cpu",
    "cpu-manufacturer",
    "cpu-sustained-clock-speed-mhz",
    "memory",
    "hypervisor",
    "encryption-in-transit-supported",
    "ebs-bandwidth",
    "network-bandwidth",
    "local-nvme",
    "gpu-name",
    "gpu-manufacturer",
    "gpu-count",
    "gpu-memory",
    "accelerator-name",
    "accelerator-manufacturer",
    "accelerator-count",
];

/// The Auto Mode key for a Karpenter requirement key: `Ok(key)` (renamed
/// or kept), or `Err(())` when Auto Mode has no such label.
fn map_key(key: &str) -> Result<(String, bool), ()> {
    if let Some(rest) = key.strip_prefix("karpenter.k8s.aws/instance-") {
        return if MAPPED_INSTANCE_LABELS.contains(&rest) {
            Ok((format!("eks.amazonaws.com/instance-{rest}"), true))
        } else {
            Err(())
        };
    }
    if key.starts_with("karpenter.k8s.aws/") || restricted_label(key) {
        return Err(());
    }
    Ok((key.to_owned(), false))
}

fn taint_effect(s: &str) -> TaintEffect {
    match s {
        "NoExecute" | "NO_EXECUTE" => TaintEffect::NoExecute,
        "PreferNoSchedule" | "PREFER_NO_SCHEDULE" => TaintEffect::PreferNoSchedule,
        _ => TaintEffect::NoSchedule,
    }
}

fn operator(op: &str, values: &mut [String]) -> Option<Operator> {
    let bump = |values: &mut [String], by: i64| {
        if let Some(v) = values
            .first_mut()
            .and_then(|v| v.parse::<i64>().ok().map(|n| (v, n)))
        {
            *v.0 = (v.1 + by).to_string();
        }
    };
    Some(match op {
        "In" => Operator::In,
        "NotIn" => Operator::NotIn,
        "Exists" => Operator::Exists,
        "DoesNotExist" => Operator::DoesNotExist,
        "Gt" => Operator::Gt,
        "Lt" => Operator::Lt,
        "Gte" => {
            bump(values, -1);
            Operator::Gt
        }
        "Lte" => {
            bump(values, 1);
            Operator::Lt
        }
        _ => return None,
    })
}

/// Convert what the snapshot shows.
pub fn convert(s: &Snapshot) -> Conversion {
    let mut c = Conversion::default();
    let mut class_names: BTreeMap<String, String> = BTreeMap::new();
    for ec2 in &s.kube.ec2_node_classes {
        if ec2.api_version != "karpenter.k8s.aws/v1" {
            continue;
        }
        let nc = node_class(ec2, &mut c.findings);
        class_names.insert(ec2.name.clone(), nc.name.clone());
        c.node_classes.push(nc);
    }
    let mut used: BTreeSet<String> = s.kube.node_pools.iter().map(|p| p.name.clone()).collect();
    used.extend(["general-purpose".to_owned(), "system".to_owned()]);
    for p in &s.kube.node_pools {
        if p.api_version != "karpenter.sh/v1" || p.is_auto_mode() {
            continue;
        }
        let name = unique(&mut used, &format!("{}-auto", dns_name(&p.name)));
        let pool = karpenter_pool(p, &name, &class_names, &mut c.findings);
        c.node_pools.push((pool, Origin::Karpenter(p.name.clone())));
    }
    let cluster_subnets: BTreeSet<&str> = s
        .eks()
        .map(|e| {
            e.resources_vpc_config
                .subnet_ids
                .iter()
                .map(String::as_str)
                .collect()
        })
        .unwrap_or_default();
    for g in &s.node_groups {
        let ng = &g.value;
        if ng.ami_type.starts_with("WINDOWS") {
            continue;
        }
        // A group tainted only `CriticalAddonsOnly` is what Auto Mode's
        // built-in `system` pool is (same taint, amd64 and arm64).
        let system_only = ng.taints.len() == 1
            && ng.taints[0].key == "CriticalAddonsOnly"
            && ng.taints[0].effect == "NO_SCHEDULE";
        if system_only {
            c.findings.push(Diagnostic::new(
                Code::MigrateNodeGroupPool,
                ObjectRef::NodeGroup(ng.nodegroup_name.clone()).to_string(),
                format!(
                    "node group {:?} is tainted CriticalAddonsOnly, like Auto Mode's built-in system pool: its add-on pods move there, so no NodePool is created for it",
                    ng.nodegroup_name
                ),
                "check that its pods tolerate CriticalAddonsOnly and select no node-group label",
            ));
            continue;
        }
        let name = unique(&mut used, &format!("ng-{}", dns_name(&ng.nodegroup_name)));
        let (pool, class) = node_group_pool(s, ng, &name, &cluster_subnets, &mut c.findings);
        if let Some(class) = class {
            c.node_classes.push(class);
        }
        c.node_pools
            .push((pool, Origin::NodeGroup(ng.nodegroup_name.clone())));
    }
    c
}

fn unique(used: &mut BTreeSet<String>, base: &str) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while used.contains(&name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    used.insert(name.clone());
    name
}

fn unmapped(
    findings: &mut Vec<Diagnostic>,
    object: &ObjectRef,
    field: &str,
    change: impl Into<String>,
) {
    findings.push(Diagnostic::new(
        Code::MigrateUnmappedField,
        object.to_string(),
        format!(
            "{object}: `{field}` has no Auto Mode equivalent and is dropped: {}",
            change.into()
        ),
        "check that the workloads do not depend on it before moving them",
    ));
}

fn node_class(ec2: &Ec2NodeClass, findings: &mut Vec<Diagnostic>) -> NodeClass {
    let obj = ObjectRef::Ec2NodeClass(ec2.name.clone());
    let spec = &ec2.spec;
    let name = if ec2.name == "default" {
        "default-auto".to_owned()
    } else {
        dns_name(&ec2.name)
    };
    let mut nc = NodeClass {
        name,
        role: NodeClassRole {
            mode: NodeClassRoleMode::ClusterNodeRole,
            role: None,
            instance_profile: None,
        },
        ..NodeClass::default()
    };
    if let Some(role) = spec.role.as_ref().or(spec.instance_profile.as_ref()) {
        unmapped(
            findings,
            &obj,
            if spec.role.is_some() {
                "role"
            } else {
                "instanceProfile"
            },
            format!(
                "nodes use the Auto Mode node role instead of {role:?} (an IAM role has one access entry, and Karpenter's is EC2_LINUX while Auto Mode needs EC2); give the Auto Mode node role any extra policy {role:?} has"
            ),
        );
    }
    nc.subnet_selector_terms = spec
        .subnet_selector_terms
        .iter()
        .map(|t| plan::SelectorTerm {
            id: t.id.clone(),
            tags: t.tags.clone(),
        })
        .collect();
    nc.security_group_selector_terms = spec
        .security_group_selector_terms
        .iter()
        .map(|t| plan::SecurityGroupTerm {
            id: t.id.clone(),
            name: t.name.clone(),
            tags: t.tags.clone(),
        })
        .collect();
    for t in &spec.capacity_reservation_selector_terms {
        if let Some(m) = &t.instance_match_criteria {
            unmapped(
                findings,
                &obj,
                "capacityReservationSelectorTerms[].instanceMatchCriteria",
                format!("Auto Mode matches reservations its own way (was {m:?})"),
            );
        }
        nc.capacity_reservation_selector_terms
            .push(plan::CapacityReservationTerm {
                id: t.id.clone(),
                owner: t.owner_id.clone(),
                tags: t.tags.clone(),
            });
    }
    nc.placement_group =
        spec.placement_group_selector
            .as_ref()
            .map(|p| plan::PlacementGroupSelector {
                id: p.id.clone(),
                name: p.name.clone(),
            });
    nc.advanced_networking.associate_public_ip_address = spec.associate_public_ip_address;
    nc.advanced_networking.network_interfaces = spec
        .network_interfaces
        .iter()
        .map(|n| NetworkInterface {
            network_card_index: n.network_card_index,
            device_index: n.device_index,
            interface_type: if n.interface_type == "efa-only" {
                InterfaceType::EfaOnly
            } else {
                InterfaceType::Interface
            },
            ..NetworkInterface::default()
        })
        .collect();
    if let Some(v) = &spec.ip_prefix_count {
        unmapped(
            findings,
            &obj,
            "ipPrefixCount",
            format!(
                "Auto Mode sizes prefixes itself (was {v}); set advancedNetworking.ipv4PrefixSize: \"32\" for sparse pods"
            ),
        );
    }
    nc.tags = spec.tags.clone();
    // Block devices: Auto Mode has one data volume (ephemeralStorage).
    let data = spec
        .block_device_mappings
        .iter()
        .filter(|b| b.ebs.is_some())
        .max_by_key(|b| {
            (
                !b.root_volume,
                b.ebs
                    .as_ref()
                    .and_then(|e| e.volume_size.as_ref())
                    .and_then(|s| syntax::quantity(&s.0))
                    .map(|v| v as u64)
                    .unwrap_or(0),
            )
        });
    if let Some(ebs) = data.and_then(|b| b.ebs.as_ref()) {
        let mut storage = EphemeralStorage::default();
        if let Some(size) = &ebs.volume_size {
            storage.size = size.0.clone();
        }
        if let Some(iops) = ebs.iops {
            storage.iops = iops.clamp(3000, 16000);
            if storage.iops != iops {
                unmapped(
                    findings,
                    &obj,
                    "blockDeviceMappings[].ebs.iops",
                    format!(
                        "Auto Mode allows 3000–16000 IOPS; {iops} becomes {}",
                        storage.iops
                    ),
                );
            }
        }
        if let Some(t) = ebs.throughput {
            storage.throughput = t.clamp(125, 1000);
            if storage.throughput != t {
                unmapped(
                    findings,
                    &obj,
                    "blockDeviceMappings[].ebs.throughput",
                    format!(
                        "Auto Mode allows 125–1000 MiB/s; {t} becomes {}",
                        storage.throughput
                    ),
                );
            }
        }
        storage.kms_key_id = ebs.kms_key_id.clone();
        if let Some(t) = ebs.volume_type.as_ref().filter(|t| *t != "gp3") {
            unmapped(
                findings,
                &obj,
                "blockDeviceMappings[].ebs.volumeType",
                format!("Auto Mode's data volume is always gp3 (was {t})"),
            );
        }
        if ebs.snapshot_id.is_some() {
            unmapped(
                findings,
                &obj,
                "blockDeviceMappings[].ebs.snapshotID",
                "volumes start empty instead of from the snapshot",
            );
        }
        if ebs.encrypted == Some(false) {
            unmapped(
                findings,
                &obj,
                "blockDeviceMappings[].ebs.encrypted",
                "Auto Mode always encrypts node volumes",
            );
        }
        if ebs.delete_on_termination == Some(false) {
            unmapped(
                findings,
                &obj,
                "blockDeviceMappings[].ebs.deleteOnTermination",
                "Auto Mode deletes node volumes with the node",
            );
        }
        if ebs.volume_initialization_rate.is_some() {
            unmapped(
                findings,
                &obj,
                "blockDeviceMappings[].ebs.volumeInitializationRate",
                "no initialization rate can be set",
            );
        }
        nc.ephemeral_storage = storage;
    }
    if spec.block_device_mappings.len() > 1 {
        unmapped(
            findings,
            &obj,
            "blockDeviceMappings",
            format!(
                "Auto Mode nodes get one data volume; of {} mappings only the largest non-root one is kept",
                spec.block_device_mappings.len()
            ),
        );
    }
    if let Some(p) = &spec.instance_store_policy {
        findings.push(
            Diagnostic::new(
                Code::MigrateUnmappedField,
                obj.to_string(),
                format!("{obj}: `instanceStorePolicy: {p}` is dropped: Auto Mode uses local NVMe (RAID0) by itself when the ephemeral storage is smaller"),
                "nothing to do",
            )
            .with_severity(Severity::Info),
        );
    }
    if let Some(k) = &spec.kubelet {
        unmapped(
            findings,
            &obj,
            "kubelet",
            format!(
                "Auto Mode fixes kubelet settings (max pods 110, its own reservations and eviction thresholds); {k} is lost"
            ),
        );
    }
    let custom_ami = spec
        .ami_selector_terms
        .iter()
        .any(|t| !matches!(t, crate::kube::karpenter::Loose::Map(m) if m.len() == 1 && m.contains_key("alias")));
    match (&spec.ami_family, custom_ami) {
        (Some(f), _) if f.starts_with("Windows") => findings.push(Diagnostic::new(
            Code::MigrateWindows,
            obj.to_string(),
            format!("{obj} launches Windows ({f}); Auto Mode runs Linux only"),
            "keep a Windows managed node group for these workloads",
        )),
        (_, true) => findings.push(Diagnostic::new(
            Code::MigrateCustomAmi,
            obj.to_string(),
            format!("{obj} selects its own AMIs; Auto Mode always runs its AWS-managed Bottlerocket-based image, so what is baked into the AMI is lost"),
            "move baked-in agents to DaemonSets and test the workloads on Auto Mode nodes",
        )),
        _ if !spec.ami_selector_terms.is_empty() || spec.ami_family.is_some() => unmapped(
            findings,
            &obj,
            "amiSelectorTerms",
            "nodes run Auto Mode's Bottlerocket-based image instead of the selected family (no shell on the node, a read-only root filesystem)",
        ),
        _ => {}
    }
    if let Some(ud) = &spec.user_data {
        let lower = ud.to_ascii_lowercase();
        let hint = if lower.contains("https_proxy") || lower.contains("http_proxy") {
            " It sets a proxy: use advancedNetworking.httpsProxy and noProxy."
        } else if lower.contains("certificate")
            || lower.contains(".crt")
            || lower.contains("ca-bundle")
        {
            " It installs certificates: use certificateBundles."
        } else {
            ""
        };
        findings.push(Diagnostic::new(
            Code::MigrateUserData,
            obj.to_string(),
            format!(
                "{obj} passes userData ({} lines); Auto Mode nodes take no user data.{hint}",
                ud.lines().count()
            ),
            "move each part: proxy and CA settings into the NodeClass, agents into DaemonSets",
        ));
    }
    if let Some(m) = &spec.metadata_options {
        unmapped(
            findings,
            &obj,
            "metadataOptions",
            format!(
                "Auto Mode fixes IMDSv2 with a hop limit of 1 (was {m}); pods that read instance metadata directly stop getting it"
            ),
        );
    }
    if let Some(d) = spec.detailed_monitoring {
        unmapped(
            findings,
            &obj,
            "detailedMonitoring",
            format!("detailed EC2 monitoring cannot be set (was {d})"),
        );
    }
    if let Some(ctx) = &spec.context {
        unmapped(
            findings,
            &obj,
            "context",
            format!("no launch context can be passed (was {ctx:?})"),
        );
    }
    if let Some(v) = &spec.cpu_options {
        unmapped(
            findings,
            &obj,
            "cpuOptions",
            format!("CPU options cannot be set (was {v})"),
        );
    }
    if let Some(v) = &spec.connection_tracking {
        unmapped(
            findings,
            &obj,
            "connectionTracking",
            format!("conntrack timeouts cannot be tuned (was {v})"),
        );
    }
    nc
}

fn karpenter_pool(
    p: &KarpenterNodePool,
    name: &str,
    classes: &BTreeMap<String, String>,
    findings: &mut Vec<Diagnostic>,
) -> NodePool {
    let obj = ObjectRef::NodePool(p.name.clone());
    let t = &p.spec.template;
    let node_class = match &t.spec.node_class_ref {
        Some(r) => match classes.get(&r.name) {
            Some(n) => n.clone(),
            None => {
                findings.push(
                    Diagnostic::new(
                        Code::MigrateUnmappedField,
                        obj.to_string(),
                        format!("{obj} uses EC2NodeClass {:?}, which was not imported; the converted pool uses Auto Mode's default NodeClass", r.name),
                        "collect the EC2NodeClasses too (collect.sh does) and import again",
                    ),
                );
                "default".to_owned()
            }
        },
        None => "default".to_owned(),
    };
    let mut pool = NodePool {
        name: name.to_owned(),
        node_class,
        ..NodePool::default()
    };
    let (reqs, renamed) = requirements(&obj, &t.spec.requirements, findings);
    pool.requirements = reqs;
    if !renamed.is_empty() {
        findings.push(Diagnostic::new(
            Code::MigrateLabelKey,
            obj.to_string(),
            format!(
                "{obj}: requirement keys renamed to Auto Mode's: {}",
                renamed.iter().map(|(a, b)| format!("{a} → {b}")).collect::<Vec<_>>().join(", ")
            ),
            "change pod nodeSelectors and affinities that use the karpenter.k8s.aws keys the same way",
        ));
    }
    for (k, v) in &t.metadata.labels {
        if restricted_label(k) {
            findings.push(Diagnostic::new(
                Code::MigrateUnmappedRequirement,
                obj.to_string(),
                format!(
                    "{obj}: node label {k}={v} is in a domain Auto Mode reserves and is dropped"
                ),
                "select pods by a label in your own domain instead",
            ));
        } else {
            pool.labels.insert(k.clone(), v.clone());
        }
    }
    if !t.metadata.annotations.is_empty() {
        unmapped(
            findings,
            &obj,
            "template.metadata.annotations",
            "the planner's NodePools set no node annotations",
        );
    }
    let taint = |x: &crate::kube::Taint| Taint {
        key: x.key.clone(),
        value: Some(x.value.clone()).filter(|v| !v.is_empty()),
        effect: taint_effect(&x.effect),
    };
    pool.taints = t.spec.taints.iter().map(taint).collect();
    pool.startup_taints = t.spec.startup_taints.iter().map(taint).collect();
    // Lifetime: the 21-day rule.
    let tgp = t.spec.termination_grace_period.clone();
    let tgp_secs = tgp
        .as_deref()
        .and_then(syntax::duration_secs)
        .unwrap_or(24 * 3600);
    if tgp.is_none() {
        findings.push(Diagnostic::new(
            Code::MigrateExpireAfter,
            obj.to_string(),
            format!(
                "{obj}: terminationGracePeriod is unset, so Karpenter waits for pods forever when draining; the converted pool forces termination after 24h"
            ),
            "set terminationGracePeriod in plan.yaml if pods need longer to stop",
        ));
    }
    pool.termination_grace_period = tgp.unwrap_or_else(|| "24h".to_owned());
    let original = t
        .spec
        .expire_after
        .clone()
        .unwrap_or_else(|| "720h".to_owned());
    let max = MAX_NODE_LIFETIME_SECS.saturating_sub(tgp_secs).max(3600);
    let secs = syntax::duration_secs(&original);
    let expire = match secs {
        Some(s) if s <= max => original.clone(),
        _ => syntax::format_secs(max),
    };
    if expire != original {
        findings.push(Diagnostic::new(
            Code::MigrateExpireAfter,
            obj.to_string(),
            format!(
                "{obj}: expireAfter {original}{} becomes {expire}, so that expireAfter + terminationGracePeriod ({}) stays within 21 days",
                if t.spec.expire_after.is_none() { " (Karpenter's default)" } else { "" },
                pool.termination_grace_period
            ),
            "accept it, or shorten terminationGracePeriod to keep more of the lifetime",
        ));
    }
    pool.expire_after = expire;
    let d = &p.spec.disruption;
    pool.disruption = Disruption {
        consolidation_policy: match d.consolidation_policy.as_deref() {
            Some("WhenEmpty") => ConsolidationPolicy::WhenEmpty,
            Some("Balanced") => ConsolidationPolicy::Balanced,
            _ => ConsolidationPolicy::WhenEmptyOrUnderutilized,
        },
        consolidate_after: d
            .consolidate_after
            .clone()
            .unwrap_or_else(|| "0s".to_owned()),
        budgets: d
            .budgets
            .iter()
            .map(|b| Budget {
                nodes: b.nodes.0.clone(),
                schedule: b.schedule.clone(),
                duration: b.duration.clone(),
                reasons: b
                    .reasons
                    .iter()
                    .filter_map(|r| match r.as_str() {
                        "Underutilized" => Some(DisruptionReason::Underutilized),
                        "Empty" => Some(DisruptionReason::Empty),
                        "Drifted" => Some(DisruptionReason::Drifted),
                        _ => None,
                    })
                    .collect(),
            })
            .collect(),
    };
    pool.limits = p
        .spec
        .limits
        .iter()
        .map(|(k, v)| (k.clone(), v.0.clone()))
        .collect();
    pool.weight = p.spec.weight;
    pool.replicas = p.spec.replicas;
    pool
}

fn requirements(
    obj: &ObjectRef,
    reqs: &[KarpenterRequirement],
    findings: &mut Vec<Diagnostic>,
) -> (Requirements, Vec<(String, String)>) {
    let mut out = Requirements::default();
    let mut renamed = Vec::new();
    let mut seen = BTreeSet::new();
    for r in reqs {
        let (key, was_renamed) = match map_key(&r.key) {
            Ok(k) => k,
            Err(()) => {
                findings.push(Diagnostic::new(
                    Code::MigrateUnmappedRequirement,
                    obj.to_string(),
                    format!("{obj}: requirement {} {} {:?} has no Auto Mode label and is dropped; the pool may launch types the original would not", r.key, r.operator, r.values),
                    "express it with eks.amazonaws.com/instance-* keys in the converted pool",
                ));
                continue;
            }
        };
        if was_renamed {
            renamed.push((r.key.clone(), key.clone()));
        }
        let mut values = r.values.clone();
        let Some(op) = operator(&r.operator, &mut values) else {
            findings.push(Diagnostic::new(
                Code::MigrateUnmappedRequirement,
                obj.to_string(),
                format!("{obj}: requirement {} uses operator {:?}, which the planner cannot express; it is dropped", r.key, r.operator),
                "rewrite it with In, NotIn, Exists, DoesNotExist, Gt or Lt",
            ));
            continue;
        };
        let first = seen.insert(key.clone()) && r.min_values.is_none();
        let num = || values.first().and_then(|v| v.parse::<u64>().ok());
        let done = first
            && match (key.as_str(), op) {
                ("eks.amazonaws.com/instance-category", Operator::In) => {
                    out.instance_categories = values.clone();
                    true
                }
                ("eks.amazonaws.com/instance-family", Operator::In) => {
                    out.instance_families = values.clone();
                    true
                }
                ("eks.amazonaws.com/instance-family", Operator::NotIn) => {
                    out.exclude_instance_families = values.clone();
                    true
                }
                ("eks.amazonaws.com/instance-size", Operator::In) => {
                    out.instance_sizes = values.clone();
                    true
                }
                ("eks.amazonaws.com/instance-size", Operator::NotIn) => {
                    out.exclude_instance_sizes = values.clone();
                    true
                }
                ("eks.amazonaws.com/instance-generation", Operator::Gt) => match num() {
                    Some(n) => {
                        out.min_generation = u32::try_from(n + 1).ok();
                        true
                    }
                    None => false,
                },
                ("kubernetes.io/arch", Operator::In) => {
                    let archs: Vec<Arch> = values
                        .iter()
                        .filter_map(|v| match v.as_str() {
                            "amd64" => Some(Arch::Amd64),
                            "arm64" => Some(Arch::Arm64),
                            _ => None,
                        })
                        .collect();
                    let ok = archs.len() == values.len();
                    if ok {
                        out.architectures = archs;
                    }
                    ok
                }
                ("karpenter.sh/capacity-type", Operator::In) => {
                    let caps: Vec<CapacityType> = values
                        .iter()
                        .filter_map(|v| match v.as_str() {
                            "on-demand" => Some(CapacityType::OnDemand),
                            "spot" => Some(CapacityType::Spot),
                            "reserved" => Some(CapacityType::Reserved),
                            _ => None,
                        })
                        .collect();
                    let ok = caps.len() == values.len();
                    if ok {
                        out.capacity_types = caps;
                    }
                    ok
                }
                ("topology.kubernetes.io/zone", Operator::In) => {
                    out.zones = values.clone();
                    true
                }
                _ => false,
            };
        if !done {
            out.extra.push(Requirement {
                key,
                operator: op,
                values,
                min_values: r.min_values,
            });
        }
    }
    (out, renamed)
}

fn node_group_pool(
    s: &Snapshot,
    ng: &NodeGroup,
    name: &str,
    cluster_subnets: &BTreeSet<&str>,
    findings: &mut Vec<Diagnostic>,
) -> (NodePool, Option<NodeClass>) {
    let obj = ObjectRef::NodeGroup(ng.nodegroup_name.clone());
    let lt = s.launch_template(ng);
    let mut types: Vec<String> = ng.instance_types.clone();
    if types.is_empty()
        && let Some(t) = lt.and_then(|l| l.launch_template_data.instance_type.clone())
    {
        types.push(t);
    }
    let mut req = Requirements::default();
    let mut families = BTreeSet::new();
    let mut sizes = BTreeSet::new();
    let mut archs = BTreeSet::new();
    let mut fallback = false;
    let mut max_vcpu = 0;
    for t in &types {
        let Some(it) = instances::find(t) else {
            fallback = true;
            continue;
        };
        archs.insert(match it.arch {
            instances::CpuArch::Amd64 => Arch::Amd64,
            instances::CpuArch::Arm64 => Arch::Arm64,
        });
        if instances::auto_mode_eligible(it) {
            families.insert(it.family.clone());
            sizes.insert(it.size.clone());
            max_vcpu = max_vcpu.max(it.vcpu);
        } else {
            // The same family one size up, if Auto Mode launches it.
            match instances::find(&format!("{}.medium", it.family))
                .filter(|m| instances::auto_mode_eligible(m))
                .or_else(|| {
                    instances::find(&format!("{}.large", it.family))
                        .filter(|m| instances::auto_mode_eligible(m))
                }) {
                Some(up) => {
                    families.insert(up.family.clone());
                    sizes.insert(up.size.clone());
                    max_vcpu = max_vcpu.max(up.vcpu);
                }
                None => fallback = true,
            }
        }
    }
    if ng.ami_type.contains("ARM_64") {
        archs = BTreeSet::from([Arch::Arm64]);
    } else if ng.ami_type.contains("x86_64") {
        archs = BTreeSet::from([Arch::Amd64]);
    }
    if fallback || families.is_empty() {
        // General-purpose shapes, as the built-in pool uses.
        req.instance_categories = vec!["c".into(), "m".into(), "r".into()];
        req.min_generation = Some(5);
    } else {
        req.instance_families = families.into_iter().collect();
        req.instance_sizes = sizes.into_iter().collect();
    }
    req.architectures = archs.into_iter().collect();
    req.capacity_types = vec![match ng.capacity_type.as_str() {
        "SPOT" => CapacityType::Spot,
        "CAPACITY_BLOCK" => CapacityType::Reserved,
        _ => CapacityType::OnDemand,
    }];
    let mut pool = NodePool {
        name: name.to_owned(),
        node_class: "default".to_owned(),
        requirements: req,
        ..NodePool::default()
    };
    let mut dropped = Vec::new();
    for (k, v) in &ng.labels {
        if restricted_label(k) {
            dropped.push(format!("{k}={v}"));
        } else {
            pool.labels.insert(k.clone(), v.clone());
        }
    }
    pool.taints = ng
        .taints
        .iter()
        .map(|t| Taint {
            key: t.key.clone(),
            value: t.value.clone().filter(|v| !v.is_empty()),
            effect: taint_effect(&t.effect),
        })
        .collect();
    if max_vcpu > 0 && ng.scaling_config.max_size > 0 && !fallback {
        pool.limits.insert(
            "cpu".to_owned(),
            (u64::from(max_vcpu) * u64::from(ng.scaling_config.max_size)).to_string(),
        );
    }
    // A NodeClass when the group's subnets or disk differ from Auto Mode's defaults.
    let subnets: BTreeSet<&str> = ng.subnets.iter().map(String::as_str).collect();
    let disk = ng.disk_size.or_else(|| {
        lt.and_then(|l| {
            l.launch_template_data
                .block_device_mappings
                .iter()
                .filter_map(|b| b.ebs.as_ref().and_then(|e| e.volume_size))
                .max()
        })
    });
    let kms = lt.and_then(|l| {
        l.launch_template_data
            .block_device_mappings
            .iter()
            .find_map(|b| b.ebs.as_ref().and_then(|e| e.kms_key_id.clone()))
    });
    let other_subnets = !subnets.is_empty() && &subnets != cluster_subnets;
    let bigger_disk = disk.is_some_and(|d| d > 80);
    let class = (other_subnets || bigger_disk || kms.is_some()).then(|| {
        let mut nc = NodeClass {
            name: name.to_owned(),
            ..NodeClass::default()
        };
        if other_subnets {
            nc.subnet_selector_terms = subnets
                .iter()
                .map(|id| plan::SelectorTerm {
                    id: Some((*id).to_owned()),
                    tags: BTreeMap::new(),
                })
                .collect();
        }
        if let Some(d) = disk.filter(|d| *d > 80) {
            nc.ephemeral_storage.size = format!("{d}Gi");
        }
        nc.ephemeral_storage.kms_key_id = kms.clone();
        pool.node_class = nc.name.clone();
        nc
    });
    let mut message = format!(
        "{obj} becomes NodePool {name:?}: {} {}, {}{}{}",
        ng.capacity_type.to_ascii_lowercase().replace('_', "-"),
        if pool.requirements.instance_families.is_empty() {
            "general-purpose c/m/r types (generation 5+)".to_owned()
        } else {
            format!(
                "families {} in sizes {}",
                pool.requirements.instance_families.join("/"),
                pool.requirements.instance_sizes.join("/")
            )
        },
        format_args!(
            "{} label(s), {} taint(s)",
            pool.labels.len(),
            pool.taints.len()
        ),
        if class.is_some() {
            format!(", NodeClass {name:?} (its subnets or disk)")
        } else {
            String::new()
        },
        if dropped.is_empty() {
            String::new()
        } else {
            format!("; reserved labels not carried over: {}", dropped.join(", "))
        }
    );
    if types.is_empty() {
        message.push_str("; its instance types are not known (launch template not imported)");
    }
    findings.push(Diagnostic::new(
        Code::MigrateNodeGroupPool,
        obj.to_string(),
        message,
        "review the NodePool in plan.yaml; widen its requirements for better prices and availability",
    ));
    (pool, class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_labels() {
        assert_eq!(dns_name("Apps_Large.1"), "apps-large-1");
        assert_eq!(dns_name("--"), "pool");
        assert!(restricted_label("eks.amazonaws.com/nodegroup"));
        assert!(restricted_label("karpenter.k8s.aws/instance-family"));
        assert!(!restricted_label("node.kubernetes.io/instance-type"));
        assert!(!restricted_label("team"));
        assert!(!restricted_label("example.com/team"));
        assert_eq!(
            map_key("karpenter.k8s.aws/instance-family"),
            Ok(("eks.amazonaws.com/instance-family".into(), true))
        );
        assert_eq!(
            map_key("karpenter.k8s.aws/instance-capability-flex"),
            Err(())
        );
        assert_eq!(
            map_key("karpenter.sh/capacity-type"),
            Ok(("karpenter.sh/capacity-type".into(), false))
        );
        let mut v = vec!["4".to_owned()];
        assert_eq!(operator("Gte", &mut v), Some(Operator::Gt));
        assert_eq!(v, ["3"]);
    }
}
