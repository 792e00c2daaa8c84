//! Rules for the `capacity` section (the workload of the cost plan).

use super::{Ctx, duplicates, syntax};
use crate::catalog::instances;
use crate::catalog::policies::KARPENTER_SET_KEYS;
use crate::diag::{Code, Severity};
use crate::plan::{Toleration, TolerationOperator};

/// Most pods the planner simulates.
pub const MAX_PODS: u64 = 100_000;

fn quantity_ok(q: &str) -> bool {
    syntax::quantity(q).is_some_and(|v| v >= 0.0 && v.is_finite())
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    let c = &cx.plan.capacity;

    // Names.
    for (kind, names) in [
        (
            "workloads",
            c.workloads
                .iter()
                .map(|w| w.name.as_str())
                .collect::<Vec<_>>(),
        ),
        (
            "daemonsets",
            c.daemonsets.iter().map(|d| d.name.as_str()).collect(),
        ),
    ] {
        for (i, name) in names.iter().enumerate() {
            if !syntax::dns1123_label(name) {
                cx.report(
                    Code::CapacityName,
                    format!("capacity.{kind}[{i}].name"),
                    format!("`{name}` is not a DNS label"),
                    "Use lower-case letters, digits and `-`, such as `web`.",
                );
            }
        }
        for (i, name) in duplicates(names.iter().copied()) {
            cx.report(
                Code::CapacityName,
                format!("capacity.{kind}[{i}].name"),
                format!("`{name}` is used twice"),
                "Give each one its own name.",
            );
        }
    }

    // Requests.
    let mut quantities: Vec<(String, &str)> = Vec::new();
    if let Some(q) = &c.quick {
        quantities.push(("capacity.quick.cpu".into(), &q.cpu));
        quantities.push(("capacity.quick.memory".into(), &q.memory));
    }
    for (i, w) in c.workloads.iter().enumerate() {
        quantities.push((format!("capacity.workloads[{i}].cpu"), &w.cpu));
        quantities.push((format!("capacity.workloads[{i}].memory"), &w.memory));
    }
    for (i, d) in c.daemonsets.iter().enumerate() {
        quantities.push((format!("capacity.daemonsets[{i}].cpu"), &d.cpu));
        quantities.push((format!("capacity.daemonsets[{i}].memory"), &d.memory));
    }
    for (path, value) in quantities {
        if !quantity_ok(value) {
            cx.report(
                Code::CapacityQuantity,
                path,
                format!("`{value}` is not a resource request"),
                "Use quantities such as `500m` or `2` (CPU) and `512Mi` or `4Gi` (memory).",
            );
        }
    }

    // Size.
    let total: u64 = c.quick.as_ref().map_or(0, |q| u64::from(q.pods))
        + c.workloads
            .iter()
            .map(|w| u64::from(w.replicas))
            .sum::<u64>();
    if total > MAX_PODS {
        cx.report(
            Code::CapacityTooMany,
            "capacity",
            format!("{total} pods; the planner simulates at most {MAX_PODS}"),
            "Plan a representative slice: the cost scales with it.",
        );
    }

    // Placement rules.
    for (i, w) in c.workloads.iter().enumerate() {
        for (j, t) in w.tolerations.iter().enumerate() {
            if let Some(why) = toleration_problem(t) {
                cx.report(
                    Code::CapacityScheduling,
                    format!("capacity.workloads[{i}].tolerations[{j}]"),
                    why,
                    "Write `{key: K, operator: Exists}` or `{key: K, value: V}`.",
                );
            }
        }
        for (k, v) in &w.node_selector {
            if !syntax::qualified_name(k) || !syntax::label_value(v) {
                cx.report(
                    Code::CapacityScheduling,
                    format!("capacity.workloads[{i}].node_selector"),
                    format!("`{k}: {v}` is not a node label"),
                    "Use label keys such as `karpenter.sh/nodepool` and plain values.",
                );
            } else if !KARPENTER_SET_KEYS.contains(&k.as_str())
                && let Some(why) = super::nodepool::restricted_key(k)
            {
                // Karpenter launches nodes only for labels a NodePool can
                // carry, and no NodePool can carry a restricted one.
                cx.report_as(
                    Severity::Warning,
                    Code::CapacityScheduling,
                    format!("capacity.workloads[{i}].node_selector"),
                    format!("no NodePool can give nodes `{k}` ({why}), so these pods would stay Pending"),
                    "Select a label of your own domain that a NodePool sets, or a well-known label such as `karpenter.sh/nodepool`.",
                );
            }
        }
        if w.spread_zones && w.same_zone {
            cx.report(
                Code::CapacityZoneConflict,
                format!("capacity.workloads[{i}].same_zone"),
                format!(
                    "`{}` asks to spread across zones and to stay in one",
                    w.name
                ),
                "Turn off either `spread_zones` or `same_zone`.",
            );
        }
    }

    // Prices.
    let p = &c.prices;
    for (field, value) in p.rates() {
        let Some(v) = value else { continue };
        let fraction = field.ends_with("_fraction");
        if !v.is_finite() || v < 0.0 || fraction && v > 1.0 {
            cx.report(
                Code::CapacityPrice,
                format!("capacity.prices.{field}"),
                format!(
                    "{v} is not a valid {}",
                    if fraction {
                        "fraction (0–1)"
                    } else {
                        "price"
                    }
                ),
                "Give prices in US dollars and fractions as decimals, such as 0.12.",
            );
        }
    }
    for (name, price) in &p.instances {
        let path = format!("capacity.prices.instances[{name:?}]");
        for v in [price.on_demand, price.fee, price.spot]
            .into_iter()
            .flatten()
        {
            if !v.is_finite() || v < 0.0 {
                cx.report(
                    Code::CapacityPrice,
                    path.clone(),
                    format!("{v} is not a valid price for {name}"),
                    "Give $/hour, such as 0.192.",
                );
            }
        }
        if instances::find(name).is_none() {
            cx.report(
                Code::CapacityUnknownType,
                path,
                format!("`{name}` is not an instance type in the catalog"),
                "Check the spelling, such as `m7i.large`.",
            );
        }
    }

    if c.has_pods() && cx.plan.cluster.region != instances::CATALOG_REGION {
        cx.report(
            Code::CapacityRegionPrices,
            "capacity.prices",
            format!(
                "prices are {} on-demand; {} may differ",
                instances::CATALOG_REGION,
                cx.plan.cluster.region
            ),
            "For exact figures, enter your region's prices in `capacity.prices`.",
        );
    }
}

fn toleration_problem(t: &Toleration) -> Option<String> {
    match t.operator {
        TolerationOperator::Equal if t.key.is_empty() => {
            Some("an `Equal` toleration needs a key".into())
        }
        TolerationOperator::Exists if t.value.is_some() => {
            Some("an `Exists` toleration takes no value".into())
        }
        _ if !t.key.is_empty() && !syntax::qualified_name(&t.key) => {
            Some(format!("`{}` is not a taint key", t.key))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::diag::{Code, Severity};
    use crate::plan::*;

    fn with_workload() -> Plan {
        let mut p = good();
        p.capacity.workloads.push(Workload::default());
        p
    }

    #[test]
    fn cp001_names() {
        let mut p = with_workload();
        p.capacity.workloads[0].name = "Web App".into();
        assert_reported(
            &p,
            Code::CapacityName,
            "capacity.workloads[0].name",
            Severity::Error,
        );
        let mut p = with_workload();
        p.capacity.workloads.push(Workload::default());
        assert_reported(
            &p,
            Code::CapacityName,
            "capacity.workloads[1].name",
            Severity::Error,
        );
        let mut p = good();
        p.capacity.daemonsets.push(DaemonSet::default());
        p.capacity.daemonsets.push(DaemonSet::default());
        assert_reported(
            &p,
            Code::CapacityName,
            "capacity.daemonsets[1].name",
            Severity::Error,
        );
        assert_not_reported(&with_workload(), Code::CapacityName);
    }

    #[test]
    fn cp002_quantities() {
        let mut p = with_workload();
        p.capacity.workloads[0].memory = "lots".into();
        assert_reported(
            &p,
            Code::CapacityQuantity,
            "capacity.workloads[0].memory",
            Severity::Error,
        );
        let mut p = good();
        p.capacity.quick = Some(QuickPods {
            cpu: "-1".into(),
            ..QuickPods::default()
        });
        assert_reported(
            &p,
            Code::CapacityQuantity,
            "capacity.quick.cpu",
            Severity::Error,
        );
        assert_not_reported(&with_workload(), Code::CapacityQuantity);
    }

    #[test]
    fn cp003_too_many_pods() {
        let mut p = with_workload();
        p.capacity.workloads[0].replicas = 60_000;
        p.capacity.quick = Some(QuickPods {
            pods: 50_000,
            ..QuickPods::default()
        });
        assert_reported(&p, Code::CapacityTooMany, "capacity", Severity::Error);
    }

    #[test]
    fn cp004_tolerations_and_selectors() {
        let mut p = with_workload();
        p.capacity.workloads[0]
            .tolerations
            .push(Toleration::default());
        assert_reported(
            &p,
            Code::CapacityScheduling,
            "capacity.workloads[0].tolerations[0]",
            Severity::Error,
        );
        let mut p = with_workload();
        p.capacity.workloads[0].tolerations.push(Toleration {
            key: "gpu".into(),
            operator: TolerationOperator::Exists,
            value: Some("x".into()),
            effect: None,
        });
        assert_reported(
            &p,
            Code::CapacityScheduling,
            "capacity.workloads[0].tolerations[0]",
            Severity::Error,
        );
        let mut p = with_workload();
        p.capacity.workloads[0]
            .node_selector
            .insert("bad key!".into(), "v".into());
        assert_reported(
            &p,
            Code::CapacityScheduling,
            "capacity.workloads[0].node_selector",
            Severity::Error,
        );
        let mut p = with_workload();
        p.capacity.workloads[0].tolerations.push(Toleration {
            operator: TolerationOperator::Exists,
            ..Toleration::default()
        });
        p.capacity.workloads[0]
            .node_selector
            .insert("karpenter.sh/nodepool".into(), "gpu".into());
        assert_not_reported(&p, Code::CapacityScheduling);
        // Pods may select labels Karpenter sets and well-known ones, but
        // not a reserved label no NodePool can carry.
        let mut p = with_workload();
        for (k, v) in [
            ("kubernetes.io/hostname", "ip-10-0-0-1"),
            ("eks.amazonaws.com/instance-family", "m7i"),
            ("example.com/team", "a"),
        ] {
            p.capacity.workloads[0]
                .node_selector
                .insert(k.into(), v.into());
        }
        assert_not_reported(&p, Code::CapacityScheduling);
        p.capacity.workloads[0]
            .node_selector
            .insert("team.eks.amazonaws.com/pool".into(), "a".into());
        assert_reported(
            &p,
            Code::CapacityScheduling,
            "capacity.workloads[0].node_selector",
            Severity::Warning,
        );
    }

    #[test]
    fn cp005_prices() {
        let mut p = with_workload();
        p.capacity.prices.spot_fraction = Some(1.5);
        assert_reported(
            &p,
            Code::CapacityPrice,
            "capacity.prices.spot_fraction",
            Severity::Error,
        );
        let mut p = with_workload();
        p.capacity.prices.instances.insert(
            "m5.large".into(),
            InstancePrice {
                on_demand: Some(-1.0),
                ..InstancePrice::default()
            },
        );
        assert_reported(
            &p,
            Code::CapacityPrice,
            "capacity.prices.instances[\"m5.large\"]",
            Severity::Error,
        );
    }

    #[test]
    fn cp006_unknown_instance_type() {
        let mut p = with_workload();
        p.capacity
            .prices
            .instances
            .insert("m5-large".into(), InstancePrice::default());
        assert_reported(
            &p,
            Code::CapacityUnknownType,
            "capacity.prices.instances[\"m5-large\"]",
            Severity::Warning,
        );
    }

    #[test]
    fn cp007_other_regions() {
        let mut p = with_workload();
        p.cluster.region = "eu-west-1".into();
        assert_reported(
            &p,
            Code::CapacityRegionPrices,
            "capacity.prices",
            Severity::Info,
        );
        // Without pods there is nothing to price.
        let mut p = good();
        p.cluster.region = "eu-west-1".into();
        assert_not_reported(&p, Code::CapacityRegionPrices);
    }

    #[test]
    fn cp008_zone_conflict() {
        let mut p = with_workload();
        p.capacity.workloads[0].spread_zones = true;
        p.capacity.workloads[0].same_zone = true;
        assert_reported(
            &p,
            Code::CapacityZoneConflict,
            "capacity.workloads[0].same_zone",
            Severity::Error,
        );
    }
}
