//! The planner's first render as HTML, at build time (Yew's server-side
//! renderer, from the same components the browser runs). The site builder
//! (`crates/site`) writes it into the planner page and into every
//! documentation page's widget; the browser hydrates it (see
//! [`crate::boot`]).

use crate::app::App;
use crate::start::Start;

/// The HTML of the planner's first render for `start`: the form for its
/// preset, the findings and the first file. It goes inside the element the
/// planner lives in, which carries `start` as `data-start`.
pub async fn render(start: Start) -> String {
    yew::ServerRenderer::<App>::with_props(move || start.props())
        .render()
        .await
}
