//! The controllers Auto Mode replaces, found in the collected Deployments
//! (or, failing those, in running pods' images), with their versions.

use super::versions::{Version, image_repo, image_tag};
use crate::kube::Objects;

/// A controller that matters to the migration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ControllerKind {
    /// Self-managed Karpenter.
    Karpenter,
    /// Cluster Autoscaler.
    ClusterAutoscaler,
    /// The AWS Load Balancer Controller.
    LoadBalancerController,
}

impl ControllerKind {
    /// Its usual name.
    pub fn title(self) -> &'static str {
        match self {
            ControllerKind::Karpenter => "Karpenter",
            ControllerKind::ClusterAutoscaler => "Cluster Autoscaler",
            ControllerKind::LoadBalancerController => "AWS Load Balancer Controller",
        }
    }

    /// The controller an image runs, if it is one of these.
    pub fn of_image(image: &str) -> Option<ControllerKind> {
        let repo = image_repo(image);
        let last = repo.rsplit('/').next().unwrap_or(repo);
        if repo.ends_with("karpenter/controller") || last == "karpenter" {
            Some(ControllerKind::Karpenter)
        } else if last == "cluster-autoscaler" {
            Some(ControllerKind::ClusterAutoscaler)
        } else if last == "aws-load-balancer-controller" {
            Some(ControllerKind::LoadBalancerController)
        } else {
            None
        }
    }
}

/// One controller installation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Controller {
    /// What it is.
    pub kind: ControllerKind,
    /// Namespace.
    pub namespace: String,
    /// Deployment name (or the pod's owner name).
    pub name: String,
    /// The image tag, as written.
    pub tag: Option<String>,
    /// The tag as a version.
    pub version: Option<Version>,
    /// Replicas (0 when scaled down).
    pub replicas: u32,
}

/// Every controller found, sorted.
pub fn find(objects: &Objects) -> Vec<Controller> {
    let mut out: Vec<Controller> = Vec::new();
    for d in &objects.deployments {
        for image in &d.images {
            if let Some(kind) = ControllerKind::of_image(image) {
                let tag = image_tag(image).map(str::to_owned);
                out.push(Controller {
                    kind,
                    namespace: d.namespace.clone(),
                    name: d.name.clone(),
                    version: tag.as_deref().and_then(Version::parse),
                    tag,
                    replicas: d.replicas,
                });
                break;
            }
        }
    }
    for p in &objects.pods {
        let Some(owner) = &p.owner else { continue };
        for image in &p.images {
            let Some(kind) = ControllerKind::of_image(image) else {
                continue;
            };
            if out
                .iter()
                .any(|c| c.kind == kind && c.namespace == p.namespace && c.name == owner.name)
            {
                break;
            }
            let tag = image_tag(image).map(str::to_owned);
            out.push(Controller {
                kind,
                namespace: p.namespace.clone(),
                name: owner.name.clone(),
                version: tag.as_deref().and_then(Version::parse),
                tag,
                replicas: 1,
            });
            break;
        }
    }
    out.sort_by(|a, b| (a.kind, &a.namespace, &a.name).cmp(&(b.kind, &b.namespace, &b.name)));
    out.dedup_by(|a, b| a.kind == b.kind && a.namespace == b.namespace && a.name == b.name);
    out
}
