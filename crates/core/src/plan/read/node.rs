//! The document tree a plan file is read into: YAML's data model with every
//! node's source position, before any Rust type is imposed on it.

/// A 1-based line and column in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub column: u32,
}

/// One node of a YAML (or JSON) document.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the node starts.
    pub pos: Pos,
    /// What it holds.
    pub kind: Kind,
}

/// The content of a [`Node`].
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A scalar whose type follows from where it is used: YAML plain
    /// scalars (`5`, `true`, `1.30`, `null`) and scalars tagged with a core
    /// schema tag other than `!!str`. `1.30` stays `"1.30"` for a string
    /// field and becomes `1.3` only for a number field.
    Plain(String),
    /// A quoted or block scalar, or one tagged `!!str`: always a string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order; keys are unique.
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The key's text.
    pub text: String,
    /// Where the key starts.
    pub pos: Pos,
}

impl Node {
    /// The entry `key` of a mapping node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map(entries) => entries.iter().find(|(k, _)| k.text == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Item `index` of a sequence node.
    pub fn item(&self, index: usize) -> Option<&Node> {
        match &self.kind {
            Kind::Seq(items) => items.get(index),
            _ => None,
        }
    }

    /// Whether this is YAML's null (`null`, `~`, or nothing at all).
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Plain(text) if super::scalar::is_null(text))
    }

    /// How many nodes this tree holds (used to bound alias expansion).
    pub(crate) fn size(&self) -> usize {
        1 + match &self.kind {
            Kind::Plain(_) | Kind::Str(_) => 0,
            Kind::Seq(items) => items.iter().map(Node::size).sum(),
            Kind::Map(entries) => entries.iter().map(|(_, v)| 1 + v.size()).sum(),
        }
    }
}
