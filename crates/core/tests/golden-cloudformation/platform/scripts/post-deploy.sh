#!/usr/bin/env bash
# shellcheck disable=SC2016 # tags are JSON in single quotes: literal text
# What CloudFormation cannot do, done with the AWS CLI after `aws cloudformation deploy`.
# Safe to run twice.
set -euo pipefail

REGION='us-east-1'
CLUSTER='platform'

# 1. The VPC's default security group keeps no rules, so nothing can use it
#    (what Terraform's aws_default_security_group does; a stack cannot manage it).
vpc=$(aws cloudformation describe-stacks --region "$REGION" --stack-name 'platform' \
  --query "Stacks[0].Outputs[?OutputKey=='VpcId'].OutputValue" --output text)
sg=$(aws ec2 describe-security-groups --region "$REGION" \
  --filters "Name=vpc-id,Values=$vpc" "Name=group-name,Values=default" \
  --query 'SecurityGroups[0].GroupId' --output text)
for rule in $(aws ec2 describe-security-group-rules --region "$REGION" \
  --filters "Name=group-id,Values=$sg" --query 'SecurityGroupRules[?!IsEgress].SecurityGroupRuleId' --output text); do
  aws ec2 revoke-security-group-ingress --region "$REGION" --group-id "$sg" --security-group-rule-ids "$rule" >/dev/null
done
for rule in $(aws ec2 describe-security-group-rules --region "$REGION" \
  --filters "Name=group-id,Values=$sg" --query 'SecurityGroupRules[?IsEgress].SecurityGroupRuleId' --output text); do
  aws ec2 revoke-security-group-egress --region "$REGION" --group-id "$sg" --security-group-rule-ids "$rule" >/dev/null
done
aws ec2 create-tags --region "$REGION" --resources "$sg" --tags '[{"Key":"Name","Value":"platform-default-deny"}]'
echo "Default security group $sg: no rules"

# 2. Access policies of the EKS Capabilities: EKS creates the access entry of
#    each capability role itself, and a stack has no resource for a policy
#    association outside an access entry it declares.
partition=$(aws sts get-caller-identity --query Arn --output text | cut -d: -f2)
aws eks associate-access-policy --region "$REGION" --cluster-name "$CLUSTER" \
  --principal-arn "$(aws iam get-role --role-name 'platform-argocd-capability' --query Role.Arn --output text)" \
  --policy-arn "arn:${partition}:eks::aws:cluster-access-policy/"'AmazonEKSAdminViewPolicy' \
  --access-scope 'type=cluster' >/dev/null
aws eks associate-access-policy --region "$REGION" --cluster-name "$CLUSTER" \
  --principal-arn "$(aws iam get-role --role-name 'platform-argocd-capability' --query Role.Arn --output text)" \
  --policy-arn "arn:${partition}:eks::aws:cluster-access-policy/"'AmazonEKSEditPolicy' \
  --access-scope 'type=namespace,namespaces=apps' >/dev/null
aws eks associate-access-policy --region "$REGION" --cluster-name "$CLUSTER" \
  --principal-arn "$(aws iam get-role --role-name 'platform-kro-capability' --query Role.Arn --output text)" \
  --policy-arn "arn:${partition}:eks::aws:cluster-access-policy/"'AmazonEKSEditPolicy' \
  --access-scope 'type=namespace,namespaces=apps' >/dev/null
echo "Capability access policies: associated"
