//! eksctl's words and its part of the bundle README.

use std::fmt::Write as _;

use super::{CLUSTER_CONFIG, FILL, PREREQUISITES, prerequisites_stack};
use crate::design::{Design, InputId, NetworkSpec, Place, ResourceKind, Setting, Vocabulary};
use crate::emit::cloudformation::readme::{documentation_cidrs, post_deploy_step, teardown_text};
use crate::emit::readme::TargetReadme;
use crate::emit::stack_scripts::{self, StackTool};

/// eksctl's words.
pub struct Eksctl {
    /// The prerequisites stack's output with the VPC id (when it creates
    /// the VPC), named by the table the stack was written with.
    pub(super) vpc_output: Option<String>,
}

impl Vocabulary for Eksctl {
    fn tool(&self) -> &str {
        "the prerequisites stack"
    }

    fn apply_command(&self) -> &str {
        "`eksctl create cluster`"
    }

    fn setting(&self, s: Setting) -> &str {
        match s {
            Setting::ComputeConfig => "autoModeConfig",
            Setting::ElasticLoadBalancing => "load balancing",
            Setting::BlockStorage => "block storage",
            Setting::BootstrapSelfManagedAddons => "bootstrapSelfManagedAddons",
        }
    }

    fn input(&self, i: InputId) -> String {
        match i {
            InputId::Region => "metadata.region",
            InputId::ClusterName => "metadata.name",
            InputId::KubernetesVersion => "metadata.version",
            InputId::PublicAccessCidrs => "vpc.publicAccessCIDRs",
            InputId::Tags => "metadata.tags",
            InputId::VpcId => "vpc.id",
            InputId::ControlPlaneSubnetIds => "vpc.controlPlaneSubnetIDs",
            InputId::NodeSubnetIds => "network.node_subnet_ids",
            InputId::PublicSubnetIds => "network.public_subnet_ids",
            InputId::DeletionProtection => "scripts/post-deploy.sh (deletion protection)",
        }
        .to_owned()
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
            Place::AccessEntries => "eksctl/cluster.yaml (accessConfig.accessEntries)",
        }
    }
}

impl TargetReadme for Eksctl {
    fn vocabulary(&self) -> &dyn Vocabulary {
        self
    }

    fn output(&self, design: &Design, name: &str) -> String {
        crate::emit::stack_scripts::stack_output(
            &design.cluster.region,
            &super::prerequisites_stack(design),
            &crate::design::Key::new(name).pascal(),
        )
    }

    fn tools(&self) -> &'static str {
        "eksctl 0.205.0 or later (for EC2 access entries), the AWS CLI v2, `envsubst` (GNU gettext) and kubectl."
    }

    fn deploy(&self, design: &Design) -> String {
        let c = &design.cluster;
        let mut s = String::new();
        let stack = prerequisites_stack(design);
        let what = match &design.network {
            NetworkSpec::Create(_) => "The VPC, IAM roles",
            NetworkSpec::Existing(_) => "IAM roles",
        };
        let _ = write!(
            s,
            "# 1. {what}, the secrets key and log groups as planned, which eksctl cannot create\n\
             #    (findings TG003-TG006): a CloudFormation stack (about 5 minutes)\n\
             aws cloudformation deploy --region {} --stack-name {stack} \\\n  --template-file {PREREQUISITES} --capabilities CAPABILITY_NAMED_IAM\n\n",
            c.region
        );
        s.push_str(
            "# 2. The cluster, its access entries and Pod Identity associations (about 15 minutes):\n\
             #    scripts/cluster-config.sh fills the stack's outputs into eksctl/cluster.yaml\n",
        );
        if documentation_cidrs(design) {
            s.push_str(
                "#    The plan limits the public API endpoint to a documentation range: first replace\n\
                 #    vpc.publicAccessCIDRs in eksctl/cluster.yaml with your networks (this machine's\n\
                 #    address: `curl -s https://checkip.amazonaws.com`), or kubectl cannot reach the cluster.\n",
            );
        }
        s.push_str("scripts/cluster-config.sh | eksctl create cluster -f -\n\n");
        let stack = prerequisites_stack(design);
        let tool = StackTool::Eksctl {
            prerequisites: &stack,
            vpc_output: self.vpc_output.as_deref(),
        };
        s.push_str(&post_deploy_step(design, &tool, "2b").replace(
            "(see the findings TG001, TG002)",
            "(see the findings TG001, TG002, TG007)",
        ));
        s
    }

    fn teardown(&self, design: &Design) -> String {
        teardown_text(
            design,
            "eksctl's stacks and the prerequisites stack",
            "`aws eks update-cluster-config --no-deletion-protection`",
        )
    }

    fn describe(&self, _design: &Design, path: &str) -> Option<&'static str> {
        Some(match path {
            CLUSTER_CONFIG => {
                "The ClusterConfig: Auto Mode, endpoint, access entries, Pod Identity, logging"
            }
            PREREQUISITES => {
                "What eksctl cannot create as planned: VPC, IAM roles, KMS key, log groups"
            }
            FILL => "Fills the prerequisites stack's outputs into the ClusterConfig",
            stack_scripts::CALLER_ARN => {
                "Prints your IAM role's ARN, for the cluster-admin access entry"
            }
            stack_scripts::POST_DEPLOY => "What eksctl and the stack cannot do, with the AWS CLI",
            stack_scripts::TEARDOWN => "Teardown in the safe order",
            _ => return None,
        })
    }
}
