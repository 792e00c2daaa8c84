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
    /// Access policies to associate with the access entries EKS creates for
    /// capability roles: role (an existing ARN, or a created role's name),
    /// policy name, scope, namespaces. A stack has no resource for them;
    /// eksctl's ClusterConfig has.
    capability_access: Vec<(RoleOf, String, &'static str, Vec<String>)>,
}

/// A capability's role, as the post-deploy script finds its ARN.
enum RoleOf {
    /// An existing role's ARN.
    Arn(String),
    /// A role the stack creates, by name.
    Name(String),
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
    let capability_access = if matches!(tool, StackTool::Eksctl { .. }) {
        Vec::new()
    } else {
        design
            .capabilities
            .iter()
            .flat_map(|c| {
                let role = match c.created_role.as_ref().and_then(|k| design.role(k)) {
                    Some(r) => RoleOf::Name(r.name.clone()),
                    None => RoleOf::Arn(c.role_arn.describe()),
                };
                c.access_policies
                    .iter()
                    .map(move |p| {
                        let role = match &role {
                            RoleOf::Name(n) => RoleOf::Name(n.clone()),
                            RoleOf::Arn(a) => RoleOf::Arn(a.clone()),
                        };
                        (
                            role,
                            p.policy_name(),
                            p.scope.as_str(),
                            p.namespaces.clone(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    PostDeploy {
        default_sg: default_sg.filter(|_| tool.vpc_output().is_some()),
        subnet_tags,
        deletion_protection: matches!(tool, StackTool::Eksctl { .. })
            && design.cluster.deletion_protection,
        capability_access,
    }
}

/// Whether the design has anything for `scripts/post-deploy.sh` to do.
pub fn needs_post_deploy(design: &Design, tool: &StackTool) -> bool {
    post_deploy(design, tool).any()
}

impl PostDeploy {
    fn any(&self) -> bool {
        self.default_sg.is_some()
            || !self.subnet_tags.is_empty()
            || self.deletion_protection
            || !self.capability_access.is_empty()
    }
}

/// Write the scripts into `bundle`.
pub fn write(design: &Design, bundle: &mut Bundle, tool: &StackTool) {
    if uses_caller_arn(design) {
        bundle.insert(CALLER_ARN, CALLER_ARN_SCRIPT);
    }
    let post = post_deploy(design, tool);
    if post.any() {
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
    if p.deletion_protection || !p.capability_access.is_empty() {
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
    if !p.capability_access.is_empty() {
        step += 1;
        let _ = writeln!(
            s,
            "\n# {step}. Access policies of the EKS Capabilities: EKS creates the access entry of\n\
             #    each capability role itself, and a stack has no resource for a policy\n\
             #    association outside an access entry it declares.\n\
             partition=$(aws sts get-caller-identity --query Arn --output text | cut -d: -f2)"
        );
        for (role, policy, scope, namespaces) in &p.capability_access {
            let principal = match role {
                RoleOf::Name(n) => format!(
                    "\"$(aws iam get-role --role-name {} --query Role.Arn --output text)\"",
                    shell_quote(n)
                ),
                RoleOf::Arn(a) => shell_quote(a),
            };
            let mut access_scope = format!("type={scope}");
            if !namespaces.is_empty() {
                access_scope.push_str(",namespaces=");
                access_scope.push_str(&namespaces.join(","));
            }
            let _ = writeln!(
                s,
                "aws eks associate-access-policy --region \"$REGION\" --cluster-name \"$CLUSTER\" \\\n  \
                 --principal-arn {principal} \\\n  \
                 --policy-arn \"arn:${{partition}}:eks::aws:cluster-access-policy/\"{} \\\n  \
                 --access-scope {} >/dev/null",
                shell_quote(policy),
                shell_quote(&access_scope)
            );
        }
        s.push_str("echo \"Capability access policies: associated\"\n");
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

/// A shell expression printing one output of a CloudFormation stack
/// (`$(aws cloudformation describe-stacks ... --output text)`).
pub fn stack_output(region: &str, stack: &str, output: &str) -> String {
    format!(
        "$(aws cloudformation describe-stacks --region {} --stack-name {} --query \"Stacks[0].Outputs[?OutputKey=='{output}'].OutputValue\" --output text)",
        shell_quote(region),
        shell_quote(stack)
    )
}
