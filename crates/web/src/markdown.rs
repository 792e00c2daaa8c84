//! Markdown to HTML for the generated README, in the browser.
//!
//! The README is written by the planner's own emitter, in a small subset
//! of CommonMark: ATX headings, paragraphs, `-`/`*`/`1.` lists, fenced
//! code blocks, pipe tables, and inline code, emphasis and links. This
//! renders that subset (and degrades to escaped text for anything else);
//! pulldown-cmark, which the build uses for the diagnostic explanations,
//! would make the page 66 KB (gzipped) heavier for this one file. A test
//! renders every preset's README with both and requires the same HTML.
//!
//! Everything is escaped: the README carries what the user typed, and
//! raw HTML in it is shown as text, never run.

/// Escape text as CommonMark renderers do (`&`, `<`, `>`).
fn esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Escape an attribute value (also `"`).
fn esc_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            c => esc(out, &c.to_string()),
        }
    }
}

/// The text of a backslash escape's target, if `c` is one.
fn escapable(c: char) -> bool {
    c.is_ascii_punctuation()
}

/// Inline Markdown: code spans, `**strong**`, `*em*`/`_em_`, links and
/// backslash escapes.
fn inline(out: &mut String, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut plain = String::new();
    let flush = |out: &mut String, plain: &mut String| {
        esc(out, plain);
        plain.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(|n| escapable(*n)) => {
                plain.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                let run = chars[i..].iter().take_while(|c| **c == '`').count();
                let close = (i + run..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|c| **c == '`').count() == run
                        && (j == 0 || chars[j - 1] != '`')
                });
                match close {
                    Some(j) => {
                        flush(out, &mut plain);
                        let code: String = chars[i + run..j].iter().collect();
                        let code = code.replace('\n', " ");
                        let code = if code.len() > 2
                            && code.starts_with(' ')
                            && code.ends_with(' ')
                            && !code.trim().is_empty()
                        {
                            code[1..code.len() - 1].to_owned()
                        } else {
                            code
                        };
                        out.push_str("<code>");
                        esc(out, &code);
                        out.push_str("</code>");
                        i = j + run;
                    }
                    None => {
                        plain.extend(std::iter::repeat_n('`', run));
                        i += run;
                    }
                }
            }
            '*' | '_' => {
                let strong = chars.get(i + 1) == Some(&c);
                let marker: String = if strong {
                    [c, c].iter().collect()
                } else {
                    c.to_string()
                };
                let width = marker.chars().count();
                let opens = chars.get(i + width).is_some_and(|n| !n.is_whitespace())
                    && (c == '*' || i == 0 || !chars[i - 1].is_alphanumeric());
                let close = opens
                    .then(|| {
                        let rest: String = chars[i + width..].iter().collect();
                        rest.find(&marker).map(|k| rest[..k].chars().count())
                    })
                    .flatten()
                    .filter(|k| *k > 0)
                    .filter(|k| !chars[i + width + k - 1].is_whitespace())
                    .filter(|k| {
                        c == '*'
                            || chars
                                .get(i + width + k + width)
                                .is_none_or(|n| !n.is_alphanumeric())
                    });
                match close {
                    Some(k) => {
                        flush(out, &mut plain);
                        let tag = if strong { "strong" } else { "em" };
                        out.push_str(&format!("<{tag}>"));
                        let inner: String = chars[i + width..i + width + k].iter().collect();
                        inline(out, &inner);
                        out.push_str(&format!("</{tag}>"));
                        i += width + k + width;
                    }
                    None => {
                        plain.push(c);
                        i += 1;
                    }
                }
            }
            '[' => {
                let rest: String = chars[i + 1..].iter().collect();
                let link = rest.find("](").and_then(|close| {
                    let after = &rest[close + 2..];
                    let end = after.find(')')?;
                    let label = &rest[..close];
                    let url = &after[..end];
                    (!label.contains('[') && !url.contains(' ')).then(|| {
                        (
                            label.to_owned(),
                            url.to_owned(),
                            label.chars().count() + 2 + url.chars().count() + 1,
                        )
                    })
                });
                match link {
                    Some((label, url, used)) => {
                        flush(out, &mut plain);
                        out.push_str("<a href=\"");
                        esc_attr(out, &url);
                        out.push_str("\">");
                        inline(out, &label);
                        out.push_str("</a>");
                        i += 1 + used;
                    }
                    None => {
                        plain.push(c);
                        i += 1;
                    }
                }
            }
            c => {
                plain.push(c);
                i += 1;
            }
        }
    }
    flush(out, &mut plain);
}

/// A table row's cells.
fn cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(str::trim).collect()
}

fn is_table_rule(line: &str) -> bool {
    let c = cells(line);
    !c.is_empty()
        && line.contains('-')
        && c.iter().all(|cell| {
            let cell = cell.trim_matches(':');
            !cell.is_empty() && cell.chars().all(|ch| ch == '-')
        })
}

fn list_item(line: &str) -> Option<(bool, &str)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
        return Some((false, rest));
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && digits < 10)
        .then(|| t[digits..].strip_prefix(". "))
        .flatten()
        .map(|rest| (true, rest))
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if rest.is_empty() {
        return Some((level, ""));
    }
    rest.strip_prefix(' ')
        .map(|r| (level, r.trim().trim_end_matches('#').trim_end()))
}

/// Render Markdown to HTML.
pub fn to_html(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() {
            i += 1;
        } else if let Some(fence) = line.trim_start().strip_prefix("```") {
            let lang = fence.trim();
            if lang.is_empty() {
                out.push_str("<pre><code>");
            } else {
                out.push_str("<pre><code class=\"language-");
                esc_attr(&mut out, lang.split_whitespace().next().unwrap_or(lang));
                out.push_str("\">");
            }
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with("```") {
                esc(&mut out, lines[i]);
                out.push('\n');
                i += 1;
            }
            i += 1;
            out.push_str("</code></pre>\n");
        } else if let Some((level, title)) = heading(line) {
            out.push_str(&format!("<h{level}>"));
            inline(&mut out, title);
            out.push_str(&format!("</h{level}>\n"));
            i += 1;
        } else if line.trim_start().starts_with('|')
            && lines.get(i + 1).is_some_and(|l| is_table_rule(l))
        {
            let head = cells(line);
            out.push_str("<table><thead><tr>");
            for h in &head {
                out.push_str("<th>");
                inline(&mut out, h);
                out.push_str("</th>");
            }
            out.push_str("</tr></thead><tbody>\n");
            i += 2;
            while i < lines.len() && lines[i].trim_start().starts_with('|') {
                out.push_str("<tr>");
                let row = cells(lines[i]);
                for k in 0..head.len() {
                    out.push_str("<td>");
                    inline(&mut out, row.get(k).copied().unwrap_or(""));
                    out.push_str("</td>");
                }
                out.push_str("</tr>\n");
                i += 1;
            }
            out.push_str("</tbody></table>\n");
        } else if let Some((ordered, _)) = list_item(line) {
            let tag = if ordered { "ol" } else { "ul" };
            out.push_str(&format!("<{tag}>\n"));
            while let Some((o, first)) = lines.get(i).and_then(|l| list_item(l)) {
                if o != ordered {
                    break;
                }
                let mut item = first.to_owned();
                i += 1;
                // Lazy continuation lines belong to the item.
                while let Some(l) = lines.get(i) {
                    if l.trim().is_empty()
                        || list_item(l).is_some()
                        || heading(l).is_some()
                        || l.trim_start().starts_with("```")
                    {
                        break;
                    }
                    item.push('\n');
                    item.push_str(l.trim());
                    i += 1;
                }
                out.push_str("<li>");
                inline(&mut out, &item);
                out.push_str("</li>\n");
            }
            out.push_str(&format!("</{tag}>\n"));
        } else {
            let mut para: Vec<&str> = Vec::new();
            while let Some(l) = lines.get(i) {
                if l.trim().is_empty()
                    || heading(l).is_some()
                    || list_item(l).is_some()
                    || l.trim_start().starts_with("```")
                    || (l.trim_start().starts_with('|')
                        && lines.get(i + 1).is_some_and(|n| is_table_rule(n)))
                {
                    break;
                }
                para.push(l.trim());
                i += 1;
            }
            out.push_str("<p>");
            inline(&mut out, &para.join("\n"));
            out.push_str("</p>\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// pulldown-cmark's HTML for the same text.
    fn reference(text: &str) -> String {
        use pulldown_cmark::{Event, Options, Parser};
        let parser = Parser::new_ext(text, Options::ENABLE_TABLES).map(|e| match e {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            other => other,
        });
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, parser);
        out
    }

    #[test]
    fn every_preset_readme_renders_as_pulldown_cmark_renders_it() {
        let options = eksplan_core::Options {
            today: Some(eksplan_core::catalog::date::Date::new(2026, 11, 21)),
        };
        let mut plans: Vec<eksplan_core::Plan> = eksplan_core::presets::PRESETS
            .iter()
            .filter_map(|p| p.plan().ok())
            .collect();
        // Hostile text in the README: HTML, Markdown punctuation.
        let mut hostile = eksplan_core::Plan::default();
        hostile
            .cluster
            .tags
            .insert("team".into(), "<script>*x* `y` [z](w) _u_ | v".into());
        plans.push(hostile);
        for plan in plans {
            let bundle = eksplan_core::generate(&plan, &options)
                .bundle
                .unwrap_or_else(|e| panic!("{e}"));
            let readme = bundle.get("README.md").unwrap_or_default();
            assert_eq!(to_html(readme), reference(readme), "{}", plan.cluster.name);
        }
    }

    #[test]
    fn the_subset_matches_pulldown_cmark() {
        for md in [
            "# T `x`\n\nA *b* and **c** and `d < e`.\nNext line.\n",
            "- one\n- two `x`\n  more\n- three\n\n1. a\n2. b\n",
            "| a | b |\n| --- | --- |\n| `1` | 2 |\n| 3 |\n\ntext\n",
            "```sh\nkubectl get <x> & y\n```\n\n## After\n",
            "A [link](https://example.com/a_b) and snake_case_name and 2 * 3 * 4.\n",
            "Inline <b>html</b> and \"quotes\" & <script>x</script>\n",
            "Escapes: \\* not em \\`not code\\`.\n",
            "###### Six\n\n####### not a heading\n",
        ] {
            assert_eq!(to_html(md), reference(md), "{md:?}");
        }
    }

    #[test]
    fn raw_html_is_text() {
        let html = to_html("<img src=x onerror=alert(1)>\n");
        assert!(!html.contains("<img"), "{html}");
    }
}
