//! Text formats, through one pivot: every structured value becomes a
//! `serde_json::Value` first, and only that is written as YAML or JSON.
//!
//! Each plan type then has a single `Serialize` instantiation (against the
//! `Value` serializer) instead of one per output format (plans are written
//! as YAML files, JSON share links and JSON autosaves), which keeps the
//! WebAssembly build small. `serde_json` is built
//! with `preserve_order`, so a `Value` keeps struct field order and the
//! output is exactly what serialising the types directly would give.

use serde::Serialize;
use serde_json::Value;

pub mod block_yaml;

/// The value of a serialisable type.
pub fn value<T: Serialize + ?Sized>(v: &T) -> Result<Value, String> {
    serde_json::to_value(v).map_err(|e| e.to_string())
}

/// How every YAML file is written: kubectl style (two-space indentation,
/// sequences not indented), and a long single-line string stays one plain
/// or quoted scalar on one line (an ACM certificate ARN, an annotation),
/// never folded with `>-` as serde-saphyr does past 80 characters by
/// default. Strings with newlines still use literal blocks (`|`).
pub fn yaml_options() -> serde_saphyr::SerializerOptions {
    let mut options = serde_saphyr::SerializerOptions::default();
    options.folded_wrap_chars = usize::MAX;
    options
}

/// YAML (see [`yaml_options`]).
///
/// [`block_yaml`] writes the value directly when it can (the same bytes,
/// several times faster), natively and in the browser, where YAML was a
/// quarter of a regeneration's time.
pub fn yaml<T: Serialize + ?Sized>(v: &T) -> Result<String, String> {
    if let Some(text) = block_yaml::to_string(v) {
        return Ok(text);
    }
    serde_saphyr::to_string_with_options(&value(v)?, yaml_options()).map_err(|e| e.to_string())
}

/// Append the YAML of a value written directly with serde-saphyr (no
/// `Value` pivot) to `out`: for types that nothing else serialises in the
/// browser, such as the Kubernetes objects. [`block_yaml`] writes it when
/// it can. On an error `out` is unchanged.
pub fn yaml_direct_into<T: Serialize>(out: &mut String, v: &T) -> Result<(), String> {
    if block_yaml::append(out, v) {
        return Ok(());
    }
    let text =
        serde_saphyr::to_string_with_options(v, yaml_options()).map_err(|e| e.to_string())?;
    out.push_str(&text);
    Ok(())
}

/// Compact JSON.
pub fn json<T: Serialize + ?Sized>(v: &T) -> Result<String, String> {
    serde_json::to_string(&value(v)?).map_err(|e| e.to_string())
}

/// Pretty JSON with a trailing newline.
pub fn json_pretty<T: Serialize + ?Sized>(v: &T) -> Result<String, String> {
    serde_json::to_string_pretty(&value(v)?)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| e.to_string())
}

/// Append `n` spaces to `out` (indentation for the text writers), without
/// allocating.
pub(crate) fn pad(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut n = n;
    while n > SPACES.len() {
        out.push_str(SPACES);
        n -= SPACES.len();
    }
    out.push_str(&SPACES[..n]);
}

/// Quote a value for a POSIX shell (single quotes).
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}
