#!/usr/bin/env bash
# Wait until the EKS cluster has no update in progress.
#
# EKS runs one cluster update at a time. Creating (or deleting) a vended-logs
# delivery source for an Auto Mode component starts one (VendedLogsUpdate),
# and a change made while it runs fails with ConflictException. Terraform runs
# this script after each such change, so the next one starts on an idle
# cluster. Needs bash and the AWS CLI v2; CLUSTER and REGION name the cluster.
set -euo pipefail

: "${CLUSTER:?set CLUSTER to the cluster name}"
: "${REGION:?set REGION to the region of the cluster}"
GRACE=${GRACE:-20}      # seconds for EKS to register the update just started
TIMEOUT=${TIMEOUT:-1800}

if ! aws eks describe-cluster --region "$REGION" --name "$CLUSTER" --query cluster.status --output text >/dev/null 2>&1; then
  echo "Cluster $CLUSTER is not in $REGION (any more): nothing to wait for."
  exit 0
fi

sleep "$GRACE"
finished=" "
deadline=$((SECONDS + TIMEOUT))
while true; do
  busy=""
  for id in $(aws eks list-updates --region "$REGION" --name "$CLUSTER" --query 'updateIds[]' --output text); do
    if [[ "$finished" == *" $id "* ]]; then
      continue
    fi
    status=$(aws eks describe-update --region "$REGION" --name "$CLUSTER" --update-id "$id" --query update.status --output text)
    if [[ "$status" == "InProgress" ]]; then
      busy=$id
      break
    fi
    finished="$finished$id "
  done
  if [[ -z "$busy" ]]; then
    exit 0
  fi
  if ((SECONDS >= deadline)); then
    echo "Cluster $CLUSTER still has update $busy in progress after ${TIMEOUT}s." >&2
    exit 1
  fi
  echo "Waiting for update $busy of cluster $CLUSTER to finish..."
  sleep 15
done
