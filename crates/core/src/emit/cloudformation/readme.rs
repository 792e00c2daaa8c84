//! CloudFormation's part of the bundle README.

use std::fmt::Write as _;

pub use super::vocabulary::CloudFormation;
use super::{ADMIN_PARAM, TEMPLATE, io, stack_name};
use crate::design::{Design, InputId, Vocabulary};
use crate::emit::readme::TargetReadme;
use crate::emit::stack_scripts::{self, StackTool};

/// Whether the public endpoint is limited to documentation ranges only
/// (the presets do that; nobody can connect from them).
pub fn documentation_cidrs(design: &Design) -> bool {
    let c = &design.cluster;
    c.endpoint_public_access
        && c.public_access_cidrs.iter().any(|cidr| {
            cidr.parse::<ipnet::Ipv4Net>()
                .is_ok_and(|n| crate::validate::syntax::documentation_ipv4(&n))
        })
}

/// Whether the public endpoint's networks are a required input (the plan
/// lists none): the deploy command must pass them.
pub fn cidrs_required(design: &Design) -> bool {
    design
        .input(InputId::PublicAccessCidrs)
        .is_some_and(|i| i.required())
}

/// What the README says before a deploy command that passes the required
/// networks.
pub const REQUIRED_CIDRS_COMMENT: &str = "#    The public API endpoint admits only the networks you list, and the plan lists none:\n\
     #    pass yours (here: this machine's address). The deployment refuses an empty list and\n\
     #    anything wider than a /8, so it can never open the API to the whole internet.\n";

/// The comment and the value that replace documentation CIDRs with this
/// machine's address.
pub const MY_ADDRESS: &str = "\"$(curl -s https://checkip.amazonaws.com)/32\"";

/// The teardown paragraph of every stack-based target.
pub fn teardown_text(design: &Design, what: &str, protection: &str) -> String {
    let mut s = format!(
        "Auto Mode creates load balancers, EBS volumes and instances that are not in {what}. \
         Run `scripts/teardown.sh`: it deletes Ingresses, LoadBalancer Services and PersistentVolumeClaims, \
         then the planner's NodePools and NodeClasses, and only then deletes {what}, so nothing is orphaned.\n"
    );
    if design.cluster.deletion_protection {
        let _ = write!(
            s,
            "\nDeletion protection is on: turn it off first ({protection}), then run the script with `--protection-off`.\n"
        );
    }
    s
}

/// The post-deploy step, when the design needs one.
pub fn post_deploy_step(design: &Design, tool: &StackTool, n: &str) -> String {
    if stack_scripts::needs_post_deploy(design, tool) {
        format!(
            "# {n}. What a stack cannot do, with the AWS CLI (see the findings TG001, TG002)\nscripts/post-deploy.sh\n\n"
        )
    } else {
        String::new()
    }
}

impl TargetReadme for CloudFormation {
    fn vocabulary(&self) -> &dyn Vocabulary {
        self
    }

    fn output(&self, design: &Design, name: &str) -> String {
        crate::emit::stack_scripts::stack_output(
            &design.cluster.region,
            &stack_name(&design.cluster.name),
            &crate::design::Key::new(name).pascal(),
        )
    }

    fn tools(&self) -> &'static str {
        "The AWS CLI v2 and kubectl."
    }

    fn deploy(&self, design: &Design) -> String {
        let c = &design.cluster;
        let stack = stack_name(&c.name);
        let mut overrides = Vec::new();
        if io::uses_caller_arn(design) {
            overrides.push(format!("{ADMIN_PARAM}=\"$(scripts/caller-arn.sh)\""));
        }
        let required = cidrs_required(design);
        let placeholder = (documentation_cidrs(design) || required)
            && io::has_parameter(design, InputId::PublicAccessCidrs);
        if placeholder {
            overrides.push(format!(
                "{}={MY_ADDRESS}",
                io::param_name(InputId::PublicAccessCidrs)
            ));
        }
        let mut s = String::from(
            "# 1. AWS resources: VPC, IAM, the cluster, access entries (about 20 minutes)\n",
        );
        if required {
            s.push_str(REQUIRED_CIDRS_COMMENT);
        } else if placeholder {
            s.push_str(
                "#    The plan limits the public API endpoint to a documentation range; pass your own\n\
                 #    networks (here: this machine's address) or kubectl cannot reach the cluster.\n",
            );
        }
        let _ = write!(
            s,
            "aws cloudformation deploy --region {} --stack-name {stack} \\\n  --template-file {TEMPLATE} --capabilities CAPABILITY_NAMED_IAM",
            c.region
        );
        if !overrides.is_empty() {
            let _ = write!(s, " \\\n  --parameter-overrides {}", overrides.join(" "));
        }
        s.push_str("\n\n");
        s.push_str(&post_deploy_step(
            design,
            &StackTool::CloudFormation { stack: &stack },
            "1b",
        ));
        s
    }

    fn teardown(&self, design: &Design) -> String {
        teardown_text(
            design,
            "the stack",
            "`aws eks update-cluster-config --no-deletion-protection`, or deploy again with `--parameter-overrides DeletionProtection=false`",
        )
    }

    fn describe(&self, _design: &Design, path: &str) -> Option<&'static str> {
        Some(match path {
            TEMPLATE => {
                "The stack: VPC, IAM roles, KMS key, log groups, the cluster, access entries, Pod Identity"
            }
            stack_scripts::CALLER_ARN => {
                "Prints your IAM role's ARN, for the cluster-admin access entry"
            }
            stack_scripts::POST_DEPLOY => "What the stack cannot do, with the AWS CLI",
            stack_scripts::TEARDOWN => "Teardown in the safe order",
            _ => return None,
        })
    }
}
