//! `backend.tf`: where Terraform keeps its state.
//!
//! An S3 backend with S3's native lock file (`use_lockfile`, Terraform 1.10
//! and later) and server-side encryption; no DynamoDB table. Backend blocks
//! cannot read variables, so a bucket the plan does not name is left to
//! `terraform init -backend-config="bucket=NAME"` (partial configuration):
//! Terraform asks for it rather than falling back to a local file.

use super::super::hcl::{Block, Expr, File};
use super::{Tf, header};
use crate::design::StateStore;

/// `backend.tf`.
pub fn file(tf: &Tf) -> File {
    let mut f = header("Where Terraform keeps its state.");
    match &tf.design.state {
        StateStore::S3 {
            bucket,
            key,
            region,
        } => {
            f.comment(
                "An S3 bucket, encrypted, with S3's own lock object so two runs cannot overlap\n\
                 (use_lockfile needs Terraform 1.10 or later; no DynamoDB table). Create the\n\
                 bucket once as the README says: versioned, private, encrypted.",
            );
            let mut s3 = Block::new("backend", &["s3"]);
            s3 = match bucket {
                Some(b) => s3.attr("bucket", Expr::str(b.clone())),
                None => s3.comment(
                    "bucket: given at init, terraform -chdir=terraform init -backend-config=\"bucket=NAME\"",
                ),
            };
            s3 = s3
                .attr("key", Expr::str(key.clone()))
                .attr("region", Expr::str(region.clone()))
                .attr("encrypt", Expr::bool(true))
                .attr("use_lockfile", Expr::bool(true));
            f.push(Block::new("terraform", &[]).block(s3));
        }
        StateStore::Local => {
            f.comment(
                "The plan keeps the state in a local file (state.backend: local): terraform.tfstate\n\
                 next to this file. Nothing locks it and nobody else can use it; set\n\
                 state.backend: s3 in the plan and regenerate before anyone else deploys.",
            );
        }
    }
    f
}
