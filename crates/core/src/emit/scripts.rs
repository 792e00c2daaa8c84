//! `scripts/teardown.sh`.
//!
//! The script's flags are listed once, in [`TEARDOWN_FLAGS`]: the usage
//! text, the argument parser and the bundle README are all written from it,
//! and a test reads the three back and checks they agree.

use crate::design::Design;
use crate::design::k8s::MANAGED_BY;

/// Where the teardown script lives in a bundle.
pub const TEARDOWN: &str = "scripts/teardown.sh";

/// One command-line flag of the teardown script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag {
    /// The flag as typed (`--yes`).
    pub name: &'static str,
    /// Its argument placeholder, if it takes the rest of the line.
    pub rest: Option<&'static str>,
    /// What it does (one line).
    pub help: &'static str,
}

/// The teardown script's flags, in usage order.
pub const TEARDOWN_FLAGS: &[Flag] = &[
    Flag {
        name: "--yes",
        rest: None,
        help: "do not ask for the cluster name, and run terraform destroy with -auto-approve (automation)",
    },
    Flag {
        name: "--help",
        rest: None,
        help: "print this help and exit",
    },
    Flag {
        name: "--",
        rest: Some("TERRAFORM_ARGS..."),
        help: "pass the rest to terraform (the inputs you gave apply, for example -var-file=prod.tfvars)",
    },
];

/// The usage line: `Usage: scripts/teardown.sh [--yes] [--help] [-- TERRAFORM_ARGS...]`.
pub fn teardown_usage() -> String {
    let mut s = format!("Usage: {TEARDOWN}");
    for f in TEARDOWN_FLAGS {
        match f.rest {
            Some(rest) => s.push_str(&format!(" [{} {rest}]", f.name)),
            None => s.push_str(&format!(" [{}]", f.name)),
        }
    }
    s
}

pub use crate::textfmt::shell_quote;

/// The command that turns deletion protection off through its input.
pub const PROTECTION_OFF: &str = "terraform -chdir=terraform apply -var deletion_protection=false";

/// A teardown script that removes what Auto Mode created outside Terraform
/// (load balancers, volumes, instances) before `terraform destroy`.
pub fn teardown(design: &Design) -> String {
    let c = &design.cluster;
    let mut help = String::new();
    for f in TEARDOWN_FLAGS {
        let name = match f.rest {
            Some(rest) => format!("{} {rest}", f.name),
            None => f.name.to_owned(),
        };
        help.push_str(&format!("  {name:<22} {}\n", f.help));
    }
    format!(
        r#"#!/usr/bin/env bash
# Tear the cluster down without orphaning AWS resources.
#
# Load balancers, EBS volumes and instances that Auto Mode creates are not in
# the Terraform state. Deleting their Kubernetes objects first lets Auto Mode
# remove them; `terraform destroy` then removes everything else. Destroying
# first would leave them behind and block the VPC's deletion.
#
# {usage}
#
# While the cluster has deletion protection on, the script stops before it
# deletes anything. Turn protection off through its input first (never by
# editing the generated files), with the inputs you gave apply:
#   {protection_off}
set -euo pipefail

usage() {{
  cat <<'USAGE'
{usage}

Deletes Ingresses, LoadBalancer Services, PersistentVolumeClaims, the planner's
NodePools and NodeClasses, then runs terraform destroy.

{help}
USAGE
}}

assume_yes=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --yes) assume_yes=true ;;
    --help) usage; exit 0 ;;
    --) shift; break ;;
    *) echo "Unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
terraform_args=("$@")

cd "$(dirname "$0")/.."

# The cluster this bundle deployed: from the Terraform outputs when the state
# is reachable (they reflect -var overrides), else the plan's values.
REGION={region}
CLUSTER={cluster}
MANAGED={managed}
if deployed=$(terraform -chdir=terraform output -raw cluster_name 2>/dev/null) && [[ -n "$deployed" ]]; then
  CLUSTER="$deployed"
fi
if deployed=$(terraform -chdir=terraform output -raw region 2>/dev/null) && [[ -n "$deployed" ]]; then
  REGION="$deployed"
fi

protection=$(aws eks describe-cluster --region "$REGION" --name "$CLUSTER" --query 'cluster.deletionProtection' --output text)
if [[ "$protection" == "True" ]]; then
  echo "Cluster ${{CLUSTER}} has deletion protection on. Nothing was deleted." >&2
  echo "Turn it off through its input, with the inputs you gave apply, then run this script again:" >&2
  echo "  {protection_off}" >&2
  exit 1
fi

if [[ "$assume_yes" != true ]]; then
  read -r -p "Destroy cluster ${{CLUSTER}} in ${{REGION}} and everything in it? Type the cluster name: " answer
  if [[ "$answer" != "$CLUSTER" ]]; then
    echo "Aborted."
    exit 1
  fi
fi

aws eks update-kubeconfig --region "$REGION" --name "$CLUSTER"

echo "1/5 Deleting Ingresses, so Auto Mode removes their Application Load Balancers..."
kubectl delete ingress --all --all-namespaces --wait=true --timeout=10m

echo "2/5 Deleting Services of type LoadBalancer, so Auto Mode removes their Network Load Balancers..."
kubectl get services --all-namespaces \
  -o jsonpath='{{range .items[?(@.spec.type=="LoadBalancer")]}}{{.metadata.namespace}}{{" "}}{{.metadata.name}}{{"\n"}}{{end}}' |
  while read -r namespace name; do
    if [[ -n "$name" ]]; then
      kubectl delete service --namespace "$namespace" "$name" --wait=true --timeout=10m
    fi
  done

echo "3/5 Deleting PersistentVolumeClaims, so their EBS volumes are deleted..."
echo "    (claims still mounted by running pods finish deleting when those pods stop;"
echo "    volumes of a StorageClass with reclaimPolicy Retain are kept on purpose)"
kubectl delete persistentvolumeclaims --all --all-namespaces --wait=true --timeout=10m

echo "4/5 Deleting the planner's NodePools and NodeClasses, so their instances terminate..."
kubectl delete nodepools.karpenter.sh --selector "$MANAGED" --ignore-not-found --wait=true --timeout=15m
kubectl delete nodeclasses.eks.amazonaws.com --selector "$MANAGED" --ignore-not-found --wait=true --timeout=15m

echo "5/5 Destroying the Terraform resources (the cluster terminates any remaining Auto Mode instances)..."
destroy=(terraform -chdir=terraform destroy)
if [[ "$assume_yes" == true ]]; then
  destroy+=(-auto-approve)
fi
"${{destroy[@]}}" "${{terraform_args[@]}}"
"#,
        usage = teardown_usage(),
        protection_off = PROTECTION_OFF,
        help = help.trim_end(),
        region = shell_quote(&c.region),
        cluster = shell_quote(&c.name),
        managed = shell_quote(&format!("{}={}", MANAGED_BY.0, MANAGED_BY.1)),
    )
}

/// What a target's teardown script says and runs around the Kubernetes
/// clean-up, which is the same for every target.
pub struct Teardown {
    /// Comment lines after "Load balancers, EBS volumes and instances that
    /// Auto Mode creates are not in": where the tool keeps its resources
    /// and what removes them (each line starts with `# `).
    pub explanation: String,
    /// Shell lines run before the confirmation when deletion protection is
    /// on (empty when it is off).
    pub protection: String,
    /// Shell lines of the last step, after its `echo` line.
    pub destroy: String,
    /// What the last step's `echo` says.
    pub destroy_echo: String,
}

/// How a target that keeps its own state ends its teardown: the tool, how
/// to turn deletion protection off, and the destroy command.
pub struct Destroyer {
    /// The tool's name (`Terraform`).
    pub tool: &'static str,
    /// Where deletion protection is set, and the command that applies the change.
    pub protection_off: (&'static str, &'static str),
    /// The destroy command as people say it (`terraform destroy`).
    pub destroy_name: &'static str,
    /// The command that destroys the AWS resources.
    pub destroy: &'static str,
}

/// The teardown script for a target that deploys with `tool`.
pub fn teardown_for(design: &Design, tool: &Destroyer) -> String {
    let protection = if design.cluster.deletion_protection {
        format!(
            r#"
echo "Deletion protection is on: set {} and run"
echo "'{}' before running this script."
if [[ "${{1:-}}" != "--protection-off" ]]; then
  exit 1
fi
shift
"#,
            tool.protection_off.0, tool.protection_off.1
        )
    } else {
        String::new()
    };
    teardown_script(
        design,
        &Teardown {
            explanation: format!(
                "# the {} state. Deleting their Kubernetes objects first lets Auto Mode\n\
                 # remove them; `{}` then removes everything else. Destroying\n\
                 # first would leave them behind and block the VPC's deletion.\n",
                tool.tool, tool.destroy_name
            ),
            protection,
            destroy: format!("{}\n", tool.destroy),
            destroy_echo: format!(
                "Destroying the {} resources (the cluster terminates any remaining Auto Mode instances)",
                tool.tool
            ),
        },
    )
}

/// A teardown script: confirmation, the Kubernetes clean-up in the safe
/// order, then the target's own destroy step.
pub fn teardown_script(design: &Design, t: &Teardown) -> String {
    let c = &design.cluster;
    format!(
        r#"#!/usr/bin/env bash
# Tear the cluster down without orphaning AWS resources.
#
# Load balancers, EBS volumes and instances that Auto Mode creates are not in
{explanation}#
# Usage: scripts/teardown.sh [--yes]
set -euo pipefail

REGION={region}
CLUSTER={cluster}
MANAGED={managed}
cd "$(dirname "$0")/.."
{protection}
if [[ "${{1:-}}" != "--yes" ]]; then
  read -r -p "Destroy cluster ${{CLUSTER}} in ${{REGION}} and everything in it? Type the cluster name: " answer
  if [[ "$answer" != "$CLUSTER" ]]; then
    echo "Aborted."
    exit 1
  fi
fi

aws eks update-kubeconfig --region "$REGION" --name "$CLUSTER"

echo "1/5 Deleting Ingresses, so Auto Mode removes their Application Load Balancers..."
kubectl delete ingress --all --all-namespaces --wait=true --timeout=10m

echo "2/5 Deleting Services of type LoadBalancer, so Auto Mode removes their Network Load Balancers..."
kubectl get services --all-namespaces \
  -o jsonpath='{{range .items[?(@.spec.type=="LoadBalancer")]}}{{.metadata.namespace}}{{" "}}{{.metadata.name}}{{"\n"}}{{end}}' |
  while read -r namespace name; do
    if [[ -n "$name" ]]; then
      kubectl delete service --namespace "$namespace" "$name" --wait=true --timeout=10m
    fi
  done

echo "3/5 Deleting PersistentVolumeClaims, so their EBS volumes are deleted..."
echo "    (claims still mounted by running pods finish deleting when those pods stop;"
echo "    volumes of a StorageClass with reclaimPolicy Retain are kept on purpose)"
kubectl delete persistentvolumeclaims --all --all-namespaces --wait=true --timeout=10m

echo "4/5 Deleting the planner's NodePools and NodeClasses, so their instances terminate..."
kubectl delete nodepools.karpenter.sh --selector "$MANAGED" --ignore-not-found --wait=true --timeout=15m
kubectl delete nodeclasses.eks.amazonaws.com --selector "$MANAGED" --ignore-not-found --wait=true --timeout=15m

echo "5/5 {destroy_echo}..."
{destroy}"#,
        explanation = t.explanation,
        protection = t.protection,
        destroy_echo = t.destroy_echo,
        destroy = t.destroy,
        region = shell_quote(&c.region),
        cluster = shell_quote(&c.name),
        managed = shell_quote(&format!("{}={}", MANAGED_BY.0, MANAGED_BY.1)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_for_the_shell() {
        assert_eq!(shell_quote("a'b"), r"'a'\''b'");
        assert_eq!(shell_quote("$(rm -rf /)"), "'$(rm -rf /)'");
    }

    #[test]
    fn usage_lists_every_flag() {
        assert_eq!(
            teardown_usage(),
            "Usage: scripts/teardown.sh [--yes] [--help] [-- TERRAFORM_ARGS...]"
        );
    }
}
