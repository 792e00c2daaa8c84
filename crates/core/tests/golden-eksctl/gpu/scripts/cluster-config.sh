#!/usr/bin/env bash
# Print eksctl/cluster.yaml with its ${...} placeholders filled in: the outputs
# of the prerequisites stack (ids and ARNs of what it created) and the ARN of
# whoever runs this (the cluster-admin access entry).
#
# Usage: scripts/cluster-config.sh | eksctl create cluster -f -
set -euo pipefail
cd "$(dirname "$0")/.."

REGION='us-east-1'
STACK='gpu-prerequisites'

while read -r key value; do
  export "$key=$value"
done < <(aws cloudformation describe-stacks --region "$REGION" --stack-name "$STACK" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text)
for name in ClusterRoleArn NodeRoleArn NodeclassGpuRoleArn PrivateASubnetId PrivateBSubnetId PrivateCSubnetId PublicASubnetId PublicBSubnetId PublicCSubnetId SecretsKeyArn ThisVpcId; do
  if [[ -z "${!name:-}" ]]; then
    echo "stack $STACK has no output $name: deploy eksctl/prerequisites.yaml first" >&2
    exit 1
  fi
done
ClusterAdminArn=$(scripts/caller-arn.sh)
export ClusterAdminArn

# Only these placeholders are replaced; any other `$` in the file is left alone.
# shellcheck disable=SC2016 # the list is for envsubst, not for the shell
envsubst '${ClusterAdminArn} ${ClusterRoleArn} ${NodeRoleArn} ${NodeclassGpuRoleArn} ${PrivateASubnetId} ${PrivateBSubnetId} ${PrivateCSubnetId} ${PublicASubnetId} ${PublicBSubnetId} ${PublicCSubnetId} ${SecretsKeyArn} ${ThisVpcId}' <eksctl/cluster.yaml
