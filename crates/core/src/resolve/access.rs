//! Access entry and Pod Identity resolution.

use super::iam::{NODE, nodeclass_role_key};
use super::{ident, note, unique};
use crate::catalog::policies::{AUTO_NODE_ACCESS_POLICY, CLUSTER_ADMIN_ACCESS_POLICY};
use crate::design::{
    AccessEntrySpec, AccessPolicyAssociation, Attr, ClusterSpec, Kind, Note, Part, PodIdentitySpec,
    Role, Value,
};
use crate::plan::{NodeClassRoleMode, Plan, RoleMode};
use crate::validate::syntax;

pub(super) fn entries(
    plan: &Plan,
    cluster: &ClusterSpec,
    roles: &[Role],
    notes: &mut Vec<Note>,
) -> Vec<AccessEntrySpec> {
    let mut out = Vec::new();
    let mut keys = Vec::new();
    let admin_policy = |key: &str| AccessPolicyAssociation {
        key: key.to_owned(),
        policy_arn: Value::access_policy(CLUSTER_ADMIN_ACCESS_POLICY),
        scope: "cluster".to_owned(),
        namespaces: Vec::new(),
    };
    if plan.access.cluster_creator_admin {
        out.push(AccessEntrySpec {
            key: unique("cluster_creator".to_owned(), &mut keys),
            principal_arn: Value(vec![Part::CallerArn]),
            entry_type: "STANDARD".to_owned(),
            kubernetes_groups: Vec::new(),
            username: None,
            policies: vec![admin_policy("admin")],
            reason: "cluster-admin for the principal that runs the deployment".to_owned(),
        });
        note(
            notes,
            "Access",
            "Cluster-creator admin is an explicit access entry for the deploying principal, not the hidden bootstrap grant, so it can be reviewed and removed like any other.",
        );
    }
    for e in &plan.access.entries {
        let name = e.principal_arn.rsplit('/').next().unwrap_or("entry");
        let key = unique(ident(name), &mut keys);
        out.push(AccessEntrySpec {
            key,
            principal_arn: Value::lit(e.principal_arn.clone()),
            entry_type: e.entry_type.as_str().to_owned(),
            kubernetes_groups: e.kubernetes_groups.clone(),
            username: e.username.clone(),
            policies: e
                .policies
                .iter()
                .enumerate()
                .map(|(i, p)| AccessPolicyAssociation {
                    key: format!("p{i}"),
                    policy_arn: Value::access_policy(crate::validate::policy_name(&p.policy)),
                    scope: p.scope.as_str().to_owned(),
                    namespaces: p.namespaces.clone(),
                })
                .collect(),
            reason: "from the plan".to_owned(),
        });
    }

    // Custom NodeClass roles need an EC2 entry unless the role is the one
    // EKS already has an entry for (compute_config.node_role_arn).
    let compute_role_used = cluster.compute.node_role_arn.is_some();
    let mut seen: Vec<Value> = Vec::new();
    for nc in &plan.node_classes {
        let arn = match nc.role.mode {
            NodeClassRoleMode::ClusterNodeRole if compute_role_used => continue,
            NodeClassRoleMode::ClusterNodeRole => match plan.auto_mode.node_role.mode {
                RoleMode::Create => Value::reference(Kind::Role, NODE, Attr::Arn),
                RoleMode::Existing => {
                    Value::lit(plan.auto_mode.node_role.arn.clone().unwrap_or_default())
                }
            },
            NodeClassRoleMode::Create => {
                let key = nodeclass_role_key(&nc.name);
                if !roles.iter().any(|r| r.key == key) {
                    continue;
                }
                Value::reference(Kind::Role, key, Attr::Arn)
            }
            NodeClassRoleMode::Existing => {
                let r = nc.role.role.clone().unwrap_or_default();
                if syntax::iam_role_arn(&r).is_some() {
                    Value::lit(r)
                } else {
                    Value(vec![
                        Part::Text("arn:".into()),
                        Part::Partition,
                        Part::Text(":iam::".into()),
                        Part::AccountId,
                        Part::Text(format!(":role/{r}")),
                    ])
                }
            }
            NodeClassRoleMode::InstanceProfile => continue,
        };
        if seen.contains(&arn) {
            continue;
        }
        seen.push(arn.clone());
        out.push(AccessEntrySpec {
            key: unique(format!("nodeclass_{}", ident(&nc.name)), &mut keys),
            principal_arn: arn,
            entry_type: "EC2".to_owned(),
            kubernetes_groups: Vec::new(),
            username: None,
            policies: vec![AccessPolicyAssociation {
                key: "auto_node".to_owned(),
                policy_arn: Value::access_policy(AUTO_NODE_ACCESS_POLICY),
                scope: "cluster".to_owned(),
                namespaces: Vec::new(),
            }],
            reason: format!("lets nodes of NodeClass `{}` join the cluster", nc.name),
        });
        note(
            notes,
            "Access",
            format!(
                "NodeClass `{}` uses its own node role, so the bundle adds an EC2 access entry with AmazonEKSAutoNodePolicy (EKS creates one only for the cluster-level node role); without it its nodes never join.",
                nc.name
            ),
        );
    }
    out
}

pub(super) fn pod_identity(plan: &Plan, roles: &[Role]) -> Vec<PodIdentitySpec> {
    let mut keys = Vec::new();
    let mut role_keys = vec!["cluster".to_owned(), NODE.to_owned()];
    plan.pod_identity
        .iter()
        .map(|a| {
            let key = unique(
                format!("{}_{}", ident(&a.namespace), ident(&a.service_account)),
                &mut keys,
            );
            let (role_arn, created_role_key) = match a.role_mode {
                RoleMode::Create => {
                    // Mirror the key iam::resolve gave the role.
                    let rk = unique(
                        format!("pod_{}_{}", ident(&a.namespace), ident(&a.service_account)),
                        &mut role_keys,
                    );
                    debug_assert!(roles.iter().any(|r| r.key == rk), "pod role key {rk}");
                    (
                        Value::reference(Kind::Role, rk.clone(), Attr::Arn),
                        Some(rk),
                    )
                }
                RoleMode::Existing => (Value::lit(a.role_arn.clone().unwrap_or_default()), None),
            };
            PodIdentitySpec {
                key,
                namespace: a.namespace.clone(),
                service_account: a.service_account.clone(),
                role_arn,
                created_role_key,
            }
        })
        .collect()
}
