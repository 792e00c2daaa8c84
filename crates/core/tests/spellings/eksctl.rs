//! Read the eksctl target back: the ClusterConfig (serde-saphyr), its
//! placeholders resolved through the prerequisites stack's outputs (the
//! CloudFormation reader), and what scripts/post-deploy.sh does.
//!
//! eksctl has no inputs and writes the partition literally; the reader
//! turns `arn:<partition>:iam::${account}:` (the ARNs the planner builds in
//! the deploying account) back into `arn:${partition}:…`, and the
//! expected facts have the cluster name inlined (see `spellings.rs`).

use std::collections::{BTreeMap, BTreeSet};

use eksplan_core::Bundle;
use serde_json::Value as Json;

use super::cloudformation::{Template, script_subnet_tags};
use super::facts::{EntryFacts, Facts, access_list, argocd, policy_name, scoped};

fn items(v: &Json) -> Vec<&Json> {
    match v {
        Json::Array(a) => a.iter().collect(),
        Json::Null => Vec::new(),
        other => vec![other],
    }
}

struct Config<'a> {
    t: &'a Template,
    partition: String,
}

impl Config<'_> {
    /// A ClusterConfig string with its placeholders resolved.
    fn text(&self, v: &Json) -> String {
        let s = v.as_str().unwrap_or_default();
        let mut out = String::new();
        let mut rest = s;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let end = after.find('}').expect("closed placeholder");
            let name = &after[..end];
            if name == "ClusterAdminArn" {
                out.push_str("${caller}");
            } else {
                let output = &self.t.root["Outputs"][name]["Value"];
                assert!(!output.is_null(), "placeholder ${{{name}}} has no output");
                out.push_str(&self.t.text(output));
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        // The planner builds ARNs in the deploying account with the region's
        // partition; eksctl must write it literally.
        out.replace(
            &format!("arn:{}:iam::${{account}}:", self.partition),
            "arn:${partition}:iam::${account}:",
        )
    }

    fn texts(&self, v: &Json) -> Vec<String> {
        items(v).into_iter().map(|x| self.text(x)).collect()
    }
}

/// The facts of an eksctl bundle.
pub fn read(bundle: &Bundle) -> Facts {
    let config: Json = serde_saphyr::from_str(
        bundle
            .get("eksctl/cluster.yaml")
            .expect("eksctl/cluster.yaml"),
    )
    .expect("the ClusterConfig parses");
    let meta = &config["metadata"];
    let name = meta["name"].as_str().unwrap_or("").to_owned();
    let region = meta["region"].as_str().unwrap_or("").to_owned();
    let root = super::yaml::load(
        bundle
            .get("eksctl/prerequisites.yaml")
            .expect("eksctl/prerequisites.yaml"),
    )
    .expect("the prerequisites template parses");
    let t = Template::new(root, &name);
    let partition = if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    };
    let cfg = Config {
        t: &t,
        partition: partition.into(),
    };
    let vpc = &config["vpc"];
    let auto = &config["autoModeConfig"];
    let access = &config["accessConfig"];
    let public = vpc["clusterEndpoints"]["publicAccess"] == Json::Bool(true);
    let mut subnets = t.subnets();
    if subnets.is_empty() {
        subnets.insert(format!(
            "existing control-plane: {}",
            cfg.texts(&vpc["controlPlaneSubnetIDs"]).join(",")
        ));
        subnets.extend(script_subnet_tags(bundle));
    } else {
        // The ClusterConfig must use the stack's subnets, and no others.
        let created: Vec<String> = t
            .of_type("AWS::EC2::Subnet")
            .into_iter()
            .map(|(id, _)| format!("<{id}>"))
            .collect();
        for tier in ["private", "public"] {
            for (_, s) in vpc["subnets"][tier].as_object().into_iter().flatten() {
                let id = cfg.text(&s["id"]);
                assert!(
                    created.contains(&id),
                    "{tier} subnet {id} is not the stack's"
                );
            }
        }
    }
    let mut access_entries = BTreeMap::new();
    for e in items(&access["accessEntries"]) {
        access_entries.insert(
            cfg.text(&e["principalARN"]),
            EntryFacts {
                entry_type: e["type"].as_str().unwrap_or("STANDARD").to_owned(),
                groups: cfg.texts(&e["kubernetesGroups"]).into_iter().collect(),
                username: e["kubernetesUsername"].as_str().map(str::to_owned),
                policies: items(&e["accessPolicies"])
                    .into_iter()
                    .map(|p| {
                        let scope = &p["accessScope"];
                        scoped(
                            &policy_name(&cfg.text(&p["policyARN"])),
                            scope["type"].as_str().unwrap_or(""),
                            &cfg.texts(&scope["namespaces"]),
                        )
                    })
                    .collect(),
            },
        );
    }
    let pod_identity = items(&config["iam"]["podIdentityAssociations"])
        .into_iter()
        .map(|p| {
            format!(
                "{}/{} -> {}",
                cfg.text(&p["namespace"]),
                cfg.text(&p["serviceAccountName"]),
                cfg.text(&p["roleARN"])
            )
        })
        .collect();
    let post = bundle.get("scripts/post-deploy.sh").unwrap_or_default();
    // eksctl turns on all three capabilities with Auto Mode, and always sets
    // bootstrapSelfManagedAddons to false (pkg/cfn/builder/cluster.go).
    let enabled = auto["enabled"] == Json::Bool(true);
    let tags: std::collections::BTreeMap<String, String> = meta["tags"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                .collect()
        })
        .unwrap_or_default();
    Facts {
        name,
        region,
        version: meta["version"].as_str().unwrap_or("").to_owned(),
        support_type: config["upgradePolicy"]["supportType"]
            .as_str()
            .unwrap_or("STANDARD")
            .to_owned(),
        deletion_protection: post.contains("--deletion-protection"),
        cluster_role: cfg
            .text(&config["iam"]["serviceRoleARN"])
            .trim_start_matches("role:")
            .to_owned(),
        capabilities: [enabled; 3],
        bootstrap_self_managed_addons: false,
        authentication_mode: access["authenticationMode"]
            .as_str()
            .unwrap_or("")
            .to_owned(),
        builtin_pools: cfg.texts(&auto["nodePools"]),
        node_role_arn: (!auto["nodeRoleARN"].is_null()).then(|| cfg.text(&auto["nodeRoleARN"])),
        endpoint_private: vpc["clusterEndpoints"]["privateAccess"] == Json::Bool(true),
        endpoint_public: public,
        public_access_cidrs: if public {
            cfg.texts(&vpc["publicAccessCIDRs"])
        } else {
            Vec::new()
        },
        secrets_key: (!config["secretsEncryption"].is_null())
            .then(|| cfg.text(&config["secretsEncryption"]["keyARN"])),
        log_types: cfg.texts(&config["cloudWatch"]["clusterLogging"]["enableTypes"]),
        ip_family: config["kubernetesNetworkConfig"]["ipFamily"]
            .as_str()
            .unwrap_or("IPv4")
            .to_lowercase(),
        service_cidr: config["kubernetesNetworkConfig"]["serviceIPv4CIDR"]
            .as_str()
            .map(str::to_owned),
        subnets,
        roles: t.roles(),
        access_entries,
        pod_identity,
        eks_capabilities: capabilities(&cfg, &config),
        log_deliveries: BTreeSet::new(),
        buckets: BTreeSet::new(),
        subnet_tags: t.subnet_tags(&tags),
        // Not written by this target (finding TG017).
        node_security_group: BTreeSet::new(),
        // Terraform-only: eksctl's and the prerequisites' stacks are the state.
        state: String::new(),
        tags,
    }
}

/// `capabilities` of the ClusterConfig.
fn capabilities(cfg: &Config, config: &Json) -> BTreeSet<String> {
    items(&config["capabilities"])
        .into_iter()
        .map(|c| {
            let mut out = format!(
                "{} {} role={} delete={}",
                cfg.text(&c["type"]),
                cfg.text(&c["name"]),
                cfg.text(&c["roleArn"]),
                cfg.text(&c["deletePropagationPolicy"])
            );
            let argo = &c["configuration"]["argocd"];
            if !argo.is_null() {
                let mappings = items(&argo["rbacRoleMappings"])
                    .into_iter()
                    .flat_map(|m| {
                        let r = cfg.text(&m["role"]);
                        items(&m["identities"])
                            .into_iter()
                            .map(|i| format!("{r}:{}:{}", cfg.text(&i["type"]), cfg.text(&i["id"])))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                out.push_str(&argocd(
                    &cfg.text(&argo["namespace"]),
                    &cfg.text(&argo["awsIdc"]["idcInstanceArn"]),
                    &cfg.text(&argo["awsIdc"]["idcRegion"]),
                    mappings,
                    cfg.texts(&argo["networkAccess"]["vpceIds"]),
                ));
            }
            out.push_str(&access_list(
                items(&c["accessPolicies"])
                    .into_iter()
                    .map(|p| {
                        let scope = &p["accessScope"];
                        scoped(
                            &policy_name(&cfg.text(&p["policyARN"])),
                            scope["type"].as_str().unwrap_or(""),
                            &cfg.texts(&scope["namespaces"]),
                        )
                    })
                    .collect(),
            ));
            out
        })
        .collect()
}
