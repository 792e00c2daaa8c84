//! The bundle's inputs (what the deployer may change without regenerating)
//! and outputs (what it reports after deployment).

use super::iam::{ADMIN, NODE};
use super::note;
use crate::design::is_world;
use crate::design::{
    Attr, ClusterSpec, Input, InputCheck, InputId, InputType, InputValue, Key, Kind, NetworkSpec,
    Note, Output, OutputValue, Part, Ref, Role, Span, StateStore, Text, Value,
};
use crate::plan::{Plan, StateBackend};

pub(super) fn inputs(cluster: &ClusterSpec, network: &NetworkSpec) -> Vec<Input> {
    let text = |s: &str| InputValue::Text(s.to_owned());
    let list = |v: &[String]| InputValue::List(v.to_vec());
    let mut out = vec![
        Input::with_default(
            InputId::Region,
            "AWS region for every resource.",
            text(&cluster.region),
        ),
        Input::with_default(
            InputId::ClusterName,
            "EKS cluster name.",
            text(&cluster.name),
        ),
        Input::with_default(
            InputId::KubernetesVersion,
            "Kubernetes minor version. Upgrade one minor version at a time.",
            text(&cluster.version),
        ),
    ];
    if cluster.endpoint_public_access {
        out.push(public_access_cidrs(&cluster.public_access_cidrs));
    }
    out.push(Input::with_default(
        InputId::DeletionProtection,
        "Whether EKS refuses to delete the cluster. Set it to false and apply before tearing the cluster down.",
        InputValue::Bool(cluster.deletion_protection),
    ));
    out.push(Input::with_default(
        InputId::Tags,
        "Tags for every AWS resource (provider default_tags).",
        InputValue::Map(cluster.tags.clone()),
    ));
    if let NetworkSpec::Existing(e) = network {
        out.push(Input::with_default(
            InputId::VpcId,
            "Existing VPC.",
            text(&e.vpc_id),
        ));
        out.push(Input::with_default(
            InputId::ControlPlaneSubnetIds,
            "Subnets for the control plane's network interfaces (at least two AZs).",
            list(&e.control_plane_subnet_ids),
        ));
        out.push(Input::with_default(
            InputId::NodeSubnetIds,
            "Private subnets for nodes and pods.",
            list(&e.node_subnet_ids),
        ));
        out.push(Input::with_default(
            InputId::PublicSubnetIds,
            "Public subnets for internet-facing load balancers.",
            list(&e.public_subnet_ids),
        ));
    }
    out
}

/// The networks allowed to reach the public endpoint. Without networks in
/// the plan the input is required, and a `/0` is refused unless the plan
/// itself lists one: an untouched plan can never open the API to the world,
/// not even through a value typed at deploy time.
fn public_access_cidrs(cidrs: &[String]) -> Input {
    let world_chosen = cidrs.iter().any(|c| is_world(c));
    let mut checks = vec![InputCheck::NonEmpty, InputCheck::Ipv4Cidrs];
    if !world_chosen {
        checks.push(InputCheck::NotWorld);
    }
    Input {
        id: InputId::PublicAccessCidrs,
        description: if cidrs.is_empty() {
            "CIDRs allowed to reach the public Kubernetes API endpoint. Required: the plan lists none, and the endpoint never defaults to the whole internet."
        } else {
            "CIDRs allowed to reach the public Kubernetes API endpoint."
        },
        ty: InputType::List,
        default: (!cidrs.is_empty()).then(|| InputValue::List(cidrs.to_vec())),
        checks,
    }
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
            "region",
            "AWS region of the cluster.",
            Value(vec![Part::Region]),
        ),
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
            Part::Ref(this.clone(), Attr::Name),
        ]),
    ));
    let admin = Key::new(ADMIN);
    if roles.iter().any(|r| r.key == admin) {
        let arn = Ref::new(Kind::Role, &admin);
        out.push(one(
            "admin_role_arn",
            "The administrator role: assume it to be cluster-admin.",
            Value::of(&arn, Attr::Arn),
        ));
        out.push(one(
            "configure_kubectl_as_admin",
            "Run this to use kubectl as the administrator role.",
            Value(vec![
                Part::Text("aws eks update-kubeconfig --region ".into()),
                Part::Region,
                Part::Text(" --name ".into()),
                Part::Ref(this, Attr::Name),
                Part::Text(" --role-arn ".into()),
                Part::Ref(arn, Attr::Arn),
            ]),
        ));
    }
    out
}

/// The state store: S3 unless the plan chose a local file.
pub(super) fn state(plan: &Plan, notes: &mut Vec<Note>) -> StateStore {
    let st = &plan.state;
    match st.backend {
        StateBackend::Local => StateStore::Local,
        StateBackend::S3 => {
            note(
                notes,
                "State",
                Text::default()
                    .word(Span::Tool)
                    .then(" keeps its state in S3, encrypted and locked with S3's own lock object, so two runs cannot overlap and the state outlives any laptop")
                    .then(if st.bucket.is_some() {
                        "."
                    } else {
                        "; the bucket is named when the deployment is set up (see Before you start)."
                    }),
            );
            StateStore::S3 {
                bucket: st.bucket.clone(),
                key: st
                    .key
                    .clone()
                    .unwrap_or_else(|| format!("eks/{}/terraform.tfstate", plan.cluster.name)),
                region: st
                    .region
                    .clone()
                    .unwrap_or_else(|| plan.cluster.region.clone()),
            }
        }
    }
}
