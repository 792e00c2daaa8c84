//! Escaping user text for HCL quoted templates.

/// Escape literal text for use inside an HCL quoted template (`"…"`).
///
/// Besides `\` and `"`, HCL treats `${` and `%{` as the start of an
/// interpolation or directive; they are written `$${` and `%%{`. Newlines,
/// tabs and other control characters become escape sequences, so a value
/// never spans lines.
pub fn escape_template(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether `s` can be written as a bare key in an object constructor.
/// (HCL identifiers may also contain `-`, but such keys are quoted here so
/// they can never be read as a subtraction.)
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(s, "true" | "false" | "null" | "for" | "in" | "if")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_interpolation_and_quotes() {
        assert_eq!(
            escape_template("${aws:PrincipalTag/x}"),
            "$${aws:PrincipalTag/x}"
        );
        assert_eq!(escape_template("%{if}"), "%%{if}");
        assert_eq!(escape_template("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
        assert_eq!(escape_template("$$ 100% {x}"), "$$ 100% {x}");
        assert_eq!(escape_template("bell\u{7}"), "bell\\u0007");
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("Name"));
        assert!(!is_identifier("cost-center"));
        assert!(!is_identifier("kubernetes.io/role/elb"));
        assert!(!is_identifier("1st"));
        assert!(!is_identifier("true"));
    }
}
