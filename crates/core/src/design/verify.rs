//! Auto Mode's hard rules, checked on a resolved design (reference §0).

use super::iam::PrincipalKind;
use super::id::{Key, Kind};
use super::value::{Part, Value};
use super::{Design, Design as D};
use crate::catalog::policies::{
    AUTO_NODE_ACCESS_POLICY, CLUSTER_ROLE_POLICIES, NODE_ROLE_POLICIES,
};
use crate::catalog::versions::{MIN_AUTO_MODE_MINOR, minor_of};
use crate::diag::{Code, Diagnostic};
use crate::plan::{AccessEntryType, AccessScope, AuthenticationMode};
use crate::validate::syntax;

impl Design {
    /// Check the design against EKS Auto Mode's hard rules. An empty result
    /// means EKS will accept the cluster configuration. Anything else is a
    /// planner bug, reported with the rule's code.
    pub fn verify(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut fail = |code: Code, path: &str, msg: String| {
            out.push(Diagnostic::new(
                code,
                path,
                msg,
                "This is a planner bug; please report it.",
            ));
        };
        let c = &self.cluster;

        // §0.1 — the three capabilities together.
        if !(c.compute.enabled == c.elastic_load_balancing && c.compute.enabled == c.block_storage)
        {
            fail(
                Code::CapabilitiesTogether,
                "design.cluster",
                format!(
                    "compute={}, elastic_load_balancing={}, block_storage={} must all be equal",
                    c.compute.enabled, c.elastic_load_balancing, c.block_storage
                ),
            );
        }
        if !c.compute.enabled {
            fail(
                Code::CapabilitiesTogether,
                "design.cluster.compute",
                "Auto Mode compute is off".into(),
            );
        }
        // §0.2 — built-in pool names: typed, so only duplicates can be wrong.
        let mut seen = Vec::new();
        for p in &c.compute.node_pools {
            if seen.contains(&p) {
                fail(
                    Code::BuiltinPoolName,
                    "design.cluster.compute.node_pools",
                    format!("`{}` is listed twice", p.as_str()),
                );
            }
            seen.push(p);
        }
        // §0.3/§0.4 — pools ⇔ node role.
        if c.compute.node_pools.is_empty() == c.compute.node_role_arn.is_some() {
            fail(
                Code::NodeRoleAndPools,
                "design.cluster.compute.node_role_arn",
                "node_role_arn must be set exactly when node_pools is non-empty".into(),
            );
        }
        // §0.6 — bootstrap_self_managed_addons.
        if c.bootstrap_self_managed_addons {
            fail(
                Code::BootstrapAddons,
                "design.cluster",
                "bootstrap_self_managed_addons is true".into(),
            );
        }
        // §0.7 — authentication mode.
        if c.authentication_mode == AuthenticationMode::ConfigMap {
            fail(
                Code::AuthModeConfigMap,
                "design.cluster.authentication_mode",
                format!("authentication mode `{}`", c.authentication_mode.as_str()),
            );
        }
        // §0.8 — version.
        if minor_of(&c.version).is_none_or(|m| m < MIN_AUTO_MODE_MINOR) {
            fail(
                Code::VersionBelowAutoMode,
                "design.cluster.version",
                format!("version `{}`", c.version),
            );
        }
        // §0.9 — cluster role trust and policies.
        match self.role(&c.role) {
            None => fail(
                Code::ClusterRoleTrust,
                "design.roles",
                "the cluster role is missing".into(),
            ),
            Some(role) => {
                let trusted = role.trust.statements.iter().any(|s| {
                    s.principals.iter().any(|p| {
                        p.kind == PrincipalKind::Service
                            && p.identifiers
                                .iter()
                                .any(|i| i.as_literal() == Some("eks.amazonaws.com"))
                    }) && ["sts:AssumeRole", "sts:TagSession"]
                        .iter()
                        .all(|a| s.actions.iter().any(|x| x == a))
                });
                if !trusted {
                    fail(
                        Code::ClusterRoleTrust,
                        "design.roles.cluster.trust",
                        "eks.amazonaws.com is not trusted with sts:AssumeRole and sts:TagSession"
                            .into(),
                    );
                }
                for p in CLUSTER_ROLE_POLICIES {
                    if !role.managed_policies.contains(&Value::managed_policy(p)) {
                        fail(
                            Code::ClusterRolePolicies,
                            "design.roles.cluster",
                            format!("{p} is not attached"),
                        );
                    }
                }
            }
        }
        // Node role policies, when the bundle creates it.
        if let Some(role) = node_role_key(self).and_then(|k| self.role(&k)) {
            for p in NODE_ROLE_POLICIES {
                if !role.managed_policies.contains(&Value::managed_policy(p)) {
                    fail(
                        Code::NodeRolePolicies,
                        "design.roles.node",
                        format!("{p} is not attached"),
                    );
                }
            }
        }
        // §0.10 — NodePool lifetime.
        for (i, np) in self.kubernetes.node_pools.iter().enumerate() {
            let spec = &np.spec.template.spec;
            let path = format!("design.kubernetes.node_pools[{i}]");
            if spec.node_class_ref.group != "eks.amazonaws.com"
                || spec.node_class_ref.kind != "NodeClass"
            {
                fail(
                    Code::UnknownNodeClass,
                    &path,
                    "nodeClassRef is not an Auto Mode NodeClass".into(),
                );
            }
            let e = syntax::duration_secs(&spec.expire_after);
            let g = syntax::duration_secs(&spec.termination_grace_period);
            match (e, g) {
                (Some(e), Some(g)) if e + g <= crate::catalog::MAX_NODE_LIFETIME_SECS => {}
                _ => fail(
                    Code::LifetimeOver21Days,
                    &path,
                    format!(
                        "expireAfter {} + terminationGracePeriod {}",
                        spec.expire_after, spec.termination_grace_period
                    ),
                ),
            }
        }
        // §0.11/§0.12 — custom NodeClasses.
        let compute_role = c
            .compute
            .node_role_arn
            .as_ref()
            .and_then(|v| role_name(self, v));
        for (i, nc) in self.kubernetes.node_classes.iter().enumerate() {
            let path = format!("design.kubernetes.node_classes[{i}]");
            if nc.metadata.name == "default" {
                fail(
                    Code::NodeClassName,
                    &path,
                    "a custom NodeClass is named `default`".into(),
                );
            }
            let Some(role) = &nc.spec.role else { continue };
            if compute_role.as_deref() == Some(role.as_str()) {
                continue;
            }
            let has_entry = self.access_entries.iter().any(|e| {
                e.entry_type == AccessEntryType::Ec2
                    && role_name(self, &e.principal_arn).as_deref() == Some(role.as_str())
                    && e.policies.iter().any(|p| {
                        p.scope == AccessScope::Cluster
                            && p.policy_arn == Value::access_policy(AUTO_NODE_ACCESS_POLICY)
                    })
            });
            if !has_entry {
                fail(
                    Code::NodeClassAccessEntry,
                    &path,
                    format!("role `{role}` has no EC2 access entry with {AUTO_NODE_ACCESS_POLICY}"),
                );
            }
        }
        out
    }
}

/// The key of the created Auto Mode node role, if the compute config uses one.
fn node_role_key(d: &D) -> Option<Key> {
    d.cluster
        .compute
        .node_role_arn
        .as_ref()
        .and_then(|v| v.as_ref())
        .filter(|(r, _)| r.kind == Kind::Role)
        .map(|(r, _)| r.key.clone())
}

/// The role name a role ARN value denotes (created role or literal ARN).
pub(crate) fn role_name(d: &D, v: &Value) -> Option<String> {
    match v.0.as_slice() {
        [Part::Ref(r, _)] if r.kind == Kind::Role => d.role(&r.key).map(|r| r.name.clone()),
        // A literal ARN, or one built from the partition and account id.
        _ => match v.as_literal() {
            Some(arn) => syntax::iam_role_arn(arn).map(str::to_owned),
            None => match v.0.last() {
                Some(Part::Text(t)) => t
                    .split_once(":role/")
                    .map(|(_, path)| path.rsplit('/').next().unwrap_or(path).to_owned()),
                _ => None,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::plan::{NodeClass, NodeClassRoleMode, NodePool, Plan};
    use crate::presets::PRESETS;
    use crate::resolve;

    fn codes(d: &super::Design) -> Vec<Code> {
        d.verify().into_iter().map(|x| x.code).collect()
    }

    /// A design with a custom NodeClass on its own role and a NodePool on it.
    fn design() -> super::Design {
        let mut plan = Plan::default();
        plan.node_classes.push(NodeClass {
            name: "own-role".into(),
            role: crate::plan::NodeClassRole {
                mode: NodeClassRoleMode::Create,
                ..Default::default()
            },
            ..NodeClass::default()
        });
        plan.node_pools.push(NodePool {
            node_class: "own-role".into(),
            ..NodePool::default()
        });
        resolve(&plan)
    }

    #[test]
    fn presets_and_defaults_satisfy_every_rule() {
        assert!(codes(&design()).is_empty(), "{:?}", design().verify());
        for p in PRESETS {
            let d = resolve(&p.plan().expect("preset"));
            assert!(d.verify().is_empty(), "{}: {:?}", p.name, d.verify());
        }
    }

    #[test]
    fn am001_capabilities_together() {
        let mut d = design();
        d.cluster.block_storage = false;
        assert_eq!(codes(&d), [Code::CapabilitiesTogether]);
    }

    #[test]
    fn am002_builtin_pool_names() {
        let mut d = design();
        let first = d.cluster.compute.node_pools[0];
        d.cluster.compute.node_pools.push(first);
        assert!(codes(&d).contains(&Code::BuiltinPoolName));
    }

    #[test]
    fn am003_node_role_and_pools() {
        let mut d = design();
        d.cluster.compute.node_role_arn = None;
        assert!(codes(&d).contains(&Code::NodeRoleAndPools));
        let mut d = design();
        d.cluster.compute.node_pools.clear();
        assert!(codes(&d).contains(&Code::NodeRoleAndPools));
    }

    #[test]
    fn am004_bootstrap_addons() {
        let mut d = design();
        d.cluster.bootstrap_self_managed_addons = true;
        assert_eq!(codes(&d), [Code::BootstrapAddons]);
    }

    #[test]
    fn am005_authentication_mode() {
        let mut d = design();
        d.cluster.authentication_mode = crate::plan::AuthenticationMode::ConfigMap;
        assert_eq!(codes(&d), [Code::AuthModeConfigMap]);
    }

    #[test]
    fn cl003_version_floor() {
        let mut d = design();
        d.cluster.version = "1.28".into();
        assert_eq!(codes(&d), [Code::VersionBelowAutoMode]);
    }

    #[test]
    fn am010_cluster_role_trust() {
        let mut d = design();
        for r in &mut d.roles {
            if r.key == "cluster" {
                r.trust.statements[0]
                    .actions
                    .retain(|a| a != "sts:TagSession");
            }
        }
        assert_eq!(codes(&d), [Code::ClusterRoleTrust]);
    }

    #[test]
    fn am011_and_am012_managed_policies() {
        let mut d = design();
        for r in &mut d.roles {
            if r.key == "cluster" || r.key == "node" {
                r.managed_policies.pop();
            }
        }
        let c = codes(&d);
        assert!(
            c.contains(&Code::ClusterRolePolicies) && c.contains(&Code::NodeRolePolicies),
            "{c:?}"
        );
    }

    #[test]
    fn np005_node_lifetime() {
        let mut d = design();
        d.kubernetes.node_pools[0].spec.template.spec.expire_after = "500h".into();
        assert_eq!(codes(&d), [Code::LifetimeOver21Days]);
        d.kubernetes.node_pools[0].spec.template.spec.expire_after = "Never".into();
        assert_eq!(codes(&d), [Code::LifetimeOver21Days]);
    }

    #[test]
    fn np003_node_class_ref_group() {
        let mut d = design();
        d.kubernetes.node_pools[0]
            .spec
            .template
            .spec
            .node_class_ref
            .group = "karpenter.k8s.aws";
        assert_eq!(codes(&d), [Code::UnknownNodeClass]);
    }

    #[test]
    fn nc001_default_name() {
        let mut d = design();
        d.kubernetes.node_classes[0].metadata.name = "default".into();
        assert!(codes(&d).contains(&Code::NodeClassName));
    }

    #[test]
    fn nc021_custom_role_needs_ec2_entry() {
        let mut d = design();
        d.access_entries
            .retain(|e| e.entry_type != crate::plan::AccessEntryType::Ec2);
        assert_eq!(codes(&d), [Code::NodeClassAccessEntry]);
    }
}
