//! Writing strings as YAML scalars: plain when unambiguous, else
//! double-quoted.
//!
//! The plain test is deliberately narrow. A plain scalar must read back as
//! the same string under YAML 1.2's core schema *and* YAML 1.1's (PyYAML,
//! inside cfn-lint, still resolves `yes`, `on`, `1_000`, `1:20` and
//! `2001-12-14` to non-strings), and in both block and flow context. So a
//! plain string starts with a letter, `/` or `_`, contains only letters,
//! digits, spaces and `_ . / - + = @ ( ) *` (and `:` not followed by a space
//! and not at the end), does not end in a space, and is not one of the
//! words that resolve to booleans or null. Everything else is
//! double-quoted: `\` and `"` are escaped, and every character outside
//! YAML's printable set (and the YAML 1.1 line breaks U+0085, U+2028,
//! U+2029, and the byte-order mark) becomes an escape sequence, so a value
//! never spans lines and never changes when read back.

/// Words YAML 1.1 or 1.2 read as booleans or null (compared case-blind).
const RESERVED: &[&str] = &[
    "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
];

/// The class of each byte in a plain scalar: [`OK`], [`COLON`] (allowed
/// when not followed by a space) or 0 (never plain). One table lookup per
/// byte: this runs for every scalar of every CloudFormation and eksctl
/// document.
const PLAIN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b' ' | b'_' | b'.' | b'/' | b'-' | b'+' | b'=' | b'@' | b'(' | b')' | b'*'
            )
        {
            t[c] = OK;
        } else if b == b':' {
            t[c] = COLON;
        }
        c += 1;
    }
    t
};
const OK: u8 = 1;
const COLON: u8 = 2;

/// Whether `s` can be written as a plain scalar.
pub fn is_plain(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'_') {
        return false;
    }
    if b.last() == Some(&b' ') || b.last() == Some(&b':') {
        return false;
    }
    for (i, &c) in b.iter().enumerate() {
        match PLAIN[usize::from(c)] {
            OK => {}
            // Not the last byte (checked above), so `i + 1` is in `b`.
            COLON if b.get(i + 1) != Some(&b' ') => {}
            _ => return false,
        }
    }
    // The longest reserved word has five letters.
    s.len() > 5 || !RESERVED.iter().any(|w| s.eq_ignore_ascii_case(w))
}

/// Append `s` to `out` as a YAML scalar: plain if [`is_plain`], else
/// double-quoted.
pub fn quote_into(out: &mut String, s: &str) {
    if is_plain(s) {
        out.push_str(s);
        return;
    }
    out.reserve(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            ' '..='~' => out.push(c),
            c if printable(c) => out.push(c),
            c => {
                let n = u32::from(c);
                if n <= 0xff {
                    push_hex(out, 'x', n, 2);
                } else if n <= 0xffff {
                    push_hex(out, 'u', n, 4);
                } else {
                    push_hex(out, 'U', n, 8);
                }
            }
        }
    }
    out.push('"');
}

/// Characters beyond ASCII that may appear literally inside a
/// double-quoted scalar (YAML's printable set, minus the characters YAML 1.1
/// treats as line breaks and the byte-order mark).
fn printable(c: char) -> bool {
    matches!(u32::from(c),
        0xa0..=0x2027 | 0x202a..=0xd7ff | 0xe000..=0xfefe | 0xff00..=0xfffd | 0x1_0000..=0x10_ffff)
}

fn push_hex(out: &mut String, kind: char, n: u32, digits: u32) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('\\');
    out.push(kind);
    for i in (0..digits).rev() {
        out.push(char::from(HEX[((n >> (4 * i)) & 0xf) as usize]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> String {
        let mut out = String::new();
        quote_into(&mut out, s);
        out
    }

    #[test]
    fn plain_when_unambiguous() {
        for s in [
            "AWS::EKS::Cluster",
            "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
            "EKS cluster role with the five Auto Mode managed policies",
            "/aws/eks/production/cluster",
            "ec2.amazonaws.com",
            "_x",
        ] {
            assert_eq!(q(s), s, "{s}");
        }
    }

    #[test]
    fn quoted_when_ambiguous() {
        assert_eq!(q(""), "\"\"");
        assert_eq!(q("1.35"), "\"1.35\"");
        assert_eq!(q("10.0.0.0/16"), "\"10.0.0.0/16\"");
        assert_eq!(q("yes"), "\"yes\"");
        assert_eq!(q("Off"), "\"Off\"");
        assert_eq!(q("a: b"), "\"a: b\"");
        assert_eq!(q("a:"), "\"a:\"");
        assert_eq!(q("a #b"), "\"a #b\"");
        assert_eq!(q("-x"), "\"-x\"");
        assert_eq!(q("*"), "\"*\"");
        assert_eq!(q("${VpcId}"), "\"${VpcId}\"");
        assert_eq!(q("a,b"), "\"a,b\"");
        assert_eq!(q("trailing "), "\"trailing \"");
    }

    #[test]
    fn escapes() {
        assert_eq!(q("quote\"and\\backslash"), r#""quote\"and\\backslash""#);
        assert_eq!(q("line\nbreak\ttab"), r#""line\nbreak\ttab""#);
        assert_eq!(q("bell\u{7}"), r#""bell\x07""#);
        assert_eq!(q("del\u{7f}"), r#""del\x7F""#);
        assert_eq!(q("nel\u{85}"), r#""nel\x85""#);
        assert_eq!(q("ls\u{2028}ps\u{2029}"), r#""ls\u2028ps\u2029""#);
        assert_eq!(q("bom\u{feff}"), r#""bom\uFEFF""#);
        assert_eq!(q("grüße 🚀"), "\"grüße 🚀\"");
    }
}
