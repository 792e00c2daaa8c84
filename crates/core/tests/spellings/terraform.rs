//! Read the Terraform target back (with the independent `hcl-rs` parser).

use std::collections::{BTreeMap, BTreeSet};

use eksplan_core::Bundle;
use serde_json::{Map, Value as Json};

use super::facts::{
    EntryFacts, Facts, RoleFacts, access_list, argocd, policy_name, scoped, statement,
};

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
            ["aws_vpc", _, "cidr_block"] => "vpc:cidr".into(),
            ["aws_vpc", _, "ipv6_cidr_block"] => "vpc:ipv6-cidr".into(),
            ["aws_eks_cluster", _, "arn"] => "cluster:arn".into(),
            ["aws_cloudwatch_log_group", name, "arn"] => format!(
                "log-group:{}",
                self.norm(
                    self.resource("aws_cloudwatch_log_group", name)["name"]
                        .as_str()
                        .unwrap_or("?")
                )
            ),
            ["aws_s3_bucket", name, "arn"] => format!(
                "bucket:{}",
                self.resource("aws_s3_bucket", name)["bucket_prefix"]
                    .as_str()
                    .unwrap_or("?")
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
    let eks_capabilities = capabilities(&cfg);
    let log_deliveries = log_deliveries(&cfg);
    let buckets = buckets(&cfg);
    let mut subnet_tags = BTreeSet::new();
    for (_, s) in cfg.resources("aws_subnet") {
        if let Some(t) = s["tags"].as_object() {
            for (k, v) in t {
                subnet_tags.insert(format!(
                    "{} {k}={}",
                    text(&s["cidr_block"]),
                    v.as_str().unwrap_or("")
                ));
            }
        }
    }

    // The node security group: the one with egress rules (the endpoint
    // group has none), its tags and rules.
    let mut node_security_group = BTreeSet::new();
    let egress = cfg.resources("aws_vpc_security_group_egress_rule");
    for (label, sg) in cfg.resources("aws_security_group") {
        let id = format!("${{aws_security_group.{label}.id}}");
        let rules = |ty: &str, dir: &str| -> Vec<String> {
            cfg.resources(ty)
                .into_iter()
                .filter(|(_, r)| r["security_group_id"] == id.as_str())
                .map(|(_, r)| {
                    let peer = r["cidr_ipv4"]
                        .as_str()
                        .or(r["cidr_ipv6"].as_str())
                        .map(|p| cfg.norm(p))
                        .unwrap_or_default();
                    let proto = match r["ip_protocol"].as_str() {
                        Some("-1") => "all".to_owned(),
                        Some(p) => format!(
                            "{p} {}-{}",
                            r["from_port"].as_u64().unwrap_or(0),
                            r["to_port"].as_u64().unwrap_or(0)
                        ),
                        None => "?".to_owned(),
                    };
                    format!("{dir} {peer} {proto}")
                })
                .collect()
        };
        if !egress
            .iter()
            .any(|(_, r)| r["security_group_id"] == id.as_str())
        {
            continue;
        }
        node_security_group.insert(format!("name {}", text(&sg["name"])));
        if let Some(t) = sg["tags"].as_object() {
            for (k, v) in t {
                node_security_group.insert(format!("tag {k}={}", v.as_str().unwrap_or("")));
            }
        }
        node_security_group.extend(rules("aws_vpc_security_group_ingress_rule", "in"));
        node_security_group.extend(rules("aws_vpc_security_group_egress_rule", "out"));
    }

    let backend = &cfg.root["terraform"]["backend"]["s3"];
    let state = if backend.is_null() {
        "local".to_owned()
    } else {
        let locked = backend["use_lockfile"] == Json::Bool(true);
        let encrypted = backend["encrypt"] == Json::Bool(true);
        format!(
            "s3 {} {} {}{}{}",
            backend["bucket"].as_str().unwrap_or("?"),
            text(&backend["key"]),
            text(&backend["region"]),
            if locked { " locked" } else { "" },
            if encrypted { " encrypted" } else { "" },
        )
    };

    let public = cluster["vpc_config"]["endpoint_public_access"] == Json::Bool(true);
    Facts {
        name: text(&var_or(&cluster["name"], "cluster_name")),
        region: text(cfg.variable("region")),
        version: text(&var_or(&cluster["version"], "kubernetes_version")),
        support_type: text(&cluster["upgrade_policy"]["support_type"]),
        deletion_protection: var_or(&cluster["deletion_protection"], "deletion_protection")
            == Json::Bool(true),
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
        eks_capabilities,
        log_deliveries,
        buckets,
        subnet_tags,
        node_security_group,
        state,
    }
}

fn text(v: &Json) -> String {
    v.as_str().unwrap_or("").to_owned()
}

/// `aws_eks_capability` and the access policies associated with its role
/// (those that do not go through an `aws_eks_access_entry`).
fn capabilities(cfg: &Config) -> BTreeSet<String> {
    let associations: Vec<(String, String)> = cfg
        .resources("aws_eks_access_policy_association")
        .into_iter()
        .filter(|(_, a)| {
            target_name(
                a["principal_arn"].as_str().unwrap_or(""),
                "aws_eks_access_entry",
            )
            .is_none()
        })
        .map(|(_, a)| {
            let scope = &a["access_scope"];
            (
                cfg.norm(&text(&a["principal_arn"])),
                scoped(
                    &policy_name(&cfg.norm(&text(&a["policy_arn"]))),
                    scope["type"].as_str().unwrap_or(""),
                    &strings(&scope["namespaces"]),
                ),
            )
        })
        .collect();
    cfg.resources("aws_eks_capability")
        .into_iter()
        .map(|(_, c)| {
            let role = cfg.norm(&text(&c["role_arn"]));
            let mut out = format!(
                "{} {} role={role} delete={}",
                text(&c["type"]),
                text(&c["capability_name"]),
                text(&c["delete_propagation_policy"])
            );
            let argo = &c["configuration"]["argo_cd"];
            if !argo.is_null() {
                let idc = &argo["aws_idc"];
                let mappings = items(&argo["rbac_role_mapping"])
                    .into_iter()
                    .flat_map(|m| {
                        let r = text(&m["role"]);
                        items(&m["identity"])
                            .into_iter()
                            .map(move |i| format!("{r}:{}:{}", text(&i["type"]), text(&i["id"])))
                    })
                    .collect();
                out.push_str(&argocd(
                    &text(&argo["namespace"]),
                    &text(&idc["idc_instance_arn"]),
                    &cfg.norm(&text(&idc["idc_region"])),
                    mappings,
                    strings(&argo["network_access"]["vpce_ids"]),
                ));
            }
            out.push_str(&access_list(
                associations
                    .iter()
                    .filter(|(p, _)| *p == role)
                    .map(|(_, a)| a.clone())
                    .collect(),
            ));
            out
        })
        .collect()
}

/// Sources, destination and deliveries of component logs.
fn log_deliveries(cfg: &Config) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, d) in cfg.resources("aws_cloudwatch_log_delivery") {
        let source = target_name(
            d["delivery_source_name"].as_str().unwrap_or(""),
            "aws_cloudwatch_log_delivery_source",
        )
        .map(|l| cfg.resource("aws_cloudwatch_log_delivery_source", l))
        .unwrap_or(&Json::Null);
        let dest = target_name(
            d["delivery_destination_arn"].as_str().unwrap_or(""),
            "aws_cloudwatch_log_delivery_destination",
        )
        .map(|l| cfg.resource("aws_cloudwatch_log_delivery_destination", l))
        .unwrap_or(&Json::Null);
        let arn = text(&dest["delivery_destination_configuration"]["destination_resource_arn"]);
        let target = match target_name(&arn, "aws_cloudwatch_log_group") {
            Some(g) => {
                let g = cfg.resource("aws_cloudwatch_log_group", g);
                format!(
                    "log-group:{} retention={} kms={}",
                    cfg.norm(&text(&g["name"])),
                    g["retention_in_days"].as_u64().unwrap_or_default(),
                    cfg.norm(&text(&g["kms_key_id"]))
                )
            }
            None => cfg.norm(&arn),
        };
        out.insert(format!(
            "{} {} from {} -> {} {target}",
            text(&source["log_type"]),
            text(&source["name"]),
            cfg.norm(&text(&source["resource_arn"])),
            text(&dest["name"])
        ));
    }
    out
}

/// Buckets, their configuration resources and policies.
fn buckets(cfg: &Config) -> BTreeSet<String> {
    let of = |ty: &str, label: &str| -> Json {
        cfg.resources(ty)
            .into_iter()
            .find(|(_, r)| {
                target_name(r["bucket"].as_str().unwrap_or(""), "aws_s3_bucket") == Some(label)
            })
            .map(|(_, r)| r.clone())
            .unwrap_or(Json::Null)
    };
    let mut out = BTreeSet::new();
    for (label, b) in cfg.resources("aws_s3_bucket") {
        let prefix = text(&b["bucket_prefix"]);
        let sse = &of("aws_s3_bucket_server_side_encryption_configuration", label)["rule"]["apply_server_side_encryption_by_default"];
        let sse = match sse["kms_master_key_id"].as_str() {
            Some(k) => cfg.norm(k),
            None => text(&sse["sse_algorithm"]),
        };
        let versioned = of("aws_s3_bucket_versioning", label)["versioning_configuration"]["status"]
            == Json::String("Enabled".into());
        let expire =
            of("aws_s3_bucket_lifecycle_configuration", label)["rule"]["expiration"]["days"]
                .as_u64()
                .unwrap_or_default();
        out.insert(format!(
            "{prefix} sse={sse} versioned={versioned} expire={expire} force_destroy={}",
            b["force_destroy"] == Json::Bool(true)
        ));
        let policy = of("aws_s3_bucket_policy", label);
        for st in cfg.document(&text(&policy["policy"])) {
            out.insert(format!("{prefix} policy {st}"));
        }
    }
    out
}
