//! Renders the diagnostic explanations (Markdown in eksplan-core) to HTML at
//! build time, so the browser bundle needs no Markdown renderer.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    // The crate's folder as Cargo names it when the script runs (not when it
    // was compiled: a script binary reused from another checkout of the
    // same workspace would otherwise read that checkout's file).
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let source = PathBuf::from(dir).join("../core/src/diag/explanations.md");
    println!("cargo:rerun-if-changed={}", source.display());
    // An unreadable file is a broken checkout: stop the build rather than
    // ship a planner whose findings explain nothing.
    let text = match std::fs::read_to_string(&source) {
        Ok(text) => text,
        Err(e) => panic!("cannot read {}: {e}", source.display()),
    };
    let mut out = String::from(
        "/// `(code, html)` for every diagnostic code, rendered from explanations.md.\npub static EXPLANATIONS: &[(&str, &str)] = &[\n",
    );
    for section in text.split("\n## ").skip(1) {
        let (code, body) = section.split_once('\n').unwrap_or((section, ""));
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body.trim()));
        let _ = writeln!(out, "    ({:?}, {:?}),", code.trim(), html.trim());
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()))
        .join("explanations.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=could not write {}: {e}", dest.display());
    }
}
