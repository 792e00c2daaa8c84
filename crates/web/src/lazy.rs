//! What the first paint does not need, loaded on demand.
//!
//! The cost view (the capacity simulation, the instance catalog's prices
//! and the charts) lives in a second WebAssembly module built from
//! `crates/extras`, fetched from the page's own origin the first time it is
//! wanted, and prefetched by the page's loader once the planner is idle.
//! Every planner on a page shares the one download and the one instance.
//!
//! The page's loader (`boot.js`, `widget.js`, or the offline file, which
//! carries the module inline) defines `EksPlannerExtras.load()`, a promise
//! of that module's exports, memoised. The module's exports are declared
//! in [`Extras`]; a new on-demand feature (an output target, the migration
//! import) adds one export in `crates/extras` and one method here, or one
//! entry in `eksplan_extras::entries` reached through [`call`] when it
//! only turns text into text.
//!
//! Nothing crosses the module boundary but the plan itself, in memory:
//! the module is a static file, and calling it is a function call.
//!
//! Built with the `inline-extras` feature (the component tests and the
//! offline file), the cost view is rendered in place instead, from the same
//! component, and issue 13's entries ([`ask`]) run in place.

use eksplan_core::Plan;
use eksplan_core::catalog::date::Date;
use std::rc::Rc;
use yew::prelude::*;

use crate::state::Action;

/// Properties of [`CostSlot`].
#[derive(Properties, PartialEq, Clone)]
pub struct CostSlotProps {
    /// The plan.
    pub plan: Rc<Plan>,
    /// The plan has errors: keep the last figures, marked.
    pub stale: bool,
    /// Today.
    pub today: Date,
    /// See [`AppProps::slow_cost_ms`](crate::AppProps::slow_cost_ms).
    pub slow_cost_ms: f64,
    /// Send actions to the planner.
    pub dispatch: Callback<Action>,
}

/// The cost tab: [`CostTab`](crate::cost_tab::CostTab), in place (the
/// component tests and the offline file).
#[cfg(feature = "inline-extras")]
#[component]
pub fn CostSlot(p: &CostSlotProps) -> Html {
    html! {
        <crate::cost_tab::CostTab plan={p.plan.clone()} stale={p.stale} today={p.today}
            slow_cost_ms={p.slow_cost_ms} dispatch={p.dispatch.clone()} />
    }
}

/// Run the text-to-text entry `entry` of the on-demand module
/// ([`crate::entries`] lists issue 13's): there, loading it the first time.
#[cfg(not(feature = "inline-extras"))]
pub async fn ask(entry: &str, input: String) -> Result<String, String> {
    call(entry, &input).await
}

/// See above: in place (the component tests and the offline file). The
/// field trace regenerates with the Terraform writer, the only one these
/// builds carry (the files on show are Terraform's).
#[cfg(feature = "inline-extras")]
pub async fn ask(entry: &str, input: String) -> Result<String, String> {
    match entry {
        "line-changes" => crate::entries::line_changes(&input),
        "field-lines" => crate::entries::field_lines_with(&input, eksplan_core::generate_terraform),
        "review-table" => crate::entries::review_table(&input),
        _ => Err(format!("no entry `{entry}` in place")),
    }
}

/// `bundle` as the bytes of `{root}.zip` (the same bytes as `eksplan
/// generate --zip`): written by the on-demand module, loading it the first
/// time (the zip writer is not needed before a download).
#[cfg(not(feature = "inline-extras"))]
pub async fn zip(bundle: &eksplan_core::Bundle, root: &str) -> Result<Vec<u8>, String> {
    remote::zip(bundle, root).await
}

/// See above: in place (the component tests and the offline file).
#[cfg(feature = "inline-extras")]
pub async fn zip(bundle: &eksplan_core::Bundle, root: &str) -> Result<Vec<u8>, String> {
    bundle.to_zip(root).map_err(|e| e.to_string())
}

#[cfg(not(feature = "inline-extras"))]
pub use remote::{CostSlot, Extras, call, extras};

/// The actions the cost view sends the planner, as they cross the module
/// boundary: three strings (a kind and two texts), the plan as JSON text.
pub mod wire {
    use super::*;
    use crate::state::Notice;

    /// `action` as `(kind, text, detail)`; `None` for an action the cost
    /// view never sends.
    pub fn encode(action: &Action) -> Option<(&'static str, String, String)> {
        match action {
            Action::Focus(path) => Some(("focus", path.clone(), String::new())),
            Action::Replace(plan, why) => Some((
                "replace",
                eksplan_core::textfmt::json(&**plan).ok()?,
                why.clone(),
            )),
            Action::Notify(n) => Some((
                if n.error { "error" } else { "info" },
                n.text.clone(),
                String::new(),
            )),
            _ => None,
        }
    }

    /// A bundle's files as they cross the module boundary: a JSON object
    /// of path → text.
    pub fn bundle_to_json(bundle: &eksplan_core::Bundle) -> String {
        let files: serde_json::Map<String, serde_json::Value> = bundle
            .files()
            .map(|(path, text)| (path.to_owned(), serde_json::Value::from(text)))
            .collect();
        serde_json::Value::Object(files).to_string()
    }

    /// The bundle [`bundle_to_json`] wrote, or what is wrong with the text.
    pub fn bundle_from_json(text: &str) -> Result<eksplan_core::Bundle, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("the files: {e}"))?;
        let files = value.as_object().ok_or("the files are not an object")?;
        let mut bundle = eksplan_core::Bundle::new();
        for (path, text) in files {
            let text = text
                .as_str()
                .ok_or_else(|| format!("the file `{path}` is not text"))?;
            bundle.insert(path.clone(), text);
        }
        Ok(bundle)
    }

    /// The action [`encode`] turned into `(kind, text, detail)`; a plan
    /// that does not read back becomes an error notice naming why.
    pub fn decode(kind: &str, text: &str, detail: &str) -> Option<Action> {
        match kind {
            "focus" => Some(Action::Focus(text.to_owned())),
            "replace" => Some(match Plan::from_json(text) {
                Ok(plan) => Action::Replace(Rc::new(plan), detail.to_owned()),
                Err(e) => Action::Notify(Notice::error(format!(
                    "The cost view sent a plan that does not read back: {e}"
                ))),
            }),
            "error" => Some(Action::Notify(Notice::error(text))),
            "info" => Some(Action::Notify(Notice::info(text))),
            _ => None,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn round_trip(a: &Action) -> Option<Action> {
            let (kind, text, detail) = encode(a)?;
            decode(kind, &text, &detail)
        }

        #[test]
        fn what_the_cost_view_sends_arrives_unchanged() {
            let plan = eksplan_core::presets::find("production")
                .and_then(|p| p.plan().ok())
                .unwrap_or_default();
            let sent = [
                Action::Focus("capacity.workloads[1].replicas".into()),
                Action::Replace(Rc::new(plan), "Applied \u{201c}Allow arm64\u{201d}".into()),
                Action::Notify(Notice::error("This hint no longer fits the plan")),
                Action::Notify(Notice::info("Done")),
            ];
            for a in &sent {
                let same = match (a, round_trip(a)) {
                    (Action::Focus(x), Some(Action::Focus(y))) => *x == y,
                    (Action::Replace(p, w), Some(Action::Replace(q, v))) => p == &q && *w == v,
                    (Action::Notify(m), Some(Action::Notify(n))) => *m == n,
                    _ => false,
                };
                assert!(same, "{:?}", encode(a));
            }
        }

        #[test]
        fn a_bundle_crosses_unchanged() {
            let plan = eksplan_core::presets::find("production")
                .and_then(|p| p.plan().ok())
                .unwrap_or_default();
            let Ok(bundle) =
                eksplan_core::generate(&plan, &eksplan_core::Options::default()).bundle
            else {
                panic!("the production preset generates");
            };
            let back = bundle_from_json(&bundle_to_json(&bundle));
            assert_eq!(back.as_ref(), Ok(&bundle));
            assert!(bundle_from_json("[1]").is_err());
            let e = bundle_from_json("{\"a.tf\": 3}");
            assert!(e.as_ref().is_err_and(|e| e.contains("a.tf")), "{e:?}");
        }

        #[test]
        fn a_plan_that_does_not_read_back_is_an_error_notice() {
            match decode("replace", "{\"cluster\": {\"nmae\": 1}}", "why") {
                Some(Action::Notify(n)) => {
                    assert!(n.error && n.text.contains("nmae"), "{}", n.text);
                }
                _ => panic!("expected an error notice"),
            }
            assert!(decode("launch", "", "").is_none());
            assert!(encode(&Action::Undo).is_none());
        }
    }
}

#[cfg(not(feature = "inline-extras"))]
mod remote {
    use super::*;
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::Element;

    #[wasm_bindgen]
    extern "C" {
        /// The on-demand module's exports (`crates/extras`).
        pub type Extras;

        #[wasm_bindgen(catch, js_namespace = EksPlannerExtras, js_name = load)]
        fn load() -> Result<js_sys::Promise, JsValue>;

        /// Mount the cost view into `host`.
        #[wasm_bindgen(method, catch, js_name = mountCost)]
        fn mount_cost(
            this: &Extras,
            host: &Element,
            plan: &str,
            today: &str,
            slow_ms: f64,
            stale: bool,
            on_action: &js_sys::Function,
        ) -> Result<CostHandle, JsValue>;

        /// The bytes of `{root}.zip` for a bundle's files (JSON text).
        #[wasm_bindgen(method, catch, js_name = zip)]
        fn zip_files(this: &Extras, files: &str, root: &str) -> Result<Vec<u8>, JsValue>;

        /// A text-to-text entry (`eksplan_extras::entries`).
        #[wasm_bindgen(method, catch, js_name = call)]
        fn call_entry(this: &Extras, entry: &str, input: &str) -> Result<String, JsValue>;

        /// A mounted cost view.
        type CostHandle;

        #[wasm_bindgen(method, catch)]
        fn update(this: &CostHandle, plan: &str, stale: bool) -> Result<(), JsValue>;

        #[wasm_bindgen(method)]
        fn destroy(this: &CostHandle);
    }

    fn message(e: JsValue) -> String {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "unknown error".into())
    }

    /// The on-demand module, loading it the first time (one download and
    /// one instance per page, shared by every planner on it).
    pub async fn extras() -> Result<Extras, String> {
        let promise =
            load().map_err(|_| "this page cannot load the planner's extras".to_owned())?;
        let module = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(message)?;
        Ok(module.unchecked_into())
    }

    /// Run a text-to-text entry of the on-demand module.
    pub async fn call(entry: &str, input: &str) -> Result<String, String> {
        extras().await?.call_entry(entry, input).map_err(message)
    }

    /// See [`super::zip`].
    pub async fn zip(bundle: &eksplan_core::Bundle, root: &str) -> Result<Vec<u8>, String> {
        extras()
            .await?
            .zip_files(&super::wire::bundle_to_json(bundle), root)
            .map_err(message)
    }

    fn plan_json(plan: &Plan) -> String {
        eksplan_core::textfmt::json(plan).unwrap_or_default()
    }

    enum Status {
        Loading,
        Ready,
        Failed(String),
    }

    /// The latest props, for the mount that completes after a download.
    struct Latest {
        plan: Rc<Plan>,
        stale: bool,
        dispatch: Callback<Action>,
    }

    /// The cost tab: the on-demand module's cost view, mounted into an
    /// element of its own once the module has arrived.
    #[component]
    pub fn CostSlot(p: &CostSlotProps) -> Html {
        let host = use_node_ref();
        let status = use_state(|| Status::Loading);
        let latest = use_mut_ref(|| Latest {
            plan: p.plan.clone(),
            stale: p.stale,
            dispatch: p.dispatch.clone(),
        });
        {
            let mut l = latest.borrow_mut();
            l.plan = p.plan.clone();
            l.stale = p.stale;
            l.dispatch = p.dispatch.clone();
        }
        let mounted = use_mut_ref(|| None::<(CostHandle, Closure<dyn Fn(String, String, String)>)>);
        {
            let (host, status, latest, mounted) = (
                host.clone(),
                status.clone(),
                latest.clone(),
                mounted.clone(),
            );
            let (today, slow_ms) = (p.today.to_string(), p.slow_cost_ms);
            use_effect_with((), move |_| {
                let gone = Rc::new(RefCell::new(false));
                let alive = gone.clone();
                let cleanup = mounted.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let module = extras().await;
                    let Some(el) = host.cast::<Element>().filter(|_| !*alive.borrow()) else {
                        return;
                    };
                    let result = module.and_then(|m| {
                        let action_latest = latest.clone();
                        let on_action = Closure::<dyn Fn(String, String, String)>::new(
                            move |kind: String, text: String, detail: String| {
                                if let Some(a) = super::wire::decode(&kind, &text, &detail) {
                                    action_latest.borrow().dispatch.emit(a);
                                }
                            },
                        );
                        let l = latest.borrow();
                        let handle = m
                            .mount_cost(
                                &el,
                                &plan_json(&l.plan),
                                &today,
                                slow_ms,
                                l.stale,
                                on_action.as_ref().unchecked_ref(),
                            )
                            .map_err(message)?;
                        *mounted.borrow_mut() = Some((handle, on_action));
                        Ok(())
                    });
                    status.set(match result {
                        Ok(()) => Status::Ready,
                        Err(e) => Status::Failed(e),
                    });
                });
                move || {
                    *gone.borrow_mut() = true;
                    if let Some((handle, _)) = cleanup.borrow_mut().take() {
                        handle.destroy();
                    }
                }
            });
        }
        {
            let mounted = mounted.clone();
            use_effect_with((p.plan.clone(), p.stale), move |(plan, stale)| {
                if let Some((handle, _)) = &*mounted.borrow() {
                    let _ = handle.update(&plan_json(plan), *stale);
                }
            });
        }
        html! {
            <div class="lazy-slot">
                {
                    match &*status {
                        Status::Loading => html! {
                            <p class="lazy-status" role="status">{ "Loading the cost model (a second file from this site; nothing is sent)…" }</p>
                        },
                        Status::Ready => Html::default(),
                        Status::Failed(e) => html! {
                            <p class="stale" role="alert">{ format!("The cost model could not be loaded: {e}. Reload the page to try again; the files are not affected.") }</p>
                        },
                    }
                }
                <div class="lazy-host" ref={host}></div>
            </div>
        }
    }
}
