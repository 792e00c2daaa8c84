//! The migration bundle: files by path, byte-identical from the CLI and the
//! browser for the same inputs.
//!
//! | path | what |
//! | --- | --- |
//! | `README.md` | the runbook: each step's command, check and undo |
//! | `readiness.md`, `readiness.json` | every finding |
//! | `migrate.sh` | the AWS CLI path: IAM and add-ons first, then one `update-cluster-config` |
//! | `way-back.md` | leaving Auto Mode again |
//! | `plan.yaml` | the cluster as a plan (`cluster.mode: existing`) |
//! | `kubernetes/*.yaml` | the converted NodeClasses and NodePools (and StorageClass, IngressClass), through the normal generate path |
//! | `transition/*.yaml` | the same NodeClasses and NodePools tainted `eks-auto-mode:NoSchedule` |

use super::{Migration, runbook};
use crate::bundle::Bundle;
use crate::emit::kubernetes::{NLB, NODECLASSES, NODEPOOLS, SAMPLE};
use crate::plan::{CapacityType, NodePool, Plan, Taint, TaintEffect};
use crate::validate::Options;

/// The taint of the transition pools (AWS's migration procedure).
pub const TRANSITION_TAINT: &str = "eks-auto-mode";

/// The plan with every NodePool tainted for the transition (and one
/// general pool when nothing was converted).
pub fn transition_plan(plan: &Plan) -> Plan {
    let mut t = plan.clone();
    if t.node_pools.is_empty() {
        let mut pool = NodePool {
            name: "transition".to_owned(),
            ..NodePool::default()
        };
        pool.requirements.instance_categories = vec!["c".into(), "m".into(), "r".into()];
        pool.requirements.min_generation = Some(5);
        pool.requirements.capacity_types = vec![CapacityType::OnDemand];
        t.node_pools.push(pool);
    }
    for p in &mut t.node_pools {
        if !p.taints.iter().any(|x| x.key == TRANSITION_TAINT) {
            p.taints.push(Taint {
                key: TRANSITION_TAINT.to_owned(),
                value: None,
                effect: TaintEffect::NoSchedule,
            });
        }
    }
    t
}

fn kubernetes_files(
    plan: &Plan,
    options: &Options,
    prefix: &str,
    only: Option<&[&str]>,
    out: &mut Bundle,
) -> Result<usize, String> {
    let generated = crate::generate(plan, options);
    match generated.bundle {
        Ok(b) => {
            let mut n = 0;
            for (path, text) in b.files() {
                let wanted = only.is_none_or(|o| o.contains(&path));
                if path.starts_with("kubernetes/") && path != SAMPLE && path != NLB && wanted {
                    let rel = path.trim_start_matches("kubernetes/");
                    out.insert(format!("{prefix}/{rel}"), text);
                    n += 1;
                }
            }
            Ok(n)
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Build the bundle.
pub fn build(m: &Migration, options: &Options) -> Bundle {
    let mut b = Bundle::new();
    let plan_yaml = m
        .plan
        .to_yaml()
        .unwrap_or_else(|e| format!("# the plan could not be written: {e}\n"));
    b.insert(
        "plan.yaml",
        format!("# The imported cluster as a plan (eksplan migrate). Check it with eksplan check plan.yaml.\n{plan_yaml}"),
    );
    if m.import.snapshot.cluster.is_some() {
        let manifests = kubernetes_files(&m.plan, options, "kubernetes", None, &mut b);
        let already = m
            .import
            .snapshot
            .eks()
            .is_some_and(|c| c.auto_mode() == (true, true, true));
        let transition = if already && m.plan.node_pools.is_empty() {
            Ok(0)
        } else {
            kubernetes_files(
                &transition_plan(&m.plan),
                options,
                "transition",
                Some(&[NODECLASSES, NODEPOOLS]),
                &mut b,
            )
        };
        if let Err(e) = manifests.and(transition) {
            b.insert(
                "kubernetes/NOT-GENERATED.md",
                format!("# Manifests not generated\n\nThe converted plan has errors, so no manifests were written: {e}.\nFix them in plan.yaml (see readiness.md) and run `eksplan generate plan.yaml`.\n"),
            );
        }
    }
    b.insert("migrate.sh", runbook::migrate_sh(m));
    b.insert("way-back.md", runbook::way_back(m));
    b.insert("readiness.md", runbook::readiness_md(m));
    let json = serde_json::to_string_pretty(&m.findings).unwrap_or_else(|_| "[]".to_owned());
    b.insert("readiness.json", format!("{json}\n"));
    let mut files: Vec<String> = b.files().map(|(p, _)| p.to_owned()).collect();
    files.push("README.md".to_owned());
    files.sort();
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    b.insert("README.md", runbook::readme(m, &refs));
    b
}
