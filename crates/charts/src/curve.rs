//! The break-even view: each option's monthly cost as the workload is
//! scaled down and up, with where the lines cross said in words.

use eksplan_core::cost::CurvePoint;
use eksplan_core::cost::breakeven;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::svg::{AXIS, Drawing, err, render, rgb, text_width};
use crate::{Chart, ChartError, NARROW_WIDTH, WIDE_WIDTH, color, fonts, short_money};

/// The series, in legend order: name and colour index.
const SERIES: [(&str, usize); 3] = [("Auto Mode", 0), ("Managed node groups", 1), ("Fargate", 2)];

/// Monthly cost against pods for the three options. `current` is the
/// plan's own pod count, marked on the chart. The summary is the core's
/// break-even statement: where the lines cross, or that they never do
/// within the range, and what that means.
pub fn break_even(points: &[CurvePoint], current: u64) -> Result<Chart, ChartError> {
    let title = "Monthly cost as the workload grows".to_owned();
    let pts: Vec<&CurvePoint> = points.iter().filter(|p| p.pods > 0).collect();
    Ok(Chart {
        svg: draw(&pts, current, WIDE_WIDTH, &title)?.svg,
        svg_narrow: draw(&pts, current, NARROW_WIDTH, &title)?.svg,
        summary: breakeven::break_even(points, current).statement,
        title,
        // Fargate only when it can run the workload.
        legend: SERIES
            .iter()
            .filter(|&&(_, s)| pts.iter().any(|p| value(p, s).is_some()))
            .map(|&(n, s)| (n.to_owned(), color(s).to_owned()))
            .collect(),
    })
}

fn value(p: &CurvePoint, s: usize) -> Option<f64> {
    match s {
        0 => Some(p.auto_mode),
        1 => Some(p.managed_node_groups),
        _ => p.fargate,
    }
}

/// One drawing `width` units wide. The axis titles sit outside the tick
/// labels: "per month" above the plot, "pods" below the pod counts.
pub(crate) fn draw(
    pts: &[&CurvePoint],
    current: u64,
    width: u32,
    title: &str,
) -> Result<Drawing, ChartError> {
    let (small, large) = fonts(width);
    let narrow = width <= NARROW_WIDTH;
    let x_max = pts.iter().map(|p| p.pods).max().unwrap_or(1).max(1) as f64;
    let x_min = pts.iter().map(|p| p.pods).min().unwrap_or(0) as f64;
    let y_max = pts
        .iter()
        .flat_map(|p| (0..3).filter_map(|s| value(p, s)))
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.08;
    let y_ticks = ticks(0.0, y_max, if narrow { 4 } else { 5 });
    let money_w = y_ticks
        .iter()
        .map(|v| text_width(&short_money(*v), small))
        .fold(0.0_f64, f64::max)
        .ceil();
    let height: u32 = if narrow { 230 } else { 300 };
    // Axes are drawn from plotters' primitives rather than its
    // ChartBuilder: the coordinate and mesh machinery would add 16 KB
    // (gzipped) to the page for two axes.
    let left = money_w + 12.0;
    let right = f64::from(width) - if narrow { 20.0 } else { 24.0 };
    let top = large + 14.0;
    let bottom = f64::from(height) - (large + small + 22.0);
    let x_hi = x_max.max(x_min + 1.0);
    let px = |v: f64| (left + (v - x_min) / (x_hi - x_min) * (right - left)).round() as i32;
    let py = |v: f64| (bottom - v / y_max * (bottom - top)).round() as i32;
    render(width, height, title, |c| {
        // Horizontal grid lines and money labels.
        for &v in &y_ticks {
            c.root
                .draw(&PathElement::new(
                    vec![(px(x_min), py(v)), (px(x_hi), py(v))],
                    AXIS.mix(0.3).stroke_width(1),
                ))
                .map_err(err)?;
            c.text(
                short_money(v),
                (px(x_min) - 6, py(v)),
                small,
                HPos::Right,
                VPos::Center,
            )?;
        }
        c.text("per month", (4, 4), large, HPos::Left, VPos::Top)?;
        // The pods axis, with as many ticks as fit side by side.
        c.root
            .draw(&PathElement::new(
                vec![(px(x_min), py(0.0)), (px(x_hi), py(0.0))],
                AXIS.stroke_width(1),
            ))
            .map_err(err)?;
        let mut last_right = f64::NEG_INFINITY;
        for v in ticks(x_min, x_hi, if narrow { 4 } else { 6 }) {
            let label = format!("{v:.0}");
            let lw = text_width(&label, small);
            let cx = f64::from(px(v));
            if cx - lw / 2.0 < (last_right + 8.0).max(0.0) || cx + lw / 2.0 > f64::from(width) - 2.0
            {
                continue;
            }
            last_right = cx + lw / 2.0;
            c.root
                .draw(&PathElement::new(
                    vec![(px(v), py(0.0)), (px(v), py(0.0) + 4)],
                    AXIS.stroke_width(1),
                ))
                .map_err(err)?;
            c.text(label, (px(v), py(0.0) + 7), small, HPos::Center, VPos::Top)?;
        }
        c.text(
            "pods",
            (((left + right) / 2.0) as i32, height as i32 - 4),
            large,
            HPos::Center,
            VPos::Bottom,
        )?;
        if (x_min..=x_max).contains(&(current as f64)) && current > 0 {
            c.root
                .draw(&PathElement::new(
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
            c.root
                .draw(&PathElement::new(line.clone(), style.stroke_width(2)))
                .map_err(err)?;
            for &pt in &line {
                c.root
                    .draw(&Circle::new(pt, 3, style.filled()))
                    .map_err(err)?;
            }
        }
        Ok(())
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
        assert_eq!(c.svg_narrow.matches("stroke-width=\"2\"").count(), 3);
        assert!(
            c.summary
                .contains("Fargate is cheaper than Auto Mode below about 13 pods"),
            "{}",
            c.summary
        );
        assert!(
            c.summary.contains("never cross from 5 to 20 pods"),
            "{}",
            c.summary
        );
        assert!(c.summary.contains("10 pods (the vertical line)"));
        assert_eq!(c.legend.len(), 3);
    }

    #[test]
    fn axis_titles_clear_the_ticks_at_both_widths() {
        for pts in [
            vec![
                point(8, 420.0, 380.0, None),
                point(256, 9_800.0, 8_700.0, None),
            ],
            vec![
                point(3, 120.0, 110.0, Some(90.0)),
                point(12, 410.0, 370.0, Some(390.0)),
                point(96, 2_950.0, 2_600.0, Some(3_900.0)),
                point(1_536, 41_000.0, 36_500.0, Some(61_000.0)),
            ],
        ] {
            let refs: Vec<&CurvePoint> = pts.iter().collect();
            for w in [NARROW_WIDTH, WIDE_WIDTH] {
                let d = draw(&refs, 12, w, "t").expect("draws");
                crate::check_drawing(&d);
                assert!(d.labels.iter().any(|l| l.text == "per month"));
                assert!(d.labels.iter().any(|l| l.text == "pods"));
            }
        }
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
