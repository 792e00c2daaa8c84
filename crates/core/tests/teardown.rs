//! The teardown script, its usage line and the bundle README agree.
//!
//! For every preset and fixture: the flags the script's argument parser
//! accepts are exactly the flags of its usage line (in the header comment
//! and in `--help`); every `scripts/teardown.sh` command in the README uses
//! only those flags, and the README's flag table lists each of them; the
//! command that turns deletion protection off names the bundle's
//! `deletion_protection` input, and nothing tells the user to edit a
//! generated file. The script is also run: `--help` prints the usage and
//! exits 0 without touching AWS, an unknown flag exits 2, and shellcheck
//! passes.

mod support;

use eksplan_core::presets::PRESETS;
use eksplan_core::{Bundle, Options, Plan, generate};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn plans() -> Vec<(String, Plan)> {
    let mut out: Vec<(String, Plan)> = PRESETS
        .iter()
        .map(|p| (p.name.to_owned(), p.plan().expect("preset")))
        .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("fixture");
        let name = f.file_stem().expect("name").to_string_lossy().into_owned();
        out.push((name, Plan::from_yaml(&text).expect("fixture parses")));
    }
    out
}

fn bundle(plan: &Plan) -> Bundle {
    generate(
        plan,
        &Options {
            today: Some(support::TODAY),
        },
    )
    .bundle
    .expect("bundle")
}

/// The flags of a usage line: the first word of each `[...]` group.
fn usage_flags(line: &str) -> BTreeSet<String> {
    line.split('[')
        .skip(1)
        .filter_map(|g| g.split(']').next())
        .filter_map(|g| g.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// The patterns of the argument parser's `case` arms (`--yes)`, `--)`).
fn parser_flags(script: &str) -> BTreeSet<String> {
    let start = script.find("while [[ $# -gt 0 ]]").expect("argument loop");
    let end = start + script[start..].find("esac").expect("esac");
    script[start..end]
        .lines()
        .filter_map(|l| l.trim_start().split_once(')').map(|(p, _)| p))
        .filter(|p| p.starts_with('-'))
        .flat_map(|p| p.split('|'))
        .map(str::to_owned)
        .collect()
}

/// The README's teardown section.
fn teardown_section(readme: &str) -> &str {
    let start = readme.find("## Tear down").expect("teardown section");
    let rest = &readme[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

/// Flags used by each `scripts/teardown.sh` command in a text (up to `--`).
fn commands_flags(text: &str) -> Vec<(String, BTreeSet<String>)> {
    text.lines()
        .filter(|l| l.trim_start().starts_with("scripts/teardown.sh"))
        .map(|l| {
            let mut flags = BTreeSet::new();
            for word in l.split_whitespace().skip(1) {
                if word.starts_with('#') {
                    break;
                }
                if word.starts_with('-') {
                    flags.insert(word.to_owned());
                }
                if word == "--" {
                    break;
                }
            }
            (l.to_owned(), flags)
        })
        .collect()
}

#[test]
fn script_usage_and_readme_agree() {
    let mut checked = 0;
    for (name, plan) in plans() {
        let b = bundle(&plan);
        let script = b.get("scripts/teardown.sh").expect("teardown script");
        let readme = b.get("README.md").expect("README");
        let header = script
            .lines()
            .find_map(|l| l.strip_prefix("# Usage: "))
            .unwrap_or_else(|| panic!("{name}: no usage line"));
        let help = script
            .lines()
            .find_map(|l| l.strip_prefix("Usage: "))
            .unwrap_or_else(|| panic!("{name}: no usage in --help"));
        assert_eq!(header, help, "{name}: header and --help differ");
        let usage = usage_flags(header);
        let parser = parser_flags(script);
        assert_eq!(usage, parser, "{name}: usage line and parser differ");
        assert!(
            usage.contains("--yes") && usage.contains("--help"),
            "{name}"
        );

        let section = teardown_section(readme);
        let commands = commands_flags(section);
        assert!(
            commands.iter().any(|(_, f)| f.is_empty()),
            "{name}: the README must show the plain command"
        );
        for (line, flags) in &commands {
            for f in flags {
                assert!(
                    parser.contains(f),
                    "{name}: README uses `{f}` ({line}) the script does not accept"
                );
            }
        }
        for f in &usage {
            assert!(
                section.contains(&format!("| `{f}")),
                "{name}: README's flag table lacks `{f}`"
            );
        }

        // Deletion protection goes through the input, never a file edit.
        let vars = b.get("terraform/variables.tf").expect("variables.tf");
        assert!(vars.contains("variable \"deletion_protection\""), "{name}");
        let off = "terraform -chdir=terraform apply -var deletion_protection=false";
        assert!(script.contains(off), "{name}: script must name the input");
        assert_eq!(
            section.contains(off),
            plan.cluster.deletion_protection,
            "{name}: README names the input exactly when protection is on"
        );
        for text in [script, readme] {
            assert!(
                !text.contains("in terraform/eks.tf"),
                "{name}: tells the user to edit eks.tf"
            );
        }
        checked += 1;
    }
    assert!(checked >= PRESETS.len(), "no bundles checked");
}

#[test]
fn the_script_runs_its_parser_before_touching_anything() {
    let b = bundle(&PRESETS[1].plan().expect("production"));
    let dir = std::env::temp_dir().join(format!("eksplan-teardown-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("scripts")).expect("mkdir");
    let script = dir.join("scripts/teardown.sh");
    std::fs::write(&script, b.get("scripts/teardown.sh").expect("script")).expect("write");

    let help = Command::new("bash")
        .arg(&script)
        .arg("--help")
        .env("PATH", "/usr/bin:/bin") // no aws, kubectl or terraform needed
        .output()
        .expect("bash");
    assert!(help.status.success(), "{help:?}");
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.starts_with("Usage: scripts/teardown.sh [--yes] [--help] [-- TERRAFORM_ARGS...]"),
        "{text}"
    );
    for flag in ["--yes", "--help", "-- TERRAFORM_ARGS..."] {
        assert!(
            text.contains(&format!("  {flag} ")),
            "--help lacks {flag}: {text}"
        );
    }
    let bad = Command::new("bash")
        .arg(&script)
        .arg("--protection-off")
        .env("PATH", "/usr/bin:/bin")
        .output()
        .expect("bash");
    assert_eq!(bad.status.code(), Some(2), "{bad:?}");

    let ok = Command::new("shellcheck")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "shellcheck is not on PATH: install it (scripts/test.sh does)"
    );
    let lint = Command::new("shellcheck")
        .arg("--severity=style")
        .arg(&script)
        .output()
        .expect("shellcheck");
    assert!(
        lint.status.success(),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
