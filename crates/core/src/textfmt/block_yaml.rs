//! A narrow, direct YAML writer for serde types: the fast path of
//! [`super::yaml`] and of the Kubernetes manifests, natively and in the
//! browser.
//!
//! serde-saphyr writes every YAML file of a bundle, and its general
//! serializer (anchors, tags, block scalars, flow context, per-key
//! temporary strings) was the largest single cost of a `generate`.
//! The planner's YAML files only use a small part of YAML: block mappings,
//! block sequences in kubectl's compact style, integers, booleans, `null`
//! and single-line strings. This writer writes exactly that part, **byte for
//! byte as serde-saphyr does with [`super::yaml_options`]**, and refuses
//! everything else ([`Unsupported`]): floats, multi-line strings, non-ASCII
//! or control characters, sequences directly inside sequences, empty
//! collections as sequence items, enum variants with data, and any string
//! whose plain-or-quoted choice it cannot decide with certainty. The
//! caller then writes the whole document with serde-saphyr instead, so the
//! output never depends on which writer ran.
//!
//! Equivalence is tested, not assumed: a property test compares this writer
//! with serde-saphyr on random strings (as keys and values) and random
//! nesting, and the golden and random-plan tests compare every manifest and
//! plan of the bundles (see `tests/yaml_writers.rs`).

use super::pad;
use serde::ser::{self, Impossible, Serialize};
use std::fmt;

/// The value uses something this writer leaves to serde-saphyr.
#[derive(Debug)]
pub struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not written by the block YAML fast path")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Unsupported
    }
}

type Result<T = ()> = std::result::Result<T, Unsupported>;

/// `value` as a YAML document (a top-level mapping), or `None` when it
/// uses anything this writer does not write (see the module docs).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let mut out = String::with_capacity(1024);
    append(&mut out, value).then_some(out)
}

/// Append `value` as a YAML document to `out`; `false` (and `out` as it
/// was) when it uses anything this writer does not write.
pub fn append<T: Serialize + ?Sized>(out: &mut String, value: &T) -> bool {
    let start = out.len();
    let written = value.serialize(Ser {
        out: &mut *out,
        pos: Pos::Top,
    });
    if written.is_err() {
        out.truncate(start);
    }
    written.is_ok()
}

/// How a string is written as a value: plain, double-quoted, or undecided
/// (`None`: leave the document to serde-saphyr).
///
/// serde-saphyr (YAML 1.1 resolution, block context) writes a single-line
/// string plain unless it is empty, a YAML 1.1 boolean or null word, `~`,
/// `=`, `<<`, numeric (1.1 or 1.2 syntax) or a timestamp, starts with a
/// document marker, has surrounding whitespace, starts with an indicator,
/// contains `": "` or ends with `:`, or has a `#` after whitespace; then it
/// writes it double-quoted (but `.`, `#` and `-` single-quoted, which this
/// leaves to serde-saphyr). This decides those rules for printable ASCII;
/// the numeric and timestamp productions are only ruled out when the
/// string has a character none of them can contain.
pub fn value_style(s: &str) -> Option<bool> {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return Some(false);
    };
    // One pass over the bytes for what the rules below ask of the whole
    // string (this runs for every key and value of every manifest).
    let mut colon_space_or_space_hash = false;
    for (i, &c) in b.iter().enumerate() {
        match CLASS[usize::from(c)] {
            PRINTABLE | FLOW => {}
            COLON => colon_space_or_space_hash |= b.get(i + 1) == Some(&b' '),
            HASH => colon_space_or_space_hash |= i > 0 && b.get(i - 1) == Some(&b' '),
            _ => return None,
        }
    }
    // serde-saphyr writes these three single-quoted (`'#'`) as values.
    if matches!(s, "." | "#" | "-") {
        return None;
    }
    if is_reserved_word(s) {
        return Some(false);
    }
    if matches!(first, b'0'..=b'9' | b'+' | b'-' | b'.' | b'_')
        && b.iter().all(|c| could_be_number_or_date(*c))
    {
        // Numbers, dates and base-60 values: quoted when saphyr resolves
        // them. Certain here: a digit followed by digits and dots (an
        // integer, or a YAML 1.1 float such as `1.37` or `1.2.3`), and a
        // date `YYYY-M-D`.
        let digits_and_dots =
            first.is_ascii_digit() && b.iter().all(|c| c.is_ascii_digit() || *c == b'.');
        return if digits_and_dots || is_date(s) {
            Some(false)
        } else {
            None
        };
    }
    if s.starts_with("---") || s.starts_with("...") {
        return None;
    }
    let last = b[b.len() - 1];
    if first == b' ' || last == b' ' {
        return Some(false);
    }
    if matches!(first, b'-' | b'?') && b.get(1).is_none_or(|c| *c == b' ') {
        return Some(false);
    }
    if matches!(
        first,
        b',' | b':'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    ) {
        return Some(false);
    }
    if last == b':' || colon_space_or_space_hash {
        return Some(false);
    }
    Some(true)
}

/// The class of each byte for [`value_style`] and [`key_style`]: outside
/// printable ASCII (0), printable, or one of the printable bytes the rules
/// look at (`:`, `#`, and the flow indicators `, [ ] { }`). One table
/// lookup per byte: this runs for every key and value of every manifest.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = b' ';
    while c <= b'~' {
        t[c as usize] = match c {
            b':' => COLON,
            b'#' => HASH,
            b',' | b'[' | b']' | b'{' | b'}' => FLOW,
            _ => PRINTABLE,
        };
        c += 1;
    }
    t
};
const PRINTABLE: u8 = 1;
const COLON: u8 = 2;
const HASH: u8 = 3;
const FLOW: u8 = 4;

/// How a string is written as a mapping key, like [`value_style`]:
/// serde-saphyr writes a key plain only when it would be plain as a value
/// in flow context and has no `:` at all, so a printable ASCII key with
/// one of `: , [ ] { }` is double-quoted, and any other key is written as
/// it would be as a value.
pub fn key_style(s: &str) -> Option<bool> {
    let mut flow_indicator = false;
    for &c in s.as_bytes() {
        match CLASS[usize::from(c)] {
            PRINTABLE | HASH => {}
            COLON | FLOW => flow_indicator = true,
            _ => return None,
        }
    }
    if flow_indicator {
        return Some(false);
    }
    value_style(s)
}

/// `YYYY-M-D` (one or two digits for month and day), which YAML 1.1
/// resolves to a timestamp.
fn is_date(s: &str) -> bool {
    let mut parts = s.split('-');
    let digits = |p: Option<&str>, lens: std::ops::RangeInclusive<usize>| {
        p.is_some_and(|p| lens.contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()))
    };
    digits(parts.next(), 4..=4)
        && digits(parts.next(), 1..=2)
        && digits(parts.next(), 1..=2)
        && parts.next().is_none()
}

/// Words YAML 1.1 or 1.2 resolves to booleans, null, infinity or NaN
/// (case-blind), and `~`, `=`, `<<`.
fn is_reserved_word(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
    ];
    // The longest word has five letters.
    s.len() <= 5
        && (matches!(s, "~" | "=" | "<<") || WORDS.iter().any(|w| s.eq_ignore_ascii_case(w)))
}

/// Characters that appear in YAML 1.1/1.2 numbers (decimal, `0x`/`0o`/`0b`
/// radix, exponents, underscores, base 60, `.inf`, `.nan`) and timestamps.
fn could_be_number_or_date(c: u8) -> bool {
    c.is_ascii_hexdigit()
        || matches!(
            c,
            b'_' | b'.'
                | b'+'
                | b'-'
                | b':'
                | b' '
                | b','
                | b'x'
                | b'X'
                | b'o'
                | b'O'
                | b'i'
                | b'I'
                | b'n'
                | b'N'
                | b't'
                | b'T'
                | b'z'
                | b'Z'
        )
}

fn push_scalar(out: &mut String, s: &str, style: Option<bool>) -> Result {
    match style {
        Some(true) => out.push_str(s),
        Some(false) => {
            // Printable ASCII: only `"` and `\` are escaped.
            out.reserve(s.len() + 2);
            out.push('"');
            for c in s.chars() {
                if matches!(c, '"' | '\\') {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        }
        None => return Err(Unsupported),
    }
    Ok(())
}

fn push_int(out: &mut String, v: impl fmt::Display) {
    use fmt::Write as _;
    let _ = write!(out, "{v}");
}

/// Where the next value goes.
#[derive(Clone, Copy)]
enum Pos {
    /// The document itself: only a mapping.
    Top,
    /// After `key:` of a mapping entry whose key is at this column.
    Value(usize),
    /// After the `-` of a sequence item at this column.
    Item(usize),
}

struct Ser<'a> {
    out: &'a mut String,
    pos: Pos,
}

impl<'a> Ser<'a> {
    /// A scalar after `key:` or `-`.
    fn scalar(self, write: impl FnOnce(&mut String) -> Result) -> Result {
        if matches!(self.pos, Pos::Top) {
            return Err(Unsupported);
        }
        self.out.push(' ');
        write(self.out)?;
        self.out.push('\n');
        Ok(())
    }

    fn map(self) -> Map<'a> {
        let (indent, inline_first) = match self.pos {
            Pos::Top => (0, false),
            Pos::Value(col) => (col + 2, false),
            Pos::Item(col) => (col + 2, true),
        };
        Map {
            out: self.out,
            pos: self.pos,
            indent,
            inline_first,
            count: 0,
        }
    }
}

/// A block mapping being written.
struct Map<'a> {
    out: &'a mut String,
    pos: Pos,
    /// The column of its keys.
    indent: usize,
    /// Whether the first key continues the line of a sequence item's `-`.
    inline_first: bool,
    count: usize,
}

impl Map<'_> {
    fn key(&mut self, key: &str) -> Result {
        let style = key_style(key);
        if style.is_none() {
            return Err(Unsupported);
        }
        if self.count == 0 && self.inline_first {
            self.out.push(' ');
        } else {
            if self.count == 0 && matches!(self.pos, Pos::Value(_)) {
                self.out.push('\n');
            }
            pad(self.out, self.indent);
        }
        self.count += 1;
        push_scalar(self.out, key, style)?;
        self.out.push(':');
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(Ser {
            out: self.out,
            pos: Pos::Value(self.indent),
        })
    }

    fn end(self) -> Result {
        if self.count == 0 {
            match self.pos {
                Pos::Top => {}
                Pos::Value(_) => self.out.push_str(" {}\n"),
                Pos::Item(_) => return Err(Unsupported),
            }
        }
        Ok(())
    }
}

/// A block sequence being written (only as a mapping value).
struct Seq<'a> {
    out: &'a mut String,
    /// The column of its dashes: the owning key's.
    indent: usize,
    count: usize,
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        if self.count == 0 {
            self.out.push('\n');
        }
        self.count += 1;
        pad(self.out, self.indent);
        self.out.push('-');
        value.serialize(Ser {
            out: self.out,
            pos: Pos::Item(self.indent),
        })
    }

    fn end(self) -> Result {
        if self.count == 0 {
            self.out.push_str(" []\n");
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for Ser<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Map<'a>;
    type SerializeStruct = Map<'a>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result {
        self.scalar(|o| {
            o.push_str(if v { "true" } else { "false" });
            Ok(())
        })
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.scalar(|o| {
            push_int(o, v);
            Ok(())
        })
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.scalar(|o| {
            push_int(o, v);
            Ok(())
        })
    }
    fn serialize_f32(self, _v: f32) -> Result {
        Err(Unsupported)
    }
    fn serialize_f64(self, _v: f64) -> Result {
        Err(Unsupported)
    }
    fn serialize_char(self, _v: char) -> Result {
        Err(Unsupported)
    }
    fn serialize_str(self, v: &str) -> Result {
        self.scalar(|o| push_scalar(o, v, value_style(v)))
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.scalar(|o| {
            o.push_str("null");
            Ok(())
        })
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result {
        // serde-saphyr gives its own wrappers' names (`__yaml_…`) a meaning;
        // any other newtype is its inner value.
        if name.starts_with("__") {
            return Err(Unsupported);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(Unsupported)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'a>> {
        match self.pos {
            Pos::Value(col) => Ok(Seq {
                out: self.out,
                indent: col,
                count: 0,
            }),
            Pos::Top | Pos::Item(_) => Err(Unsupported),
        }
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Unsupported)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a>> {
        Ok(self.map())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Map<'a>> {
        Ok(self.map())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Unsupported)
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        Seq::end(self)
    }
}

impl ser::SerializeMap for Map<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        key.serialize(KeySer(self))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.value(value)
    }
    fn end(self) -> Result {
        Map::end(self)
    }
}

impl ser::SerializeStruct for Map<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.key(key)?;
        self.value(value)
    }
    fn end(self) -> Result {
        Map::end(self)
    }
}

/// A mapping key: only strings (and unit variants, which are strings).
struct KeySer<'m, 'a>(&'m mut Map<'a>);

impl ser::Serializer for KeySer<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result {
        self.0.key(v)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.0.key(variant)
    }
    fn serialize_bool(self, _v: bool) -> Result {
        Err(Unsupported)
    }
    fn serialize_i8(self, _v: i8) -> Result {
        Err(Unsupported)
    }
    fn serialize_i16(self, _v: i16) -> Result {
        Err(Unsupported)
    }
    fn serialize_i32(self, _v: i32) -> Result {
        Err(Unsupported)
    }
    fn serialize_i64(self, _v: i64) -> Result {
        Err(Unsupported)
    }
    fn serialize_u8(self, _v: u8) -> Result {
        Err(Unsupported)
    }
    fn serialize_u16(self, _v: u16) -> Result {
        Err(Unsupported)
    }
    fn serialize_u32(self, _v: u32) -> Result {
        Err(Unsupported)
    }
    fn serialize_u64(self, _v: u64) -> Result {
        Err(Unsupported)
    }
    fn serialize_f32(self, _v: f32) -> Result {
        Err(Unsupported)
    }
    fn serialize_f64(self, _v: f64) -> Result {
        Err(Unsupported)
    }
    fn serialize_char(self, _v: char) -> Result {
        Err(Unsupported)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result {
        Err(Unsupported)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        Err(Unsupported)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _value: &T,
    ) -> Result {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(Unsupported)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Unsupported)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(Unsupported)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Unsupported)
    }
}
