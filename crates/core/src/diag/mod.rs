//! Diagnostics: what is wrong (or worth knowing) about a plan, where, and how
//! to fix it.
//!
//! Every diagnostic has a stable [`Code`] (for example `NP005`), a
//! [`Severity`], the plan field path it is about, a one-line message and a
//! one-line fix. `eksplan explain CODE` prints the long form from
//! [`Code::explanation`].

mod codes;

pub use codes::Code;

use serde::{Serialize, Serializer};
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing to change.
    Info,
    /// Works, but is risky, costly or against AWS guidance.
    Warning,
    /// Would fail at apply time or produce a broken cluster.
    Error,
}

impl Severity {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code.
    #[serde(serialize_with = "code_str")]
    pub code: Code,
    /// Severity.
    pub severity: Severity,
    /// Plan field path, for example `node_pools[0].expire_after`.
    pub path: String,
    /// What is wrong, in one line.
    pub message: String,
    /// What to do, in one line.
    pub fix: String,
}

fn code_str<S: Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.as_str())
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(
        code: Code,
        path: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            path: path.into(),
            message: message.into(),
            fix: fix.into(),
        }
    }

    /// The same diagnostic with another severity.
    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity,
            self.code.as_str(),
            self.path,
            self.message
        )
    }
}

/// Sort diagnostics: errors first, then by path, then by code.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// Whether any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}
