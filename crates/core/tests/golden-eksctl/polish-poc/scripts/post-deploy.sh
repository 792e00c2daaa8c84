#!/usr/bin/env bash
# shellcheck disable=SC2016 # tags are JSON in single quotes: literal text
# What eksctl cannot do, done with the AWS CLI after `eksctl create cluster`.
# Safe to run twice.
set -euo pipefail

REGION='eu-west-1'

# 1. The VPC's default security group keeps no rules, so nothing can use it
#    (what Terraform's aws_default_security_group does; a stack cannot manage it).
vpc=$(aws cloudformation describe-stacks --region "$REGION" --stack-name 'eks-auto-mode-poc-prerequisites' \
  --query "Stacks[0].Outputs[?OutputKey=='ThisVpcId'].OutputValue" --output text)
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
aws ec2 create-tags --region "$REGION" --resources "$sg" --tags '[{"Key":"Name","Value":"eks-auto-mode-poc-default-deny"}]'
echo "Default security group $sg: no rules"
