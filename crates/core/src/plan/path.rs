//! Typed field paths into a plan: `node_pools[1].disruption.budgets[0].nodes`.
//!
//! Diagnostics carry their path as text (that is what users read); code that
//! walks a plan or a document tree works with [`FieldPath`], a list of
//! [`Seg`]ments, and only formats it at the edge.

use std::fmt;

/// One step of a [`FieldPath`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seg {
    /// A mapping key or struct field.
    Key(String),
    /// A list index.
    Index(usize),
}

/// A path from the plan's root to one value.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldPath(Vec<Seg>);

impl FieldPath {
    /// The root (the whole plan).
    pub fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    /// A path from its segments, outermost first.
    pub fn from_segments(segments: Vec<Seg>) -> FieldPath {
        FieldPath(segments)
    }

    /// This path followed by the field `key`.
    pub fn key(mut self, key: impl Into<String>) -> FieldPath {
        self.0.push(Seg::Key(key.into()));
        self
    }

    /// This path followed by the list item `index`.
    pub fn index(mut self, index: usize) -> FieldPath {
        self.0.push(Seg::Index(index));
        self
    }

    /// The segments, outermost first.
    pub fn segments(&self) -> &[Seg] {
        &self.0
    }

    /// Whether this is the root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `self` starts with `prefix` (a path starts with itself).
    pub fn starts_with(&self, prefix: &FieldPath) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// The path without its last segment (`None` for the root).
    pub fn parent(&self) -> Option<FieldPath> {
        let (_, rest) = self.0.split_last()?;
        Some(FieldPath(rest.to_vec()))
    }

    /// Read a path as diagnostics print it. Never fails: text that is not a
    /// path reads as the keys it contains, so a malformed path still points
    /// at its nearest valid ancestor.
    pub fn parse(text: &str) -> FieldPath {
        let mut out = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix("[\"") {
                // A quoted key: `tags["a b"]`, written with Rust's escapes.
                let mut key = String::new();
                let mut chars = after.char_indices();
                let mut end = after.len();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some((_, n)) = chars.next() {
                                key.push(match n {
                                    'n' => '\n',
                                    't' => '\t',
                                    'r' => '\r',
                                    other => other,
                                });
                            }
                        }
                        '"' => {
                            end = i + 1;
                            break;
                        }
                        c => key.push(c),
                    }
                }
                out.push(Seg::Key(key));
                rest = after.get(end..).unwrap_or_default();
                rest = rest.strip_prefix(']').unwrap_or(rest);
            } else if let Some(after) = rest.strip_prefix('[') {
                let close = after.find(']').unwrap_or(after.len());
                if let Ok(i) = after[..close].trim().parse() {
                    out.push(Seg::Index(i));
                }
                rest = after.get(close + 1..).unwrap_or_default();
            } else if let Some(after) = rest.strip_prefix('.') {
                rest = after;
            } else {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                out.push(Seg::Key(rest[..end].to_owned()));
                rest = &rest[end..];
            }
        }
        FieldPath(out)
    }
}

impl From<Vec<Seg>> for FieldPath {
    fn from(segments: Vec<Seg>) -> Self {
        FieldPath(segments)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Index(n) => write!(f, "[{n}]")?,
                Seg::Key(k) if is_identifier(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Seg::Key(k) => write!(f, "[{k:?}]")?,
            }
        }
        Ok(())
    }
}

/// Keys printed bare: `.name`; anything else is quoted: `["a b"]`.
fn is_identifier(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_diagnostics() {
        let p = FieldPath::root()
            .key("node_pools")
            .index(1)
            .key("labels")
            .key("team/x y");
        assert_eq!(p.to_string(), "node_pools[1].labels[\"team/x y\"]");
        assert_eq!(FieldPath::root().index(0).key("a").to_string(), "[0].a");
    }

    #[test]
    fn parse_reads_what_display_writes() {
        for text in [
            "cluster.name",
            "node_pools[0].disruption.budgets[12].nodes",
            "cluster.tags[\"aws:owner\"]",
            "capacity.workloads[0].node_selector[\"karpenter.sh/nodepool\"]",
            "x[\"quote \\\" and \\\\ backslash\"]",
        ] {
            assert_eq!(FieldPath::parse(text).to_string(), text);
        }
        assert_eq!(
            FieldPath::parse("a.b[2].c").segments(),
            &[
                Seg::Key("a".into()),
                Seg::Key("b".into()),
                Seg::Index(2),
                Seg::Key("c".into())
            ]
        );
    }

    #[test]
    fn malformed_paths_keep_their_keys() {
        assert_eq!(FieldPath::parse("a[x].b").to_string(), "a.b");
        assert_eq!(FieldPath::parse("a[3").to_string(), "a[3]");
        assert_eq!(FieldPath::parse("").segments(), &[]);
        assert_eq!(FieldPath::parse("a[\"open").to_string(), "a.open");
    }

    #[test]
    fn prefixes_and_parents() {
        let p = FieldPath::parse("a.b[1]");
        assert!(p.starts_with(&FieldPath::parse("a.b")));
        assert!(p.starts_with(&p));
        assert!(!FieldPath::parse("a.bc").starts_with(&FieldPath::parse("a.b[1]")));
        assert_eq!(p.parent().map(|p| p.to_string()), Some("a.b".to_owned()));
        assert_eq!(FieldPath::root().parent(), None);
    }
}
