#!/usr/bin/env bash
# shellcheck disable=SC2016 # tags are JSON in single quotes: literal text
# What CloudFormation cannot do, done with the AWS CLI after `aws cloudformation deploy`.
# Safe to run twice.
set -euo pipefail

REGION='us-east-1'

# 1. Load-balancer discovery tags on your existing subnets (a stack cannot tag
#    what it does not own; scripts/teardown.sh removes them again).
aws ec2 create-tags --region "$REGION" --resources 'subnet-0a1b2c3d4e5f60011' 'subnet-0a1b2c3d4e5f60012' 'subnet-0a1b2c3d4e5f60013' --tags '[{"Key":"kubernetes.io/role/internal-elb","Value":"1"}]'
aws ec2 create-tags --region "$REGION" --resources 'subnet-0a1b2c3d4e5f60021' 'subnet-0a1b2c3d4e5f60022' 'subnet-0a1b2c3d4e5f60023' --tags '[{"Key":"kubernetes.io/role/elb","Value":"1"}]'
