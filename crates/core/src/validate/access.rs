//! Rules for the `access` section.

use super::{Ctx, duplicates, syntax};
use crate::catalog::policies::{
    ACCESS_POLICIES, AUTO_NODE_ACCESS_POLICY, CLUSTER_ADMIN_ACCESS_POLICY,
    EKS_MANAGED_ACCESS_POLICIES, internal_access_policy_reason,
};
use crate::diag::Code;
use crate::plan::{AccessEntryType, AccessScope, NodeClassRoleMode, RoleMode};

/// The policy name of a plan's policy field (accepts a bare name or full ARN).
pub(crate) fn policy_name(policy: &str) -> &str {
    policy
        .rsplit_once("cluster-access-policy/")
        .map(|(_, n)| n)
        .unwrap_or(policy)
}

/// A namespace name, or a prefix ending in the `*` wildcard EKS accepts.
pub(crate) fn namespace_pattern(ns: &str) -> bool {
    match ns.strip_suffix('*') {
        None => syntax::dns1123_label(ns),
        Some(prefix) => {
            prefix
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
                && !prefix.starts_with('-')
        }
    }
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    let access = &cx.plan.access;
    for (i, e) in access.entries.iter().enumerate() {
        let base = format!("access.entries[{i}]");
        if !syntax::iam_principal_arn(&e.principal_arn) {
            cx.report(
                Code::PrincipalArn,
                format!("{base}.principal_arn"),
                format!("`{}` is not an IAM role or user ARN", e.principal_arn),
                "Use `arn:aws:iam::ACCOUNT:role/NAME` (not an STS assumed-role ARN).",
            );
        } else {
            cx.check_placeholder_account(&format!("{base}.principal_arn"), &e.principal_arn);
        }
        let standard = e.entry_type == AccessEntryType::Standard;
        if !standard && (!e.kubernetes_groups.is_empty() || e.username.is_some()) {
            cx.report(
                Code::NonStandardIdentity,
                format!("{base}.type"),
                format!(
                    "`{}` entries get their Kubernetes identity from EKS; groups and username are only for STANDARD",
                    e.entry_type.as_str()
                ),
                "Remove `kubernetes_groups` and `username`, or use `type: STANDARD`.",
            );
        }
        for (g, group) in e.kubernetes_groups.iter().enumerate() {
            if group.starts_with("system:") {
                cx.report(
                    Code::ReservedUsername,
                    format!("{base}.kubernetes_groups[{g}]"),
                    format!("group `{group}` is reserved; EKS rejects `system:` groups"),
                    "Bind your own group name with RBAC, or use an access policy.",
                );
            }
        }
        if let Some(user) = &e.username {
            let reserved = ["system:", "eks:", "aws:", "amazon:", "iam:"]
                .iter()
                .find(|p| user.starts_with(*p));
            if let Some(prefix) = reserved {
                cx.report(
                    Code::ReservedUsername,
                    format!("{base}.username"),
                    format!("usernames may not start with `{prefix}`"),
                    "Choose another username, or leave it empty to use the ARN.",
                );
            }
        }
        for (j, p) in e.policies.iter().enumerate() {
            let ppath = format!("{base}.policies[{j}]");
            let name = policy_name(&p.policy);
            if !ACCESS_POLICIES.contains(&name) {
                cx.report(
                    Code::AccessPolicy,
                    format!("{ppath}.policy"),
                    format!("`{}` is not an EKS access policy", p.policy),
                    "Use a name such as `AmazonEKSViewPolicy`, `AmazonEKSEditPolicy` or `AmazonEKSClusterAdminPolicy`.",
                );
            } else if EKS_MANAGED_ACCESS_POLICIES.contains(&name) {
                cx.report(
                    Code::AccessPolicy,
                    format!("{ppath}.policy"),
                    format!("`{name}` is associated by EKS itself with the cluster role"),
                    "Remove it; Auto Mode manages this association.",
                );
            } else if standard && let Some(why) = internal_access_policy_reason(name) {
                // Internal policies are for the entries AWS or the planner
                // write; a person or CI with one gets node or controller
                // permissions nobody reviewed.
                cx.report(
                    Code::AccessPolicy,
                    format!("{ppath}.policy"),
                    format!("`{name}` is not for people or CI: it {why}"),
                    "Use a policy meant for people and CI: AmazonEKSClusterAdminPolicy, AmazonEKSAdminPolicy, AmazonEKSEditPolicy, AmazonEKSViewPolicy, AmazonEKSAdminViewPolicy or AmazonEKSSecretReaderPolicy.",
                );
            }
            match p.scope {
                AccessScope::Namespace if p.namespaces.is_empty() => cx.report(
                    Code::AccessScope,
                    format!("{ppath}.namespaces"),
                    "`scope: namespace` needs at least one namespace",
                    "List the namespaces, or use `scope: cluster`.",
                ),
                AccessScope::Cluster if !p.namespaces.is_empty() => cx.report(
                    Code::AccessScope,
                    format!("{ppath}.namespaces"),
                    "namespaces are listed but the scope is `cluster`",
                    "Use `scope: namespace`, or remove the namespaces.",
                ),
                _ => {}
            }
            for (k, ns) in p.namespaces.iter().enumerate() {
                if !namespace_pattern(ns) {
                    cx.report(
                        Code::AccessScope,
                        format!("{ppath}.namespaces[{k}]"),
                        format!("`{ns}` is not a namespace name"),
                        "Use lower-case DNS labels, optionally ending in `*`.",
                    );
                }
            }
            let allowed_on_node_entry =
                e.entry_type == AccessEntryType::Ec2 && name == AUTO_NODE_ACCESS_POLICY;
            if !standard && !allowed_on_node_entry {
                cx.report(
                    Code::PoliciesOnNodeEntry,
                    format!("{ppath}.policy"),
                    format!(
                        "`{}` entries cannot have `{name}`; only EC2 entries take `AmazonEKSAutoNodePolicy`",
                        e.entry_type.as_str()
                    ),
                    "Remove the policy, or use a STANDARD entry.",
                );
            }
        }
    }
    for (i, arn) in duplicates(access.entries.iter().map(|e| e.principal_arn.as_str())) {
        cx.report(
            Code::DuplicatePrincipal,
            format!("access.entries[{i}].principal_arn"),
            format!("`{arn}` already has an access entry; a principal can have only one"),
            "Merge the policies into one entry.",
        );
    }

    // Entries EKS or the planner already create.
    let node_role_arn = (cx.plan.auto_mode.node_role.mode == RoleMode::Existing)
        .then(|| cx.plan.auto_mode.node_role.arn.clone())
        .flatten();
    let nodeclass_roles: Vec<String> = cx
        .plan
        .node_classes
        .iter()
        .filter(|nc| nc.role.mode == NodeClassRoleMode::Existing)
        .filter_map(|nc| nc.role.role.clone())
        .collect();
    let mut dup = Vec::new();
    for (i, e) in access.entries.iter().enumerate() {
        if node_role_arn.as_deref() == Some(e.principal_arn.as_str()) {
            dup.push((
                i,
                "EKS (or the planner) creates the node role's access entry",
            ));
        } else if nodeclass_roles.iter().any(|r| r == &e.principal_arn) {
            dup.push((
                i,
                "the planner creates the EC2 access entry for this NodeClass role",
            ));
        }
    }
    for (i, why) in dup {
        cx.report(
            Code::NodeRoleEntry,
            format!("access.entries[{i}].principal_arn"),
            format!("{why}; a second entry fails with ResourceInUseException"),
            "Remove this entry.",
        );
    }

    let has_admin = access.cluster_creator_admin
        || access.admin_role.enabled
        || access.entries.iter().any(|e| {
            e.policies.iter().any(|p| {
                p.scope == AccessScope::Cluster
                    && policy_name(&p.policy) == CLUSTER_ADMIN_ACCESS_POLICY
            })
        });
    if !has_admin {
        cx.report(
            Code::NoClusterAdmin,
            "access.cluster_creator_admin",
            "no principal gets cluster-admin; nobody can apply the Kubernetes manifests",
            "Turn on `cluster_creator_admin` or `admin_role`, or add an entry with `AmazonEKSClusterAdminPolicy` at cluster scope.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    const ARN: &str = "arn:aws:iam::210987654321:role/Developers";

    fn with_entry(e: AccessEntry) -> Plan {
        let mut p = good();
        p.access.entries.push(e);
        p
    }

    fn entry() -> AccessEntry {
        AccessEntry {
            principal_arn: ARN.into(),
            ..AccessEntry::default()
        }
    }

    #[test]
    fn ac001_principal_arn() {
        let p = with_entry(AccessEntry {
            principal_arn: "arn:aws:sts::210987654321:assumed-role/Dev/me".into(),
            ..AccessEntry::default()
        });
        assert_reported(
            &p,
            Code::PrincipalArn,
            "access.entries[0].principal_arn",
            Severity::Error,
        );
        assert_not_reported(&with_entry(entry()), Code::PrincipalArn);
    }

    #[test]
    fn ac002_duplicate_principal() {
        let mut p = with_entry(entry());
        p.access.entries.push(entry());
        assert_reported(
            &p,
            Code::DuplicatePrincipal,
            "access.entries[1].principal_arn",
            Severity::Error,
        );
    }

    #[test]
    fn ac003_groups_on_non_standard() {
        let p = with_entry(AccessEntry {
            entry_type: AccessEntryType::Ec2,
            kubernetes_groups: vec!["nodes".into()],
            ..entry()
        });
        assert_reported(
            &p,
            Code::NonStandardIdentity,
            "access.entries[0].type",
            Severity::Error,
        );
    }

    #[test]
    fn ac004_reserved_username() {
        let p = with_entry(AccessEntry {
            username: Some("eks:me".into()),
            ..entry()
        });
        assert_reported(
            &p,
            Code::ReservedUsername,
            "access.entries[0].username",
            Severity::Error,
        );
        let p = with_entry(AccessEntry {
            kubernetes_groups: vec!["system:masters".into()],
            ..entry()
        });
        assert_reported(
            &p,
            Code::ReservedUsername,
            "access.entries[0].kubernetes_groups[0]",
            Severity::Error,
        );
    }

    #[test]
    fn ac005_access_policy() {
        let mut e = entry();
        e.policies.push(AccessPolicy {
            policy: "AmazonEKSSuperUser".into(),
            ..AccessPolicy::default()
        });
        e.policies.push(AccessPolicy {
            policy: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSComputeClusterPolicy".into(),
            ..AccessPolicy::default()
        });
        e.policies.push(AccessPolicy {
            policy: "AmazonEKSAutoNodePolicy".into(),
            ..AccessPolicy::default()
        });
        e.policies.push(AccessPolicy {
            policy: "AmazonEKSBlockStoragePolicy".into(),
            ..AccessPolicy::default()
        });
        e.policies.push(AccessPolicy {
            policy: "AWSBackupFullAccessPolicyForBackup".into(),
            ..AccessPolicy::default()
        });
        let p = with_entry(e);
        for i in 0..4 {
            assert_reported(
                &p,
                Code::AccessPolicy,
                &format!("access.entries[0].policies[{i}].policy"),
                Severity::Error,
            );
        }
        // A service's role may carry its service policy.
        let diags = check(&p);
        assert!(
            !diags
                .iter()
                .any(|d| d.path == "access.entries[0].policies[4].policy"),
            "{diags:?}"
        );
        assert!(
            diags
                .iter()
                .any(|d| d.message.contains("is not for people or CI"))
        );
    }

    #[test]
    fn ac006_access_scope() {
        let mut e = entry();
        e.policies.push(AccessPolicy {
            scope: AccessScope::Namespace,
            ..AccessPolicy::default()
        });
        e.policies.push(AccessPolicy {
            scope: AccessScope::Namespace,
            namespaces: vec!["Team_A".into()],
            ..AccessPolicy::default()
        });
        let p = with_entry(e);
        assert_reported(
            &p,
            Code::AccessScope,
            "access.entries[0].policies[0].namespaces",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::AccessScope,
            "access.entries[0].policies[1].namespaces[0]",
            Severity::Error,
        );
        let mut e = entry();
        e.policies.push(AccessPolicy {
            scope: AccessScope::Namespace,
            namespaces: vec!["team-*".into(), "prod".into()],
            ..AccessPolicy::default()
        });
        assert_not_reported(&with_entry(e), Code::AccessScope);
    }

    #[test]
    fn ac007_no_cluster_admin() {
        let mut p = good();
        p.access.cluster_creator_admin = false;
        assert_reported(
            &p,
            Code::NoClusterAdmin,
            "access.cluster_creator_admin",
            Severity::Warning,
        );
        let mut e = entry();
        e.policies.push(AccessPolicy {
            policy: "AmazonEKSClusterAdminPolicy".into(),
            ..AccessPolicy::default()
        });
        p.access.entries.push(e);
        assert_not_reported(&p, Code::NoClusterAdmin);
        let mut p = good();
        p.access.cluster_creator_admin = false;
        p.access.admin_role.enabled = true;
        assert_not_reported(&p, Code::NoClusterAdmin);
    }

    #[test]
    fn ac008_placeholder_account() {
        let p = with_entry(AccessEntry {
            principal_arn: "arn:aws:iam::111122223333:role/Admin".into(),
            ..AccessEntry::default()
        });
        assert_reported(
            &p,
            Code::PlaceholderAccount,
            "access.entries[0].principal_arn",
            Severity::Warning,
        );
    }

    #[test]
    fn ac009_duplicates_a_managed_entry() {
        let mut p = with_entry(AccessEntry {
            entry_type: AccessEntryType::Ec2,
            ..entry()
        });
        p.auto_mode.node_role.mode = RoleMode::Existing;
        p.auto_mode.node_role.arn = Some(ARN.into());
        assert_reported(
            &p,
            Code::NodeRoleEntry,
            "access.entries[0].principal_arn",
            Severity::Error,
        );
    }

    #[test]
    fn ac010_policies_on_node_entry() {
        let mut e = AccessEntry {
            entry_type: AccessEntryType::Ec2Linux,
            ..entry()
        };
        e.policies.push(AccessPolicy::default());
        let p = with_entry(e);
        assert_reported(
            &p,
            Code::PoliciesOnNodeEntry,
            "access.entries[0].policies[0].policy",
            Severity::Error,
        );
        let mut e = AccessEntry {
            entry_type: AccessEntryType::Ec2,
            ..entry()
        };
        e.policies.push(AccessPolicy {
            policy: "AmazonEKSAutoNodePolicy".into(),
            ..AccessPolicy::default()
        });
        assert_not_reported(&with_entry(e), Code::PoliciesOnNodeEntry);
    }
}
