//! Bytes as a JavaScript string literal in a `windows-1252` page: one
//! character per byte, so packed data costs about 1.03 bytes per byte
//! (base64 costs 1.33, base85 1.25, base122 in UTF-8 about 1.14).
//!
//! The offline planner declares `<meta charset="windows-1252">`; in that
//! encoding every byte is one character. Bytes `0x00`–`0x7F` and
//! `0xA0`–`0xFF` decode to the code point of the same value, and so do the
//! five bytes the encoding leaves undefined (`0x81`, `0x8D`, `0x8F`, `0x90`,
//! `0x9D`); the other 27 bytes of `0x80`–`0x9F` decode to typographic
//! characters (`0x80` is `€`, U+20AC), which [`decoder_js`] maps back.
//!
//! A few bytes cannot appear raw, and are written as escapes:
//! `"` and `\` (they would end or change the literal), LF and CR (line
//! terminators; HTML also turns CR into LF before the script sees it),
//! NUL (the HTML parser replaces it with U+FFFD) and `<` (it could start
//! `</script>` or `<!--`). All other control bytes are legal in a
//! JavaScript string and reach the script unchanged.
//!
//! The rest of the page must be ASCII, which is the same in `windows-1252`
//! and UTF-8: [`ascii_css`] makes a stylesheet so.
//!
//! Hand-written because the encoding is twenty lines and specific to where
//! the text is placed (no published crate writes "a JavaScript string in an
//! HTML script in windows-1252"). [`HIGH`] mirrors the WHATWG standard's
//! table; a test checks it against `encoding_rs`, the browsers' own
//! implementation of that standard (Firefox's).

/// What `windows-1252` makes of bytes `0x80`–`0x9F` (WHATWG Encoding
/// Standard, index-windows-1252); the undefined five map to themselves.
pub const HIGH: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

/// The bytes of a double-quoted JavaScript string literal (without the
/// quotes) whose `windows-1252` decoding, after [`decoder_js`]'s mapping,
/// is `bytes` again.
pub fn encode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 32);
    for &b in bytes {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0 => out.extend_from_slice(b"\\x00"),
            b'<' => out.extend_from_slice(b"\\x3c"),
            _ => out.push(b),
        }
    }
    out
}

/// What the browser does with [`encode`]'s output: decode the page as
/// `windows-1252`, read the literal's escapes, then map each character back
/// to its byte the way [`decoder_js`] does. `None` for text the encoder
/// never writes. Used by the tests.
pub fn decode(literal: &[u8]) -> Option<Vec<u8>> {
    // windows-1252 → code points (what the HTML parser hands the script).
    let chars: Vec<u32> = literal
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => u32::from(HIGH[usize::from(b - 0x80)]),
            _ => u32::from(b),
        })
        .collect();
    // The literal's escapes → the string's code units.
    let mut units = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == u32::from(b'\\') {
            let next = char::from_u32(*chars.get(i + 1)?)?;
            let (unit, used) = match next {
                '"' | '\\' => (u32::from(next), 2),
                'n' => (10, 2),
                'r' => (13, 2),
                'x' => {
                    let hex: String = chars
                        .get(i + 2..i + 4)?
                        .iter()
                        .filter_map(|&h| char::from_u32(h))
                        .collect();
                    (u32::from_str_radix(&hex, 16).ok()?, 4)
                }
                _ => return None,
            };
            units.push(unit);
            i += used;
        } else if c == u32::from(b'"') || c == 10 || c == 13 || c == 0 || c == u32::from(b'<') {
            return None;
        } else {
            units.push(c);
            i += 1;
        }
    }
    // The decoder's mapping back to bytes.
    units
        .into_iter()
        .map(|u| match u8::try_from(u) {
            Ok(b) => Some(b),
            Err(_) => HIGH
                .iter()
                .position(|&h| u32::from(h) == u)
                .and_then(|p| u8::try_from(p + 0x80).ok()),
        })
        .collect()
}

/// `unpack1252(text)` for the page: the string back into bytes.
pub fn decoder_js() -> String {
    let high: Vec<String> = HIGH.iter().map(|h| format!("{h:#x}")).collect();
    format!(
        r#"function unpack1252(s) {{
  const high = [{}], back = new Map(high.map((c, i) => [c, 0x80 + i]));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {{
    const c = s.charCodeAt(i);
    out[i] = c < 256 ? c : back.get(c);
  }}
  return out;
}}"#,
        high.join(",")
    )
}

/// The stylesheet with every non-ASCII character written as a CSS escape
/// (`\HHHHHH `), so it reads the same in a `windows-1252` page.
pub fn ascii_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    for c in css.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:06x} ", u32::from(c)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_byte_and_mixes() {
        let all: Vec<u8> = (0..=255u8).collect();
        assert_eq!(decode(&encode(&all)).as_deref(), Some(&all[..]));
        let tricky = b"\\\"\n\r\0<</script><!--\x80\x9f\xff\\x00";
        assert_eq!(decode(&encode(tricky)).as_deref(), Some(&tricky[..]));
        // Pseudo-random bytes, as gzip output looks.
        let mut x: u32 = 0x1234_5678;
        let noise: Vec<u8> = (0..10_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x.to_le_bytes()[0]
            })
            .collect();
        let packed = encode(&noise);
        assert_eq!(decode(&packed).as_deref(), Some(&noise[..]));
        // About 3% overhead on uniform bytes: 6 of 256 values escaped.
        assert!(packed.len() < noise.len() * 105 / 100, "{}", packed.len());
    }

    #[test]
    fn the_literal_cannot_end_the_string_or_the_script() {
        let all: Vec<u8> = (0..=255u8).chain(*b"</script>\"\\").collect();
        let packed = encode(&all);
        assert!(!packed.contains(&b'<') && !packed.contains(&0));
        assert!(!packed.contains(&b'\n') && !packed.contains(&b'\r'));
        // Every quote is escaped: an odd run of backslashes precedes it.
        for (i, _) in packed.iter().enumerate().filter(|(_, b)| **b == b'"') {
            let run = packed[..i]
                .iter()
                .rev()
                .take_while(|b| **b == b'\\')
                .count();
            assert_eq!(run % 2, 1, "unescaped quote at {i}");
        }
    }

    #[test]
    fn the_table_is_the_whatwg_one() {
        // What a browser makes of every byte in a windows-1252 page.
        let all: Vec<u8> = (0..=255u8).collect();
        let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&all);
        assert!(!bad);
        let got: Vec<u32> = text.chars().map(u32::from).collect();
        let want: Vec<u32> = all
            .iter()
            .map(|&b| match b {
                0x80..=0x9F => u32::from(HIGH[usize::from(b - 0x80)]),
                _ => u32::from(b),
            })
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn css_becomes_ascii() {
        assert_eq!(
            ascii_css("a::after { content: \"…\" }"),
            "a::after { content: \"\\002026 \" }"
        );
    }
}
