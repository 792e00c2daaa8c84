#!/usr/bin/env bash
# Print the IAM ARN of whoever runs this. For an assumed role that is the
# role's ARN, with its path, not the session's: access entries need the role.
set -euo pipefail

arn=$(aws sts get-caller-identity --query Arn --output text)
case "$arn" in
  arn:*:sts::*:assumed-role/*)
    role=${arn#*:assumed-role/}
    aws iam get-role --role-name "${role%%/*}" --query Role.Arn --output text
    ;;
  *)
    echo "$arn"
    ;;
esac
