//! EKS Capabilities (`AWS::EKS::Capability`) and the vended logs of the
//! Auto Mode components (`AWS::Logs::DeliveryDestination`,
//! `DeliverySource`, `Delivery`, and the bucket that receives them).
//!
//! CloudFormation has no resource for an access policy association outside
//! an `AWS::EKS::AccessEntry`, and EKS creates the access entry of a
//! capability's role itself: the extra access policies are associated by
//! `scripts/post-deploy.sh` (finding `TG011`).

use super::Cfn;
use super::template::{Node, Resource};
use crate::design::{
    Attr, Bucket, BucketEncryption, CapabilitySpec, Dependency, Kind, LogTarget, Value,
};

fn cluster_name(cfn: &Cfn) -> Node {
    cfn.value(&Value::reference(
        Kind::Cluster,
        &cfn.design.cluster.key,
        Attr::Name,
    ))
}

/// Depend on what `deps` name. A role carries its policies (see iam.rs), so
/// a reference to it is dependency enough; the waits CloudFormation cannot
/// express are finding `TG012`.
fn after(cfn: &Cfn, mut r: Resource, deps: &[Dependency]) -> Resource {
    for d in deps {
        match d {
            Dependency::Object(o) | Dependency::Settled(o) => r = r.after(&cfn.id_of(o)),
            Dependency::Permissions(k) | Dependency::Propagated(k) => {
                r = r.after(&cfn.id(Kind::Role, k));
            }
        }
    }
    r
}

/// `AWS::EKS::Capability` resources (their roles are with the other roles).
pub fn capabilities(cfn: &Cfn, out: &mut Vec<Resource>) {
    for c in &cfn.design.capabilities {
        out.push(capability(cfn, c));
    }
}

fn capability(cfn: &Cfn, c: &CapabilitySpec) -> Resource {
    let mut r = Resource::new(cfn.id(Kind::Capability, &c.key), "AWS::EKS::Capability")
        .comment(&format!(
            "{} capability `{}`",
            c.capability_type.title(),
            c.name
        ))
        .prop("ClusterName", cluster_name(cfn))
        .prop("CapabilityName", Node::str(&c.name))
        .prop("Type", Node::str(c.capability_type.as_str()))
        .prop("RoleArn", cfn.value(&c.role_arn))
        .prop(
            "DeletePropagationPolicy",
            Node::str(c.delete_propagation_policy),
        );
    if let Some(a) = &c.argocd {
        let mut argo = vec![
            ("Namespace", Node::str(&a.namespace)),
            (
                "AwsIdc",
                Node::Map(vec![
                    ("IdcInstanceArn", Node::str(&a.idc_instance_arn)),
                    ("IdcRegion", cfn.value(&a.idc_region)),
                ]),
            ),
        ];
        if !a.rbac_role_mappings.is_empty() {
            argo.push((
                "RbacRoleMappings",
                Node::List(
                    a.rbac_role_mappings
                        .iter()
                        .map(|m| {
                            Node::Map(vec![
                                ("Role", Node::str(m.role.as_str())),
                                (
                                    "Identities",
                                    Node::List(
                                        m.identities
                                            .iter()
                                            .map(|i| {
                                                Node::Map(vec![
                                                    ("Id", Node::str(&i.id)),
                                                    ("Type", Node::str(i.identity_type.as_str())),
                                                ])
                                            })
                                            .collect(),
                                    ),
                                ),
                            ])
                        })
                        .collect(),
                ),
            ));
        }
        if !a.vpc_endpoint_ids.is_empty() {
            argo.push((
                "NetworkAccess",
                Node::Map(vec![("VpceIds", Node::strs(&a.vpc_endpoint_ids))]),
            ));
        }
        r = r.prop(
            "Configuration",
            Node::Map(vec![("ArgoCd", Node::Map(argo))]),
        );
    }
    if !c.eks_access_policies.is_empty() {
        r = r.comment(&format!(
            "EKS creates the access entry of this role itself, with {}.",
            c.eks_access_policies
                .iter()
                .map(|p| p.policy_name())
                .collect::<Vec<_>>()
                .join(" and ")
        ));
    }
    after(cfn, r.taggable(), &c.after)
}

/// The component logs: the bucket (if created), the destination, and a
/// source and delivery per log type, one after the other.
pub fn component_logs(cfn: &Cfn, out: &mut Vec<Resource>) {
    let d = cfn.design;
    let Some(logs) = &d.component_logs else {
        return;
    };
    if let LogTarget::Bucket(k) = &logs.destination.target
        && let Some(b) = d.bucket(k)
    {
        bucket(cfn, b, out);
    }
    let dest = &logs.destination;
    out.push(
        Resource::new(
            cfn.id(Kind::LogDeliveryDestination, &dest.key),
            "AWS::Logs::DeliveryDestination",
        )
        .comment("Logs of the Auto Mode components (Karpenter, EBS CSI, load balancing, IPAM).")
        .prop("Name", Node::str(&dest.name))
        .prop("DestinationResourceArn", cfn.value(&dest.target.arn()))
        .taggable(),
    );
    for (s, del) in logs.sources.iter().zip(&logs.deliveries) {
        let source = Resource::new(
            cfn.id(Kind::LogDeliverySource, &s.key),
            "AWS::Logs::DeliverySource",
        )
        .comment("Each delivery source starts an EKS cluster update: one after the other.")
        .prop("Name", Node::str(&s.name))
        .prop("LogType", Node::str(s.log_type.as_str()))
        .prop("ResourceArn", cfn.value(&s.resource_arn))
        .taggable();
        out.push(after(cfn, source, &s.after));
        let delivery = Resource::new(cfn.id(Kind::LogDelivery, &del.key), "AWS::Logs::Delivery")
            .prop(
                "DeliverySourceName",
                Node::reference(&cfn.id(Kind::LogDeliverySource, &del.source)),
            )
            .prop(
                "DeliveryDestinationArn",
                Node::GetAtt(
                    cfn.id(Kind::LogDeliveryDestination, &del.destination),
                    "Arn",
                ),
            )
            .taggable();
        out.push(after(cfn, delivery, &del.after));
    }
}

/// A private, encrypted, versioned bucket with a lifecycle, and its policy.
fn bucket(cfn: &Cfn, b: &Bucket, out: &mut Vec<Resource>) {
    let id = cfn.id(Kind::Bucket, &b.key);
    let default = match &b.encryption {
        BucketEncryption::Kms(key) => Node::Map(vec![
            ("SSEAlgorithm", Node::str("aws:kms")),
            ("KMSMasterKeyID", cfn.value(key)),
        ]),
        BucketEncryption::S3Managed => Node::Map(vec![("SSEAlgorithm", Node::str("AES256"))]),
    };
    let days = i64::from(b.expire_after_days);
    out.push(
        Resource::new(id.clone(), "AWS::S3::Bucket")
            .comment(&format!(
                "{}: private, encrypted, versioned, expiring after {} days. CloudFormation names it.",
                b.purpose, b.expire_after_days
            ))
            .prop(
                "OwnershipControls",
                Node::Map(vec![(
                    "Rules",
                    Node::List(vec![Node::Map(vec![(
                        "ObjectOwnership",
                        Node::str("BucketOwnerEnforced"),
                    )])]),
                )]),
            )
            .prop(
                "PublicAccessBlockConfiguration",
                Node::Map(vec![
                    ("BlockPublicAcls", Node::Bool(true)),
                    ("BlockPublicPolicy", Node::Bool(true)),
                    ("IgnorePublicAcls", Node::Bool(true)),
                    ("RestrictPublicBuckets", Node::Bool(true)),
                ]),
            )
            .prop(
                "BucketEncryption",
                Node::Map(vec![(
                    "ServerSideEncryptionConfiguration",
                    Node::List(vec![Node::Map(vec![
                        ("ServerSideEncryptionByDefault", default),
                        (
                            "BucketKeyEnabled",
                            Node::Bool(matches!(b.encryption, BucketEncryption::Kms(_))),
                        ),
                    ])]),
                )]),
            )
            .prop(
                "VersioningConfiguration",
                Node::Map(vec![(
                    "Status",
                    Node::str(if b.versioning { "Enabled" } else { "Suspended" }),
                )]),
            )
            .prop(
                "LifecycleConfiguration",
                Node::Map(vec![(
                    "Rules",
                    Node::List(vec![Node::Map(vec![
                        ("Id", Node::str("expire-logs")),
                        ("Status", Node::str("Enabled")),
                        ("ExpirationInDays", Node::Int(days)),
                        (
                            "NoncurrentVersionExpiration",
                            Node::Map(vec![("NoncurrentDays", Node::Int(days))]),
                        ),
                        (
                            "AbortIncompleteMultipartUpload",
                            Node::Map(vec![("DaysAfterInitiation", Node::Int(1))]),
                        ),
                    ])]),
                )]),
            )
            .taggable(),
    );
    out.push(
        Resource::new(cfn.id(Kind::BucketPolicy, &b.key), "AWS::S3::BucketPolicy")
            .prop("Bucket", Node::reference(&id))
            .prop("PolicyDocument", cfn.policy(&b.policy)),
    );
}
