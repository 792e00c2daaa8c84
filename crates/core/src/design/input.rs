//! What the bundle asks of whoever deploys it (inputs) and what it reports
//! back (outputs).
//!
//! Inputs are the values specific to an account and environment. Terraform
//! renders them as variables, CloudFormation as parameters, Pulumi as stack
//! configuration and CDK as context; each defaults to the plan's value.

use serde::Serialize;
use std::collections::BTreeMap;

use super::id::Key;
use super::value::Value;

/// The inputs a bundle can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputId {
    /// AWS region for every resource.
    Region,
    /// EKS cluster name.
    ClusterName,
    /// Kubernetes minor version.
    KubernetesVersion,
    /// CIDRs allowed to reach the public API endpoint.
    PublicAccessCidrs,
    /// Tags for every AWS resource.
    Tags,
    /// The existing VPC.
    VpcId,
    /// Existing subnets for the control plane.
    ControlPlaneSubnetIds,
    /// Existing subnets for nodes.
    NodeSubnetIds,
    /// Existing public subnets for load balancers.
    PublicSubnetIds,
}

impl InputId {
    /// The input's logical name (`cluster_name`), rendered per target.
    pub fn key(self) -> Key {
        Key::new(match self {
            InputId::Region => "region",
            InputId::ClusterName => "cluster_name",
            InputId::KubernetesVersion => "kubernetes_version",
            InputId::PublicAccessCidrs => "public_access_cidrs",
            InputId::Tags => "tags",
            InputId::VpcId => "vpc_id",
            InputId::ControlPlaneSubnetIds => "control_plane_subnet_ids",
            InputId::NodeSubnetIds => "node_subnet_ids",
            InputId::PublicSubnetIds => "public_subnet_ids",
        })
    }
}

/// The default value of an input, which also fixes its type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputValue {
    /// A string.
    Text(String),
    /// A list of strings.
    List(Vec<String>),
    /// A map of strings.
    Map(BTreeMap<String, String>),
}

/// One input of the bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Input {
    /// Which input.
    pub id: InputId,
    /// What it is for (one sentence).
    pub description: &'static str,
    /// Its default, from the plan.
    pub default: InputValue,
}

/// One output of the bundle.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Output {
    /// Logical name (`cluster_name`).
    pub key: Key,
    /// What it is.
    pub description: &'static str,
    /// Its value.
    pub value: OutputValue,
}

/// The value of an output.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputValue {
    /// One value.
    One(Value),
    /// A list of values.
    List(Vec<Value>),
}
