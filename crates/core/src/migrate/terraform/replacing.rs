//! The arguments of `aws_eks_cluster` that make Terraform replace the
//! cluster (destroy it and create a new one) when they change, and where
//! `describe-cluster` says what each one is today.
//!
//! `ForceNew` is not in the provider schema the validators read
//! (`.tools/aws-provider-schema.json` lists arguments and blocks only), so
//! this table comes from the provider's source and docs:
//!
//! - hashicorp/terraform-provider-aws `internal/service/eks/cluster.go`
//!   (6.x): `ForceNew` on `name`, `role_arn`, `bootstrap_self_managed_addons`,
//!   `access_config.bootstrap_cluster_creator_admin_permissions`,
//!   `kubernetes_network_config.ip_family` and `.service_ipv4_cidr`,
//!   `outpost_config.control_plane_instance_type` and
//!   `.control_plane_placement.group_name`; `ForceNewIfChange` on
//!   `encryption_config` (removing it); the custom diff
//!   `validateAutoModeComputeConfigCustomizeDiff` forces a new cluster when
//!   an existing `compute_config.node_role_arn` changes to another ARN;
//! - the same file in 4.x and early 5.x: `vpc_config.subnet_ids` and
//!   `.security_group_ids` were `ForceNew` (in place since), and
//!   `remote_network_config` was `ForceNew` when it was added in 5.79;
//! - terraform-provider-aws #39058 and #40582, terraform-aws-eks #3148,
//!   #3273 and #3429: after `terraform import`,
//!   `bootstrap_self_managed_addons` is `false` in state (the API never
//!   returns it) and the provider's default `true` replaces the cluster;
//!   the module now keeps it in `ignore_changes`;
//! - terraform-provider-aws #40411 and #40549 (fixed in 5.81 and by #41925):
//!   adding `node_role_arn` while enabling Auto Mode is an in-place change;
//!   6.15 is the first release that turns Auto Mode on and off in place
//!   (terraform-aws-eks #3516).
//!
//! Arguments that are in place today but replaced the cluster in older
//! releases are carried too: a user on an older provider, or a module that
//! pins one, is safe as well.

/// How the value in the Terraform is compared with `describe-cluster`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// A string (or boolean) that must be equal; absent equals absent.
    Scalar,
    /// A set of strings: equal as sets; an absent list equals an empty one.
    Set,
    /// Only forces a new cluster when `describe-cluster` has a value: then
    /// the Terraform must carry the same value.
    IfSet,
    /// `describe-cluster` does not return it: it must be in
    /// `lifecycle.ignore_changes`.
    NotReturned,
    /// `compute_config.node_role_arn`: like [`Compare::IfSet`], except that
    /// dropping it while turning compute off (or with no built-in pools) is
    /// in place since provider 6.15 (`validateAutoModeComputeConfigCustomizeDiff`).
    NodeRole,
}

/// One argument that replaces the cluster when it changes.
#[derive(Clone, Copy, Debug)]
pub struct Replacing {
    /// The argument, as a path of block and attribute names
    /// (`vpc_config.subnet_ids`).
    pub argument: &'static str,
    /// Where `describe-cluster --output json` has it (a JSON pointer), if it
    /// returns it.
    pub pointer: Option<&'static str>,
    /// How to compare.
    pub compare: Compare,
    /// Why it is in the table.
    pub why: &'static str,
}

/// Every argument of `aws_eks_cluster` that can replace the cluster.
pub const REPLACING: &[Replacing] = &[
    Replacing {
        argument: "name",
        pointer: Some("/cluster/name"),
        compare: Compare::Scalar,
        why: "ForceNew",
    },
    Replacing {
        argument: "role_arn",
        pointer: Some("/cluster/roleArn"),
        compare: Compare::Scalar,
        why: "ForceNew",
    },
    Replacing {
        argument: "bootstrap_self_managed_addons",
        pointer: None,
        compare: Compare::NotReturned,
        why: "ForceNew, default true, never returned (terraform-provider-aws #39058, #40582)",
    },
    Replacing {
        argument: "access_config.bootstrap_cluster_creator_admin_permissions",
        pointer: Some("/cluster/accessConfig/bootstrapClusterCreatorAdminPermissions"),
        compare: Compare::NotReturned,
        why: "ForceNew, not returned by the API",
    },
    Replacing {
        argument: "kubernetes_network_config.ip_family",
        pointer: Some("/cluster/kubernetesNetworkConfig/ipFamily"),
        compare: Compare::Scalar,
        why: "ForceNew",
    },
    Replacing {
        argument: "kubernetes_network_config.service_ipv4_cidr",
        pointer: Some("/cluster/kubernetesNetworkConfig/serviceIpv4Cidr"),
        compare: Compare::Scalar,
        why: "ForceNew",
    },
    Replacing {
        argument: "vpc_config.subnet_ids",
        pointer: Some("/cluster/resourcesVpcConfig/subnetIds"),
        compare: Compare::Set,
        why: "ForceNew before provider 5.x; one update call at a time since",
    },
    Replacing {
        argument: "vpc_config.security_group_ids",
        pointer: Some("/cluster/resourcesVpcConfig/securityGroupIds"),
        compare: Compare::Set,
        why: "ForceNew before provider 5.x",
    },
    Replacing {
        argument: "encryption_config.resources",
        pointer: Some("/cluster/encryptionConfig/0/resources"),
        compare: Compare::Set,
        why: "removing encryption_config replaces the cluster (ForceNewIfChange)",
    },
    Replacing {
        argument: "encryption_config.provider.key_arn",
        pointer: Some("/cluster/encryptionConfig/0/provider/keyArn"),
        compare: Compare::Scalar,
        why: "envelope encryption cannot be changed or removed in place",
    },
    Replacing {
        argument: "outpost_config.control_plane_instance_type",
        pointer: Some("/cluster/outpostConfig/controlPlaneInstanceType"),
        compare: Compare::Scalar,
        why: "ForceNew",
    },
    Replacing {
        argument: "outpost_config.outpost_arns",
        pointer: Some("/cluster/outpostConfig/outpostArns"),
        compare: Compare::Set,
        why: "a local cluster cannot move to other Outposts",
    },
    Replacing {
        argument: "outpost_config.control_plane_placement.group_name",
        pointer: Some("/cluster/outpostConfig/controlPlanePlacement/groupName"),
        compare: Compare::Scalar,
        why: "ForceNew",
    },
    Replacing {
        argument: "remote_network_config.remote_node_networks.cidrs",
        pointer: Some("/cluster/remoteNetworkConfig/remoteNodeNetworks/0/cidrs"),
        compare: Compare::Set,
        why: "ForceNew when remote_network_config was added (5.79)",
    },
    Replacing {
        argument: "remote_network_config.remote_pod_networks.cidrs",
        pointer: Some("/cluster/remoteNetworkConfig/remotePodNetworks/0/cidrs"),
        compare: Compare::Set,
        why: "ForceNew when remote_network_config was added (5.79)",
    },
    Replacing {
        argument: "compute_config.node_role_arn",
        pointer: Some("/cluster/computeConfig/nodeRoleArn"),
        compare: Compare::NodeRole,
        why: "changing an existing node role replaces the cluster (validateAutoModeComputeConfigCustomizeDiff)",
    },
];

/// What goes in `lifecycle.ignore_changes` of the cluster, in Terraform's
/// syntax: the arguments `describe-cluster` cannot tell.
pub const IGNORED: &[&str] = &[
    "bootstrap_self_managed_addons",
    "access_config[0].bootstrap_cluster_creator_admin_permissions",
];

/// The sources of the table, for the generated files' comments.
pub const SOURCES: &[&str] = &[
    "hashicorp/terraform-provider-aws internal/service/eks/cluster.go (ForceNew, ForceNewIfChange, validateAutoModeComputeConfigCustomizeDiff)",
    "terraform-provider-aws #39058, #40411, #40549, #40582; terraform-aws-eks #3148, #3266, #3273, #3429, #3516",
];

/// The `ignore_changes` spelling of an argument path
/// (`access_config.x` → `access_config[0].x`).
pub fn ignore_spelling(argument: &str) -> String {
    let parts: Vec<&str> = argument.split('.').collect();
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(p);
        if i + 1 < parts.len() {
            out.push_str("[0]");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_not_returned_argument_is_ignored() {
        for r in REPLACING {
            if r.compare == Compare::NotReturned {
                assert!(
                    IGNORED.contains(&ignore_spelling(r.argument).as_str()),
                    "{}",
                    r.argument
                );
            }
        }
        assert_eq!(
            ignore_spelling("a.b.c"),
            "a[0].b[0].c",
            "nested blocks are lists of one"
        );
    }
}
