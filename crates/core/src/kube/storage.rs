//! PersistentVolumes, PersistentVolumeClaims and StorageClasses.

use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::BTreeMap;

use super::meta::{MetaW, NodeSelectorTerm};
use super::quantity::{ResourceListW, Resources};

/// The EBS CSI driver of the add-on or Helm chart (Auto Mode cannot mount
/// its volumes).
pub const EBS_CSI_DRIVER: &str = "ebs.csi.aws.com";
/// Auto Mode's own EBS driver.
pub const AUTO_MODE_EBS_DRIVER: &str = "ebs.csi.eks.amazonaws.com";
/// The in-tree EBS provisioner (migrated to the CSI driver by Kubernetes).
pub const IN_TREE_EBS: &str = "kubernetes.io/aws-ebs";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PvW {
    pub metadata: MetaW,
    pub spec: PvSpecW,
    pub status: PhaseW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PvSpecW {
    pub capacity: ResourceListW,
    pub csi: Option<PvCsiW>,
    pub aws_elastic_block_store: Option<PvAwsEbsW>,
    pub claim_ref: Option<ObjectRefW>,
    pub storage_class_name: String,
    pub persistent_volume_reclaim_policy: String,
    pub access_modes: Vec<String>,
    pub node_affinity: PvNodeAffinityW,
    pub nfs: Option<IgnoredAny>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PvCsiW {
    pub driver: String,
    pub volume_handle: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PvAwsEbsW {
    #[serde(rename = "volumeID")]
    pub volume_id: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ObjectRefW {
    pub namespace: String,
    pub name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PvNodeAffinityW {
    pub required: PvRequiredW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PvRequiredW {
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PhaseW {
    pub phase: String,
}

/// Who serves a PersistentVolume.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VolumeDriver {
    /// The EBS CSI driver add-on or chart (`ebs.csi.aws.com`).
    EbsCsi,
    /// Auto Mode's EBS driver (`ebs.csi.eks.amazonaws.com`).
    AutoModeEbs,
    /// The in-tree `awsElasticBlockStore` plugin (`kubernetes.io/aws-ebs`).
    InTreeEbs,
    /// Another CSI driver (EFS, FSx, S3...), by name.
    OtherCsi(String),
    /// Anything else (NFS, local, hostPath).
    Other,
}

/// A PersistentVolume.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersistentVolume {
    /// Name.
    pub name: String,
    /// Driver.
    pub driver: VolumeDriver,
    /// EBS volume id (`vol-…`) or CSI volume handle.
    pub volume_handle: Option<String>,
    /// Size, bytes.
    pub size_bytes: u64,
    /// StorageClass.
    pub storage_class: String,
    /// The claim bound to it: `(namespace, name)`.
    pub claim: Option<(String, String)>,
    /// `Retain`, `Delete`...
    pub reclaim_policy: String,
    /// Zone the volume lives in, from its node affinity.
    pub zone: Option<String>,
    /// `Bound`, `Available`, `Released`...
    pub phase: String,
}

impl PersistentVolume {
    pub(crate) fn from_wire(w: PvW) -> (PersistentVolume, Vec<String>) {
        let (size, bad) = Resources::from_wire(&w.spec.capacity);
        let (driver, handle) = if let Some(csi) = w.spec.csi {
            let d = match csi.driver.as_str() {
                EBS_CSI_DRIVER => VolumeDriver::EbsCsi,
                AUTO_MODE_EBS_DRIVER => VolumeDriver::AutoModeEbs,
                other => VolumeDriver::OtherCsi(other.to_owned()),
            };
            (d, Some(csi.volume_handle).filter(|h| !h.is_empty()))
        } else if let Some(ebs) = w.spec.aws_elastic_block_store {
            (VolumeDriver::InTreeEbs, Some(ebs.volume_id))
        } else {
            (VolumeDriver::Other, None)
        };
        let zone = w
            .spec
            .node_affinity
            .required
            .node_selector_terms
            .iter()
            .flat_map(|t| &t.match_expressions)
            .find(|r| r.key.ends_with("/zone") && r.operator == "In")
            .and_then(|r| r.values.first().cloned());
        let pv = PersistentVolume {
            name: w.metadata.name,
            driver,
            volume_handle: handle,
            size_bytes: size
                .ephemeral_storage_bytes
                .max(size.extended.get("storage").copied().unwrap_or(0)),
            storage_class: w.spec.storage_class_name,
            claim: w.spec.claim_ref.map(|c| (c.namespace, c.name)),
            reclaim_policy: w.spec.persistent_volume_reclaim_policy,
            zone,
            phase: w.status.phase,
        };
        (pv, bad)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PvcW {
    pub metadata: MetaW,
    pub spec: PvcSpecW,
    pub status: PhaseW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct PvcSpecW {
    pub storage_class_name: Option<String>,
    pub volume_name: String,
    pub resources: PvcResourcesW,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PvcResourcesW {
    pub requests: ResourceListW,
}

/// A PersistentVolumeClaim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersistentVolumeClaim {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// StorageClass asked for (`None`: the default class).
    pub storage_class: Option<String>,
    /// Bound volume name.
    pub volume_name: Option<String>,
    /// Requested size, bytes.
    pub request_bytes: u64,
    /// `Bound`, `Pending`, `Lost`.
    pub phase: String,
    /// `volume.kubernetes.io/storage-provisioner` (who provisions it).
    pub provisioner: Option<String>,
}

impl PersistentVolumeClaim {
    pub(crate) fn from_wire(w: PvcW) -> (PersistentVolumeClaim, Vec<String>) {
        let (r, bad) = Resources::from_wire(&w.spec.resources.requests);
        let ann = &w.metadata.annotations.0;
        let provisioner = ann
            .get("volume.kubernetes.io/storage-provisioner")
            .or_else(|| ann.get("volume.beta.kubernetes.io/storage-provisioner"))
            .cloned();
        let pvc = PersistentVolumeClaim {
            namespace: w.metadata.namespace,
            name: w.metadata.name,
            storage_class: w.spec.storage_class_name,
            volume_name: Some(w.spec.volume_name).filter(|v| !v.is_empty()),
            request_bytes: r.extended.get("storage").copied().unwrap_or(0),
            phase: w.status.phase,
            provisioner,
        };
        (pvc, bad)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct StorageClassW {
    pub metadata: MetaW,
    pub provisioner: String,
    pub parameters: BTreeMap<String, String>,
    pub reclaim_policy: String,
    pub volume_binding_mode: String,
}

/// A StorageClass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageClass {
    /// Name.
    pub name: String,
    /// Provisioner, for example `ebs.csi.aws.com`.
    pub provisioner: String,
    /// Parameters (`type: gp3`, `encrypted: "true"`...).
    pub parameters: BTreeMap<String, String>,
    /// The cluster default (`storageclass.kubernetes.io/is-default-class`).
    pub is_default: bool,
    /// `Delete` (default) or `Retain`.
    pub reclaim_policy: String,
    /// `Immediate` or `WaitForFirstConsumer`.
    pub volume_binding_mode: String,
}

impl StorageClass {
    pub(crate) fn from_wire(w: StorageClassW) -> StorageClass {
        let ann = &w.metadata.annotations.0;
        let is_default = ann
            .get("storageclass.kubernetes.io/is-default-class")
            .or_else(|| ann.get("storageclass.beta.kubernetes.io/is-default-class"))
            .is_some_and(|v| v == "true");
        StorageClass {
            name: w.metadata.name,
            provisioner: w.provisioner,
            parameters: w.parameters,
            is_default,
            reclaim_policy: w.reclaim_policy,
            volume_binding_mode: w.volume_binding_mode,
        }
    }
}
