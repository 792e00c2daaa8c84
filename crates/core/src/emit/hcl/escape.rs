//! Escaping user text for HCL quoted templates.

/// Escape literal text for use inside an HCL quoted template (`"…"`).
///
/// Besides `\` and `"`, HCL treats `${` and `%{` as the start of an
/// interpolation or directive; they are written `$${` and `%%{`. Newlines,
/// tabs and other control characters become escape sequences, so a value
/// never spans lines.
pub fn escape_template(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    escape_into(&mut out, s);
    out
}

/// What each byte is to an HCL quoted template: `0` ordinary text, `1`
/// always escaped (`\\`, `"`, control characters), `2` escaped only before
/// a `{` (`$`, `%`). One lookup per byte keeps the scan cheap in the
/// size-optimised WebAssembly build, where a per-byte `match` stays a call.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = 1;
        i += 1;
    }
    t[b'\\' as usize] = 1;
    t[b'"' as usize] = 1;
    t[0x7f] = 1;
    t[b'$' as usize] = 2;
    t[b'%' as usize] = 2;
    t
};

/// Whether byte `i` of `b` starts something that must be escaped.
#[inline]
fn special(b: &[u8], i: usize) -> bool {
    match CLASS[usize::from(b[i])] {
        0 => false,
        1 => true,
        _ => b.get(i + 1) == Some(&b'{'),
    }
}

/// [`escape_template`], appending to `out`. Runs of ordinary text are copied
/// whole; only the bytes that need escaping are looked at one by one.
pub fn escape_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut start = 0;
    for i in 0..b.len() {
        if CLASS[usize::from(b[i])] == 0 || !special(b, i) {
            continue;
        }
        // `i` is at an ASCII byte, so slicing here is on a char boundary.
        out.push_str(&s[start..i]);
        match b[i] {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b'$' => out.push('$'),
            b'%' => out.push('%'),
            c => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(c >> 4)]));
                out.push(char::from(HEX[usize::from(c & 0xf)]));
                start = i + 1;
                continue;
            }
        }
        // `$`/`%` are doubled: push one here, the original stays in the run.
        start = if matches!(b[i], b'$' | b'%') {
            i
        } else {
            i + 1
        };
    }
    out.push_str(&s[start..]);
}

/// The length in bytes of [`escape_template`]'s result, without building it.
pub fn escaped_len(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .map(|i| {
            if CLASS[usize::from(b[i])] == 0 || !special(b, i) {
                1
            } else if b[i] < 0x20 && !matches!(b[i], b'\n' | b'\r' | b'\t') || b[i] == 0x7f {
                6
            } else {
                2
            }
        })
        .sum()
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
        assert_eq!(escape_template("bell\u{7}\u{1f}"), "bell\\u0007\\u001F");
    }

    #[test]
    fn escaped_len_matches() {
        for s in [
            "",
            "plain",
            "${x}%{y}$$",
            "a\"b\\c\n\r\t",
            "\u{7}\u{7f}",
            "é中👨‍👩",
            "$",
            "%",
        ] {
            assert_eq!(escaped_len(s), escape_template(s).len(), "{s:?}");
        }
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
