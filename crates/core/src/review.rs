//! The review before applying: every choice the plan makes, whether it can
//! change once the cluster exists, and the commands that apply the bundle.
//!
//! What can change later comes from the Terraform AWS provider's schema
//! (ForceNew arguments replace the cluster) and the EKS API, as summarised
//! in the planner's reference notes (`aws_eks_cluster` arguments table):
//! `name`, `role_arn`, `kubernetes_network_config.ip_family` and
//! `service_ipv4_cidr` force a new cluster; a version only moves up one
//! minor at a time; encryption can be added but not removed; the
//! authentication mode only ratchets from `CONFIG_MAP` towards `API`; a
//! NodeClass's `role` is immutable; a static NodePool's `replicas` cannot be
//! added or removed; StorageClass parameters are immutable in Kubernetes.

use serde::Serialize;

use crate::Bundle;
use crate::plan::{EndpointAccess, KeyMode, NetworkMode, Plan, RoleMode};

/// Whether a choice can change after the cluster is created.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Later {
    /// In place, at any time.
    Yes,
    /// Only by creating the cluster (or the object) again.
    No,
    /// Only upwards (a Kubernetes version: one minor at a time).
    UpgradeOnly,
    /// Can be turned on later, never off again.
    AddOnly,
    /// In one direction only.
    OneWay,
    /// By deleting and re-creating a Kubernetes object; what exists keeps
    /// its settings.
    Recreate,
}

impl Later {
    /// Short text for a table cell.
    pub fn label(self) -> &'static str {
        match self {
            Later::Yes => "Yes",
            Later::No => "No",
            Later::UpgradeOnly => "Upgrade only",
            Later::AddOnly => "Add only",
            Later::OneWay => "One way",
            Later::Recreate => "Re-create",
        }
    }
}

/// One row of the review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// The plan section, for grouping ("Cluster", "Network", ...).
    pub section: &'static str,
    /// What is chosen.
    pub label: String,
    /// The choice, in words.
    pub value: String,
    /// The plan field it comes from (to jump to its control).
    pub path: String,
    /// Whether it can change after creation.
    pub later: Later,
    /// Why, or how.
    pub note: &'static str,
}

fn spell<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn yes_no(b: bool) -> String {
    if b { "Yes" } else { "No" }.to_owned()
}

fn list_or(items: &[String], empty: &str) -> String {
    if items.is_empty() {
        empty.to_owned()
    } else {
        items.join(", ")
    }
}

/// Every choice of the plan, in the order of the planner's steps.
pub fn choices(plan: &Plan) -> Vec<Choice> {
    let mut out = Vec::new();
    let mut add = |section, label: &str, value: String, path: &str, later, note| {
        out.push(Choice {
            section,
            label: label.to_owned(),
            value,
            path: path.to_owned(),
            later,
            note,
        });
    };
    let c = &plan.cluster;
    let cl = "Cluster";
    add(
        cl,
        "Cluster name",
        c.name.clone(),
        "cluster.name",
        Later::No,
        "A new name is a new cluster; IAM role names derive from it.",
    );
    add(
        cl,
        "Region",
        c.region.clone(),
        "cluster.region",
        Later::No,
        "A cluster lives in one region.",
    );
    add(
        cl,
        "Kubernetes version",
        c.kubernetes_version.clone(),
        "cluster.kubernetes_version",
        Later::UpgradeOnly,
        "One minor version at a time; EKS never downgrades.",
    );
    add(
        cl,
        "When standard support ends",
        spell(&c.support_type),
        "cluster.support_type",
        Later::Yes,
        "",
    );
    let endpoint = match c.endpoint.access {
        EndpointAccess::PublicAndPrivate => "Public and private",
        EndpointAccess::Private => "Private only",
        EndpointAccess::Public => "Public only",
    };
    add(
        cl,
        "API endpoint",
        endpoint.to_owned(),
        "cluster.endpoint.access",
        Later::Yes,
        "",
    );
    if c.endpoint.access.public() {
        add(
            cl,
            "Public endpoint reachable from",
            list_or(&c.endpoint.public_access_cidrs, "anywhere (0.0.0.0/0)"),
            "cluster.endpoint.public_access_cidrs",
            Later::Yes,
            "",
        );
    }
    let enc = match c.secrets_encryption.mode {
        KeyMode::Create => "A new KMS key with rotation".to_owned(),
        KeyMode::Existing => format!(
            "KMS key {}",
            c.secrets_encryption
                .key_arn
                .as_deref()
                .unwrap_or("(not set)")
        ),
        KeyMode::None => "None (AWS-owned key)".to_owned(),
    };
    add(
        cl,
        "Secrets encryption",
        enc,
        "cluster.secrets_encryption.mode",
        Later::AddOnly,
        "Can be turned on later; turning it off or changing the key needs a new cluster.",
    );
    let logs: Vec<String> = c
        .control_plane_logs
        .iter()
        .map(|l| l.as_str().to_owned())
        .collect();
    add(
        cl,
        "Control-plane logs",
        list_or(&logs, "None"),
        "cluster.control_plane_logs",
        Later::Yes,
        "",
    );
    add(
        cl,
        "Log retention",
        format!("{} days", c.log_retention_days),
        "cluster.log_retention_days",
        Later::Yes,
        "",
    );
    add(
        cl,
        "Deletion protection",
        yes_no(c.deletion_protection),
        "cluster.deletion_protection",
        Later::Yes,
        "",
    );
    let tags: Vec<String> = c.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
    add(
        cl,
        "Tags",
        list_or(&tags, "None"),
        "cluster.tags",
        Later::Yes,
        "",
    );
    add(
        cl,
        "IP family",
        spell(&c.ip_family),
        "cluster.ip_family",
        Later::No,
        "Fixed when the cluster is created.",
    );
    add(
        cl,
        "Service CIDR",
        c.service_cidr
            .clone()
            .unwrap_or_else(|| "Chosen by EKS".to_owned()),
        "cluster.service_cidr",
        Later::No,
        "Fixed when the cluster is created.",
    );

    let n = &plan.network;
    let nw = "Network";
    match n.mode {
        NetworkMode::Create => {
            add(
                nw,
                "VPC",
                format!("New, {}", n.vpc_cidr),
                "network.vpc_cidr",
                Later::No,
                "The cluster stays in its VPC; a VPC's primary CIDR is fixed.",
            );
            let zones = if n.availability_zones.is_empty() {
                format!("The first {} available", n.az_count)
            } else {
                n.availability_zones.join(", ")
            };
            add(
                nw,
                "Availability Zones",
                zones,
                "network.availability_zones",
                Later::Yes,
                "Subnets can be added; a subnet with nodes in it cannot be removed.",
            );
            add(
                nw,
                "NAT gateways",
                spell(&n.nat),
                "network.nat",
                Later::Yes,
                "",
            );
            add(
                nw,
                "Public subnets",
                yes_no(n.public_subnets),
                "network.public_subnets",
                Later::Yes,
                "",
            );
            add(
                nw,
                "VPC endpoints",
                yes_no(n.vpc_endpoints),
                "network.vpc_endpoints",
                Later::Yes,
                "",
            );
            add(
                nw,
                "VPC flow logs",
                yes_no(n.flow_logs),
                "network.flow_logs",
                Later::Yes,
                "",
            );
        }
        NetworkMode::Existing => {
            add(
                nw,
                "VPC",
                format!("Existing, {}", n.vpc_id.as_deref().unwrap_or("(not set)")),
                "network.vpc_id",
                Later::No,
                "The cluster stays in its VPC.",
            );
            add(
                nw,
                "Control-plane subnets",
                list_or(&n.control_plane_subnet_ids, "None"),
                "network.control_plane_subnet_ids",
                Later::Yes,
                "Updated in place, within the same VPC.",
            );
            add(
                nw,
                "Node subnets",
                list_or(&n.node_subnet_ids, "None"),
                "network.node_subnet_ids",
                Later::Yes,
                "",
            );
        }
    }

    let am = &plan.auto_mode;
    let cp = "Compute";
    let mut builtin = Vec::new();
    if am.general_purpose_pool {
        builtin.push("general-purpose".to_owned());
    }
    if am.system_pool {
        builtin.push("system".to_owned());
    }
    add(
        cp,
        "Built-in NodePools",
        list_or(&builtin, "None"),
        "auto_mode.general_purpose_pool",
        Later::Yes,
        "",
    );
    let role = match am.node_role.mode {
        RoleMode::Create => "Created by the bundle".to_owned(),
        RoleMode::Existing => am
            .node_role
            .arn
            .clone()
            .unwrap_or_else(|| "(not set)".to_owned()),
    };
    add(
        cp,
        "Node IAM role",
        role,
        "auto_mode.node_role.mode",
        Later::No,
        "Another node role ARN replaces the cluster.",
    );
    add(
        cp,
        "Authentication",
        am.authentication_mode.as_str().to_owned(),
        "auto_mode.authentication_mode",
        Later::OneWay,
        "Only from CONFIG_MAP towards API, never back.",
    );
    for (i, p) in plan.node_pools.iter().enumerate() {
        let path = format!("node_pools[{i}]");
        let mut value = format!("NodeClass {}", p.node_class);
        if let Some(r) = p.replicas {
            value.push_str(&format!(", {r} static nodes"));
        }
        let (later, note) = if p.replicas.is_some() {
            (
                Later::Recreate,
                "A static pool stays static: replicas cannot be added or removed.",
            )
        } else {
            (Later::Yes, "")
        };
        add(
            cp,
            &format!("NodePool {}", p.name),
            value,
            &path,
            later,
            note,
        );
    }
    for (i, nc) in plan.node_classes.iter().enumerate() {
        let path = format!("node_classes[{i}]");
        add(
            cp,
            &format!("NodeClass {}", nc.name),
            spell(&nc.role.mode),
            &path,
            Later::Recreate,
            "Its role is immutable; the rest changes in place.",
        );
    }

    let ac = "Access";
    add(
        ac,
        "Cluster creator is admin",
        yes_no(plan.access.cluster_creator_admin),
        "access.cluster_creator_admin",
        Later::Yes,
        "",
    );
    for (i, e) in plan.access.entries.iter().enumerate() {
        let policies: Vec<String> = e.policies.iter().map(|p| p.policy.clone()).collect();
        add(
            ac,
            &format!("Access entry {}", e.principal_arn),
            list_or(&policies, "No policies"),
            &format!("access.entries[{i}]"),
            Later::Yes,
            "Policies change in place; the principal of an entry does not.",
        );
    }
    for (i, a) in plan.pod_identity.iter().enumerate() {
        add(
            ac,
            &format!("Pod Identity {}/{}", a.namespace, a.service_account),
            spell(&a.role_mode),
            &format!("pod_identity[{i}]"),
            Later::Yes,
            "",
        );
    }

    let st = "Storage and load balancing";
    let s = &plan.storage;
    let storage = if s.enabled {
        format!(
            "{} ({}, {})",
            s.name,
            s.volume_type.as_str(),
            if s.encrypted {
                "encrypted"
            } else {
                "not encrypted"
            }
        )
    } else {
        "None".to_owned()
    };
    add(
        st,
        "StorageClass",
        storage,
        "storage.enabled",
        Later::Recreate,
        "StorageClass parameters are immutable; existing volumes keep theirs.",
    );
    let ic = &plan.load_balancing.ingress_class;
    let ingress = if ic.enabled {
        format!("{} ({})", ic.name, ic.scheme.as_str())
    } else {
        "None".to_owned()
    };
    add(
        st,
        "IngressClass",
        ingress,
        "load_balancing.ingress_class.enabled",
        Later::Yes,
        "Changing the scheme replaces the load balancers of that class.",
    );
    add(
        st,
        "Sample workload",
        yes_no(plan.sample_workload.enabled),
        "sample_workload.enabled",
        Later::Yes,
        "",
    );
    out
}

/// One step of applying the bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApplyStep {
    /// What it does (the README's comment).
    pub title: String,
    /// The commands, one per line.
    pub commands: Vec<String>,
}

/// The numbered steps of the bundle README's "Apply, in this order"
/// section, as the README gives them (so the review can never disagree
/// with it). Optional steps are left out.
pub fn apply_steps(bundle: &Bundle) -> Vec<ApplyStep> {
    let Some(readme) = bundle.get("README.md") else {
        return Vec::new();
    };
    let Some((_, section)) = readme.split_once("## Apply, in this order") else {
        return Vec::new();
    };
    let block = section
        .split_once("```sh\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .unwrap_or_default();
    let mut steps: Vec<ApplyStep> = Vec::new();
    let mut numbered = false;
    for line in block.lines() {
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            // `# 1. AWS resources: …` opens a step; `#    …` continues one.
            match comment.split_once(". ") {
                Some((num, title))
                    if num.chars().all(|c| c.is_ascii_digit()) && !num.is_empty() =>
                {
                    numbered = !title.starts_with("Optional");
                    if numbered {
                        steps.push(ApplyStep {
                            title: title.trim_end_matches(':').to_owned(),
                            commands: Vec::new(),
                        });
                    }
                }
                _ if !line.starts_with("#  ") => numbered = false,
                _ => {}
            }
        } else if numbered
            && !line.trim().is_empty()
            && let Some(step) = steps.last_mut()
        {
            step.commands.push(line.to_owned());
        }
    }
    steps.retain(|s| !s.commands.is_empty());
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use crate::catalog::date::Date;
    use crate::presets::PRESETS;

    fn bundle(plan: &Plan) -> Bundle {
        let options = Options {
            today: Some(Date::new(2026, 11, 21)),
        };
        crate::generate(plan, &options)
            .bundle
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_preset_has_three_steps_to_apply() {
        for preset in PRESETS {
            let plan = preset.plan().unwrap_or_default();
            let steps = apply_steps(&bundle(&plan));
            assert_eq!(steps.len(), 3, "{}: {steps:#?}", preset.name);
            assert!(
                steps[0]
                    .commands
                    .iter()
                    .any(|c| c.starts_with("terraform -chdir=terraform apply"))
            );
            assert_eq!(
                steps[1].commands,
                [format!(
                    "aws eks update-kubeconfig --region {} --name {}",
                    plan.cluster.region, plan.cluster.name
                )]
            );
            assert_eq!(steps[2].commands, ["kubectl apply -f kubernetes/"]);
        }
    }

    #[test]
    fn choices_cover_every_section_and_point_at_real_fields() {
        let plan = crate::presets::find("production")
            .and_then(|p| p.plan().ok())
            .unwrap_or_default();
        let rows = choices(&plan);
        for section in [
            "Cluster",
            "Network",
            "Compute",
            "Access",
            "Storage and load balancing",
        ] {
            assert!(rows.iter().any(|r| r.section == section), "{section}");
        }
        let text = plan.to_yaml().unwrap_or_default();
        let locator = crate::plan::Locator::new(&text);
        for r in &rows {
            assert!(
                locator
                    .locate(&crate::plan::FieldPath::parse(&r.path))
                    .is_some(),
                "{} points at {}",
                r.label,
                r.path
            );
        }
        let name = rows.iter().find(|r| r.label == "Cluster name");
        assert_eq!(
            name.map(|r| (r.value.as_str(), r.later)),
            Some((plan.cluster.name.as_str(), Later::No))
        );
        let version = rows.iter().find(|r| r.path == "cluster.kubernetes_version");
        assert_eq!(version.map(|r| r.later), Some(Later::UpgradeOnly));
        // One row per NodePool.
        let pools = rows
            .iter()
            .filter(|r| r.label.starts_with("NodePool "))
            .count();
        assert_eq!(pools, plan.node_pools.len());
    }

    #[test]
    fn values_read_as_words() {
        let mut plan = Plan::default();
        plan.cluster.endpoint.public_access_cidrs.clear();
        let rows = choices(&plan);
        let v = |label: &str| {
            rows.iter()
                .find(|r| r.label == label)
                .map(|r| r.value.clone())
                .unwrap_or_default()
        };
        assert_eq!(v("Public endpoint reachable from"), "anywhere (0.0.0.0/0)");
        assert_eq!(v("Control-plane logs"), "None");
        assert_eq!(v("Secrets encryption"), "A new KMS key with rotation");
        assert_eq!(Later::AddOnly.label(), "Add only");
    }
}
