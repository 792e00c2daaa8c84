//! Long explanations of diagnostic codes, rendered to HTML at build time.

include!(concat!(env!("OUT_DIR"), "/explanations.rs"));

/// The explanation of a code, as HTML (from trusted, build-time Markdown).
pub fn html(code: &str) -> &'static str {
    EXPLANATIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, h)| *h)
        .unwrap_or("")
}
