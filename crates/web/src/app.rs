//! The planner page: header, form (wizard or editor) and output.

use eksplan_core::catalog::date::Date;
use eksplan_core::plan::Plan;
use eksplan_core::presets;
use eksplan_core::{Bundle, Options};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::context::{Dispatch, Findings};
use crate::dialogs::offer_dialog;
use crate::editor::PlanEditor;
use crate::fields::fid;
use crate::menu::{HeaderProps, header, section_menu, steps_nav, view_switch};
use crate::output::{Diagnostics, Files, TargetChoice, Traced};
use crate::persist::{self, Fragment};
use crate::review::Review;
use crate::sections::*;
use crate::splitter::Splitter;
use crate::state::{Action, Edit, Focus, Notice, OutputTab, State, Step, View};

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
    /// Open on this wizard step (a [`Step::slug`] such as `compute`, its
    /// number or its title).
    #[prop_or_default]
    pub step: Option<AttrValue>,
    /// Show this file of the bundle first (a path such as
    /// `kubernetes/10-nodepools.yaml`, or a file name).
    #[prop_or_default]
    pub file: Option<AttrValue>,
    /// Today, for the first render (Kubernetes support windows). A
    /// prerendered page passes the date it was built with, so hydration
    /// sees the same page; the browser's own date follows at once. `None`:
    /// the browser's date from the start.
    #[prop_or_default]
    pub today: Option<Date>,
    /// Keep `today` for good instead of following the browser's clock
    /// (component tests and embedders that price a fixed day).
    #[prop_or_default]
    pub pin_today: bool,
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
            step: None,
            file: None,
            today: None,
            pin_today: false,
        }
    }
}

pub use crate::cost::{COST_PAUSE_MS, SLOW_COST_MS};

/// How long after the last change the plan is autosaved and put in the
/// address bar.
pub const PERSIST_DELAY_MS: u32 = 300;

/// How long typing in the focused field must pause before the lines it
/// produces are found again.
pub const TRACE_DELAY_MS: u32 = 150;

fn preset_plan(name: &str) -> Option<Plan> {
    presets::find(name).and_then(|p| p.plan().ok())
}

/// The first state, from the properties alone (so a page rendered ahead
/// of time matches the first render): the given plan, or the preset, or
/// the defaults (the plan `eksplan init` writes). The autosaved plan and a
/// plan link are read once the planner is on the page ([`Action::Startup`]).
fn initial(props: &AppProps) -> State {
    let plan = props
        .plan
        .as_ref()
        .map(|p| (**p).clone())
        .or_else(|| props.preset.as_deref().and_then(preset_plan))
        .unwrap_or_default();
    let step = props.step.as_deref().and_then(Step::from_slug);
    let view = match (props.wizard, step) {
        (true, s) => View::Wizard(s.unwrap_or(Step::Basics)),
        (false, _) => View::Editor,
    };
    let mut s = State::new(plan, view);
    if let Some(file) = props.file.as_deref().filter(|f| !f.is_empty()) {
        s.selected = Some(file.to_owned());
    }
    if step == Some(Step::Capacity) {
        s.tab = OutputTab::Cost;
    }
    s
}

/// A file named in the properties: a bundle path, or a name matched at
/// the end of one (`10-nodepools.yaml`).
fn resolve_file(bundle: &Bundle, wanted: &str) -> Option<String> {
    if bundle.get(wanted).is_some() {
        return Some(wanted.to_owned());
    }
    bundle
        .files()
        .map(|(p, _)| p)
        .find(|p| p.rsplit('/').next() == Some(wanted) || p.ends_with(&format!("/{wanted}")))
        .map(str::to_owned)
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

/// Focus an element by id inside this planner, opening what hides it.
fn focus_element(root: &web_sys::Element, id: &str) -> bool {
    let Some(el) = root.query_selector(&format!("#{id}")).ok().flatten() else {
        return false;
    };
    let mut parent = el.parent_element();
    while let Some(p) = parent {
        if let Some(d) = p.dyn_ref::<web_sys::HtmlDetailsElement>() {
            d.set_open(true);
        }
        parent = p.parent_element();
    }
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(h) => {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            h.scroll_into_view_with_scroll_into_view_options(&opts);
            h.focus().is_ok()
        }
        Err(_) => false,
    }
}
/// The planner.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| initial(props));
    let root = use_node_ref();
    let layout = use_node_ref();
    let output_ref = use_node_ref();
    // The date the page was built (or mounted) with; the browser's own
    // date replaces it after the first render.
    let today_state = use_state(|| props.today.unwrap_or_else(crate::clock::today));
    let today = *today_state;
    let dispatch = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |a: Action| dispatcher.dispatch(a))
        }))
        .clone()
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
    // What the last edit changed in the files (the bundle before it against
    // the one now), from the on-demand module (`line-changes`), the latest
    // answer winning. Until it answers, no marks.
    let changes = use_state(|| Rc::new(Vec::new()));
    {
        let changes = changes.clone();
        let before = use_mut_ref(|| None::<Rc<Bundle>>);
        let asked = use_mut_ref(|| 0u64);
        use_effect_with(shown_bundle.clone(), move |now| {
            let old = before.borrow_mut().take();
            *before.borrow_mut() = now.clone();
            *asked.borrow_mut() += 1;
            let this = *asked.borrow();
            match (old, now) {
                (Some(old), Some(new)) if !Rc::ptr_eq(&old, new) => {
                    let input = crate::entries::line_changes_input(&old, new);
                    wasm_bindgen_futures::spawn_local(async move {
                        let found = crate::lazy::ask("line-changes", input)
                            .await
                            .and_then(|t| crate::entries::read_line_changes(&t));
                        if *asked.borrow() == this {
                            // A failure shows no marks (the files are as
                            // they are); the next edit asks again.
                            changes.set(Rc::new(found.unwrap_or_default()));
                        }
                    });
                }
                (Some(old), Some(new)) if Rc::ptr_eq(&old, new) => {}
                _ if !changes.is_empty() => changes.set(Rc::new(Vec::new())),
                _ => {}
            }
        });
    }
    let changes = (*changes).clone();
    // The lines the focused field produces: at once when a field takes
    // focus, and once typing pauses while it keeps it (finding them
    // regenerates the bundle a few times, which every keystroke need not
    // pay for). From the on-demand module (`field-lines`), which writes
    // every target, so the lines are those of the files on show.
    let traced = use_state(|| None::<Rc<Traced>>);
    {
        let traced = traced.clone();
        let plan = state.plan.clone();
        let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
        let last_path = use_mut_ref(|| None::<String>);
        let asked = use_mut_ref(|| 0u64);
        use_effect_with(
            (
                state.traced.clone(),
                shown_bundle.is_some(),
                stale,
                plan.clone(),
            ),
            move |(path, shown, stale, _)| {
                *asked.borrow_mut() += 1;
                let this = *asked.borrow();
                let compute = {
                    let (path, ready) = (path.clone(), *shown && !*stale);
                    move || match path {
                        Some(path) if ready => {
                            let input = crate::entries::field_lines_input(&plan, today, &path);
                            wasm_bindgen_futures::spawn_local(async move {
                                let found = match input {
                                    Ok(input) => crate::lazy::ask("field-lines", input)
                                        .await
                                        .and_then(|t| crate::entries::read_field_lines(&t)),
                                    Err(e) => Err(e),
                                };
                                if *asked.borrow() == this {
                                    traced.set(
                                        found.ok().map(|files| Rc::new(Traced { path, files })),
                                    );
                                }
                            });
                        }
                        _ => traced.set(None),
                    }
                };
                let moved = *last_path.borrow() != *path;
                *last_path.borrow_mut() = path.clone();
                if moved {
                    *timer.borrow_mut() = None;
                    compute();
                } else {
                    *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
                        TRACE_DELAY_MS,
                        compute,
                    ));
                }
            },
        );
    }

    let findings = use_memo(diagnostics.clone(), |d| Findings::new(d));
    // A file asked for by name (`?file=10-nodepools.yaml`) is found in the
    // first bundle.
    {
        let dispatch = dispatch.clone();
        let wanted = props.file.clone();
        let bundle = shown_bundle.clone();
        use_effect_with(bundle.is_some(), move |ready| {
            if *ready
                && let (Some(w), Some(b)) = (wanted, bundle)
                && let Some(path) = resolve_file(&b, &w)
                && path != *w
            {
                dispatch.emit(Action::Select(path));
            }
        });
    }

    // The embedding callback hears every change at once. Autosave and the
    // address bar follow once typing pauses: writing localStorage and
    // calling history.replaceState on every keystroke cost more than
    // regenerating the whole bundle (and Chromium throttles replaceState).
    {
        let on_change = props.on_change.clone();
        use_effect_with(state.plan.clone(), move |plan| {
            if let Some(cb) = on_change {
                cb.emit(plan.clone());
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
            // boots) would overwrite the user's autosaved plan. Nothing
            // edited yet (revision 0): the plan on screen is the saved one
            // or the start, and writing it could only overwrite a save.
            if !booted || *rev == 0 {
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
    // Once booted, say so on the element the planner lives in: the page's
    // loader stops holding input back, and tests know it is ready.
    {
        let root = root.clone();
        let plan = state.plan.clone();
        use_effect_with(state.booted, move |booted| {
            if *booted {
                crate::boot::mark_ready(&root);
                crate::warm::start(plan, today);
            }
        });
    }
    // Focus a field once it is rendered.
    {
        let dispatch = dispatch.clone();
        let root = root.clone();
        use_effect_with(state.focus.clone(), move |focus| {
            if let Some(target) = focus {
                if let Some(el) = root.cast::<web_sys::Element>() {
                    match target {
                        Focus::Path(path) => {
                            focus_field(&el, path);
                        }
                        Focus::Element(id) => {
                            focus_element(&el, id);
                        }
                    }
                }
                dispatch.emit(Action::Focused);
            }
        });
    }
    // The first render is done (hydrated or not): the browser's date, then
    // the autosaved plan, then a plan link in the address (which asks first
    // if it would replace different work).
    {
        let dispatch = dispatch.clone();
        let key = props.storage_key.clone();
        let sync = props.sync_url;
        let pinned = props.pin_today && props.today.is_some();
        use_effect_with((), move |_| {
            let real = crate::clock::today();
            if !pinned && real != *today_state {
                today_state.set(real);
            }
            let saved = key.as_deref().and_then(persist::load).map(Box::new);
            let link = if sync {
                persist::read_fragment()
            } else {
                Fragment::None
            };
            dispatch.emit(Action::Startup { saved, link });
        });
    }
    // A plan link pasted into the address bar of an open planner: open it
    // (asking first if it would replace different work; Undo brings back
    // the plan it replaces), or say why it cannot be read.
    {
        let dispatch = dispatch.clone();
        use_effect_with(props.sync_url, move |sync| {
            let listener = sync.then(web_sys::window).flatten().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    match persist::read_fragment() {
                        Fragment::Plan(plan) => {
                            dispatch.emit(Action::Arrive(Rc::new(*plan), "the link".into()));
                        }
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
    // The plan a "keep mine" answer kept: the address shows it again, so a
    // reload does not ask twice.
    {
        let sync = props.sync_url;
        let plan = state.plan.clone();
        use_effect_with(state.offer.is_some(), move |asking| {
            if !*asking && sync && !persist::fragment().is_empty() {
                let shown = persist::read_fragment();
                if let Fragment::Plan(p) = shown
                    && *p != *plan
                {
                    persist::replace_fragment(&plan);
                }
            }
        });
    }
    // Removal buttons inside items (a taint, a term, a budget) say what they
    // remove in `data-undo`: the plan before is kept for Undo first. Yew
    // handles clicks at the element it renders into, in the capture phase,
    // so this listens one level above it (the page's body, or a widget's
    // shadow root), only to clicks inside this planner.
    {
        let dispatch = dispatch.clone();
        let root = root.clone();
        use_effect_with((), move |_| {
            let planner = root.cast::<web_sys::Element>();
            let above = planner
                .as_ref()
                .and_then(|el| el.parent_node())
                .and_then(|host| host.parent_node());
            let listener = planner.zip(above).map(|(planner, above)| {
                let options = gloo::events::EventListenerOptions::run_in_capture_phase();
                gloo::events::EventListener::new_with_options(&above, "click", options, move |e| {
                    let what = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .filter(|t| planner.contains(Some(t)))
                        .and_then(|t| t.closest("button[data-undo]").ok().flatten())
                        .filter(|b| !b.has_attribute("disabled"))
                        .and_then(|b| b.get_attribute("data-undo"));
                    if let Some(what) = what {
                        dispatch.emit(Action::Checkpoint(what));
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

    // An embedded planner links to the full one with the plan in the link,
    // on the same step and file.
    let open_link = use_memo(
        (
            state.plan.clone(),
            props.planner_url.clone(),
            props.compact,
            state.view,
            state.selected.clone(),
        ),
        |(plan, url, compact, view, selected)| {
            let url = url.as_ref().filter(|_| *compact)?;
            let base = url.split('#').next().unwrap_or_default();
            let base = base.split('?').next().unwrap_or_default();
            let step = match view {
                View::Wizard(s) => s.slug(),
                View::Editor => "basics",
            };
            let file = selected.as_deref().unwrap_or("README.md");
            Some(format!(
                "{base}?step={step}&file={}#{}",
                file.replace('&', "%26").replace('#', "%23"),
                eksplan_core::share::encode(plan)
            ))
        },
    );
    // Recent plans live next to the autosave (none for widgets without it).
    let recent_key = props
        .storage_key
        .as_deref()
        .map(|k| AttrValue::from(crate::recent::key_for(k)));
    let recent_generation = use_state(|| 0u64);
    let keep_recent = recent_key.clone().map(|key| {
        let generation = recent_generation.clone();
        Callback::from(move |plan: Rc<Plan>| {
            crate::recent::keep(&key, &plan);
            generation.set(*generation + 1);
        })
    });
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
        header(&HeaderProps {
            plan: state.plan.clone(),
            view: state.view,
            dispatch: dispatch.clone(),
            docs_base: props.docs_base.clone(),
            recent_key: recent_key.clone(),
            recent_generation: *recent_generation,
            start: state.start.clone(),
            start_name: match (&props.plan, &props.preset) {
                (Some(_), _) => AttrValue::Static("the plan this planner opened with"),
                (None, Some(p)) => AttrValue::from(format!("the {p} preset")),
                (None, None) => AttrValue::Static("the defaults"),
            },
            open: state.menu == Some(crate::state::Menu::Actions),
        })
    };
    let offer = state
        .offer
        .as_ref()
        .map(|offer| offer_dialog(offer, &state.plan, &dispatch, keep_recent.as_ref()));
    let notice = state.notice.as_ref().map(|n| {
        let dismiss = dispatch.reform(|_: MouseEvent| Action::Dismiss);
        let undo = dispatch.reform(|_: MouseEvent| Action::Undo);
        html! {
            <div class={classes!("notice", n.error.then_some("error"))} role={if n.error { "alert" } else { "status" }}>
                <span>{ n.text.clone() }</span>
                if let Some(d) = &n.detail {
                    <input class="detail" readonly=true value={d.clone()} aria-label="Share link" />
                }
                if n.undo && !state.history.is_empty() {
                    <button type="button" onclick={undo}>{ "Undo" }</button>
                }
                <button type="button" class="close" onclick={dismiss} aria-label="Dismiss message">{ "×" }</button>
            </div>
        }
    });

    let form = match state.view {
        View::Editor => html! { <>
            { section_menu(&diagnostics, &dispatch) }
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
        View::Wizard(Step::Review) => html! { <>
            { steps_nav(Step::Review, &diagnostics, state.menu == Some(crate::state::Menu::Steps), &dispatch) }
            <p class="step-intro">{ step_intro(Step::Review) }</p>
            <Review plan={state.plan.clone()} diagnostics={diagnostics.clone()}
                bundle={(!stale).then(|| shown_bundle.clone()).flatten()}
                {today} dispatch={dispatch.clone()} />
            { step_nav(Step::Review, &dispatch) }
        </> },
        View::Wizard(step) => wizard(
            step,
            &sp,
            &dispatch,
            &diagnostics,
            state.menu == Some(crate::state::Menu::Steps),
        ),
    };

    let output_view = match state.tab {
        OutputTab::Files => html! { <>
            <TargetChoice target={plan.target} status={target_status} dispatch={dispatch.clone()} />
            <Files bundle={shown_bundle} {stale} selected={state.selected.clone().map(AttrValue::from)}
                cluster={AttrValue::from(plan.cluster.name.clone())} dispatch={dispatch.clone()}
                changes={changes} traced={(*traced).clone()} />
        </> },
        OutputTab::Editor => html! {
            <PlanEditor plan={state.plan.clone()} diagnostics={diagnostics.clone()} dispatch={dispatch.clone()}
                traced={state.traced.clone().map(AttrValue::from)} />
        },
        OutputTab::Cost => html! {
            <crate::lazy::CostSlot plan={plan.clone()} {stale} {today}
                slow_cost_ms={props.slow_cost_ms} dispatch={dispatch.clone()} />
        },
    };
    html! {
        <ContextProvider<Dispatch> context={Dispatch(dispatch.clone())}>
        <ContextProvider<Findings> context={(*findings).clone()}>
        <div class={classes!("planner", props.compact.then_some("compact"))} ref={root}>
            <a class="skip" href="#output" onclick={skip}>{ "Skip to the generated files" }</a>
            { header }
            { for notice }
            { for offer }
            if !props.compact {
                <crate::cluster::slot::ClusterSlot {today} dispatch={dispatch.clone()} />
            }
            <div class="layout" ref={layout.clone()}>
                <main class="form" aria-label="Plan">
                    if props.compact {
                        <div class="compact-bar">
                            { view_switch(state.view, &dispatch) }
                            if let Some(url) = (*open_link).clone() {
                                <a class="button" href={url} target="_blank" rel="noopener">{ "Open in the full planner" }</a>
                            }
                        </div>
                    }
                    { form }
                </main>
                if !props.compact {
                    <Splitter layout={layout} persist={props.storage_key.is_some()} />
                }
                <aside class="output" id="output" aria-label="Output" tabindex="-1" ref={output_ref.clone()}>
                    <Diagnostics diagnostics={diagnostics.clone()} dispatch={dispatch.clone()} docs_base={props.docs_base.clone()} />
                    { output_switch(state.tab, &dispatch) }
                    { output_view }
                </aside>
            </div>
        </div>
        </ContextProvider<Findings>>
        </ContextProvider<Dispatch>>
    }
}

fn output_switch(tab: OutputTab, dispatch: &Callback<Action>) -> Html {
    let files = dispatch.reform(|_: MouseEvent| Action::ShowOutput(OutputTab::Files));
    let editor = dispatch.reform(|_: MouseEvent| Action::ShowOutput(OutputTab::Editor));
    let cost = dispatch.reform(|_: MouseEvent| Action::ShowOutput(OutputTab::Cost));
    html! {
        <div class="switch output-switch" role="group" aria-label="What to show">
            <button type="button" id="show-files" aria-pressed={(tab == OutputTab::Files).to_string()} onclick={files}>{ "Files" }</button>
            <button type="button" id="show-editor" aria-pressed={(tab == OutputTab::Editor).to_string()} onclick={editor}>{ "Plan editor" }</button>
            <button type="button" id="show-cost" aria-pressed={(tab == OutputTab::Cost).to_string()} onclick={cost}>{ "Cost and capacity" }</button>
        </div>
    }
}

fn step_intro(step: Step) -> &'static str {
    match step {
        Step::Basics => {
            "Name the cluster, pick its region and Kubernetes version, and decide who can reach its API. Secrets are encrypted with a KMS key of your own by default, as AWS security guidance asks; control-plane logs are billed per GB, so none is on until you tick them (start with audit and authenticator)."
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
            "Every choice in one table, with what can change once the cluster exists. Download the bundle and apply it with the three commands below; its README has the details, how to verify and how to tear down."
        }
    }
}

/// Back and Next.
fn step_nav(step: Step, dispatch: &Callback<Action>) -> Html {
    let back = step.prev().map(|s| {
        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetView(View::Wizard(s)));
        html! { <button type="button" {onclick}>{ format!("Back: {}", s.title()) }</button> }
    });
    let next = step.next().map(|s| {
        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetView(View::Wizard(s)));
        html! { <button type="button" class="primary" {onclick}>{ format!("Next: {}", s.title()) }</button> }
    });
    html! { <div class="step-nav">{ for back }{ for next }</div> }
}

fn wizard(
    step: Step,
    sp: &SectionProps,
    dispatch: &Callback<Action>,
    diagnostics: &Rc<Vec<eksplan_core::Diagnostic>>,
    steps_open: bool,
) -> Html {
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
        Step::Capacity | Step::Review => html! { <CapacitySection ..sp.clone() /> },
    };
    html! { <>
        { steps_nav(step, diagnostics, steps_open, dispatch) }
        <p class="step-intro">{ step_intro(step) }</p>
        { body }
        { step_nav(step, dispatch) }
    </> }
}
