//! What the bundle asks of whoever deploys it (inputs) and what it reports
//! back (outputs).
//!
//! Inputs are the values specific to an account and environment. Terraform
//! renders them as variables, CloudFormation as parameters, Pulumi as stack
//! configuration and CDK as context. Most default to the plan's value; an
//! input without a default is *required*: the deployment cannot start until
//! the deployer supplies it (the public endpoint's networks when the plan
//! lists none, so an untouched plan never opens the API to the world). Each
//! input may carry [`InputCheck`]s that every target enforces on the value
//! supplied at deploy time, not only on the default.

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
    /// Whether EKS refuses to delete the cluster.
    DeletionProtection,
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
            InputId::DeletionProtection => "deletion_protection",
        })
    }
}

/// The type of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputType {
    /// A string.
    Text,
    /// A list of strings.
    List,
    /// A map of strings.
    Map,
    /// A boolean.
    Bool,
}

/// The default value of an input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputValue {
    /// A string.
    Text(String),
    /// A list of strings.
    List(Vec<String>),
    /// A map of strings.
    Map(BTreeMap<String, String>),
    /// A boolean.
    Bool(bool),
}

impl InputValue {
    /// The type of the value.
    pub fn ty(&self) -> InputType {
        match self {
            InputValue::Text(_) => InputType::Text,
            InputValue::List(_) => InputType::List,
            InputValue::Map(_) => InputType::Map,
            InputValue::Bool(_) => InputType::Bool,
        }
    }
}

/// A rule the value supplied for a list input must satisfy. Targets enforce
/// it when the bundle is deployed (Terraform `validation` blocks,
/// CloudFormation `AllowedPattern`, code in Pulumi and CDK), so a value
/// passed on the command line is checked like the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputCheck {
    /// The list has at least one item.
    NonEmpty,
    /// Every item is an IPv4 CIDR written as its network address.
    Ipv4Cidrs,
    /// No item is larger than a /8 (`0.0.0.0/0`, or halves of it such as
    /// `0.0.0.0/1`): the whole internet is allowed only when the plan lists
    /// such a network itself.
    NotWorld,
}

/// The shortest prefix a network may have under [`InputCheck::NotWorld`].
pub const NOT_WORLD_MIN_PREFIX: u8 = 8;

/// Whether a CIDR counts as "the internet" for [`InputCheck::NotWorld`]:
/// a prefix shorter than a /8. Text that is not a CIDR does not count.
pub fn is_world(cidr: &str) -> bool {
    cidr.split_once('/')
        .and_then(|(_, p)| p.parse::<u8>().ok())
        .is_some_and(|p| p < NOT_WORLD_MIN_PREFIX)
}

impl InputCheck {
    /// What the deployer is told when the value breaks the rule.
    pub fn message(self) -> &'static str {
        match self {
            InputCheck::NonEmpty => "List at least one network, for example [\"203.0.113.10/32\"].",
            InputCheck::Ipv4Cidrs => {
                "Every item must be an IPv4 CIDR written as its network address, such as 203.0.113.0/24."
            }
            InputCheck::NotWorld => {
                "Networks larger than a /8, such as 0.0.0.0/0, would open the Kubernetes API to the internet; the plan does not allow it (list 0.0.0.0/0 in cluster.endpoint.public_access_cidrs to choose that deliberately)."
            }
        }
    }
}

/// One input of the bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Input {
    /// Which input.
    pub id: InputId,
    /// What it is for (one sentence).
    pub description: &'static str,
    /// Its type.
    pub ty: InputType,
    /// Its default, from the plan; `None` makes the input required.
    pub default: Option<InputValue>,
    /// Rules the supplied value must satisfy.
    pub checks: Vec<InputCheck>,
}

impl Input {
    /// An input defaulting to the plan's value, with no further checks.
    pub fn with_default(id: InputId, description: &'static str, default: InputValue) -> Input {
        Input {
            id,
            description,
            ty: default.ty(),
            default: Some(default),
            checks: Vec::new(),
        }
    }

    /// Whether the deployer must supply the value.
    pub fn required(&self) -> bool {
        self.default.is_none()
    }
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
