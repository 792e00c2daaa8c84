//! Small, exact syntax checks shared by the rules: Kubernetes names and
//! labels, ARNs, CIDRs, Go-style durations, resource quantities, cron.

use ipnet::{IpNet, Ipv4Net};
use std::str::FromStr;

/// RFC 1123 label: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters.
pub fn dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// RFC 1123 subdomain: dot-separated labels, at most 253 characters.
pub fn dns1123_subdomain(s: &str) -> bool {
    !s.is_empty() && s.len() <= 253 && s.split('.').all(dns1123_label)
}

/// The name part of a qualified name: `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`, ≤ 63.
pub fn qualified_name_part(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// A Kubernetes label key / taint key: `[prefix/]name`.
pub fn qualified_name(s: &str) -> bool {
    match s.split_once('/') {
        Some((prefix, name)) => dns1123_subdomain(prefix) && qualified_name_part(name),
        None => qualified_name_part(s),
    }
}

/// A Kubernetes label value: empty, or a qualified name part.
pub fn label_value(s: &str) -> bool {
    s.is_empty() || qualified_name_part(s)
}

/// The domain (prefix) of a label key, if any.
pub fn label_domain(key: &str) -> Option<&str> {
    key.split_once('/').map(|(d, _)| d)
}

/// Whether `domain` is `base` or a subdomain of it.
pub fn in_domain(domain: &str, base: &str) -> bool {
    domain == base || domain.ends_with(&format!(".{base}"))
}

/// The parts of an ARN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    /// `aws`, `aws-cn`, `aws-us-gov`.
    pub partition: &'a str,
    /// Service, for example `iam`.
    pub service: &'a str,
    /// Region (empty for global services).
    pub region: &'a str,
    /// Account id (may be empty or `aws`).
    pub account: &'a str,
    /// Everything after the account.
    pub resource: &'a str,
}

/// Split an ARN into its parts; `None` if it is not `arn:…` with six parts.
pub fn parse_arn(s: &str) -> Option<Arn<'_>> {
    let mut it = s.splitn(6, ':');
    if it.next()? != "arn" {
        return None;
    }
    let arn = Arn {
        partition: it.next()?,
        service: it.next()?,
        region: it.next()?,
        account: it.next()?,
        resource: it.next()?,
    };
    let partition_ok = matches!(arn.partition, "aws" | "aws-cn" | "aws-us-gov");
    (partition_ok && !arn.service.is_empty() && !arn.resource.is_empty()).then_some(arn)
}

/// A 12-digit account id.
pub fn account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|c| c.is_ascii_digit())
}

/// IAM entity name characters: `[\w+=,.@-]`.
pub fn iam_name(s: &str, max: usize) -> bool {
    !s.is_empty()
        && s.len() <= max
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"_+=,.@-".contains(&c))
}

/// An IAM role ARN (`arn:aws:iam::123456789012:role/path/name`); returns the role name.
pub fn iam_role_arn(s: &str) -> Option<&str> {
    let arn = parse_arn(s)?;
    if arn.service != "iam" || !arn.region.is_empty() || !account_id(arn.account) {
        return None;
    }
    let rest = arn.resource.strip_prefix("role/")?;
    let name = rest.rsplit('/').next()?;
    iam_name(name, 64).then_some(name)
}

/// An IAM role or user ARN (access entry principals).
pub fn iam_principal_arn(s: &str) -> bool {
    let Some(arn) = parse_arn(s) else {
        return false;
    };
    if arn.service != "iam" || !arn.region.is_empty() || !account_id(arn.account) {
        return false;
    }
    let name = |rest: &str| rest.rsplit('/').next().is_some_and(|n| iam_name(n, 64));
    match arn.resource.split_once('/') {
        Some(("role", rest)) | Some(("user", rest)) => name(rest),
        _ => false,
    }
}

/// An IAM policy ARN (AWS-managed `arn:aws:iam::aws:policy/…` or customer).
pub fn iam_policy_arn(s: &str) -> bool {
    let Some(arn) = parse_arn(s) else {
        return false;
    };
    arn.service == "iam"
        && arn.region.is_empty()
        && (arn.account == "aws" || account_id(arn.account))
        && arn
            .resource
            .strip_prefix("policy/")
            .is_some_and(|p| p.rsplit('/').next().is_some_and(|n| iam_name(n, 128)))
}

/// A KMS key or alias ARN in a region.
pub fn kms_arn(s: &str, allow_alias: bool) -> Option<Arn<'_>> {
    let arn = parse_arn(s)?;
    let resource_ok = arn
        .resource
        .strip_prefix("key/")
        .is_some_and(|k| !k.is_empty())
        || (allow_alias
            && arn
                .resource
                .strip_prefix("alias/")
                .is_some_and(|k| !k.is_empty()));
    (arn.service == "kms" && !arn.region.is_empty() && account_id(arn.account) && resource_ok)
        .then_some(arn)
}

/// An ACM certificate ARN.
pub fn acm_certificate_arn(s: &str) -> Option<Arn<'_>> {
    let arn = parse_arn(s)?;
    (arn.service == "acm"
        && !arn.region.is_empty()
        && account_id(arn.account)
        && arn.resource.starts_with("certificate/"))
    .then_some(arn)
}

/// An IAM Identity Center instance ARN
/// (`arn:aws:sso:::instance/ssoins-` and 16 letters, digits, `-` or `.`).
pub fn sso_instance_arn(s: &str) -> bool {
    parse_arn(s).is_some_and(|arn| {
        arn.service == "sso"
            && arn.region.is_empty()
            && arn.account.is_empty()
            && arn
                .resource
                .strip_prefix("instance/ssoins-")
                .is_some_and(|id| {
                    id.len() == 16
                        && id
                            .bytes()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.'))
                })
    })
}

/// An Identity Store user or group id: a UUID, optionally after ten hex
/// digits and `-` (`([0-9a-f]{10}-|)` then
/// `[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}`,
/// the Identity Store API's pattern).
pub fn identity_store_id(s: &str) -> bool {
    fn uuid(s: &str) -> bool {
        let parts: Vec<&str> = s.split('-').collect();
        parts.len() == 5
            && parts
                .iter()
                .zip([8, 4, 4, 4, 12])
                .all(|(p, n)| p.len() == n && p.bytes().all(|c| c.is_ascii_hexdigit()))
    }
    match s.split_once('-') {
        Some((head, rest))
            if head.len() == 10
                && head
                    .bytes()
                    .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
                && uuid(rest) =>
        {
            true
        }
        _ => uuid(s),
    }
}

/// A VPC endpoint id (`vpce-` and 8 or 17 hex digits).
pub fn vpc_endpoint_id(s: &str) -> bool {
    s.strip_prefix("vpce-").is_some_and(|h| {
        (h.len() == 8 || h.len() == 17)
            && h.bytes()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
    })
}

/// An S3 bucket ARN (`arn:aws:s3:::name`, a valid bucket name).
pub fn s3_bucket_arn(s: &str) -> bool {
    parse_arn(s).is_some_and(|arn| {
        let name = arn.resource;
        arn.service == "s3"
            && arn.region.is_empty()
            && arn.account.is_empty()
            && (3..=63).contains(&name.len())
            && name
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'-' | b'.'))
            && name.as_bytes()[0].is_ascii_alphanumeric()
            && name.as_bytes()[name.len() - 1].is_ascii_alphanumeric()
            && !name.contains("..")
    })
}

/// Documentation and placeholder account ids.
pub fn placeholder_account(account: &str) -> bool {
    matches!(
        account,
        "111122223333" | "123456789012" | "000000000000" | "111111111111" | "444455556666"
    )
}

/// Parse an IPv4 CIDR whose host bits are zero.
pub fn ipv4_cidr(s: &str) -> Result<Ipv4Net, String> {
    let net = Ipv4Net::from_str(s.trim()).map_err(|_| format!("`{s}` is not an IPv4 CIDR"))?;
    if net.trunc() != net {
        return Err(format!(
            "`{s}` has host bits set; the network is `{}`",
            net.trunc()
        ));
    }
    Ok(net)
}

/// Parse an IPv4 or IPv6 CIDR whose host bits are zero.
pub fn ip_cidr(s: &str) -> Result<IpNet, String> {
    let net = IpNet::from_str(s.trim()).map_err(|_| format!("`{s}` is not a CIDR"))?;
    if net.trunc() != net {
        return Err(format!(
            "`{s}` has host bits set; the network is `{}`",
            net.trunc()
        ));
    }
    Ok(net)
}

/// Whether an IPv4 network lies in RFC 1918 space (or 100.64.0.0/10).
pub fn private_ipv4(net: &Ipv4Net) -> bool {
    [
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
    ]
    .iter()
    .filter_map(|c| Ipv4Net::from_str(c).ok())
    .any(|p| p.contains(net))
}

/// Whether an IPv4 network lies in a documentation range (RFC 5737).
pub fn documentation_ipv4(net: &Ipv4Net) -> bool {
    ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"]
        .iter()
        .filter_map(|c| Ipv4Net::from_str(c).ok())
        .any(|p| p.contains(net))
}

/// Parse a Karpenter duration `([0-9]+(s|m|h))+` into seconds.
pub fn duration_secs(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut num = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: u64 = num.parse().ok()?;
        num.clear();
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(unit)?)?;
    }
    num.is_empty().then_some(total)
}

/// Format seconds the way Go's `time.Duration` does for whole hours/minutes.
pub fn format_secs(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (h, 0, 0) => format!("{h}h"),
        (h, m, 0) => format!("{h}h{m}m"),
        (h, m, s) => format!("{h}h{m}m{s}s"),
    }
}

/// Parse a Kubernetes resource quantity (`250m`, `1.5Gi`, `2`, `1e3`) into
/// its numeric value in base units.
pub fn quantity(s: &str) -> Option<f64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(s.len());
    let (num, suffix) = s.split_at(split);
    if num.is_empty() || num == "." || num.starts_with(['+', '-']) && num.len() == 1 {
        return None;
    }
    if num.matches('.').count() > 1 || num[1..].contains(['+', '-']) {
        return None;
    }
    let value: f64 = num.parse().ok()?;
    let factor = match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        e if e.starts_with(['e', 'E']) => 10f64.powi(e[1..].parse().ok()?),
        _ => return None,
    };
    Some(value * factor)
}

/// Check a cron schedule as Karpenter accepts it: five fields or an `@` macro.
pub fn cron(s: &str) -> Result<(), String> {
    let s = s.trim();
    if let Some(m) = s.strip_prefix('@') {
        return match m {
            "annually" | "yearly" | "monthly" | "weekly" | "daily" | "midnight" | "hourly" => {
                Ok(())
            }
            _ => Err(format!("unknown cron macro `@{m}`")),
        };
    }
    let fields: Vec<&str> = s.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "a schedule has five fields (minute hour day-of-month month day-of-week), `{s}` has {}",
            fields.len()
        ));
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const DAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    let specs: [(&str, u32, u32, &[&str]); 5] = [
        ("minute", 0, 59, &[]),
        ("hour", 0, 23, &[]),
        ("day of month", 1, 31, &[]),
        ("month", 1, 12, &MONTHS),
        ("day of week", 0, 6, &DAYS),
    ];
    for (field, (name, lo, hi, names)) in fields.iter().zip(specs) {
        cron_field(field, lo, hi, names).map_err(|e| format!("{name} field `{field}`: {e}"))?;
    }
    Ok(())
}

fn cron_field(field: &str, lo: u32, hi: u32, names: &[&str]) -> Result<(), String> {
    let value = |v: &str| -> Result<u32, String> {
        if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(v)) {
            return Ok(lo + i as u32);
        }
        let n: u32 = v.parse().map_err(|_| format!("`{v}` is not a number"))?;
        // Day of week also accepts 7 for Sunday.
        let hi = if hi == 6 { 7 } else { hi };
        if n < lo || n > hi {
            return Err(format!("{n} is outside {lo}–{hi}"));
        }
        Ok(n)
    };
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, Some(s)),
            None => (part, None),
        };
        if let Some(step) = step {
            let n: u32 = step.parse().map_err(|_| format!("bad step `{step}`"))?;
            if n == 0 {
                return Err("step 0".to_owned());
            }
        }
        match range {
            "*" | "?" => {}
            r => match r.split_once('-') {
                Some((a, b)) => {
                    if value(a)? > value(b)? {
                        return Err(format!("range `{r}` runs backwards"));
                    }
                }
                None => {
                    value(r)?;
                }
            },
        }
    }
    Ok(())
}

/// AWS tag key rules: 1–128 characters, not starting with `aws:`.
pub fn aws_tag_key(key: &str) -> Result<(), String> {
    if key.is_empty() || key.chars().count() > 128 {
        return Err(format!("tag key `{key}` must be 1–128 characters"));
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return Err(format!("tag key `{key}` uses the reserved `aws:` prefix"));
    }
    Ok(())
}

/// AWS tag value rules: at most 256 characters.
pub fn aws_tag_value(value: &str) -> Result<(), String> {
    if value.chars().count() > 256 {
        return Err("tag values are at most 256 characters".to_owned());
    }
    Ok(())
}

/// Why `name` is not a general-purpose S3 bucket name, if it is not one
/// (S3 user guide, bucket naming rules).
pub fn s3_bucket_name(name: &str) -> Result<(), String> {
    let len = name.len();
    if !(3..=63).contains(&len) {
        return Err(format!(
            "is {len} characters long; bucket names have 3 to 63"
        ));
    }
    if !name
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'-')
    {
        return Err("may use only lower-case letters, digits, `.` and `-`".into());
    }
    let edge = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if !edge(name.bytes().next()) || !edge(name.bytes().last()) {
        return Err("must begin and end with a letter or digit".into());
    }
    if name.contains("..") {
        return Err("may not contain two periods in a row".into());
    }
    if name.parse::<std::net::Ipv4Addr>().is_ok() {
        return Err("may not look like an IP address".into());
    }
    for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] {
        if name.starts_with(prefix) {
            return Err(format!("may not start with `{prefix}`"));
        }
    }
    for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] {
        if name.ends_with(suffix) {
            return Err(format!("may not end with `{suffix}`"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_names() {
        assert!(s3_bucket_name("tfstate-210987654321-eu-west-1").is_ok());
        assert!(s3_bucket_name("my.bucket.example").is_ok());
        for bad in [
            "ab",
            "Upper",
            "-start",
            "end-",
            "a..b",
            "192.168.5.4",
            "xn--x",
            "b-s3alias",
            &"a".repeat(64),
        ] {
            assert!(s3_bucket_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names() {
        assert!(dns1123_label("gpu-pool"));
        assert!(!dns1123_label("GPU"));
        assert!(!dns1123_label("-a"));
        assert!(dns1123_subdomain("a.b-c"));
        assert!(!dns1123_subdomain("a..b"));
        assert!(qualified_name("eks.amazonaws.com/instance-family"));
        assert!(qualified_name("team"));
        assert!(!qualified_name("a/b/c"));
        assert!(label_value(""));
        assert!(!label_value("has space"));
    }

    #[test]
    fn capability_and_log_identifiers() {
        assert!(sso_instance_arn(
            "arn:aws:sso:::instance/ssoins-7223a2f0e8e3c2b1"
        ));
        assert!(!sso_instance_arn("arn:aws:sso:::instance/ssoins-short"));
        assert!(!sso_instance_arn(
            "arn:aws:sso:us-east-1:111122223333:instance/ssoins-7223a2f0e8e3c2b1"
        ));
        assert!(identity_store_id("686103e0-f051-7068-b225-e6392b959d9e"));
        assert!(identity_store_id(
            "906747d6f0-1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"
        ));
        assert!(!identity_store_id("AdminGroup"));
        assert!(!identity_store_id("686103e0-f051-7068-b225"));
        assert!(vpc_endpoint_id("vpce-0123456789abcdef0"));
        assert!(vpc_endpoint_id("vpce-01234567"));
        assert!(!vpc_endpoint_id("vpce-XYZ"));
        assert!(s3_bucket_arn("arn:aws:s3:::my-log-bucket"));
        assert!(!s3_bucket_arn("arn:aws:s3:::My_Bucket"));
        assert!(!s3_bucket_arn(
            "arn:aws:s3:us-east-1:111122223333:my-bucket"
        ));
        assert!(!s3_bucket_arn("arn:aws:s3:::my-bucket/prefix"));
    }

    #[test]
    fn arns() {
        assert_eq!(
            iam_role_arn("arn:aws:iam::123456789012:role/ops/AmazonEKSAutoNodeRole"),
            Some("AmazonEKSAutoNodeRole")
        );
        assert_eq!(iam_role_arn("arn:aws:iam::12345:role/x"), None);
        assert!(iam_principal_arn("arn:aws:iam::123456789012:user/alice"));
        assert!(!iam_principal_arn(
            "arn:aws:sts::123456789012:assumed-role/Admin/session"
        ));
        assert!(iam_policy_arn(
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
        ));
        assert!(kms_arn("arn:aws:kms:us-east-1:123456789012:key/abc", false).is_some());
        assert!(kms_arn("arn:aws:kms:us-east-1:123456789012:alias/x", false).is_none());
        assert!(acm_certificate_arn("arn:aws:acm:us-east-1:123456789012:certificate/x").is_some());
    }

    #[test]
    fn cidrs() {
        assert!(ipv4_cidr("10.0.0.0/16").is_ok());
        assert!(ipv4_cidr("10.0.0.1/16").is_err());
        assert!(ipv4_cidr("nope").is_err());
        assert!(ip_cidr("2001:db8::/32").is_ok());
        let net = ipv4_cidr("172.31.0.0/16").unwrap_or_default();
        assert!(private_ipv4(&net));
    }

    #[test]
    fn durations() {
        assert_eq!(duration_secs("336h"), Some(336 * 3600));
        assert_eq!(duration_secs("1h30m"), Some(5400));
        assert_eq!(duration_secs("24h0m0s"), Some(86400));
        assert_eq!(duration_secs("Never"), None);
        assert_eq!(duration_secs("10"), None);
        assert_eq!(duration_secs("99999999999999999999h"), None);
        assert_eq!(format_secs(5400), "1h30m");
    }

    #[test]
    fn quantities() {
        assert_eq!(quantity("250m"), Some(0.25));
        assert_eq!(quantity("1Gi"), Some(1073741824.0));
        assert_eq!(quantity("1e3"), Some(1000.0));
        assert_eq!(quantity("100"), Some(100.0));
        assert_eq!(quantity("1GB"), None);
        assert_eq!(quantity(""), None);
        assert_eq!(quantity("abc"), None);
    }

    #[test]
    fn crons() {
        assert!(cron("0 9 * * mon-fri").is_ok());
        assert!(cron("@daily").is_ok());
        assert!(cron("*/15 0-6 1,15 * *").is_ok());
        assert!(cron("0 25 * * *").is_err());
        assert!(cron("0 9 * *").is_err());
        assert!(cron("@sometimes").is_err());
    }
}
