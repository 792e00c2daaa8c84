//! The break-even view: each option's monthly cost as the workload is
//! scaled down and up.

use eksplan_core::cost::CurvePoint;
use eksplan_core::cost::report::format_money;
use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, VPos};

use crate::svg::{AXIS, anchored, err, render, rgb};
use crate::{Chart, ChartError, color, short_money};

/// The series, in legend order: name and colour index.
const SERIES: [(&str, usize); 3] = [("Auto Mode", 0), ("Managed node groups", 1), ("Fargate", 2)];

/// Monthly cost against pods for the three options. `current` is the
/// plan's own pod count, marked on the chart.
pub fn break_even(points: &[CurvePoint], current: u64) -> Result<Chart, ChartError> {
    let title = "Monthly cost as the workload grows".to_owned();
    let pts: Vec<&CurvePoint> = points.iter().filter(|p| p.pods > 0).collect();
    let value = |p: &CurvePoint, s: usize| match s {
        0 => Some(p.auto_mode),
        1 => Some(p.managed_node_groups),
        _ => p.fargate,
    };
    let x_max = pts.iter().map(|p| p.pods).max().unwrap_or(1).max(1) as f64;
    let x_min = pts.iter().map(|p| p.pods).min().unwrap_or(0) as f64;
    let y_max = pts
        .iter()
        .flat_map(|p| (0..3).filter_map(|s| value(p, s)))
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.08;
    // Axes are drawn from plotters' primitives rather than its
    // ChartBuilder: the coordinate and mesh machinery would add 16 KB
    // (gzipped) to the page for two axes.
    let (left, right, top, bottom) = (70.0, 620.0, 12.0, 252.0);
    let x_hi = x_max.max(x_min + 1.0);
    let px = |v: f64| (left + (v - x_min) / (x_hi - x_min) * (right - left)).round() as i32;
    let py = |v: f64| (bottom - v / y_max * (bottom - top)).round() as i32;
    let svg = render(640, 300, &title, |root| {
        // Horizontal grid lines and money labels.
        for v in ticks(0.0, y_max, 5) {
            root.draw(&PathElement::new(
                vec![(px(x_min), py(v)), (px(x_hi), py(v))],
                AXIS.mix(0.3).stroke_width(1),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                short_money(v),
                (px(x_min) - 6, py(v)),
                anchored(11.0, HPos::Right, VPos::Center),
            ))
            .map_err(err)?;
        }
        // The pods axis.
        root.draw(&PathElement::new(
            vec![(px(x_min), py(0.0)), (px(x_hi), py(0.0))],
            AXIS.stroke_width(1),
        ))
        .map_err(err)?;
        for v in ticks(x_min, x_hi, 6) {
            root.draw(&PathElement::new(
                vec![(px(v), py(0.0)), (px(v), py(0.0) + 4)],
                AXIS.stroke_width(1),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                format!("{v:.0}"),
                (px(v), py(0.0) + 6),
                anchored(11.0, HPos::Center, VPos::Top),
            ))
            .map_err(err)?;
        }
        root.draw(&Text::new(
            "pods",
            ((left + right) as i32 / 2, 296),
            anchored(12.0, HPos::Center, VPos::Bottom),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            "per month",
            (4, top as i32),
            anchored(12.0, HPos::Left, VPos::Top),
        ))
        .map_err(err)?;
        if (x_min..=x_max).contains(&(current as f64)) && current > 0 {
            root.draw(&PathElement::new(
                vec![
                    (px(current as f64), py(0.0)),
                    (px(current as f64), py(y_max)),
                ],
                AXIS.stroke_width(1),
            ))
            .map_err(err)?;
        }
        for &(_, s) in &SERIES {
            let line: Vec<(i32, i32)> = pts
                .iter()
                .filter_map(|p| value(p, s).map(|v| (px(p.pods as f64), py(v))))
                .collect();
            let style = rgb(color(s));
            root.draw(&PathElement::new(line.clone(), style.stroke_width(2)))
                .map_err(err)?;
            for &pt in &line {
                root.draw(&Circle::new(pt, 3, style.filled()))
                    .map_err(err)?;
            }
        }
        Ok(())
    })?;
    let summary = summarize(&pts, current);
    Ok(Chart {
        svg,
        title,
        summary,
        // Fargate only when it can run the workload.
        legend: SERIES
            .iter()
            .filter(|&&(_, s)| pts.iter().any(|p| value(p, s).is_some()))
            .map(|&(n, s)| (n.to_owned(), color(s).to_owned()))
            .collect(),
    })
}

/// About `n` round values from `lo` to `hi`: steps of 1, 2 or 5 times a
/// power of ten.
pub fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) || n == 0 {
        return vec![lo];
    }
    let raw = span / n as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil() * step;
    (0..=n * 2 + 2)
        .map(|i| first + i as f64 * step)
        .take_while(|v| *v <= hi + step * 1e-9)
        .collect()
}

/// Where the options cross, in words.
fn summarize(pts: &[&CurvePoint], current: u64) -> String {
    let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
        return "No pods to plan for: add a workload to see how cost grows.".to_owned();
    };
    let mut s = format!(
        "From {} to {} pods, Auto Mode costs {} to {} a month and managed node groups {} to {}",
        first.pods,
        last.pods,
        format_money(first.auto_mode),
        format_money(last.auto_mode),
        format_money(first.managed_node_groups),
        format_money(last.managed_node_groups),
    );
    match (first.fargate, last.fargate) {
        (Some(a), Some(b)) => {
            s += &format!("; Fargate {} to {}.", format_money(a), format_money(b));
            // Where Fargate stops being cheaper than Auto Mode.
            let cross = pts
                .windows(2)
                .find(|w| {
                    let below = |p: &CurvePoint| p.fargate.is_some_and(|f| f < p.auto_mode);
                    below(w[0]) != below(w[1])
                })
                .map(|w| w[1].pods);
            if let Some(pods) = cross {
                s += &format!(" Fargate and Auto Mode change places near {pods} pods.");
            }
        }
        _ => s += "; Fargate cannot run this workload.",
    }
    if current > 0 {
        s += &format!(" The plan's workload is {current} pods (the vertical line).");
    }
    s
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
    fn three_lines_and_where_they_cross() {
        let pts = [
            point(5, 200.0, 190.0, Some(100.0)),
            point(10, 300.0, 280.0, Some(250.0)),
            point(20, 400.0, 360.0, Some(500.0)),
        ];
        let c = break_even(&pts, 10).expect("draws");
        assert_eq!(c.svg.matches("stroke-width=\"2\"").count(), 3, "{}", c.svg);
        assert!(c.summary.contains("near 20 pods"), "{}", c.summary);
        assert!(c.summary.contains("10 pods (the vertical line)"));
        assert_eq!(c.legend.len(), 3);
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(
            ticks(0.0, 1000.0, 5),
            vec![0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]
        );
        assert_eq!(ticks(7.0, 240.0, 6), vec![50.0, 100.0, 150.0, 200.0]);
        assert_eq!(ticks(0.0, 0.0, 5), vec![0.0]);
    }

    #[test]
    fn no_pods_says_so() {
        let c = break_even(&[point(0, 73.0, 73.0, Some(73.0))], 0).expect("draws");
        assert!(c.summary.starts_with("No pods"));
    }
}
