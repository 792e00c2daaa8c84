//! The documentation pages: Markdown files with a small YAML front matter.
//!
//! ```text
//! ---
//! title: NodePools and NodeClasses
//! nav: NodePools and NodeClasses     # label in the navigation (default: title)
//! order: 50                          # position in the navigation
//! description: One sentence for search engines and link previews.
//! preset: gpu                        # embed the planner with this preset
//! step: compute                      # open it on this wizard step
//! file: kubernetes/10-nodepools.yaml # showing this file of the bundle
//! ---
//! Markdown… `{{planner}}` on a line of its own places the planner; without
//! it, a page with a preset gets it at the end.
//! ```

use serde::Deserialize;
use std::path::Path;

use crate::SiteError;

/// A page's front matter.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct FrontMatter {
    /// Page title (the `<h1>`).
    pub title: String,
    /// Navigation label.
    pub nav: Option<String>,
    /// Navigation order.
    pub order: i32,
    /// Meta description.
    pub description: String,
    /// Preset of the embedded planner.
    pub preset: Option<String>,
    /// View of the embedded planner (`compact` unless given).
    pub view: Option<String>,
    /// The wizard step the embedded planner opens on (the page's topic).
    pub step: Option<String>,
    /// The bundle file it shows first (a path in the preset's bundle).
    pub file: Option<String>,
}

/// The planner's wizard steps, as `data-step` names them (the web crate's
/// `Step::slug`).
pub const STEPS: &[&str] = &[
    "basics", "network", "access", "compute", "storage", "cost", "review",
];

/// A page to render.
#[derive(Debug)]
pub struct Page {
    /// Output file name without `.html` (`index`, `nodepools`).
    pub slug: String,
    /// Front matter.
    pub meta: FrontMatter,
    /// Markdown body.
    pub body: String,
}

impl Page {
    /// Navigation label.
    pub fn nav_label(&self) -> &str {
        self.meta.nav.as_deref().unwrap_or(&self.meta.title)
    }
}

/// Split `---` front matter from the body and read it.
pub fn parse(name: &str, text: &str) -> Result<(FrontMatter, String), SiteError> {
    let bad = |message: String| SiteError::Page {
        page: name.to_owned(),
        message,
    };
    let rest = text
        .strip_prefix("---\n")
        .ok_or_else(|| bad("a page starts with `---` front matter".into()))?;
    let (front, body) = rest
        .split_once("\n---\n")
        .ok_or_else(|| bad("the front matter has no closing `---`".into()))?;
    let node = eksplan_core::plan::read::parse(front)
        .map_err(|e| bad(format!("front matter: {e}")))?
        .ok_or_else(|| bad("the front matter is empty".into()))?;
    let meta: FrontMatter = eksplan_core::plan::read::from_node(&node)
        .map_err(|e| bad(format!("front matter: {e}")))?;
    if meta.title.trim().is_empty() {
        return Err(bad("the front matter needs a title".into()));
    }
    if let Some(p) = &meta.preset
        && eksplan_core::presets::find(p).is_none()
    {
        return Err(bad(format!("unknown preset `{p}`")));
    }
    if let Some(step) = &meta.step
        && !STEPS.contains(&step.as_str())
    {
        return Err(bad(format!(
            "unknown step `{step}` (one of {})",
            STEPS.join(", ")
        )));
    }
    if let (Some(file), Some(preset)) = (&meta.file, &meta.preset) {
        // The file must be in the preset's bundle, or the planner would
        // open on README.md instead.
        let plan = eksplan_core::presets::find(preset)
            .and_then(|p| p.plan().ok())
            .unwrap_or_default();
        let bundle = eksplan_core::generate(&plan, &eksplan_core::Options::default()).bundle;
        if !bundle.is_ok_and(|b| b.get(file).is_some()) {
            return Err(bad(format!("the {preset} preset's bundle has no `{file}`")));
        }
    }
    if body.lines().any(|l| l.starts_with("# ")) {
        return Err(bad(
            "use `##` and below: the title is the page's only `#` heading".into(),
        ));
    }
    Ok((meta, body.to_owned()))
}

/// Every `*.md` page in `dir`, in navigation order.
pub fn load(dir: &Path) -> Result<Vec<Page>, SiteError> {
    let mut pages = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| SiteError::io(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| SiteError::io(dir, e))?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let slug = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let text = std::fs::read_to_string(&path).map_err(|e| SiteError::io(&path, e))?;
        let (meta, body) = parse(&slug, &text)?;
        pages.push(Page { slug, meta, body });
    }
    pages.sort_by(|a, b| (a.meta.order, &a.slug).cmp(&(b.meta.order, &b.slug)));
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_read_and_checked() {
        let (meta, body) = parse(
            "x",
            "---\ntitle: Storage\norder: 3\npreset: gpu\n---\n## Hi\n",
        )
        .unwrap_or_default();
        assert_eq!(meta.title, "Storage");
        assert_eq!(meta.order, 3);
        assert_eq!(meta.preset.as_deref(), Some("gpu"));
        assert_eq!(body, "## Hi\n");
        let (meta, _) = parse(
            "x",
            "---\ntitle: NodePools\npreset: gpu\nstep: compute\nfile: kubernetes/10-nodepools.yaml\n---\n",
        )
        .unwrap_or_default();
        assert_eq!(meta.step.as_deref(), Some("compute"));
        assert_eq!(meta.file.as_deref(), Some("kubernetes/10-nodepools.yaml"));
        for bad in [
            "no front matter",
            "---\ntitle: x\n",
            "---\ntitel: x\n---\n",
            "---\ntitle: x\npreset: nope\n---\n",
            "---\ntitle: x\n---\n# Second title\n",
            "---\ntitle: x\npreset: gpu\nstep: nowhere\n---\n",
            "---\ntitle: x\npreset: gpu\nfile: terraform/nothing.tf\n---\n",
        ] {
            assert!(parse("x", bad).is_err(), "{bad}");
        }
    }
}
