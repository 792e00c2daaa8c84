//! The files of the plan's target.
//!
//! The page's own module writes only Terraform
//! ([`eksplan_core::generate_terraform`]); every other target is written by
//! the on-demand module's `generate` entry (`crates/extras`), reached
//! through [`crate::lazy::call`]. This module holds that state and its
//! rules, so the output panel only renders what [`use_target_output`]
//! hands it:
//! - every plan change asks again, and only the answer to the latest
//!   question is kept ([`Requests`]): a slow answer for an older plan never
//!   overwrites a newer one;
//! - until the target's own files arrive (the module loads the first time)
//!   and if they cannot be written (the module does not load), the panel
//!   shows the Terraform files of the same cluster with finding `TG018`,
//!   never nothing ([`shown`]).

use eksplan_core::catalog::date::Date;
use eksplan_core::plan::Target;
use eksplan_core::{Bundle, Code, Diagnostic, Plan, Severity};
use serde_json::Value;
use std::rc::Rc;
use yew::prelude::*;

/// What the output panel shows: findings and files.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// Findings, errors first.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// The files (the last ones without errors while the plan has errors).
    pub bundle: Option<Rc<Bundle>>,
    /// The plan has errors: the files are out of date.
    pub stale: bool,
}

/// Whose files the panel shows, for the status line beside the choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// The target's own files (Terraform, or an answer of the module).
    Ready,
    /// The on-demand module is loading for the first time.
    Loading(Target),
    /// The module is loaded; the target's files are being written.
    Writing(Target),
    /// The target's files cannot be written here, and why.
    Failed(Target, String),
}

/// What the on-demand module answered: the target's findings and files
/// (no files when the plan has errors).
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The plan's findings and what the target cannot express.
    pub diagnostics: Vec<Diagnostic>,
    /// The bundle, unless the plan has errors.
    pub bundle: Option<Bundle>,
}

/// The "latest wins" rule: each question gets a ticket, and only the
/// answer holding the newest ticket is kept.
#[derive(Debug, Default)]
pub struct Requests {
    issued: u64,
}

impl Requests {
    /// A ticket for a new question; every older ticket is now stale.
    pub fn issue(&mut self) -> u64 {
        self.issued += 1;
        self.issued
    }

    /// Whether the answer to `ticket` may be shown.
    pub fn is_latest(&self, ticket: u64) -> bool {
        ticket == self.issued
    }
}

/// The target files written so far (a reducer: answers arrive one at a
/// time, and the last files without errors stay on show, marked stale,
/// while the plan has errors).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Written {
    /// The module has answered at least once (it is loaded).
    loaded: bool,
    /// The latest answer's target, findings, and the last files without
    /// errors for that target.
    latest: Option<(Target, Shown)>,
    /// The latest failure, for its target.
    failed: Option<(Target, String)>,
}

/// An answer to the latest question about `Target` (its ticket checked).
pub struct Answered(pub Target, pub Result<Answer, String>);

impl Reducible for Written {
    type Action = Answered;

    fn reduce(self: Rc<Self>, Answered(target, result): Answered) -> Rc<Self> {
        let mut w = (*self).clone();
        match result {
            Ok(answer) => {
                let stale = answer.bundle.is_none();
                let bundle = match answer.bundle {
                    Some(b) => Some(Rc::new(b)),
                    None => w
                        .latest
                        .take()
                        .filter(|(t, _)| *t == target)
                        .and_then(|(_, s)| s.bundle),
                };
                w.loaded = true;
                w.failed = None;
                w.latest = Some((
                    target,
                    Shown {
                        diagnostics: Rc::new(answer.diagnostics),
                        bundle,
                        stale,
                    },
                ));
            }
            Err(e) => w.failed = Some((target, e)),
        }
        Rc::new(w)
    }
}

/// What to show for a plan of `target`: the target's own files once they
/// are written, otherwise the Terraform files (`terraform`, with `TG018`)
/// and why.
pub fn shown(target: Target, terraform: &Shown, written: &Written) -> (Shown, Status) {
    if target == Target::Terraform {
        return (terraform.clone(), Status::Ready);
    }
    if let Some((t, s)) = &written.latest
        && *t == target
    {
        return (s.clone(), Status::Ready);
    }
    let status = match &written.failed {
        Some((t, e)) if *t == target => Status::Failed(target, e.clone()),
        _ if written.loaded => Status::Writing(target),
        _ => Status::Loading(target),
    };
    (terraform.clone(), status)
}

/// The line beside the choice: whether it is an alert, and its text
/// (nothing once the target's own files are on show).
pub fn status_line(status: &Status) -> Option<(bool, String)> {
    Some(match status {
        Status::Ready => return None,
        Status::Loading(t) => (
            false,
            format!(
                "Loading the {} writer (a second file from this site; nothing is sent)… Until then, the Terraform files of the same cluster.",
                t.title()
            ),
        ),
        Status::Writing(t) => (false, format!("Writing the {} files…", t.title())),
        Status::Failed(t, e) => (
            true,
            format!(
                "The {} files cannot be written here: {e}. Shown instead: the Terraform files of the same cluster (finding TG018). Reload the page to try again.",
                t.title()
            ),
        ),
    })
}

/// The on-demand module's answer (`{"diagnostics": [...], "files": {...}}`,
/// see `eksplan_extras::entries`) read back.
pub fn parse_answer(text: &str) -> Result<Answer, String> {
    let bad = |what: &str| format!("the writer's answer has no valid {what}");
    let v: Value = serde_json::from_str(text).map_err(|e| format!("the writer's answer: {e}"))?;
    let diagnostics = v
        .get("diagnostics")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("findings"))?
        .iter()
        .map(|d| diagnostic(d).ok_or_else(|| bad("finding")))
        .collect::<Result<Vec<_>, _>>()?;
    let bundle = match v.get("files") {
        None => None,
        Some(files) => {
            let mut b = Bundle::new();
            for (path, text) in files.as_object().ok_or_else(|| bad("files"))? {
                b.insert(path.clone(), text.as_str().ok_or_else(|| bad("file"))?);
            }
            Some(b)
        }
    };
    Ok(Answer {
        diagnostics,
        bundle,
    })
}

fn diagnostic(v: &Value) -> Option<Diagnostic> {
    let text = |k: &str| v.get(k).and_then(Value::as_str);
    let severity = match text("severity")? {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        _ => return None,
    };
    Some(
        Diagnostic::new(
            Code::parse(text("code")?)?,
            text("path")?,
            text("message")?,
            text("fix")?,
        )
        .with_severity(severity),
    )
}

/// The on-demand module's `generate` entry for `plan` on `today`.
#[cfg(not(feature = "inline-extras"))]
async fn write(plan: &Plan, today: Date) -> Result<Answer, String> {
    let input = format!(
        r#"{{"plan":{},"today":"{today}"}}"#,
        eksplan_core::textfmt::json(plan)?
    );
    parse_answer(&crate::lazy::call("generate", &input).await?)
}

/// The findings and files of `plan`'s target, and whose they are:
/// Terraform from `terraform` (the page's own emitter), every other target
/// from the on-demand module, asked again on every plan change.
#[cfg(not(feature = "inline-extras"))]
#[hook]
pub fn use_target_output(plan: &Rc<Plan>, today: Date, terraform: &Shown) -> (Shown, Status) {
    let written = use_reducer(Written::default);
    let requests = use_mut_ref(Requests::default);
    {
        let written = written.dispatcher();
        use_effect_with((plan.clone(), today), move |(plan, today)| {
            // A Terraform plan asks nothing, but still makes every pending
            // answer stale.
            let ticket = requests.borrow_mut().issue();
            if plan.target != Target::Terraform {
                let (plan, today) = (plan.clone(), *today);
                wasm_bindgen_futures::spawn_local(async move {
                    let result = write(&plan, today).await;
                    if requests.borrow().is_latest(ticket) {
                        written.dispatch(Answered(plan.target, result));
                    }
                });
            }
        });
    }
    shown(plan.target, terraform, &written)
}

/// The offline file (and the component tests) have no on-demand module:
/// the offline file makes no requests, and the other targets' emitters
/// would take it over its size budget. The Terraform files stay on show
/// with `TG018`, and the line beside the choice says where the others are.
#[cfg(feature = "inline-extras")]
#[hook]
pub fn use_target_output(plan: &Rc<Plan>, _today: Date, terraform: &Shown) -> (Shown, Status) {
    let written = Written {
        failed: Some((plan.target, offline(plan.target))),
        ..Written::default()
    };
    shown(plan.target, terraform, &written)
}

/// Why the offline file shows no `target` files, and where they are.
pub fn offline(target: Target) -> String {
    format!(
        "this offline file carries only the Terraform writer, to stay one small file; the online planner writes them, or run `eksplan generate PLAN --target {}`",
        target.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terraform() -> Shown {
        let mut b = Bundle::new();
        b.insert("terraform/eks.tf", "x");
        Shown {
            diagnostics: Rc::new(vec![eksplan_core::emit::terraform_instead(Target::Eksctl)]),
            bundle: Some(Rc::new(b)),
            stale: false,
        }
    }

    fn answer(path: &str) -> Answer {
        let mut b = Bundle::new();
        b.insert(path, "y");
        Answer {
            diagnostics: Vec::new(),
            bundle: Some(b),
        }
    }

    fn reduce(w: Written, a: Answered) -> Written {
        (*Rc::new(w).reduce(a)).clone()
    }

    #[test]
    fn only_the_latest_question_is_answered() {
        let mut r = Requests::default();
        let old = r.issue();
        let new = r.issue();
        assert!(!r.is_latest(old));
        assert!(r.is_latest(new));
        // Switching back to Terraform issues a ticket too: every answer in
        // flight is stale.
        let _terraform = r.issue();
        assert!(!r.is_latest(new));
    }

    #[test]
    fn terraform_files_with_tg018_until_the_target_files_arrive() {
        let tf = terraform();
        let w = Written::default();
        assert_eq!(
            shown(Target::Eksctl, &tf, &w),
            (tf.clone(), Status::Loading(Target::Eksctl))
        );
        assert_eq!(
            shown(Target::Terraform, &tf, &w),
            (tf.clone(), Status::Ready)
        );
        let w = reduce(
            w,
            Answered(Target::Eksctl, Ok(answer("eksctl/cluster.yaml"))),
        );
        let (s, status) = shown(Target::Eksctl, &tf, &w);
        assert_eq!(status, Status::Ready);
        assert!(
            s.bundle
                .as_ref()
                .is_some_and(|b| b.get("eksctl/cluster.yaml").is_some())
        );
        // TG018 is gone with the Terraform files.
        assert!(
            s.diagnostics
                .iter()
                .all(|d| d.code != Code::TerraformInstead)
        );
        // Another target: the module is loaded, its files are on the way.
        assert_eq!(
            shown(Target::Cdk, &tf, &w),
            (tf.clone(), Status::Writing(Target::Cdk))
        );
        // Back to Terraform: the page's own files.
        assert_eq!(shown(Target::Terraform, &tf, &w).0, tf);
    }

    #[test]
    fn a_failure_keeps_the_terraform_files_and_says_why() {
        let tf = terraform();
        let w = reduce(
            Written::default(),
            Answered(Target::PulumiGo, Err("no network".into())),
        );
        let (s, status) = shown(Target::PulumiGo, &tf, &w);
        assert_eq!(s, tf);
        assert!(s.bundle.is_some(), "never an empty panel");
        assert_eq!(
            status,
            Status::Failed(Target::PulumiGo, "no network".into())
        );
        // The next answer (the module loaded after all) clears it.
        let w = reduce(w, Answered(Target::PulumiGo, Ok(answer("main.go"))));
        assert_eq!(shown(Target::PulumiGo, &tf, &w).1, Status::Ready);
    }

    #[test]
    fn a_plan_with_errors_keeps_the_last_files_of_its_target_marked_stale() {
        let tf = terraform();
        let w = reduce(
            Written::default(),
            Answered(Target::Eksctl, Ok(answer("eksctl/cluster.yaml"))),
        );
        let errors = Answer {
            diagnostics: vec![
                Diagnostic::new(Code::TerraformInstead, "cluster.name", "m", "f")
                    .with_severity(Severity::Error),
            ],
            bundle: None,
        };
        let w2 = reduce(w.clone(), Answered(Target::Eksctl, Ok(errors.clone())));
        let (s, _) = shown(Target::Eksctl, &tf, &w2);
        assert!(s.stale);
        assert_eq!(s.diagnostics.len(), 1);
        assert!(
            s.bundle
                .is_some_and(|b| b.get("eksctl/cluster.yaml").is_some())
        );
        // Not another target's files, though.
        let w3 = reduce(w, Answered(Target::Cdk, Ok(errors)));
        let (s, _) = shown(Target::Cdk, &tf, &w3);
        assert!(s.stale && s.bundle.is_none());
    }

    #[test]
    fn the_line_beside_the_choice() {
        assert_eq!(status_line(&Status::Ready), None);
        let (alert, text) = status_line(&Status::Loading(Target::Eksctl)).unwrap_or_default();
        assert!(
            !alert && text.starts_with("Loading the eksctl writer"),
            "{text}"
        );
        let (alert, text) =
            status_line(&Status::Failed(Target::Cdk, offline(Target::Cdk))).unwrap_or_default();
        assert!(alert && text.contains("AWS CDK (TypeScript) files cannot be written here"));
        assert!(
            text.contains("--target cdk") && text.contains("TG018"),
            "{text}"
        );
    }

    #[test]
    fn the_modules_answer_reads_back() {
        let plan = eksplan_core::presets::find("production")
            .and_then(|p| p.plan().ok())
            .map(|mut p| {
                p.target = Target::Eksctl;
                p
            })
            .unwrap_or_default();
        let out = eksplan_core::generate(&plan, &eksplan_core::Options::default());
        let bundle = out.bundle.clone().ok();
        // What the `generate` entry writes (crates/extras/src/entries.rs).
        let mut v = serde_json::json!({ "diagnostics": out.diagnostics });
        v["files"] = serde_json::to_value(
            bundle
                .iter()
                .flat_map(|b| b.files())
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .unwrap_or_default();
        let answer = parse_answer(&v.to_string()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(answer.diagnostics, out.diagnostics);
        assert!(!answer.diagnostics.is_empty());
        assert_eq!(answer.bundle, bundle);
        assert!(
            parse_answer(r#"{"diagnostics": [], "error": "invalid"}"#)
                .is_ok_and(|a| a.bundle.is_none())
        );
        assert!(parse_answer("{").is_err());
        assert!(parse_answer(r#"{"diagnostics": [{"code": "XX999"}]}"#).is_err());
    }
}
