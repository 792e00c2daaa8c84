//! Rules for custom NodePools (reference §3.2 and the Auto Mode CRD).

use std::collections::BTreeMap;

use super::{Ctx, duplicates, syntax};
use crate::catalog::instances::{self, Exclusion, InstanceType};
use crate::catalog::policies::{
    ALLOWED_RESERVED_KEYS, KARPENTER_SET_KEYS, LABEL_DOMAIN_EXCEPTIONS, NUMERIC_REQUIREMENT_KEYS,
    RESTRICTED_LABEL_DOMAINS, WELL_KNOWN_REQUIREMENT_KEYS,
};
use crate::diag::{Code, Severity};
use crate::plan::{
    Arch, CapacityType, ConsolidationPolicy, NodePool, Operator, Requirement, Taint, TaintEffect,
};

use crate::catalog::MAX_NODE_LIFETIME_SECS as MAX_LIFETIME_SECS;

/// Resources Karpenter tracks in `limits` without a domain.
const LIMIT_KEYS: &[&str] = &["cpu", "memory", "nodes", "pods", "ephemeral-storage"];

/// The domain part of a label key as Auto Mode's CRD reads it: everything
/// before the first `/` (the whole key when there is none).
fn key_domain(key: &str) -> &str {
    key.split('/').next().unwrap_or(key)
}

/// The reserved domain a label key falls in, if any: the key's domain
/// *ends with* a reserved domain, so subdomains (`team.eks.amazonaws.com`)
/// count, as in the Auto Mode NodePool CRD's CEL rules. The exception
/// domains (`node.kubernetes.io`, `node-restriction.kubernetes.io`,
/// `kops.k8s.io` and their subdomains) are free.
pub(crate) fn reserved_domain(key: &str) -> Option<&'static str> {
    let domain = key_domain(key);
    if LABEL_DOMAIN_EXCEPTIONS.iter().any(|e| domain.ends_with(e)) {
        return None;
    }
    RESTRICTED_LABEL_DOMAINS
        .iter()
        .copied()
        .find(|d| domain.ends_with(d))
}

/// Why a requirement or label key cannot be used on an Auto Mode NodePool.
pub(crate) fn restricted_key(key: &str) -> Option<String> {
    if KARPENTER_SET_KEYS.contains(&key) {
        return Some(format!(
            "`{key}` is set by Karpenter on every node and cannot be required or labelled"
        ));
    }
    if let Some(rest) = key.strip_prefix("karpenter.k8s.aws/") {
        return Some(format!(
            "Auto Mode does not use `karpenter.k8s.aws` labels; use `eks.amazonaws.com/{rest}`"
        ));
    }
    if WELL_KNOWN_REQUIREMENT_KEYS.contains(&key) || ALLOWED_RESERVED_KEYS.contains(&key) {
        return None;
    }
    let base = reserved_domain(key)?;
    let domain = key_domain(key);
    Some(if domain == base {
        format!("label domain \"{base}\" is restricted: only its well-known keys are allowed")
    } else {
        format!(
            "label domain \"{domain}\" is restricted: it ends in `{base}`, and Auto Mode reserves every domain under it"
        )
    })
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    let pools = &cx.plan.node_pools;
    for (i, pool) in pools.iter().enumerate() {
        one(cx, i, pool);
    }
    for (i, name) in duplicates(pools.iter().map(|p| p.name.as_str())) {
        cx.report(
            Code::DuplicateNodePool,
            format!("node_pools[{i}].name"),
            format!("another NodePool is already named `{name}`"),
            "Give each NodePool a unique name.",
        );
    }
}

fn one(cx: &mut Ctx<'_>, i: usize, pool: &NodePool) {
    let base = format!("node_pools[{i}]");
    if pool.name == "general-purpose" || pool.name == "system" {
        cx.report(
            Code::NodePoolName,
            format!("{base}.name"),
            format!(
                "`{}` is a built-in pool that EKS manages; edits are reverted",
                pool.name
            ),
            "Choose another name, and turn the built-in pool off if you want to replace it.",
        );
    } else if !syntax::dns1123_subdomain(&pool.name) {
        cx.report(
            Code::NodePoolName,
            format!("{base}.name"),
            format!("`{}` is not a valid Kubernetes object name", pool.name),
            "Use lower-case letters, digits and `-`.",
        );
    }
    node_class(cx, &base, pool);
    lifetime(cx, &base, pool);
    requirements(cx, &base, pool);
    labels(cx, &base, &pool.labels);
    taints(cx, &format!("{base}.taints"), &pool.taints);
    taints(cx, &format!("{base}.startup_taints"), &pool.startup_taints);
    limits(cx, &base, pool);
    weight_and_replicas(cx, &base, pool);
    disruption(cx, &base, pool);
    gpu_taint(cx, &base, pool);
    launchable(cx, &base, pool);
}

fn node_class(cx: &mut Ctx<'_>, base: &str, pool: &NodePool) {
    let path = format!("{base}.node_class");
    if pool.node_class == "default" {
        if !cx.plan.auto_mode.any_builtin_pool() {
            cx.report(
                Code::UnknownNodeClass,
                path,
                "the `default` NodeClass exists only while a built-in pool is on",
                "Turn a built-in pool on, or point this NodePool at a custom NodeClass.",
            );
        }
    } else if !cx
        .plan
        .node_classes
        .iter()
        .any(|nc| nc.name == pool.node_class)
    {
        cx.report(
            Code::UnknownNodeClass,
            path,
            format!("there is no NodeClass `{}`", pool.node_class),
            "Use `default` or the name of a NodeClass in `node_classes`.",
        );
    }
}

fn lifetime(cx: &mut Ctx<'_>, base: &str, pool: &NodePool) {
    let expire = if pool.expire_after == "Never" {
        cx.report(
            Code::ExpireAfter,
            format!("{base}.expire_after"),
            "Auto Mode does not allow `expireAfter: Never`; nodes are replaced at least every 21 days",
            "Use a duration such as `336h` (14 days, the default).",
        );
        None
    } else {
        let d = syntax::duration_secs(&pool.expire_after);
        if d.is_none() {
            cx.report(
                Code::ExpireAfter,
                format!("{base}.expire_after"),
                format!("`{}` is not a duration", pool.expire_after),
                "Write it like `336h` or `240h30m` (units h, m, s).",
            );
        }
        d
    };
    let grace = syntax::duration_secs(&pool.termination_grace_period);
    if grace.is_none() {
        cx.report(
            Code::ExpireAfter,
            format!("{base}.termination_grace_period"),
            format!("`{}` is not a duration", pool.termination_grace_period),
            "Write it like `24h` (units h, m, s).",
        );
    }
    if let (Some(e), Some(g)) = (expire, grace)
        && e.saturating_add(g) > MAX_LIFETIME_SECS
    {
        let habit = if e == 720 * 3600 {
            " (720h is self-managed Karpenter's default; Auto Mode's is 336h)"
        } else {
            ""
        };
        let message = format!(
            "expireAfter {} + terminationGracePeriod {} = {}, over Auto Mode's 21 days (504h){habit}",
            syntax::format_secs(e),
            syntax::format_secs(g),
            syntax::format_secs(e.saturating_add(g))
        );
        // The largest expireAfter this grace period leaves room for; with a
        // grace period of 504h or more there is none.
        match MAX_LIFETIME_SECS.checked_sub(g).filter(|max| *max > 0) {
            Some(max) => cx.report(
                Code::LifetimeOver21Days,
                format!("{base}.expire_after"),
                message,
                format!(
                    "Set expire_after to `{}` or less: the most the {} grace period allows (504h − {}).",
                    syntax::format_secs(max),
                    syntax::format_secs(g),
                    syntax::format_secs(g)
                ),
            ),
            None => cx.report(
                Code::LifetimeOver21Days,
                format!("{base}.termination_grace_period"),
                message,
                "Lower termination_grace_period well below 504h (the default is `24h`), then keep expire_after + grace period at most 504h.",
            ),
        }
    }
}

fn requirements(cx: &mut Ctx<'_>, base: &str, pool: &NodePool) {
    let r = &pool.requirements;
    let rp = format!("{base}.requirements");
    let word_lists: [(&str, &Vec<String>); 6] = [
        ("instance_categories", &r.instance_categories),
        ("instance_families", &r.instance_families),
        ("exclude_instance_families", &r.exclude_instance_families),
        ("instance_sizes", &r.instance_sizes),
        ("exclude_instance_sizes", &r.exclude_instance_sizes),
        ("gpu_names", &r.gpu_names),
    ];
    for (field, values) in word_lists {
        for (j, v) in values.iter().enumerate() {
            if !syntax::qualified_name_part(v) {
                cx.report(
                    Code::Requirement,
                    format!("{rp}.{field}[{j}]"),
                    format!("`{v}` is not a valid label value"),
                    "Use values such as `m`, `m7i`, `xlarge` or `l4`.",
                );
            }
        }
    }
    for (j, z) in r.zones.iter().enumerate() {
        if !z.starts_with(cx.plan.cluster.region.as_str()) || !syntax::qualified_name_part(z) {
            cx.report(
                Code::Requirement,
                format!("{rp}.zones[{j}]"),
                format!(
                    "`{z}` is not an Availability Zone of {}",
                    cx.plan.cluster.region
                ),
                "Use zone names such as `us-east-1a`.",
            );
        }
    }
    if r.min_generation == Some(0) {
        cx.report(
            Code::Requirement,
            format!("{rp}.min_generation"),
            "generation 0 does not exist",
            "Use 1 or higher (the built-in general-purpose pool uses 5).",
        );
    }
    let ranges = [
        ("cpu", r.min_cpu.map(u64::from), r.max_cpu.map(u64::from)),
        ("memory_mib", r.min_memory_mib, r.max_memory_mib),
    ];
    for (what, lo, hi) in ranges {
        if let (Some(lo), Some(hi)) = (lo, hi)
            && lo > hi
        {
            cx.report(
                Code::EmptyRange,
                format!("{rp}.min_{what}"),
                format!("min_{what} {lo} is above max_{what} {hi}; no instance matches"),
                "Lower the minimum or raise the maximum.",
            );
        }
    }
    if r.max_cpu == Some(0) || r.max_memory_mib == Some(0) {
        cx.report(
            Code::EmptyRange,
            rp.clone(),
            "a maximum of 0 matches no instance",
            "Raise the maximum or remove it.",
        );
    }
    if r.capacity_types.contains(&CapacityType::Spot) {
        let narrow = (r.instance_families.len() == 1 && r.instance_sizes.len() <= 2)
            || r.extra.iter().any(|x| {
                x.key == "node.kubernetes.io/instance-type"
                    && x.operator == Operator::In
                    && x.values.len() < 5
            });
        if narrow {
            cx.report(
                Code::NarrowSpotPool,
                format!("{rp}.capacity_types"),
                "spot needs many instance types: with so few, interruptions are likely and spot-to-spot consolidation (15 cheaper types) never happens",
                "Allow several families and sizes, for example by category and minimum CPU.",
            );
        }
    }
    for (j, x) in r.extra.iter().enumerate() {
        extra(cx, &format!("{rp}.extra[{j}]"), x);
    }
}

fn extra(cx: &mut Ctx<'_>, path: &str, x: &Requirement) {
    if !syntax::qualified_name(&x.key) {
        cx.report(
            Code::Requirement,
            format!("{path}.key"),
            format!("`{}` is not a valid label key", x.key),
            "Use a key such as `eks.amazonaws.com/instance-hypervisor`.",
        );
        return;
    }
    if let Some(why) = restricted_key(&x.key) {
        cx.report(
            Code::RestrictedRequirementKey,
            format!("{path}.key"),
            why,
            "Use a key from the Auto Mode well-known labels (EKS guide: create-node-pool).",
        );
    }
    if x.key == "kubernetes.io/os" {
        let linux_only = match x.operator {
            Operator::In => x.values.iter().all(|v| v == "linux"),
            Operator::NotIn => !x.values.iter().any(|v| v == "linux"),
            _ => true,
        };
        if !linux_only {
            cx.report(
                Code::WindowsNotSupported,
                format!("{path}.values"),
                "Auto Mode launches Linux nodes only",
                "Remove the Windows requirement; run Windows on managed node groups.",
            );
        }
    }
    let problem = match x.operator {
        Operator::In if x.values.is_empty() => Some("`In` needs at least one value".to_owned()),
        Operator::Exists | Operator::DoesNotExist if !x.values.is_empty() => {
            Some(format!("`{}` takes no values", x.operator.as_str()))
        }
        Operator::Gt | Operator::Lt => {
            let ok = x.values.len() == 1 && x.values[0].parse::<u64>().is_ok();
            if !ok {
                Some(format!(
                    "`{}` needs exactly one non-negative integer",
                    x.operator.as_str()
                ))
            } else if !NUMERIC_REQUIREMENT_KEYS.contains(&x.key.as_str())
                && x.key.contains("eks.amazonaws.com")
            {
                Some(format!("`{}` is not a numeric label", x.key))
            } else {
                None
            }
        }
        _ => None,
    };
    if let Some(p) = problem {
        cx.report(
            Code::Requirement,
            format!("{path}.operator"),
            p,
            "Fix the operator or the values.",
        );
    }
    if let Some(m) = x.min_values {
        let too_many = x.operator == Operator::In && (m as usize) > x.values.len();
        if !(1..=50).contains(&m) || too_many {
            cx.report(
                Code::Requirement,
                format!("{path}.min_values"),
                format!(
                    "min_values {m} must be 1–50 and at most the number of values ({})",
                    x.values.len()
                ),
                "Lower `min_values` or list more values.",
            );
        }
    }
    for (k, v) in x.values.iter().enumerate() {
        if !syntax::label_value(v) || v.is_empty() {
            cx.report(
                Code::Requirement,
                format!("{path}.values[{k}]"),
                format!("`{v}` is not a valid label value"),
                "Values are at most 63 letters, digits, `-`, `_` or `.`.",
            );
        }
    }
}

fn labels(cx: &mut Ctx<'_>, base: &str, labels: &BTreeMap<String, String>) {
    if labels.len() > 100 {
        cx.report(
            Code::Label,
            format!("{base}.labels"),
            "more than 100 labels",
            "Use at most 100 labels.",
        );
    }
    for (k, v) in labels {
        let path = format!("{base}.labels.{k}");
        if !syntax::qualified_name(k) {
            cx.report(
                Code::Label,
                path,
                format!("`{k}` is not a valid label key"),
                "Use keys like `team` or `example.com/tier`.",
            );
        } else if let Some(why) = restricted_key(k) {
            cx.report(
                Code::Label,
                path,
                why,
                "Use your own domain, for example `example.com/tier`.",
            );
        } else if !syntax::label_value(v) {
            cx.report(
                Code::Label,
                path,
                format!("`{v}` is not a valid label value"),
                "Values are at most 63 letters, digits, `-`, `_` or `.`, starting and ending alphanumeric.",
            );
        }
    }
}

fn taints(cx: &mut Ctx<'_>, path: &str, taints: &[Taint]) {
    for (j, t) in taints.iter().enumerate() {
        if !syntax::qualified_name(&t.key) {
            cx.report(
                Code::Taint,
                format!("{path}[{j}].key"),
                format!("`{}` is not a valid taint key", t.key),
                "Use a key such as `nvidia.com/gpu` or `dedicated`.",
            );
        } else if t.key.contains('/')
            && let Some(base) = RESTRICTED_LABEL_DOMAINS
                .iter()
                .find(|d| key_domain(&t.key).ends_with(*d))
        {
            // The CRD accepts any taint key, but these domains belong to
            // Kubernetes, Karpenter and EKS, whose controllers add and
            // remove their own taints there (`node.kubernetes.io/not-ready`,
            // `karpenter.sh/disrupted`, `karpenter.sh/unregistered`).
            cx.report_as(
                Severity::Warning,
                Code::Taint,
                format!("{path}[{j}].key"),
                format!(
                    "taint key `{}` is in `{base}`, a domain its controllers manage taints in; a taint of your own there can collide with theirs",
                    t.key
                ),
                "Use your own domain, for example `example.com/dedicated`, or a plain key such as `dedicated`.",
            );
        }
        if let Some(v) = &t.value
            && !syntax::label_value(v)
        {
            cx.report(
                Code::Taint,
                format!("{path}[{j}].value"),
                format!("`{v}` is not a valid taint value"),
                "Values are at most 63 letters, digits, `-`, `_` or `.`.",
            );
        }
    }
    for (j, _) in duplicates(
        taints
            .iter()
            .map(|t| format!("{}:{}", t.key, t.effect.as_str()))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    ) {
        cx.report(
            Code::Taint,
            format!("{path}[{j}]"),
            "the same key and effect appear twice",
            "Keep one taint per key and effect.",
        );
    }
}

fn limits(cx: &mut Ctx<'_>, base: &str, pool: &NodePool) {
    for (k, v) in &pool.limits {
        let path = format!("{base}.limits.{k}");
        if syntax::quantity(v).is_none_or(|q| q < 0.0) {
            cx.report(
                Code::Limit,
                &path,
                format!("`{v}` is not a resource quantity"),
                "Use quantities such as `1000` (cpu), `1000Gi` (memory) or `10` (nodes).",
            );
        }
        let known =
            LIMIT_KEYS.contains(&k.as_str()) || (k.contains('/') && syntax::qualified_name(k));
        if !known {
            cx.report_as(
                Severity::Warning,
                Code::Limit,
                path,
                format!("`{k}` is not a resource Karpenter limits"),
                "Use `cpu`, `memory`, `nodes`, `pods` or an extended resource such as `nvidia.com/gpu`.",
            );
        }
    }
}

fn weight_and_replicas(cx: &mut Ctx<'_>, base: &str, pool: &NodePool) {
    if let Some(w) = pool.weight {
        if !(1..=100).contains(&w) {
            cx.report(
                Code::Weight,
                format!("{base}.weight"),
                format!("weight {w} is outside 1–100"),
                "Use 1–100, or leave it unset.",
            );
        }
        if pool.replicas.is_some() {
            cx.report(
                Code::Weight,
                format!("{base}.weight"),
                "static NodePools (with `replicas`) cannot have a weight",
                "Remove `weight`.",
            );
        }
    }
    if let Some(replicas) = pool.replicas
        && let Some(nodes) = pool.limits.get("nodes")
        && let Some(limit) = syntax::quantity(nodes)
    {
        let replicas_f = f64::from(replicas);
        if limit < replicas_f {
            cx.report(
                Code::StaticPoolNodeLimit,
                format!("{base}.limits.nodes"),
                format!(
                    "limits.nodes {nodes} is below replicas {replicas}: the pool can never reach its size"
                ),
                format!(
                    "Set limits.nodes above {replicas}, for example {}, so drift and expiry replacements fit too.",
                    static_headroom(replicas)
                ),
            );
        } else if limit <= replicas_f {
            cx.report_as(
                Severity::Warning,
                Code::StaticPoolNodeLimit,
                format!("{base}.limits.nodes"),
                format!(
                    "limits.nodes {nodes} equals replicas {replicas}: no room for the replacement node Auto Mode launches before draining a drifted or expired one"
                ),
                format!(
                    "Set limits.nodes above {replicas}, for example {} (AWS: \"higher than replicas\").",
                    static_headroom(replicas)
                ),
            );
        }
    }
    if pool.replicas.is_some() {
        for k in pool.limits.keys().filter(|k| *k != "nodes") {
            cx.report(
                Code::StaticPool,
                format!("{base}.limits.{k}"),
                "static NodePools accept only `limits.nodes`",
                "Remove the other limits.",
            );
        }
        if pool.disruption.consolidation_policy != ConsolidationPolicy::WhenEmptyOrUnderutilized {
            cx.report_as(
                Severity::Warning,
                Code::StaticPool,
                format!("{base}.disruption.consolidation_policy"),
                "static NodePools are never consolidated; the policy is ignored",
                "Leave the consolidation policy at its default.",
            );
        }
    }
}

/// A `limits.nodes` suggestion for a static pool: room for a tenth of the
/// pool (at least one node) to be replaced at once, like the default
/// disruption budget of 10%.
fn static_headroom(replicas: u32) -> u32 {
    replicas.saturating_add(replicas.div_ceil(10).max(1))
}

fn disruption(cx: &mut Ctx<'_>, base: &str, pool: &NodePool) {
    let d = &pool.disruption;
    let dp = format!("{base}.disruption");
    if d.consolidate_after != "Never" && syntax::duration_secs(&d.consolidate_after).is_none() {
        cx.report(
            Code::ConsolidateAfter,
            format!("{dp}.consolidate_after"),
            format!("`{}` is not a duration or `Never`", d.consolidate_after),
            "Use a duration such as `30s`, `5m`, `1h`, or `Never`.",
        );
    }
    if d.budgets.len() > 50 {
        cx.report(
            Code::Budget,
            format!("{dp}.budgets"),
            "more than 50 budgets",
            "Use at most 50 budgets.",
        );
    }
    for (j, b) in d.budgets.iter().enumerate() {
        let bp = format!("{dp}.budgets[{j}]");
        if !budget_nodes(&b.nodes) {
            cx.report(
                Code::Budget,
                format!("{bp}.nodes"),
                format!("`{}` is not a node count or percentage", b.nodes),
                "Use a count such as `0` or `2`, or a percentage such as `10%`.",
            );
        }
        match (&b.schedule, &b.duration) {
            (Some(_), None) | (None, Some(_)) => cx.report(
                Code::Budget,
                bp.clone(),
                "`schedule` and `duration` must be set together",
                "Set both (for example `0 9 * * mon-fri` and `8h`), or neither.",
            ),
            (Some(s), Some(dur)) => {
                if let Err(e) = syntax::cron(s) {
                    cx.report(
                        Code::Budget,
                        format!("{bp}.schedule"),
                        e,
                        "Use five cron fields in UTC, or `@daily` etc.",
                    );
                }
                if !budget_duration(dur) {
                    cx.report(
                        Code::Budget,
                        format!("{bp}.duration"),
                        format!("`{dur}` is not a budget duration"),
                        "Use hours and minutes, such as `8h`, `90m` or `1h30m`.",
                    );
                }
            }
            (None, None) => {}
        }
    }
}

/// `^((100|[0-9]{1,2})%|[0-9]+)$`
fn budget_nodes(s: &str) -> bool {
    match s.strip_suffix('%') {
        Some(p) => {
            p == "100" || (!p.is_empty() && p.len() <= 2 && p.bytes().all(|c| c.is_ascii_digit()))
        }
        None => !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()),
    }
}

/// `^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$`
fn budget_duration(s: &str) -> bool {
    let s = s.strip_suffix("0s").filter(|r| !r.is_empty()).unwrap_or(s);
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    if let Some((h, m)) = s.split_once('h') {
        digits(h) && (m.is_empty() || m.strip_suffix('m').is_some_and(digits))
    } else {
        s.strip_suffix('m').is_some_and(digits)
    }
}

/// The instance types a NodePool's requirements allow, from the catalog:
/// those Auto Mode launches, and those it never does with the reason.
/// Requirements the catalog cannot evaluate (zones, capacity types, custom
/// labels, bandwidths) are taken as satisfied, so the first list may be
/// larger than reality, never smaller.
#[derive(Clone, Debug, Default)]
pub struct PoolTypes {
    /// Types Auto Mode can launch for this pool.
    pub launchable: Vec<&'static InstanceType>,
    /// Types the requirements allow but Auto Mode never launches.
    pub excluded: Vec<(&'static InstanceType, Exclusion)>,
}

/// A NodePool's requirements, exactly as they are emitted, prepared for
/// matching; keys the catalog cannot evaluate drop out (taken as met).
fn pool_matchers(pool: &NodePool) -> Vec<instances::Matcher> {
    crate::resolve::node_pool_requirements(&pool.requirements)
        .iter()
        .filter_map(|r| instances::Matcher::new(&r.key, r.operator, &r.values))
        .collect()
}

/// The catalog types the matchers allow, each with its exclusion.
fn allowed<'m>(
    matchers: &'m [instances::Matcher],
) -> impl Iterator<Item = (&'static InstanceType, Option<Exclusion>)> + 'm {
    instances::all()
        .iter()
        .zip(instances::exclusions())
        .filter(|(t, _)| matchers.iter().all(|m| m.matches(t)))
        .map(|(t, e)| (t, *e))
}

/// Match a NodePool's requirements (exactly as they are emitted) against
/// the instance catalog.
pub fn pool_types(pool: &NodePool) -> PoolTypes {
    let mut out = PoolTypes::default();
    for (t, exclusion) in allowed(&pool_matchers(pool)) {
        match exclusion {
            None => out.launchable.push(t),
            Some(why) => out.excluded.push((t, why)),
        }
    }
    out
}

/// Whether the pool can launch at least one catalog type (stops at the
/// first).
pub fn launches_any(pool: &NodePool) -> bool {
    allowed(&pool_matchers(pool)).any(|(_, e)| e.is_none())
}

/// Whether the requirements name the kinds of instance the pool may use:
/// categories, families, GPU models or instance types (an `In` list).
fn pins_instance_kind(pool: &NodePool) -> bool {
    let r = &pool.requirements;
    !r.instance_categories.is_empty()
        || !r.instance_families.is_empty()
        || !r.gpu_names.is_empty()
        || r.extra.iter().any(|x| {
            x.operator == Operator::In
                && matches!(
                    x.key.as_str(),
                    "eks.amazonaws.com/instance-category"
                        | "eks.amazonaws.com/instance-family"
                        | "eks.amazonaws.com/instance-gpu-name"
                        | "node.kubernetes.io/instance-type"
                )
        })
}

fn names(types: &[&InstanceType], n: usize) -> String {
    let shown: Vec<&str> = types.iter().take(n).map(|t| t.name.as_str()).collect();
    let more = types.len().saturating_sub(n);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// NP019 (no type Auto Mode launches) and NP020 (no category or family
/// pinned, so the launch-failure fallback may pick exotic types).
fn launchable(cx: &mut Ctx<'_>, base: &str, pool: &NodePool) {
    let rp = format!("{base}.requirements");
    // One finding per fact: a pool whose requirements are already reported
    // as invalid or empty gets no second finding about the same lists.
    let already = cx.out.iter().any(|d| {
        d.is_error()
            && d.path.starts_with(&rp)
            && matches!(
                d.code,
                Code::Requirement
                    | Code::EmptyRange
                    | Code::RestrictedRequirementKey
                    | Code::WindowsNotSupported
            )
    });
    if already {
        return;
    }
    let matchers = pool_matchers(pool);
    let pinned = pins_instance_kind(pool);
    // The common case, a pool that launches something and pins its kind of
    // instance, stops at the first launchable type.
    if pinned && allowed(&matchers).any(|(_, e)| e.is_none()) {
        return;
    }
    let types = pool_types(pool);
    let catalog = format!(
        "the {} instance catalog of {}",
        instances::CATALOG_REGION,
        instances::CATALOG_DATE
    );
    if types.launchable.is_empty() {
        if types.excluded.is_empty() {
            // Without `architectures` the pool is amd64-only; Graviton
            // families then match nothing.
            let mut arm = pool.clone();
            arm.requirements.architectures = vec![Arch::Arm64];
            let arm_only = pool.requirements.architectures.is_empty()
                && !pool_types(&arm).launchable.is_empty();
            if arm_only {
                cx.report(
                    Code::NoLaunchableType,
                    format!("{rp}.architectures"),
                    "only arm64 (Graviton) types match, and a pool without `architectures` is amd64-only: the pool will never create a node",
                    "Add `architectures: [arm64]` (or `[amd64, arm64]`).",
                );
            } else {
                cx.report(
                    Code::NoLaunchableType,
                    rp,
                    format!("no instance type matches these requirements ({catalog}): the pool will never create a node"),
                    "Widen the requirements: check the families, sizes, generation and CPU and memory ranges.",
                );
            }
            return;
        }
        let excluded: Vec<&InstanceType> = types.excluded.iter().map(|(t, _)| *t).collect();
        let mut reasons: Vec<Exclusion> = types.excluded.iter().map(|(_, w)| *w).collect();
        reasons.sort();
        reasons.dedup();
        let why: Vec<&str> = reasons.iter().map(|r| r.reason()).collect();
        let only_region = reasons == [Exclusion::NotInCatalogRegion];
        let message = format!(
            "only {} match ({}), and Auto Mode launches none of them: {}; the pool will never create a node",
            if excluded.len() == 1 {
                "1 type".to_owned()
            } else {
                format!("{} types", excluded.len())
            },
            names(&excluded, 4),
            why.join("; ")
        );
        let fix = "Allow `medium` or larger sizes with at least 2 vCPUs in a supported family, for example `instance_categories: [c, m, r]` with `min_cpu: 2`.";
        if only_region {
            // The catalog only knows us-east-1: these may be sold elsewhere.
            cx.report_as(
                Severity::Warning,
                Code::NoLaunchableType,
                rp,
                message,
                "Check that these types are sold in the cluster's region, or widen the requirements.",
            );
        } else {
            cx.report(Code::NoLaunchableType, rp, message, fix);
        }
        return;
    }
    if !pinned {
        let mut exotic: Vec<&InstanceType> = types
            .launchable
            .iter()
            .copied()
            .filter(|t| t.exotic())
            .collect();
        if exotic.is_empty() {
            return;
        }
        exotic.sort_by(|a, b| {
            b.on_demand
                .unwrap_or(0.0)
                .total_cmp(&a.on_demand.unwrap_or(0.0))
                .then_with(|| a.name.cmp(&b.name))
        });
        let suggestion = if wants_gpus(pool) { "[g]" } else { "[c, m, r]" };
        cx.report(
            Code::UnpinnedInstanceCategory,
            format!("{rp}.instance_categories"),
            format!(
                "no instance category or family is pinned: when launches keep failing, Auto Mode falls back to any type this pool allows, {} of them GPU, accelerated or bare-metal (such as {})",
                exotic.len(),
                names(&exotic, 2)
            ),
            format!(
                "Pin `eks.amazonaws.com/instance-category` to what the workloads need, for example `instance_categories: {suggestion}` (AWS cost-control guidance)."
            ),
        );
    }
}

/// Whether a NodePool asks for GPU instances.
pub(crate) fn wants_gpus(pool: &NodePool) -> bool {
    let r = &pool.requirements;
    r.min_gpu_count.is_some_and(|n| n > 0)
        || !r.gpu_names.is_empty()
        || (!r.instance_categories.is_empty()
            && r.instance_categories
                .iter()
                .all(|c| matches!(c.as_str(), "g" | "p")))
        || pool.limits.contains_key("nvidia.com/gpu")
}

fn gpu_taint(cx: &mut Ctx<'_>, base: &str, pool: &NodePool) {
    if wants_gpus(pool)
        && !pool
            .taints
            .iter()
            .any(|t| matches!(t.effect, TaintEffect::NoSchedule | TaintEffect::NoExecute))
    {
        cx.report(
            Code::GpuPoolWithoutTaint,
            format!("{base}.taints"),
            "without a taint, ordinary pods can land on (and keep alive) expensive GPU nodes",
            "Add a taint such as `nvidia.com/gpu: NoSchedule` and tolerate it in GPU workloads.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    fn with(pool: NodePool) -> Plan {
        let mut p = good();
        p.node_pools.push(pool);
        p
    }

    fn req(key: &str, op: Operator, values: &[&str]) -> Requirement {
        Requirement {
            key: key.into(),
            operator: op,
            values: values.iter().map(|s| s.to_string()).collect(),
            min_values: None,
        }
    }

    fn with_extra(r: Requirement) -> Plan {
        let mut pool = NodePool::default();
        pool.requirements.extra.push(r);
        with(pool)
    }

    #[test]
    fn np001_name() {
        let p = with(NodePool {
            name: "system".into(),
            ..NodePool::default()
        });
        assert_reported(
            &p,
            Code::NodePoolName,
            "node_pools[0].name",
            Severity::Error,
        );
        let p = with(NodePool {
            name: "Batch Jobs".into(),
            ..NodePool::default()
        });
        assert_reported(
            &p,
            Code::NodePoolName,
            "node_pools[0].name",
            Severity::Error,
        );
    }

    #[test]
    fn np002_duplicate() {
        let mut p = with(NodePool::default());
        p.node_pools.push(NodePool::default());
        assert_reported(
            &p,
            Code::DuplicateNodePool,
            "node_pools[1].name",
            Severity::Error,
        );
    }

    #[test]
    fn np003_unknown_node_class() {
        let p = with(NodePool {
            node_class: "gpu".into(),
            ..NodePool::default()
        });
        assert_reported(
            &p,
            Code::UnknownNodeClass,
            "node_pools[0].node_class",
            Severity::Error,
        );
        let mut p = with(NodePool::default());
        p.auto_mode.general_purpose_pool = false;
        p.auto_mode.system_pool = false;
        assert_reported(
            &p,
            Code::UnknownNodeClass,
            "node_pools[0].node_class",
            Severity::Error,
        );
        assert_not_reported(&with(NodePool::default()), Code::UnknownNodeClass);
    }

    #[test]
    fn np004_expire_after() {
        let p = with(NodePool {
            expire_after: "Never".into(),
            ..NodePool::default()
        });
        assert_reported(
            &p,
            Code::ExpireAfter,
            "node_pools[0].expire_after",
            Severity::Error,
        );
        let p = with(NodePool {
            expire_after: "14d".into(),
            ..NodePool::default()
        });
        assert_reported(
            &p,
            Code::ExpireAfter,
            "node_pools[0].expire_after",
            Severity::Error,
        );
        let p = with(NodePool {
            termination_grace_period: "Never".into(),
            ..NodePool::default()
        });
        assert_reported(
            &p,
            Code::ExpireAfter,
            "node_pools[0].termination_grace_period",
            Severity::Error,
        );
    }

    #[test]
    fn np005_lifetime_over_21_days() {
        let p = with(NodePool {
            expire_after: "500h".into(),
            ..NodePool::default()
        });
        assert_reported(
            &p,
            Code::LifetimeOver21Days,
            "node_pools[0].expire_after",
            Severity::Error,
        );
        let p = with(NodePool {
            expire_after: "480h".into(),
            termination_grace_period: "24h".into(),
            ..NodePool::default()
        });
        assert_not_reported(&p, Code::LifetimeOver21Days);
    }

    /// The fix proposes the largest expireAfter the pool's grace period
    /// allows, for Karpenter's habitual 720h.
    #[test]
    fn np005_fix_proposes_the_largest_valid_expire_after() {
        let finding = |expire: &str, grace: &str| {
            let p = with(NodePool {
                expire_after: expire.into(),
                termination_grace_period: grace.into(),
                ..NodePool::default()
            });
            check(&p)
                .into_iter()
                .find(|d| d.code == Code::LifetimeOver21Days)
        };
        let d = finding("720h", "24h").expect("720h + 24h is over 504h");
        assert_eq!(d.path, "node_pools[0].expire_after");
        assert!(
            d.message
                .contains("720h is self-managed Karpenter's default"),
            "{}",
            d.message
        );
        assert!(d.fix.contains("`480h`"), "{}", d.fix);
        let d = finding("720h", "1h30m").expect("over 504h");
        assert!(d.fix.contains("`502h30m`"), "{}", d.fix);
        let d = finding("720h", "48h").expect("over 504h");
        assert!(d.fix.contains("`456h`"), "{}", d.fix);
        assert!(!d.message.contains("Karpenter's default") || d.message.contains("720h"));
        // The proposal itself is valid.
        assert!(finding("456h", "48h").is_none());
        assert!(finding("502h30m", "1h30m").is_none());
        // A grace period of 504h or more leaves no valid expireAfter.
        let d = finding("1h", "600h").expect("over 504h");
        assert_eq!(d.path, "node_pools[0].termination_grace_period");
    }

    #[test]
    fn np006_restricted_requirement_key() {
        let p = with_extra(req(
            "karpenter.k8s.aws/instance-family",
            Operator::In,
            &["m5"],
        ));
        assert_reported(
            &p,
            Code::RestrictedRequirementKey,
            "node_pools[0].requirements.extra[0].key",
            Severity::Error,
        );
        let p = with_extra(req("kubernetes.io/hostname", Operator::Exists, &[]));
        assert_reported(
            &p,
            Code::RestrictedRequirementKey,
            "node_pools[0].requirements.extra[0].key",
            Severity::Error,
        );
        let p = with_extra(req(
            "eks.amazonaws.com/instance-hypervisor",
            Operator::In,
            &["nitro"],
        ));
        assert_not_reported(&p, Code::RestrictedRequirementKey);
    }

    /// Reserved domains include every subdomain (the CRD's `endsWith`),
    /// apart from the exception domains and the allowed keys.
    #[test]
    fn np006_reserved_domains_include_subdomains() {
        for key in [
            "team.eks.amazonaws.com/tier",
            "eks.amazonaws.com/team",
            "example.kubernetes.io/x",
            "foo.k8s.io/x",
            "sub.karpenter.sh/x",
            "karpenter.sh/do-not-disrupt",
            "mykarpenter.sh/x",
            "x.karpenter.k8s.aws/y",
        ] {
            let p = with_extra(req(key, Operator::Exists, &[]));
            assert_reported(
                &p,
                Code::RestrictedRequirementKey,
                "node_pools[0].requirements.extra[0].key",
                Severity::Error,
            );
        }
        for key in [
            "node.kubernetes.io/instance-type",
            "sub.node.kubernetes.io/x",
            "node-restriction.kubernetes.io/x",
            "kops.k8s.io/x",
            "beta.kubernetes.io/arch",
            "topology.kubernetes.io/zone",
            "karpenter.sh/capacity-type",
            "eks.amazonaws.com/compute-type",
            "example.com/team",
            "amazonaws.com/x",
        ] {
            let p = with_extra(req(key, Operator::Exists, &[]));
            assert_not_reported(&p, Code::RestrictedRequirementKey);
        }
        let why = super::restricted_key("team.eks.amazonaws.com/tier").expect("restricted");
        assert!(why.contains("\"team.eks.amazonaws.com\"") && why.contains("`eks.amazonaws.com`"));
    }

    #[test]
    fn np007_requirement() {
        let p = with_extra(req(
            "eks.amazonaws.com/instance-cpu",
            Operator::Gt,
            &["four"],
        ));
        assert_reported(
            &p,
            Code::Requirement,
            "node_pools[0].requirements.extra[0].operator",
            Severity::Error,
        );
        let p = with_extra(req("example.com/tier", Operator::In, &[]));
        assert_reported(
            &p,
            Code::Requirement,
            "node_pools[0].requirements.extra[0].operator",
            Severity::Error,
        );
        let mut r = req(
            "eks.amazonaws.com/instance-family",
            Operator::In,
            &["m7i", "m7a"],
        );
        r.min_values = Some(3);
        assert_reported(
            &with_extra(r),
            Code::Requirement,
            "node_pools[0].requirements.extra[0].min_values",
            Severity::Error,
        );
        let mut pool = NodePool::default();
        pool.requirements.zones = vec!["eu-west-1a".into()];
        assert_reported(
            &with(pool),
            Code::Requirement,
            "node_pools[0].requirements.zones[0]",
            Severity::Error,
        );
    }

    #[test]
    fn np008_windows() {
        let p = with_extra(req("kubernetes.io/os", Operator::In, &["windows"]));
        assert_reported(
            &p,
            Code::WindowsNotSupported,
            "node_pools[0].requirements.extra[0].values",
            Severity::Error,
        );
        let p = with_extra(req("kubernetes.io/os", Operator::In, &["linux"]));
        assert_not_reported(&p, Code::WindowsNotSupported);
    }

    #[test]
    fn np009_label() {
        let mut pool = NodePool::default();
        pool.labels
            .insert("eks.amazonaws.com/team".into(), "a".into());
        pool.labels.insert("team".into(), "has space".into());
        let p = with(pool);
        assert_reported(
            &p,
            Code::Label,
            "node_pools[0].labels.eks.amazonaws.com/team",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::Label,
            "node_pools[0].labels.team",
            Severity::Error,
        );
        let mut pool = NodePool::default();
        for k in [
            "team.eks.amazonaws.com/x",
            "app.kubernetes.io/name",
            "x.k8s.io/y",
        ] {
            pool.labels.insert(k.into(), "a".into());
        }
        pool.labels
            .insert("node.kubernetes.io/role".into(), "a".into());
        pool.labels.insert("example.com/team".into(), "a".into());
        let p = with(pool);
        for k in [
            "team.eks.amazonaws.com/x",
            "app.kubernetes.io/name",
            "x.k8s.io/y",
        ] {
            assert_reported(
                &p,
                Code::Label,
                &format!("node_pools[0].labels.{k}"),
                Severity::Error,
            );
        }
        let labels: Vec<String> = check(&p)
            .into_iter()
            .filter(|d| d.code == Code::Label)
            .map(|d| d.path)
            .collect();
        assert_eq!(labels.len(), 3, "{labels:?}");
    }

    #[test]
    fn np010_taint() {
        let mut pool = NodePool::default();
        pool.taints.push(Taint {
            key: "bad key".into(),
            ..Taint::default()
        });
        pool.taints.push(Taint {
            key: "dedicated".into(),
            value: Some("a b".into()),
            ..Taint::default()
        });
        let p = with(pool);
        assert_reported(
            &p,
            Code::Taint,
            "node_pools[0].taints[0].key",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::Taint,
            "node_pools[0].taints[1].value",
            Severity::Error,
        );
        let mut pool = NodePool::default();
        for key in [
            "node.kubernetes.io/not-ready",
            "karpenter.sh/disrupted",
            "example.com/dedicated",
            "dedicated",
        ] {
            pool.taints.push(Taint {
                key: key.into(),
                ..Taint::default()
            });
        }
        pool.startup_taints.push(Taint {
            key: "team.eks.amazonaws.com/init".into(),
            ..Taint::default()
        });
        let p = with(pool);
        for path in [
            "node_pools[0].taints[0].key",
            "node_pools[0].taints[1].key",
            "node_pools[0].startup_taints[0].key",
        ] {
            assert_reported(&p, Code::Taint, path, Severity::Warning);
        }
        let flagged = check(&p).iter().filter(|d| d.code == Code::Taint).count();
        assert_eq!(flagged, 3);
    }

    #[test]
    fn np011_limit() {
        let mut pool = NodePool::default();
        pool.limits.insert("cpu".into(), "lots".into());
        pool.limits.insert("gpus".into(), "4".into());
        let p = with(pool);
        assert_reported(&p, Code::Limit, "node_pools[0].limits.cpu", Severity::Error);
        assert_reported(
            &p,
            Code::Limit,
            "node_pools[0].limits.gpus",
            Severity::Warning,
        );
    }

    #[test]
    fn np012_weight() {
        let p = with(NodePool {
            weight: Some(0),
            ..NodePool::default()
        });
        assert_reported(&p, Code::Weight, "node_pools[0].weight", Severity::Error);
        let p = with(NodePool {
            weight: Some(10),
            replicas: Some(2),
            ..NodePool::default()
        });
        assert_reported(&p, Code::Weight, "node_pools[0].weight", Severity::Error);
    }

    #[test]
    fn np013_static_pool() {
        let mut pool = NodePool {
            replicas: Some(3),
            ..NodePool::default()
        };
        pool.limits.insert("cpu".into(), "100".into());
        assert_reported(
            &with(pool),
            Code::StaticPool,
            "node_pools[0].limits.cpu",
            Severity::Error,
        );
    }

    #[test]
    fn np014_budget() {
        let mut pool = NodePool::default();
        pool.disruption.budgets = vec![
            Budget {
                nodes: "110%".into(),
                ..Budget::default()
            },
            Budget {
                schedule: Some("0 9 * * *".into()),
                ..Budget::default()
            },
            Budget {
                schedule: Some("0 9 * *".into()),
                duration: Some("8h".into()),
                ..Budget::default()
            },
            Budget {
                schedule: Some("@daily".into()),
                duration: Some("1d".into()),
                ..Budget::default()
            },
        ];
        let p = with(pool);
        assert_reported(
            &p,
            Code::Budget,
            "node_pools[0].disruption.budgets[0].nodes",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::Budget,
            "node_pools[0].disruption.budgets[1]",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::Budget,
            "node_pools[0].disruption.budgets[2].schedule",
            Severity::Error,
        );
        assert_reported(
            &p,
            Code::Budget,
            "node_pools[0].disruption.budgets[3].duration",
            Severity::Error,
        );
        assert!(super::budget_duration("1h30m"));
        assert!(super::budget_duration("10m0s"));
        assert!(!super::budget_duration("30s"));
    }

    #[test]
    fn np015_consolidate_after() {
        let mut pool = NodePool::default();
        pool.disruption.consolidate_after = "soon".into();
        assert_reported(
            &with(pool),
            Code::ConsolidateAfter,
            "node_pools[0].disruption.consolidate_after",
            Severity::Error,
        );
    }

    #[test]
    fn np016_gpu_pool_without_taint() {
        let mut pool = NodePool::default();
        pool.requirements.min_gpu_count = Some(1);
        assert_reported(
            &with(pool.clone()),
            Code::GpuPoolWithoutTaint,
            "node_pools[0].taints",
            Severity::Warning,
        );
        pool.taints.push(Taint {
            key: "nvidia.com/gpu".into(),
            ..Taint::default()
        });
        assert_not_reported(&with(pool), Code::GpuPoolWithoutTaint);
    }

    #[test]
    fn np017_empty_range() {
        let mut pool = NodePool::default();
        pool.requirements.min_cpu = Some(16);
        pool.requirements.max_cpu = Some(8);
        assert_reported(
            &with(pool),
            Code::EmptyRange,
            "node_pools[0].requirements.min_cpu",
            Severity::Error,
        );
    }

    #[test]
    fn np018_narrow_spot_pool() {
        let mut pool = NodePool::default();
        pool.requirements.capacity_types = vec![CapacityType::Spot];
        pool.requirements.instance_families = vec!["c5".into()];
        pool.requirements.instance_sizes = vec!["xlarge".into()];
        assert_reported(
            &with(pool),
            Code::NarrowSpotPool,
            "node_pools[0].requirements.capacity_types",
            Severity::Warning,
        );
    }

    fn diag(p: &Plan, code: Code) -> Option<crate::diag::Diagnostic> {
        check(p).into_iter().find(|d| d.code == code)
    }

    #[test]
    fn np019_no_launchable_type() {
        // Only small sizes.
        let mut pool = NodePool::default();
        pool.requirements.instance_sizes = vec!["micro".into(), "small".into()];
        assert_reported(
            &with(pool),
            Code::NoLaunchableType,
            "node_pools[0].requirements",
            Severity::Error,
        );
        // Exactly the types Auto Mode never launches.
        let p = with_extra(req(
            "node.kubernetes.io/instance-type",
            Operator::In,
            &["t3.small", "t3.micro", "t4g.nano"],
        ));
        let d = diag(&p, Code::NoLaunchableType).expect("NP019");
        assert!(d.message.contains("only 2 types match"), "{}", d.message);
        assert!(d.message.contains("nano, micro and small"), "{}", d.message);
        // One vCPU at most (amd64 by default: t3.micro… and no medium).
        let mut pool = NodePool::default();
        pool.requirements.max_cpu = Some(1);
        pool.requirements.architectures = vec![Arch::Arm64];
        let d = diag(&with(pool), Code::NoLaunchableType).expect("NP019");
        assert!(d.message.contains("one vCPU"), "{}", d.message);
        // Graviton families in a pool that defaults to amd64.
        let mut pool = NodePool::default();
        pool.requirements.instance_families = vec!["m7g".into(), "c7g".into()];
        assert_reported(
            &with(pool.clone()),
            Code::NoLaunchableType,
            "node_pools[0].requirements.architectures",
            Severity::Error,
        );
        pool.requirements.architectures = vec![Arch::Arm64];
        assert_not_reported(&with(pool), Code::NoLaunchableType);
        // Nothing at all.
        let mut pool = NodePool::default();
        pool.requirements.instance_families = vec!["m99".into()];
        let d = diag(&with(pool), Code::NoLaunchableType).expect("NP019");
        assert!(
            d.message.contains("no instance type matches"),
            "{}",
            d.message
        );
        // A pool that launches something, and one already reported as an
        // empty range, get no NP019.
        let mut pool = NodePool::default();
        pool.requirements.instance_categories = vec!["t".into()];
        assert_not_reported(&with(pool), Code::NoLaunchableType);
        let mut pool = NodePool::default();
        pool.requirements.min_cpu = Some(16);
        pool.requirements.max_cpu = Some(8);
        assert_not_reported(&with(pool), Code::NoLaunchableType);
        assert!(super::launches_any(&NodePool::default()));
        let mut small = NodePool::default();
        small.requirements.instance_sizes = vec!["small".into()];
        assert!(!super::launches_any(&small));
        let types = super::pool_types(&NodePool::default());
        assert!(types.launchable.len() > 300 && !types.excluded.is_empty());
        assert!(
            types
                .launchable
                .iter()
                .all(|t| t.arch == crate::catalog::instances::CpuArch::Amd64)
        );
    }

    #[test]
    fn np020_unpinned_instance_category() {
        assert_reported(
            &with(NodePool::default()),
            Code::UnpinnedInstanceCategory,
            "node_pools[0].requirements.instance_categories",
            Severity::Warning,
        );
        let d = diag(&with(NodePool::default()), Code::UnpinnedInstanceCategory).expect("NP020");
        assert!(d.fix.contains("[c, m, r]"), "{}", d.fix);
        // A GPU pool without a category is told to pin `g`.
        let mut pool = NodePool::default();
        pool.requirements.min_gpu_count = Some(1);
        let d = diag(&with(pool), Code::UnpinnedInstanceCategory).expect("NP020");
        assert!(d.fix.contains("[g]"), "{}", d.fix);
        // Pinned by category, family, GPU model or instance type.
        let mut pool = NodePool::default();
        pool.requirements.instance_categories = vec!["c".into(), "m".into(), "r".into()];
        assert_not_reported(&with(pool), Code::UnpinnedInstanceCategory);
        let mut pool = NodePool::default();
        pool.requirements.instance_families = vec!["m7i".into()];
        assert_not_reported(&with(pool), Code::UnpinnedInstanceCategory);
        assert_not_reported(
            &with_extra(req(
                "node.kubernetes.io/instance-type",
                Operator::In,
                &["m5.large"],
            )),
            Code::UnpinnedInstanceCategory,
        );
        // Requirements that already exclude every exotic type: no GPUs or
        // accelerators, and at most 32 vCPUs (no supported bare-metal type
        // is that small). `exclude_instance_sizes: [metal]` alone is not
        // enough: sizes such as `metal-24xl` remain.
        let mut pool = NodePool::default();
        pool.requirements.exclude_instance_sizes = vec!["metal".into()];
        assert_reported(
            &with(pool.clone()),
            Code::UnpinnedInstanceCategory,
            "node_pools[0].requirements.instance_categories",
            Severity::Warning,
        );
        pool.requirements.max_cpu = Some(32);
        for key in [
            "eks.amazonaws.com/instance-gpu-count",
            "eks.amazonaws.com/instance-accelerator-count",
        ] {
            pool.requirements
                .extra
                .push(req(key, Operator::DoesNotExist, &[]));
        }
        assert_not_reported(&with(pool), Code::UnpinnedInstanceCategory);
    }

    #[test]
    fn np021_static_pool_node_limit() {
        let pool = |nodes: &str| {
            let mut pool = NodePool {
                replicas: Some(5),
                ..NodePool::default()
            };
            pool.requirements.instance_categories = vec!["m".into()];
            pool.limits.insert("nodes".into(), nodes.into());
            with(pool)
        };
        assert_reported(
            &pool("4"),
            Code::StaticPoolNodeLimit,
            "node_pools[0].limits.nodes",
            Severity::Error,
        );
        assert_reported(
            &pool("5"),
            Code::StaticPoolNodeLimit,
            "node_pools[0].limits.nodes",
            Severity::Warning,
        );
        let d = diag(&pool("5"), Code::StaticPoolNodeLimit).expect("NP021");
        assert!(d.fix.contains("for example 6"), "{}", d.fix);
        assert_not_reported(&pool("6"), Code::StaticPoolNodeLimit);
        assert_eq!(super::static_headroom(20), 22);
        // Without a node limit the pool may always surge.
        let mut unlimited = NodePool {
            replicas: Some(5),
            ..NodePool::default()
        };
        unlimited.requirements.instance_categories = vec!["m".into()];
        assert_not_reported(&with(unlimited), Code::StaticPoolNodeLimit);
        // Dynamic pools are not concerned.
        let mut dynamic = NodePool::default();
        dynamic.limits.insert("nodes".into(), "1".into());
        assert_not_reported(&with(dynamic), Code::StaticPoolNodeLimit);
    }
}
