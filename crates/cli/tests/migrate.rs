//! End-to-end tests of `eksplan migrate`: the readiness report, exit codes,
//! and the bundle byte for byte against the golden files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn eksplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eksplan"))
        .args(args)
        .output()
        .expect("run eksplan")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/migrate")
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("eksplan-migrate-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn tree(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry"))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = format!("{prefix}{}", e.file_name().to_string_lossy());
        if e.path().is_dir() {
            tree(&e.path(), &format!("{name}/"), out);
        } else {
            out.insert(name, std::fs::read(e.path()).expect("read"));
        }
    }
}

#[test]
fn prints_the_collect_script() {
    let o = eksplan(&["migrate", "--print-collect-script"]);
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        eksplan_core::migrate::collect::COLLECT_SCRIPT
    );
}

#[test]
fn writes_the_golden_bundle_and_exits_like_check() {
    for (name, code) in [
        ("legacy-mng", 1),
        ("karpenter-v1", 1),
        ("auto-mode", 0),
        ("disable", 0),
    ] {
        let out = temp(name);
        let input = fixtures().join(name);
        let o = eksplan(&[
            "migrate",
            input.to_str().expect("path"),
            "--out",
            out.to_str().expect("path"),
            "--today",
            "2026-11-20",
        ]);
        let text = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(code), "{name}:\n{text}");
        assert!(
            text.lines().last().is_some_and(|l| l.contains("error(s)")),
            "{text}"
        );
        let mut got = BTreeMap::new();
        tree(&out, "", &mut got);
        let mut want = BTreeMap::new();
        tree(&fixtures().join(format!("{name}.expected")), "", &mut want);
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>(),
            "{name}"
        );
        for (path, bytes) in &want {
            assert!(
                got.get(path) == Some(bytes),
                "{name}/{path} differs from the golden file"
            );
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(out.join("migrate.sh"))
                .expect("migrate.sh")
                .permissions()
                .mode();
            assert_eq!(mode & 0o111, 0o111, "migrate.sh is executable");
        }
        let _ = std::fs::remove_dir_all(&out);
    }
}

#[test]
fn legacy_report_names_objects_and_fixes() {
    let input = fixtures().join("legacy-mng");
    let o = eksplan(&[
        "migrate",
        input.to_str().expect("path"),
        "--today",
        "2026-11-20",
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    for needle in [
        "cluster/legacy: error[MR005]",
        "nodegroup/apps: error[MR006]",
        "nodegroup/apps: error[MR008]",
        "nodegroup/workers: error[MR009]",
        "nodegroup/workers: error[MR010]",
        "addon/vpc-cni: warning[MR011]",
        "pv/pvc-4f1c2d3e-0001: warning[MR016]",
        "pdb/data/postgres: warning[MR017]",
        "deployment/shop/cart: error[MR019]",
        "service/shop/api: warning[MR015]",
        "    fix: ",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn json_report_and_bad_input() {
    let input = fixtures().join("auto-mode");
    let o = eksplan(&[
        "migrate",
        input.to_str().expect("path"),
        "--format",
        "json",
        "--today",
        "2026-11-20",
    ]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json report");
    let items = v.as_array().expect("array");
    assert!(items.iter().any(|d| d["code"] == "MR021"));
    // A file that is not collected output, alone: MI001 and MI007, exit 1.
    let dir = temp("bad");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("notes.txt"), "hello").expect("write");
    let o = eksplan(&[
        "migrate",
        dir.to_str().expect("path"),
        "--today",
        "2026-11-20",
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text.contains("notes.txt: error[MI001]") && text.contains("MI007"),
        "{text}"
    );
    // No input at all is a usage error.
    assert_eq!(eksplan(&["migrate"]).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
