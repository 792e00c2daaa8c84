//! The output panel: findings, the bundle's files, and downloads.

use eksplan_core::{Bundle, Diagnostic, Severity};
use std::rc::Rc;
use yew::prelude::*;

use eksplan_core::diff::FileDiff;
use eksplan_core::trace::FileLines;
use wasm_bindgen::JsCast;

use crate::download;
use crate::explanations::Explanation;
use crate::state::{Action, Notice};
use crate::targets::Status;
use crate::viewer::{Marks, file_html, file_view};
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
pub(crate) fn inline_code(text: &str) -> Html {
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

/// The lines the focused field produces, for the file view.
#[derive(Clone, Debug, PartialEq)]
pub struct Traced {
    /// The field's path.
    pub path: String,
    /// Its lines, file by file (from `eksplan_core::trace`).
    pub files: Vec<FileLines>,
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
    /// What the last edit changed, file by file.
    #[prop_or_default]
    pub changes: Rc<Vec<FileDiff>>,
    /// The lines the focused field produces.
    #[prop_or_default]
    pub traced: Option<Rc<Traced>>,
}

fn group(path: &str) -> &str {
    match path.rsplit_once('/') {
        Some((dir, _)) => dir,
        None => "",
    }
}

/// Save the bundle as `{cluster}.zip` (the same bytes as `eksplan generate
/// --zip`), or say why not. The zip writer is in the on-demand module
/// ([`crate::lazy::zip`]): the first download may wait for it to arrive.
pub fn download_zip(bundle: &Rc<Bundle>, cluster: &str, dispatch: &Callback<Action>) {
    let (bundle, cluster, dispatch) = (bundle.clone(), cluster.to_owned(), dispatch.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let result = crate::lazy::zip(&bundle, &cluster)
            .await
            .and_then(|bytes| download::save(&format!("{cluster}.zip"), "application/zip", &bytes));
        if let Err(e) = result {
            dispatch.emit(Action::Notify(Notice::error(format!(
                "The download failed: {e}"
            ))));
        }
    });
}

/// The marks of one file: what the last edit changed, what the field makes.
fn marks_for(path: &str, changes: &[FileDiff], traced: Option<&Traced>) -> Marks {
    let mut marks = Marks::default();
    if let Some(d) = changes.iter().find(|d| d.path == path) {
        marks.changed = d.lines.new.iter().copied().collect();
        marks.removed_after = d.lines.removed_after.iter().copied().collect();
    }
    if let Some(f) = traced.and_then(|t| t.files.iter().find(|f| f.path == path)) {
        marks.traced = f.lines.iter().copied().collect();
    }
    marks
}

/// The file tree, the selected file, and downloads.
#[component]
pub fn Files(p: &FilesProps) -> Html {
    let wrap = use_state(|| false);
    let source = use_state(|| false);
    let selected = p
        .bundle
        .as_ref()
        .and_then(|b| p.selected.as_ref().filter(|s| b.get(s).is_some()))
        .map(|s| s.to_string())
        .unwrap_or_else(|| "README.md".to_owned());
    let text = p
        .bundle
        .as_ref()
        .and_then(|b| b.get(&selected))
        .unwrap_or_default()
        .to_owned();
    let traced_here = p
        .traced
        .as_ref()
        .and_then(|t| t.files.iter().find(|f| f.path == selected))
        .and_then(|f| f.lines.first().copied());
    let marks = marks_for(&selected, &p.changes, p.traced.as_deref());
    let rendered = selected.ends_with(".md") && !*source;
    let html = use_memo(
        (selected.clone(), text.clone(), marks, rendered),
        |(path, text, marks, rendered)| file_html(path, text, marks, *rendered),
    );
    // Bring the first line the focused field produces into view, scrolling
    // the file view only (never the page, where the field is being edited).
    let viewer = use_node_ref();
    {
        let key = (
            selected.clone(),
            traced_here,
            p.traced.as_ref().map(|t| t.path.clone()),
        );
        let viewer = viewer.clone();
        use_effect_with(key, move |(_, first, _)| {
            if first.is_some()
                && let Some(root) = viewer.cast::<web_sys::Element>()
                && let (Ok(Some(pre)), Ok(Some(line))) = (
                    root.query_selector("pre.code"),
                    root.query_selector("pre.code .ln.traced"),
                )
                && let (Ok(pre), Ok(line)) = (
                    pre.dyn_into::<web_sys::HtmlElement>(),
                    line.dyn_into::<web_sys::HtmlElement>(),
                )
            {
                // The pre is positioned: the line's offset is from its top.
                let top = line.offset_top() - pre.client_height() / 3;
                pre.set_scroll_top(top.max(0));
            }
        });
    }
    let Some(bundle) = p.bundle.clone() else {
        return html! {
            <section class="files" aria-labelledby="files-title">
                <h2 id="files-title">{ "Files" }</h2>
                <p>{ "Fix the errors above to see the generated files." }</p>
            </section>
        };
    };
    let dispatch = p.dispatch.clone();
    let zip = {
        let bundle = bundle.clone();
        let dispatch = dispatch.clone();
        let cluster = p.cluster.clone();
        Callback::from(move |_: MouseEvent| download_zip(&bundle, &cluster, &dispatch))
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
    let toggle_wrap = {
        let wrap = wrap.clone();
        Callback::from(move |_: MouseEvent| wrap.set(!*wrap))
    };
    let toggle_source = {
        let source = source.clone();
        Callback::from(move |_: MouseEvent| source.set(!*source))
    };
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (path, _) in bundle.files() {
        let g = group(path);
        match groups.iter_mut().find(|(name, _)| *name == g) {
            Some((_, files)) => files.push(path),
            None => groups.push((g, vec![path])),
        }
    }
    let traced = p.traced.as_deref();
    let is_md = selected.ends_with(".md");
    let trace_status = traced.map(|t| {
        let lines: usize = t.files.iter().map(|f| f.lines.len()).sum();
        let files = t.files.iter().filter(|f| !f.lines.is_empty()).count();
        if lines == 0 {
            format!("{}: produces no lines in this bundle.", t.path)
        } else {
            format!(
                "{}: {lines} line{} in {files} file{}, marked in the file view.",
                t.path,
                if lines == 1 { "" } else { "s" },
                if files == 1 { "" } else { "s" }
            )
        }
    });
    html! {
        <section class="files" aria-labelledby="files-title">
            <div class="files-head">
                <h2 id="files-title">{ "Files" }</h2>
                <button type="button" class="primary" onclick={zip} disabled={p.stale} id="download-zip">{ "Download .zip" }</button>
            </div>
            if p.stale {
                <p class="stale">{ "These files are from the last plan without errors. Fix the errors to update them." }</p>
            }
            <p class="trace-status" role="status">{ trace_status.unwrap_or_default() }</p>
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
                                    let changed = p.changes.iter().any(|d| d.path == *path);
                                    let field_lines = traced
                                        .and_then(|t| t.files.iter().find(|f| f.path == *path))
                                        .map(|f| f.lines.len())
                                        .filter(|n| *n > 0);
                                    html! {
                                        <li><button type="button" class={classes!("file", current.then_some("current"))}
                                            aria-current={current.then_some("true")} {onclick}>
                                            { path.rsplit('/').next().unwrap_or(path) }
                                            if changed {
                                                <span class="mark-changed" title="Changed by the last edit">
                                                    <span aria-hidden="true">{ " •" }</span>
                                                    <span class="visually-hidden">{ " (changed by the last edit)" }</span>
                                                </span>
                                            }
                                            if let Some(n) = field_lines {
                                                <span class="mark-traced">
                                                    <span aria-hidden="true">{ format!(" {n}") }</span>
                                                    <span class="visually-hidden">{ format!(" ({n} lines from the focused field)") }</span>
                                                </span>
                                            }
                                        </button></li>
                                    }
                                }) }
                            </ul>
                        </div>
                    }) }
                </nav>
                <div class="viewer" ref={viewer}>
                    <div class="viewer-head">
                        <code class="path">{ selected.clone() }</code>
                        <span class="tools">
                            if is_md {
                                <button type="button" aria-pressed={(!rendered).to_string()} onclick={toggle_source}>{ "Source" }</button>
                            }
                            if !rendered {
                                <button type="button" aria-pressed={wrap.to_string()} onclick={toggle_wrap}>{ "Wrap lines" }</button>
                            }
                            <button type="button" onclick={copy}>{ "Copy" }</button>
                            <button type="button" onclick={save_one}>{ "Download" }</button>
                        </span>
                    </div>
                    { file_view(&selected, &html, *wrap, rendered) }
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
