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
mod cluster;
mod iam;
mod io;
mod kubernetes;
mod network;

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
    let roles = iam::resolve(plan, &network, &mut notes);
    let cluster = cluster::resolve(plan, &network, &kms_keys, &log_groups, &mut notes);
    let kubernetes = kubernetes::resolve(plan, &roles, &mut notes);
    let access_entries = access::entries(plan, &cluster, &roles, &mut notes);
    let pod_identity = access::pod_identity(plan, &roles);
    let exceptions = exceptions(plan);
    let inputs = io::inputs(&cluster, &network);
    let outputs = io::outputs(&cluster, &network, &roles.roles);
    Design {
        inputs,
        cluster,
        network,
        roles: roles.roles,
        kms_keys,
        log_groups,
        access_entries,
        pod_identity,
        outputs,
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
    let open = ep.public_access_cidrs.is_empty()
        || ep.public_access_cidrs.iter().any(|c| c.ends_with("/0"));
    if ep.access != EndpointAccess::Private && open {
        out.push("The public API endpoint accepts connections from any address (0.0.0.0/0); only IAM authentication protects it.".into());
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
    if plan.access.cluster_creator_admin {
        out.push(
            Text::lit("Whoever runs ")
                .word(Span::ApplyCommand)
                .then(" becomes cluster-admin through an access entry (remove it in ")
                .word(Span::Place(Place::AccessEntries))
                .then(" once other admins exist)."),
        );
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
