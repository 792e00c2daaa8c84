//! IAM role resolution: cluster, node, NodeClass, flow-log and Pod Identity roles.

use super::{fit_name, note};
use crate::catalog::policies::{
    CLUSTER_ROLE_POLICIES, ECR_PUBLIC_READ_ONLY_POLICY, NODE_ROLE_POLICIES,
};
use crate::design::{
    Attr, InlinePolicy, Key, Keys, Kind, NetworkSpec, Note, Part, PolicyDocument, Principal,
    PrincipalKind, Role, Statement, Value,
};
use crate::plan::{NodeClassRoleMode, Plan, RoleMode};

/// Key of the cluster role.
pub(crate) const CLUSTER: &str = "cluster";
/// Key of the Auto Mode node role.
pub(crate) const NODE: &str = "node";
/// Key of the administrator role.
pub(crate) const ADMIN: &str = crate::design::iam::ADMIN_ROLE;

/// Whether the plan needs the cluster-level node role to exist.
pub(crate) fn node_role_needed(plan: &Plan) -> bool {
    plan.auto_mode.any_builtin_pool()
        || plan
            .node_classes
            .iter()
            .any(|nc| nc.role.mode == NodeClassRoleMode::ClusterNodeRole)
}

/// Whether any Auto Mode-provisioned resource carries custom tags.
fn custom_tags(plan: &Plan) -> bool {
    plan.node_classes.iter().any(|nc| !nc.tags.is_empty())
        || (plan.load_balancing.ingress_class.enabled
            && !plan.load_balancing.ingress_class.tags.is_empty())
}

/// The roles of a design, and which role belongs to which plan item.
pub(super) struct Roles {
    /// Every role.
    pub roles: Vec<Role>,
    /// The dedicated role of each NodeClass (by plan index), if created.
    pub node_classes: Vec<Option<Key>>,
    /// The created role of each Pod Identity association (by plan index).
    pub pods: Vec<Option<Key>>,
    /// The administrator role, when the plan asks for one.
    pub admin: Option<Key>,
}

impl Roles {
    /// The role with this key.
    pub fn get(&self, key: &Key) -> Option<&Role> {
        self.roles.iter().find(|r| &r.key == key)
    }
}

pub(super) fn resolve(plan: &Plan, network: &NetworkSpec, notes: &mut Vec<Note>) -> Roles {
    let name = &plan.cluster.name;
    let mut roles = Vec::new();
    let mut keys = Keys::taken(&[CLUSTER, NODE, ADMIN]);

    let mut cluster = Role {
        key: Key::new(CLUSTER),
        name: fit_name(&format!("{name}-cluster"), 64),
        description: "EKS cluster role with the five Auto Mode managed policies".to_owned(),
        trust: PolicyDocument {
            statements: vec![Statement::service_trust(
                "eks.amazonaws.com",
                &["sts:AssumeRole", "sts:TagSession"],
            )],
        },
        managed_policies: CLUSTER_ROLE_POLICIES
            .iter()
            .map(|p| Value::managed_policy(p))
            .collect(),
        inline_policies: Vec::new(),
    };
    note(
        notes,
        "IAM",
        "The cluster role trusts eks.amazonaws.com with sts:AssumeRole and sts:TagSession (Auto Mode tags the sessions it uses to launch nodes) and has AmazonEKSClusterPolicy, AmazonEKSComputePolicy, AmazonEKSBlockStoragePolicy, AmazonEKSLoadBalancingPolicy and AmazonEKSNetworkingPolicy.",
    );
    if custom_tags(plan) {
        cluster.inline_policies.push(InlinePolicy {
            key: Key::new("custom_tags"),
            name: "auto-mode-custom-tags".to_owned(),
            document: custom_tag_policy(),
        });
        note(
            notes,
            "IAM",
            "Custom tags on NodeClasses or IngressClassParams require the custom-tag policy on the cluster role; without it nodes fail with `Error getting launch template configs`.",
        );
    }
    roles.push(cluster);

    if plan.auto_mode.node_role.mode == RoleMode::Create && node_role_needed(plan) {
        roles.push(node_role(
            &Key::new(NODE),
            plan.auto_mode
                .node_role
                .name
                .clone()
                .unwrap_or_else(|| fit_name(&format!("{name}-auto-node"), 64)),
            "Auto Mode node role",
            plan.auto_mode.ecr_public_read_only,
        ));
        if !plan.auto_mode.ecr_public_read_only {
            note(
                notes,
                "IAM",
                "The node role trusts ec2.amazonaws.com and has only AmazonEKSWorkerNodeMinimalPolicy and AmazonEC2ContainerRegistryPullOnly: Auto Mode nodes need nothing else.",
            );
        }
    }

    let mut node_classes = Vec::new();
    for nc in &plan.node_classes {
        if nc.role.mode == NodeClassRoleMode::Create {
            let key = keys.unique(Key::new("nodeclass").join(&Key::from_text(&nc.name)));
            roles.push(node_role(
                &key,
                fit_name(&format!("{name}-{}-node", nc.name), 64),
                &format!("node role for NodeClass {}", nc.name),
                plan.auto_mode.ecr_public_read_only,
            ));
            node_classes.push(Some(key));
        } else {
            node_classes.push(None);
        }
    }

    if let NetworkSpec::Create(vpc) = network
        && let Some(fl) = &vpc.flow_logs
    {
        let log_group_arn = Value::reference(Kind::LogGroup, &fl.log_group, Attr::Arn);
        let mut streams = log_group_arn.clone();
        streams.0.push(Part::Text(":*".to_owned()));
        roles.push(Role {
            key: fl.role.clone(),
            name: fit_name(&format!("{name}-vpc-flow-logs"), 64),
            description: "Lets VPC Flow Logs write to its log group".to_owned(),
            trust: PolicyDocument {
                statements: vec![
                    Statement::service_trust("vpc-flow-logs.amazonaws.com", &["sts:AssumeRole"])
                        .when(
                            "StringEquals",
                            "aws:SourceAccount",
                            vec![Value(vec![Part::AccountId])],
                        ),
                ],
            },
            managed_policies: Vec::new(),
            inline_policies: vec![InlinePolicy {
                key: Key::new("flow_logs"),
                name: "write-flow-logs".to_owned(),
                document: PolicyDocument {
                    statements: vec![
                        Statement::allow(
                            &[
                                "logs:CreateLogStream",
                                "logs:PutLogEvents",
                                "logs:DescribeLogStreams",
                            ],
                            vec![log_group_arn.clone(), streams],
                        )
                        .sid("WriteFlowLogs"),
                        // DescribeLogGroups has no resource-level permissions.
                        Statement::allow(&["logs:DescribeLogGroups"], vec![Value::lit("*")])
                            .sid("FindLogGroup"),
                    ],
                },
            }],
        });
    }

    let admin = plan.access.admin_role.enabled.then(|| {
        roles.push(admin_role(plan));
        note(
            notes,
            "IAM",
            "The administrator role holds only sts:GetCallerIdentity in AWS; its power is AmazonEKSClusterAdminPolicy in the cluster, through its access entry. People and CI assume it to use kubectl (see the output configure_kubectl_as_admin), so who is cluster-admin is decided by who may assume one role.",
        );
        Key::new(ADMIN)
    });

    let mut pods = Vec::new();
    for a in &plan.pod_identity {
        if a.role_mode != RoleMode::Create {
            pods.push(None);
            continue;
        }
        let key = keys.unique(
            Key::new("pod")
                .join(&Key::from_text(&a.namespace))
                .join(&Key::from_text(&a.service_account)),
        );
        pods.push(Some(key.clone()));
        let trust = Statement::service_trust(
            "pods.eks.amazonaws.com",
            &["sts:AssumeRole", "sts:TagSession"],
        )
        .when(
            "StringEquals",
            "aws:SourceAccount",
            vec![Value(vec![Part::AccountId])],
        )
        .when(
            "ArnEquals",
            "aws:SourceArn",
            vec![Value::reference(
                Kind::Cluster,
                super::CLUSTER_KEY,
                Attr::Arn,
            )],
        );
        roles.push(Role {
            key,
            name: fit_name(&format!("{name}-{}-{}", a.namespace, a.service_account), 64),
            description: format!(
                "Pod Identity role for {}/{}",
                a.namespace, a.service_account
            ),
            trust: PolicyDocument {
                statements: vec![trust],
            },
            managed_policies: a
                .managed_policy_arns
                .iter()
                .map(|p| Value::lit(p.clone()))
                .collect(),
            inline_policies: pod_inline_policies(a),
        });
    }
    if !plan.pod_identity.is_empty() {
        note(
            notes,
            "IAM",
            "Pod Identity roles trust pods.eks.amazonaws.com only for this account and this cluster (aws:SourceAccount, aws:SourceArn). Auto Mode runs the Pod Identity agent itself.",
        );
    }
    if plan.auto_mode.ecr_public_read_only
        && roles.iter().any(|r| {
            r.managed_policies
                .contains(&Value::managed_policy(ECR_PUBLIC_READ_ONLY_POLICY))
        })
    {
        note(
            notes,
            "IAM",
            "The node roles the bundle creates trust ec2.amazonaws.com and have AmazonEKSWorkerNodeMinimalPolicy and AmazonEC2ContainerRegistryPullOnly, which is all Auto Mode nodes need, and, as the plan asks, AmazonElasticContainerRegistryPublicReadOnly: nodes then pull from ECR Public (public.ecr.aws) authenticated, with its higher rate limits, where anonymous pulls would also work. eksctl attaches it to its Auto Mode node role too; terraform-aws-eks added it and reverted the change.",
        );
    }
    if plan
        .pod_identity
        .iter()
        .any(|a| a.role_mode == RoleMode::Create && !a.s3_access.is_empty())
    {
        note(
            notes,
            "IAM",
            "S3 access is written as least-privilege statements: listing limited to the prefix (an s3:prefix condition), object actions limited to the keys under it, and only the actions the access level needs (read: list and get; write: put and abort uploads; read_write: also delete). Buckets encrypted with a customer-managed KMS key also need kms:Decrypt (and kms:GenerateDataKey to write) on that key.",
        );
    }
    Roles {
        roles,
        node_classes,
        pods,
        admin,
    }
}

/// The administrator role: assumable by the account (or the principals the
/// plan lists), allowed only to ask who it is.
fn admin_role(plan: &Plan) -> Role {
    let a = &plan.access.admin_role;
    let account_root = Value(vec![
        Part::Text("arn:".into()),
        Part::Partition,
        Part::Text(":iam::".into()),
        Part::AccountId,
        Part::Text(":root".into()),
    ]);
    let identifiers = if a.trusted_principals.is_empty() {
        vec![account_root]
    } else {
        a.trusted_principals
            .iter()
            .map(|p| Value::lit(p.clone()))
            .collect()
    };
    Role {
        key: Key::new(ADMIN),
        name: a
            .name
            .clone()
            .unwrap_or_else(|| fit_name(&format!("{}-admin", plan.cluster.name), 64)),
        description: "Cluster administrator: AmazonEKSClusterAdminPolicy in the cluster, nothing but sts:GetCallerIdentity in AWS".to_owned(),
        trust: PolicyDocument {
            statements: vec![Statement {
                principals: vec![Principal {
                    kind: PrincipalKind::Aws,
                    identifiers,
                }],
                ..Statement::allow(&["sts:AssumeRole"], Vec::new()).sid("AssumeAsClusterAdmin")
            }],
        },
        managed_policies: Vec::new(),
        inline_policies: vec![InlinePolicy {
            key: Key::new("caller_identity"),
            name: "get-caller-identity".to_owned(),
            document: PolicyDocument {
                // GetCallerIdentity has no resource-level permissions.
                statements: vec![
                    Statement::allow(&["sts:GetCallerIdentity"], vec![Value::lit("*")])
                        .sid("WhoAmI"),
                ],
            },
        }],
    }
}

/// A created Pod Identity role's own inline policies: the plan's statements
/// and the S3 access builder's.
fn pod_inline_policies(a: &crate::plan::PodIdentityAssociation) -> Vec<InlinePolicy> {
    let mut out = Vec::new();
    if !a.inline_policy.is_empty() {
        let statements = a
            .inline_policy
            .iter()
            .map(|st| {
                let actions: Vec<&str> = st.actions.iter().map(String::as_str).collect();
                let mut s = Statement::allow(
                    &actions,
                    st.resources.iter().map(|r| Value::lit(r.clone())).collect(),
                );
                s.sid = st.sid.clone();
                s
            })
            .collect();
        out.push(InlinePolicy {
            key: Key::new("inline"),
            name: "inline".to_owned(),
            document: PolicyDocument { statements },
        });
    }
    if !a.s3_access.is_empty() {
        out.push(InlinePolicy {
            key: Key::new("s3_access"),
            name: "s3-access".to_owned(),
            document: super::s3::policy(&a.s3_access),
        });
    }
    out
}

fn node_role(key: &Key, name: String, description: &str, ecr_public: bool) -> Role {
    let mut managed_policies: Vec<Value> = NODE_ROLE_POLICIES
        .iter()
        .map(|p| Value::managed_policy(p))
        .collect();
    if ecr_public {
        managed_policies.push(Value::managed_policy(ECR_PUBLIC_READ_ONLY_POLICY));
    }
    Role {
        key: key.clone(),
        name,
        description: description.to_owned(),
        trust: PolicyDocument {
            statements: vec![Statement::service_trust(
                "ec2.amazonaws.com",
                &["sts:AssumeRole"],
            )],
        },
        managed_policies,
        inline_policies: Vec::new(),
    }
}

/// The custom-tag policy from the EKS guide (auto-learn-iam), statement for
/// statement: every action is conditioned on the request carrying the
/// cluster's own `eks:eks-cluster-name` tag.
fn custom_tag_policy() -> PolicyDocument {
    let own_cluster = || vec![Value::lit("${aws:PrincipalTag/eks:eks-cluster-name}")];
    let tag = "aws:RequestTag/eks:eks-cluster-name";
    let any = || vec![Value::lit("*")];
    PolicyDocument {
        statements: vec![
            Statement::allow(
                &[
                    "ec2:CreateFleet",
                    "ec2:RunInstances",
                    "ec2:CreateLaunchTemplate",
                ],
                any(),
            )
            .sid("Compute")
            .when("StringEquals", tag, own_cluster())
            .when(
                "StringLike",
                "aws:RequestTag/eks:kubernetes-node-class-name",
                any(),
            )
            .when(
                "StringLike",
                "aws:RequestTag/eks:kubernetes-node-pool-name",
                any(),
            ),
            Statement::allow(
                &["ec2:CreateVolume", "ec2:CreateSnapshot"],
                vec![
                    Value::arn("ec2:*:*:snapshot/*"),
                    Value::arn("ec2:*:*:volume/*"),
                ],
            )
            .sid("Storage")
            .when("StringEquals", tag, own_cluster()),
            Statement::allow(&["ec2:CreateNetworkInterface"], any())
                .sid("Networking")
                .when("StringEquals", tag, own_cluster())
                .when(
                    "StringLike",
                    "aws:RequestTag/eks:kubernetes-cni-node-name",
                    any(),
                ),
            Statement::allow(
                &[
                    "elasticloadbalancing:CreateLoadBalancer",
                    "elasticloadbalancing:CreateTargetGroup",
                    "elasticloadbalancing:CreateListener",
                    "elasticloadbalancing:CreateRule",
                    "ec2:CreateSecurityGroup",
                ],
                any(),
            )
            .sid("LoadBalancer")
            .when("StringEquals", tag, own_cluster()),
            Statement::allow(&["shield:CreateProtection"], any())
                .sid("ShieldProtection")
                .when("StringEquals", tag, own_cluster()),
            Statement::allow(
                &["shield:TagResource"],
                vec![Value::arn("shield::*:protection/*")],
            )
            .sid("ShieldTagResource")
            .when("StringEquals", tag, own_cluster()),
        ],
    }
}
