//! The writer: a direct walk over a [`Yaml`] tree.

use super::scalar::{is_plain, quote_into};
use super::{Entry, Yaml};
use crate::textfmt::pad;

/// Render a node at the top level (a mapping's entries at column 0, or any
/// other node followed by a newline).
pub fn render(node: &Yaml) -> String {
    let mut out = String::new();
    match node {
        Yaml::Map(entries) if !entries.is_empty() => self::entries(&mut out, 0, entries),
        Yaml::Seq(items) if !items.is_empty() && !node.is_flow_seq() => {
            sequence(&mut out, 0, items);
        }
        other => {
            inline(&mut out, other);
            out.push('\n');
        }
    }
    out
}

pub(super) fn comment_line(out: &mut String, indent: usize, line: &str) {
    pad(out, indent);
    if line.is_empty() {
        out.push_str("#\n");
    } else {
        out.push_str("# ");
        // A comment ends at the line break: keep each line on its own.
        if line.contains(['\n', '\r']) {
            out.push_str(&line.replace(['\n', '\r'], " "));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// The entries of a block mapping, each line starting at `indent`.
pub(super) fn entries(out: &mut String, indent: usize, entries: &[Entry]) {
    for e in entries {
        if e.blank_before {
            out.push('\n');
        }
        for line in &e.comment {
            comment_line(out, indent, line);
        }
        pad(out, indent);
        quote_into(out, &e.key);
        out.push(':');
        value_after_key(out, indent, &e.value);
    }
}

/// A value after `key:` (or after `- ` in a sequence), ending with a newline.
fn value_after_key(out: &mut String, indent: usize, v: &Yaml) {
    match v {
        Yaml::Map(es) if !es.is_empty() => {
            out.push('\n');
            entries(out, indent + 2, es);
        }
        Yaml::Seq(items) if !items.is_empty() => {
            out.push('\n');
            sequence(out, indent + 2, items);
        }
        Yaml::Tagged(tag, inner) if !inner.is_inline() && !inner.is_flow_seq() => {
            out.push_str(" !");
            out.push_str(tag);
            value_after_key(out, indent, inner);
        }
        other => {
            out.push(' ');
            inline(out, other);
            out.push('\n');
        }
    }
}

/// Block sequence items at `indent`.
fn sequence(out: &mut String, indent: usize, items: &[Yaml]) {
    for item in items {
        // A mapping item starts on the dash's line (`- Key: value`); the
        // first entry's comment goes above the dash.
        if let Yaml::Map(es) = item
            && let Some(first) = es.first()
        {
            for line in &first.comment {
                comment_line(out, indent, line);
            }
        }
        pad(out, indent);
        out.push('-');
        match item {
            Yaml::Map(es) if !es.is_empty() => {
                out.push(' ');
                let (first, rest) = es.split_at(1);
                let e = &first[0];
                quote_into(out, &e.key);
                out.push(':');
                value_after_key(out, indent + 2, &e.value);
                entries(out, indent + 2, rest);
            }
            Yaml::Seq(inner) if !inner.is_empty() => {
                out.push('\n');
                sequence(out, indent + 2, inner);
            }
            other => value_after_key(out, indent, other),
        }
    }
}

/// A node on one line: scalars, empty collections, tagged scalars and
/// flow sequences.
fn inline(out: &mut String, v: &Yaml) {
    match v {
        Yaml::Str(s) => quote_into(out, s),
        Yaml::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Yaml::Int(n) => {
            use std::fmt::Write as _;
            let _ = write!(out, "{n}");
        }
        Yaml::Seq(items) if items.is_empty() => out.push_str("[]"),
        Yaml::Map(es) if es.is_empty() => out.push_str("{}"),
        Yaml::Seq(items) => flow(out, items),
        Yaml::Map(_) => out.push_str("{}"),
        Yaml::Tagged(tag, inner) => {
            out.push('!');
            out.push_str(tag);
            out.push(' ');
            inline(out, inner);
        }
    }
}

/// A flow sequence `[a, b]`. Plain scalars inside it must not contain `:`
/// (PyYAML reads `a:b` in flow context as a mapping in some versions).
fn flow(out: &mut String, items: &[Yaml]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match item {
            Yaml::Str(s) if is_plain(s) && s.contains(':') => {
                out.push('"');
                out.push_str(s);
                out.push('"');
            }
            other => inline(out, other),
        }
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::super::{Document, Entry, Yaml};

    #[test]
    fn blocks_flows_and_tags() {
        let doc = Document {
            header: vec!["Header".into(), String::new()],
            start_marker: false,
            entries: vec![
                Entry::new("Name", Yaml::str("x")),
                Entry::new(
                    "Zone",
                    Yaml::tagged(
                        "Select",
                        Yaml::Seq(vec![Yaml::Int(0), Yaml::tagged("GetAZs", Yaml::str(""))]),
                    ),
                )
                .comment("a comment")
                .blank(),
                Entry::new(
                    "Tags",
                    Yaml::Seq(vec![Yaml::map([
                        ("Key", Yaml::str("Name")),
                        ("Value", Yaml::tagged("Sub", Yaml::str("${Name}-vpc"))),
                    ])]),
                ),
                Entry::new(
                    "Doc",
                    Yaml::tagged(
                        "Sub",
                        Yaml::Seq(vec![
                            Yaml::str("a"),
                            Yaml::map([("b", Yaml::Seq(vec![Yaml::Bool(true)]))]),
                        ]),
                    ),
                ),
                Entry::new("Empty", Yaml::Seq(Vec::new())),
                Entry::new("Nested", Yaml::Seq(vec![Yaml::Seq(vec![Yaml::str("a:b")])])),
            ],
        };
        let expected = "\
# Header
#
Name: x

# a comment
Zone: !Select [0, !GetAZs \"\"]
Tags:
  - Key: Name
    Value: !Sub \"${Name}-vpc\"
Doc: !Sub
  - a
  - b:
      - true
Empty: []
Nested:
  -
    - a:b
";
        assert_eq!(doc.render(), expected);
    }
}
