//! The `ClusterConfig` (field names from eksctl's `v1alpha5` schema).

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::super::cloudformation::template::{Name, Node, Pseudo};
use super::super::cloudformation::{Cfn, Scope};
use super::super::yaml::{Document, Entry, Yaml};
use super::{ADMIN_PLACEHOLDER, Rendered, output_name};
use crate::catalog::policies::partition;
use crate::design::{
    Attr, Design, InputId, InputValue, Kind, NetworkSpec, Part, SubnetList, Value,
};
use crate::plan::IpFamily;

/// The design and the placeholders written so far.
struct Config<'a> {
    design: &'a Design,
    cfn: Cfn<'a>,
    outputs: RefCell<BTreeMap<String, Node>>,
    written: RefCell<BTreeMap<String, usize>>,
    admin: RefCell<bool>,
}

impl Config<'_> {
    fn placeholder(&self, name: &str, value: Option<Node>) -> String {
        *self
            .written
            .borrow_mut()
            .entry(name.to_owned())
            .or_default() += 1;
        if let Some(v) = value {
            self.outputs.borrow_mut().insert(name.to_owned(), v);
        }
        format!("${{{name}}}")
    }

    fn input_text(&self, i: InputId) -> String {
        match self.design.input(i).and_then(|x| x.default.as_ref()) {
            Some(InputValue::Text(s)) => s.clone(),
            Some(InputValue::List(v)) => v.join(","),
            _ => String::new(),
        }
    }

    /// A value as ClusterConfig text: what eksctl cannot know (ids and ARNs
    /// of prerequisites, the account) is a placeholder.
    fn text(&self, v: &Value) -> String {
        let c = &self.design.cluster;
        let mut out = String::new();
        for p in &v.0 {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Partition => out.push_str(partition(&c.region)),
                Part::Region => out.push_str(&c.region),
                Part::AccountId => out.push_str(&self.placeholder(
                    "AccountId",
                    Some(Node::Ref(Name::Pseudo(Pseudo::AccountId))),
                )),
                Part::CallerArn => {
                    *self.admin.borrow_mut() = true;
                    out.push_str(&self.placeholder(ADMIN_PLACEHOLDER, None));
                }
                Part::Input(i) => out.push_str(&self.input_text(*i)),
                Part::Ref(r, attr) => {
                    if r.kind == Kind::Vpc
                        && let NetworkSpec::Existing(e) = &self.design.network
                    {
                        out.push_str(&e.vpc_id);
                        continue;
                    }
                    let name = output_name(&self.cfn.id_of(r), *attr);
                    let node = self.cfn.value(&Value::of(r, *attr));
                    out.push_str(&self.placeholder(&name, Some(node)));
                }
            }
        }
        out
    }

    fn str(&self, v: &Value) -> Yaml {
        Yaml::Str(self.text(v))
    }
}

/// Render the ClusterConfig.
pub fn render(design: &Design) -> Rendered<'_> {
    let cfg = Config {
        design,
        cfn: Cfn::new(design, Scope::Prerequisites),
        outputs: RefCell::default(),
        written: RefCell::default(),
        admin: RefCell::new(false),
    };
    let c = &design.cluster;
    let mut entries = vec![
        Entry::new("apiVersion", Yaml::str("eksctl.io/v1alpha5")),
        Entry::new("kind", Yaml::str("ClusterConfig")),
        Entry::new("metadata", metadata(&cfg)).blank(),
        Entry::new("vpc", vpc(&cfg))
            .blank()
            .comment(match &design.network {
                NetworkSpec::Create(_) => {
                    "The VPC of eksctl/prerequisites.yaml (eksctl cannot build it as planned)."
                }
                NetworkSpec::Existing(_) => "Your VPC.",
            }),
    ];
    let mut network = vec![Entry::new(
        "ipFamily",
        Yaml::str(match c.ip_family {
            IpFamily::Ipv4 => "IPv4",
            IpFamily::Ipv6 => "IPv6",
        }),
    )];
    if let Some(cidr) = &c.service_ipv4_cidr {
        network.push(Entry::new("serviceIPv4CIDR", Yaml::str(cidr)));
    }
    entries.push(Entry::new("kubernetesNetworkConfig", Yaml::Map(network)).blank());
    entries.push(Entry::new("iam", iam(&cfg)).blank().comment(
        "Roles of eksctl/prerequisites.yaml, with the planned names, trust and policies.",
    ));
    entries.push(Entry::new("autoModeConfig", auto_mode(&cfg)).blank().comment(
        "Auto Mode: eksctl also turns on load balancing and block storage and sets\nbootstrapSelfManagedAddons to false.",
    ));
    entries.push(Entry::new("accessConfig", access(&cfg)).blank());
    if !design.capabilities.is_empty() {
        entries.push(
            Entry::new("capabilities", capabilities(&cfg))
                .blank()
                .comment("EKS Capabilities; their roles are in eksctl/prerequisites.yaml."),
        );
    }
    if let Some(enc) = &c.encryption {
        entries.push(
            Entry::new(
                "secretsEncryption",
                Yaml::Map(vec![Entry::new("keyARN", cfg.str(&enc.key_arn()))]),
            )
            .blank(),
        );
    }
    if !c.log_types.is_empty() {
        let types: Vec<&str> = c.log_types.iter().map(|t| t.as_str()).collect();
        entries.push(
            Entry::new(
                "cloudWatch",
                Yaml::Map(vec![Entry::new(
                    "clusterLogging",
                    Yaml::Map(vec![Entry::new("enableTypes", Yaml::strs(&types))]),
                )]),
            )
            .blank()
            .comment(
                "The log group, its retention and its KMS key are in eksctl/prerequisites.yaml.",
            ),
        );
    }
    entries.push(
        Entry::new(
            "upgradePolicy",
            Yaml::Map(vec![Entry::new(
                "supportType",
                Yaml::str(c.support_type.as_str()),
            )]),
        )
        .blank(),
    );
    let doc = Document {
        header: vec![
            format!("eksctl ClusterConfig of the EKS Auto Mode cluster {}.", c.name),
            "Generated by the EKS Auto Mode Planner from plan.yaml.".into(),
            String::new(),
            "The ${...} placeholders are outputs of the prerequisites stack; create the cluster with".into(),
            "  scripts/cluster-config.sh | eksctl create cluster -f -".into(),
        ],
        start_marker: false,
        entries,
    };
    Rendered {
        text: doc.render(),
        outputs: cfg.outputs.into_inner(),
        written: cfg.written.into_inner(),
        admin: cfg.admin.into_inner(),
        cfn: cfg.cfn,
    }
}

fn metadata(cfg: &Config) -> Yaml {
    let c = &cfg.design.cluster;
    let mut m = vec![
        Entry::new("name", Yaml::str(cfg.input_text(InputId::ClusterName))),
        Entry::new("region", Yaml::str(&c.region)),
        Entry::new(
            "version",
            Yaml::str(cfg.input_text(InputId::KubernetesVersion)),
        ),
    ];
    if !c.tags.is_empty() {
        m.push(Entry::new(
            "tags",
            Yaml::Map(
                c.tags
                    .iter()
                    .map(|(k, v)| Entry::new(k.clone(), Yaml::str(v)))
                    .collect(),
            ),
        ));
    }
    Yaml::Map(m)
}

fn subnet_map(items: Vec<(String, String)>) -> Yaml {
    Yaml::Map(
        items
            .into_iter()
            .map(|(k, id)| Entry::new(k, Yaml::map([("id", Yaml::Str(id))])))
            .collect(),
    )
}

fn vpc(cfg: &Config) -> Yaml {
    let d = cfg.design;
    let c = &d.cluster;
    let mut v = Vec::new();
    let id_of =
        |kind: Kind, key: &crate::design::Key| cfg.text(&Value::reference(kind, key, Attr::Id));
    match &d.network {
        NetworkSpec::Create(vpc) => {
            v.push(Entry::new("id", Yaml::Str(id_of(Kind::Vpc, &vpc.key))));
            let mut subnets = Vec::new();
            let private: Vec<(String, String)> = vpc
                .private_subnets
                .iter()
                .map(|s| (s.key.kebab(), id_of(Kind::Subnet, &s.key)))
                .collect();
            subnets.push(Entry::new("private", subnet_map(private)));
            if !vpc.public_subnets.is_empty() {
                let public: Vec<(String, String)> = vpc
                    .public_subnets
                    .iter()
                    .map(|s| (s.key.kebab(), id_of(Kind::Subnet, &s.key)))
                    .collect();
                subnets.push(Entry::new("public", subnet_map(public)));
            }
            v.push(Entry::new("subnets", Yaml::Map(subnets)));
        }
        NetworkSpec::Existing(e) => {
            v.push(Entry::new("id", Yaml::str(&e.vpc_id)));
            let mut private: Vec<String> = e.control_plane_subnet_ids.clone();
            for id in &e.node_subnet_ids {
                if !private.contains(id) {
                    private.push(id.clone());
                }
            }
            let named = |prefix: &str, ids: &[String]| -> Vec<(String, String)> {
                ids.iter()
                    .enumerate()
                    .map(|(i, id)| (format!("{prefix}-{}", i + 1), id.clone()))
                    .collect()
            };
            let mut subnets = vec![Entry::new(
                "private",
                subnet_map(named("private", &private)),
            )];
            // eksctl wants at least two of a kind; Auto Mode finds public
            // subnets by their tags, so fewer are left out.
            if e.public_subnet_ids.len() >= 2 {
                subnets.push(Entry::new(
                    "public",
                    subnet_map(named("public", &e.public_subnet_ids)),
                ));
            }
            v.push(Entry::new("subnets", Yaml::Map(subnets)));
        }
    }
    let control_plane: Vec<Yaml> = match &c.subnets {
        SubnetList::Created(keys) => keys
            .iter()
            .map(|k| Yaml::Str(id_of(Kind::Subnet, k)))
            .collect(),
        SubnetList::Input(i) => match d.input(*i).and_then(|x| x.default.as_ref()) {
            Some(InputValue::List(ids)) => ids.iter().map(Yaml::str).collect(),
            _ => Vec::new(),
        },
    };
    v.push(Entry::new(
        "controlPlaneSubnetIDs",
        Yaml::Seq(control_plane),
    ));
    // eksctl has no inputs, and an empty `publicAccessCIDRs` means
    // 0.0.0.0/0 to eksctl: without networks in the plan the endpoint is
    // private only (finding TG016), never open to the world.
    let public = super::public_endpoint(d);
    v.push(Entry::new(
        "clusterEndpoints",
        Yaml::map([
            (
                "privateAccess",
                Yaml::Bool(c.endpoint_private_access || !public),
            ),
            ("publicAccess", Yaml::Bool(public)),
        ]),
    ));
    if public {
        v.push(Entry::new(
            "publicAccessCIDRs",
            Yaml::strs(&c.public_access_cidrs),
        ));
    }
    Yaml::Map(v)
}

fn iam(cfg: &Config) -> Yaml {
    let d = cfg.design;
    let c = &d.cluster;
    let mut m = vec![Entry::new(
        "serviceRoleARN",
        cfg.str(&Value::reference(Kind::Role, &c.role, Attr::Arn)),
    )];
    if !d.pod_identity.is_empty() {
        m.push(Entry::new(
            "podIdentityAssociations",
            Yaml::Seq(
                d.pod_identity
                    .iter()
                    .map(|p| {
                        Yaml::map([
                            ("namespace", Yaml::str(&p.namespace)),
                            ("serviceAccountName", Yaml::str(&p.service_account)),
                            ("roleARN", cfg.str(&p.role_arn)),
                        ])
                    })
                    .collect(),
            ),
        ));
    }
    Yaml::Map(m)
}

fn auto_mode(cfg: &Config) -> Yaml {
    let compute = &cfg.design.cluster.compute;
    let mut m = vec![Entry::new("enabled", Yaml::Bool(compute.enabled))];
    if let Some(arn) = &compute.node_role_arn {
        m.push(Entry::new("nodeRoleARN", cfg.str(arn)));
    }
    // An empty list turns the built-in pools off (eksctl's default is both).
    m.push(Entry::new("nodePools", Yaml::strs(&compute.pool_names())));
    Yaml::Map(m)
}

/// An access policy association (`policyARN`, `accessScope`).
fn access_policy(cfg: &Config, p: &crate::design::AccessPolicyAssociation) -> Yaml {
    let mut scope = vec![Entry::new("type", Yaml::str(p.scope.as_str()))];
    if !p.namespaces.is_empty() {
        scope.push(Entry::new("namespaces", Yaml::strs(&p.namespaces)));
    }
    Yaml::Map(vec![
        Entry::new("policyARN", cfg.str(&p.policy_arn)),
        Entry::new("accessScope", Yaml::Map(scope)),
    ])
}

/// `capabilities`: eksctl creates them after the cluster, with the access
/// policies added to the access entry EKS creates for each role.
fn capabilities(cfg: &Config) -> Yaml {
    Yaml::Seq(
        cfg.design
            .capabilities
            .iter()
            .map(|c| {
                let mut es = vec![
                    Entry::new("name", Yaml::str(&c.name)),
                    Entry::new("type", Yaml::str(c.capability_type.as_str())),
                    Entry::new("roleArn", cfg.str(&c.role_arn)),
                    Entry::new(
                        "deletePropagationPolicy",
                        Yaml::str(c.delete_propagation_policy),
                    ),
                ];
                if let Some(a) = &c.argocd {
                    let mut argo = vec![
                        Entry::new("namespace", Yaml::str(&a.namespace)),
                        Entry::new(
                            "awsIdc",
                            Yaml::Map(vec![
                                Entry::new("idcInstanceArn", Yaml::str(&a.idc_instance_arn)),
                                Entry::new("idcRegion", cfg.str(&a.idc_region)),
                            ]),
                        ),
                    ];
                    if !a.rbac_role_mappings.is_empty() {
                        argo.push(Entry::new(
                            "rbacRoleMappings",
                            Yaml::Seq(
                                a.rbac_role_mappings
                                    .iter()
                                    .map(|m| {
                                        Yaml::Map(vec![
                                            Entry::new("role", Yaml::str(m.role.as_str())),
                                            Entry::new(
                                                "identities",
                                                Yaml::Seq(
                                                    m.identities
                                                        .iter()
                                                        .map(|i| {
                                                            Yaml::map([
                                                                ("id", Yaml::str(&i.id)),
                                                                (
                                                                    "type",
                                                                    Yaml::str(
                                                                        i.identity_type.as_str(),
                                                                    ),
                                                                ),
                                                            ])
                                                        })
                                                        .collect(),
                                                ),
                                            ),
                                        ])
                                    })
                                    .collect(),
                            ),
                        ));
                    }
                    if !a.vpc_endpoint_ids.is_empty() {
                        argo.push(Entry::new(
                            "networkAccess",
                            Yaml::Map(vec![Entry::new("vpceIds", Yaml::strs(&a.vpc_endpoint_ids))]),
                        ));
                    }
                    es.push(Entry::new(
                        "configuration",
                        Yaml::Map(vec![Entry::new("argocd", Yaml::Map(argo))]),
                    ));
                }
                if !c.access_policies.is_empty() {
                    es.push(Entry::new(
                        "accessPolicies",
                        Yaml::Seq(
                            c.access_policies
                                .iter()
                                .map(|p| access_policy(cfg, p))
                                .collect(),
                        ),
                    ));
                }
                Yaml::Map(es)
            })
            .collect(),
    )
}

fn access(cfg: &Config) -> Yaml {
    let d = cfg.design;
    let c = &d.cluster;
    let mut m = vec![
        Entry::new(
            "authenticationMode",
            Yaml::str(c.authentication_mode.as_str()),
        ),
        Entry::new(
            "bootstrapClusterCreatorAdminPermissions",
            Yaml::Bool(c.bootstrap_cluster_creator_admin_permissions),
        ),
    ];
    if !d.access_entries.is_empty() {
        let entries = d
            .access_entries
            .iter()
            .map(|e| {
                let mut es =
                    vec![Entry::new("principalARN", cfg.str(&e.principal_arn)).comment(&e.reason)];
                es.push(Entry::new("type", Yaml::str(e.entry_type.as_str())));
                if !e.kubernetes_groups.is_empty() {
                    es.push(Entry::new(
                        "kubernetesGroups",
                        Yaml::strs(&e.kubernetes_groups),
                    ));
                }
                if let Some(u) = &e.username {
                    es.push(Entry::new("kubernetesUsername", Yaml::str(u)));
                }
                if !e.policies.is_empty() {
                    es.push(Entry::new(
                        "accessPolicies",
                        Yaml::Seq(
                            e.policies
                                .iter()
                                .map(|p| {
                                    let mut scope =
                                        vec![Entry::new("type", Yaml::str(p.scope.as_str()))];
                                    if !p.namespaces.is_empty() {
                                        scope.push(Entry::new(
                                            "namespaces",
                                            Yaml::strs(&p.namespaces),
                                        ));
                                    }
                                    Yaml::Map(vec![
                                        Entry::new("policyARN", cfg.str(&p.policy_arn)),
                                        Entry::new("accessScope", Yaml::Map(scope)),
                                    ])
                                })
                                .collect(),
                        ),
                    ));
                }
                Yaml::Map(es)
            })
            .collect();
        m.push(Entry::new("accessEntries", Yaml::Seq(entries)));
    }
    Yaml::Map(m)
}
