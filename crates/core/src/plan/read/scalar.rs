//! YAML 1.2 core-schema resolution of plain scalars.
//!
//! See <https://yaml.org/spec/1.2.2/#1032-tag-resolution>. JSON's literals
//! (`null`, `true`, numbers) are a subset, so JSON plans resolve the same way.

/// `null`, `Null`, `NULL`, `~`, or empty.
pub fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

/// `true`/`false` in the three spellings the core schema allows.
pub fn bool_of(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// YAML 1.1 booleans that YAML 1.2 reads as strings. People still write
/// them, so a boolean field names them in its error.
pub fn is_yaml11_bool(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
        "yes" | "no" | "on" | "off" | "y" | "n"
    )
}

/// A core-schema integer: decimal with an optional sign, `0o` octal or `0x`
/// hexadecimal.
pub fn int_of(s: &str) -> Option<i128> {
    if let Some(oct) = s.strip_prefix("0o") {
        return digits(oct, 8)
            .then(|| i128::from_str_radix(oct, 8).ok())
            .flatten();
    }
    if let Some(hex) = s.strip_prefix("0x") {
        return digits(hex, 16)
            .then(|| i128::from_str_radix(hex, 16).ok())
            .flatten();
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits(unsigned, 10) {
        return None;
    }
    s.parse().ok()
}

fn digits(s: &str, radix: u32) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_digit(radix))
}

/// A core-schema float (which includes the integers), `.inf` or `.nan`.
pub fn float_of(s: &str) -> Option<f64> {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let negative = s.starts_with('-');
    match unsigned {
        ".inf" | ".Inf" | ".INF" => {
            return Some(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == s.len() => return Some(f64::NAN),
        _ => {}
    }
    if let Some(i) = int_of(s) {
        // Precision loss above 2^53 is what a float field means.
        #[allow(clippy::cast_precision_loss)]
        return Some(i as f64);
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => digits(frac, 10),
        Some((int, frac)) => digits(int, 10) && (frac.is_empty() || digits(frac, 10)),
        None => digits(mantissa, 10),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
    if !(mantissa_ok && exponent_ok) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema() {
        assert!(is_null("~") && is_null("") && is_null("NULL") && !is_null("nil"));
        assert_eq!(bool_of("True"), Some(true));
        assert_eq!(bool_of("yes"), None);
        assert!(is_yaml11_bool("Yes") && !is_yaml11_bool("true"));
        assert_eq!(int_of("-12"), Some(-12));
        assert_eq!(int_of("+7"), Some(7));
        assert_eq!(int_of("0x1F"), Some(31));
        assert_eq!(int_of("0o17"), Some(15));
        assert_eq!(int_of("1_000"), None);
        assert_eq!(int_of("1.0"), None);
        assert_eq!(int_of("-"), None);
        assert_eq!(float_of("1.30"), Some(1.3));
        assert_eq!(float_of(".5"), Some(0.5));
        assert_eq!(float_of("2."), Some(2.0));
        assert_eq!(float_of("1e3"), Some(1000.0));
        assert_eq!(float_of("-.inf"), Some(f64::NEG_INFINITY));
        assert!(float_of(".nan").is_some_and(f64::is_nan));
        assert_eq!(float_of("-.nan"), None);
        assert_eq!(float_of("1.2.3"), None);
        assert_eq!(float_of("e3"), None);
        assert_eq!(float_of("inf"), None);
    }
}
