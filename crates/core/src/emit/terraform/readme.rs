//! Terraform's part of the bundle README.

use super::vocabulary::Terraform;
use crate::design::{Design, InputId, StateStore, Vocabulary};
use crate::emit::readme::TargetReadme;
use crate::emit::scripts::{PROTECTION_OFF, TEARDOWN, TEARDOWN_FLAGS, shell_quote};

/// The apply command that passes this machine's address as the public
/// endpoint's only network.
const APPLY_WITH_MY_ADDRESS: &str = "terraform -chdir=terraform apply -var=\"public_access_cidrs=[\\\"$(curl -s https://checkip.amazonaws.com)/32\\\"]\"";

/// Whether the public endpoint's networks are a required input.
fn cidrs_required(design: &Design) -> bool {
    design
        .input(InputId::PublicAccessCidrs)
        .is_some_and(|i| i.required())
}

impl TargetReadme for Terraform {
    fn vocabulary(&self) -> &dyn Vocabulary {
        self
    }

    fn tools(&self) -> &'static str {
        "Terraform 1.10 or later, the AWS CLI v2 and kubectl."
    }

    fn prerequisites(&self, design: &Design) -> String {
        let StateStore::S3 { bucket, region, .. } = &design.state else {
            return "- The plan keeps Terraform's state in a local file (`state.backend: local`): fine for an experiment, \
                    never for a cluster others depend on.\n"
                .to_owned();
        };
        let name = match bucket {
            Some(b) => format!("BUCKET={}", shell_quote(b)),
            None => format!(
                "BUCKET=\"tfstate-$(aws sts get-caller-identity --query Account --output text)-{region}\""
            ),
        };
        let location = if region == "us-east-1" {
            String::new()
        } else {
            format!(" --create-bucket-configuration LocationConstraint={region}")
        };
        format!(
            "- An S3 bucket for Terraform's state, once per account and region (`terraform/backend.tf` locks it with \
             S3's own lock object; no DynamoDB table). The state lists every resource and some secrets, so the bucket \
             is private, versioned and encrypted. Skip this if you have one{which}:\n\n\
             ```sh\n\
             {name}\n\
             aws s3api create-bucket --bucket \"$BUCKET\" --region {region}{location}\n\
             aws s3api put-bucket-versioning --bucket \"$BUCKET\" --versioning-configuration Status=Enabled\n\
             aws s3api put-public-access-block --bucket \"$BUCKET\" --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\n\
             aws s3api put-bucket-encryption --bucket \"$BUCKET\" --server-side-encryption-configuration '{{\"Rules\":[{{\"ApplyServerSideEncryptionByDefault\":{{\"SSEAlgorithm\":\"aws:kms\"}},\"BucketKeyEnabled\":true}}]}}'\n\
             ```\n",
            which = if bucket.is_some() {
                " (the plan names it)"
            } else {
                " (then set BUCKET to its name)"
            },
        )
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
        if !design.capabilities.is_empty() || design.component_logs.is_some() {
            s.push_str(
                "#    EKS Capabilities and component log deliveries add 10 to 30 minutes: Terraform\n\
                 #    waits (with bash and the AWS CLI) until each cluster update has finished.\n",
            );
        }
        match &design.state {
            StateStore::S3 { bucket: None, .. } => s.push_str(
                "#    The state bucket from \"Before you start\" (Terraform asks for it if you leave this out)\n\
                 terraform -chdir=terraform init -backend-config=\"bucket=$BUCKET\"\n",
            ),
            _ => s.push_str("terraform -chdir=terraform init\n"),
        }
        if cidrs_required(design) {
            s.push_str(
                "#    The public API endpoint admits only the networks you list, and the plan lists none:\n\
                 #    pass yours (here: this machine's address). Without it Terraform asks, and it refuses\n\
                 #    0.0.0.0/0. To keep them for later commands, write them to terraform/deploy.auto.tfvars:\n\
                 #    public_access_cidrs = [\"203.0.113.10/32\"]\n",
            );
            s.push_str(APPLY_WITH_MY_ADDRESS);
            s.push_str("\n\n");
        } else if placeholder_cidrs {
            s.push_str(
                "#    The plan limits the public API endpoint to a documentation range; pass your own\n\
                 #    networks (here: this machine's address) or kubectl cannot reach the cluster.\n",
            );
            s.push_str(APPLY_WITH_MY_ADDRESS);
            s.push_str("\n\n");
        } else {
            s.push_str("terraform -chdir=terraform apply\n\n");
        }
        s
    }

    fn teardown(&self, design: &Design) -> String {
        let mut s = format!(
            "Auto Mode creates load balancers, EBS volumes and instances that are not in the Terraform state. \
             `{TEARDOWN}` deletes Ingresses, LoadBalancer Services and PersistentVolumeClaims, \
             then the planner's NodePools and NodeClasses, and only then runs `terraform destroy`, so nothing is orphaned. \
             It stops before deleting anything while the cluster has deletion protection on.\n\n```sh\n"
        );
        let inputs = if cidrs_required(design) {
            " (Terraform asks for public_access_cidrs unless you pass it as at apply)"
        } else {
            ""
        };
        if design.cluster.deletion_protection {
            s.push_str(&format!(
                "# 1. This plan turns deletion protection on: turn it off through its input{inputs}\n{PROTECTION_OFF}\n\n# 2. Delete everything, in the safe order; it asks you to type the cluster name\n"
            ));
        } else {
            s.push_str(
                "# Delete everything, in the safe order; it asks you to type the cluster name\n",
            );
        }
        s.push_str(&format!("{TEARDOWN}\n"));
        s.push_str(&format!(
            "\n# In automation: no question, and the inputs you gave apply passed on to terraform\n{TEARDOWN} --yes -- -var-file=prod.tfvars\n```\n\n"
        ));
        s.push_str("| Flag | What it does |\n| --- | --- |\n");
        for f in TEARDOWN_FLAGS {
            let name = match f.rest {
                Some(rest) => format!("{} {rest}", f.name),
                None => f.name.to_owned(),
            };
            s.push_str(&format!("| `{name}` | {} |\n", f.help));
        }
        s.push_str(
            "\nNever edit the generated files to change a setting: the `deletion_protection` input (and the plan, \
             for good) is how protection is turned off, so the bundle and `plan.yaml` keep describing the cluster.\n",
        );
        s
    }

    fn output(&self, _design: &Design, name: &str) -> String {
        format!("$(terraform -chdir=terraform output -raw {name})")
    }

    fn describe(&self, design: &Design, path: &str) -> Option<&'static str> {
        Some(match path {
            "scripts/teardown.sh" => "Teardown in the safe order (`--help` lists its flags)",
            "terraform/versions.tf" => "Terraform and AWS provider versions",
            "terraform/backend.tf" => "Where Terraform keeps its state (S3, locked)",
            "terraform/providers.tf" => "AWS provider and account context",
            "terraform/variables.tf" => "Your region, names, CIDRs, deletion protection and tags",
            "terraform/vpc.tf" => "VPC, subnets and their load-balancer tags, routing",
            "terraform/iam.tf"
                if design
                    .roles
                    .iter()
                    .any(|r| r.key == *crate::design::iam::ADMIN_ROLE) =>
            {
                "Cluster, node and administrator IAM roles"
            }
            "terraform/iam.tf" => "Cluster and node IAM roles",
            "terraform/eks.tf" => "The cluster with Auto Mode, its KMS key and log group",
            "terraform/access.tf" => "Access entries",
            "terraform/pod_identity.tf" => "Pod Identity roles and associations",
            "terraform/capabilities.tf" => {
                "EKS Capabilities (Argo CD, ACK, kro), their roles and access policies"
            }
            "terraform/logs.tf" => "Delivery of the Auto Mode components' logs (vended logs)",
            "scripts/wait-for-cluster-update.sh" => {
                "Waits until the cluster has no update in progress (run by Terraform)"
            }
            "terraform/outputs.tf" => "Outputs, including the kubectl command",
            _ => return None,
        })
    }
}
