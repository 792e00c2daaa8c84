//! The `capacity` section: the workload to plan for (quick mode,
//! Deployments and StatefulSets, DaemonSets) and price overrides. Nothing
//! here changes the bundle; it feeds the cost panel.

use eksplan_core::cost::prices::PriceBook;
use eksplan_core::plan::{
    Arch, DaemonSet, InstancePrice, Prices, QuickPods, TaintEffect, Toleration, TolerationOperator,
    Workload, WorkloadKind,
};
use std::rc::Rc;
use yew::prelude::*;

use super::{SectionProps, card, de, ser};
use crate::fields::*;
use crate::state::Edit;

/// Edit workload `i`.
macro_rules! workload {
    ($e:expr, $($rest:tt)*) => { super::item!($e, capacity.workloads, $($rest)*) };
}

/// Edit DaemonSet `i`.
macro_rules! daemonset {
    ($e:expr, $($rest:tt)*) => { super::item!($e, capacity.daemonsets, $($rest)*) };
}

/// A name not used yet: `base`, `base-2`, `base-3`…
fn fresh(base: &str, taken: &[&str]) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while taken.contains(&name.as_str()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// The workload, DaemonSets and prices for the cost plan.
#[component]
pub fn CapacitySection(p: &SectionProps) -> Html {
    let e = &p.edit;
    let cap = &p.plan.capacity;
    let (w_move, w_remove) = list_ops(e, |p| &mut p.capacity.workloads);
    let (d_move, d_remove) = list_ops(e, |p| &mut p.capacity.daemonsets);
    let add_workload = e.reform(|_: MouseEvent| {
        Rc::new(|p: &mut eksplan_core::Plan| {
            let taken: Vec<&str> = p
                .capacity
                .workloads
                .iter()
                .map(|w| w.name.as_str())
                .collect();
            let name = fresh("app", &taken);
            p.capacity.workloads.push(Workload {
                name,
                ..Workload::default()
            });
        }) as Edit
    });
    let add_daemonset = e.reform(|_: MouseEvent| {
        Rc::new(|p: &mut eksplan_core::Plan| {
            let taken: Vec<&str> = p
                .capacity
                .daemonsets
                .iter()
                .map(|d| d.name.as_str())
                .collect();
            let name = fresh("agent", &taken);
            p.capacity.daemonsets.push(DaemonSet {
                name,
                ..DaemonSet::default()
            });
        }) as Edit
    });
    let nw = cap.workloads.len();
    let nd = cap.daemonsets.len();
    let body = html! { <>
        <h3>{ "Quick mode" }</h3>
        <CheckField path="capacity.quick" label="Plan for a number of identical pods" value={cap.quick.is_some()}
            help="The fastest way to a first estimate. Planned like a Deployment of that many replicas, on the general-purpose pool or the first NodePool that takes untainted pods."
            onchange={setter(e, |p, v: bool| p.capacity.quick = v.then(QuickPods::default))} />
        if let Some(q) = &cap.quick {
            <div class="row">
                <NumberField path="capacity.quick.pods" label="Pods" value={Some(u64::from(q.pods))} min={0} max={100_000}
                    onchange={setter(e, |p, v: Option<u64>| if let (Some(q), Some(v)) = (p.capacity.quick.as_mut(), v) { q.pods = u32::try_from(v).unwrap_or(u32::MAX) })} />
                <TextField path="capacity.quick.cpu" label="CPU per pod" value={q.cpu.clone()} placeholder="500m"
                    onchange={setter(e, |p, v: String| if let Some(q) = p.capacity.quick.as_mut() { q.cpu = v })} />
                <TextField path="capacity.quick.memory" label="Memory per pod" value={q.memory.clone()} placeholder="1Gi"
                    onchange={setter(e, |p, v: String| if let Some(q) = p.capacity.quick.as_mut() { q.memory = v })} />
            </div>
        }
        <h3>{ "Deployments and StatefulSets" }</h3>
        <p class="intro">{ "Requests, not limits: Karpenter packs nodes by what pods request. Node selectors and tolerations decide which NodePool a workload lands on." }</p>
        { for cap.workloads.iter().enumerate().map(|(i, w)| workload_editor(e, i, nw, w, &w_move, &w_remove)) }
        <button type="button" id="f-capacity-workloads-add" onclick={add_workload}>{ "Add a workload" }</button>
        <h3>{ "DaemonSets" }</h3>
        <p class="intro">{ "One pod on every node: log shippers, monitoring and security agents. Their requests come off every node's capacity, and they rule out Fargate." }</p>
        { for cap.daemonsets.iter().enumerate().map(|(i, d)| {
            let base = format!("capacity.daemonsets[{i}]");
            html! {
                <fieldset class="item" key={format!("ds-{i}")} id={fid(&base)}>
                    <legend>{ format!("DaemonSet {}", d.name) }</legend>
                    <ItemHeader what={format!("DaemonSet {}", d.name)} index={i} len={nd} on_move={d_move.clone()} on_remove={d_remove.clone()} path={base.clone()} />
                    <TextField path={format!("{base}.name")} label="Name" value={d.name.clone()}
                        onchange={daemonset!(e, i, |d, v: String| d.name = v)} />
                    <div class="row">
                        <TextField path={format!("{base}.cpu")} label="CPU per pod" value={d.cpu.clone()} placeholder="100m"
                            onchange={daemonset!(e, i, |d, v: String| d.cpu = v)} />
                        <TextField path={format!("{base}.memory")} label="Memory per pod" value={d.memory.clone()} placeholder="128Mi"
                            onchange={daemonset!(e, i, |d, v: String| d.memory = v)} />
                    </div>
                    <CheckField path={format!("{base}.tolerate_all")} label="Runs on tainted nodes too" value={d.tolerate_all}
                        help="Agents usually tolerate every taint. When off, the DaemonSet skips tainted pools (system, GPU)."
                        onchange={daemonset!(e, i, |d, v: bool| d.tolerate_all = v)} />
                </fieldset>
            }
        }) }
        <button type="button" id="f-capacity-daemonsets-add" onclick={add_daemonset}>{ "Add a DaemonSet" }</button>
        <h3>{ "Load balancers" }</h3>
        <NumberField path="capacity.load_balancers" label="Load balancers" optional=true min={0} max={1000}
            value={cap.load_balancers.map(u64::from)}
            help="ALBs and NLBs the workloads create. Empty: one per IngressClass or NLB example the plan enables."
            onchange={setter(e, |p, v: Option<u64>| p.capacity.load_balancers = v.map(|n| u32::try_from(n).unwrap_or(u32::MAX)))} />
        <h3>{ "Several clusters" }</h3>
        <NumberField path="capacity.clusters" label="Clusters like this one" optional=true min={1} max={10_000}
            value={cap.clusters.map(u64::from)}
            help="Price a fleet of identical clusters: the cost view adds up all of them, control planes included. Empty: one."
            onchange={setter(e, |p, v: Option<u64>| p.capacity.clusters = v.map(|n| u32::try_from(n).unwrap_or(u32::MAX)))} />
        { prices_editor(e, &cap.prices) }
    </> };
    card(
        "capacity",
        "Workload and cost",
        "Describe what will run, and the cost panel shows what Auto Mode would launch for it, what that costs a month, and what managed node groups and Fargate would cost instead.",
        body,
    )
}

fn workload_editor(
    e: &Callback<Edit>,
    i: usize,
    n: usize,
    w: &Workload,
    on_move: &Callback<(usize, isize)>,
    on_remove: &Callback<usize>,
) -> Html {
    let base = format!("capacity.workloads[{i}]");
    let what = format!("workload {}", w.name);
    let archs: Vec<AttrValue> = w.architectures.iter().map(ser).collect();
    let add_toleration = e.reform(move |_: MouseEvent| {
        Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(w) = p.capacity.workloads.get_mut(i) {
                w.tolerations.push(Toleration {
                    key: "dedicated".into(),
                    operator: TolerationOperator::Equal,
                    value: Some("batch".into()),
                    effect: Some(TaintEffect::NoSchedule),
                });
            }
        }) as Edit
    });
    html! {
        <fieldset class="item" key={format!("w-{i}")} id={fid(&base)}>
            <legend>{ format!("{} {}", ser(&w.kind), w.name) }</legend>
            <ItemHeader what={what.clone()} index={i} len={n} on_move={on_move.clone()} on_remove={on_remove.clone()} path={base.clone()} />
            <div class="row">
                <TextField path={format!("{base}.name")} label="Name" value={w.name.clone()}
                    onchange={workload!(e, i, |w, v: String| w.name = v)} />
                <SelectField path={format!("{base}.kind")} label="Kind"
                    options={opts(&[("Deployment", "Deployment"), ("StatefulSet", "StatefulSet")])} value={ser(&w.kind)}
                    onchange={workload!(e, i, |w, v: String| if let Some(k) = de::<WorkloadKind>(&v) { w.kind = k })} />
            </div>
            <div class="row">
                <NumberField path={format!("{base}.replicas")} label="Replicas" value={Some(u64::from(w.replicas))} min={0} max={100_000}
                    onchange={workload!(e, i, |w, v: Option<u64>| if let Some(v) = v { w.replicas = u32::try_from(v).unwrap_or(u32::MAX) })} />
                <TextField path={format!("{base}.cpu")} label="CPU per pod" value={w.cpu.clone()} placeholder="500m"
                    onchange={workload!(e, i, |w, v: String| w.cpu = v)} />
                <TextField path={format!("{base}.memory")} label="Memory per pod" value={w.memory.clone()} placeholder="1Gi"
                    onchange={workload!(e, i, |w, v: String| w.memory = v)} />
                <NumberField path={format!("{base}.gpus")} label="GPUs per pod" value={Some(u64::from(w.gpus))} min={0} max={16}
                    onchange={workload!(e, i, |w, v: Option<u64>| if let Some(v) = v { w.gpus = u32::try_from(v).unwrap_or(u32::MAX) })} />
            </div>
            <ChecksField path={format!("{base}.architectures")} label="Image architectures"
                options={opts(&[("amd64", "amd64"), ("arm64", "arm64 (Graviton)")])} value={archs}
                help="None ticked means either. The general-purpose pool launches amd64 only."
                onchange={workload!(e, i, |w, v: Vec<String>| w.architectures = v.iter().filter_map(|s| de::<Arch>(s)).collect())} />
            <CheckField path={format!("{base}.spot")} label="Spot is acceptable" value={w.spot}
                help="The pods survive interruptions. Only NodePools that allow spot launch spot for them; prices are an estimate."
                onchange={workload!(e, i, |w, v: bool| w.spot = v)} />
            <CheckField path={format!("{base}.spread_zones")} label="Spread across zones" value={w.spread_zones}
                help="A topology spread constraint on the zone with max skew 1: nodes in each zone."
                onchange={workload!(e, i, |w, v: bool| w.spread_zones = v)} />
            <CheckField path={format!("{base}.one_per_node")} label="One pod per node" value={w.one_per_node}
                help="Required pod anti-affinity on the hostname: as many nodes as replicas."
                onchange={workload!(e, i, |w, v: bool| w.one_per_node = v)} />
            <CheckField path={format!("{base}.same_zone")} label="Keep in one zone" value={w.same_zone}
                help="Pod affinity on the zone, for chatty replicas or a zonal volume."
                onchange={workload!(e, i, |w, v: bool| w.same_zone = v)} />
            <MapField path={format!("{base}.node_selector")} label="Node selector" value={w.node_selector.clone()}
                help="Node labels the pods require, such as karpenter.sh/nodepool=gpu or karpenter.sh/capacity-type=spot."
                onchange={workload!(e, i, |w, v: std::collections::BTreeMap<String, String>| w.node_selector = v)} />
            <div class="subitems" id={fid(&format!("{base}.tolerations"))}>
                <span class="sublabel">{ "Tolerations" }</span>
                { for w.tolerations.iter().enumerate().map(|(j, t)| toleration_editor(e, i, j, t)) }
                <button type="button" onclick={add_toleration} aria-label={format!("Add a toleration to {what}")}>{ "Add a toleration" }</button>
            </div>
        </fieldset>
    }
}

fn toleration_editor(e: &Callback<Edit>, i: usize, j: usize, t: &Toleration) -> Html {
    let base = format!("capacity.workloads[{i}].tolerations[{j}]");
    let edit = move |f: fn(&mut Toleration, String)| {
        setter(e, move |p, v: String| {
            if let Some(t) = p
                .capacity
                .workloads
                .get_mut(i)
                .and_then(|w| w.tolerations.get_mut(j))
            {
                f(t, v);
            }
        })
    };
    let remove = e.reform(move |_: MouseEvent| {
        Rc::new(move |p: &mut eksplan_core::Plan| {
            if let Some(w) = p.capacity.workloads.get_mut(i)
                && j < w.tolerations.len()
            {
                w.tolerations.remove(j);
            }
        }) as Edit
    });
    let effect = t.effect.map(|x| ser(&x)).unwrap_or_default();
    html! {
        <div class="row toleration" id={fid(&base)} key={format!("t-{j}")}>
            <TextField path={format!("{base}.key")} label="Taint key" value={t.key.clone()}
                onchange={edit(|t, v| t.key = v)} />
            <SelectField path={format!("{base}.operator")} label="Operator"
                options={opts(&[("Equal", "Equal"), ("Exists", "Exists")])} value={ser(&t.operator)}
                onchange={edit(|t, v| if let Some(o) = de::<TolerationOperator>(&v) { t.operator = o })} />
            if t.operator == TolerationOperator::Equal {
                <TextField path={format!("{base}.value")} label="Value" value={t.value.clone().unwrap_or_default()}
                    onchange={edit(|t, v| t.value = (!v.is_empty()).then_some(v))} />
            }
            <SelectField path={format!("{base}.effect")} label="Effect"
                options={opts(&[("", "Any"), ("NoSchedule", "NoSchedule"), ("PreferNoSchedule", "PreferNoSchedule"), ("NoExecute", "NoExecute")])}
                value={effect}
                onchange={edit(|t, v| t.effect = de::<TaintEffect>(&v))} />
            <button type="button" class="danger" onclick={remove} aria-label={format!("Remove toleration {}", j + 1)} data-undo={format!("Removed toleration {}.", j + 1)}>{ "Remove" }</button>
        </div>
    }
}

/// A price field: empty means the default, shown as the placeholder.
fn rate(
    e: &Callback<Edit>,
    field: &'static str,
    label: &'static str,
    value: Option<f64>,
    default: f64,
    set: fn(&mut Prices, Option<f64>),
) -> Html {
    html! {
        <DecimalField path={format!("capacity.prices.{field}")} label={label} value={value}
            placeholder={format!("{default}")}
            onchange={setter(e, move |p, v: Option<f64>| set(&mut p.capacity.prices, v))} />
    }
}

fn prices_editor(e: &Callback<Edit>, prices: &Prices) -> Html {
    let d = PriceBook::new(&Prices::default());
    let open = !prices.is_default();
    let add = e.reform(|_: MouseEvent| {
        Rc::new(|p: &mut eksplan_core::Plan| {
            let taken: Vec<&str> = p
                .capacity
                .prices
                .instances
                .keys()
                .map(String::as_str)
                .collect();
            let name = fresh("m5.large", &taken);
            p.capacity
                .prices
                .instances
                .insert(name, InstancePrice::default());
        }) as Edit
    });
    html! {
        <details class="prices" id={fid("capacity.prices")} open={open}>
            <summary>{ "Prices" }</summary>
            <p class="help">{ "Instance prices default to the cluster region's on-demand prices: published for ten regions (us-east-1, us-east-2, us-west-2, eu-west-1, eu-central-1, eu-west-2, ap-southeast-1, ap-northeast-1, ap-southeast-2, ap-south-1), estimated elsewhere; the other rates are us-east-1 list prices. Enter your own (savings plans, discounts, other regions) and every figure follows. Empty fields keep the default shown." }</p>
            <div class="row">
                { rate(e, "fee_fraction", "Auto Mode fee (share of on-demand)", prices.fee_fraction, d.fee_fraction, |p, v| p.fee_fraction = v) }
                { rate(e, "spot_fraction", "Spot (share of on-demand)", prices.spot_fraction, d.spot_fraction, |p, v| p.spot_fraction = v) }
            </div>
            <div class="row">
                { rate(e, "cluster_hour", "EKS cluster $/h", prices.cluster_hour, d.cluster_hour, |p, v| p.cluster_hour = v) }
                { rate(e, "extended_support_hour", "Extended support $/h", prices.extended_support_hour, d.extended_support_hour, |p, v| p.extended_support_hour = v) }
                { rate(e, "ebs_gb_month", "EBS gp3 $/GB-month", prices.ebs_gb_month, d.ebs_gb_month, |p, v| p.ebs_gb_month = v) }
            </div>
            <div class="row">
                { rate(e, "nat_gateway_hour", "NAT gateway $/h", prices.nat_gateway_hour, d.nat_gateway_hour, |p, v| p.nat_gateway_hour = v) }
                { rate(e, "public_ipv4_hour", "Public IPv4 $/h", prices.public_ipv4_hour, d.public_ipv4_hour, |p, v| p.public_ipv4_hour = v) }
                { rate(e, "load_balancer_hour", "Load balancer $/h", prices.load_balancer_hour, d.load_balancer_hour, |p, v| p.load_balancer_hour = v) }
            </div>
            <div class="row">
                { rate(e, "vpc_endpoint_hour", "Interface endpoint $/h per AZ", prices.vpc_endpoint_hour, d.vpc_endpoint_hour, |p, v| p.vpc_endpoint_hour = v) }
                { rate(e, "fargate_vcpu_hour", "Fargate $/vCPU-hour", prices.fargate_vcpu_hour, d.fargate_vcpu_hour, |p, v| p.fargate_vcpu_hour = v) }
                { rate(e, "fargate_gb_hour", "Fargate $/GB-hour", prices.fargate_gb_hour, d.fargate_gb_hour, |p, v| p.fargate_gb_hour = v) }
            </div>
            <span class="sublabel">{ "Instance types" }</span>
            { for prices.instances.iter().map(|(name, price)| instance_price(e, name, price)) }
            <button type="button" onclick={add}>{ "Add an instance price" }</button>
        </details>
    }
}

fn instance_price(e: &Callback<Edit>, name: &str, price: &InstancePrice) -> Html {
    let base = format!("capacity.prices.instances[{name:?}]");
    let key = name.to_owned();
    let rename = {
        let key = key.clone();
        setter(e, move |p, v: String| {
            let map = &mut p.capacity.prices.instances;
            if v != key
                && !map.contains_key(&v)
                && let Some(x) = map.remove(&key)
            {
                map.insert(v, x);
            }
        })
    };
    let field = |label: &'static str,
                 id: &'static str,
                 value: Option<f64>,
                 set: fn(&mut InstancePrice, Option<f64>)| {
        let key = key.clone();
        html! {
            <DecimalField path={format!("{base}.{id}")} label={label} value={value} placeholder="catalog"
                onchange={setter(e, move |p, v: Option<f64>| if let Some(x) = p.capacity.prices.instances.get_mut(&key) { set(x, v) })} />
        }
    };
    let remove = {
        let key = key.clone();
        e.reform(move |_: MouseEvent| {
            let key = key.clone();
            Rc::new(move |p: &mut eksplan_core::Plan| {
                p.capacity.prices.instances.remove(&key);
            }) as Edit
        })
    };
    html! {
        <fieldset class="item" id={fid(&base)} key={key.clone()}>
            <legend>{ format!("Prices of {name}") }</legend>
            <div class="row">
                <TextField path={format!("{base}.name")} label="Instance type" value={name.to_owned()}
                    help="Applied when you leave the field. A type that already has prices keeps them."
                    commit=true onchange={rename} />
                { field("On-demand $/h", "on_demand", price.on_demand, |x, v| x.on_demand = v) }
                { field("Auto Mode fee $/h", "fee", price.fee, |x, v| x.fee = v) }
                { field("Spot $/h", "spot", price.spot, |x, v| x.spot = v) }
            </div>
            <button type="button" class="danger" onclick={remove} aria-label={format!("Remove the prices of {name}")} data-undo={format!("Removed the prices of {name}.")}>{ "Remove" }</button>
        </fieldset>
    }
}
