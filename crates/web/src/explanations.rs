//! Long explanations of diagnostic codes, rendered to HTML at build time.
//!
//! The table is about 90 KB of text, read only when someone opens a
//! finding's "Explain" line, so the page's own module does not carry it:
//! [`Explanation`] asks the on-demand module's `explain` entry
//! (`crates/extras`) for the one it shows, the first time it is opened.
//! Builds that carry the on-demand code inline (the offline file, the
//! component tests) render it in place.

use yew::prelude::*;

include!(concat!(env!("OUT_DIR"), "/explanations.rs"));

/// The explanation of a code, as HTML (from trusted, build-time Markdown);
/// empty for an unknown code.
pub fn html(code: &str) -> &'static str {
    EXPLANATIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, h)| *h)
        .unwrap_or("")
}

/// Properties of [`Explanation`].
#[derive(Properties, PartialEq, Clone)]
pub struct ExplanationProps {
    /// The diagnostic code (`NP005`).
    pub code: AttrValue,
    /// Its one-line title.
    pub title: AttrValue,
    /// The code's page in the docs site's reference, if there is one.
    #[prop_or_default]
    pub docs: Option<AttrValue>,
}

/// A finding's "Explain" line: a closed `<details>` that shows the code's
/// explanation when opened.
#[component]
pub fn Explanation(p: &ExplanationProps) -> Html {
    let body = use_body(&p.code);
    html! {
        <details class="explain">
            <summary onclick={body.open}>{ format!("Explain {}: {}", p.code, p.title) }</summary>
            { body.html }
            if let Some(url) = &p.docs {
                <p><a href={url.clone()} target="_top">{ format!("{} in the reference", p.code) }</a></p>
            }
        </details>
    }
}

/// What [`Explanation`] shows inside its `<details>`, and what opening it
/// does.
struct Body {
    html: Html,
    open: Callback<MouseEvent>,
}

/// In place: the table is linked into this module.
#[cfg(feature = "inline-extras")]
#[hook]
fn use_body(code: &AttrValue) -> Body {
    Body {
        html: Html::from_html_unchecked(AttrValue::Static(html(code))),
        open: Callback::noop(),
    }
}

/// Whether the explanation has been asked for, and its answer.
#[cfg(not(feature = "inline-extras"))]
#[derive(Clone, PartialEq)]
enum Asked {
    Not,
    Waiting,
    Answered(Result<AttrValue, String>),
}

/// From the on-demand module, asked for the first time the line is opened
/// (the module is usually prefetched by then; the answer is one lookup).
#[cfg(not(feature = "inline-extras"))]
#[hook]
fn use_body(code: &AttrValue) -> Body {
    let asked = use_state(|| Asked::Not);
    let open = {
        let (asked, code) = (asked.clone(), code.clone());
        Callback::from(move |_: MouseEvent| {
            if matches!(*asked, Asked::Not | Asked::Answered(Err(_))) {
                asked.set(Asked::Waiting);
                let (asked, code) = (asked.clone(), code.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let answer = crate::lazy::call("explain", &code).await;
                    asked.set(Asked::Answered(answer.map(AttrValue::from)));
                });
            }
        })
    };
    let html = match &*asked {
        Asked::Not | Asked::Waiting => {
            html! { <p class="lazy-status" role="status">{ "Loading the explanation (a second file from this site; nothing is sent)\u{2026}" }</p> }
        }
        Asked::Answered(Ok(text)) => Html::from_html_unchecked(text.clone()),
        Asked::Answered(Err(e)) => html! {
            <p class="notice error" role="alert">{ format!("The explanation could not be loaded here ({e}). Close and open this line to try again.") }</p>
        },
    };
    Body { html, open }
}
