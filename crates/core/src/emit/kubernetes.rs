//! Kubernetes emitter: multi-document YAML files in apply order.

use serde::Serialize;

use crate::bundle::Bundle;
use crate::design::Design;

/// Manifest files, in the order `kubectl apply -f kubernetes/` reads them.
pub const NODECLASSES: &str = "kubernetes/00-nodeclasses.yaml";
/// Custom NodePools.
pub const NODEPOOLS: &str = "kubernetes/10-nodepools.yaml";
/// The StorageClass.
pub const STORAGECLASS: &str = "kubernetes/20-storageclass.yaml";
/// IngressClassParams + IngressClass.
pub const INGRESSCLASS: &str = "kubernetes/30-ingressclass.yaml";
/// Namespaces and ServiceAccounts of the Pod Identity associations.
pub const SERVICE_ACCOUNTS: &str = "kubernetes/40-service-accounts.yaml";
/// The directory of the examples: the files under it are not applied with
/// `kubectl apply -f kubernetes/`.
pub const EXAMPLES: &str = "kubernetes/examples/";
/// Sample workload (not applied with the directory).
pub const SAMPLE: &str = "kubernetes/examples/sample-workload.yaml";
/// NLB example (not applied with the directory).
pub const NLB: &str = "kubernetes/examples/nlb-service.yaml";
/// One example Deployment per custom NodePool (not applied with the directory).
pub const NODEPOOL_EXAMPLES: &str = "kubernetes/examples/nodepool-workloads.yaml";
/// One example Deployment per Pod Identity association (not applied with the directory).
pub const POD_IDENTITY_EXAMPLES: &str = "kubernetes/examples/pod-identity.yaml";

/// One YAML document, starting with `---`.
///
/// Kubernetes objects are serialised straight to YAML, not through
/// [`crate::textfmt`]'s `Value` pivot: nothing else serialises them in the
/// browser, so the pivot would save no code, and skipping it makes this
/// emitter about a third faster.
fn document<T: Serialize>(out: &mut String, obj: &T) {
    out.push_str("---\n");
    if let Err(e) = crate::textfmt::yaml_direct_into(out, obj) {
        out.push_str("# could not serialise this object: ");
        out.push_str(&e);
        out.push('\n');
    }
}

fn file<T: Serialize>(header: &str, objects: &[T]) -> String {
    let mut out = String::with_capacity(2048);
    for line in header.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    for o in objects {
        document(&mut out, o);
    }
    out
}

/// Write the manifests into `bundle`.
pub fn emit(design: &Design, bundle: &mut Bundle) {
    let k = &design.kubernetes;
    if !k.node_classes.is_empty() {
        bundle.insert(
            NODECLASSES,
            file(
                "Custom NodeClasses: how Auto Mode launches instances for your NodePools.",
                &k.node_classes,
            ),
        );
    }
    if !k.node_pools.is_empty() {
        bundle.insert(
            NODEPOOLS,
            file("Custom NodePools: which instances Auto Mode may launch, and when it replaces them.", &k.node_pools),
        );
    }
    if let Some(sc) = &k.storage_class {
        bundle.insert(
            STORAGECLASS,
            file(
                "EBS StorageClass on Auto Mode's built-in driver (EKS creates none).",
                std::slice::from_ref(sc),
            ),
        );
    }
    if let Some((params, class)) = &k.ingress {
        let mut text = file(
            "ALB IngressClass for Auto Mode's load balancer controller.",
            std::slice::from_ref(params),
        );
        document(&mut text, class);
        bundle.insert(INGRESSCLASS, text);
    }
    if !k.service_accounts.is_empty() {
        bundle.insert(
            SERVICE_ACCOUNTS,
            file(
                "The ServiceAccounts of the Pod Identity associations (and their Namespaces):\nEKS gives pods using them the associations' IAM roles.",
                &k.service_accounts,
            ),
        );
    }
    if !k.node_pool_examples.is_empty() {
        bundle.insert(
            NODEPOOL_EXAMPLES,
            file(
                "One Deployment per custom NodePool, pinned to it (node selector and tolerations).\nApply it on a new cluster: the pods stay Pending until Auto Mode starts the pool's\nfirst node, which proves the pool scales from zero. Delete it afterwards.",
                &k.node_pool_examples,
            ),
        );
    }
    if !k.pod_identity_examples.is_empty() {
        bundle.insert(
            POD_IDENTITY_EXAMPLES,
            file(
                "One Deployment per Pod Identity association, using its ServiceAccount: its log\nshows the IAM role the pod received (aws sts get-caller-identity) and lists the\nS3 prefixes it may read. Delete it afterwards.",
                &k.pod_identity_examples,
            ),
        );
    }
    if !k.sample_workload.is_empty() {
        bundle.insert(
            SAMPLE,
            file(
                "Sample workload: pods with requests and a PodDisruptionBudget.\nApply it on a new cluster and watch Auto Mode start nodes for it (scale from zero).",
                &k.sample_workload,
            ),
        );
    }
    if !k.nlb_example.is_empty() {
        bundle.insert(
            NLB,
            file(
                "Example Network Load Balancer: a Service of type LoadBalancer\nwith loadBalancerClass eks.amazonaws.com/nlb, and a small web server behind it.",
                &k.nlb_example,
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::Plan;
    use crate::{Options, generate};

    /// Long scalars (ARNs past serde-saphyr's 80-column folding default,
    /// annotations) stay on one line where kubectl users expect them.
    #[test]
    fn long_scalars_stay_on_one_line() {
        let cert =
            "arn:aws:acm:us-east-1:210987654321:certificate/11111111-2222-3333-4444-555555555555";
        let key = "arn:aws:kms:us-east-1:210987654321:key/0f0e0d0c-0b0a-0908-0706-050403020100-long-enough";
        let mut plan = Plan::default();
        plan.cluster.endpoint.public_access_cidrs = vec!["198.51.100.0/24".into()];
        plan.load_balancing.ingress_class.certificate_arns = vec![cert.into()];
        plan.storage.kms_key_arn = Some(key.into());
        let bundle = generate(&plan, &Options::default()).bundle.expect("bundle");
        for (path, value) in [
            (super::INGRESSCLASS, cert),
            (super::STORAGECLASS, key),
            ("plan.yaml", cert),
            ("plan.yaml", key),
        ] {
            let text = bundle.get(path).expect("file");
            assert!(
                text.lines().any(|l| l
                    .trim_start()
                    .trim_start_matches("- ")
                    .trim_start_matches("kmsKeyId: ")
                    .trim_start_matches("kms_key_arn: ")
                    == value),
                "{path}: `{value}` is not on one line:\n{text}"
            );
            assert!(
                !text.contains(">-") && !text.contains(": >"),
                "{path} folds a scalar:\n{text}"
            );
        }
    }
}
