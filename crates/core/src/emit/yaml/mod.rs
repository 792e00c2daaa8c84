//! A small YAML syntax tree and writer, for files whose shape the planner
//! controls completely: CloudFormation templates (which need the short-form
//! intrinsic tags `!Ref`, `!GetAtt`, `!Sub` …) and eksctl's `ClusterConfig`.
//!
//! Why not serde-saphyr (which writes the Kubernetes manifests): its
//! serializer has no way to put a tag on a node, and CloudFormation templates
//! written by hand use the tags, not `Fn::` maps. The tree here is tiny and the
//! writer is a direct walk over it.
//!
//! Output style, as AWS's own examples and `cfn-lint` expect:
//! * two-space indentation, block mappings and block sequences (sequence
//!   items indented under their key);
//! * a tagged sequence whose items are all scalars is written in flow style
//!   (`!Select [0, !GetAZs ""]`);
//! * strings are plain when that is unambiguous in YAML 1.1 and 1.2 (so
//!   PyYAML, which cfn-lint uses, reads them back as the same string), and
//!   double-quoted with escapes otherwise (see [`scalar`]).

use std::borrow::Cow;

mod scalar;
mod write;

pub use scalar::{is_plain, quote_into};
pub use write::render;

/// A YAML node.
#[derive(Clone, Debug, PartialEq)]
pub enum Yaml {
    /// A string (quoted when it must be).
    Str(String),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A sequence.
    Seq(Vec<Yaml>),
    /// A mapping, in order.
    Map(Vec<Entry>),
    /// A node with a tag, such as `!Ref` (the tag is written without `!`).
    Tagged(&'static str, Box<Yaml>),
}

/// One entry of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key (quoted when it must be); property names are static text
    /// and are not copied.
    pub key: Cow<'static, str>,
    /// The value.
    pub value: Yaml,
    /// Comment lines written above the entry (without `# `).
    pub comment: Vec<String>,
    /// Whether a blank line precedes the entry (and its comment).
    pub blank_before: bool,
}

impl Yaml {
    /// A string node.
    pub fn str(s: impl Into<String>) -> Yaml {
        Yaml::Str(s.into())
    }

    /// A sequence of strings.
    pub fn strs<S: AsRef<str>>(items: &[S]) -> Yaml {
        Yaml::Seq(items.iter().map(|s| Yaml::str(s.as_ref())).collect())
    }

    /// A tagged node.
    pub fn tagged(tag: &'static str, node: Yaml) -> Yaml {
        Yaml::Tagged(tag, Box::new(node))
    }

    /// A mapping from `(key, value)` pairs.
    pub fn map<K: Into<Cow<'static, str>>>(entries: impl IntoIterator<Item = (K, Yaml)>) -> Yaml {
        Yaml::Map(entries.into_iter().map(|(k, v)| Entry::new(k, v)).collect())
    }

    /// Whether this is a scalar (possibly tagged) that fits on one line.
    fn is_inline(&self) -> bool {
        match self {
            Yaml::Str(_) | Yaml::Bool(_) | Yaml::Int(_) => true,
            Yaml::Seq(items) => items.is_empty(),
            Yaml::Map(entries) => entries.is_empty(),
            Yaml::Tagged(_, inner) => inner.is_inline() || inner.is_flow_seq(),
        }
    }

    /// Whether this is a non-empty sequence written in flow style: only
    /// tagged sequences of scalars are.
    fn is_flow_seq(&self) -> bool {
        match self {
            Yaml::Seq(items) => !items.is_empty() && items.iter().all(Yaml::is_flow_item),
            _ => false,
        }
    }

    fn is_flow_item(&self) -> bool {
        match self {
            Yaml::Str(_) | Yaml::Bool(_) | Yaml::Int(_) => true,
            Yaml::Tagged(_, inner) => inner.is_flow_item() || inner.is_flow_seq(),
            Yaml::Seq(items) => items.iter().all(Yaml::is_flow_item),
            Yaml::Map(_) => false,
        }
    }
}

impl Entry {
    /// An entry without comment.
    pub fn new(key: impl Into<Cow<'static, str>>, value: Yaml) -> Entry {
        Entry {
            key: key.into(),
            value,
            comment: Vec::new(),
            blank_before: false,
        }
    }

    /// The same entry with comment lines above it.
    pub fn comment(mut self, text: &str) -> Entry {
        self.comment.extend(text.lines().map(str::to_owned));
        self
    }

    /// The same entry preceded by a blank line.
    pub fn blank(mut self) -> Entry {
        self.blank_before = true;
        self
    }
}

/// A YAML file: header comment lines and one top-level mapping.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// Comment lines at the top (without `# `).
    pub header: Vec<String>,
    /// Whether the document starts with `---`.
    pub start_marker: bool,
    /// The top-level mapping.
    pub entries: Vec<Entry>,
}

impl Document {
    /// The document as YAML text.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(32 * 1024);
        for line in &self.header {
            write::comment_line(&mut out, 0, line);
        }
        if self.start_marker {
            out.push_str("---\n");
        }
        write::entries(&mut out, 0, &self.entries);
        out
    }
}
