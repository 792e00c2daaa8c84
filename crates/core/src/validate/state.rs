//! Rules for the `state` section.

use super::{Ctx, syntax};
use crate::catalog::policies::REGIONS;
use crate::diag::Code;
use crate::plan::StateBackend;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let st = &cx.plan.state;
    match st.backend {
        StateBackend::Local => {
            cx.report(
                Code::LocalState,
                "state.backend",
                "the deployment tool keeps its state in a local file: nothing locks it, nobody else can use it, and losing it orphans the cluster",
                "Use `backend: s3` (the default) for anything but an experiment.",
            );
            for field in ["bucket", "key", "region"] {
                let set = match field {
                    "bucket" => st.bucket.is_some(),
                    "key" => st.key.is_some(),
                    _ => st.region.is_some(),
                };
                if set {
                    cx.report(
                        Code::StateBucket,
                        format!("state.{field}"),
                        format!("`{field}` is set, but the state is local"),
                        "Remove it, or use `backend: s3`.",
                    );
                }
            }
        }
        StateBackend::S3 => {
            if let Some(b) = &st.bucket
                && let Err(why) = syntax::s3_bucket_name(b)
            {
                cx.report(
                    Code::StateBucket,
                    "state.bucket",
                    format!("`{b}` {why}"),
                    "Use a bucket name such as `tfstate-210987654321-eu-west-1`, or leave it unset to name it at `terraform init`.",
                );
            }
            if let Some(k) = &st.key {
                let bad = k.is_empty()
                    || k.starts_with('/')
                    || k.ends_with('/')
                    || k.len() > 1024
                    || k.contains("//")
                    || k.chars().any(char::is_control);
                if bad {
                    cx.report(
                        Code::StateBucket,
                        "state.key",
                        format!("`{k}` is not a usable object key"),
                        "Use a path such as `eks/production/terraform.tfstate` (no leading or trailing `/`).",
                    );
                }
            }
            if let Some(r) = &st.region
                && !REGIONS.contains(&r.as_str())
            {
                cx.report(
                    Code::StateBucket,
                    "state.region",
                    format!("`{r}` is not a region this planner knows"),
                    "Use the bucket's region code, such as `eu-west-1`, or leave it unset for the cluster's region.",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    #[test]
    fn dp002_state_bucket() {
        let mut p = good();
        p.state.bucket = Some("Bad_Bucket".into());
        assert_reported(&p, Code::StateBucket, "state.bucket", Severity::Error);
        p.state.bucket = Some("tfstate-210987654321-us-east-1".into());
        assert_not_reported(&p, Code::StateBucket);
        p.state.key = Some("/eks/state".into());
        assert_reported(&p, Code::StateBucket, "state.key", Severity::Error);
        p.state.key = None;
        p.state.region = Some("mars-1".into());
        assert_reported(&p, Code::StateBucket, "state.region", Severity::Error);
    }

    #[test]
    fn dp003_local_state() {
        let mut p = good();
        p.state.backend = StateBackend::Local;
        assert_reported(&p, Code::LocalState, "state.backend", Severity::Warning);
        p.state.bucket = Some("tfstate-210987654321-us-east-1".into());
        assert_reported(&p, Code::StateBucket, "state.bucket", Severity::Error);
        assert_not_reported(&good(), Code::LocalState);
    }
}
