//! Where plans live between visits: the URL fragment (share links) and
//! localStorage (autosave). Both go through the core's formats; nothing
//! leaves the browser.

use eksplan_core::Plan;
use eksplan_core::share::{self, ShareError};

/// Default localStorage key.
pub const STORAGE_KEY: &str = "eksplan.plan.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The plan saved under `key`, if any and if it still reads. A save that no
/// longer reads (edited by hand, or from a future version) is ignored.
pub fn load(key: &str) -> Option<Plan> {
    let text = storage()?.get_item(key).ok()??;
    Plan::from_json(&text).ok()
}

/// Save the plan under `key` as JSON (best effort: storage may be full or
/// disabled, and the plan is still in the page and the URL).
pub fn save(key: &str, plan: &Plan) {
    if let (Some(s), Ok(json)) = (storage(), eksplan_core::textfmt::json(plan)) {
        let _ = s.set_item(key, &json);
    }
}

/// The page's URL fragment, without `#`.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// What the fragment holds.
pub enum Fragment {
    /// No plan link.
    None,
    /// A plan.
    Plan(Box<Plan>),
    /// A plan link that cannot be read.
    Broken(ShareError),
}

/// Read the page's fragment.
pub fn read_fragment() -> Fragment {
    let f = fragment();
    if f.is_empty() {
        return Fragment::None;
    }
    match share::decode(&f) {
        Ok(p) => Fragment::Plan(Box::new(p)),
        Err(ShareError::NotAPlanLink) => Fragment::None,
        Err(e) => Fragment::Broken(e),
    }
}

/// The full share URL for a plan.
pub fn share_url(plan: &Plan) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    format!("{base}#{}", share::encode(plan))
}

/// Put the plan in the address bar without adding a history entry.
pub fn replace_fragment(plan: &Plan) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let url = format!("#{}", share::encode(plan));
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
