//! Read the Pulumi targets back: `Pulumi.yaml` with serde-saphyr, the
//! program with the purpose-built reader in `source.rs`.

use std::collections::{BTreeMap, BTreeSet};

use eksplan_core::Bundle;
use serde_json::Value as Json;

use super::facts::{
    EntryFacts, Facts, RoleFacts, access_list, argocd, policy_name, scoped, statement,
};
use super::source::{self, Lang, Program, V};

struct Reader {
    prog: Program,
    config: Json,
}

fn snake(camel: &str) -> String {
    let mut out = String::new();
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

impl Reader {
    fn res(&self, i: usize) -> &source::Resource {
        &self.prog.resources[i]
    }

    /// A value in the facts' notation.
    fn norm(&self, v: &V) -> String {
        match v {
            V::Str(s) => s.clone(),
            V::Num(n) => n.clone(),
            V::Bool(b) => b.to_string(),
            V::Concat(parts) => parts.iter().map(|p| self.norm(p)).collect(),
            V::Config(k) if k == "clusterName" => "${cluster_name}".into(),
            V::Config(k) => format!("${{{}}}", snake(k)),
            V::Ctx(c) => match c.as_str() {
                "partition" => "${partition}".into(),
                "account" => "${account}".into(),
                "region" => "${region}".into(),
                "caller" => "${caller}".into(),
                other => other.to_owned(),
            },
            V::Attr(i, field) => {
                let r = self.res(*i);
                match (r.ty.as_str(), field.as_str()) {
                    ("iam.Role", "arn") => format!("role:{}", self.norm(&r.args.field("name"))),
                    ("kms.Key", "arn") => "kms:created".into(),
                    ("eks.Cluster", "arn") => "cluster:arn".into(),
                    ("cloudwatch.LogGroup", "arn") => {
                        format!("log-group:{}", self.norm(&r.args.field("name")))
                    }
                    ("s3.Bucket", "arn") => {
                        format!("bucket:{}", self.norm(&r.args.field("bucketPrefix")))
                    }
                    (ty, f) => format!("{ty}.{f}"),
                }
            }
            V::List(items) => items
                .iter()
                .map(|i| self.norm(i))
                .collect::<Vec<_>>()
                .join(","),
            other => format!("?{other:?}"),
        }
    }

    /// A config input replaced by its default from `Pulumi.yaml`.
    fn resolve(&self, v: &V) -> V {
        match v {
            V::Config(k) => match &self.config[k]["default"] {
                Json::String(s) => V::Str(s.clone()),
                Json::Bool(b) => V::Bool(*b),
                Json::Array(items) => V::List(
                    items
                        .iter()
                        .map(|i| V::Str(i.as_str().unwrap_or("").to_owned()))
                        .collect(),
                ),
                _ => V::Unknown,
            },
            V::Each(list) => self.resolve(list),
            other => other.clone(),
        }
    }

    fn strings(&self, v: &V) -> Vec<String> {
        self.resolve(v)
            .items()
            .iter()
            .map(|i| self.norm(i))
            .collect()
    }

    fn text(&self, v: &V) -> String {
        self.norm(&self.resolve(v))
    }

    fn of_type(&self, ty: &str) -> Vec<(usize, &source::Resource)> {
        self.prog
            .resources
            .iter()
            .enumerate()
            .filter(|(_, r)| r.ty == ty)
            .collect()
    }

    /// The statements of a policy document: IAM JSON (TypeScript) or the
    /// `getPolicyDocument` arguments (Go).
    fn document(&self, v: &V) -> BTreeSet<String> {
        let v = match v {
            V::Invoke(_, args) => (**args).clone(),
            other => other.clone(),
        };
        let mut out = BTreeSet::new();
        if let V::List(statements) = v.field("Statement") {
            for st in statements {
                let mut principals = Vec::new();
                if let V::Obj(kinds) = st.field("Principal") {
                    for (kind, ids) in kinds {
                        principals.push((kind, ids.items().iter().map(|i| self.norm(i)).collect()));
                    }
                }
                let mut conditions = Vec::new();
                if let V::Obj(tests) = st.field("Condition") {
                    for (test, vars) in tests {
                        if let V::Obj(vars) = vars {
                            for (var, values) in vars {
                                conditions.push((
                                    test.clone(),
                                    var,
                                    values.items().iter().map(|i| self.norm(i)).collect(),
                                ));
                            }
                        }
                    }
                }
                out.insert(statement(
                    &principals,
                    &self.strings(&st.field("Action")),
                    &self.strings(&st.field("Resource")),
                    &conditions,
                ));
            }
        }
        for st in v.field("statements").items() {
            let principals: Vec<(String, Vec<String>)> = st
                .field("principals")
                .items()
                .iter()
                .map(|p| {
                    (
                        self.norm(&p.field("type")),
                        self.strings(&p.field("identifiers")),
                    )
                })
                .collect();
            let conditions: Vec<(String, String, Vec<String>)> = st
                .field("conditions")
                .items()
                .iter()
                .map(|c| {
                    (
                        self.norm(&c.field("test")),
                        self.norm(&c.field("variable")),
                        self.strings(&c.field("values")),
                    )
                })
                .collect();
            out.insert(statement(
                &principals,
                &self.strings(&st.field("actions")),
                &self.strings(&st.field("resources")),
                &conditions,
            ));
        }
        out
    }
}

/// The facts of a Pulumi bundle.
pub fn read(bundle: &Bundle, lang: Lang) -> Facts {
    let path = match lang {
        Lang::Ts => "pulumi/index.ts",
        Lang::Go => "pulumi/main.go",
    };
    let text = bundle.get(path).unwrap_or_else(|| panic!("{path} missing"));
    let prog = source::read(text, lang).unwrap_or_else(|e| panic!("{path}: {e}"));
    let yaml = bundle.get("pulumi/Pulumi.yaml").expect("Pulumi.yaml");
    let project: Json = serde_saphyr::from_str(yaml).expect("Pulumi.yaml parses");
    let r = Reader {
        prog,
        config: project["config"].clone(),
    };
    let clusters = r.of_type("eks.Cluster");
    assert_eq!(clusters.len(), 1, "one eks.Cluster");
    let c = &clusters[0].1.args;
    let compute = c.field("computeConfig");
    let vpc = c.field("vpcConfig");
    let flag = |v: V| r.resolve(&v) == V::Bool(true);

    let mut subnets = BTreeSet::new();
    let created = r.of_type("ec2.Subnet");
    if created.is_empty() {
        subnets.insert(format!(
            "existing control-plane: {}",
            r.strings(&vpc.field("subnetIds")).join(",")
        ));
        for (_, t) in r.of_type("ec2.Tag") {
            subnets.insert(format!(
                "tag {}={} on {}",
                r.text(&t.args.field("key")),
                r.text(&t.args.field("value")),
                r.strings(&t.args.field("resourceId")).join(",")
            ));
        }
    } else {
        for (_, s) in created {
            let role = match s.args.field("tags") {
                V::Obj(tags) => tags
                    .into_iter()
                    .map(|(k, _)| k)
                    .find(|k| k.starts_with("kubernetes.io/role/"))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            subnets.insert(format!(
                "{} {} {role}",
                r.norm(&s.args.field("availabilityZone")),
                r.norm(&s.args.field("cidrBlock"))
            ));
        }
    }

    let mut roles: BTreeMap<String, RoleFacts> = BTreeMap::new();
    let mut role_names: BTreeMap<usize, String> = BTreeMap::new();
    for (i, role) in r.of_type("iam.Role") {
        let name = r.norm(&role.args.field("name"));
        role_names.insert(i, name.clone());
        roles.insert(
            name,
            RoleFacts {
                trust: r.document(&role.args.field("assumeRolePolicy")),
                ..RoleFacts::default()
            },
        );
    }
    let role_of = |v: &V| match v {
        V::Attr(i, _) => role_names.get(i).cloned(),
        _ => None,
    };
    for (_, a) in r.of_type("iam.RolePolicyAttachment") {
        if let Some(role) = role_of(&a.args.field("role")).and_then(|n| roles.get_mut(&n)) {
            role.managed_policies
                .insert(policy_name(&r.norm(&a.args.field("policyArn"))));
        }
    }
    for (_, p) in r.of_type("iam.RolePolicy") {
        let statements = r.document(&p.args.field("policy"));
        if let Some(role) = role_of(&p.args.field("role")).and_then(|n| roles.get_mut(&n)) {
            role.inline.extend(statements);
        }
    }

    let mut capability_access: Vec<(String, String)> = Vec::new();
    let mut access_entries: BTreeMap<String, EntryFacts> = BTreeMap::new();
    let mut entry_principals: BTreeMap<usize, String> = BTreeMap::new();
    for (i, e) in r.of_type("eks.AccessEntry") {
        let principal = r.norm(&e.args.field("principalArn"));
        entry_principals.insert(i, principal.clone());
        access_entries.insert(
            principal,
            EntryFacts {
                entry_type: r.norm(&e.args.field("type")),
                groups: r
                    .strings(&e.args.field("kubernetesGroups"))
                    .into_iter()
                    .collect(),
                username: match e.args.field("userName") {
                    V::Unknown => None,
                    u => Some(r.norm(&u)),
                },
                policies: BTreeSet::new(),
            },
        );
    }
    for (_, a) in r.of_type("eks.AccessPolicyAssociation") {
        let scope = a.args.field("accessScope");
        let policy = scoped(
            &policy_name(&r.norm(&a.args.field("policyArn"))),
            &r.norm(&scope.field("type")),
            &r.strings(&scope.field("namespaces")),
        );
        match a.args.field("principalArn") {
            V::Attr(i, _) if entry_principals.contains_key(&i) => {
                if let Some(entry) = entry_principals
                    .get(&i)
                    .and_then(|p| access_entries.get_mut(p))
                {
                    entry.policies.insert(policy);
                }
            }
            // Not through an access entry: one EKS creates for a capability.
            other => capability_access.push((r.norm(&other), policy)),
        }
    }

    let pod_identity = r
        .of_type("eks.PodIdentityAssociation")
        .into_iter()
        .map(|(_, p)| {
            format!(
                "{}/{} -> {}",
                r.norm(&p.args.field("namespace")),
                r.norm(&p.args.field("serviceAccount")),
                r.norm(&p.args.field("roleArn"))
            )
        })
        .collect();

    let tags = r.config["aws:defaultTags"]["value"]["tags"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let mut subnet_tags = BTreeSet::new();
    for (_, s) in r.of_type("ec2.Subnet") {
        if let V::Obj(t) = s.args.field("tags") {
            let cidr = r.norm(&s.args.field("cidrBlock"));
            for (k, v) in t {
                subnet_tags.insert(format!("{cidr} {k}={}", r.text(&v)));
            }
        }
    }
    let network = c.field("kubernetesNetworkConfig");
    let public = flag(vpc.field("endpointPublicAccess"));
    let optional = |v: V| match v {
        V::Unknown => None,
        v => Some(r.norm(&v)),
    };
    Facts {
        subnet_tags,
        // Not written by this target (finding TG017).
        node_security_group: BTreeSet::new(),
        // Terraform-only: the Pulumi backend keeps the state.
        state: String::new(),
        name: r.text(&c.field("name")),
        region: r.config["aws:region"]["value"]
            .as_str()
            .unwrap_or("")
            .to_owned(),
        version: r.text(&c.field("version")),
        support_type: r.norm(&c.field("upgradePolicy").field("supportType")),
        deletion_protection: flag(c.field("deletionProtection")),
        cluster_role: r
            .norm(&c.field("roleArn"))
            .trim_start_matches("role:")
            .to_owned(),
        capabilities: [
            flag(compute.field("enabled")),
            flag(network.field("elasticLoadBalancing").field("enabled")),
            flag(
                c.field("storageConfig")
                    .field("blockStorage")
                    .field("enabled"),
            ),
        ],
        bootstrap_self_managed_addons: flag(c.field("bootstrapSelfManagedAddons")),
        authentication_mode: r.norm(&c.field("accessConfig").field("authenticationMode")),
        builtin_pools: r.strings(&compute.field("nodePools")),
        node_role_arn: optional(compute.field("nodeRoleArn")),
        endpoint_private: flag(vpc.field("endpointPrivateAccess")),
        endpoint_public: public,
        public_access_cidrs: if public {
            r.strings(&vpc.field("publicAccessCidrs"))
        } else {
            Vec::new()
        },
        secrets_key: optional(
            c.field("encryptionConfig")
                .field("provider")
                .field("keyArn"),
        ),
        log_types: r.strings(&c.field("enabledClusterLogTypes")),
        ip_family: r.norm(&network.field("ipFamily")),
        service_cidr: optional(network.field("serviceIpv4Cidr")),
        subnets,
        roles,
        access_entries,
        pod_identity,
        tags,
        eks_capabilities: capabilities(&r, &capability_access),
        log_deliveries: log_deliveries(&r),
        buckets: buckets(&r),
    }
}

/// `eks.Capability` and the access policies associated with its role.
fn capabilities(r: &Reader, access: &[(String, String)]) -> BTreeSet<String> {
    r.of_type("eks.Capability")
        .into_iter()
        .map(|(_, c)| {
            let role = r.norm(&c.args.field("roleArn"));
            let mut out = format!(
                "{} {} role={role} delete={}",
                r.norm(&c.args.field("type")),
                r.norm(&c.args.field("capabilityName")),
                r.norm(&c.args.field("deletePropagationPolicy"))
            );
            let argo = c.args.field("configuration").field("argoCd");
            if argo != V::Unknown {
                let idc = argo.field("awsIdc");
                let mappings = argo
                    .field("rbacRoleMappings")
                    .items()
                    .into_iter()
                    .flat_map(|m| {
                        let role = r.norm(&m.field("role"));
                        m.field("identities")
                            .items()
                            .into_iter()
                            .map(|i| {
                                format!(
                                    "{role}:{}:{}",
                                    r.norm(&i.field("type")),
                                    r.norm(&i.field("id"))
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect();
                out.push_str(&argocd(
                    &r.norm(&argo.field("namespace")),
                    &r.norm(&idc.field("idcInstanceArn")),
                    &r.text(&idc.field("idcRegion")),
                    mappings,
                    r.strings(&argo.field("networkAccess").field("vpceIds")),
                ));
            }
            out.push_str(&access_list(
                access
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
fn log_deliveries(r: &Reader) -> BTreeSet<String> {
    let of = |v: &V| match v {
        V::Attr(i, _) => Some(r.res(*i)),
        _ => None,
    };
    let mut out = BTreeSet::new();
    for (_, d) in r.of_type("cloudwatch.LogDelivery") {
        let (Some(source), Some(dest)) = (
            of(&d.args.field("deliverySourceName")),
            of(&d.args.field("deliveryDestinationArn")),
        ) else {
            out.insert("delivery without a source or destination".to_owned());
            continue;
        };
        let arn = dest
            .args
            .field("deliveryDestinationConfiguration")
            .field("destinationResourceArn");
        let target = match of(&arn).filter(|g| g.ty == "cloudwatch.LogGroup") {
            Some(g) => format!(
                "log-group:{} retention={} kms={}",
                r.norm(&g.args.field("name")),
                r.norm(&g.args.field("retentionInDays")),
                match g.args.field("kmsKeyId") {
                    V::Unknown => String::new(),
                    k => r.norm(&k),
                }
            ),
            None => r.norm(&arn),
        };
        out.insert(format!(
            "{} {} from {} -> {} {target}",
            r.norm(&source.args.field("logType")),
            r.norm(&source.args.field("name")),
            r.norm(&source.args.field("resourceArn")),
            r.norm(&dest.args.field("name"))
        ));
    }
    out
}

/// Buckets, their configuration resources and policies.
fn buckets(r: &Reader) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, b) in r.of_type("s3.Bucket") {
        let of = |ty: &str| -> V {
            r.of_type(ty)
                .into_iter()
                .find(|(_, x)| matches!(x.args.field("bucket"), V::Attr(j, _) if j == i))
                .map(|(_, x)| x.args.clone())
                .unwrap_or(V::Unknown)
        };
        let prefix = r.norm(&b.args.field("bucketPrefix"));
        let rule = |v: V| v.items().into_iter().next().unwrap_or(V::Unknown);
        let sse = rule(of("s3.BucketServerSideEncryptionConfiguration").field("rules"))
            .field("applyServerSideEncryptionByDefault");
        let sse = match sse.field("kmsMasterKeyId") {
            V::Unknown => r.norm(&sse.field("sseAlgorithm")),
            k => r.norm(&k),
        };
        let versioned = r.norm(
            &of("s3.BucketVersioning")
                .field("versioningConfiguration")
                .field("status"),
        ) == "Enabled";
        let expire = r.norm(
            &rule(of("s3.BucketLifecycleConfiguration").field("rules"))
                .field("expiration")
                .field("days"),
        );
        out.insert(format!(
            "{prefix} sse={sse} versioned={versioned} expire={expire} force_destroy={}",
            b.args.field("forceDestroy") == V::Bool(true)
        ));
        for st in r.document(&of("s3.BucketPolicy").field("policy")) {
            out.insert(format!("{prefix} policy {st}"));
        }
    }
    out
}
