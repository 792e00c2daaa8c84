//! Waits Terraform cannot express with dependencies alone, as
//! `terraform_data` resources with `local-exec` provisioners (built into
//! Terraform; no extra provider):
//!
//! * [`Dependency::Propagated`]: IAM needs a few seconds before a new
//!   role's trust policy is visible to the service it is handed to;
//! * [`Dependency::Settled`]: EKS runs one cluster update at a time, so a
//!   change that starts one must finish before the next change.

use super::super::hcl::{Block, Expr, StrPart};
use super::Tf;
use crate::design::{Dependency, Design, InputId, Key, Kind, Ref};

/// The script the settle gates run.
pub const SCRIPT: &str = "scripts/wait-for-cluster-update.sh";

/// Seconds to wait for IAM to propagate a new role. The terraform-aws-eks
/// capability module waits 20 seconds for the same reason; a margin on top.
const PROPAGATION_SECONDS: u32 = 30;

/// Every dependency of the design's objects that needs a gate.
fn dependencies(design: &Design) -> impl Iterator<Item = &Dependency> {
    design
        .capabilities
        .iter()
        .flat_map(|c| c.after.iter())
        .chain(
            design
                .component_logs
                .iter()
                .flat_map(|l| l.sources.iter().flat_map(|s| s.after.iter())),
        )
}

/// Whether any gate runs the wait script.
pub fn any_settled(design: &Design) -> bool {
    dependencies(design).any(|d| matches!(d, Dependency::Settled(_)))
}

/// The label of the gate after a role's propagation.
pub fn propagated_label(tf: &Tf, role: &Key) -> String {
    format!("{}_propagated", tf.label(Kind::Role, role))
}

/// The label of the gate after an object's cluster update.
pub fn settled_label(tf: &Tf, r: &Ref) -> String {
    format!(
        "{}_{}_settled",
        Key::from_text(r.kind.suffix()).snake(),
        tf.name(r)
    )
}

/// The gates the given dependencies need, each once, in order.
pub fn blocks(tf: &Tf, deps: &[&Dependency]) -> Vec<Block> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for d in deps {
        if seen.contains(d) {
            continue;
        }
        seen.push(*d);
        match d {
            Dependency::Propagated(role) => out.push(propagated(tf, role)),
            Dependency::Settled(r) => out.push(settled(tf, r)),
            Dependency::Permissions(_) | Dependency::Object(_) => {}
        }
    }
    out
}

fn propagated(tf: &Tf, role: &Key) -> Block {
    let permissions = tf.depends_on(&[Dependency::Permissions(role.clone())]);
    let b = Block::new("resource", &["terraform_data", &propagated_label(tf, role)])
        .comment("IAM takes a few seconds to make a new role's trust policy visible, and EKS")
        .comment("checks a capability role's trust the moment it is handed the role.")
        .attr(
            "input",
            tf.reference_expr(Kind::Role, role, crate::design::Attr::Arn),
        )
        .block(
            Block::new("provisioner", &["local-exec"])
                .attr("interpreter", Expr::strs(&["bash", "-c"]))
                .attr("command", Expr::str(format!("sleep {PROPAGATION_SECONDS}"))),
        );
    if permissions.is_empty() {
        b
    } else {
        b.blank().attr(
            "depends_on",
            Expr::List(permissions.into_iter().map(Expr::raw).collect()),
        )
    }
}

fn settled(tf: &Tf, r: &Ref) -> Block {
    let cluster = &tf.design.cluster.key;
    let run = |destroy: bool| {
        let mut b = Block::new("provisioner", &["local-exec"]);
        if destroy {
            b = b.attr("when", Expr::raw("destroy"));
        }
        b.attr("interpreter", Expr::strs(&["bash"]))
            .attr(
                "command",
                Expr::Str(vec![
                    StrPart::Interp("path.module".to_owned()),
                    StrPart::Lit(format!("/../{SCRIPT}")),
                ]),
            )
            .attr(
                "environment",
                Expr::Object(vec![
                    ("CLUSTER".to_owned(), Expr::raw("self.input.cluster")),
                    ("REGION".to_owned(), Expr::raw("self.input.region")),
                ]),
            )
    };
    Block::new("resource", &["terraform_data", &settled_label(tf, r)])
        .comment("EKS runs one cluster update at a time: wait for the one this object's")
        .comment(
            "creation started (and, on destroy, for the one its dependents' deletion started).",
        )
        .attr(
            "input",
            Expr::Object(vec![
                (
                    "cluster".to_owned(),
                    tf.reference_expr(Kind::Cluster, cluster, crate::design::Attr::Name),
                ),
                (
                    "region".to_owned(),
                    Expr::raw(super::variable(InputId::Region)),
                ),
            ]),
        )
        .block(run(false))
        .block(run(true))
        .blank()
        .attr("depends_on", Expr::List(vec![Expr::raw(tf.address(r))]))
}

/// `scripts/wait-for-cluster-update.sh`.
pub fn script() -> String {
    r#"#!/usr/bin/env bash
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
"#
    .to_owned()
}
