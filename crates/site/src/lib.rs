//! # eksplan-site
//!
//! Builds the documentation site around the planner, at build time:
//!
//! * `www/docs/*.md` → HTML pages (pulldown-cmark), each with navigation,
//!   deep links to every heading, and, where its front matter names a
//!   preset, an embedded planner;
//! * one reference page per diagnostic code, from the core's explanations;
//! * `search-index.json` for the in-browser search;
//! * the planner (Trunk's `dist/`) under `planner/`, with `widget.js`;
//! * `eksplan-planner.html`, the whole planner in one offline file.
//!
//! Every URL is relative, so the site can be served under any sub-path;
//! every internal link is checked before the build succeeds.

pub mod base85;
pub mod layout;
pub mod links;
pub mod markdown;
pub mod pages;
pub mod planner;
pub mod reference;
pub mod search;

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

/// Build the whole site.
pub fn build(config: &Config) -> Result<Report, SiteError> {
    let build = planner::Build::find(&config.dist)?;
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
        let widget = page.meta.preset.as_deref().map(|preset| {
            layout::widget(
                preset,
                page.meta.view.as_deref().unwrap_or("compact"),
                page.meta.step.as_deref(),
                page.meta.file.as_deref(),
            )
        });
        let markdown = match (&widget, page.body.contains("{{planner}}")) {
            (Some(w), true) => page.body.replace("{{planner}}", &format!("\n{w}\n")),
            (Some(w), false) => format!("{}\n\n## Try it in the planner\n\n{w}\n", page.body),
            (None, _) => page.body.clone(),
        };
        let rendered = markdown::render(&markdown);
        let body = reference::link_references(&rendered.html, "");
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
    planner::install(&build, &config.out, &read(&config.www.join("widget.js"))?)?;
    let offline = planner::offline(&build)?;
    if offline.len() > OFFLINE_BUDGET {
        return Err(SiteError::TooBig(offline.len(), OFFLINE_BUDGET));
    }
    write(&config.out.join(layout::OFFLINE_FILE), &offline)?;

    let broken = links::check(&config.out);
    if !broken.is_empty() {
        return Err(SiteError::BrokenLinks(broken));
    }
    Ok(Report {
        pages: count,
        search_entries: index.len(),
        offline_bytes: offline.len(),
    })
}
