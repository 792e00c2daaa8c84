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
pub const ENTRIES: &[(&str, Entry)] = &[("cost-report", cost_report)];

/// Run `name` on `input`.
pub fn run(name: &str, input: &str) -> Result<String, String> {
    let (_, entry) = ENTRIES
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| format!("no entry `{name}` in this module"))?;
    entry(input)
}

/// `{"plan": <plan>, "today": "YYYY-MM-DD"}` → the cost report, as
/// `eksplan cost --json` writes it.
fn cost_report(input: &str) -> Result<String, String> {
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
    let options = Options { today };
    let design = resolve(&plan);
    let report = eksplan_core::cost::estimate(&plan, &design, &options);
    eksplan_core::textfmt::json(&report)
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
