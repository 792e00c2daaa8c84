//! UI state: the plan, what is shown, and messages. The plan is the only
//! durable state; everything in the output panel is derived from it.

use eksplan_core::Plan;
use std::rc::Rc;
use yew::prelude::*;

/// An edit to the plan.
pub type Edit = Rc<dyn Fn(&mut Plan)>;

/// The two ways through the same plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Guided, one step at a time.
    Wizard(Step),
    /// Everything at once.
    Editor,
}

/// Wizard steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// Name, region, version, endpoint, encryption.
    Basics,
    /// VPC.
    Network,
    /// Access entries and Pod Identity.
    Access,
    /// Built-in pools, NodePools, NodeClasses.
    Compute,
    /// StorageClass and load balancers.
    StorageAndLoadBalancing,
    /// The workload, and what it costs on each option.
    Capacity,
    /// Review the findings and download.
    Review,
}

impl Step {
    /// All steps.
    pub const ALL: [Step; 7] = [
        Step::Basics,
        Step::Network,
        Step::Access,
        Step::Compute,
        Step::StorageAndLoadBalancing,
        Step::Capacity,
        Step::Review,
    ];

    /// Title.
    pub fn title(self) -> &'static str {
        match self {
            Step::Basics => "Basics",
            Step::Network => "Network",
            Step::Access => "Access",
            Step::Compute => "Compute",
            Step::StorageAndLoadBalancing => "Storage and load balancing",
            Step::Capacity => "Workload and cost",
            Step::Review => "Review and download",
        }
    }

    /// The step that holds a plan field path.
    pub fn for_path(path: &str) -> Step {
        let root = path.split(['.', '[']).next().unwrap_or_default();
        match root {
            "network" => Step::Network,
            "access" | "pod_identity" => Step::Access,
            "auto_mode" if path.contains("authentication_mode") => Step::Access,
            "auto_mode" | "node_pools" | "node_classes" => Step::Compute,
            "storage" | "load_balancing" | "sample_workload" => Step::StorageAndLoadBalancing,
            "capacity" => Step::Capacity,
            _ => Step::Basics,
        }
    }

    /// The next step.
    pub fn next(self) -> Option<Step> {
        Step::ALL
            .iter()
            .position(|s| *s == self)
            .and_then(|i| Step::ALL.get(i + 1).copied())
    }

    /// The previous step.
    pub fn prev(self) -> Option<Step> {
        Step::ALL
            .iter()
            .position(|s| *s == self)
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| Step::ALL.get(i).copied())
    }
}

/// What the output panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputTab {
    /// The bundle's files.
    #[default]
    Files,
    /// The capacity and cost plan.
    Cost,
}

/// A message at the top of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Error or information.
    pub error: bool,
    /// Text.
    pub text: String,
    /// Text to show in a read-only field (a share link).
    pub detail: Option<String>,
    /// Whether "Undo" applies.
    pub undo: bool,
}

impl Notice {
    /// An error message.
    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            error: true,
            text: text.into(),
            detail: None,
            undo: false,
        }
    }

    /// A message that something went as asked.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            error: false,
            ..Notice::error(text)
        }
    }
}

/// Everything the UI holds.
#[derive(Clone, PartialEq)]
pub struct State {
    /// The plan.
    pub plan: Rc<Plan>,
    /// The plan before the last reset, preset or import.
    pub previous: Option<Rc<Plan>>,
    /// Wizard or editor.
    pub view: View,
    /// Selected output file.
    pub selected: Option<String>,
    /// Files or cost.
    pub tab: OutputTab,
    /// Message.
    pub notice: Option<Notice>,
    /// A field to focus after the next render.
    pub focus: Option<String>,
    /// Incremented on every plan edit (for timing and autosave).
    pub revision: u64,
    /// The revision whose plan came from the link or autosave
    /// ([`Action::Boot`]): the address bar follows only later changes.
    pub baseline: u64,
    /// The browser-side start is done: a plan from the link or autosave
    /// has replaced the first (prerendered) one, if there was one.
    pub booted: bool,
}

/// What can happen.
pub enum Action {
    /// Change the plan.
    Edit(Edit),
    /// Replace the whole plan (preset, import, reset), keeping the old one for undo.
    Replace(Rc<Plan>, String),
    /// Write the files for another tool (the plan's `target`), keeping
    /// the plan before for undo, as a replace does.
    SetTarget(eksplan_core::plan::Target),
    /// Bring back the plan before the last replace.
    Undo,
    /// Switch view or wizard step.
    SetView(View),
    /// Select an output file.
    Select(String),
    /// Show a message.
    Notify(Notice),
    /// Hide the message.
    Dismiss,
    /// Show and focus the control for a field path.
    Focus(String),
    /// Focus done.
    Focused,
    /// Show files or cost.
    ShowOutput(OutputTab),
    /// After the first render (hydrated from the prerendered page, or
    /// not): continue with the plan from the link or autosave, if any, and
    /// say how it was found. Not undoable: it is where the user left off.
    Boot(Option<Rc<Plan>>, Option<Notice>),
}

impl State {
    /// A fresh state.
    pub fn new(plan: Plan, view: View) -> State {
        State {
            plan: Rc::new(plan),
            previous: None,
            view,
            selected: Some("README.md".to_owned()),
            tab: OutputTab::Files,
            notice: None,
            focus: None,
            revision: 0,
            baseline: 0,
            booted: false,
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(f) => {
                let mut plan = (*s.plan).clone();
                f(&mut plan);
                if plan == *s.plan {
                    return self;
                }
                crate::timing::mark_edit();
                s.plan = Rc::new(plan);
                s.revision += 1;
            }
            Action::Replace(plan, why) => {
                s.previous = Some(s.plan.clone());
                s.plan = plan;
                s.revision += 1;
                s.notice = Some(Notice {
                    error: false,
                    text: why,
                    detail: None,
                    undo: true,
                });
            }
            Action::SetTarget(target) => {
                if target == s.plan.target {
                    return self;
                }
                let mut plan = (*s.plan).clone();
                let was = plan.target;
                plan.target = target;
                s.previous = Some(s.plan.clone());
                s.plan = Rc::new(plan);
                s.revision += 1;
                s.notice = Some(Notice {
                    error: false,
                    text: format!(
                        "The files are now written for {} (they were for {}).",
                        target.title(),
                        was.title()
                    ),
                    detail: None,
                    undo: true,
                });
            }
            Action::Undo => {
                if let Some(prev) = s.previous.take() {
                    s.plan = prev;
                    s.revision += 1;
                    s.notice = Some(Notice::info("The previous plan is back."));
                }
            }
            Action::SetView(v) => {
                // The workload step is about cost: show it beside the form.
                if v == View::Wizard(Step::Capacity) && s.view != v {
                    s.tab = OutputTab::Cost;
                }
                s.view = v;
            }
            Action::ShowOutput(t) => s.tab = t,
            Action::Select(path) => s.selected = Some(path),
            Action::Notify(n) => s.notice = Some(n),
            Action::Dismiss => s.notice = None,
            Action::Focus(path) => {
                if let View::Wizard(_) = s.view {
                    s.view = View::Wizard(Step::for_path(&path));
                }
                s.focus = Some(path);
            }
            Action::Focused => s.focus = None,
            Action::Boot(plan, notice) => {
                if let Some(plan) = plan.filter(|p| **p != *s.plan) {
                    s.plan = plan;
                    s.revision += 1;
                    s.baseline = s.revision;
                }
                if notice.is_some() {
                    s.notice = notice;
                }
                s.booted = true;
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eksplan_core::plan::Target;

    fn reduce(s: &Rc<State>, a: Action) -> Rc<State> {
        s.clone().reduce(a)
    }

    #[test]
    fn switching_target_edits_the_plan_and_can_be_undone() {
        let mut plan = Plan::default();
        plan.cluster.name = "mine".into();
        let s = Rc::new(State::new(plan, View::Editor));
        let switched = reduce(&s, Action::SetTarget(Target::PulumiGo));
        assert_eq!(switched.plan.target, Target::PulumiGo);
        assert_eq!(switched.plan.cluster.name, "mine");
        assert_eq!(
            switched.revision,
            s.revision + 1,
            "autosaved and put in the link"
        );
        let n = switched.notice.clone().unwrap_or_else(|| Notice::info(""));
        assert!(n.undo && n.text.contains("Pulumi (Go)"), "{n:?}");
        // The same target again changes nothing.
        assert!(Rc::ptr_eq(
            &switched,
            &reduce(&switched, Action::SetTarget(Target::PulumiGo))
        ));
        let undone = reduce(&switched, Action::Undo);
        assert_eq!(undone.plan.target, Target::Terraform);
        assert_eq!(*undone.plan, *s.plan);
        assert!(undone.revision > switched.revision);
    }
}
