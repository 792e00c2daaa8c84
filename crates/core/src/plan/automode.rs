//! The `auto_mode` section: built-in pools, node role, authentication mode.

use serde::{Deserialize, Serialize};

/// Auto Mode compute settings.
///
/// There is deliberately no "enabled" switch: the planner always sets
/// `compute_config`, `kubernetes_network_config.elastic_load_balancing` and
/// `storage_config.block_storage` together, as EKS requires.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct AutoMode {
    /// Built-in `general-purpose` NodePool: on-demand C/M/R, generation 5+,
    /// amd64. EKS owns it: edits are reverted.
    pub general_purpose_pool: bool,
    /// Built-in `system` NodePool, tainted `CriticalAddonsOnly`, amd64+arm64.
    pub system_pool: bool,
    /// The node IAM role used by the built-in pools' `default` NodeClass.
    pub node_role: NodeRole,
    /// `API` (recommended) or `API_AND_CONFIG_MAP`. Auto Mode needs access
    /// entries, so `CONFIG_MAP` is not allowed.
    pub authentication_mode: AuthenticationMode,
    /// Also attach `AmazonElasticContainerRegistryPublicReadOnly` to every
    /// node role the planner creates (the cluster node role and NodeClass
    /// roles), so image pulls from ECR Public (`public.ecr.aws`) are
    /// authenticated and get its higher rate limits. Off by default: Auto
    /// Mode nodes need only the two minimal policies, and anonymous pulls
    /// work.
    #[serde(skip_serializing_if = "is_false")]
    pub ecr_public_read_only: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Default for AutoMode {
    fn default() -> Self {
        Self {
            general_purpose_pool: true,
            system_pool: true,
            node_role: NodeRole::default(),
            authentication_mode: AuthenticationMode::Api,
            ecr_public_read_only: false,
        }
    }
}

impl AutoMode {
    /// Whether any built-in pool is on.
    pub fn any_builtin_pool(&self) -> bool {
        self.general_purpose_pool || self.system_pool
    }
}

/// The cluster-level Auto Mode node role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct NodeRole {
    /// `create` a role with `AmazonEKSWorkerNodeMinimalPolicy` and
    /// `AmazonEC2ContainerRegistryPullOnly`, or use an `existing` one.
    pub mode: RoleMode,
    /// ARN of the existing role, when `mode: existing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// Name of the role the bundle creates (`mode: create`). Default:
    /// `<cluster name>-auto-node`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Default for NodeRole {
    fn default() -> Self {
        Self {
            mode: RoleMode::Create,
            arn: None,
            name: None,
        }
    }
}

/// Create a role or use an existing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoleMode {
    /// The planner creates the role.
    Create,
    /// An existing role, by ARN.
    Existing,
}

/// `accessConfig.authenticationMode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthenticationMode {
    /// Access entries only.
    Api,
    /// Access entries and the `aws-auth` ConfigMap.
    ApiAndConfigMap,
    /// `aws-auth` only: not allowed with Auto Mode (kept so such plans get a
    /// clear diagnostic instead of a parse error).
    ConfigMap,
}

impl AuthenticationMode {
    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Api => "API",
            Self::ApiAndConfigMap => "API_AND_CONFIG_MAP",
            Self::ConfigMap => "CONFIG_MAP",
        }
    }
}
