//! Whether a pod can run on a node, by the Kubernetes scheduler's static
//! rules: OS, node selector, required node affinity, taints and
//! allocatable resources. Other pods (affinity, spread, what already runs
//! there) are the caller's business.

use super::meta::tolerates_all;
use super::node::Node;
use super::pod::Pod;

/// Why a pod does not fit a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Misfit {
    /// The pod asks for another OS.
    Os(String),
    /// A `nodeSelector` entry the node's labels do not have.
    NodeSelector(String, String),
    /// No required node-affinity term matches.
    NodeAffinity,
    /// A `NoSchedule`/`NoExecute` taint the pod does not tolerate.
    Taint(String),
    /// More than the node's allocatable of a resource (`cpu`, `memory`,
    /// `ephemeral-storage` or an extended resource).
    Resources(String),
}

impl std::fmt::Display for Misfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Misfit::Os(os) => write!(f, "it needs {os} nodes"),
            Misfit::NodeSelector(k, v) => write!(f, "its nodeSelector {k}={v}"),
            Misfit::NodeAffinity => f.write_str("its required node affinity"),
            Misfit::Taint(t) => write!(f, "it does not tolerate taint {t}"),
            Misfit::Resources(r) => write!(f, "it requests more {r} than the node has"),
        }
    }
}

/// Whether `pod` could be scheduled on an empty `node`.
pub fn fits(pod: &Pod, node: &Node) -> Result<(), Misfit> {
    if let Some(os) = pod.required_os()
        && !node.os.is_empty()
        && os != node.os
    {
        return Err(Misfit::Os(os.to_owned()));
    }
    for (k, v) in &pod.node_selector {
        if node.labels.get(k) != Some(v) {
            return Err(Misfit::NodeSelector(k.clone(), v.clone()));
        }
    }
    if !pod.required_node_affinity.is_empty()
        && !pod
            .required_node_affinity
            .iter()
            .any(|t| t.matches(&node.name, &node.labels))
    {
        return Err(Misfit::NodeAffinity);
    }
    if !tolerates_all(&pod.tolerations, &node.taints) {
        let t = node
            .taints
            .iter()
            .find(|t| {
                t.effect != "PreferNoSchedule" && !pod.tolerations.iter().any(|x| x.tolerates(t))
            })
            .map(|t| format!("{}={}:{}", t.key, t.value, t.effect))
            .unwrap_or_default();
        return Err(Misfit::Taint(t));
    }
    let (r, a) = (&pod.requests, &node.allocatable);
    if r.cpu_m > a.cpu_m {
        return Err(Misfit::Resources("cpu".into()));
    }
    if r.memory_bytes > a.memory_bytes {
        return Err(Misfit::Resources("memory".into()));
    }
    if a.ephemeral_storage_bytes > 0 && r.ephemeral_storage_bytes > a.ephemeral_storage_bytes {
        return Err(Misfit::Resources("ephemeral-storage".into()));
    }
    for (name, want) in &r.extended {
        if *want > a.extended.get(name).copied().unwrap_or(0) {
            return Err(Misfit::Resources(name.clone()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kube::read_json;

    #[test]
    fn scheduler_rules() {
        let r = read_json(
            r#"{"kind": "List", "items": [
            {"kind": "Node", "metadata": {"name": "n", "labels": {"team": "a", "kubernetes.io/os": "linux"}},
             "spec": {"taints": [{"key": "gpu", "effect": "NoSchedule"}]},
             "status": {"allocatable": {"cpu": "2", "memory": "4Gi", "nvidia.com/gpu": "1"}, "nodeInfo": {"operatingSystem": "linux"}}},
            {"kind": "Pod", "metadata": {"name": "ok", "namespace": "x"}, "spec": {"nodeSelector": {"team": "a"},
             "tolerations": [{"key": "gpu", "operator": "Exists"}],
             "containers": [{"resources": {"requests": {"cpu": "1", "nvidia.com/gpu": "1"}}}]}},
            {"kind": "Pod", "metadata": {"name": "taint", "namespace": "x"}},
            {"kind": "Pod", "metadata": {"name": "big", "namespace": "x"}, "spec": {"tolerations": [{"operator": "Exists"}],
             "containers": [{"resources": {"requests": {"memory": "5Gi"}}}]}},
            {"kind": "Pod", "metadata": {"name": "sel", "namespace": "x"}, "spec": {"nodeSelector": {"team": "b"}}},
            {"kind": "Pod", "metadata": {"name": "win", "namespace": "x"}, "spec": {"nodeSelector": {"kubernetes.io/os": "windows"}}},
            {"kind": "Pod", "metadata": {"name": "aff", "namespace": "x"}, "spec": {"tolerations": [{"operator": "Exists"}],
             "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
               {"matchExpressions": [{"key": "team", "operator": "In", "values": ["c"]}]}]}}}}}
        ]}"#,
        );
        let node = &r.objects.nodes[0];
        let fit = |name: &str| {
            let p = r.objects.pods.iter().find(|p| p.name == name).expect("pod");
            fits(p, node)
        };
        assert_eq!(fit("ok"), Ok(()));
        assert!(matches!(fit("taint"), Err(Misfit::Taint(_))));
        assert_eq!(fit("big"), Err(Misfit::Resources("memory".into())));
        assert_eq!(
            fit("sel"),
            Err(Misfit::NodeSelector("team".into(), "b".into()))
        );
        assert_eq!(fit("win"), Err(Misfit::Os("windows".into())));
        assert_eq!(fit("aff"), Err(Misfit::NodeAffinity));
    }
}
