//! The handle between the form and the output: drag it, or use the arrow
//! keys, to give the file view more room. The width is a CSS variable on
//! the layout, set through the CSSOM (the page's Content Security Policy
//! allows no inline styles), and remembered in localStorage.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The output's share of the width, in percent: default and bounds.
pub const DEFAULT_SHARE: i32 = 55;
const MIN_SHARE: i32 = 30;
const MAX_SHARE: i32 = 75;
const STEP: i32 = 5;
const KEY: &str = "eksplan.layout.v1";

fn apply(layout: &NodeRef, share: i32) {
    if let Some(el) = layout.cast::<web_sys::HtmlElement>() {
        let _ = el
            .style()
            .set_property("--output-share", &format!("{share}%"));
    }
}

fn remembered() -> Option<i32> {
    let s = web_sys::window()?.local_storage().ok()??;
    s.get_item(KEY).ok()??.parse().ok()
}

fn remember(share: i32) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(KEY, &share.to_string());
    }
}

/// Properties of [`Splitter`].
#[derive(Properties, PartialEq)]
pub struct SplitterProps {
    /// The grid whose columns it divides.
    pub layout: NodeRef,
    /// Remember the width across visits (the full planner; not widgets).
    #[prop_or_default]
    pub persist: bool,
}

/// A vertical separator that resizes the output column.
#[component]
pub fn Splitter(p: &SplitterProps) -> Html {
    let share = use_state(|| DEFAULT_SHARE);
    let dragging = use_mut_ref(|| false);
    {
        let share = share.clone();
        use_effect_with(p.persist, move |persist| {
            if *persist && let Some(s) = remembered() {
                share.set(s.clamp(MIN_SHARE, MAX_SHARE));
            }
        });
    }
    {
        let layout = p.layout.clone();
        let persist = p.persist;
        use_effect_with(*share, move |s| {
            apply(&layout, *s);
            if persist && *s != DEFAULT_SHARE {
                remember(*s);
            }
        });
    }
    let onkeydown = {
        let share = share.clone();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                // The handle moves left: the output grows.
                "ArrowLeft" => *share + STEP,
                "ArrowRight" => *share - STEP,
                "Home" => MAX_SHARE,
                "End" => MIN_SHARE,
                _ => return,
            };
            e.prevent_default();
            share.set(next.clamp(MIN_SHARE, MAX_SHARE));
        })
    };
    let onpointerdown = {
        let dragging = dragging.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(t) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = t.set_pointer_capture(e.pointer_id());
            }
            *dragging.borrow_mut() = true;
        })
    };
    let onpointermove = {
        let (dragging, layout, share) = (dragging.clone(), p.layout.clone(), share.clone());
        Callback::from(move |e: PointerEvent| {
            if !*dragging.borrow() {
                return;
            }
            if let Some(el) = layout.cast::<web_sys::Element>() {
                let rect = el.get_bounding_client_rect();
                if rect.width() > 0.0 {
                    let right = rect.right() - f64::from(e.client_x());
                    let s = (right / rect.width() * 100.0).round() as i32;
                    let s = s.clamp(MIN_SHARE, MAX_SHARE);
                    apply(&layout, s);
                    share.set(s);
                }
            }
        })
    };
    let onpointerup = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false)
    };
    let ondblclick = {
        let share = share.clone();
        Callback::from(move |_: MouseEvent| share.set(DEFAULT_SHARE))
    };
    html! {
        <div class="splitter" role="separator" tabindex="0" aria-orientation="vertical"
            aria-label="Width of the output" aria-controls="output"
            aria-valuemin={MIN_SHARE.to_string()} aria-valuemax={MAX_SHARE.to_string()}
            aria-valuenow={share.to_string()} aria-valuetext={format!("Output {}% of the width", *share)}
            title="Drag, or use the arrow keys, to resize; double-click to reset"
            {onkeydown} {onpointerdown} {onpointermove} {onpointerup} {ondblclick}></div>
    }
}
