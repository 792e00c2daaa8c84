//! # eksplan-site
//!
//! Builds the documentation site around the planner, at build time:
//!
//! * `www/docs/*.md` → HTML pages (pulldown-cmark), each with navigation,
//!   deep links to every heading, and, where its front matter names a
//!   preset, an embedded planner;
//! * one reference page per diagnostic code, from the core's explanations;
//! * `search-index.json` for the in-browser search;
//! * the planner (Trunk's `dist/`) under `planner/`, with its loaders
//!   (`boot-HASH.js`, `widget.js`) and the on-demand module;
//! * the planner page and every page's widget prerendered (Yew's
//!   server-side renderer), so they read before the WebAssembly arrives;
//! * `eksplan-planner.html`, the whole planner in one offline file;
//! * `.gz` and `.br` copies beside every asset, for static hosts.
//!
//! [`planner::finish`] does the planner's part for Trunk's `dist/` on its
//! own (`eksplan-site planner`), so `dist/` is a finished planner too.
//!
//! Every URL is relative, so the site can be served under any sub-path;
//! every internal link is checked before the build succeeds.

pub mod compress;
pub mod cp1252;
pub mod layout;
pub mod links;
pub mod loader;
pub mod markdown;
pub mod pages;
pub mod planner;
pub mod prerender;
pub mod reference;
pub mod search;

use eksplan_web::start::Start;
use std::path::{Path, PathBuf};

/// Why the site could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A page is malformed.
    #[error("{page}.md: {message}")]
    Page {
        /// The page.
        page: String,
        /// What is wrong.
        message: String,
    },
    /// The planner build is missing or unexpected.
    #[error("planner: {0}")]
    Planner(String),
    /// Internal links that lead nowhere.
    #[error("broken links:\n  {}", .0.join("\n  "))]
    BrokenLinks(Vec<String>),
    /// The offline planner is over its size budget.
    #[error("the offline planner is {0} bytes, over the {1}-byte budget")]
    TooBig(usize, usize),
}

impl SiteError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> SiteError {
        SiteError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// Largest offline planner allowed (bytes).
pub const OFFLINE_BUDGET: usize = 800_000;

/// Where things are.
pub struct Config {
    /// Trunk's output (the planner).
    pub dist: PathBuf,
    /// The `www/` folder: `docs/`, `site.css`, `site.js`, `widget.js`.
    pub www: PathBuf,
    /// Output folder (emptied first).
    pub out: PathBuf,
}

/// What was built.
#[derive(Debug)]
pub struct Report {
    /// Pages written (docs + reference).
    pub pages: usize,
    /// Search entries.
    pub search_entries: usize,
    /// Size of the offline planner.
    pub offline_bytes: usize,
    /// Files given `.gz` and `.br` copies.
    pub compressed: usize,
}

fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), SiteError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| SiteError::io(dir, e))?;
    }
    std::fs::write(path, contents).map_err(|e| SiteError::io(path, e))
}

fn read(path: &Path) -> Result<String, SiteError> {
    std::fs::read_to_string(path).map_err(|e| SiteError::io(path, e))
}

/// The prerendered widgets' stylesheet, in `assets/` (the planner's own
/// stylesheet behind the `:host` reset; see [`prerender::widget_css`]).
pub const WIDGET_CSS_FILE: &str = "widget.css";

/// Build the whole site.
pub fn build(config: &Config) -> Result<Report, SiteError> {
    let build = planner::Build::find(&config.dist)?;
    let templates = planner::Templates::read(&config.www)?;
    let today = prerender::today();
    let widget_css = prerender::widget_css(&read(&config.www.join("planner.css"))?);
    if config.out.exists() {
        std::fs::remove_dir_all(&config.out).map_err(|e| SiteError::io(&config.out, e))?;
    }
    let docs = pages::load(&config.www.join("docs"))?;

    let mut nav: Vec<layout::NavItem> = docs
        .iter()
        .map(|p| layout::NavItem {
            href: format!("{}.html", p.slug),
            label: p.nav_label().to_owned(),
        })
        .collect();
    nav.push(layout::NavItem {
        href: "reference/index.html".into(),
        label: "Diagnostic reference".into(),
    });

    let mut index = Vec::new();
    let mut count = 0;
    for page in &docs {
        let path = format!("{}.html", page.slug);
        // The widget's first render goes in after the Markdown (its file
        // view has blank lines, which would end a Markdown HTML block).
        let widget = page
            .meta
            .preset
            .as_deref()
            .map(|preset| {
                let view = page.meta.view.as_deref().unwrap_or("compact");
                let start =
                    Start::widget(preset, view, Some("./"), Some("planner/index.html"), today)
                        .on(page.meta.step.as_deref(), page.meta.file.as_deref());
                let root = "../".repeat(path.matches('/').count());
                prerender::widget(&start, &format!("{root}assets/{WIDGET_CSS_FILE}"))
            })
            .transpose()?;
        let slot = layout::WIDGET_SLOT;
        let markdown = match (&widget, page.body.contains("{{planner}}")) {
            (Some(_), true) => page.body.replace("{{planner}}", &format!("\n{slot}\n")),
            (Some(_), false) => format!("{}\n\n## Try it in the planner\n\n{slot}\n", page.body),
            (None, _) => page.body.clone(),
        };
        let rendered = markdown::render(&markdown);
        let body = reference::link_references(&rendered.html, "");
        let body = match &widget {
            Some(w) => body.replacen(slot, w, 1),
            None => body,
        };
        let html = layout::page(
            &layout::PageView {
                path: &path,
                title: &page.meta.title,
                description: &page.meta.description,
                body: &body,
                widget: widget.is_some(),
            },
            &nav,
        );
        write(&config.out.join(&path), html)?;
        index.extend(search::entries(&page.meta.title, &path, &rendered.sections));
        count += 1;
    }
    for generated in reference::code_pages()
        .into_iter()
        .chain(std::iter::once(reference::index_page()))
    {
        let html = layout::page(
            &layout::PageView {
                path: &generated.path,
                title: &generated.title,
                description: &generated.description,
                body: &generated.body,
                widget: false,
            },
            &nav,
        );
        write(&config.out.join(&generated.path), html)?;
        index.extend(search::entries(
            &generated.title,
            &generated.path,
            &generated.sections,
        ));
        count += 1;
    }
    write(
        &config.out.join("search-index.json"),
        search::to_json(&index),
    )?;
    for asset in ["site.css", "site.js"] {
        write(
            &config.out.join("assets").join(asset),
            read(&config.www.join(asset))?,
        )?;
    }
    write(&config.out.join("assets").join(WIDGET_CSS_FILE), widget_css)?;
    planner::install(&build, &config.out, &templates, today)?;
    let offline = planner::offline(&build)?;
    if offline.len() > OFFLINE_BUDGET {
        return Err(SiteError::TooBig(offline.len(), OFFLINE_BUDGET));
    }
    write(&config.out.join(layout::OFFLINE_FILE), &offline)?;

    let broken = links::check(&config.out);
    if !broken.is_empty() {
        return Err(SiteError::BrokenLinks(broken));
    }
    let compressed = compress::precompress(&config.out)?;
    Ok(Report {
        pages: count,
        search_entries: index.len(),
        offline_bytes: offline.len(),
        compressed: compressed.files,
    })
}
