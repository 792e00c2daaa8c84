//! String literals for TypeScript and Go.
//!
//! Whatever a user typed comes back byte for byte when the compiler reads
//! the literal. Control characters, and the invisible characters that can
//! make source read differently from how it compiles (bidirectional
//! overrides, zero-width characters, the byte-order mark), are written as
//! escapes; everything else stays as typed.

use std::fmt::Write as _;

/// Whether a character is written as an escape rather than as itself.
pub(crate) fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00ad}'
            | '\u{061c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}')
}

/// `\uXXXX` (with a surrogate pair above the BMP): the escape both
/// languages read.
fn unicode_escape(out: &mut String, c: char, go: bool) {
    let code = u32::from(c);
    if code <= 0xffff {
        let _ = write!(out, "\\u{code:04x}");
    } else if go {
        let _ = write!(out, "\\U{code:08x}");
    } else {
        let mut buf = [0u16; 2];
        for unit in c.encode_utf16(&mut buf) {
            let _ = write!(out, "\\u{unit:04x}");
        }
    }
}

fn escape_char(out: &mut String, c: char, go: bool) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if invisible(c) => unicode_escape(out, c, go),
        c => out.push(c),
    }
}

/// Append `s` escaped: runs of characters that stand for themselves are
/// copied at once; `special` names the characters the context escapes
/// itself (quotes, `%`…), which `extra` writes.
fn escape_into(
    out: &mut String,
    s: &str,
    go: bool,
    special: impl Fn(char, Option<char>) -> bool,
    extra: impl Fn(&mut String, char),
) {
    // Most strings are plain printable ASCII without any character either
    // language treats specially: copied as they are, in one go.
    if s.bytes()
        .all(|b| matches!(b, b' '..=b'~') && !matches!(b, b'\\' | b'"' | b'`' | b'$' | b'%'))
    {
        out.push_str(s);
        return;
    }
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let plain = if c.is_ascii() {
            c >= ' ' && c != '\x7f' && c != '\\'
        } else {
            !invisible(c)
        };
        let next = chars.peek().map(|(_, n)| *n);
        if plain && !special(c, next) {
            continue;
        }
        out.push_str(&s[start..i]);
        if special(c, next) {
            extra(out, c);
        } else {
            escape_char(out, c, go);
        }
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
}

/// A TypeScript string literal in double quotes.
pub fn ts_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    ts_string_into(&mut out, s);
    out
}

/// [`ts_string`], appended to `out`.
pub fn ts_string_into(out: &mut String, s: &str) {
    out.push('"');
    escape_into(out, s, false, |c, _| c == '"', |o, _| o.push_str("\\\""));
    out.push('"');
}

/// Literal text inside a TypeScript template literal (between `` ` ``s):
/// backquotes and `${` are escaped too.
pub fn ts_template_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    ts_template_text_into(&mut out, s);
    out
}

/// [`ts_template_text`], appended to `out`.
pub fn ts_template_text_into(out: &mut String, s: &str) {
    escape_into(
        out,
        s,
        false,
        |c, next| c == '`' || (c == '$' && next == Some('{')),
        |o, c| {
            o.push('\\');
            o.push(c);
        },
    );
}

/// A Go interpreted string literal.
pub fn go_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    go_string_into(&mut out, s);
    out
}

/// [`go_string`], appended to `out`.
pub fn go_string_into(out: &mut String, s: &str) {
    out.push('"');
    escape_into(out, s, true, |c, _| c == '"', |o, _| o.push_str("\\\""));
    out.push('"');
}

/// Literal text inside a Go format string (`pulumi.Sprintf`): `%` doubles.
pub fn go_format_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    go_format_text_into(&mut out, s);
    out
}

/// [`go_format_text`], appended to `out`.
pub fn go_format_text_into(out: &mut String, s: &str) {
    escape_into(
        out,
        s,
        true,
        |c, _| c == '"' || c == '%',
        |o, c| o.push_str(if c == '%' { "%%" } else { "\\\"" }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typescript() {
        assert_eq!(ts_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(ts_string("x\ny\u{202e}"), r#""x\ny\u202e""#);
        assert_eq!(ts_string("é中"), "\"é中\"");
        assert_eq!(ts_string("\u{1f600}\u{feff}"), "\"\u{1f600}\\ufeff\"");
        assert_eq!(ts_string("\u{e0001}"), r#""\udb40\udc01""#);
        assert_eq!(ts_template_text("a`${b}$c"), r"a\`\${b}$c");
        assert_eq!(ts_template_text("x\\${"), r"x\\\${");
    }

    #[test]
    fn go() {
        assert_eq!(go_string(r#"a"b\c%"#), r#""a\"b\\c%""#);
        assert_eq!(go_format_text("100%"), "100%%");
        assert_eq!(go_string("\u{7f}\u{e0001}"), r#""\u007f\U000e0001""#);
    }
}
