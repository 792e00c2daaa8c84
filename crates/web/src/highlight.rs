//! Syntax highlighting for the generated files: HCL, YAML, Markdown, shell.
//!
//! Produces an HTML string of `<span class="…">` runs. Every piece of text is
//! HTML-escaped, because the files contain whatever the user typed.

/// Token classes (CSS classes `t-…`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tok {
    Plain,
    Comment,
    Key,
    Str,
    Interp,
    Num,
    Keyword,
    Punct,
    Heading,
}

impl Tok {
    fn class(self) -> Option<&'static str> {
        match self {
            Tok::Plain => None,
            Tok::Comment => Some("t-c"),
            Tok::Key => Some("t-k"),
            Tok::Str => Some("t-s"),
            Tok::Interp => Some("t-i"),
            Tok::Num => Some("t-n"),
            Tok::Keyword => Some("t-w"),
            Tok::Punct => Some("t-p"),
            Tok::Heading => Some("t-h"),
        }
    }
}

/// Append `s` HTML-escaped.
pub fn escape_html(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn push(out: &mut String, tok: Tok, text: &str) {
    if text.is_empty() {
        return;
    }
    match tok.class() {
        None => escape_html(out, text),
        Some(class) => {
            out.push_str("<span class=\"");
            out.push_str(class);
            out.push_str("\">");
            escape_html(out, text);
            out.push_str("</span>");
        }
    }
}

/// Highlight a file by its name.
#[cfg(test)]
pub fn highlight(path: &str, text: &str) -> String {
    highlight_lines(path, text).join("\n")
}

/// Highlight a file by its name, one HTML string per line (every line's
/// spans open and close on it).
pub fn highlight_lines(path: &str, text: &str) -> Vec<String> {
    let lang: fn(&mut String, &str) = if path.ends_with(".tf") {
        hcl_line
    } else if path.ends_with(".yaml") || path.ends_with(".yml") {
        yaml_line
    } else if path.ends_with(".md") {
        markdown_line
    } else if path.ends_with(".sh") {
        shell_line
    } else {
        |out, line| push(out, Tok::Plain, line)
    };
    text.split('\n')
        .map(|line| {
            let mut out = String::with_capacity(line.len() * 2);
            lang(&mut out, line);
            out
        })
        .collect()
}

const HCL_KEYWORDS: &[&str] = &[
    "resource",
    "data",
    "variable",
    "output",
    "provider",
    "terraform",
    "locals",
    "module",
    "true",
    "false",
    "null",
];

/// A double-quoted string starting at byte `i` of `line`; returns its end.
fn quoted_end(line: &str, i: usize) -> usize {
    let b = line.as_bytes();
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

/// Emit a quoted HCL string, marking `${…}` interpolations (not `$${`).
fn hcl_string(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' && b.get(i + 1) == Some(&b'$') {
            i += 2;
            continue;
        }
        if b[i] == b'$' && b.get(i + 1) == Some(&b'{') {
            push(out, Tok::Str, &s[start..i]);
            let end = s[i..].find('}').map_or(b.len(), |e| i + e + 1);
            push(out, Tok::Interp, &s[i..end]);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push(out, Tok::Str, &s[start..]);
}

fn hcl_line(out: &mut String, line: &str) {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    push(out, Tok::Plain, indent);
    if trimmed.starts_with('#') || trimmed.starts_with("//") {
        push(out, Tok::Comment, trimmed);
        return;
    }
    let mut rest = trimmed;
    // `name =` and `"key" =` at the start of a line are attribute names.
    if let Some(eq) = attribute_eq(rest) {
        let (name, tail) = rest.split_at(eq);
        let name_trimmed = name.trim_end();
        push(out, Tok::Key, name_trimmed);
        push(out, Tok::Plain, &name[name_trimmed.len()..]);
        rest = tail;
    }
    let b = rest.as_bytes();
    let mut i = 0;
    let mut word_start: Option<usize> = None;
    let flush_word = |out: &mut String, w: &str| {
        let tok = if HCL_KEYWORDS.contains(&w) {
            Tok::Keyword
        } else if w.bytes().all(|c| c.is_ascii_digit() || c == b'.') {
            Tok::Num
        } else {
            Tok::Plain
        };
        push(out, tok, w);
    };
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphanumeric()
            || c == b'_'
            || c == b'-'
            || c == b'.'
            || c == b'['
            || c == b']'
            || c >= 0x80
        {
            word_start.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(s) = word_start.take() {
            flush_word(out, &rest[s..i]);
        }
        if c == b'"' {
            let end = quoted_end(rest, i);
            hcl_string(out, &rest[i..end]);
            i = end;
        } else if c == b'#' {
            push(out, Tok::Comment, &rest[i..]);
            return;
        } else {
            let tok = if b"{}()=,".contains(&c) {
                Tok::Punct
            } else {
                Tok::Plain
            };
            let len = rest[i..].chars().next().map_or(1, char::len_utf8);
            push(out, tok, &rest[i..i + len]);
            i += len;
        }
    }
    if let Some(s) = word_start {
        flush_word(out, &rest[s..]);
    }
}

/// Byte offset of the `=` of an attribute line (`name = …`, `"key" = …`).
fn attribute_eq(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let name_end = if line.starts_with('"') {
        quoted_end(line, 0)
    } else {
        b.iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-'))?
    };
    let after = &line[name_end..];
    let spaces = after.len() - after.trim_start().len();
    (name_end > 0 && after.trim_start().starts_with('=') && !after.trim_start().starts_with("=="))
        .then_some(name_end + spaces)
}

fn yaml_scalar(out: &mut String, v: &str) {
    let t = v.trim();
    let tok = if t.starts_with('"') || t.starts_with('\'') {
        Tok::Str
    } else if matches!(t, "true" | "false" | "null" | "~") {
        Tok::Keyword
    } else if !t.is_empty()
        && t.bytes()
            .all(|c| c.is_ascii_digit() || c == b'.' || c == b'-')
    {
        Tok::Num
    } else {
        Tok::Plain
    };
    push(out, tok, v);
}

fn yaml_line(out: &mut String, line: &str) {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    push(out, Tok::Plain, indent);
    if trimmed.starts_with('#') {
        push(out, Tok::Comment, trimmed);
        return;
    }
    if trimmed == "---" {
        push(out, Tok::Punct, trimmed);
        return;
    }
    let mut rest = trimmed;
    while let Some(r) = rest.strip_prefix("- ") {
        push(out, Tok::Punct, "- ");
        rest = r;
    }
    if rest == "-" {
        push(out, Tok::Punct, rest);
        return;
    }
    // A key is text up to `: ` (or a trailing `:`), quoted or not.
    let key_end = if rest.starts_with('"') {
        let e = quoted_end(rest, 0);
        rest[e..].starts_with(':').then_some(e)
    } else {
        rest.find(": ")
            .or_else(|| rest.ends_with(':').then(|| rest.len() - 1))
    };
    match key_end {
        Some(k) if !rest.starts_with('|') => {
            push(out, Tok::Key, &rest[..k]);
            push(out, Tok::Punct, ":");
            yaml_scalar(out, &rest[k + 1..]);
        }
        _ => yaml_scalar(out, rest),
    }
}

fn markdown_line(out: &mut String, line: &str) {
    if line.starts_with('#') {
        push(out, Tok::Heading, line);
    } else if line.starts_with("```") {
        push(out, Tok::Comment, line);
    } else {
        // Inline `code` spans.
        let mut parts = line.split('`');
        if let Some(first) = parts.next() {
            push(out, Tok::Plain, first);
        }
        for (i, part) in parts.enumerate() {
            push(out, Tok::Plain, "`");
            push(out, if i % 2 == 0 { Tok::Str } else { Tok::Plain }, part);
        }
    }
}

fn shell_line(out: &mut String, line: &str) {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        push(out, Tok::Plain, &line[..line.len() - trimmed.len()]);
        push(out, Tok::Comment, trimmed);
        return;
    }
    let b = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' || b[i] == b'\'' {
            push(out, Tok::Plain, &line[start..i]);
            let q = b[i];
            let end = b[i + 1..]
                .iter()
                .position(|c| *c == q)
                .map_or(b.len(), |e| i + e + 2);
            push(out, Tok::Str, &line[i..end]);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    push(out, Tok::Plain, &line[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of the highlighted HTML, tags removed and entities decoded.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn highlighting_never_changes_the_text() {
        let samples = [
            (
                "a.tf",
                "resource \"aws_vpc\" \"this\" {\n  cidr_block = \"10.0.0.0/16\" # c\n  tags = {\n    \"x\" = \"$${a} ${var.b} é\"\n  }\n}\n",
            ),
            (
                "a.yaml",
                "# c\n---\nkind: X\nspec:\n- key: \"a: b\"\n  values:\n  - \"1\"\n  - -\n",
            ),
            ("a.md", "# T\n\n`code` and ``x``\n```sh\nls\n```\n"),
            ("a.sh", "#!/bin/bash\necho \"hi $x\" 'y' # no\n"),
            ("a.txt", "plain <b>"),
        ];
        for (path, text) in samples {
            assert_eq!(text_of(&highlight(path, text)), text, "{path}");
        }
    }

    #[test]
    fn user_text_is_escaped() {
        let html = highlight("a.yaml", "tags:\n  x: <img src=x onerror=alert(1)>\n");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img"));
        let html = highlight("a.tf", "x = \"</span><script>alert(1)</script>\"\n");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn classes() {
        let html = highlight("a.tf", "  name = var.cluster_name\n");
        assert!(html.contains("<span class=\"t-k\">name</span>"), "{html}");
        let html = highlight("a.tf", "resource \"x\" \"y\" {}");
        assert!(
            html.contains("<span class=\"t-w\">resource</span>"),
            "{html}"
        );
        let html = highlight("a.yaml", "  kind: NodePool");
        assert!(html.contains("<span class=\"t-k\">kind</span>"), "{html}");
    }
}
