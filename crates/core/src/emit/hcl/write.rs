//! Rendering the syntax tree in `terraform fmt` style.

use super::escape::{escape_template, is_identifier};
use super::{Block, Expr, Item, StrPart};

/// Lists longer than this (rendered inline) are written one item per line.
const INLINE_LIST_MAX: usize = 80;

/// Render top-level items.
pub fn render(items: &[Item]) -> String {
    let mut out = String::new();
    body(&mut out, items, 0);
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
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

fn body(out: &mut String, items: &[Item], level: usize) {
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Item::Attr(..) => {
                // A run of single-line attributes shares one `=` column.
                let mut run = Vec::new();
                let mut j = i;
                while let Some(Item::Attr(name, expr)) = items.get(j) {
                    match inline(expr) {
                        Some(text) => run.push((name, text)),
                        None => break,
                    }
                    j += 1;
                }
                if run.is_empty() {
                    if let Item::Attr(name, expr) = &items[i] {
                        indent(out, level);
                        out.push_str(name);
                        out.push_str(" = ");
                        multiline(out, expr, level);
                        out.push('\n');
                    }
                    i += 1;
                } else {
                    let width = run.iter().map(|(n, _)| columns(n)).max().unwrap_or(0);
                    for (name, text) in run {
                        indent(out, level);
                        out.push_str(name);
                        for _ in columns(name)..width {
                            out.push(' ');
                        }
                        out.push_str(" = ");
                        out.push_str(&text);
                        out.push('\n');
                    }
                    i = j;
                }
            }
            Item::Block(b) => {
                block(out, b, level);
                i += 1;
            }
            Item::Blank => {
                out.push('\n');
                i += 1;
            }
            Item::Comment(c) => {
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
        out.push_str(&escape_template(label));
        out.push('"');
    }
    if b.items.is_empty() {
        out.push_str(" {}\n");
        return;
    }
    out.push_str(" {\n");
    body(out, &b.items, level + 1);
    indent(out, level);
    out.push_str("}\n");
}

fn template(parts: &[StrPart]) -> String {
    let mut s = String::from("\"");
    for p in parts {
        match p {
            StrPart::Lit(t) => s.push_str(&escape_template(t)),
            StrPart::Interp(e) => {
                s.push_str("${");
                s.push_str(e);
                s.push('}');
            }
        }
    }
    s.push('"');
    s
}

/// The single-line form of an expression, if it has one.
fn inline(e: &Expr) -> Option<String> {
    match e {
        Expr::Str(parts) => Some(template(parts)),
        Expr::Raw(s) => Some(s.clone()),
        Expr::List(items) => {
            if items.is_empty() {
                return Some("[]".to_owned());
            }
            let parts: Option<Vec<String>> = items.iter().map(inline).collect();
            let text = format!("[{}]", parts?.join(", "));
            (text.len() <= INLINE_LIST_MAX).then_some(text)
        }
        Expr::Object(items) => items.is_empty().then(|| "{}".to_owned()),
        Expr::Call(name, args) => {
            let parts: Option<Vec<String>> = args.iter().map(inline).collect();
            Some(format!("{name}({})", parts?.join(", ")))
        }
    }
}

/// Write an expression that may span lines, starting mid-line at `level`.
fn multiline(out: &mut String, e: &Expr, level: usize) {
    if let Some(text) = inline(e) {
        out.push_str(&text);
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
            let items: Vec<Item> = items
                .iter()
                .map(|(k, v)| {
                    let key = if is_identifier(k) {
                        k.clone()
                    } else {
                        format!("\"{}\"", escape_template(k))
                    };
                    Item::Attr(key, v.clone())
                })
                .collect();
            body(out, &items, level + 1);
            indent(out, level);
            out.push('}');
        }
        Expr::Call(name, args) => {
            let (last, init) = match args.split_last() {
                Some(x) => x,
                None => {
                    out.push_str(name);
                    out.push_str("()");
                    return;
                }
            };
            let init_inline: Option<Vec<String>> = init.iter().map(inline).collect();
            match init_inline {
                // Common shape: jsonencode({ … }), merge(var.tags, { … }).
                Some(parts) => {
                    out.push_str(name);
                    out.push('(');
                    for p in parts {
                        out.push_str(&p);
                        out.push_str(", ");
                    }
                    multiline(out, last, level);
                    out.push(')');
                }
                None => {
                    out.push_str(name);
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
        }
        Expr::Str(_) | Expr::Raw(_) => {}
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
        f.push(Block::new("x", &[]).attr("ids", Expr::List(long.iter().map(Expr::raw).collect())));
        let text = f.render();
        assert!(text.starts_with("data \"aws_partition\" \"current\" {}\n\nx {\n  ids = [\n    aws_subnet.private_0.id,\n"));
        assert!(text.ends_with("  ]\n}\n"));
    }
}
