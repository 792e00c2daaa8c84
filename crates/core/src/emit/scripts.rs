//! `scripts/teardown.sh`.

use crate::design::Design;
use crate::design::k8s::MANAGED_BY;

/// Quote a value for a POSIX shell (single quotes).
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
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

impl Teardown {
    /// Terraform's teardown.
    fn terraform(design: &Design) -> Teardown {
        Teardown {
            explanation: "# the Terraform state. Deleting their Kubernetes objects first lets Auto Mode\n\
                          # remove them; `terraform destroy` then removes everything else. Destroying\n\
                          # first would leave them behind and block the VPC's deletion.\n"
                .to_owned(),
            protection: if design.cluster.deletion_protection {
                r#"
echo "Deletion protection is on: set deletion_protection = false in terraform/eks.tf and run"
echo "'terraform -chdir=terraform apply' before running this script."
if [[ "${1:-}" != "--protection-off" ]]; then
  exit 1
fi
shift
"#
                .to_owned()
            } else {
                String::new()
            },
            destroy: "terraform -chdir=terraform destroy\n".to_owned(),
            destroy_echo: "Destroying the Terraform resources (the cluster terminates any remaining Auto Mode instances)".to_owned(),
        }
    }
}

/// A teardown script that removes what Auto Mode created outside Terraform
/// (load balancers, volumes, instances) before `terraform destroy`.
pub fn teardown(design: &Design) -> String {
    teardown_script(design, &Teardown::terraform(design))
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
}
