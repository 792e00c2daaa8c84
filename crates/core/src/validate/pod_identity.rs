//! Rules for the `pod_identity` section.

use super::{Ctx, duplicates, syntax};
use crate::diag::{Code, Severity};
use crate::plan::RoleMode;

/// AWS-managed policies too broad to hand to pods without a warning.
const BROAD_POLICIES: &[&str] = &["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

pub(super) fn check(cx: &mut Ctx<'_>) {
    let assocs = &cx.plan.pod_identity;
    for (i, a) in assocs.iter().enumerate() {
        let base = format!("pod_identity[{i}]");
        if !syntax::dns1123_label(&a.namespace) {
            cx.report(
                Code::PodIdentityTarget,
                format!("{base}.namespace"),
                format!("`{}` is not a namespace name", a.namespace),
                "Use a lower-case DNS label.",
            );
        }
        if !syntax::dns1123_subdomain(&a.service_account) {
            cx.report(
                Code::PodIdentityTarget,
                format!("{base}.service_account"),
                format!("`{}` is not a service account name", a.service_account),
                "Use lower-case letters, digits, `-` and `.`.",
            );
        }
        match a.role_mode {
            RoleMode::Existing => match a.role_arn.as_deref() {
                Some(arn) if syntax::iam_role_arn(arn).is_some() => {
                    cx.check_placeholder_account(&format!("{base}.role_arn"), arn);
                }
                other => cx.report(
                    Code::PodIdentityRole,
                    format!("{base}.role_arn"),
                    match other {
                        Some(arn) => format!("`{arn}` is not an IAM role ARN"),
                        None => "`role_mode: existing` needs `role_arn`".to_owned(),
                    },
                    "Use `arn:aws:iam::ACCOUNT:role/NAME`, or `role_mode: create`.",
                ),
            },
            RoleMode::Create => {
                if a.managed_policy_arns.is_empty()
                    && a.inline_policy.is_empty()
                    && a.s3_access.is_empty()
                {
                    cx.report_as(
                        Severity::Warning,
                        Code::PodIdentityRole,
                        format!("{base}.managed_policy_arns"),
                        "the created role has no permissions",
                        "List the managed policy ARNs, inline policy statements or S3 access the pods need.",
                    );
                }
                for (j, p) in a.managed_policy_arns.iter().enumerate() {
                    let path = format!("{base}.managed_policy_arns[{j}]");
                    if !syntax::iam_policy_arn(p) {
                        cx.report(
                            Code::PodIdentityRole,
                            path,
                            format!("`{p}` is not an IAM policy ARN"),
                            "Use `arn:aws:iam::aws:policy/NAME` or a customer policy ARN.",
                        );
                        continue;
                    }
                    cx.check_placeholder_account(&path, p);
                    let name = p.rsplit('/').next().unwrap_or_default();
                    if BROAD_POLICIES.contains(&name) {
                        cx.report(
                            Code::BroadPodPolicy,
                            path,
                            format!("`{name}` gives every pod using `{}` near-full control of the account", a.service_account),
                            "Grant only the actions and resources the workload needs.",
                        );
                    }
                }
            }
        }
    }
    let keys: Vec<String> = assocs
        .iter()
        .map(|a| format!("{}/{}", a.namespace, a.service_account))
        .collect();
    for (i, key) in duplicates(keys.iter().map(String::as_str)) {
        cx.report(
            Code::DuplicateAssociation,
            format!("pod_identity[{i}]"),
            format!("`{key}` already has an association; a service account can have only one"),
            "Merge the permissions into one role.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    fn with(a: PodIdentityAssociation) -> Plan {
        let mut p = good();
        p.pod_identity.push(a);
        p
    }

    fn s3() -> PodIdentityAssociation {
        PodIdentityAssociation {
            managed_policy_arns: vec!["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess".into()],
            ..PodIdentityAssociation::default()
        }
    }

    #[test]
    fn pi001_target() {
        let p = with(PodIdentityAssociation {
            namespace: "Team".into(),
            ..s3()
        });
        assert_reported(
            &p,
            Code::PodIdentityTarget,
            "pod_identity[0].namespace",
            Severity::Error,
        );
    }

    #[test]
    fn pi002_duplicate() {
        let mut p = with(s3());
        p.pod_identity.push(s3());
        assert_reported(
            &p,
            Code::DuplicateAssociation,
            "pod_identity[1]",
            Severity::Error,
        );
    }

    #[test]
    fn pi003_role() {
        let p = with(PodIdentityAssociation {
            role_mode: RoleMode::Existing,
            ..s3()
        });
        assert_reported(
            &p,
            Code::PodIdentityRole,
            "pod_identity[0].role_arn",
            Severity::Error,
        );
        let p = with(PodIdentityAssociation {
            managed_policy_arns: vec!["s3:*".into()],
            ..s3()
        });
        assert_reported(
            &p,
            Code::PodIdentityRole,
            "pod_identity[0].managed_policy_arns[0]",
            Severity::Error,
        );
        let p = with(PodIdentityAssociation::default());
        assert_reported(
            &p,
            Code::PodIdentityRole,
            "pod_identity[0].managed_policy_arns",
            Severity::Warning,
        );
        assert_not_reported(&with(s3()), Code::PodIdentityRole);
    }

    #[test]
    fn pi004_broad_policy() {
        let p = with(PodIdentityAssociation {
            managed_policy_arns: vec!["arn:aws:iam::aws:policy/AdministratorAccess".into()],
            ..s3()
        });
        assert_reported(
            &p,
            Code::BroadPodPolicy,
            "pod_identity[0].managed_policy_arns[0]",
            Severity::Warning,
        );
    }
}
