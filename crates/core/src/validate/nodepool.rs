//! Rules for custom NodePools (reference §3.2 and the Auto Mode CRD).

use std::collections::BTreeMap;

use super::{Ctx, duplicates, syntax};
use crate::catalog::policies::{NUMERIC_REQUIREMENT_KEYS, WELL_KNOWN_REQUIREMENT_KEYS};
use crate::diag::{Code, Severity};
use crate::plan::{
    CapacityType, ConsolidationPolicy, NodePool, Operator, Requirement, Taint, TaintEffect,
};

use crate::catalog::MAX_NODE_LIFETIME_SECS as MAX_LIFETIME_SECS;

/// Resources Karpenter tracks in `limits` without a domain.
const LIMIT_KEYS: &[&str] = &["cpu", "memory", "nodes", "pods", "ephemeral-storage"];

/// Label domains Karpenter and Auto Mode keep for themselves.
fn restricted_domain(domain: &str) -> bool {
    let exception = [
        "node.kubernetes.io",
        "node-restriction.kubernetes.io",
        "kops.k8s.io",
    ]
    .iter()
    .any(|e| syntax::in_domain(domain, e));
    !exception
        && [
            "kubernetes.io",
            "k8s.io",
            "karpenter.sh",
            "karpenter.k8s.aws",
            "eks.amazonaws.com",
        ]
        .iter()
        .any(|base| syntax::in_domain(domain, base))
}

/// Why a requirement or label key cannot be used on an Auto Mode NodePool.
pub(crate) fn restricted_key(key: &str) -> Option<String> {
    if key == "kubernetes.io/hostname" || key == "karpenter.sh/nodepool" {
        return Some(format!(
            "`{key}` is set by Karpenter and cannot be required or labelled"
        ));
    }
    if let Some(rest) = key.strip_prefix("karpenter.k8s.aws/") {
        return Some(format!(
            "Auto Mode does not use `karpenter.k8s.aws` labels; use `eks.amazonaws.com/{rest}`"
        ));
    }
    if WELL_KNOWN_REQUIREMENT_KEYS.contains(&key) {
        return None;
    }
    let domain = syntax::label_domain(key)?;
    restricted_domain(domain).then(|| format!("label domain `{domain}` is reserved"))
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
        cx.report(
            Code::LifetimeOver21Days,
            format!("{base}.expire_after"),
            format!(
                "expireAfter {} + terminationGracePeriod {} = {}, over Auto Mode's 21 days (504h)",
                syntax::format_secs(e),
                syntax::format_secs(g),
                syntax::format_secs(e + g)
            ),
            format!(
                "Keep the sum at most 504h, for example expire_after `{}`.",
                syntax::format_secs(MAX_LIFETIME_SECS.saturating_sub(g))
            ),
        );
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
}
