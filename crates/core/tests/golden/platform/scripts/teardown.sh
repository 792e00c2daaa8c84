#!/usr/bin/env bash
# Tear the cluster down without orphaning AWS resources.
#
# Load balancers, EBS volumes and instances that Auto Mode creates are not in
# the Terraform state. Deleting their Kubernetes objects first lets Auto Mode
# remove them; `terraform destroy` then removes everything else. Destroying
# first would leave them behind and block the VPC's deletion.
#
# Usage: scripts/teardown.sh [--yes] [--help] [-- TERRAFORM_ARGS...]
#
# While the cluster has deletion protection on, the script stops before it
# deletes anything. Turn protection off through its input first (never by
# editing the generated files), with the inputs you gave apply:
#   terraform -chdir=terraform apply -var deletion_protection=false
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/teardown.sh [--yes] [--help] [-- TERRAFORM_ARGS...]

Deletes Ingresses, LoadBalancer Services, PersistentVolumeClaims, the planner's
NodePools and NodeClasses, then runs terraform destroy.

  --yes                  do not ask for the cluster name, and run terraform destroy with -auto-approve (automation)
  --help                 print this help and exit
  -- TERRAFORM_ARGS...   pass the rest to terraform (the inputs you gave apply, for example -var-file=prod.tfvars)
USAGE
}

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
REGION='us-east-1'
CLUSTER='platform'
MANAGED='app.kubernetes.io/managed-by=eks-auto-mode-planner'
if deployed=$(terraform -chdir=terraform output -raw cluster_name 2>/dev/null) && [[ -n "$deployed" ]]; then
  CLUSTER="$deployed"
fi
if deployed=$(terraform -chdir=terraform output -raw region 2>/dev/null) && [[ -n "$deployed" ]]; then
  REGION="$deployed"
fi

protection=$(aws eks describe-cluster --region "$REGION" --name "$CLUSTER" --query 'cluster.deletionProtection' --output text)
if [[ "$protection" == "True" ]]; then
  echo "Cluster ${CLUSTER} has deletion protection on. Nothing was deleted." >&2
  echo "Turn it off through its input, with the inputs you gave apply, then run this script again:" >&2
  echo "  terraform -chdir=terraform apply -var deletion_protection=false" >&2
  exit 1
fi

if [[ "$assume_yes" != true ]]; then
  read -r -p "Destroy cluster ${CLUSTER} in ${REGION} and everything in it? Type the cluster name: " answer
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
  -o jsonpath='{range .items[?(@.spec.type=="LoadBalancer")]}{.metadata.namespace}{" "}{.metadata.name}{"\n"}{end}' |
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
"${destroy[@]}" "${terraform_args[@]}"
