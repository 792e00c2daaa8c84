//! Auto Mode, managed node groups and Fargate side by side: one stacked
//! bar per option, one segment per line item.

use eksplan_core::cost::CostReport;
use eksplan_core::cost::report::format_money;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::svg::{AXIS, anchored, err, render, rgb};
use crate::{Chart, ChartError, color};

const WIDTH: u32 = 640;
const ROW: u32 = 46;
const LABEL: i32 = 150;
const TOP: i32 = 8;
const AXIS_H: u32 = 28;

/// The three options as stacked bars. Options the workload cannot use
/// (Fargate with DaemonSets or GPUs) are labelled, not drawn.
pub fn comparison(report: &CostReport) -> Result<Chart, ChartError> {
    let options = report.options();
    // One series per line item, in order of first appearance.
    let items = report.items();
    let max = options
        .iter()
        .filter(|o| o.possible)
        .map(|o| o.total)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let title = "Monthly cost by option".to_owned();
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
    let height = TOP as u32 + ROW * options.len() as u32 + AXIS_H;
    let plot_w = f64::from(WIDTH) - f64::from(LABEL) - 90.0;
    let x = |v: f64| LABEL + (v / max * plot_w).round() as i32;
    let svg = render(WIDTH, height, &title, |root| {
        for (row, o) in options.iter().enumerate() {
            let y0 = TOP + ROW as i32 * row as i32;
            let mid = y0 + ROW as i32 / 2;
            root.draw(&Text::new(
                o.name.clone(),
                (LABEL - 8, mid),
                anchored(13.0, HPos::Right, VPos::Center),
            ))
            .map_err(err)?;
            if !o.possible {
                root.draw(&Text::new(
                    "not possible for this workload",
                    (LABEL + 4, mid),
                    anchored(12.0, HPos::Left, VPos::Center),
                ))
                .map_err(err)?;
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
                root.draw(&Rectangle::new(
                    [(a, y0 + 8), (b, y0 + ROW as i32 - 8)],
                    rgb(color(i)).filled(),
                ))
                .map_err(err)?;
            }
            root.draw(&Text::new(
                format_money(o.total),
                (x(at) + 6, mid),
                anchored(12.0, HPos::Left, VPos::Center),
            ))
            .map_err(err)?;
        }
        // The axis: a baseline with round ticks.
        let base = TOP + ROW as i32 * options.len() as i32;
        root.draw(&PathElement::new(
            vec![(LABEL, base), (x(max), base)],
            AXIS.stroke_width(1),
        ))
        .map_err(err)?;
        for v in crate::curve::ticks(0.0, max, 4) {
            root.draw(&PathElement::new(
                vec![(x(v), base), (x(v), base + 4)],
                AXIS.stroke_width(1),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                crate::short_money(v),
                (x(v), base + 6),
                anchored(11.0, HPos::Center, VPos::Top),
            ))
            .map_err(err)?;
        }
        Ok(())
    })?;
    Ok(Chart {
        svg,
        title,
        summary,
        legend: items
            .iter()
            .enumerate()
            .map(|(i, s)| ((*s).to_owned(), color(i).to_owned()))
            .collect(),
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
        for o in [&r.auto_mode, &r.managed_node_groups, &r.fargate] {
            assert!(c.svg.contains(&o.name), "{}", o.name);
            assert!(c.svg.contains(&format_money(o.total)), "{}", o.name);
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
}
