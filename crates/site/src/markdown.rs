//! Markdown to HTML (pulldown-cmark), with an id and a self-link on every
//! heading, and the plain text of each section for the search index.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;

/// A rendered page body.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The text under each heading (the first has no heading: the intro).
    pub sections: Vec<Section>,
}

/// One heading's worth of text, for search.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading text (empty for the text before the first heading).
    pub heading: String,
    /// Its id (empty for the intro).
    pub id: String,
    /// Plain text, whitespace collapsed.
    pub text: String,
}

/// A URL-fragment-safe id from heading text: `Pod Identity vs. IRSA` →
/// `pod-identity-vs-irsa`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "section".to_owned()
    } else {
        out
    }
}

/// Escape text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Render Markdown. Headings get ids (explicit `{#id}` wins, else a slug of
/// the text, made unique) and a `#` link to themselves.
pub fn render(markdown: &str) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut out: Vec<Event<'_>> = Vec::new();
    let mut sections = vec![Section::default()];
    let mut used: HashSet<String> = HashSet::new();
    // Inside a heading: its level, explicit id, inline events and text.
    let mut heading: Option<(u8, Option<String>, Vec<Event<'_>>, String)> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level: l, id, .. }) => {
                heading = Some((
                    level(l),
                    id.map(|i| i.to_string()),
                    Vec::new(),
                    String::new(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((n, explicit, inner, text)) = heading.take() else {
                    continue;
                };
                let base = explicit.unwrap_or_else(|| slug(&text));
                let mut id = base.clone();
                let mut k = 2;
                while !used.insert(id.clone()) {
                    id = format!("{base}-{k}");
                    k += 1;
                }
                out.push(Event::Html(CowStr::from(format!("<h{n} id=\"{id}\">"))));
                out.extend(inner);
                out.push(Event::Html(CowStr::from(format!(
                    "<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section: {}\">#</a></h{n}>\n",
                    escape(text.trim())
                ))));
                sections.push(Section {
                    heading: text.trim().to_owned(),
                    id,
                    text: String::new(),
                });
            }
            Event::Text(ref t) | Event::Code(ref t) => match heading.as_mut() {
                Some((_, _, inner, text)) => {
                    text.push_str(t);
                    inner.push(event.clone());
                }
                None => {
                    if let Some(s) = sections.last_mut() {
                        s.text.push_str(t);
                    }
                    out.push(event.clone());
                }
            },
            other => {
                // Words of separate blocks, lines and cells stay apart.
                let breaks = matches!(
                    other,
                    Event::SoftBreak
                        | Event::HardBreak
                        | Event::End(
                            TagEnd::Paragraph
                                | TagEnd::Item
                                | TagEnd::TableCell
                                | TagEnd::CodeBlock
                                | TagEnd::BlockQuote(_)
                        )
                );
                match heading.as_mut() {
                    Some((_, _, inner, _)) => inner.push(other),
                    None => {
                        if breaks && let Some(s) = sections.last_mut() {
                            s.text.push(' ');
                        }
                        out.push(other);
                    }
                }
            }
        }
    }
    for s in &mut sections {
        s.text = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    sections.retain(|s| !(s.heading.is_empty() && s.text.is_empty()));
    let mut html_out = String::new();
    html::push_html(&mut html_out, out.into_iter());
    Rendered {
        html: html_out,
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids_and_self_links() {
        let r = render(
            "Intro text.\n\n## Pod Identity vs. IRSA\n\nBody `code`.\n\n## Pod Identity vs. IRSA\n\n### Custom {#pitfall-7}\n",
        );
        assert!(r.html.contains("<h2 id=\"pod-identity-vs-irsa\">Pod Identity vs. IRSA<a class=\"anchor\" href=\"#pod-identity-vs-irsa\""), "{}", r.html);
        assert!(r.html.contains("id=\"pod-identity-vs-irsa-2\""));
        assert!(r.html.contains("<h3 id=\"pitfall-7\">Custom"));
        assert_eq!(r.sections[0].text, "Intro text.");
        assert_eq!(r.sections[1].heading, "Pod Identity vs. IRSA");
        assert_eq!(r.sections[1].text, "Body code.");
    }

    #[test]
    fn tables_and_escaping() {
        let r = render("| a | b |\n| - | - |\n| 1 | <x> |\n");
        assert!(r.html.contains("<table>"));
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(
            slug("  What Auto Mode manages!  "),
            "what-auto-mode-manages"
        );
        assert_eq!(slug("???"), "section");
    }
}
