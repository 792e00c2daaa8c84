//! Printing diagnostics with file positions.

use eksplan_core::Diagnostic;
use eksplan_core::plan::{FieldPath, Locator, PlanErrors};
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

/// Attach positions to diagnostics and sort them by position in the file,
/// as compilers do (diagnostics about no particular place come first; at
/// one place, errors before warnings before notes).
pub fn locate_all<'a>(file: &'a str, text: &str, diags: &'a [Diagnostic]) -> Vec<Located<'a>> {
    let locator = Locator::new(text);
    let mut located: Vec<Located<'a>> = diags
        .iter()
        .map(|d| {
            let (line, column) = locator.locate(&FieldPath::parse(&d.path)).unwrap_or((0, 0));
            Located {
                file,
                line,
                column,
                diagnostic: d,
            }
        })
        .collect();
    located.sort_by(|a, b| {
        (a.line, a.column)
            .cmp(&(b.line, b.column))
            .then_with(|| b.diagnostic.severity.cmp(&a.diagnostic.severity))
    });
    located
}

/// A problem reading the plan, as `check --format json` prints it.
#[derive(Serialize)]
pub struct ReadProblem<'a> {
    /// File name.
    pub file: &'a str,
    /// 1-based line (0 if unknown).
    pub line: u64,
    /// 1-based column (0 if unknown).
    pub column: u64,
    /// Always `error`.
    pub severity: &'static str,
    /// The field path, empty when the text itself is malformed.
    pub path: &'a str,
    /// What is wrong.
    pub message: String,
}

/// The problems reading a plan, for `--format json`.
pub fn plan_errors_json<'a>(file: &'a str, errors: &'a PlanErrors) -> Vec<ReadProblem<'a>> {
    errors
        .errors()
        .iter()
        .map(|e| {
            let (line, column) = e.position().unwrap_or((0, 0));
            ReadProblem {
                file,
                line,
                column,
                severity: "error",
                path: e.path(),
                message: e.message(),
            }
        })
        .collect()
}

/// The problems reading a plan: `file:line:col: error: path: message`, one
/// per line, then how many.
pub fn plan_errors(file: &str, errors: &PlanErrors) -> String {
    let mut out = String::new();
    for e in errors.errors() {
        let at = match e.position() {
            Some((line, column)) => format!("{file}:{line}:{column}"),
            None => file.to_owned(),
        };
        let path = match e.path() {
            "" => String::new(),
            p => format!("{p}: "),
        };
        out.push_str(&format!("{at}: error: {path}{}\n", e.message()));
    }
    let n = errors.errors().len();
    out.push_str(&format!(
        "{file}: {n} error{} reading the plan; nothing was checked\n",
        if n == 1 { "" } else { "s" }
    ));
    out
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
