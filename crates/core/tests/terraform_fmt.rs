//! Every generated `.tf` file is a fixed point of `terraform fmt`.
//!
//! Runs `terraform fmt -check` (no providers needed) over every preset and
//! 60 random valid plans. `terraform` must be on PATH (the test command
//! checks for it before it runs); without it the test fails.

mod support;

use eksplan_core::presets::PRESETS;
use eksplan_core::{Bundle, Options, generate};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `terraform`, after checking it runs.
fn terraform() -> PathBuf {
    let ok = Command::new("terraform")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "terraform is not on PATH: install it (scripts/test.sh does)"
    );
    PathBuf::from("terraform")
}

fn write(bundle: &Bundle, dir: &Path) {
    for (rel, text) in bundle.files().filter(|(p, _)| p.ends_with(".tf")) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

#[test]
fn generated_terraform_is_a_fmt_fixed_point() {
    let tf = terraform();
    let root = std::env::temp_dir().join(format!("eksplan-fmt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let options = Options {
        today: Some(support::TODAY),
    };
    let mut count = 0;
    for preset in PRESETS {
        let plan = preset.plan().expect("preset");
        write(
            &generate(&plan, &options).bundle.expect("bundle"),
            &root.join(preset.name),
        );
        count += 1;
    }
    // EKSPLAN_FMT_CASES / EKSPLAN_FMT_SEED widen the search locally; CI uses
    // the fixed defaults so a failure always reproduces.
    let cases: usize = std::env::var("EKSPLAN_FMT_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let seed: u8 = std::env::var("EKSPLAN_FMT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]),
    );
    let strategy = support::valid_plan();
    for i in 0..cases {
        let plan = strategy.new_tree(&mut runner).expect("plan").current();
        if let Ok(bundle) = generate(&plan, &options).bundle {
            write(&bundle, &root.join(format!("random-{i}")));
            count += 1;
        }
    }
    assert!(count > 30, "too few bundles generated: {count}");
    let out = Command::new(tf)
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .args(["fmt", "-check", "-recursive", "-diff"])
        .arg(&root)
        .output()
        .expect("run terraform fmt");
    let diff = String::from_utf8_lossy(&out.stdout);
    let _ = std::fs::remove_dir_all(&root);
    assert!(
        out.status.success(),
        "terraform fmt would change generated files:\n{diff}"
    );
}
