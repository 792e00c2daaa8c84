//! The facts every target must spell the same way, and how to read them
//! from a Design.
//!
//! Values are normalised to one notation, independent of any target:
//! `${partition}`, `${account}`, `${region}`, `${cluster_name}` and
//! `${caller}` for the deployment context, `role:<name>` for the ARN of a
//! role the bundle creates, `kms:created` for the created secrets key,
//! `cluster:arn` for the cluster's ARN, `log-group:<name>` for a created
//! log group's ARN, `bucket:<prefix>` for a created bucket's ARN, `vpc:cidr`
//! and `vpc:ipv6-cidr` for the created VPC's ranges. AWS-managed IAM policies and EKS access policies are
//! reduced to their names.

use std::collections::{BTreeMap, BTreeSet};

use eksplan_core::design::{
    Attr, BucketEncryption, Design, ExistingSubnets, InputId, Kind, LogTarget, NetworkSpec, Part,
    Peer, PolicyDocument, Protocol, StateStore, Value, Zone,
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
    /// `<TYPE> <name> role=<arn> delete=<policy>` plus Argo CD's settings
    /// and the extra access policies, per capability.
    pub eks_capabilities: BTreeSet<String>,
    /// `<log type> <source name> from <resource> -> <destination name>
    /// <target>` per component log delivery.
    pub log_deliveries: BTreeSet<String>,
    /// `<prefix> sse=<key> versioned=<bool> expire=<days> force_destroy=<bool>`
    /// and every policy statement, per created bucket.
    pub buckets: BTreeSet<String>,
    /// `<cidr> <key>=<value>` for every tag of every created subnet.
    pub subnet_tags: BTreeSet<String>,
    /// The node security group: `name <name>`, `tag <k>=<v>`,
    /// `in <peer> <protocol>`, `out <peer> <protocol>`.
    pub node_security_group: BTreeSet<String>,
    /// `s3 <bucket or ?> <key> <region> locked encrypted`, or `local`.
    pub state: String,
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
            tags,
            eks_capabilities,
            log_deliveries,
            buckets,
            subnet_tags,
            node_security_group,
            state
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

impl Facts {
    /// The facts a target other than Terraform must spell: the state store
    /// is Terraform's alone (the others keep state in their stacks or the
    /// Pulumi backend), and a fact the target cannot spell is expected to be
    /// missing only when the bundle carries the finding that says so.
    pub fn reported_by_target(mut self, findings: &[eksplan_core::diag::Code]) -> Facts {
        use eksplan_core::diag::Code;
        self.state = String::new();
        if findings.contains(&Code::NodeSecurityGroupMissing) {
            self.node_security_group.clear();
        }
        if findings.contains(&Code::EksctlPrivateEndpoint) {
            // Private only instead of a world-open endpoint (TG016).
            self.endpoint_public = false;
            self.endpoint_private = true;
            self.public_access_cidrs.clear();
        }
        self
    }

    /// What a CloudFormation stack can say of the buckets: CloudFormation
    /// names them (no prefix) and cannot delete them with their objects
    /// (finding TG013).
    pub fn generated_bucket_names(mut self) -> Facts {
        let prefixes: BTreeSet<String> = self
            .buckets
            .iter()
            .filter_map(|b| b.split_whitespace().next().map(str::to_owned))
            .collect();
        let fix = |s: &String| {
            let mut s = s.clone();
            for p in &prefixes {
                s = s.replace(&format!("bucket:{p}"), "bucket:<generated>");
                if let Some(rest) = s.strip_prefix(&format!("{p} ")) {
                    s = format!("<generated> {rest}");
                }
            }
            s.replace("force_destroy=true", "force_destroy=false")
        };
        self.buckets = self.buckets.iter().map(fix).collect();
        self.log_deliveries = self.log_deliveries.iter().map(fix).collect();
        self
    }

    /// eksctl writes no component logs (finding TG014).
    pub fn without_component_logs(mut self) -> Facts {
        self.log_deliveries.clear();
        self.buckets.clear();
        self
    }

    /// The same facts with `${cluster_name}` replaced by the name, for
    /// targets without inputs (eksctl writes every value literally).
    pub fn inline_cluster_name(mut self) -> Facts {
        let name = self.name.clone();
        let fix = |s: &String| s.replace("${cluster_name}", &name);
        let set = |v: &BTreeSet<String>| v.iter().map(fix).collect::<BTreeSet<_>>();
        for role in self.roles.values_mut() {
            role.trust = set(&role.trust);
            role.inline = set(&role.inline);
            role.managed_policies = set(&role.managed_policies);
        }
        self.pod_identity = set(&self.pod_identity);
        // eksctl writes the region literally too (Argo CD's Identity Center
        // region defaults to it).
        let region = self.region.clone();
        self.eks_capabilities = set(&self.eks_capabilities)
            .into_iter()
            .map(|c| c.replace("region=${region}", &format!("region={region}")))
            .collect();
        self.access_entries = self
            .access_entries
            .iter()
            .map(|(k, v)| (fix(k), v.clone()))
            .collect();
        self
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
                (Kind::Bucket, Attr::Arn) => format!(
                    "bucket:{}",
                    d.bucket(&r.key)
                        .map(|b| b.name_prefix.as_str())
                        .unwrap_or_default()
                ),
                (Kind::Vpc, Attr::CidrBlock) => "vpc:cidr".into(),
                (Kind::Vpc, Attr::Ipv6CidrBlock) => "vpc:ipv6-cidr".into(),
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
        eks_capabilities: d
            .capabilities
            .iter()
            .map(|c| {
                let mut out = format!(
                    "{} {} role={} delete={}",
                    c.capability_type.as_str(),
                    c.name,
                    value(d, &c.role_arn),
                    c.delete_propagation_policy
                );
                if let Some(a) = &c.argocd {
                    let mappings: Vec<String> = a
                        .rbac_role_mappings
                        .iter()
                        .flat_map(|m| {
                            m.identities.iter().map(move |i| {
                                format!("{}:{}:{}", m.role.as_str(), i.identity_type.as_str(), i.id)
                            })
                        })
                        .collect();
                    out.push_str(&argocd(
                        &a.namespace,
                        &a.idc_instance_arn,
                        &value(d, &a.idc_region),
                        mappings,
                        a.vpc_endpoint_ids.clone(),
                    ));
                }
                let access: Vec<String> = c
                    .access_policies
                    .iter()
                    .map(|p| {
                        scoped(
                            &policy_name(&value(d, &p.policy_arn)),
                            p.scope.as_str(),
                            &p.namespaces,
                        )
                    })
                    .collect();
                out.push_str(&access_list(access));
                out
            })
            .collect(),
        log_deliveries: d
            .component_logs
            .iter()
            .flat_map(|l| {
                let target = match &l.destination.target {
                    LogTarget::LogGroup(k) => {
                        let g = d.log_group(k);
                        format!(
                            "log-group:{} retention={} kms={}",
                            g.map(|g| value(d, &g.name)).unwrap_or_default(),
                            g.map(|g| g.retention_in_days).unwrap_or_default(),
                            g.and_then(|g| g.kms_key_arn.as_ref())
                                .map(|k| value(d, k))
                                .unwrap_or_default()
                        )
                    }
                    other => value(d, &other.arn()),
                };
                let dest = format!("{} {target}", l.destination.name);
                l.sources
                    .iter()
                    .map(move |s| {
                        format!(
                            "{} {} from {} -> {dest}",
                            s.log_type.as_str(),
                            s.name,
                            value(d, &s.resource_arn)
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect(),
        buckets: d
            .buckets
            .iter()
            .flat_map(|b| {
                let sse = match &b.encryption {
                    BucketEncryption::Kms(k) => value(d, k),
                    BucketEncryption::S3Managed => "AES256".to_owned(),
                };
                let mut out: Vec<String> = vec![format!(
                    "{} sse={sse} versioned={} expire={} force_destroy={}",
                    b.name_prefix, b.versioning, b.expire_after_days, b.force_destroy
                )];
                out.extend(
                    document(d, &b.policy)
                        .into_iter()
                        .map(|s| format!("{} policy {s}", b.name_prefix)),
                );
                out
            })
            .collect(),
        subnet_tags: match &d.network {
            NetworkSpec::Create(vpc) => vpc
                .subnets()
                .flat_map(|s| {
                    s.tags
                        .iter()
                        .map(move |(k, v)| format!("{} {k}={v}", s.cidr))
                })
                .collect(),
            NetworkSpec::Existing(_) => BTreeSet::new(),
        },
        node_security_group: match &d.network {
            NetworkSpec::Create(vpc) => vpc
                .node_security_group
                .iter()
                .flat_map(|sg| {
                    let rule = |dir: &str, r: &eksplan_core::design::TrafficRule| {
                        let peer = match &r.peer {
                            Peer::Ipv4(v) | Peer::Ipv6(v) => value(d, v),
                        };
                        let proto = match r.protocol {
                            Protocol::All => "all".to_owned(),
                            Protocol::Tcp { from, to } => format!("tcp {from}-{to}"),
                        };
                        format!("{dir} {peer} {proto}")
                    };
                    std::iter::once(format!("name {}", sg.name))
                        .chain(sg.tags.iter().map(|(k, v)| format!("tag {k}={v}")))
                        .chain(sg.ingress.iter().map(move |r| rule("in", r)))
                        .chain(sg.egress.iter().map(move |r| rule("out", r)))
                        .collect::<Vec<_>>()
                })
                .collect(),
            NetworkSpec::Existing(_) => BTreeSet::new(),
        },
        state: match &d.state {
            StateStore::S3 {
                bucket,
                key,
                region,
            } => format!(
                "s3 {} {key} {region} locked encrypted",
                bucket.as_deref().unwrap_or("?")
            ),
            StateStore::Local => "local".to_owned(),
        },
    }
}

/// Argo CD's settings in normalised form.
pub fn argocd(
    namespace: &str,
    idc: &str,
    region: &str,
    mut mappings: Vec<String>,
    mut vpce: Vec<String>,
) -> String {
    mappings.sort();
    vpce.sort();
    format!(
        " argocd[ns={namespace} idc={idc} region={region} mappings={} vpce={}]",
        mappings.join(","),
        vpce.join(",")
    )
}

/// A capability's extra access policies in normalised form.
pub fn access_list(mut access: Vec<String>) -> String {
    access.sort();
    format!(" access=[{}]", access.join(" "))
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
