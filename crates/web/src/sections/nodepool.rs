//! The NodePool editor.

use eksplan_core::plan::{
    Arch, Budget, CapacityType, ConsolidationPolicy, DisruptionReason, NodePool, Taint, TaintEffect,
};
use std::rc::Rc;
use yew::prelude::*;

use super::{de, ser};
use crate::fields::*;
use crate::refactor::RenameField;
use crate::state::Edit;
use eksplan_core::plan::edit::Kind;

/// Edit NodePool `i`.
macro_rules! pool {
    ($e:expr, $($rest:tt)*) => { super::item!($e, node_pools, $($rest)*) };
}

fn taint_mut(x: &mut NodePool, startup: bool, j: usize) -> Option<&mut Taint> {
    if startup {
        x.startup_taints.get_mut(j)
    } else {
        x.taints.get_mut(j)
    }
}

fn opt_u32(v: Option<u64>) -> Option<u32> {
    v.and_then(|n| u32::try_from(n).ok())
}

/// One NodePool, in a collapsible panel.
pub fn node_pool_editor(
    e: &Callback<Edit>,
    i: usize,
    n: usize,
    pool: &NodePool,
    on_move: &Callback<(usize, isize)>,
    on_remove: &Callback<usize>,
    removal: super::Removal,
) -> Html {
    let base = format!("node_pools[{i}]");
    let zone_hint =
        AttrValue::from(crate::regions::zone_examples(&removal.plan.cluster.region, 2).join(", "));
    let r = &pool.requirements;
    let rb = format!("{base}.requirements");
    let mut class_opts = vec![(
        AttrValue::Static("default"),
        AttrValue::Static("default (the built-in pools' NodeClass)"),
    )];
    class_opts.extend(removal.plan.node_classes.iter().map(|c| {
        (
            AttrValue::from(c.name.clone()),
            AttrValue::from(c.name.clone()),
        )
    }));
    if !class_opts
        .iter()
        .any(|(v, _)| v.as_str() == pool.node_class)
    {
        class_opts.push((
            AttrValue::from(pool.node_class.clone()),
            AttrValue::from(format!("{} (missing)", pool.node_class)),
        ));
    }
    let add_taint = |startup: bool| {
        e.reform(move |_: MouseEvent| {
            Rc::new(move |p: &mut eksplan_core::Plan| {
                if let Some(x) = p.node_pools.get_mut(i) {
                    let list = if startup {
                        &mut x.startup_taints
                    } else {
                        &mut x.taints
                    };
                    list.push(Taint {
                        key: "example.com/dedicated".into(),
                        ..Taint::default()
                    });
                }
            }) as Edit
        })
    };
    let taints = |startup: bool, list: &Vec<Taint>| -> Html {
        let field = if startup { "startup_taints" } else { "taints" };
        list.iter().enumerate().map(|(j, t)| {
            let tb = format!("{base}.{field}[{j}]");
            let remove = e.reform(move |_: MouseEvent| Rc::new(move |p: &mut eksplan_core::Plan| {
                if let Some(x) = p.node_pools.get_mut(i) {
                    let list = if startup { &mut x.startup_taints } else { &mut x.taints };
                    if j < list.len() { list.remove(j); }
                }
            }) as Edit);
            html! {
                <div class="subitem row" key={j}>
                    <TextField path={format!("{tb}.key")} label="Key" value={t.key.clone()}
                        onchange={pool!(e, i, |x, v: String| if let Some(t) = taint_mut(x, startup, j) { t.key = v })} />
                    <OptTextField path={format!("{tb}.value")} label="Value" value={t.value.clone()}
                        onchange={pool!(e, i, |x, v: Option<String>| if let Some(t) = taint_mut(x, startup, j) { t.value = v })} />
                    <SelectField path={format!("{tb}.effect")} label="Effect"
                        options={opts(&[("NoSchedule", "NoSchedule"), ("PreferNoSchedule", "PreferNoSchedule"), ("NoExecute", "NoExecute")])}
                        value={ser(&t.effect)}
                        onchange={pool!(e, i, |x, v: String| if let (Some(t), Some(eff)) = (taint_mut(x, startup, j), de::<TaintEffect>(&v)) { t.effect = eff })} />
                    <button type="button" class="danger" onclick={remove} aria-label={format!("Remove taint {}", j + 1)} data-undo={format!("Removed taint {}.", j + 1)}>{ "Remove" }</button>
                </div>
            }
        }).collect()
    };
    let add_budget = e.reform(move |_: MouseEvent| {
        Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(x) = p.node_pools.get_mut(i) {
                x.disruption.budgets.push(Budget::default());
            }
        }) as Edit
    });
    let budgets: Html = pool.disruption.budgets.iter().enumerate().map(|(j, b)| {
        let bb = format!("{base}.disruption.budgets[{j}]");
        let remove = e.reform(move |_: MouseEvent| Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(x) = p.node_pools.get_mut(i) && j < x.disruption.budgets.len() { x.disruption.budgets.remove(j); }
        }) as Edit);
        let reasons = [DisruptionReason::Underutilized, DisruptionReason::Empty, DisruptionReason::Drifted, DisruptionReason::NodeNotHealthy];
        html! {
            <div class="subitem" key={j} id={fid(&bb)}>
                <TextField path={format!("{bb}.nodes")} label="Nodes at a time" value={b.nodes.clone()} placeholder="10% or 2"
                    onchange={pool!(e, i, |x, v: String| if let Some(b) = x.disruption.budgets.get_mut(j) { b.nodes = v })} />
                <OptTextField path={format!("{bb}.schedule")} label="Schedule (cron, UTC)" value={b.schedule.clone()} placeholder="0 9 * * mon-fri"
                    onchange={pool!(e, i, |x, v: Option<String>| if let Some(b) = x.disruption.budgets.get_mut(j) { b.schedule = v })} />
                <OptTextField path={format!("{bb}.duration")} label="Duration" value={b.duration.clone()} placeholder="8h"
                    onchange={pool!(e, i, |x, v: Option<String>| if let Some(b) = x.disruption.budgets.get_mut(j) { b.duration = v })} />
                <ChecksField path={format!("{bb}.reasons")} label="Reasons (none: all)"
                    options={reasons.iter().map(|r| (AttrValue::Static(r.as_str()), AttrValue::Static(r.as_str()))).collect::<Vec<_>>()}
                    value={b.reasons.iter().map(|r| AttrValue::Static(r.as_str())).collect::<Vec<_>>()}
                    onchange={pool!(e, i, |x, v: Vec<String>| if let Some(b) = x.disruption.budgets.get_mut(j) { b.reasons = v.iter().filter_map(|s| de(s)).collect() })} />
                <button type="button" class="danger" onclick={remove} aria-label={format!("Remove budget {}", j + 1)} data-undo={format!("Removed budget {}.", j + 1)}>{ "Remove budget" }</button>
            </div>
        }
    }).collect();
    html! {
        <details class="item" key={i} id={fid(&base)} open=true>
            <summary>{ format!("NodePool {}", pool.name) }</summary>
            <ItemHeader what={format!("NodePool {}", pool.name)} index={i} len={n} on_move={on_move.clone()} on_remove={on_remove.clone()}
                path={base.clone()} undoable={removal.undoable} />
            { removal.confirm }
            <RenameField kind={Kind::NodePool} index={i} plan={removal.plan.clone()} edit={e.clone()} path={format!("{base}.name")}
                help="A DNS name; general-purpose and system belong to EKS." />
            <SelectField path={format!("{base}.node_class")} label="NodeClass" options={class_opts} value={pool.node_class.clone()}
                help="default exists only while a built-in pool is on."
                onchange={pool!(e, i, |x, v: String| x.node_class = v)} />
            <fieldset class="group" id={fid(&rb)}>
                <legend>{ "Instance requirements" }</legend>
                <ChecksField path={format!("{rb}.capacity_types")} label="Capacity type"
                    options={opts(&[("on-demand", "On-demand"), ("spot", "Spot"), ("reserved", "Reserved")])}
                    value={r.capacity_types.iter().map(|c| AttrValue::Static(c.as_str())).collect::<Vec<_>>()}
                    help="None chosen: on-demand. Spot is up to 90% cheaper and can be interrupted; the Auto Mode fee is charged either way."
                    onchange={pool!(e, i, |x, v: Vec<String>| x.requirements.capacity_types = v.iter().filter_map(|s| de::<CapacityType>(s)).collect())} />
                <ChecksField path={format!("{rb}.architectures")} label="Architecture"
                    options={opts(&[("amd64", "amd64 (x86)"), ("arm64", "arm64 (Graviton)")])}
                    value={r.architectures.iter().map(|a| AttrValue::Static(a.as_str())).collect::<Vec<_>>()}
                    help="None chosen: amd64. Graviton is cheaper if your images are multi-arch."
                    onchange={pool!(e, i, |x, v: Vec<String>| x.requirements.architectures = v.iter().filter_map(|s| de::<Arch>(s)).collect())} />
                <ListField path={format!("{rb}.instance_categories")} label="Instance categories" value={r.instance_categories.clone()}
                    placeholder="c, m, r" help="c compute, m general, r memory, g and p GPU. Empty: any."
                    onchange={pool!(e, i, |x, v: Vec<String>| x.requirements.instance_categories = v)} />
                <NumberField path={format!("{rb}.min_generation")} label="Lowest generation" optional=true
                    value={r.min_generation.map(u64::from)} help="For example 5: no m4, c4 or older."
                    onchange={pool!(e, i, |x, v: Option<u64>| x.requirements.min_generation = opt_u32(v))} />
                <ListField path={format!("{rb}.instance_families")} label="Families (only these)" value={r.instance_families.clone()}
                    placeholder="m7i, m7g" onchange={pool!(e, i, |x, v: Vec<String>| x.requirements.instance_families = v)} />
                <ListField path={format!("{rb}.exclude_instance_families")} label="Families (never these)" value={r.exclude_instance_families.clone()}
                    onchange={pool!(e, i, |x, v: Vec<String>| x.requirements.exclude_instance_families = v)} />
                <ListField path={format!("{rb}.instance_sizes")} label="Sizes (only these)" value={r.instance_sizes.clone()}
                    placeholder="large, xlarge" onchange={pool!(e, i, |x, v: Vec<String>| x.requirements.instance_sizes = v)} />
                <ListField path={format!("{rb}.exclude_instance_sizes")} label="Sizes (never these)" value={r.exclude_instance_sizes.clone()}
                    placeholder="metal" onchange={pool!(e, i, |x, v: Vec<String>| x.requirements.exclude_instance_sizes = v)} />
                <div class="row">
                    <NumberField path={format!("{rb}.min_cpu")} label="Min vCPUs" optional=true value={r.min_cpu.map(u64::from)}
                        onchange={pool!(e, i, |x, v: Option<u64>| x.requirements.min_cpu = opt_u32(v))} />
                    <NumberField path={format!("{rb}.max_cpu")} label="Max vCPUs" optional=true value={r.max_cpu.map(u64::from)}
                        onchange={pool!(e, i, |x, v: Option<u64>| x.requirements.max_cpu = opt_u32(v))} />
                </div>
                <div class="row">
                    <NumberField path={format!("{rb}.min_memory_mib")} label="Min memory (MiB)" optional=true value={r.min_memory_mib}
                        onchange={pool!(e, i, |x, v: Option<u64>| x.requirements.min_memory_mib = v)} />
                    <NumberField path={format!("{rb}.max_memory_mib")} label="Max memory (MiB)" optional=true value={r.max_memory_mib}
                        onchange={pool!(e, i, |x, v: Option<u64>| x.requirements.max_memory_mib = v)} />
                </div>
                <div class="row">
                    <NumberField path={format!("{rb}.min_gpu_count")} label="Min GPUs" optional=true value={r.min_gpu_count.map(u64::from)}
                        onchange={pool!(e, i, |x, v: Option<u64>| x.requirements.min_gpu_count = opt_u32(v))} />
                    <ListField path={format!("{rb}.gpu_names")} label="GPU names" value={r.gpu_names.clone()} placeholder="l4, a10g"
                        onchange={pool!(e, i, |x, v: Vec<String>| x.requirements.gpu_names = v)} />
                </div>
                <ListField path={format!("{rb}.zones")} label="Zones" value={r.zones.clone()} placeholder={zone_hint}
                    help="Empty: every zone of the NodeClass's subnets."
                    onchange={pool!(e, i, |x, v: Vec<String>| x.requirements.zones = v)} />
            </fieldset>
            <MapField path={format!("{base}.labels")} label="Node labels" value={pool.labels.clone()}
                onchange={pool!(e, i, |x, v: std::collections::BTreeMap<String, String>| x.labels = v)} />
            <fieldset class="group" id={fid(&format!("{base}.taints"))}>
                <legend>{ "Taints" }</legend>
                <p class="help">{ "Only pods that tolerate them land here. Taint GPU and special-purpose pools." }</p>
                { taints(false, &pool.taints) }
                <button type="button" onclick={add_taint(false)}>{ "Add a taint" }</button>
            </fieldset>
            <fieldset class="group" id={fid(&format!("{base}.startup_taints"))}>
                <legend>{ "Startup taints" }</legend>
                { taints(true, &pool.startup_taints) }
                <button type="button" onclick={add_taint(true)}>{ "Add a startup taint" }</button>
            </fieldset>
            <MapField path={format!("{base}.limits")} label="Limits" value={pool.limits.clone()}
                help="cpu=1000, memory=4000Gi, nodes=10, nvidia.com/gpu=8: the pool stops launching at these totals."
                onchange={pool!(e, i, |x, v: std::collections::BTreeMap<String, String>| x.limits = v)} />
            <fieldset class="group" id={fid(&format!("{base}.disruption"))}>
                <legend>{ "Disruption" }</legend>
                <SelectField path={format!("{base}.disruption.consolidation_policy")} label="Consolidation"
                    options={opts(&[("WhenEmptyOrUnderutilized", "Empty or under-used nodes"), ("WhenEmpty", "Only empty nodes"), ("Balanced", "Balanced (savings must outweigh disruption)")])}
                    value={ser(&pool.disruption.consolidation_policy)}
                    onchange={pool!(e, i, |x, v: String| if let Some(c) = de::<ConsolidationPolicy>(&v) { x.disruption.consolidation_policy = c })} />
                <TextField path={format!("{base}.disruption.consolidate_after")} label="Consolidate after" value={pool.disruption.consolidate_after.clone()}
                    placeholder="30s" help="How long a node must be consolidatable first, or Never."
                    onchange={pool!(e, i, |x, v: String| x.disruption.consolidate_after = v)} />
                <p class="help">{ "Budgets: how many nodes may be disrupted at once, optionally only on a schedule. None: 10% at a time." }</p>
                { budgets }
                <button type="button" onclick={add_budget}>{ "Add a budget" }</button>
            </fieldset>
            <div class="row">
                <TextField path={format!("{base}.expire_after")} label="Maximum node lifetime" value={pool.expire_after.clone()}
                    placeholder="336h" help="Auto Mode forbids Never; with the grace period at most 504h (21 days)."
                    onchange={pool!(e, i, |x, v: String| x.expire_after = v)} />
                <TextField path={format!("{base}.termination_grace_period")} label="Drain grace period" value={pool.termination_grace_period.clone()}
                    placeholder="24h" onchange={pool!(e, i, |x, v: String| x.termination_grace_period = v)} />
            </div>
            <div class="row">
                <NumberField path={format!("{base}.weight")} label="Weight (1–100)" optional=true value={pool.weight.map(u64::from)}
                    help="Higher-weight pools are tried first." onchange={pool!(e, i, |x, v: Option<u64>| x.weight = opt_u32(v))} />
                <NumberField path={format!("{base}.replicas")} label="Static replicas" optional=true value={pool.replicas.map(u64::from)}
                    help="Keep exactly this many nodes. Cannot be added or removed later."
                    onchange={pool!(e, i, |x, v: Option<u64>| x.replicas = opt_u32(v))} />
            </div>
        </details>
    }
}
