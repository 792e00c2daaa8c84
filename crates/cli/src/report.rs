//! Printing diagnostics with file positions.

use eksplan_core::Diagnostic;
use eksplan_core::plan::parse::locate;
use serde::Serialize;

/// A diagnostic with its position in the plan file.
#[derive(Serialize)]
pub struct Located<'a> {
    /// File name.
    pub file: &'a str,
    /// 1-based line (0 if unknown).
    pub line: u64,
    /// 1-based column (0 if unknown).
    pub column: u64,
    /// The diagnostic.
    #[serde(flatten)]
    pub diagnostic: &'a Diagnostic,
}

/// Attach positions to diagnostics.
pub fn locate_all<'a>(file: &'a str, text: &str, diags: &'a [Diagnostic]) -> Vec<Located<'a>> {
    diags
        .iter()
        .map(|d| {
            let (line, column) = locate(text, &d.path).unwrap_or((0, 0));
            Located {
                file,
                line,
                column,
                diagnostic: d,
            }
        })
        .collect()
}

/// `file:line:col: severity[CODE] path: message` plus an indented fix.
pub fn text(located: &[Located<'_>]) -> String {
    let mut out = String::new();
    for l in located {
        let d = l.diagnostic;
        let pos = if l.line > 0 {
            format!("{}:{}:{}", l.file, l.line, l.column)
        } else {
            l.file.to_owned()
        };
        out.push_str(&format!(
            "{pos}: {}[{}] {}: {}\n    fix: {}\n",
            d.severity,
            d.code.as_str(),
            d.path,
            d.message,
            d.fix
        ));
    }
    out
}

/// One-line count summary.
pub fn summary(diags: &[Diagnostic]) -> String {
    use eksplan_core::Severity::*;
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    format!(
        "{} error(s), {} warning(s), {} note(s)",
        count(Error),
        count(Warning),
        count(Info)
    )
}
