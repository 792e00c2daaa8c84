//! How CloudFormation names the typed words of explanations.

use super::io;
use crate::design::{InputId, Place, ResourceKind, Setting, Vocabulary};

/// CloudFormation's words.
pub struct CloudFormation;

impl Vocabulary for CloudFormation {
    fn tool(&self) -> &str {
        "CloudFormation"
    }

    fn apply_command(&self) -> &str {
        "`aws cloudformation deploy`"
    }

    fn setting(&self, s: Setting) -> &str {
        setting(s)
    }

    fn input(&self, i: InputId) -> String {
        input(i)
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
            Place::AccessEntries => "cloudformation/template.yaml",
        }
    }
}

/// `AWS::EKS::Cluster` property names (CloudFormation and CDK L1 share
/// them, save the first letter's case).
pub fn setting(s: Setting) -> &'static str {
    match s {
        Setting::ComputeConfig => "ComputeConfig",
        Setting::ElasticLoadBalancing => "KubernetesNetworkConfig.ElasticLoadBalancing",
        Setting::BlockStorage => "StorageConfig.BlockStorage",
        Setting::BootstrapSelfManagedAddons => "BootstrapSelfManagedAddons",
    }
}

/// A parameter's name, or the plan field for inputs without a parameter.
pub fn input(i: InputId) -> String {
    match i {
        InputId::NodeSubnetIds => "network.node_subnet_ids".to_owned(),
        InputId::PublicSubnetIds => "network.public_subnet_ids".to_owned(),
        InputId::Tags => "cluster.tags".to_owned(),
        InputId::Region => "cluster.region".to_owned(),
        other => io::param_name(other),
    }
}
