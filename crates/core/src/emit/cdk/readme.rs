//! The CDK's words and its part of the bundle README.

use std::fmt::Write as _;

use super::{APP, STACK};
use crate::design::{Design, InputId, Place, ResourceKind, Setting, Vocabulary};
use crate::emit::cloudformation::io;
use crate::emit::cloudformation::readme::{
    MY_ADDRESS, documentation_cidrs, post_deploy_step, teardown_text,
};
use crate::emit::cloudformation::stack_name;
use crate::emit::readme::TargetReadme;
use crate::emit::stack_scripts::{self, StackTool};

/// The CDK's words.
pub struct Cdk;

impl Vocabulary for Cdk {
    fn tool(&self) -> &str {
        "the CDK stack"
    }

    fn apply_command(&self) -> &str {
        "`cdk deploy`"
    }

    fn setting(&self, s: Setting) -> &str {
        match s {
            Setting::ComputeConfig => "computeConfig",
            Setting::ElasticLoadBalancing => "kubernetesNetworkConfig.elasticLoadBalancing",
            Setting::BlockStorage => "storageConfig.blockStorage",
            Setting::BootstrapSelfManagedAddons => "bootstrapSelfManagedAddons",
        }
    }

    fn input(&self, i: InputId) -> String {
        match i {
            InputId::Tags => "tags".to_owned(),
            InputId::Region => "region".to_owned(),
            InputId::NodeSubnetIds => "network.node_subnet_ids".to_owned(),
            InputId::PublicSubnetIds => "network.public_subnet_ids".to_owned(),
            other => super::ts::camel(&io::param_name(other)),
        }
    }

    fn resource(&self, r: ResourceKind) -> &str {
        match r {
            ResourceKind::TagOnExistingResource => {
                "`aws ec2 create-tags` calls in scripts/post-deploy.sh, not stack"
            }
        }
    }

    fn place(&self, p: Place) -> &str {
        match p {
            Place::AccessEntries => "cdk/lib/cluster-stack.ts",
        }
    }
}

impl TargetReadme for Cdk {
    fn vocabulary(&self) -> &dyn Vocabulary {
        self
    }

    fn output(&self, design: &Design, name: &str) -> String {
        crate::emit::stack_scripts::stack_output(
            &design.cluster.region,
            &crate::emit::cloudformation::stack_name(&design.cluster.name),
            &crate::design::Key::new(name).pascal(),
        )
    }

    fn tools(&self) -> &'static str {
        "Node.js 20 or later with npm (`npm install` brings the CDK CLI and libraries), the AWS CLI v2 and kubectl."
    }

    fn deploy(&self, design: &Design) -> String {
        let stack = stack_name(&design.cluster.name);
        let mut context = Vec::new();
        if io::uses_caller_arn(design) {
            context.push("--context clusterAdminArn=\"$(../scripts/caller-arn.sh)\"".to_owned());
        }
        let required = crate::emit::cloudformation::readme::cidrs_required(design);
        let placeholder = documentation_cidrs(design) || required;
        if placeholder {
            context.push(format!("--context publicAccessCidrs={MY_ADDRESS}"));
        }
        let mut s = String::from(
            "# 1. AWS resources: VPC, IAM, the cluster, access entries (about 20 minutes)\n\
             cd cdk\nnpm install\n\
             npx cdk bootstrap   # once per account and region\n",
        );
        if required {
            s.push_str(crate::emit::cloudformation::readme::REQUIRED_CIDRS_COMMENT);
        } else if placeholder {
            s.push_str(
                "#    The plan limits the public API endpoint to a documentation range; pass your own\n\
                 #    networks (here: this machine's address) or kubectl cannot reach the cluster.\n",
            );
        }
        s.push_str("npx cdk deploy");
        if !context.is_empty() {
            let _ = write!(s, " {}", context.join(" "));
        }
        s.push_str("\ncd ..\n\n");
        s.push_str(&post_deploy_step(
            design,
            &StackTool::Cdk { stack: &stack },
            "1b",
        ));
        s
    }

    fn teardown(&self, design: &Design) -> String {
        teardown_text(
            design,
            "the stack",
            "`aws eks update-cluster-config --no-deletion-protection`, or `npx cdk deploy --context deletionProtection=false`",
        )
    }

    fn describe(&self, _design: &Design, path: &str) -> Option<&'static str> {
        Some(match path {
            "cdk/package.json" => "The app's npm packages (aws-cdk-lib, the CDK CLI, TypeScript)",
            "cdk/tsconfig.json" => "TypeScript settings (strict)",
            "cdk/cdk.json" => "How the CDK CLI runs the app, and the inputs' defaults (context)",
            APP => "The app: reads the context and creates the stack",
            STACK => {
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
