//! Where the deployment tool keeps its state.
//!
//! Target-neutral: Terraform writes an S3 backend block, Pulumi logs in to
//! `s3://bucket/key` (its self-managed backend), CloudFormation and CDK keep
//! their state in AWS and report a finding that the choice does not apply.

use serde::Serialize;

/// The state store of a design.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StateStore {
    /// An S3 bucket: versioned, encrypted, locked with S3's own lock object.
    S3 {
        /// The bucket, or `None` when the deployer names it at set-up time.
        bucket: Option<String>,
        /// The object key of the state.
        key: String,
        /// The bucket's region.
        region: String,
    },
    /// A file on the deployer's disk (the plan chose it: experiments only).
    Local,
}
