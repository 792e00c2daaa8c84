//! Vended log delivery of the Auto Mode components: the log group or the
//! bucket that receives them, the KMS key statements they need, and the
//! sources and deliveries, one at a time.

use super::{CLUSTER_KEY, fit_name, note};
use crate::design::{
    Attr, Bucket, BucketEncryption, CapabilitySpec, ComponentLogs, Dependency, InputId, Key, Kind,
    KmsKey, LogDeliverySpec, LogDestinationSpec, LogGroup, LogSourceSpec, LogTarget, Note, Part,
    PolicyDocument, Principal, PrincipalKind, Ref, Statement, Value,
};
use crate::plan::{ComponentLogType, KeyMode, LogDestination, Plan};

/// Key of the component log group, bucket and destination.
pub(crate) const COMPONENT_LOGS: &str = "component_logs";

/// The service that delivers vended logs.
const DELIVERY_SERVICE: &str = "delivery.logs.amazonaws.com";

fn text(s: &str) -> Part {
    Part::Text(s.to_owned())
}

/// The log types to deliver, in the user guide's order, each once.
fn types(plan: &Plan) -> Vec<ComponentLogType> {
    ComponentLogType::ALL
        .iter()
        .copied()
        .filter(|t| plan.cluster.component_logs.types.contains(t))
        .collect()
}

/// Whether the bundle creates a bucket for the component logs.
fn creates_bucket(plan: &Plan) -> bool {
    let c = &plan.cluster.component_logs;
    c.enabled()
        && c.destination == LogDestination::S3
        && c.bucket_arn.as_deref().is_none_or(str::is_empty)
}

/// The log group that receives component logs, when the plan sends them to
/// CloudWatch Logs.
pub(super) fn log_group(plan: &Plan) -> Option<LogGroup> {
    let c = &plan.cluster;
    (c.component_logs.enabled() && c.component_logs.destination == LogDestination::CloudwatchLogs)
        .then(|| LogGroup {
            key: Key::new(COMPONENT_LOGS),
            // Names under /aws/vendedlogs/ share one CloudWatch Logs resource
            // policy for delivery.logs.amazonaws.com instead of one each.
            name: Value(vec![
                text("/aws/vendedlogs/eks/"),
                Part::Input(InputId::ClusterName),
                text("/auto-mode"),
            ]),
            retention_in_days: c.log_retention_days,
            kms_key_arn: (c.secrets_encryption.mode == KeyMode::Create)
                .then(|| Value::reference(Kind::KmsKey, super::cluster::SECRETS_KEY, Attr::Arn)),
        })
}

/// `aws:SourceAccount` and `aws:SourceArn` conditions limiting a statement
/// to deliveries of this account in this region.
fn from_this_account(s: Statement) -> Statement {
    s.when(
        "StringEquals",
        "aws:SourceAccount",
        vec![Value(vec![Part::AccountId])],
    )
    .when(
        "ArnLike",
        "aws:SourceArn",
        vec![Value(vec![
            text("arn:"),
            Part::Partition,
            text(":logs:"),
            Part::Region,
            text(":"),
            Part::AccountId,
            text(":*"),
        ])],
    )
}

fn delivery_service() -> Vec<Principal> {
    vec![Principal {
        kind: PrincipalKind::Service,
        identifiers: vec![Value::lit(DELIVERY_SERVICE)],
    }]
}

/// Statements the secrets key needs when it also encrypts the component log
/// bucket: the delivery service writes SSE-KMS objects (CloudWatch Logs
/// user guide, "Logs sent to Amazon S3", server-side encryption).
pub(super) fn key_statements(plan: &Plan) -> Vec<Statement> {
    if !creates_bucket(plan) || plan.cluster.secrets_encryption.mode != KeyMode::Create {
        return Vec::new();
    }
    vec![from_this_account(Statement {
        principals: delivery_service(),
        ..Statement::allow(
            &[
                "kms:Encrypt",
                "kms:Decrypt",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey*",
                "kms:DescribeKey",
            ],
            vec![Value::lit("*")],
        )
        .sid("VendedLogsDeliveryUse")
    })]
}

/// A bucket name prefix from the cluster name: S3 allows lower-case
/// letters, digits and `-` (no `_`, no upper case); Terraform's
/// `bucket_prefix` at most 37 characters.
fn bucket_prefix(cluster: &str) -> String {
    let mut base: String = cluster
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let suffix = "-auto-mode-logs-";
    base.truncate(37 - suffix.len());
    let base = base.trim_matches('-');
    let base = if base.is_empty() { "eks" } else { base };
    format!("{base}{suffix}")
}

/// The bucket the bundle creates for component logs, if any.
pub(super) fn bucket(plan: &Plan, kms_keys: &[KmsKey], notes: &mut Vec<Note>) -> Option<Bucket> {
    if !creates_bucket(plan) {
        return None;
    }
    let key = Key::new(COMPONENT_LOGS);
    let bucket_arn = Value::reference(Kind::Bucket, &key, Attr::Arn);
    let mut objects = bucket_arn.clone();
    objects.0.push(text("/AWSLogs/"));
    objects.0.push(Part::AccountId);
    objects.0.push(text("/*"));
    let encryption = match kms_keys
        .iter()
        .find(|k| k.key == super::cluster::SECRETS_KEY)
    {
        Some(k) => BucketEncryption::Kms(Value::reference(Kind::KmsKey, &k.key, Attr::Arn)),
        None => BucketEncryption::S3Managed,
    };
    let days = plan.cluster.log_retention_days;
    note(
        notes,
        "Component logs",
        format!(
            "Component logs go to a bucket the bundle creates: public access blocked, ACLs disabled, {}, versioned, objects and old versions expire after {days} days (the cluster's log retention). Its policy lets only delivery.logs.amazonaws.com write, under AWSLogs/<account>/, for deliveries of this account and region. Tearing the cluster down deletes the bucket and its logs, as it deletes the log groups.",
            match encryption {
                BucketEncryption::Kms(_) => "encrypted with the secrets key",
                BucketEncryption::S3Managed => "encrypted with S3-managed keys",
            }
        ),
    );
    Some(Bucket {
        key,
        purpose: "Auto Mode component logs".to_owned(),
        name_prefix: bucket_prefix(&plan.cluster.name),
        encryption,
        versioning: true,
        expire_after_days: days,
        force_destroy: true,
        policy: PolicyDocument {
            statements: vec![
                from_this_account(
                    Statement {
                        principals: delivery_service(),
                        ..Statement::allow(&["s3:PutObject"], vec![objects])
                            .sid("AWSLogDeliveryWrite")
                    }
                    .when(
                        "StringEquals",
                        "s3:x-amz-acl",
                        vec![Value::lit("bucket-owner-full-control")],
                    ),
                ),
                from_this_account(Statement {
                    principals: delivery_service(),
                    ..Statement::allow(&["s3:GetBucketAcl", "s3:ListBucket"], vec![bucket_arn])
                        .sid("AWSLogDeliveryAclCheck")
                }),
            ],
        },
    })
}

/// The component log delivery of a design, when on.
pub(super) fn resolve(
    plan: &Plan,
    capabilities: &[CapabilitySpec],
    buckets: &[Bucket],
    notes: &mut Vec<Note>,
) -> Option<ComponentLogs> {
    let c = &plan.cluster.component_logs;
    let types = types(plan);
    if types.is_empty() {
        return None;
    }
    let cluster_name = &plan.cluster.name;
    let target = match c.destination {
        LogDestination::CloudwatchLogs => LogTarget::LogGroup(Key::new(COMPONENT_LOGS)),
        LogDestination::S3 => match buckets.iter().find(|b| b.key == COMPONENT_LOGS) {
            Some(b) => LogTarget::Bucket(b.key.clone()),
            None => LogTarget::ExistingBucket(c.bucket_arn.clone().unwrap_or_default()),
        },
    };
    let destination = LogDestinationSpec {
        key: Key::new(COMPONENT_LOGS),
        name: fit_name(&format!("{cluster_name}-auto-mode-logs"), 60),
        target,
    };
    // The first source waits for the cluster (and the capabilities, whose
    // creation is a cluster change too) to settle; each later one for the
    // delivery before it.
    let mut previous: Vec<Ref> = if capabilities.is_empty() {
        vec![Ref::new(Kind::Cluster, CLUSTER_KEY)]
    } else {
        capabilities
            .iter()
            .map(|c| Ref::new(Kind::Capability, &c.key))
            .collect()
    };
    let mut sources = Vec::new();
    let mut deliveries = Vec::new();
    for t in &types {
        let key = Key::from_text(t.word());
        sources.push(LogSourceSpec {
            key: key.clone(),
            name: fit_name(&format!("{cluster_name}-{}", t.word()), 60),
            log_type: *t,
            resource_arn: Value::reference(Kind::Cluster, CLUSTER_KEY, Attr::Arn),
            after: previous.drain(..).map(Dependency::Settled).collect(),
        });
        deliveries.push(LogDeliverySpec {
            key: key.clone(),
            source: key.clone(),
            destination: destination.key.clone(),
            after: match &destination.target {
                LogTarget::Bucket(b) => vec![Dependency::Object(Ref::new(Kind::BucketPolicy, b))],
                _ => Vec::new(),
            },
        });
        previous.push(Ref::new(Kind::LogDelivery, &key));
    }
    let where_to = match &destination.target {
        LogTarget::LogGroup(_) => format!(
            "to log group /aws/vendedlogs/eks/{cluster_name}/auto-mode ({}-day retention{}; CloudWatch Logs gives delivery.logs.amazonaws.com a resource policy for /aws/vendedlogs/ log groups itself when the deployer may call logs:PutResourcePolicy)",
            plan.cluster.log_retention_days,
            if plan.cluster.secrets_encryption.mode == KeyMode::Create {
                ", encrypted with the secrets key"
            } else {
                ""
            }
        ),
        LogTarget::Bucket(_) => "to the bucket the bundle creates".to_owned(),
        LogTarget::ExistingBucket(arn) => format!(
            "to the existing bucket {arn}, whose policy must let delivery.logs.amazonaws.com write (CloudWatch Logs adds that statement itself when the deployer may change the bucket policy)"
        ),
    };
    note(
        notes,
        "Component logs",
        format!(
            "Logs of {} are delivered as CloudWatch vended logs {where_to}: one delivery source per log type with the cluster as the resource, one destination, one delivery each.",
            types
                .iter()
                .map(|t| format!("{} ({})", t.component(), t.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    note(
        notes,
        "Component logs",
        "Each delivery source starts an EKS cluster update and EKS runs one update at a time, so the sources are created one after the other, each once the cluster has no update in progress.",
    );
    Some(ComponentLogs {
        destination,
        sources,
        deliveries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_prefixes_are_valid_s3_prefixes() {
        assert_eq!(bucket_prefix("platform"), "platform-auto-mode-logs-");
        assert_eq!(bucket_prefix("My_Cluster"), "my-cluster-auto-mode-logs-");
        let long = bucket_prefix(&"a".repeat(100));
        assert!(long.len() <= 37, "{long}");
        assert!(long.starts_with('a') && long.ends_with("-auto-mode-logs-"));
        assert_eq!(bucket_prefix("__"), "eks-auto-mode-logs-");
    }
}
