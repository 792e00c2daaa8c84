//! The bundle's inputs (what the deployer may change without regenerating)
//! and outputs (what it reports after deployment).

use super::iam::NODE;
use crate::design::{
    Attr, ClusterSpec, Input, InputId, InputValue, Key, Kind, NetworkSpec, Output, OutputValue,
    Part, Ref, Role, Value,
};

pub(super) fn inputs(cluster: &ClusterSpec, network: &NetworkSpec) -> Vec<Input> {
    let text = |s: &str| InputValue::Text(s.to_owned());
    let list = |v: &[String]| InputValue::List(v.to_vec());
    let mut out = vec![
        Input {
            id: InputId::Region,
            description: "AWS region for every resource.",
            default: text(&cluster.region),
        },
        Input {
            id: InputId::ClusterName,
            description: "EKS cluster name.",
            default: text(&cluster.name),
        },
        Input {
            id: InputId::KubernetesVersion,
            description: "Kubernetes minor version. Upgrade one minor version at a time.",
            default: text(&cluster.version),
        },
    ];
    if cluster.endpoint_public_access {
        out.push(Input {
            id: InputId::PublicAccessCidrs,
            description: "CIDRs allowed to reach the public Kubernetes API endpoint.",
            default: list(&cluster.public_access_cidrs),
        });
    }
    out.push(Input {
        id: InputId::Tags,
        description: "Tags for every AWS resource (provider default_tags).",
        default: InputValue::Map(cluster.tags.clone()),
    });
    if let NetworkSpec::Existing(e) = network {
        out.push(Input {
            id: InputId::VpcId,
            description: "Existing VPC.",
            default: text(&e.vpc_id),
        });
        out.push(Input {
            id: InputId::ControlPlaneSubnetIds,
            description: "Subnets for the control plane's network interfaces (at least two AZs).",
            default: list(&e.control_plane_subnet_ids),
        });
        out.push(Input {
            id: InputId::NodeSubnetIds,
            description: "Private subnets for nodes and pods.",
            default: list(&e.node_subnet_ids),
        });
        out.push(Input {
            id: InputId::PublicSubnetIds,
            description: "Public subnets for internet-facing load balancers.",
            default: list(&e.public_subnet_ids),
        });
    }
    out
}

pub(super) fn outputs(cluster: &ClusterSpec, network: &NetworkSpec, roles: &[Role]) -> Vec<Output> {
    let this = Ref::new(Kind::Cluster, &cluster.key);
    let one = |key: &str, description: &'static str, value: Value| Output {
        key: Key::new(key),
        description,
        value: OutputValue::One(value),
    };
    let subnets = |subnets: &[crate::design::Subnet]| {
        OutputValue::List(
            subnets
                .iter()
                .map(|s| Value::reference(Kind::Subnet, &s.key, Attr::Id))
                .collect(),
        )
    };
    let mut out = vec![
        one(
            "cluster_name",
            "EKS cluster name.",
            Value::of(&this, Attr::Name),
        ),
        one(
            "cluster_arn",
            "EKS cluster ARN.",
            Value::of(&this, Attr::Arn),
        ),
        one(
            "cluster_endpoint",
            "Kubernetes API endpoint.",
            Value::of(&this, Attr::Endpoint),
        ),
        one(
            "cluster_security_group_id",
            "Security group EKS created for the cluster (used by the NodeClasses).",
            Value::of(&this, Attr::ClusterSecurityGroupId),
        ),
    ];
    let node = Key::new(NODE);
    if roles.iter().any(|r| r.key == node) {
        out.push(one(
            "node_role_name",
            "Auto Mode node IAM role.",
            Value::reference(Kind::Role, node, Attr::Name),
        ));
    }
    match network {
        NetworkSpec::Create(vpc) => {
            out.push(one(
                "vpc_id",
                "VPC id.",
                Value::reference(Kind::Vpc, &vpc.key, Attr::Id),
            ));
            out.push(Output {
                key: Key::new("private_subnet_ids"),
                description: "Private (node) subnets.",
                value: subnets(&vpc.private_subnets),
            });
            if !vpc.public_subnets.is_empty() {
                out.push(Output {
                    key: Key::new("public_subnet_ids"),
                    description: "Public (load balancer) subnets.",
                    value: subnets(&vpc.public_subnets),
                });
            }
        }
        NetworkSpec::Existing(e) => out.push(one(
            "vpc_id",
            "VPC id.",
            Value::reference(Kind::Vpc, &e.key, Attr::Id),
        )),
    }
    out.push(one(
        "configure_kubectl",
        "Run this to point kubectl at the cluster.",
        Value(vec![
            Part::Text("aws eks update-kubeconfig --region ".into()),
            Part::Region,
            Part::Text(" --name ".into()),
            Part::Ref(this, Attr::Name),
        ]),
    ));
    out
}
