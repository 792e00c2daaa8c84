//! Reading and writing plan files (YAML or JSON), with located errors.
//!
//! Errors carry a 1-based line and column and the field path, so every
//! front end can point at the offending spot. [`locate`] maps a
//! diagnostic's field path back to a position in the source text, so
//! validation findings can be located too. Reading goes through
//! [`super::read`] for both formats.

use serde::{Deserialize, Serialize};

use super::read::{self, Node, ReadError};
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
    #[error("{line}:{column}: {message}{}", at_path(.path))]
    Syntax {
        /// What is wrong.
        message: String,
        /// The field path, such as `node_pools[0].weight` (empty when the
        /// text itself is malformed).
        path: String,
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
        match read::parse(text)? {
            None => Ok(Plan::default()),
            Some(root) => Plan::from_node(&root),
        }
    }

    /// Parse a JSON plan (JSON is read as YAML 1.2, of which it is a subset,
    /// so both formats give the same positions and messages).
    pub fn from_json(text: &str) -> Result<Plan, PlanError> {
        Plan::from_yaml(text)
    }

    /// Read a plan from a parsed document.
    pub fn from_node(root: &Node) -> Result<Plan, PlanError> {
        // Check the version first so a newer plan gets a clear message
        // rather than "unknown field".
        if let Some(version) = root
            .get("version")
            .and_then(|v| read::from_node::<u64>(v).ok())
        {
            check_version(Some(u32::try_from(version).unwrap_or(u32::MAX)))?;
        }
        Ok(read::from_node(root)?)
    }

    /// The plan as YAML, in the planner's canonical layout.
    pub fn to_yaml(&self) -> Result<String, PlanError> {
        crate::textfmt::yaml(self).map_err(PlanError::Write)
    }

    /// The plan as pretty JSON.
    pub fn to_json(&self) -> Result<String, PlanError> {
        crate::textfmt::json_pretty(self).map_err(PlanError::Write)
    }
}

/// ` (at `path`)` for messages about a field, nothing for syntax errors.
fn at_path(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" (at `{path}`)")
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

impl From<ReadError> for PlanError {
    fn from(e: ReadError) -> Self {
        PlanError::Syntax {
            message: e.message,
            path: e.path,
            line: u64::from(e.pos.line),
            column: u64::from(e.pos.column),
        }
    }
}

/// Find the 1-based (line, column) of the value at a diagnostic path such as
/// `node_pools[1].disruption.budgets[0].nodes` in a plan's source text.
///
/// When the exact node is absent (the field was left at its default), the
/// nearest ancestor that exists is returned. Works for YAML and JSON.
pub fn locate(text: &str, path: &str) -> Option<(u64, u64)> {
    let root = read::parse(text).ok()??;
    let mut node = &root;
    for segment in path_segments(path) {
        let next = match segment {
            Segment::Key(k) => node.get(k),
            Segment::Index(i) => node.item(i),
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    (node.pos.line > 0).then(|| (u64::from(node.pos.line), u64::from(node.pos.column)))
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
                path,
                line,
                column,
            }) => {
                assert_eq!((line, column), (3, 3));
                assert_eq!(path, "cluster.nmae");
                assert!(message.contains("unknown field `nmae`"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn json_errors_are_located() {
        let err = Plan::from_json("{\n  \"cluster\": {\"name\": [5]}\n}").err();
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
