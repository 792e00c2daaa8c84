//! "I have a cluster": move a running EKS cluster to Auto Mode from the
//! page. The user runs `collect.sh` (shown here, with a copy button), then
//! gives the folder it wrote (dropped, or picked with `webkitdirectory`),
//! its zip, or files one by one (dropped, picked or pasted). The view shows
//! what each file was recognised as, the readiness report grouped by
//! runbook step, and offers the migration bundle (byte-identical to
//! `eksplan migrate DIR --zip`) and "Continue in the planner".
//!
//! Everything runs in the page: the files are read with the browser's File
//! APIs and never sent anywhere. The view lives in the on-demand module
//! (`crates/extras`, mounted by [`slot::ClusterSlot`]), so the import and
//! migration code is not part of the page's first download, nor of the
//! offline file (which points to the page and the CLI instead).
//!
//! Render functions only read props and state; the file reading, the
//! clipboard and the download happen in callbacks.

pub mod cost;
pub mod files;
pub mod keep;
pub mod slot;

use std::rc::Rc;

use eksplan_core::catalog::date::Date;
use eksplan_core::migrate::{self, Migration, collect::COLLECT_SCRIPT, report};
use eksplan_core::{Options, Plan, Severity, import};
use yew::prelude::*;

/// Properties of [`ClusterImport`].
#[derive(Properties, PartialEq, Clone)]
pub struct ClusterImportProps {
    /// The date the report is made for (support windows).
    pub today: Date,
    /// "Continue in the planner": the converted plan.
    pub on_plan: Callback<Rc<Plan>>,
}

/// Files as given: (name, bytes), in the order given.
type Files = Vec<(String, Rc<Vec<u8>>)>;

/// The files given so far, by name (a file given again replaces the first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    files: Files,
    /// Files the browser could not read.
    pub problems: Vec<String>,
    pasted: usize,
    /// Counts changes (what the report is memoised on).
    generation: u64,
    /// What "Start again" removed, until the next "Start again" ("Undo"
    /// brings it back).
    cleared: Option<Rc<Files>>,
}

/// A change to the inputs.
pub enum InputAction {
    /// Files read, and what could not be read.
    Add(Vec<files::Read>, Vec<String>),
    /// One pasted file's text.
    Paste(String),
    /// Start again (undoable).
    Clear,
    /// Bring back what "Start again" removed; files given since then stay,
    /// and replace a removed file of the same name.
    Restore,
}

impl Reducible for Inputs {
    type Action = InputAction;

    fn reduce(self: Rc<Self>, action: InputAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            InputAction::Add(read, problems) => {
                for (name, bytes) in read {
                    match s.files.iter_mut().find(|(n, _)| *n == name) {
                        Some(slot) => slot.1 = Rc::new(bytes),
                        None => s.files.push((name, Rc::new(bytes))),
                    }
                }
                s.problems = problems;
            }
            InputAction::Paste(text) => {
                if text.trim().is_empty() {
                    return self;
                }
                s.pasted += 1;
                s.files.push((
                    format!("pasted-{}.txt", s.pasted),
                    Rc::new(text.into_bytes()),
                ));
                s.problems.clear();
            }
            InputAction::Clear => {
                if s.files.is_empty() {
                    return self;
                }
                s = Inputs {
                    generation: s.generation,
                    // Pasted files keep counting, so a restored paste and a
                    // new one never share a name.
                    pasted: s.pasted,
                    cleared: Some(Rc::new(std::mem::take(&mut s.files))),
                    ..Inputs::default()
                }
            }
            InputAction::Restore => {
                let Some(removed) = s.cleared.take() else {
                    return self;
                };
                let since = std::mem::replace(&mut s.files, (*removed).clone());
                for (name, bytes) in since {
                    match s.files.iter_mut().find(|(n, _)| *n == name) {
                        Some(slot) => slot.1 = bytes,
                        None => s.files.push((name, bytes)),
                    }
                }
                s.problems.clear();
            }
        }
        s.generation += 1;
        Rc::new(s)
    }
}

impl Inputs {
    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The names of the files, in the order given.
    pub fn names(&self) -> Vec<&str> {
        self.files.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// The files, in the order given: (name, bytes).
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(n, b)| (n.as_str(), b.as_slice()))
    }

    /// Counts changes (0: nothing given since the view opened).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many files "Undo" would bring back (0: nothing to undo).
    pub fn undoable(&self) -> usize {
        self.cleared.as_ref().map_or(0, |c| c.len())
    }

    /// The migration for these files, as `eksplan migrate` makes it.
    pub fn assess(&self, today: Date) -> Option<Migration> {
        if self.files.is_empty() {
            return None;
        }
        // Borrowed, not copied: tens of MB of kubectl JSON stay in memory once.
        let files = self.files.iter().map(|(n, b)| (n.as_str(), b.as_slice()));
        Some(migrate::assess(
            import::import(files),
            &Options { today: Some(today) },
        ))
    }
}

fn plural_files(n: usize) -> String {
    if n == 1 {
        "1 file".to_owned()
    } else {
        format!("{n} files")
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn finding(d: &eksplan_core::Diagnostic) -> Html {
    html! {
        <li class={classes!("finding", severity_class(d.severity))}>
            <span class="code">{ d.code.as_str() }</span>
            <span class="severity">{ d.severity.to_string() }</span>
            <code class="object">{ d.path.clone() }</code>
            <span class="message">{ d.message.clone() }</span>
            <span class="fix">{ format!("Fix: {}", d.fix) }</span>
        </li>
    }
}

fn report_view(m: &Migration) -> Html {
    let count = |s| m.findings.iter().filter(|d| d.severity == s).count();
    html! {
        <section class="readiness" aria-labelledby="cluster-readiness">
            <h3 id="cluster-readiness">{ "3. Readiness" }</h3>
            <p id="cluster-summary">{ report::summary(m) }</p>
            <p id="cluster-counts" role="status">{ format!(
                "{} blocker(s), {} warning(s), {} note(s).",
                count(Severity::Error), count(Severity::Warning), count(Severity::Info)
            ) }</p>
            { for report::by_step(m).into_iter().map(|(title, list)| html! {
                <section class="step">
                    <h4>{ title }</h4>
                    <ul class="findings">{ for list.into_iter().map(finding) }</ul>
                </section>
            }) }
        </section>
    }
}

fn files_view(m: &Migration) -> Html {
    html! {
        <section class="recognised" aria-labelledby="cluster-files">
            <h3 id="cluster-files">{ "What was recognised" }</h3>
            <table>
                <thead><tr><th scope="col">{ "File" }</th><th scope="col">{ "Taken for" }</th><th scope="col">{ "Findings" }</th></tr></thead>
                <tbody>
                    { for report::files(m).into_iter().map(|f| html! {
                        <tr>
                            <td><code>{ f.file }</code></td>
                            <td>{ f.recognised_as }</td>
                            <td>
                                if f.findings.is_empty() {
                                    { "—" }
                                } else {
                                    <ul class="findings">{ for f.findings.into_iter().map(finding) }</ul>
                                }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// The "I have a cluster" view.
#[component]
pub fn ClusterImport(p: &ClusterImportProps) -> Html {
    let inputs = use_reducer(Inputs::default);
    let paste = use_node_ref();
    let copied = use_state(|| false);
    // Kept over a reload: what the last visit imported comes back once,
    // and every change is kept again (or said why not).
    let kept = use_state(|| None::<Result<bool, String>>);
    let restored = use_state(|| 0usize);
    {
        let inputs = inputs.dispatcher();
        let restored = restored.clone();
        use_effect_with((), move |_| {
            let files = keep::load();
            if !files.is_empty() {
                restored.set(files.len());
                inputs.dispatch(InputAction::Add(files, Vec::new()));
            }
        });
    }
    {
        let i = inputs.clone();
        let kept = kept.clone();
        let restored = restored.clone();
        use_effect_with(inputs.generation(), move |g| {
            // The restore itself is change 1; anything after it is new.
            if *g > 1 {
                restored.set(0);
            }
            if *g > 0 {
                kept.set(Some(keep::save(i.files())));
            }
        });
    }
    let today = p.today;
    let migration = {
        let i = inputs.clone();
        use_memo((inputs.generation, today), move |(_, today)| {
            i.assess(*today).map(Rc::new)
        })
    };
    // What `eksplan cost --from-cluster` computes for the same files.
    let fleet_cost = {
        let m = migration.clone();
        use_memo((inputs.generation, today), move |(_, today)| {
            m.as_ref().as_ref().and_then(|m| {
                cost::assess(
                    &m.import.snapshot.kube,
                    &Options {
                        today: Some(*today),
                    },
                )
                .map(Rc::new)
            })
        })
    };

    let add = {
        let inputs = inputs.dispatcher();
        move |read: Vec<files::Read>, problems: Vec<String>| {
            inputs.dispatch(InputAction::Add(read, problems));
        }
    };
    let on_pick = {
        let add = add.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                let list = files::take(&list);
                let add = add.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let (read, problems) = files::from_list(list).await;
                    add(read, problems);
                });
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let add = add.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(dt) = e.data_transfer() {
                let add = add.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let (read, problems) = files::from_drop(&dt).await;
                    add(read, problems);
                });
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_paste = {
        let inputs = inputs.dispatcher();
        let paste = paste.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = paste.cast::<web_sys::HtmlTextAreaElement>() {
                inputs.dispatch(InputAction::Paste(t.value()));
                t.set_value("");
            }
        })
    };
    let on_clear = {
        let inputs = inputs.dispatcher();
        Callback::from(move |_: MouseEvent| inputs.dispatch(InputAction::Clear))
    };
    let on_restore = {
        let inputs = inputs.dispatcher();
        Callback::from(move |_: MouseEvent| inputs.dispatch(InputAction::Restore))
    };
    let on_copy = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            crate::download::copy(COLLECT_SCRIPT);
            copied.set(true);
        })
    };
    let download_error = use_state(|| None::<String>);
    let on_download = {
        let migration = migration.clone();
        let download_error = download_error.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(m) = migration.as_ref() {
                let options = Options { today: Some(today) };
                let result = migrate::bundle::to_zip(m, &options)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| {
                        crate::download::save(
                            &format!("{}.zip", migrate::bundle::zip_root(m)),
                            "application/zip",
                            &bytes,
                        )
                    });
                download_error.set(result.err());
            }
        })
    };
    let on_continue = {
        let migration = migration.clone();
        let on_plan = p.on_plan.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(m) = migration.as_ref() {
                on_plan.emit(Rc::new(m.plan.clone()));
            }
        })
    };

    let has_cluster = migration
        .as_ref()
        .as_ref()
        .is_some_and(|m| m.import.snapshot.cluster.is_some());
    html! {
        <section class="cluster-import" aria-labelledby="cluster-title">
            <h2 id="cluster-title">{ "I have a cluster" }</h2>
            <p>{ "Check a running EKS cluster for Auto Mode and get a step-by-step migration bundle. The files you add are read in this page and never sent anywhere." }</p>
            <section aria-labelledby="cluster-collect">
                <h3 id="cluster-collect">{ "1. Collect the cluster's state" }</h3>
                <p>{ "Run this read-only script with your own AWS credentials and kubectl context: " }<code>{ "bash collect.sh CLUSTER REGION" }</code>{ ". It writes plain files into a folder." }</p>
                <button type="button" id="copy-collect" onclick={on_copy}>{ "Copy collect.sh" }</button>
                if *copied {
                    <span role="status" class="copied">{ " Copied." }</span>
                }
                <details>
                    <summary>{ "Show collect.sh" }</summary>
                    <pre class="collect-script" tabindex="0" aria-label="collect.sh"><code id="collect-script">{ COLLECT_SCRIPT }</code></pre>
                </details>
            </section>
            <section aria-labelledby="cluster-add">
                <h3 id="cluster-add">{ "2. Add what it wrote" }</h3>
                <div class="dropzone" id="cluster-drop" ondrop={on_drop} ondragover={on_drag_over}>
                    <p>{ "Drop the folder, its zip, or single files here." }</p>
                    <label class="button">{ "Choose the folder" }
                        <input type="file" id="pick-folder" class="visually-hidden" webkitdirectory=true multiple=true onchange={on_pick.clone()} />
                    </label>
                    { " " }
                    <label class="button">{ "Choose files or a zip" }
                        <input type="file" id="pick-files" class="visually-hidden" multiple=true onchange={on_pick} />
                    </label>
                </div>
                <label for="cluster-paste">{ "Or paste one file's content (the output of one command):" }</label>
                <textarea id="cluster-paste" rows="4" ref={paste} />
                <button type="button" id="add-paste" onclick={on_paste}>{ "Add the pasted file" }</button>
                if !inputs.is_empty() {
                    { " " }
                    <button type="button" id="clear-inputs" onclick={on_clear}>{ format!("Start again ({} file(s))", inputs.len()) }</button>
                }
                if inputs.undoable() > 0 {
                    <p class="cluster-undo" role="status">
                        { format!("Removed {} file(s). ", inputs.undoable()) }
                        <button type="button" id="undo-clear" onclick={on_restore}>{ "Undo" }</button>
                    </p>
                }
                if !inputs.is_empty() {
                    <p class="kept" id="cluster-kept">{
                        match &*kept {
                            Some(Ok(true)) if *restored > 0 => format!("{} kept from your last visit, in this browser only; Start again removes them.", plural_files(*restored)),
                            Some(Ok(true)) => "Kept in this browser over a reload (never sent anywhere); Start again removes them.".to_owned(),
                            Some(Err(e)) => format!("Not kept over a reload: {e}."),
                            _ => String::new(),
                        }
                    }</p>
                }
                if !inputs.problems.is_empty() {
                    <ul class="problems" role="alert">{ for inputs.problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
                }
            </section>
            if let Some(m) = migration.as_ref() {
                { files_view(m) }
                if let Some(c) = fleet_cost.as_ref() {
                    <cost::ClusterCostView cost={c.clone()} />
                }
                { report_view(m) }
                <section aria-labelledby="cluster-next">
                    <h3 id="cluster-next">{ "4. Next" }</h3>
                    <button type="button" id="download-migration" onclick={on_download}>{ "Download migration bundle" }</button>
                    { " " }
                    <button type="button" id="continue-planner" disabled={!has_cluster} onclick={on_continue}>{ "Continue in the planner" }</button>
                    <p class="hint">{ format!("Report for {today}. The bundle is the one eksplan migrate writes: the runbook (README.md), migrate.sh, Terraform that enables Auto Mode in place, the converted NodePools and the way back. Continuing replaces the plan in the planner; Undo brings yours back.") }</p>
                    if let Some(e) = &*download_error {
                        <p role="alert" class="stale">{ format!("The bundle could not be saved: {e}") }</p>
                    }
                </section>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(i: Rc<Inputs>, names: &[&str]) -> Rc<Inputs> {
        let read = names
            .iter()
            .map(|n| ((*n).to_owned(), n.as_bytes().to_vec()))
            .collect();
        i.reduce(InputAction::Add(read, Vec::new()))
    }

    #[test]
    fn files_given_one_by_one_add_up_and_a_repeat_replaces() {
        let i = add(Rc::new(Inputs::default()), &["a.json"]);
        let i = add(i, &["b.json"]);
        let i = i.reduce(InputAction::Add(
            vec![("a.json".into(), b"new".to_vec())],
            Vec::new(),
        ));
        assert_eq!(i.names(), ["a.json", "b.json"]);
        assert_eq!(i.files[0].1.as_slice(), b"new");
    }

    #[test]
    fn start_again_is_undoable_and_keeps_what_came_after() {
        let i = add(Rc::new(Inputs::default()), &["a.json", "b.json"]);
        let i = i.reduce(InputAction::Paste("{}".into()));
        let before = i.generation;
        let i = i.reduce(InputAction::Clear);
        assert!(i.is_empty());
        assert_eq!(i.undoable(), 3);
        assert!(i.generation > before, "the report is made again");
        let i = add(i, &["c.json"]);
        let i = i.reduce(InputAction::Paste("[]".into()));
        let i = i.reduce(InputAction::Restore);
        assert_eq!(
            i.names(),
            ["a.json", "b.json", "pasted-1.txt", "c.json", "pasted-2.txt"]
        );
        assert_eq!(i.undoable(), 0);
        // Nothing more to undo, and nothing to clear on an empty list.
        let same = i.clone().reduce(InputAction::Restore);
        assert_eq!(same.generation, i.generation);
        let empty = Rc::new(Inputs::default()).reduce(InputAction::Clear);
        assert_eq!(empty.undoable(), 0);
    }
}
