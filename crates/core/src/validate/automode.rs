//! Rules for the `auto_mode` section.
//!
//! Rules §0.1–0.4, 0.6 and 0.9 of the reference (capabilities together,
//! built-in pool names, pools ⇔ node role, `bootstrap_self_managed_addons`,
//! `sts:TagSession`) cannot be broken from a plan: the plan has no field for
//! them. They are enforced on the resolved design by
//! [`crate::design::Design::verify`].

use super::{Ctx, syntax};
use crate::diag::Code;
use crate::plan::{AuthenticationMode, NodeClassRoleMode, RoleMode};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let am = &cx.plan.auto_mode;
    match am.authentication_mode {
        AuthenticationMode::ConfigMap => cx.report(
            Code::AuthModeConfigMap,
            "auto_mode.authentication_mode",
            "Auto Mode needs access entries; `CONFIG_MAP` turns them off",
            "Use `API` (or `API_AND_CONFIG_MAP` while migrating from aws-auth).",
        ),
        AuthenticationMode::ApiAndConfigMap => cx.report(
            Code::AuthModeApiAndConfigMap,
            "auto_mode.authentication_mode",
            "the aws-auth ConfigMap stays active beside access entries; the mode can later move to `API` but never back",
            "Use `API` unless you are migrating principals from aws-auth.",
        ),
        AuthenticationMode::Api => {}
    }

    let role_needed = am.any_builtin_pool()
        || cx
            .plan
            .node_classes
            .iter()
            .any(|nc| nc.role.mode == NodeClassRoleMode::ClusterNodeRole);
    if am.node_role.mode == RoleMode::Existing {
        let path = "auto_mode.node_role.arn";
        match am.node_role.arn.as_deref() {
            None | Some("") if role_needed => cx.report(
                Code::NodeRoleArn,
                path,
                "`mode: existing` needs the node role's ARN",
                "Set `arn`, or use `mode: create`.",
            ),
            Some(arn) if syntax::iam_role_arn(arn).is_none() => cx.report(
                Code::NodeRoleArn,
                path,
                format!("`{arn}` is not an IAM role ARN"),
                "Use `arn:aws:iam::ACCOUNT:role/NAME`.",
            ),
            Some(arn) => cx.check_placeholder_account(path, arn),
            None => {}
        }
        if !am.any_builtin_pool() && role_needed {
            cx.report(
                Code::NodeRoleNotSent,
                "auto_mode.node_role",
                "with both built-in pools off, EKS must not receive a node role; NodeClasses that use it get an EC2 access entry instead",
                "Nothing to do; the planner adds the access entry.",
            );
        }
    }

    ecr_public(cx);

    if !am.any_builtin_pool() && cx.plan.node_pools.is_empty() {
        cx.report(
            Code::NoNodePools,
            "node_pools",
            "both built-in pools are off and there is no custom NodePool: no pod can be scheduled",
            "Turn on a built-in pool or add a NodePool.",
        );
    }
}

/// The optional `AmazonElasticContainerRegistryPublicReadOnly` policy.
fn ecr_public(cx: &mut Ctx<'_>) {
    let plan = cx.plan;
    if !plan.auto_mode.ecr_public_read_only {
        return;
    }
    let path = "auto_mode.ecr_public_read_only";
    let partition = crate::catalog::policies::partition(&plan.cluster.region);
    if partition != "aws" {
        cx.report(
            Code::EcrPublicPartition,
            path,
            format!(
                "ECR Public is a service of the `aws` partition; eksctl attaches this policy only there, and whether the managed policy exists in `{partition}` is not confirmed"
            ),
            "Turn it off unless you have checked that the policy exists in your partition.",
        );
    }
    let creates_node_role = (plan.auto_mode.node_role.mode == RoleMode::Create
        && crate::resolve::node_role_needed(plan))
        || plan
            .node_classes
            .iter()
            .any(|nc| nc.role.mode == NodeClassRoleMode::Create);
    if !creates_node_role {
        cx.report(
            Code::EcrPublicUnused,
            path,
            "the bundle creates no node role, so the policy goes on none",
            "Attach AmazonElasticContainerRegistryPublicReadOnly to your existing node roles yourself, or turn this off.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    #[test]
    fn am005_config_map_auth() {
        let mut p = good();
        p.auto_mode.authentication_mode = AuthenticationMode::ConfigMap;
        assert_reported(
            &p,
            Code::AuthModeConfigMap,
            "auto_mode.authentication_mode",
            Severity::Error,
        );
    }

    #[test]
    fn am006_api_and_config_map() {
        let mut p = good();
        p.auto_mode.authentication_mode = AuthenticationMode::ApiAndConfigMap;
        assert_reported(
            &p,
            Code::AuthModeApiAndConfigMap,
            "auto_mode.authentication_mode",
            Severity::Info,
        );
    }

    #[test]
    fn am007_node_role_arn() {
        let mut p = good();
        p.auto_mode.node_role.mode = RoleMode::Existing;
        assert_reported(
            &p,
            Code::NodeRoleArn,
            "auto_mode.node_role.arn",
            Severity::Error,
        );
        p.auto_mode.node_role.arn = Some("arn:aws:iam::123:role/x".into());
        assert_reported(
            &p,
            Code::NodeRoleArn,
            "auto_mode.node_role.arn",
            Severity::Error,
        );
        p.auto_mode.node_role.arn =
            Some("arn:aws:iam::210987654321:role/AmazonEKSAutoNodeRole".into());
        assert_not_reported(&p, Code::NodeRoleArn);
    }

    #[test]
    fn am008_no_node_pools() {
        let mut p = good();
        p.auto_mode.general_purpose_pool = false;
        p.auto_mode.system_pool = false;
        assert_reported(&p, Code::NoNodePools, "node_pools", Severity::Warning);
    }

    #[test]
    fn am027_ecr_public_outside_aws_partition() {
        let mut p = good();
        p.auto_mode.ecr_public_read_only = true;
        assert_not_reported(&p, Code::EcrPublicPartition);
        p.cluster.region = "cn-north-1".into();
        assert_reported(
            &p,
            Code::EcrPublicPartition,
            "auto_mode.ecr_public_read_only",
            Severity::Warning,
        );
    }

    #[test]
    fn am028_ecr_public_without_a_created_role() {
        let mut p = good();
        p.auto_mode.ecr_public_read_only = true;
        assert_not_reported(&p, Code::EcrPublicUnused);
        p.auto_mode.node_role.mode = RoleMode::Existing;
        p.auto_mode.node_role.arn =
            Some("arn:aws:iam::210987654321:role/AmazonEKSAutoNodeRole".into());
        assert_reported(
            &p,
            Code::EcrPublicUnused,
            "auto_mode.ecr_public_read_only",
            Severity::Info,
        );
    }

    #[test]
    fn am009_node_role_not_sent() {
        let mut p = good();
        p.auto_mode.general_purpose_pool = false;
        p.auto_mode.system_pool = false;
        p.auto_mode.node_role.mode = RoleMode::Existing;
        p.auto_mode.node_role.arn =
            Some("arn:aws:iam::210987654321:role/AmazonEKSAutoNodeRole".into());
        p.node_classes.push(NodeClass::default());
        p.node_pools.push(NodePool {
            node_class: "private-nodes".into(),
            ..NodePool::default()
        });
        assert_reported(
            &p,
            Code::NodeRoleNotSent,
            "auto_mode.node_role",
            Severity::Info,
        );
    }
}
