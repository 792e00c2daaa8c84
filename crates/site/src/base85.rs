//! Base85 with an alphabet that is safe inside a double-quoted JavaScript
//! string in an HTML `<script>`: no `"`, `\`, `<`, `>`, `/`, `&`, `'`,
//! `` ` `` or `$`, so the text can never close the script, start an HTML
//! comment or need escaping. Four bytes become five characters (base64
//! makes three into four), which keeps the offline planner 6% smaller.
//!
//! Hand-written because the published Base85 crates fix their alphabets
//! (Z85, RFC 1924, Ascii85), and each of those contains `<`. The browser
//! side is [`DECODER_JS`].

/// The 85 characters, in digit order.
pub const ALPHABET: &[u8; 85] =
    b"!#%()*+,-.0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~";

/// Encode: every four bytes (the last group padded with zeros) as five
/// digits, most significant first. The decoder needs the byte length.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(4) * 5);
    for chunk in bytes.chunks(4) {
        let mut group = [0u8; 4];
        group[..chunk.len()].copy_from_slice(chunk);
        let mut v = u32::from_be_bytes(group);
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = ALPHABET[(v % 85) as usize];
            v /= 85;
        }
        out.extend(digits.iter().map(|&c| char::from(c)));
    }
    out
}

/// Decode what [`encode`] made (`None` for a character outside the
/// alphabet or a truncated group). Used by the tests.
pub fn decode(text: &str, len: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 5 * 4);
    for group in text.as_bytes().chunks(5) {
        if group.len() != 5 {
            return None;
        }
        let mut v: u64 = 0;
        for c in group {
            v = v * 85 + ALPHABET.iter().position(|a| a == c)? as u64;
        }
        out.extend_from_slice(&u32::try_from(v).ok()?.to_be_bytes());
    }
    out.truncate(len);
    Some(out)
}

/// `unpack85(text, length)` for the page: the same decoding in JavaScript.
pub fn decoder_js() -> String {
    let alphabet = std::str::from_utf8(ALPHABET).unwrap_or_default();
    format!(
        r#"function unpack85(s, n) {{
  const a = "{alphabet}", m = new Uint8Array(128);
  for (let i = 0; i < 85; i++) m[a.charCodeAt(i)] = i;
  const out = new Uint8Array(s.length / 5 * 4);
  for (let i = 0, j = 0; i < s.length; i += 5, j += 4) {{
    let v = 0;
    for (let k = 0; k < 5; k++) v = v * 85 + m[s.charCodeAt(i + k)];
    out[j] = v >>> 24; out[j + 1] = (v >>> 16) & 255; out[j + 2] = (v >>> 8) & 255; out[j + 3] = v & 255;
  }}
  return out.subarray(0, n);
}}"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_is_safe_in_a_script_string() {
        let mut seen = std::collections::BTreeSet::new();
        for &c in ALPHABET {
            assert!(c.is_ascii_graphic(), "{c}");
            assert!(!br#""\<>/&'`$"#.contains(&c), "{}", char::from(c));
            assert!(seen.insert(c), "duplicate {}", char::from(c));
        }
    }

    #[test]
    fn round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).chain([0, 0, 255, 255, 255, 255]).collect();
        for n in 0..data.len() {
            let text = encode(&data[..n]);
            assert_eq!(text.len(), n.div_ceil(4) * 5);
            assert_eq!(decode(&text, n).as_deref(), Some(&data[..n]), "length {n}");
        }
        assert_eq!(encode(&[0xff; 4]), "|?_2!");
        assert_eq!(encode(&[0; 4]), "!!!!!");
    }
}
