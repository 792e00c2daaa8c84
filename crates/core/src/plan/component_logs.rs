//! `cluster.component_logs`: the logs of Auto Mode's managed components
//! (Karpenter, the EBS CSI driver, the load balancer controller, VPC CNI
//! IP address management), delivered as CloudWatch vended logs.
//!
//! Source: EKS user guide `automode/auto-managed-component-logs` (the four
//! log types; PutDeliverySource → PutDeliveryDestination → CreateDelivery).

use serde::{Deserialize, Serialize};

/// Which managed components' logs to deliver, and where.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ComponentLogs {
    /// Log types to deliver (none by default): `AUTO_MODE_COMPUTE_LOGS`
    /// (Karpenter), `AUTO_MODE_BLOCK_STORAGE_LOGS` (EBS CSI),
    /// `AUTO_MODE_LOAD_BALANCING_LOGS` (load balancer controller),
    /// `AUTO_MODE_IPAM_LOGS` (VPC CNI IP address management).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<ComponentLogType>,
    /// `cloudwatch_logs`: a log group the bundle creates (the cluster's log
    /// retention, the secrets key when the bundle creates one); `s3`: a
    /// bucket.
    pub destination: LogDestination,
    /// With `s3`: an existing bucket's ARN (`arn:aws:s3:::name`). Unset, the
    /// bundle creates an encrypted, private, versioned bucket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket_arn: Option<String>,
}

impl Default for ComponentLogs {
    fn default() -> Self {
        Self {
            types: Vec::new(),
            destination: LogDestination::CloudwatchLogs,
            bucket_arn: None,
        }
    }
}

impl ComponentLogs {
    /// Whether nothing is set (so the plan file can leave it out).
    pub fn is_default(&self) -> bool {
        *self == ComponentLogs::default()
    }

    /// Whether any log type is delivered.
    pub fn enabled(&self) -> bool {
        !self.types.is_empty()
    }
}

/// A managed component's log type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ComponentLogType {
    /// Compute autoscaling (Karpenter): why nodes were launched or removed.
    #[serde(rename = "AUTO_MODE_COMPUTE_LOGS")]
    Compute,
    /// Block storage (EBS CSI): volume provisioning and attachment.
    #[serde(rename = "AUTO_MODE_BLOCK_STORAGE_LOGS")]
    BlockStorage,
    /// Load balancing (AWS Load Balancer Controller).
    #[serde(rename = "AUTO_MODE_LOAD_BALANCING_LOGS")]
    LoadBalancing,
    /// Pod networking (VPC CNI IP address management).
    #[serde(rename = "AUTO_MODE_IPAM_LOGS")]
    Ipam,
}

impl ComponentLogType {
    /// Every type, in the order the EKS user guide lists them.
    pub const ALL: [ComponentLogType; 4] = [
        ComponentLogType::Compute,
        ComponentLogType::BlockStorage,
        ComponentLogType::LoadBalancing,
        ComponentLogType::Ipam,
    ];

    /// The AWS spelling (`logType`).
    pub fn as_str(self) -> &'static str {
        match self {
            ComponentLogType::Compute => "AUTO_MODE_COMPUTE_LOGS",
            ComponentLogType::BlockStorage => "AUTO_MODE_BLOCK_STORAGE_LOGS",
            ComponentLogType::LoadBalancing => "AUTO_MODE_LOAD_BALANCING_LOGS",
            ComponentLogType::Ipam => "AUTO_MODE_IPAM_LOGS",
        }
    }

    /// A short word for names and keys (`compute`).
    pub fn word(self) -> &'static str {
        match self {
            ComponentLogType::Compute => "compute",
            ComponentLogType::BlockStorage => "block-storage",
            ComponentLogType::LoadBalancing => "load-balancing",
            ComponentLogType::Ipam => "ipam",
        }
    }

    /// The component whose logs these are, for people.
    pub fn component(self) -> &'static str {
        match self {
            ComponentLogType::Compute => "Karpenter",
            ComponentLogType::BlockStorage => "the EBS CSI driver",
            ComponentLogType::LoadBalancing => "the load balancer controller",
            ComponentLogType::Ipam => "VPC CNI IP address management",
        }
    }
}

/// Where component logs go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LogDestination {
    /// A CloudWatch Logs log group.
    CloudwatchLogs,
    /// An S3 bucket.
    S3,
}
