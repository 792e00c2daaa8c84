//! `eksplan-site`: build the documentation site (see the library docs).

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Build the documentation site around the planner.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Trunk's output folder (the built planner).
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// The www/ folder (docs/, site.css, site.js, widget.js).
    #[arg(long, default_value = "www")]
    www: PathBuf,
    /// Where to write the site (emptied first).
    #[arg(long, default_value = "target/site")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let config = eksplan_site::Config {
        dist: args.dist,
        www: args.www,
        out: args.out,
    };
    match eksplan_site::build(&config) {
        Ok(report) => {
            println!(
                "site: {} pages, {} search entries, offline planner {} bytes, in {}",
                report.pages,
                report.search_entries,
                report.offline_bytes,
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
