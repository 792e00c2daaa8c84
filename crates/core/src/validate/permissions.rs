//! Rules for the permissions a Pod Identity role gets beyond managed
//! policies: its own inline policy and the S3 access builder.

use super::{Ctx, syntax};
use crate::diag::{Code, Severity};
use crate::plan::RoleMode;

/// `service:Action`, where the action may use `*` and `?`.
fn action(a: &str) -> bool {
    a.split_once(':').is_some_and(|(service, name)| {
        !service.is_empty()
            && service
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
            && !name.is_empty()
            && name
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'*' || c == b'?')
    })
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    for (i, a) in cx.plan.pod_identity.iter().enumerate() {
        let base = format!("pod_identity[{i}]");
        if a.role_mode == RoleMode::Existing {
            for (field, set) in [
                ("inline_policy", !a.inline_policy.is_empty()),
                ("s3_access", !a.s3_access.is_empty()),
            ] {
                if set {
                    cx.report(
                        Code::InlineStatement,
                        format!("{base}.{field}"),
                        format!("`{field}` adds permissions to a role the bundle creates, but `role_mode` is `existing`"),
                        "Grant them in the existing role's own policies, or use `role_mode: create`.",
                    );
                }
            }
            continue;
        }
        let mut sids = Vec::new();
        for (j, st) in a.inline_policy.iter().enumerate() {
            let path = format!("{base}.inline_policy[{j}]");
            if let Some(sid) = &st.sid {
                if sid.is_empty() || !sid.bytes().all(|c| c.is_ascii_alphanumeric()) {
                    cx.report(
                        Code::InlineStatement,
                        format!("{path}.sid"),
                        format!("`{sid}` is not a statement id: IAM takes letters and digits"),
                        "Use an id such as `ReadOrders`, or leave it out.",
                    );
                } else if sids.contains(sid) {
                    cx.report(
                        Code::InlineStatement,
                        format!("{path}.sid"),
                        format!("statement id `{sid}` is used twice in the policy"),
                        "Give every statement its own id.",
                    );
                } else {
                    sids.push(sid.clone());
                }
            }
            if st.actions.is_empty() || st.resources.is_empty() {
                cx.report(
                    Code::InlineStatement,
                    path.clone(),
                    "a statement needs at least one action and one resource",
                    "List the actions and the resource ARNs they apply to.",
                );
            }
            for (k, act) in st.actions.iter().enumerate() {
                let apath = format!("{path}.actions[{k}]");
                if act == "*" || act.ends_with(":*") {
                    cx.report(
                        Code::BroadInlineStatement,
                        apath,
                        format!("`{act}` allows every action of the service"),
                        "List the actions the workload calls.",
                    );
                } else if !action(act) {
                    cx.report(
                        Code::InlineStatement,
                        apath,
                        format!("`{act}` is not an IAM action"),
                        "Write actions as `service:Action`, such as `dynamodb:GetItem`.",
                    );
                }
            }
            for (k, r) in st.resources.iter().enumerate() {
                let rpath = format!("{path}.resources[{k}]");
                if r == "*" {
                    cx.report(
                        Code::BroadInlineStatement,
                        rpath,
                        "`*` applies the actions to every resource in the account",
                        "Name the resources (ARNs); use `*` only for actions without resource-level permissions.",
                    );
                } else if syntax::parse_arn(r).is_none() {
                    cx.report(
                        Code::InlineStatement,
                        rpath,
                        format!("`{r}` is not an ARN"),
                        "Use the resource's ARN, such as `arn:aws:dynamodb:eu-west-1:210987654321:table/orders`.",
                    );
                } else {
                    cx.check_placeholder_account(&rpath, r);
                }
            }
        }
        for (j, s3) in a.s3_access.iter().enumerate() {
            let path = format!("{base}.s3_access[{j}]");
            if let Err(why) = syntax::s3_bucket_name(&s3.bucket) {
                cx.report(
                    Code::S3Access,
                    format!("{path}.bucket"),
                    format!("`{}` {why}", s3.bucket),
                    "Use the bucket's name (not its ARN or URL), such as `orders-exports`.",
                );
            }
            if let Some(prefix) = &s3.prefix {
                let why = if prefix.is_empty() {
                    Some("is empty (leave it out for the whole bucket)")
                } else if prefix.starts_with('/') {
                    Some("starts with `/`; S3 keys do not")
                } else if prefix.contains(['*', '?']) {
                    Some("contains a wildcard; the planner adds the `/*` itself")
                } else if prefix.len() > 1024 || prefix.chars().any(char::is_control) {
                    Some("is not a usable key prefix")
                } else {
                    None
                };
                if let Some(why) = why {
                    cx.report(
                        Code::S3Access,
                        format!("{path}.prefix"),
                        format!("prefix `{prefix}` {why}"),
                        "Use a prefix such as `reports/`.",
                    );
                }
            }
        }
        let buckets: Vec<String> = a
            .s3_access
            .iter()
            .map(|s| format!("{}/{}", s.bucket, s.prefix.as_deref().unwrap_or("")))
            .collect();
        for (j, b) in super::duplicates(buckets.iter().map(String::as_str)) {
            cx.report_as(
                Severity::Error,
                Code::S3Access,
                format!("{base}.s3_access[{j}]"),
                format!("`{b}` is listed twice"),
                "Keep one entry per bucket and prefix, with the access it needs.",
            );
        }
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

    fn statement(actions: &[&str], resources: &[&str]) -> PolicyStatement {
        PolicyStatement {
            sid: None,
            actions: actions.iter().map(|s| s.to_string()).collect(),
            resources: resources.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn pa001_inline_statement() {
        let ok = statement(
            &["dynamodb:GetItem"],
            &["arn:aws:dynamodb:us-east-1:210987654321:table/orders"],
        );
        let p = with(PodIdentityAssociation {
            inline_policy: vec![ok.clone()],
            ..PodIdentityAssociation::default()
        });
        assert_not_reported(&p, Code::InlineStatement);
        assert_not_reported(&p, Code::PodIdentityRole);
        let p = with(PodIdentityAssociation {
            inline_policy: vec![
                statement(&["GetItem"], &["table/orders"]),
                PolicyStatement {
                    sid: Some("a-b".into()),
                    ..ok.clone()
                },
                statement(&[], &[]),
            ],
            ..PodIdentityAssociation::default()
        });
        for path in [
            "pod_identity[0].inline_policy[0].actions[0]",
            "pod_identity[0].inline_policy[0].resources[0]",
            "pod_identity[0].inline_policy[1].sid",
            "pod_identity[0].inline_policy[2]",
        ] {
            assert_reported(&p, Code::InlineStatement, path, Severity::Error);
        }
        let p = with(PodIdentityAssociation {
            role_mode: RoleMode::Existing,
            role_arn: Some("arn:aws:iam::210987654321:role/app".into()),
            inline_policy: vec![ok],
            ..PodIdentityAssociation::default()
        });
        assert_reported(
            &p,
            Code::InlineStatement,
            "pod_identity[0].inline_policy",
            Severity::Error,
        );
    }

    #[test]
    fn pa002_broad_inline_statement() {
        let p = with(PodIdentityAssociation {
            inline_policy: vec![statement(&["s3:*"], &["*"])],
            ..PodIdentityAssociation::default()
        });
        assert_reported(
            &p,
            Code::BroadInlineStatement,
            "pod_identity[0].inline_policy[0].actions[0]",
            Severity::Warning,
        );
        assert_reported(
            &p,
            Code::BroadInlineStatement,
            "pod_identity[0].inline_policy[0].resources[0]",
            Severity::Warning,
        );
    }

    #[test]
    fn pa003_s3_access() {
        let good_access = S3Access {
            bucket: "orders-exports".into(),
            prefix: Some("reports/".into()),
            access: S3AccessLevel::Read,
        };
        let p = with(PodIdentityAssociation {
            s3_access: vec![good_access.clone()],
            ..PodIdentityAssociation::default()
        });
        assert_not_reported(&p, Code::S3Access);
        let p = with(PodIdentityAssociation {
            s3_access: vec![
                S3Access {
                    bucket: "arn:aws:s3:::orders".into(),
                    ..good_access.clone()
                },
                S3Access {
                    prefix: Some("/reports/*".into()),
                    ..good_access.clone()
                },
                good_access.clone(),
                good_access,
            ],
            ..PodIdentityAssociation::default()
        });
        assert_reported(
            &p,
            Code::S3Access,
            "pod_identity[0].s3_access[0].bucket",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::S3Access,
            "pod_identity[0].s3_access[1].prefix",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::S3Access,
            "pod_identity[0].s3_access[3]",
            Severity::Error,
        );
    }
}
