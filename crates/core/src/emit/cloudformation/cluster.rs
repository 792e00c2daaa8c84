//! The secrets key, the log groups and the cluster.

use super::template::{Node, Resource};
use super::{Cfn, derived};
use crate::design::{Dependency, InputId, Kind, SubnetList};

/// KMS keys with their aliases, and the log groups (created before the
/// cluster so the stack, not EKS, owns their retention and encryption).
pub fn keys_and_logs(cfn: &Cfn, out: &mut Vec<Resource>) {
    let d = cfn.design;
    for k in &d.kms_keys {
        let id = cfn.id(Kind::KmsKey, &k.key);
        out.push(
            Resource::new(&id, "AWS::KMS::Key")
                .prop("Description", Node::str(&k.description))
                .prop("EnableKeyRotation", Node::Bool(k.enable_key_rotation))
                .prop(
                    "PendingWindowInDays",
                    Node::Int(i64::from(k.deletion_window_in_days)),
                )
                .prop("KeyPolicy", cfn.policy(&k.policy))
                .taggable(),
        );
        out.push(
            Resource::new(derived::alias(&id), "AWS::KMS::Alias")
                .prop("AliasName", Node::str(&k.alias))
                .prop("TargetKeyId", Node::reference(&id)),
        );
    }
    for (i, g) in d.log_groups.iter().enumerate() {
        let mut r = Resource::new(cfn.id(Kind::LogGroup, &g.key), "AWS::Logs::LogGroup")
            .prop("LogGroupName", cfn.value(&g.name))
            .prop("RetentionInDays", Node::Int(i64::from(g.retention_in_days)))
            .prop_opt("KmsKeyId", g.kms_key_arn.as_ref().map(|v| cfn.value(v)))
            .taggable();
        if i == 0 && d.cluster.log_group.as_ref() == Some(&g.key) {
            r = r.comment("Created before the cluster so the stack, not EKS, owns its retention.");
        }
        out.push(r);
    }
}

/// The EKS cluster.
pub fn cluster(cfn: &Cfn, out: &mut Vec<Resource>) {
    let c = &cfn.design.cluster;
    let subnet_ids = match &c.subnets {
        SubnetList::Created(keys) => cfn.ids(Kind::Subnet, keys),
        SubnetList::Input(i) => cfn.input(*i),
    };
    let mut compute = vec![("Enabled", Node::Bool(c.compute.enabled))];
    if !c.compute.node_pools.is_empty() {
        compute.push(("NodePools", Node::strs(&c.compute.pool_names())));
    }
    if let Some(arn) = &c.compute.node_role_arn {
        compute.push(("NodeRoleArn", cfn.value(arn)));
    }
    let mut network = vec![("IpFamily", Node::str(c.ip_family.as_str()))];
    if let Some(cidr) = &c.service_ipv4_cidr {
        network.push(("ServiceIpv4Cidr", Node::str(cidr)));
    }
    network.push((
        "ElasticLoadBalancing",
        Node::Map(vec![("Enabled", Node::Bool(c.elastic_load_balancing))]),
    ));
    let mut vpc = vec![
        ("SubnetIds", subnet_ids),
        (
            "EndpointPrivateAccess",
            Node::Bool(c.endpoint_private_access),
        ),
        ("EndpointPublicAccess", Node::Bool(c.endpoint_public_access)),
    ];
    if c.endpoint_public_access {
        vpc.push(("PublicAccessCidrs", cfn.input(InputId::PublicAccessCidrs)));
    }
    let mut r = Resource::new(cfn.id(Kind::Cluster, &c.key), "AWS::EKS::Cluster")
        .prop("Name", cfn.cluster_name())
        .prop(
            "RoleArn",
            cfn.value(&crate::design::Value::reference(
                Kind::Role,
                &c.role,
                crate::design::Attr::Arn,
            )),
        )
        .prop("Version", cfn.input(InputId::KubernetesVersion))
        .prop(
            "BootstrapSelfManagedAddons",
            Node::Bool(c.bootstrap_self_managed_addons),
        )
        .prop("DeletionProtection", cfn.input(InputId::DeletionProtection));
    if !c.log_types.is_empty() {
        r = r.prop(
            "Logging",
            Node::Map(vec![(
                "ClusterLogging",
                Node::Map(vec![(
                    "EnabledTypes",
                    Node::List(
                        c.log_types
                            .iter()
                            .map(|t| Node::Map(vec![("Type", Node::str(t.as_str()))]))
                            .collect(),
                    ),
                )]),
            )]),
        );
    }
    r = r
        .prop(
            "AccessConfig",
            Node::Map(vec![
                (
                    "AuthenticationMode",
                    Node::str(c.authentication_mode.as_str()),
                ),
                (
                    "BootstrapClusterCreatorAdminPermissions",
                    Node::Bool(c.bootstrap_cluster_creator_admin_permissions),
                ),
            ]),
        )
        .prop("ComputeConfig", Node::Map(compute))
        .prop("KubernetesNetworkConfig", Node::Map(network))
        .prop(
            "StorageConfig",
            Node::Map(vec![(
                "BlockStorage",
                Node::Map(vec![("Enabled", Node::Bool(c.block_storage))]),
            )]),
        )
        .prop("ResourcesVpcConfig", Node::Map(vpc));
    if let Some(enc) = &c.encryption {
        r = r.prop(
            "EncryptionConfig",
            Node::List(vec![Node::Map(vec![
                (
                    "Provider",
                    Node::Map(vec![("KeyArn", cfn.value(&enc.key_arn()))]),
                ),
                ("Resources", Node::strs(&enc.resources)),
            ])]),
        );
    }
    r = r
        .prop(
            "UpgradePolicy",
            Node::Map(vec![("SupportType", Node::str(c.support_type.as_str()))]),
        )
        .taggable();
    for dep in &c.after {
        // A role carries its policies (see iam.rs): the reference to it is
        // dependency enough.
        if let Dependency::Object(o) = dep {
            r = r.after(&cfn.id_of(o));
        }
    }
    if !r.depends_on.is_empty() {
        r = r.comment(
            "The log group must exist first, so EKS does not create it with unlimited retention.",
        );
    }
    out.push(r);
}
