//! The imported cluster as a [`Plan`] (`cluster.mode: existing`), so the
//! user continues in the normal planner with every rule.

use std::collections::BTreeSet;

use super::convert::Conversion;
use crate::import::Snapshot;
use crate::plan::{
    AuthenticationMode, ClusterMode, EndpointAccess, IpFamily, KeyMode, LogType, NetworkMode,
    NodeRole, Plan, RoleMode, SupportType,
};

/// Names already used by the cluster's own objects, which the plan's
/// StorageClass and IngressClass must not overwrite.
fn free_name(base: &str, taken: &BTreeSet<&str>) -> String {
    if !taken.contains(base) {
        return base.to_owned();
    }
    let mut n = 2;
    loop {
        let name = format!("{base}-{n}");
        if !taken.contains(name.as_str()) {
            return name;
        }
        n += 1;
    }
}

/// Build the plan.
pub fn build(s: &Snapshot, c: &Conversion) -> Plan {
    let mut plan = Plan::default();
    plan.cluster.mode = ClusterMode::Existing;
    plan.access.cluster_creator_admin = false;
    if let Some(e) = s.eks() {
        plan.cluster.name = e.name.clone();
        if let Some(r) = e.region() {
            plan.cluster.region = r.to_owned();
        }
        plan.cluster.kubernetes_version = e.version.clone();
        plan.cluster.role_arn = Some(e.role_arn.clone()).filter(|r| !r.is_empty());
        plan.cluster.support_type = match e.upgrade_policy.support_type.as_deref() {
            Some("STANDARD") => SupportType::Standard,
            _ => SupportType::Extended,
        };
        plan.cluster.deletion_protection = e.deletion_protection.unwrap_or(false);
        plan.cluster.tags = e.tags.clone();
        let mut logs: Vec<LogType> = e
            .logging
            .cluster_logging
            .iter()
            .filter(|l| l.enabled)
            .flat_map(|l| l.types.iter())
            .filter_map(|t| LogType::ALL.iter().copied().find(|x| x.as_str() == t))
            .collect();
        logs.sort();
        logs.dedup();
        plan.cluster.control_plane_logs = logs;
        match e
            .encryption_config
            .iter()
            .find(|c| c.resources.iter().any(|r| r == "secrets"))
        {
            Some(enc) => {
                plan.cluster.secrets_encryption.mode = KeyMode::Existing;
                plan.cluster.secrets_encryption.key_arn = Some(enc.provider.key_arn.clone());
            }
            None => plan.cluster.secrets_encryption.mode = KeyMode::None,
        }
        let v = &e.resources_vpc_config;
        plan.cluster.endpoint.access = match (v.endpoint_public_access, v.endpoint_private_access) {
            (true, false) => EndpointAccess::Public,
            (false, true) => EndpointAccess::Private,
            _ => EndpointAccess::PublicAndPrivate,
        };
        plan.cluster.endpoint.public_access_cidrs = if v.endpoint_public_access {
            v.public_access_cidrs.clone()
        } else {
            Vec::new()
        };
        plan.cluster.ip_family = match e.kubernetes_network_config.ip_family.as_deref() {
            Some("ipv6") => IpFamily::Ipv6,
            _ => IpFamily::Ipv4,
        };
        plan.cluster.service_cidr = if plan.cluster.ip_family == IpFamily::Ipv4 {
            e.kubernetes_network_config.service_ipv4_cidr.clone()
        } else {
            None
        };
        plan.network.mode = NetworkMode::Existing;
        plan.network.vpc_id = Some(v.vpc_id.clone()).filter(|v| !v.is_empty());
        plan.network.control_plane_subnet_ids = v.subnet_ids.clone();
        let mut node_subnets: Vec<String> = s
            .node_groups
            .iter()
            .flat_map(|g| g.value.subnets.iter().cloned())
            .collect();
        node_subnets.sort();
        node_subnets.dedup();
        plan.network.node_subnet_ids = if node_subnets.is_empty() {
            v.subnet_ids.clone()
        } else {
            node_subnets
        };
        // The subnets already carry whatever tags their load balancers use.
        plan.network.tag_subnets = false;
        plan.network.flow_logs = false;
        plan.auto_mode.authentication_mode = match e.access_config.authentication_mode.as_deref() {
            Some("API") => AuthenticationMode::Api,
            // CONFIG_MAP must become API_AND_CONFIG_MAP first (MR005).
            _ => AuthenticationMode::ApiAndConfigMap,
        };
        // Enable without the general-purpose pool (AWS's procedure): the
        // system pool brings the `default` NodeClass the converted pools use.
        let existing = e.compute_config.as_ref().filter(|cc| cc.enabled);
        plan.auto_mode.general_purpose_pool =
            existing.is_some_and(|cc| cc.node_pools.iter().any(|p| p == "general-purpose"));
        plan.auto_mode.system_pool =
            existing.is_none_or(|cc| cc.node_pools.iter().any(|p| p == "system"));
        plan.auto_mode.node_role = match existing.and_then(|cc| cc.node_role_arn.clone()) {
            Some(arn) => NodeRole {
                mode: RoleMode::Existing,
                arn: Some(arn),
            },
            // The role migrate.sh creates (runbook::node_role_name).
            None => match e.account() {
                Some(account) => NodeRole {
                    mode: RoleMode::Existing,
                    arn: Some(format!(
                        "arn:{}:iam::{account}:role/{}",
                        crate::catalog::policies::partition(&plan.cluster.region),
                        super::runbook::node_role_name(&e.name)
                    )),
                },
                None => NodeRole::default(),
            },
        };
    }
    plan.node_classes = c.node_classes.clone();
    plan.node_pools = c.node_pools.iter().map(|(p, _)| p.clone()).collect();
    let storage_taken: BTreeSet<&str> = s
        .kube
        .storage_classes
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    plan.storage.name = free_name(&plan.storage.name, &storage_taken);
    if let Some(existing) = s
        .kube
        .storage_classes
        .iter()
        .find(|c| c.provisioner == crate::kube::storage::AUTO_MODE_EBS_DRIVER)
    {
        // Auto Mode storage is already set up: leave it as it is.
        plan.storage.name = existing.name.clone();
        plan.storage.enabled = false;
    }
    plan.load_balancing.nlb_example.enabled = false;
    // The public subnets are not in the collected files: the IngressClass
    // starts internal (it exposes nothing), and the user switches it to
    // internet-facing with `network.public_subnet_ids` where needed.
    if plan.network.public_subnet_ids.is_empty() {
        plan.load_balancing.ingress_class.scheme = crate::plan::Scheme::Internal;
    }
    // Never take the default class away from the one in use.
    if s.kube.storage_classes.iter().any(|c| c.is_default) {
        plan.storage.default_class = false;
    }
    let ingress_taken: BTreeSet<&str> = s
        .kube
        .ingress_classes
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    if let Some(existing) = s
        .kube
        .ingress_classes
        .iter()
        .find(|k| k.controller == crate::kube::network::AUTO_MODE_ALB_CONTROLLER)
    {
        // Auto Mode already has an IngressClass: leave it as it is.
        plan.load_balancing.ingress_class.name = existing.name.clone();
        plan.load_balancing.ingress_class.enabled = false;
    } else {
        plan.load_balancing.ingress_class.name =
            free_name(&plan.load_balancing.ingress_class.name, &ingress_taken);
    }
    if s.kube.ingress_classes.iter().any(|c| c.is_default) {
        plan.load_balancing.ingress_class.default_class = false;
    }
    plan
}
