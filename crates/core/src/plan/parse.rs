//! Reading and writing plan files (YAML or JSON), with located errors.
//!
//! Errors carry a 1-based line and column so every front end can point at
//! the offending spot. [`locate`] maps a diagnostic's field path back to a
//! position in the source text, so validation findings can be located too.

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::fmt;

use super::{PLAN_VERSION, Plan};

/// Input format of a plan file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// YAML 1.2.
    Yaml,
    /// JSON.
    Json,
}

impl Format {
    /// Guess the format from a file name: `.json` is JSON, everything else YAML.
    pub fn from_file_name(name: &str) -> Format {
        if name.to_ascii_lowercase().ends_with(".json") {
            Format::Json
        } else {
            Format::Yaml
        }
    }
}

/// Why a plan file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// The text is not valid YAML/JSON, or does not match the plan's shape.
    #[error("{line}:{column}: {message}")]
    Syntax {
        /// What is wrong.
        message: String,
        /// 1-based line (0 if unknown).
        line: u64,
        /// 1-based column (0 if unknown).
        column: u64,
    },
    /// The plan was written by a newer planner.
    #[error("plan version {found} is newer than this planner understands (up to {supported})")]
    UnsupportedVersion {
        /// The file's `version`.
        found: u32,
        /// [`PLAN_VERSION`].
        supported: u32,
    },
    /// A plan could not be serialised (should not happen).
    #[error("could not write the plan: {0}")]
    Write(String),
}

impl PlanError {
    /// 1-based (line, column) when known.
    pub fn position(&self) -> Option<(u64, u64)> {
        match self {
            PlanError::Syntax { line, column, .. } if *line > 0 => Some((*line, *column)),
            _ => None,
        }
    }
}

#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    version: Option<u32>,
}

impl Plan {
    /// Parse a plan from text in the given format.
    pub fn parse(text: &str, format: Format) -> Result<Plan, PlanError> {
        match format {
            Format::Yaml => Plan::from_yaml(text),
            Format::Json => Plan::from_json(text),
        }
    }

    /// Parse a YAML plan. An empty document is the default plan.
    pub fn from_yaml(text: &str) -> Result<Plan, PlanError> {
        if text.trim().is_empty() {
            return Ok(Plan::default());
        }
        // Check the version first so a newer plan gets a clear message rather
        // than "unknown field".
        if let Ok(probe) = serde_saphyr::from_str::<VersionProbe>(text) {
            check_version(probe.version)?;
        }
        serde_saphyr::from_str::<Plan>(text).map_err(|e| yaml_error(&e))
    }

    /// Parse a JSON plan.
    pub fn from_json(text: &str) -> Result<Plan, PlanError> {
        if let Ok(probe) = serde_json::from_str::<VersionProbe>(text) {
            check_version(probe.version)?;
        }
        serde_json::from_str::<Plan>(text).map_err(|e| json_error(&e))
    }

    /// The plan as YAML, in the planner's canonical layout.
    pub fn to_yaml(&self) -> Result<String, PlanError> {
        serde_saphyr::to_string(self).map_err(|e| PlanError::Write(e.to_string()))
    }

    /// The plan as pretty JSON.
    pub fn to_json(&self) -> Result<String, PlanError> {
        serde_json::to_string_pretty(self)
            .map(|mut s| {
                s.push('\n');
                s
            })
            .map_err(|e| PlanError::Write(e.to_string()))
    }
}

fn check_version(version: Option<u32>) -> Result<(), PlanError> {
    match version {
        Some(found) if found > PLAN_VERSION => Err(PlanError::UnsupportedVersion {
            found,
            supported: PLAN_VERSION,
        }),
        _ => Ok(()),
    }
}

fn yaml_error(e: &serde_saphyr::Error) -> PlanError {
    let inner = e.without_snippet();
    let (line, column) = inner
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((0, 0));
    let text = inner.to_string();
    // serde-saphyr prefixes "error: line N column M: "; keep only the message.
    let message = text
        .strip_prefix("error: ")
        .unwrap_or(&text)
        .strip_prefix(&format!("line {line} column {column}: "))
        .map(str::to_owned)
        .unwrap_or_else(|| text.clone());
    PlanError::Syntax {
        message: message.trim().to_owned(),
        line,
        column,
    }
}

fn json_error(e: &serde_json::Error) -> PlanError {
    let (line, column) = (e.line() as u64, e.column() as u64);
    let text = e.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = text.strip_suffix(&suffix).unwrap_or(&text).to_owned();
    PlanError::Syntax {
        message,
        line,
        column,
    }
}

/// A YAML/JSON node with the position of its value, used by [`locate`].
#[derive(Debug)]
enum Node {
    Map(Vec<(String, Spanned<Node>)>),
    Seq(Vec<Spanned<Node>>),
    Leaf,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(k) = m.next_key::<String>()? {
                    entries.push((k, m.next_value::<Spanned<Node>>()?));
                }
                Ok(Node::Map(entries))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(x) = s.next_element::<Spanned<Node>>()? {
                    items.push(x);
                }
                Ok(Node::Seq(items))
            }
            fn visit_str<E>(self, _: &str) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_string<E>(self, _: String) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Leaf)
            }
        }
        d.deserialize_any(NodeVisitor)
    }
}

/// Find the 1-based (line, column) of the value at a diagnostic path such as
/// `node_pools[1].disruption.budgets[0].nodes` in a plan's source text.
///
/// When the exact node is absent (the field was left at its default), the
/// nearest ancestor that exists is returned. Works for YAML and JSON.
pub fn locate(text: &str, path: &str) -> Option<(u64, u64)> {
    let root: Spanned<Node> = serde_saphyr::from_str(text).ok()?;
    let mut best = &root;
    let mut node = &root;
    for segment in path_segments(path) {
        let next = match (&node.value, segment) {
            (Node::Map(entries), Segment::Key(k)) => {
                entries.iter().find(|(key, _)| key == k).map(|(_, v)| v)
            }
            (Node::Seq(items), Segment::Index(i)) => items.get(i),
            _ => None,
        };
        match next {
            Some(n) => {
                node = n;
                best = n;
            }
            None => break,
        }
    }
    let loc = best.referenced;
    (loc.line() > 0).then(|| (loc.line(), loc.column()))
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn path_segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                out.push(Segment::Index(i));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_yaml_is_default_plan() {
        assert_eq!(Plan::from_yaml("").ok(), Some(Plan::default()));
        assert_eq!(Plan::from_yaml("# nothing\n").ok(), Some(Plan::default()));
    }

    #[test]
    fn unknown_field_is_located() {
        let err = Plan::from_yaml("cluster:\n  name: a\n  nmae: b\n").err();
        match err {
            Some(PlanError::Syntax {
                message,
                line,
                column,
            }) => {
                assert_eq!((line, column), (3, 3));
                assert!(message.contains("unknown field `nmae`"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn json_errors_are_located() {
        let err = Plan::from_json("{\n  \"cluster\": {\"name\": 5}\n}").err();
        match err {
            Some(PlanError::Syntax { line, message, .. }) => {
                assert_eq!(line, 2);
                assert!(message.contains("invalid type"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn newer_version_is_refused() {
        let err = Plan::from_yaml("version: 99\nfuture_field: 1\n").err();
        assert_eq!(
            err,
            Some(PlanError::UnsupportedVersion {
                found: 99,
                supported: PLAN_VERSION
            })
        );
    }

    #[test]
    fn yaml_and_json_round_trip() {
        let plan = Plan::default();
        let yaml = plan.to_yaml().unwrap_or_default();
        assert_eq!(Plan::from_yaml(&yaml).ok(), Some(plan.clone()));
        let json = plan.to_json().unwrap_or_default();
        assert_eq!(Plan::from_json(&json).ok(), Some(plan));
    }

    #[test]
    fn locate_finds_nested_paths_and_falls_back_to_ancestors() {
        let text =
            "cluster:\n  name: x\nnode_pools:\n- name: a\n- name: b\n  expire_after: Never\n";
        assert_eq!(locate(text, "node_pools[1].expire_after"), Some((6, 17)));
        // Field left at its default: point at the pool itself.
        assert_eq!(locate(text, "node_pools[0].weight"), Some((4, 3)));
        assert_eq!(locate(text, "cluster.name"), Some((2, 9)));
    }
}
