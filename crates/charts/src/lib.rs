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
//!
//! Each chart is drawn twice, for narrow and for wide containers, and the
//! page shows one by a container query (`planner.css`): the narrow drawing
//! is [`NARROW_WIDTH`] units wide with text of at least [`NARROW_MIN_FONT`],
//! so in a phone's 360 px viewport (a chart container of about 300 px, and
//! never less than [`MIN_CONTAINER`]) no label is smaller than 11 px; the
//! wide one is shown from [`BREAKPOINT`] px with text of at least
//! [`WIDE_MIN_FONT`]. No label overlaps another or leaves the drawing.

mod comparison;
mod curve;
mod fleet;
mod svg;

pub use svg::{Drawing, Label};

/// The two drawings' text sizes, for a width.
pub(crate) fn fonts(width: u32) -> (f64, f64) {
    if width <= NARROW_WIDTH {
        (NARROW_MIN_FONT, NARROW_MIN_FONT + 1.0)
    } else {
        (WIDE_MIN_FONT, WIDE_MIN_FONT + 1.0)
    }
}

pub use comparison::comparison;
pub use curve::break_even;
pub use fleet::{nodes, rows as node_rows};

/// Width of the narrow drawings, SVG units.
pub const NARROW_WIDTH: u32 = 300;

/// Width of the wide drawings, SVG units.
pub const WIDE_WIDTH: u32 = 640;

/// Container width from which the page shows the wide drawing, px.
pub const BREAKPOINT: u32 = 560;

/// Narrowest chart container the narrow drawing is made for, px.
pub const MIN_CONTAINER: u32 = 275;

/// Smallest text of the narrow drawings, SVG units.
pub const NARROW_MIN_FONT: f64 = 12.0;

/// Smallest text of the wide drawings, SVG units.
pub const WIDE_MIN_FONT: f64 = 13.0;

/// A chart ready to put in a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chart {
    /// The `<svg>` element for wide containers.
    pub svg: String,
    /// The `<svg>` element for narrow containers (phones).
    pub svg_narrow: String,
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

/// Checks every chart's drawings must pass: labels at least the minimum
/// size, inside the drawing, and never on top of each other.
#[cfg(test)]
pub(crate) fn check_drawing(d: &Drawing) {
    let (w, h) = (f64::from(d.size.0), f64::from(d.size.1));
    let min = if d.size.0 <= NARROW_WIDTH {
        NARROW_MIN_FONT
    } else {
        WIDE_MIN_FONT
    };
    for (i, a) in d.labels.iter().enumerate() {
        assert!(a.size >= min, "{:?} is smaller than {min}", a.text);
        assert!(
            a.x >= -0.5 && a.y >= -0.5 && a.x + a.w <= w + 0.5 && a.y + a.h <= h + 0.5,
            "{:?} leaves the {w}×{h} drawing: {a:?}",
            a.text
        );
        for b in &d.labels[i + 1..] {
            assert!(
                !a.overlaps(b),
                "{:?} overlaps {:?}: {a:?} {b:?}",
                a.text,
                b.text
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_text_is_at_least_11_px() {
        // The narrow drawing in the narrowest container it is made for, and
        // the wide one at the breakpoint.
        let scale = |container: u32, width: u32| f64::from(container) / f64::from(width);
        assert!(NARROW_MIN_FONT * scale(MIN_CONTAINER, NARROW_WIDTH) >= 11.0 - 1e-9);
        assert!(WIDE_MIN_FONT * scale(BREAKPOINT, WIDE_WIDTH) >= 11.0);
        // A 360 px phone: 12 px page padding, 17 px cost panel padding and
        // border on each side.
        const { assert!(360 - 2 * (12 + 17) >= MIN_CONTAINER) };
    }

    #[test]
    fn axis_money_is_short() {
        assert_eq!(short_money(950.0), "$950");
        assert_eq!(short_money(1_234.0), "$1.2k");
        assert_eq!(short_money(34_000.0), "$34k");
        assert_eq!(short_money(1_500_000.0), "$1.5M");
        assert_eq!(color(0), color(PALETTE.len()));
    }
}
