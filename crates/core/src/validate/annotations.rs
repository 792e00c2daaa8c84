//! Rules for load balancer annotations on Ingresses and Services that Auto
//! Mode's load balancer controller reconciles.
//!
//! The plan itself sets no annotations on Ingresses or Services; these
//! checks are for objects read from a running cluster (the importer) and
//! for any future plan field that carries annotations.

use std::collections::BTreeMap;

use crate::diag::{Code, Diagnostic, Severity};

/// The ALB annotation that tags load balancers (upstream AWS Load Balancer
/// Controller).
pub const ALB_TAGS_ANNOTATION: &str = "alb.ingress.kubernetes.io/tags";

/// The NLB annotation that tags load balancers and target groups.
pub const NLB_TAGS_ANNOTATION: &str =
    "service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags";

/// The kind of object the annotations are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnotatedKind {
    /// An Ingress of an `eks.amazonaws.com/alb` IngressClass.
    Ingress,
    /// A Service of type `LoadBalancer` with `eks.amazonaws.com/nlb`.
    Service,
}

/// Check the annotations of an Ingress or Service that Auto Mode's load
/// balancer controller will reconcile. `path` names the object (for example
/// `ingress/shop/web.metadata.annotations`); each finding's path adds the
/// annotation key.
pub fn load_balancer_annotations(
    kind: AnnotatedKind,
    annotations: &BTreeMap<String, String>,
    path: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |key: &str| format!("{path}.{key}");
    match kind {
        AnnotatedKind::Ingress => {
            if annotations.contains_key(ALB_TAGS_ANNOTATION) {
                // EKS user guide, auto-multi-cluster-target-groups: "Don't set
                // the alb.ingress.kubernetes.io/tags annotation. The
                // AmazonEKSLoadBalancingPolicy managed policy restricts
                // aws:TagKeys to an allowlist, so custom tags cause an access
                // denied error, and the controller can't reconcile them off.
                // This can cause the Ingress finalizer to become stuck on
                // delete."
                out.push(Diagnostic::new(
                    Code::AlbTagsAnnotation,
                    at(ALB_TAGS_ANNOTATION),
                    "Auto Mode's load-balancing policy allows only its own tag keys: the tags are refused (AccessDenied), the controller cannot reconcile them away, and the Ingress finalizer can stay stuck on delete",
                    "Remove the annotation and put the tags on the IngressClassParams (`load_balancing.ingress_class.tags`); the planner then adds the custom-tag policy to the cluster role.",
                ));
            }
        }
        AnnotatedKind::Service => {
            if annotations.contains_key(NLB_TAGS_ANNOTATION) {
                out.push(
                    Diagnostic::new(
                        Code::CustomTagPolicy,
                        at(NLB_TAGS_ANNOTATION),
                        "custom tags on Auto Mode load balancers need the custom-tag policy on the cluster role: AmazonEKSLoadBalancingPolicy lets Auto Mode set only its own tag keys",
                        "Attach the custom-tag policy from the EKS guide (auto-cluster-iam-role, \"Custom AWS tags for EKS Auto resources\") to the cluster role, or drop the annotation.",
                    )
                    .with_severity(Severity::Warning),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn lb011_alb_tags_annotation() {
        let a = map(&[
            (ALB_TAGS_ANNOTATION, "team=shop"),
            ("alb.ingress.kubernetes.io/scheme", "internet-facing"),
        ]);
        let d = load_balancer_annotations(AnnotatedKind::Ingress, &a, "ingress/shop/web");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, Code::AlbTagsAnnotation);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].path, "ingress/shop/web.alb.ingress.kubernetes.io/tags");
        let clean = map(&[("alb.ingress.kubernetes.io/scheme", "internal")]);
        assert!(load_balancer_annotations(AnnotatedKind::Ingress, &clean, "i").is_empty());
        // The ALB annotation means nothing on a Service.
        assert!(load_balancer_annotations(AnnotatedKind::Service, &a, "s").is_empty());
    }

    #[test]
    fn nc009_service_tags_need_the_custom_tag_policy() {
        let a = map(&[(NLB_TAGS_ANNOTATION, "team=shop")]);
        let d = load_balancer_annotations(AnnotatedKind::Service, &a, "service/shop/api");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            (d[0].code, d[0].severity),
            (Code::CustomTagPolicy, Severity::Warning)
        );
        assert!(load_balancer_annotations(AnnotatedKind::Ingress, &a, "i").is_empty());
    }
}
