//! Read the Terraform target back (with the independent `hcl-rs` parser).

use std::collections::{BTreeMap, BTreeSet};

use eksplan_core::Bundle;
use serde_json::{Map, Value as Json};

use super::facts::{EntryFacts, Facts, RoleFacts, policy_name, scoped, statement};

/// Every `.tf` file merged: `resource`, `data`, `variable`, `output`.
struct Config {
    root: Map<String, Json>,
}

/// A repeated block: one object, or a list of them.
fn items(v: &Json) -> Vec<&Json> {
    match v {
        Json::Array(a) => a.iter().collect(),
        Json::Null => Vec::new(),
        other => vec![other],
    }
}

fn strings(v: &Json) -> Vec<String> {
    items(v)
        .into_iter()
        .filter_map(|x| x.as_str().map(str::to_owned))
        .collect()
}

impl Config {
    fn new(bundle: &Bundle) -> Config {
        let mut root = Map::new();
        for (path, text) in bundle.files().filter(|(p, _)| p.ends_with(".tf")) {
            let v: Json = hcl::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
            let Json::Object(m) = v else { continue };
            for (section, body) in m {
                let Json::Object(body) = body else { continue };
                let entry = root
                    .entry(section)
                    .or_insert_with(|| Json::Object(Map::new()));
                let Json::Object(entry) = entry else { continue };
                for (ty, named) in body {
                    match (entry.get_mut(&ty), named) {
                        (Some(Json::Object(have)), Json::Object(more)) => have.extend(more),
                        (_, named) => {
                            entry.insert(ty, named);
                        }
                    }
                }
            }
        }
        Config { root }
    }

    fn resources(&self, ty: &str) -> Vec<(&String, &Json)> {
        self.root
            .get("resource")
            .and_then(|r| r.get(ty))
            .and_then(Json::as_object)
            .map(|m| m.iter().collect())
            .unwrap_or_default()
    }

    fn resource(&self, ty: &str, name: &str) -> &Json {
        self.root
            .get("resource")
            .and_then(|r| r.get(ty))
            .and_then(|r| r.get(name))
            .unwrap_or(&Json::Null)
    }

    fn variable(&self, name: &str) -> &Json {
        self.root
            .get("variable")
            .and_then(|v| v.get(name))
            .and_then(|v| v.get("default"))
            .unwrap_or(&Json::Null)
    }

    /// `${a.b.c}` → `a.b.c`.
    fn traversal(s: &str) -> Option<&str> {
        s.strip_prefix("${").and_then(|r| r.strip_suffix('}'))
    }

    /// A string in the facts' notation.
    fn norm(&self, s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            let expr = &rest[start + 2..start + len];
            out.push_str(&self.expr(expr));
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        out
    }

    fn expr(&self, e: &str) -> String {
        let parts: Vec<&str> = e.split('.').collect();
        match parts.as_slice() {
            ["data", "aws_partition", "current", "partition"] => "${partition}".into(),
            ["data", "aws_caller_identity", "current", "account_id"] => "${account}".into(),
            ["data", "aws_iam_session_context", "current", "issuer_arn"] => "${caller}".into(),
            ["var", "region"] => "${region}".into(),
            ["var", "cluster_name"] => "${cluster_name}".into(),
            ["aws_iam_role", name, "arn"] => format!(
                "role:{}",
                self.resource("aws_iam_role", name)["name"]
                    .as_str()
                    .unwrap_or("?")
            ),
            ["aws_kms_key", _, "arn"] => "kms:created".into(),
            ["aws_eks_cluster", _, "arn"] => "cluster:arn".into(),
            ["aws_cloudwatch_log_group", name, "arn"] => format!(
                "log-group:{}",
                self.norm(
                    self.resource("aws_cloudwatch_log_group", name)["name"]
                        .as_str()
                        .unwrap_or("?")
                )
            ),
            _ => format!("${{{e}}}"),
        }
    }

    /// The statements of `data.aws_iam_policy_document.<name>`.
    fn document(&self, reference: &str) -> BTreeSet<String> {
        let name = Self::traversal(reference)
            .and_then(|t| t.strip_prefix("data.aws_iam_policy_document."))
            .and_then(|t| t.strip_suffix(".json"))
            .unwrap_or("?");
        let doc = self
            .root
            .get("data")
            .and_then(|d| d.get("aws_iam_policy_document"))
            .and_then(|d| d.get(name))
            .unwrap_or(&Json::Null);
        items(&doc["statement"])
            .into_iter()
            .map(|s| {
                let principals: Vec<(String, Vec<String>)> = items(&s["principals"])
                    .into_iter()
                    .map(|p| {
                        (
                            p["type"].as_str().unwrap_or("").to_owned(),
                            strings(&p["identifiers"])
                                .iter()
                                .map(|i| self.norm(i))
                                .collect(),
                        )
                    })
                    .collect();
                let conditions: Vec<(String, String, Vec<String>)> = items(&s["condition"])
                    .into_iter()
                    .map(|c| {
                        (
                            c["test"].as_str().unwrap_or("").to_owned(),
                            c["variable"].as_str().unwrap_or("").to_owned(),
                            strings(&c["values"]).iter().map(|v| self.norm(v)).collect(),
                        )
                    })
                    .collect();
                statement(
                    &principals,
                    &strings(&s["actions"]),
                    &strings(&s["resources"])
                        .iter()
                        .map(|r| self.norm(r))
                        .collect::<Vec<_>>(),
                    &conditions,
                )
            })
            .collect()
    }
}

/// The name of the resource a `${type.name.attr}` traversal points at.
fn target_name<'a>(reference: &'a str, ty: &str) -> Option<&'a str> {
    Config::traversal(reference)?
        .strip_prefix(ty)?
        .strip_prefix('.')?
        .split('.')
        .next()
}

/// The facts of a Terraform bundle.
pub fn read(bundle: &Bundle) -> Facts {
    let cfg = Config::new(bundle);
    let (_, cluster) = cfg
        .resources("aws_eks_cluster")
        .into_iter()
        .next()
        .expect("one aws_eks_cluster");
    let var_or = |v: &Json, var: &str| -> Json {
        match v.as_str() {
            Some(s) if s == format!("${{var.{var}}}") => cfg.variable(var).clone(),
            _ => v.clone(),
        }
    };
    let text = |v: &Json| v.as_str().unwrap_or("").to_owned();
    let compute = &cluster["compute_config"];
    let vpc = &cluster["vpc_config"];

    let mut subnets = BTreeSet::new();
    let created = cfg.resources("aws_subnet");
    if created.is_empty() {
        subnets.insert(format!(
            "existing control-plane: {}",
            strings(&var_or(&vpc["subnet_ids"], "control_plane_subnet_ids")).join(",")
        ));
        for (_, t) in cfg.resources("aws_ec2_tag") {
            let list = text(&t["for_each"]);
            let var = list
                .trim_start_matches("${toset(var.")
                .trim_end_matches(")}");
            subnets.insert(format!(
                "tag {}={} on {}",
                text(&t["key"]),
                text(&t["value"]),
                strings(cfg.variable(var)).join(",")
            ));
        }
    } else {
        for (_, s) in created {
            let zone = text(&s["availability_zone"]);
            let zone = match zone
                .strip_prefix("${data.aws_availability_zones.available.names[")
                .and_then(|z| z.strip_suffix("]}"))
            {
                Some(i) => format!("az:{i}"),
                None => zone,
            };
            let role = s["tags"]
                .as_object()
                .and_then(|t| t.keys().find(|k| k.starts_with("kubernetes.io/role/")))
                .cloned()
                .unwrap_or_default();
            subnets.insert(format!("{zone} {} {role}", text(&s["cidr_block"])));
        }
    }

    let mut roles: BTreeMap<String, RoleFacts> = BTreeMap::new();
    let mut role_names: BTreeMap<&str, String> = BTreeMap::new();
    for (label, r) in cfg.resources("aws_iam_role") {
        role_names.insert(label, text(&r["name"]));
        roles.insert(
            text(&r["name"]),
            RoleFacts {
                trust: cfg.document(&text(&r["assume_role_policy"])),
                ..RoleFacts::default()
            },
        );
    }
    for (_, a) in cfg.resources("aws_iam_role_policy_attachment") {
        let label = target_name(a["role"].as_str().unwrap_or(""), "aws_iam_role").unwrap_or("?");
        if let Some(role) = role_names.get(label).and_then(|n| roles.get_mut(n)) {
            role.managed_policies
                .insert(policy_name(&cfg.norm(&text(&a["policy_arn"]))));
        }
    }
    for (_, p) in cfg.resources("aws_iam_role_policy") {
        let label = target_name(p["role"].as_str().unwrap_or(""), "aws_iam_role").unwrap_or("?");
        let statements = cfg.document(&text(&p["policy"]));
        if let Some(role) = role_names.get(label).and_then(|n| roles.get_mut(n)) {
            role.inline.extend(statements);
        }
    }

    let mut access_entries: BTreeMap<String, EntryFacts> = BTreeMap::new();
    let mut entry_principals: BTreeMap<&str, String> = BTreeMap::new();
    for (label, e) in cfg.resources("aws_eks_access_entry") {
        let principal = cfg.norm(&text(&e["principal_arn"]));
        entry_principals.insert(label, principal.clone());
        access_entries.insert(
            principal,
            EntryFacts {
                entry_type: text(&e["type"]),
                groups: strings(&e["kubernetes_groups"]).into_iter().collect(),
                username: e["user_name"].as_str().map(str::to_owned),
                policies: BTreeSet::new(),
            },
        );
    }
    for (_, a) in cfg.resources("aws_eks_access_policy_association") {
        let label = target_name(
            a["principal_arn"].as_str().unwrap_or(""),
            "aws_eks_access_entry",
        )
        .unwrap_or("?");
        let scope = &a["access_scope"];
        let policy = scoped(
            &policy_name(&cfg.norm(&text(&a["policy_arn"]))),
            scope["type"].as_str().unwrap_or(""),
            &strings(&scope["namespaces"]),
        );
        if let Some(entry) = entry_principals
            .get(label)
            .and_then(|p| access_entries.get_mut(p))
        {
            entry.policies.insert(policy);
        }
    }

    let pod_identity = cfg
        .resources("aws_eks_pod_identity_association")
        .into_iter()
        .map(|(_, p)| {
            format!(
                "{}/{} -> {}",
                text(&p["namespace"]),
                text(&p["service_account"]),
                cfg.norm(&text(&p["role_arn"]))
            )
        })
        .collect();

    let tags = cfg
        .variable("tags")
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let public = cluster["vpc_config"]["endpoint_public_access"] == Json::Bool(true);
    Facts {
        name: text(&var_or(&cluster["name"], "cluster_name")),
        region: text(cfg.variable("region")),
        version: text(&var_or(&cluster["version"], "kubernetes_version")),
        support_type: text(&cluster["upgrade_policy"]["support_type"]),
        deletion_protection: cluster["deletion_protection"] == Json::Bool(true),
        cluster_role: cfg
            .norm(&text(&cluster["role_arn"]))
            .trim_start_matches("role:")
            .to_owned(),
        capabilities: [
            compute["enabled"] == Json::Bool(true),
            cluster["kubernetes_network_config"]["elastic_load_balancing"]["enabled"]
                == Json::Bool(true),
            cluster["storage_config"]["block_storage"]["enabled"] == Json::Bool(true),
        ],
        bootstrap_self_managed_addons: cluster["bootstrap_self_managed_addons"] == Json::Bool(true),
        authentication_mode: text(&cluster["access_config"]["authentication_mode"]),
        builtin_pools: strings(&compute["node_pools"]),
        node_role_arn: compute["node_role_arn"].as_str().map(|s| cfg.norm(s)),
        endpoint_private: vpc["endpoint_private_access"] == Json::Bool(true),
        endpoint_public: public,
        public_access_cidrs: if public {
            strings(&var_or(&vpc["public_access_cidrs"], "public_access_cidrs"))
        } else {
            Vec::new()
        },
        secrets_key: cluster["encryption_config"]["provider"]["key_arn"]
            .as_str()
            .map(|s| cfg.norm(s)),
        log_types: strings(&cluster["enabled_cluster_log_types"]),
        ip_family: text(&cluster["kubernetes_network_config"]["ip_family"]),
        service_cidr: cluster["kubernetes_network_config"]["service_ipv4_cidr"]
            .as_str()
            .map(str::to_owned),
        subnets,
        roles,
        access_entries,
        pod_identity,
        tags,
    }
}
