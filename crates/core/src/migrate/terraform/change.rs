//! `terraform/CHANGE.md`: for a cluster already in Terraform, the exact
//! change to make to the user's `aws_eks_cluster`, as a diff against the
//! arguments read from `describe-cluster`.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::{Value, json};

use super::{AutoMode, Facts, NodeRole, Refs, cluster_block, replacing};
use crate::emit::hcl::{Expr, File};
use crate::import::aws::EksCluster;
use crate::migrate::Migration;

/// The value of each replacing argument as `describe-cluster` has it
/// (`null` when it does not say), keyed by argument path.
pub fn replacing_values(c: &EksCluster) -> BTreeMap<&'static str, Value> {
    let mut m = BTreeMap::new();
    let opt = |v: Option<&String>| v.map(|s| json!(s)).unwrap_or(Value::Null);
    let list = |v: &[String]| {
        if v.is_empty() {
            Value::Null
        } else {
            let mut v = v.to_vec();
            v.sort();
            json!(v)
        }
    };
    m.insert("name", json!(c.name));
    m.insert("role_arn", json!(c.role_arn));
    m.insert("bootstrap_self_managed_addons", Value::Null);
    m.insert(
        "access_config.bootstrap_cluster_creator_admin_permissions",
        c.access_config
            .bootstrap_cluster_creator_admin_permissions
            .map(Value::Bool)
            .unwrap_or(Value::Null),
    );
    let n = &c.kubernetes_network_config;
    m.insert(
        "kubernetes_network_config.ip_family",
        opt(n.ip_family.as_ref()),
    );
    m.insert(
        "kubernetes_network_config.service_ipv4_cidr",
        opt(n.service_ipv4_cidr.as_ref()),
    );
    let v = &c.resources_vpc_config;
    m.insert("vpc_config.subnet_ids", list(&v.subnet_ids));
    m.insert("vpc_config.security_group_ids", list(&v.security_group_ids));
    let enc = c.encryption_config.first();
    m.insert(
        "encryption_config.resources",
        enc.map(|e| list(&e.resources)).unwrap_or(Value::Null),
    );
    m.insert(
        "encryption_config.provider.key_arn",
        opt(enc.map(|e| &e.provider.key_arn)),
    );
    let o = c.outpost_config.as_ref();
    m.insert(
        "outpost_config.control_plane_instance_type",
        opt(o.map(|o| &o.control_plane_instance_type)),
    );
    m.insert(
        "outpost_config.outpost_arns",
        o.map(|o| list(&o.outpost_arns)).unwrap_or(Value::Null),
    );
    m.insert(
        "outpost_config.control_plane_placement.group_name",
        opt(o
            .and_then(|o| o.control_plane_placement.as_ref())
            .and_then(|p| p.group_name.as_ref())),
    );
    let r = c.remote_network_config.as_ref();
    m.insert(
        "remote_network_config.remote_node_networks.cidrs",
        r.and_then(|r| r.remote_node_networks.first())
            .map(|n| list(&n.cidrs))
            .unwrap_or(Value::Null),
    );
    m.insert(
        "remote_network_config.remote_pod_networks.cidrs",
        r.and_then(|r| r.remote_pod_networks.first())
            .map(|n| list(&n.cidrs))
            .unwrap_or(Value::Null),
    );
    m.insert(
        "compute_config.node_role_arn",
        opt(c
            .compute_config
            .as_ref()
            .and_then(|cc| cc.node_role_arn.as_ref())
            .filter(|a| !a.is_empty())),
    );
    m
}

/// A unified-style diff of two renderings: ` ` kept, `-` removed, `+` added.
pub fn diff(before: &str, after: &str) -> String {
    let d = similar::TextDiff::from_lines(before, after);
    let mut out = String::new();
    for change in d.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Equal => ' ',
            similar::ChangeTag::Delete => '-',
            similar::ChangeTag::Insert => '+',
        };
        out.push(sign);
        out.push_str(change.value());
        if !change.value().ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

fn refs(f: &Facts<'_>) -> Refs {
    Refs {
        node_role_arn: match &f.node_role {
            NodeRole::Existing(arn) => Expr::str(arn.clone()),
            NodeRole::Created(_) => Expr::raw("aws_iam_role.auto_node.arn"),
        },
        depends_on: Vec::new(),
        comments: Vec::new(),
        write_bootstrap: false,
        prevent_destroy: false,
    }
}

/// The user's resource before and after, as HCL.
pub fn before_after(f: &Facts<'_>) -> (String, String) {
    let r = refs(f);
    let render = |mode| {
        let mut file = File::default();
        file.push(cluster_block(f, "this", mode, &r));
        file.render()
    };
    (render(AutoMode::AsIs), render(AutoMode::On))
}

/// `CHANGE.md`.
pub fn markdown(m: &Migration, f: &Facts<'_>) -> String {
    let c = f.cluster;
    let mut o = format!(
        "# Enabling Auto Mode on cluster {} in your own Terraform\n\n",
        c.name
    );
    o.push_str("Use this when the cluster is already managed by Terraform (your own `aws_eks_cluster`, or a module such as terraform-aws-modules/eks). Do not use the takeover root in this folder then.\n\nNeeds hashicorp/aws 6.15 or later: earlier releases replace the cluster, or fail, when Auto Mode is turned on or off (terraform-provider-aws #40411, #40582; terraform-aws-eks #3266, #3516).\n\n");
    o.push_str("## 1. Arguments that must not change\n\nEach of these replaces the cluster when it changes. Your configuration must have exactly the value read from `describe-cluster` (or leave it unset where it is not set); the two that `describe-cluster` cannot tell go in `lifecycle.ignore_changes`.\n\n| argument | value read from describe-cluster | why |\n| --- | --- | --- |\n");
    let values = replacing_values(c);
    for r in replacing::REPLACING {
        let v = match r.compare {
            replacing::Compare::NotReturned => {
                "not returned: keep yours, add to `ignore_changes`".to_owned()
            }
            _ => values
                .get(r.argument)
                .filter(|v| !v.is_null())
                .map(|v| format!("`{v}`"))
                .unwrap_or_else(|| "not set".to_owned()),
        };
        let _ = writeln!(o, "| `{}` | {v} | {} |", r.argument, r.why);
    }
    let (before, after) = before_after(f);
    o.push_str("\n## 2. The change\n\nThe resource as `describe-cluster` describes it today, and the lines to add or change (`+`) and remove (`-`). Arguments your configuration sets through variables or other resources keep their form; only the values matter.\n\n```diff\n");
    o.push_str(&diff(&before, &after));
    o.push_str("```\n\n## 3. The resource after the change\n\n```hcl\n");
    o.push_str(&after);
    o.push_str("```\n\n## 4. IAM\n\n");
    if f.trust_change {
        o.push_str("Add `sts:TagSession` to the cluster role's trust policy (`assume_role_policy` of your `aws_iam_role`), next to `sts:AssumeRole` for `eks.amazonaws.com`. ");
    }
    if !f.missing.is_empty() {
        let _ = write!(
            o,
            "Attach {} to the cluster role (`aws_iam_role_policy_attachment`, or the module's `iam_role_additional_policies`). ",
            f.missing
                .iter()
                .map(|p| format!("`{}`", f.managed_policy(p)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let NodeRole::Created(name) = &f.node_role {
        let _ = write!(
            o,
            "Create the node role `{name}` (trusting `ec2.amazonaws.com` with `sts:AssumeRole` and `sts:TagSession`, with `AmazonEKSWorkerNodeMinimalPolicy` and `AmazonEC2ContainerRegistryPullOnly`) as `aws_iam_role.auto_node`: `iam.tf` in this folder has the blocks to copy."
        );
    }
    let tags = super::custom_tag_policy(m, f.partition);
    if let Some(t) = &tags {
        if !o.ends_with([' ', '\n']) {
            o.push(' ');
        }
        let _ = write!(
            o,
            "Add the inline policy `{}` to the cluster role (`aws_iam_role_policy` with its `aws_iam_policy_document`: `iam.tf` in this folder has the blocks to copy). The plan's NodeClasses or IngressClassParams carry custom tags, which Auto Mode's managed policies do not allow; without it nodes fail with `Error getting launch template configs` (NC009). ",
            t.name
        );
    }
    if !f.trust_change
        && f.missing.is_empty()
        && matches!(f.node_role, NodeRole::Existing(_))
        && tags.is_none()
    {
        o.push_str("Nothing to change: the cluster role and the node role are ready.");
    }
    o.push_str("\n\nMake the IAM change in an apply of its own, before the cluster change, so the policies are in place when Auto Mode starts.\n\n## 5. Plan and check\n\n`terraform plan -out=tfplan` must show `aws_eks_cluster` as `~ update in-place` and nothing as `must be replaced`:\n\n```sh\nterraform show -json tfplan | jq -e '[.resource_changes[] | select(.change.actions | index(\"delete\"))] | length == 0'\n```\n\nIf it shows `forces replacement` on an argument, set that argument to the value in section 1; never apply such a plan.\n");
    let _ = m;
    o
}
