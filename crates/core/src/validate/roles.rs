//! Rules for IAM roles the bundle creates under names the plan gives: the
//! Auto Mode node role and the administrator role.

use super::{Ctx, syntax};
use crate::catalog::policies::CLUSTER_ADMIN_ACCESS_POLICY;
use crate::diag::Code;
use crate::plan::RoleMode;

fn role_name(cx: &mut Ctx<'_>, path: &str, name: &str) {
    if !syntax::iam_name(name, 64) {
        cx.report(
            Code::RoleName,
            path,
            format!("`{name}` is not an IAM role name: 1 to 64 letters, digits and `+=,.@_-`"),
            "Use a name such as `eks-auto-node-example`.",
        );
    }
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    let node = &cx.plan.auto_mode.node_role;
    if let Some(name) = &node.name {
        if node.mode == RoleMode::Existing {
            cx.report(
                Code::RoleName,
                "auto_mode.node_role.name",
                "`name` names a role the bundle creates, but `mode` is `existing`",
                "Remove it; the existing role is given by `arn`.",
            );
        } else {
            role_name(cx, "auto_mode.node_role.name", &name.clone());
        }
    }
    let admin = cx.plan.access.admin_role.clone();
    if !admin.enabled {
        if admin.name.is_some() || !admin.trusted_principals.is_empty() {
            cx.report(
                Code::RoleName,
                "access.admin_role.enabled",
                "the administrator role is described but not enabled",
                "Set `enabled: true`, or remove the other fields.",
            );
        }
        return;
    }
    if let Some(name) = &admin.name {
        role_name(cx, "access.admin_role.name", name);
    }
    for (i, p) in admin.trusted_principals.iter().enumerate() {
        let path = format!("access.admin_role.trusted_principals[{i}]");
        if syntax::iam_principal_arn(p) {
            cx.check_placeholder_account(&path, p);
        } else {
            cx.report(
                Code::TrustedPrincipal,
                path,
                format!("`{p}` is not an IAM role or user ARN"),
                "Use `arn:aws:iam::ACCOUNT:role/NAME` or `arn:aws:iam::ACCOUNT:user/NAME`, or leave the list empty to trust the account.",
            );
        }
    }
    // The role's access entry is written by the planner; a plan entry for
    // the same role would collide.
    if let Some(name) = &admin.name {
        for (i, e) in cx.plan.access.entries.iter().enumerate() {
            if syntax::iam_role_arn(&e.principal_arn) == Some(name.as_str()) {
                cx.report(
                    Code::NodeRoleEntry,
                    format!("access.entries[{i}].principal_arn"),
                    format!(
                        "the planner creates role `{name}` and its access entry with {CLUSTER_ADMIN_ACCESS_POLICY}; a second entry fails with ResourceInUseException"
                    ),
                    "Remove this entry.",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    #[test]
    fn ia001_role_name() {
        let mut p = good();
        p.auto_mode.node_role.name = Some("eks-auto-node-example".into());
        assert_not_reported(&p, Code::RoleName);
        p.auto_mode.node_role.name = Some("bad name".into());
        assert_reported(
            &p,
            Code::RoleName,
            "auto_mode.node_role.name",
            Severity::Error,
        );
        let mut p = good();
        p.access.admin_role = AdminRole {
            enabled: true,
            name: Some("x".repeat(65)),
            trusted_principals: Vec::new(),
        };
        assert_reported(
            &p,
            Code::RoleName,
            "access.admin_role.name",
            Severity::Error,
        );
        p.access.admin_role.enabled = false;
        assert_reported(
            &p,
            Code::RoleName,
            "access.admin_role.enabled",
            Severity::Error,
        );
    }

    #[test]
    fn ia002_trusted_principal() {
        let mut p = good();
        p.access.admin_role = AdminRole {
            enabled: true,
            name: Some("eks-admin".into()),
            trusted_principals: vec![
                "arn:aws:iam::210987654321:user/alice".into(),
                "arn:aws:sts::210987654321:assumed-role/x/y".into(),
            ],
        };
        assert_reported(
            &p,
            Code::TrustedPrincipal,
            "access.admin_role.trusted_principals[1]",
            Severity::Error,
        );
        p.access.entries.push(AccessEntry {
            principal_arn: "arn:aws:iam::210987654321:role/eks-admin".into(),
            ..AccessEntry::default()
        });
        assert_reported(
            &p,
            Code::NodeRoleEntry,
            "access.entries[0].principal_arn",
            Severity::Error,
        );
    }
}
