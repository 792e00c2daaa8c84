//! Rendering the syntax tree in `terraform fmt` style.
//!
//! Values are written straight into the output buffer; whether a value fits
//! on one line is decided from its computed length, without rendering it
//! twice.

use std::borrow::Cow;

use super::escape::{escape_into, escaped_len, is_identifier};
use super::{Block, Expr, Item, StrPart};

/// Lists longer than this (rendered inline) are written one item per line.
const INLINE_LIST_MAX: usize = 80;

/// Render top-level items.
pub fn render(items: &[Item]) -> String {
    let mut out = String::with_capacity(4096);
    let entries: Vec<Entry<'_>> = items.iter().map(Entry::from).collect();
    body(&mut out, &entries, 0);
    out
}

/// A body line, borrowed from a block's items or an object's entries.
enum Entry<'a> {
    Attr(Cow<'a, str>, &'a Expr),
    Block(&'a Block),
    Blank,
    Comment(&'a str),
}

impl<'a> From<&'a Item> for Entry<'a> {
    fn from(item: &'a Item) -> Entry<'a> {
        match item {
            Item::Attr(name, expr) => Entry::Attr(Cow::Borrowed(name.as_ref()), expr),
            Item::Block(b) => Entry::Block(b),
            Item::Blank => Entry::Blank,
            Item::Comment(c) => Entry::Comment(c),
        }
    }
}

fn indent(out: &mut String, level: usize) {
    crate::textfmt::pad(out, 2 * level);
}

/// Width of an attribute name as `terraform fmt` counts it: grapheme
/// clusters (hclwrite uses go-textseg), so `"e\u{301}"` is 3 wide, not 4.
fn columns(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        unicode_segmentation::UnicodeSegmentation::graphemes(s, true).count()
    }
}

fn body(out: &mut String, entries: &[Entry<'_>], level: usize) {
    let mut i = 0;
    while i < entries.len() {
        match &entries[i] {
            Entry::Attr(name, expr) => {
                // A run of single-line attributes shares one `=` column.
                let mut j = i;
                let mut width = 0;
                while let Some(Entry::Attr(n, e)) = entries.get(j) {
                    if !fits_inline(e) {
                        break;
                    }
                    width = width.max(columns(n));
                    j += 1;
                }
                if j == i {
                    indent(out, level);
                    out.push_str(name);
                    out.push_str(" = ");
                    multiline(out, expr, level);
                    out.push('\n');
                    i += 1;
                    continue;
                }
                for entry in &entries[i..j] {
                    if let Entry::Attr(n, e) = entry {
                        indent(out, level);
                        out.push_str(n);
                        crate::textfmt::pad(out, width.saturating_sub(columns(n)));
                        out.push_str(" = ");
                        write_inline(out, e);
                        out.push('\n');
                    }
                }
                i = j;
            }
            Entry::Block(b) => {
                block(out, b, level);
                i += 1;
            }
            Entry::Blank => {
                out.push('\n');
                i += 1;
            }
            Entry::Comment(c) => {
                indent(out, level);
                if c.is_empty() {
                    out.push('#');
                } else {
                    out.push_str("# ");
                    out.push_str(c);
                }
                out.push('\n');
                i += 1;
            }
        }
    }
}

fn block(out: &mut String, b: &Block, level: usize) {
    indent(out, level);
    out.push_str(&b.kind);
    for label in &b.labels {
        out.push_str(" \"");
        escape_into(out, label);
        out.push('"');
    }
    if b.items.is_empty() {
        out.push_str(" {}\n");
        return;
    }
    out.push_str(" {\n");
    let entries: Vec<Entry<'_>> = b.items.iter().map(Entry::from).collect();
    body(out, &entries, level + 1);
    indent(out, level);
    out.push_str("}\n");
}

/// Whether an expression has a single-line form. Strings, numbers and
/// references always do; only lists and calls need their length measured.
fn fits_inline(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) | Expr::Str(_) | Expr::Raw(_) => true,
        Expr::Object(items) => items.is_empty(),
        Expr::List(_) | Expr::Call(..) => inline_len(e).is_some(),
    }
}

/// The length of an expression's single-line form, if it has one.
fn inline_len(e: &Expr) -> Option<usize> {
    match e {
        Expr::Lit(t) => Some(2 + escaped_len(t)),
        Expr::Str(parts) => Some(
            2 + parts
                .iter()
                .map(|p| match p {
                    StrPart::Lit(t) => escaped_len(t),
                    StrPart::Interp(x) => x.len() + 3,
                })
                .sum::<usize>(),
        ),
        Expr::Raw(s) => Some(s.len()),
        Expr::List(items) => {
            let mut len = 2 + 2 * items.len().saturating_sub(1);
            for item in items {
                len += inline_len(item)?;
            }
            (items.is_empty() || len <= INLINE_LIST_MAX).then_some(len)
        }
        Expr::Object(items) => items.is_empty().then_some(2),
        Expr::Call(name, args) => {
            let mut len = name.len() + 2 + 2 * args.len().saturating_sub(1);
            for a in args {
                len += inline_len(a)?;
            }
            Some(len)
        }
    }
}

/// Write the single-line form (the caller checked [`inline_len`]).
fn write_inline(out: &mut String, e: &Expr) {
    match e {
        Expr::Lit(t) => {
            out.push('"');
            escape_into(out, t);
            out.push('"');
        }
        Expr::Str(parts) => {
            out.push('"');
            for p in parts {
                match p {
                    StrPart::Lit(t) => escape_into(out, t),
                    StrPart::Interp(x) => {
                        out.push_str("${");
                        out.push_str(x);
                        out.push('}');
                    }
                }
            }
            out.push('"');
        }
        Expr::Raw(s) => out.push_str(s),
        Expr::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_inline(out, item);
            }
            out.push(']');
        }
        Expr::Object(_) => out.push_str("{}"),
        Expr::Call(name, args) => {
            out.push_str(name);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_inline(out, a);
            }
            out.push(')');
        }
    }
}

/// Write an expression that may span lines, starting mid-line at `level`.
fn multiline(out: &mut String, e: &Expr, level: usize) {
    if fits_inline(e) {
        write_inline(out, e);
        return;
    }
    match e {
        Expr::List(items) => {
            out.push_str("[\n");
            for item in items {
                indent(out, level + 1);
                multiline(out, item, level + 1);
                out.push_str(",\n");
            }
            indent(out, level);
            out.push(']');
        }
        Expr::Object(items) => {
            out.push_str("{\n");
            let entries: Vec<Entry<'_>> = items
                .iter()
                .map(|(k, v)| {
                    let key = if is_identifier(k) {
                        Cow::Borrowed(k.as_str())
                    } else {
                        let mut q = String::with_capacity(k.len() + 2);
                        q.push('"');
                        escape_into(&mut q, k);
                        q.push('"');
                        Cow::Owned(q)
                    };
                    Entry::Attr(key, v)
                })
                .collect();
            body(out, &entries, level + 1);
            indent(out, level);
            out.push('}');
        }
        Expr::Call(name, args) => {
            let Some((last, init)) = args.split_last() else {
                out.push_str(name);
                out.push_str("()");
                return;
            };
            out.push_str(name);
            if init.iter().all(fits_inline) {
                // Common shape: jsonencode({ … }), merge(var.tags, { … }).
                out.push('(');
                for a in init {
                    write_inline(out, a);
                    out.push_str(", ");
                }
                multiline(out, last, level);
                out.push(')');
            } else {
                out.push_str("(\n");
                for a in args {
                    indent(out, level + 1);
                    multiline(out, a, level + 1);
                    out.push_str(",\n");
                }
                indent(out, level);
                out.push(')');
            }
        }
        Expr::Lit(_) | Expr::Str(_) | Expr::Raw(_) => write_inline(out, e),
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;

    #[test]
    fn aligns_runs_and_breaks_at_multiline_values() {
        let mut f = File::default();
        f.push(
            Block::new("resource", &["aws_vpc", "this"])
                .attr("cidr_block", Expr::str("10.0.0.0/16"))
                .attr("enable_dns_hostnames", Expr::bool(true))
                .attr(
                    "tags",
                    Expr::Object(vec![
                        ("Name".into(), Expr::str("x")),
                        ("kubernetes.io/role/elb".into(), Expr::str("1")),
                    ]),
                )
                .attr("a", Expr::num(1)),
        );
        let expected = r#"resource "aws_vpc" "this" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  tags = {
    Name                     = "x"
    "kubernetes.io/role/elb" = "1"
  }
  a = 1
}
"#;
        assert_eq!(f.render(), expected);
    }

    #[test]
    fn aligns_by_grapheme_clusters_like_terraform() {
        // Checked against `terraform fmt` 1.11.
        let mut f = File::default();
        f.push(Block::new("x", &[]).attr(
            "tags",
            Expr::Object(vec![
                ("a".into(), Expr::num(1)),
                ("e\u{301}".into(), Expr::num(2)),
                ("\u{1f468}\u{200d}\u{1f469}".into(), Expr::num(3)),
                ("中文".into(), Expr::num(4)),
            ]),
        ));
        let text = f.render();
        assert!(text.contains("    a    = 1\n"), "{text}");
        assert!(text.contains("    \"e\u{301}\"  = 2\n"), "{text}");
        assert!(text.contains("    \"中文\" = 4\n"), "{text}");
    }

    #[test]
    fn empty_blocks_and_long_lists() {
        let mut f = File::default();
        f.push(Block::new("data", &["aws_partition", "current"]));
        let long: Vec<String> = (0..6)
            .map(|i| format!("aws_subnet.private_{i}.id"))
            .collect();
        f.push(
            Block::new("x", &[]).attr("ids", Expr::List(long.into_iter().map(Expr::raw).collect())),
        );
        let text = f.render();
        assert!(text.starts_with(
            "data \"aws_partition\" \"current\" {}\n\nx {\n  ids = [\n    aws_subnet.private_0.id,\n"
        ));
        assert!(text.ends_with("  ]\n}\n"));
    }

    #[test]
    fn inline_length_matches_what_is_written() {
        let exprs = [
            Expr::str("a\"b\\c\n${x}%{y}\u{7}é"),
            Expr::Str(vec![
                StrPart::Lit("arn:".into()),
                StrPart::Interp("var.p".into()),
            ]),
            Expr::strs(&["a", "b"]),
            Expr::Call("f".into(), vec![Expr::num(1), Expr::raw("x.y")]),
            Expr::List(vec![]),
            Expr::Object(vec![]),
        ];
        for e in &exprs {
            let mut s = String::new();
            super::write_inline(&mut s, e);
            assert_eq!(super::inline_len(e), Some(s.len()), "{s}");
        }
    }
}
