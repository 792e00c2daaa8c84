//! What every form control may need beyond its own properties, shared
//! through Yew contexts: a way to send actions (focus tracing, undo
//! checkpoints) and the findings about each field path.

use std::collections::HashMap;
use std::rc::Rc;

use eksplan_core::{Diagnostic, Severity};
use yew::prelude::*;

use crate::state::Action;

/// Sends actions to the planner. Stable for the planner's lifetime, so
/// controls that read it do not re-render because of it.
#[derive(Clone, PartialEq)]
pub struct Dispatch(pub Callback<Action>);

impl Dispatch {
    /// Send an action.
    pub fn emit(&self, action: Action) {
        self.0.emit(action);
    }
}

/// One finding shown at a control.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldFinding {
    /// Error or warning (notes stay in the findings panel).
    pub severity: Severity,
    /// The code, for example `CL001`.
    pub code: &'static str,
    /// The message.
    pub message: String,
}

/// The findings of the plan, by field path: a control shows those about
/// its own path and the paths inside it (`cidrs[0]` for a list of CIDRs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Findings(Rc<HashMap<String, Vec<FieldFinding>>>);

impl Findings {
    /// The errors and warnings of a plan's diagnostics, by path.
    pub fn new(diagnostics: &[Diagnostic]) -> Findings {
        let mut map: HashMap<String, Vec<FieldFinding>> = HashMap::new();
        for d in diagnostics.iter().filter(|d| d.severity != Severity::Info) {
            map.entry(d.path.clone()).or_default().push(FieldFinding {
                severity: d.severity,
                code: d.code.as_str(),
                message: d.message.clone(),
            });
        }
        Findings(Rc::new(map))
    }

    /// The findings about `path` and what it contains, errors first.
    pub fn at(&self, path: &str) -> Vec<FieldFinding> {
        let mut out: Vec<FieldFinding> = self
            .0
            .iter()
            .filter(|(p, _)| {
                p.as_str() == path
                    || p.strip_prefix(path)
                        .is_some_and(|rest| rest.starts_with('[') || rest.starts_with('.'))
            })
            .flat_map(|(_, f)| f.iter().cloned())
            .collect();
        out.sort_unstable_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then(a.code.cmp(b.code))
                .then(a.message.cmp(&b.message))
        });
        out
    }
}

/// The findings about a control's path, from the planner's context.
#[hook]
pub fn use_findings(path: &str) -> Vec<FieldFinding> {
    let findings = use_context::<Findings>().unwrap_or_default();
    findings.at(path)
}

/// A callback that says "this field has focus" (its generated lines are
/// highlighted), or nothing outside a planner.
#[hook]
pub fn use_trace(path: &AttrValue) -> Callback<FocusEvent> {
    let dispatch = use_context::<Dispatch>();
    let path = path.clone();
    Callback::from(move |_: FocusEvent| {
        if let Some(d) = &dispatch {
            d.emit(Action::Trace(path.to_string()));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use eksplan_core::Code;

    #[test]
    fn findings_reach_their_control_and_what_it_contains() {
        let diags = vec![
            Diagnostic::new(
                Code::PublicAccessCidr,
                "cluster.endpoint.public_access_cidrs[1]",
                "bad",
                "fix",
            ),
            Diagnostic::new(Code::ClusterName, "cluster.name", "empty", "fix"),
            Diagnostic::new(
                Code::NoAuditLogs,
                "cluster.control_plane_logs",
                "note",
                "fix",
            ),
        ];
        let f = Findings::new(&diags);
        assert_eq!(f.at("cluster.endpoint.public_access_cidrs").len(), 1);
        assert_eq!(f.at("cluster.name")[0].code, "CL001");
        // Not a prefix of another field's name.
        assert!(f.at("cluster.nam").is_empty());
        // Notes stay in the panel.
        assert!(f.at("cluster.control_plane_logs").is_empty());
    }
}
