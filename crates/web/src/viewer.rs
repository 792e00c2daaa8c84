//! One generated file on screen: highlighted, with line numbers, optional
//! wrapping, the lines the last edit changed and the lines the focused
//! field produces marked, and Markdown files rendered.

use std::collections::BTreeSet;

use yew::prelude::*;

use crate::highlight::highlight_lines;

/// Marks on a file's lines (1-based line numbers).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// Lines the last edit added or changed.
    pub changed: BTreeSet<u32>,
    /// Lines after which the last edit removed lines (0: before the first).
    pub removed_after: BTreeSet<u32>,
    /// Lines the focused field produces.
    pub traced: BTreeSet<u32>,
}

/// The file as HTML lines: each line a `<span class="ln">` carrying its
/// marks (line numbers come from a CSS counter, so copying the text copies
/// no numbers).
pub fn lines_html(path: &str, text: &str, marks: &Marks) -> String {
    let lines = highlight_lines(path, text.strip_suffix('\n').unwrap_or(text));
    let mut out = String::with_capacity(text.len() * 3);
    if marks.removed_after.contains(&0) {
        out.push_str("<span class=\"ln cut-before\" aria-hidden=\"true\"></span>");
    }
    for (i, html) in lines.iter().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        out.push_str("<span class=\"ln");
        if marks.changed.contains(&n) {
            out.push_str(" changed");
        }
        if marks.traced.contains(&n) {
            out.push_str(" traced");
        }
        if marks.removed_after.contains(&n) {
            out.push_str(" cut");
        }
        out.push_str("\">");
        out.push_str(html);
        // An empty line still takes its height.
        if html.is_empty() {
            out.push(' ');
        }
        out.push_str("</span>\n");
    }
    out
}

/// Markdown as HTML (raw HTML in it shown as text; see [`crate::markdown`]).
pub fn markdown_html(text: &str) -> String {
    crate::markdown::to_html(text)
}

/// The file's HTML: rendered Markdown (for `.md` files when `rendered`), or
/// highlighted source lines with their marks.
pub fn file_html(path: &str, text: &str, marks: &Marks, rendered: bool) -> String {
    if rendered && path.ends_with(".md") {
        markdown_html(text)
    } else {
        lines_html(path, text, marks)
    }
}

/// The file on screen, from [`file_html`].
pub fn file_view(path: &str, html: &str, wrap: bool, rendered: bool) -> Html {
    let label = format!("Contents of {path}");
    let body = Html::from_html_unchecked(AttrValue::from(html.to_owned()));
    if rendered && path.ends_with(".md") {
        html! { <div class="rendered" tabindex="0" role="document" aria-label={label}>{ body }</div> }
    } else {
        html! {
            <pre class={classes!("code", "numbered", wrap.then_some("wrap"))} tabindex="0" aria-label={label}><code>{ body }</code></pre>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_carry_their_marks_and_no_numbers() {
        let marks = Marks {
            changed: [2].into(),
            removed_after: [0, 3].into(),
            traced: [1, 2].into(),
        };
        let html = lines_html("a.yaml", "a: 1\nb: 2\n\n", &marks);
        assert_eq!(html.matches("<span class=\"ln").count(), 4, "{html}");
        assert!(html.starts_with("<span class=\"ln cut-before\""), "{html}");
        assert!(
            html.contains("<span class=\"ln changed traced\">"),
            "{html}"
        );
        assert!(html.contains("<span class=\"ln cut\"> </span>"), "{html}");
    }

    #[test]
    fn markdown_renders_and_raw_html_stays_text() {
        let html = markdown_html(
            "# T `x`\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n<script>alert(1)</script> <b>x</b>\n",
        );
        assert!(html.contains("<h1>T <code>x</code></h1>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }
}
