//! Write the bundles of random valid plans (the property tests' strategy,
//! hostile strings included) for the real validators:
//!
//! ```sh
//! cargo run -p eksplan-core --example random_bundles -- OUT COUNT TARGET...
//! ```
//!
//! writes `OUT/<target>/random-<n>/…` for `n` in `1..=COUNT`. The plans come
//! from a fixed seed, so a run is reproducible; each plan is written to
//! `plan.yaml` in its bundles like any other.

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::ExitCode;

use eksplan_core::plan::Target;
use eksplan_core::{Options, generate};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, TestRng, TestRunner};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(Ok(count))) = (args.first(), args.get(1).map(|c| c.parse::<usize>()))
    else {
        eprintln!("usage: random_bundles OUT COUNT TARGET...");
        return ExitCode::from(2);
    };
    let mut targets = Vec::new();
    for name in &args[2..] {
        match Target::parse(name) {
            Some(t) => targets.push(t),
            None => {
                eprintln!("unknown target {name}");
                return ExitCode::from(2);
            }
        }
    }
    let seed = [7u8; 32];
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &seed),
    );
    let options = Options {
        today: Some(support::TODAY),
    };
    for n in 1..=count {
        let plan = match support::valid_plan().new_tree(&mut runner) {
            Ok(tree) => tree.current(),
            Err(e) => {
                eprintln!("no plan: {e}");
                return ExitCode::FAILURE;
            }
        };
        for &target in &targets {
            let mut plan = plan.clone();
            plan.target = target;
            let bundle = match generate(&plan, &options).bundle {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("random plan {n} ({}): {e}", target.as_str());
                    return ExitCode::FAILURE;
                }
            };
            let dir = Path::new(out)
                .join(target.as_str())
                .join(format!("random-{n}"));
            for (path, text) in bundle.files() {
                let file = dir.join(path);
                if let Some(parent) = file.parent()
                    && let Err(e) = std::fs::create_dir_all(parent)
                {
                    eprintln!("{}: {e}", parent.display());
                    return ExitCode::FAILURE;
                }
                if let Err(e) = std::fs::write(&file, text) {
                    eprintln!("{}: {e}", file.display());
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    println!(
        "wrote {count} random plans for {} into {out}",
        targets
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    ExitCode::SUCCESS
}
