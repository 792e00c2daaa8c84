//! The Pulumi targets' words and their part of the bundle README.

use super::GO_VERSION;
use crate::design::{Design, InputId, Place, ResourceKind, Setting, Vocabulary};
use crate::emit::readme::TargetReadme;
use crate::emit::scripts::Destroyer;

/// Pulumi in TypeScript.
pub struct PulumiTs;

/// Pulumi in Go.
pub struct PulumiGo;

impl Vocabulary for PulumiTs {
    fn tool(&self) -> &str {
        "Pulumi"
    }

    fn apply_command(&self) -> &str {
        "`pulumi up`"
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
        config_key(i)
    }

    fn resource(&self, r: ResourceKind) -> &str {
        match r {
            ResourceKind::TagOnExistingResource => "aws.ec2.Tag",
        }
    }

    fn place(&self, p: Place) -> &str {
        match p {
            Place::AccessEntries => "the access entries of pulumi/index.ts",
        }
    }
}

impl Vocabulary for PulumiGo {
    fn tool(&self) -> &str {
        "Pulumi"
    }

    fn apply_command(&self) -> &str {
        "`pulumi up`"
    }

    fn setting(&self, s: Setting) -> &str {
        match s {
            Setting::ComputeConfig => "ComputeConfig",
            Setting::ElasticLoadBalancing => "KubernetesNetworkConfig.ElasticLoadBalancing",
            Setting::BlockStorage => "StorageConfig.BlockStorage",
            Setting::BootstrapSelfManagedAddons => "BootstrapSelfManagedAddons",
        }
    }

    fn input(&self, i: InputId) -> String {
        config_key(i)
    }

    fn resource(&self, r: ResourceKind) -> &str {
        match r {
            ResourceKind::TagOnExistingResource => "ec2.Tag",
        }
    }

    fn place(&self, p: Place) -> &str {
        match p {
            Place::AccessEntries => "the access entries of pulumi/main.go",
        }
    }
}

/// The stack configuration key of an input (`clusterName`; the provider's
/// `aws:region` and `aws:defaultTags` for the region and the tags).
fn config_key(i: InputId) -> String {
    match i {
        InputId::Region => "aws:region".to_owned(),
        InputId::Tags => "aws:defaultTags".to_owned(),
        other => other.key().camel(),
    }
}

/// How the Pulumi teardown script ends.
pub(super) fn destroyer(_go: bool) -> Destroyer {
    Destroyer {
        tool: "Pulumi",
        // The same for both languages: the input, not the program.
        protection_off: (
            "deletionProtection to false (pulumi config set --cwd pulumi deletionProtection false)",
            "pulumi up --cwd pulumi",
        ),
        destroy_name: "pulumi destroy",
        destroy: "pulumi destroy --cwd pulumi",
    }
}

fn placeholder_cidrs(design: &Design) -> bool {
    let c = &design.cluster;
    c.endpoint_public_access
        && c.public_access_cidrs.iter().any(|cidr| {
            cidr.parse::<ipnet::Ipv4Net>()
                .is_ok_and(|n| crate::validate::syntax::documentation_ipv4(&n))
        })
}

fn deploy(design: &Design, install: &str) -> String {
    let mut s = String::from(
        "# 1. AWS resources: VPC, IAM, the cluster, access entries (about 15 minutes)\n",
    );
    s.push_str("cd pulumi\n");
    s.push_str(install);
    s.push_str(
        "pulumi stack init dev   # any stack name; Pulumi.yaml has the plan's values as defaults\n",
    );
    let required = crate::emit::cloudformation::readme::cidrs_required(design);
    if required || placeholder_cidrs(design) {
        if required {
            s.push_str(crate::emit::cloudformation::readme::REQUIRED_CIDRS_COMMENT);
        } else {
            s.push_str(
                "#    The plan limits the public API endpoint to a documentation range; pass your own\n\
                 #    networks (here: this machine's address) or kubectl cannot reach the cluster.\n",
            );
        }
        s.push_str("pulumi config set --path 'publicAccessCidrs[0]' \"$(curl -s https://checkip.amazonaws.com)/32\"\n");
    }
    s.push_str("pulumi up\ncd ..\n\n");
    s
}

fn teardown(design: &Design, setting: &str) -> String {
    let mut s = String::from(
        "Auto Mode creates load balancers, EBS volumes and instances that are not in the Pulumi state. \
         Run `scripts/teardown.sh`: it deletes Ingresses, LoadBalancer Services and PersistentVolumeClaims, \
         then the planner's NodePools and NodeClasses, and only then runs `pulumi destroy`, so nothing is orphaned. \
         Afterwards `pulumi stack rm` removes the empty stack.\n",
    );
    if design.cluster.deletion_protection {
        s.push_str(&format!(
            "\nDeletion protection is on: turn it off (`{setting}`, `pulumi up`) first.\n"
        ));
    }
    s
}

/// Why the manifests are applied with kubectl, not by Pulumi.
const KUBECTL: &str = "The Kubernetes manifests in `kubernetes/` are applied with kubectl after `pulumi up`, \
not through the Pulumi Kubernetes provider: they stay the same reviewable files for every target (and for \
GitOps tools that may own them later), `pulumi up` needs no access to the Kubernetes API (a private-only \
endpoint is reachable only from inside the VPC, and the deploying role is cluster-admin only when the plan \
says so), and no Kubernetes provider plugin is needed. The teardown script deletes them before `pulumi destroy`.";

const CONFIG: &str = "Every value specific to an account is stack configuration with the plan's value as \
its default in `Pulumi.yaml`; the region and the tags are the AWS provider's own `aws:region` and \
`aws:defaultTags`, so every resource is tagged as with Terraform's `default_tags`. Resource names are the \
plan's (roles, the cluster, log groups), not Pulumi's auto-names, so they match the Kubernetes manifests \
and the other targets.";

impl TargetReadme for PulumiTs {
    fn vocabulary(&self) -> &dyn Vocabulary {
        self
    }

    fn output(&self, _design: &Design, name: &str) -> String {
        format!(
            "$(pulumi stack output --cwd pulumi {})",
            crate::design::Key::new(name).camel()
        )
    }

    fn tools(&self) -> &'static str {
        "The Pulumi CLI 3, Node.js 20 or later with npm, the AWS CLI v2 and kubectl."
    }

    fn deploy(&self, design: &Design) -> String {
        deploy(design, "npm install\n")
    }

    fn teardown(&self, design: &Design) -> String {
        teardown(design, "pulumi config set deletionProtection false")
    }

    fn describe(&self, _design: &Design, path: &str) -> Option<&'static str> {
        Some(match path {
            "scripts/teardown.sh" => "Teardown in the safe order",
            "pulumi/Pulumi.yaml" => {
                "The Pulumi project and its configuration, with your region, names, CIDRs and tags"
            }
            "pulumi/package.json" => "`@pulumi/pulumi` and `@pulumi/aws`",
            "pulumi/tsconfig.json" => "TypeScript settings (strict)",
            "pulumi/index.ts" => {
                "The VPC, IAM roles, the cluster with Auto Mode, access entries, Pod Identity, outputs"
            }
            _ => return None,
        })
    }

    fn decisions(&self, _design: &Design) -> Vec<String> {
        vec![
            CONFIG.to_owned(),
            KUBECTL.to_owned(),
            "IAM documents are typed `aws.iam.PolicyDocument` objects, so `tsc` checks their shape; \
             the KMS key policy, which the provider takes only as text, goes through `pulumi.jsonStringify`."
                .to_owned(),
        ]
    }
}

impl TargetReadme for PulumiGo {
    fn vocabulary(&self) -> &dyn Vocabulary {
        self
    }

    fn output(&self, _design: &Design, name: &str) -> String {
        format!(
            "$(pulumi stack output --cwd pulumi {})",
            crate::design::Key::new(name).camel()
        )
    }

    fn tools(&self) -> &'static str {
        "The Pulumi CLI 3, Go 1.24 or later, the AWS CLI v2 and kubectl."
    }

    fn deploy(&self, design: &Design) -> String {
        deploy(
            design,
            "go mod tidy   # writes go.sum (the planner cannot: it needs the Go module proxy)\n",
        )
    }

    fn teardown(&self, design: &Design) -> String {
        teardown(design, "pulumi config set deletionProtection false")
    }

    fn describe(&self, _design: &Design, path: &str) -> Option<&'static str> {
        Some(match path {
            "scripts/teardown.sh" => "Teardown in the safe order",
            "pulumi/Pulumi.yaml" => {
                "The Pulumi project and its configuration, with your region, names, CIDRs and tags"
            }
            "pulumi/go.mod" => "Go module requirements (`go mod tidy` adds go.sum)",
            "pulumi/main.go" => {
                "The VPC, IAM roles, the cluster with Auto Mode, access entries, Pod Identity, outputs"
            }
            _ => return None,
        })
    }

    fn decisions(&self, _design: &Design) -> Vec<String> {
        vec![
            CONFIG.to_owned(),
            KUBECTL.to_owned(),
            format!(
                "`go.mod` requires the AWS SDK v7 and the Pulumi SDK v3 (Go {GO_VERSION}); there is no `go.sum`, \
                 because writing one needs the Go module proxy: run `go mod tidy` once before `pulumi up`."
            ),
            "The account context comes from plain invokes (`aws.GetPartition`, `aws.GetCallerIdentity`), \
             IAM documents from `iam.GetPolicyDocumentOutput`, which takes resource outputs such as the \
             cluster ARN as they are."
                .to_owned(),
        ]
    }
}
