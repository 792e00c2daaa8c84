//! `eksplan migrate`: read what `collect.sh` wrote, print the readiness
//! report, and write the migration bundle.

use eksplan_core::migrate::{self, collect::COLLECT_SCRIPT};
use eksplan_core::{Diagnostic, Options, import};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::ReportFormat;
use crate::input::{CliError, today};
use crate::report::summary;
use crate::write::bundle_to_dir;

/// Every file under `path` (a folder, recursively), or `path` itself, as
/// (name relative to what was given, bytes).
fn read_input(path: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), CliError> {
    let io = |source| CliError::Read {
        path: path.to_owned(),
        source,
    };
    if path.is_dir() {
        let mut stack = vec![(path.to_owned(), String::new())];
        while let Some((dir, prefix)) = stack.pop() {
            let mut entries: Vec<_> = std::fs::read_dir(&dir)
                .map_err(io)?
                .filter_map(Result::ok)
                .collect();
            entries.sort_by_key(|e| e.file_name());
            for e in entries {
                let name = format!("{prefix}{}", e.file_name().to_string_lossy());
                let p = e.path();
                if p.is_dir() {
                    stack.push((p, format!("{name}/")));
                } else {
                    let bytes = std::fs::read(&p).map_err(|source| CliError::Read {
                        path: p.clone(),
                        source,
                    })?;
                    out.push((name, bytes));
                }
            }
        }
    } else {
        let bytes = std::fs::read(path).map_err(io)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        out.push((name, bytes));
    }
    Ok(())
}

/// `path: severity[CODE] message` plus an indented fix.
fn text(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&format!(
            "{}: {}[{}] {}\n    fix: {}\n",
            d.path,
            d.severity,
            d.code.as_str(),
            d.message,
            d.fix
        ));
    }
    out
}

/// `eksplan migrate`.
pub fn run(
    inputs: &[PathBuf],
    out: Option<&Path>,
    force: bool,
    format: ReportFormat,
    day: Option<&str>,
    print_collect_script: bool,
) -> Result<ExitCode, CliError> {
    if print_collect_script {
        print!("{COLLECT_SCRIPT}");
        return Ok(ExitCode::SUCCESS);
    }
    if inputs.is_empty() {
        return Err(CliError::Usage(
            "give the folder (or zip, or files) collect.sh wrote; get the script with --print-collect-script".into(),
        ));
    }
    let options = Options {
        today: Some(today(day)?),
    };
    let mut files = Vec::new();
    for i in inputs {
        read_input(i, &mut files)?;
    }
    let m = migrate::assess(import::import(files), &options);
    match format {
        ReportFormat::Text => {
            print!("{}", text(&m.findings));
            let name = m
                .import
                .snapshot
                .eks()
                .map(|c| format!("cluster {}", c.name))
                .unwrap_or_else(|| "import".to_owned());
            println!("{name}: {}", summary(&m.findings));
        }
        ReportFormat::Json => {
            let json = serde_json::to_string_pretty(&m.findings)
                .map_err(|e| CliError::Usage(e.to_string()))?;
            println!("{json}");
        }
    }
    if let Some(dir) = out {
        let bundle = migrate::bundle::build(&m, &options);
        bundle_to_dir(&bundle, dir, force)?;
        eprintln!(
            "Wrote {} files to {}; start with {}/README.md",
            bundle.len(),
            dir.display(),
            dir.display()
        );
    }
    Ok(if m.has_blockers() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
