//! Design → [`Program`]: the same resources and arguments as the Terraform
//! emitter, in an order where every variable is declared before its use:
//! network, the secrets key and the log groups, IAM, flow logs, the
//! cluster, access entries, Pod Identity.

use std::collections::BTreeSet;

use super::model::{Context, Expr, Field, Fields, Id, Program, Resource, Stmt};
use super::names::pulumi_name;
use crate::design::{
    AccessPolicyAssociation, Bucket, BucketEncryption, CapabilitySpec, CreatedVpc, Dependency,
    Design, Destination, EndpointKind, ExistingVpc, InputId, Key, Kind, LogGroup, LogTarget,
    NetworkSpec, Part, Ref, Role, SubnetList, Value, Zone, ident,
};

/// Build the program for a design.
pub(crate) fn program(design: &Design) -> Program<'_> {
    let mut b = Builder {
        design,
        stmts: Vec::new(),
        names: BTreeSet::new(),
    };
    b.network();
    b.key_and_logs();
    b.iam();
    b.flow_logs();
    b.cluster();
    b.access();
    b.pod_identity();
    b.capabilities();
    b.component_logs();
    let stmts = b.stmts;
    let mut program = Program {
        design,
        inputs: Vec::new(),
        context: Context::default(),
        stmts,
        exports: &design.outputs,
    };
    scan(&mut program);
    program
}

struct Builder<'a> {
    design: &'a Design,
    stmts: Vec<Stmt<'a>>,
    names: BTreeSet<String>,
}

fn obj(kind: Kind, key: &Key) -> Id {
    Id::Obj(Ref::new(kind, key))
}

fn out<'a>(kind: Kind, key: &Key, field: Field) -> Expr<'a> {
    Expr::Out(obj(kind, key), field)
}

fn tags(t: &crate::design::Tags) -> Expr<'_> {
    Expr::Tags(t)
}

impl<'a> Builder<'a> {
    /// A Pulumi name not used yet in the program.
    fn unique(&mut self, base: String) -> String {
        let mut name = base.clone();
        let mut n = 2;
        while self.names.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        self.names.insert(name.clone());
        name
    }

    fn resource(
        &mut self,
        id: Id,
        module: &'static str,
        ty: &'static str,
        args: Fields<'a>,
        depends_on: Vec<Id>,
    ) {
        let base = match &id {
            Id::Obj(r) => pulumi_name(r),
            Id::Extra(name) => kebab(name),
        };
        let name = self.unique(base);
        self.stmts.push(Stmt::Resource(Resource {
            id,
            name,
            module,
            ty,
            args,
            depends_on,
        }));
    }

    fn section(&mut self, title: &'static str) {
        self.stmts.push(Stmt::Section(title));
    }

    fn comment(&mut self, text: impl Into<String>) {
        self.stmts.push(Stmt::Comment(text.into()));
    }

    // ------------------------------------------------------------ network

    fn network(&mut self) {
        match &self.design.network {
            NetworkSpec::Create(vpc) => self.created(vpc),
            NetworkSpec::Existing(vpc) => self.existing(vpc),
        }
    }

    fn created(&mut self, vpc: &'a CreatedVpc) {
        self.section(
            "The VPC: private subnets for nodes, public subnets for load balancers and NAT.",
        );
        let vpc_id = || out(Kind::Vpc, &vpc.key, Field::Id);
        let mut args: Fields = vec![("cidrBlock", Expr::lit(vpc.cidr.clone()))];
        if vpc.ipv6 {
            args.push(("assignGeneratedIpv6CidrBlock", Expr::Bool(true)));
        }
        args.extend([
            ("enableDnsSupport", Expr::Bool(vpc.enable_dns_support)),
            ("enableDnsHostnames", Expr::Bool(vpc.enable_dns_hostnames)),
            ("tags", tags(&vpc.tags)),
        ]);
        self.resource(obj(Kind::Vpc, &vpc.key), "ec2", "Vpc", args, vec![]);
        if let Some(sg) = &vpc.default_security_group {
            self.comment("No rules: nothing may use the VPC's default security group.");
            self.resource(
                obj(Kind::SecurityGroup, &sg.key),
                "ec2",
                "DefaultSecurityGroup",
                vec![("vpcId", vpc_id()), ("tags", tags(&sg.tags))],
                vec![],
            );
        }
        if let Some(g) = &vpc.internet_gateway {
            self.resource(
                obj(Kind::InternetGateway, &g.key),
                "ec2",
                "InternetGateway",
                vec![("vpcId", vpc_id()), ("tags", tags(&g.tags))],
                vec![],
            );
        }
        if let Some(g) = &vpc.egress_only_gateway {
            self.resource(
                obj(Kind::EgressOnlyGateway, &g.key),
                "ec2",
                "EgressOnlyInternetGateway",
                vec![("vpcId", vpc_id()), ("tags", tags(&g.tags))],
                vec![],
            );
        }
        for s in vpc.subnets() {
            let zone = vpc.zones[s.zone.min(vpc.zones.len().saturating_sub(1))].clone();
            let mut args: Fields = vec![
                ("vpcId", vpc_id()),
                ("availabilityZone", Expr::Zone(zone)),
                ("cidrBlock", Expr::lit(s.cidr.clone())),
            ];
            if let Some(n) = s.ipv6_netnum {
                args.push((
                    "ipv6CidrBlock",
                    Expr::Ipv6Subnet(Ref::new(Kind::Vpc, &vpc.key), n),
                ));
                args.push(("assignIpv6AddressOnCreation", Expr::Bool(true)));
            }
            args.push(("mapPublicIpOnLaunch", Expr::Bool(s.map_public_ip_on_launch)));
            args.push(("tags", tags(&s.tags)));
            self.resource(obj(Kind::Subnet, &s.key), "ec2", "Subnet", args, vec![]);
        }
        for nat in &vpc.nat_gateways {
            let after: Vec<Id> = nat.after.iter().map(|r| Id::Obj(r.clone())).collect();
            self.resource(
                obj(Kind::ElasticIp, &nat.eip.key),
                "ec2",
                "Eip",
                vec![("domain", Expr::lit("vpc")), ("tags", tags(&nat.eip.tags))],
                after.clone(),
            );
            self.resource(
                obj(Kind::NatGateway, &nat.key),
                "ec2",
                "NatGateway",
                vec![
                    (
                        "allocationId",
                        out(Kind::ElasticIp, &nat.eip.key, Field::Id),
                    ),
                    ("subnetId", out(Kind::Subnet, &nat.subnet, Field::Id)),
                    ("tags", tags(&nat.tags)),
                ],
                after,
            );
        }
        for t in &vpc.route_tables {
            let table = || out(Kind::RouteTable, &t.key, Field::Id);
            self.resource(
                obj(Kind::RouteTable, &t.key),
                "ec2",
                "RouteTable",
                vec![("vpcId", vpc_id()), ("tags", tags(&t.tags))],
                vec![],
            );
            for r in &t.routes {
                let (dest, cidr) = match &r.destination {
                    Destination::Ipv4(c) => ("destinationCidrBlock", c),
                    Destination::Ipv6(c) => ("destinationIpv6CidrBlock", c),
                };
                let target = match r.target.kind {
                    Kind::NatGateway => "natGatewayId",
                    Kind::EgressOnlyGateway => "egressOnlyGatewayId",
                    _ => "gatewayId",
                };
                self.resource(
                    obj(Kind::Route, &r.key),
                    "ec2",
                    "Route",
                    vec![
                        ("routeTableId", table()),
                        (dest, Expr::lit(cidr.clone())),
                        (target, Expr::Out(Id::Obj(r.target.clone()), Field::Id)),
                    ],
                    vec![],
                );
            }
            for s in &t.subnets {
                self.resource(
                    Id::Extra(format!("{}RouteTableAssociation", s.camel())),
                    "ec2",
                    "RouteTableAssociation",
                    vec![
                        ("subnetId", out(Kind::Subnet, s, Field::Id)),
                        ("routeTableId", table()),
                    ],
                    vec![],
                );
            }
        }
        self.endpoints(vpc);
    }

    fn endpoints(&mut self, vpc: &'a CreatedVpc) {
        let vpc_id = || out(Kind::Vpc, &vpc.key, Field::Id);
        if let Some(sg) = &vpc.endpoint_security_group {
            self.comment("Interface endpoints accept HTTPS from inside the VPC only.");
            self.resource(
                obj(Kind::SecurityGroup, &sg.key),
                "ec2",
                "SecurityGroup",
                vec![
                    ("name", Expr::lit(sg.name.clone())),
                    ("description", Expr::lit(sg.description.clone())),
                    ("vpcId", vpc_id()),
                    ("tags", tags(&sg.tags)),
                ],
                vec![],
            );
            for rule in &sg.ingress {
                self.resource(
                    obj(Kind::SecurityGroupRule, &rule.key),
                    "vpc",
                    "SecurityGroupIngressRule",
                    vec![
                        (
                            "securityGroupId",
                            out(Kind::SecurityGroup, &sg.key, Field::Id),
                        ),
                        ("description", Expr::lit(rule.description.clone())),
                        ("cidrIpv4", Expr::of(&rule.cidr_ipv4)),
                        ("ipProtocol", Expr::lit(rule.protocol.clone())),
                        ("fromPort", Expr::Int(u64::from(rule.from_port))),
                        ("toPort", Expr::Int(u64::from(rule.to_port))),
                    ],
                    vec![],
                );
            }
        }
        for e in &vpc.endpoints {
            let mut args: Fields = vec![
                ("vpcId", vpc_id()),
                ("serviceName", Expr::of(&e.service_name)),
            ];
            match &e.kind {
                EndpointKind::Gateway { route_tables } => {
                    args.push(("vpcEndpointType", Expr::lit("Gateway")));
                    args.push(("routeTableIds", ids(Kind::RouteTable, route_tables)));
                }
                EndpointKind::Interface {
                    subnets,
                    security_groups,
                    private_dns,
                } => {
                    args.push(("vpcEndpointType", Expr::lit("Interface")));
                    args.push(("privateDnsEnabled", Expr::Bool(*private_dns)));
                    args.push(("subnetIds", ids(Kind::Subnet, subnets)));
                    args.push((
                        "securityGroupIds",
                        ids(Kind::SecurityGroup, security_groups),
                    ));
                }
            }
            args.push(("tags", tags(&e.tags)));
            self.resource(
                obj(Kind::VpcEndpoint, &e.key),
                "ec2",
                "VpcEndpoint",
                args,
                vec![],
            );
        }
    }

    fn existing(&mut self, vpc: &'a ExistingVpc) {
        self.section("The existing VPC and the load-balancer discovery tags on its subnets.");
        self.stmts.push(Stmt::VpcLookup(
            Ref::new(Kind::Vpc, &vpc.key),
            InputId::VpcId,
        ));
        for t in &vpc.subnet_tags {
            let name = self.unique(pulumi_name(&Ref::new(Kind::SubnetTag, &t.key)));
            self.stmts.push(Stmt::TagEach {
                name,
                list: t.subnets.input(),
                key: t.tag.clone(),
                value: t.value.clone(),
            });
        }
    }

    // ---------------------------------------------------------------- IAM

    fn iam(&mut self) {
        let design = self.design;
        // Pod Identity and capability roles are written beside what uses them.
        let pod_roles: Vec<&Key> = design
            .pod_identity
            .iter()
            .filter_map(|p| p.created_role.as_ref())
            .chain(
                design
                    .capabilities
                    .iter()
                    .filter_map(|c| c.created_role.as_ref()),
            )
            .collect();
        self.section("IAM roles for the cluster, its nodes and VPC flow logs.");
        for r in design.roles.iter().filter(|r| !pod_roles.contains(&&r.key)) {
            self.comment(r.description.clone());
            self.role(r);
        }
    }

    fn role(&mut self, r: &'a Role) {
        let trust = format!("{}AssumeRole", var_base(&Ref::new(Kind::Role, &r.key)));
        self.stmts.push(Stmt::Document {
            name: trust.clone(),
            doc: &r.trust,
        });
        self.resource(
            obj(Kind::Role, &r.key),
            "iam",
            "Role",
            vec![
                ("name", Expr::lit(r.name.clone())),
                ("description", Expr::lit(r.description.clone())),
                ("assumeRolePolicy", Expr::Document(trust)),
            ],
            vec![],
        );
        for p in &r.managed_policies {
            self.resource(
                attachment(r, p),
                "iam",
                "RolePolicyAttachment",
                vec![
                    ("role", out(Kind::Role, &r.key, Field::Name)),
                    ("policyArn", Expr::of(p)),
                ],
                vec![],
            );
        }
        for p in &r.inline_policies {
            let policy = Ref::new(Kind::InlinePolicy, r.key.join(&p.key));
            let doc = format!("{}Document", var_base(&policy));
            self.stmts.push(Stmt::Document {
                name: doc.clone(),
                doc: &p.document,
            });
            self.resource(
                Id::Obj(policy),
                "iam",
                "RolePolicy",
                vec![
                    ("name", Expr::lit(p.name.clone())),
                    ("role", out(Kind::Role, &r.key, Field::Id)),
                    ("policy", Expr::Document(doc)),
                ],
                vec![],
            );
        }
    }

    // ------------------------------------------------- key, logs, cluster

    fn log_group(&mut self, g: &'a LogGroup, depends_on: Vec<Id>) {
        let mut args: Fields = vec![
            ("name", Expr::of(&g.name)),
            ("retentionInDays", Expr::Int(u64::from(g.retention_in_days))),
        ];
        if let Some(k) = &g.kms_key_arn {
            args.push(("kmsKeyId", Expr::of(k)));
        }
        self.resource(
            obj(Kind::LogGroup, &g.key),
            "cloudwatch",
            "LogGroup",
            args,
            depends_on,
        );
    }

    fn key_and_logs(&mut self) {
        let design = self.design;
        let c = &design.cluster;
        let flow_group = match &design.network {
            NetworkSpec::Create(vpc) => vpc
                .flow_logs
                .as_ref()
                .and_then(|f| design.log_group(&f.log_group)),
            NetworkSpec::Existing(_) => None,
        };
        let cluster_group = c.log_group.as_ref().and_then(|k| design.log_group(k));
        if design.kms_keys.is_empty() && flow_group.is_none() && cluster_group.is_none() {
            return;
        }
        self.section("The secrets key and the log groups.");
        for k in &design.kms_keys {
            let r = Ref::new(Kind::KmsKey, &k.key);
            let doc = format!("{}Policy", var_base(&r));
            self.stmts.push(Stmt::Document {
                name: doc.clone(),
                doc: &k.policy,
            });
            self.resource(
                Id::Obj(r.clone()),
                "kms",
                "Key",
                vec![
                    ("description", Expr::lit(k.description.clone())),
                    ("enableKeyRotation", Expr::Bool(k.enable_key_rotation)),
                    (
                        "deletionWindowInDays",
                        Expr::Int(u64::from(k.deletion_window_in_days)),
                    ),
                    ("policy", Expr::Document(doc)),
                ],
                vec![],
            );
            self.resource(
                Id::Extra(format!("{}Alias", var_base(&r))),
                "kms",
                "Alias",
                vec![
                    ("name", Expr::lit(k.alias.clone())),
                    ("targetKeyId", Expr::Out(Id::Obj(r), Field::KeyId)),
                ],
                vec![],
            );
        }
        if let Some(g) = cluster_group {
            self.comment("Created before the cluster so Pulumi, not EKS, owns its retention.");
            self.log_group(g, vec![]);
        }
        if let Some(g) = flow_group {
            self.log_group(g, vec![]);
        }
    }

    fn flow_logs(&mut self) {
        let design = self.design;
        let NetworkSpec::Create(vpc) = &design.network else {
            return;
        };
        let Some(fl) = &vpc.flow_logs else { return };
        self.section("VPC flow logs.");
        self.resource(
            obj(Kind::FlowLog, &fl.key),
            "ec2",
            "FlowLog",
            vec![
                ("vpcId", out(Kind::Vpc, &vpc.key, Field::Id)),
                ("trafficType", Expr::lit(fl.traffic_type)),
                ("logDestinationType", Expr::lit("cloud-watch-logs")),
                (
                    "logDestination",
                    out(Kind::LogGroup, &fl.log_group, Field::Arn),
                ),
                ("iamRoleArn", out(Kind::Role, &fl.role, Field::Arn)),
                (
                    "maxAggregationInterval",
                    Expr::Int(u64::from(fl.max_aggregation_interval)),
                ),
                ("tags", tags(&fl.tags)),
            ],
            vec![],
        );
    }

    fn cluster(&mut self) {
        let design = self.design;
        let c = &design.cluster;
        self.section("The EKS Auto Mode cluster.");
        let subnet_ids = match &c.subnets {
            SubnetList::Created(keys) => ids(Kind::Subnet, keys),
            SubnetList::Input(i) => Expr::InputList(*i),
        };
        let mut compute: Fields = vec![("enabled", Expr::Bool(c.compute.enabled))];
        if !c.compute.node_pools.is_empty() {
            compute.push((
                "nodePools",
                Expr::Strings(c.compute.pool_names().into_iter().map(Expr::lit).collect()),
            ));
        }
        if let Some(arn) = &c.compute.node_role_arn {
            compute.push(("nodeRoleArn", Expr::of(arn)));
        }
        let mut network: Fields = vec![("ipFamily", Expr::lit(c.ip_family.as_str()))];
        if let Some(cidr) = &c.service_ipv4_cidr {
            network.push(("serviceIpv4Cidr", Expr::lit(cidr.clone())));
        }
        network.push((
            "elasticLoadBalancing",
            Expr::Object(
                "ClusterKubernetesNetworkConfigElasticLoadBalancing",
                vec![("enabled", Expr::Bool(c.elastic_load_balancing))],
            ),
        ));
        let mut vpc_config: Fields = vec![
            ("subnetIds", subnet_ids),
            (
                "endpointPrivateAccess",
                Expr::Bool(c.endpoint_private_access),
            ),
            ("endpointPublicAccess", Expr::Bool(c.endpoint_public_access)),
        ];
        if c.endpoint_public_access {
            vpc_config.push((
                "publicAccessCidrs",
                Expr::InputList(InputId::PublicAccessCidrs),
            ));
        }
        let mut args: Fields = vec![
            (
                "name",
                Expr::Str(std::borrow::Cow::Owned(Value::input(InputId::ClusterName))),
            ),
            ("roleArn", out(Kind::Role, &c.role, Field::Arn)),
            (
                "version",
                Expr::Str(std::borrow::Cow::Owned(Value::input(
                    InputId::KubernetesVersion,
                ))),
            ),
            (
                "bootstrapSelfManagedAddons",
                Expr::Bool(c.bootstrap_self_managed_addons),
            ),
            (
                "deletionProtection",
                Expr::InputBool(InputId::DeletionProtection),
            ),
        ];
        if !c.log_types.is_empty() {
            args.push((
                "enabledClusterLogTypes",
                Expr::Strings(c.log_types.iter().map(|t| Expr::lit(t.as_str())).collect()),
            ));
        }
        args.extend([
            (
                "accessConfig",
                Expr::Object(
                    "ClusterAccessConfig",
                    vec![
                        (
                            "authenticationMode",
                            Expr::lit(c.authentication_mode.as_str()),
                        ),
                        (
                            "bootstrapClusterCreatorAdminPermissions",
                            Expr::Bool(c.bootstrap_cluster_creator_admin_permissions),
                        ),
                    ],
                ),
            ),
            (
                "computeConfig",
                Expr::Object("ClusterComputeConfig", compute),
            ),
            (
                "kubernetesNetworkConfig",
                Expr::Object("ClusterKubernetesNetworkConfig", network),
            ),
            (
                "storageConfig",
                Expr::Object(
                    "ClusterStorageConfig",
                    vec![(
                        "blockStorage",
                        Expr::Object(
                            "ClusterStorageConfigBlockStorage",
                            vec![("enabled", Expr::Bool(c.block_storage))],
                        ),
                    )],
                ),
            ),
            ("vpcConfig", Expr::Object("ClusterVpcConfig", vpc_config)),
        ]);
        if let Some(enc) = &c.encryption {
            args.push((
                "encryptionConfig",
                Expr::Object(
                    "ClusterEncryptionConfig",
                    vec![
                        (
                            "resources",
                            Expr::Strings(enc.resources.iter().map(|r| Expr::lit(*r)).collect()),
                        ),
                        (
                            "provider",
                            Expr::Object(
                                "ClusterEncryptionConfigProvider",
                                vec![("keyArn", Expr::Str(std::borrow::Cow::Owned(enc.key_arn())))],
                            ),
                        ),
                    ],
                ),
            ));
        }
        args.push((
            "upgradePolicy",
            Expr::Object(
                "ClusterUpgradePolicy",
                vec![("supportType", Expr::lit(c.support_type.as_str()))],
            ),
        ));
        let depends_on = self.depends_on(&c.after);
        self.comment(
            "The cluster role needs its policies before EKS uses it, and on destroy\n\
             they must outlive the cluster so Auto Mode can clean up its instances.",
        );
        self.resource(
            obj(Kind::Cluster, &c.key),
            "eks",
            "Cluster",
            args,
            depends_on,
        );
    }

    /// `dependsOn` entries for dependencies.
    fn depends_on(&self, deps: &[Dependency]) -> Vec<Id> {
        deps.iter()
            .flat_map(|d| match d {
                Dependency::Permissions(role) => {
                    self.design.role(role).map(permissions).unwrap_or_default()
                }
                // Pulumi has no wait of its own: the program orders the
                // objects, and a target finding names the waits it lacks.
                Dependency::Propagated(role) => {
                    self.design.role(role).map(permissions).unwrap_or_default()
                }
                Dependency::Object(r) | Dependency::Settled(r) => vec![Id::Obj(r.clone())],
            })
            .collect()
    }

    // ------------------------------------------------ access, Pod Identity

    fn access(&mut self) {
        let design = self.design;
        let cluster_name = || out(Kind::Cluster, &design.cluster.key, Field::Name);
        self.section("Who can use the Kubernetes API: access entries and EKS access policies.");
        if design.access_entries.is_empty() {
            self.comment("This plan has no access entries.");
        }
        for e in &design.access_entries {
            let r = Ref::new(Kind::AccessEntry, &e.key);
            self.comment(format!("{}: {}", e.key, e.reason));
            let mut args: Fields = vec![
                ("clusterName", cluster_name()),
                ("principalArn", Expr::of(&e.principal_arn)),
                ("type", Expr::lit(e.entry_type.as_str())),
            ];
            if !e.kubernetes_groups.is_empty() {
                args.push((
                    "kubernetesGroups",
                    Expr::Strings(e.kubernetes_groups.iter().cloned().map(Expr::lit).collect()),
                ));
            }
            if let Some(u) = &e.username {
                args.push(("userName", Expr::lit(u.clone())));
            }
            self.resource(Id::Obj(r.clone()), "eks", "AccessEntry", args, vec![]);
            for p in &e.policies {
                let mut scope: Fields = vec![("type", Expr::lit(p.scope.as_str()))];
                if !p.namespaces.is_empty() {
                    scope.push((
                        "namespaces",
                        Expr::Strings(p.namespaces.iter().cloned().map(Expr::lit).collect()),
                    ));
                }
                self.resource(
                    Id::Extra(format!(
                        "{}{}",
                        var_base(&r),
                        Key::new(p.key.snake()).pascal()
                    )),
                    "eks",
                    "AccessPolicyAssociation",
                    vec![
                        ("clusterName", cluster_name()),
                        (
                            "principalArn",
                            Expr::Out(Id::Obj(r.clone()), Field::PrincipalArn),
                        ),
                        ("policyArn", Expr::of(&p.policy_arn)),
                        (
                            "accessScope",
                            Expr::Object("AccessPolicyAssociationAccessScope", scope),
                        ),
                    ],
                    vec![],
                );
            }
        }
    }

    fn pod_identity(&mut self) {
        let design = self.design;
        self.section("EKS Pod Identity: IAM roles for Kubernetes service accounts.");
        if design.pod_identity.is_empty() {
            self.comment("This plan has no Pod Identity associations.");
        }
        for a in &design.pod_identity {
            self.comment(format!("{}/{}", a.namespace, a.service_account));
            if let Some(r) = a.created_role.as_ref().and_then(|k| design.role(k)) {
                self.role(r);
            }
            self.resource(
                obj(Kind::PodIdentity, &a.key),
                "eks",
                "PodIdentityAssociation",
                vec![
                    (
                        "clusterName",
                        out(Kind::Cluster, &design.cluster.key, Field::Name),
                    ),
                    ("namespace", Expr::lit(a.namespace.clone())),
                    ("serviceAccount", Expr::lit(a.service_account.clone())),
                    ("roleArn", Expr::of(&a.role_arn)),
                ],
                vec![],
            );
        }
    }
    // ------------------------------------------------------- capabilities

    fn capabilities(&mut self) {
        let design = self.design;
        if design.capabilities.is_empty() {
            return;
        }
        self.section(
            "EKS Capabilities: managed Argo CD, ACK and kro, run by AWS outside the cluster.",
        );
        for c in &design.capabilities {
            self.comment(format!(
                "{} capability `{}`",
                c.capability_type.title(),
                c.name
            ));
            if let Some(r) = c.created_role.as_ref().and_then(|k| design.role(k)) {
                self.role(r);
            }
            let mut args: Fields = vec![
                (
                    "clusterName",
                    out(Kind::Cluster, &design.cluster.key, Field::Name),
                ),
                ("capabilityName", Expr::lit(c.name.clone())),
                ("type", Expr::lit(c.capability_type.as_str())),
                ("roleArn", Expr::of(&c.role_arn)),
                (
                    "deletePropagationPolicy",
                    Expr::lit(c.delete_propagation_policy),
                ),
            ];
            if let Some(a) = &c.argocd {
                let mut argo: Fields = vec![
                    ("namespace", Expr::lit(a.namespace.clone())),
                    (
                        "awsIdc",
                        Expr::Object(
                            "CapabilityConfigurationArgoCdAwsIdc",
                            vec![
                                ("idcInstanceArn", Expr::lit(a.idc_instance_arn.clone())),
                                ("idcRegion", Expr::of(&a.idc_region)),
                            ],
                        ),
                    ),
                ];
                if !a.rbac_role_mappings.is_empty() {
                    argo.push((
                        "rbacRoleMappings",
                        Expr::Objects(
                            "CapabilityConfigurationArgoCdRbacRoleMapping",
                            a.rbac_role_mappings
                                .iter()
                                .map(|m| {
                                    vec![
                                        ("role", Expr::lit(m.role.as_str())),
                                        (
                                            "identities",
                                            Expr::Objects(
                                                "CapabilityConfigurationArgoCdRbacRoleMappingIdentity",
                                                m.identities
                                                    .iter()
                                                    .map(|i| {
                                                        vec![
                                                            ("id", Expr::lit(i.id.clone())),
                                                            (
                                                                "type",
                                                                Expr::lit(i.identity_type.as_str()),
                                                            ),
                                                        ]
                                                    })
                                                    .collect(),
                                            ),
                                        ),
                                    ]
                                })
                                .collect(),
                        ),
                    ));
                }
                if !a.vpc_endpoint_ids.is_empty() {
                    argo.push((
                        "networkAccess",
                        Expr::Object(
                            "CapabilityConfigurationArgoCdNetworkAccess",
                            vec![(
                                "vpceIds",
                                Expr::Strings(
                                    a.vpc_endpoint_ids.iter().cloned().map(Expr::lit).collect(),
                                ),
                            )],
                        ),
                    ));
                }
                args.push((
                    "configuration",
                    Expr::Object(
                        "CapabilityConfiguration",
                        vec![(
                            "argoCd",
                            Expr::Object("CapabilityConfigurationArgoCd", argo),
                        )],
                    ),
                ));
            }
            let depends_on = self.depends_on(&c.after);
            if !depends_on.is_empty() {
                self.comment(
                    "The role's policies first: EKS checks the role the moment it gets it.",
                );
            }
            self.resource(
                obj(Kind::Capability, &c.key),
                "eks",
                "Capability",
                args,
                depends_on,
            );
            if !c.eks_access_policies.is_empty() {
                self.comment(format!(
                    "EKS creates the access entry of this role itself, with {}; declaring it here would collide with it.",
                    c.eks_access_policies
                        .iter()
                        .map(|p| p.policy_name())
                        .collect::<Vec<_>>()
                        .join(" and ")
                ));
            }
            for p in &c.access_policies {
                self.capability_access_policy(c, p);
            }
        }
    }

    fn capability_access_policy(&mut self, c: &'a CapabilitySpec, p: &'a AccessPolicyAssociation) {
        let design = self.design;
        let mut scope: Fields = vec![("type", Expr::lit(p.scope.as_str()))];
        if !p.namespaces.is_empty() {
            scope.push((
                "namespaces",
                Expr::Strings(p.namespaces.iter().cloned().map(Expr::lit).collect()),
            ));
        }
        self.resource(
            obj(Kind::CapabilityAccessPolicy, &c.access_policy_key(p)),
            "eks",
            "AccessPolicyAssociation",
            vec![
                (
                    "clusterName",
                    out(Kind::Cluster, &design.cluster.key, Field::Name),
                ),
                ("principalArn", Expr::of(&c.role_arn)),
                ("policyArn", Expr::of(&p.policy_arn)),
                (
                    "accessScope",
                    Expr::Object("AccessPolicyAssociationAccessScope", scope),
                ),
            ],
            // The access entry exists once EKS has created the capability.
            vec![obj(Kind::Capability, &c.key)],
        );
    }

    // ----------------------------------------------------- component logs

    fn component_logs(&mut self) {
        let design = self.design;
        let Some(logs) = &design.component_logs else {
            return;
        };
        self.section(
            "Logs of the Auto Mode components (Karpenter, EBS CSI, load balancing, IPAM).",
        );
        match &logs.destination.target {
            LogTarget::LogGroup(k) => {
                if let Some(g) = design.log_group(k) {
                    self.log_group(g, vec![]);
                }
            }
            LogTarget::Bucket(k) => {
                if let Some(b) = design.bucket(k) {
                    self.bucket(b);
                }
            }
            LogTarget::ExistingBucket(_) => {
                self.comment(
                    "An existing bucket: its policy must let delivery.logs.amazonaws.com write.",
                );
            }
        }
        let destination = &logs.destination;
        self.resource(
            obj(Kind::LogDeliveryDestination, &destination.key),
            "cloudwatch",
            "LogDeliveryDestination",
            vec![
                ("name", Expr::lit(destination.name.clone())),
                (
                    "deliveryDestinationConfiguration",
                    Expr::Object(
                        "LogDeliveryDestinationDeliveryDestinationConfiguration",
                        vec![(
                            "destinationResourceArn",
                            Expr::Str(std::borrow::Cow::Owned(destination.target.arn())),
                        )],
                    ),
                ),
            ],
            vec![],
        );
        self.comment("One log type at a time: each delivery source starts an EKS cluster update.");
        for (s, d) in logs.sources.iter().zip(&logs.deliveries) {
            let depends_on = self.depends_on(&s.after);
            self.resource(
                obj(Kind::LogDeliverySource, &s.key),
                "cloudwatch",
                "LogDeliverySource",
                vec![
                    ("name", Expr::lit(s.name.clone())),
                    ("logType", Expr::lit(s.log_type.as_str())),
                    ("resourceArn", Expr::of(&s.resource_arn)),
                ],
                depends_on,
            );
            let depends_on = self.depends_on(&d.after);
            self.resource(
                obj(Kind::LogDelivery, &d.key),
                "cloudwatch",
                "LogDelivery",
                vec![
                    (
                        "deliverySourceName",
                        out(Kind::LogDeliverySource, &d.source, Field::Name),
                    ),
                    (
                        "deliveryDestinationArn",
                        out(Kind::LogDeliveryDestination, &d.destination, Field::Arn),
                    ),
                ],
                depends_on,
            );
        }
    }

    /// A bucket, its configuration resources and its policy.
    fn bucket(&mut self, b: &'a Bucket) {
        let r = Ref::new(Kind::Bucket, &b.key);
        let base = var_base(&r);
        let id = || out(Kind::Bucket, &b.key, Field::Id);
        self.comment(format!(
            "{}: private, encrypted, versioned, expiring after {} days.",
            b.purpose, b.expire_after_days
        ));
        self.resource(
            Id::Obj(r.clone()),
            "s3",
            "Bucket",
            vec![
                ("bucketPrefix", Expr::lit(b.name_prefix.clone())),
                ("forceDestroy", Expr::Bool(b.force_destroy)),
            ],
            vec![],
        );
        self.resource(
            Id::Extra(format!("{base}OwnershipControls")),
            "s3",
            "BucketOwnershipControls",
            vec![
                ("bucket", id()),
                (
                    "rule",
                    Expr::Object(
                        "BucketOwnershipControlsRule",
                        vec![("objectOwnership", Expr::lit("BucketOwnerEnforced"))],
                    ),
                ),
            ],
            vec![],
        );
        let public_access_block = Id::Extra(format!("{base}PublicAccessBlock"));
        self.resource(
            public_access_block.clone(),
            "s3",
            "BucketPublicAccessBlock",
            vec![
                ("bucket", id()),
                ("blockPublicAcls", Expr::Bool(true)),
                ("blockPublicPolicy", Expr::Bool(true)),
                ("ignorePublicAcls", Expr::Bool(true)),
                ("restrictPublicBuckets", Expr::Bool(true)),
            ],
            vec![],
        );
        let default: Fields = match &b.encryption {
            BucketEncryption::Kms(key) => vec![
                ("sseAlgorithm", Expr::lit("aws:kms")),
                ("kmsMasterKeyId", Expr::of(key)),
            ],
            BucketEncryption::S3Managed => vec![("sseAlgorithm", Expr::lit("AES256"))],
        };
        self.resource(
            Id::Extra(format!("{base}Encryption")),
            "s3",
            "BucketServerSideEncryptionConfiguration",
            vec![
                ("bucket", id()),
                (
                    "rules",
                    Expr::Objects(
                        "BucketServerSideEncryptionConfigurationRule",
                        vec![vec![
                            (
                                "applyServerSideEncryptionByDefault",
                                Expr::Object(
                                    "BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault",
                                    default,
                                ),
                            ),
                            (
                                "bucketKeyEnabled",
                                Expr::Bool(matches!(b.encryption, BucketEncryption::Kms(_))),
                            ),
                        ]],
                    ),
                ),
            ],
            vec![],
        );
        self.resource(
            Id::Extra(format!("{base}Versioning")),
            "s3",
            "BucketVersioning",
            vec![
                ("bucket", id()),
                (
                    "versioningConfiguration",
                    Expr::Object(
                        "BucketVersioningVersioningConfiguration",
                        vec![(
                            "status",
                            Expr::lit(if b.versioning { "Enabled" } else { "Suspended" }),
                        )],
                    ),
                ),
            ],
            vec![],
        );
        let days = u64::from(b.expire_after_days);
        self.resource(
            Id::Extra(format!("{base}Lifecycle")),
            "s3",
            "BucketLifecycleConfiguration",
            vec![
                ("bucket", id()),
                (
                    "rules",
                    Expr::Objects(
                        "BucketLifecycleConfigurationRule",
                        vec![vec![
                            ("id", Expr::lit("expire-logs")),
                            ("status", Expr::lit("Enabled")),
                            (
                                "filter",
                                Expr::Object("BucketLifecycleConfigurationRuleFilter", vec![]),
                            ),
                            (
                                "expiration",
                                Expr::Object(
                                    "BucketLifecycleConfigurationRuleExpiration",
                                    vec![("days", Expr::Int(days))],
                                ),
                            ),
                            (
                                "noncurrentVersionExpiration",
                                Expr::Object(
                                    "BucketLifecycleConfigurationRuleNoncurrentVersionExpiration",
                                    vec![("noncurrentDays", Expr::Int(days))],
                                ),
                            ),
                            (
                                "abortIncompleteMultipartUpload",
                                Expr::Object(
                                    "BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload",
                                    vec![("daysAfterInitiation", Expr::Int(1))],
                                ),
                            ),
                        ]],
                    ),
                ),
            ],
            vec![],
        );
        let policy = Ref::new(Kind::BucketPolicy, &b.key);
        let doc = format!("{}Document", var_base(&policy));
        self.stmts.push(Stmt::Document {
            name: doc.clone(),
            doc: &b.policy,
        });
        self.comment(
            "A public-access block first, so the policy can never make the bucket public.",
        );
        self.resource(
            Id::Obj(policy),
            "s3",
            "BucketPolicy",
            vec![("bucket", id()), ("policy", Expr::Document(doc))],
            vec![public_access_block],
        );
    }
}

fn ids<'a>(kind: Kind, keys: &[Key]) -> Expr<'a> {
    Expr::Strings(keys.iter().map(|k| out(kind, k, Field::Id)).collect())
}

/// The attachment of a managed policy to a role: `<role><PolicyName>`.
fn attachment(role: &Role, policy: &Value) -> Id {
    let last = policy
        .0
        .iter()
        .rev()
        .find_map(|p| match p {
            Part::Text(t) => Some(t.rsplit('/').next().unwrap_or(t).to_owned()),
            _ => None,
        })
        .unwrap_or_default();
    Id::Extra(format!(
        "{}{}",
        var_base(&Ref::new(Kind::Role, &role.key)),
        Key::new(&ident(&last)).pascal()
    ))
}

/// Everything that gives a role its permissions (for `dependsOn`).
fn permissions(role: &Role) -> Vec<Id> {
    role.managed_policies
        .iter()
        .map(|p| attachment(role, p))
        .chain(
            role.inline_policies
                .iter()
                .map(|p| obj(Kind::InlinePolicy, &role.key.join(&p.key))),
        )
        .collect()
}

/// `camelCase` → `kebab-case`.
fn kebab(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The base of a design object's variable name: `this` objects are named
/// for their kind (`cluster`, `vpc`), others key + kind (`privateASubnet`).
pub(crate) fn var_base(r: &Ref) -> String {
    if r.key == "this" {
        let k = r.kind.suffix();
        let mut s = k[..1].to_ascii_lowercase();
        s.push_str(&k[1..]);
        s
    } else {
        let suffix = r.kind.suffix();
        let mut s = String::with_capacity(r.key.snake().len() + suffix.len());
        r.key.camel_into(&mut s);
        s.push_str(suffix);
        s
    }
}

/// Which inputs and context lookups the program uses.
fn scan(p: &mut Program) {
    let mut inputs = BTreeSet::new();
    let mut ctx = Context::default();
    let mut value = |v: &Value, inputs: &mut BTreeSet<InputId>, ctx: &mut Context| {
        for part in &v.0 {
            match part {
                Part::Partition => ctx.partition = true,
                Part::AccountId => ctx.account = true,
                Part::Region => ctx.region = true,
                Part::CallerArn => ctx.caller = true,
                Part::Input(i) => {
                    inputs.insert(*i);
                }
                Part::Text(_) | Part::Ref(..) => {}
            }
        }
    };
    fn walk(
        e: &Expr,
        inputs: &mut BTreeSet<InputId>,
        ctx: &mut Context,
        value: &mut dyn FnMut(&Value, &mut BTreeSet<InputId>, &mut Context),
    ) {
        match e {
            Expr::Str(v) => value(v, inputs, ctx),
            Expr::Zone(Zone::Available(_)) => ctx.zones = true,
            Expr::InputList(i) | Expr::InputBool(i) => {
                inputs.insert(*i);
            }
            Expr::Strings(items) => items.iter().for_each(|i| walk(i, inputs, ctx, value)),
            Expr::Object(_, fields) => fields.iter().for_each(|(_, e)| walk(e, inputs, ctx, value)),
            Expr::Objects(_, items) => items
                .iter()
                .flatten()
                .for_each(|(_, e)| walk(e, inputs, ctx, value)),
            _ => {}
        }
    }
    for s in &p.stmts {
        match s {
            Stmt::Resource(r) => {
                for (_, e) in &r.args {
                    walk(e, &mut inputs, &mut ctx, &mut value);
                }
            }
            Stmt::Document { doc, .. } => {
                for st in &doc.statements {
                    let values = st
                        .resources
                        .iter()
                        .chain(st.principals.iter().flat_map(|pr| &pr.identifiers))
                        .chain(st.conditions.iter().flat_map(|c| &c.values));
                    for v in values {
                        value(v, &mut inputs, &mut ctx);
                    }
                }
            }
            Stmt::VpcLookup(_, i) | Stmt::TagEach { list: i, .. } => {
                inputs.insert(*i);
            }
            Stmt::Section(_) | Stmt::Comment(_) => {}
        }
    }
    for o in p.exports {
        match &o.value {
            crate::design::OutputValue::One(v) => value(v, &mut inputs, &mut ctx),
            crate::design::OutputValue::List(vs) => {
                vs.iter().for_each(|v| value(v, &mut inputs, &mut ctx));
            }
        }
    }
    // The region and the tags are the AWS provider's configuration
    // (`aws:region`, `aws:defaultTags`), not the program's.
    p.inputs = p
        .design
        .inputs
        .iter()
        .map(|i| i.id)
        .filter(|i| inputs.contains(i) && !matches!(i, InputId::Region | InputId::Tags))
        .collect();
    p.context = ctx;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            kebab("clusterRoleAmazonEksClusterPolicy"),
            "cluster-role-amazon-eks-cluster-policy"
        );
        assert_eq!(var_base(&Ref::new(Kind::Cluster, "this")), "cluster");
        assert_eq!(
            var_base(&Ref::new(Kind::Subnet, "private_a")),
            "privateASubnet"
        );
        assert_eq!(
            var_base(&Ref::new(Kind::SecurityGroupRule, "this")),
            "ingress"
        );
    }
}
