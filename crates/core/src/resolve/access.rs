//! Access entry and Pod Identity resolution.

use super::iam::{NODE, Roles};
use super::note;
use crate::catalog::policies::{AUTO_NODE_ACCESS_POLICY, CLUSTER_ADMIN_ACCESS_POLICY};
use crate::design::{
    AccessEntrySpec, AccessPolicyAssociation, Attr, ClusterSpec, Key, Keys, Kind, Note, Part,
    PodIdentitySpec, Value,
};
use crate::plan::{AccessEntryType, AccessScope, NodeClassRoleMode, Plan, RoleMode};
use crate::validate::syntax;

pub(super) fn entries(
    plan: &Plan,
    cluster: &ClusterSpec,
    roles: &Roles,
    notes: &mut Vec<Note>,
) -> Vec<AccessEntrySpec> {
    let mut out = Vec::new();
    let mut keys = Keys::default();
    let admin_policy = |key: &str| AccessPolicyAssociation {
        key: Key::new(key),
        policy_arn: Value::access_policy(CLUSTER_ADMIN_ACCESS_POLICY),
        scope: AccessScope::Cluster,
        namespaces: Vec::new(),
    };
    if plan.access.cluster_creator_admin {
        out.push(AccessEntrySpec {
            key: keys.unique(Key::new("cluster_creator")),
            principal_arn: Value(vec![Part::CallerArn]),
            entry_type: AccessEntryType::Standard,
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
        let key = keys.unique(Key::from_text(name));
        out.push(AccessEntrySpec {
            key,
            principal_arn: Value::lit(e.principal_arn.clone()),
            entry_type: e.entry_type,
            kubernetes_groups: e.kubernetes_groups.clone(),
            username: e.username.clone(),
            policies: e
                .policies
                .iter()
                .enumerate()
                .map(|(i, p)| AccessPolicyAssociation {
                    key: Key::new(&format!("p{i}")),
                    policy_arn: Value::access_policy(crate::validate::policy_name(&p.policy)),
                    scope: p.scope,
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
    for (nc, own_role) in plan.node_classes.iter().zip(&roles.node_classes) {
        let arn = match nc.role.mode {
            NodeClassRoleMode::ClusterNodeRole if compute_role_used => continue,
            NodeClassRoleMode::ClusterNodeRole => match plan.auto_mode.node_role.mode {
                RoleMode::Create => Value::reference(Kind::Role, NODE, Attr::Arn),
                RoleMode::Existing => {
                    Value::lit(plan.auto_mode.node_role.arn.clone().unwrap_or_default())
                }
            },
            NodeClassRoleMode::Create => match own_role {
                Some(key) => Value::reference(Kind::Role, key, Attr::Arn),
                None => continue,
            },
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
            key: keys.unique(Key::new("nodeclass").join(&Key::from_text(&nc.name))),
            principal_arn: arn,
            entry_type: AccessEntryType::Ec2,
            kubernetes_groups: Vec::new(),
            username: None,
            policies: vec![AccessPolicyAssociation {
                key: Key::new("auto_node"),
                policy_arn: Value::access_policy(AUTO_NODE_ACCESS_POLICY),
                scope: AccessScope::Cluster,
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

pub(super) fn pod_identity(plan: &Plan, roles: &Roles) -> Vec<PodIdentitySpec> {
    let mut keys = Keys::default();
    plan.pod_identity
        .iter()
        .zip(&roles.pods)
        .map(|(a, role)| {
            let key =
                keys.unique(Key::from_text(&a.namespace).join(&Key::from_text(&a.service_account)));
            let role_arn = match role {
                Some(rk) => Value::reference(Kind::Role, rk, Attr::Arn),
                None => Value::lit(a.role_arn.clone().unwrap_or_default()),
            };
            PodIdentitySpec {
                key,
                namespace: a.namespace.clone(),
                service_account: a.service_account.clone(),
                role_arn,
                created_role: role.clone(),
            }
        })
        .collect()
}
