//! Reading and writing plan files (YAML or JSON), with located errors.
//!
//! Errors carry a 1-based line and column and the field path, so every
//! front end can point at the offending spot. [`locate`] maps a
//! diagnostic's field path back to a position in the source text, so
//! validation findings can be located too. Reading goes through
//! [`super::read`] for both formats.

use serde::{Deserialize, Serialize};

use super::path::{FieldPath, Seg};
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

    /// What is wrong, without the position (which [`Display`] prefixes).
    ///
    /// [`Display`]: std::fmt::Display
    pub fn message(&self) -> String {
        match self {
            PlanError::Syntax { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }

    /// The field path, empty when the error is not about one field.
    pub fn path(&self) -> &str {
        match self {
            PlanError::Syntax { path, .. } => path,
            _ => "",
        }
    }
}

/// Every problem found reading a plan file, in the order they appear in the
/// text (never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanErrors(Vec<PlanError>);

impl PlanErrors {
    /// The problems, first in the text first.
    pub fn errors(&self) -> &[PlanError] {
        &self.0
    }

    /// The first problem.
    pub fn into_first(self) -> PlanError {
        self.0
            .into_iter()
            .next()
            .unwrap_or_else(|| PlanError::Write("no error".into()))
    }
}

impl From<PlanError> for PlanErrors {
    fn from(e: PlanError) -> Self {
        PlanErrors(vec![e])
    }
}

impl std::fmt::Display for PlanErrors {
    /// The first problem, and how many more there are.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.split_first() {
            None => Ok(()),
            Some((first, [])) => write!(f, "{first}"),
            Some((first, rest)) => write!(f, "{first} (and {} more)", rest.len()),
        }
    }
}

impl std::error::Error for PlanErrors {}

impl Plan {
    /// Parse a plan from text in the given format.
    pub fn parse(text: &str, format: Format) -> Result<Plan, PlanError> {
        match format {
            Format::Yaml => Plan::from_yaml(text),
            Format::Json => Plan::from_json(text),
        }
    }

    /// Parse a plan, reporting every problem in the text rather than the
    /// first (see [`read::from_node_all`]).
    pub fn parse_all(text: &str, format: Format) -> Result<Plan, PlanErrors> {
        let _ = format; // JSON is read as YAML 1.2; both give the same positions.
        Plan::from_yaml_all(text)
    }

    /// Parse a YAML plan. An empty document is the default plan.
    pub fn from_yaml(text: &str) -> Result<Plan, PlanError> {
        match read::parse(text)? {
            None => Ok(Plan::default()),
            Some(root) => Plan::from_node(&root),
        }
    }

    /// Parse a YAML (or JSON) plan, reporting every problem.
    pub fn from_yaml_all(text: &str) -> Result<Plan, PlanErrors> {
        match read::parse(text).map_err(PlanError::from)? {
            None => Ok(Plan::default()),
            Some(root) => Plan::from_node_all(&root),
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
        let mut plan: Plan = read::from_node(root)?;
        complete(root, &mut plan);
        Ok(plan)
    }

    /// Read a plan from a parsed document, reporting every problem.
    pub fn from_node_all(root: &Node) -> Result<Plan, PlanErrors> {
        if let Some(version) = root
            .get("version")
            .and_then(|v| read::from_node::<u64>(v).ok())
        {
            check_version(Some(u32::try_from(version).unwrap_or(u32::MAX)))?;
        }
        let mut plan: Plan = read::from_node_all(root)
            .map_err(|errors| PlanErrors(errors.into_iter().map(PlanError::from).collect()))?;
        complete(root, &mut plan);
        Ok(plan)
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

/// Values a plan file leaves out that follow from what it says: named
/// Availability Zones set the zone count, so a file that names two zones
/// and says nothing about `az_count` means two, not the default three.
fn complete(root: &Node, plan: &mut Plan) {
    let Some(network) = root.get("network") else {
        return;
    };
    let zones = plan.network.availability_zones.len();
    if network.get("az_count").is_none() && zones > 0 {
        plan.network.az_count = u8::try_from(zones).unwrap_or(u8::MAX);
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

impl From<ReadError> for PlanErrors {
    fn from(e: ReadError) -> Self {
        PlanErrors(vec![e.into()])
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
    Locator::new(text).locate(&FieldPath::parse(path))
}

/// Locates many paths in one text, parsing it once.
#[derive(Clone, Debug)]
pub struct Locator {
    root: Option<Node>,
}

impl Locator {
    /// Parse `text` (a text that does not parse locates nothing).
    pub fn new(text: &str) -> Locator {
        Locator {
            root: read::parse(text).ok().flatten(),
        }
    }

    /// The 1-based (line, column) of the value at `path`, or of its nearest
    /// ancestor written in the text.
    pub fn locate(&self, path: &FieldPath) -> Option<(u64, u64)> {
        let mut node = self.root.as_ref()?;
        for seg in path.segments() {
            let next = match seg {
                Seg::Key(k) => node.get(k),
                Seg::Index(i) => node.item(*i),
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        (node.pos.line > 0).then(|| (u64::from(node.pos.line), u64::from(node.pos.column)))
    }

    /// Where the key of the entry at `path` is written (the start of its
    /// line in block YAML), or the value itself for list items; the nearest
    /// ancestor when `path` is not written.
    pub fn locate_key(&self, path: &FieldPath) -> Option<(u64, u64)> {
        let mut node = self.root.as_ref()?;
        let mut at = node.pos;
        for seg in path.segments() {
            let next = match (seg, &node.kind) {
                (Seg::Key(k), read::Kind::Map(entries)) => entries
                    .iter()
                    .find(|(key, _)| key.text == *k)
                    .map(|(key, v)| (key.pos, v)),
                (Seg::Index(i), _) => node.item(*i).map(|n| (n.pos, n)),
                _ => None,
            };
            match next {
                Some((pos, n)) => {
                    at = pos;
                    node = n;
                }
                None => break,
            }
        }
        (at.line > 0).then(|| (u64::from(at.line), u64::from(at.column)))
    }
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
    fn every_problem_is_reported_with_a_suggestion() {
        let text = "cluster:\n  kubernetes_versoin: \"1.31\"\n  nmae: x\nnetwork:\n  az_cuont: 2\nnode_pools:\n- name: a\n  weight: heavy\n";
        let errors = match Plan::from_yaml_all(text) {
            Err(e) => e,
            Ok(p) => panic!("expected errors, got {p:?}"),
        };
        let got: Vec<(String, Option<(u64, u64)>)> = errors
            .errors()
            .iter()
            .map(|e| (e.message(), e.position()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "unknown field `kubernetes_versoin`; did you mean `kubernetes_version`?"
                        .to_owned(),
                    Some((2, 3))
                ),
                (
                    "unknown field `nmae`; did you mean `name`?".to_owned(),
                    Some((3, 3))
                ),
                (
                    "unknown field `az_cuont`; did you mean `az_count`?".to_owned(),
                    Some((5, 3))
                ),
                (
                    "invalid type: string \"heavy\", expected a whole number".to_owned(),
                    Some((8, 11))
                ),
            ]
        );
        assert_eq!(errors.errors()[3].path(), "node_pools[0].weight");
        assert!(errors.to_string().ends_with("(and 3 more)"), "{errors}");
        // The single-error reader reports the first of them.
        assert_eq!(
            Plan::from_yaml(text).err(),
            Some(errors.errors()[0].clone())
        );
        assert_eq!(
            Plan::from_yaml_all("cluster:\n  name: ok\n").ok(),
            Plan::from_yaml("cluster:\n  name: ok\n").ok()
        );
    }

    #[test]
    fn named_zones_set_the_count_unless_it_is_written() {
        let plan = Plan::from_yaml("network:\n  availability_zones: [us-east-1a, us-east-1b]\n");
        assert_eq!(plan.map(|p| p.network.az_count).ok(), Some(2));
        let plan = Plan::from_yaml_all(
            "network:\n  az_count: 3\n  availability_zones: [us-east-1a, us-east-1b]\n",
        );
        assert_eq!(plan.map(|p| p.network.az_count).ok(), Some(3));
        assert_eq!(
            Plan::from_yaml("network: {}\n")
                .map(|p| p.network.az_count)
                .ok(),
            Some(3)
        );
    }

    #[test]
    fn a_schema_reference_is_allowed_at_the_top() {
        let yaml = Plan::from_yaml("$schema: plan.schema.json\ncluster:\n  name: s\n");
        assert_eq!(yaml.map(|p| p.cluster.name).ok(), Some("s".to_owned()));
        let json = Plan::from_json("{\"$schema\": \"./plan.schema.json\", \"version\": 1}");
        assert_eq!(json.ok(), Some(Plan::default()));
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
        let l = Locator::new(text);
        let at = |p: &str| l.locate_key(&FieldPath::parse(p));
        assert_eq!(at("node_pools[1].expire_after"), Some((6, 3)));
        assert_eq!(at("node_pools[1]"), Some((5, 3)));
        assert_eq!(at("cluster.name"), Some((2, 3)));
        assert_eq!(at("cluster.region"), Some((1, 1)));
        assert_eq!(Locator::new("{{").locate(&FieldPath::parse("a")), None);
    }
}
