//! `eksplan`: the EKS Auto Mode Planner on the command line.
//!
//! A thin layer over `eksplan-core`: it reads files, reads the clock, writes
//! folders and archives, and maps results to exit codes. All planning logic
//! lives in the core.

mod commands;
mod cost;
mod explain;
mod input;
mod migrate;
mod report;
mod write;

use clap::{Parser, Subcommand, ValueEnum};
use eksplan_core::plan::Target;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: generating a bundle allocates many small strings, and with
/// glibc's allocator malloc/free were about 40% of its time. The benchmarks
/// in `eksplan-core` use the same allocator, so they time what this binary
/// runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Plan, check and generate EKS Auto Mode clusters: Terraform, Kubernetes
/// manifests and a README, from one plan file.
#[derive(Parser, Debug)]
#[command(name = "eksplan", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print a plan to start from (a preset, or the defaults). It names its
    /// JSON Schema (`plan.schema.json` beside it) for editor completion.
    Init {
        /// Preset to start from (see `eksplan presets`).
        #[arg(long)]
        preset: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = PlanFormat::Yaml)]
        format: PlanFormat,
        /// Write the plan to this file, and its schema beside it, instead of
        /// printing the plan.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Overwrite an existing plan file.
        #[arg(long)]
        force: bool,
    },
    /// Check a plan and print its diagnostics; exits 1 if there are errors.
    Check {
        /// Plan file (YAML or JSON; `-` for standard input).
        plan: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Date for support-window rules (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
    },
    /// Generate the bundle (Terraform, Kubernetes, README) into a folder.
    Generate {
        /// Plan file (YAML or JSON; `-` for standard input).
        #[arg(required_unless_present = "preset", conflicts_with = "preset")]
        plan: Option<PathBuf>,
        /// Generate from a preset instead of a file.
        #[arg(long)]
        preset: Option<String>,
        /// Folder to write the bundle into.
        #[arg(long)]
        out: PathBuf,
        /// Also write the bundle as a zip archive.
        #[arg(long)]
        zip: Option<PathBuf>,
        /// Overwrite a folder that already holds files (keeps terraform state).
        #[arg(long)]
        force: bool,
        /// Date for support-window rules (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
        /// The tool to write the bundle for (default: the plan's `target`,
        /// else terraform).
        #[arg(long, value_parser = target_name)]
        target: Option<Target>,
    },
    /// What Auto Mode would launch for the plan's workload (`capacity`), and
    /// what it costs a month compared with managed node groups and Fargate.
    Cost {
        /// Plan file (YAML or JSON; `-` for standard input). With
        /// --from-cluster: the cluster settings and NodePools to price the
        /// imported pods on (default: the default plan).
        #[arg(required_unless_present_any = ["preset", "from_cluster"], conflicts_with = "preset")]
        plan: Option<PathBuf>,
        /// Price a running cluster: a folder (or zip, or file) with the
        /// output of `kubectl get nodes -o json` and/or
        /// `kubectl get pods -A -o json`. Prints today's fleet and its cost,
        /// and the same pods on Auto Mode, managed node groups and Fargate.
        #[arg(long, value_name = "DIR")]
        from_cluster: Option<PathBuf>,
        /// Use a preset instead of a file.
        #[arg(long)]
        preset: Option<String>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Date for the control plane's support phase (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
    },
    /// Check an existing cluster for EKS Auto Mode: read what collect.sh wrote
    /// (a folder, a zip, or single files), print the readiness report
    /// (exits 1 if there are blockers) and write the migration bundle.
    Migrate {
        /// The folder, zip or files collect.sh wrote.
        #[arg(required_unless_present = "print_collect_script")]
        inputs: Vec<PathBuf>,
        /// Folder to write the migration bundle into.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also (or only) write the bundle as a zip archive, byte-identical to
        /// the planner page's "Download migration bundle".
        #[arg(long)]
        zip: Option<PathBuf>,
        /// Overwrite a folder that already holds files.
        #[arg(long)]
        force: bool,
        /// Output format of the report.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Date for support-window checks (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
        /// Print collect.sh, the read-only script that collects the inputs.
        #[arg(long)]
        print_collect_script: bool,
    },
    /// Explain a diagnostic code, for example `eksplan explain NP005`;
    /// without a code (or with a prefix such as `NP`), list the codes.
    Explain {
        /// The code, or a prefix such as `NP`.
        code: Option<String>,
    },
    /// List the presets.
    Presets,
    /// List the Kubernetes versions EKS Auto Mode offers, with support dates.
    Versions {
        /// Date to evaluate support on (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
    },
    /// Print the plan file's JSON Schema (for editor completion).
    Schema {
        /// Write it to this file instead.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Plan output formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum PlanFormat {
    /// YAML.
    Yaml,
    /// JSON.
    Json,
}

/// Diagnostic output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// One line per diagnostic, with the fix.
    Text,
    /// A JSON array.
    Json,
}

/// A `--target` value.
fn target_name(s: &str) -> Result<Target, String> {
    Target::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Target::ALL.iter().map(|t| t.as_str()).collect();
        format!("unknown target `{s}`; choose one of {}", names.join(", "))
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Init {
            preset,
            format,
            out,
            force,
        } => commands::init(preset.as_deref(), format, out.as_deref(), force),
        Command::Check {
            plan,
            format,
            today,
        } => commands::check(&plan, format, today.as_deref()),
        Command::Generate {
            plan,
            preset,
            out,
            zip,
            force,
            today,
            target,
        } => commands::generate(
            plan.as_deref(),
            preset.as_deref(),
            &out,
            zip.as_deref(),
            force,
            today.as_deref(),
            target,
        ),
        Command::Cost {
            plan,
            preset,
            from_cluster,
            json,
            today,
        } => match from_cluster {
            Some(dir) => crate::cost::from_cluster(
                &dir,
                plan.as_deref(),
                preset.as_deref(),
                json,
                today.as_deref(),
            ),
            None => commands::cost(plan.as_deref(), preset.as_deref(), json, today.as_deref()),
        },
        Command::Migrate {
            inputs,
            out,
            zip,
            force,
            format,
            today,
            print_collect_script,
        } => migrate::run(
            &inputs,
            out.as_deref(),
            zip.as_deref(),
            force,
            format,
            today.as_deref(),
            print_collect_script,
        ),
        Command::Explain { code } => commands::explain(code.as_deref()),
        Command::Presets => commands::presets(),
        Command::Versions { today } => commands::versions(today.as_deref()),
        Command::Schema { out } => commands::schema(out.as_deref()),
    };
    match result {
        Ok(code) => code,
        // Already `file:line:col: error: …`, one line each.
        Err(e @ input::CliError::Plan { .. }) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("eksplan: {e}");
            ExitCode::from(2)
        }
    }
}
