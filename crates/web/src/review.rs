//! The last wizard step: every choice in one table with whether it can
//! change once the cluster exists (like the console's quick configuration
//! summary), the monthly cost, the download, and the commands that apply
//! the bundle. The rows and the commands come from the core
//! (`eksplan_core::review`); this only lays them out. The monthly cost
//! comes from the on-demand module (`crates/extras`, see [`crate::lazy`]),
//! asked once the step is on screen, so the cost model stays out of the
//! page's own module.

use std::rc::Rc;

use eksplan_core::catalog::date::Date;
use eksplan_core::cost::report::format_money;
use eksplan_core::review;
use eksplan_core::{Bundle, Diagnostic, Plan};
use yew::prelude::*;

use crate::download;
use crate::output::download_zip;
use crate::state::{Action, Notice, OutputTab};
use wasm_bindgen::JsCast;

/// Properties of [`Review`].
#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    /// The plan.
    pub plan: Rc<Plan>,
    /// Its findings.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Its bundle, when it has no errors.
    pub bundle: Option<Rc<Bundle>>,
    /// Today (prices and support windows).
    pub today: Date,
    /// Send actions.
    pub dispatch: Callback<Action>,
}

/// The review's monthly cost figure.
#[derive(Clone, Debug, PartialEq)]
enum Monthly {
    /// Being worked out (the cost model may still be on its way).
    Working,
    /// Auto Mode's monthly total, and the pods it places.
    Ready(f64, u64),
    /// The cost model could not be loaded or run.
    Failed(String),
}

/// Auto Mode's monthly total and the pods placed, from a cost report in
/// the JSON `eksplan cost --json` writes.
fn monthly_from_report(json: &str) -> Result<(f64, u64), String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("the cost report: {e}"))?;
    let total = value
        .pointer("/auto_mode/total")
        .and_then(serde_json::Value::as_f64)
        .ok_or_else(|| "the cost report has no Auto Mode total".to_owned())?;
    let pods = value
        .pointer("/fleet/pods")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    Ok((total, pods))
}

/// The cost report for `plan`: from the on-demand module.
#[cfg(not(feature = "inline-extras"))]
async fn monthly_cost(plan: Rc<Plan>, today: Date) -> Result<(f64, u64), String> {
    let plan = eksplan_core::textfmt::json(&*plan)?;
    let input = format!("{{\"plan\":{plan},\"today\":\"{today}\"}}");
    monthly_from_report(&crate::lazy::call("cost-report", &input).await?)
}

/// The cost report for `plan`: in place (the component tests and the
/// offline file).
#[cfg(feature = "inline-extras")]
async fn monthly_cost(plan: Rc<Plan>, today: Date) -> Result<(f64, u64), String> {
    let options = eksplan_core::Options { today: Some(today) };
    let report = eksplan_core::cost::estimate(&plan, &eksplan_core::resolve(&plan), &options);
    monthly_from_report(&eksplan_core::textfmt::json(&report)?)
}

/// The monthly cost of `plan` once the step is on screen (after the first
/// render, so a prerendered page and its hydration agree), again after
/// every change; `None` while the plan has errors.
#[hook]
fn use_monthly(plan: &Rc<Plan>, today: Date, errors: bool) -> Option<Monthly> {
    let monthly = use_state(|| Monthly::Working);
    let asked = use_mut_ref(|| 0u64);
    {
        let monthly = monthly.clone();
        use_effect_with(
            (plan.clone(), today, errors),
            move |(plan, today, errors)| {
                *asked.borrow_mut() += 1;
                if !*errors {
                    let this = *asked.borrow();
                    let (plan, today) = (plan.clone(), *today);
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = monthly_cost(plan, today).await;
                        // A later plan's figure wins over this one's.
                        if *asked.borrow() == this {
                            monthly.set(match result {
                                Ok((total, pods)) => Monthly::Ready(total, pods),
                                Err(e) => Monthly::Failed(e),
                            });
                        }
                    });
                }
            },
        );
    }
    (!errors).then(|| (*monthly).clone())
}

/// The table of every choice: from the on-demand module (`review-table`,
/// [`crate::entries::review_table`]).
#[derive(Clone, Debug, PartialEq)]
enum Table {
    /// On its way (the module may still be loading).
    Loading,
    /// The table, as HTML.
    Ready(AttrValue),
    /// It could not be made here, and why.
    Failed(String),
}

/// The table for `plan`, asked after the first render (so a prerendered
/// page and its hydration agree) and again after every change, the latest
/// answer winning.
#[hook]
fn use_table(plan: &Rc<Plan>) -> Table {
    let table = use_state(|| Table::Loading);
    let asked = use_mut_ref(|| 0u64);
    {
        let table = table.clone();
        use_effect_with(plan.clone(), move |plan| {
            *asked.borrow_mut() += 1;
            let this = *asked.borrow();
            let input = crate::entries::review_input(plan);
            wasm_bindgen_futures::spawn_local(async move {
                let result = match input {
                    Ok(input) => crate::lazy::ask("review-table", input).await,
                    Err(e) => Err(e),
                };
                if *asked.borrow() == this {
                    table.set(match result {
                        Ok(html) => Table::Ready(AttrValue::from(html)),
                        Err(e) => Table::Failed(e),
                    });
                }
            });
        });
    }
    (*table).clone()
}

/// Review and download.
#[component]
pub fn Review(p: &ReviewProps) -> Html {
    let table = use_table(&p.plan);
    let steps = use_memo(p.bundle.clone(), |b| {
        b.as_ref()
            .map(|b| review::apply_steps(b))
            .unwrap_or_default()
    });
    let errors: Vec<&Diagnostic> = p.diagnostics.iter().filter(|d| d.is_error()).collect();
    let monthly = use_monthly(&p.plan, p.today, !errors.is_empty());
    let cluster = p.plan.cluster.name.clone();
    let download = p.bundle.clone().map(|bundle| {
        let dispatch = p.dispatch.clone();
        let cluster = cluster.clone();
        Callback::from(move |_: MouseEvent| download_zip(&bundle, &cluster, &dispatch))
    });
    let copy_all = {
        let text: String = steps
            .iter()
            .flat_map(|s| s.commands.iter())
            .map(|c| format!("{c}\n"))
            .collect();
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            download::copy(&text);
            dispatch.emit(Action::Notify(Notice::info(
                "Copied the commands to the clipboard.",
            )));
        })
    };
    let show_cost = p
        .dispatch
        .reform(|_: MouseEvent| Action::ShowOutput(OutputTab::Cost));
    // One listener for every row's "change it" button.
    let on_row = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            let path = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("button[data-path]").ok().flatten())
                .and_then(|b| b.get_attribute("data-path"));
            if let Some(path) = path {
                dispatch.emit(Action::Focus(path));
            }
        })
    };
    html! {
        <section class="card review" aria-labelledby="review-title">
            <h2 id="review-title" tabindex="-1">{ "Review and download" }</h2>
            if errors.is_empty() {
                <p class="ready">{ "The plan has no errors: the bundle is ready." }</p>
            } else {
                <div class="review-errors" role="alert">
                    <p class="stale">{ format!("{} error{} to fix before the bundle can be downloaded:", errors.len(), if errors.len() == 1 { "" } else { "s" }) }</p>
                    <ul>
                        { for errors.iter().map(|d| {
                            let path = d.path.clone();
                            let onclick = p.dispatch.reform(move |_: MouseEvent| Action::Focus(path.clone()));
                            html! { <li><button type="button" class="link" {onclick}>{ d.path.clone() }</button>{ format!(": {}", d.message) }</li> }
                        }) }
                    </ul>
                </div>
            }
            <div class="review-download">
                <button type="button" class="primary big" id="review-download" onclick={download.clone()}
                    disabled={download.is_none() || !errors.is_empty()} aria-describedby="review-download-note">
                    { "Download bundle (.zip)" }
                </button>
                <p class="help" id="review-download-note">
                    { format!("{cluster}.zip: Terraform, Kubernetes manifests, a README with every decision, and plan.yaml to regenerate it (in the browser or with eksplan generate).") }
                </p>
            </div>
            <h3>{ "Monthly cost" }</h3>
            {
                match monthly {
                    Some(Monthly::Ready(total, pods)) => html! {
                        <p class="review-cost">
                            <strong>{ format!("{} a month on Auto Mode", format_money(total)) }</strong>
                            { if pods > 0 { format!(" for the {pods} pods in Workload and cost") } else { " before any workload (control plane, NAT gateways, load balancers)".to_owned() } }
                            { ", at us-east-1 on-demand prices. " }
                            <button type="button" class="link" onclick={show_cost}>{ "See the comparison with managed node groups and Fargate" }</button>
                        </p>
                    },
                    Some(Monthly::Working) => html! {
                        <p class="review-cost" role="status">{ "Working out the monthly cost (the cost model is a second file from this site; nothing is sent)…" }</p>
                    },
                    Some(Monthly::Failed(e)) => html! {
                        <p class="review-cost stale" role="alert">{ format!("The monthly cost could not be worked out: {e}. The files are not affected.") }</p>
                    },
                    None => html! {
                        <p class="review-cost">{ "Fix the errors to see what the plan costs a month." }</p>
                    },
                }
            }
            <h3>{ "Apply" }</h3>
            if steps.is_empty() {
                <p>{ "The commands appear once the plan has no errors." }</p>
            } else {
                <ol class="apply-steps">
                    { for steps.iter().map(|s| html! {
                        <li>
                            <span class="step-title">{ s.title.clone() }</span>
                            <pre class="code"><code>{ s.commands.join("\n") }</code></pre>
                        </li>
                    }) }
                </ol>
                <p><button type="button" onclick={copy_all}>{ "Copy the commands" }</button>{ " The bundle's README says the same, with how to verify and tear down." }</p>
            }
            <h3 id="choices-title">{ "Every choice" }</h3>
            {
                match table {
                    Table::Ready(html) => html! {
                        <div class="table-scroll" onclick={on_row}>
                            { Html::from_html_unchecked(html) }
                        </div>
                    },
                    Table::Loading => html! {
                        <p class="lazy-status" role="status">{ "Loading the table of every choice (a second file from this site; nothing is sent)…" }</p>
                    },
                    Table::Failed(e) => html! {
                        <p class="stale" role="alert">{ format!("The table of every choice could not be made: {e}. Reload the page to try again; the files are not affected.") }</p>
                    },
                }
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_monthly_figure_is_read_from_the_cost_report() {
        let plan = eksplan_core::presets::find("production")
            .and_then(|p| p.plan().ok())
            .unwrap_or_default();
        let options = eksplan_core::Options { today: None };
        let report = eksplan_core::cost::estimate(&plan, &eksplan_core::resolve(&plan), &options);
        let json = eksplan_core::textfmt::json(&report).unwrap_or_default();
        assert_eq!(
            monthly_from_report(&json),
            Ok((report.auto_mode.total, report.fleet.pods))
        );
        assert!(report.auto_mode.total > 0.0);
        assert!(monthly_from_report("{}").is_err());
        assert!(monthly_from_report("{").is_err());
    }
}
