//! `eksplan-site`: build the documentation site (see the library docs), or
//! finish Trunk's `dist/` (`eksplan-site planner`).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Build the documentation site around the planner.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Trunk's output folder (the built planner).
    #[arg(long, default_value = "dist", global = true)]
    dist: PathBuf,
    /// The www/ folder (docs/, site.css, site.js, the loader templates).
    #[arg(long, default_value = "www", global = true)]
    www: PathBuf,
    /// Where to write the site (emptied first).
    #[arg(long, default_value = "target/site")]
    out: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Finish Trunk's dist/ in place after `trunk build`: hashed names for
    /// the on-demand module, the page's loader, the prerendered page, and
    /// `.gz`/`.br` copies of every asset.
    Planner,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(Command::Planner) = args.command {
        let templates = match eksplan_site::planner::Templates::read(&args.www) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("eksplan-site: {e}");
                return ExitCode::FAILURE;
            }
        };
        let today = eksplan_site::prerender::today();
        return match eksplan_site::planner::finish(&args.dist, &templates, today) {
            Ok(build) => {
                println!(
                    "planner: {} prerendered for {today}, on-demand module {}",
                    args.dist.join("index.html").display(),
                    build.extras_wasm
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("eksplan-site: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let config = eksplan_site::Config {
        dist: args.dist,
        www: args.www,
        out: args.out,
    };
    match eksplan_site::build(&config) {
        Ok(report) => {
            println!(
                "site: {} pages, {} search entries, offline planner {} bytes, {} files precompressed, in {}",
                report.pages,
                report.search_entries,
                report.offline_bytes,
                report.compressed,
                config.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("eksplan-site: {e}");
            ExitCode::FAILURE
        }
    }
}
