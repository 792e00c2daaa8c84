//! The AWS CLI's JSON outputs, as documented in the EKS, EC2 and IAM API
//! references (`DescribeCluster`, `DescribeNodegroup`,
//! `DescribeLaunchTemplateVersions`, `DescribeAddon`,
//! `DescribeFargateProfile`, `ListAccessEntries`, `GetRole`,
//! `ListAttachedRolePolicies`). Unknown fields are ignored: AWS adds fields.

use serde::Deserialize;
use std::collections::BTreeMap;

/// `aws eks describe-cluster` → `{"cluster": {...}}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DescribeCluster {
    /// The cluster.
    pub cluster: EksCluster,
}

/// An EKS cluster.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EksCluster {
    /// Name.
    pub name: String,
    /// ARN (`arn:aws:eks:REGION:ACCOUNT:cluster/NAME`).
    pub arn: String,
    /// Kubernetes version, `1.31`.
    pub version: String,
    /// Cluster IAM role ARN.
    pub role_arn: String,
    /// `ACTIVE`, `UPDATING`...
    pub status: String,
    /// `eks.12`.
    pub platform_version: String,
    /// VPC settings.
    pub resources_vpc_config: VpcConfig,
    /// Service network and Auto Mode load balancing.
    pub kubernetes_network_config: NetworkConfig,
    /// Control-plane logging.
    pub logging: Logging,
    /// Envelope encryption.
    pub encryption_config: Vec<EncryptionConfig>,
    /// Authentication mode.
    pub access_config: AccessConfig,
    /// Support type.
    pub upgrade_policy: UpgradePolicy,
    /// Auto Mode compute.
    pub compute_config: Option<ComputeConfig>,
    /// Auto Mode block storage.
    pub storage_config: Option<StorageConfig>,
    /// Deletion protection.
    pub deletion_protection: Option<bool>,
    /// Tags.
    pub tags: BTreeMap<String, String>,
}

impl EksCluster {
    /// The region, from the ARN.
    pub fn region(&self) -> Option<&str> {
        self.arn.split(':').nth(3).filter(|r| !r.is_empty())
    }

    /// The account id, from the ARN.
    pub fn account(&self) -> Option<&str> {
        self.arn.split(':').nth(4).filter(|a| !a.is_empty())
    }

    /// Whether each Auto Mode capability is on: (compute, load balancing,
    /// block storage).
    pub fn auto_mode(&self) -> (bool, bool, bool) {
        (
            self.compute_config.as_ref().is_some_and(|c| c.enabled),
            self.kubernetes_network_config
                .elastic_load_balancing
                .as_ref()
                .is_some_and(|e| e.enabled),
            self.storage_config
                .as_ref()
                .is_some_and(|s| s.block_storage.enabled),
        )
    }

    /// The cluster role's name (the last segment of its ARN).
    pub fn role_name(&self) -> Option<&str> {
        self.role_arn.rsplit('/').next().filter(|n| !n.is_empty())
    }
}

/// `resourcesVpcConfig`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VpcConfig {
    /// Subnets of the control-plane ENIs.
    pub subnet_ids: Vec<String>,
    /// Extra security groups.
    pub security_group_ids: Vec<String>,
    /// The cluster security group.
    pub cluster_security_group_id: String,
    /// VPC id.
    pub vpc_id: String,
    /// Public endpoint on.
    pub endpoint_public_access: bool,
    /// Private endpoint on.
    pub endpoint_private_access: bool,
    /// Public access CIDRs.
    pub public_access_cidrs: Vec<String>,
}

/// `kubernetesNetworkConfig`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NetworkConfig {
    /// Service CIDR.
    pub service_ipv4_cidr: Option<String>,
    /// `ipv4` or `ipv6`.
    pub ip_family: Option<String>,
    /// Auto Mode load balancing.
    pub elastic_load_balancing: Option<Enabled>,
}

/// `{"enabled": bool}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Enabled {
    /// On.
    pub enabled: bool,
}

/// `logging`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Logging {
    /// Log type groups.
    pub cluster_logging: Vec<LogSetup>,
}

/// One `clusterLogging` entry.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct LogSetup {
    /// Log types.
    pub types: Vec<String>,
    /// Whether they are on.
    pub enabled: bool,
}

/// `encryptionConfig[]`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct EncryptionConfig {
    /// `["secrets"]`.
    pub resources: Vec<String>,
    /// The key.
    pub provider: KeyProvider,
}

/// `provider`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct KeyProvider {
    /// KMS key ARN.
    pub key_arn: String,
}

/// `accessConfig`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AccessConfig {
    /// `CONFIG_MAP`, `API_AND_CONFIG_MAP` or `API`.
    pub authentication_mode: Option<String>,
}

/// `upgradePolicy`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UpgradePolicy {
    /// `STANDARD` or `EXTENDED`.
    pub support_type: Option<String>,
}

/// `computeConfig`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ComputeConfig {
    /// On.
    pub enabled: bool,
    /// Built-in pools.
    pub node_pools: Vec<String>,
    /// Node role.
    pub node_role_arn: Option<String>,
}

/// `storageConfig`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct StorageConfig {
    /// Block storage.
    pub block_storage: Enabled,
}

/// `aws eks list-nodegroups` → `{"nodegroups": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ListNodegroups {
    /// Names.
    pub nodegroups: Vec<String>,
}

/// `aws eks describe-nodegroup` → `{"nodegroup": {...}}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DescribeNodegroup {
    /// The node group.
    pub nodegroup: NodeGroup,
}

/// A managed node group.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeGroup {
    /// Name.
    pub nodegroup_name: String,
    /// Cluster name.
    pub cluster_name: String,
    /// Kubernetes version.
    pub version: String,
    /// AMI release version (or the custom AMI id).
    pub release_version: String,
    /// `ACTIVE`...
    pub status: String,
    /// `ON_DEMAND`, `SPOT` or `CAPACITY_BLOCK`.
    pub capacity_type: String,
    /// Sizes.
    pub scaling_config: ScalingConfig,
    /// Instance types (empty when the launch template sets one).
    pub instance_types: Vec<String>,
    /// Subnets.
    pub subnets: Vec<String>,
    /// SSH access.
    pub remote_access: Option<RemoteAccess>,
    /// `AL2023_x86_64_STANDARD`, `CUSTOM`, `WINDOWS_CORE_2022_x86_64`...
    pub ami_type: String,
    /// Node IAM role ARN.
    pub node_role: String,
    /// Kubernetes labels.
    pub labels: BTreeMap<String, String>,
    /// Kubernetes taints.
    pub taints: Vec<NodeGroupTaint>,
    /// Disk size, GiB (without a launch template).
    pub disk_size: Option<u32>,
    /// Launch template.
    pub launch_template: Option<LaunchTemplateRef>,
    /// Tags.
    pub tags: BTreeMap<String, String>,
}

/// `scalingConfig`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ScalingConfig {
    /// Minimum.
    pub min_size: u32,
    /// Maximum.
    pub max_size: u32,
    /// Desired.
    pub desired_size: u32,
}

/// `remoteAccess`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RemoteAccess {
    /// EC2 key pair.
    pub ec2_ssh_key: Option<String>,
    /// Security groups allowed to SSH.
    pub source_security_groups: Vec<String>,
}

/// A node group taint (`NO_SCHEDULE`, `NO_EXECUTE`, `PREFER_NO_SCHEDULE`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct NodeGroupTaint {
    /// Key.
    pub key: String,
    /// Value.
    pub value: Option<String>,
    /// Effect, AWS spelling.
    pub effect: String,
}

/// `launchTemplate`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct LaunchTemplateRef {
    /// Name.
    pub name: Option<String>,
    /// Version (a number, `$Latest` or `$Default`).
    pub version: Option<String>,
    /// Id.
    pub id: Option<String>,
}

/// `aws ec2 describe-launch-template-versions` →
/// `{"LaunchTemplateVersions": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescribeLaunchTemplateVersions {
    /// Versions.
    pub launch_template_versions: Vec<LaunchTemplateVersion>,
}

/// One launch template version.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct LaunchTemplateVersion {
    /// Id.
    pub launch_template_id: String,
    /// Name.
    pub launch_template_name: String,
    /// Version number.
    pub version_number: u64,
    /// Whether it is the default version.
    pub default_version: bool,
    /// The data.
    pub launch_template_data: LaunchTemplateData,
}

/// `LaunchTemplateData`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct LaunchTemplateData {
    /// A custom AMI.
    pub image_id: Option<String>,
    /// Instance type.
    pub instance_type: Option<String>,
    /// SSH key pair.
    pub key_name: Option<String>,
    /// Base64 user data.
    pub user_data: Option<String>,
    /// Volumes.
    pub block_device_mappings: Vec<LtBlockDevice>,
    /// IMDS settings.
    pub metadata_options: Option<LtMetadataOptions>,
}

/// A launch template block device.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct LtBlockDevice {
    /// `/dev/xvda`.
    pub device_name: String,
    /// EBS settings.
    pub ebs: Option<LtEbs>,
}

/// Launch template EBS settings.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct LtEbs {
    /// GiB.
    pub volume_size: Option<u32>,
    /// `gp3`...
    pub volume_type: Option<String>,
    /// IOPS.
    pub iops: Option<u32>,
    /// MiB/s.
    pub throughput: Option<u32>,
    /// Encrypted.
    pub encrypted: Option<bool>,
    /// KMS key.
    pub kms_key_id: Option<String>,
}

/// IMDS options.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct LtMetadataOptions {
    /// `required` (IMDSv2) or `optional`.
    pub http_tokens: Option<String>,
    /// Hop limit.
    pub http_put_response_hop_limit: Option<u32>,
}

/// `aws eks list-addons` → `{"addons": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ListAddons {
    /// Names.
    pub addons: Vec<String>,
}

/// `aws eks describe-addon` → `{"addon": {...}}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DescribeAddon {
    /// The add-on.
    pub addon: Addon,
}

/// An EKS add-on.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Addon {
    /// `vpc-cni`, `aws-ebs-csi-driver`...
    pub addon_name: String,
    /// Cluster name.
    pub cluster_name: String,
    /// `v1.19.0-eksbuild.1`.
    pub addon_version: String,
    /// `ACTIVE`...
    pub status: String,
    /// IRSA role of its service account.
    pub service_account_role_arn: Option<String>,
}

/// `aws eks list-fargate-profiles` → `{"fargateProfileNames": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ListFargateProfiles {
    /// Names.
    pub fargate_profile_names: Vec<String>,
}

/// `aws eks describe-fargate-profile` → `{"fargateProfile": {...}}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DescribeFargateProfile {
    /// The profile.
    pub fargate_profile: FargateProfile,
}

/// A Fargate profile.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FargateProfile {
    /// Name.
    pub fargate_profile_name: String,
    /// Cluster name.
    pub cluster_name: String,
    /// Pod execution role.
    pub pod_execution_role_arn: String,
    /// Selectors.
    pub selectors: Vec<FargateSelector>,
}

/// A Fargate selector.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FargateSelector {
    /// Namespace.
    pub namespace: String,
    /// Labels.
    pub labels: BTreeMap<String, String>,
}

/// `aws eks list-access-entries` → `{"accessEntries": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ListAccessEntries {
    /// Principal ARNs.
    pub access_entries: Vec<String>,
}

/// `aws iam get-role` → `{"Role": {...}}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct GetRole {
    /// The role.
    pub role: IamRole,
}

/// An IAM role.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct IamRole {
    /// Name.
    pub role_name: String,
    /// ARN.
    pub arn: String,
    /// Trust policy: a JSON object (AWS CLI v2) or URL-encoded JSON text
    /// (the raw API, some SDKs).
    pub assume_role_policy_document: Option<PolicyDocumentField>,
}

/// `AssumeRolePolicyDocument` as found.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum PolicyDocumentField {
    /// Already JSON.
    Json(PolicyDocument),
    /// URL-encoded JSON text.
    Encoded(String),
}

impl PolicyDocumentField {
    /// The document, decoding it if needed.
    pub fn document(&self) -> Result<PolicyDocument, String> {
        match self {
            PolicyDocumentField::Json(d) => Ok(d.clone()),
            PolicyDocumentField::Encoded(s) => {
                let decoded = percent_decode(s).ok_or("it is not valid URL-encoded text")?;
                serde_json::from_str(&decoded).map_err(|e| e.to_string())
            }
        }
    }
}

/// Decode `%XX` escapes (IAM's URL encoding). `None` if the escapes are
/// broken or the result is not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// An IAM policy document.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct PolicyDocument {
    /// Statements (one object or a list).
    pub statement: OneOrMany<Statement>,
}

/// A policy statement.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Statement {
    /// `Allow` or `Deny`.
    pub effect: String,
    /// Principal.
    pub principal: Option<Principal>,
    /// Actions.
    pub action: OneOrMany<String>,
}

/// A principal: `"*"` or `{"Service": ..., "AWS": ...}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Principal {
    /// `"*"`.
    Any(String),
    /// By type.
    Typed(BTreeMap<String, OneOrMany<String>>),
}

/// One value or a list of them, as IAM allows.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// One.
    One(T),
    /// Several.
    Many(Vec<T>),
}

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

impl<T> OneOrMany<T> {
    /// The values.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        match self {
            OneOrMany::One(t) => std::slice::from_ref(t).iter(),
            OneOrMany::Many(v) => v.iter(),
        }
    }
}

impl PolicyDocument {
    /// Whether a statement lets the EKS service (`eks.amazonaws.com`)
    /// call `action` (wildcards `sts:*` and `*` count).
    pub fn allows_eks(&self, action: &str) -> bool {
        let service = action.split(':').next().unwrap_or("");
        self.statement.iter().any(|s| {
            s.effect == "Allow"
                && s.principal.as_ref().is_some_and(|p| match p {
                    Principal::Any(a) => a == "*",
                    Principal::Typed(m) => m
                        .get("Service")
                        .is_some_and(|v| v.iter().any(|x| x == "eks.amazonaws.com")),
                })
                && s.action.iter().any(|a| {
                    a.eq_ignore_ascii_case(action)
                        || a == "*"
                        || a.eq_ignore_ascii_case(&format!("{service}:*"))
                })
        })
    }
}

/// `aws iam list-attached-role-policies` → `{"AttachedPolicies": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ListAttachedRolePolicies {
    /// Policies.
    pub attached_policies: Vec<AttachedPolicy>,
}

/// An attached managed policy.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct AttachedPolicy {
    /// Name.
    pub policy_name: String,
    /// ARN.
    pub policy_arn: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_policies_plain_and_url_encoded() {
        let json = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}"#;
        let doc: PolicyDocument = serde_json::from_str(json).expect("doc");
        assert!(doc.allows_eks("sts:TagSession"));
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%5B%22eks.amazonaws.com%22%5D%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%7D";
        let field = PolicyDocumentField::Encoded(encoded.into());
        let doc = field.document().expect("decoded");
        assert!(doc.allows_eks("sts:AssumeRole"));
        assert!(!doc.allows_eks("sts:TagSession"));
        assert!(
            PolicyDocumentField::Encoded("%7".into())
                .document()
                .is_err()
        );
    }

    #[test]
    fn cluster_helpers() {
        let c = EksCluster {
            arn: "arn:aws:eks:eu-west-1:111122223333:cluster/prod".into(),
            role_arn: "arn:aws:iam::111122223333:role/path/prod-cluster".into(),
            ..EksCluster::default()
        };
        assert_eq!(c.region(), Some("eu-west-1"));
        assert_eq!(c.account(), Some("111122223333"));
        assert_eq!(c.role_name(), Some("prod-cluster"));
        assert_eq!(c.auto_mode(), (false, false, false));
    }
}
