//! The planner page: header, form (wizard or editor) and output.

use eksplan_core::catalog::date::Date;
use eksplan_core::plan::{Format, Plan};
use eksplan_core::presets::{self, PRESETS};
use eksplan_core::{Bundle, Options};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::download;
use crate::fields::fid;
use crate::output::{Diagnostics, Files, TargetChoice};
use crate::persist::{self, Fragment};
use crate::sections::*;
use crate::state::{Action, Edit, Notice, OutputTab, State, Step, View};

/// How the planner is embedded.
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Start from this preset when nothing else is given.
    #[prop_or_default]
    pub preset: Option<AttrValue>,
    /// Start from this plan (overrides the preset).
    #[prop_or_default]
    pub plan: Option<Rc<Plan>>,
    /// Start in the wizard (`true`) or the editor.
    #[prop_or(true)]
    pub wizard: bool,
    /// Read the plan from, and keep it in, the URL fragment.
    #[prop_or(true)]
    pub sync_url: bool,
    /// localStorage key for autosave; `None` turns autosave off.
    #[prop_or(Some(AttrValue::Static(persist::STORAGE_KEY)))]
    pub storage_key: Option<AttrValue>,
    /// Base URL of the documentation site (diagnostic reference links).
    #[prop_or_default]
    pub docs_base: Option<AttrValue>,
    /// Compact layout (no header chrome) for embedding.
    #[prop_or_default]
    pub compact: bool,
    /// Told about every plan change (for the embedding API).
    #[prop_or_default]
    pub on_change: Option<Callback<Rc<Plan>>>,
    /// Lets the embedding page read and replace the plan.
    #[prop_or_default]
    pub controller: Option<Controller>,
    /// The full planner's address, for "Open in the planner" links from an
    /// embedded (compact) planner; the plan travels in the fragment.
    #[prop_or_default]
    pub planner_url: Option<AttrValue>,
    /// A cost plan that took longer than this (milliseconds) to compute is
    /// recomputed only once edits pause for [`COST_PAUSE_MS`], so typing
    /// stays smooth for workloads of thousands of pods.
    #[prop_or(SLOW_COST_MS)]
    pub slow_cost_ms: f64,
    /// Today, for the first render (Kubernetes support windows). A
    /// prerendered page passes the date it was built with, so hydration
    /// sees the same page; the browser's own date follows at once. `None`:
    /// the browser's date from the start.
    #[prop_or_default]
    pub today: Option<Date>,
}

/// A two-way connection between an embedding page and a mounted planner:
/// the planner publishes its plan and its dispatcher on every render.
#[derive(Clone, Default)]
pub struct Controller(Rc<std::cell::RefCell<ControllerState>>);

#[derive(Default)]
struct ControllerState {
    plan: Option<Rc<Plan>>,
    dispatch: Option<Callback<Action>>,
}

impl PartialEq for Controller {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Controller {
    /// The planner's current plan (`None` before its first render).
    pub fn plan(&self) -> Option<Rc<Plan>> {
        self.0.borrow().plan.clone()
    }

    /// Replace the plan, as an import would (undo brings the old one back).
    /// `false` if the planner is not mounted.
    pub fn set_plan(&self, plan: Plan, why: String) -> bool {
        let dispatch = self.0.borrow().dispatch.clone();
        match dispatch {
            Some(d) => {
                d.emit(Action::Replace(Rc::new(plan), why));
                true
            }
            None => false,
        }
    }

    fn publish(&self, plan: &Rc<Plan>, dispatch: &Callback<Action>) {
        let mut s = self.0.borrow_mut();
        s.plan = Some(plan.clone());
        s.dispatch = Some(dispatch.clone());
    }

    /// Forget the planner (it was destroyed).
    pub fn detach(&self) {
        self.0.borrow_mut().dispatch = None;
    }
}

impl Default for AppProps {
    fn default() -> Self {
        AppProps {
            preset: None,
            plan: None,
            wizard: true,
            sync_url: true,
            storage_key: Some(AttrValue::Static(persist::STORAGE_KEY)),
            docs_base: None,
            compact: false,
            on_change: None,
            controller: None,
            planner_url: None,
            slow_cost_ms: SLOW_COST_MS,
            today: None,
        }
    }
}

pub use crate::cost::{COST_PAUSE_MS, SLOW_COST_MS};

/// How long after the last change the plan is autosaved and put in the
/// address bar.
pub const PERSIST_DELAY_MS: u32 = 300;

fn preset_plan(name: &str) -> Option<Plan> {
    presets::find(name).and_then(|p| p.plan().ok())
}

/// The first plan, from the props alone (the plan, else the preset, else
/// quickstart): this is what the build prerenders, and what hydration must
/// see again. The link and autosave follow in [`stored`], after it.
fn initial(props: &AppProps) -> State {
    let plan = props
        .plan
        .as_ref()
        .map(|p| (**p).clone())
        .or_else(|| props.preset.as_deref().and_then(preset_plan))
        .or_else(|| preset_plan("quickstart"))
        .unwrap_or_default();
    let view = if props.wizard {
        View::Wizard(Step::Basics)
    } else {
        View::Editor
    };
    State::new(plan, view)
}

/// Where the user left off, read once the planner runs in the browser: a
/// plan link in the address bar wins over autosave; a damaged link keeps
/// the autosaved plan and says why.
fn stored(sync_url: bool, key: Option<&str>) -> Action {
    let saved = || key.and_then(persist::load).map(Rc::new);
    let fragment = if sync_url {
        persist::read_fragment()
    } else {
        Fragment::None
    };
    match fragment {
        Fragment::Plan(plan) => Action::Boot(
            Some(Rc::new(*plan)),
            Some(Notice::info("Opened the plan from the link.")),
        ),
        Fragment::Broken(e) => Action::Boot(
            saved(),
            Some(Notice::error(format!(
                "{e}. Your previous plan is unchanged."
            ))),
        ),
        Fragment::None => Action::Boot(saved(), None),
    }
}

/// Show, open and focus the control for a field path (or its nearest
/// ancestor), looking only inside this planner (`root`): several planners
/// may share a page, each in its own shadow root.
fn focus_field(root: &web_sys::Element, path: &str) -> bool {
    let mut candidate = path.to_owned();
    loop {
        if let Some(el) = root
            .query_selector(&format!("#{}", fid(&candidate)))
            .ok()
            .flatten()
        {
            // Open every enclosing <details>.
            let mut parent = el.parent_element();
            while let Some(p) = parent {
                if let Some(d) = p.dyn_ref::<web_sys::HtmlDetailsElement>() {
                    d.set_open(true);
                }
                parent = p.parent_element();
            }
            if let Ok(h) = el.clone().dyn_into::<web_sys::HtmlElement>() {
                // Fieldsets and groups: focus their first control.
                // (A form control before a button: items start with their
                // move and remove buttons.)
                let target = if matches!(h.tag_name().as_str(), "FIELDSET" | "DETAILS" | "DIV") {
                    h.query_selector("input, select, textarea")
                        .ok()
                        .flatten()
                        .or_else(|| h.query_selector("button").ok().flatten())
                        .and_then(|x| x.dyn_into::<web_sys::HtmlElement>().ok())
                        .unwrap_or(h)
                } else {
                    h
                };
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                target.scroll_into_view_with_scroll_into_view_options(&opts);
                let _ = target.focus();
                return true;
            }
        }
        // Walk up: `a.b[2].c` → `a.b[2]` → `a.b` → `a`.
        match candidate.rfind(['.', '[']) {
            Some(i) => candidate.truncate(i),
            None => return false,
        }
    }
}

/// The planner.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| initial(props));
    let root = use_node_ref();
    let output_ref = use_node_ref();
    // The date the page was built (or mounted) with; the browser's own
    // date replaces it after the first render.
    let today_state = use_state(|| props.today.unwrap_or_else(crate::clock::today));
    let today = *today_state;
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    let edit: Callback<Edit> = dispatch.reform(Action::Edit);
    if let Some(c) = &props.controller {
        c.publish(&state.plan, &dispatch);
    }

    // The whole output follows from the plan.
    let output = use_memo(state.plan.clone(), move |plan| {
        // Terraform only: the other targets' emitters stay out of the page's
        // module (they are in the on-demand one, entry `generate`).
        crate::timing::generate(|| {
            eksplan_core::generate_terraform(plan, &Options { today: Some(today) })
        })
    });
    let last_good = use_mut_ref(|| None::<Rc<Bundle>>);
    if let Ok(b) = &output.bundle {
        let fresh = last_good.borrow().as_ref().is_none_or(|old| **old != *b);
        if fresh {
            *last_good.borrow_mut() = Some(Rc::new(b.clone()));
        }
    }
    let terraform = crate::targets::Shown {
        diagnostics: Rc::new(output.diagnostics.clone()),
        bundle: last_good.borrow().clone(),
        stale: output.bundle.is_err(),
    };
    // Another target: its files from the on-demand module.
    let (shown, target_status) = crate::targets::use_target_output(&state.plan, today, &terraform);
    let crate::targets::Shown {
        diagnostics,
        bundle: shown_bundle,
        stale,
    } = shown;

    // The embedding callback hears every change at once. Autosave and the
    // address bar follow once typing pauses: writing localStorage and
    // calling history.replaceState on every keystroke cost more than
    // regenerating the whole bundle (and Chromium throttles replaceState).
    {
        let plan = state.plan.clone();
        let on_change = props.on_change.clone();
        use_effect_with(state.revision, move |_| {
            if let Some(cb) = on_change {
                cb.emit(plan);
            }
        });
    }
    {
        let persist_now = {
            let key = props.storage_key.clone();
            let sync = props.sync_url;
            move |plan: &Plan, in_url: bool| {
                if let Some(k) = &key {
                    persist::save(k, plan);
                }
                if sync && in_url {
                    persist::replace_fragment(plan);
                }
            }
        };
        // The latest unsaved plan, written when the timer fires or the page
        // is hidden or closed, whichever comes first.
        // (The plan, and whether it goes in the address bar: not the plan
        // the page opened with.)
        let pending = use_mut_ref(|| None::<(Rc<Plan>, bool)>);
        let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
        {
            let pending = pending.clone();
            let persist_now = persist_now.clone();
            use_effect_with((), move |_| {
                let flush = move || {
                    let latest = pending.borrow_mut().take();
                    if let Some((plan, in_url)) = latest {
                        persist_now(&plan, in_url);
                    }
                };
                let on_hide = flush.clone();
                let listener = web_sys::window()
                    .map(|w| gloo::events::EventListener::new(&w, "pagehide", move |_| on_hide()));
                // Unmounted (an embedded planner destroyed): save now.
                move || {
                    drop(listener);
                    flush();
                }
            });
        }
        let plan = state.plan.clone();
        let baseline = state.baseline;
        let booted = state.booted;
        use_effect_with(state.revision, move |rev| {
            // Before the link or autosave has been read, the plan is the
            // prerendered one: saving it (the page closed while the planner
            // boots) would overwrite the user's autosaved plan.
            if !booted {
                return;
            }
            *pending.borrow_mut() = Some((plan, *rev > baseline));
            let pending = pending.clone();
            *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
                PERSIST_DELAY_MS,
                move || {
                    if let Some((plan, in_url)) = pending.borrow_mut().take() {
                        persist_now(&plan, in_url);
                    }
                },
            ));
        });
    }
    // The first render is done (hydrated or not): the browser's date, then
    // the plan from the link or autosave.
    {
        let dispatch = dispatch.clone();
        let sync = props.sync_url;
        let key = props.storage_key.clone();
        use_effect_with((), move |_| {
            let real = crate::clock::today();
            if real != *today_state {
                today_state.set(real);
            }
            dispatch.emit(stored(sync, key.as_deref()));
        });
    }
    // Once booted, say so on the element the planner lives in: the page's
    // loader stops holding input back, and tests know it is ready.
    {
        let root = root.clone();
        use_effect_with(state.booted, move |booted| {
            if *booted {
                crate::boot::mark_ready(&root);
            }
        });
    }
    // Focus a field once it is rendered.
    {
        let dispatch = dispatch.clone();
        let root = root.clone();
        use_effect_with(state.focus.clone(), move |focus| {
            if let Some(path) = focus {
                if let Some(el) = root.cast::<web_sys::Element>() {
                    focus_field(&el, path);
                }
                dispatch.emit(Action::Focused);
            }
        });
    }
    // A plan link pasted into the address bar of an open planner: load it
    // (undo brings back the plan it replaces), or say why it cannot be read.
    {
        let dispatch = dispatch.clone();
        use_effect_with(props.sync_url, move |sync| {
            let listener = sync.then(web_sys::window).flatten().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    match persist::read_fragment() {
                        Fragment::Plan(plan) => dispatch.emit(Action::Replace(
                            Rc::new(*plan),
                            "Opened the plan from the link.".into(),
                        )),
                        Fragment::Broken(e) => dispatch.emit(Action::Notify(Notice::error(
                            format!("{e}. Your plan is unchanged."),
                        ))),
                        Fragment::None => {}
                    }
                })
            });
            move || drop(listener)
        });
    }
    // Time from an edit to the updated page.
    use_effect(crate::timing::measure_regenerate);

    let plan = state.plan.clone();
    let sp = SectionProps {
        plan: plan.clone(),
        edit: edit.clone(),
        today,
    };

    // An embedded planner links to the full one with the plan in the link.
    let open_link = use_memo(
        (state.plan.clone(), props.planner_url.clone(), props.compact),
        |(plan, url, compact)| {
            let url = url.as_ref().filter(|_| *compact)?;
            let base = url.split('#').next().unwrap_or_default();
            Some(format!("{base}#{}", eksplan_core::share::encode(plan)))
        },
    );
    // The skip link moves focus itself: inside an embedded planner's shadow
    // root, following `#output` would change the host page's address.
    let skip = {
        let output_ref = output_ref.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if let Some(el) = output_ref.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        })
    };
    let header = if props.compact {
        Html::default()
    } else {
        header(&state, &dispatch, props.docs_base.as_ref())
    };
    let notice = state.notice.as_ref().map(|n| {
        let dismiss = dispatch.reform(|_: MouseEvent| Action::Dismiss);
        let undo = dispatch.reform(|_: MouseEvent| Action::Undo);
        html! {
            <div class={classes!("notice", n.error.then_some("error"))} role={if n.error { "alert" } else { "status" }}>
                <span>{ n.text.clone() }</span>
                if let Some(d) = &n.detail {
                    <input class="detail" readonly=true value={d.clone()} aria-label="Share link" />
                }
                if n.undo && state.previous.is_some() {
                    <button type="button" onclick={undo}>{ "Undo" }</button>
                }
                <button type="button" class="close" onclick={dismiss} aria-label="Dismiss message">{ "×" }</button>
            </div>
        }
    });

    let form = match state.view {
        View::Editor => html! { <>
            <ClusterSection ..sp.clone() />
            <NetworkSection ..sp.clone() />
            <AccessSection ..sp.clone() />
            <ComputeSection ..sp.clone() />
            <StorageSection ..sp.clone() />
            <LoadBalancingSection ..sp.clone() />
            <PodIdentitySection ..sp.clone() />
            <SampleSection ..sp.clone() />
            <CapacitySection ..sp.clone() />
        </> },
        View::Wizard(step) => wizard(step, &sp, &dispatch, &diagnostics),
    };

    html! {
        <div class={classes!("planner", props.compact.then_some("compact"))} ref={root}>
            <a class="skip" href="#output" onclick={skip}>{ "Skip to the generated files" }</a>
            { header }
            { for notice }
            if !props.compact {
                <crate::cluster::slot::ClusterSlot {today} dispatch={dispatch.clone()} />
            }
            <div class="layout">
                <main class="form" aria-label="Plan">
                    if props.compact {
                        <div class="compact-bar">
                            { view_switch(&state, &dispatch) }
                            if let Some(url) = (*open_link).clone() {
                                <a class="button" href={url} target="_blank" rel="noopener">{ "Open in the full planner" }</a>
                            }
                        </div>
                    }
                    { form }
                </main>
                <aside class="output" id="output" aria-label="Output" tabindex="-1" ref={output_ref.clone()}>
                    <Diagnostics diagnostics={diagnostics.clone()} dispatch={dispatch.clone()} docs_base={props.docs_base.clone()} />
                    { output_switch(state.tab, &dispatch) }
                    if state.tab == OutputTab::Files {
                        <TargetChoice target={plan.target} status={target_status} dispatch={dispatch.clone()} />
                        <Files bundle={shown_bundle} {stale} selected={state.selected.clone().map(AttrValue::from)}
                            cluster={AttrValue::from(plan.cluster.name.clone())} dispatch={dispatch.clone()} />
                    } else {
                        <crate::lazy::CostSlot plan={plan.clone()} {stale} {today}
                            slow_cost_ms={props.slow_cost_ms} dispatch={dispatch.clone()} />
                    }
                </aside>
            </div>
        </div>
    }
}

fn output_switch(tab: OutputTab, dispatch: &Callback<Action>) -> Html {
    let files = dispatch.reform(|_: MouseEvent| Action::ShowOutput(OutputTab::Files));
    let cost = dispatch.reform(|_: MouseEvent| Action::ShowOutput(OutputTab::Cost));
    html! {
        <div class="switch output-switch" role="group" aria-label="What to show">
            <button type="button" id="show-files" aria-pressed={(tab == OutputTab::Files).to_string()} onclick={files}>{ "Files" }</button>
            <button type="button" id="show-cost" aria-pressed={(tab == OutputTab::Cost).to_string()} onclick={cost}>{ "Cost and capacity" }</button>
        </div>
    }
}

fn view_switch(state: &UseReducerHandle<State>, dispatch: &Callback<Action>) -> Html {
    let in_wizard = matches!(state.view, View::Wizard(_));
    let to_wizard = dispatch.reform(|_: MouseEvent| Action::SetView(View::Wizard(Step::Basics)));
    let to_editor = dispatch.reform(|_: MouseEvent| Action::SetView(View::Editor));
    html! {
        <div class="switch" role="group" aria-label="How to edit the plan">
            <button type="button" aria-pressed={in_wizard.to_string()} onclick={to_wizard}>{ "Guided" }</button>
            <button type="button" aria-pressed={(!in_wizard).to_string()} onclick={to_editor}>{ "All options" }</button>
        </div>
    }
}

fn header(
    state: &UseReducerHandle<State>,
    dispatch: &Callback<Action>,
    docs_base: Option<&AttrValue>,
) -> Html {
    let plan = state.plan.clone();
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
                        Ok(text) => match Plan::parse(&text, Format::from_file_name(&name)) {
                            Ok(p) => Action::Replace(Rc::new(p), format!("Imported {name}.")),
                            Err(e) => Action::Notify(Notice::error(format!(
                                "{name} is not a valid plan ({e}). Your plan is unchanged."
                            ))),
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
    let on_reset = dispatch.reform(|_: MouseEvent| {
        Action::Replace(
            Rc::new(preset_plan("quickstart").unwrap_or_default()),
            "The plan was reset to the quickstart preset.".into(),
        )
    });
    html! {
        <header class="top">
            <h1>{ "EKS Auto Mode Planner" }</h1>
            <div class="actions">
                <label class="visually-hidden" for="preset">{ "Start from a preset" }</label>
                <select id="preset" onchange={on_preset}>
                    <option value="" selected=true>{ "Start from a preset…" }</option>
                    { for PRESETS.iter().map(|p| html! { <option value={p.name} title={p.summary}>{ p.name }</option> }) }
                </select>
                { view_switch(state, dispatch) }
                <label class="button" for="import-plan">{ "Import plan" }</label>
                <input id="import-plan" class="visually-hidden" type="file" accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml" onchange={on_import} />
                <button type="button" onclick={on_save}>{ "Download plan" }</button>
                <button type="button" onclick={on_share} id="share">{ "Copy share link" }</button>
                <button type="button" onclick={on_reset} id="reset">{ "Reset" }</button>
            </div>
            <p class="privacy">
                { "Everything runs in your browser. Nothing you type is sent anywhere." }
                if let Some(base) = docs_base {
                    { " " }<a href={format!("{}/index.html", base.trim_end_matches('/'))}>{ "Documentation" }</a>
                }
            </p>
        </header>
    }
}

fn step_intro(step: Step) -> &'static str {
    match step {
        Step::Basics => {
            "Name the cluster, pick its region and Kubernetes version, and decide who can reach its API. Secrets encryption and logging are on by default because AWS security guidance asks for them."
        }
        Step::Network => {
            "Auto Mode places nodes and load balancers in your subnets. A new VPC gets large private subnets for nodes and small public ones for load balancers; an existing one keeps control-plane and node subnets apart."
        }
        Step::Access => {
            "Auto Mode uses access entries instead of the aws-auth ConfigMap. Decide who is cluster-admin, who gets narrower policies, and which pods get AWS permissions through Pod Identity."
        }
        Step::Compute => {
            "Auto Mode launches nodes when pods need them. The built-in pools cover most workloads; add NodePools for spot, GPUs or dedicated teams, and NodeClasses for other subnets, roles or bigger disks."
        }
        Step::Capacity => {
            "Describe what will run: the cost panel simulates what Auto Mode would launch for it, as Karpenter would, and compares the monthly cost with managed node groups and Fargate. Nothing here changes the generated files."
        }
        Step::StorageAndLoadBalancing => {
            "Auto Mode includes an EBS driver and a load balancer controller but creates no StorageClass and no IngressClass. The planner adds both."
        }
        Step::Review => {
            "Check the findings on the right, then download the bundle. Its README gives the apply order, how to verify, and how to tear down."
        }
    }
}

fn wizard(
    step: Step,
    sp: &SectionProps,
    dispatch: &Callback<Action>,
    diagnostics: &Rc<Vec<eksplan_core::Diagnostic>>,
) -> Html {
    let steps = Step::ALL.iter().enumerate().map(|(i, s)| {
        let current = *s == step;
        let target = *s;
        let errors = diagnostics.iter().filter(|d| d.is_error() && Step::for_path(&d.path) == target).count();
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
    let body = match step {
        Step::Basics => html! { <ClusterSection ..sp.clone() /> },
        Step::Network => html! { <NetworkSection ..sp.clone() /> },
        Step::Access => {
            html! { <><AccessSection ..sp.clone() /><PodIdentitySection ..sp.clone() /></> }
        }
        Step::Compute => html! { <ComputeSection ..sp.clone() /> },
        Step::StorageAndLoadBalancing => html! { <>
            <StorageSection ..sp.clone() />
            <LoadBalancingSection ..sp.clone() />
            <SampleSection ..sp.clone() />
        </> },
        Step::Capacity => html! { <CapacitySection ..sp.clone() /> },
        Step::Review => {
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            html! {
                <section class="card" aria-labelledby="review-title">
                    <h2 id="review-title">{ "Review and download" }</h2>
                    if errors > 0 {
                        <p class="stale">{ format!("{errors} error(s) to fix first: select one in the findings to jump to its field.") }</p>
                    } else {
                        <p>{ "The plan has no errors. Download the bundle (“Download .zip” beside the files) and follow its README: terraform apply, then kubectl apply -f kubernetes/." }</p>
                    }
                    <p>{ "Keep the plan (Download plan) to regenerate the bundle later with the same answers, in the browser or with the eksplan command-line tool." }</p>
                </section>
            }
        }
    };
    let back = step.prev().map(|s| {
        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetView(View::Wizard(s)));
        html! { <button type="button" {onclick}>{ format!("Back: {}", s.title()) }</button> }
    });
    let next = step.next().map(|s| {
        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetView(View::Wizard(s)));
        html! { <button type="button" class="primary" {onclick}>{ format!("Next: {}", s.title()) }</button> }
    });
    html! { <>
        <nav aria-label="Steps"><ol class="steps">{ for steps }</ol></nav>
        <p class="step-intro">{ step_intro(step) }</p>
        { body }
        <div class="step-nav">{ for back }{ for next }</div>
    </> }
}
