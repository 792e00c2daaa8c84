//! Access entries (with their policy associations) and Pod Identity
//! associations.

use super::Cfn;
use super::template::{Node, Resource};
use crate::design::{Attr, Kind, Value};

fn cluster_name(cfn: &Cfn) -> Node {
    cfn.value(&Value::reference(
        Kind::Cluster,
        &cfn.design.cluster.key,
        Attr::Name,
    ))
}

/// `AWS::EKS::AccessEntry` resources.
pub fn entries(cfn: &Cfn, out: &mut Vec<Resource>) {
    for e in &cfn.design.access_entries {
        let mut r = Resource::new(cfn.id(Kind::AccessEntry, &e.key), "AWS::EKS::AccessEntry")
            .comment(&format!("{}: {}", e.key, e.reason))
            .prop("ClusterName", cluster_name(cfn))
            .prop("PrincipalArn", cfn.value(&e.principal_arn))
            .prop("Type", Node::str(e.entry_type.as_str()));
        if !e.kubernetes_groups.is_empty() {
            r = r.prop("KubernetesGroups", Node::strs(&e.kubernetes_groups));
        }
        r = r.prop_opt("Username", e.username.as_deref().map(Node::str));
        if !e.policies.is_empty() {
            r = r.prop(
                "AccessPolicies",
                Node::List(
                    e.policies
                        .iter()
                        .map(|p| {
                            let mut scope = vec![("Type", Node::str(p.scope.as_str()))];
                            if !p.namespaces.is_empty() {
                                scope.push(("Namespaces", Node::strs(&p.namespaces)));
                            }
                            Node::Map(vec![
                                ("PolicyArn", cfn.value(&p.policy_arn)),
                                ("AccessScope", Node::Map(scope)),
                            ])
                        })
                        .collect(),
                ),
            );
        }
        out.push(r.taggable());
    }
}

/// `AWS::EKS::PodIdentityAssociation` resources.
pub fn pod_identity(cfn: &Cfn, out: &mut Vec<Resource>) {
    for a in &cfn.design.pod_identity {
        out.push(
            Resource::new(
                cfn.id(Kind::PodIdentity, &a.key),
                "AWS::EKS::PodIdentityAssociation",
            )
            .comment(&format!("{}/{}", a.namespace, a.service_account))
            .prop("ClusterName", cluster_name(cfn))
            .prop("Namespace", Node::str(&a.namespace))
            .prop("ServiceAccount", Node::str(&a.service_account))
            .prop("RoleArn", cfn.value(&a.role_arn))
            .taggable(),
        );
    }
}
