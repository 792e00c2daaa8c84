//! The subcommands.

use eksplan_core::catalog::versions;
use eksplan_core::plan::{Plan, Target};
use eksplan_core::presets::{self, PRESETS};
use eksplan_core::{Code, GenerateError, Options, validate};
use std::path::Path;
use std::process::ExitCode;

use crate::input::{CliError, load, today};
use crate::report::{locate_all, summary, text};
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
        err,
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

/// `eksplan init`.
pub fn init(preset: Option<&str>, format: PlanFormat) -> Result<ExitCode, CliError> {
    let plan = match preset {
        Some(name) => preset_plan(name)?,
        None => Plan::default(),
    };
    let text = match format {
        PlanFormat::Yaml => plan.to_yaml(),
        PlanFormat::Json => plan.to_json(),
    }
    .map_err(|err| CliError::Plan {
        file: "plan".into(),
        err,
    })?;
    if matches!(format, PlanFormat::Yaml) {
        print!(
            "# yaml-language-server: $schema=https://example.invalid/eks-auto-mode-planner/plan.schema.json\n{text}"
        );
    } else {
        print!("{text}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `eksplan check`.
pub fn check(path: &Path, format: ReportFormat, day: Option<&str>) -> Result<ExitCode, CliError> {
    let loaded = load(path)?;
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
pub fn explain(code: &str) -> Result<ExitCode, CliError> {
    let c = Code::parse(code)
        .ok_or_else(|| CliError::Usage(format!("unknown diagnostic code `{code}`")))?;
    println!("{} ({})\n\n{}", c.heading(), c.severity(), c.explanation());
    Ok(ExitCode::SUCCESS)
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

/// `eksplan schema`.
pub fn schema() -> Result<ExitCode, CliError> {
    let schema = schemars::schema_for!(Plan);
    let text = serde_json::to_string_pretty(&schema).map_err(|e| CliError::Usage(e.to_string()))?;
    println!("{text}");
    Ok(ExitCode::SUCCESS)
}
