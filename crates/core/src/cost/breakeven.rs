//! Where the options' monthly costs cross as the workload grows, in words.

use serde::Serialize;

use super::money::format_money;
use super::report::CurvePoint;

/// Two options trading places.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Crossing {
    /// The option cheaper below the crossing.
    pub cheaper_below: String,
    /// The option cheaper above it.
    pub cheaper_above: String,
    /// About how many pods (linear between the computed sizes).
    pub pods: f64,
}

/// The break-even view in words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakEven {
    /// Smallest and largest pod counts computed.
    pub range: Option<(u64, u64)>,
    /// Where options trade places.
    pub crossings: Vec<Crossing>,
    /// What it says, for the chart's caption and the CLI.
    pub statement: String,
}

/// Pods where `a − b` changes sign between two points, by linear
/// interpolation.
fn cross_at((x0, d0): (f64, f64), (x1, d1): (f64, f64)) -> Option<f64> {
    let den = d0 - d1;
    (den != 0.0).then(|| x0 + (x1 - x0) * d0 / den)
}

fn crossings(
    pts: &[&CurvePoint],
    a: (&str, fn(&CurvePoint) -> Option<f64>),
    b: (&str, fn(&CurvePoint) -> Option<f64>),
) -> Vec<Crossing> {
    let diff: Vec<(f64, f64)> = pts
        .iter()
        .filter_map(|p| Some((p.pods as f64, (a.1)(p)? - (b.1)(p)?)))
        .collect();
    diff.windows(2)
        .filter(|w| (w[0].1 < 0.0) != (w[1].1 < 0.0))
        .filter_map(|w| {
            let pods = cross_at(w[0], w[1])?;
            let (below, above) = if w[0].1 < 0.0 { (a.0, b.0) } else { (b.0, a.0) };
            Some(Crossing {
                cheaper_below: below.to_owned(),
                cheaper_above: above.to_owned(),
                pods,
            })
        })
        .collect()
}

/// The break-even statement for a curve; `current` is the plan's own pod
/// count.
pub fn break_even(points: &[CurvePoint], current: u64) -> BreakEven {
    let pts: Vec<&CurvePoint> = points.iter().filter(|p| p.pods > 0).collect();
    let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
        return BreakEven {
            range: None,
            crossings: Vec::new(),
            statement: "No pods to plan for: add a workload to see how the options' costs grow."
                .into(),
        };
    };
    let am: fn(&CurvePoint) -> Option<f64> = |p| Some(p.auto_mode);
    let mng: fn(&CurvePoint) -> Option<f64> = |p| Some(p.managed_node_groups);
    let fg: fn(&CurvePoint) -> Option<f64> = |p| p.fargate;
    let range = format!("from {} to {} pods", first.pods, last.pods);
    let mut parts = Vec::new();
    let mut all = Vec::new();

    // Auto Mode against managed node groups: the same instances, so the
    // lines differ by the fee and the node volumes and never cross unless
    // prices were overridden.
    let am_mng = crossings(&pts, ("Auto Mode", am), ("Managed node groups", mng));
    let here = pts
        .iter()
        .min_by_key(|p| p.pods.abs_diff(current))
        .copied()
        .unwrap_or(first);
    let gap = here.auto_mode - here.managed_node_groups;
    if am_mng.is_empty() {
        parts.push(format!(
            "Auto Mode and managed node groups never cross {range}: Auto Mode costs {} {} a month at {} pods, the management fee and the larger node volumes. Managed node groups need people to patch, upgrade and scale them; the fee buys that",
            format_money(gap.abs()),
            if gap >= 0.0 { "more" } else { "less" },
            here.pods
        ));
    } else {
        for c in &am_mng {
            parts.push(format!(
                "{} is cheaper below about {:.0} pods and {} above",
                c.cheaper_below, c.pods, c.cheaper_above
            ));
        }
    }
    all.extend(am_mng);

    // Fargate against Auto Mode.
    if pts.iter().all(|p| p.fargate.is_some()) {
        let am_fg = crossings(&pts, ("Fargate", fg), ("Auto Mode", am));
        if am_fg.is_empty() {
            let f_here = here.fargate.unwrap_or(0.0);
            let (who, than) = if f_here < here.auto_mode {
                ("Fargate", "Auto Mode")
            } else {
                ("Auto Mode", "Fargate")
            };
            parts.push(format!(
                "Fargate and Auto Mode never cross {range}: {who} is cheaper than {than} at every size, by {} a month at {} pods",
                format_money((f_here - here.auto_mode).abs()),
                here.pods
            ));
        } else {
            for c in &am_fg {
                parts.push(format!(
                    "{} is cheaper than {} below about {:.0} pods, {} above",
                    c.cheaper_below, c.cheaper_above, c.pods, c.cheaper_above
                ));
            }
        }
        all.extend(am_fg);
    } else {
        parts.push("Fargate cannot run this workload".into());
    }
    let mut statement = parts.join(". ") + ".";
    if current > 0 {
        statement += &format!(" The plan's workload is {current} pods (the vertical line).");
    }
    BreakEven {
        range: Some((first.pods, last.pods)),
        crossings: all,
        statement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(pods: u64, am: f64, mng: f64, fg: Option<f64>) -> CurvePoint {
        CurvePoint {
            factor: 1.0,
            pods,
            auto_mode: am,
            managed_node_groups: mng,
            fargate: fg,
        }
    }

    #[test]
    fn lines_that_never_cross_are_said_to_never_cross() {
        let pts = [
            point(10, 300.0, 250.0, None),
            point(20, 500.0, 420.0, None),
            point(40, 900.0, 760.0, None),
        ];
        let b = break_even(&pts, 20);
        assert!(b.crossings.is_empty());
        assert!(
            b.statement.contains("never cross from 10 to 40 pods")
                && b.statement.contains("$80.00 more a month at 20 pods")
                && b.statement.contains("need people to patch"),
            "{}",
            b.statement
        );
        assert!(b.statement.contains("Fargate cannot run this workload"));
    }

    #[test]
    fn a_crossing_is_placed_between_the_sizes() {
        // Fargate $100 below Auto Mode at 10 pods, $100 above at 30: they
        // cross at 20.
        let pts = [
            point(10, 300.0, 250.0, Some(200.0)),
            point(30, 500.0, 420.0, Some(600.0)),
        ];
        let b = break_even(&pts, 10);
        let c = b
            .crossings
            .iter()
            .find(|c| c.cheaper_below == "Fargate")
            .expect("crossing");
        assert!((c.pods - 20.0).abs() < 1e-9);
        assert_eq!(c.cheaper_above, "Auto Mode");
        assert!(
            b.statement
                .contains("Fargate is cheaper than Auto Mode below about 20 pods"),
            "{}",
            b.statement
        );
    }

    #[test]
    fn no_pods_says_so() {
        assert!(
            break_even(&[point(0, 73.0, 73.0, Some(73.0))], 0)
                .statement
                .starts_with("No pods")
        );
    }
}
