//! Reading YAML and JSON into typed values, with positions.
//!
//! Text is parsed by `granit-parser` (the YAML 1.2 parser underneath
//! serde-saphyr) into a [`Node`] tree that keeps every node's line and
//! column; a small serde `Deserializer` then reads the tree into the plan
//! types. JSON goes the same way, since JSON is YAML 1.2's flow style.
//!
//! Why not `serde_saphyr::from_str` and `serde_json::from_str` directly:
//! every plan type's `Deserialize` impl would be compiled once per format,
//! plus serde-saphyr's deserializer, which made the WebAssembly planner
//! about 100 KB (gzipped) heavier. One tree and one deserializer give the
//! same typed reading and positions to the CLI and the browser, and the
//! same tree answers [`locate`](super::parse::locate) for diagnostics.

mod de;
mod node;
mod scalar;
pub mod suggest;
mod yaml;

pub use de::{NodeDeserializer, SCHEMA_KEY};
pub use node::{Key, Kind, Node, Pos};

use serde::de::DeserializeOwned;

use super::path::{FieldPath, Seg};

/// Most errors [`from_node_all`] reports for one document.
pub const MAX_ERRORS: usize = 50;

/// Why text could not be read into a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// What is wrong.
    pub message: String,
    /// The field path (`node_pools[0].weight`), empty for syntax errors.
    pub path: String,
    /// The same path, typed.
    pub field: FieldPath,
    /// Where (line 0 when unknown).
    pub pos: Pos,
    /// For an unknown field or value: the spellings that are accepted there
    /// (empty otherwise).
    pub alternatives: &'static [&'static str],
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.pos.line > 0 {
            write!(f, "{}:{}: ", self.pos.line, self.pos.column)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

impl ReadError {
    /// A syntax error (no field path) at `pos`.
    pub(crate) fn syntax(message: impl Into<String>, pos: Pos) -> Self {
        Self {
            message: message.into(),
            path: String::new(),
            field: FieldPath::root(),
            pos,
            alternatives: &[],
        }
    }

    fn from_de(e: de::DeError, node: &Node) -> Self {
        let field = e.path();
        let (message, pos, alternatives) = e.into_parts();
        ReadError {
            message,
            path: field.to_string(),
            field,
            pos: pos.unwrap_or(node.pos),
            alternatives,
        }
    }
}

/// Parse YAML or JSON text into a node tree; `None` for an empty document.
pub fn parse(text: &str) -> Result<Option<Node>, ReadError> {
    yaml::parse(text)
}

/// Read a node tree into a type (a `$schema` entry at its root is skipped).
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, ReadError> {
    T::deserialize(NodeDeserializer::root(node)).map_err(|e| ReadError::from_de(e, node))
}

/// Read a node tree into a type, reporting every problem rather than the
/// first (at most [`MAX_ERRORS`]), in the order they appear.
///
/// serde stops at the first error, so after each one the offending value is
/// taken out of a copy of the tree (a misspelt field, a bad value, a list
/// item of the wrong shape) and the copy is read again. Paths are reported
/// as written: removing list item 1 does not renumber the items after it.
/// A value whose removal makes its parent incomplete ("missing field") is
/// not reported again at the parent.
pub fn from_node_all<T: DeserializeOwned>(node: &Node) -> Result<T, Vec<ReadError>> {
    let mut err = match T::deserialize(NodeDeserializer::root(node)) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let mut tree = node.clone();
    let mut errors: Vec<ReadError> = Vec::new();
    // Items taken out of lists so far: (the list's path, the item's index),
    // both as the tree was when the item was removed.
    let mut removed: Vec<(Vec<Seg>, usize)> = Vec::new();
    loop {
        let current = err.path();
        let mut error = ReadError::from_de(err, node);
        error.field = as_written(&current, &removed);
        error.path = error.field.to_string();
        let follow_on = errors
            .iter()
            .any(|e| e.field != error.field && e.field.starts_with(&error.field));
        if !follow_on {
            errors.push(error);
        }
        if current.is_root()
            || errors.len() >= MAX_ERRORS
            || !remove(&mut tree, &current, &mut removed)
        {
            break;
        }
        match T::deserialize(NodeDeserializer::root(&tree)) {
            Ok(_) => break,
            Err(e) => err = e,
        }
    }
    // Unstable: smaller code, and no two errors share a position and a path.
    errors.sort_unstable_by(|a, b| {
        (a.pos.line, a.pos.column, &a.path).cmp(&(b.pos.line, b.pos.column, &b.path))
    });
    Err(errors)
}

/// Translate a path in the pruned tree back to the document as written.
fn as_written(path: &FieldPath, removed: &[(Vec<Seg>, usize)]) -> FieldPath {
    let mut segs = path.segments().to_vec();
    for (list, index) in removed.iter().rev() {
        if segs.len() > list.len()
            && segs[..list.len()] == list[..]
            && let Some(Seg::Index(i)) = segs.get_mut(list.len())
            && *i >= *index
        {
            *i += 1;
        }
    }
    FieldPath::from_segments(segs)
}

/// Remove the value at `path` from the tree; `false` if there is none.
fn remove(tree: &mut Node, path: &FieldPath, removed: &mut Vec<(Vec<Seg>, usize)>) -> bool {
    let Some((last, parents)) = path.segments().split_last() else {
        return false;
    };
    let mut node = tree;
    for seg in parents {
        let next = match (seg, &mut node.kind) {
            (Seg::Key(k), Kind::Map(entries)) => entries
                .iter_mut()
                .find(|(key, _)| key.text == *k)
                .map(|(_, v)| v),
            (Seg::Index(i), Kind::Seq(items)) => items.get_mut(*i),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return false,
        }
    }
    match (last, &mut node.kind) {
        (Seg::Key(k), Kind::Map(entries)) => {
            let before = entries.len();
            entries.retain(|(key, _)| key.text != *k);
            entries.len() < before
        }
        (Seg::Index(i), Kind::Seq(items)) if *i < items.len() => {
            items.remove(*i);
            removed.push((parents.to_vec(), *i));
            true
        }
        _ => false,
    }
}

/// A node tree for a JSON value that did not come from text (for example a
/// plan handed over by JavaScript): same reading rules, no positions.
pub fn node_from_json(value: &serde_json::Value) -> Node {
    use serde_json::Value;
    let kind = match value {
        Value::Null => Kind::Plain(String::new()),
        Value::Bool(b) => Kind::Plain(b.to_string()),
        Value::Number(n) => Kind::Plain(n.to_string()),
        Value::String(s) => Kind::Str(s.clone()),
        Value::Array(items) => Kind::Seq(items.iter().map(node_from_json).collect()),
        Value::Object(map) => Kind::Map(
            map.iter()
                .map(|(k, v)| {
                    let key = Key {
                        text: k.clone(),
                        pos: Pos::default(),
                    };
                    (key, node_from_json(v))
                })
                .collect(),
        ),
    };
    Node {
        pos: Pos::default(),
        kind,
    }
}

/// Read one scalar the way a plan file would (for form controls that hold
/// an enum's spelling, such as `"ON_DEMAND"`).
pub fn from_scalar<T: DeserializeOwned>(text: &str) -> Option<T> {
    from_node(&Node {
        pos: Pos::default(),
        kind: Kind::Str(text.to_owned()),
    })
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    struct Inner {
        n: u32,
        f: f64,
        b: bool,
        s: String,
        o: Option<String>,
        e: Option<Mode>,
        list: Vec<u8>,
        tags: BTreeMap<String, String>,
    }

    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    struct Outer {
        inner: Inner,
        items: Vec<Inner>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    enum Mode {
        #[serde(rename = "ON_DEMAND")]
        OnDemand,
        #[serde(rename = "32")]
        ThirtyTwo,
    }

    fn read<T: DeserializeOwned>(text: &str) -> Result<T, ReadError> {
        let node = parse(text)?.ok_or_else(|| ReadError::syntax("empty", Pos::default()))?;
        from_node(&node)
    }

    fn err(text: &str) -> ReadError {
        match read::<Outer>(text) {
            Err(e) => e,
            Ok(v) => panic!("expected an error, got {v:?}"),
        }
    }

    #[test]
    fn types_decide_how_plain_scalars_read() {
        let v: Outer = read("inner:\n  n: 0x10\n  f: 3\n  b: True\n  s: 1.30\n  o: ~\n  e: 32\n  list: [1, 2]\n  tags: {a: 1, b: true}\n")
            .unwrap_or_default();
        assert_eq!(v.inner.n, 16);
        assert!((v.inner.f - 3.0).abs() < f64::EPSILON);
        assert!(v.inner.b);
        assert_eq!(v.inner.s, "1.30");
        assert_eq!(v.inner.o, None);
        assert_eq!(v.inner.e, Some(Mode::ThirtyTwo));
        assert_eq!(v.inner.list, vec![1, 2]);
        assert_eq!(v.inner.tags.get("b").map(String::as_str), Some("true"));
    }

    #[test]
    fn empty_values_are_empty_collections() {
        let v: Outer = read("inner:\nitems:\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v, Outer::default());
    }

    #[test]
    fn quoted_numbers_stay_strings() {
        let e = err("inner:\n  n: \"5\"\n");
        assert_eq!(
            (e.path.as_str(), e.pos.line, e.pos.column),
            ("inner.n", 2, 6)
        );
        assert!(
            e.message.contains("invalid type: string \"5\""),
            "{}",
            e.message
        );
    }

    #[test]
    fn errors_carry_path_and_position() {
        let e = err("items:\n  - n: 1\n  - list: [1, 300]\n");
        assert_eq!(e.path, "items[1].list[1]");
        assert_eq!((e.pos.line, e.pos.column), (3, 15));
        assert!(e.message.contains("300"), "{}", e.message);

        let e = err("inner:\n  nmae: x\n");
        assert_eq!(
            (e.path.as_str(), e.pos.line, e.pos.column),
            ("inner.nmae", 2, 3)
        );
        assert!(e.message.contains("unknown field `nmae`"), "{}", e.message);

        let e = err("inner:\n  e: SPOT\n");
        assert!(
            e.message
                .contains("unknown value `SPOT`; expected `ON_DEMAND` or `32`"),
            "{}",
            e.message
        );
        assert_eq!(e.path, "inner.e");

        let e = err("inner:\n  tags:\n    \"a b\": [1]\n");
        assert_eq!(e.path, "inner.tags[\"a b\"]");
    }

    #[test]
    fn misspellings_get_a_suggestion() {
        let e = err("inner:\n  lsit: [1]\n");
        assert_eq!(e.message, "unknown field `lsit`; did you mean `list`?");
        assert!(e.alternatives.contains(&"list"));
        assert_eq!(err("inner:\n  e: x\n").alternatives, ["ON_DEMAND", "32"]);
        assert!(err("inner:\n  n: x\n").alternatives.is_empty());
        let e = err("inner:\n  e: on_demand\n");
        assert_eq!(
            e.message,
            "unknown value `on_demand`; did you mean `ON_DEMAND`?"
        );
        let e = err("inner:\n  zzzzzz: 1\n");
        assert!(
            e.message
                .starts_with("unknown field `zzzzzz`; expected `n`, `f`"),
            "{}",
            e.message
        );
    }

    fn all(text: &str) -> Vec<(String, u32, u32, String)> {
        let node = parse(text).ok().flatten().unwrap_or_else(|| Node {
            pos: Pos::default(),
            kind: Kind::Map(Vec::new()),
        });
        match from_node_all::<Outer>(&node) {
            Ok(v) => panic!("expected errors, got {v:?}"),
            Err(errors) => errors
                .into_iter()
                .map(|e| (e.path, e.pos.line, e.pos.column, e.message))
                .collect(),
        }
    }

    #[test]
    fn every_error_is_reported_in_text_order() {
        let errors = all(concat!(
            "inner:\n",
            "  nn: 1\n",  // unknown field
            "  n: x\n",   // bad value
            "  b: yes\n", // YAML 1.1 boolean
            "items:\n",
            "  - list: [1, 300, 2, 400]\n",
            "  - e: SPTO\n",
            "  - tags: {a: [1]}\n",
        ));
        let paths: Vec<&str> = errors.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            paths,
            [
                "inner.nn",
                "inner.n",
                "inner.b",
                "items[0].list[1]",
                "items[0].list[3]",
                "items[1].e",
                "items[2].tags.a"
            ],
            "{errors:#?}"
        );
        let lines: Vec<u32> = errors.iter().map(|e| e.1).collect();
        assert_eq!(lines, [2, 3, 4, 6, 6, 7, 8]);
        assert!(errors[0].3.contains("did you mean `n`?"), "{errors:#?}");
        assert!(
            errors[5].3.contains("expected `ON_DEMAND` or `32`"),
            "{errors:#?}"
        );
    }

    #[test]
    fn removed_list_items_keep_their_numbers() {
        // Item 1 is removed after its error; item 3 is still reported as 3.
        let errors = all("items:\n  - n: 1\n  - [bad]\n  - n: 2\n  - n: nope\n");
        let paths: Vec<&str> = errors.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(paths, ["items[1]", "items[3].n"], "{errors:#?}");
    }

    #[test]
    fn follow_on_errors_are_not_reported() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Needs {
            key: u8,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Holder {
            needs: Vec<Needs>,
        }
        let node = parse("needs:\n  - key: [x]\n  - {}\n").ok().flatten();
        let errors = node
            .as_ref()
            .map(|n| from_node_all::<Holder>(n).err().unwrap_or_default())
            .unwrap_or_default();
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        // `needs[0].key` is wrong; `needs[0]` missing `key` after its removal
        // is the same problem. `needs[1]` really lacks it.
        assert_eq!(paths, ["needs[0].key", "needs[1]"], "{errors:#?}");
    }

    #[test]
    fn the_error_count_is_bounded() {
        let text: String = std::iter::once("inner:\n".to_owned())
            .chain((0..200).map(|i| format!("  bad{i}: 1\n")))
            .collect();
        assert_eq!(all(&text).len(), MAX_ERRORS);
    }

    #[test]
    fn a_schema_entry_at_the_root_is_not_data() {
        let v: Outer = read("$schema: ./plan.schema.json\ninner:\n  n: 2\n").unwrap_or_default();
        assert_eq!(v.inner.n, 2);
        // Only at the root.
        let e = err("inner:\n  $schema: x\n");
        assert_eq!(e.path, "inner[\"$schema\"]");
    }

    #[test]
    fn yaml11_booleans_are_explained() {
        let e = err("inner:\n  b: yes\n");
        assert!(
            e.message.contains("write `true` or `false`"),
            "{}",
            e.message
        );
        assert_eq!((e.pos.line, e.pos.column), (2, 6));
    }

    #[test]
    fn wrong_shapes_are_refused() {
        assert!(
            err("inner: [1]\n")
                .message
                .contains("invalid type: sequence")
        );
        assert!(
            err("inner:\n  s: [a]\n")
                .message
                .contains("invalid type: sequence")
        );
        assert!(err("inner:\n  s: null\n").message.contains("null"));
        assert!(err("inner:\n  n: -1\n").message.contains("-1"));
        assert!(err("inner:\n  n: 1.5\n").message.contains("1.5"));
        assert!(
            err("inner:\n  n: 99999999999999999999999999999999999999999\n")
                .message
                .contains("invalid")
        );
    }

    #[test]
    fn json_values_read_like_text() {
        let value =
            serde_json::json!({"inner": {"n": 7, "b": true, "s": "x", "o": null, "list": [1, 2]}});
        let from_value: Outer = from_node(&node_from_json(&value)).unwrap_or_default();
        let from_text: Outer = read(&value.to_string()).unwrap_or_default();
        assert_eq!(from_value, from_text);
        assert_eq!(from_value.inner.n, 7);
        let bad = serde_json::json!({"inner": {"n": "7"}});
        let err = from_node::<Outer>(&node_from_json(&bad)).err();
        assert_eq!(err.map(|e| e.path), Some("inner.n".to_owned()));
    }

    #[test]
    fn from_scalar_reads_enum_spellings() {
        assert_eq!(from_scalar::<Mode>("ON_DEMAND"), Some(Mode::OnDemand));
        assert_eq!(from_scalar::<Mode>("on_demand"), None);
    }
}
