//! The subcommands.

use eksplan_core::catalog::versions;
use eksplan_core::plan::{Plan, Target};
use eksplan_core::presets::{self, PRESETS};
use eksplan_core::{Code, GenerateError, Options, validate};
use std::path::Path;
use std::process::ExitCode;

use crate::explain::{self, Style};
use crate::input::{CliError, load, today};
use crate::report::{locate_all, plan_errors, plan_errors_json, summary, text};
use crate::write::bundle_to_dir;
use crate::{PlanFormat, ReportFormat};

fn preset_plan(name: &str) -> Result<Plan, CliError> {
    let preset = presets::find(name).ok_or_else(|| {
        let names: Vec<_> = PRESETS.iter().map(|p| p.name).collect();
        CliError::Usage(format!(
            "no preset `{name}`; presets are: {}",
            names.join(", ")
        ))
    })?;
    preset.plan().map_err(|err| CliError::Plan {
        file: format!("preset:{name}"),
        errors: err.into(),
    })
}

/// The plan from a file or a preset: its name for messages, its text (to
/// locate diagnostics) and the plan.
pub(crate) fn plan_or_preset(
    plan: Option<&Path>,
    preset: Option<&str>,
) -> Result<(String, String, Plan), CliError> {
    match (plan, preset) {
        (Some(p), _) => {
            let l = load(p)?;
            Ok((l.name, l.text, l.plan))
        }
        (None, Some(n)) => {
            let plan = preset_plan(n)?;
            let text = presets::find(n)
                .map(|p| p.yaml.to_owned())
                .unwrap_or_default();
            Ok((format!("preset:{n}"), text, plan))
        }
        (None, None) => Err(CliError::Usage("give a plan file or --preset".into())),
    }
}

/// The schema's file name, which `init` refers to (relative to the plan,
/// as the YAML language server and VS Code resolve it).
pub const SCHEMA_FILE: &str = "plan.schema.json";

/// A plan's text that names its schema: a modeline comment in YAML, a
/// `$schema` entry in JSON (the planner skips it when reading).
fn plan_text(plan: &Plan, format: PlanFormat) -> Result<String, CliError> {
    let usage = |e: String| CliError::Usage(format!("could not write the plan: {e}"));
    match format {
        PlanFormat::Yaml => {
            let yaml = plan.to_yaml().map_err(|e| usage(e.to_string()))?;
            Ok(format!(
                "# yaml-language-server: $schema={SCHEMA_FILE}\n{yaml}"
            ))
        }
        PlanFormat::Json => {
            let value = eksplan_core::textfmt::value(plan).map_err(usage)?;
            let mut map = serde_json::Map::new();
            map.insert("$schema".into(), SCHEMA_FILE.into());
            if let serde_json::Value::Object(fields) = value {
                map.extend(fields);
            }
            let mut text = serde_json::to_string_pretty(&serde_json::Value::Object(map))
                .map_err(|e| usage(e.to_string()))?;
            text.push('\n');
            Ok(text)
        }
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), CliError> {
    std::fs::write(path, text).map_err(|source| CliError::Write {
        path: path.to_owned(),
        source,
    })
}

/// `eksplan init`.
pub fn init(
    preset: Option<&str>,
    format: PlanFormat,
    out: Option<&Path>,
    force: bool,
) -> Result<ExitCode, CliError> {
    let plan = match preset {
        Some(name) => preset_plan(name)?,
        None => Plan::default(),
    };
    let text = plan_text(&plan, format)?;
    let Some(out) = out else {
        print!("{text}");
        eprintln!(
            "eksplan: the plan refers to {SCHEMA_FILE} beside it for editor completion; \
             write it with `eksplan schema --out {SCHEMA_FILE}` (or use `eksplan init --out FILE`)"
        );
        return Ok(ExitCode::SUCCESS);
    };
    if out.exists() && !force {
        return Err(CliError::Usage(format!(
            "{} already exists; pass --force to overwrite it",
            out.display()
        )));
    }
    let schema_path = out
        .parent()
        .map(|d| d.join(SCHEMA_FILE))
        .unwrap_or_else(|| SCHEMA_FILE.into());
    write_file(out, &text)?;
    write_file(&schema_path, &schema_text()?)?;
    println!(
        "Wrote {} and its schema {}",
        out.display(),
        schema_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `eksplan check`.
pub fn check(path: &Path, format: ReportFormat, day: Option<&str>) -> Result<ExitCode, CliError> {
    let loaded = match load(path) {
        Ok(l) => l,
        Err(CliError::Plan { file, errors }) => {
            match format {
                ReportFormat::Text => eprint!("{}", plan_errors(&file, &errors)),
                ReportFormat::Json => {
                    let json = serde_json::to_string_pretty(&plan_errors_json(&file, &errors))
                        .map_err(|e| CliError::Usage(e.to_string()))?;
                    println!("{json}");
                }
            }
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e),
    };
    let options = Options {
        today: Some(today(day)?),
    };
    let diags = validate(&loaded.plan, &options);
    let located = locate_all(&loaded.name, &loaded.text, &diags);
    match format {
        ReportFormat::Text => {
            print!("{}", text(&located));
            println!("{}: {}", loaded.name, summary(&diags));
        }
        ReportFormat::Json => {
            let json = serde_json::to_string_pretty(&located)
                .map_err(|e| CliError::Usage(e.to_string()))?;
            println!("{json}");
        }
    }
    Ok(if eksplan_core::diag::has_errors(&diags) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `eksplan generate`.
pub fn generate(
    plan: Option<&Path>,
    preset: Option<&str>,
    out: &Path,
    zip: Option<&Path>,
    force: bool,
    day: Option<&str>,
    target: Option<Target>,
) -> Result<ExitCode, CliError> {
    let (name, source, mut plan) = plan_or_preset(plan, preset)?;
    if let Some(t) = target {
        plan.target = t;
    }
    let options = Options {
        today: Some(today(day)?),
    };
    let output = eksplan_core::generate(&plan, &options);
    let located = locate_all(&name, &source, &output.diagnostics);
    eprint!("{}", text(&located));
    match output.bundle {
        Ok(bundle) => {
            bundle_to_dir(&bundle, out, force)?;
            if let Some(zip_path) = zip {
                let bytes = bundle
                    .to_zip(&plan.cluster.name)
                    .map_err(|e| CliError::Usage(e.to_string()))?;
                std::fs::write(zip_path, bytes).map_err(|source| CliError::Write {
                    path: zip_path.to_owned(),
                    source,
                })?;
            }
            eprintln!("{name}: {}", summary(&output.diagnostics));
            println!("Wrote {} files to {}", bundle.len(), out.display());
            let dir = out.display();
            match plan.target {
                Target::Terraform => println!(
                    "Next: read {dir}/README.md, then run terraform -chdir={dir}/terraform init"
                ),
                Target::Eksctl => println!(
                    "Next: read {dir}/README.md: deploy {dir}/eksctl/prerequisites.yaml, then run eksctl create cluster"
                ),
                Target::Cloudformation => println!(
                    "Next: read {dir}/README.md, then run aws cloudformation deploy --template-file {dir}/cloudformation/template.yaml"
                ),
                Target::Cdk => println!(
                    "Next: read {dir}/README.md, then run npm ci and npx cdk deploy in {dir}/cdk"
                ),
                Target::PulumiTs => println!(
                    "Next: read {}/README.md, then run npm install and pulumi stack init in {}/pulumi",
                    out.display(),
                    out.display()
                ),
                Target::PulumiGo => println!(
                    "Next: read {}/README.md, then run go mod tidy and pulumi stack init in {}/pulumi",
                    out.display(),
                    out.display()
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(GenerateError::Invalid(_)) => {
            eprintln!("{name}: {}; nothing written", summary(&output.diagnostics));
            Ok(ExitCode::from(1))
        }
        Err(e @ GenerateError::Invariant(_)) => Err(CliError::Usage(e.to_string())),
    }
}

/// `eksplan cost`.
pub fn cost(
    plan: Option<&Path>,
    preset: Option<&str>,
    json: bool,
    day: Option<&str>,
) -> Result<ExitCode, CliError> {
    let (name, source, plan) = plan_or_preset(plan, preset)?;
    let options = Options {
        today: Some(today(day)?),
    };
    let diags = validate(&plan, &options);
    if eksplan_core::diag::has_errors(&diags) {
        let located = locate_all(&name, &source, &diags);
        eprint!("{}", text(&located));
        eprintln!("{name}: {}; fix them to plan the cost", summary(&diags));
        return Ok(ExitCode::from(1));
    }
    let design = eksplan_core::resolve(&plan);
    let analysis = eksplan_core::cost::analyse(&plan, &design, &options);
    if json {
        let text = serde_json::to_string_pretty(&crate::cost::Json::from(&analysis))
            .map_err(|e| CliError::Usage(e.to_string()))?;
        println!("{text}");
    } else {
        print!("{}", crate::cost::render(&name, &analysis));
    }
    Ok(ExitCode::SUCCESS)
}

/// `eksplan explain`.
pub fn explain(code: Option<&str>) -> Result<ExitCode, CliError> {
    let style = Style::detect();
    let Some(code) = code else {
        println!("Every diagnostic code; `eksplan explain CODE` explains one.\n");
        print!("{}", explain::list(None, style));
        return Ok(ExitCode::SUCCESS);
    };
    if let Some(c) = Code::parse(code) {
        print!("{}", explain::explain(c, style));
        return Ok(ExitCode::SUCCESS);
    }
    if explain::is_prefix(code) {
        print!("{}", explain::list(Some(code), style));
        return Ok(ExitCode::SUCCESS);
    }
    let hint = match explain::closest(code) {
        Some(c) => format!("; did you mean `{}` ({})?", c.as_str(), c.title()),
        None => ". The codes are:\n\n".to_owned() + &explain::list(None, Style::Plain),
    };
    Err(CliError::Usage(format!(
        "unknown diagnostic code `{code}`{}",
        hint.trim_end()
    )))
}

/// `eksplan presets`.
pub fn presets() -> Result<ExitCode, CliError> {
    let width = PRESETS.iter().map(|p| p.name.len()).max().unwrap_or(0);
    for p in PRESETS {
        println!("{:width$}  {}", p.name, p.summary);
    }
    Ok(ExitCode::SUCCESS)
}

/// `eksplan versions`.
pub fn versions(day: Option<&str>) -> Result<ExitCode, CliError> {
    let today = today(day)?;
    println!(
        "{:8} {:9} {:16} {:16} on {today}",
        "version", "phase", "standard until", "extended until"
    );
    for v in versions::VERSIONS
        .iter()
        .filter(|v| v.minor >= versions::MIN_AUTO_MODE_MINOR)
    {
        let est = if v.estimated { " (estimated)" } else { "" };
        let note = v
            .support_note(today)
            .map(|n| format!("  {n}"))
            .unwrap_or_default();
        println!(
            "{:8} {:9} {:16} {:16}{est}{note}",
            v.version,
            v.phase(today).as_str(),
            v.end_of_standard.to_string(),
            v.end_of_extended.to_string()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The plan's JSON Schema, with the `$schema` entry a plan file may hold
/// to name it.
fn schema_text() -> Result<String, CliError> {
    let schema = schemars::schema_for!(Plan);
    let mut value = serde_json::to_value(&schema).map_err(|e| CliError::Usage(e.to_string()))?;
    if let Some(serde_json::Value::Object(props)) = value.get_mut("properties") {
        let mut with = serde_json::Map::new();
        with.insert(
            "$schema".into(),
            serde_json::json!({
                "description": "This file's JSON Schema, for editor completion (the planner ignores it).",
                "type": "string"
            }),
        );
        with.extend(std::mem::take(props));
        *props = with;
    }
    let mut text =
        serde_json::to_string_pretty(&value).map_err(|e| CliError::Usage(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// `eksplan schema`.
pub fn schema(out: Option<&Path>) -> Result<ExitCode, CliError> {
    let text = schema_text()?;
    match out {
        Some(path) => write_file(path, &text)?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
