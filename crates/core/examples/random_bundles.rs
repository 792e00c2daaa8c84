//! Write bundles for random valid plans, for the real validators:
//! `cargo run -p eksplan-core --example random_bundles -- OUT COUNT [TARGET...]`
//! writes `OUT/random-<n>-<target>/` for each target (default: every target
//! but Terraform, whose random plans the property tests parse already).
//!
//! The plans come from the property tests' strategies with a fixed seed, so
//! the same command writes the same bundles.

#[path = "../tests/support/mod.rs"]
mod support;

use eksplan_core::plan::Target;
use eksplan_core::{Options, generate};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(count)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: random_bundles OUT COUNT [TARGET...]");
        return ExitCode::from(2);
    };
    let targets: Vec<Target> = if args.len() > 2 {
        match args[2..]
            .iter()
            .map(|t| Target::parse(t).ok_or(t))
            .collect()
        {
            Ok(t) => t,
            Err(t) => {
                eprintln!("unknown target {t}");
                return ExitCode::from(2);
            }
        }
    } else {
        Target::ALL
            .iter()
            .copied()
            .filter(|t| *t != Target::Terraform)
            .collect()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = support::valid_plan();
    let options = Options {
        today: Some(support::TODAY),
    };
    for n in 0..count {
        let Ok(tree) = strategy.new_tree(&mut runner) else {
            eprintln!("could not draw a plan");
            return ExitCode::from(1);
        };
        for &target in &targets {
            let mut plan = tree.current();
            plan.target = target;
            let output = generate(&plan, &options);
            let bundle = match output.bundle {
                Ok(b) => b,
                Err(e) => {
                    eprintln!(
                        "random plan {n} ({}) does not generate: {e}",
                        target.as_str()
                    );
                    return ExitCode::from(1);
                }
            };
            let dir = Path::new(out).join(format!("random-{n}-{}", target.as_str()));
            for (path, text) in bundle.files() {
                let file = dir.join(path);
                if let Some(parent) = file.parent()
                    && let Err(e) = std::fs::create_dir_all(parent)
                {
                    eprintln!("{}: {e}", parent.display());
                    return ExitCode::from(1);
                }
                if let Err(e) = std::fs::write(&file, text) {
                    eprintln!("{}: {e}", file.display());
                    return ExitCode::from(1);
                }
            }
            println!("{}", dir.display());
        }
    }
    ExitCode::SUCCESS
}
