//! Recent plans: a short list of plans kept in localStorage, so a plan the
//! user set aside (to open a link, say) can be opened again later.
//!
//! Each entry is the plan (as plan JSON, read back like any import), the
//! cluster's name and when it was kept. Identical plans are kept once; the
//! newest comes first; the list holds at most [`MAX_RECENT`].

use eksplan_core::Plan;
use eksplan_core::plan::read::{self, Kind, Node};
use serde::Serialize;

use crate::persist;

/// How many plans the list keeps.
pub const MAX_RECENT: usize = 8;

/// The list's localStorage key for a planner autosaving under `key`.
pub fn key_for(autosave_key: &str) -> String {
    if autosave_key == persist::STORAGE_KEY {
        "eksplan.recent.v1".to_owned()
    } else {
        format!("{autosave_key}.recent")
    }
}

/// One kept plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Recent {
    /// The cluster's name, for the list.
    pub name: String,
    /// When it was kept (`2026-11-21 14:05`, local time).
    pub kept: String,
    /// The plan.
    pub plan: Plan,
}

/// An entry as stored: `{"name": …, "kept": …, "plan": {…}}` (written with
/// serde_json, read back with the plan reader, like every plan).
#[derive(Serialize)]
struct Stored {
    name: String,
    kept: String,
    plan: serde_json::Value,
}

fn text_of(node: Option<&Node>) -> String {
    match node.map(|n| &n.kind) {
        Some(Kind::Str(s) | Kind::Plain(s)) => s.clone(),
        _ => String::new(),
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The list under `key` (entries that no longer read are skipped).
pub fn load(key: &str) -> Vec<Recent> {
    let Some(text) = storage().and_then(|s| s.get_item(key).ok().flatten()) else {
        return Vec::new();
    };
    let Ok(Some(root)) = read::parse(&text) else {
        return Vec::new();
    };
    let Kind::Seq(items) = root.kind else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let plan = Plan::from_node(item.get("plan")?).ok()?;
            Some(Recent {
                name: text_of(item.get("name")),
                kept: text_of(item.get("kept")),
                plan,
            })
        })
        .collect()
}

fn store(key: &str, list: &[Recent]) {
    let stored: Vec<Stored> = list
        .iter()
        .filter_map(|r| {
            Some(Stored {
                name: r.name.clone(),
                kept: r.kept.clone(),
                plan: eksplan_core::textfmt::value(&r.plan).ok()?,
            })
        })
        .collect();
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&stored)) {
        // Best effort: storage may be full or disabled.
        let _ = s.set_item(key, &text);
    }
}

/// Now, in local time, as the list shows it.
fn now() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Add `plan` at the top of the list (moving it there if it is listed
/// already), and return the new list.
pub fn keep(key: &str, plan: &Plan) -> Vec<Recent> {
    let mut list = load(key);
    list.retain(|r| r.plan != *plan);
    list.insert(
        0,
        Recent {
            name: plan.cluster.name.clone(),
            kept: now(),
            plan: plan.clone(),
        },
    );
    list.truncate(MAX_RECENT);
    store(key, &list);
    list
}

/// Remove entry `index`; returns the new list and what was removed.
pub fn forget(key: &str, index: usize) -> (Vec<Recent>, Option<Recent>) {
    let mut list = load(key);
    let removed = (index < list.len()).then(|| list.remove(index));
    store(key, &list);
    (list, removed)
}

/// Put back an entry removed by [`forget`] at `index`.
pub fn restore(key: &str, index: usize, entry: Recent) -> Vec<Recent> {
    let mut list = load(key);
    list.retain(|r| r.plan != entry.plan);
    list.insert(index.min(list.len()), entry);
    list.truncate(MAX_RECENT);
    store(key, &list);
    list
}

use std::rc::Rc;
use yew::prelude::*;

use crate::state::Action;

/// Properties of [`RecentPlans`].
#[derive(Properties, PartialEq)]
pub struct RecentProps {
    /// The list's localStorage key.
    pub key_name: AttrValue,
    /// The current plan (kept in the list when another is opened).
    pub plan: Rc<Plan>,
    /// Send actions.
    pub dispatch: Callback<Action>,
    /// Incremented by the planner when it kept a plan in the list itself.
    #[prop_or_default]
    pub generation: u64,
}

/// The recent plans menu: keep a copy of this plan, open a kept one (this
/// one is kept in its place, and Undo works), forget one (with its own
/// undo).
#[component]
pub fn RecentPlans(p: &RecentProps) -> Html {
    let list = use_state(Vec::<Recent>::new);
    let open = use_state(|| false);
    let forgotten = use_state(|| None::<(usize, Recent)>);
    {
        let list = list.clone();
        let key = p.key_name.clone();
        use_effect_with((key, p.generation, *open), move |(key, _, _)| {
            list.set(load(key));
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let keep_this = {
        let (list, key, plan) = (list.clone(), p.key_name.clone(), p.plan.clone());
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            list.set(keep(&key, &plan));
            dispatch.emit(Action::Notify(crate::state::Notice::info(format!(
                "Kept a copy of {} in Recent plans.",
                plan.cluster.name
            ))));
        })
    };
    let count = list.len();
    html! {
        <div class="menu recent">
            <button type="button" class="menu-toggle" aria-expanded={open.to_string()} aria-controls="recent-list" onclick={toggle}>
                { format!("Recent plans ({count})") }
            </button>
            if *open {
                <div class="menu-panel" id="recent-list">
                    <button type="button" onclick={keep_this}>{ "Keep a copy of this plan" }</button>
                    if list.is_empty() {
                        <p class="help">{ "No plans kept yet. A plan set aside to open a link, or kept here, is listed until you forget it." }</p>
                    } else {
                        <ul>
                            { for list.iter().enumerate().map(|(i, r)| {
                                let open_it = {
                                    let (list, key, current) = (list.clone(), p.key_name.clone(), p.plan.clone());
                                    let dispatch = p.dispatch.clone();
                                    let (plan, name) = (r.plan.clone(), r.name.clone());
                                    let open = open.clone();
                                    Callback::from(move |_: MouseEvent| {
                                        // The plan on screen takes its place in the list.
                                        list.set(keep(&key, &current));
                                        dispatch.emit(Action::Replace(Rc::new(plan.clone()), format!("Opened {name} from Recent plans; the plan you had is kept there.")));
                                        open.set(false);
                                    })
                                };
                                let forget_it = {
                                    let (list, key, forgotten) = (list.clone(), p.key_name.clone(), forgotten.clone());
                                    Callback::from(move |_: MouseEvent| {
                                        let (rest, removed) = forget(&key, i);
                                        list.set(rest);
                                        forgotten.set(removed.map(|r| (i, r)));
                                    })
                                };
                                let same = r.plan == *p.plan;
                                html! {
                                    <li>
                                        <span class="recent-name">{ r.name.clone() }</span>
                                        <span class="recent-when">{ format!(" kept {}", r.kept) }</span>
                                        if same { <span class="recent-when">{ " (on screen)" }</span> }
                                        <span class="recent-tools">
                                            <button type="button" onclick={open_it} disabled={same} aria-label={format!("Open {} (kept {})", r.name, r.kept)}>{ "Open" }</button>
                                            <button type="button" class="danger" onclick={forget_it} aria-label={format!("Forget {} (kept {})", r.name, r.kept)}>{ "Forget" }</button>
                                        </span>
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                    if let Some((i, r)) = (*forgotten).clone() {
                        <p class="help" role="status">
                            { format!("Forgot {}. ", r.name) }
                            <button type="button" class="link" onclick={{
                                let (list, key, forgotten) = (list.clone(), p.key_name.clone(), forgotten.clone());
                                Callback::from(move |_: MouseEvent| {
                                    list.set(restore(&key, i, r.clone()));
                                    forgotten.set(None);
                                })
                            }}>{ "Bring it back" }</button>
                        </p>
                    }
                </div>
            }
        </div>
    }
}
