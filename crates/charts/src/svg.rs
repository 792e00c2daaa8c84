//! What every chart shares: the drawing surface, fonts and the finished
//! `<svg>` element.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::ChartError;

/// The font of chart text. The page restyles it (see `planner.css`).
pub const FONT: &str = "sans-serif";

/// Text of `px` CSS pixels. (plotters' SVG backend writes font sizes
/// divided by 1.24, its ratio of em to pixel height.)
pub fn font(px: f64) -> FontDesc<'static> {
    (FONT, px * 1.24).into_font()
}

/// Text of `px` pixels, drawn from an anchor.
pub fn anchored(px: f64, h: HPos, v: VPos) -> TextStyle<'static> {
    font(px).color(&TEXT).pos(Pos::new(h, v))
}

/// Text colour in the SVG; the page overrides it with `currentColor`.
pub const TEXT: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// Axis and grid colour.
pub const AXIS: RGBColor = RGBColor(0x88, 0x88, 0x88);

/// `#rrggbb` as a plotters colour (grey when it cannot be read).
pub fn rgb(hex: &str) -> RGBColor {
    let h = hex.trim_start_matches('#');
    let part = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(0x99)
    };
    RGBColor(part(0), part(2), part(4))
}

/// Any drawing error as a [`ChartError`].
pub fn err<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError::Draw(format!("{e:?}"))
}

/// A piece of text as drawn: its box in SVG units (estimated from the
/// font size and the number of characters, generously for sans-serif).
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The text.
    pub text: String,
    /// Font size, SVG units.
    pub size: f64,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Label {
    /// Whether two labels' boxes overlap.
    pub fn overlaps(&self, other: &Label) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }
}

/// Width of `s` at `px`: 0.6 em per character, more than sans-serif
/// digits and lower-case letters take on average.
pub fn text_width(s: &str, px: f64) -> f64 {
    s.chars().count() as f64 * px * 0.6
}

/// The drawing surface of a chart, which records every label it draws.
pub struct Canvas<'a, 'b> {
    /// The plotters drawing area.
    pub root: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    /// Labels drawn so far.
    pub labels: Vec<Label>,
}

impl Canvas<'_, '_> {
    /// Draw `s` at `at`, `px` high, anchored by `h` and `v`.
    pub fn text(
        &mut self,
        s: impl Into<String>,
        at: (i32, i32),
        px: f64,
        h: HPos,
        v: VPos,
    ) -> Result<(), ChartError> {
        let s = s.into();
        let w = text_width(&s, px);
        let x = f64::from(at.0)
            - match h {
                HPos::Left => 0.0,
                HPos::Center => w / 2.0,
                HPos::Right => w,
            };
        let y = f64::from(at.1)
            - match v {
                VPos::Top => 0.0,
                VPos::Center => px / 2.0,
                VPos::Bottom => px,
            };
        self.root
            .draw(&Text::new(s.clone(), at, anchored(px, h, v)))
            .map_err(err)?;
        self.labels.push(Label {
            text: s,
            size: px,
            x,
            y,
            w,
            h: px,
        });
        Ok(())
    }
}

/// A finished drawing: the `<svg>` and the labels on it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawing {
    /// The element.
    pub svg: String,
    /// The labels, for checks.
    pub labels: Vec<Label>,
    /// The surface's size.
    pub size: (u32, u32),
}

/// Draw on a `width` × `height` surface and return the finished element:
/// sized by its container, labelled by `title` for assistive technology.
pub fn render(
    width: u32,
    height: u32,
    title: &str,
    draw: impl FnOnce(&mut Canvas<'_, '_>) -> Result<(), ChartError>,
) -> Result<Drawing, ChartError> {
    let mut out = String::new();
    let labels = {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        let mut canvas = Canvas {
            root: &root,
            labels: Vec::new(),
        };
        draw(&mut canvas)?;
        let labels = canvas.labels;
        root.present().map_err(err)?;
        labels
    };
    Ok(Drawing {
        svg: finish(&out, title),
        labels,
        size: (width, height),
    })
}

/// Make plotters' fixed-size `<svg>` scale with its container and name it.
fn finish(svg: &str, title: &str) -> String {
    let Some(end) = svg.find('>') else {
        return svg.to_owned();
    };
    let (open, rest) = svg.split_at(end);
    let open = drop_attr(&drop_attr(open, "width"), "height");
    format!(
        "{open} class=\"chart\" role=\"img\" preserveAspectRatio=\"xMinYMin meet\"><title>{}</title>{}",
        escape(title),
        &rest[1..]
    )
}

/// `<svg width="640" …` → `<svg …`.
fn drop_attr(tag: &str, name: &str) -> String {
    let needle = format!(" {name}=\"");
    match tag.find(&needle) {
        Some(at) => {
            let after = &tag[at + needle.len()..];
            match after.find('"') {
                Some(close) => format!("{}{}", &tag[..at], &after[close + 1..]),
                None => tag.to_owned(),
            }
        }
        None => tag.to_owned(),
    }
}

/// Escape text for XML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_svg_scales_and_is_named() {
        let d = render(100, 50, "A <b>&", |c| {
            c.root
                .draw(&Rectangle::new([(0, 0), (10, 10)], rgb("#0072b2").filled()))
                .map_err(err)?;
            c.text("label", (50, 25), 12.0, HPos::Center, VPos::Center)
        })
        .expect("draws");
        let svg = d.svg;
        assert_eq!(d.labels.len(), 1);
        let l = &d.labels[0];
        assert!(
            (l.w - 36.0).abs() < 1e-9 && (l.x - 32.0).abs() < 1e-9 && (l.y - 19.0).abs() < 1e-9
        );
        assert!(svg.starts_with("<svg viewBox=\"0 0 100 50\""), "{svg}");
        assert!(!svg.contains("width=\"100\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>A &lt;b&gt;&amp;</title>"));
        assert!(
            svg.contains("fill=\"#0072B2\"") || svg.contains("fill=\"#0072b2\""),
            "{svg}"
        );
    }

    #[test]
    fn colours_read_back() {
        assert_eq!(rgb("#e69f00"), RGBColor(0xe6, 0x9f, 0x00));
        assert_eq!(rgb("nonsense"), RGBColor(0x99, 0x99, 0x99));
    }
}
