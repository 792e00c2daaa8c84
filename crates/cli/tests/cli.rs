//! End-to-end tests of the `eksplan` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn eksplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eksplan"))
        .args(args)
        .output()
        .expect("run eksplan")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("eksplan-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

const TODAY: &str = "--today=2026-11-21";

#[test]
fn presets_lists_all_seven() {
    let o = eksplan(&["presets"]);
    assert!(o.status.success());
    for p in [
        "quickstart",
        "production",
        "private-only",
        "gpu",
        "spot-batch",
        "platform",
        "existing-vpc",
    ] {
        assert!(stdout(&o).contains(p), "{p} missing");
    }
}

#[test]
fn init_prints_a_plan_that_checks_clean() {
    let dir = temp("init");
    for format in ["yaml", "json"] {
        let o = eksplan(&["init", "--preset", "production", "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        let plan = write(&dir, &format!("plan.{format}"), &stdout(&o));
        let c = eksplan(&["check", plan.to_str().expect("path"), TODAY]);
        assert!(c.status.success(), "{}", stdout(&c));
        assert!(stdout(&c).contains("0 error(s)"));
    }
    let o = eksplan(&["init", "--preset", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no preset `nope`"));
}

#[test]
fn check_reports_errors_with_line_and_column_and_exits_1() {
    let dir = temp("check");
    let plan = write(
        &dir,
        "plan.yaml",
        "cluster:\n  name: demo\nnode_pools:\n- name: long\n  expire_after: 600h\n",
    );
    let o = eksplan(&["check", plan.to_str().expect("path"), TODAY]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("plan.yaml:5:17: error[NP005] node_pools[0].expire_after:"),
        "{out}"
    );
    assert!(
        out.contains("fix: Set expire_after to `480h` or less"),
        "{out}"
    );
    // JSON output carries the same positions.
    let o = eksplan(&[
        "check",
        plan.to_str().expect("path"),
        "--format",
        "json",
        TODAY,
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let first = json
        .as_array()
        .and_then(|a| a.iter().find(|d| d["code"] == "NP005"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(first["line"], 5);
    assert_eq!(first["column"], 17);
    assert_eq!(first["severity"], "error");
}

#[test]
fn unreadable_and_malformed_plans_get_file_line_column() {
    let dir = temp("bad");
    let plan = write(&dir, "plan.yaml", "cluster:\n  name: demo\n  nmae: typo\n");
    let o = eksplan(&["check", plan.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("plan.yaml:3:3: unknown field `nmae`"), "{err}");

    let plan = write(&dir, "plan.json", "{\n  \"cluster\": {\"name\": [7]}\n}\n");
    let o = eksplan(&["check", plan.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("plan.json:2:"), "{}", stderr(&o));

    let o = eksplan(&["check", "/nonexistent/plan.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read /nonexistent/plan.yaml"));
}

#[test]
fn generate_writes_the_bundle_and_a_zip_with_the_same_files() {
    let dir = temp("gen");
    let out = dir.join("bundle");
    let zip_path = dir.join("bundle.zip");
    let o = eksplan(&[
        "generate",
        "--preset",
        "gpu",
        "--out",
        out.to_str().expect("p"),
        "--zip",
        zip_path.to_str().expect("p"),
        TODAY,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("terraform/eks.tf").is_file());
    assert!(out.join("kubernetes/10-nodepools.yaml").is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join("scripts/teardown.sh"))
            .expect("script")
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111, "teardown.sh is executable");
    }
    let bytes = std::fs::read(&zip_path).expect("zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("archive");
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("entry");
        let name = f.name().expect("utf-8 name").to_string();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut f, &mut text).expect("read");
        let rel = name.strip_prefix("gpu/").expect("root folder");
        assert_eq!(
            std::fs::read_to_string(out.join(rel)).expect("file"),
            text,
            "{rel}"
        );
        names.push(rel.to_owned());
    }
    assert!(names.contains(&"README.md".to_owned()));
}

#[test]
fn generate_refuses_invalid_plans_and_non_empty_folders() {
    let dir = temp("refuse");
    let plan = write(
        &dir,
        "plan.yaml",
        "cluster:\n  kubernetes_version: '1.27'\n",
    );
    let out = dir.join("out");
    let o = eksplan(&[
        "generate",
        plan.to_str().expect("p"),
        "--out",
        out.to_str().expect("p"),
        TODAY,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[CL003]"), "{}", stderr(&o));
    assert!(!out.exists(), "nothing written for an invalid plan");

    let o = eksplan(&[
        "generate",
        "--preset",
        "quickstart",
        "--out",
        out.to_str().expect("p"),
        TODAY,
    ]);
    assert!(o.status.success());
    let o = eksplan(&[
        "generate",
        "--preset",
        "quickstart",
        "--out",
        out.to_str().expect("p"),
        TODAY,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"));
}

#[test]
fn force_regeneration_removes_stale_files_but_keeps_terraform_state() {
    let dir = temp("force");
    let out = dir.join("out");
    let o = eksplan(&[
        "generate",
        "--preset",
        "quickstart",
        "--out",
        out.to_str().expect("p"),
        TODAY,
    ]);
    assert!(o.status.success());
    assert!(
        out.join("kubernetes/examples/sample-workload.yaml")
            .is_file()
    );
    std::fs::write(out.join("terraform/terraform.tfstate"), "{}").expect("state");
    std::fs::create_dir_all(out.join("terraform/.terraform")).expect("dir");
    // private-only has no sample workload: its file must go, the state must stay.
    let o = eksplan(&[
        "generate",
        "--preset",
        "private-only",
        "--out",
        out.to_str().expect("p"),
        "--force",
        TODAY,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !out.join("kubernetes/examples/sample-workload.yaml")
            .exists()
    );
    assert!(out.join("terraform/terraform.tfstate").is_file());
    assert!(out.join("terraform/.terraform").is_dir());
}

#[test]
fn explain_prints_the_long_form() {
    let o = eksplan(&["explain", "np005"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.starts_with("NP005: Node lifetime over 21 days (error)"),
        "{out}"
    );
    assert!(out.contains("504h"));
    let o = eksplan(&["explain", "ZZ999"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn versions_shows_support_windows() {
    let o = eksplan(&["versions", TODAY]);
    let out = stdout(&o);
    assert!(
        out.contains("1.35     standard  2027-03-27       2028-03-27"),
        "{out}"
    );
    assert!(out.contains("1.31     extended"), "{out}");
    assert!(out.contains("1.30     ended"), "{out}");
}

/// On the version table's date: 1.34 enters extended support the next day,
/// with the monthly price difference; 1.31 is past extended support; 1.37
/// is offered.
#[test]
fn versions_warns_of_extended_support_within_90_days() {
    let o = eksplan(&["versions", "--today=2026-12-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let line = |v: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{v} ")))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        line("1.37").starts_with("1.37     standard  2027-12-01       2028-12-01"),
        "{out}"
    );
    assert!(
        line("1.34").ends_with(
            "extended support from 2026-12-02 (in 1 day): $365.00/month more per cluster ($0.60/h instead of $0.10/h)"
        ),
        "{out}"
    );
    assert!(
        line("1.33").contains("extended") && line("1.33").contains("$365.00/month more"),
        "{out}"
    );
    assert!(line("1.31").starts_with("1.31     ended"), "{out}");
    // 1.35 is 116 days from extended support: no warning yet.
    assert!(!line("1.35").contains("extended support from"), "{out}");
    let later = eksplan(&["versions", "--today=2026-12-27"]);
    assert!(
        stdout(&later).contains("extended support from 2027-03-27 (in 90 days)"),
        "{}",
        stdout(&later)
    );
}

#[test]
fn published_schema_is_up_to_date() {
    let o = eksplan(&["schema"]);
    let published = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/plan.schema.json"),
    )
    .expect("schema/plan.schema.json");
    assert_eq!(
        stdout(&o),
        published,
        "run `cargo run -p eksplan -- schema > schema/plan.schema.json`"
    );
}

#[test]
fn cost_prints_the_comparison_and_json() {
    let o = eksplan(&["cost", "--preset", "production", "--today", "2026-11-21"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    for expected in [
        "Auto Mode",
        "Managed node groups",
        "Fargate",
        "EC2 on-demand",
        "Auto Mode management fee",
        "Lower bound",
        "not possible",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    let o = eksplan(&[
        "cost",
        "--preset",
        "production",
        "--json",
        "--today",
        "2026-11-21",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let total = json["auto_mode"]["total"].as_f64().unwrap_or_default();
    let lines: f64 = json["auto_mode"]["lines"]
        .as_array()
        .map(|a| a.iter().filter_map(|l| l["monthly"].as_f64()).sum())
        .unwrap_or_default();
    assert!(
        total > 0.0 && (total - lines).abs() < 0.01,
        "{total} vs {lines}"
    );
    assert!(
        json["fleet"]["nodes"]
            .as_array()
            .is_some_and(|n| !n.is_empty())
    );
    assert_eq!(json["fargate"]["possible"], false);

    // A plan with errors is refused, with located diagnostics.
    let dir = temp("cost");
    let plan = write(
        &dir,
        "plan.yaml",
        "capacity:\n  workloads:\n  - name: web\n    cpu: lots\n",
    );
    let o = eksplan(&[
        "cost",
        plan.to_str().expect("path"),
        "--today",
        "2026-11-21",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("plan.yaml:4:10: error[CP002]"),
        "{}",
        stderr(&o)
    );
}
