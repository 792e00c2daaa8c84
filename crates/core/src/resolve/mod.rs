//! **Resolve**: turn a valid plan into a fully decided [`Design`].
//!
//! Every choice the planner makes on the user's behalf (subnet CIDRs, role
//! names, which access entries are needed, which IAM statements) is made
//! here, once, and recorded with a [`Note`] saying why.
//!
//! Resolution never panics, even on an invalid plan: fields that do not
//! parse fall back to defaults. Callers should still refuse to emit a
//! design from a plan with error diagnostics.

mod access;
mod capabilities;
mod cluster;
pub(crate) mod iam;
mod io;
mod kubernetes;
mod logs;
mod network;
mod s3;

/// Whether the plan needs the cluster-level node role.
pub(crate) use iam::node_role_needed;
/// The requirement list a NodePool is emitted with (validation checks it
/// against the instance catalog).
pub(crate) use kubernetes::requirements as node_pool_requirements;

pub use crate::design::id::ident;
use crate::design::{Design, Note, Place, Span, Text};
use crate::plan::Plan;

/// Key of the cluster.
pub(crate) const CLUSTER_KEY: &str = "this";

/// Build the design for a plan.
pub fn resolve(plan: &Plan) -> Design {
    let mut notes = Vec::new();
    let network = network::resolve(plan, &mut notes);
    let (kms_keys, log_groups) = cluster::keys_and_logs(plan, &network, &mut notes);
    let mut roles = iam::resolve(plan, &network, &mut notes);
    let mut role_keys = crate::design::Keys::taken(
        &roles
            .roles
            .iter()
            .map(|r| r.key.snake())
            .collect::<Vec<_>>(),
    );
    let capability_roles = capabilities::roles(plan, &mut role_keys, &mut notes);
    let capability_role_keys: Vec<_> = capability_roles.iter().map(|(k, _)| k.clone()).collect();
    roles
        .roles
        .extend(capability_roles.into_iter().filter_map(|(_, r)| r));
    let cluster = cluster::resolve(plan, &network, &kms_keys, &log_groups, &mut notes);
    let kubernetes = kubernetes::resolve(plan, &roles, &mut notes);
    let access_entries = access::entries(plan, &cluster, &roles, &mut notes);
    let pod_identity = access::pod_identity(plan, &roles);
    let capabilities = capabilities::resolve(plan, &capability_role_keys, &mut notes);
    let buckets: Vec<_> = logs::bucket(plan, &kms_keys, &mut notes)
        .into_iter()
        .collect();
    let component_logs = logs::resolve(plan, &capabilities, &buckets, &mut notes);
    let exceptions = exceptions(plan);
    let inputs = io::inputs(&cluster, &network);
    let outputs = io::outputs(&cluster, &network, &roles.roles);
    let state = io::state(plan, &mut notes);
    Design {
        inputs,
        cluster,
        network,
        roles: roles.roles,
        kms_keys,
        log_groups,
        access_entries,
        pod_identity,
        capabilities,
        buckets,
        component_logs,
        outputs,
        state,
        kubernetes,
        notes,
        exceptions,
    }
}

/// Security-relevant departures from AWS guidance that the plan chose.
fn exceptions(plan: &Plan) -> Vec<Text> {
    use crate::plan::{EndpointAccess, KeyMode, NetworkMode, Scheme};
    let mut out = Vec::new();
    let ep = &plan.cluster.endpoint;
    // Only an explicit `/0` opens the endpoint: without networks in the plan
    // the bundle requires them at deploy time and refuses `/0`.
    let open: Vec<&str> = ep
        .public_access_cidrs
        .iter()
        .filter(|c| crate::design::is_world(c))
        .map(String::as_str)
        .collect();
    if ep.access != EndpointAccess::Private && !open.is_empty() {
        out.push(format!("The public API endpoint accepts connections from the internet ({}), as the plan chose; only IAM authentication protects it.", open.join(", ")).into());
    }
    if plan.cluster.secrets_encryption.mode == KeyMode::None {
        out.push(
            "Kubernetes secrets are not envelope-encrypted with a customer-managed KMS key.".into(),
        );
    }
    if plan.network.mode == NetworkMode::Create && !plan.network.flow_logs {
        out.push("VPC flow logs are off.".into());
    }
    if plan.storage.enabled && !plan.storage.encrypted {
        out.push("The StorageClass creates unencrypted EBS volumes.".into());
    }
    if plan.state.backend == crate::plan::StateBackend::Local {
        out.push(
            Text::default()
                .word(Span::Tool)
                .then(" keeps its state in a local file: no locking, no sharing, and losing the file orphans the cluster."),
        );
    }
    if plan.access.cluster_creator_admin {
        out.push(
            Text::lit("Whoever runs ")
                .word(Span::ApplyCommand)
                .then(" becomes cluster-admin through an access entry (remove it in ")
                .word(Span::Place(Place::AccessEntries))
                .then(" once other admins exist)."),
        );
    }
    for c in &plan.capabilities {
        let broad: Vec<&str> = c
            .managed_policy_arns
            .iter()
            .filter_map(|p| p.rsplit('/').next())
            .filter(|n| ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"].contains(n))
            .collect();
        if c.role_mode == crate::plan::RoleMode::Create && !broad.is_empty() {
            out.push(
                format!(
                    "The {} capability `{}` has {}: whoever may create its resources in the cluster acts with those permissions in the account.",
                    c.capability_type.title(),
                    c.effective_name(),
                    broad.join(" and ")
                )
                .into(),
            );
        }
    }
    let ic = &plan.load_balancing.ingress_class;
    if ic.enabled && ic.scheme == Scheme::InternetFacing && ic.inbound_cidrs.is_empty() {
        out.push(
            format!(
                "ALBs of IngressClass `{}` are internet-facing and accept any client address.",
                ic.name
            )
            .into(),
        );
    }
    out
}

/// Fit a name into `max` characters: long names keep a readable prefix and
/// end in 8 hex digits of a hash of the full name, so they stay unique and
/// deterministic.
pub(crate) fn fit_name(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let hash = fnv1a(name.as_bytes());
    let keep = max.saturating_sub(9);
    let prefix: String = name.chars().take(keep).collect();
    format!("{}-{hash:08x}", prefix.trim_end_matches(['-', '_', '.']))
}

/// 32-bit FNV-1a: tiny, stable across platforms and releases.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

pub(crate) fn note(notes: &mut Vec<Note>, topic: &'static str, text: impl Into<Text>) {
    notes.push(Note {
        topic,
        text: text.into(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_name_is_deterministic_and_bounded() {
        assert_eq!(fit_name("short", 64), "short");
        let long = "a".repeat(80);
        let fitted = fit_name(&long, 64);
        assert_eq!(fitted.len(), 64);
        assert_eq!(fitted, fit_name(&long, 64));
        assert_ne!(fitted, fit_name(&"a".repeat(81), 64));
    }
}
