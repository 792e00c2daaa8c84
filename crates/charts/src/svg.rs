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

/// Draw on a `width` × `height` surface and return the finished element:
/// sized by its container, labelled by `title` for assistive technology.
pub fn render(
    width: u32,
    height: u32,
    title: &str,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&root)?;
        root.present().map_err(err)?;
    }
    Ok(finish(&out, title))
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
        let svg = render(100, 50, "A <b>&", |root| {
            root.draw(&Rectangle::new([(0, 0), (10, 10)], rgb("#0072b2").filled()))
                .map_err(err)
        })
        .expect("draws");
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
