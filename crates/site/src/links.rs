//! Checks every internal link and resource reference in the built site:
//! the file must exist, and a `#fragment` must be an id in it. A broken
//! link fails the build.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The document without `<pre>` and `<code>` contents, where `href="…"`
/// is example text, not a link.
fn without_code(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = ["<pre", "<code"]
            .iter()
            .filter_map(|tag| rest.find(tag).map(|i| (i, *tag)))
            .min();
        let Some((at, tag)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let close = if tag == "<pre" { "</pre>" } else { "</code>" };
        match rest[at..].find(close) {
            Some(end) => rest = &rest[at + end + close.len()..],
            None => return out,
        }
    }
}

/// `href="…"` and `src="…"` values in an HTML document (outside code).
fn references(html: &str) -> Vec<String> {
    let html = without_code(html);
    let html = html.as_str();
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// `id="…"` values.
fn ids(html: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            out.insert(rest[..end].to_owned());
        }
    }
    out
}

fn external(link: &str) -> bool {
    link.starts_with("http://")
        || link.starts_with("https://")
        || link.starts_with("mailto:")
        || link.starts_with("data:")
        || link.starts_with("blob:")
}

/// Broken links as `page: link (why)`.
pub fn check(root: &Path) -> Vec<String> {
    let mut pages: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().and_then(|e| e.to_str()) == Some("html")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                pages.insert(path, text);
            }
        }
    }
    let mut broken = Vec::new();
    for (page, html) in &pages {
        let dir = page.parent().unwrap_or(root);
        let shown = page
            .strip_prefix(root)
            .unwrap_or(page)
            .display()
            .to_string();
        for link in references(html) {
            if external(&link) || link.is_empty() {
                continue;
            }
            let (file, fragment) = match link.split_once('#') {
                Some((f, frag)) => (f, Some(frag)),
                None => (link.as_str(), None),
            };
            // Plan links carry a plan, not an element id.
            let fragment = fragment.filter(|f| !f.starts_with("plan="));
            let target = if file.is_empty() {
                page.clone()
            } else {
                normalize(&dir.join(file.split('?').next().unwrap_or(file)))
            };
            let target = if target.is_dir() {
                target.join("index.html")
            } else {
                target
            };
            if !target.starts_with(root) {
                broken.push(format!("{shown}: {link} (outside the site)"));
                continue;
            }
            if !target.exists() {
                broken.push(format!("{shown}: {link} (no such file)"));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let has = pages
                    .get(&target)
                    .is_some_and(|t| ids(t).contains(fragment));
                if !has {
                    broken.push(format!("{shown}: {link} (no id `{fragment}`)"));
                }
            }
        }
    }
    broken
}

/// Resolve `.` and `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_missing_files_and_fragments() {
        let root = std::env::temp_dir().join(format!("eksplan-links-{}", std::process::id()));
        let _ = std::fs::create_dir_all(root.join("reference"));
        let _ = std::fs::write(
            root.join("index.html"),
            "<pre><code>&lt;a href=\"example.html\"></code></pre><code>src=\"x.js\"</code><a href=\"reference/a.html#x\">a</a> <a href=\"missing.html\">m</a> <a href=\"https://aws.amazon.com\">ext</a> <a href=\"#top\">t</a><h1 id=\"top\">",
        );
        let _ = std::fs::write(
            root.join("reference/a.html"),
            "<a href=\"../index.html#nope\">back</a><p id=\"y\">",
        );
        let broken = check(&root);
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(
            broken,
            [
                "index.html: reference/a.html#x (no id `x`)",
                "index.html: missing.html (no such file)",
                "reference/a.html: ../index.html#nope (no id `nope`)",
            ]
        );
    }
}
