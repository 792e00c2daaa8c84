//! The form, one component per plan section.

mod access;
mod capabilities;
mod capacity;
mod cluster;
mod compute;
mod network;
mod nodeclass;
mod nodepool;
mod pod_identity;
mod storage_lb;

pub use access::AccessSection;
pub use capabilities::CapabilitiesSection;
pub use capacity::CapacitySection;
pub use cluster::ClusterSection;
pub use compute::ComputeSection;
pub use network::NetworkSection;
pub use pod_identity::PodIdentitySection;
pub use storage_lb::{LoadBalancingSection, SampleSection, StorageSection};

use eksplan_core::Plan;
use eksplan_core::catalog::date::Date;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::rc::Rc;
use yew::prelude::*;

use crate::state::Edit;

/// A setter that edits item `i` of a plan list, ignored if the item was
/// removed meanwhile: `item!(e, node_pools, i, |x, v: String| x.name = v)`.
macro_rules! item {
    ($e:expr, $($list:ident).+, $i:expr, |$x:ident, $v:ident : $t:ty| $body:expr) => {{
        let i = $i;
        $crate::fields::setter($e, move |p, $v: $t| {
            if let Some($x) = p.$($list).+.get_mut(i) {
                $body;
            }
        })
    }};
}
pub(crate) use item;

/// What every section receives.
#[derive(Properties, PartialEq, Clone)]
pub struct SectionProps {
    /// The plan.
    pub plan: Rc<Plan>,
    /// Apply an edit.
    pub edit: Callback<Edit>,
    /// Today (for Kubernetes support windows).
    pub today: Date,
}

/// How an item's removal goes: whether the ItemHeader keeps the plan for
/// Undo itself (it does unless the removal asks first), and the question,
/// if one is open.
pub struct Removal {
    /// The plan (for the name field's references).
    pub plan: Rc<Plan>,
    /// Whether removing needs no question.
    pub undoable: bool,
    /// The open question, or nothing.
    pub confirm: Html,
}

/// An enum value as the plan file spells it.
pub fn ser<T: Serialize>(v: &T) -> AttrValue {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => AttrValue::from(s),
        _ => AttrValue::default(),
    }
}

/// Parse a plan-file spelling back into an enum value.
pub fn de<T: DeserializeOwned>(s: &str) -> Option<T> {
    eksplan_core::plan::read::from_scalar(s)
}

/// A section card. Its heading can take focus (the section menu moves
/// there).
pub fn card(id: &str, title: &str, intro: &str, body: Html) -> Html {
    html! {
        <section class="card" id={format!("{id}-section")} aria-labelledby={format!("{id}-title")}>
            <h2 id={format!("{id}-title")} tabindex="-1">{ title }</h2>
            <p class="intro">{ intro }</p>
            { body }
        </section>
    }
}
