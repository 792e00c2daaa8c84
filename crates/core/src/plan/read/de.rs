//! A serde `Deserializer` over [`Node`] trees.
//!
//! Types decide how a plain scalar is read, as in YAML itself: `1.30` is the
//! string `"1.30"` for `kubernetes_version` and a number only where a number
//! is expected. An empty value (`cluster:`) is an empty mapping or list
//! where one is expected, and `None` for an optional field. Every error
//! carries the path and position of the node that caused it.

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};

use super::node::{Key, Kind, Node, Pos};
use super::{scalar, suggest};
use crate::plan::path::{FieldPath, Seg};

/// An error while reading a node tree into a type; collects its path while
/// it travels up the tree.
///
/// Boxed: every `Result` of every plan type's visitor carries this error, and
/// one pointer instead of three fields makes each of them (and the code that
/// moves them) smaller.
#[derive(Debug)]
pub struct DeError(Box<Inner>);

#[derive(Debug)]
struct Inner {
    message: String,
    /// Path segments, innermost first.
    segments: Vec<Seg>,
    pos: Option<Pos>,
    /// The spellings that would have been accepted (for an unknown field
    /// or value).
    expected: &'static [&'static str],
}

impl std::fmt::Display for DeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    #[cold]
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        DeError(Box::new(Inner {
            message: msg.to_string(),
            segments: Vec::new(),
            pos: None,
            expected: &[],
        }))
    }

    #[cold]
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        <Self as de::Error>::custom(format!(
            "invalid type: {unexp}, expected {}",
            humanize(&exp.to_string())
        ))
    }

    #[cold]
    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        <Self as de::Error>::custom(format!(
            "invalid value: {unexp}, expected {}",
            humanize(&exp.to_string())
        ))
    }

    #[cold]
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let mut e = <Self as de::Error>::custom(match suggest::closest(field, expected) {
            Some(s) => format!("unknown field `{field}`; did you mean `{s}`?"),
            None if expected.is_empty() => format!("unknown field `{field}`: this takes no fields"),
            None => format!(
                "unknown field `{field}`; expected {}",
                suggest::one_of(expected)
            ),
        });
        e.0.expected = expected;
        e
    }

    #[cold]
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let mut e = <Self as de::Error>::custom(match suggest::closest(variant, expected) {
            Some(s) => format!("unknown value `{variant}`; did you mean `{s}`?"),
            None => format!(
                "unknown value `{variant}`; expected {}",
                suggest::one_of(expected)
            ),
        });
        e.0.expected = expected;
        e
    }
}

impl DeError {
    /// Attach the position of the node the error surfaced at, unless a
    /// deeper node already gave one.
    #[cold]
    fn or_at(mut self, pos: Pos) -> Self {
        self.0.pos.get_or_insert(pos);
        self
    }

    /// The error happened inside `segment`, written at `pos`.
    #[cold]
    fn within(mut self, segment: Seg, pos: Pos) -> Self {
        self.0.segments.push(segment);
        self.or_at(pos)
    }

    /// The path of the value at fault, outermost first.
    pub(super) fn path(&self) -> FieldPath {
        FieldPath::from_segments(self.0.segments.iter().rev().cloned().collect())
    }

    /// The message, the position (if any node gave one) and the accepted
    /// spellings (for an unknown field or value).
    pub(super) fn into_parts(self) -> (String, Option<Pos>, &'static [&'static str]) {
        (self.0.message, self.0.pos, self.0.expected)
    }
}

/// The key a document's root may hold to name its JSON Schema (editors read
/// it for completion); it is not part of the data.
pub const SCHEMA_KEY: &str = "$schema";

/// What serde expected, in the words of a plan file rather than Rust's:
/// `u32` is "a whole number", `struct Cluster` "a mapping of fields".
#[cold]
fn humanize(expected: &str) -> String {
    let range = |max: u64| format!("a whole number from 0 to {max}");
    match expected {
        "u8" => range(u64::from(u8::MAX)),
        "u16" => range(u64::from(u16::MAX)),
        "u32" | "u64" | "usize" => "a whole number".to_owned(),
        "i8" | "i16" | "i32" | "i64" => "a whole number (may be negative)".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        "a sequence" => "a list".to_owned(),
        "a map" => "a mapping".to_owned(),
        other if other.starts_with("struct ") => "a mapping of fields".to_owned(),
        other if other.starts_with("tuple struct ") => "a list".to_owned(),
        other => other.to_owned(),
    }
}

/// Deserializes one [`Node`].
pub struct NodeDeserializer<'a> {
    node: &'a Node,
    /// The document's root: a `$schema` entry is skipped.
    root: bool,
}

impl<'a> NodeDeserializer<'a> {
    /// A deserializer for `node`.
    pub fn new(node: &'a Node) -> Self {
        Self { node, root: false }
    }

    /// A deserializer for a document's root node, which may name its
    /// schema with a `$schema` entry.
    pub fn root(node: &'a Node) -> Self {
        Self { node, root: true }
    }

    fn fail<T>(&self, unexpected: Unexpected<'_>, exp: &dyn de::Expected) -> Result<T, DeError> {
        Err(de::Error::invalid_type(unexpected, exp))
    }

    fn unexpected(&self) -> Unexpected<'a> {
        match &self.node.kind {
            Kind::Plain(s) if scalar::is_null(s) => Unexpected::Other("null"),
            Kind::Plain(s) | Kind::Str(s) => Unexpected::Str(s),
            Kind::Seq(_) => Unexpected::Seq,
            Kind::Map(_) => Unexpected::Map,
        }
    }

    fn int<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.kind {
            Kind::Plain(s) => match scalar::int_of(s) {
                Some(i) => match (u64::try_from(i), i64::try_from(i)) {
                    (Ok(u), _) => visitor.visit_u64(u),
                    (_, Ok(n)) => visitor.visit_i64(n),
                    _ => Err(de::Error::invalid_value(Unexpected::Str(s), &visitor)),
                },
                None => match scalar::float_of(s) {
                    Some(f) => visitor.visit_f64(f),
                    None => self.fail(self.unexpected(), &visitor),
                },
            },
            _ => self.fail(self.unexpected(), &visitor),
        };
        result.map_err(|e: DeError| e.or_at(self.node.pos))
    }

    fn deserialize_any_inner<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.kind {
            Kind::Plain(s) => {
                if scalar::is_null(s) {
                    visitor.visit_unit()
                } else if let Some(b) = scalar::bool_of(s) {
                    visitor.visit_bool(b)
                } else if let Some(i) = scalar::int_of(s) {
                    match (u64::try_from(i), i64::try_from(i)) {
                        (Ok(u), _) => visitor.visit_u64(u),
                        (_, Ok(n)) => visitor.visit_i64(n),
                        _ => visitor.visit_str(s),
                    }
                } else if let Some(f) = scalar::float_of(s) {
                    visitor.visit_f64(f)
                } else {
                    visitor.visit_str(s)
                }
            }
            Kind::Str(s) => visitor.visit_str(s),
            Kind::Seq(items) => visit_seq(items, visitor),
            Kind::Map(entries) => visit_map(entries, visitor, self.root),
        };
        result.map_err(|e: DeError| e.or_at(self.node.pos))
    }
}

fn visit_seq<'de, V: Visitor<'de>>(items: &[Node], visitor: V) -> Result<V::Value, DeError> {
    let mut access = SeqAccess {
        items: items.iter().enumerate(),
    };
    let value = visitor.visit_seq(&mut access)?;
    match access.items.next() {
        None => Ok(value),
        Some((i, node)) => Err(<DeError as de::Error>::invalid_length(
            items.len(),
            &"fewer elements",
        )
        .within(Seg::Index(i), node.pos)),
    }
}

fn visit_map<'de, V: Visitor<'de>>(
    entries: &[(Key, Node)],
    visitor: V,
    root: bool,
) -> Result<V::Value, DeError> {
    visitor.visit_map(MapAccess {
        entries: entries.iter(),
        value: None,
        skip_schema: root,
    })
}

struct SeqAccess<'a> {
    items: std::iter::Enumerate<std::slice::Iter<'a, Node>>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            None => Ok(None),
            Some((i, node)) => seed
                .deserialize(NodeDeserializer::new(node))
                .map(Some)
                .map_err(|e| e.within(Seg::Index(i), node.pos)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess<'a> {
    entries: std::slice::Iter<'a, (Key, Node)>,
    value: Option<(&'a Key, &'a Node)>,
    /// Skip a `$schema` entry (at a document's root).
    skip_schema: bool,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self
            .entries
            .find(|(k, _)| !(self.skip_schema && k.text == SCHEMA_KEY))
        else {
            return Ok(None);
        };
        self.value = Some((key, value));
        let de: StrDeserializer<'_, DeError> = key.text.as_str().into_deserializer();
        seed.deserialize(de)
            .map(Some)
            .map_err(|e| e.within(Seg::Key(key.text.clone()), key.pos))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some((key, node)) => seed
                .deserialize(NodeDeserializer::new(node))
                .map_err(|e| e.within(Seg::Key(key.text.clone()), node.pos)),
            None => Err(de::Error::custom("value requested before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

macro_rules! ints {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.int(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for NodeDeserializer<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any_inner(visitor)
    }

    ints!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
          deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.kind {
            Kind::Plain(s) => match scalar::float_of(s) {
                Some(f) => visitor.visit_f64(f),
                None => self.fail(self.unexpected(), &visitor),
            },
            _ => self.fail(self.unexpected(), &visitor),
        };
        result.map_err(|e: DeError| e.or_at(self.node.pos))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.kind {
            Kind::Plain(s) => match scalar::bool_of(s) {
                Some(b) => visitor.visit_bool(b),
                None if scalar::is_yaml11_bool(s) => Err(de::Error::custom(format!(
                    "`{s}` is not a boolean in YAML 1.2; write `true` or `false`"
                ))),
                None => self.fail(self.unexpected(), &visitor),
            },
            _ => self.fail(self.unexpected(), &visitor),
        };
        result.map_err(|e: DeError| e.or_at(self.node.pos))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.kind {
            Kind::Plain(s) if scalar::is_null(s) => self.fail(self.unexpected(), &visitor),
            Kind::Plain(s) | Kind::Str(s) => visitor.visit_str(s),
            Kind::Seq(_) | Kind::Map(_) => self.fail(self.unexpected(), &visitor),
        };
        result.map_err(|e: DeError| e.or_at(self.node.pos))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any_inner(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any_inner(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any_inner(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_any_inner(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.kind {
            Kind::Seq(items) => visit_seq(items, visitor),
            // `node_pools:` with nothing after it: an empty list.
            _ if self.node.is_null() => visit_seq(&[], visitor),
            _ => self.fail(self.unexpected(), &visitor),
        };
        result.map_err(|e: DeError| e.or_at(self.node.pos))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // Only mappings: serde would also let a struct be written as a list
        // of its fields in order, which in a plan file is always a mistake
        // (and would compile a second reader for every struct).
        let result = match &self.node.kind {
            Kind::Map(entries) => visit_map(entries, visitor, self.root),
            // `cluster:` with nothing after it: every field at its default.
            _ if self.node.is_null() => visit_map(&[], visitor, false),
            _ => self.fail(self.unexpected(), &visitor),
        };
        result.map_err(|e: DeError| e.or_at(self.node.pos))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let result = match &self.node.kind {
            Kind::Plain(s) if !scalar::is_null(s) => {
                let de: StrDeserializer<'_, DeError> = s.as_str().into_deserializer();
                visitor.visit_enum(de)
            }
            Kind::Str(s) => {
                let de: StrDeserializer<'_, DeError> = s.as_str().into_deserializer();
                visitor.visit_enum(de)
            }
            _ => self.fail(self.unexpected(), &visitor),
        };
        result.map_err(|e: DeError| e.or_at(self.node.pos))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}
