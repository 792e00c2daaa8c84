//! One reference page per diagnostic code, and their index, from the core's
//! explanations (the same text `eksplan explain CODE` prints). The planner's
//! findings link here: `reference/<code in lower case>.html`.

use eksplan_core::diag::{Code, Severity};

use crate::markdown::{self, Section, escape};

/// A generated page.
pub struct Generated {
    /// Path from the site root.
    pub path: String,
    /// Title.
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Article HTML.
    pub body: String,
    /// Search sections.
    pub sections: Vec<Section>,
}

/// The plan section each code prefix belongs to, in plan order.
const GROUPS: &[(&str, &str)] = &[
    ("CL", "Cluster"),
    ("NW", "Network"),
    ("AM", "Auto Mode"),
    ("AC", "Access"),
    ("NC", "NodeClasses"),
    ("NP", "NodePools"),
    ("ST", "Storage"),
    ("LB", "Load balancing"),
    ("PI", "Pod Identity"),
    ("WL", "Sample workload"),
    ("CP", "Capacity and cost plan"),
    ("CI", "Your cluster's cost"),
    ("MI", "Cluster import"),
    ("MR", "Migration readiness"),
    ("TG", "Output targets"),
];

/// The path of a code's page from the site root.
pub fn path(code: Code) -> String {
    format!("reference/{}.html", code.as_str().to_ascii_lowercase())
}

fn severity_text(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error: the bundle is not generated until it is fixed.",
        Severity::Warning => {
            "Warning: the bundle is generated, but check this before you apply it."
        }
        Severity::Info => "Note: a choice worth knowing about; nothing is wrong.",
    }
}

/// Link "pitfall #N" to the troubleshooting entry and "§0.N" (the hard
/// rules) to the list of rules, in rendered HTML text.
pub fn link_references(html: &str, root: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    loop {
        let pitfall = rest.find("pitfall #");
        let rule = rest.find("§0.");
        let next = match (pitfall, rule) {
            (Some(p), Some(r)) => Some((p.min(r), p <= r)),
            (Some(p), None) => Some((p, true)),
            (None, Some(r)) => Some((r, false)),
            (None, None) => None,
        };
        let Some((at, is_pitfall)) = next else {
            out.push_str(rest);
            return out;
        };
        let prefix = if is_pitfall { "pitfall #" } else { "§0." };
        let digits: String = rest[at + prefix.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        out.push_str(&rest[..at]);
        let token = &rest[at..at + prefix.len() + digits.len()];
        if digits.is_empty() {
            out.push_str(token);
        } else {
            let anchor = if is_pitfall { "pitfall" } else { "rule" };
            out.push_str(&format!(
                "<a href=\"{root}troubleshooting.html#{anchor}-{digits}\">{token}</a>"
            ));
        }
        rest = &rest[at + token.len()..];
    }
}

/// Every code's page.
pub fn code_pages() -> Vec<Generated> {
    Code::ALL
        .iter()
        .map(|&code| {
            let rendered = markdown::render(code.explanation());
            let body = format!(
                "<p class=\"code-meta\"><span class=\"badge sev-{sev}\">{sev}</span> {what}</p>\n{html}\n<p class=\"code-nav\"><a href=\"index.html\">All diagnostic codes</a> · <a href=\"../troubleshooting.html\">Troubleshooting</a></p>",
                sev = code.severity().as_str(),
                what = severity_text(code.severity()),
                html = link_references(&rendered.html, "../"),
            );
            let mut sections = rendered.sections;
            // The whole explanation is one search entry, titled by the code.
            let text = sections
                .iter()
                .map(|s| format!("{} {}", s.heading, s.text))
                .collect::<Vec<_>>()
                .join(" ");
            sections = vec![Section {
                heading: String::new(),
                id: String::new(),
                text: text.trim().to_owned(),
            }];
            Generated {
                path: path(code),
                title: code.heading(),
                description: format!(
                    "{} ({}): what the planner's diagnostic means, why, and how to fix it.",
                    code.title(),
                    code.as_str()
                ),
                body,
                sections,
            }
        })
        .collect()
}

/// The list of all codes, grouped by plan section.
pub fn index_page() -> Generated {
    let mut body = String::from(
        "<p>Every finding the planner reports has a stable code. Errors stop the bundle from being generated; warnings and notes do not. The same explanations are printed by <code>eksplan explain CODE</code>. Where an entry cites “rule §0.N” or “pitfall #N”, it links to the <a href=\"../troubleshooting.html#hard-rules\">hard rules</a> and the <a href=\"../troubleshooting.html\">known pitfalls</a>, which summarise the EKS User Guide, the Terraform AWS provider and public issue trackers.</p>\n",
    );
    let mut sections = Vec::new();
    for (prefix, group) in GROUPS {
        let codes: Vec<Code> = Code::ALL
            .iter()
            .copied()
            .filter(|c| c.as_str().starts_with(prefix))
            .collect();
        if codes.is_empty() {
            continue;
        }
        let id = markdown::slug(group);
        body.push_str(&format!(
            "<h2 id=\"{id}\">{g}<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section: {g}\">#</a></h2>\n<table class=\"codes\">\n<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Severity</th><th scope=\"col\">What</th></tr></thead>\n<tbody>\n",
            g = escape(group)
        ));
        for c in &codes {
            body.push_str(&format!(
                "<tr><td><a href=\"{}.html\"><code>{}</code></a></td><td><span class=\"badge sev-{sev}\">{sev}</span></td><td>{}</td></tr>\n",
                c.as_str().to_ascii_lowercase(),
                c.as_str(),
                escape(c.title()),
                sev = c.severity().as_str()
            ));
        }
        body.push_str("</tbody>\n</table>\n");
        sections.push(Section {
            heading: (*group).to_owned(),
            id,
            text: codes
                .iter()
                .map(|c| format!("{} {}", c.as_str(), c.title()))
                .collect::<Vec<_>>()
                .join(" "),
        });
    }
    Generated {
        path: "reference/index.html".into(),
        title: "Diagnostic reference".into(),
        description: "Every diagnostic code the EKS Auto Mode Planner reports, with what it means and how to fix it.".into(),
        body,
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_page_with_its_explanation() {
        let pages = code_pages();
        assert_eq!(pages.len(), Code::ALL.len());
        for (page, code) in pages.iter().zip(Code::ALL) {
            assert!(
                page.body.contains("<p>"),
                "{} has no explanation",
                code.as_str()
            );
            assert!(page.title.starts_with(code.as_str()));
        }
        let index = index_page();
        for code in Code::ALL {
            assert!(
                index.body.contains(&format!(">{}</code>", code.as_str())),
                "{} not indexed",
                code.as_str()
            );
        }
    }

    #[test]
    fn pitfalls_and_rules_become_links() {
        let html = link_references("see pitfall #23 and rule §0.12, not pitfall #x.", "../");
        assert_eq!(
            html,
            "see <a href=\"../troubleshooting.html#pitfall-23\">pitfall #23</a> and rule <a href=\"../troubleshooting.html#rule-12\">§0.12</a>, not pitfall #x."
        );
    }
}
