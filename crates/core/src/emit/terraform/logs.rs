//! `logs.tf`: vended log delivery of the Auto Mode components: the log
//! group or bucket that receives them, the delivery destination, and one
//! source and delivery per log type, created one at a time.

use super::super::hcl::{Block, Expr, File};
use super::vpc::log_group;
use super::{Tf, gates, header};
use crate::design::{Attr, Bucket, BucketEncryption, Kind, LogTarget};

/// `logs.tf`.
pub fn file(tf: &Tf) -> File {
    let design = tf.design;
    let mut f =
        header("Logs of the Auto Mode components (Karpenter, EBS CSI, load balancing, IPAM).");
    let Some(logs) = &design.component_logs else {
        return f;
    };
    match &logs.destination.target {
        LogTarget::LogGroup(k) => {
            if let Some(g) = design.log_group(k) {
                f.push(log_group(tf, g));
            }
        }
        LogTarget::Bucket(k) => {
            if let Some(b) = design.bucket(k) {
                bucket(tf, &mut f, b);
            }
        }
        LogTarget::ExistingBucket(_) => {
            f.comment("An existing bucket: its policy must let delivery.logs.amazonaws.com write.");
        }
    }
    let destination = &logs.destination;
    f.push(
        Block::new(
            "resource",
            &[
                "aws_cloudwatch_log_delivery_destination",
                &tf.label(Kind::LogDeliveryDestination, &destination.key),
            ],
        )
        .attr("name", Expr::str(destination.name.clone()))
        .block(Block::new("delivery_destination_configuration", &[]).attr(
            "destination_resource_arn",
            tf.value(&destination.target.arn()),
        )),
    );
    f.comment("One log type at a time: each delivery source starts an EKS cluster update.");
    for (s, d) in logs.sources.iter().zip(&logs.deliveries) {
        for g in gates::blocks(tf, &s.after.iter().collect::<Vec<_>>()) {
            f.push(g);
        }
        f.push(
            Block::new(
                "resource",
                &[
                    "aws_cloudwatch_log_delivery_source",
                    &tf.label(Kind::LogDeliverySource, &s.key),
                ],
            )
            .attr("name", Expr::str(s.name.clone()))
            .attr("log_type", Expr::str(s.log_type.as_str()))
            .attr("resource_arn", tf.value(&s.resource_arn))
            .blank()
            .attr(
                "depends_on",
                Expr::List(tf.depends_on(&s.after).into_iter().map(Expr::raw).collect()),
            ),
        );
        let mut delivery = Block::new(
            "resource",
            &[
                "aws_cloudwatch_log_delivery",
                &tf.label(Kind::LogDelivery, &d.key),
            ],
        )
        .attr(
            "delivery_source_name",
            tf.reference_expr(Kind::LogDeliverySource, &d.source, Attr::Name),
        )
        .attr(
            "delivery_destination_arn",
            tf.reference_expr(Kind::LogDeliveryDestination, &d.destination, Attr::Arn),
        );
        if !d.after.is_empty() {
            delivery = delivery.blank().attr(
                "depends_on",
                Expr::List(tf.depends_on(&d.after).into_iter().map(Expr::raw).collect()),
            );
        }
        f.push(delivery);
    }
    f
}

/// A bucket and its configuration resources.
fn bucket(tf: &Tf, f: &mut File, b: &Bucket) {
    let label = tf.label(Kind::Bucket, &b.key);
    let id = || tf.reference_expr(Kind::Bucket, &b.key, Attr::Id);
    f.comment(&format!(
        "{}: private, encrypted, versioned, expiring after {} days.",
        b.purpose, b.expire_after_days
    ));
    f.push(
        Block::new("resource", &["aws_s3_bucket", &label])
            .attr("bucket_prefix", Expr::str(b.name_prefix.clone()))
            .attr("force_destroy", Expr::bool(b.force_destroy)),
    );
    f.push(
        Block::new("resource", &["aws_s3_bucket_ownership_controls", &label])
            .attr("bucket", id())
            .block(
                Block::new("rule", &[]).attr("object_ownership", Expr::str("BucketOwnerEnforced")),
            ),
    );
    f.push(
        Block::new("resource", &["aws_s3_bucket_public_access_block", &label])
            .attr("bucket", id())
            .attr("block_public_acls", Expr::bool(true))
            .attr("block_public_policy", Expr::bool(true))
            .attr("ignore_public_acls", Expr::bool(true))
            .attr("restrict_public_buckets", Expr::bool(true)),
    );
    let default = match &b.encryption {
        BucketEncryption::Kms(key) => Block::new("apply_server_side_encryption_by_default", &[])
            .attr("sse_algorithm", Expr::str("aws:kms"))
            .attr("kms_master_key_id", tf.value(key)),
        BucketEncryption::S3Managed => Block::new("apply_server_side_encryption_by_default", &[])
            .attr("sse_algorithm", Expr::str("AES256")),
    };
    f.push(
        Block::new(
            "resource",
            &["aws_s3_bucket_server_side_encryption_configuration", &label],
        )
        .attr("bucket", id())
        .block(Block::new("rule", &[]).block(default).attr(
            "bucket_key_enabled",
            Expr::bool(matches!(b.encryption, BucketEncryption::Kms(_))),
        )),
    );
    f.push(
        Block::new("resource", &["aws_s3_bucket_versioning", &label])
            .attr("bucket", id())
            .block(Block::new("versioning_configuration", &[]).attr(
                "status",
                Expr::str(if b.versioning { "Enabled" } else { "Suspended" }),
            )),
    );
    f.push(
        Block::new(
            "resource",
            &["aws_s3_bucket_lifecycle_configuration", &label],
        )
        .attr("bucket", id())
        .block(
            Block::new("rule", &[])
                .attr("id", Expr::str("expire-logs"))
                .attr("status", Expr::str("Enabled"))
                .block(Block::new("filter", &[]))
                .block(Block::new("expiration", &[]).attr("days", Expr::num(b.expire_after_days)))
                .block(
                    Block::new("noncurrent_version_expiration", &[])
                        .attr("noncurrent_days", Expr::num(b.expire_after_days)),
                )
                .block(
                    Block::new("abort_incomplete_multipart_upload", &[])
                        .attr("days_after_initiation", Expr::num(1)),
                ),
        ),
    );
    let policy = format!("{label}_bucket");
    f.push(tf.policy_document(&policy, &b.policy));
    let policy_label = tf.label(Kind::BucketPolicy, &b.key);
    f.push(
        Block::new("resource", &["aws_s3_bucket_policy", &policy_label])
            .attr("bucket", id())
            .attr(
                "policy",
                Expr::raw(format!("data.aws_iam_policy_document.{policy}.json")),
            )
            .blank()
            .comment("A public-access block first, so the policy can never make the bucket public.")
            .attr(
                "depends_on",
                Expr::List(vec![Expr::raw(format!(
                    "aws_s3_bucket_public_access_block.{label}"
                ))]),
            ),
    );
}
