//! Golden migration bundles: each fixture under `tests/fixtures/migrate/`
//! (what collect.sh collects from a cluster) gives exactly the files in
//! `tests/fixtures/migrate/<name>.expected/`. `UPDATE_GOLDEN=1` rewrites
//! them; say in the commit which outputs changed and why.

use eksplan_core::catalog::date::Date;
use eksplan_core::{Options, import, migrate};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FIXTURES: &[&str] = &["legacy-mng", "karpenter-v1", "auto-mode", "disable"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/migrate")
}

fn files_under(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry"))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = format!("{prefix}{}", e.file_name().to_string_lossy());
        if e.path().is_dir() {
            files_under(&e.path(), &format!("{name}/"), out);
        } else {
            out.insert(name, std::fs::read(e.path()).expect("read"));
        }
    }
}

/// The bundle for a fixture, as the CLI builds it.
pub fn bundle_of(name: &str) -> eksplan_core::Bundle {
    let mut inputs = BTreeMap::new();
    files_under(&root().join(name), "", &mut inputs);
    let options = Options {
        today: Some(Date::new(2026, 11, 20)),
    };
    let m = migrate::assess(import::import(inputs), &options);
    migrate::bundle::build(&m, &options)
}

#[test]
fn migration_bundles_match_their_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for name in FIXTURES {
        let bundle = bundle_of(name);
        let dir = root().join(format!("{name}.expected"));
        if update {
            let _ = std::fs::remove_dir_all(&dir);
            for (path, text) in bundle.files() {
                let p = dir.join(path);
                std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
                std::fs::write(p, text).expect("write");
            }
            continue;
        }
        let mut expected = BTreeMap::new();
        files_under(&dir, "", &mut expected);
        let got: BTreeMap<String, Vec<u8>> = bundle
            .files()
            .map(|(p, t)| (p.to_owned(), t.as_bytes().to_vec()))
            .collect();
        if got.keys().ne(expected.keys()) {
            failures.push(format!(
                "{name}: files differ: got {:?}, expected {:?}",
                got.keys().collect::<Vec<_>>(),
                expected.keys().collect::<Vec<_>>()
            ));
            continue;
        }
        for (path, text) in &got {
            if expected.get(path) != Some(text) {
                failures.push(format!("{name}/{path} differs (UPDATE_GOLDEN=1 to accept)"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_zipped_folder_gives_the_same_bundle() {
    use std::io::Write;
    for name in FIXTURES {
        let mut inputs = BTreeMap::new();
        files_under(&root().join(name), "", &mut inputs);
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let o = zip::write::SimpleFileOptions::default();
            for (path, bytes) in &inputs {
                z.start_file(format!("{name}/{path}"), o).expect("start");
                z.write_all(bytes).expect("write");
            }
            z.finish().expect("finish");
        }
        let options = Options {
            today: Some(Date::new(2026, 11, 20)),
        };
        let from_zip = migrate::assess(
            import::import([(format!("{name}.zip"), buf.into_inner())]),
            &options,
        );
        let zipped = migrate::bundle::build(&from_zip, &options);
        let folder = bundle_of(name);
        // Only the input names in readiness.md differ (`x.zip!x/file`).
        for (path, text) in folder.files() {
            if path == "readiness.md" || path == "README.md" {
                continue;
            }
            assert_eq!(zipped.get(path), Some(text), "{name}/{path}");
        }
        assert_eq!(zipped.len(), folder.len(), "{name}");
    }
}

#[test]
fn generated_scripts_pass_shellcheck() {
    let dir = std::env::temp_dir().join(format!("eksplan-migrate-sh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let mut paths = vec![root().join("../../../crates/core/src/migrate/collect.sh")];
    for name in FIXTURES {
        let p = dir.join(format!("{name}-migrate.sh"));
        std::fs::write(&p, bundle_of(name).get("migrate.sh").expect("migrate.sh")).expect("write");
        paths.push(p);
    }
    let out = std::process::Command::new("shellcheck")
        .arg("-s")
        .arg("bash")
        .args(&paths)
        .output()
        .expect("shellcheck must be installed (apt-get install shellcheck)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
