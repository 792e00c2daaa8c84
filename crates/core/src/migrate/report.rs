//! The readiness report arranged for reading: findings grouped by the
//! runbook step that deals with them, and what each input file was taken
//! for, with the findings that name it. The page's "I have a cluster" view
//! shows these; nothing here decides anything new.

use crate::diag::{Code, Diagnostic};

use super::Migration;

/// Runbook steps, in order, with the codes each one deals with.
pub const STEPS: &[(&str, &[Code])] = &[
    (
        "Inputs: what was collected",
        &[
            Code::ImportUnknownFile,
            Code::ImportMalformed,
            Code::ImportOtherCluster,
            Code::ImportKarpenterVersion,
            Code::ImportObject,
            Code::ImportDuplicate,
            Code::ImportNoCluster,
            Code::ImportNotDescribed,
            Code::ImportStepFailed,
            Code::ImportQuantity,
            Code::ImportInputMissing,
            Code::ImportArchive,
        ],
    ),
    (
        "Steps 1 and 2: prepare the cluster and enable Auto Mode",
        &[
            Code::MigrateVersionTooOld,
            Code::MigrateVersionSupport,
            Code::MigrateClusterRolePolicy,
            Code::MigrateTagSession,
            Code::MigrateConfigMapAuth,
            Code::MigrateAddonVersion,
            Code::MigrateKarpenterTooOld,
            Code::MigrateAlreadyAutoMode,
            Code::MigratePartialAutoMode,
            Code::MigrateOutposts,
        ],
    ),
    (
        "Steps 3 and 4: the new NodePools and moving workloads",
        &[
            Code::MigrateSmallInstances,
            Code::MigrateWindows,
            Code::MigrateRemoteAccess,
            Code::MigrateCustomAmi,
            Code::MigrateUserData,
            Code::MigrateUnmappedField,
            Code::MigrateExpireAfter,
            Code::MigrateLabelKey,
            Code::MigrateUnmappedRequirement,
            Code::MigrateNodeGroupPool,
            Code::MigrateHostNetwork,
            Code::MigrateNowhereToRun,
            Code::MigrateFargate,
        ],
    ),
    (
        "Step 5: draining node groups and Karpenter pools",
        &[Code::MigrateClusterAutoscaler, Code::MigratePdbBlocks],
    ),
    (
        "Step 6: load balancers and DNS",
        &[Code::MigrateLoadBalancer],
    ),
    ("Step 7: volumes", &[Code::MigrateVolume]),
    (
        "Step 8: removing what Auto Mode replaces",
        &[Code::MigrateIrsa, Code::MigrateReplacedComponent],
    ),
];

/// The title of the group of the converted plan's own findings.
pub const PLAN_GROUP: &str = "The converted plan (plan.yaml)";

/// The findings by runbook step (the plan's own last), errors first within
/// each; empty groups left out.
pub fn by_step(m: &Migration) -> Vec<(&'static str, Vec<&Diagnostic>)> {
    let mut groups: Vec<(&'static str, Vec<&Diagnostic>)> = STEPS
        .iter()
        .map(|(title, _)| (*title, Vec::new()))
        .collect();
    let mut plan = Vec::new();
    for d in &m.findings {
        match STEPS.iter().position(|(_, codes)| codes.contains(&d.code)) {
            Some(i) => groups[i].1.push(d),
            None => plan.push(d),
        }
    }
    groups.push((PLAN_GROUP, plan));
    groups.retain(|(_, list)| !list.is_empty());
    groups
}

/// One input file: what it was taken for, and the findings naming it.
#[derive(Clone, Debug)]
pub struct FileSummary<'a> {
    /// The name, as given.
    pub file: &'a str,
    /// The command whose output it is (or "not recognised").
    pub recognised_as: &'static str,
    /// Findings whose path is this file (or a position in it).
    pub findings: Vec<&'a Diagnostic>,
}

/// Every input file, in the order read.
pub fn files(m: &Migration) -> Vec<FileSummary<'_>> {
    m.import
        .files
        .iter()
        .map(|(file, kind)| FileSummary {
            file,
            recognised_as: kind.command(),
            findings: m
                .findings
                .iter()
                .filter(|d| {
                    d.path == *file
                        || d.path
                            .strip_prefix(file.as_str())
                            .is_some_and(|rest| rest.starts_with(':'))
                })
                .collect(),
        })
        .collect()
}

/// What the import holds, in a line (`cluster legacy (Kubernetes 1.31):
/// 2 node groups, 4 add-ons, ...`).
pub fn summary(m: &Migration) -> String {
    let s = &m.import.snapshot;
    let head = match s.eks() {
        Some(c) => format!("cluster {} (Kubernetes {})", c.name, c.version),
        None => "no cluster yet (add describe-cluster)".to_owned(),
    };
    let counts = [
        (s.node_groups.len(), "node group"),
        (s.addons.len(), "add-on"),
        (s.fargate_profiles.len(), "Fargate profile"),
        (s.kube.node_pools.len(), "Karpenter NodePool"),
        (s.kube.nodes.len(), "node"),
        (s.kube.pods.len(), "pod"),
        (s.kube.services.len(), "Service"),
        (s.kube.persistent_volumes.len(), "PersistentVolume"),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    if parts.is_empty() {
        head
    } else {
        format!("{head}: {}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_code_has_a_step() {
        for c in Code::ALL {
            let s = c.as_str();
            if s.starts_with("MI") || s.starts_with("MR") {
                assert!(
                    STEPS.iter().any(|(_, codes)| codes.contains(c)),
                    "{s} has no step"
                );
            }
        }
    }

    #[test]
    fn files_and_groups() {
        let import = crate::import::import([
            ("notes.txt".to_owned(), b"hello".to_vec()),
            (
                "describe-cluster.json".to_owned(),
                br#"{"cluster": {"name": "c", "version": "1.27", "arn": "arn:aws:eks:us-east-1:111122223333:cluster/c"}}"#.to_vec(),
            ),
        ]);
        let m = super::super::assess(import, &crate::validate::Options::default());
        let files = files(&m);
        assert_eq!(files[1].file, "notes.txt");
        assert_eq!(
            files[1].recognised_as,
            crate::import::FileKind::Unknown.command()
        );
        assert_eq!(files[1].findings[0].code, Code::ImportUnknownFile);
        let groups = by_step(&m);
        assert_eq!(groups[0].0, STEPS[0].0);
        assert!(groups.iter().any(|(t, l)| t.starts_with("Steps 1 and 2")
            && l.iter().any(|d| d.code == Code::MigrateVersionTooOld)));
        assert!(summary(&m).starts_with("cluster c (Kubernetes 1.27)"));
    }
}
