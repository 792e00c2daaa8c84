//! Auto Mode, managed node groups and Fargate side by side: one stacked
//! bar per option, one segment per line item.

use eksplan_core::cost::CostReport;
use eksplan_core::cost::report::format_money;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::svg::{AXIS, Drawing, err, render, rgb, text_width};
use crate::{Chart, ChartError, NARROW_WIDTH, WIDE_WIDTH, color, fonts};

/// The three options as stacked bars. Options the workload cannot use
/// (Fargate with DaemonSets or GPUs) are labelled, not drawn.
pub fn comparison(report: &CostReport) -> Result<Chart, ChartError> {
    let title = "Monthly cost by option".to_owned();
    let options = report.options();
    let summary = options
        .iter()
        .map(|o| {
            if o.possible {
                format!("{} {}", o.name, format_money(o.total))
            } else {
                format!("{}: not possible", o.name)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
        + ".";
    let items = report.items();
    Ok(Chart {
        svg: draw(report, WIDE_WIDTH, &title)?.svg,
        svg_narrow: draw(report, NARROW_WIDTH, &title)?.svg,
        title,
        summary,
        legend: items
            .iter()
            .enumerate()
            .map(|(i, s)| ((*s).to_owned(), color(i).to_owned()))
            .collect(),
    })
}

/// One drawing `width` units wide. Wide: option names to the left of the
/// bars; narrow: above them.
pub(crate) fn draw(report: &CostReport, width: u32, title: &str) -> Result<Drawing, ChartError> {
    let options = report.options();
    let items = report.items();
    let (small, large) = fonts(width);
    let narrow = width <= NARROW_WIDTH;
    let max = options
        .iter()
        .filter(|o| o.possible)
        .map(|o| o.total)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    // Room for the total after the longest bar.
    let total_w = options
        .iter()
        .map(|o| text_width(&format_money(o.total), small))
        .fold(0.0_f64, f64::max)
        .ceil() as i32
        + 10;
    let (label_x, bar_x, row, bar_top, bar_h) = if narrow {
        (4, 10, 52, 22, 18)
    } else {
        let names = options
            .iter()
            .map(|o| text_width(&o.name, large))
            .fold(0.0_f64, f64::max)
            .ceil() as i32;
        (names + 8, names + 16, 46, 9, 28)
    };
    let top = 8;
    let axis_h = 34;
    let height = (top + row * options.len() as i32 + axis_h) as u32;
    let plot_w = f64::from(width as i32 - bar_x - total_w);
    let x = |v: f64| bar_x + (v / max * plot_w).round() as i32;
    render(width, height, title, |c| {
        for (r, o) in options.iter().enumerate() {
            let y0 = top + row * r as i32;
            let bar = (y0 + bar_top, y0 + bar_top + bar_h);
            let mid = (bar.0 + bar.1) / 2;
            if narrow {
                c.text(
                    o.name.clone(),
                    (label_x, y0 + 2),
                    large,
                    HPos::Left,
                    VPos::Top,
                )?;
            } else {
                c.text(
                    o.name.clone(),
                    (label_x, mid),
                    large,
                    HPos::Right,
                    VPos::Center,
                )?;
            }
            if !o.possible {
                c.text(
                    "not possible for this workload",
                    (bar_x, mid),
                    small,
                    HPos::Left,
                    VPos::Center,
                )?;
                continue;
            }
            let mut at = 0.0;
            for l in o.lines.iter().filter(|l| l.monthly > 0.0) {
                let i = items.iter().position(|x| *x == l.item).unwrap_or(0);
                let (a, b) = (x(at), x(at + l.monthly));
                at += l.monthly;
                if b <= a {
                    continue;
                }
                c.root
                    .draw(&Rectangle::new(
                        [(a, bar.0), (b, bar.1)],
                        rgb(color(i)).filled(),
                    ))
                    .map_err(err)?;
            }
            c.text(
                format_money(o.total),
                (x(at) + 6, mid),
                small,
                HPos::Left,
                VPos::Center,
            )?;
        }
        // The axis: a baseline with round ticks, labels clear of each other.
        let base = top + row * options.len() as i32;
        c.root
            .draw(&PathElement::new(
                vec![(bar_x, base), (x(max), base)],
                AXIS.stroke_width(1),
            ))
            .map_err(err)?;
        let ticks = crate::curve::ticks(0.0, max, if narrow { 3 } else { 4 });
        let mut last_right = f64::NEG_INFINITY;
        for v in ticks {
            let label = crate::short_money(v);
            let lw = text_width(&label, small);
            let cx = f64::from(x(v));
            if cx - lw / 2.0 < (last_right + 6.0).max(0.0) || cx + lw / 2.0 > f64::from(width) {
                continue;
            }
            last_right = cx + lw / 2.0;
            c.root
                .draw(&PathElement::new(
                    vec![(x(v), base), (x(v), base + 4)],
                    AXIS.stroke_width(1),
                ))
                .map_err(err)?;
            c.text(label, (x(v), base + 7), small, HPos::Center, VPos::Top)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use eksplan_core::{Options, presets, resolve};

    fn report(preset: &str) -> CostReport {
        let plan = presets::find(preset)
            .and_then(|p| p.plan().ok())
            .expect("preset");
        eksplan_core::cost::estimate(&plan, &resolve(&plan), &Options::default())
    }

    #[test]
    fn every_option_is_a_bar_with_its_total() {
        let r = report("quickstart");
        let c = comparison(&r).expect("draws");
        for svg in [&c.svg, &c.svg_narrow] {
            for o in [&r.auto_mode, &r.managed_node_groups, &r.fargate] {
                assert!(svg.contains(&o.name), "{}", o.name);
                assert!(svg.contains(&format_money(o.total)), "{}", o.name);
            }
        }
        // A legend entry per item, each with its own colour.
        assert!(
            c.legend
                .iter()
                .any(|(s, _)| s == "Auto Mode management fee")
        );
        let mut colours: Vec<&str> = c.legend.iter().map(|(_, c)| c.as_str()).collect();
        colours.dedup();
        assert_eq!(colours.len(), c.legend.len());
        assert!(c.summary.starts_with("Auto Mode $"), "{}", c.summary);
    }

    #[test]
    fn an_impossible_option_is_labelled_not_drawn() {
        let r = report("production");
        assert!(!r.fargate.possible);
        let c = comparison(&r).expect("draws");
        assert!(c.svg.contains("not possible for this workload"));
        assert!(!c.svg.contains(&format_money(r.fargate.total)));
        assert!(c.summary.contains("Fargate: not possible"));
    }

    #[test]
    fn labels_are_readable_and_apart_at_both_widths() {
        for preset in ["quickstart", "production", "gpu", "spot-batch"] {
            let r = report(preset);
            for w in [NARROW_WIDTH, WIDE_WIDTH] {
                crate::check_drawing(&draw(&r, w, "t").expect("draws"));
            }
        }
    }
}
