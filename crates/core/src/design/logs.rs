//! Vended log delivery of Auto Mode's managed components: one delivery
//! source per log type (the cluster is the resource), one destination, and
//! one delivery joining each source to it.

use serde::Serialize;

use super::cluster::Dependency;
use super::id::{Attr, Key, Kind};
use super::value::Value;
use crate::plan::ComponentLogType;

/// Component log delivery.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComponentLogs {
    /// The destination every source delivers to.
    pub destination: LogDestinationSpec,
    /// One source per log type, in the user guide's order.
    pub sources: Vec<LogSourceSpec>,
    /// One delivery per source.
    pub deliveries: Vec<LogDeliverySpec>,
}

/// A delivery destination (`PutDeliveryDestination`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogDestinationSpec {
    /// Key.
    pub key: Key,
    /// Name, unique in the account and region (1–60 characters).
    pub name: String,
    /// What receives the logs.
    pub target: LogTarget,
}

/// What receives delivered logs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LogTarget {
    /// A log group of [`super::Design::log_groups`].
    LogGroup(Key),
    /// A bucket of [`super::Design::buckets`].
    Bucket(Key),
    /// An existing bucket, by ARN.
    ExistingBucket(String),
}

impl LogTarget {
    /// `CWL` or `S3` (`deliveryDestinationType`).
    pub fn destination_type(&self) -> &'static str {
        match self {
            LogTarget::LogGroup(_) => "CWL",
            LogTarget::Bucket(_) | LogTarget::ExistingBucket(_) => "S3",
        }
    }

    /// The ARN logs are delivered to.
    pub fn arn(&self) -> Value {
        match self {
            LogTarget::LogGroup(k) => Value::reference(Kind::LogGroup, k, Attr::Arn),
            LogTarget::Bucket(k) => Value::reference(Kind::Bucket, k, Attr::Arn),
            LogTarget::ExistingBucket(arn) => Value::lit(arn.clone()),
        }
    }
}

/// A delivery source (`PutDeliverySource`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogSourceSpec {
    /// Key (`compute`, `block_storage`, …).
    pub key: Key,
    /// Name, unique in the account and region (1–60 characters).
    pub name: String,
    /// `logType`.
    pub log_type: ComponentLogType,
    /// The resource that sends the logs: the cluster's ARN.
    pub resource_arn: Value,
    /// What must exist before the source. Each source starts an EKS cluster
    /// update, and EKS runs one update at a time, so every source comes
    /// after the previous one has settled.
    pub after: Vec<Dependency>,
}

/// A delivery (`CreateDelivery`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogDeliverySpec {
    /// Key (the source's).
    pub key: Key,
    /// The source.
    pub source: Key,
    /// The destination.
    pub destination: Key,
    /// What must exist before the delivery (a created bucket's policy:
    /// CloudWatch Logs checks that it may write).
    pub after: Vec<Dependency>,
}
