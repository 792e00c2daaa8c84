//! Questions the planner asks before it could lose something: a link that
//! would replace different work, and removing something other parts of the
//! plan use.

use std::rc::Rc;

use eksplan_core::Plan;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{Action, Choice, Offer};

/// Focus the first button inside `node` once it is on the page.
#[hook]
fn use_focus_first_button(node: NodeRef) {
    use_effect_with((), move |_| {
        if let Some(el) = node.cast::<web_sys::Element>()
            && let Some(button) = el
                .query_selector("button")
                .ok()
                .flatten()
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = button.focus();
        }
    });
}

/// Properties of [`OfferDialog`].
#[derive(Properties, PartialEq)]
pub struct OfferProps {
    /// The arriving plan.
    pub offer: Offer,
    /// The plan the user has.
    pub current: Rc<Plan>,
    /// Send actions.
    pub dispatch: Callback<Action>,
    /// Keep the current plan in the recent plans (`None`: this planner
    /// keeps no recent plans, and the third choice is not offered).
    pub keep_recent: Option<Callback<Rc<Plan>>>,
}

/// "This link holds a different plan": keep mine, open the link's, or open
/// the link's and keep mine in the recent plans.
#[component]
pub fn OfferDialog(p: &OfferProps) -> Html {
    let node = use_node_ref();
    use_focus_first_button(node.clone());
    let keep = p
        .dispatch
        .reform(|_: MouseEvent| Action::Resolve(Choice::KeepMine));
    let open = p
        .dispatch
        .reform(|_: MouseEvent| Action::Resolve(Choice::OpenTheirs));
    let open_and_keep = p.keep_recent.clone().map(|keep_recent| {
        let current = p.current.clone();
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            keep_recent.emit(current.clone());
            dispatch.emit(Action::Resolve(Choice::OpenTheirs));
        })
    });
    let theirs = &p.offer.plan.cluster.name;
    let mine = &p.current.cluster.name;
    let same_name = theirs == mine;
    html! {
        <section class="offer" role="alertdialog" aria-modal="false" aria-labelledby="offer-title"
            aria-describedby="offer-text" ref={node}>
            <h2 id="offer-title">{ format!("Open the plan from {}?", p.offer.from) }</h2>
            <p id="offer-text">
                { format!("It holds a plan for the cluster `{theirs}`, different from the one you were working on") }
                { if same_name { ". " } else { "" } }
                if !same_name { { format!(" (`{mine}`). ") } }
                { "Opening it replaces yours; Undo brings yours back while this page is open." }
            </p>
            <div class="offer-actions">
                <button type="button" onclick={keep}>{ "Keep mine" }</button>
                <button type="button" onclick={open}>{ "Open the link's" }</button>
                if let Some(cb) = open_and_keep {
                    <button type="button" class="primary" onclick={cb}>{ "Open the link's, keep mine in Recent plans" }</button>
                }
            </div>
        </section>
    }
}

/// Properties of [`RemoveInUse`].
#[derive(Properties, PartialEq)]
pub struct RemoveInUseProps {
    /// What is being removed ("NodeClass gpu").
    pub what: AttrValue,
    /// Who uses it ("NodePool gpu-a", "workload trainer").
    pub users: Vec<AttrValue>,
    /// What removing the users means ("Remove NodeClass gpu and its 2
    /// NodePools").
    pub remove_label: AttrValue,
    /// Names the users could point at instead.
    pub choices: Vec<AttrValue>,
    /// Remove it and its users.
    pub on_remove: Callback<()>,
    /// Remove it and point its users at this name.
    pub on_repoint: Callback<String>,
    /// Do nothing.
    pub on_cancel: Callback<()>,
    /// Element id (for focus and tests).
    pub id: AttrValue,
}

/// "NodeClass gpu is in use": remove its users too, point them elsewhere,
/// or cancel.
#[component]
pub fn RemoveInUse(p: &RemoveInUseProps) -> Html {
    let node = use_node_ref();
    use_focus_first_button(node.clone());
    let target = use_state(|| p.choices.first().cloned().unwrap_or_default());
    let title = format!("{}-title", p.id);
    let select = format!("{}-target", p.id);
    let on_select = {
        let target = target.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            target.set(AttrValue::from(s.value()));
        })
    };
    let remove = p.on_remove.reform(|_: MouseEvent| ());
    let cancel = p.on_cancel.reform(|_: MouseEvent| ());
    let repoint = {
        let target = target.clone();
        p.on_repoint.reform(move |_: MouseEvent| target.to_string())
    };
    html! {
        <div class="confirm" role="alertdialog" aria-modal="false" aria-labelledby={title.clone()} id={p.id.clone()} ref={node}>
            <p id={title}>
                <strong>{ format!("{} is in use", p.what) }</strong>
                { format!(" by {}.", p.users.iter().map(|u| u.as_str()).collect::<Vec<_>>().join(", ")) }
            </p>
            <div class="confirm-actions">
                <button type="button" class="danger" onclick={remove}>{ p.remove_label.clone() }</button>
                if !p.choices.is_empty() {
                    <span class="repoint">
                        <label for={select.clone()}>{ "or use" }</label>
                        <select id={select} onchange={on_select}>
                            { for p.choices.iter().map(|c| html! { <option value={c.clone()} selected={*c == *target}>{ c.clone() }</option> }) }
                        </select>
                        <button type="button" onclick={repoint}>{ format!("instead, and remove {}", p.what) }</button>
                    </span>
                }
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </div>
    }
}
