//! The `state` section: where the deployment tool keeps what it deployed.

use serde::{Deserialize, Serialize};

/// Where the deployment tool keeps its state. Terraform's state records
/// every resource it manages (and some of their secrets); losing it orphans
/// the cluster, and two runs at once corrupt it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct State {
    /// `s3` (default): an S3 bucket, encrypted, with S3's own lock file so
    /// two runs cannot overlap. `local`: a file on the deployer's disk, for
    /// experiments only.
    pub backend: StateBackend,
    /// (s3) The bucket. Unset: given when the deployment tool is set up
    /// (`terraform init -backend-config="bucket=NAME"`); the bundle README
    /// shows how to create one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    /// (s3) The object key of the state. Default:
    /// `eks/<cluster name>/terraform.tfstate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// (s3) The bucket's region. Default: the cluster's region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

impl State {
    /// Whether this is the default (plans omit the section then).
    pub fn is_default(&self) -> bool {
        *self == State::default()
    }
}

/// Where state lives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StateBackend {
    /// An S3 bucket with native locking.
    #[default]
    S3,
    /// A local file (no locking, no sharing, lost with the machine).
    Local,
}
