//! Questions the planner asks before it could lose something: a link that
//! would replace different work, and removing something other parts of the
//! plan use.

use std::rc::Rc;

use eksplan_core::Plan;
use yew::prelude::*;

use crate::state::{Action, Choice, Offer};

/// The id of the offer's first answer, which takes focus when it opens.
pub const OFFER_FOCUS: &str = "offer-keep";

/// "This link holds a different plan": keep mine, open the link's, or open
/// the link's and keep mine in the recent plans (`keep_recent`; without
/// it, this planner keeps no recent plans and the third answer is not
/// offered).
pub fn offer_dialog(
    offer: &Offer,
    current: &Rc<Plan>,
    dispatch: &Callback<Action>,
    keep_recent: Option<&Callback<Rc<Plan>>>,
) -> Html {
    let keep = dispatch.reform(|_: MouseEvent| Action::Resolve(Choice::KeepMine));
    let open = dispatch.reform(|_: MouseEvent| Action::Resolve(Choice::OpenTheirs));
    let open_and_keep = keep_recent.cloned().map(|keep_recent| {
        let current = current.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            keep_recent.emit(current.clone());
            dispatch.emit(Action::Resolve(Choice::OpenTheirs));
        })
    });
    let theirs = &offer.plan.cluster.name;
    let mine = &current.cluster.name;
    let same_name = theirs == mine;
    html! {
        <section class="offer" role="alertdialog" aria-modal="false" aria-labelledby="offer-title"
            aria-describedby="offer-text">
            <h2 id="offer-title">{ format!("Open the plan from {}?", offer.from) }</h2>
            <p id="offer-text">
                { format!("It holds a plan for the cluster `{theirs}`, different from the one you were working on") }
                { if same_name { ". " } else { "" } }
                if !same_name { { format!(" (`{mine}`). ") } }
                { "Opening it replaces yours; Undo brings yours back while this page is open." }
            </p>
            <div class="offer-actions">
                <button type="button" id={OFFER_FOCUS} onclick={keep}>{ "Keep mine" }</button>
                <button type="button" onclick={open}>{ "Open the link's" }</button>
                if let Some(cb) = open_and_keep {
                    <button type="button" class="primary" onclick={cb}>{ "Open the link's, keep mine in Recent plans" }</button>
                }
            </div>
        </section>
    }
}

/// What [`remove_in_use`] asks about.
pub struct RemoveInUse {
    /// What is being removed ("NodeClass gpu").
    pub what: String,
    /// Who uses it ("NodePool gpu-a", "workload trainer").
    pub users: Vec<String>,
    /// What removing the users means ("Remove NodeClass gpu and NodePool
    /// gpu").
    pub remove_label: String,
    /// Names the users could point at instead.
    pub choices: Vec<String>,
    /// Remove it and its users.
    pub on_remove: Callback<()>,
    /// Remove it and point its users at this name.
    pub on_repoint: Callback<String>,
    /// Do nothing.
    pub on_cancel: Callback<()>,
    /// Element id (the first answer is `{id}-remove`, which takes focus).
    pub id: String,
    /// The list of names to point at (read when the answer is given).
    pub target: NodeRef,
}

/// "NodeClass gpu is in use": remove its users too, point them elsewhere,
/// or cancel.
pub fn remove_in_use(p: RemoveInUse) -> Html {
    let title = format!("{}-title", p.id);
    let select = format!("{}-target", p.id);
    let remove = p.on_remove.reform(|_: MouseEvent| ());
    let cancel = p.on_cancel.reform(|_: MouseEvent| ());
    let repoint = {
        let (target, on_repoint) = (p.target.clone(), p.on_repoint.clone());
        let first = p.choices.first().cloned().unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let chosen = target
                .cast::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_else(|| first.clone());
            on_repoint.emit(chosen);
        })
    };
    html! {
        <div class="confirm" role="alertdialog" aria-modal="false" aria-labelledby={title.clone()} id={p.id.clone()}>
            <p id={title}>
                <strong>{ format!("{} is in use", p.what) }</strong>
                { format!(" by {}.", p.users.join(", ")) }
            </p>
            <div class="confirm-actions">
                <button type="button" class="danger" id={format!("{}-remove", p.id)} onclick={remove}>{ p.remove_label.clone() }</button>
                if !p.choices.is_empty() {
                    <span class="repoint">
                        <label for={select.clone()}>{ "or use" }</label>
                        <select id={select} ref={p.target.clone()}>
                            { for p.choices.iter().map(|c| html! { <option value={c.clone()}>{ c.clone() }</option> }) }
                        </select>
                        <button type="button" onclick={repoint}>{ format!("instead, and remove {}", p.what) }</button>
                    </span>
                }
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </div>
    }
}
