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

/// A TypeScript string literal in double quotes.
pub fn ts_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            c => escape_char(&mut out, c, false),
        }
    }
    out.push('"');
    out
}

/// Literal text inside a TypeScript template literal (between `` ` ``s):
/// backquotes and `${` are escaped too.
pub fn ts_template_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => out.push_str("\\`"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c => escape_char(&mut out, c, false),
        }
    }
    out
}

/// A Go interpreted string literal.
pub fn go_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            c => escape_char(&mut out, c, true),
        }
    }
    out.push('"');
    out
}

/// Literal text inside a Go format string (`pulumi.Sprintf`): `%` doubles.
pub fn go_format_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '%' => out.push_str("%%"),
            c => escape_char(&mut out, c, true),
        }
    }
    out
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
    }

    #[test]
    fn go() {
        assert_eq!(go_string(r#"a"b\c%"#), r#""a\"b\\c%""#);
        assert_eq!(go_format_text("100%"), "100%%");
        assert_eq!(go_string("\u{7f}\u{e0001}"), r#""\u007f\U000e0001""#);
    }
}
