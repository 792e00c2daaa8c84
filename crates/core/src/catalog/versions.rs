//! Kubernetes versions on EKS and their support windows.
//!
//! Source: AWS EKS User Guide, "Understand the Kubernetes version lifecycle
//! on EKS" (`kubernetes-versions.adoc`), as summarised in
//! `shared/domain/automode-reference.md` §6 (snapshot 2026-08). Dates for
//! 1.36 follow the published 14 + 12 month policy from its EKS release and
//! are marked `estimated`. Confirm live with `aws eks describe-cluster-versions`.

use super::date::Date;

/// One EKS Kubernetes minor version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KubernetesVersion {
    /// `1.35`.
    pub version: &'static str,
    /// Minor number, for ordering.
    pub minor: u32,
    /// Date EKS released it.
    pub eks_release: Date,
    /// Last day of standard support.
    pub end_of_standard: Date,
    /// Last day of extended support.
    pub end_of_extended: Date,
    /// Whether the end dates are derived from policy rather than published.
    pub estimated: bool,
}

/// Auto Mode needs Kubernetes 1.29 or later.
pub const MIN_AUTO_MODE_MINOR: u32 = 29;

/// The version a new plan uses: the newest one EKS offers.
pub const DEFAULT_VERSION: &str = "1.36";

/// Known versions, newest first.
pub const VERSIONS: &[KubernetesVersion] = &[
    v("1.36", 36, (2026, 6, 2), (2027, 8, 2), (2028, 8, 2), true),
    v(
        "1.35",
        35,
        (2026, 1, 27),
        (2027, 3, 27),
        (2028, 3, 27),
        false,
    ),
    v(
        "1.34",
        34,
        (2025, 10, 2),
        (2026, 12, 2),
        (2027, 12, 2),
        false,
    ),
    v(
        "1.33",
        33,
        (2025, 5, 29),
        (2026, 7, 29),
        (2027, 7, 29),
        false,
    ),
    v(
        "1.32",
        32,
        (2025, 1, 23),
        (2026, 3, 23),
        (2027, 3, 23),
        false,
    ),
    v(
        "1.31",
        31,
        (2024, 9, 26),
        (2025, 11, 26),
        (2026, 11, 26),
        false,
    ),
    v(
        "1.30",
        30,
        (2024, 5, 23),
        (2025, 7, 23),
        (2026, 7, 23),
        false,
    ),
    v(
        "1.29",
        29,
        (2024, 1, 23),
        (2025, 3, 23),
        (2026, 3, 23),
        false,
    ),
];

const fn v(
    version: &'static str,
    minor: u32,
    rel: (i32, u8, u8),
    std_end: (i32, u8, u8),
    ext_end: (i32, u8, u8),
    estimated: bool,
) -> KubernetesVersion {
    KubernetesVersion {
        version,
        minor,
        eks_release: Date::new(rel.0, rel.1, rel.2),
        end_of_standard: Date::new(std_end.0, std_end.1, std_end.2),
        end_of_extended: Date::new(ext_end.0, ext_end.1, ext_end.2),
        estimated,
    }
}

/// Where a version stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SupportPhase {
    /// In standard support.
    Standard,
    /// In extended support (higher hourly fee).
    Extended,
    /// No longer supported: EKS will not create clusters on it.
    Ended,
}

impl KubernetesVersion {
    /// The support phase on `today`.
    pub fn phase(&self, today: Date) -> SupportPhase {
        if today <= self.end_of_standard {
            SupportPhase::Standard
        } else if today <= self.end_of_extended {
            SupportPhase::Extended
        } else {
            SupportPhase::Ended
        }
    }
}

/// Look a version up by its `1.xx` string.
pub fn find(version: &str) -> Option<&'static KubernetesVersion> {
    VERSIONS.iter().find(|v| v.version == version.trim())
}

/// Parse the minor number out of `1.xx`.
pub fn minor_of(version: &str) -> Option<u32> {
    let rest = version.trim().strip_prefix("1.")?;
    rest.parse().ok()
}

/// Versions a new Auto Mode cluster can use on `today`, newest first.
pub fn offered(today: Date) -> impl Iterator<Item = &'static KubernetesVersion> {
    VERSIONS
        .iter()
        .filter(move |v| v.minor >= MIN_AUTO_MODE_MINOR && v.phase(today) != SupportPhase::Ended)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_newest_known() {
        assert_eq!(VERSIONS[0].version, DEFAULT_VERSION);
        assert!(VERSIONS.windows(2).all(|w| w[0].minor > w[1].minor));
    }

    #[test]
    fn phases_on_the_catalog_date() {
        let today = Date::new(2026, 11, 21);
        let phase = |s: &str| find(s).map(|v| v.phase(today));
        assert_eq!(phase("1.35"), Some(SupportPhase::Standard));
        assert_eq!(phase("1.34"), Some(SupportPhase::Standard));
        assert_eq!(phase("1.33"), Some(SupportPhase::Extended));
        assert_eq!(phase("1.31"), Some(SupportPhase::Extended));
        assert_eq!(phase("1.30"), Some(SupportPhase::Ended));
        let offered: Vec<_> = offered(today).map(|v| v.version).collect();
        assert_eq!(offered, ["1.36", "1.35", "1.34", "1.33", "1.32", "1.31"]);
    }

    #[test]
    fn minor_parsing() {
        assert_eq!(minor_of("1.35"), Some(35));
        assert_eq!(minor_of("2.0"), None);
        assert_eq!(minor_of("1.x"), None);
    }
}
