//! The search index, built with the site: one entry per heading of every
//! page, searched in the browser by `assets/site.js` (no server).

use serde::Serialize;

use crate::markdown::Section;

/// One searchable section.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Entry {
    /// Page title.
    pub t: String,
    /// Heading (empty for a page's introduction).
    pub h: String,
    /// URL from the site root, with the heading's fragment.
    pub u: String,
    /// Plain text.
    pub x: String,
}

/// Entries for a page's sections.
pub fn entries(title: &str, path: &str, sections: &[Section]) -> Vec<Entry> {
    sections
        .iter()
        .filter(|s| !(s.heading.is_empty() && s.text.is_empty()))
        .map(|s| Entry {
            t: title.to_owned(),
            h: s.heading.clone(),
            u: if s.id.is_empty() {
                path.to_owned()
            } else {
                format!("{path}#{}", s.id)
            },
            x: s.text.clone(),
        })
        .collect()
}

/// The index as JSON.
pub fn to_json(entries: &[Entry]) -> String {
    serde_json::to_string(entries).unwrap_or_else(|_| "[]".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_become_entries_with_fragments() {
        let sections = [
            Section {
                heading: String::new(),
                id: String::new(),
                text: "intro".into(),
            },
            Section {
                heading: "Fix".into(),
                id: "fix".into(),
                text: "do this".into(),
            },
        ];
        let e = entries("Storage", "storage.html", &sections);
        assert_eq!(e[0].u, "storage.html");
        assert_eq!(e[1].u, "storage.html#fix");
        assert!(to_json(&e).starts_with("[{\"t\":\"Storage\""));
    }
}
