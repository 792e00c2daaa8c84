//! Which lines of the bundle a plan field produces.
//!
//! A line is produced by a field when it changes as the field changes. So
//! rather than asking every emitter to annotate its output (and keeping the
//! annotations true as emitters change), the field's value is changed a
//! little (a digit or a letter, a flag flipped, another value of the same
//! kind), the bundle is generated again by the same pipeline, and the two
//! bundles are compared line by line. The lines that differ are the field's,
//! in every file and every target, by construction.
//!
//! Changes that would make the plan invalid are skipped (an invalid plan has
//! no bundle to compare); a field whose every change is invalid, or that is
//! not set, traces to nothing.

use serde_json::Value;

use crate::diff::{self, LineDiff};
use crate::plan::path::{FieldPath, Seg};
use crate::plan::read;
use crate::{Bundle, Options, Output, Plan};

/// The lines one file owes to a field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileLines {
    /// The file's path in the bundle.
    pub path: String,
    /// 1-based lines of the current file that the field produces.
    pub lines: Vec<u32>,
    /// Lines after which the field would add lines if it changed (for a
    /// switch that is off, say); 0 is before the first line.
    pub would_add_after: Vec<u32>,
}

/// How many changed values are tried before giving up.
const MAX_TRIES: usize = 8;

/// The lines of `bundle` (the bundle of `plan`) that the field at `path`
/// produces, file by file. Empty when the field produces nothing, is unset,
/// or cannot change without making the plan invalid.
///
/// `generate` is the pipeline that made `bundle` ([`crate::generate`], or
/// [`crate::generate_terraform`] in a host that links only the Terraform
/// emitter, like the web planner's page module): the changed plan goes
/// through the same one, so both bundles are of the same target.
pub fn field_lines(
    plan: &Plan,
    bundle: &Bundle,
    path: &FieldPath,
    options: &Options,
    generate: fn(&Plan, &Options) -> Output,
) -> Vec<FileLines> {
    let Ok(doc) = crate::textfmt::value(plan) else {
        return Vec::new();
    };
    let Some(current) = get(&doc, path) else {
        return Vec::new();
    };
    let mut tried = 0;
    let mut queue = variants(current, path);
    let mut alternatives_added = false;
    while let Some(candidate) = queue.first().cloned() {
        queue.remove(0);
        if tried >= MAX_TRIES {
            break;
        }
        tried += 1;
        let mut changed = doc.clone();
        if !set(&mut changed, path, candidate) {
            continue;
        }
        match read::from_node::<Plan>(&read::node_from_json(&changed)) {
            Ok(other) => {
                let output = generate(&other, options);
                if let Ok(other_bundle) = output.bundle {
                    return compare(bundle, &other_bundle);
                }
            }
            // An enum: its other spellings are the changes to try.
            Err(e) if !alternatives_added && !e.alternatives.is_empty() => {
                alternatives_added = true;
                let now = current.as_str().unwrap_or_default();
                queue = e
                    .alternatives
                    .iter()
                    .filter(|a| **a != now)
                    .map(|a| Some(Value::String((*a).to_owned())))
                    .collect();
            }
            Err(_) => {}
        }
    }
    Vec::new()
}

/// The current bundle's lines that differ in the other one. A file only
/// the other bundle has is listed with nothing but `would_add_after: [0]`.
fn compare(current: &Bundle, other: &Bundle) -> Vec<FileLines> {
    diff::bundles(current, other)
        .into_iter()
        .map(|f| {
            if f.change == diff::FileChange::Added {
                return FileLines {
                    path: f.path,
                    lines: Vec::new(),
                    would_add_after: vec![0],
                };
            }
            let LineDiff {
                old,
                inserted_after,
                ..
            } = f.lines;
            FileLines {
                path: f.path,
                lines: old,
                would_add_after: inserted_after,
            }
        })
        .filter(|f| !f.lines.is_empty() || !f.would_add_after.is_empty())
        .collect()
}

fn get<'a>(doc: &'a Value, path: &FieldPath) -> Option<&'a Value> {
    let mut v = doc;
    for seg in path.segments() {
        v = match seg {
            Seg::Key(k) => v.get(k.as_str())?,
            Seg::Index(i) => v.get(*i)?,
        };
    }
    Some(v)
}

fn set(doc: &mut Value, path: &FieldPath, value: Option<Value>) -> bool {
    let Some((last, parents)) = path.segments().split_last() else {
        return false;
    };
    let mut v = doc;
    for seg in parents {
        let next = match seg {
            Seg::Key(k) => v.get_mut(k.as_str()),
            Seg::Index(i) => v.get_mut(*i),
        };
        match next {
            Some(n) => v = n,
            None => return false,
        }
    }
    match (last, v, value) {
        (Seg::Key(k), Value::Object(map), Some(value)) => {
            map.insert(k.clone(), value);
            true
        }
        (Seg::Key(k), Value::Object(map), None) => map.remove(k).is_some(),
        (Seg::Index(i), Value::Array(items), Some(value)) if *i < items.len() => {
            items[*i] = value;
            true
        }
        (Seg::Index(i), Value::Array(items), None) if *i < items.len() => {
            items.remove(*i);
            true
        }
        _ => false,
    }
}

/// Small changes of a value, most likely to keep the plan valid first.
/// `None` removes the value (a list item).
fn variants(value: &Value, path: &FieldPath) -> Vec<Option<Value>> {
    let in_list = matches!(path.segments().last(), Some(Seg::Index(_)));
    let mut out: Vec<Option<Value>> = match value {
        Value::Bool(b) => vec![Some(Value::Bool(!b))],
        Value::Number(n) => match (n.as_u64(), n.as_f64()) {
            (Some(u), _) => {
                let mut v = vec![Some(Value::from(u + 1))];
                if u > 0 {
                    v.push(Some(Value::from(u - 1)));
                }
                v
            }
            (None, Some(f)) => vec![Some(Value::from(f / 2.0)), Some(Value::from(f + 1.0))],
            _ => Vec::new(),
        },
        Value::String(s) => string_variants(s)
            .into_iter()
            .map(|s| Some(Value::String(s)))
            .collect(),
        Value::Array(items) => {
            let mut v = Vec::new();
            if let Some(first) = items.first() {
                // Without its first item; then with that item changed.
                v.push(Some(Value::Array(items[1..].to_vec())));
                for changed in string_variants(first.as_str().unwrap_or_default()) {
                    let mut copy = items.clone();
                    copy[0] = Value::String(changed);
                    v.push(Some(Value::Array(copy)));
                }
            }
            v
        }
        Value::Object(map) => {
            let mut v = Vec::new();
            if let Some((k, first)) = map.iter().next()
                && let Some(s) = first.as_str()
            {
                for changed in string_variants(s) {
                    let mut copy = map.clone();
                    copy.insert(k.clone(), Value::String(changed));
                    v.push(Some(Value::Object(copy)));
                }
            }
            // A map of tags or labels: one more entry.
            let mut more = map.clone();
            more.insert("eksplan-trace".to_owned(), Value::String("x".to_owned()));
            v.push(Some(Value::Object(more)));
            v
        }
        Value::Null => Vec::new(),
    };
    // A list item: without it (shows everything the item produces).
    if in_list {
        out.insert(0, None);
    }
    out
}

/// A string changed by one character, keeping its shape: the last digit
/// (`10.0.0.0/16` → `10.0.0.0/17`, `336h` → `337h`), else the last letter
/// (`payments` → `paymentt`), else one letter more.
fn string_variants(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let bump = |c: char| -> char {
        match c {
            '9' => '8',
            'z' => 'y',
            'Z' => 'Y',
            c => char::from_u32(c as u32 + 1).unwrap_or(c),
        }
    };
    let replace_at = |i: usize, c: char| -> String {
        let mut v = chars.clone();
        v[i] = c;
        v.into_iter().collect()
    };
    if let Some(i) = chars.iter().rposition(char::is_ascii_digit) {
        out.push(replace_at(i, bump(chars[i])));
    }
    if let Some(i) = chars.iter().rposition(char::is_ascii_alphabetic) {
        out.push(replace_at(i, bump(chars[i])));
    }
    out.push(format!("{s}x"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::date::Date;

    fn options() -> Options {
        Options {
            today: Some(Date::new(2026, 11, 21)),
        }
    }

    fn trace(plan: &Plan, path: &str) -> Vec<FileLines> {
        let bundle = crate::generate(plan, &options())
            .bundle
            .unwrap_or_else(|e| panic!("{e}"));
        field_lines(
            plan,
            &bundle,
            &FieldPath::parse(path),
            &options(),
            crate::generate,
        )
    }

    fn lines_of(plan: &Plan, traced: &[FileLines], file: &str) -> Vec<String> {
        let bundle = crate::generate(plan, &options()).bundle.unwrap_or_default();
        let lines: Vec<&str> = bundle.get(file).unwrap_or_default().lines().collect();
        traced
            .iter()
            .find(|f| f.path == file)
            .map(|f| {
                f.lines
                    .iter()
                    .map(|n| lines[*n as usize - 1].to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn preset(name: &str) -> Plan {
        crate::presets::find(name)
            .and_then(|p| p.plan().ok())
            .unwrap_or_default()
    }

    #[test]
    fn a_trace_goes_through_the_pipeline_that_made_the_bundle() {
        // The web page shows the Terraform bundle of a plan for another
        // target (generate_terraform): the field's lines are Terraform's.
        let mut plan = preset("production");
        plan.target = crate::plan::Target::Cloudformation;
        let bundle = crate::generate_terraform(&plan, &options())
            .bundle
            .unwrap_or_else(|e| panic!("{e}"));
        let traced = field_lines(
            &plan,
            &bundle,
            &FieldPath::parse("cluster.name"),
            &options(),
            crate::generate_terraform,
        );
        assert!(
            traced.iter().any(|f| f.path == "terraform/eks.tf"),
            "{traced:?}"
        );
        assert!(
            traced.iter().all(|f| bundle.get(&f.path).is_some()),
            "{traced:?}"
        );
    }

    #[test]
    fn a_name_traces_to_the_lines_that_carry_it() {
        let plan = preset("production");
        let traced = trace(&plan, "cluster.name");
        assert!(
            traced.iter().any(|f| f.path == "terraform/eks.tf"),
            "{traced:?}"
        );
        let eks = lines_of(&plan, &traced, "terraform/variables.tf");
        assert!(
            eks.iter().any(|l| l.contains(&plan.cluster.name)),
            "{eks:?}"
        );
        // plan.yaml holds the field itself.
        let own = lines_of(&plan, &traced, "plan.yaml");
        assert_eq!(own, [format!("  name: {}", plan.cluster.name)]);
    }

    #[test]
    fn an_enum_traces_through_its_other_values() {
        let plan = preset("quickstart");
        let traced = trace(&plan, "network.nat");
        let vpc = lines_of(&plan, &traced, "terraform/vpc.tf");
        assert!(vpc.iter().any(|l| l.contains("aws_nat_gateway")), "{vpc:?}");
        // Nothing outside the network and the docs.
        assert!(
            traced.iter().all(|f| !f.path.starts_with("kubernetes/")),
            "{traced:?}"
        );
    }

    #[test]
    fn a_switch_that_is_off_shows_where_it_would_add() {
        let plan = Plan::default();
        assert!(!plan.sample_workload.enabled);
        let traced = trace(&plan, "sample_workload.enabled");
        let sample = traced
            .iter()
            .find(|f| f.path == "kubernetes/examples/sample-workload.yaml");
        assert_eq!(
            sample.map(|f| (f.lines.len(), f.would_add_after.clone())),
            Some((0, vec![0])),
            "{traced:?}"
        );
        let plan_yaml = traced.iter().find(|f| f.path == "plan.yaml");
        assert_eq!(plan_yaml.map(|f| f.lines.len()), Some(1), "{traced:?}");
    }

    #[test]
    fn a_list_item_traces_to_everything_it_produces() {
        let plan = preset("gpu");
        let traced = trace(&plan, "node_pools[0]");
        let pools = lines_of(&plan, &traced, "kubernetes/10-nodepools.yaml");
        assert!(
            pools.iter().any(|l| l.contains("kind: NodePool")),
            "{pools:?}"
        );
    }

    #[test]
    fn unset_and_unknown_fields_trace_to_nothing() {
        let plan = preset("quickstart");
        assert!(trace(&plan, "cluster.service_cidr").is_empty());
        assert!(trace(&plan, "cluster.no_such_field").is_empty());
        assert!(trace(&plan, "node_pools[9].name").is_empty());
    }

    #[test]
    fn string_variants_keep_the_shape() {
        assert_eq!(string_variants("10.0.0.0/16")[0], "10.0.0.0/17");
        assert_eq!(string_variants("336h"), ["337h", "336i", "336hx"]);
        assert_eq!(string_variants("zz"), ["zy", "zzx"]);
        assert_eq!(string_variants(""), ["x"]);
    }
}
