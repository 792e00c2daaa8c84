//! `collect.sh`: the read-only script that collects a cluster's state, as
//! one constant so the CLI (`eksplan migrate --print-collect-script`) and
//! the planner page show the same text.

/// The script.
pub const COLLECT_SCRIPT: &str = include_str!("collect.sh");

#[cfg(test)]
mod tests {
    use super::COLLECT_SCRIPT;

    #[test]
    fn collects_every_listed_input_and_only_reads() {
        for needle in [
            "eks describe-cluster",
            "eks list-nodegroups",
            "eks describe-nodegroup",
            "ec2 describe-launch-template-versions",
            "eks list-addons",
            "eks describe-addon",
            "eks list-fargate-profiles",
            "eks describe-fargate-profile",
            "eks list-access-entries",
            "iam get-role",
            "iam list-attached-role-policies",
            "nodepools.karpenter.sh",
            "ec2nodeclasses.karpenter.k8s.aws",
            "get deploy -A -o yaml",
            "nodes,pods,pv,pvc,storageclass,ingressclass,ingress,service,poddisruptionbudget -A -o json",
        ] {
            assert!(COLLECT_SCRIPT.contains(needle), "collect.sh lacks {needle}");
        }
        // Nothing that changes the cluster or AWS.
        for verb in [
            "kubectl apply",
            "kubectl delete",
            "kubectl patch",
            " create-",
            " update-cluster",
            " delete-",
            " attach-",
            " put-",
            "kubectl scale",
        ] {
            assert!(!COLLECT_SCRIPT.contains(verb), "collect.sh contains {verb}");
        }
        assert!(COLLECT_SCRIPT.contains(super::super::super::import::classify::COLLECT_LOG_HEADER));
    }
}
