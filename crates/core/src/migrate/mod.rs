//! **Migrate**: an existing EKS cluster (imported with [`crate::import`])
//! → a readiness report, a [`Plan`] for the planner (`cluster.mode:
//! existing`), Auto Mode NodeClasses and NodePools converted from what runs
//! today, and the migration bundle: the AWS CLI path (`migrate.sh`), a
//! runbook and the way back.
//!
//! ```text
//! collected files ──import──▶ Snapshot ──convert──▶ node_classes/node_pools
//!                                 │                        │
//!                                 └──readiness──▶ MR…      └──▶ Plan ──generate──▶ kubernetes/*.yaml
//! ```
//!
//! The Terraform takeover (import blocks, the `aws_eks_cluster` diff) is
//! not part of this release.

pub mod bundle;
pub mod collect;
pub mod controllers;
pub mod convert;
mod plan;
pub mod readiness;
pub mod runbook;
pub mod versions;

use std::fmt;

use crate::diag::{self, Diagnostic};
use crate::import::Import;
use crate::plan::Plan;
use crate::validate::Options;

/// The object a readiness finding is about; its text is the finding's
/// `path` (`nodegroup/apps`, `pod/shop/web-1`...).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ObjectRef {
    /// The EKS cluster.
    Cluster(String),
    /// An IAM role.
    IamRole(String),
    /// A managed node group.
    NodeGroup(String),
    /// An EKS add-on.
    Addon(String),
    /// A Fargate profile.
    FargateProfile(String),
    /// A Karpenter NodePool.
    NodePool(String),
    /// A Karpenter EC2NodeClass.
    Ec2NodeClass(String),
    /// A Deployment (a controller).
    Deployment(String, String),
    /// A workload: kind, namespace, name.
    Workload(String, String, String),
    /// A ServiceAccount.
    ServiceAccount(String, String),
    /// A Service.
    Service(String, String),
    /// An Ingress.
    Ingress(String, String),
    /// A PersistentVolume.
    PersistentVolume(String),
    /// A PodDisruptionBudget.
    Pdb(String, String),
    /// All objects of a kind (`nodes`).
    Kind(String),
}

impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObjectRef::Cluster(n) => write!(f, "cluster/{n}"),
            ObjectRef::IamRole(n) => write!(f, "iam-role/{n}"),
            ObjectRef::NodeGroup(n) => write!(f, "nodegroup/{n}"),
            ObjectRef::Addon(n) => write!(f, "addon/{n}"),
            ObjectRef::FargateProfile(n) => write!(f, "fargateprofile/{n}"),
            ObjectRef::NodePool(n) => write!(f, "nodepool/{n}"),
            ObjectRef::Ec2NodeClass(n) => write!(f, "ec2nodeclass/{n}"),
            ObjectRef::Deployment(ns, n) => write!(f, "deployment/{ns}/{n}"),
            ObjectRef::Workload(k, ns, n) => write!(f, "{}/{ns}/{n}", k.to_ascii_lowercase()),
            ObjectRef::ServiceAccount(ns, n) => write!(f, "serviceaccount/{ns}/{n}"),
            ObjectRef::Service(ns, n) => write!(f, "service/{ns}/{n}"),
            ObjectRef::Ingress(ns, n) => write!(f, "ingress/{ns}/{n}"),
            ObjectRef::PersistentVolume(n) => write!(f, "pv/{n}"),
            ObjectRef::Pdb(ns, n) => write!(f, "pdb/{ns}/{n}"),
            ObjectRef::Kind(k) => f.write_str(k),
        }
    }
}

/// Everything `eksplan migrate` works out from an import.
#[derive(Clone, Debug)]
pub struct Migration {
    /// The import (snapshot and `MI` findings).
    pub import: Import,
    /// Every finding: `MI` (input), `MR` (readiness and conversion) and the
    /// plan's own diagnostics, errors first.
    pub findings: Vec<Diagnostic>,
    /// The converted pools.
    pub conversion: convert::Conversion,
    /// The controllers found.
    pub controllers: Vec<controllers::Controller>,
    /// The plan.
    pub plan: Plan,
    /// The plan's validation diagnostics (also in `findings`).
    pub plan_diagnostics: Vec<Diagnostic>,
}

impl Migration {
    /// Whether any finding is an error (a blocker).
    pub fn has_blockers(&self) -> bool {
        diag::has_errors(&self.findings)
    }
}

/// Assess an import.
pub fn assess(import: Import, options: &Options) -> Migration {
    let s = &import.snapshot;
    let conversion = convert::convert(s);
    let controllers = controllers::find(&s.kube);
    let mut findings = import.findings.clone();
    findings.extend(readiness::check(
        s,
        &conversion,
        &controllers,
        options.today,
    ));
    findings.extend(conversion.findings.iter().cloned());
    let plan = plan::build(s, &conversion);
    let plan_diagnostics = if s.cluster.is_some() {
        crate::validate(&plan, options)
    } else {
        Vec::new()
    };
    // Plan rules written for new clusters that do not hold for one that
    // runs: its admins already exist (aws-auth or access entries), and an
    // Auto Mode StorageClass that exists is left alone.
    let keeps_storage = s
        .kube
        .storage_classes
        .iter()
        .any(|c| c.provisioner == crate::kube::storage::AUTO_MODE_EBS_DRIVER);
    let applies = |d: &&Diagnostic| {
        !(d.code == crate::diag::Code::NoClusterAdmin
            || (d.code == crate::diag::Code::NoStorageClass && keeps_storage))
    };
    findings.extend(
        plan_diagnostics
            .iter()
            .filter(applies)
            .cloned()
            .map(|mut d| {
                d.path = format!("plan.yaml:{}", d.path);
                d
            }),
    );
    diag::sort(&mut findings);
    findings.dedup();
    Migration {
        import,
        findings,
        conversion,
        controllers,
        plan,
        plan_diagnostics,
    }
}

#[cfg(test)]
mod tests;
