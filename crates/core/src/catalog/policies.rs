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

/// The optional node-role policy for authenticated ECR Public pulls. eksctl
/// attaches it to its Auto Mode node role (in the `aws` partition only;
/// eksctl #8698); terraform-aws-eks added it and reverted the change
/// (#3665 → #3668) without saying why.
pub const ECR_PUBLIC_READ_ONLY_POLICY: &str = "AmazonElasticContainerRegistryPublicReadOnly";

/// The service principal a capability role trusts, with `sts:AssumeRole`
/// and `sts:TagSession` (EKS user guide, `capabilities-security`).
pub const CAPABILITY_SERVICE: &str = "capabilities.eks.amazonaws.com";

/// Where an access policy EKS associates with a capability's access entry
/// applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapabilityPolicyScope {
    /// The whole cluster.
    Cluster,
    /// Argo CD's namespace only.
    ArgoCdNamespace,
}

/// The access policies EKS associates itself with the access entry it
/// creates for a capability's role (EKS user guide, `capabilities-security`,
/// "Default access entry policies by capability").
pub fn capability_access_policies(
    t: crate::plan::CapabilityType,
) -> &'static [(&'static str, CapabilityPolicyScope)] {
    use crate::plan::CapabilityType;
    match t {
        CapabilityType::ArgoCd => &[
            (
                "AmazonEKSArgoCDClusterPolicy",
                CapabilityPolicyScope::Cluster,
            ),
            (
                "AmazonEKSArgoCDPolicy",
                CapabilityPolicyScope::ArgoCdNamespace,
            ),
        ],
        CapabilityType::Ack => &[("AmazonEKSACKPolicy", CapabilityPolicyScope::Cluster)],
        CapabilityType::Kro => &[("AmazonEKSKROPolicy", CapabilityPolicyScope::Cluster)],
    }
}

/// Whether EKS Capabilities are offered in a region: "available in all AWS
/// commercial Regions where Amazon EKS is available" (EKS user guide,
/// `capabilities`), so not in China or GovCloud.
pub fn capabilities_offered(region: &str) -> bool {
    partition(region) == "aws"
}

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

/// Who an EKS access policy is meant for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessPolicyAudience {
    /// People and CI: what the planner offers for access entries.
    People,
    /// The IAM role of an AWS service or EKS capability (AWS Backup, ACK,
    /// Argo CD, kro, CloudWatch investigations, ARC Region switch): valid on
    /// an entry for that role, not offered for people.
    Service,
    /// Used by AWS itself or written by the planner: Auto Mode's
    /// components, its nodes, hybrid nodes, cluster insights. Never on an
    /// entry a person writes.
    Internal,
}

/// Access policies for people and CI, in the order the planner offers them.
pub const PEOPLE_ACCESS_POLICIES: &[&str] = &[
    "AmazonEKSClusterAdminPolicy",
    "AmazonEKSAdminPolicy",
    "AmazonEKSEditPolicy",
    "AmazonEKSViewPolicy",
    "AmazonEKSAdminViewPolicy",
    "AmazonEKSSecretReaderPolicy",
];

/// Access policies for the roles of AWS services and EKS capabilities.
pub const SERVICE_ACCESS_POLICIES: &[&str] = &[
    "AWSBackupFullAccessPolicyForBackup",
    "AWSBackupFullAccessPolicyForRestore",
    "AmazonEKSACKPolicy",
    "AmazonEKSArgoCDClusterPolicy",
    "AmazonEKSArgoCDPolicy",
    "AmazonEKSKROPolicy",
    "AmazonAIOpsAssistantPolicy",
    "AmazonARCRegionSwitchScalingPolicy",
];

/// Access policies AWS associates itself or the planner writes, and why a
/// person's entry must not carry them.
pub const INTERNAL_ACCESS_POLICIES: &[(&str, &str)] = &[
    (
        "AmazonEKSAutoNodePolicy",
        "lets Auto Mode nodes join the cluster; the planner adds it to the EC2 entry of each custom NodeClass role itself",
    ),
    (
        "AmazonEKSBlockStoragePolicy",
        "is used by Auto Mode's block storage component, not by people",
    ),
    (
        "AmazonEKSLoadBalancingPolicy",
        "is used by Auto Mode's load balancing component, not by people",
    ),
    (
        "AmazonEKSNetworkingPolicy",
        "is used by Auto Mode's networking component, not by people",
    ),
    (
        "AmazonEKSComputePolicy",
        "is used by Auto Mode's compute component, not by people",
    ),
    (
        "AmazonEKSBlockStorageClusterPolicy",
        "is associated by EKS itself with the cluster role",
    ),
    (
        "AmazonEKSComputeClusterPolicy",
        "is associated by EKS itself with the cluster role",
    ),
    (
        "AmazonEKSLoadBalancingClusterPolicy",
        "is associated by EKS itself with the cluster role",
    ),
    (
        "AmazonEKSNetworkingClusterPolicy",
        "is associated by EKS itself with the cluster role",
    ),
    (
        "AmazonEKSHybridPolicy",
        "is for EKS Hybrid Nodes, which EKS manages",
    ),
    (
        "AmazonEKSClusterInsightsPolicy",
        "is used by EKS cluster insights, not by people",
    ),
];

/// Who an access policy (by name) is for; `None` for unknown names.
pub fn access_policy_audience(name: &str) -> Option<AccessPolicyAudience> {
    if PEOPLE_ACCESS_POLICIES.contains(&name) {
        Some(AccessPolicyAudience::People)
    } else if SERVICE_ACCESS_POLICIES.contains(&name) {
        Some(AccessPolicyAudience::Service)
    } else if INTERNAL_ACCESS_POLICIES.iter().any(|(n, _)| *n == name) {
        Some(AccessPolicyAudience::Internal)
    } else {
        None
    }
}

/// Why an internal access policy is not for a person's entry.
pub fn internal_access_policy_reason(name: &str) -> Option<&'static str> {
    INTERNAL_ACCESS_POLICIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, why)| *why)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every known access policy has exactly one audience, and the
    /// planner's own policies are internal.
    #[test]
    fn every_access_policy_has_one_audience() {
        for p in ACCESS_POLICIES {
            let n = [
                PEOPLE_ACCESS_POLICIES.contains(p),
                SERVICE_ACCESS_POLICIES.contains(p),
                INTERNAL_ACCESS_POLICIES.iter().any(|(i, _)| i == p),
            ]
            .iter()
            .filter(|x| **x)
            .count();
            assert_eq!(n, 1, "{p}");
        }
        let total = PEOPLE_ACCESS_POLICIES.len()
            + SERVICE_ACCESS_POLICIES.len()
            + INTERNAL_ACCESS_POLICIES.len();
        assert_eq!(total, ACCESS_POLICIES.len());
        assert_eq!(
            access_policy_audience(AUTO_NODE_ACCESS_POLICY),
            Some(AccessPolicyAudience::Internal)
        );
        assert_eq!(
            access_policy_audience(CLUSTER_ADMIN_ACCESS_POLICY),
            Some(AccessPolicyAudience::People)
        );
        for p in EKS_MANAGED_ACCESS_POLICIES {
            assert_eq!(
                access_policy_audience(p),
                Some(AccessPolicyAudience::Internal)
            );
        }
    }
}
