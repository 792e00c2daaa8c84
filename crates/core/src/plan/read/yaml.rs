//! Build a [`Node`] tree from `granit-parser`'s YAML events.
//!
//! JSON is YAML 1.2's flow style, so JSON plans take the same road and get
//! the same positions. Anchors and aliases are expanded (with a bound, so a
//! "billion laughs" file is refused rather than exhausting memory), keys
//! must be unique scalars, and a file holds exactly one document.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, Span, Tag};

use super::ReadError;
use super::node::{Key, Kind, Node, Pos};

/// Deepest nesting accepted. Plans are a handful of levels deep.
const MAX_DEPTH: usize = 64;
/// Most nodes a document may expand to, aliases included.
const MAX_NODES: usize = 250_000;

/// A collection being read.
enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<(Key, Node)>,
        key: Option<Key>,
    },
}

/// Parse one YAML (or JSON) document. An empty stream is `None`.
pub fn parse(text: &str) -> Result<Option<Node>, ReadError> {
    let mut builder = Builder::default();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            ReadError::syntax(e.info(), position(m.line(), m.col()))
        })?;
        builder.event(event, &span)?;
    }
    Ok(builder.root)
}

fn position(line: usize, col: usize) -> Pos {
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(col.saturating_add(1)).unwrap_or(u32::MAX),
    }
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: Vec<(usize, Node)>,
    nodes: usize,
    documents: usize,
    root: Option<Node>,
}

impl Builder {
    /// Handle one event.
    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<(), ReadError> {
        let pos = position(span.start.line(), span.start.col());
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(ReadError::syntax(
                        "a plan file holds one YAML document; remove the second `---`",
                        pos,
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let kind = scalar(text, style, tag.as_deref(), pos)?;
                self.complete(Node { pos, kind }, anchor)?;
            }
            Event::SequenceStart(_, anchor, tag) => {
                collection_tag(tag.as_deref(), "seq", pos)?;
                self.open(Frame::Seq {
                    pos,
                    anchor,
                    items: Vec::new(),
                })?;
            }
            Event::MappingStart(_, anchor, tag) => {
                collection_tag(tag.as_deref(), "map", pos)?;
                self.open(Frame::Map {
                    pos,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                })?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq { pos, anchor, items }) => (
                        Node {
                            pos,
                            kind: Kind::Seq(items),
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        pos,
                        anchor,
                        entries,
                        ..
                    }) => (
                        Node {
                            pos,
                            kind: Kind::Map(entries),
                        },
                        anchor,
                    ),
                    None => return Err(ReadError::syntax("unbalanced YAML collection", pos)),
                };
                self.complete(node, anchor)?;
            }
            Event::Alias(id) => {
                let Some((_, target)) = self.anchors.iter().rev().find(|(a, _)| *a == id) else {
                    return Err(ReadError::syntax("alias to an unknown anchor", pos));
                };
                let mut node = target.clone();
                node.pos = pos;
                self.nodes = self.nodes.saturating_add(node.size());
                self.complete(node, 0)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame) -> Result<(), ReadError> {
        if self.stack.len() >= MAX_DEPTH {
            let pos = match &frame {
                Frame::Seq { pos, .. } | Frame::Map { pos, .. } => *pos,
            };
            return Err(ReadError::syntax(
                format!("nesting deeper than {MAX_DEPTH} levels"),
                pos,
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    /// A node is finished: remember its anchor and attach it to its parent.
    fn complete(&mut self, node: Node, anchor: usize) -> Result<(), ReadError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(ReadError::syntax(
                format!("the document expands to more than {MAX_NODES} nodes (check its aliases)"),
                node.pos,
            ));
        }
        if anchor != 0 {
            self.anchors.push((anchor, node.clone()));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => {
                    let text = match node.kind {
                        Kind::Plain(t) | Kind::Str(t) => t,
                        Kind::Seq(_) | Kind::Map(_) => {
                            return Err(ReadError::syntax(
                                "mapping keys must be scalars, not lists or mappings",
                                node.pos,
                            ));
                        }
                    };
                    if entries.iter().any(|(k, _)| k.text == text) {
                        return Err(ReadError::syntax(
                            format!("duplicate key `{text}`"),
                            node.pos,
                        ));
                    }
                    *key = Some(Key {
                        text,
                        pos: node.pos,
                    });
                }
            },
        }
        Ok(())
    }
}

fn scalar(
    text: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
    pos: Pos,
) -> Result<Kind, ReadError> {
    let text = text.into_owned();
    if let Some(tag) = tag {
        return match tag.core_suffix() {
            Some("str") => Ok(Kind::Str(text)),
            Some("null" | "bool" | "int" | "float") => Ok(Kind::Plain(text)),
            _ => Err(unsupported_tag(tag, pos)),
        };
    }
    Ok(match style {
        ScalarStyle::Plain => Kind::Plain(text),
        _ => Kind::Str(text),
    })
}

fn collection_tag(tag: Option<&Tag>, expected: &str, pos: Pos) -> Result<(), ReadError> {
    match tag {
        Some(tag) if tag.core_suffix() != Some(expected) => Err(unsupported_tag(tag, pos)),
        _ => Ok(()),
    }
}

fn unsupported_tag(tag: &Tag, pos: Pos) -> ReadError {
    ReadError::syntax(
        format!(
            "the tag `{}` is not supported in plan files",
            tag.original()
        ),
        pos,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Option<Node>, ReadError> {
        parse(text)
    }

    fn err(text: &str) -> (String, u32, u32) {
        match read(text) {
            Err(e) => (e.message, e.pos.line, e.pos.column),
            Ok(n) => panic!("expected an error, got {n:?}"),
        }
    }

    #[test]
    fn positions_are_one_based() {
        let root = read("a:\n  b: [1, \"x\"]\n").ok().flatten();
        let b = root
            .as_ref()
            .and_then(|r| r.get("a"))
            .and_then(|a| a.get("b"));
        assert_eq!(b.map(|b| b.pos), Some(Pos { line: 2, column: 6 }));
        let x = b.and_then(|b| b.item(1));
        assert_eq!(
            x.map(|x| (&x.kind, x.pos)),
            Some((
                &Kind::Str("x".into()),
                Pos {
                    line: 2,
                    column: 10
                }
            ))
        );
        let one = b.and_then(|b| b.item(0)).map(|n| &n.kind);
        assert_eq!(one, Some(&Kind::Plain("1".into())));
    }

    #[test]
    fn json_is_read_as_yaml() {
        let root = read("{\n  \"a\": {\"b\": 5, \"c\": null, \"d\": \"5\"}\n}")
            .ok()
            .flatten();
        let a = root.as_ref().and_then(|r| r.get("a"));
        assert_eq!(
            a.and_then(|a| a.get("b")).map(|n| &n.kind),
            Some(&Kind::Plain("5".into()))
        );
        assert!(a.and_then(|a| a.get("c")).is_some_and(Node::is_null));
        assert_eq!(
            a.and_then(|a| a.get("d")).map(|n| &n.kind),
            Some(&Kind::Str("5".into()))
        );
        assert_eq!(a.map(|a| a.pos), Some(Pos { line: 2, column: 8 }));
    }

    #[test]
    fn anchors_and_aliases_expand() {
        let root = read("base: &b {x: 1}\ncopy: *b\n").ok().flatten();
        let copy = root.as_ref().and_then(|r| r.get("copy"));
        assert_eq!(
            copy.and_then(|c| c.get("x")).map(|n| &n.kind),
            Some(&Kind::Plain("1".into()))
        );
        assert_eq!(copy.map(|c| c.pos.line), Some(2));
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..8 {
            let p = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert!(err(&text).0.contains("more than"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(err(&text).0.contains("nesting deeper"));
    }

    #[test]
    fn duplicate_keys_are_refused_where_they_are() {
        assert_eq!(
            err("a: 1\nb: 2\na: 3\n"),
            ("duplicate key `a`".to_owned(), 3, 1)
        );
    }

    #[test]
    fn one_document_only() {
        assert!(err("a: 1\n---\nb: 2\n").0.contains("one YAML document"));
        assert!(read("---\na: 1\n...\n").is_ok());
    }

    #[test]
    fn tags() {
        let root = read("a: !!str 5\nb: !!int 7\n").ok().flatten();
        assert_eq!(
            root.as_ref().and_then(|r| r.get("a")).map(|n| &n.kind),
            Some(&Kind::Str("5".into()))
        );
        assert_eq!(
            root.as_ref().and_then(|r| r.get("b")).map(|n| &n.kind),
            Some(&Kind::Plain("7".into()))
        );
        assert!(err("a: !Ref x\n").0.contains("not supported"));
        assert!(err("a: !!map [1]\n").0.contains("not supported"));
    }

    #[test]
    fn complex_keys_are_refused() {
        assert!(err("? [a]\n: 1\n").0.contains("keys must be scalars"));
    }

    #[test]
    fn syntax_errors_are_located() {
        let (message, line, column) = err("a:\n  b: [1, 2\n");
        assert!(!message.is_empty());
        assert!(line >= 2, "{line}:{column} {message}");
    }

    #[test]
    fn empty_stream_is_none() {
        assert_eq!(read("").ok(), Some(None));
        assert_eq!(read("# only a comment\n").ok(), Some(None));
    }
}
