//! The facts every target must spell the same way, and how to read them
//! from a Design.
//!
//! Values are normalised to one notation, independent of any target:
//! `${partition}`, `${account}`, `${region}`, `${cluster_name}` and
//! `${caller}` for the deployment context, `role:<name>` for the ARN of a
//! role the bundle creates, `kms:created` for the created secrets key,
//! `cluster:arn` for the cluster's ARN, `log-group:<name>` for a created
//! log group's ARN. AWS-managed IAM policies and EKS access policies are
//! reduced to their names.

use std::collections::{BTreeMap, BTreeSet};

use eksplan_core::design::{
    Attr, Design, ExistingSubnets, InputId, Kind, NetworkSpec, Part, PolicyDocument, Value, Zone,
};

/// A role: who may assume it and what it may do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleFacts {
    /// `Service:eks.amazonaws.com`, `AWS:${account}`… with their actions.
    pub trust: BTreeSet<String>,
    /// Managed policies (names for AWS-managed ones, else the ARN).
    pub managed_policies: BTreeSet<String>,
    /// Inline policies: every statement's actions and resources.
    pub inline: BTreeSet<String>,
}

/// An access entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryFacts {
    /// `STANDARD`, `EC2`….
    pub entry_type: String,
    /// Kubernetes groups.
    pub groups: BTreeSet<String>,
    /// User name.
    pub username: Option<String>,
    /// `<policy>@cluster` or `<policy>@namespace:a,b`.
    pub policies: BTreeSet<String>,
}

/// Everything that must agree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub name: String,
    pub region: String,
    pub version: String,
    pub support_type: String,
    pub deletion_protection: bool,
    pub cluster_role: String,
    /// compute, load balancing, block storage.
    pub capabilities: [bool; 3],
    pub bootstrap_self_managed_addons: bool,
    pub authentication_mode: String,
    pub builtin_pools: Vec<String>,
    pub node_role_arn: Option<String>,
    pub endpoint_private: bool,
    pub endpoint_public: bool,
    pub public_access_cidrs: Vec<String>,
    /// `kms:created`, an ARN, or none.
    pub secrets_key: Option<String>,
    pub log_types: Vec<String>,
    pub ip_family: String,
    pub service_cidr: Option<String>,
    /// `<zone> <cidr> <load-balancer role tag>` per created subnet, or
    /// `existing control-plane: <ids>` and the tags added to existing lists.
    pub subnets: BTreeSet<String>,
    /// By role name.
    pub roles: BTreeMap<String, RoleFacts>,
    /// By normalised principal ARN.
    pub access_entries: BTreeMap<String, EntryFacts>,
    /// `<namespace>/<service account> -> <role>`.
    pub pod_identity: BTreeSet<String>,
    /// Tags on every resource.
    pub tags: BTreeMap<String, String>,
}

impl Facts {
    /// Human-readable differences between the expected facts (`self`) and
    /// what a target wrote.
    pub fn differences(&self, actual: &Facts) -> Vec<String> {
        let mut out = Vec::new();
        macro_rules! cmp {
            ($($field:ident),*) => {$(
                if self.$field != actual.$field {
                    out.push(format!(
                        "{}: expected {:?}, found {:?}",
                        stringify!($field), self.$field, actual.$field
                    ));
                }
            )*};
        }
        cmp!(
            name,
            region,
            version,
            support_type,
            deletion_protection,
            cluster_role,
            capabilities,
            bootstrap_self_managed_addons,
            authentication_mode,
            builtin_pools,
            node_role_arn,
            endpoint_private,
            endpoint_public,
            public_access_cidrs,
            secrets_key,
            log_types,
            ip_family,
            service_cidr,
            subnets,
            access_entries,
            pod_identity,
            tags
        );
        for (name, want) in &self.roles {
            match actual.roles.get(name) {
                None => out.push(format!("role {name}: missing")),
                Some(got) if got != want => {
                    out.push(format!("role {name}: expected {want:?}, found {got:?}"));
                }
                Some(_) => {}
            }
        }
        for name in actual.roles.keys().filter(|n| !self.roles.contains_key(*n)) {
            out.push(format!("role {name}: not in the design"));
        }
        out
    }
}

/// An IAM policy ARN reduced to a name when AWS manages it.
pub fn policy_name(arn: &str) -> String {
    for marker in [":iam::aws:policy/", ":cluster-access-policy/"] {
        if let Some((_, name)) = arn.split_once(marker) {
            return name.to_owned();
        }
    }
    arn.to_owned()
}

/// A statement in normalised form.
pub fn statement(
    principals: &[(String, Vec<String>)],
    actions: &[String],
    resources: &[String],
    conditions: &[(String, String, Vec<String>)],
) -> String {
    let mut p: Vec<String> = principals
        .iter()
        .flat_map(|(kind, ids)| ids.iter().map(move |i| format!("{kind}:{i}")))
        .collect();
    p.sort();
    let mut a = actions.to_vec();
    a.sort();
    let mut r = resources.to_vec();
    r.sort();
    let mut c: Vec<String> = conditions
        .iter()
        .map(|(test, var, values)| {
            let mut v = values.clone();
            v.sort();
            format!("{test} {var} {}", v.join(","))
        })
        .collect();
    c.sort();
    format!(
        "principals [{}] actions [{}] resources [{}] when [{}]",
        p.join(" "),
        a.join(" "),
        r.join(" "),
        c.join("; ")
    )
}

fn value(d: &Design, v: &Value) -> String {
    v.0.iter()
        .map(|p| match p {
            Part::Text(t) => t.clone(),
            Part::Partition => "${partition}".into(),
            Part::AccountId => "${account}".into(),
            Part::Region => "${region}".into(),
            Part::Input(InputId::ClusterName) => "${cluster_name}".into(),
            Part::Input(other) => format!("${{{}}}", other.key().snake()),
            Part::CallerArn => "${caller}".into(),
            Part::Ref(r, attr) => match (r.kind, attr) {
                (Kind::Role, Attr::Arn) => format!(
                    "role:{}",
                    d.role(&r.key).map(|x| x.name.as_str()).unwrap_or("?")
                ),
                (Kind::KmsKey, Attr::Arn) => "kms:created".into(),
                (Kind::Cluster, Attr::Arn) => "cluster:arn".into(),
                (Kind::LogGroup, Attr::Arn) => format!(
                    "log-group:{}",
                    d.log_group(&r.key)
                        .map(|g| value(d, &g.name))
                        .unwrap_or_default()
                ),
                (kind, attr) => format!("{kind:?}.{}.{attr:?}", r.key),
            },
        })
        .collect()
}

fn document(d: &Design, doc: &PolicyDocument) -> BTreeSet<String> {
    doc.statements
        .iter()
        .map(|s| {
            statement(
                &s.principals
                    .iter()
                    .map(|p| {
                        (
                            p.kind.as_str().to_owned(),
                            p.identifiers.iter().map(|i| value(d, i)).collect(),
                        )
                    })
                    .collect::<Vec<_>>(),
                &s.actions,
                &s.resources.iter().map(|r| value(d, r)).collect::<Vec<_>>(),
                &s.conditions
                    .iter()
                    .map(|c| {
                        (
                            c.test.clone(),
                            c.variable.clone(),
                            c.values.iter().map(|v| value(d, v)).collect(),
                        )
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// The facts of a design.
pub fn from_design(d: &Design) -> Facts {
    let c = &d.cluster;
    let mut subnets = BTreeSet::new();
    match &d.network {
        NetworkSpec::Create(vpc) => {
            for s in vpc.subnets() {
                let zone = match &vpc.zones[s.zone] {
                    Zone::Named(n) => n.clone(),
                    Zone::Available(i) => format!("az:{i}"),
                };
                let role = s
                    .tags
                    .keys()
                    .find(|k| k.starts_with("kubernetes.io/role/"))
                    .cloned()
                    .unwrap_or_default();
                subnets.insert(format!("{zone} {} {role}", s.cidr));
            }
        }
        NetworkSpec::Existing(e) => {
            subnets.insert(format!(
                "existing control-plane: {}",
                e.control_plane_subnet_ids.join(",")
            ));
            for t in &e.subnet_tags {
                let list = match t.subnets {
                    ExistingSubnets::ControlPlane => &e.control_plane_subnet_ids,
                    ExistingSubnets::Node => &e.node_subnet_ids,
                    ExistingSubnets::Public => &e.public_subnet_ids,
                };
                subnets.insert(format!("tag {}={} on {}", t.tag, t.value, list.join(",")));
            }
        }
    }
    Facts {
        name: c.name.clone(),
        region: c.region.clone(),
        version: c.version.clone(),
        support_type: c.support_type.as_str().into(),
        deletion_protection: c.deletion_protection,
        cluster_role: d.role(&c.role).map(|r| r.name.clone()).unwrap_or_default(),
        capabilities: [c.compute.enabled, c.elastic_load_balancing, c.block_storage],
        bootstrap_self_managed_addons: c.bootstrap_self_managed_addons,
        authentication_mode: c.authentication_mode.as_str().into(),
        builtin_pools: c
            .compute
            .pool_names()
            .iter()
            .map(|s| s.to_string())
            .collect(),
        node_role_arn: c.compute.node_role_arn.as_ref().map(|v| value(d, v)),
        endpoint_private: c.endpoint_private_access,
        endpoint_public: c.endpoint_public_access,
        public_access_cidrs: c.public_access_cidrs.clone(),
        secrets_key: c.encryption.as_ref().map(|e| value(d, &e.key_arn())),
        log_types: c.log_types.iter().map(|t| t.as_str().to_owned()).collect(),
        ip_family: c.ip_family.as_str().into(),
        service_cidr: c.service_ipv4_cidr.clone(),
        subnets,
        roles: d
            .roles
            .iter()
            .map(|r| {
                (
                    r.name.clone(),
                    RoleFacts {
                        trust: document(d, &r.trust),
                        managed_policies: r
                            .managed_policies
                            .iter()
                            .map(|p| policy_name(&value(d, p)))
                            .collect(),
                        inline: r
                            .inline_policies
                            .iter()
                            .flat_map(|p| document(d, &p.document))
                            .collect(),
                    },
                )
            })
            .collect(),
        access_entries: d
            .access_entries
            .iter()
            .map(|e| {
                (
                    value(d, &e.principal_arn),
                    EntryFacts {
                        entry_type: e.entry_type.as_str().into(),
                        groups: e.kubernetes_groups.iter().cloned().collect(),
                        username: e.username.clone(),
                        policies: e
                            .policies
                            .iter()
                            .map(|p| {
                                scoped(
                                    &policy_name(&value(d, &p.policy_arn)),
                                    p.scope.as_str(),
                                    &p.namespaces,
                                )
                            })
                            .collect(),
                    },
                )
            })
            .collect(),
        pod_identity: d
            .pod_identity
            .iter()
            .map(|p| {
                format!(
                    "{}/{} -> {}",
                    p.namespace,
                    p.service_account,
                    value(d, &p.role_arn)
                )
            })
            .collect(),
        tags: c.tags.clone(),
    }
}

/// An access policy association in normalised form.
pub fn scoped(policy: &str, scope: &str, namespaces: &[String]) -> String {
    if namespaces.is_empty() {
        format!("{policy}@{scope}")
    } else {
        let mut ns = namespaces.to_vec();
        ns.sort();
        format!("{policy}@{scope}:{}", ns.join(","))
    }
}
