//! How Terraform names the typed words of explanations.

use crate::design::{InputId, Place, ResourceKind, Setting, Vocabulary};

/// Terraform's words.
pub struct Terraform;

impl Vocabulary for Terraform {
    fn tool(&self) -> &str {
        "Terraform"
    }

    fn apply_command(&self) -> &str {
        "`terraform apply`"
    }

    fn setting(&self, s: Setting) -> &str {
        match s {
            Setting::ComputeConfig => "compute_config",
            Setting::ElasticLoadBalancing => "elastic_load_balancing",
            Setting::BlockStorage => "block_storage",
            Setting::BootstrapSelfManagedAddons => "bootstrap_self_managed_addons",
        }
    }

    fn input(&self, i: InputId) -> String {
        i.key().snake().to_owned()
    }

    fn resource(&self, r: ResourceKind) -> &str {
        match r {
            ResourceKind::TagOnExistingResource => "aws_ec2_tag",
        }
    }

    fn place(&self, p: Place) -> &str {
        match p {
            Place::AccessEntries => "access.tf",
        }
    }
}
