//! The last wizard step: every choice in one table with whether it can
//! change once the cluster exists (like the console's quick configuration
//! summary), the monthly cost, the download, and the commands that apply
//! the bundle. The rows and the commands come from the core
//! (`eksplan_core::review`); this only lays them out.

use std::rc::Rc;

use eksplan_core::cost::report::format_money;
use eksplan_core::review::{self, Later};
use eksplan_core::{Bundle, Diagnostic, Plan};
use yew::prelude::*;

use crate::cost::CostView;
use crate::download;
use crate::highlight::escape_html;
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
    /// The cost plan (the last one computed).
    pub cost: Option<Rc<CostView>>,
    /// The cost plan is waiting for typing to pause.
    #[prop_or_default]
    pub cost_updating: bool,
    /// Send actions.
    pub dispatch: Callback<Action>,
}

/// The table, its rows grouped by section, as HTML (every value escaped):
/// one string rather than an element tree keeps this large, static table
/// small in the page's code. (The whole table: rows alone would not parse
/// outside one.)
fn rows_html(rows: &[review::Choice]) -> String {
    let esc = |s: &str| {
        let mut out = String::with_capacity(s.len());
        escape_html(&mut out, s);
        out
    };
    let mut out = String::from(
        "<table class=\"review-table\" aria-labelledby=\"choices-title\"><thead><tr>\
         <th scope=\"col\">Setting</th><th scope=\"col\">Choice</th>\
         <th scope=\"col\">Can change after creation?</th></tr></thead>",
    );
    let mut section = "";
    for r in rows {
        if r.section != section {
            if !section.is_empty() {
                out.push_str("</tbody>");
            }
            section = r.section;
            out.push_str(&format!(
                "<tbody><tr class=\"group\"><th scope=\"colgroup\" colspan=\"3\">{}</th></tr>",
                esc(section)
            ));
        }
        let note = if r.note.is_empty() {
            String::new()
        } else {
            format!("<span class=\"note\"> {}</span>", esc(r.note))
        };
        out.push_str(&format!(
            "<tr><th scope=\"row\"><button type=\"button\" class=\"link plain\" data-path=\"{}\" title=\"Change it\">{}</button></th><td class=\"value\">{}</td><td class=\"{}\"><strong>{}</strong>{note}</td></tr>",
            esc(&r.path),
            esc(&r.label),
            esc(&r.value),
            later_class(r.later),
            r.later.label(),
        ));
    }
    if !section.is_empty() {
        out.push_str("</tbody>");
    }
    out.push_str("</table>");
    out
}

fn later_class(l: Later) -> &'static str {
    match l {
        Later::Yes => "later-yes",
        Later::No => "later-no",
        _ => "later-partly",
    }
}

/// Review and download.
#[component]
pub fn Review(p: &ReviewProps) -> Html {
    let rows = use_memo(p.plan.clone(), |plan| review::choices(plan));
    let steps = use_memo(p.bundle.clone(), |b| {
        b.as_ref()
            .map(|b| review::apply_steps(b))
            .unwrap_or_default()
    });
    let errors: Vec<&Diagnostic> = p.diagnostics.iter().filter(|d| d.is_error()).collect();
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
    let monthly = p.cost.as_ref().map(|c| {
        let a = &c.report.auto_mode;
        (format_money(a.total), c.report.fleet.pods)
    });
    let body = use_memo(rows.clone(), |rows| rows_html(rows));
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
            if let Some((total, pods)) = monthly {
                <p class="review-cost">
                    <strong>{ format!("{total} a month on Auto Mode") }</strong>
                    { if pods > 0 { format!(" for the {pods} pods in Workload and cost") } else { " before any workload (control plane, NAT gateways, load balancers)".to_owned() } }
                    { ", at us-east-1 on-demand prices. " }
                    if p.cost_updating { <span class="updating">{ "Updating when you pause typing. " }</span> }
                    <button type="button" class="link" onclick={show_cost}>{ "See the comparison with managed node groups and Fargate" }</button>
                </p>
            } else {
                <p class="review-cost">{ "Fix the errors to see what the plan costs a month." }</p>
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
            <div class="table-scroll" onclick={on_row}>
                { Html::from_html_unchecked(AttrValue::from((*body).clone())) }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_escaped_and_grouped() {
        let mut plan = Plan::default();
        plan.cluster.tags.insert("a".into(), "<b>\"x\"".into());
        let html = rows_html(&review::choices(&plan));
        assert!(html.contains("&lt;b&gt;&quot;x&quot;"), "{html}");
        assert!(!html.contains("<b>"));
        assert_eq!(
            html.matches("<tbody>").count(),
            html.matches("</tbody>").count()
        );
        assert!(html.contains("data-path=\"cluster.name\""));
    }
}
