//! Where the planner shows "I have a cluster": a button, and once pressed
//! the view from the on-demand module (`crates/extras`, `mountMigrate`),
//! fetched from this site the first time. "Continue in the planner"
//! replaces the plan the way a preset or an import does: undoable.

use std::rc::Rc;

use eksplan_core::Plan;
use eksplan_core::catalog::date::Date;
use yew::prelude::*;

use crate::state::Action;

/// Properties of [`ClusterSlot`].
#[derive(Properties, PartialEq, Clone)]
pub struct ClusterSlotProps {
    /// Today (the report's support windows).
    pub today: Date,
    /// Send actions to the planner.
    pub dispatch: Callback<Action>,
}

fn replace(dispatch: &Callback<Action>, close: &UseStateHandle<bool>) -> Callback<Rc<Plan>> {
    let (dispatch, close) = (dispatch.clone(), close.clone());
    Callback::from(move |plan: Rc<Plan>| {
        let name = plan.cluster.name.clone();
        dispatch.emit(Action::Replace(
            plan,
            format!("Loaded the plan of cluster {name} from the import (cluster.mode: existing). Undo brings back the plan you had."),
        ));
        close.set(false);
    })
}

/// The button and, once opened, the view. Closing only hides it: the files
/// given so far stay (nothing the user gave is lost by closing, or by
/// "Continue in the planner"), until the page is left.
#[component]
pub fn ClusterSlot(p: &ClusterSlotProps) -> Html {
    let open = use_state(|| false);
    let opened = use_state(|| false);
    let toggle = {
        let (open, opened) = (open.clone(), opened.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(!*open);
            opened.set(true);
        })
    };
    let on_plan = replace(&p.dispatch, &open);
    html! {
        <div class="cluster-slot">
            <button type="button" id="open-cluster" aria-expanded={open.to_string()} aria-controls="cluster-panel" onclick={toggle}>
                { if *open { "Close \u{201c}I have a cluster\u{201d}" } else { "I have a cluster" } }
            </button>
            if *opened {
                <div id="cluster-panel" class="cluster-panel" hidden={!*open}>
                    <Panel today={p.today} {on_plan} />
                </div>
            }
        </div>
    }
}

/// Properties of the panel.
#[derive(Properties, PartialEq, Clone)]
struct PanelProps {
    today: Date,
    on_plan: Callback<Rc<Plan>>,
}

/// The view, in place (the component tests).
#[cfg(feature = "inline-cluster")]
#[component]
fn Panel(p: &PanelProps) -> Html {
    html! { <super::ClusterImport today={p.today} on_plan={p.on_plan.clone()} /> }
}

/// The offline file (`inline-extras` without `inline-cluster`): it cannot
/// fetch the on-demand module, and the import and migration code would take
/// it over its size budget, so it says where the view is instead.
#[cfg(all(feature = "inline-extras", not(feature = "inline-cluster")))]
#[component]
fn Panel(_p: &PanelProps) -> Html {
    html! {
        <section class="cluster-import" aria-labelledby="cluster-title">
            <h2 id="cluster-title">{ "I have a cluster" }</h2>
            <p id="cluster-offline">
                { "The offline file leaves out the cluster import to stay small. Use the planner page (it reads your files in the browser too, and sends nothing), or run " }
                <code>{ "eksplan migrate DIR --out bundle/" }</code>
                { " (" }<code>{ "eksplan migrate --print-collect-script" }</code>{ " prints collect.sh)." }
            </p>
        </section>
    }
}

#[cfg(not(feature = "inline-extras"))]
use remote::Panel;

#[cfg(not(feature = "inline-extras"))]
mod remote {
    use super::*;
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::Element;

    #[wasm_bindgen]
    extern "C" {
        /// Mount the "I have a cluster" view into `host`.
        #[wasm_bindgen(method, catch, js_name = mountMigrate)]
        fn mount_migrate(
            this: &crate::lazy::Extras,
            host: &Element,
            today: &str,
            on_plan: &js_sys::Function,
        ) -> Result<MigrateHandle, JsValue>;

        /// A mounted view.
        type MigrateHandle;

        #[wasm_bindgen(method)]
        fn destroy(this: &MigrateHandle);
    }

    enum Status {
        Loading,
        Ready,
        Failed(String),
    }

    /// The view from the on-demand module, mounted into an element of its
    /// own once the module has arrived.
    #[component]
    pub(super) fn Panel(p: &PanelProps) -> Html {
        let host = use_node_ref();
        let status = use_state(|| Status::Loading);
        let on_plan = use_mut_ref(|| p.on_plan.clone());
        *on_plan.borrow_mut() = p.on_plan.clone();
        let mounted = use_mut_ref(|| None::<(MigrateHandle, Closure<dyn Fn(String)>)>);
        {
            let (host, status, mounted, on_plan) = (
                host.clone(),
                status.clone(),
                mounted.clone(),
                on_plan.clone(),
            );
            let today = p.today.to_string();
            use_effect_with((), move |_| {
                let gone = Rc::new(RefCell::new(false));
                let alive = gone.clone();
                let cleanup = mounted.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let module = crate::lazy::extras().await;
                    let Some(el) = host.cast::<Element>().filter(|_| !*alive.borrow()) else {
                        return;
                    };
                    let result = module.and_then(|m| {
                        let cb = on_plan.clone();
                        let closure = Closure::<dyn Fn(String)>::new(move |json: String| {
                            if let Ok(plan) = Plan::from_json(&json) {
                                cb.borrow().emit(Rc::new(plan));
                            }
                        });
                        let handle = m
                            .mount_migrate(&el, &today, closure.as_ref().unchecked_ref())
                            .map_err(|e| {
                                e.dyn_ref::<js_sys::Error>()
                                    .map(|e| String::from(e.message()))
                                    .unwrap_or_else(|| "unknown error".into())
                            })?;
                        *mounted.borrow_mut() = Some((handle, closure));
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
        html! {
            <div class="lazy-slot">
                {
                    match &*status {
                        Status::Loading => html! {
                            <p class="lazy-status" role="status">{ "Loading the cluster import (a second file from this site; nothing is sent)…" }</p>
                        },
                        Status::Ready => Html::default(),
                        Status::Failed(e) => html! {
                            <p class="stale" role="alert">{ format!("The cluster import could not be loaded: {e}. Reload the page to try again.") }</p>
                        },
                    }
                }
                <div class="lazy-host" ref={host}></div>
            </div>
        }
    }
}
