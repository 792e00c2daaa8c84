//! Kubernetes versions on EKS, their support windows and what each phase
//! costs.
//!
//! Checked on [`TABLE_DATE`] against the EKS User Guide ("Understand the
//! Kubernetes version lifecycle on EKS", `kubernetes-versions.adoc`, release
//! calendar), the EKS User Guide's release notes for standard-support
//! versions and the EKS Auto Mode release notes (`auto-change`). Each row
//! names its source; rows whose end dates come from EKS's published policy
//! (14 months of standard support from the EKS release, then 12 months of
//! extended support) rather than from the calendar are marked `estimated`.
//! Confirm live with `aws eks describe-cluster-versions`.
//!
//! Dates are UTC. The end-of-standard-support date is the first day of
//! extended support: "Billing for extended support starts at the beginning
//! of the day that the version reaches end of standard support, in the
//! UTC+0 timezone" (user guide). On the end-of-extended-support date EKS no
//! longer creates clusters on the version.

use super::date::Date;

/// The day this table was last checked against AWS's pages.
pub const TABLE_DATE: Date = Date::new(2026, 12, 1);

/// One EKS Kubernetes minor version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KubernetesVersion {
    /// `1.35`.
    pub version: &'static str,
    /// Minor number, for ordering.
    pub minor: u32,
    /// Date EKS released it.
    pub eks_release: Date,
    /// End of standard support: from this day (00:00 UTC) the cluster is in
    /// extended support and billed for it.
    pub end_of_standard: Date,
    /// End of extended support: from this day EKS creates no new clusters on
    /// the version and upgrades existing ones.
    pub end_of_extended: Date,
    /// Whether the end dates are derived from the 14 + 12 month policy
    /// rather than read from AWS's release calendar.
    pub estimated: bool,
    /// Where the row's facts come from.
    pub source: &'static str,
}

/// Auto Mode needs Kubernetes 1.29 or later.
pub const MIN_AUTO_MODE_MINOR: u32 = 29;

/// The version a new plan uses: the newest one EKS offers.
pub const DEFAULT_VERSION: &str = "1.37";

/// From this minor on, EKS gives NodePools created without a
/// `consolidationPolicy` the `Balanced` policy (Auto Mode release notes,
/// 2026-10-01); older versions default to `WhenEmptyOrUnderutilized`.
pub const BALANCED_DEFAULT_FROM_MINOR: u32 = 37;

/// EKS control-plane price in standard support, $ per cluster-hour.
/// Source: AWS Containers blog "Amazon EKS extended support for Kubernetes
/// versions pricing" (unchanged since 2024-04-01; third-party pricing guides
/// of March–June 2026 quote the same rates). Same in every commercial region
/// this planner prices (us-east-1 list price).
pub const STANDARD_SUPPORT_HOURLY: f64 = 0.10;

/// EKS control-plane price in extended support, $ per cluster-hour (total,
/// not on top of the standard rate). Same source as
/// [`STANDARD_SUPPORT_HOURLY`].
pub const EXTENDED_SUPPORT_HOURLY: f64 = 0.60;

/// Hours in a month, the AWS pricing calculator's convention.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// How far ahead the planner warns that a version enters extended support.
pub const EXTENDED_SUPPORT_WARNING_DAYS: i64 = 90;

const UG_CALENDAR: &str = "EKS User Guide, Kubernetes release calendar (kubernetes-versions)";

/// Known versions, newest first.
pub const VERSIONS: &[KubernetesVersion] = &[
    v(
        "1.37",
        37,
        (2026, 10, 1),
        (2027, 12, 1),
        (2028, 12, 1),
        true,
        "EKS offers it: the Auto Mode release notes of 2026-10-01 change NodePool defaults \
         \"starting with EKS 1.37\". EKS release date UNCONFIRMED (taken from those notes and an \
         EKS Distro 1.37 announcement of 2026-10); end dates from the 14 + 12 month policy",
    ),
    v(
        "1.36",
        36,
        (2026, 6, 2),
        (2027, 8, 2),
        (2028, 8, 2),
        true,
        "EKS User Guide, standard-support release notes (\"Kubernetes 1.36 is now available in \
         Amazon EKS\"); release and end-of-standard dates from a third-party upgrade guide \
         (devopsdreams, 2026-08), UNCONFIRMED in the AWS calendar; end of extended from the policy",
    ),
    v(
        "1.35",
        35,
        (2026, 1, 27),
        (2027, 3, 27),
        (2028, 3, 27),
        false,
        "endoflife.date (from the AWS calendar; it lists the release as 2026-01-28) and the EKS \
         User Guide's 1.35 release notes",
    ),
    v(
        "1.34",
        34,
        (2025, 10, 2),
        (2026, 12, 2),
        (2027, 12, 2),
        false,
        UG_CALENDAR,
    ),
    v(
        "1.33",
        33,
        (2025, 5, 29),
        (2026, 7, 29),
        (2027, 7, 29),
        false,
        UG_CALENDAR,
    ),
    v(
        "1.32",
        32,
        (2025, 1, 23),
        (2026, 3, 23),
        (2027, 3, 23),
        false,
        UG_CALENDAR,
    ),
    v(
        "1.31",
        31,
        (2024, 9, 26),
        (2025, 11, 26),
        (2026, 11, 26),
        false,
        UG_CALENDAR,
    ),
    v(
        "1.30",
        30,
        (2024, 5, 23),
        (2025, 7, 23),
        (2026, 7, 23),
        false,
        UG_CALENDAR,
    ),
    v(
        "1.29",
        29,
        (2024, 1, 23),
        (2025, 3, 23),
        (2026, 3, 23),
        false,
        UG_CALENDAR,
    ),
];

const fn v(
    version: &'static str,
    minor: u32,
    rel: (i32, u8, u8),
    std_end: (i32, u8, u8),
    ext_end: (i32, u8, u8),
    estimated: bool,
    source: &'static str,
) -> KubernetesVersion {
    KubernetesVersion {
        version,
        minor,
        eks_release: Date::new(rel.0, rel.1, rel.2),
        end_of_standard: Date::new(std_end.0, std_end.1, std_end.2),
        end_of_extended: Date::new(ext_end.0, ext_end.1, ext_end.2),
        estimated,
        source,
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

impl SupportPhase {
    /// `standard`, `extended` or `ended`.
    pub fn as_str(self) -> &'static str {
        match self {
            SupportPhase::Standard => "standard",
            SupportPhase::Extended => "extended",
            SupportPhase::Ended => "ended",
        }
    }
}

impl KubernetesVersion {
    /// The support phase on `today` (UTC).
    pub fn phase(&self, today: Date) -> SupportPhase {
        if today < self.end_of_standard {
            SupportPhase::Standard
        } else if today < self.end_of_extended {
            SupportPhase::Extended
        } else {
            SupportPhase::Ended
        }
    }

    /// Days until extended support starts, when that is within `days` of
    /// `today` (1 = tomorrow). `None` if it is further away or has begun.
    pub fn extended_support_within(&self, today: Date, days: i64) -> Option<i64> {
        let left = today.days_until(self.end_of_standard);
        (self.phase(today) == SupportPhase::Standard && left <= days).then_some(left)
    }

    /// A note to append to any date of this version shown to users: empty
    /// for dates from AWS's calendar, a caveat for estimated ones.
    pub fn date_caveat(&self) -> &'static str {
        if self.estimated {
            " (date estimated from EKS's 14 + 12 month policy; not confirmed in AWS's release calendar)"
        } else {
            ""
        }
    }

    /// Whether EKS gives new NodePools without a `consolidationPolicy` the
    /// `Balanced` policy on this version.
    pub fn balanced_by_default(&self) -> bool {
        self.minor >= BALANCED_DEFAULT_FROM_MINOR
    }

    /// A one-line note for listings: what the version's phase costs or
    /// what is about to change, `None` when nothing is worth saying.
    pub fn support_note(&self, today: Date) -> Option<String> {
        let extra = format_usd(extended_support_premium(
            STANDARD_SUPPORT_HOURLY,
            EXTENDED_SUPPORT_HOURLY,
        ));
        match self.phase(today) {
            SupportPhase::Ended => Some("no new clusters; existing ones are upgraded".to_owned()),
            SupportPhase::Extended => Some(format!(
                "extended support: {extra}/month more per cluster (${EXTENDED_SUPPORT_HOURLY:.2}/h instead of ${STANDARD_SUPPORT_HOURLY:.2}/h)"
            )),
            SupportPhase::Standard => self
                .extended_support_within(today, EXTENDED_SUPPORT_WARNING_DAYS)
                .map(|left| {
                    format!(
                        "extended support from {} ({}): {extra}/month more per cluster (${EXTENDED_SUPPORT_HOURLY:.2}/h instead of ${STANDARD_SUPPORT_HOURLY:.2}/h){}",
                        self.end_of_standard,
                        in_days(left),
                        self.date_caveat()
                    )
                }),
        }
    }
}

/// What extended support adds to a cluster's monthly bill, given the two
/// hourly rates.
pub fn extended_support_premium(standard_hourly: f64, extended_hourly: f64) -> f64 {
    (extended_hourly - standard_hourly) * HOURS_PER_MONTH
}

/// Dollars with cents: `$365.00`.
pub fn format_usd(amount: f64) -> String {
    format!("${amount:.2}")
}

/// `in 1 day`, `in 12 days`, `today`.
pub fn in_days(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "in 1 day".to_owned(),
        n => format!("in {n} days"),
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
        assert!(
            VERSIONS
                .iter()
                .all(|v| minor_of(v.version) == Some(v.minor))
        );
    }

    #[test]
    fn every_row_is_consistent_and_sourced() {
        for v in VERSIONS {
            assert!(!v.source.is_empty(), "{} has no source", v.version);
            assert!(v.eks_release < v.end_of_standard && v.end_of_standard < v.end_of_extended);
            // 14 months of standard support, then 12 of extended (the
            // policy every published row follows to the day).
            let months =
                |a: Date, b: Date| (b.year - a.year) * 12 + i32::from(b.month) - i32::from(a.month);
            assert_eq!(
                months(v.end_of_standard, v.end_of_extended),
                12,
                "{}",
                v.version
            );
            assert_eq!(
                v.end_of_standard.day, v.end_of_extended.day,
                "{}",
                v.version
            );
            if v.estimated {
                assert_eq!(
                    months(v.eks_release, v.end_of_standard),
                    14,
                    "{}",
                    v.version
                );
            }
        }
    }

    #[test]
    fn phases_on_the_table_date() {
        // 2026-12-01: 1.34 has one day of standard support left; 1.31 left
        // extended support on 2026-11-26.
        let today = TABLE_DATE;
        let phase = |s: &str| find(s).map(|v| v.phase(today));
        assert_eq!(phase("1.37"), Some(SupportPhase::Standard));
        assert_eq!(phase("1.34"), Some(SupportPhase::Standard));
        assert_eq!(phase("1.33"), Some(SupportPhase::Extended));
        assert_eq!(phase("1.32"), Some(SupportPhase::Extended));
        assert_eq!(phase("1.31"), Some(SupportPhase::Ended));
        assert_eq!(phase("1.29"), Some(SupportPhase::Ended));
        let offered: Vec<_> = offered(today).map(|v| v.version).collect();
        assert_eq!(offered, ["1.37", "1.36", "1.35", "1.34", "1.33", "1.32"]);
    }

    #[test]
    fn end_dates_are_the_first_day_of_the_next_phase() {
        let v = find("1.34").expect("1.34");
        assert_eq!(v.phase(Date::new(2026, 12, 1)), SupportPhase::Standard);
        assert_eq!(v.phase(Date::new(2026, 12, 2)), SupportPhase::Extended);
        assert_eq!(v.phase(Date::new(2027, 12, 1)), SupportPhase::Extended);
        assert_eq!(v.phase(Date::new(2027, 12, 2)), SupportPhase::Ended);
        let v31 = find("1.31").expect("1.31");
        assert_eq!(v31.phase(Date::new(2026, 11, 25)), SupportPhase::Extended);
        assert_eq!(v31.phase(Date::new(2026, 11, 26)), SupportPhase::Ended);
    }

    #[test]
    fn extended_support_warning_window() {
        let v = find("1.34").expect("1.34");
        assert_eq!(v.extended_support_within(TABLE_DATE, 90), Some(1));
        assert_eq!(
            v.extended_support_within(Date::new(2026, 9, 3), 90),
            Some(90)
        );
        assert_eq!(v.extended_support_within(Date::new(2026, 9, 2), 90), None);
        assert_eq!(v.extended_support_within(Date::new(2026, 12, 2), 90), None);
        // 1.35 enters extended support on 2027-03-27: 116 days after the
        // table date, inside the window from 2026-12-27.
        let v35 = find("1.35").expect("1.35");
        assert_eq!(v35.extended_support_within(TABLE_DATE, 90), None);
        assert_eq!(
            v35.extended_support_within(Date::new(2026, 12, 27), 90),
            Some(90)
        );
    }

    #[test]
    fn extended_support_costs_365_dollars_a_month_more() {
        let premium = extended_support_premium(STANDARD_SUPPORT_HOURLY, EXTENDED_SUPPORT_HOURLY);
        assert_eq!(format_usd(premium), "$365.00");
        let note = find("1.34").and_then(|v| v.support_note(TABLE_DATE));
        assert_eq!(
            note.as_deref(),
            Some(
                "extended support from 2026-12-02 (in 1 day): $365.00/month more per cluster ($0.60/h instead of $0.10/h)"
            )
        );
        assert!(
            find("1.36")
                .and_then(|v| v.support_note(TABLE_DATE))
                .is_none()
        );
        assert!(
            find("1.33")
                .and_then(|v| v.support_note(TABLE_DATE))
                .is_some_and(|n| n.starts_with("extended support: $365.00"))
        );
    }

    #[test]
    fn estimated_dates_say_so() {
        let v37 = find("1.37").expect("1.37");
        let note = v37
            .support_note(Date::new(2027, 11, 1))
            .expect("within 90 days");
        assert!(note.contains("2027-12-01 (in 30 days)"), "{note}");
        assert!(
            note.ends_with("not confirmed in AWS's release calendar)"),
            "{note}"
        );
        assert_eq!(find("1.34").map(KubernetesVersion::date_caveat), Some(""));
    }

    #[test]
    fn balanced_is_the_default_from_1_37() {
        assert!(find("1.37").is_some_and(KubernetesVersion::balanced_by_default));
        assert!(!find("1.36").is_some_and(KubernetesVersion::balanced_by_default));
    }

    #[test]
    fn minor_parsing() {
        assert_eq!(minor_of("1.35"), Some(35));
        assert_eq!(minor_of("2.0"), None);
        assert_eq!(minor_of("1.x"), None);
    }
}
