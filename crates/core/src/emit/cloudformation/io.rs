//! Parameters (the design's inputs) and outputs.

use super::template::{Node, Output, ParamDefault, Parameter};
use super::{ADMIN_PARAM, Cfn};
use crate::design::{Design, InputId, InputValue, NetworkSpec, OutputValue};

/// Whether the stack has a parameter for `i`. The region is the stack's
/// own (`AWS::Region`); tags have no parameter type (CloudFormation has no
/// maps) and are written on the resources; node and public subnet ids are
/// only tagged, which `scripts/post-deploy.sh` does.
pub fn has_parameter(design: &Design, i: InputId) -> bool {
    let used = match i {
        InputId::Region | InputId::Tags | InputId::NodeSubnetIds | InputId::PublicSubnetIds => {
            false
        }
        InputId::VpcId | InputId::ControlPlaneSubnetIds => {
            matches!(design.network, NetworkSpec::Existing(_))
        }
        InputId::ClusterName | InputId::KubernetesVersion | InputId::PublicAccessCidrs => true,
    };
    used && design.input(i).is_some()
}

/// The parameter's name: the input's key in `PascalCase`.
pub fn param_name(i: InputId) -> String {
    i.key().pascal()
}

pub use crate::emit::stack_scripts::uses_caller_arn;

/// The parameters.
pub fn parameters(cfn: &Cfn) -> Vec<Parameter> {
    let d = cfn.design;
    let mut out: Vec<Parameter> = d
        .inputs
        .iter()
        .filter(|i| has_parameter(d, i.id))
        .map(|input| {
            let (ty, default) = match (&input.id, &input.default) {
                (InputId::VpcId, InputValue::Text(s)) => {
                    ("AWS::EC2::VPC::Id", ParamDefault::Text(s.clone()))
                }
                (InputId::ControlPlaneSubnetIds, InputValue::List(v)) => {
                    ("List<AWS::EC2::Subnet::Id>", ParamDefault::List(v.clone()))
                }
                (_, InputValue::List(v)) => ("CommaDelimitedList", ParamDefault::List(v.clone())),
                (_, InputValue::Text(s)) => ("String", ParamDefault::Text(s.clone())),
                (_, InputValue::Map(_)) => ("String", ParamDefault::Text(String::new())),
            };
            let (allowed_pattern, constraint) = match input.id {
                InputId::ClusterName => (
                    Some("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$"),
                    Some("1-100 letters, digits, - and _, starting with a letter or digit."),
                ),
                InputId::KubernetesVersion => (
                    Some("^1\\.[0-9]+$"),
                    Some("A Kubernetes minor version such as 1.35."),
                ),
                _ => (None, None),
            };
            Parameter {
                name: param_name(input.id),
                ty,
                description: input.description.to_owned(),
                default: Some(default),
                allowed_pattern,
                constraint,
            }
        })
        .collect();
    if uses_caller_arn(d) {
        out.push(Parameter {
            name: ADMIN_PARAM.to_owned(),
            ty: "String",
            description: "IAM role or user that gets cluster-admin: the principal running the deployment (scripts/caller-arn.sh prints it).".to_owned(),
            default: None,
            allowed_pattern: Some("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$"),
            constraint: Some("An IAM role or user ARN (for an assumed role, the role's ARN, not the session's)."),
        });
    }
    out
}

/// The outputs.
pub fn outputs(cfn: &Cfn) -> Vec<Output> {
    cfn.design
        .outputs
        .iter()
        .map(|o| Output {
            name: o.key.pascal(),
            description: o.description.to_owned(),
            value: match &o.value {
                OutputValue::One(v) => cfn.value(v),
                OutputValue::List(vs) => Node::Join(",", vs.iter().map(|v| cfn.value(v)).collect()),
            },
        })
        .collect()
}
