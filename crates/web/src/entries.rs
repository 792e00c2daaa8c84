//! Issue 13's parts the first paint does not need, as text-to-text entries
//! of the on-demand module (`crates/extras` lists them in its `ENTRIES`),
//! with the page's readers of their answers.
//!
//! * `line-changes`: which lines an edit changed, file by file (the line
//!   diff, [`eksplan_core::diff`], and the `similar` crate it uses);
//! * `field-lines`: the lines a plan field produces, in the files of the
//!   plan's own target ([`eksplan_core::trace`], with every target's
//!   writer, which only this module has);
//! * `review-table`: the review step's table of every choice
//!   ([`eksplan_core::review::choices`]), as HTML.
//!
//! The page reaches them through [`crate::lazy::ask`]; the builds without
//! an on-demand module (the component tests and the offline file, feature
//! `inline-extras`) run them in place. Nothing here touches
//! the browser: the functions are plain Rust, tested natively.
//!
//! Answers are read with `serde_json::Value`, which the page already links
//! (derived deserialisers would add code to the page's module).

use eksplan_core::catalog::date::Date;
use eksplan_core::diff::{FileChange, FileDiff, LineDiff};
use eksplan_core::trace::FileLines;
use eksplan_core::{Bundle, Options, Plan};
use serde_json::{Map, Value, json};

use crate::highlight::escape_html;

/// The plan of an entry's input (`{"plan": ...}`), read by the core's plan
/// reader as an imported file would be.
fn plan_of(value: &Value) -> Result<Plan, String> {
    let plan = value.get("plan").ok_or("input: no `plan`")?;
    Plan::from_node(&eksplan_core::plan::read::node_from_json(plan))
        .map_err(|e| format!("plan: {e}"))
}

/// The date of an entry's input (`{"today": "YYYY-MM-DD"}`), if given.
fn today_of(value: &Value) -> Result<Option<Date>, String> {
    match value.get("today").and_then(Value::as_str) {
        Some(t) => Date::parse(t)
            .map(Some)
            .ok_or_else(|| format!("today: `{t}` is not YYYY-MM-DD")),
        None => Ok(None),
    }
}

fn input(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("input: {e}"))
}

/// A bundle as `{path: text}`.
pub fn files_json(bundle: &Bundle) -> Value {
    Value::Object(
        bundle
            .files()
            .map(|(p, t)| (p.to_owned(), Value::String(t.to_owned())))
            .collect::<Map<_, _>>(),
    )
}

fn bundle_of(value: Option<&Value>, name: &str) -> Result<Bundle, String> {
    let files = value
        .and_then(Value::as_object)
        .ok_or_else(|| format!("input: no `{name}` files"))?;
    let mut b = Bundle::new();
    for (path, text) in files {
        let text = text
            .as_str()
            .ok_or_else(|| format!("input: `{name}` file {path} is not text"))?;
        b.insert(path, text);
    }
    Ok(b)
}

/// The input of `line-changes`: the bundle before the edit and after it.
pub fn line_changes_input(old: &Bundle, new: &Bundle) -> String {
    json!({ "old": files_json(old), "new": files_json(new) }).to_string()
}

/// `{"old": {path: text}, "new": {path: text}}` → every file that differs,
/// `[{"path", "change": "added"|"removed"|"changed", "old", "new",
/// "removed_after", "inserted_after"}]` (line numbers, 1-based).
pub fn line_changes(text: &str) -> Result<String, String> {
    let v = input(text)?;
    let old = bundle_of(v.get("old"), "old")?;
    let new = bundle_of(v.get("new"), "new")?;
    let out: Vec<Value> = eksplan_core::diff::bundles(&old, &new)
        .into_iter()
        .map(|f| {
            let change = match f.change {
                FileChange::Added => "added",
                FileChange::Removed => "removed",
                FileChange::Changed => "changed",
            };
            json!({
                "path": f.path,
                "change": change,
                "old": f.lines.old,
                "new": f.lines.new,
                "removed_after": f.lines.removed_after,
                "inserted_after": f.lines.inserted_after,
            })
        })
        .collect();
    Ok(Value::Array(out).to_string())
}

fn numbers(v: &Value, key: &str) -> Result<Vec<u32>, String> {
    v.get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| format!("no `{key}` lines"))?
        .iter()
        .map(|n| {
            n.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| format!("`{key}`: {n} is not a line number"))
        })
        .collect()
}

fn path_of(v: &Value) -> Result<String, String> {
    v.get("path")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| "a file without its path".to_owned())
}

/// The answer of `line-changes`, read back.
pub fn read_line_changes(text: &str) -> Result<Vec<FileDiff>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("line changes: {e}"))?;
    v.as_array()
        .ok_or("line changes: not a list")?
        .iter()
        .map(|f| {
            let change = match f.get("change").and_then(Value::as_str) {
                Some("added") => FileChange::Added,
                Some("removed") => FileChange::Removed,
                Some("changed") => FileChange::Changed,
                other => return Err(format!("line changes: change {other:?}")),
            };
            Ok(FileDiff {
                path: path_of(f)?,
                change,
                lines: LineDiff {
                    old: numbers(f, "old")?,
                    new: numbers(f, "new")?,
                    removed_after: numbers(f, "removed_after")?,
                    inserted_after: numbers(f, "inserted_after")?,
                },
            })
        })
        .collect()
}

/// The input of `field-lines`: the plan, the date and the field.
pub fn field_lines_input(plan: &Plan, today: Date, path: &str) -> Result<String, String> {
    let plan: Value = eksplan_core::textfmt::value(plan).map_err(|e| e.to_string())?;
    Ok(json!({ "plan": plan, "today": today.to_string(), "path": path }).to_string())
}

/// `{"plan", "today", "path"}` → the lines of the plan's bundle (its own
/// target's) that the field at `path` produces,
/// `[{"path", "lines", "would_add_after"}]`; `[]` when the plan has
/// errors.
pub fn field_lines(text: &str) -> Result<String, String> {
    field_lines_with(text, eksplan_core::generate)
}

/// [`field_lines`] through the pipeline `generate` (the builds that carry
/// only the Terraform writer trace its files).
pub fn field_lines_with(
    text: &str,
    generate: fn(&Plan, &Options) -> eksplan_core::Output,
) -> Result<String, String> {
    let v = input(text)?;
    let plan = plan_of(&v)?;
    let options = Options {
        today: today_of(&v)?,
    };
    let path = v
        .get("path")
        .and_then(Value::as_str)
        .ok_or("input: no `path`")?;
    let lines = match generate(&plan, &options).bundle {
        Ok(bundle) => eksplan_core::trace::field_lines(
            &plan,
            &bundle,
            &eksplan_core::plan::FieldPath::parse(path),
            &options,
            generate,
        ),
        Err(_) => Vec::new(),
    };
    let out: Vec<Value> = lines
        .into_iter()
        .map(|f| json!({ "path": f.path, "lines": f.lines, "would_add_after": f.would_add_after }))
        .collect();
    Ok(Value::Array(out).to_string())
}

/// The answer of `field-lines`, read back.
pub fn read_field_lines(text: &str) -> Result<Vec<FileLines>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("field lines: {e}"))?;
    v.as_array()
        .ok_or("field lines: not a list")?
        .iter()
        .map(|f| {
            Ok(FileLines {
                path: path_of(f)?,
                lines: numbers(f, "lines")?,
                would_add_after: numbers(f, "would_add_after")?,
            })
        })
        .collect()
}

/// The input of `review-table`: the plan.
pub fn review_input(plan: &Plan) -> Result<String, String> {
    let plan: Value = eksplan_core::textfmt::value(plan).map_err(|e| e.to_string())?;
    Ok(json!({ "plan": plan }).to_string())
}

/// `{"plan"}` → the review's table of every choice, as HTML.
pub fn review_table(text: &str) -> Result<String, String> {
    let plan = plan_of(&input(text)?)?;
    Ok(rows_html(&eksplan_core::review::choices(&plan)))
}

fn later_class(l: eksplan_core::review::Later) -> &'static str {
    use eksplan_core::review::Later;
    match l {
        Later::Yes => "later-yes",
        Later::No => "later-no",
        _ => "later-partly",
    }
}

/// The table, its rows grouped by section, as HTML (every value escaped):
/// one string rather than an element tree keeps this large, static table
/// small in code. (The whole table: rows alone would not parse outside
/// one.)
fn rows_html(rows: &[eksplan_core::review::Choice]) -> String {
    let esc = |s: &str| {
        let mut out = String::with_capacity(s.len());
        escape_html(&mut out, s);
        out
    };
    let mut out = String::from(
        "<table class=\"review-table\" aria-labelledby=\"choices-title\"><thead><tr>\
         <th scope=\"col\">Setting</th><th scope=\"col\">Choice</th>\
         <th scope=\"col\">Can change after creation?</th></tr></thead>",
    );
    let mut section = "";
    for r in rows {
        if r.section != section {
            if !section.is_empty() {
                out.push_str("</tbody>");
            }
            section = r.section;
            out.push_str(&format!(
                "<tbody><tr class=\"group\"><th scope=\"colgroup\" colspan=\"3\">{}</th></tr>",
                esc(section)
            ));
        }
        let note = if r.note.is_empty() {
            String::new()
        } else {
            format!("<span class=\"note\"> {}</span>", esc(r.note))
        };
        out.push_str(&format!(
            "<tr><th scope=\"row\"><button type=\"button\" class=\"link plain\" data-path=\"{}\" title=\"Change it\">{}</button></th><td class=\"value\">{}</td><td class=\"{}\"><strong>{}</strong>{note}</td></tr>",
            esc(&r.path),
            esc(&r.label),
            esc(&r.value),
            later_class(r.later),
            r.later.label(),
        ));
    }
    if !section.is_empty() {
        out.push_str("</tbody>");
    }
    out.push_str("</table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn production() -> Plan {
        eksplan_core::presets::find("production")
            .and_then(|p| p.plan().ok())
            .unwrap_or_default()
    }

    #[test]
    fn line_changes_read_back_as_the_core_computes_them() {
        let mut a = Bundle::new();
        a.insert("README.md", "one\n");
        a.insert("gone.tf", "x\n");
        let mut b = Bundle::new();
        b.insert("README.md", "one\ntwo\n");
        b.insert("new.tf", "n\n");
        let out = line_changes(&line_changes_input(&a, &b)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            read_line_changes(&out),
            Ok(eksplan_core::diff::bundles(&a, &b))
        );
        assert!(line_changes("{}").is_err_and(|e| e.contains("old")));
        assert!(read_line_changes(r#"[{"path": "a", "change": "moved"}]"#).is_err());
    }

    #[test]
    fn field_lines_are_those_of_the_plans_own_target() {
        for target in [
            eksplan_core::plan::Target::Terraform,
            eksplan_core::plan::Target::Eksctl,
        ] {
            let mut plan = production();
            plan.target = target;
            let today = Date::parse("2026-12-01").unwrap_or_else(|| panic!("date"));
            let options = Options { today: Some(today) };
            let bundle = eksplan_core::generate(&plan, &options)
                .bundle
                .unwrap_or_else(|e| panic!("{e}"));
            let expected = eksplan_core::trace::field_lines(
                &plan,
                &bundle,
                &eksplan_core::plan::FieldPath::parse("cluster.name"),
                &options,
                eksplan_core::generate,
            );
            assert!(!expected.is_empty(), "{target:?}");
            let input = field_lines_input(&plan, today, "cluster.name").unwrap_or_default();
            let out = field_lines(&input).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(read_field_lines(&out), Ok(expected), "{target:?}");
        }
        assert!(field_lines(r#"{"plan": {}}"#).is_err_and(|e| e.contains("path")));
    }

    #[test]
    fn the_review_table_is_escaped_and_grouped() {
        let mut plan = Plan::default();
        plan.cluster.tags.insert("a".into(), "<b>\"x\"".into());
        let html = review_table(&review_input(&plan).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(html.contains("&lt;b&gt;&quot;x&quot;"), "{html}");
        assert!(!html.contains("<b>"));
        assert_eq!(
            html.matches("<tbody>").count(),
            html.matches("</tbody>").count()
        );
        assert!(html.contains("data-path=\"cluster.name\""));
        assert_eq!(html, rows_html(&eksplan_core::review::choices(&plan)));
    }
}
