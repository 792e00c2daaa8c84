//! Golden snapshots: every preset's bundle for every target, file by file.
//!
//! The Terraform snapshots live in `tests/golden/<preset>/`, the other
//! targets' in `tests/golden-<target>/<preset>/`. After an intended change,
//! regenerate them with `UPDATE_GOLDEN=1 cargo test -p eksplan-core --test golden`
//! and review the diff.

use eksplan_core::catalog::date::Date;
use eksplan_core::catalog::versions;
use eksplan_core::plan::Target;
use eksplan_core::presets::PRESETS;
use eksplan_core::{Options, generate};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The version table's date: the snapshots must not change with the calendar.
const TODAY: Date = versions::TABLE_DATE;

fn golden_dir(target: Target) -> PathBuf {
    let dir = if target == Target::Terraform {
        "tests/golden".to_owned()
    } else {
        format!("tests/golden-{}", target.as_str())
    };
    Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
}

fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if let (Ok(rel), Ok(text)) = (p.strip_prefix(root), std::fs::read_to_string(&p))
            {
                out.insert(rel.to_string_lossy().replace('\\', "/"), text);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn presets_match_their_golden_bundles() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for (preset, &target) in PRESETS
        .iter()
        .flat_map(|p| Target::ALL.iter().map(move |t| (p, t)))
    {
        let mut plan = preset
            .plan()
            .unwrap_or_else(|e| panic!("preset {} does not parse: {e}", preset.name));
        plan.target = target;
        let name = format!("{} ({})", preset.name, target.as_str());
        let output = generate(&plan, &Options { today: Some(TODAY) });
        let bundle = match output.bundle {
            Ok(b) => b,
            Err(e) => panic!("preset {name} does not generate: {e}"),
        };
        let mut actual: BTreeMap<String, String> = bundle
            .files()
            .map(|(p, c)| (p.to_owned(), c.to_owned()))
            .collect();
        let diags: String = output
            .diagnostics
            .iter()
            .map(|d| format!("{d}\n"))
            .collect();
        actual.insert("_diagnostics.txt".to_owned(), diags);

        let dir = golden_dir(target).join(preset.name);
        if update {
            let _ = std::fs::remove_dir_all(&dir);
            for (rel, text) in &actual {
                let path = dir.join(rel);
                std::fs::create_dir_all(path.parent().unwrap_or(&dir)).expect("create golden dir");
                std::fs::write(&path, text).expect("write golden file");
            }
            continue;
        }
        let expected = read_tree(&dir);
        if expected.is_empty() {
            failures.push(format!("{name}: no golden files; run with UPDATE_GOLDEN=1"));
            continue;
        }
        for (rel, text) in &actual {
            match expected.get(rel) {
                None => failures.push(format!("{name}: new file {rel}")),
                Some(want) if want != text => {
                    let line = want
                        .lines()
                        .zip(text.lines())
                        .position(|(a, b)| a != b)
                        .map_or(want.lines().count().min(text.lines().count()) + 1, |i| {
                            i + 1
                        });
                    failures.push(format!("{name}: {rel} differs from line {line}"));
                }
                Some(_) => {}
            }
        }
        for rel in expected.keys().filter(|k| !actual.contains_key(*k)) {
            failures.push(format!("{name}: missing file {rel}"));
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches (UPDATE_GOLDEN=1 to accept):\n{}",
        failures.join("\n")
    );
}

#[test]
fn output_is_byte_identical_across_runs() {
    for preset in PRESETS {
        for &target in Target::ALL {
            let mut plan = preset.plan().expect("preset parses");
            plan.target = target;
            let options = Options { today: Some(TODAY) };
            let a = generate(&plan, &options).bundle.expect("bundle");
            let b = generate(&plan, &options).bundle.expect("bundle");
            assert_eq!(a, b, "{} {target:?}", preset.name);
            let za = a.to_zip(preset.name).expect("zip");
            let zb = b.to_zip(preset.name).expect("zip");
            assert_eq!(za, zb, "zip of {} {target:?}", preset.name);
        }
    }
}

#[test]
fn every_preset_is_free_of_errors_and_round_trips() {
    for preset in PRESETS {
        let plan = preset.plan().expect("preset parses");
        let diags = eksplan_core::validate(&plan, &Options { today: Some(TODAY) });
        assert!(
            !eksplan_core::diag::has_errors(&diags),
            "{}: {diags:#?}",
            preset.name
        );
        let yaml = plan.to_yaml().expect("yaml");
        assert_eq!(
            eksplan_core::Plan::from_yaml(&yaml).expect("reparse"),
            plan,
            "{}",
            preset.name
        );
    }
}
