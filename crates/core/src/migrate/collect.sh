#!/usr/bin/env bash
# collect.sh: read an EKS cluster's state into a folder for the EKS Auto Mode
# Planner (eksplan migrate DIR, or drop the folder on the planner page).
#
# It only reads. It runs the AWS CLI and kubectl with your own credentials
# and writes their unmodified output, one file per command, plus collect.log.
# A command that fails (a missing permission, Karpenter not installed) is
# recorded in collect.log and the rest still runs.
#
# The files describe your cluster, including the environment variables of
# your pods: they stay on your machine unless you send them somewhere. The
# planner reads them in your browser or on your machine and sends nothing.
#
# Usage: collect.sh [-r REGION] [-c KUBE_CONTEXT] [-o DIR] CLUSTER
#   -r REGION        AWS region (default: the AWS CLI's configured region)
#   -c KUBE_CONTEXT  use this kubeconfig context instead of a temporary
#                    kubeconfig made with aws eks update-kubeconfig
#   -o DIR           output folder (default: ./eks-CLUSTER); must not exist
set -uo pipefail

REGION=""
CONTEXT=""
OUT=""
while getopts "r:c:o:h" opt; do
  case "$opt" in
    r) REGION="$OPTARG" ;;
    c) CONTEXT="$OPTARG" ;;
    o) OUT="$OPTARG" ;;
    h) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-r REGION] [-c KUBE_CONTEXT] [-o DIR] CLUSTER" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [[ $# -ne 1 ]]; then
  echo "usage: $0 [-r REGION] [-c KUBE_CONTEXT] [-o DIR] CLUSTER" >&2
  exit 2
fi
CLUSTER="$1"
OUT="${OUT:-./eks-$CLUSTER}"

for tool in aws kubectl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "collect.sh needs $tool on the PATH" >&2
    exit 2
  fi
done
if [[ -e "$OUT" ]]; then
  echo "$OUT already exists; choose another folder with -o" >&2
  exit 2
fi
mkdir -p "$OUT"
LOG="$OUT/collect.log"
echo "# eksplan collect.sh log" >"$LOG"

AWS=(aws --output json)
if [[ -n "$REGION" ]]; then
  AWS+=(--region "$REGION")
fi

# run FILE COMMAND...: save the command's output as FILE, or log why not.
run() {
  local file="$1"
  shift
  if "$@" >"$OUT/$file.partial" 2>"$OUT/.stderr"; then
    mv "$OUT/$file.partial" "$OUT/$file"
    echo "OK $file" >>"$LOG"
    return 0
  fi
  rm -f "$OUT/$file.partial"
  echo "FAILED $file: $(tr '\n' ' ' <"$OUT/.stderr")" >>"$LOG"
  echo "collect.sh: could not write $file (see $LOG)" >&2
  return 1
}

# names COMMAND...: the words a --query ... --output text command prints.
names() {
  "$@" --output text 2>/dev/null | tr '\t' '\n' | grep -v '^None$' | grep -v '^$'
}

echo "Reading cluster $CLUSTER..."
if ! run describe-cluster.json "${AWS[@]}" eks describe-cluster --name "$CLUSTER"; then
  echo "collect.sh: cannot describe cluster $CLUSTER; check the name, region and credentials" >&2
  rm -f "$OUT/.stderr"
  exit 1
fi

run list-nodegroups.json "${AWS[@]}" eks list-nodegroups --cluster-name "$CLUSTER"
while read -r ng; do
  run "describe-nodegroup-$ng.json" "${AWS[@]}" eks describe-nodegroup \
    --cluster-name "$CLUSTER" --nodegroup-name "$ng"
  read -r lt_id lt_version < <(names "${AWS[@]}" eks describe-nodegroup \
    --cluster-name "$CLUSTER" --nodegroup-name "$ng" \
    --query 'nodegroup.launchTemplate.[id,version]' | tr '\n' ' ')
  if [[ -n "${lt_id:-}" && -n "${lt_version:-}" ]]; then
    run "launch-template-$lt_id-$lt_version.json" "${AWS[@]}" ec2 describe-launch-template-versions \
      --launch-template-id "$lt_id" --versions "$lt_version"
  fi
done < <(names "${AWS[@]}" eks list-nodegroups --cluster-name "$CLUSTER" --query 'nodegroups[]')

run list-addons.json "${AWS[@]}" eks list-addons --cluster-name "$CLUSTER"
while read -r addon; do
  run "describe-addon-$addon.json" "${AWS[@]}" eks describe-addon \
    --cluster-name "$CLUSTER" --addon-name "$addon"
done < <(names "${AWS[@]}" eks list-addons --cluster-name "$CLUSTER" --query 'addons[]')

run list-fargate-profiles.json "${AWS[@]}" eks list-fargate-profiles --cluster-name "$CLUSTER"
while read -r profile; do
  run "describe-fargate-profile-$profile.json" "${AWS[@]}" eks describe-fargate-profile \
    --cluster-name "$CLUSTER" --fargate-profile-name "$profile"
done < <(names "${AWS[@]}" eks list-fargate-profiles --cluster-name "$CLUSTER" --query 'fargateProfileNames[]')

run list-access-entries.json "${AWS[@]}" eks list-access-entries --cluster-name "$CLUSTER"

role_arn="$(names "${AWS[@]}" eks describe-cluster --name "$CLUSTER" --query 'cluster.roleArn')"
role_name="${role_arn##*/}"
if [[ -n "$role_name" ]]; then
  run iam-get-role.json "${AWS[@]}" iam get-role --role-name "$role_name"
  run iam-list-attached-role-policies.json "${AWS[@]}" iam list-attached-role-policies --role-name "$role_name"
fi

echo "Reading Kubernetes objects..."
KUBE=(kubectl)
if [[ -n "$CONTEXT" ]]; then
  KUBE+=(--context "$CONTEXT")
else
  kubeconfig="$(mktemp)"
  trap 'rm -f "$kubeconfig"' EXIT
  if ! "${AWS[@]}" eks update-kubeconfig --name "$CLUSTER" --kubeconfig "$kubeconfig" >/dev/null 2>"$OUT/.stderr"; then
    echo "FAILED kubectl.json: aws eks update-kubeconfig: $(tr '\n' ' ' <"$OUT/.stderr")" >>"$LOG"
    echo "collect.sh: cannot reach the Kubernetes API; the AWS side was collected" >&2
    rm -f "$OUT/.stderr"
    exit 0
  fi
  KUBE+=(--kubeconfig "$kubeconfig")
fi

has_crd() {
  "${KUBE[@]}" get crd "$1" >/dev/null 2>&1
}

if has_crd nodepools.karpenter.sh; then
  resources="nodepools.karpenter.sh"
  if has_crd ec2nodeclasses.karpenter.k8s.aws; then
    resources="$resources,ec2nodeclasses.karpenter.k8s.aws"
  fi
  run karpenter.yaml "${KUBE[@]}" get "$resources" -o yaml
fi
if has_crd provisioners.karpenter.sh; then
  run karpenter-v1alpha5.yaml "${KUBE[@]}" get provisioners.karpenter.sh -o yaml
fi
if has_crd nodeclasses.eks.amazonaws.com; then
  run auto-mode-nodeclasses.yaml "${KUBE[@]}" get nodeclasses.eks.amazonaws.com -o yaml
fi

# The Karpenter, Cluster Autoscaler and Load Balancer Controller Deployments
# (for their versions), by the labels their charts and manifests set.
run controllers.yaml "${KUBE[@]}" get deploy -A -o yaml \
  -l 'app.kubernetes.io/name in (karpenter,aws-load-balancer-controller,cluster-autoscaler,aws-cluster-autoscaler)'
run controllers-app-label.yaml "${KUBE[@]}" get deploy -A -o yaml \
  -l 'app in (karpenter,aws-load-balancer-controller,cluster-autoscaler)'
run controllers-k8s-app-label.yaml "${KUBE[@]}" get deploy -A -o yaml \
  -l 'k8s-app in (cluster-autoscaler)'

run kubectl.json "${KUBE[@]}" get \
  nodes,pods,pv,pvc,storageclass,ingressclass,ingress,service,poddisruptionbudget -A -o json
run serviceaccounts.json "${KUBE[@]}" get serviceaccounts -A -o json

rm -f "$OUT/.stderr"
failed="$(grep -c '^FAILED' "$LOG" || true)"
echo "Collected into $OUT ($failed step(s) failed; see $LOG)."
echo "Next: eksplan migrate $OUT --out migration/   (or drop the folder, zipped, on the planner page)"
