#!/usr/bin/env bash
# Tear the cluster down without orphaning AWS resources.
#
# Load balancers, EBS volumes and instances that Auto Mode creates are not in
# the Pulumi state. Deleting their Kubernetes objects first lets Auto Mode
# remove them; `pulumi destroy` then removes everything else. Destroying
# first would leave them behind and block the VPC's deletion.
#
# Usage: scripts/teardown.sh [--yes]
set -euo pipefail

REGION='us-east-1'
CLUSTER='production'
MANAGED='app.kubernetes.io/managed-by=eks-auto-mode-planner'
cd "$(dirname "$0")/.."

echo "Deletion protection is on: set deletionProtection to false (pulumi config set --cwd pulumi deletionProtection false) and run"
echo "'pulumi up --cwd pulumi' before running this script."
if [[ "${1:-}" != "--protection-off" ]]; then
  exit 1
fi
shift

if [[ "${1:-}" != "--yes" ]]; then
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

echo "5/5 Destroying the Pulumi resources (the cluster terminates any remaining Auto Mode instances)..."
pulumi destroy --cwd pulumi
