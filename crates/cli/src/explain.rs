//! `eksplan explain`: the long form of a diagnostic, as terminal text, and
//! the list of every code.

use eksplan_core::Code;
use eksplan_core::plan::read::suggest;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// How text is styled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Plain text (a pipe, a file, or `NO_COLOR`).
    Plain,
    /// Bold and colour with ANSI escapes (a terminal).
    Ansi,
}

impl Style {
    /// ANSI on a terminal unless `NO_COLOR` is set (<https://no-color.org>).
    pub fn detect() -> Style {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if !no_color && std::io::stdout().is_terminal() {
            Style::Ansi
        } else {
            Style::Plain
        }
    }

    fn wrap(self, code: &str, text: &str) -> String {
        match self {
            Style::Plain => text.to_owned(),
            Style::Ansi => format!("\x1b[{code}m{text}\x1b[0m"),
        }
    }
}

/// Width to wrap paragraphs at.
const WIDTH: usize = 80;

/// The section a code's prefix belongs to.
fn section(prefix: &str) -> &str {
    match prefix {
        "CL" => "Cluster",
        "NW" => "Network",
        "AM" => "Auto Mode",
        "AC" => "Access",
        "NC" => "NodeClass",
        "NP" => "NodePool",
        "ST" => "Storage",
        "LB" => "Load balancing",
        "PI" => "Pod Identity",
        "WL" => "Sample workload",
        "CP" => "Capacity and cost plan",
        other => other,
    }
}

fn prefix(code: Code) -> &'static str {
    code.as_str().get(..2).unwrap_or_default()
}

/// One code explained: its heading, severity and long form.
pub fn explain(code: Code, style: Style) -> String {
    let mut out = style.wrap("1", &format!("{} ({})", code.heading(), code.severity()));
    out.push_str("\n\n");
    out.push_str(&render(code.explanation(), style));
    out
}

/// Every code with its title, grouped by section; only those starting with
/// `filter` (a prefix such as `NP`) when given.
pub fn list(filter: Option<&str>, style: Style) -> String {
    let mut out = String::new();
    let mut current = "";
    for &code in Code::ALL {
        if let Some(f) = filter
            && !code.as_str().starts_with(&f.to_ascii_uppercase())
        {
            continue;
        }
        let p = prefix(code);
        if p != current {
            if !current.is_empty() {
                out.push('\n');
            }
            out.push_str(&style.wrap("1", section(p)));
            out.push('\n');
            current = p;
        }
        out.push_str(&format!(
            "  {}  {:7}  {}\n",
            code.as_str(),
            code.severity().as_str(),
            code.title()
        ));
    }
    out
}

/// Whether `text` is a code prefix with codes (`NP`, `cl`).
pub fn is_prefix(text: &str) -> bool {
    text.len() == 2
        && Code::ALL
            .iter()
            .any(|c| prefix(*c).eq_ignore_ascii_case(text))
}

/// The code closest to a misspelt one (`NP05` → `NP005`).
pub fn closest(text: &str) -> Option<Code> {
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    suggest::closest(text.trim(), &codes).and_then(Code::parse)
}

/// Markdown as terminal text: paragraphs wrapped, `**bold**` bold, `code`
/// in backticks (or coloured on a terminal), lists with bullets, links
/// followed by their address.
pub fn render(markdown: &str, style: Style) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut indent = String::new();
    let mut list_depth = 0usize;
    let mut in_code_block = false;
    let mut link: Option<String> = None;
    let flush = |text: &mut String, blocks: &mut Vec<String>, indent: &str| {
        let t = text.trim();
        if !t.is_empty() {
            let hanging = " ".repeat(indent.chars().count());
            let options = textwrap::Options::new(WIDTH)
                .initial_indent(indent)
                .subsequent_indent(&hanging);
            blocks.push(textwrap::fill(t, options));
        }
        text.clear();
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Heading { .. }) => {}
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => {
                flush(&mut text, &mut blocks, &indent);
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                flush(&mut text, &mut blocks, &indent);
                indent = format!("{}• ", "  ".repeat(list_depth.saturating_sub(1)));
            }
            Event::End(TagEnd::Item) => {
                flush(&mut text, &mut blocks, &indent);
                indent.clear();
            }
            Event::Start(Tag::Strong) if style == Style::Ansi => text.push_str("\x1b[1m"),
            Event::End(TagEnd::Strong) if style == Style::Ansi => text.push_str("\x1b[0m"),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => {}
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut text, &mut blocks, &indent);
                in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                let block: Vec<String> = text.lines().map(|l| format!("    {l}")).collect();
                blocks.push(block.join("\n"));
                text.clear();
            }
            Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = link.take() {
                    text.push_str(&format!(" ({url})"));
                }
            }
            Event::Code(code) => match style {
                Style::Plain => text.push_str(&format!("`{code}`")),
                Style::Ansi => text.push_str(&style.wrap("36", &code)),
            },
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak => text.push(if in_code_block { '\n' } else { ' ' }),
            Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    flush(&mut text, &mut blocks, &indent);
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_wrapped_text() {
        let md = "A **bold** claim about `expire_after`, which is long enough that the paragraph has to wrap at eighty columns somewhere.\nSecond line.\n\n**Fix:** do it.\n\n- one\n- two [docs](https://example.com)\n";
        let out = render(md, Style::Plain);
        assert!(!out.contains("**"), "{out}");
        assert!(out.contains("A bold claim about `expire_after`"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH), "{out}");
        assert!(out.contains("Fix: do it."), "{out}");
        assert!(
            out.contains("• one\n\n• two docs (https://example.com)"),
            "{out}"
        );
        let ansi = render(md, Style::Ansi);
        assert!(ansi.contains("\x1b[1mbold\x1b[0m"), "{ansi:?}");
        assert!(ansi.contains("\x1b[36mexpire_after\x1b[0m"), "{ansi:?}");
    }

    #[test]
    fn the_list_has_every_code_once() {
        let all = list(None, Style::Plain);
        for c in Code::ALL {
            assert_eq!(all.matches(&format!("  {}  ", c.as_str())).count(), 1);
        }
        let np = list(Some("np"), Style::Plain);
        assert!(np.starts_with("NodePool\n  NP001"), "{np}");
        assert!(!np.contains("CL001"));
    }

    #[test]
    fn near_misses_find_their_code() {
        assert_eq!(closest("NP05"), Code::parse("NP005"));
        assert_eq!(closest("np0005"), Code::parse("NP005"));
        assert!(is_prefix("nw"));
        assert!(!is_prefix("XX"));
    }
}
