//! Cluster, KMS key and log group resolution.

use super::iam::{CLUSTER, NODE};
use super::note;
use crate::design::{
    Attr, BuiltinPool, ClusterSpec, ComputeConfig, Dependency, InputId, Key, KeySource, Kind,
    KmsKey, LogGroup, NetworkSpec, Note, Part, PolicyDocument, Principal, PrincipalKind, Ref,
    SecretsEncryption, Setting, Span, Statement, SubnetList, Text, Value,
};
use crate::plan::{KeyMode, LogType, Plan, RoleMode};

/// Key of the secrets KMS key.
pub(crate) const SECRETS_KEY: &str = "secrets";
/// Key of the control-plane log group.
pub(crate) const CLUSTER_LOGS: &str = "cluster";

fn text(s: &str) -> Part {
    Part::Text(s.to_owned())
}

pub(super) fn keys_and_logs(
    plan: &Plan,
    network: &NetworkSpec,
    notes: &mut Vec<Note>,
) -> (Vec<KmsKey>, Vec<LogGroup>) {
    let c = &plan.cluster;
    let created_key = c.secrets_encryption.mode == KeyMode::Create;
    let key_arn = || Value::reference(Kind::KmsKey, SECRETS_KEY, Attr::Arn);
    let cluster_name = || Part::Input(InputId::ClusterName);
    let mut log_groups = Vec::new();
    if !c.control_plane_logs.is_empty() {
        log_groups.push(LogGroup {
            key: Key::new(CLUSTER_LOGS),
            name: Value(vec![text("/aws/eks/"), cluster_name(), text("/cluster")]),
            retention_in_days: c.log_retention_days,
            kms_key_arn: created_key.then(key_arn),
        });
        note(
            notes,
            "Logging",
            Text::lit("The control-plane log group is created by ")
                .word(Span::Tool)
                .then(format!(
                    " (not by EKS) so its {}-day retention{} are managed with the cluster.",
                    c.log_retention_days,
                    if created_key {
                        " and KMS encryption"
                    } else {
                        ""
                    }
                )),
        );
    }
    if let NetworkSpec::Create(vpc) = network
        && let Some(fl) = &vpc.flow_logs
    {
        log_groups.push(LogGroup {
            key: fl.log_group.clone(),
            name: Value(vec![text("/aws/vpc-flow-logs/"), cluster_name()]),
            retention_in_days: c.log_retention_days,
            kms_key_arn: created_key.then(key_arn),
        });
    }

    let mut kms_keys = Vec::new();
    if created_key {
        let account_root = Value(vec![
            text("arn:"),
            Part::Partition,
            text(":iam::"),
            Part::AccountId,
            text(":root"),
        ]);
        let mut statements = vec![Statement {
            principals: vec![Principal {
                kind: PrincipalKind::Aws,
                identifiers: vec![account_root],
            }],
            ..Statement::allow(&["kms:*"], vec![Value::lit("*")]).sid("AccountAdministration")
        }];
        if !log_groups.is_empty() {
            let logs_service = Value(vec![text("logs."), Part::Region, text(".amazonaws.com")]);
            let log_group_pattern = Value(vec![
                text("arn:"),
                Part::Partition,
                text(":logs:"),
                Part::Region,
                text(":"),
                Part::AccountId,
                text(":log-group:*"),
            ]);
            let logs = || {
                vec![Principal {
                    kind: PrincipalKind::Service,
                    identifiers: vec![logs_service.clone()],
                }]
            };
            // Crypto operations only for this account's log groups; the
            // encryption-context key is a string, hence StringLike.
            statements.push(
                Statement {
                    principals: logs(),
                    ..Statement::allow(
                        &[
                            "kms:Encrypt*",
                            "kms:Decrypt*",
                            "kms:ReEncrypt*",
                            "kms:GenerateDataKey*",
                        ],
                        vec![Value::lit("*")],
                    )
                    .sid("CloudWatchLogsUse")
                }
                .when(
                    "StringLike",
                    "kms:EncryptionContext:aws:logs:arn",
                    vec![log_group_pattern],
                ),
            );
            // DescribeKey carries no encryption context, so it cannot share
            // the condition above (it would never match).
            statements.push(Statement {
                principals: logs(),
                ..Statement::allow(&["kms:DescribeKey"], vec![Value::lit("*")])
                    .sid("CloudWatchLogsDescribe")
            });
        }
        kms_keys.push(KmsKey {
            key: Key::new(SECRETS_KEY),
            description: format!("EKS secrets envelope encryption for cluster {}", c.name),
            alias: format!("alias/{}-eks", c.name),
            enable_key_rotation: true,
            deletion_window_in_days: 30,
            policy: PolicyDocument { statements },
        });
        note(
            notes,
            "Encryption",
            "Kubernetes secrets are envelope-encrypted with a customer-managed KMS key that rotates yearly; the key policy delegates to IAM in this account and, for the log groups, to CloudWatch Logs.",
        );
    }
    (kms_keys, log_groups)
}

pub(super) fn resolve(
    plan: &Plan,
    network: &NetworkSpec,
    kms_keys: &[KmsKey],
    log_groups: &[LogGroup],
    notes: &mut Vec<Note>,
) -> ClusterSpec {
    let c = &plan.cluster;
    let am = &plan.auto_mode;
    let mut node_pools = Vec::new();
    if am.general_purpose_pool {
        node_pools.push(BuiltinPool::GeneralPurpose);
    }
    if am.system_pool {
        node_pools.push(BuiltinPool::System);
    }
    let node_role_arn = (!node_pools.is_empty()).then(|| match am.node_role.mode {
        RoleMode::Create => Value::reference(Kind::Role, NODE, Attr::Arn),
        RoleMode::Existing => Value::lit(am.node_role.arn.clone().unwrap_or_default()),
    });
    if node_pools.is_empty() {
        note(
            notes,
            "Auto Mode",
            "Both built-in NodePools are off, so EKS receives no node role (it would reject one) and creates no `default` NodeClass.",
        );
    } else {
        note(
            notes,
            "Auto Mode",
            format!(
                "Built-in NodePools: {}. EKS owns them and reverts edits; customise capacity with your own NodePools instead.",
                node_pools
                    .iter()
                    .map(|p| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    note(
        notes,
        "Auto Mode",
        Text::default()
            .word(Span::Setting(Setting::ComputeConfig))
            .then(", ")
            .word(Span::Setting(Setting::ElasticLoadBalancing))
            .then(" and ")
            .word(Span::Setting(Setting::BlockStorage))
            .then(" are enabled together and ")
            .word(Span::Setting(Setting::BootstrapSelfManagedAddons))
            .then(" is false, as EKS requires for Auto Mode."),
    );

    let public = c.endpoint.access.public();
    let public_access_cidrs = if !public {
        Vec::new()
    } else if c.endpoint.public_access_cidrs.is_empty() {
        vec!["0.0.0.0/0".to_owned()]
    } else {
        c.endpoint.public_access_cidrs.clone()
    };
    let subnets = match network {
        NetworkSpec::Create(vpc) => {
            SubnetList::Created(vpc.private_subnets.iter().map(|s| s.key.clone()).collect())
        }
        NetworkSpec::Existing(_) => SubnetList::Input(InputId::ControlPlaneSubnetIds),
    };
    let encryption = match c.secrets_encryption.mode {
        KeyMode::Create => kms_keys.first().map(|k| KeySource::Created(k.key.clone())),
        KeyMode::Existing => Some(KeySource::Existing(
            c.secrets_encryption.key_arn.clone().unwrap_or_default(),
        )),
        KeyMode::None => None,
    }
    .map(|key| SecretsEncryption {
        key,
        resources: vec!["secrets"],
    });
    let log_types: Vec<LogType> = LogType::ALL
        .iter()
        .filter(|t| c.control_plane_logs.contains(t))
        .copied()
        .collect();
    let log_group = log_groups
        .iter()
        .find(|g| g.key == CLUSTER_LOGS)
        .map(|g| g.key.clone());
    let role = Key::new(CLUSTER);
    // The cluster role needs its policies before EKS uses it, and on
    // deletion they must outlive the cluster so Auto Mode can clean up its
    // instances; the log group must exist first so EKS does not create it.
    let mut after = vec![Dependency::Permissions(role.clone())];
    if let Some(g) = &log_group {
        after.push(Dependency::Object(Ref::new(Kind::LogGroup, g)));
    }
    ClusterSpec {
        key: Key::new(super::CLUSTER_KEY),
        name: c.name.clone(),
        region: c.region.clone(),
        version: c.kubernetes_version.clone(),
        support_type: c.support_type,
        deletion_protection: c.deletion_protection,
        role,
        bootstrap_self_managed_addons: false,
        bootstrap_cluster_creator_admin_permissions: false,
        authentication_mode: am.authentication_mode,
        compute: ComputeConfig {
            enabled: true,
            node_pools,
            node_role_arn,
        },
        elastic_load_balancing: true,
        block_storage: true,
        endpoint_private_access: c.endpoint.access.private(),
        endpoint_public_access: public,
        public_access_cidrs,
        subnets,
        ip_family: c.ip_family,
        service_ipv4_cidr: c.service_cidr.clone(),
        encryption,
        log_types,
        log_group,
        tags: c.tags.clone(),
        after,
    }
}
