//! Pods: what runs today and what it needs to run elsewhere.

use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::BTreeMap;

use super::meta::{LabelSelector, MetaW, NodeSelectorTerm, Toleration};
use super::quantity::{ResourceListW, Resources};

/// Wire form of a Pod.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PodW {
    pub metadata: MetaW,
    pub spec: PodSpecW,
    pub status: PodStatusW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PodSpecW {
    pub node_name: String,
    pub containers: Vec<ContainerW>,
    pub init_containers: Vec<ContainerW>,
    pub overhead: ResourceListW,
    pub node_selector: BTreeMap<String, String>,
    pub tolerations: Vec<Toleration>,
    pub affinity: AffinityW,
    pub topology_spread_constraints: Vec<TopologySpread>,
    pub host_network: bool,
    pub volumes: Vec<VolumeW>,
    pub service_account_name: String,
    pub priority_class_name: String,
    pub scheduler_name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct ContainerW {
    pub name: String,
    pub image: String,
    pub resources: ContainerResourcesW,
    pub ports: Vec<PortW>,
    pub env: Vec<EnvW>,
    pub restart_policy: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ContainerResourcesW {
    pub requests: ResourceListW,
    pub limits: ResourceListW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PortW {
    pub container_port: u32,
    pub host_port: u32,
    pub protocol: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct EnvW {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct AffinityW {
    pub node_affinity: NodeAffinityW,
    pub pod_affinity: PodAffinityW,
    pub pod_anti_affinity: PodAffinityW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct NodeAffinityW {
    pub required_during_scheduling_ignored_during_execution: NodeSelectorW,
    pub preferred_during_scheduling_ignored_during_execution: Vec<PreferredNodeW>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct NodeSelectorW {
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PreferredNodeW {
    pub weight: i32,
    pub preference: NodeSelectorTerm,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PodAffinityW {
    pub required_during_scheduling_ignored_during_execution: Vec<PodAffinityTerm>,
    pub preferred_during_scheduling_ignored_during_execution: Vec<WeightedPodAffinityW>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct WeightedPodAffinityW {
    pub weight: i32,
    pub pod_affinity_term: PodAffinityTerm,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct VolumeW {
    pub name: String,
    pub persistent_volume_claim: Option<ClaimRefW>,
    pub ephemeral: Option<IgnoredAny>,
    pub host_path: Option<HostPathW>,
    pub empty_dir: Option<IgnoredAny>,
    pub config_map: Option<IgnoredAny>,
    pub secret: Option<IgnoredAny>,
    pub projected: Option<IgnoredAny>,
    pub downward_api: Option<IgnoredAny>,
    pub csi: Option<CsiW>,
    pub aws_elastic_block_store: Option<IgnoredAny>,
    pub nfs: Option<IgnoredAny>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct ClaimRefW {
    pub claim_name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct HostPathW {
    pub path: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CsiW {
    pub driver: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PodStatusW {
    pub phase: String,
}

/// A pod affinity or anti-affinity term.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodAffinityTerm {
    /// Pods this term is about.
    pub label_selector: LabelSelector,
    /// Namespaces to look in; empty means the pod's own namespace.
    pub namespaces: Vec<String>,
    /// Topology domain: `kubernetes.io/hostname`, `topology.kubernetes.io/zone`...
    pub topology_key: String,
}

/// A topology spread constraint.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TopologySpread {
    /// Largest allowed difference between domains.
    pub max_skew: u32,
    /// Domain label, for example `topology.kubernetes.io/zone`.
    pub topology_key: String,
    /// `DoNotSchedule` (hard) or `ScheduleAnyway` (soft).
    pub when_unsatisfiable: String,
    /// Pods counted.
    pub label_selector: LabelSelector,
    /// Fewest eligible domains.
    pub min_domains: Option<u32>,
}

impl TopologySpread {
    /// Whether the scheduler refuses to break it.
    pub fn is_hard(&self) -> bool {
        self.when_unsatisfiable != "ScheduleAnyway"
    }
}

/// The workload controller that owns a pod.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OwnerKind {
    /// A Deployment (resolved through its ReplicaSet).
    Deployment,
    /// A ReplicaSet not owned by a Deployment (its name has no template hash).
    ReplicaSet,
    /// A StatefulSet.
    StatefulSet,
    /// A DaemonSet: one pod per node, never moved by draining.
    DaemonSet,
    /// A Job (or a CronJob's Job).
    Job,
    /// A static (mirror) pod owned by its node.
    Node,
    /// Another controller kind, as written.
    Other(String),
}

impl OwnerKind {
    /// Kubernetes spelling.
    pub fn as_str(&self) -> &str {
        match self {
            OwnerKind::Deployment => "Deployment",
            OwnerKind::ReplicaSet => "ReplicaSet",
            OwnerKind::StatefulSet => "StatefulSet",
            OwnerKind::DaemonSet => "DaemonSet",
            OwnerKind::Job => "Job",
            OwnerKind::Node => "Node",
            OwnerKind::Other(s) => s,
        }
    }
}

/// A pod's controller.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Owner {
    /// Kind.
    pub kind: OwnerKind,
    /// Name (the Deployment's, not the ReplicaSet's).
    pub name: String,
}

/// What a volume of a pod is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VolumeSource {
    /// A PersistentVolumeClaim, by claim name.
    Claim(String),
    /// A generic ephemeral volume (its claim is `<pod>-<volume>`).
    Ephemeral,
    /// A node path.
    HostPath(String),
    /// An inline CSI volume of this driver.
    Csi(String),
    /// An inline in-tree EBS volume.
    AwsEbs,
    /// NFS.
    Nfs,
    /// `emptyDir`, ConfigMap, Secret, projected or downward API: goes with the pod.
    Local,
    /// Something else.
    Other,
}

/// One volume of a pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Volume {
    /// Volume name in the pod.
    pub name: String,
    /// Its source.
    pub source: VolumeSource,
}

/// `status.phase`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PodPhase {
    /// Accepted, not running yet (also unscheduled).
    Pending,
    /// Running.
    Running,
    /// Finished successfully.
    Succeeded,
    /// Finished with an error.
    Failed,
    /// Unknown or missing.
    Unknown,
}

impl PodPhase {
    fn parse(s: &str) -> Self {
        match s {
            "Pending" => Self::Pending,
            "Running" => Self::Running,
            "Succeeded" => Self::Succeeded,
            "Failed" => Self::Failed,
            _ => Self::Unknown,
        }
    }

    /// Whether the pod still holds (or waits for) node resources.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Pending | Self::Running | Self::Unknown)
    }
}

/// How a pod gets AWS credentials through IAM Roles for Service Accounts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IrsaUse {
    /// `AWS_ROLE_ARN` in a container's environment (set by the EKS pod
    /// identity webhook), when present.
    pub role_arn: Option<String>,
    /// `AWS_WEB_IDENTITY_TOKEN_FILE` is set.
    pub token_file: bool,
}

/// One pod, as `kubectl get pods -A -o json` shows it.
///
/// [`Pod::requests`] is what the scheduler reserves: the sum of the
/// containers (plus restartable "sidecar" init containers), or the largest
/// init container if that is more, plus the runtime-class overhead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pod {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Labels (PDBs, affinity and spread select by them).
    pub labels: BTreeMap<String, String>,
    /// The workload controller, if any.
    pub owner: Option<Owner>,
    /// Effective requests.
    pub requests: Resources,
    /// Effective limits, computed the same way (zero where unset).
    pub limits: Resources,
    /// The node it runs on, if scheduled.
    pub node_name: Option<String>,
    /// Phase.
    pub phase: PodPhase,
    /// `nodeSelector`.
    pub node_selector: BTreeMap<String, String>,
    /// Tolerations.
    pub tolerations: Vec<Toleration>,
    /// Required node affinity: the pod fits a node matching any term.
    pub required_node_affinity: Vec<NodeSelectorTerm>,
    /// Preferred node affinity terms with their weight.
    pub preferred_node_affinity: Vec<(i32, NodeSelectorTerm)>,
    /// Required pod affinity terms.
    pub pod_affinity: Vec<PodAffinityTerm>,
    /// Required pod anti-affinity terms.
    pub pod_anti_affinity: Vec<PodAffinityTerm>,
    /// Preferred (soft) pod anti-affinity terms.
    pub preferred_pod_anti_affinity: Vec<PodAffinityTerm>,
    /// Topology spread constraints.
    pub topology_spread: Vec<TopologySpread>,
    /// Host ports its containers bind.
    pub host_ports: Vec<u32>,
    /// `hostNetwork: true`.
    pub host_network: bool,
    /// Volumes.
    pub volumes: Vec<Volume>,
    /// Service account name.
    pub service_account: String,
    /// IRSA through the webhook-injected environment, if any.
    pub irsa: Option<IrsaUse>,
    /// Container images (init containers first).
    pub images: Vec<String>,
    /// `priorityClassName`.
    pub priority_class: String,
    /// `karpenter.sh/do-not-disrupt: "true"`.
    pub do_not_disrupt: bool,
}

/// `kubernetes.io/os` required by the pod, if it says.
pub const OS_LABEL: &str = "kubernetes.io/os";

impl Pod {
    pub(crate) fn from_wire(w: PodW) -> (Pod, Vec<String>) {
        let mut bad = Vec::new();
        let spec = w.spec;
        let mut read = |list: &ResourceListW| {
            let (r, b) = Resources::from_wire(list);
            bad.extend(b);
            r
        };
        let mut app = (Resources::default(), Resources::default());
        let mut sidecars = (Resources::default(), Resources::default());
        let mut init_peak = (Resources::default(), Resources::default());
        let mut irsa: Option<IrsaUse> = None;
        let mut host_ports = Vec::new();
        let mut images = Vec::new();
        let container_reqs = |c: &ContainerW, read: &mut dyn FnMut(&ResourceListW) -> Resources| {
            // Requests default to limits, as the API server does.
            let mut merged = c.resources.requests.clone();
            for (name, q) in &c.resources.limits {
                merged.entry(name.clone()).or_insert_with(|| q.clone());
            }
            (read(&merged), read(&c.resources.limits))
        };
        for c in &spec.init_containers {
            let (req, lim) = container_reqs(c, &mut read);
            if c.restart_policy == "Always" {
                sidecars.0.add(&req);
                sidecars.1.add(&lim);
            } else {
                let mut r = req;
                r.add(&sidecars.0);
                init_peak.0.max_with(&r);
                let mut l = lim;
                l.add(&sidecars.1);
                init_peak.1.max_with(&l);
            }
        }
        for c in &spec.containers {
            let (req, lim) = container_reqs(c, &mut read);
            app.0.add(&req);
            app.1.add(&lim);
        }
        for c in spec.init_containers.iter().chain(&spec.containers) {
            images.push(c.image.clone());
            host_ports.extend(c.ports.iter().map(|p| p.host_port).filter(|p| *p > 0));
            for e in &c.env {
                match e.name.as_str() {
                    "AWS_ROLE_ARN" => {
                        irsa.get_or_insert_with(IrsaUse::default).role_arn =
                            Some(e.value.clone()).filter(|v| !v.is_empty());
                    }
                    "AWS_WEB_IDENTITY_TOKEN_FILE" => {
                        irsa.get_or_insert_with(IrsaUse::default).token_file = true;
                    }
                    _ => {}
                }
            }
        }
        let overhead = read(&spec.overhead);
        let mut requests = app.0;
        requests.add(&sidecars.0);
        requests.max_with(&init_peak.0);
        requests.add(&overhead);
        let mut limits = app.1;
        limits.add(&sidecars.1);
        limits.max_with(&init_peak.1);
        limits.add(&overhead);
        host_ports.sort_unstable();
        host_ports.dedup();

        let volumes = spec
            .volumes
            .into_iter()
            .map(|v| {
                let source = if let Some(c) = v.persistent_volume_claim {
                    VolumeSource::Claim(c.claim_name)
                } else if v.ephemeral.is_some() {
                    VolumeSource::Ephemeral
                } else if let Some(h) = v.host_path {
                    VolumeSource::HostPath(h.path)
                } else if let Some(c) = v.csi {
                    VolumeSource::Csi(c.driver)
                } else if v.aws_elastic_block_store.is_some() {
                    VolumeSource::AwsEbs
                } else if v.nfs.is_some() {
                    VolumeSource::Nfs
                } else if v.empty_dir.is_some()
                    || v.config_map.is_some()
                    || v.secret.is_some()
                    || v.projected.is_some()
                    || v.downward_api.is_some()
                {
                    VolumeSource::Local
                } else {
                    VolumeSource::Other
                };
                Volume {
                    name: v.name,
                    source,
                }
            })
            .collect();

        let meta = w.metadata;
        let owner = resolve_owner(&meta, meta.labels.get("pod-template-hash"));
        let aff = spec.affinity;
        let pod = Pod {
            namespace: meta.namespace,
            name: meta.name,
            do_not_disrupt: meta
                .annotations
                .0
                .get("karpenter.sh/do-not-disrupt")
                .is_some_and(|v| v == "true"),
            labels: meta.labels,
            owner,
            requests,
            limits,
            node_name: Some(spec.node_name).filter(|n| !n.is_empty()),
            phase: PodPhase::parse(&w.status.phase),
            node_selector: spec.node_selector,
            tolerations: spec.tolerations,
            required_node_affinity: aff
                .node_affinity
                .required_during_scheduling_ignored_during_execution
                .node_selector_terms,
            preferred_node_affinity: aff
                .node_affinity
                .preferred_during_scheduling_ignored_during_execution
                .into_iter()
                .map(|p| (p.weight, p.preference))
                .collect(),
            pod_affinity: aff
                .pod_affinity
                .required_during_scheduling_ignored_during_execution,
            pod_anti_affinity: aff
                .pod_anti_affinity
                .required_during_scheduling_ignored_during_execution,
            preferred_pod_anti_affinity: aff
                .pod_anti_affinity
                .preferred_during_scheduling_ignored_during_execution
                .into_iter()
                .map(|p| p.pod_affinity_term)
                .collect(),
            topology_spread: spec.topology_spread_constraints,
            host_ports,
            host_network: spec.host_network,
            volumes,
            service_account: if spec.service_account_name.is_empty() {
                "default".to_owned()
            } else {
                spec.service_account_name
            },
            irsa,
            images,
            priority_class: spec.priority_class_name,
        };
        (pod, bad)
    }

    /// `namespace/name`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }

    /// Whether a DaemonSet runs it (it moves with nodes, not with draining).
    pub fn is_daemon(&self) -> bool {
        self.owner
            .as_ref()
            .is_some_and(|o| o.kind == OwnerKind::DaemonSet)
    }

    /// The OS the pod asks for (`nodeSelector` or required affinity on
    /// `kubernetes.io/os`), if any.
    pub fn required_os(&self) -> Option<&str> {
        if let Some(os) = self.node_selector.get(OS_LABEL) {
            return Some(os);
        }
        self.required_node_affinity.iter().find_map(|t| {
            t.match_expressions
                .iter()
                .find(|r| r.key == OS_LABEL && r.operator == "In" && r.values.len() == 1)
                .map(|r| r.values[0].as_str())
        })
    }

    /// Claim names of its PersistentVolumeClaims (generic ephemeral volumes
    /// included, under the name Kubernetes gives them).
    pub fn claim_names(&self) -> impl Iterator<Item = String> + '_ {
        self.volumes.iter().filter_map(|v| match &v.source {
            VolumeSource::Claim(c) => Some(c.clone()),
            VolumeSource::Ephemeral => Some(format!("{}-{}", self.name, v.name)),
            _ => None,
        })
    }
}

/// The workload behind a pod: a ReplicaSet whose name ends in the pod's
/// `pod-template-hash` belongs to the Deployment of the same name without
/// the hash.
fn resolve_owner(meta: &MetaW, template_hash: Option<&String>) -> Option<Owner> {
    let r = meta
        .owner_references
        .iter()
        .find(|o| o.controller)
        .or_else(|| meta.owner_references.first())?;
    let (kind, name) = match r.kind.as_str() {
        "ReplicaSet" => {
            let deployment = template_hash
                .and_then(|h| r.name.strip_suffix(h.as_str()))
                .and_then(|n| n.strip_suffix('-'))
                .filter(|n| !n.is_empty());
            match deployment {
                Some(d) => (OwnerKind::Deployment, d.to_owned()),
                None => (OwnerKind::ReplicaSet, r.name.clone()),
            }
        }
        "StatefulSet" => (OwnerKind::StatefulSet, r.name.clone()),
        "DaemonSet" => (OwnerKind::DaemonSet, r.name.clone()),
        "Job" => (OwnerKind::Job, r.name.clone()),
        "Node" => (OwnerKind::Node, r.name.clone()),
        other => (OwnerKind::Other(other.to_owned()), r.name.clone()),
    };
    Some(Owner { kind, name })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(json: &str) -> Pod {
        let w: PodW = serde_json::from_str(json).expect("pod json");
        Pod::from_wire(w).0
    }

    #[test]
    fn requests_sum_containers_and_take_the_largest_init_container() {
        let p = pod(r#"{
          "metadata": {"name": "web-5d8f7c9b4-x2x", "namespace": "shop",
            "labels": {"app": "web", "pod-template-hash": "5d8f7c9b4"},
            "ownerReferences": [{"kind": "ReplicaSet", "name": "web-5d8f7c9b4", "controller": true}]},
          "spec": {
            "initContainers": [
              {"name": "migrate", "image": "m:1", "resources": {"requests": {"cpu": "2", "memory": "64Mi"}}},
              {"name": "proxy", "image": "p:1", "restartPolicy": "Always", "resources": {"requests": {"cpu": "100m"}}}
            ],
            "containers": [
              {"name": "a", "image": "a:1", "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}}},
              {"name": "b", "image": "b:1", "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}},
               "ports": [{"containerPort": 80, "hostPort": 8080}],
               "env": [{"name": "AWS_ROLE_ARN", "value": "arn:aws:iam::111122223333:role/web"},
                       {"name": "AWS_WEB_IDENTITY_TOKEN_FILE", "value": "/var/run/secrets/token"}]}
            ],
            "overhead": {"cpu": "10m"},
            "nodeName": "ip-10-0-1-5",
            "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": "data-web"}},
                        {"name": "tmp", "emptyDir": {}}]
          },
          "status": {"phase": "Running"}
        }"#);
        // Containers 750m + sidecar 100m = 850m; the init container needs
        // 2000m; plus 10m overhead.
        assert_eq!(p.requests.cpu_m, 2010);
        assert_eq!(p.requests.memory_bytes, 384 * 1024 * 1024);
        assert_eq!(
            p.owner,
            Some(Owner {
                kind: OwnerKind::Deployment,
                name: "web".into()
            })
        );
        assert_eq!(p.host_ports, vec![8080]);
        assert_eq!(
            p.irsa.as_ref().and_then(|i| i.role_arn.as_deref()),
            Some("arn:aws:iam::111122223333:role/web")
        );
        assert_eq!(p.claim_names().collect::<Vec<_>>(), ["data-web"]);
        assert_eq!(p.node_name.as_deref(), Some("ip-10-0-1-5"));
        assert_eq!(p.phase, PodPhase::Running);
        assert_eq!(p.images.len(), 4);
        assert_eq!(p.service_account, "default");
    }

    #[test]
    fn owners_other_than_deployments() {
        let p = pod(
            r#"{"metadata": {"name": "x", "ownerReferences": [{"kind": "ReplicaSet", "name": "plain"}]}}"#,
        );
        assert_eq!(p.owner.map(|o| o.kind), Some(OwnerKind::ReplicaSet));
        let p = pod(
            r#"{"metadata": {"name": "x", "ownerReferences": [{"kind": "DaemonSet", "name": "d", "controller": true}]}}"#,
        );
        assert!(p.is_daemon());
        let p = pod(
            r#"{"metadata": {"name": "x"}, "spec": {"nodeSelector": {"kubernetes.io/os": "windows"}}}"#,
        );
        assert_eq!(p.owner, None);
        assert_eq!(p.required_os(), Some("windows"));
        assert_eq!(p.phase, PodPhase::Unknown);
    }
}
