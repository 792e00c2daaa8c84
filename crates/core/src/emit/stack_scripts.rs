//! Scripts of the targets that deploy through CloudFormation stacks
//! (CloudFormation, CDK, eksctl): `scripts/caller-arn.sh`,
//! `scripts/post-deploy.sh` (what a stack cannot do, with the AWS CLI) and
//! `scripts/teardown.sh`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::scripts::{Teardown, shell_quote, teardown_script};
use crate::bundle::Bundle;
use crate::design::{Design, ExistingSubnets, NetworkSpec, Part};

/// The caller-ARN script's path.
pub const CALLER_ARN: &str = "scripts/caller-arn.sh";
/// The post-deploy script's path.
pub const POST_DEPLOY: &str = "scripts/post-deploy.sh";
/// The teardown script's path.
pub const TEARDOWN: &str = "scripts/teardown.sh";

/// How a target deploys and removes its stacks.
#[derive(Clone, Copy, Debug)]
pub enum StackTool<'a> {
    /// `aws cloudformation deploy` of one stack.
    CloudFormation {
        /// Stack name.
        stack: &'a str,
    },
    /// `cdk deploy` of one stack.
    Cdk {
        /// Stack name.
        stack: &'a str,
    },
    /// A prerequisites stack, then `eksctl create cluster`.
    Eksctl {
        /// The prerequisites stack's name.
        prerequisites: &'a str,
        /// Its output holding the VPC id, when it creates the VPC.
        vpc_output: Option<&'a str>,
    },
}

impl StackTool<'_> {
    /// The stack whose outputs hold the VPC id, and that output's name.
    fn vpc_output(&self) -> Option<(&str, &str)> {
        match self {
            StackTool::CloudFormation { stack } | StackTool::Cdk { stack } => {
                Some((stack, "VpcId"))
            }
            StackTool::Eksctl {
                prerequisites,
                vpc_output,
            } => vpc_output.map(|o| (*prerequisites, o)),
        }
    }

    fn deploy_words(&self) -> &'static str {
        match self {
            StackTool::CloudFormation { .. } => "`aws cloudformation deploy`",
            StackTool::Cdk { .. } => "`cdk deploy`",
            StackTool::Eksctl { .. } => "`eksctl create cluster`",
        }
    }

    fn tool(&self) -> &'static str {
        match self {
            StackTool::CloudFormation { .. } => "CloudFormation",
            StackTool::Cdk { .. } => "a CDK stack",
            StackTool::Eksctl { .. } => "eksctl",
        }
    }
}

/// Whether the design needs the deploying principal's ARN.
pub fn uses_caller_arn(design: &Design) -> bool {
    design
        .access_entries
        .iter()
        .any(|e| e.principal_arn.0.contains(&Part::CallerArn))
}

/// What `scripts/post-deploy.sh` has to do for a design.
struct PostDeploy {
    /// Tags of the VPC's default security group, when it is locked down.
    default_sg: Option<BTreeMap<String, String>>,
    /// Subnet ids and the tag to add, per existing subnet list.
    subnet_tags: Vec<(Vec<String>, String, String)>,
    /// Turn on deletion protection (eksctl cannot).
    deletion_protection: bool,
}

fn post_deploy(design: &Design, tool: &StackTool) -> PostDeploy {
    let (default_sg, subnet_tags) = match &design.network {
        NetworkSpec::Create(vpc) => (
            vpc.default_security_group.as_ref().map(|sg| {
                let mut tags = design.cluster.tags.clone();
                tags.extend(sg.tags.clone());
                tags
            }),
            Vec::new(),
        ),
        NetworkSpec::Existing(e) => (
            None,
            e.subnet_tags
                .iter()
                .map(|t| {
                    let ids = match t.subnets {
                        ExistingSubnets::ControlPlane => &e.control_plane_subnet_ids,
                        ExistingSubnets::Node => &e.node_subnet_ids,
                        ExistingSubnets::Public => &e.public_subnet_ids,
                    };
                    (ids.clone(), t.tag.clone(), t.value.clone())
                })
                .filter(|(ids, _, _)| !ids.is_empty())
                .collect(),
        ),
    };
    PostDeploy {
        default_sg: default_sg.filter(|_| tool.vpc_output().is_some()),
        subnet_tags,
        deletion_protection: matches!(tool, StackTool::Eksctl { .. })
            && design.cluster.deletion_protection,
    }
}

/// Whether the design has anything for `scripts/post-deploy.sh` to do.
pub fn needs_post_deploy(design: &Design, tool: &StackTool) -> bool {
    let p = post_deploy(design, tool);
    p.default_sg.is_some() || !p.subnet_tags.is_empty() || p.deletion_protection
}

/// Write the scripts into `bundle`.
pub fn write(design: &Design, bundle: &mut Bundle, tool: &StackTool) {
    if uses_caller_arn(design) {
        bundle.insert(CALLER_ARN, CALLER_ARN_SCRIPT);
    }
    let post = post_deploy(design, tool);
    if post.default_sg.is_some() || !post.subnet_tags.is_empty() || post.deletion_protection {
        bundle.insert(POST_DEPLOY, post_deploy_script(design, tool, &post));
    }
    bundle.insert(TEARDOWN, teardown(design, tool, &post));
}

const CALLER_ARN_SCRIPT: &str = r#"#!/usr/bin/env bash
# Print the IAM ARN of whoever runs this. For an assumed role that is the
# role's ARN, with its path, not the session's: access entries need the role.
set -euo pipefail

arn=$(aws sts get-caller-identity --query Arn --output text)
case "$arn" in
  arn:*:sts::*:assumed-role/*)
    role=${arn#*:assumed-role/}
    aws iam get-role --role-name "${role%%/*}" --query Role.Arn --output text
    ;;
  *)
    echo "$arn"
    ;;
esac
"#;

/// `[{"Key":…,"Value":…}]` for `aws ec2 create-tags --tags`, shell-quoted.
fn tag_json(tags: &BTreeMap<String, String>) -> String {
    let list: Vec<serde_json::Value> = tags
        .iter()
        .map(|(k, v)| serde_json::json!({ "Key": k, "Value": v }))
        .collect();
    shell_quote(&serde_json::Value::Array(list).to_string())
}

fn key_json(keys: &[&str]) -> String {
    let list: Vec<serde_json::Value> = keys
        .iter()
        .map(|k| serde_json::json!({ "Key": k }))
        .collect();
    shell_quote(&serde_json::Value::Array(list).to_string())
}

fn quoted_ids(ids: &[String]) -> String {
    ids.iter()
        .map(|i| shell_quote(i))
        .collect::<Vec<_>>()
        .join(" ")
}

fn post_deploy_script(design: &Design, tool: &StackTool, p: &PostDeploy) -> String {
    let c = &design.cluster;
    let mut s = String::from(
        "#!/usr/bin/env bash\n# shellcheck disable=SC2016 # tags are JSON in single quotes: literal text\n",
    );
    let _ = writeln!(
        s,
        "# What {} cannot do, done with the AWS CLI after {}.\n# Safe to run twice.",
        tool.tool(),
        tool.deploy_words()
    );
    s.push_str("set -euo pipefail\n\n");
    let _ = writeln!(s, "REGION={}", shell_quote(&c.region));
    if p.deletion_protection {
        let _ = writeln!(s, "CLUSTER={}", shell_quote(&c.name));
    }
    let mut step = 0;
    if let (Some(tags), Some((stack, output))) = (&p.default_sg, tool.vpc_output()) {
        step += 1;
        let _ = write!(
            s,
            r#"
# {step}. The VPC's default security group keeps no rules, so nothing can use it
#    (what Terraform's aws_default_security_group does; a stack cannot manage it).
vpc=$(aws cloudformation describe-stacks --region "$REGION" --stack-name {stack} \
  --query "Stacks[0].Outputs[?OutputKey=='{output}'].OutputValue" --output text)
sg=$(aws ec2 describe-security-groups --region "$REGION" \
  --filters "Name=vpc-id,Values=$vpc" "Name=group-name,Values=default" \
  --query 'SecurityGroups[0].GroupId' --output text)
for rule in $(aws ec2 describe-security-group-rules --region "$REGION" \
  --filters "Name=group-id,Values=$sg" --query 'SecurityGroupRules[?!IsEgress].SecurityGroupRuleId' --output text); do
  aws ec2 revoke-security-group-ingress --region "$REGION" --group-id "$sg" --security-group-rule-ids "$rule" >/dev/null
done
for rule in $(aws ec2 describe-security-group-rules --region "$REGION" \
  --filters "Name=group-id,Values=$sg" --query 'SecurityGroupRules[?IsEgress].SecurityGroupRuleId' --output text); do
  aws ec2 revoke-security-group-egress --region "$REGION" --group-id "$sg" --security-group-rule-ids "$rule" >/dev/null
done
aws ec2 create-tags --region "$REGION" --resources "$sg" --tags {tags}
echo "Default security group $sg: no rules"
"#,
            stack = shell_quote(stack),
            output = output,
            tags = tag_json(tags),
        );
    }
    if !p.subnet_tags.is_empty() {
        step += 1;
        let _ = writeln!(
            s,
            "\n# {step}. Load-balancer discovery tags on your existing subnets (a stack cannot tag\n#    what it does not own; scripts/teardown.sh removes them again)."
        );
        for (ids, tag, value) in &p.subnet_tags {
            let mut one = BTreeMap::new();
            one.insert(tag.clone(), value.clone());
            let _ = writeln!(
                s,
                "aws ec2 create-tags --region \"$REGION\" --resources {} --tags {}",
                quoted_ids(ids),
                tag_json(&one)
            );
        }
    }
    if p.deletion_protection {
        step += 1;
        let _ = writeln!(
            s,
            "\n# {step}. Deletion protection (eksctl has no setting for it).\n\
             if [[ \"$(aws eks describe-cluster --region \"$REGION\" --name \"$CLUSTER\" \\\n  --query cluster.deletionProtection --output text)\" != \"True\" ]]; then\n  \
             aws eks update-cluster-config --region \"$REGION\" --name \"$CLUSTER\" --deletion-protection >/dev/null\n\
             fi\n\
             echo \"Deletion protection: on\""
        );
    }
    s
}

fn teardown(design: &Design, tool: &StackTool, post: &PostDeploy) -> String {
    let c = &design.cluster;
    let mut destroy = String::new();
    let (explanation, echo) = match tool {
        StackTool::CloudFormation { stack } | StackTool::Cdk { stack } => {
            match tool {
                StackTool::Cdk { .. } => destroy.push_str("(cd cdk && npx cdk destroy --force)\n"),
                _ => {
                    let _ = writeln!(
                        destroy,
                        "aws cloudformation delete-stack --region \"$REGION\" --stack-name {s}\n\
                         aws cloudformation wait stack-delete-complete --region \"$REGION\" --stack-name {s}",
                        s = shell_quote(stack)
                    );
                }
            }
            (
                "# the stack. Deleting their Kubernetes objects first lets Auto Mode remove\n\
                 # them; deleting the stack then removes everything else. Deleting it first\n\
                 # would leave them behind and block the VPC's deletion.\n",
                "Deleting the stack (the cluster terminates any remaining Auto Mode instances)",
            )
        }
        StackTool::Eksctl { prerequisites, .. } => {
            let _ = writeln!(
                destroy,
                "eksctl delete cluster --region \"$REGION\" --name \"$CLUSTER\" --wait\n\
                 aws cloudformation delete-stack --region \"$REGION\" --stack-name {s}\n\
                 aws cloudformation wait stack-delete-complete --region \"$REGION\" --stack-name {s}",
                s = shell_quote(prerequisites)
            );
            (
                "# eksctl's stacks. Deleting their Kubernetes objects first lets Auto Mode\n\
                 # remove them; `eksctl delete cluster` and deleting the prerequisites stack\n\
                 # then remove everything else. Deleting them first would leave them behind\n\
                 # and block the VPC's deletion.\n",
                "Deleting the cluster, then the prerequisites stack (the cluster terminates any remaining Auto Mode instances)",
            )
        }
    };
    for (ids, tag, _) in &post.subnet_tags {
        let _ = writeln!(
            destroy,
            "aws ec2 delete-tags --region \"$REGION\" --resources {} --tags {}",
            quoted_ids(ids),
            key_json(&[tag])
        );
    }
    let protection = if c.deletion_protection {
        let how = match tool {
            StackTool::Eksctl { .. } => String::new(),
            _ => " (or set DeletionProtection to false and deploy again)".to_owned(),
        };
        format!(
            r#"
echo "Deletion protection is on: turn it off with"
echo "'aws eks update-cluster-config --region $REGION --name $CLUSTER --no-deletion-protection'{how}"
echo "before running this script."
if [[ "${{1:-}}" != "--protection-off" ]]; then
  exit 1
fi
shift
"#
        )
    } else {
        String::new()
    };
    teardown_script(
        design,
        &Teardown {
            explanation: explanation.to_owned(),
            protection,
            destroy,
            destroy_echo: echo.to_owned(),
        },
    )
}
