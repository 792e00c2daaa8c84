//! The output panel: findings, the bundle's files, and downloads.

use eksplan_core::{Bundle, Diagnostic, Severity};
use std::rc::Rc;
use yew::prelude::*;

use crate::download;
use crate::explanations::Explanation;
use crate::highlight::highlight;
use crate::state::{Action, Notice};
use crate::targets::Status;
use eksplan_core::plan::Target;

/// Properties of [`Diagnostics`].
#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    /// Findings, errors first.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Send actions.
    pub dispatch: Callback<Action>,
    /// Where the docs site's code reference lives, if any.
    #[prop_or_default]
    pub docs_base: Option<AttrValue>,
}

/// The list of findings. Each moves focus to its field and explains itself.
#[component]
pub fn Diagnostics(p: &DiagnosticsProps) -> Html {
    let count = |s| p.diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    html! {
        <section class="diagnostics" aria-labelledby="diag-title">
            <h2 id="diag-title">{ "Findings" }</h2>
            <p class="counts" role="status" aria-live="polite">
                <span class={classes!("count", (errors > 0).then_some("has-errors"))}>{ format!("{errors} error{}", if errors == 1 { "" } else { "s" }) }</span>
                { ", " }<span class="count">{ format!("{warnings} warning{}", if warnings == 1 { "" } else { "s" }) }</span>
                { ", " }<span class="count">{ format!("{infos} note{}", if infos == 1 { "" } else { "s" }) }</span>
            </p>
            if p.diagnostics.is_empty() {
                <p>{ "Nothing to report: the plan follows every rule the planner knows." }</p>
            } else {
                <ul class="diag-list">
                    { for p.diagnostics.iter().enumerate().map(|(i, d)| {
                        let path = d.path.clone();
                        let onclick = p.dispatch.reform(move |_: MouseEvent| Action::Focus(path.clone()));
                        let code = d.code.as_str();
                        let docs = p.docs_base.as_ref().map(|b| format!("{}/reference/{}.html", b.trim_end_matches('/'), code.to_ascii_lowercase()));
                        html! {
                            <li class={classes!("diag", format!("sev-{}", d.severity))} key={i}>
                                <div class="diag-head">
                                    <span class="badge">{ d.severity.as_str() }</span>
                                    <code class="code">{ code }</code>
                                    <button type="button" class="link" {onclick} title="Show the field">{ d.path.clone() }</button>
                                </div>
                                <p class="msg">{ inline_code(&d.message) }</p>
                                <p class="fix"><strong>{ "Fix: " }</strong>{ inline_code(&d.fix) }</p>
                                <Explanation code={code} title={d.code.title()} docs={docs.map(AttrValue::from)} />
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

/// Text with `backtick` spans shown as code (diagnostic messages quote
/// field values and names that way).
fn inline_code(text: &str) -> Html {
    // An unmatched backtick: show the text as it is.
    if text.matches('`').count() % 2 == 1 {
        return html! { { text.to_owned() } };
    }
    text.split('`')
        .enumerate()
        .filter(|(i, part)| i % 2 == 1 || !part.is_empty())
        .map(|(i, part)| {
            if i % 2 == 1 {
                // An empty value is quoted as ``; say so.
                let shown = if part.is_empty() { "(empty)" } else { part };
                html! { <code>{ shown.to_owned() }</code> }
            } else {
                html! { { part.to_owned() } }
            }
        })
        .collect::<Html>()
}

/// Properties of [`Files`].
#[derive(Properties, PartialEq)]
pub struct FilesProps {
    /// The bundle to show (the last valid one when the plan has errors).
    pub bundle: Option<Rc<Bundle>>,
    /// Whether the bundle is out of date (the plan has errors).
    pub stale: bool,
    /// Selected path.
    pub selected: Option<AttrValue>,
    /// Cluster name (archive root).
    pub cluster: AttrValue,
    /// Send actions.
    pub dispatch: Callback<Action>,
}

fn group(path: &str) -> &str {
    match path.rsplit_once('/') {
        Some((dir, _)) => dir,
        None => "",
    }
}

/// The file tree, the selected file, and downloads.
#[component]
pub fn Files(p: &FilesProps) -> Html {
    let Some(bundle) = p.bundle.clone() else {
        return html! {
            <section class="files" aria-labelledby="files-title">
                <h2 id="files-title">{ "Files" }</h2>
                <p>{ "Fix the errors above to see the generated files." }</p>
            </section>
        };
    };
    let selected = p
        .selected
        .as_ref()
        .filter(|s| bundle.get(s).is_some())
        .map(|s| s.to_string())
        .unwrap_or_else(|| "README.md".to_owned());
    let text = bundle.get(&selected).unwrap_or_default().to_owned();
    let highlighted = use_memo((selected.clone(), text.clone()), |(path, text)| {
        highlight(path, text)
    });

    let dispatch = p.dispatch.clone();
    let cluster = p.cluster.clone();
    let zip = {
        let bundle = bundle.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let result = bundle
                .to_zip(&cluster)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    download::save(&format!("{cluster}.zip"), "application/zip", &bytes)
                });
            if let Err(e) = result {
                dispatch.emit(Action::Notify(Notice::error(format!(
                    "The download failed: {e}"
                ))));
            }
        })
    };
    let save_one = {
        let (path, text) = (selected.clone(), text.clone());
        Callback::from(move |_: MouseEvent| {
            let name = path.rsplit('/').next().unwrap_or(&path).to_owned();
            let _ = download::save(&name, "text/plain", text.as_bytes());
        })
    };
    let copy = {
        let (path, text) = (selected.clone(), text.clone());
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            download::copy(&text);
            dispatch.emit(Action::Notify(Notice::info(format!(
                "Copied {path} to the clipboard."
            ))));
        })
    };
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (path, _) in bundle.files() {
        let g = group(path);
        match groups.iter_mut().find(|(name, _)| *name == g) {
            Some((_, files)) => files.push(path),
            None => groups.push((g, vec![path])),
        }
    }
    html! {
        <section class="files" aria-labelledby="files-title">
            <div class="files-head">
                <h2 id="files-title">{ "Files" }</h2>
                <button type="button" class="primary" onclick={zip} disabled={p.stale} id="download-zip">{ "Download .zip" }</button>
            </div>
            if p.stale {
                <p class="stale">{ "These files are from the last plan without errors. Fix the errors to update them." }</p>
            }
            <div class="files-body">
                <nav class="tree" aria-label="Generated files">
                    { for groups.iter().map(|(g, files)| html! {
                        <div class="tree-group">
                            <span class="tree-dir">{ if g.is_empty() { "/".to_owned() } else { format!("{g}/") } }</span>
                            <ul>
                                { for files.iter().map(|path| {
                                    let current = *path == selected;
                                    let target = path.to_string();
                                    let onclick = dispatch.reform(move |_: MouseEvent| Action::Select(target.clone()));
                                    html! {
                                        <li><button type="button" class={classes!("file", current.then_some("current"))}
                                            aria-current={current.then_some("true")} {onclick}>
                                            { path.rsplit('/').next().unwrap_or(path) }
                                        </button></li>
                                    }
                                }) }
                            </ul>
                        </div>
                    }) }
                </nav>
                <div class="viewer">
                    <div class="viewer-head">
                        <code class="path">{ selected.clone() }</code>
                        <span class="tools">
                            <button type="button" onclick={copy}>{ "Copy" }</button>
                            <button type="button" onclick={save_one}>{ "Download" }</button>
                        </span>
                    </div>
                    <pre class="code" tabindex="0" aria-label={format!("Contents of {selected}")}><code>{ Html::from_html_unchecked(AttrValue::from((*highlighted).clone())) }</code></pre>
                </div>
            </div>
        </section>
    }
}

/// Properties of [`TargetChoice`].
#[derive(Properties, PartialEq)]
pub struct TargetChoiceProps {
    /// The plan's target.
    pub target: Target,
    /// Whose files are on show.
    pub status: Status,
    /// Send actions.
    pub dispatch: Callback<Action>,
}

/// Which tool the files are written for, and whether they are on show yet.
#[component]
pub fn TargetChoice(p: &TargetChoiceProps) -> Html {
    // The plan's target can change without this select (Undo, a link, an
    // import): a changed `selected` attribute does not move a select the
    // user has used, so set its value.
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(p.target, move |t| {
            if let Some(s) = select.cast::<web_sys::HtmlSelectElement>()
                && s.value() != t.as_str()
            {
                s.set_value(t.as_str());
            }
        });
    }
    let onchange = p.dispatch.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Action::SetTarget(Target::parse(&select.value()).unwrap_or_default())
    });
    let status = crate::targets::status_line(&p.status).map(|(alert, text)| {
        html! {
            <p class={if alert { "stale" } else { "lazy-status" }} role={if alert { "alert" } else { "status" }}
                id={alert.then_some("target-failed")}>{ text }</p>
        }
    });
    html! {
        <div class="target-choice">
            <label for="target">{ "Write the files for" }</label>
            <select id="target" ref={select} {onchange}>
                { for Target::ALL.iter().map(|t| html! {
                    <option value={t.as_str()} selected={*t == p.target}>{ t.title() }</option>
                }) }
            </select>
            { for status }
        </div>
    }
}
