//! Rules for `cluster.component_logs` (vended logs of the Auto Mode
//! components).
//!
//! Source: EKS user guide `automode/auto-managed-component-logs` for the
//! four log types and the three API calls. The guide does not say which
//! ARN the delivery source names; the planner uses the cluster's, as the
//! AWS CDK's logs mixins for `CfnCluster` do, and CL025 says so.

use super::{Ctx, duplicates, syntax};
use crate::diag::{Code, Severity};
use crate::plan::LogDestination;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let c = &cx.plan.cluster.component_logs;
    let base = "cluster.component_logs";
    for (i, t) in duplicates(c.types.iter().map(|t| t.as_str())) {
        cx.report(
            Code::ComponentLogTypes,
            format!("{base}.types[{i}]"),
            format!("`{t}` is listed twice"),
            "List each log type once.",
        );
    }
    let bucket = c.bucket_arn.as_deref().filter(|b| !b.is_empty());
    match (c.destination, bucket) {
        (LogDestination::CloudwatchLogs, Some(_)) => cx.report_as(
            Severity::Warning,
            Code::ComponentLogDestination,
            format!("{base}.bucket_arn"),
            "a bucket is set but the destination is CloudWatch Logs: the bucket is ignored",
            "Use `destination: s3`, or remove `bucket_arn`.",
        ),
        (LogDestination::S3, Some(arn)) if !syntax::s3_bucket_arn(arn) => cx.report(
            Code::ComponentLogDestination,
            format!("{base}.bucket_arn"),
            format!("`{arn}` is not an S3 bucket ARN"),
            "Use `arn:aws:s3:::BUCKET` (no key prefix), or remove it and the bundle creates a bucket.",
        ),
        (LogDestination::S3, Some(arn)) if c.enabled() => cx.report(
            Code::ExistingLogBucket,
            format!("{base}.bucket_arn"),
            format!(
                "the bundle does not change `{arn}`: its policy must let delivery.logs.amazonaws.com put objects (CloudWatch Logs adds that statement itself when whoever deploys may read and change the bucket policy), and a bucket encrypted with a customer-managed key must let the service use the key"
            ),
            "Check the bucket policy (and key policy) before deploying, or let the bundle create the bucket.",
        ),
        _ => {}
    }
    if c.enabled() {
        cx.report(
            Code::ComponentLogDelivery,
            base,
            "component logs are CloudWatch vended logs, billed per GB delivered; the delivery sources name the cluster's ARN (the AWS CDK does the same; the EKS user guide does not say which ARN, so this is not confirmed there), and each source starts a cluster update, so the bundle creates them one at a time",
            "Nothing to do; if a delivery source is refused, check the EKS user guide page auto-managed-component-logs for the resource ARN.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    fn with(logs: ComponentLogs) -> Plan {
        let mut p = good();
        p.cluster.component_logs = logs;
        p
    }

    fn all() -> ComponentLogs {
        ComponentLogs {
            types: ComponentLogType::ALL.to_vec(),
            ..ComponentLogs::default()
        }
    }

    #[test]
    fn cl023_destination() {
        let p = with(ComponentLogs {
            destination: LogDestination::S3,
            bucket_arn: Some("arn:aws:s3:::Logs_Bucket".into()),
            ..all()
        });
        assert_reported(
            &p,
            Code::ComponentLogDestination,
            "cluster.component_logs.bucket_arn",
            Severity::Error,
        );
        let p = with(ComponentLogs {
            bucket_arn: Some("arn:aws:s3:::logs-bucket".into()),
            ..all()
        });
        assert_reported(
            &p,
            Code::ComponentLogDestination,
            "cluster.component_logs.bucket_arn",
            Severity::Warning,
        );
        let p = with(ComponentLogs {
            destination: LogDestination::S3,
            ..all()
        });
        assert_not_reported(&p, Code::ComponentLogDestination);
    }

    #[test]
    fn cl024_duplicate_types() {
        let mut logs = all();
        logs.types.push(ComponentLogType::Ipam);
        assert_reported(
            &with(logs),
            Code::ComponentLogTypes,
            "cluster.component_logs.types[4]",
            Severity::Error,
        );
        assert_not_reported(&with(all()), Code::ComponentLogTypes);
    }

    #[test]
    fn cl025_delivery_facts() {
        assert_reported(
            &with(all()),
            Code::ComponentLogDelivery,
            "cluster.component_logs",
            Severity::Info,
        );
        assert_not_reported(&good(), Code::ComponentLogDelivery);
    }

    #[test]
    fn cl026_existing_bucket() {
        let p = with(ComponentLogs {
            destination: LogDestination::S3,
            bucket_arn: Some("arn:aws:s3:::logs-bucket".into()),
            ..all()
        });
        assert_reported(
            &p,
            Code::ExistingLogBucket,
            "cluster.component_logs.bucket_arn",
            Severity::Info,
        );
        assert_not_reported(
            &with(ComponentLogs {
                destination: LogDestination::S3,
                ..all()
            }),
            Code::ExistingLogBucket,
        );
    }
}
