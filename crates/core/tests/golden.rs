//! Golden snapshots: every preset's bundle, file by file.
//!
//! The snapshots live in `tests/golden/<preset>/`. After an intended change,
//! regenerate them with `UPDATE_GOLDEN=1 cargo test -p eksplan-core --test golden`
//! and review the diff.

use eksplan_core::catalog::date::Date;
use eksplan_core::catalog::versions;
use eksplan_core::presets::PRESETS;
use eksplan_core::{Options, generate};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The version table's date: the snapshots must not change with the calendar.
const TODAY: Date = versions::TABLE_DATE;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
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
    for preset in PRESETS {
        let plan = preset
            .plan()
            .unwrap_or_else(|e| panic!("preset {} does not parse: {e}", preset.name));
        let output = generate(&plan, &Options { today: Some(TODAY) });
        let bundle = match output.bundle {
            Ok(b) => b,
            Err(e) => panic!("preset {} does not generate: {e}", preset.name),
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

        let dir = golden_dir().join(preset.name);
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
            failures.push(format!(
                "{}: no golden files; run with UPDATE_GOLDEN=1",
                preset.name
            ));
            continue;
        }
        for (rel, text) in &actual {
            match expected.get(rel) {
                None => failures.push(format!("{}: new file {rel}", preset.name)),
                Some(want) if want != text => {
                    let line = want
                        .lines()
                        .zip(text.lines())
                        .position(|(a, b)| a != b)
                        .map_or(want.lines().count().min(text.lines().count()) + 1, |i| {
                            i + 1
                        });
                    failures.push(format!("{}: {rel} differs from line {line}", preset.name));
                }
                Some(_) => {}
            }
        }
        for rel in expected.keys().filter(|k| !actual.contains_key(*k)) {
            failures.push(format!("{}: missing file {rel}", preset.name));
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
        let plan = preset.plan().expect("preset parses");
        let options = Options { today: Some(TODAY) };
        let a = generate(&plan, &options).bundle.expect("bundle");
        let b = generate(&plan, &options).bundle.expect("bundle");
        assert_eq!(a, b, "{}", preset.name);
        let za = a.to_zip(preset.name).expect("zip");
        let zb = b.to_zip(preset.name).expect("zip");
        assert_eq!(za, zb, "zip of {}", preset.name);
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
