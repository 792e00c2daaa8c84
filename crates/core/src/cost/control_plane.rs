//! The EKS control plane: standard or extended support, the day the plan's
//! version moves to extended support, and a fleet of identical clusters.

use serde::Serialize;

use super::money::{format_money, plural};
use super::prices::{HOURS_PER_MONTH, PriceBook, cents, monthly};
use crate::catalog::date::Date;
use crate::catalog::versions::{self, SupportPhase};

/// Where the plan's version stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Standard support.
    Standard,
    /// Extended support (the higher hourly fee).
    Extended,
    /// Past extended support: EKS upgrades such clusters.
    Ended,
    /// No date given, or a version the table does not know.
    Unknown,
}

/// The control plane's price and support calendar.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ControlPlane {
    /// Kubernetes version.
    pub version: String,
    /// Support phase on the plan's date.
    pub phase: Phase,
    /// The rate charged now, $/h.
    pub hourly: f64,
    /// A month at that rate.
    pub monthly: f64,
    /// A month of standard support.
    pub standard_monthly: f64,
    /// A month of extended support.
    pub extended_monthly: f64,
    /// First day of extended support (`YYYY-MM-DD`).
    pub extended_from: Option<String>,
    /// Last day of extended support.
    pub extended_until: Option<String>,
    /// Days from the plan's date to the first day of extended support
    /// (negative once it has started).
    pub days_until_extended: Option<i64>,
    /// The upgrade policy (`STANDARD` upgrades instead of paying extended
    /// support).
    pub support_type: String,
    /// The support dates are derived from AWS's policy, not published.
    pub estimated_dates: bool,
    /// All of it in one or two sentences.
    pub statement: String,
}

/// The control plane of a cluster on `version`, as of `today`.
pub fn control_plane(
    version: &str,
    support_type: &str,
    today: Option<Date>,
    book: &PriceBook,
) -> ControlPlane {
    let standard_monthly = monthly(book.cluster_hour);
    let extended_monthly = monthly(book.extended_support_hour);
    let v = versions::find(version);
    let upgrades = support_type == "STANDARD";
    let phase = match (v, today) {
        (Some(v), Some(d)) => match v.phase(d) {
            SupportPhase::Standard => Phase::Standard,
            SupportPhase::Extended => Phase::Extended,
            SupportPhase::Ended => Phase::Ended,
        },
        _ => Phase::Unknown,
    };
    // With the STANDARD policy EKS upgrades the control plane when standard
    // support ends, so it never pays the extended rate.
    let extended_now = matches!(phase, Phase::Extended | Phase::Ended) && !upgrades;
    let hourly = if extended_now {
        book.extended_support_hour
    } else {
        book.cluster_hour
    };
    let extended_from = v.map(|v| Date::from_days(v.end_of_standard.days() + 1));
    let days_until_extended = today.zip(extended_from).map(|(t, f)| t.days_until(f));
    let more = format_money(extended_monthly - standard_monthly);
    let statement = match (v, phase) {
        (None, _) => format!(
            "Kubernetes {version} is not in the version table: priced at standard support, {} a month.",
            format_money(standard_monthly)
        ),
        (Some(v), Phase::Unknown) => format!(
            "No date given: priced at standard support, {} a month. Kubernetes {version} enters extended support on {}{}, at {} a month.",
            format_money(standard_monthly),
            extended_from.map(|d| d.to_string()).unwrap_or_default(),
            if v.estimated {
                " (a date derived from AWS's policy)"
            } else {
                ""
            },
            format_money(extended_monthly)
        ),
        (Some(_), Phase::Standard) if upgrades => format!(
            "Kubernetes {version} is in standard support until {}: {} a month. The upgrade policy is STANDARD, so EKS upgrades the control plane then instead of charging extended support ({} a month).",
            extended_from
                .map(|d| Date::from_days(d.days() - 1).to_string())
                .unwrap_or_default(),
            format_money(standard_monthly),
            format_money(extended_monthly)
        ),
        (Some(v), Phase::Standard) => format!(
            "Kubernetes {version} is in standard support until {}: {} a month. From {}{} it is in extended support, {} a month ({more} more), unless you upgrade{}.",
            Date::from_days(v.end_of_standard.days()),
            format_money(standard_monthly),
            extended_from.map(|d| d.to_string()).unwrap_or_default(),
            if v.estimated {
                " (a date derived from AWS's policy)"
            } else {
                ""
            },
            format_money(extended_monthly),
            days_until_extended
                .map(|d| format!(" within {}", plural(d.max(0) as u64, "day")))
                .unwrap_or_default()
        ),
        (Some(v), Phase::Extended) if !upgrades => format!(
            "Kubernetes {version} has been in extended support since {}: {} a month instead of {} on a version in standard support, until {}.",
            extended_from.map(|d| d.to_string()).unwrap_or_default(),
            format_money(extended_monthly),
            format_money(standard_monthly),
            v.end_of_extended
        ),
        (Some(_), Phase::Extended) => format!(
            "Kubernetes {version} is past standard support and the upgrade policy is STANDARD: EKS upgrades the control plane, which stays at {} a month.",
            format_money(standard_monthly)
        ),
        (Some(v), Phase::Ended) => format!(
            "Kubernetes {version} is past the end of extended support ({}): EKS upgrades such clusters. Priced at {} a month.",
            v.end_of_extended,
            format_money(if upgrades {
                standard_monthly
            } else {
                extended_monthly
            })
        ),
    };
    ControlPlane {
        version: version.to_owned(),
        phase,
        hourly,
        monthly: monthly(hourly),
        standard_monthly,
        extended_monthly,
        extended_from: extended_from.map(|d| d.to_string()),
        extended_until: v.map(|v| v.end_of_extended.to_string()),
        days_until_extended,
        support_type: support_type.to_owned(),
        estimated_dates: v.is_some_and(|v| v.estimated),
        statement,
    }
}

/// Several clusters like this one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Clusters {
    /// How many.
    pub count: u32,
    /// Auto Mode for all of them, $/month.
    pub auto_mode: f64,
    /// Managed node groups for all of them, $/month.
    pub managed_node_groups: f64,
    /// Fargate for all of them, when it can run the workload.
    pub fargate: Option<f64>,
    /// Their control planes at today's rate.
    pub control_planes: f64,
    /// Their control planes on standard support.
    pub control_planes_standard: f64,
    /// Their control planes on extended support.
    pub control_planes_extended: f64,
    /// In words.
    pub statement: String,
}

/// The totals for `count` clusters, each costing `per_cluster` a month on
/// each option.
pub fn clusters(
    count: u32,
    per_cluster: (f64, f64, Option<f64>),
    cp: &ControlPlane,
    book: &PriceBook,
) -> Clusters {
    let n = f64::from(count);
    let cp_at = |hourly: f64| cents(hourly * HOURS_PER_MONTH * n);
    let standard = cp_at(book.cluster_hour);
    let extended = cp_at(book.extended_support_hour);
    let (am, mng, fg) = per_cluster;
    let now = cp_at(cp.hourly);
    let statement = if count <= 1 {
        "One cluster. Set `capacity.clusters` to price several like it.".to_owned()
    } else {
        let on = if (cp.hourly - book.extended_support_hour).abs() < 1e-12 {
            format!(
                "{count} clusters on extended support: their control planes cost {} a month instead of {} on standard support",
                format_money(extended),
                format_money(standard)
            )
        } else {
            format!(
                "Their control planes cost {} a month on standard support, {} once on extended support",
                format_money(standard),
                format_money(extended)
            )
        };
        format!(
            "{count} clusters like this one: {} a month on Auto Mode, {} on managed node groups{}. {on}.",
            format_money(cents(am * n)),
            format_money(cents(mng * n)),
            fg.map(|f| format!(", {} on Fargate", format_money(cents(f * n))))
                .unwrap_or_default()
        )
    };
    Clusters {
        count,
        auto_mode: cents(am * n),
        managed_node_groups: cents(mng * n),
        fargate: fg.map(|f| cents(f * n)),
        control_planes: now,
        control_planes_standard: standard,
        control_planes_extended: extended,
        statement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Prices;

    fn book() -> PriceBook {
        PriceBook::new(&Prices::default())
    }

    #[test]
    fn fifteen_clusters_on_extended_support() {
        // The articles' example: "15 clusters on extended support: $6,600 a
        // month instead of $1,050". At 730 hours a month the exact figures
        // are 15 × $0.60 × 730 = $6,570.00 and 15 × $0.10 × 730 =
        // $1,095.00: the articles round the first and their second is
        // 15 × $70, a 700-hour month.
        let d = Date::new(2026, 11, 21);
        let cp = control_plane("1.33", "EXTENDED", Some(d), &book());
        assert_eq!(cp.phase, Phase::Extended);
        assert_eq!(cp.monthly, 438.0);
        let c = clusters(15, (cp.monthly, cp.monthly, None), &cp, &book());
        assert_eq!(c.control_planes, 6570.0);
        assert_eq!(c.control_planes_extended, 6570.0);
        assert_eq!(c.control_planes_standard, 1095.0);
        assert!(
            c.statement.contains("15 clusters on extended support: their control planes cost $6,570.00 a month instead of $1,095.00"),
            "{}",
            c.statement
        );
        assert_eq!(c.auto_mode, 6570.0);
    }

    #[test]
    fn the_day_a_version_moves_to_extended_support() {
        // 1.34: standard support ends 2026-12-02 (version table).
        let cp = control_plane("1.34", "EXTENDED", Some(Date::new(2026, 11, 21)), &book());
        assert_eq!(cp.phase, Phase::Standard);
        assert_eq!(cp.extended_from.as_deref(), Some("2026-12-03"));
        assert_eq!(cp.days_until_extended, Some(12));
        assert_eq!((cp.monthly, cp.extended_monthly), (73.0, 438.0));
        assert!(
            cp.statement.contains("From 2026-12-03")
                && cp.statement.contains("$365.00 more")
                && cp.statement.contains("within 12 days"),
            "{}",
            cp.statement
        );
        // With the STANDARD policy EKS upgrades instead.
        let cp = control_plane("1.33", "STANDARD", Some(Date::new(2026, 11, 21)), &book());
        assert_eq!(cp.monthly, 73.0);
        assert!(cp.statement.contains("STANDARD"), "{}", cp.statement);
        // Without a date, standard support and the date to expect.
        let cp = control_plane("1.35", "EXTENDED", None, &book());
        assert_eq!((cp.phase, cp.monthly), (Phase::Unknown, 73.0));
        assert!(cp.statement.contains("2027-03-28"), "{}", cp.statement);
        let cp = control_plane("1.99", "EXTENDED", None, &book());
        assert!(cp.statement.contains("not in the version table"));
    }

    #[test]
    fn one_cluster_is_one_cluster() {
        let cp = control_plane("1.35", "EXTENDED", Some(Date::new(2026, 11, 21)), &book());
        let c = clusters(1, (500.0, 400.0, Some(300.0)), &cp, &book());
        assert_eq!(
            (c.auto_mode, c.managed_node_groups, c.fargate),
            (500.0, 400.0, Some(300.0))
        );
        assert_eq!(c.control_planes, 73.0);
        let c = clusters(3, (500.0, 400.0, None), &cp, &book());
        assert_eq!((c.auto_mode, c.control_planes_standard), (1500.0, 219.0));
        assert!(
            c.statement
                .starts_with("3 clusters like this one: $1,500.00"),
            "{}",
            c.statement
        );
    }
}
