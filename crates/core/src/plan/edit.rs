//! Refactoring edits: the plan refers to some things by name (a NodePool
//! names its NodeClass, a workload selects a NodePool, several fields name
//! the same IAM role, KMS key or namespace). These operations find those
//! references, rename a thing together with them, and remove a thing with
//! what refers to it, or point the references elsewhere, so an edit never
//! leaves a reference dangling by accident.
//!
//! Every front end uses them: the web planner renames a NodeClass's pools as
//! its name is typed and asks before removing a NodeClass that is in use.

use super::path::FieldPath;
use super::{NodeClass, NodePool, Plan};

/// The node label that selects a NodePool (a selector only).
pub const NODEPOOL_LABEL: &str = "karpenter.sh/nodepool";
/// The node label Auto Mode sets to the node's NodeClass.
pub const NODECLASS_LABEL: &str = "eks.amazonaws.com/nodeclass";
/// The NodeClass EKS owns, always present while a built-in pool is on.
pub const DEFAULT_NODE_CLASS: &str = "default";

/// What kind of thing a name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A custom NodeClass (`node_classes[].name`), or EKS's `default`.
    NodeClass,
    /// A custom NodePool (`node_pools[].name`), or a built-in one.
    NodePool,
    /// An IAM role, by name or ARN (it lives outside the plan).
    Role,
    /// A KMS key, by ARN or id (outside the plan).
    KmsKey,
    /// A Kubernetes namespace.
    Namespace,
}

/// A place in the plan that refers to something by name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Site {
    /// `node_pools[i].node_class`.
    PoolNodeClass(usize),
    /// `capacity.workloads[i].node_selector["karpenter.sh/nodepool"]`.
    WorkloadNodePool(usize),
    /// `capacity.workloads[i].node_selector["eks.amazonaws.com/nodeclass"]`.
    WorkloadNodeClass(usize),
    /// `auto_mode.node_role.arn`.
    NodeRoleArn,
    /// `node_classes[i].role.role`.
    NodeClassRole(usize),
    /// `access.entries[i].principal_arn`.
    AccessPrincipal(usize),
    /// `pod_identity[i].role_arn`.
    PodIdentityRole(usize),
    /// `cluster.secrets_encryption.key_arn`.
    SecretsKey,
    /// `storage.kms_key_arn`.
    StorageKey,
    /// `node_classes[i].ephemeral_storage.kms_key_id`.
    NodeClassVolumeKey(usize),
    /// `sample_workload.namespace`.
    SampleNamespace,
    /// `pod_identity[i].namespace`.
    PodIdentityNamespace(usize),
    /// `access.entries[i].policies[j].namespaces[k]`.
    AccessScopeNamespace(usize, usize, usize),
}

impl Site {
    /// What the site refers to.
    pub fn kind(&self) -> Kind {
        match self {
            Site::PoolNodeClass(_) | Site::WorkloadNodeClass(_) => Kind::NodeClass,
            Site::WorkloadNodePool(_) => Kind::NodePool,
            Site::NodeRoleArn
            | Site::NodeClassRole(_)
            | Site::AccessPrincipal(_)
            | Site::PodIdentityRole(_) => Kind::Role,
            Site::SecretsKey | Site::StorageKey | Site::NodeClassVolumeKey(_) => Kind::KmsKey,
            Site::SampleNamespace
            | Site::PodIdentityNamespace(_)
            | Site::AccessScopeNamespace(..) => Kind::Namespace,
        }
    }

    /// The field path of the site.
    pub fn path(&self) -> FieldPath {
        let root = FieldPath::root();
        match *self {
            Site::PoolNodeClass(i) => root.key("node_pools").index(i).key("node_class"),
            Site::WorkloadNodePool(i) => workload_selector(i, NODEPOOL_LABEL),
            Site::WorkloadNodeClass(i) => workload_selector(i, NODECLASS_LABEL),
            Site::NodeRoleArn => root.key("auto_mode").key("node_role").key("arn"),
            Site::NodeClassRole(i) => root.key("node_classes").index(i).key("role").key("role"),
            Site::AccessPrincipal(i) => root
                .key("access")
                .key("entries")
                .index(i)
                .key("principal_arn"),
            Site::PodIdentityRole(i) => root.key("pod_identity").index(i).key("role_arn"),
            Site::SecretsKey => root.key("cluster").key("secrets_encryption").key("key_arn"),
            Site::StorageKey => root.key("storage").key("kms_key_arn"),
            Site::NodeClassVolumeKey(i) => root
                .key("node_classes")
                .index(i)
                .key("ephemeral_storage")
                .key("kms_key_id"),
            Site::SampleNamespace => root.key("sample_workload").key("namespace"),
            Site::PodIdentityNamespace(i) => root.key("pod_identity").index(i).key("namespace"),
            Site::AccessScopeNamespace(i, j, k) => root
                .key("access")
                .key("entries")
                .index(i)
                .key("policies")
                .index(j)
                .key("namespaces")
                .index(k),
        }
    }

    /// The name written at the site (`None` when the field is unset or the
    /// item no longer exists).
    pub fn get<'a>(&self, plan: &'a Plan) -> Option<&'a str> {
        let opt = |o: &'a Option<String>| o.as_deref();
        match *self {
            Site::PoolNodeClass(i) => plan.node_pools.get(i).map(|p| p.node_class.as_str()),
            Site::WorkloadNodePool(i) => selector(plan, i, NODEPOOL_LABEL),
            Site::WorkloadNodeClass(i) => selector(plan, i, NODECLASS_LABEL),
            Site::NodeRoleArn => opt(&plan.auto_mode.node_role.arn),
            Site::NodeClassRole(i) => plan.node_classes.get(i).and_then(|c| opt(&c.role.role)),
            Site::AccessPrincipal(i) => {
                plan.access.entries.get(i).map(|e| e.principal_arn.as_str())
            }
            Site::PodIdentityRole(i) => plan.pod_identity.get(i).and_then(|a| opt(&a.role_arn)),
            Site::SecretsKey => opt(&plan.cluster.secrets_encryption.key_arn),
            Site::StorageKey => opt(&plan.storage.kms_key_arn),
            Site::NodeClassVolumeKey(i) => plan
                .node_classes
                .get(i)
                .and_then(|c| opt(&c.ephemeral_storage.kms_key_id)),
            Site::SampleNamespace => Some(plan.sample_workload.namespace.as_str()),
            Site::PodIdentityNamespace(i) => plan.pod_identity.get(i).map(|a| a.namespace.as_str()),
            Site::AccessScopeNamespace(i, j, k) => plan
                .access
                .entries
                .get(i)
                .and_then(|e| e.policies.get(j))
                .and_then(|p| p.namespaces.get(k))
                .map(String::as_str),
        }
    }

    /// Write `value` at the site; `false` if the site no longer exists.
    pub fn set(&self, plan: &mut Plan, value: &str) -> bool {
        let v = value.to_owned();
        let slot: Option<&mut String> = match *self {
            Site::PoolNodeClass(i) => plan.node_pools.get_mut(i).map(|p| &mut p.node_class),
            Site::WorkloadNodePool(i) => selector_mut(plan, i, NODEPOOL_LABEL),
            Site::WorkloadNodeClass(i) => selector_mut(plan, i, NODECLASS_LABEL),
            Site::NodeRoleArn => {
                plan.auto_mode.node_role.arn = Some(v);
                return true;
            }
            Site::NodeClassRole(i) => match plan.node_classes.get_mut(i) {
                Some(c) => {
                    c.role.role = Some(v);
                    return true;
                }
                None => None,
            },
            Site::AccessPrincipal(i) => {
                plan.access.entries.get_mut(i).map(|e| &mut e.principal_arn)
            }
            Site::PodIdentityRole(i) => match plan.pod_identity.get_mut(i) {
                Some(a) => {
                    a.role_arn = Some(v);
                    return true;
                }
                None => None,
            },
            Site::SecretsKey => {
                plan.cluster.secrets_encryption.key_arn = Some(v);
                return true;
            }
            Site::StorageKey => {
                plan.storage.kms_key_arn = Some(v);
                return true;
            }
            Site::NodeClassVolumeKey(i) => match plan.node_classes.get_mut(i) {
                Some(c) => {
                    c.ephemeral_storage.kms_key_id = Some(v);
                    return true;
                }
                None => None,
            },
            Site::SampleNamespace => Some(&mut plan.sample_workload.namespace),
            Site::PodIdentityNamespace(i) => plan.pod_identity.get_mut(i).map(|a| &mut a.namespace),
            Site::AccessScopeNamespace(i, j, k) => plan
                .access
                .entries
                .get_mut(i)
                .and_then(|e| e.policies.get_mut(j))
                .and_then(|p| p.namespaces.get_mut(k)),
        };
        match slot {
            Some(s) => {
                *s = value.to_owned();
                true
            }
            None => false,
        }
    }

    /// Who holds the reference, for people: "NodePool gpu", "workload api".
    pub fn holder(&self, plan: &Plan) -> String {
        let pool = |i: usize| plan.node_pools.get(i).map(|p| p.name.as_str());
        let class = |i: usize| plan.node_classes.get(i).map(|c| c.name.as_str());
        let workload = |i: usize| plan.capacity.workloads.get(i).map(|w| w.name.as_str());
        let assoc = |i: usize| {
            plan.pod_identity
                .get(i)
                .map(|a| format!("{}/{}", a.namespace, a.service_account))
        };
        let entry = |i: usize| plan.access.entries.get(i).map(|e| e.principal_arn.clone());
        let named = |what: &str, name: Option<String>| match name {
            Some(n) => format!("{what} {n}"),
            None => what.to_owned(),
        };
        match *self {
            Site::PoolNodeClass(i) => named("NodePool", pool(i).map(str::to_owned)),
            Site::WorkloadNodePool(i) | Site::WorkloadNodeClass(i) => {
                named("workload", workload(i).map(str::to_owned))
            }
            Site::NodeRoleArn => "the Auto Mode node role".to_owned(),
            Site::NodeClassRole(i) | Site::NodeClassVolumeKey(i) => {
                named("NodeClass", class(i).map(str::to_owned))
            }
            Site::AccessPrincipal(i) | Site::AccessScopeNamespace(i, ..) => {
                named("access entry", entry(i))
            }
            Site::PodIdentityRole(i) | Site::PodIdentityNamespace(i) => {
                named("Pod Identity association", assoc(i))
            }
            Site::SecretsKey => "secrets encryption".to_owned(),
            Site::StorageKey => "the StorageClass".to_owned(),
            Site::SampleNamespace => "the sample workload".to_owned(),
        }
    }
}

fn workload_selector(i: usize, label: &str) -> FieldPath {
    FieldPath::root()
        .key("capacity")
        .key("workloads")
        .index(i)
        .key("node_selector")
        .key(label)
}

fn selector<'a>(plan: &'a Plan, i: usize, label: &str) -> Option<&'a str> {
    plan.capacity
        .workloads
        .get(i)
        .and_then(|w| w.node_selector.get(label))
        .map(String::as_str)
}

fn selector_mut<'a>(plan: &'a mut Plan, i: usize, label: &str) -> Option<&'a mut String> {
    plan.capacity
        .workloads
        .get_mut(i)
        .and_then(|w| w.node_selector.get_mut(label))
}

/// Every site of a kind that holds a value.
pub fn sites(plan: &Plan, kind: Kind) -> Vec<Site> {
    let mut out = Vec::new();
    match kind {
        Kind::NodeClass => {
            out.extend((0..plan.node_pools.len()).map(Site::PoolNodeClass));
            out.extend((0..plan.capacity.workloads.len()).map(Site::WorkloadNodeClass));
        }
        Kind::NodePool => {
            out.extend((0..plan.capacity.workloads.len()).map(Site::WorkloadNodePool));
        }
        Kind::Role => {
            out.push(Site::NodeRoleArn);
            out.extend((0..plan.node_classes.len()).map(Site::NodeClassRole));
            out.extend((0..plan.access.entries.len()).map(Site::AccessPrincipal));
            out.extend((0..plan.pod_identity.len()).map(Site::PodIdentityRole));
        }
        Kind::KmsKey => {
            out.push(Site::SecretsKey);
            out.push(Site::StorageKey);
            out.extend((0..plan.node_classes.len()).map(Site::NodeClassVolumeKey));
        }
        Kind::Namespace => {
            out.push(Site::SampleNamespace);
            out.extend((0..plan.pod_identity.len()).map(Site::PodIdentityNamespace));
            for (i, e) in plan.access.entries.iter().enumerate() {
                for (j, p) in e.policies.iter().enumerate() {
                    out.extend(
                        (0..p.namespaces.len()).map(|k| Site::AccessScopeNamespace(i, j, k)),
                    );
                }
            }
        }
    }
    out.retain(|s| s.get(plan).is_some());
    out
}

/// The IAM role name in a role ARN (`arn:aws:iam::1:role/path/Name` →
/// `Name`), or the text itself when it is a bare name.
fn role_name(value: &str) -> &str {
    match value.split_once(":role/") {
        Some((_, rest)) => rest.rsplit('/').next().unwrap_or(rest),
        None => value,
    }
}

/// Whether the value at a site names `name`. Roles match by role name, so a
/// NodeClass that names a role and an access entry that gives its ARN refer
/// to the same role.
fn names(kind: Kind, value: &str, name: &str) -> bool {
    match kind {
        Kind::Role => value == name || (!name.is_empty() && role_name(value) == role_name(name)),
        _ => value == name,
    }
}

/// Every site that refers to `name`.
pub fn references(plan: &Plan, kind: Kind, name: &str) -> Vec<Site> {
    sites(plan, kind)
        .into_iter()
        .filter(|s| s.get(plan).is_some_and(|v| names(kind, v, name)))
        .collect()
}

/// Point every site in `sites` at `new`. For roles, an ARN keeps its
/// account and path when `new` is a bare role name.
pub fn repoint(plan: &mut Plan, sites: &[Site], new: &str) {
    for site in sites {
        let value = match (site.kind(), site.get(plan)) {
            (Kind::Role, Some(old)) if !new.contains(":role/") && old.contains(":role/") => {
                let base = &old[..old.len() - role_name(old).len()];
                format!("{base}{new}")
            }
            _ => new.to_owned(),
        };
        site.set(plan, &value);
    }
}

/// Rename `old` to `new` everywhere: the NodeClass or NodePool of that name
/// (when exactly one has it) and every reference. Returns how many
/// references moved.
pub fn rename(plan: &mut Plan, kind: Kind, old: &str, new: &str) -> usize {
    let refs = references(plan, kind, old);
    match kind {
        Kind::NodeClass => {
            let Some(i) = only(plan.node_classes.iter().map(|c| c.name.as_str()), old) else {
                return 0;
            };
            plan.node_classes[i].name = new.to_owned();
        }
        Kind::NodePool => {
            let Some(i) = only(plan.node_pools.iter().map(|p| p.name.as_str()), old) else {
                return 0;
            };
            plan.node_pools[i].name = new.to_owned();
        }
        Kind::Role | Kind::KmsKey | Kind::Namespace => {}
    }
    repoint(plan, &refs, new);
    refs.len()
}

/// The index of the one name equal to `name`, if exactly one is.
fn only<'a>(mut names: impl Iterator<Item = &'a str>, name: &str) -> Option<usize> {
    let first = names.position(|n| n == name)?;
    if names.any(|n| n == name) {
        None
    } else {
        Some(first)
    }
}

/// The references that follow a rename of item `index` of the NodeClass
/// or NodePool list: those naming it, while its name is its alone (if
/// another item has the same name, they stay with that one). A front end
/// that renames as the user types takes them once, when typing starts, so
/// a name typed on the way that matches another item takes nothing along.
pub fn rename_sites(plan: &Plan, kind: Kind, index: usize) -> Vec<Site> {
    let (names, name): (Vec<&str>, Option<&str>) = match kind {
        Kind::NodeClass => (
            plan.node_classes.iter().map(|c| c.name.as_str()).collect(),
            plan.node_classes.get(index).map(|c| c.name.as_str()),
        ),
        Kind::NodePool => (
            plan.node_pools.iter().map(|p| p.name.as_str()).collect(),
            plan.node_pools.get(index).map(|p| p.name.as_str()),
        ),
        Kind::Role | Kind::KmsKey | Kind::Namespace => return Vec::new(),
    };
    match name {
        Some(n) if only(names.iter().copied(), n) == Some(index) => references(plan, kind, n),
        _ => Vec::new(),
    }
}

/// Give item `index` of the NodeClass or NodePool list the name `new`, and
/// point `sites` (from [`rename_sites`]) at it.
pub fn rename_with(plan: &mut Plan, kind: Kind, index: usize, new: &str, sites: &[Site]) {
    let slot = match kind {
        Kind::NodeClass => plan.node_classes.get_mut(index).map(|c| &mut c.name),
        Kind::NodePool => plan.node_pools.get_mut(index).map(|p| &mut p.name),
        Kind::Role | Kind::KmsKey | Kind::Namespace => None,
    };
    if let Some(name) = slot {
        new.clone_into(name);
        repoint(plan, sites, new);
    }
}

/// Rename NodeClass `index` to `new`, and the references that named it
/// (see [`rename_sites`]).
pub fn rename_node_class(plan: &mut Plan, index: usize, new: &str) {
    let sites = rename_sites(plan, Kind::NodeClass, index);
    rename_with(plan, Kind::NodeClass, index, new, &sites);
}

/// Rename NodePool `index` to `new`, and the workloads that select it (on
/// the same terms as [`rename_node_class`]).
pub fn rename_node_pool(plan: &mut Plan, index: usize, new: &str) {
    let sites = rename_sites(plan, Kind::NodePool, index);
    rename_with(plan, Kind::NodePool, index, new, &sites);
}

/// What to do with the references to something being removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Referrers {
    /// Leave them (they will dangle, and validation will say so).
    Keep,
    /// Remove what refers to it: NodePools using a removed NodeClass; the
    /// selector entries of workloads.
    Remove,
    /// Point them at another name.
    Repoint(String),
}

/// What a removal took out of the plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Removed {
    /// NodeClasses removed.
    pub node_classes: Vec<NodeClass>,
    /// NodePools removed.
    pub node_pools: Vec<NodePool>,
    /// Workload selector entries removed or re-pointed.
    pub selectors: usize,
}

/// The NodeClass names a NodePool may use instead of `except`: EKS's
/// `default` (while a built-in pool keeps it) and the other custom ones.
pub fn node_class_choices(plan: &Plan, except: &str) -> Vec<String> {
    let mut out = Vec::new();
    if plan.auto_mode.any_builtin_pool() && except != DEFAULT_NODE_CLASS {
        out.push(DEFAULT_NODE_CLASS.to_owned());
    }
    for c in &plan.node_classes {
        if c.name != except && !out.contains(&c.name) {
            out.push(c.name.clone());
        }
    }
    out
}

/// Remove NodeClass `index`, deciding what happens to the NodePools and
/// workloads that use it.
pub fn remove_node_class(plan: &mut Plan, index: usize, referrers: &Referrers) -> Removed {
    let mut removed = Removed::default();
    let Some(name) = plan.node_classes.get(index).map(|c| c.name.clone()) else {
        return removed;
    };
    // Another class of the same name keeps the references valid.
    let shared = plan
        .node_classes
        .iter()
        .enumerate()
        .any(|(i, c)| i != index && c.name == name);
    let refs = if shared {
        Vec::new()
    } else {
        references(plan, Kind::NodeClass, &name)
    };
    removed.node_classes.push(plan.node_classes.remove(index));
    match referrers {
        Referrers::Keep => {}
        Referrers::Repoint(to) => {
            removed.selectors = refs
                .iter()
                .filter(|s| matches!(s, Site::WorkloadNodeClass(_)))
                .count();
            repoint(plan, &refs, to);
        }
        Referrers::Remove => {
            removed.selectors = remove_selectors(plan, &refs);
            let mut pools: Vec<usize> = refs
                .iter()
                .filter_map(|s| match s {
                    Site::PoolNodeClass(i) => Some(*i),
                    _ => None,
                })
                .collect();
            pools.sort_unstable();
            for i in pools.into_iter().rev() {
                let more = remove_node_pool(plan, i, &Referrers::Remove);
                removed.node_pools.extend(more.node_pools);
                removed.selectors += more.selectors;
            }
            removed.node_pools.reverse();
        }
    }
    removed
}

/// Remove NodePool `index`, deciding what happens to the workloads that
/// select it.
pub fn remove_node_pool(plan: &mut Plan, index: usize, referrers: &Referrers) -> Removed {
    let mut removed = Removed::default();
    let Some(name) = plan.node_pools.get(index).map(|p| p.name.clone()) else {
        return removed;
    };
    let shared = plan
        .node_pools
        .iter()
        .enumerate()
        .any(|(i, p)| i != index && p.name == name);
    let refs = if shared {
        Vec::new()
    } else {
        references(plan, Kind::NodePool, &name)
    };
    removed.node_pools.push(plan.node_pools.remove(index));
    match referrers {
        Referrers::Keep => {}
        Referrers::Repoint(to) => {
            removed.selectors = refs.len();
            repoint(plan, &refs, to);
        }
        Referrers::Remove => removed.selectors = remove_selectors(plan, &refs),
    }
    removed
}

/// Remove the workload selector entries among `sites`.
fn remove_selectors(plan: &mut Plan, sites: &[Site]) -> usize {
    let mut n = 0;
    for site in sites {
        let (i, label) = match site {
            Site::WorkloadNodePool(i) => (*i, NODEPOOL_LABEL),
            Site::WorkloadNodeClass(i) => (*i, NODECLASS_LABEL),
            _ => continue,
        };
        if let Some(w) = plan.capacity.workloads.get_mut(i)
            && w.node_selector.remove(label).is_some()
        {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{
        AccessEntry, AccessPolicy, NodeClassRoleMode, PodIdentityAssociation, Workload,
    };

    fn plan() -> Plan {
        let mut p = Plan::default();
        for name in ["gpu", "batch"] {
            p.node_classes.push(NodeClass {
                name: name.into(),
                ..NodeClass::default()
            });
        }
        for (pool, class) in [
            ("gpu-a", "gpu"),
            ("gpu-b", "gpu"),
            ("web", "default"),
            ("jobs", "batch"),
        ] {
            p.node_pools.push(NodePool {
                name: pool.into(),
                node_class: class.into(),
                ..NodePool::default()
            });
        }
        let mut w = Workload::default();
        w.node_selector
            .insert(NODEPOOL_LABEL.into(), "gpu-a".into());
        p.capacity.workloads.push(w);
        let mut w = Workload {
            name: "trainer".into(),
            ..Workload::default()
        };
        w.node_selector.insert(NODECLASS_LABEL.into(), "gpu".into());
        p.capacity.workloads.push(w);
        p
    }

    fn paths(sites: &[Site]) -> Vec<String> {
        sites.iter().map(|s| s.path().to_string()).collect()
    }

    #[test]
    fn references_name_their_paths_and_holders() {
        let p = plan();
        let refs = references(&p, Kind::NodeClass, "gpu");
        assert_eq!(
            paths(&refs),
            [
                "node_pools[0].node_class",
                "node_pools[1].node_class",
                "capacity.workloads[1].node_selector[\"eks.amazonaws.com/nodeclass\"]"
            ]
        );
        let holders: Vec<String> = refs.iter().map(|s| s.holder(&p)).collect();
        assert_eq!(
            holders,
            ["NodePool gpu-a", "NodePool gpu-b", "workload trainer"]
        );
        assert_eq!(
            paths(&references(&p, Kind::NodePool, "gpu-a")),
            ["capacity.workloads[0].node_selector[\"karpenter.sh/nodepool\"]"]
        );
        assert!(references(&p, Kind::NodeClass, "nothing").is_empty());
    }

    #[test]
    fn renaming_a_node_class_renames_its_references() {
        let mut p = plan();
        rename_node_class(&mut p, 0, "accel");
        assert_eq!(p.node_classes[0].name, "accel");
        assert_eq!(p.node_pools[0].node_class, "accel");
        assert_eq!(p.node_pools[1].node_class, "accel");
        assert_eq!(p.node_pools[3].node_class, "batch");
        assert_eq!(
            p.capacity.workloads[1]
                .node_selector
                .get(NODECLASS_LABEL)
                .map(String::as_str),
            Some("accel")
        );
        // Nothing refers to the old name any more, and the plan still checks.
        assert!(references(&p, Kind::NodeClass, "gpu").is_empty());
        let diags = crate::validate(&p, &Default::default());
        assert!(
            !diags
                .iter()
                .any(|d| d.code == crate::Code::UnknownNodeClass),
            "{diags:?}"
        );
    }

    #[test]
    fn a_shared_name_keeps_its_references() {
        let mut p = plan();
        p.node_classes[1].name = "gpu".into(); // two classes named gpu (an error)
        p.node_pools[3].node_class = "gpu".into();
        // Which of the two is meant is unclear: nothing moves.
        assert_eq!(rename(&mut p, Kind::NodeClass, "gpu", "x"), 0);
        rename_node_class(&mut p, 0, "accel");
        // The pools still name `gpu`, which the other class still is.
        assert!(p.node_pools.iter().all(|x| x.node_class != "accel"));
    }

    #[test]
    fn typing_a_name_through_another_names_keeps_the_references() {
        // Renaming as one types: the sites are taken once, at the start, so
        // passing through `batch` (another class's name) loses nothing.
        let mut p = plan();
        let sites = rename_sites(&p, Kind::NodeClass, 0);
        for typed in ["gp", "g", "", "b", "batch", "batch-gpu"] {
            rename_with(&mut p, Kind::NodeClass, 0, typed, &sites);
        }
        assert_eq!(p.node_pools[0].node_class, "batch-gpu");
        assert_eq!(p.node_pools[1].node_class, "batch-gpu");
        assert_eq!(p.node_pools[3].node_class, "batch");
    }

    #[test]
    fn renaming_a_pool_renames_the_workloads_that_select_it() {
        let mut p = plan();
        rename_node_pool(&mut p, 0, "accel-a");
        assert_eq!(
            p.capacity.workloads[0]
                .node_selector
                .get(NODEPOOL_LABEL)
                .map(String::as_str),
            Some("accel-a")
        );
        assert_eq!(rename(&mut p, Kind::NodePool, "accel-a", "z"), 1);
        assert_eq!(p.node_pools[0].name, "z");
    }

    #[test]
    fn removing_a_class_can_remove_or_repoint_its_pools() {
        let mut p = plan();
        let removed = remove_node_class(&mut p, 0, &Referrers::Remove);
        assert_eq!(removed.node_classes.len(), 1);
        let gone: Vec<&str> = removed.node_pools.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(gone, ["gpu-a", "gpu-b"]);
        // Both workloads lose the selectors that named the class or its pools.
        assert_eq!(removed.selectors, 2);
        assert!(
            p.capacity
                .workloads
                .iter()
                .all(|w| w.node_selector.is_empty())
        );
        let left: Vec<&str> = p.node_pools.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(left, ["web", "jobs"]);

        let mut p = plan();
        assert_eq!(node_class_choices(&p, "gpu"), ["default", "batch"]);
        remove_node_class(&mut p, 0, &Referrers::Repoint("batch".into()));
        assert_eq!(p.node_pools.len(), 4);
        assert!(p.node_pools[..2].iter().all(|x| x.node_class == "batch"));
        assert_eq!(
            p.capacity.workloads[1]
                .node_selector
                .get(NODECLASS_LABEL)
                .map(String::as_str),
            Some("batch")
        );

        let mut p = plan();
        remove_node_class(&mut p, 0, &Referrers::Keep);
        assert_eq!(p.node_pools[0].node_class, "gpu");
    }

    #[test]
    fn removing_a_pool_handles_its_selectors() {
        let mut p = plan();
        let removed = remove_node_pool(&mut p, 0, &Referrers::Repoint("web".into()));
        assert_eq!(removed.selectors, 1);
        assert_eq!(
            p.capacity.workloads[0]
                .node_selector
                .get(NODEPOOL_LABEL)
                .map(String::as_str),
            Some("web")
        );
        let removed = remove_node_pool(&mut p, 1, &Referrers::Remove);
        assert_eq!(removed.node_pools[0].name, "web");
        assert!(p.capacity.workloads[0].node_selector.is_empty());
        assert_eq!(
            remove_node_pool(&mut p, 99, &Referrers::Remove),
            Removed::default()
        );
    }

    #[test]
    fn roles_match_by_name_and_arn() {
        let mut p = Plan::default();
        let arn = "arn:aws:iam::111122223333:role/teams/NodeRole";
        p.node_classes.push(NodeClass::default());
        p.node_classes[0].role.mode = NodeClassRoleMode::Existing;
        p.node_classes[0].role.role = Some("NodeRole".into());
        p.access.entries.push(AccessEntry {
            principal_arn: arn.into(),
            ..AccessEntry::default()
        });
        p.pod_identity.push(PodIdentityAssociation {
            role_arn: Some("arn:aws:iam::111122223333:role/Other".into()),
            ..PodIdentityAssociation::default()
        });
        let refs = references(&p, Kind::Role, arn);
        assert_eq!(
            paths(&refs),
            [
                "node_classes[0].role.role",
                "access.entries[0].principal_arn"
            ]
        );
        assert_eq!(rename(&mut p, Kind::Role, "NodeRole", "Workers"), 2);
        assert_eq!(p.node_classes[0].role.role.as_deref(), Some("Workers"));
        assert_eq!(
            p.access.entries[0].principal_arn,
            "arn:aws:iam::111122223333:role/teams/Workers"
        );
        assert_eq!(
            p.pod_identity[0].role_arn.as_deref(),
            Some("arn:aws:iam::111122223333:role/Other")
        );
    }

    #[test]
    fn keys_and_namespaces_rename_everywhere() {
        let mut p = Plan::default();
        let key = "arn:aws:kms:us-east-1:111122223333:key/1";
        p.cluster.secrets_encryption.key_arn = Some(key.into());
        p.storage.kms_key_arn = Some(key.into());
        assert_eq!(rename(&mut p, Kind::KmsKey, key, "alias/x"), 2);
        assert_eq!(p.storage.kms_key_arn.as_deref(), Some("alias/x"));

        p.sample_workload.namespace = "team".into();
        p.pod_identity.push(PodIdentityAssociation {
            namespace: "team".into(),
            ..PodIdentityAssociation::default()
        });
        p.access.entries.push(AccessEntry {
            policies: vec![AccessPolicy {
                namespaces: vec!["other".into(), "team".into()],
                ..AccessPolicy::default()
            }],
            ..AccessEntry::default()
        });
        assert_eq!(
            paths(&references(&p, Kind::Namespace, "team")),
            [
                "sample_workload.namespace",
                "pod_identity[0].namespace",
                "access.entries[0].policies[0].namespaces[1]"
            ]
        );
        rename(&mut p, Kind::Namespace, "team", "payments");
        assert_eq!(
            p.access.entries[0].policies[0].namespaces,
            ["other", "payments"]
        );
    }

    #[test]
    fn every_site_path_leads_to_its_value() {
        // A site's path and its value agree with the plan as a document.
        let mut p = plan();
        p.auto_mode.node_role.arn = Some("arn:aws:iam::1:role/N".into());
        p.storage.kms_key_arn = Some("k".into());
        let text = p.to_yaml().unwrap_or_default();
        let locator = crate::plan::Locator::new(&text);
        for kind in [
            Kind::NodeClass,
            Kind::NodePool,
            Kind::Role,
            Kind::KmsKey,
            Kind::Namespace,
        ] {
            for site in sites(&p, kind) {
                let (line, column) = locator
                    .locate(&site.path())
                    .unwrap_or_else(|| panic!("{} not found", site.path()));
                let at = text.lines().nth(line as usize - 1).unwrap_or_default();
                let value = site.get(&p).unwrap_or_default();
                assert!(
                    at[column as usize - 1..].starts_with(value)
                        || at.contains(&format!("\"{value}\"")),
                    "{} at {line}:{column} is `{at}`, not `{value}`",
                    site.path()
                );
            }
        }
    }
}
