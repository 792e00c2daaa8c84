//! Rules for the `sample_workload` section.

use super::{Ctx, syntax};
use crate::diag::Code;
use crate::plan::{NatMode, NetworkMode};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let w = &cx.plan.sample_workload;
    if !w.enabled {
        return;
    }
    if !syntax::dns1123_label(&w.namespace) || w.namespace.starts_with("kube-") {
        cx.report(
            Code::WorkloadNamespace,
            "sample_workload.namespace",
            format!("`{}` is not a namespace the sample may create", w.namespace),
            "Use a lower-case DNS label that does not start with `kube-`.",
        );
    }
    for (field, value) in [("cpu", &w.cpu), ("memory", &w.memory)] {
        if syntax::quantity(value).is_none_or(|q| q <= 0.0) {
            cx.report(
                Code::WorkloadQuantity,
                format!("sample_workload.{field}"),
                format!("`{value}` is not a positive resource quantity"),
                "Use quantities such as `250m` (CPU) or `256Mi` (memory).",
            );
        }
    }
    if w.replicas == 0 || w.replicas > 1000 {
        cx.report(
            Code::WorkloadReplicas,
            "sample_workload.replicas",
            format!("{} replicas; the sample needs 1–1000", w.replicas),
            "Use 3 to see pods spread over nodes.",
        );
    }
    let private_only =
        cx.plan.network.mode == NetworkMode::Create && cx.plan.network.nat == NatMode::None;
    let first = w.image.split('/').next().unwrap_or_default();
    let registry_is_private_ecr = first.contains(".dkr.ecr.") && first.ends_with(".amazonaws.com");
    if private_only && !registry_is_private_ecr {
        cx.report(
            Code::WorkloadImage,
            "sample_workload.image",
            format!(
                "`{}` comes from outside AWS's private ECR; a VPC without NAT cannot pull it",
                w.image
            ),
            "Copy the image to a private ECR repository in the cluster's region.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    fn with_sample() -> Plan {
        let mut p = good();
        p.sample_workload.enabled = true;
        p
    }

    #[test]
    fn wl001_quantity() {
        let mut p = with_sample();
        p.sample_workload.cpu = "a lot".into();
        assert_reported(
            &p,
            Code::WorkloadQuantity,
            "sample_workload.cpu",
            Severity::Error,
        );
    }

    #[test]
    fn wl002_namespace() {
        let mut p = with_sample();
        p.sample_workload.namespace = "kube-system".into();
        assert_reported(
            &p,
            Code::WorkloadNamespace,
            "sample_workload.namespace",
            Severity::Error,
        );
    }

    #[test]
    fn wl003_image() {
        let mut p = with_sample();
        p.network.nat = NatMode::None;
        p.network.vpc_endpoints = true;
        assert_reported(
            &p,
            Code::WorkloadImage,
            "sample_workload.image",
            Severity::Warning,
        );
        p.sample_workload.image = "210987654321.dkr.ecr.us-east-1.amazonaws.com/nginx:1".into();
        assert_not_reported(&p, Code::WorkloadImage);
    }

    #[test]
    fn wl004_replicas() {
        let mut p = with_sample();
        p.sample_workload.replicas = 0;
        assert_reported(
            &p,
            Code::WorkloadReplicas,
            "sample_workload.replicas",
            Severity::Error,
        );
    }
}
