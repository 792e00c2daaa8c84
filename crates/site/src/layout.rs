//! The HTML around every page: header with search, navigation, footer.
//! Every URL is relative (`root` is `""` or `"../"`), so the site works
//! under any sub-path.

use crate::markdown::escape;

/// One navigation entry.
pub struct NavItem {
    /// Path from the site root (`nodepools.html`).
    pub href: String,
    /// Label.
    pub label: String,
}

/// What a page needs from the layout.
pub struct PageView<'a> {
    /// Path of this page from the site root.
    pub path: &'a str,
    /// `<title>` and `<h1>`.
    pub title: &'a str,
    /// Meta description.
    pub description: &'a str,
    /// The article's HTML (after the `<h1>`).
    pub body: &'a str,
    /// Whether the page embeds a planner widget.
    pub widget: bool,
}

/// The offline planner's file name at the site root.
pub const OFFLINE_FILE: &str = "eksplan-planner.html";

/// A small orange square, inline, so no request is made for an icon.
pub const FAVICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23ff9900'/%3E%3C/svg%3E";

/// The full HTML of a page.
pub fn page(view: &PageView<'_>, nav: &[NavItem]) -> String {
    let depth = view.path.matches('/').count();
    let root = "../".repeat(depth);
    let nav_html: String = nav
        .iter()
        .map(|item| {
            let current = if item.href == view.path {
                " aria-current=\"page\""
            } else {
                ""
            };
            format!(
                "<li><a href=\"{root}{}\"{current}>{}</a></li>",
                item.href,
                escape(&item.label)
            )
        })
        .collect();
    let widget = if view.widget {
        // The widget's stylesheet is linked from inside its shadow root;
        // preloaded here, it arrives with the page's own.
        format!(
            "\n<link rel=\"preload\" href=\"{root}assets/{}\" as=\"style\">\n<script type=\"module\" src=\"{root}planner/widget.js\"></script>",
            crate::WIDGET_CSS_FILE
        )
    } else {
        String::new()
    };
    let title = escape(view.title);
    format!(
        r##"<!DOCTYPE html>
<html lang="en" data-root="{root}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'self'; form-action 'none'">
<title>{title} · EKS Auto Mode Planner</title>
<meta name="description" content="{description}">
<link rel="icon" href="{FAVICON}">
<link rel="stylesheet" href="{root}assets/site.css">
<script type="module" src="{root}assets/site.js"></script>{widget}
</head>
<body>
<a class="skip" href="#content">Skip to the content</a>
<header class="site-header">
<a class="brand" href="{root}index.html">EKS Auto Mode Planner</a>
<div class="search" role="search">
<label for="search" class="visually-hidden">Search the documentation</label>
<input id="search" type="search" placeholder="Search the docs, or paste an error message" autocomplete="off" spellcheck="false" aria-describedby="search-status">
<p id="search-status" class="visually-hidden" aria-live="polite"></p>
<ol id="search-results" class="search-results" hidden></ol>
</div>
<a class="button primary" href="{root}planner/index.html">Open the planner</a>
</header>
<div class="site">
<nav class="site-nav" aria-label="Documentation">
<button type="button" class="nav-toggle" aria-expanded="false" aria-controls="nav-list" hidden>Contents</button>
<ul id="nav-list">{nav_html}</ul>
</nav>
<main id="content" tabindex="-1">
<article>
<h1>{title}</h1>
{body}
</article>
</main>
</div>
<footer class="site-footer">
<p>The planner runs entirely in your browser: nothing you type is sent anywhere. <a href="{root}{OFFLINE_FILE}" download>Download the offline planner</a> (one HTML file) · <a href="{root}embed.html">Embed it in your wiki</a> · <a href="{root}reference/index.html">Diagnostic reference</a></p>
</footer>
</body>
</html>
"##,
        description = escape(view.description),
        body = view.body,
    )
}

/// Where a page's widget goes: a placeholder in the Markdown, replaced by
/// the prerendered widget ([`crate::prerender::widget`]) after rendering.
pub const WIDGET_SLOT: &str = "<div data-eksplan-widget-slot></div>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_relative_to_the_page() {
        let nav = [NavItem {
            href: "index.html".into(),
            label: "Home".into(),
        }];
        let view = PageView {
            path: "reference/np005.html",
            title: "NP005 <x>",
            description: "d",
            body: "<p>b</p>",
            widget: true,
        };
        let html = page(&view, &nav);
        assert!(html.contains("data-root=\"../\""));
        assert!(html.contains("href=\"../assets/site.css\""));
        assert!(html.contains("src=\"../planner/widget.js\""));
        assert!(html.contains("<h1>NP005 &lt;x&gt;</h1>"));
        assert!(!html.contains("href=\"/"), "no root-absolute URLs");
        let home = page(
            &PageView {
                path: "index.html",
                widget: false,
                ..view
            },
            &nav,
        );
        assert!(home.contains("<a href=\"index.html\" aria-current=\"page\">Home</a>"));
        assert!(!home.contains("widget.js"));
    }
}
