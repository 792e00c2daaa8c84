//! Refactoring edits in the form, through the core's plan editing
//! operations (`eksplan_core::plan::edit`): a NodeClass or NodePool name
//! field that takes its references along as it is typed.

use std::cell::RefCell;
use std::rc::Rc;

use eksplan_core::Plan;
use eksplan_core::plan::edit::{self, Kind, Site};
use yew::prelude::*;

use crate::fields::TextField;
use crate::state::Edit;

/// Properties of [`RenameField`].
#[derive(Properties, PartialEq)]
pub struct RenameProps {
    /// NodeClass or NodePool.
    pub kind: Kind,
    /// The item's index in its list.
    pub index: usize,
    /// The plan (to find the references when typing starts).
    pub plan: Rc<Plan>,
    /// Apply an edit.
    pub edit: Callback<Edit>,
    /// Plan field path of the name.
    pub path: AttrValue,
    /// Label.
    #[prop_or(AttrValue::Static("Name"))]
    pub label: AttrValue,
    /// Help text (what the references are is added to it).
    #[prop_or_default]
    pub help: AttrValue,
}

/// A name that other parts of the plan refer to: typing a new one renames
/// them too. The references are taken when typing starts and kept until the
/// field is left, so passing through another item's name on the way loses
/// nothing.
#[component]
pub fn RenameField(p: &RenameProps) -> Html {
    let session: Rc<RefCell<Option<Vec<Site>>>> = use_mut_ref(|| None);
    let name = match p.kind {
        Kind::NodeClass => p.plan.node_classes.get(p.index).map(|c| c.name.clone()),
        _ => p.plan.node_pools.get(p.index).map(|c| c.name.clone()),
    }
    .unwrap_or_default();
    let users: Vec<String> = edit::rename_sites(&p.plan, p.kind, p.index)
        .iter()
        .map(|s| s.holder(&p.plan))
        .collect();
    let help = if users.is_empty() {
        p.help.clone()
    } else {
        let list = users.join(", ");
        let sep = if p.help.is_empty() { "" } else { " " };
        AttrValue::from(format!(
            "{}{sep}Used by {list}: renaming it renames them too.",
            p.help
        ))
    };
    let onchange = {
        let session = session.clone();
        let plan = p.plan.clone();
        let (kind, index) = (p.kind, p.index);
        let edit = p.edit.clone();
        Callback::from(move |v: String| {
            let sites = session
                .borrow_mut()
                .get_or_insert_with(|| edit::rename_sites(&plan, kind, index))
                .clone();
            edit.emit(Rc::new(move |plan: &mut Plan| {
                edit::rename_with(plan, kind, index, &v, &sites);
            }) as Edit);
        })
    };
    let onblur = {
        let session = session.clone();
        Callback::from(move |_: FocusEvent| *session.borrow_mut() = None)
    };
    html! {
        <TextField path={p.path.clone()} label={p.label.clone()} help={help}
            value={name} {onchange} onblur={Some(onblur)} />
    }
}
