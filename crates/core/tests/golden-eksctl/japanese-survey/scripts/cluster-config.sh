#!/usr/bin/env bash
# Print eksctl/cluster.yaml with its ${...} placeholders filled in: the outputs
# of the prerequisites stack (ids and ARNs of what it created).
#
# Usage: scripts/cluster-config.sh | eksctl create cluster -f -
set -euo pipefail
cd "$(dirname "$0")/.."

REGION='ap-northeast-1'
STACK='eks-auto-survey-prerequisites'

while read -r key value; do
  export "$key=$value"
done < <(aws cloudformation describe-stacks --region "$REGION" --stack-name "$STACK" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text)
for name in AdminRoleArn ClusterRoleArn NodeRoleArn PodSurveyS3ReaderRoleArn PrivateASubnetId PrivateBSubnetId PublicASubnetId PublicBSubnetId SecretsKeyArn ThisVpcId; do
  if [[ -z "${!name:-}" ]]; then
    echo "stack $STACK has no output $name: deploy eksctl/prerequisites.yaml first" >&2
    exit 1
  fi
done

# Only these placeholders are replaced; any other `$` in the file is left alone.
# shellcheck disable=SC2016 # the list is for envsubst, not for the shell
envsubst '${AdminRoleArn} ${ClusterRoleArn} ${NodeRoleArn} ${PodSurveyS3ReaderRoleArn} ${PrivateASubnetId} ${PrivateBSubnetId} ${PublicASubnetId} ${PublicBSubnetId} ${SecretsKeyArn} ${ThisVpcId}' <eksctl/cluster.yaml
