//! Money and rates as the report writes them.

/// `$1,234.56`.
pub fn format_money(x: f64) -> String {
    let mut s = format!("{:.2}", x.abs());
    // Thousands separators.
    if let Some(dot) = s.find('.') {
        let mut i = dot;
        while i > 3 {
            i -= 3;
            s.insert(i, ',');
        }
    }
    format!("{}${s}", if x < 0.0 && s != "0.00" { "-" } else { "" })
}

/// An hourly rate with as many decimals as it needs: `$0.10`, `$0.0225`.
pub fn rate(x: f64) -> String {
    let s = format!("{x:.5}");
    let s = s.trim_end_matches('0');
    let s = if s.ends_with('.') {
        format!("{s}00")
    } else {
        s.to_owned()
    };
    let decimals = s.split('.').nth(1).map_or(0, str::len);
    if decimals < 2 {
        format!("${x:.2}")
    } else {
        format!("${s}")
    }
}

/// A difference in money with its sign: `+$12.00`, `-$3.50`.
pub fn format_signed_money(x: f64) -> String {
    format!(
        "{}{}",
        if x < 0.0 { "-" } else { "+" },
        format_money(x.abs())
    )
}

/// `1 pod`, `3 pods`.
pub fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_rates_read_naturally() {
        assert_eq!(format_money(1046.82), "$1,046.82");
        assert_eq!(format_money(1_234_567.0), "$1,234,567.00");
        assert_eq!(format_money(45.2), "$45.20");
        assert_eq!(format_money(-12.5), "-$12.50");
        assert_eq!(format_money(-0.001), "$0.00");
        assert_eq!(format_signed_money(12.0), "+$12.00");
        assert_eq!(format_signed_money(-3.5), "-$3.50");
        assert_eq!(format_signed_money(-1234.5), "-$1,234.50");
        assert_eq!(rate(0.1), "$0.10");
        assert_eq!(rate(0.0225), "$0.0225");
        assert_eq!(rate(0.04048), "$0.04048");
        assert_eq!(plural(1, "node"), "1 node");
        assert_eq!(plural(2, "node"), "2 nodes");
        let v = |x: &[&str]| x.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(join_and(&v(&["a"])), "a");
        assert_eq!(join_and(&v(&["a", "b", "c"])), "a, b and c");
    }
}
