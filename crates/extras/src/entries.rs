//! Text-to-text entry points of the on-demand module: a name, and a
//! function from JSON text to JSON text. A new on-demand feature that needs
//! no UI of its own (an output target's files, a migration import) is one
//! more line in [`ENTRIES`].

use eksplan_core::catalog::date::Date;
use eksplan_core::{Options, Plan, resolve};
use serde_json::Value;

/// An entry: JSON in, JSON out, or a message saying what is wrong.
pub type Entry = fn(&str) -> Result<String, String>;

/// Every entry, by name.
pub const ENTRIES: &[(&str, Entry)] = &[
    ("cost-report", cost_report),
    ("explain", explain),
    ("generate", generate),
    // Issue 13's parts the first paint does not need (see
    // `eksplan_web::entries`).
    ("line-changes", eksplan_web::entries::line_changes),
    ("field-lines", eksplan_web::entries::field_lines),
    ("review-table", eksplan_web::entries::review_table),
];

/// Run `name` on `input`.
pub fn run(name: &str, input: &str) -> Result<String, String> {
    let (_, entry) = ENTRIES
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| format!("no entry `{name}` in this module"))?;
    entry(input)
}

/// The plan and the date of an entry's input.
fn plan_and_options(input: &str) -> Result<(Plan, Options), String> {
    let value: Value = serde_json::from_str(input).map_err(|e| format!("input: {e}"))?;
    let plan = value
        .get("plan")
        .ok_or_else(|| "input: no `plan`".to_owned())
        .and_then(|p| {
            Plan::from_node(&eksplan_core::plan::read::node_from_json(p))
                .map_err(|e| format!("plan: {e}"))
        })?;
    let today = match value.get("today").and_then(Value::as_str) {
        Some(t) => Some(Date::parse(t).ok_or_else(|| format!("today: `{t}` is not YYYY-MM-DD"))?),
        None => None,
    };
    Ok((plan, Options { today }))
}

/// A diagnostic code (`NP005`, the bare text, not JSON) → its long
/// explanation as HTML (rendered from `explanations.md` at build time). The
/// page's own module leaves the table to this one: it is read only when a
/// finding's "Explain" line is opened.
fn explain(code: &str) -> Result<String, String> {
    match eksplan_web::explanations::html(code.trim()) {
        "" => Err(format!("no diagnostic code `{}`", code.trim())),
        html => Ok(html.to_owned()),
    }
}

/// `{"plan": <plan>, "today": "YYYY-MM-DD"}` → the cost report, as
/// `eksplan cost --json` writes it.
fn cost_report(input: &str) -> Result<String, String> {
    let (plan, options) = plan_and_options(input)?;
    let design = resolve(&plan);
    let report = eksplan_core::cost::estimate(&plan, &design, &options);
    eksplan_core::textfmt::json(&report)
}

/// `{"plan": <plan>, "today": "YYYY-MM-DD"}` → the bundle of the plan's
/// target (any of them; the page's own module writes only Terraform):
/// `{"diagnostics": [...], "files": {path: text}}`, or `"error"` instead of
/// `"files"` when the plan has errors.
fn generate(input: &str) -> Result<String, String> {
    let (plan, options) = plan_and_options(input)?;
    let out = eksplan_core::generate(&plan, &options);
    let mut v = serde_json::json!({ "diagnostics": out.diagnostics });
    match out.bundle {
        Ok(b) => {
            let files: serde_json::Map<String, Value> = b
                .files()
                .map(|(p, t)| (p.to_owned(), Value::String(t.to_owned())))
                .collect();
            v["files"] = Value::Object(files);
        }
        Err(e) => v["error"] = Value::String(e.to_string()),
    }
    serde_json::to_string(&v).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cost_report_entry_matches_the_core() {
        let plan = eksplan_core::presets::find("gpu")
            .and_then(|p| p.plan().ok())
            .unwrap_or_default();
        let input = serde_json::json!({
            "plan": serde_json::from_str::<Value>(&eksplan_core::textfmt::json(&plan).unwrap_or_default()).unwrap_or_default(),
            "today": "2026-12-01",
        });
        let out = run("cost-report", &input.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let options = Options {
            today: Date::parse("2026-12-01"),
        };
        let expected = eksplan_core::cost::estimate(&plan, &resolve(&plan), &options);
        assert_eq!(Some(out), eksplan_core::textfmt::json(&expected).ok());
    }

    #[test]
    fn the_generate_entry_writes_every_target() {
        for target in eksplan_core::plan::Target::ALL {
            let mut plan = eksplan_core::presets::find("production")
                .and_then(|p| p.plan().ok())
                .unwrap_or_default();
            plan.target = *target;
            let input = serde_json::json!({
                "plan": serde_json::from_str::<Value>(&eksplan_core::textfmt::json(&plan).unwrap_or_default()).unwrap_or_default(),
                "today": "2026-12-01",
            });
            let out = run("generate", &input.to_string()).unwrap_or_else(|e| panic!("{e}"));
            let out: Value = serde_json::from_str(&out).unwrap_or_default();
            let expected = eksplan_core::generate(
                &plan,
                &Options {
                    today: Date::parse("2026-12-01"),
                },
            )
            .bundle
            .unwrap_or_default();
            assert_eq!(
                out["files"].as_object().map(|m| m.len()),
                Some(expected.len()),
                "{target:?}"
            );
            for (path, text) in expected.files() {
                assert_eq!(out["files"][path].as_str(), Some(text), "{target:?} {path}");
            }
        }
    }

    #[test]
    fn the_explain_entry_answers_every_code_with_its_explanation() {
        for code in eksplan_core::Code::ALL {
            let html = run("explain", code.as_str()).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                html.contains("<strong>Fix:</strong>"),
                "{}: {html}",
                code.as_str()
            );
            assert_eq!(html, eksplan_web::explanations::html(code.as_str()));
        }
        assert!(run("explain", "XX999").is_err_and(|e| e.contains("no diagnostic code `XX999`")));
    }

    #[test]
    fn issue_13s_entries_answer_as_the_web_crate_computes() {
        let plan = eksplan_core::presets::find("production")
            .and_then(|p| p.plan().ok())
            .unwrap_or_default();
        let input = eksplan_web::entries::review_input(&plan).unwrap_or_default();
        let table = run("review-table", &input).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            Ok(table.clone()),
            eksplan_web::entries::review_table(&input)
        );
        assert!(table.contains("<table class=\"review-table\""));
        let mut old = eksplan_core::Bundle::new();
        old.insert("a.tf", "x\n");
        let mut new = eksplan_core::Bundle::new();
        new.insert("a.tf", "y\n");
        let changes = run(
            "line-changes",
            &eksplan_web::entries::line_changes_input(&old, &new),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            eksplan_web::entries::read_line_changes(&changes),
            Ok(eksplan_core::diff::bundles(&old, &new))
        );
        let today = Date::new(2026, 12, 1);
        let input = eksplan_web::entries::field_lines_input(&plan, today, "network.nat")
            .unwrap_or_default();
        let lines = run("field-lines", &input).unwrap_or_else(|e| panic!("{e}"));
        let lines = eksplan_web::entries::read_field_lines(&lines).unwrap_or_default();
        assert!(
            lines.iter().any(|f| f.path.ends_with("vpc.tf")),
            "{lines:?}"
        );
    }

    #[test]
    fn bad_input_is_named() {
        assert!(run("nope", "{}").is_err_and(|e| e.contains("no entry `nope`")));
        assert!(run("cost-report", "{").is_err_and(|e| e.starts_with("input:")));
        assert!(
            run("cost-report", r#"{"plan": {"cluster": {"nmae": 1}}}"#)
                .is_err_and(|e| e.contains("nmae"))
        );
        assert!(
            run("cost-report", r#"{"plan": {}, "today": "soon"}"#)
                .is_err_and(|e| e.contains("soon"))
        );
    }
}
