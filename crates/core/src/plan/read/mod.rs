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
mod yaml;

pub use de::NodeDeserializer;
pub use node::{Key, Kind, Node, Pos};

use serde::de::DeserializeOwned;

/// Why text could not be read into a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// What is wrong.
    pub message: String,
    /// The field path (`node_pools[0].weight`), empty for syntax errors.
    pub path: String,
    /// Where (line 0 when unknown).
    pub pos: Pos,
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
    pub(crate) fn at(message: impl Into<String>, path: impl Into<String>, pos: Pos) -> Self {
        Self {
            message: message.into(),
            path: path.into(),
            pos,
        }
    }
}

/// Parse YAML or JSON text into a node tree; `None` for an empty document.
pub fn parse(text: &str) -> Result<Option<Node>, ReadError> {
    yaml::parse(text)
}

/// Read a node tree into a type.
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, ReadError> {
    T::deserialize(NodeDeserializer::new(node)).map_err(|e| {
        let path = e.path();
        let (message, pos) = e.into_parts();
        ReadError {
            message,
            path,
            pos: pos.unwrap_or(node.pos),
        }
    })
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
        let node = parse(text)?.ok_or_else(|| ReadError::at("empty", "", Pos::default()))?;
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
            e.message.contains("unknown variant `SPOT`"),
            "{}",
            e.message
        );
        assert_eq!(e.path, "inner.e");

        let e = err("inner:\n  tags:\n    \"a b\": [1]\n");
        assert_eq!(e.path, "inner.tags[\"a b\"]");
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
