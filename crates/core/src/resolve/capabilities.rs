//! EKS Capabilities: their roles, configuration and access policies.

use super::{fit_name, note};
use crate::catalog::policies::{
    CAPABILITY_SERVICE, CapabilityPolicyScope, capability_access_policies,
};
use crate::design::{
    AccessPolicyAssociation, ArgoCdSpec, Attr, CapabilitySpec, Dependency, Key, Keys, Kind, Note,
    Part, PolicyDocument, Role, RoleMappingSpec, SsoIdentitySpec, Statement, Text, Value,
};
use crate::plan::{AccessScope, CapabilityType, Plan, RoleMode};

/// The roles the plan's capabilities need, and the key of each created one
/// (by plan index).
pub(super) fn roles(
    plan: &Plan,
    taken: &mut Keys,
    notes: &mut Vec<Note>,
) -> Vec<(Option<Key>, Option<Role>)> {
    let cluster = &plan.cluster.name;
    let out: Vec<(Option<Key>, Option<Role>)> = plan
        .capabilities
        .iter()
        .map(|c| {
            if c.role_mode != RoleMode::Create {
                return (None, None);
            }
            let name = c.effective_name();
            let key = taken.unique(
                Key::new("capability").join(&Key::from_text(c.capability_type.default_name())),
            );
            let role = Role {
                key: key.clone(),
                name: fit_name(&format!("{cluster}-{name}-capability"), 64),
                description: format!(
                    "Role of the EKS {} capability `{name}`",
                    c.capability_type.title()
                ),
                trust: PolicyDocument {
                    statements: vec![Statement::service_trust(
                        CAPABILITY_SERVICE,
                        &["sts:AssumeRole", "sts:TagSession"],
                    )],
                },
                managed_policies: c
                    .managed_policy_arns
                    .iter()
                    .map(|p| Value::lit(p.clone()))
                    .collect(),
                inline_policies: Vec::new(),
            };
            (Some(key), Some(role))
        })
        .collect();
    if out.iter().any(|(k, _)| k.is_some()) {
        note(
            notes,
            "IAM",
            "Capability roles trust capabilities.eks.amazonaws.com with sts:AssumeRole and sts:TagSession, as EKS requires. They get only the managed policies the plan lists: kro needs none, Argo CD none unless it reads from ECR, Secrets Manager or CodeConnections, ACK exactly what it should manage.",
        );
    }
    out
}

/// The capabilities of a design.
pub(super) fn resolve(
    plan: &Plan,
    role_keys: &[Option<Key>],
    notes: &mut Vec<Note>,
) -> Vec<CapabilitySpec> {
    let mut keys = Keys::default();
    let mut out = Vec::new();
    for (c, role_key) in plan.capabilities.iter().zip(role_keys) {
        let key = keys.unique(Key::new(c.capability_type.default_name()));
        let name = c.effective_name();
        let (role_arn, after) = match role_key {
            Some(k) => (
                Value::reference(Kind::Role, k, Attr::Arn),
                vec![Dependency::Propagated(k.clone())],
            ),
            None => (
                Value::lit(c.role_arn.clone().unwrap_or_default()),
                Vec::new(),
            ),
        };
        let argocd = (c.capability_type == CapabilityType::ArgoCd).then(|| {
            let a = &c.argocd;
            ArgoCdSpec {
                namespace: a.namespace.clone(),
                idc_instance_arn: a.idc_instance_arn.clone(),
                idc_region: match a.idc_region.as_deref() {
                    Some(r) if !r.is_empty() => Value::lit(r),
                    _ => Value(vec![Part::Region]),
                },
                rbac_role_mappings: a
                    .rbac_role_mappings
                    .iter()
                    .map(|m| RoleMappingSpec {
                        role: m.role,
                        identities: m
                            .identities
                            .iter()
                            .map(|i| SsoIdentitySpec {
                                identity_type: i.identity_type,
                                id: i.id.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
                vpc_endpoint_ids: a.vpc_endpoint_ids.clone(),
            }
        });
        let namespace = argocd
            .as_ref()
            .map(|a| a.namespace.clone())
            .unwrap_or_default();
        let eks_access_policies: Vec<AccessPolicyAssociation> =
            capability_access_policies(c.capability_type)
                .iter()
                .map(|(policy, scope)| AccessPolicyAssociation {
                    key: Key::from_text(policy),
                    policy_arn: Value::access_policy(policy),
                    scope: match scope {
                        CapabilityPolicyScope::Cluster => AccessScope::Cluster,
                        CapabilityPolicyScope::ArgoCdNamespace => AccessScope::Namespace,
                    },
                    namespaces: match scope {
                        CapabilityPolicyScope::Cluster => Vec::new(),
                        CapabilityPolicyScope::ArgoCdNamespace => vec![namespace.clone()],
                    },
                })
                .collect();
        let access_policies: Vec<AccessPolicyAssociation> = c
            .access_policies
            .iter()
            .enumerate()
            .map(|(i, p)| AccessPolicyAssociation {
                key: Key::new(&format!("p{i}")),
                policy_arn: Value::access_policy(crate::validate::policy_name(&p.policy)),
                scope: p.scope,
                namespaces: if p.scope == AccessScope::Namespace {
                    p.namespaces.clone()
                } else {
                    Vec::new()
                },
            })
            .collect();
        let given = |list: &[AccessPolicyAssociation]| {
            list.iter()
                .map(|p| {
                    let name = p.policy_name();
                    if p.scope == AccessScope::Namespace {
                        format!("{name} (namespaces {})", p.namespaces.join(", "))
                    } else {
                        format!("{name} (cluster)")
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut text = format!(
            "EKS creates the access entry of the {} capability `{name}`'s role itself, with {}",
            c.capability_type.title(),
            given(&eks_access_policies)
        );
        if access_policies.is_empty() {
            text.push_str("; the bundle adds nothing to it");
            match c.capability_type {
                CapabilityType::ArgoCd => text.push_str(
                    ", so Argo CD can deploy nothing outside its own namespace until you associate more",
                ),
                CapabilityType::Kro => text.push_str(
                    ", so kro can create no resources its graphs define until you associate more",
                ),
                CapabilityType::Ack => {}
            }
            text.push('.');
        } else {
            text.push_str(&format!(
                "; the bundle associates {} with the same entry once the capability exists (declaring the entry itself would collide with EKS's).",
                given(&access_policies)
            ));
        }
        note(notes, "Capabilities", Text::lit(text));
        out.push(CapabilitySpec {
            key,
            name,
            capability_type: c.capability_type,
            role_arn,
            created_role: role_key.clone(),
            delete_propagation_policy: crate::plan::DELETE_PROPAGATION_RETAIN,
            argocd,
            eks_access_policies,
            access_policies,
            after,
        });
    }
    if let Some(a) = out.iter().find_map(|c| c.argocd.as_ref()) {
        let private = if a.vpc_endpoint_ids.is_empty() {
            "on its public endpoint"
        } else {
            "only through the listed VPC endpoints"
        };
        note(
            notes,
            "Capabilities",
            format!(
                "Argo CD runs in AWS, not on the nodes; people sign in through IAM Identity Center (it has no local users), and reach its UI and API {private}. Applications live in namespace `{}`.",
                a.namespace
            ),
        );
    }
    if !out.is_empty() {
        note(
            notes,
            "Capabilities",
            "Deleting a capability keeps its Kubernetes resources (RETAIN, the only policy EKS offers) and the AWS resources ACK created: delete those first.",
        );
    }
    out
}
