//! Terraform's part of the bundle README.

use super::vocabulary::Terraform;
use crate::design::{Design, Vocabulary};
use crate::emit::readme::TargetReadme;

impl TargetReadme for Terraform {
    fn vocabulary(&self) -> &dyn Vocabulary {
        self
    }

    fn tools(&self) -> &'static str {
        "Terraform 1.5.7 or later, the AWS CLI v2 and kubectl."
    }

    fn deploy(&self, design: &Design) -> String {
        let c = &design.cluster;
        let placeholder_cidrs = c.public_access_cidrs.iter().any(|cidr| {
            cidr.parse::<ipnet::Ipv4Net>()
                .is_ok_and(|n| crate::validate::syntax::documentation_ipv4(&n))
        });
        let mut s = String::new();
        s.push_str(
            "# 1. AWS resources: VPC, IAM, the cluster, access entries (about 15 minutes)\n",
        );
        s.push_str("terraform -chdir=terraform init\n");
        if placeholder_cidrs {
            s.push_str(
                "#    The plan limits the public API endpoint to a documentation range; pass your own\n\
                 #    networks (here: this machine's address) or kubectl cannot reach the cluster.\n",
            );
            s.push_str(
                "terraform -chdir=terraform apply -var=\"public_access_cidrs=[\\\"$(curl -s https://checkip.amazonaws.com)/32\\\"]\"\n\n",
            );
        } else {
            s.push_str("terraform -chdir=terraform apply\n\n");
        }
        s
    }

    fn teardown(&self, design: &Design) -> String {
        let mut s = String::from(
            "Auto Mode creates load balancers, EBS volumes and instances that are not in the Terraform state. \
             Run `scripts/teardown.sh`: it deletes Ingresses, LoadBalancer Services and PersistentVolumeClaims, \
             then the planner's NodePools and NodeClasses, and only then runs `terraform destroy`, so nothing is orphaned.\n",
        );
        if design.cluster.deletion_protection {
            s.push_str("\nDeletion protection is on: turn it off (`deletion_protection = false`, `terraform apply`) first.\n");
        }
        s
    }

    fn describe(&self, path: &str) -> Option<&'static str> {
        Some(match path {
            "scripts/teardown.sh" => "Teardown in the safe order",
            "terraform/versions.tf" => "Terraform and AWS provider versions",
            "terraform/providers.tf" => "AWS provider and account context",
            "terraform/variables.tf" => "Your region, names, CIDRs and tags",
            "terraform/vpc.tf" => "VPC, subnets and their load-balancer tags, routing",
            "terraform/iam.tf" => "Cluster and node IAM roles",
            "terraform/eks.tf" => "The cluster with Auto Mode, its KMS key and log group",
            "terraform/access.tf" => "Access entries",
            "terraform/pod_identity.tf" => "Pod Identity roles and associations",
            "terraform/outputs.tf" => "Outputs, including the kubectl command",
            _ => return None,
        })
    }
}
