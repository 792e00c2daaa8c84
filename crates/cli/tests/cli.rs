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
fn init_names_a_schema_that_exists_beside_the_plan() {
    // Printed: a relative reference, and a hint on stderr to write the schema.
    let o = eksplan(&["init"]);
    assert!(
        stdout(&o).starts_with("# yaml-language-server: $schema=plan.schema.json\n"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("example.invalid"));
    assert!(
        stderr(&o).contains("eksplan schema --out plan.schema.json"),
        "{}",
        stderr(&o)
    );
    let o = eksplan(&["init", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json["$schema"], "plan.schema.json");

    // Written: the plan and its schema beside it, which validates the plan.
    let dir = temp("init-out");
    let plan = dir.join("team").join("plan.yaml");
    std::fs::create_dir_all(plan.parent().expect("parent")).expect("dir");
    let o = eksplan(&[
        "init",
        "--preset",
        "gpu",
        "--out",
        plan.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let schema =
        std::fs::read_to_string(dir.join("team/plan.schema.json")).expect("schema beside the plan");
    assert_eq!(schema, stdout(&eksplan(&["schema"])));
    let json: serde_json::Value = serde_json::from_str(&schema).expect("schema is JSON");
    assert_eq!(json["properties"]["$schema"]["type"], "string");
    let c = eksplan(&["check", plan.to_str().expect("path"), TODAY]);
    assert!(c.status.success(), "{}", stdout(&c));
    // Not overwritten without --force.
    let again = eksplan(&["init", "--out", plan.to_str().expect("path")]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    let forced = eksplan(&["init", "--out", plan.to_str().expect("path"), "--force"]);
    assert!(forced.status.success());
    let json_plan = dir.join("plan.json");
    let o = eksplan(&[
        "init",
        "--format",
        "json",
        "--out",
        json_plan.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c = eksplan(&["check", json_plan.to_str().expect("path"), TODAY]);
    assert!(c.status.success(), "{}{}", stdout(&c), stderr(&c));
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
fn check_sorts_diagnostics_by_position() {
    let dir = temp("sorted");
    // Findings come from different sections, in a different order than the
    // validator's (errors first); printed, they follow the file.
    let plan = write(
        &dir,
        "plan.yaml",
        "node_pools:\n- name: long\n  expire_after: 600h\ncluster:\n  name: demo\n  endpoint:\n    public_access_cidrs: [203.0.113.0/24]\nnetwork:\n  az_count: 3\n  availability_zones: [us-east-1a, us-east-1b]\n",
    );
    let path = plan.to_str().expect("path");
    let o = eksplan(&["check", path, TODAY]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let positions: Vec<(u64, u64)> = out
        .lines()
        .filter_map(|l| l.strip_prefix(path)?.strip_prefix(':'))
        .filter_map(|rest| {
            let mut parts = rest.splitn(3, ':');
            Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
        })
        .collect();
    assert!(positions.len() >= 3, "{out}");
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted, "{out}");
    // NW015: the count and the named zones disagree.
    assert!(
        out.contains(":9:13: warning[NW015] network.az_count:"),
        "{out}"
    );
    let json = eksplan(&["check", path, "--format", "json", TODAY]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let lines: Vec<u64> = json
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["line"].as_u64()).collect())
        .unwrap_or_default();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
}

#[test]
fn every_parse_error_is_reported_with_did_you_mean() {
    let dir = temp("typos");
    let plan = write(
        &dir,
        "plan.yaml",
        "cluster:\n  kubernetes_versoin: \"1.34\"\n  regoin: eu-west-1\nnetwork:\n  nat: per-az\nnode_pools:\n- name: a\n  weight: heavy\n",
    );
    let path = plan.to_str().expect("path");
    let o = eksplan(&["check", path]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for expected in [
        ":2:3: error: cluster.kubernetes_versoin: unknown field `kubernetes_versoin`; did you mean `kubernetes_version`?",
        ":3:3: error: cluster.regoin: unknown field `regoin`; did you mean `region`?",
        ":5:8: error: network.nat: unknown value `per-az`; did you mean `per_az`?",
        ":8:11: error: node_pools[0].weight: invalid type: string \"heavy\", expected a whole number",
        "plan.yaml: 4 errors reading the plan; nothing was checked",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    // In order, one line each, and the same as data.
    assert!(err.find(":2:3:") < err.find(":8:11:"));
    let o = eksplan(&["check", path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(4));
    assert_eq!(json[2]["path"], "network.nat");
    assert_eq!(json[2]["line"], 5);
    // generate refuses the same way, naming every problem.
    let o = eksplan(&[
        "generate",
        path,
        "--out",
        dir.join("out").to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).matches(": error: ").count(), 4, "{}", stderr(&o));
}

#[test]
fn unreadable_and_malformed_plans_get_file_line_column() {
    let dir = temp("bad");
    let plan = write(&dir, "plan.yaml", "cluster:\n  name: demo\n  nmae: typo\n");
    let o = eksplan(&["check", plan.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(
            "plan.yaml:3:3: error: cluster.nmae: unknown field `nmae`; did you mean `name`?"
        ),
        "{err}"
    );

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
    // Terminal text, not Markdown: no `**`, wrapped, the fix in words.
    assert!(!out.contains("**"), "{out}");
    assert!(out.contains("\nFix: the finding proposes"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    // Piped output has no colour codes.
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn explain_lists_every_code() {
    let o = eksplan(&["explain"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for line in [
        "  CL001  error    Invalid cluster name",
        "  NP005  error    Node lifetime over 21 days",
        "  NW015  warning  az_count disagrees with the named zones",
    ] {
        assert!(out.contains(line), "missing {line:?}");
    }
    assert!(out.contains("\nNodePool\n"), "{out}");
    // A prefix lists its section only.
    let o = eksplan(&["explain", "nw"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("Network\n  NW001"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("CL001"));
    // A near miss is suggested; anything else lists the codes.
    let o = eksplan(&["explain", "NP05"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "unknown diagnostic code `NP05`; did you mean `NP005` (Node lifetime over 21 days)?"
        ),
        "{}",
        stderr(&o)
    );
    let o = eksplan(&["explain", "ZZZZ999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("The codes are:"), "{}", stderr(&o));
    assert!(stderr(&o).contains("  CL001  error    Invalid cluster name"));
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
        "Prices in us-east-1",
        "Control plane: Kubernetes",
        "Break-even: Auto Mode and managed node groups never cross",
        "Savings hints",
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
    assert_eq!(json["pricing"]["region"], "us-east-1");
    assert!(json["control_plane"]["statement"].is_string());
    assert_eq!(json["clusters"]["count"], 1);
    assert!(json["break_even"]["statement"].is_string());
    assert!(json["curve"].as_array().is_some_and(|c| c.len() == 6));
    assert!(json["hints"].is_array());

    // A plan in eu-west-1 with several clusters, an idle Graviton spot pool
    // and savings hints with the plan changes that get them.
    let dir = temp("cost");
    let eu = write(
        &dir,
        "eu.yaml",
        "cluster: {name: shop, region: eu-west-1, kubernetes_version: \"1.33\", support_type: EXTENDED}\nnode_pools:\n- name: graviton-spot\n  requirements: {architectures: [arm64], capacity_types: [spot], instance_categories: [c, m, r]}\ncapacity:\n  clusters: 15\n  workloads: [{name: web, replicas: 12, cpu: 500m, memory: 1Gi}]\n",
    );
    let o = eksplan(&["cost", eu.to_str().expect("path"), "--today", "2026-11-21"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Prices in eu-west-1",
        "list",
        "NodePool graviton-spot (node_pools[0]) launched nothing: no workload can run on it",
        "15 clusters like this one",
        "their control planes cost $6,570.00 a month instead of $1,095.00",
        "Plan change:",
        "node_pools: add NodePool",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(!out.contains("us-east-1 on-demand prices"), "{out}");

    // A plan with errors is refused, with located diagnostics.
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

fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
        .display()
        .to_string()
}

#[test]
fn cost_from_cluster_prices_today_and_the_same_pods_on_auto_mode() {
    let dir = fixture("tests/fixtures/cost/cluster");
    let o = eksplan(&["cost", "--from-cluster", &dir, "--today", "2026-12-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Your cluster as it runs: 7 nodes in eu-west-1",
        "node group \"apps\"",
        "Karpenter NodePool \"batch\"",
        "Auto Mode NodePool \"general-purpose\"",
        "(no price: left out)",
        "Imported pods: 10 in 6 workloads and 1 DaemonSet (1 finished pod left out)",
        "For the same 10 pods",
        "Difference (Auto Mode - today):",
        "The same pods, nodes only (EC2, fees, Fargate pods):",
        "  Managed node groups ",
        "Capacity and cost plan for the same pods",
        "Prices in eu-west-1",
        "Managed node groups",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    let err = stderr(&o);
    for code in ["CI002", "CI003", "CI004"] {
        assert!(err.contains(code), "missing {code} in:\n{err}");
    }
    // The JSON: today's groups add up, and the difference is Auto Mode's
    // EC2 and fee against today's.
    let o = eksplan(&[
        "cost",
        "--from-cluster",
        &dir,
        "--json",
        "--today",
        "2026-12-01",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let today = json["today"]["monthly"].as_f64().unwrap_or_default();
    let groups: f64 = json["today"]["groups"]
        .as_array()
        .map(|a| a.iter().filter_map(|g| g["monthly"].as_f64()).sum())
        .unwrap_or_default();
    assert!(
        today > 0.0 && (today - groups).abs() < 0.02,
        "{today} {groups}"
    );
    let auto: f64 = json["report"]["auto_mode"]["lines"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|l| {
                    let item = l["item"].as_str().unwrap_or_default();
                    item.starts_with("EC2") || item == "Auto Mode management fee"
                })
                .filter_map(|l| l["monthly"].as_f64())
                .sum()
        })
        .unwrap_or_default();
    let diff = json["difference_monthly"].as_f64().unwrap_or(f64::NAN);
    assert!(
        (diff - (auto - today)).abs() < 0.02,
        "{diff} vs {auto} - {today}"
    );
    // Each option against today: Auto Mode's is the difference above.
    let alternatives = json["alternatives"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = alternatives
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert_eq!(names, ["Auto Mode", "Managed node groups", "Fargate"]);
    assert_eq!(
        alternatives[0]["difference_monthly"],
        json["difference_monthly"]
    );
    assert_eq!(alternatives[1]["fee_monthly"], 0.0);
    assert_eq!(json["report"]["pricing"]["region"], "eu-west-1");
    assert!(json["analysis"]["hints"].is_array());
    assert_eq!(
        json["imported"]["workloads"].as_array().map(Vec::len),
        Some(6)
    );
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(codes, ["CI002", "CI003", "CI004"]);
}

#[test]
fn cost_from_cluster_with_one_file_or_none() {
    // The migration's collection: only the kubectl file counts for the
    // cost, and no finding asks for describe-cluster.
    let dir = fixture("tests/fixtures/migrate/karpenter-v1/kubectl.json");
    let o = eksplan(&["cost", "--from-cluster", &dir, "--today", "2026-12-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Your cluster as it runs: 5 nodes in us-east-1"));
    assert!(!stderr(&o).contains("MI007"), "{}", stderr(&o));
    // Nothing to price: CI001 and exit 1.
    let empty = temp("cost-from-empty");
    write(&empty, "notes.txt", "not kubectl output\n");
    let o = eksplan(&[
        "cost",
        "--from-cluster",
        &empty.display().to_string(),
        "--today",
        "2026-12-01",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("CI001"), "{}", stderr(&o));
}
