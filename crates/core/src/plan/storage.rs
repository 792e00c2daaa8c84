//! The `storage` section: the EBS StorageClass.

use serde::{Deserialize, Serialize};

/// Block storage. Auto Mode's EBS driver (`ebs.csi.eks.amazonaws.com`) is
/// built in, but EKS creates no StorageClass, so PVCs stay Pending until one
/// exists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Storage {
    /// Create the StorageClass.
    pub enabled: bool,
    /// StorageClass name.
    pub name: String,
    /// Mark it as the cluster's default class.
    pub default_class: bool,
    /// EBS volume type: `gp3` (default), `gp2`, `io1`, `io2`, `st1`, `sc1`.
    pub volume_type: VolumeType,
    /// Encrypt volumes (AWS's default is unencrypted).
    pub encrypted: bool,
    /// Full ARN of a KMS key for the volumes. Default: `aws/ebs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
    /// Filesystem: `ext4` (default), `xfs`, `ext3`, `ext2`.
    pub fs_type: FsType,
    /// Provisioned IOPS (gp3: 3000–16000; io1/io2: required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iops: Option<u32>,
    /// Throughput in MiB/s (gp3 only: 125–1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub throughput: Option<u32>,
    /// `Delete` (default) or `Retain` volumes when their PVC is deleted.
    pub reclaim_policy: ReclaimPolicy,
    /// Allow PVCs to grow.
    pub allow_volume_expansion: bool,
}

impl Default for Storage {
    fn default() -> Self {
        Self {
            enabled: true,
            name: "auto-ebs-sc".to_owned(),
            default_class: true,
            volume_type: VolumeType::Gp3,
            encrypted: true,
            kms_key_arn: None,
            fs_type: FsType::Ext4,
            iops: None,
            throughput: None,
            reclaim_policy: ReclaimPolicy::Delete,
            allow_volume_expansion: true,
        }
    }
}

/// EBS volume type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum VolumeType {
    /// General purpose SSD, provisioned IOPS and throughput.
    Gp3,
    /// Older general purpose SSD.
    Gp2,
    /// Provisioned IOPS SSD.
    Io1,
    /// Provisioned IOPS SSD, newer.
    Io2,
    /// Throughput-optimised HDD.
    St1,
    /// Cold HDD.
    Sc1,
}

impl VolumeType {
    /// EBS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gp3 => "gp3",
            Self::Gp2 => "gp2",
            Self::Io1 => "io1",
            Self::Io2 => "io2",
            Self::St1 => "st1",
            Self::Sc1 => "sc1",
        }
    }
}

/// Filesystem type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum FsType {
    /// ext4.
    Ext4,
    /// XFS.
    Xfs,
    /// ext3.
    Ext3,
    /// ext2.
    Ext2,
}

impl FsType {
    /// Spelling in `csi.storage.k8s.io/fstype`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ext4 => "ext4",
            Self::Xfs => "xfs",
            Self::Ext3 => "ext3",
            Self::Ext2 => "ext2",
        }
    }
}

/// PV reclaim policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ReclaimPolicy {
    /// Delete the volume with its PVC.
    Delete,
    /// Keep the volume.
    Retain,
}

impl ReclaimPolicy {
    /// Kubernetes spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Delete => "Delete",
            Self::Retain => "Retain",
        }
    }
}
