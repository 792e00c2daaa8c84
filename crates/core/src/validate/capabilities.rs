//! Rules for the `capabilities` section (EKS Capabilities: Argo CD, ACK,
//! kro).
//!
//! Sources: EKS API `CreateCapability` (one capability of each type per
//! cluster; names of letters, digits, `-` and `_`; `deletePropagationPolicy`
//! `RETAIN`; Argo CD roles and identity types), EKS user guide
//! `capabilities` (commercial regions only), `capabilities-security`
//! (the access entry EKS creates and its policies), `argocd-permissions`
//! (up to 1,000 identities; Identity Center ids, not names).

use super::access::{namespace_pattern, policy_name};
use super::{Ctx, duplicates, syntax};
use crate::catalog::policies::{
    ACCESS_POLICIES, EKS_MANAGED_ACCESS_POLICIES, REGIONS, capabilities_offered,
    capability_access_policies,
};
use crate::diag::{Code, Severity};
use crate::plan::{
    AccessScope, ArgoCd, AuthenticationMode, Capability, CapabilityType, DELETE_PROPAGATION_RETAIN,
    RoleMode,
};

/// AWS-managed policies too broad for a capability role without a warning.
const BROAD_POLICIES: &[&str] = &["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

/// Identities one Argo CD capability can map.
const MAX_IDENTITIES: usize = 1000;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let caps = &cx.plan.capabilities;
    if caps.is_empty() {
        return;
    }
    if cx.plan.auto_mode.authentication_mode == AuthenticationMode::ConfigMap {
        cx.report(
            Code::CapabilitiesNeedAccessEntries,
            "auto_mode.authentication_mode",
            "EKS Capabilities get their Kubernetes permissions through an access entry, which `CONFIG_MAP` turns off",
            "Use `API` (or `API_AND_CONFIG_MAP`).",
        );
    }
    let region = cx.plan.cluster.region.clone();
    if !capabilities_offered(&region) {
        cx.report(
            Code::CapabilityRegion,
            "capabilities",
            format!(
                "EKS Capabilities are offered in the commercial regions only (EKS user guide), not in `{region}`"
            ),
            "Remove the capabilities, or run Argo CD, ACK or kro yourself in the cluster.",
        );
    }
    for (i, t) in duplicates(caps.iter().map(|c| c.capability_type.as_str())) {
        cx.report(
            Code::DuplicateCapability,
            format!("capabilities[{i}].type"),
            format!("a cluster can have one `{t}` capability; this is a second one"),
            "Remove one of them (one Argo CD can manage many namespaces and clusters).",
        );
    }
    let names: Vec<String> = caps.iter().map(Capability::effective_name).collect();
    for (i, n) in duplicates(names.iter().map(String::as_str)) {
        cx.report(
            Code::CapabilityName,
            format!("capabilities[{i}].name"),
            format!("another capability is already named `{n}`"),
            "Give each capability its own name.",
        );
    }
    for (i, c) in caps.iter().enumerate() {
        let base = format!("capabilities[{i}]");
        check_one(cx, &base, c, &names[i]);
    }
}

fn valid_name(n: &str) -> bool {
    let b = n.as_bytes();
    !b.is_empty()
        && b.len() <= 100
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'))
}

fn check_one(cx: &mut Ctx<'_>, base: &str, c: &Capability, name: &str) {
    if !valid_name(name) {
        cx.report(
            Code::CapabilityName,
            format!("{base}.name"),
            format!("`{name}` is not a valid capability name"),
            "Use 1–100 letters, digits, `-` or `_`, starting with a letter or digit.",
        );
    }
    if c.delete_propagation_policy != DELETE_PROPAGATION_RETAIN {
        cx.report(
            Code::DeletePropagation,
            format!("{base}.delete_propagation_policy"),
            format!(
                "EKS accepts only `RETAIN`, not `{}`: deleting a capability keeps its Kubernetes resources",
                c.delete_propagation_policy
            ),
            "Use `RETAIN`, and delete the capability's resources yourself before the capability.",
        );
    }
    role(cx, base, c);
    access_policies(cx, base, c);
    match c.capability_type {
        CapabilityType::ArgoCd => argocd(cx, base, &c.argocd),
        _ if !c.argocd.is_default() => cx.report_as(
            Severity::Warning,
            Code::ArgoCdSettings,
            format!("{base}.argocd"),
            format!(
                "`argocd` settings are ignored on a `{}` capability",
                c.capability_type.as_str()
            ),
            "Remove them, or use `type: ARGOCD`.",
        ),
        _ => {}
    }
}

fn role(cx: &mut Ctx<'_>, base: &str, c: &Capability) {
    match c.role_mode {
        RoleMode::Existing => {
            let path = format!("{base}.role_arn");
            match c.role_arn.as_deref() {
                Some(arn) if syntax::iam_role_arn(arn).is_some() => {
                    cx.check_placeholder_account(&path, arn);
                    let entries = &cx.plan.access.entries;
                    if let Some(k) = entries.iter().position(|e| e.principal_arn == arn) {
                        cx.report(
                            Code::DuplicatePrincipal,
                            format!("access.entries[{k}].principal_arn"),
                            format!(
                                "EKS creates the access entry of capability role `{arn}` itself; a second entry for it fails"
                            ),
                            "Remove the access entry and list its policies under the capability's `access_policies`.",
                        );
                    }
                }
                other => cx.report(
                    Code::CapabilityRole,
                    path,
                    match other {
                        Some(arn) => format!("`{arn}` is not an IAM role ARN"),
                        None => "`role_mode: existing` needs `role_arn`".to_owned(),
                    },
                    "Use `arn:aws:iam::ACCOUNT:role/NAME`, or `role_mode: create`.",
                ),
            }
            if !c.managed_policy_arns.is_empty() {
                cx.report_as(
                    Severity::Warning,
                    Code::CapabilityRole,
                    format!("{base}.managed_policy_arns"),
                    "managed policies are attached only to a role the bundle creates; the existing role is left as it is",
                    "Attach them to the existing role yourself, or use `role_mode: create`.",
                );
            }
        }
        RoleMode::Create => {
            for (j, p) in c.managed_policy_arns.iter().enumerate() {
                let path = format!("{base}.managed_policy_arns[{j}]");
                if !syntax::iam_policy_arn(p) {
                    cx.report(
                        Code::CapabilityRole,
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
                        Code::BroadCapabilityPolicy,
                        path,
                        format!(
                            "`{name}` lets whoever can create {} resources in the cluster act as an account administrator",
                            c.capability_type.title()
                        ),
                        "Grant only the services and resources the capability manages (EKS user guide: least privilege, or IAM role selectors for ACK).",
                    );
                }
            }
            if c.capability_type == CapabilityType::Ack && c.managed_policy_arns.is_empty() {
                cx.report(
                    Code::AckWithoutPermissions,
                    format!("{base}.managed_policy_arns"),
                    "the ACK role has no permissions: ACK can manage no AWS resources until it gets some",
                    "List managed policies for exactly the services ACK should manage (for example AmazonS3FullAccess for S3 buckets only), or map namespaces to other roles with IAMRoleSelectors.",
                );
            }
        }
    }
}

fn access_policies(cx: &mut Ctx<'_>, base: &str, c: &Capability) {
    let baseline = capability_access_policies(c.capability_type);
    for (j, p) in c.access_policies.iter().enumerate() {
        let ppath = format!("{base}.access_policies[{j}]");
        let name = policy_name(&p.policy);
        if !ACCESS_POLICIES.contains(&name) {
            cx.report(
                Code::CapabilityAccessPolicy,
                format!("{ppath}.policy"),
                format!("`{}` is not an EKS access policy", p.policy),
                "Use a name such as `AmazonEKSViewPolicy`, `AmazonEKSEditPolicy` or `AmazonEKSAdminViewPolicy`.",
            );
        } else if EKS_MANAGED_ACCESS_POLICIES.contains(&name) {
            cx.report(
                Code::CapabilityAccessPolicy,
                format!("{ppath}.policy"),
                format!("`{name}` can only be associated by EKS with the cluster role"),
                "Remove it.",
            );
        } else if baseline.iter().any(|(b, _)| *b == name) {
            cx.report(
                Code::CapabilityAccessPolicy,
                format!("{ppath}.policy"),
                format!("EKS already associates `{name}` with this capability's access entry"),
                "Remove it; list only policies beyond the capability's own.",
            );
        }
        match p.scope {
            AccessScope::Namespace if p.namespaces.is_empty() => cx.report(
                Code::CapabilityAccessPolicy,
                format!("{ppath}.namespaces"),
                "`scope: namespace` needs at least one namespace",
                "List the namespaces, or use `scope: cluster`.",
            ),
            AccessScope::Cluster if !p.namespaces.is_empty() => cx.report(
                Code::CapabilityAccessPolicy,
                format!("{ppath}.namespaces"),
                "namespaces are listed but the scope is `cluster`",
                "Use `scope: namespace`, or remove the namespaces.",
            ),
            _ => {}
        }
        for (k, ns) in p.namespaces.iter().enumerate() {
            if !namespace_pattern(ns) {
                cx.report(
                    Code::CapabilityAccessPolicy,
                    format!("{ppath}.namespaces[{k}]"),
                    format!("`{ns}` is not a namespace name"),
                    "Use lower-case DNS labels, optionally ending in `*`.",
                );
            }
        }
    }
    let names: Vec<&str> = c
        .access_policies
        .iter()
        .map(|p| policy_name(&p.policy))
        .collect();
    for (j, n) in duplicates(names.into_iter()) {
        cx.report(
            Code::CapabilityAccessPolicy,
            format!("{base}.access_policies[{j}]"),
            format!("`{n}` is associated twice; an entry takes each policy once"),
            "Merge the two into one association (one scope, all the namespaces).",
        );
    }
    if c.access_policies.is_empty() {
        match c.capability_type {
            CapabilityType::ArgoCd => cx.report(
                Code::CapabilityBaselineAccess,
                format!("{base}.access_policies"),
                "Argo CD gets only AmazonEKSArgoCDClusterPolicy and AmazonEKSArgoCDPolicy (its own namespace): it can sync nothing into other namespaces of this cluster",
                "Associate more, for example AmazonEKSAdminViewPolicy for the whole cluster (its resource cache lists every type) and AmazonEKSEditPolicy for the namespaces it deploys to.",
            ),
            CapabilityType::Kro => cx.report(
                Code::CapabilityBaselineAccess,
                format!("{base}.access_policies"),
                "kro gets only AmazonEKSKROPolicy: it can manage ResourceGraphDefinitions but create none of the resources they define",
                "Associate AmazonEKSEditPolicy for the namespaces its instances create resources in (or bind RBAC to its Kubernetes user).",
            ),
            CapabilityType::Ack => {}
        }
    }
}

fn argocd(cx: &mut Ctx<'_>, base: &str, a: &ArgoCd) {
    let abase = format!("{base}.argocd");
    if a.idc_instance_arn.is_empty() {
        cx.report(
            Code::ArgoCdIdentityCenter,
            format!("{abase}.idc_instance_arn"),
            "Argo CD signs people in only through IAM Identity Center, and the capability needs its instance ARN",
            "Set it to the output of `aws sso-admin list-instances --query 'Instances[0].InstanceArn'`.",
        );
    } else if !syntax::sso_instance_arn(&a.idc_instance_arn) {
        cx.report(
            Code::ArgoCdIdentityCenter,
            format!("{abase}.idc_instance_arn"),
            format!(
                "`{}` is not an IAM Identity Center instance ARN",
                a.idc_instance_arn
            ),
            "Use `arn:aws:sso:::instance/ssoins-` followed by the 16-character instance id.",
        );
    }
    if let Some(r) = a.idc_region.as_deref()
        && !REGIONS.contains(&r)
    {
        cx.report(
            Code::ArgoCdIdentityCenter,
            format!("{abase}.idc_region"),
            format!("`{r}` is not an AWS region"),
            "Use the region of the Identity Center instance, such as `us-east-1`, or leave it empty for the cluster's region.",
        );
    }
    if !syntax::dns1123_label(&a.namespace) {
        cx.report(
            Code::ArgoCdSettings,
            format!("{abase}.namespace"),
            format!("`{}` is not a namespace name", a.namespace),
            "Use a lower-case DNS label such as `argocd`.",
        );
    }
    for (k, v) in a.vpc_endpoint_ids.iter().enumerate() {
        if !syntax::vpc_endpoint_id(v) {
            cx.report(
                Code::ArgoCdSettings,
                format!("{abase}.vpc_endpoint_ids[{k}]"),
                format!("`{v}` is not a VPC endpoint id"),
                "Use `vpce-` followed by 17 hex digits.",
            );
        }
    }
    if a.rbac_role_mappings.is_empty() {
        cx.report_as(
            Severity::Warning,
            Code::ArgoCdRoleMapping,
            format!("{abase}.rbac_role_mappings"),
            "no Identity Center user or group is mapped to an Argo CD role: nobody can sign in to Argo CD",
            "Map at least one group to `ADMIN` (then grant the others `VIEWER` and project roles).",
        );
    }
    let mut total = 0;
    for (m, mapping) in a.rbac_role_mappings.iter().enumerate() {
        let mpath = format!("{abase}.rbac_role_mappings[{m}]");
        if mapping.identities.is_empty() {
            cx.report(
                Code::ArgoCdRoleMapping,
                format!("{mpath}.identities"),
                format!("role `{}` is mapped to no identity", mapping.role.as_str()),
                "List the Identity Center users and groups, or remove the mapping.",
            );
        }
        for (k, ident) in mapping.identities.iter().enumerate() {
            total += 1;
            if !syntax::identity_store_id(&ident.id) {
                cx.report(
                    Code::ArgoCdRoleMapping,
                    format!("{mpath}.identities[{k}].id"),
                    format!(
                        "`{}` is not an Identity Store id (Argo CD maps ids, not names)",
                        ident.id
                    ),
                    "Use the id from `aws identitystore list-groups` (or `list-users`), such as `686103e0-f051-7068-b225-e6392b959d9e`.",
                );
            }
        }
    }
    for (m, r) in duplicates(a.rbac_role_mappings.iter().map(|m| m.role.as_str())) {
        cx.report(
            Code::ArgoCdRoleMapping,
            format!("{abase}.rbac_role_mappings[{m}].role"),
            format!("role `{r}` is mapped twice"),
            "Merge the identities into one mapping per role.",
        );
    }
    if total > MAX_IDENTITIES {
        cx.report(
            Code::ArgoCdRoleMapping,
            format!("{abase}.rbac_role_mappings"),
            format!("{total} identities are mapped; an Argo CD capability takes at most {MAX_IDENTITIES}"),
            "Map groups instead of individual users.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    const IDC: &str = "arn:aws:sso:::instance/ssoins-7223a2f0e8e3c2b1";
    const GROUP: &str = "686103e0-f051-7068-b225-e6392b959d9e";

    fn argocd() -> Capability {
        Capability {
            capability_type: CapabilityType::ArgoCd,
            access_policies: vec![AccessPolicy {
                policy: "AmazonEKSAdminViewPolicy".into(),
                ..AccessPolicy::default()
            }],
            argocd: ArgoCd {
                idc_instance_arn: IDC.into(),
                rbac_role_mappings: vec![ArgoCdRoleMapping {
                    role: ArgoCdRole::Admin,
                    identities: vec![SsoIdentity {
                        identity_type: SsoIdentityType::SsoGroup,
                        id: GROUP.into(),
                    }],
                }],
                ..ArgoCd::default()
            },
            ..Capability::default()
        }
    }

    fn ack() -> Capability {
        Capability {
            capability_type: CapabilityType::Ack,
            managed_policy_arns: vec!["arn:aws:iam::aws:policy/AmazonS3FullAccess".into()],
            ..Capability::default()
        }
    }

    fn with(caps: Vec<Capability>) -> Plan {
        let mut p = good();
        p.capabilities = caps;
        p
    }

    #[test]
    fn a_complete_platform_passes() {
        let p = with(vec![
            argocd(),
            ack(),
            Capability {
                capability_type: CapabilityType::Kro,
                access_policies: vec![AccessPolicy {
                    policy: "AmazonEKSEditPolicy".into(),
                    scope: AccessScope::Namespace,
                    namespaces: vec!["apps".into()],
                }],
                ..Capability::default()
            },
        ]);
        let errors: Vec<String> = check(&p)
            .into_iter()
            .filter(|d| d.code.as_str().starts_with("AM") && d.severity != Severity::Info)
            .map(|d| d.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn am013_one_capability_of_each_type() {
        let p = with(vec![
            ack(),
            Capability {
                name: Some("ack-2".into()),
                ..ack()
            },
        ]);
        assert_reported(
            &p,
            Code::DuplicateCapability,
            "capabilities[1].type",
            Severity::Error,
        );
        assert_not_reported(&with(vec![ack(), argocd()]), Code::DuplicateCapability);
    }

    #[test]
    fn am014_names() {
        let p = with(vec![Capability {
            name: Some("my ack".into()),
            ..ack()
        }]);
        assert_reported(
            &p,
            Code::CapabilityName,
            "capabilities[0].name",
            Severity::Error,
        );
        let p = with(vec![
            ack(),
            Capability {
                name: Some("ack".into()),
                ..argocd()
            },
        ]);
        assert_reported(
            &p,
            Code::CapabilityName,
            "capabilities[1].name",
            Severity::Error,
        );
        assert_not_reported(&with(vec![ack(), argocd()]), Code::CapabilityName);
    }

    #[test]
    fn am015_config_map_mode() {
        let mut p = with(vec![ack()]);
        p.auto_mode.authentication_mode = AuthenticationMode::ConfigMap;
        assert_reported(
            &p,
            Code::CapabilitiesNeedAccessEntries,
            "auto_mode.authentication_mode",
            Severity::Error,
        );
        let mut p = with(vec![ack()]);
        p.auto_mode.authentication_mode = AuthenticationMode::ApiAndConfigMap;
        assert_not_reported(&p, Code::CapabilitiesNeedAccessEntries);
    }

    #[test]
    fn am016_commercial_regions_only() {
        for region in ["cn-north-1", "us-gov-west-1"] {
            let mut p = with(vec![ack()]);
            p.cluster.region = region.into();
            assert_reported(&p, Code::CapabilityRegion, "capabilities", Severity::Error);
        }
        assert_not_reported(&with(vec![ack()]), Code::CapabilityRegion);
    }

    #[test]
    fn am017_role() {
        let p = with(vec![Capability {
            role_mode: RoleMode::Existing,
            managed_policy_arns: Vec::new(),
            ..ack()
        }]);
        assert_reported(
            &p,
            Code::CapabilityRole,
            "capabilities[0].role_arn",
            Severity::Error,
        );
        let p = with(vec![Capability {
            role_mode: RoleMode::Existing,
            role_arn: Some("arn:aws:iam::210987654321:role/ack".into()),
            ..ack()
        }]);
        assert_reported(
            &p,
            Code::CapabilityRole,
            "capabilities[0].managed_policy_arns",
            Severity::Warning,
        );
        let p = with(vec![Capability {
            managed_policy_arns: vec!["s3:*".into()],
            ..ack()
        }]);
        assert_reported(
            &p,
            Code::CapabilityRole,
            "capabilities[0].managed_policy_arns[0]",
            Severity::Error,
        );
        assert_not_reported(&with(vec![ack()]), Code::CapabilityRole);
    }

    #[test]
    fn an_existing_capability_role_cannot_have_its_own_access_entry() {
        let arn = "arn:aws:iam::210987654321:role/argocd";
        let mut p = with(vec![Capability {
            role_mode: RoleMode::Existing,
            role_arn: Some(arn.into()),
            ..argocd()
        }]);
        p.access.entries.push(AccessEntry {
            principal_arn: arn.into(),
            ..AccessEntry::default()
        });
        assert_reported(
            &p,
            Code::DuplicatePrincipal,
            "access.entries[0].principal_arn",
            Severity::Error,
        );
    }

    #[test]
    fn am018_broad_policies() {
        let p = with(vec![Capability {
            managed_policy_arns: vec!["arn:aws:iam::aws:policy/AdministratorAccess".into()],
            ..ack()
        }]);
        assert_reported(
            &p,
            Code::BroadCapabilityPolicy,
            "capabilities[0].managed_policy_arns[0]",
            Severity::Warning,
        );
        assert_not_reported(&with(vec![ack()]), Code::BroadCapabilityPolicy);
    }

    #[test]
    fn am019_ack_without_permissions() {
        let p = with(vec![Capability {
            managed_policy_arns: Vec::new(),
            ..ack()
        }]);
        assert_reported(
            &p,
            Code::AckWithoutPermissions,
            "capabilities[0].managed_policy_arns",
            Severity::Info,
        );
        assert_not_reported(&with(vec![ack()]), Code::AckWithoutPermissions);
    }

    #[test]
    fn am020_retain_only() {
        let p = with(vec![Capability {
            delete_propagation_policy: "DELETE".into(),
            ..ack()
        }]);
        assert_reported(
            &p,
            Code::DeletePropagation,
            "capabilities[0].delete_propagation_policy",
            Severity::Error,
        );
        assert_not_reported(&with(vec![ack()]), Code::DeletePropagation);
    }

    #[test]
    fn am021_identity_center() {
        let mut cap = argocd();
        cap.argocd.idc_instance_arn.clear();
        assert_reported(
            &with(vec![cap.clone()]),
            Code::ArgoCdIdentityCenter,
            "capabilities[0].argocd.idc_instance_arn",
            Severity::Error,
        );
        cap.argocd.idc_instance_arn = "arn:aws:sso:::instance/nope".into();
        assert_reported(
            &with(vec![cap.clone()]),
            Code::ArgoCdIdentityCenter,
            "capabilities[0].argocd.idc_instance_arn",
            Severity::Error,
        );
        let mut cap = argocd();
        cap.argocd.idc_region = Some("mars-north-1".into());
        assert_reported(
            &with(vec![cap]),
            Code::ArgoCdIdentityCenter,
            "capabilities[0].argocd.idc_region",
            Severity::Error,
        );
        let mut cap = argocd();
        cap.argocd.idc_region = Some("eu-west-1".into());
        assert_not_reported(&with(vec![cap]), Code::ArgoCdIdentityCenter);
    }

    #[test]
    fn am022_role_mappings() {
        let mut cap = argocd();
        cap.argocd.rbac_role_mappings.clear();
        assert_reported(
            &with(vec![cap]),
            Code::ArgoCdRoleMapping,
            "capabilities[0].argocd.rbac_role_mappings",
            Severity::Warning,
        );
        let mut cap = argocd();
        cap.argocd.rbac_role_mappings[0].identities[0].id = "PlatformTeam".into();
        assert_reported(
            &with(vec![cap]),
            Code::ArgoCdRoleMapping,
            "capabilities[0].argocd.rbac_role_mappings[0].identities[0].id",
            Severity::Error,
        );
        let mut cap = argocd();
        let again = cap.argocd.rbac_role_mappings[0].clone();
        cap.argocd.rbac_role_mappings.push(again);
        assert_reported(
            &with(vec![cap]),
            Code::ArgoCdRoleMapping,
            "capabilities[0].argocd.rbac_role_mappings[1].role",
            Severity::Error,
        );
        let mut cap = argocd();
        cap.argocd
            .rbac_role_mappings
            .push(ArgoCdRoleMapping::default());
        assert_reported(
            &with(vec![cap]),
            Code::ArgoCdRoleMapping,
            "capabilities[0].argocd.rbac_role_mappings[1].identities",
            Severity::Error,
        );
        let mut cap = argocd();
        cap.argocd.rbac_role_mappings[0].identities = vec![
            SsoIdentity {
                identity_type: SsoIdentityType::SsoUser,
                id: GROUP.into(),
            };
            1001
        ];
        assert_reported(
            &with(vec![cap]),
            Code::ArgoCdRoleMapping,
            "capabilities[0].argocd.rbac_role_mappings",
            Severity::Error,
        );
        assert_not_reported(&with(vec![argocd()]), Code::ArgoCdRoleMapping);
    }

    #[test]
    fn am023_argocd_settings() {
        let mut cap = argocd();
        cap.argocd.namespace = "Argo CD".into();
        cap.argocd.vpc_endpoint_ids = vec!["vpc-123".into()];
        let p = with(vec![cap]);
        assert_reported(
            &p,
            Code::ArgoCdSettings,
            "capabilities[0].argocd.namespace",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::ArgoCdSettings,
            "capabilities[0].argocd.vpc_endpoint_ids[0]",
            Severity::Error,
        );
        let mut cap = ack();
        cap.argocd.idc_instance_arn = IDC.into();
        assert_reported(
            &with(vec![cap]),
            Code::ArgoCdSettings,
            "capabilities[0].argocd",
            Severity::Warning,
        );
        assert_not_reported(&with(vec![argocd(), ack()]), Code::ArgoCdSettings);
    }

    #[test]
    fn am024_access_policies() {
        let mut cap = argocd();
        cap.access_policies = vec![
            AccessPolicy {
                policy: "AmazonEKSArgoCDPolicy".into(),
                ..AccessPolicy::default()
            },
            AccessPolicy {
                policy: "AmazonEKSComputeClusterPolicy".into(),
                ..AccessPolicy::default()
            },
            AccessPolicy {
                policy: "AmazonEKSEverythingPolicy".into(),
                ..AccessPolicy::default()
            },
            AccessPolicy {
                policy: "AmazonEKSEditPolicy".into(),
                scope: AccessScope::Namespace,
                namespaces: Vec::new(),
            },
            AccessPolicy {
                policy: "AmazonEKSEditPolicy".into(),
                scope: AccessScope::Namespace,
                namespaces: vec!["Apps".into()],
            },
        ];
        let p = with(vec![cap]);
        for path in [
            "capabilities[0].access_policies[0].policy",
            "capabilities[0].access_policies[1].policy",
            "capabilities[0].access_policies[2].policy",
            "capabilities[0].access_policies[3].namespaces",
            "capabilities[0].access_policies[4].namespaces[0]",
            "capabilities[0].access_policies[4]",
        ] {
            assert_reported(&p, Code::CapabilityAccessPolicy, path, Severity::Error);
        }
        assert_not_reported(&with(vec![argocd()]), Code::CapabilityAccessPolicy);
    }

    #[test]
    fn am025_baseline_access() {
        let mut cap = argocd();
        cap.access_policies.clear();
        assert_reported(
            &with(vec![cap]),
            Code::CapabilityBaselineAccess,
            "capabilities[0].access_policies",
            Severity::Info,
        );
        let kro = Capability {
            capability_type: CapabilityType::Kro,
            ..Capability::default()
        };
        assert_reported(
            &with(vec![kro]),
            Code::CapabilityBaselineAccess,
            "capabilities[0].access_policies",
            Severity::Info,
        );
        assert_not_reported(&with(vec![argocd(), ack()]), Code::CapabilityBaselineAccess);
    }
}
