//! "Your cluster as it runs" (issue 12) in the "I have a cluster" view:
//! what `eksplan cost --from-cluster DIR` prints for the same files,
//! computed by the same core function
//! ([`eksplan_core::cost::cluster::cluster_cost`], on a default plan as the
//! CLI without a plan) and only laid out here: today's fleet and its
//! monthly cost, Auto Mode's fleet for the same pods with the fee, the same
//! pods on right-sized managed node groups and on Fargate, the difference
//! in money and in nodes, and the `CI` findings.

use eksplan_core::Options;
use eksplan_core::cost::cluster::{self, Alternative, ClusterCost, Today};
use eksplan_core::cost::money::{format_signed_money, plural};
use eksplan_core::cost::report::format_money;
use eksplan_core::kube::Objects;
use eksplan_core::plan::Plan;
use yew::prelude::*;

/// The cost of the imported nodes and pods, as `eksplan cost
/// --from-cluster` computes it; `None` when neither was imported.
pub fn assess(objects: &Objects, options: &Options) -> Option<ClusterCost> {
    if objects.nodes.is_empty() && objects.pods.is_empty() {
        return None;
    }
    Some(cluster::cluster_cost(&Plan::default(), objects, options))
}

fn today_view(t: &Today) -> Html {
    html! {
        <>
            <p id="cluster-cost-today">{ format!(
                "Today: {} in {}, {} a month (EC2 {}, Auto Mode fee {}). The pods request {:.0}% of the nodes' CPU and {:.0}% of their memory.",
                plural(t.nodes, "node"),
                t.region.as_deref().unwrap_or("an unknown region"),
                format_money(t.monthly),
                format_money(t.ec2_monthly),
                format_money(t.fee_monthly),
                t.used_cpu_fraction * 100.0,
                t.used_memory_fraction * 100.0,
            ) }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Today's nodes">
                <table id="cluster-cost-groups">
                    <caption>{ "Today's nodes, equal ones grouped" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Nodes" }</th>
                        <th scope="col">{ "Type" }</th>
                        <th scope="col">{ "Launched by" }</th>
                        <th scope="col">{ "Per month" }</th>
                    </tr></thead>
                    <tbody>
                        { for t.groups.iter().map(|g| html! {
                            <tr>
                                <td>{ g.count }</td>
                                <td><code>{ g.instance_type.clone() }</code>{ format!(" {}", g.capacity_type) }</td>
                                <td>{ g.origin.clone() }</td>
                                <td>{
                                    if g.hourly.is_none() && g.instance_type != "fargate" {
                                        "no price: left out".to_owned()
                                    } else if g.estimate {
                                        format!("{} (estimate)", format_money(g.monthly))
                                    } else {
                                        format_money(g.monthly)
                                    }
                                }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

fn alternative_row(a: &Alternative) -> Html {
    let runs = if a.name == "Fargate" {
        if a.possible {
            format!("{} (one per pod)", plural(a.nodes, "pod"))
        } else {
            "cannot run every pod".to_owned()
        }
    } else {
        plural(a.nodes, "node")
    };
    let cost = if !a.possible {
        format!(
            "{} (only the pods it can run)",
            format_money(a.compute_monthly)
        )
    } else if a.fee_monthly > 0.0 {
        format!(
            "{} (fee {})",
            format_money(a.compute_monthly),
            format_money(a.fee_monthly)
        )
    } else {
        format_money(a.compute_monthly)
    };
    let against = match (a.difference_monthly, a.difference_nodes) {
        (Some(d), Some(n)) => format!("{} a month, {n:+} nodes", format_signed_money(d)),
        _ => "—".to_owned(),
    };
    html! {
        <tr>
            <th scope="row">{ a.name.clone() }</th>
            <td>{ runs }</td>
            <td>{ cost }</td>
            <td>{ against }</td>
        </tr>
    }
}

/// Properties of [`ClusterCostView`].
#[derive(Properties, PartialEq)]
pub struct ClusterCostProps {
    /// What `cluster_cost` computed for the imported files.
    pub cost: std::rc::Rc<ClusterCost>,
}

/// Today's fleet against the same pods on Auto Mode, managed node groups
/// and Fargate.
#[component]
pub fn ClusterCostView(p: &ClusterCostProps) -> Html {
    let c = &*p.cost;
    html! {
        <section class="cluster-cost" aria-labelledby="cluster-cost-title">
            <h3 id="cluster-cost-title">{ "Your cluster as it runs: cost" }</h3>
            <p id="cluster-cost-statement" role="status">{ c.statement.clone() }</p>
            if let Some(t) = &c.today {
                { today_view(t) }
            }
            if let Some(r) = &c.report {
                <p>{ format!(
                    "The same {} ({} and {}{}), {}",
                    plural(c.imported.pods, "pod"),
                    plural(c.imported.workloads.len() as u64, "workload"),
                    plural(c.imported.daemonsets.len() as u64, "DaemonSet"),
                    if c.imported.finished > 0 {
                        format!(", {} left out", plural(c.imported.finished, "finished pod"))
                    } else {
                        String::new()
                    },
                    r.prices,
                ) }</p>
                <div class="table-scroll" tabindex="0" role="region" aria-label="The same pods, three ways">
                    <table id="cluster-cost-options">
                        <caption>{ "The same pods, nodes only (EC2, fees, Fargate pods), a month" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Option" }</th>
                            <th scope="col">{ "Runs on" }</th>
                            <th scope="col">{ "Per month" }</th>
                            <th scope="col">{ "Against today" }</th>
                        </tr></thead>
                        <tbody>{ for c.alternatives.iter().map(alternative_row) }</tbody>
                    </table>
                </div>
                <p id="cluster-cost-fleet">{ format!("Auto Mode would launch {}.", if r.fleet.summary.is_empty() { "no nodes" } else { r.fleet.summary.as_str() }) }</p>
                <ul class="cluster-cost-notes">
                    { for c.alternatives.iter().flat_map(|a| a.caveats.iter().map(move |n| html! {
                        <li>{ format!("{}: {n}", a.name) }</li>
                    })) }
                    { for r.pending.iter().map(|p| html! {
                        <li>{ format!("{} of {} pending: {}", plural(u64::from(p.count), "pod"), p.workload, p.reason) }</li>
                    }) }
                </ul>
            }
            if !c.findings.is_empty() {
                <ul class="findings">{ for c.findings.iter().map(super::finding) }</ul>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_imported_is_no_cost_and_the_figures_are_the_cores() {
        let options = Options::default();
        assert!(assess(&Objects::default(), &options).is_none());
        let read = eksplan_core::kube::read_json(include_str!(
            "../../../../tests/fixtures/cost/cluster/nodes.json"
        ));
        let c = assess(&read.objects, &options).expect("nodes alone");
        assert_eq!(
            c,
            cluster::cluster_cost(&Plan::default(), &read.objects, &options)
        );
        assert!(c.today.is_some() && c.alternatives.is_empty());
        assert_eq!(format_signed_money(-3.5), "-$3.50");
    }
}
