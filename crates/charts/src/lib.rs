//! SVG charts of the cost report, drawn with plotters' SVG backend:
//!
//! * [`comparison`]: Auto Mode, managed node groups and Fargate as stacked
//!   bars, one segment per line item;
//! * [`break_even`]: the three options' monthly cost as the workload grows;
//! * [`nodes`]: each node of the simulated fleet with its pods, its
//!   DaemonSets and its unused capacity.
//!
//! Every chart comes with a title, a one-sentence summary and a legend, so
//! the page can label it for screen readers and draw the legend as text.
//! The SVG has no fixed size (it scales to its container) and no
//! background; text and axes take the page's colours through CSS
//! (`currentColor`), so the charts follow light and dark themes. Series
//! colours come from the Okabe–Ito palette, which stays distinguishable
//! with the common colour-vision deficiencies.

mod comparison;
mod curve;
mod fleet;
mod svg;

pub use comparison::comparison;
pub use curve::break_even;
pub use fleet::nodes;

/// A chart ready to put in a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chart {
    /// The `<svg>` element.
    pub svg: String,
    /// What it shows, in a few words (also the SVG's `<title>`).
    pub title: String,
    /// What it says, in one or two sentences (for screen readers and as a
    /// caption).
    pub summary: String,
    /// Series names and their colours (`#rrggbb`), in drawing order.
    pub legend: Vec<(String, String)>,
}

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The drawing backend failed.
    #[error("the chart could not be drawn: {0}")]
    Draw(String),
}

/// Okabe–Ito colours, in the order series take them.
pub const PALETTE: [&str; 8] = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999",
];

/// The colour for series number `i`.
pub fn color(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Money for axes: `$950`, `$1.2k`, `$34k`, `$1.5M`.
pub fn short_money(x: f64) -> String {
    let a = x.abs();
    if a >= 1e6 {
        format!("${:.1}M", x / 1e6)
    } else if a >= 1e4 {
        format!("${:.0}k", x / 1e3)
    } else if a >= 1e3 {
        format!("${:.1}k", x / 1e3)
    } else {
        format!("${x:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_money_is_short() {
        assert_eq!(short_money(950.0), "$950");
        assert_eq!(short_money(1_234.0), "$1.2k");
        assert_eq!(short_money(34_000.0), "$34k");
        assert_eq!(short_money(1_500_000.0), "$1.5M");
        assert_eq!(color(0), color(PALETTE.len()));
    }
}
