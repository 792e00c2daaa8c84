//! IAM roles: `AWS::IAM::Role` with its managed policies and inline
//! policies on the role itself, so the role resource carries every
//! permission (the cluster, which refers to the role, is created after them
//! and deleted before them).

use super::Cfn;
use super::template::{Node, Resource};
use crate::design::{Key, Kind, Role};

/// Roles of the design: Pod Identity roles (`pod`) or all others.
pub fn roles(cfn: &Cfn, out: &mut Vec<Resource>, pod: bool) {
    let d = cfn.design;
    let pod_roles: Vec<&Key> = d
        .pod_identity
        .iter()
        .filter_map(|p| p.created_role.as_ref())
        .collect();
    for r in d
        .roles
        .iter()
        .filter(|r| pod_roles.contains(&&r.key) == pod)
    {
        out.push(role(cfn, r));
    }
}

/// One role.
pub fn role(cfn: &Cfn, r: &Role) -> Resource {
    let mut res = Resource::new(cfn.id(Kind::Role, &r.key), "AWS::IAM::Role")
        .comment(&r.description)
        .prop("RoleName", Node::str(&r.name))
        .prop("Description", Node::str(&r.description))
        .prop("AssumeRolePolicyDocument", cfn.policy(&r.trust));
    if !r.managed_policies.is_empty() {
        res = res.prop("ManagedPolicyArns", cfn.values(&r.managed_policies));
    }
    if !r.inline_policies.is_empty() {
        res = res.prop(
            "Policies",
            Node::List(
                r.inline_policies
                    .iter()
                    .map(|p| {
                        Node::Map(vec![
                            ("PolicyName", Node::str(&p.name)),
                            ("PolicyDocument", cfn.policy(&p.document)),
                        ])
                    })
                    .collect(),
            ),
        );
    }
    res.taggable()
}
