//! Terraform that enables Auto Mode on the imported cluster **in place**.
//!
//! Two ways, both in the migration bundle under `terraform/`:
//!
//! - for a cluster not yet in Terraform, a root that takes it over with
//!   `import` blocks (Terraform ≥ 1.5) and then enables compute, load
//!   balancing and block storage together, with the cluster role's trust
//!   and policies, the node role and the access entries ([`takeover`]);
//! - for a cluster already in Terraform, `CHANGE.md`: the exact change to
//!   make to the user's `aws_eks_cluster`, as a diff against the arguments
//!   read from `describe-cluster` ([`change`]).
//!
//! Every argument that would replace the cluster ([`replacing::REPLACING`])
//! carries the value `describe-cluster` returned, or is in
//! `lifecycle.ignore_changes` ([`replacing::IGNORED`]). The files are
//! written with [`crate::emit::hcl`], so they are `terraform fmt` fixed
//! points.

pub mod change;
pub mod replacing;
pub mod takeover;

use std::collections::BTreeSet;

use super::Migration;
use super::runbook::node_role_name;
use crate::catalog::policies;
use crate::emit::hcl::{Block, Expr, Item};
use crate::import::Snapshot;
use crate::import::aws::EksCluster;

/// Terraform and provider constraints: `import` blocks need Terraform 1.5;
/// hashicorp/aws 6.15 is the first release that turns Auto Mode on and off
/// in place.
pub const TERRAFORM_VERSION: &str = ">= 1.5.7";
/// See [`TERRAFORM_VERSION`].
pub const AWS_PROVIDER_VERSION: &str = ">= 6.15, < 7.0";

/// The resource address of the cluster in the takeover root.
pub const CLUSTER: &str = "aws_eks_cluster.this";

/// Which state the three Auto Mode blocks are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutoMode {
    /// As `describe-cluster` has them (the "before" of a diff).
    AsIs,
    /// Compute, load balancing and block storage on, together.
    On,
    /// All three off, `node_pools` and `node_role_arn` dropped (the way
    /// back).
    Off,
}

/// The node role Auto Mode uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeRole {
    /// The cluster already names one (it must not change: that replaces
    /// the cluster).
    Existing(String),
    /// The bundle creates it.
    Created(String),
}

/// What the Terraform works from: the cluster, and what the bundle changes.
#[derive(Clone, Debug)]
pub struct Facts<'a> {
    /// The cluster.
    pub cluster: &'a EksCluster,
    /// The snapshot.
    pub snapshot: &'a Snapshot,
    /// `aws`, `aws-cn`...
    pub partition: &'static str,
    /// The region.
    pub region: String,
    /// The node role.
    pub node_role: NodeRole,
    /// Whether the cluster role's trust policy needs `sts:TagSession` (or
    /// was not collected).
    pub trust_change: bool,
    /// Cluster-role policies already attached (known from
    /// `list-attached-role-policies`).
    pub attached: Vec<&'static str>,
    /// Cluster-role policies to attach.
    pub missing: Vec<&'static str>,
    /// Built-in pools once Auto Mode is on.
    pub node_pools: Vec<&'static str>,
}

impl<'a> Facts<'a> {
    /// Work the facts out; `None` when there is no `describe-cluster` or the
    /// cluster is on Outposts (Auto Mode does not run there, MR029).
    pub fn of(m: &'a Migration) -> Option<Facts<'a>> {
        let s = &m.import.snapshot;
        let c = s.eks()?;
        if c.outpost_config.is_some() {
            return None;
        }
        let region = c.region().unwrap_or("us-east-1").to_owned();
        let partition = policies::partition(&region);
        let node_role = match c
            .compute_config
            .as_ref()
            .and_then(|cc| cc.node_role_arn.clone())
            .filter(|a| !a.is_empty())
        {
            Some(arn) => NodeRole::Existing(arn),
            None => NodeRole::Created(node_role_name(&c.name)),
        };
        let trust_change = !s
            .cluster_role
            .as_ref()
            .and_then(|r| r.value.assume_role_policy_document.as_ref())
            .and_then(|d| d.document().ok())
            .is_some_and(|d| d.allows_eks("sts:TagSession"));
        let attached_names: Option<BTreeSet<&str>> = s
            .cluster_role_policies
            .as_ref()
            .map(|p| p.iter().map(|a| a.policy_name.as_str()).collect());
        let (attached, missing) = policies::CLUSTER_ROLE_POLICIES
            .iter()
            .partition(|p| attached_names.as_ref().is_some_and(|a| a.contains(*p)));
        let mut node_pools = Vec::new();
        if m.plan.auto_mode.general_purpose_pool {
            node_pools.push("general-purpose");
        }
        if m.plan.auto_mode.system_pool {
            node_pools.push("system");
        }
        Some(Facts {
            cluster: c,
            snapshot: s,
            partition,
            region,
            node_role,
            trust_change,
            attached,
            missing,
            node_pools,
        })
    }

    /// A managed policy's ARN.
    pub fn managed_policy(&self, name: &str) -> String {
        format!("arn:{}:iam::aws:policy/{name}", self.partition)
    }

    /// The cluster role's name.
    pub fn role_name(&self) -> &str {
        self.cluster.role_name().unwrap_or("CLUSTER_ROLE")
    }

    /// The cluster role's path (`/` unless its ARN has one).
    pub fn role_path(&self) -> String {
        let arn = &self.cluster.role_arn;
        let after = arn.split_once(":role").map(|(_, r)| r).unwrap_or("/");
        match after.rfind('/') {
            Some(i) if i > 0 => after[..=i].to_owned(),
            _ => "/".to_owned(),
        }
    }
}

/// A Terraform label from any text: lower case, `_` for anything else.
pub fn label(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert(0, 'x');
    }
    out
}

/// The label of a cluster-role policy attachment
/// (`AmazonEKSComputePolicy` → `cluster_compute`).
pub fn attachment_label(policy: &str) -> String {
    let short = policy
        .trim_start_matches("AmazonEKS")
        .trim_start_matches("AmazonEC2")
        .trim_end_matches("Policy");
    let mut out = String::new();
    for (i, c) in short.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Tags the provider can manage (`aws:` tags belong to AWS).
fn tags(c: &EksCluster) -> Vec<(&String, &String)> {
    c.tags
        .iter()
        .filter(|(k, _)| !k.starts_with("aws:"))
        .collect()
}

/// Control-plane log types that are on, sorted.
fn log_types(c: &EksCluster) -> Vec<&str> {
    let mut t: Vec<&str> = c
        .logging
        .cluster_logging
        .iter()
        .filter(|l| l.enabled)
        .flat_map(|l| l.types.iter().map(String::as_str))
        .collect();
    t.sort_unstable();
    t.dedup();
    t
}

fn sorted(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v.dedup();
    v
}

/// How the cluster block refers to roles.
#[derive(Clone, Debug)]
pub struct Refs {
    /// `role_arn`: the literal ARN (always: it must not change).
    pub node_role_arn: Expr,
    /// `depends_on` entries.
    pub depends_on: Vec<String>,
    /// Comments at the top of the block.
    pub comments: Vec<String>,
    /// Whether to write `bootstrap_self_managed_addons = false` (the value
    /// an import leaves in state) or a comment that keeps the user's own.
    pub write_bootstrap: bool,
    /// Whether to add `prevent_destroy`.
    pub prevent_destroy: bool,
}

/// The `aws_eks_cluster` resource, with every replacing argument as
/// `describe-cluster` has it and the Auto Mode blocks in `mode`.
pub fn cluster_block(f: &Facts<'_>, name: &str, mode: AutoMode, refs: &Refs) -> Block {
    let c = f.cluster;
    let mut b = Block::new("resource", &["aws_eks_cluster", name]);
    for line in &refs.comments {
        b = b.comment(line);
    }
    b = b
        .attr("name", Expr::str(c.name.clone()))
        .attr("role_arn", Expr::str(c.role_arn.clone()));
    if !c.version.is_empty() {
        b = b.attr("version", Expr::str(c.version.clone()));
    }
    if refs.write_bootstrap {
        b = b.attr("bootstrap_self_managed_addons", Expr::bool(false));
    }
    if let Some(p) = c.deletion_protection {
        b = b.attr("deletion_protection", Expr::bool(p));
    }
    let logs = log_types(c);
    if !logs.is_empty() {
        b = b.attr("enabled_cluster_log_types", Expr::strs(&logs));
    }
    let t = tags(c);
    if !t.is_empty() {
        b = b.attr("tags", Expr::str_map(t));
    }
    if !refs.write_bootstrap {
        b = b
            .blank()
            .comment("bootstrap_self_managed_addons: keep the value your configuration has;")
            .comment("changing it replaces the cluster (it is in ignore_changes below).");
    }

    // access_config: Auto Mode needs access entries, so CONFIG_MAP moves to
    // API_AND_CONFIG_MAP (in place, one way). The way back comes after that
    // change and cannot undo it (EKS refuses to go back to CONFIG_MAP).
    let auth = c.access_config.authentication_mode.as_deref();
    let auth = match (mode, auth) {
        (AutoMode::On | AutoMode::Off, Some("CONFIG_MAP")) => Some("API_AND_CONFIG_MAP"),
        (_, a) => a,
    };
    if let Some(a) = auth {
        let mut access =
            Block::new("access_config", &[]).attr("authentication_mode", Expr::str(a.to_owned()));
        if let Some(v) = c.access_config.bootstrap_cluster_creator_admin_permissions {
            access = access.attr("bootstrap_cluster_creator_admin_permissions", Expr::bool(v));
        }
        b = b.block(access);
    }

    let existing = c.compute_config.as_ref();
    let compute = match mode {
        AutoMode::AsIs => existing.map(|cc| {
            let mut k = Block::new("compute_config", &[]).attr("enabled", Expr::bool(cc.enabled));
            if !cc.node_pools.is_empty() {
                k = k.attr("node_pools", Expr::strs(&sorted(&cc.node_pools)));
            }
            if let Some(r) = cc.node_role_arn.as_ref().filter(|r| !r.is_empty()) {
                k = k.attr("node_role_arn", Expr::str(r.clone()));
            }
            k
        }),
        AutoMode::On => {
            let mut k = Block::new("compute_config", &[]).attr("enabled", Expr::bool(true));
            if !f.node_pools.is_empty() {
                k = k.attr("node_pools", Expr::strs(&f.node_pools));
            }
            Some(k.attr("node_role_arn", refs.node_role_arn.clone()))
        }
        AutoMode::Off => Some(Block::new("compute_config", &[]).attr("enabled", Expr::bool(false))),
    };
    if let Some(k) = compute {
        b = b.block(k);
    }

    let net = &c.kubernetes_network_config;
    let mut network = Block::new("kubernetes_network_config", &[]);
    if let Some(ip) = &net.ip_family {
        network = network.attr("ip_family", Expr::str(ip.clone()));
    }
    if let Some(cidr) = &net.service_ipv4_cidr {
        network = network.attr("service_ipv4_cidr", Expr::str(cidr.clone()));
    }
    let elb = match mode {
        AutoMode::AsIs => net.elastic_load_balancing.as_ref().map(|e| e.enabled),
        AutoMode::On => Some(true),
        AutoMode::Off => Some(false),
    };
    if let Some(on) = elb {
        network = network
            .block(Block::new("elastic_load_balancing", &[]).attr("enabled", Expr::bool(on)));
    }
    if !network.items.is_empty() {
        b = b.block(network);
    }

    let storage = match mode {
        AutoMode::AsIs => c.storage_config.as_ref().map(|s| s.block_storage.enabled),
        AutoMode::On => Some(true),
        AutoMode::Off => Some(false),
    };
    if let Some(on) = storage {
        b = b.block(
            Block::new("storage_config", &[])
                .block(Block::new("block_storage", &[]).attr("enabled", Expr::bool(on))),
        );
    }

    let v = &c.resources_vpc_config;
    let mut vpc =
        Block::new("vpc_config", &[]).attr("subnet_ids", Expr::strs(&sorted(&v.subnet_ids)));
    if !v.security_group_ids.is_empty() {
        vpc = vpc.attr(
            "security_group_ids",
            Expr::strs(&sorted(&v.security_group_ids)),
        );
    }
    vpc = vpc
        .attr(
            "endpoint_private_access",
            Expr::bool(v.endpoint_private_access),
        )
        .attr(
            "endpoint_public_access",
            Expr::bool(v.endpoint_public_access),
        );
    if !v.public_access_cidrs.is_empty() {
        vpc = vpc.attr(
            "public_access_cidrs",
            Expr::strs(&sorted(&v.public_access_cidrs)),
        );
    }
    b = b.block(vpc);

    if let Some(enc) = c.encryption_config.first() {
        b = b.block(
            Block::new("encryption_config", &[])
                .attr("resources", Expr::strs(&sorted(&enc.resources)))
                .block(
                    Block::new("provider", &[])
                        .attr("key_arn", Expr::str(enc.provider.key_arn.clone())),
                ),
        );
    }
    if let Some(r) = &c.remote_network_config
        && let Some(nodes) = r.remote_node_networks.first()
    {
        let mut remote = Block::new("remote_network_config", &[]).block(
            Block::new("remote_node_networks", &[])
                .attr("cidrs", Expr::strs(&sorted(&nodes.cidrs))),
        );
        if let Some(pods) = r.remote_pod_networks.first() {
            remote = remote.block(
                Block::new("remote_pod_networks", &[])
                    .attr("cidrs", Expr::strs(&sorted(&pods.cidrs))),
            );
        }
        b = b.block(remote);
    }
    if let Some(t) = &c.upgrade_policy.support_type {
        b = b.block(Block::new("upgrade_policy", &[]).attr("support_type", Expr::str(t.clone())));
    }
    if let Some(z) = &c.zonal_shift_config {
        b = b.block(Block::new("zonal_shift_config", &[]).attr("enabled", Expr::bool(z.enabled)));
    }

    if mode != AutoMode::AsIs {
        let mut life = Block::new("lifecycle", &[]);
        if refs.prevent_destroy {
            life = life.attr("prevent_destroy", Expr::bool(true));
        }
        life = life
            .comment("describe-cluster does not return these, and changing them replaces")
            .comment(
                "the cluster (terraform-provider-aws #39058, #40582; terraform-aws-eks #3273).",
            )
            .attr(
                "ignore_changes",
                Expr::List(replacing::IGNORED.iter().map(|i| Expr::raw(*i)).collect()),
            );
        b = b.block(life);
    }
    if !refs.depends_on.is_empty() {
        b.items.push(Item::Blank);
        b = b
            .comment("The cluster role's policies and trust are in place before Auto Mode is")
            .comment("turned on, and outlive the cluster's Auto Mode resources on the way back.")
            .attr(
                "depends_on",
                Expr::List(
                    refs.depends_on
                        .iter()
                        .map(|d| Expr::raw(d.clone()))
                        .collect(),
                ),
            );
    }
    b
}

/// The custom-tag policy (NC009) the converted plan needs on the cluster
/// role, when its NodeClasses or IngressClassParams carry tags: its name and
/// document, from the same resolution as a new cluster's, written with the
/// cluster's partition (the migration's files read it from
/// `describe-cluster`). Without it Auto Mode cannot launch the tagged nodes
/// (`Error getting launch template configs`).
pub fn custom_tag_policy(m: &Migration, partition: &'static str) -> Option<CustomTagPolicy> {
    let design = crate::resolve(&m.plan);
    let policy = design
        .roles
        .iter()
        .find(|r| r.key == *crate::resolve::iam::CLUSTER)?
        .inline_policies
        .iter()
        .find(|p| p.key == "custom_tags")?;
    Some(CustomTagPolicy {
        name: policy.name.clone(),
        document: policy.document.clone(),
        partition,
    })
}

/// See [`custom_tag_policy`].
pub struct CustomTagPolicy {
    /// The inline policy's name.
    pub name: String,
    /// Its document.
    pub document: crate::design::PolicyDocument,
    /// The cluster's partition, written into its ARNs.
    pub partition: &'static str,
}

impl CustomTagPolicy {
    /// The document's values as plain text (the policy holds only text and
    /// the partition).
    fn text(&self, values: &[crate::design::Value]) -> Vec<String> {
        values
            .iter()
            .filter_map(|v| {
                v.0.iter()
                    .map(|part| match part {
                        crate::design::Part::Text(t) => Some(t.as_str()),
                        crate::design::Part::Partition => Some(self.partition),
                        _ => None,
                    })
                    .collect::<Option<Vec<&str>>>()
                    .map(|parts| parts.concat())
            })
            .collect()
    }

    /// `data "aws_iam_policy_document" "<name>"`, written as the bundle's
    /// own Terraform writes one.
    pub fn data_block(&self, name: &str) -> Block {
        crate::emit::terraform::policy_document_block(name, &self.document, |vs| {
            Expr::strs(&self.text(vs))
        })
    }

    /// The policy document as compact JSON, for `aws iam put-role-policy`.
    pub fn json(&self) -> String {
        let statements: Vec<serde_json::Value> = self
            .document
            .statements
            .iter()
            .map(|s| {
                let mut condition = serde_json::Map::new();
                for c in &s.conditions {
                    let entry = condition
                        .entry(c.test.clone())
                        .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
                    if let serde_json::Value::Object(m) = entry {
                        m.insert(c.variable.clone(), serde_json::json!(self.text(&c.values)));
                    }
                }
                serde_json::json!({
                    "Sid": s.sid.clone().unwrap_or_default(),
                    "Effect": "Allow",
                    "Action": s.actions,
                    "Resource": self.text(&s.resources),
                    "Condition": condition,
                })
            })
            .collect();
        serde_json::json!({ "Version": "2012-10-17", "Statement": statements }).to_string()
    }
}

/// Build the `terraform/` files into `out`.
pub fn files(m: &Migration, out: &mut crate::Bundle) {
    let Some(f) = Facts::of(m) else {
        let why = if m.import.snapshot.eks().is_some() {
            "The cluster is a local cluster on AWS Outposts, where EKS Auto Mode does not run (readiness.md, MR029): there is nothing to enable."
        } else {
            "No `aws eks describe-cluster` output was imported, so the cluster's arguments (several of which replace the cluster if they change) are unknown. Add it and run `eksplan migrate` again."
        };
        out.insert(
            "terraform/NOT-GENERATED.md",
            format!("# Terraform not generated\n\n{why}\n"),
        );
        return;
    };
    for (path, text) in takeover::files(m, &f) {
        out.insert(path, text);
    }
    out.insert("terraform/CHANGE.md", change::markdown(m, &f));
}

#[cfg(test)]
mod tests;
