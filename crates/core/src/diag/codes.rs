//! The registry of diagnostic codes.
//!
//! Codes are stable: once published, a code keeps its meaning. Prefixes name
//! the plan section: `CL` cluster, `NW` network, `AM` Auto Mode, `AC`
//! access, `NC` NodeClass, `NP` NodePool, `ST` storage, `LB` load balancing,
//! `PI` Pod Identity, `WL` sample workload, `CP` capacity and cost plan,
//! `DP` what the bundle asks of whoever deploys it (inputs, state),
//! `SN` subnet layouts the plan spells out, `IA` IAM roles the bundle
//! creates for people and pods, `TG` output targets, `CI` cluster cost,
//! `MI` migration input (import) and `MR` migration readiness.

use super::Severity;

const EXPLANATIONS: &str = include_str!("explanations.md");

macro_rules! codes {
    ($( $variant:ident = $code:literal, $sev:ident, $title:literal; )*) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = $title]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed, for example `NP005`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// Default severity.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// Short title.
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)* }
            }
        }
    };
}

codes! {
    // Cluster
    ClusterName = "CL001", Error, "Invalid cluster name";
    Region = "CL002", Error, "Unknown or malformed region";
    VersionBelowAutoMode = "CL003", Error, "Kubernetes version too old for Auto Mode";
    VersionUnknown = "CL004", Error, "Unknown Kubernetes version";
    VersionEnded = "CL005", Error, "Kubernetes version no longer supported";
    VersionExtendedSupport = "CL006", Warning, "Kubernetes version in extended support";
    StandardSupportOnExtendedVersion = "CL007", Error, "STANDARD support type on a version in extended support";
    StandardSupportEndingSoon = "CL008", Warning, "Extended support starts within 90 days";
    PublicEndpointOpen = "CL009", Warning, "Public API endpoint open to the internet";
    PublicAccessCidr = "CL010", Error, "Invalid public access CIDR";
    PublicCidrsIgnored = "CL011", Warning, "Public access CIDRs without a public endpoint";
    ServiceCidr = "CL012", Error, "Invalid service CIDR";
    ServiceCidrOverlap = "CL013", Error, "Service CIDR overlaps the VPC";
    ServiceCidrIpv6 = "CL014", Error, "Service CIDR set on an IPv6 cluster";
    Tags = "CL015", Error, "Invalid tags";
    SecretsKey = "CL016", Error, "Invalid secrets-encryption key";
    SecretsEncryptionOff = "CL017", Warning, "Secrets not encrypted with a customer-managed key";
    LogRetention = "CL018", Error, "Unsupported log retention";
    NoAuditLogs = "CL019", Info, "No audit or authenticator logs";
    DeletionProtectionOff = "CL020", Info, "Deletion protection is off";
    PrivateEndpointOnly = "CL021", Info, "API endpoint reachable only from the VPC";
    DocumentationCidr = "CL022", Warning, "Documentation CIDR in public access CIDRs";
    ComponentLogDestination = "CL023", Error, "Invalid component log destination";
    ComponentLogTypes = "CL024", Error, "Component log type listed twice";
    ComponentLogDelivery = "CL025", Info, "How component logs are delivered";
    ExistingLogBucket = "CL026", Info, "Existing bucket needs a delivery policy";
    // Network
    VpcCidr = "NW001", Error, "Invalid VPC CIDR";
    AzCount = "NW002", Error, "Unsupported number of Availability Zones";
    AzName = "NW003", Error, "Invalid Availability Zone";
    NatWithoutPublicSubnets = "NW004", Error, "NAT gateways need public subnets";
    NoEgress = "NW005", Error, "Nodes have no way to pull images";
    SingleNat = "NW006", Info, "One NAT gateway for all zones";
    VpcId = "NW007", Error, "Invalid VPC id";
    SubnetId = "NW008", Error, "Invalid subnet id";
    TooFewControlPlaneSubnets = "NW009", Error, "Too few control-plane subnets";
    NoNodeSubnets = "NW010", Error, "No node subnets";
    SharedSubnets = "NW011", Warning, "Control-plane and node subnets overlap";
    BuiltinPoolsInControlPlaneSubnets = "NW012", Warning, "Built-in pools launch nodes in the control-plane subnets";
    FlowLogsOff = "NW013", Info, "VPC flow logs are off";
    Ipv6ExistingVpc = "NW014", Info, "IPv6 cluster in an existing VPC";
    AzCountMismatch = "NW015", Warning, "az_count disagrees with the named zones";
    // Auto Mode
    CapabilitiesTogether = "AM001", Error, "Auto Mode capabilities must be set together";
    BuiltinPoolName = "AM002", Error, "Unknown built-in NodePool";
    NodeRoleAndPools = "AM003", Error, "Built-in pools and the node role go together";
    BootstrapAddons = "AM004", Error, "bootstrap_self_managed_addons must be false";
    AuthModeConfigMap = "AM005", Error, "CONFIG_MAP authentication is not allowed";
    AuthModeApiAndConfigMap = "AM006", Info, "API_AND_CONFIG_MAP keeps the aws-auth ConfigMap";
    NodeRoleArn = "AM007", Error, "Invalid node role ARN";
    NoNodePools = "AM008", Warning, "No NodePool can run pods";
    NodeRoleNotSent = "AM009", Info, "Node role not sent without built-in pools";
    ClusterRoleTrust = "AM010", Error, "Cluster role trust lacks sts:TagSession";
    ClusterRolePolicies = "AM011", Error, "Cluster role lacks an Auto Mode managed policy";
    NodeRolePolicies = "AM012", Error, "Node role lacks a required managed policy";
    DuplicateCapability = "AM013", Error, "More than one capability of a type";
    CapabilityName = "AM014", Error, "Invalid or duplicate capability name";
    CapabilitiesNeedAccessEntries = "AM015", Error, "Capabilities need access entries";
    CapabilityRegion = "AM016", Error, "EKS Capabilities not offered in this region";
    CapabilityRole = "AM017", Error, "Invalid capability role";
    BroadCapabilityPolicy = "AM018", Warning, "Broad managed policy on a capability role";
    AckWithoutPermissions = "AM019", Info, "ACK may manage no AWS resources";
    DeletePropagation = "AM020", Error, "Unsupported delete propagation policy";
    ArgoCdIdentityCenter = "AM021", Error, "Argo CD needs IAM Identity Center";
    ArgoCdRoleMapping = "AM022", Error, "Invalid Argo CD role mapping";
    ArgoCdSettings = "AM023", Error, "Invalid Argo CD settings";
    CapabilityAccessPolicy = "AM024", Error, "Invalid capability access policy";
    CapabilityBaselineAccess = "AM025", Info, "Capability has only its baseline Kubernetes access";
    CapabilityRoleTrust = "AM026", Error, "Capability role trust is incomplete";
    EcrPublicPartition = "AM027", Warning, "ECR Public policy outside the aws partition";
    EcrPublicUnused = "AM028", Info, "ECR Public policy has no role to go on";
    // Access
    PrincipalArn = "AC001", Error, "Invalid principal ARN";
    DuplicatePrincipal = "AC002", Error, "Duplicate access entry";
    NonStandardIdentity = "AC003", Error, "Groups or username on a non-STANDARD entry";
    ReservedUsername = "AC004", Error, "Reserved Kubernetes username";
    AccessPolicy = "AC005", Error, "Unknown or EKS-managed access policy";
    AccessScope = "AC006", Error, "Invalid access scope";
    NoClusterAdmin = "AC007", Warning, "Nobody can administer the cluster";
    PlaceholderAccount = "AC008", Warning, "Placeholder AWS account id";
    NodeRoleEntry = "AC009", Error, "Access entry duplicates one EKS or the planner creates";
    PoliciesOnNodeEntry = "AC010", Error, "Access policies on a node entry";
    // NodeClass
    NodeClassName = "NC001", Error, "Invalid NodeClass name";
    DuplicateNodeClass = "NC002", Error, "Duplicate NodeClass";
    NodeClassRole = "NC003", Error, "Invalid NodeClass role";
    SubnetTerm = "NC004", Error, "Invalid subnet selector term";
    SecurityGroupTerm = "NC005", Error, "Invalid security group selector term";
    PodSubnetsWithoutPodSecurityGroups = "NC006", Error, "Pod subnets and pod security groups go together";
    EphemeralStorage = "NC007", Error, "Invalid ephemeral storage";
    RestrictedNodeClassTag = "NC008", Error, "Restricted NodeClass tag";
    CustomTagPolicy = "NC009", Info, "Custom tags need an extra cluster-role policy";
    Proxy = "NC010", Error, "Invalid proxy settings";
    NetworkInterfaces = "NC011", Error, "Invalid network interface layout";
    CapacityReservationsClusterWide = "NC012", Warning, "Capacity reservations change the whole cluster";
    PlacementGroup = "NC013", Error, "Invalid placement group selector";
    VolumeKeyPolicy = "NC014", Warning, "Customer-managed volume key needs a key policy";
    CertificateBundle = "NC015", Error, "Invalid certificate bundle";
    FipsRegion = "NC016", Error, "FIPS AMIs not offered in this region";
    V4EgressOnIpv4 = "NC017", Warning, "enableV4Egress on an IPv4 cluster";
    NodeClassUnused = "NC018", Warning, "NodeClass not used by any NodePool";
    PublicNodes = "NC019", Warning, "Nodes with public IP addresses";
    CapacityReservationTerm = "NC020", Error, "Invalid capacity reservation term";
    NodeClassAccessEntry = "NC021", Error, "Custom NodeClass role without an EC2 access entry";
    // NodePool
    NodePoolName = "NP001", Error, "Invalid NodePool name";
    DuplicateNodePool = "NP002", Error, "Duplicate NodePool";
    UnknownNodeClass = "NP003", Error, "NodePool references a missing NodeClass";
    ExpireAfter = "NP004", Error, "Invalid expireAfter or terminationGracePeriod";
    LifetimeOver21Days = "NP005", Error, "Node lifetime over 21 days";
    RestrictedRequirementKey = "NP006", Error, "Requirement key not available in Auto Mode";
    Requirement = "NP007", Error, "Invalid requirement";
    WindowsNotSupported = "NP008", Error, "Auto Mode runs Linux only";
    Label = "NP009", Error, "Invalid node label";
    Taint = "NP010", Error, "Invalid taint";
    Limit = "NP011", Error, "Invalid limit";
    Weight = "NP012", Error, "Invalid weight";
    StaticPool = "NP013", Error, "Invalid static NodePool";
    Budget = "NP014", Error, "Invalid disruption budget";
    ConsolidateAfter = "NP015", Error, "Invalid consolidateAfter";
    GpuPoolWithoutTaint = "NP016", Warning, "GPU NodePool without a taint";
    EmptyRange = "NP017", Error, "Requirement range selects nothing";
    NarrowSpotPool = "NP018", Warning, "Spot pool with too few instance types";
    NoLaunchableType = "NP019", Error, "NodePool allows no instance type Auto Mode launches";
    UnpinnedInstanceCategory = "NP020", Warning, "NodePool pins no instance category or family";
    StaticPoolNodeLimit = "NP021", Error, "Static NodePool's node limit leaves no room";
    // Storage
    StorageClassName = "ST001", Error, "Invalid StorageClass name";
    VolumePerformance = "ST002", Error, "Invalid IOPS or throughput";
    Unencrypted = "ST003", Warning, "Unencrypted volumes";
    StorageKey = "ST004", Error, "Invalid storage KMS key";
    NoStorageClass = "ST005", Warning, "No StorageClass";
    // Load balancing
    IngressClassName = "LB001", Error, "Invalid IngressClass name";
    GroupName = "LB002", Error, "Invalid ALB group name";
    CertificateArn = "LB003", Error, "Invalid certificate ARN";
    InternetFacingWithoutPublicSubnets = "LB004", Error, "Internet-facing load balancer without public subnets";
    InboundCidr = "LB005", Error, "Invalid inbound CIDR";
    LbSubnets = "LB006", Error, "Invalid load balancer subnets";
    LbTag = "LB007", Error, "Invalid load balancer tag";
    OpenToInternet = "LB008", Info, "Load balancer open to the whole internet";
    SslPolicy = "LB009", Warning, "Unknown SSL policy";
    Dualstack = "LB010", Warning, "Dual-stack load balancer without IPv6 subnets";
    AlbTagsAnnotation = "LB011", Error, "`alb.ingress.kubernetes.io/tags` on an Auto Mode Ingress";
    // Pod Identity
    PodIdentityTarget = "PI001", Error, "Invalid namespace or service account";
    DuplicateAssociation = "PI002", Error, "Duplicate Pod Identity association";
    PodIdentityRole = "PI003", Error, "Invalid Pod Identity role";
    BroadPodPolicy = "PI004", Warning, "Administrator policy for pods";
    // Sample workload
    WorkloadQuantity = "WL001", Error, "Invalid resource request";
    WorkloadNamespace = "WL002", Error, "Invalid sample namespace";
    WorkloadImage = "WL003", Warning, "Image not reachable from a private-only VPC";
    WorkloadReplicas = "WL004", Error, "Invalid replica count";
    // Capacity and cost plan
    CapacityName = "CP001", Error, "Invalid or duplicate workload name";
    CapacityQuantity = "CP002", Error, "Invalid resource request";
    CapacityTooMany = "CP003", Error, "Too many pods to plan";
    CapacityScheduling = "CP004", Error, "Invalid toleration or node selector";
    CapacityPrice = "CP005", Error, "Invalid price";
    CapacityUnknownType = "CP006", Warning, "Price for an unknown instance type";
    CapacityRegionPrices = "CP007", Info, "No published prices for the region";
    CapacityZoneConflict = "CP008", Error, "Zone spread and zone affinity together";
    CapacityClusters = "CP009", Error, "Invalid number of clusters";
    // Your cluster's cost (imported nodes and pods)
    ClusterNothingImported = "CI001", Error, "No nodes and no pods to price";
    ClusterUnpricedNode = "CI002", Warning, "Node of a type without a price";
    ClusterNoRequests = "CI003", Warning, "Pods without resource requests";
    ClusterSelectorDropped = "CI004", Info, "Node selector on a custom label left out";
    // Deployment: what the bundle asks for and where its state lives
    PublicCidrsRequired = "DP001", Info, "Public endpoint networks asked for at deploy time";
    StateBucket = "DP002", Error, "Invalid state bucket, key or region";
    LocalState = "DP003", Warning, "State kept in a local file";
    // Subnet layouts the plan spells out
    SubnetCidr = "SN001", Error, "Invalid subnet CIDR";
    SubnetOutsideVpc = "SN002", Error, "Subnet outside the VPC";
    SubnetOverlap = "SN003", Error, "Subnets overlap";
    SubnetCount = "SN004", Error, "Subnet CIDRs do not match the zones";
    SmallSubnet = "SN005", Warning, "Subnet too small for Auto Mode";
    SubnetSettingsIgnored = "SN006", Warning, "Subnet settings for an existing VPC";
    SubnetTags = "SN007", Error, "Invalid subnet tags";
    NodeSecurityGroupName = "SN008", Error, "Invalid node security group name";
    // IAM roles the bundle creates for people and pods
    RoleName = "IA001", Error, "Invalid name for a role the bundle creates";
    TrustedPrincipal = "IA002", Error, "Invalid principal trusted by the administrator role";
    InlineStatement = "IA003", Error, "Invalid inline policy statement";
    BroadInlineStatement = "IA004", Warning, "Inline policy statement allows too much";
    S3Access = "IA005", Error, "Invalid S3 access";
    // Migration: import (input findings)
    ImportUnknownFile = "MI001", Error, "Not one of the expected collected files";
    ImportMalformed = "MI002", Error, "Malformed or truncated file";
    ImportOtherCluster = "MI003", Error, "Output of another cluster";
    ImportKarpenterVersion = "MI004", Warning, "Karpenter API version the converter does not read";
    ImportObject = "MI005", Warning, "Object that cannot be read";
    ImportDuplicate = "MI006", Warning, "The same object imported twice";
    ImportNoCluster = "MI007", Error, "No describe-cluster output";
    ImportNotDescribed = "MI008", Warning, "Listed but not described";
    ImportStepFailed = "MI009", Warning, "A collection step failed";
    ImportQuantity = "MI010", Warning, "Unreadable resource quantity";
    ImportInputMissing = "MI011", Info, "Input missing: checks skipped";
    ImportArchive = "MI012", Error, "Unreadable archive";
    // Migration: readiness
    MigrateVersionTooOld = "MR001", Error, "Kubernetes version below 1.29";
    MigrateVersionSupport = "MR002", Warning, "Kubernetes version outside standard support";
    MigrateClusterRolePolicy = "MR003", Warning, "Cluster role lacks an Auto Mode policy";
    MigrateTagSession = "MR004", Warning, "Cluster role trust lacks sts:TagSession";
    MigrateConfigMapAuth = "MR005", Error, "CONFIG_MAP authentication";
    MigrateSmallInstances = "MR006", Error, "Instance types Auto Mode never launches";
    MigrateWindows = "MR007", Error, "Windows nodes or pods";
    MigrateRemoteAccess = "MR008", Error, "SSH or remote access on nodes";
    MigrateCustomAmi = "MR009", Error, "Custom AMI";
    MigrateUserData = "MR010", Error, "Custom user data";
    MigrateAddonVersion = "MR011", Warning, "Add-on below the Auto Mode minimum";
    MigrateKarpenterTooOld = "MR012", Error, "Karpenter below v1.1";
    MigrateClusterAutoscaler = "MR013", Warning, "Cluster Autoscaler installed";
    MigrateIrsa = "MR014", Warning, "IRSA in use";
    MigrateLoadBalancer = "MR015", Warning, "Load balancer Auto Mode cannot adopt";
    MigrateVolume = "MR016", Warning, "Volume Auto Mode cannot mount";
    MigratePdbBlocks = "MR017", Warning, "PodDisruptionBudget blocks every drain";
    MigrateHostNetwork = "MR018", Warning, "Pod binds host ports or the host network";
    MigrateNowhereToRun = "MR019", Error, "Workload with nowhere to run";
    MigrateFargate = "MR020", Info, "Fargate profiles stay as they are";
    MigrateAlreadyAutoMode = "MR021", Info, "Auto Mode already enabled";
    MigratePartialAutoMode = "MR022", Error, "Auto Mode capabilities only partly enabled";
    MigrateReplacedComponent = "MR023", Info, "Component that Auto Mode replaces";
    MigrateUnmappedField = "MR024", Warning, "Karpenter field with no Auto Mode equivalent";
    MigrateExpireAfter = "MR025", Warning, "expireAfter changed for the 21-day rule";
    MigrateLabelKey = "MR026", Info, "Karpenter label key renamed";
    MigrateUnmappedRequirement = "MR027", Warning, "Requirement with no Auto Mode equivalent";
    MigrateNodeGroupPool = "MR028", Info, "Node group converted to a NodePool";
    MigrateOutposts = "MR029", Error, "Local cluster on AWS Outposts";
    // Targets: what a target cannot express, and how its bundle makes up for it
    DefaultSecurityGroupByScript = "TG001", Info, "A stack cannot lock down the VPC's default security group";
    SubnetTagsByScript = "TG002", Info, "A stack cannot tag existing subnets";
    EksctlNetworkInStack = "TG003", Info, "eksctl cannot build the planned VPC";
    EksctlIamInStack = "TG004", Info, "eksctl cannot create the planned IAM roles";
    EksctlKeyInStack = "TG005", Info, "eksctl cannot create the secrets key";
    EksctlLogGroupInStack = "TG006", Info, "eksctl cannot manage the control-plane log group";
    EksctlDeletionProtection = "TG007", Info, "eksctl has no deletion-protection setting";
    EksctlVersion = "TG008", Warning, "Kubernetes version newer than eksctl knows";
    EksctlPlaceholderInText = "TG009", Warning, "Text that filling in the ClusterConfig would change";
    IamTagCharacters = "TG010", Warning, "Tags with characters IAM rejects";
    CapabilityAccessByScript = "TG011", Info, "A stack cannot add access policies to a capability's access entry";
    NoDeploymentWaits = "TG012", Warning, "No wait for IAM propagation or for EKS cluster updates";
    BucketNotEmptied = "TG013", Warning, "A stack cannot delete a bucket that holds logs";
    EksctlComponentLogs = "TG014", Warning, "eksctl cannot deliver the Auto Mode component logs";
    CapabilityRolePath = "TG015", Warning, "A capability role with a path, which CloudFormation rejects";
    EksctlPrivateEndpoint = "TG016", Warning, "eksctl cannot ask for the public endpoint's networks";
    NodeSecurityGroupMissing = "TG017", Warning, "The planned node security group is not in this target";
    TerraformInstead = "TG018", Info, "This planner writes Terraform for a plan of another target";
}

impl Code {
    /// Look a code up by its printed form (case-insensitive).
    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
    }

    /// The long explanation (Markdown): what it means, why, how to fix.
    pub fn explanation(self) -> &'static str {
        let heading = format!("## {}", self.as_str());
        let Some(start) = EXPLANATIONS.find(&heading) else {
            return "";
        };
        let body = &EXPLANATIONS[start..];
        // Skip the heading line itself.
        let body = body.split_once('\n').map(|(_, b)| b).unwrap_or("");
        let end = body.find("\n## ").map(|i| i + 1).unwrap_or(body.len());
        body[..end].trim()
    }

    /// The heading line of the explanation (`NP005: …`).
    pub fn heading(self) -> String {
        format!("{}: {}", self.as_str(), self.title())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = BTreeSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate {}", c.as_str());
            let (prefix, num) = c.as_str().split_at(2);
            assert!(prefix.chars().all(|ch| ch.is_ascii_uppercase()));
            assert!(num.len() == 3 && num.chars().all(|ch| ch.is_ascii_digit()));
        }
    }

    #[test]
    fn every_code_is_explained_and_nothing_else_is() {
        for c in Code::ALL {
            let text = c.explanation();
            assert!(text.len() > 80, "{} has no real explanation", c.as_str());
            assert!(
                text.contains("**Fix"),
                "{} explanation lacks a fix",
                c.as_str()
            );
        }
        for line in EXPLANATIONS.lines().filter(|l| l.starts_with("## ")) {
            let code = line.trim_start_matches("## ").trim();
            assert!(Code::parse(code).is_some(), "orphan explanation {code}");
        }
    }

    #[test]
    fn parse_is_case_insensitive() {
        assert_eq!(Code::parse("np005"), Some(Code::LifetimeOver21Days));
        assert_eq!(Code::parse("XX999"), None);
    }
}
