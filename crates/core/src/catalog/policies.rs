//! IAM managed policies, EKS access policies, well-known labels and regions.
//!
//! Sources (see `shared/domain/automode-reference.md`): §2.1 cluster role,
//! §2.2 node role, §1.4 access policies, §3.2 well-known labels, §2.3 Pod
//! Identity trust.

/// Managed policies every Auto Mode cluster role needs (§2.1).
pub const CLUSTER_ROLE_POLICIES: [&str; 5] = [
    "AmazonEKSClusterPolicy",
    "AmazonEKSComputePolicy",
    "AmazonEKSBlockStoragePolicy",
    "AmazonEKSLoadBalancingPolicy",
    "AmazonEKSNetworkingPolicy",
];

/// Managed policies of an Auto Mode node role (§2.2).
pub const NODE_ROLE_POLICIES: [&str; 2] = [
    "AmazonEKSWorkerNodeMinimalPolicy",
    "AmazonEC2ContainerRegistryPullOnly",
];

/// The access policy a custom NodeClass role's `EC2` access entry needs.
pub const AUTO_NODE_ACCESS_POLICY: &str = "AmazonEKSAutoNodePolicy";

/// The access policy for cluster administrators.
pub const CLUSTER_ADMIN_ACCESS_POLICY: &str = "AmazonEKSClusterAdminPolicy";

/// EKS access policy names (`arn:aws:eks::aws:cluster-access-policy/<name>`).
pub const ACCESS_POLICIES: &[&str] = &[
    "AmazonEKSClusterAdminPolicy",
    "AmazonEKSAdminPolicy",
    "AmazonEKSAdminViewPolicy",
    "AmazonEKSEditPolicy",
    "AmazonEKSViewPolicy",
    "AmazonEKSSecretReaderPolicy",
    "AmazonEKSAutoNodePolicy",
    "AmazonEKSBlockStoragePolicy",
    "AmazonEKSLoadBalancingPolicy",
    "AmazonEKSNetworkingPolicy",
    "AmazonEKSComputePolicy",
    "AmazonEKSBlockStorageClusterPolicy",
    "AmazonEKSComputeClusterPolicy",
    "AmazonEKSLoadBalancingClusterPolicy",
    "AmazonEKSNetworkingClusterPolicy",
    "AmazonEKSHybridPolicy",
    "AmazonEKSClusterInsightsPolicy",
    "AWSBackupFullAccessPolicyForBackup",
    "AWSBackupFullAccessPolicyForRestore",
    "AmazonEKSACKPolicy",
    "AmazonEKSArgoCDClusterPolicy",
    "AmazonEKSArgoCDPolicy",
    "AmazonEKSKROPolicy",
    "AmazonAIOpsAssistantPolicy",
    "AmazonARCRegionSwitchScalingPolicy",
];

/// Access policies that only EKS itself may associate (Auto Mode-managed).
pub const EKS_MANAGED_ACCESS_POLICIES: &[&str] = &[
    "AmazonEKSBlockStorageClusterPolicy",
    "AmazonEKSComputeClusterPolicy",
    "AmazonEKSLoadBalancingClusterPolicy",
    "AmazonEKSNetworkingClusterPolicy",
];

/// Label keys Auto Mode understands in NodePool requirements (§3.2).
pub const WELL_KNOWN_REQUIREMENT_KEYS: &[&str] = &[
    "topology.kubernetes.io/zone",
    "topology.kubernetes.io/region",
    "node.kubernetes.io/instance-type",
    "kubernetes.io/arch",
    "kubernetes.io/os",
    "karpenter.sh/capacity-type",
    "eks.amazonaws.com/compute-type",
    "eks.amazonaws.com/nodeclass",
    "eks.amazonaws.com/instance-hypervisor",
    "eks.amazonaws.com/instance-encryption-in-transit-supported",
    "eks.amazonaws.com/instance-category",
    "eks.amazonaws.com/instance-generation",
    "eks.amazonaws.com/instance-family",
    "eks.amazonaws.com/instance-size",
    "eks.amazonaws.com/instance-cpu",
    "eks.amazonaws.com/instance-cpu-manufacturer",
    "eks.amazonaws.com/instance-cpu-sustained-clock-speed-mhz",
    "eks.amazonaws.com/instance-memory",
    "eks.amazonaws.com/instance-ebs-bandwidth",
    "eks.amazonaws.com/instance-network-bandwidth",
    "eks.amazonaws.com/instance-local-nvme",
    "eks.amazonaws.com/instance-gpu-name",
    "eks.amazonaws.com/instance-gpu-manufacturer",
    "eks.amazonaws.com/instance-gpu-count",
    "eks.amazonaws.com/instance-gpu-memory",
    "eks.amazonaws.com/instance-accelerator-name",
    "eks.amazonaws.com/instance-accelerator-manufacturer",
    "eks.amazonaws.com/instance-accelerator-count",
    "eks.amazonaws.com/placement-group-id",
];

/// Label domains Karpenter and Auto Mode reserve. A key is in a domain when
/// the part before its `/` *ends with* the domain, so every subdomain
/// (`team.eks.amazonaws.com`) is reserved too. Source: the CEL rules on
/// NodePool `template.metadata.labels` and requirement keys in the Auto Mode
/// NodePool CRD (imroc/kubeschemas `karpenter.sh/nodepool_v1.json` @32f51d9,
/// dumped from an Auto Mode cluster), which use
/// `x.find("^([^/]+)").endsWith(domain)`, and Karpenter's
/// `RestrictedLabelDomains`.
pub const RESTRICTED_LABEL_DOMAINS: &[&str] = &[
    "kubernetes.io",
    "k8s.io",
    "karpenter.sh",
    "karpenter.k8s.aws",
    "eks.amazonaws.com",
];

/// Domains inside the reserved ones that users may label (same CRD rules).
pub const LABEL_DOMAIN_EXCEPTIONS: &[&str] = &[
    "node.kubernetes.io",
    "node-restriction.kubernetes.io",
    "kops.k8s.io",
];

/// Keys in reserved domains that the CRD accepts besides
/// [`WELL_KNOWN_REQUIREMENT_KEYS`]: the deprecated beta topology labels and
/// the Windows build label (same CRD rules).
pub const ALLOWED_RESERVED_KEYS: &[&str] = &[
    "beta.kubernetes.io/instance-type",
    "beta.kubernetes.io/os",
    "beta.kubernetes.io/arch",
    "failure-domain.beta.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone",
    "node.kubernetes.io/windows-build",
];

/// Keys Karpenter sets on every node itself; no NodePool may require or set
/// them (same CRD rules), though pods may select on them.
pub const KARPENTER_SET_KEYS: &[&str] = &["kubernetes.io/hostname", "karpenter.sh/nodepool"];

/// Requirement keys whose values are integers (usable with `Gt`/`Lt`).
pub const NUMERIC_REQUIREMENT_KEYS: &[&str] = &[
    "eks.amazonaws.com/instance-generation",
    "eks.amazonaws.com/instance-cpu",
    "eks.amazonaws.com/instance-cpu-sustained-clock-speed-mhz",
    "eks.amazonaws.com/instance-memory",
    "eks.amazonaws.com/instance-ebs-bandwidth",
    "eks.amazonaws.com/instance-network-bandwidth",
    "eks.amazonaws.com/instance-local-nvme",
    "eks.amazonaws.com/instance-gpu-count",
    "eks.amazonaws.com/instance-gpu-memory",
    "eks.amazonaws.com/instance-accelerator-count",
];

/// AWS regions known to this release (commercial, China, GovCloud).
pub const REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-1",
    "ap-south-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-south-1",
    "eu-south-2",
    "eu-north-1",
    "il-central-1",
    "me-south-1",
    "me-central-1",
    "mx-central-1",
    "sa-east-1",
    "cn-north-1",
    "cn-northwest-1",
    "us-gov-east-1",
    "us-gov-west-1",
];

/// Regions where Auto Mode offers FIPS AMIs (US, GovCloud and Canada).
pub fn fips_region(region: &str) -> bool {
    region.starts_with("us-") || region.starts_with("ca-")
}

/// The AWS partition of a region.
pub fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}
