//! Reading plans and dates: the only place the CLI touches the clock.

use eksplan_core::catalog::date::Date;
use eksplan_core::plan::{Format, Plan, PlanErrors};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Why the CLI could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The plan could not be read: every problem, one per line.
    #[error("{}", crate::report::plan_errors(.file, .errors).trim_end())]
    Plan {
        /// File name as given.
        file: String,
        /// What is wrong with it.
        errors: PlanErrors,
    },
    /// Anything else the user must fix.
    #[error("{0}")]
    Usage(String),
}

/// A plan as read from a file, with its text for locating diagnostics.
pub struct Loaded {
    /// File name as given (`-` for stdin).
    pub name: String,
    /// The source text.
    pub text: String,
    /// The plan.
    pub plan: Plan,
}

/// Read and parse a plan file; `-` reads standard input.
pub fn load(path: &Path) -> Result<Loaded, CliError> {
    let name = path.display().to_string();
    let text = if name == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|source| CliError::Read {
                path: path.to_owned(),
                source,
            })?;
        s
    } else {
        std::fs::read_to_string(path).map_err(|source| CliError::Read {
            path: path.to_owned(),
            source,
        })?
    };
    let format = if name == "-" && text.trim_start().starts_with('{') {
        Format::Json
    } else {
        Format::from_file_name(&name)
    };
    let plan = Plan::parse_all(&text, format).map_err(|errors| CliError::Plan {
        file: name.clone(),
        errors,
    })?;
    Ok(Loaded { name, text, plan })
}

/// `--today`, or the system date (UTC).
pub fn today(arg: Option<&str>) -> Result<Date, CliError> {
    match arg {
        Some(s) => Date::parse(s)
            .ok_or_else(|| CliError::Usage(format!("--today `{s}` is not a date like 2026-11-21"))),
        None => {
            let secs = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            Ok(Date::from_days((secs / 86_400) as i64))
        }
    }
}
