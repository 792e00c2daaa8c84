//! The planner's first render, written into the pages at build time: the
//! planner page (`index.html`) and every documentation page's widget. Yew's
//! server-side renderer renders the same components the browser runs, from
//! a [`Start`]; the page carries that [`Start`] (`data-start`), so the
//! browser hydrates exactly what was rendered.
//!
//! Until the WebAssembly has arrived the page reads and scrolls; its
//! controls are marked busy (`aria-busy`) and the loader holds input back,
//! saying so on a status line.

use eksplan_core::catalog::date::Date;
use eksplan_web::start::Start;

use crate::SiteError;
use crate::markdown::escape;

/// The planner's first render for `start`.
pub fn render(start: &Start) -> String {
    futures_executor::block_on(eksplan_web::prerender::render(start.clone()))
}

/// The date the site is built with: `SOURCE_DATE_EPOCH` (reproducible
/// builds) when set, else the clock. The planner in the browser moves on to
/// the browser's own date after its first render.
pub fn today() -> Date {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or_default()
        });
    Date::from_days(secs.div_euclid(86_400))
}

/// Marks around the prerendered part of the planner page, so a later build
/// step can render it again (the site's copy points at the docs).
const BEGIN: &str = "<!--eksplan:prerendered-->";
const END: &str = "<!--/eksplan:prerendered-->";

/// The status line shown until the planner runs.
pub const LOADING: &str =
    "Loading the planner: you can read and scroll now; editing starts in a moment.";

fn status(id: bool) -> String {
    let id = if id { " id=\"boot-status\"" } else { "" };
    format!("<p{id} class=\"boot-status\" role=\"status\">{LOADING}</p>")
}

/// The planner page from Trunk's `index.html` (or one this function wrote
/// before): the first render inside `#app`, Trunk's inline loader replaced
/// by `boot` (a file beside the page), and `'unsafe-inline'` dropped from
/// the page's script policy.
pub fn planner_page(index: &str, boot: &str, start: &Start) -> Result<String, SiteError> {
    const APP: &str = "<div id=\"app\"></div>";
    let (before, after) = match (index.find(BEGIN), index.find(END)) {
        (Some(b), Some(e)) if b < e => (&index[..b], &index[e + END.len()..]),
        _ => {
            let at = index.find(APP).ok_or_else(|| {
                SiteError::Planner("index.html has no <div id=\"app\"></div>".into())
            })?;
            (&index[..at], &index[at + APP.len()..])
        }
    };
    let docs = start
        .docs_base
        .as_deref()
        .map(|b| format!(" data-docs-base=\"{}\"", escape(b)))
        .unwrap_or_default();
    let page = format!(
        "{before}{BEGIN}<div id=\"app\"{docs} data-start=\"{}\" aria-busy=\"true\">{}</div>\n  {}{END}{after}",
        escape(&start.to_json()),
        render(start),
        status(true),
    );
    let page = replace_loader(&page, boot)?;
    let page = drop_preload_integrity(&page);
    let policy = "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'";
    Ok(page.replace(policy, "script-src 'self' 'wasm-unsafe-eval'"))
}

/// Preload the module's XZ copy and the XZ decoder instead of the module
/// (the page's loader fetches those; see `planner::pack`): Trunk's
/// `<link rel="preload" href="./MODULE" …>` becomes two. Done already (the
/// page was finished before), nothing changes.
pub fn preload_packed(page: &str, wasm: &str, unxz: &str) -> Result<String, SiteError> {
    let packed = format!(
        "<link rel=\"preload\" href=\"./{wasm}.xz\" crossorigin=\"anonymous\" as=\"fetch\"><link rel=\"preload\" href=\"./{unxz}\" crossorigin=\"anonymous\" as=\"fetch\">"
    );
    if page.contains(&packed) {
        return Ok(page.to_owned());
    }
    let opening = format!("<link rel=\"preload\" href=\"./{wasm}\"");
    let at = page
        .find(&opening)
        .ok_or_else(|| SiteError::Planner(format!("index.html does not preload ./{wasm}")))?;
    let end = page[at..].find('>').map_or(page.len(), |e| at + e + 1);
    Ok(format!("{}{packed}{}", &page[..at], &page[end..]))
}

/// Chromium ignores `integrity` on `<link rel="preload" as="fetch">` and
/// warns about it in the console; the module is checked by nothing else
/// either (the glue fetches it plainly), so Trunk's attribute goes.
fn drop_preload_integrity(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = rest.find("<link rel=\"preload\"") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        let tag = match tag.find(" integrity=\"") {
            Some(i) => {
                let close = tag[i + 12..]
                    .find('"')
                    .map_or(tag.len(), |c| i + 12 + c + 1);
                format!("{}{}", &tag[..i], &tag[close..])
            }
            None => tag.to_owned(),
        };
        out.push_str(&rest[..at]);
        out.push_str(&tag);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Trunk's inline loader (or an earlier `boot` script) → `boot`.
fn replace_loader(page: &str, boot: &str) -> Result<String, SiteError> {
    let tag = format!("<script type=\"module\" src=\"./{boot}\"></script>");
    if let Some(start) = page.find("<script type=\"module\">\nimport init") {
        let end = page[start..]
            .find("</script>")
            .map(|e| start + e + "</script>".len())
            .ok_or_else(|| SiteError::Planner("Trunk's loader has no end".into()))?;
        return Ok(format!("{}{tag}{}", &page[..start], &page[end..]));
    }
    if let Some(start) = page.find("<script type=\"module\" src=\"./boot-") {
        let end = page[start..]
            .find("</script>")
            .map(|e| start + e + "</script>".len())
            .unwrap_or(page.len());
        return Ok(format!("{}{tag}{}", &page[..start], &page[end..]));
    }
    Err(SiteError::Planner(
        "index.html has no Trunk loader to replace".into(),
    ))
}

/// A documentation page's widget: the element `widget.js` mounts, holding
/// its first render in a declarative shadow root, readable before any
/// script runs. The shadow root links the widget stylesheet at `css_href`
/// (so the page's CSS cannot reach it): one shared file that every widget
/// and every page reuses from the cache. Inline, the same 34 KB of CSS in
/// each widget's shadow root held the page's first paint back by about
/// 0.3 s on a throttled phone (tests/e2e/bench.mjs); linked, the page paints
/// as if it had no widget. `fallback` shows in browsers without
/// declarative shadow roots until the widget mounts.
pub fn widget(start: &Start, css_href: &str) -> Result<String, SiteError> {
    let preset = start.preset.as_deref().unwrap_or("quickstart");
    let mut topic = String::new();
    if let Some(s) = &start.step {
        topic.push_str(&format!(" data-step=\"{}\"", escape(s)));
    }
    if let Some(f) = &start.file {
        topic.push_str(&format!(" data-file=\"{}\"", escape(f)));
    }
    Ok(format!(
        "<div class=\"planner-embed\" data-eks-planner data-preset=\"{}\" data-view=\"{}\"{topic}>\
<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"{}\">\
<div class=\"eksplan-widget\" data-start=\"{}\" aria-busy=\"true\">{}</div>{}</template>\
<p class=\"planner-loading\">The planner loads here (WebAssembly; it runs in your browser).</p></div>",
        escape(preset),
        escape(&start.view),
        escape(css_href),
        escape(&start.to_json()),
        render(start),
        status(false),
    ))
}

/// The widget's stylesheet: `:host` resets every property of the host
/// element, so nothing the page sets on it (or passes down by inheritance)
/// reaches the planner; `!important` inside a shadow root beats the page's
/// own `!important`. (The same as the widget API's, in `crates/web`.)
pub fn widget_css(planner_css: &str) -> String {
    format!(":host {{ all: initial !important; display: block !important; }}\n{planner_css}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'\">\n<script type=\"module\">\nimport init, * as bindings from './eksplan-web-1.js';\nawait init('./x.wasm');\n</script></head><body><div id=\"app\"></div></body></html>";

    #[test]
    fn the_page_preloads_the_packed_module_and_the_decoder_once() {
        let trunk = "<head><link rel=\"preload\" href=\"./m_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\"></head>";
        let page = preload_packed(trunk, "m_bg.wasm", "u.wasm").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            page,
            "<head><link rel=\"preload\" href=\"./m_bg.wasm.xz\" crossorigin=\"anonymous\" as=\"fetch\"><link rel=\"preload\" href=\"./u.wasm\" crossorigin=\"anonymous\" as=\"fetch\"></head>"
        );
        let again = preload_packed(&page, "m_bg.wasm", "u.wasm").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, page);
        assert!(preload_packed("<head></head>", "m_bg.wasm", "u.wasm").is_err());
    }

    #[test]
    fn the_page_holds_the_first_render_and_an_external_loader() {
        let start = Start::page(None, Date::new(2026, 12, 1));
        let page = planner_page(TRUNK, "boot-abc.js", &start).unwrap_or_else(|e| panic!("{e}"));
        assert!(page.contains("<script type=\"module\" src=\"./boot-abc.js\"></script>"));
        assert!(
            !page.contains("import init"),
            "Trunk's inline loader is gone"
        );
        assert!(page.contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(!page.contains("'unsafe-inline'"));
        // The form for the preset, the findings and the first file.
        assert!(
            page.contains("id=\"f-cluster-name\"") && page.contains("value=\"auto-mode-cluster\"")
        );
        assert!(page.contains("id=\"diag-title\"") && page.contains("id=\"files-title\""));
        assert!(page.contains("<h1>EKS Auto Mode cluster <code>auto-mode-cluster</code></h1>"));
        assert!(page.contains("aria-busy=\"true\"") && page.contains("id=\"boot-status\""));
        assert_eq!(
            drop_preload_integrity(
                "<link rel=\"preload\" href=\"x.wasm\" integrity=\"sha384-a\" as=\"fetch\"><p>"
            ),
            "<link rel=\"preload\" href=\"x.wasm\" as=\"fetch\"><p>"
        );
        // Rendered again (the site's copy), the page has one planner.
        let docs = Start::page(Some("../"), Date::new(2026, 12, 1));
        let again = planner_page(&page, "boot-abc.js", &docs).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.matches("id=\"app\"").count(), 1);
        assert_eq!(again.matches("<script type=\"module\"").count(), 1);
        assert!(
            again.contains("data-docs-base=\"../\"") && again.contains("href=\"../index.html\"")
        );
    }

    #[test]
    fn a_widget_is_prerendered_in_a_declarative_shadow_root() {
        let start = Start::widget(
            "gpu",
            "compact",
            Some("./"),
            Some("planner/index.html"),
            Date::new(2026, 12, 1),
        );
        let html = widget(&start, "assets/widget.css").unwrap_or_else(|e| panic!("{e}"));
        assert!(html.starts_with("<div class=\"planner-embed\" data-eks-planner data-preset=\"gpu\" data-view=\"compact\"><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"assets/widget.css\"><div class=\"eksplan-widget\""));
        assert!(!html.contains("<style"), "no stylesheet inline");
        assert!(html.contains("value=\"gpu\""));
        let json = start.to_json();
        assert!(html.contains(&escape(&json)));
        assert!(widget_css("p { color: red }").starts_with(":host { all: initial !important;"));
        // A topic page's widget opens on its step and file.
        let topic = start.on(Some("compute"), Some("10-nodepools.yaml"));
        let html = widget(&topic, "assets/widget.css").unwrap_or_else(|e| panic!("{e}"));
        assert!(html.contains(
            " data-view=\"compact\" data-step=\"compute\" data-file=\"10-nodepools.yaml\">"
        ));
    }
}
