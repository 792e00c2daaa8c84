//! Finding one's way: the header's actions (folded into a menu on a
//! phone), the wizard's steps (a compact menu on a phone), and, in "All
//! options", a section menu and a field search.

use std::rc::Rc;

use eksplan_core::plan::{Format, Plan};
use eksplan_core::presets::{self, PRESETS};
use eksplan_core::{Diagnostic, Severity};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::download;
use crate::persist;
use crate::recent::RecentPlans;
use crate::state::{Action, Focus, Menu, Notice, Step, View};

fn preset_plan(name: &str) -> Option<Plan> {
    presets::find(name).and_then(|p| p.plan().ok())
}

/// Guided or all options.
pub fn view_switch(view: View, dispatch: &Callback<Action>) -> Html {
    let in_wizard = matches!(view, View::Wizard(_));
    let to_wizard = dispatch.reform(|_: MouseEvent| Action::SetView(View::Wizard(Step::Basics)));
    let to_editor = dispatch.reform(|_: MouseEvent| Action::SetView(View::Editor));
    html! {
        <div class="switch" role="group" aria-label="How to edit the plan">
            <button type="button" aria-pressed={in_wizard.to_string()} onclick={to_wizard}>{ "Guided" }</button>
            <button type="button" aria-pressed={(!in_wizard).to_string()} onclick={to_editor}>{ "All options" }</button>
        </div>
    }
}

/// What [`header`] shows.
pub struct HeaderProps {
    /// The plan.
    pub plan: Rc<Plan>,
    /// Wizard or editor.
    pub view: View,
    /// Send actions.
    pub dispatch: Callback<Action>,
    /// The documentation site.
    pub docs_base: Option<AttrValue>,
    /// The recent plans' storage key (none: no recent plans).
    pub recent_key: Option<AttrValue>,
    /// Changes when the planner keeps a plan in the recent list itself.
    pub recent_generation: u64,
    /// The plan the planner starts with, for Reset.
    pub start: Rc<Plan>,
    /// What that plan is ("the defaults", "the gpu preset").
    pub start_name: AttrValue,
    /// The actions are shown (on a phone they fold into a menu).
    pub open: bool,
}

/// The title, the actions (presets, views, import, downloads, share,
/// recent plans, reset) and the privacy line.
pub fn header(p: &HeaderProps) -> Html {
    let open = p.open;
    let dispatch = &p.dispatch;
    let plan = p.plan.clone();
    let on_preset = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let name = select.value();
            select.set_value("");
            if let Some(p) = preset_plan(&name) {
                dispatch.emit(Action::Replace(
                    Rc::new(p),
                    format!("Started from the {name} preset."),
                ));
            }
        })
    };
    let on_import = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name();
            let dispatch = dispatch.clone();
            let reader =
                gloo::file::callbacks::read_as_text(&gloo::file::Blob::from(file), move |res| {
                    let action = match res {
                        Err(e) => Action::Notify(Notice::error(format!(
                            "{name} could not be read: {e}. Your plan is unchanged."
                        ))),
                        Ok(text) => match Plan::parse_all(&text, Format::from_file_name(&name)) {
                            Ok(p) => Action::Replace(Rc::new(p), format!("Imported {name}.")),
                            Err(errors) => {
                                let all: Vec<String> =
                                    errors.errors().iter().map(|e| e.to_string()).collect();
                                Action::Notify(Notice::error(format!(
                                    "{name} is not a valid plan ({}). Your plan is unchanged.",
                                    all.join("; ")
                                )))
                            }
                        },
                    };
                    dispatch.emit(action);
                });
            // The read completes asynchronously; keep the reader alive until then.
            std::mem::forget(reader);
        })
    };
    let on_save = {
        let plan = plan.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let result = plan.to_yaml().map_err(|e| e.to_string()).and_then(|y| {
                download::save(
                    &format!("{}.plan.yaml", plan.cluster.name),
                    "application/yaml",
                    y.as_bytes(),
                )
            });
            if let Err(e) = result {
                dispatch.emit(Action::Notify(Notice::error(format!(
                    "The download failed: {e}"
                ))));
            }
        })
    };
    let on_share = {
        let plan = plan.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let url = persist::share_url(&plan);
            download::copy(&url);
            dispatch.emit(Action::Notify(Notice {
                error: false,
                text: "Share link copied. The whole plan is in the link; nothing is uploaded."
                    .into(),
                detail: Some(url),
                undo: false,
            }));
        })
    };
    let on_reset = {
        let start = p.start.clone();
        let name = p.start_name.clone();
        dispatch.reform(move |_: MouseEvent| {
            Action::Replace(start.clone(), format!("The plan was reset to {name}."))
        })
    };
    let toggle = dispatch.reform(|_: MouseEvent| Action::ToggleMenu(Menu::Actions));
    html! {
        <header class="top">
            <h1>{ "EKS Auto Mode Planner" }</h1>
            <button type="button" class="menu-toggle actions-toggle" aria-expanded={open.to_string()} aria-controls="planner-actions" onclick={toggle}>
                { "Menu" }
            </button>
            <div class={classes!("actions", open.then_some("open"))} id="planner-actions">
                <label class="visually-hidden" for="preset">{ "Start from a preset" }</label>
                <select id="preset" onchange={on_preset}>
                    <option value="" selected=true>{ "Start from a preset…" }</option>
                    { for PRESETS.iter().map(|p| html! { <option value={p.name} title={p.summary}>{ p.name }</option> }) }
                </select>
                { view_switch(p.view, dispatch) }
                <label class="button" for="import-plan">{ "Import plan" }</label>
                <input id="import-plan" class="visually-hidden" type="file" accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml" onchange={on_import} />
                <button type="button" onclick={on_save}>{ "Download plan" }</button>
                <button type="button" onclick={on_share} id="share">{ "Copy share link" }</button>
                if let Some(key) = &p.recent_key {
                    <RecentPlans key_name={key.clone()} plan={p.plan.clone()} dispatch={dispatch.clone()} generation={p.recent_generation} />
                }
                <button type="button" onclick={on_reset} id="reset">{ "Reset" }</button>
            </div>
            <p class="privacy">
                { "Everything runs in your browser. Nothing you type is sent anywhere." }
                if let Some(base) = &p.docs_base {
                    { " " }<a href={format!("{}/index.html", base.trim_end_matches('/'))}>{ "Documentation" }</a>
                }
            </p>
        </header>
    }
}

/// The wizard's steps, each with its errors to fix; on a phone, one button
/// ("Step 2 of 7: Network") that opens the list (`open`).
pub fn steps_nav(
    step: Step,
    diagnostics: &[Diagnostic],
    open: bool,
    dispatch: &Callback<Action>,
) -> Html {
    let errors_in = |target: Step| {
        diagnostics
            .iter()
            .filter(|d| d.is_error() && Step::for_path(&d.path) == target)
            .count()
    };
    let position = Step::ALL.iter().position(|s| *s == step).unwrap_or(0);
    let total: usize = diagnostics.iter().filter(|d| d.is_error()).count();
    let toggle = dispatch.reform(|_: MouseEvent| Action::ToggleMenu(Menu::Steps));
    let steps = Step::ALL.iter().enumerate().map(|(i, s)| {
        let current = *s == step;
        let target = *s;
        let errors = errors_in(target);
        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetView(View::Wizard(target)));
        html! {
            <li>
                <button type="button" class={classes!("step", current.then_some("current"))} aria-current={current.then_some("step")} {onclick}>
                    <span class="num">{ i + 1 }</span>{ s.title() }
                    if errors > 0 { <span class="step-errors">{ format!(" ({errors} to fix)") }</span> }
                </button>
            </li>
        }
    });
    html! {
        <nav aria-label="Steps" class="steps-nav">
            <button type="button" class="menu-toggle steps-toggle" aria-expanded={open.to_string()} aria-controls="steps-list" onclick={toggle}>
                { format!("Step {} of {}: {}", position + 1, Step::ALL.len(), step.title()) }
                if total > 0 { <span class="step-errors">{ format!(" · {total} to fix") }</span> }
            </button>
            <ol class={classes!("steps", open.then_some("open"))} id="steps-list">{ for steps }</ol>
        </nav>
    }
}

/// The sections of "All options": (card id, title).
pub const SECTIONS: &[(&str, &str)] = &[
    ("cluster", "Cluster"),
    ("network", "Network"),
    ("access", "Access"),
    ("compute", "Compute"),
    ("storage", "Storage"),
    ("load_balancing", "Load balancing"),
    ("pod_identity", "Pod Identity"),
    ("sample_workload", "Sample workload"),
    ("capacity", "Workload and cost"),
];

/// The section of "All options" that holds a field path.
pub fn section_of(path: &str) -> &'static str {
    let root = path.split(['.', '[']).next().unwrap_or_default();
    match root {
        "network" => "network",
        "access" => "access",
        "auto_mode" if path.contains("authentication_mode") => "access",
        "auto_mode" | "node_pools" | "node_classes" => "compute",
        "storage" => "storage",
        "load_balancing" => "load_balancing",
        "pod_identity" => "pod_identity",
        "sample_workload" => "sample_workload",
        "capacity" => "capacity",
        _ => "cluster",
    }
}

/// Links to each section of "All options" (each with its errors), and
/// the field search.
pub fn section_menu(diagnostics: &[Diagnostic], dispatch: &Callback<Action>) -> Html {
    struct P<'a> {
        diagnostics: &'a [Diagnostic],
        dispatch: &'a Callback<Action>,
    }
    let p = P {
        diagnostics,
        dispatch,
    };
    html! {
        <nav class="section-menu" aria-label="Sections">
            <ul>
                { for SECTIONS.iter().map(|(id, title)| {
                    let errors = p.diagnostics.iter()
                        .filter(|d| d.severity == Severity::Error && section_of(&d.path) == *id)
                        .count();
                    let target = format!("{id}-title");
                    let onclick = p.dispatch.reform(move |_: MouseEvent| Action::FocusOn(Focus::Element(target.clone())));
                    html! {
                        <li><button type="button" class="link plain" {onclick}>
                            { *title }
                            if errors > 0 { <span class="step-errors">{ format!(" ({errors})") }<span class="visually-hidden">{ " to fix" }</span></span> }
                        </button></li>
                    }
                }) }
            </ul>
            <FieldSearch dispatch={p.dispatch.clone()} />
        </nav>
    }
}

/// A field found by the search.
#[derive(Clone, Debug, PartialEq)]
struct Hit {
    /// The control's element id.
    id: String,
    /// Its label.
    label: String,
    /// Its section's title.
    section: String,
}

/// Every labelled control in the planner around `from`, matching all the
/// words of `query` in its label, help text or id.
fn search(from: &web_sys::Element, query: &str) -> Vec<Hit> {
    let words: Vec<String> = query
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let Some(root) = from.closest(".planner").ok().flatten() else {
        return Vec::new();
    };
    let Ok(labels) =
        root.query_selector_all("main.form label[for], main.form fieldset[id] > legend")
    else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for i in 0..labels.length() {
        let Some(el) = labels
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let id = if el.tag_name() == "LEGEND" {
            el.parent_element().map(|f| f.id()).unwrap_or_default()
        } else {
            el.get_attribute("for").unwrap_or_default()
        };
        if id.is_empty() {
            continue;
        }
        let label = el.text_content().unwrap_or_default();
        let help = root
            .query_selector(&format!("#{id}-help"))
            .ok()
            .flatten()
            .and_then(|h| h.text_content())
            .unwrap_or_default();
        let haystack =
            format!("{label} {help} {}", id.replace(['-', '_'], " ")).to_ascii_lowercase();
        if words.iter().all(|w| haystack.contains(w.as_str())) {
            let section = el
                .closest("section.card")
                .ok()
                .flatten()
                .and_then(|s| s.query_selector("h2").ok().flatten())
                .and_then(|h| h.text_content())
                .unwrap_or_default();
            hits.push(Hit { id, label, section });
        }
        if hits.len() >= 12 {
            break;
        }
    }
    hits
}

/// Properties of [`FieldSearch`].
#[derive(Properties, PartialEq)]
pub struct FieldSearchProps {
    /// Send actions.
    pub dispatch: Callback<Action>,
}

/// "Find a field": a combobox over every control's label and help; Enter
/// or a click takes focus to the field.
#[component]
pub fn FieldSearch(p: &FieldSearchProps) -> Html {
    let hits = use_state(Vec::<Hit>::new);
    let active = use_state(|| 0usize);
    let query = use_state(String::new);
    let choose = {
        let dispatch = p.dispatch.clone();
        let (hits, query) = (hits.clone(), query.clone());
        Callback::from(move |id: String| {
            hits.set(Vec::new());
            query.set(String::new());
            dispatch.emit(Action::FocusOn(Focus::Element(id)));
        })
    };
    let oninput = {
        let (hits, active, query) = (hits.clone(), active.clone(), query.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let q = input.value();
            hits.set(search(&input, &q));
            active.set(0);
            query.set(q);
        })
    };
    let onkeydown = {
        let (hits, active, choose) = (hits.clone(), active.clone(), choose.clone());
        let query = query.clone();
        Callback::from(move |e: KeyboardEvent| {
            let n = hits.len();
            match e.key().as_str() {
                "ArrowDown" if n > 0 => {
                    e.prevent_default();
                    active.set((*active + 1) % n);
                }
                "ArrowUp" if n > 0 => {
                    e.prevent_default();
                    active.set((*active + n - 1) % n);
                }
                "Enter" => {
                    e.prevent_default();
                    if let Some(h) = hits.get(*active) {
                        choose.emit(h.id.clone());
                    }
                }
                "Escape" => {
                    hits.set(Vec::new());
                    query.set(String::new());
                }
                _ => {}
            }
        })
    };
    let expanded = !hits.is_empty();
    let none = !query.trim().is_empty() && hits.is_empty();
    html! {
        <div class="field-search">
            <label for="field-search">{ "Find a field" }</label>
            <input id="field-search" type="search" role="combobox" autocomplete="off" spellcheck="false"
                placeholder="retention, spot, KMS…" value={(*query).clone()} {oninput} {onkeydown}
                aria-expanded={expanded.to_string()} aria-controls="field-search-results" aria-autocomplete="list"
                aria-activedescendant={expanded.then(|| format!("field-hit-{}", *active))} />
            <ul id="field-search-results" role="listbox" aria-label="Fields found" hidden={!expanded}>
                { for hits.iter().enumerate().map(|(i, h)| {
                    let id = h.id.clone();
                    let choose = choose.clone();
                    let onmousedown = Callback::from(move |e: MouseEvent| {
                        // Before the input loses focus.
                        e.prevent_default();
                        choose.emit(id.clone());
                    });
                    html! {
                        <li id={format!("field-hit-{i}")} role="option" aria-selected={(i == *active).to_string()}
                            class={classes!((i == *active).then_some("active"))} {onmousedown}>
                            <span class="hit-label">{ h.label.clone() }</span>
                            <span class="hit-section">{ h.section.clone() }</span>
                        </li>
                    }
                }) }
            </ul>
            if none {
                <p class="help" role="status">{ "No field matches." }</p>
            }
        </div>
    }
}
