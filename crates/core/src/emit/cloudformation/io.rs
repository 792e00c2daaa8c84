//! Parameters (the design's inputs) and outputs.

use super::template::{Node, Output, ParamDefault, Parameter};
use super::{ADMIN_PARAM, Cfn};
use crate::design::{Design, InputId, InputType, InputValue, NetworkSpec, OutputValue};

/// The pattern of a parameter that stands for a boolean input (CloudFormation
/// has no boolean parameter type).
pub const BOOL_PATTERN: &str = "^(true|false)$";

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
        InputId::ClusterName
        | InputId::KubernetesVersion
        | InputId::PublicAccessCidrs
        | InputId::DeletionProtection => true,
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
            let ty = match (input.id, input.ty) {
                (InputId::VpcId, _) => "AWS::EC2::VPC::Id",
                (InputId::ControlPlaneSubnetIds, _) => "List<AWS::EC2::Subnet::Id>",
                (_, InputType::List) => "CommaDelimitedList",
                (_, InputType::Text | InputType::Map | InputType::Bool) => "String",
            };
            // No default: the parameter is required, and the stack cannot
            // be created until the deployer passes a value.
            let default = input.default.as_ref().map(|v| match v {
                InputValue::List(v) => ParamDefault::List(v.clone()),
                InputValue::Text(s) => ParamDefault::Text(s.clone()),
                InputValue::Map(_) => ParamDefault::Text(String::new()),
                InputValue::Bool(b) => ParamDefault::Text(b.to_string()),
            });
            let (allowed_pattern, constraint) = match input.id {
                // On a CommaDelimitedList the pattern applies to every item.
                InputId::PublicAccessCidrs => {
                    match crate::emit::input_checks::item_pattern(input) {
                        Some((pattern, message)) => (Some(pattern), Some(message)),
                        None => (None, None),
                    }
                }
                InputId::DeletionProtection => (Some(BOOL_PATTERN), Some("true or false.")),
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
                default,
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
