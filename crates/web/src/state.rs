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

impl Step {
    /// The step's name in an address or a widget option (`?step=compute`).
    pub fn slug(self) -> &'static str {
        match self {
            Step::Basics => "basics",
            Step::Network => "network",
            Step::Access => "access",
            Step::Compute => "compute",
            Step::StorageAndLoadBalancing => "storage",
            Step::Capacity => "cost",
            Step::Review => "review",
        }
    }

    /// The step named `slug` (also its number, 1 to 7, or its title).
    pub fn from_slug(slug: &str) -> Option<Step> {
        let s = slug.trim().to_ascii_lowercase();
        Step::ALL.iter().copied().enumerate().find_map(|(i, step)| {
            let alias = matches!(
                (step, s.as_str()),
                (
                    Step::StorageAndLoadBalancing,
                    "load-balancing" | "loadbalancing"
                ) | (Step::Capacity, "capacity" | "workload")
            );
            (step.slug() == s
                || step.title().eq_ignore_ascii_case(&s)
                || (i + 1).to_string() == s
                || alias)
                .then_some(step)
        })
    }
}

/// What the output panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputTab {
    /// The bundle's files.
    #[default]
    Files,
    /// The plan as YAML, editable.
    Editor,
    /// The capacity and cost plan.
    Cost,
}

/// A plan the planner can bring back.
#[derive(Clone, Debug, PartialEq)]
pub struct Undo {
    /// The plan before the change.
    pub plan: Rc<Plan>,
    /// What the change was ("Removed NodePool gpu.").
    pub what: String,
}

/// How many changes Undo can take back.
pub const UNDO_DEPTH: usize = 30;

/// What to focus after the next render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The control for a plan field path (or its nearest ancestor).
    Path(String),
    /// An element by id.
    Element(String),
}

/// A plan that arrived (a link) while the planner holds a different one,
/// waiting for the user to choose.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    /// The arriving plan.
    pub plan: Rc<Plan>,
    /// Where it comes from, for messages ("the link").
    pub from: String,
}

/// The user's answer to an [`Offer`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Keep the current plan; drop the arriving one.
    KeepMine,
    /// Open the arriving plan (Undo brings the current one back).
    OpenTheirs,
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
    /// The plan the planner started with (from its properties): a plan
    /// equal to it holds no work of the user's.
    pub start: Rc<Plan>,
    /// Plans before each destructive change, newest last.
    pub history: Vec<Undo>,
    /// Wizard or editor.
    pub view: View,
    /// Selected output file.
    pub selected: Option<String>,
    /// Files, plan editor or cost.
    pub tab: OutputTab,
    /// Message.
    pub notice: Option<Notice>,
    /// What to focus after the next render.
    pub focus: Option<Focus>,
    /// The plan field whose generated lines are highlighted (the field
    /// last focused).
    pub traced: Option<String>,
    /// A plan waiting for the user's choice.
    pub offer: Option<Offer>,
    /// Which folding menu is open (on a phone: the header's actions, the
    /// steps).
    pub menu: Option<Menu>,
    /// Incremented on every plan edit (for timing and autosave).
    pub revision: u64,
    /// The revision whose plan came from the link or autosave
    /// ([`Action::Startup`]): the address bar follows only later changes.
    pub baseline: u64,
    /// The browser-side start is done: a plan from the link or autosave
    /// has replaced the first (prerendered) one, if there was one.
    pub booted: bool,
}

/// A menu that folds on small screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// The header's actions.
    Actions,
    /// The wizard's steps.
    Steps,
}

/// What can happen.
pub enum Action {
    /// Change the plan.
    Edit(Edit),
    /// Replace the whole plan (preset, import, reset), keeping the old one for undo.
    Replace(Rc<Plan>, String),
    /// Keep the current plan for Undo before a destructive edit (a
    /// removal), saying what it is.
    Checkpoint(String),
    /// Write the files for another tool (the plan's `target`), keeping
    /// the plan before for undo, as a replace does.
    SetTarget(eksplan_core::plan::Target),
    /// Bring back the plan before the last destructive change.
    Undo,
    /// The planner is on the page: the autosaved plan and the address's
    /// plan link (read in an effect, so the first render depends only on
    /// the properties).
    Startup {
        /// The autosaved plan.
        saved: Option<Box<Plan>>,
        /// The address's plan link, if any.
        link: crate::persist::Fragment,
    },
    /// A plan arrived (a link pasted into the address bar): open it, or ask
    /// first if it would replace different work.
    Arrive(Rc<Plan>, String),
    /// The answer to the question [`Action::Arrive`] asked.
    Resolve(Choice),
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
    /// Focus an element by id, or a field (after a move or removal).
    FocusOn(Focus),
    /// Focus done.
    Focused,
    /// Highlight what a field produces (it has focus).
    Trace(String),
    /// Show files, the editor or cost.
    ShowOutput(OutputTab),
    /// Open or close a folding menu.
    ToggleMenu(Menu),
}

impl State {
    /// A fresh state.
    pub fn new(plan: Plan, view: View) -> State {
        let plan = Rc::new(plan);
        State {
            start: plan.clone(),
            plan,
            history: Vec::new(),
            view,
            selected: Some("README.md".to_owned()),
            tab: OutputTab::Files,
            notice: None,
            focus: None,
            traced: None,
            offer: None,
            menu: None,
            revision: 0,
            baseline: 0,
            booted: false,
        }
    }

    /// Keep the current plan for Undo.
    fn remember(&mut self, what: String) {
        self.history.push(Undo {
            plan: self.plan.clone(),
            what,
        });
        if self.history.len() > UNDO_DEPTH {
            self.history.remove(0);
        }
    }

    /// Replace the plan, keeping the old one for Undo, and say so.
    fn replace(&mut self, plan: Rc<Plan>, why: String) {
        self.remember(why.clone());
        self.plan = plan;
        self.revision += 1;
        self.notice = Some(Notice {
            error: false,
            text: why,
            detail: None,
            undo: true,
        });
    }

    /// Whether the current plan holds work the user would lose: it is
    /// neither the plan the planner started with nor `other`.
    pub fn holds_other_work(&self, other: &Plan) -> bool {
        *self.plan != *other && *self.plan != *self.start
    }

    /// A plan arrives: open it at once if nothing would be lost, or ask.
    fn arrive(&mut self, plan: Rc<Plan>, from: String) {
        if *plan == *self.plan {
            self.notice = Some(Notice::info(format!(
                "{} holds the plan you already have.",
                capitalise(&from)
            )));
        } else if self.holds_other_work(&plan) {
            self.offer = Some(Offer { plan, from });
            self.focus = Some(Focus::Element(crate::dialogs::OFFER_FOCUS.to_owned()));
        } else {
            self.replace(plan, format!("Opened the plan from {from}."));
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // ASCII only: what is capitalised is the planner's own wording, and
        // Unicode's case tables would weigh on the page's module.
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(c)
            .collect(),
        None => String::new(),
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
            Action::Replace(plan, why) => s.replace(plan, why),
            Action::Checkpoint(what) => {
                s.remember(what.clone());
                s.notice = Some(Notice {
                    error: false,
                    text: what,
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
                s.replace(
                    Rc::new(plan),
                    format!(
                        "The files are now written for {} (they were for {}).",
                        target.title(),
                        was.title()
                    ),
                );
            }
            Action::Undo => {
                if let Some(prev) = s.history.pop() {
                    s.plan = prev.plan;
                    s.revision += 1;
                    let what = prev.what.trim_end_matches('.').to_owned();
                    s.notice = Some(Notice {
                        undo: !s.history.is_empty(),
                        ..Notice::info(format!("Undone: {what}. The previous plan is back."))
                    });
                }
            }
            Action::Startup { saved, link } => {
                // Not an edit: the plan the page left off with (autosave,
                // not the address bar, follows it).
                if let Some(plan) = saved.filter(|p| **p != *s.plan) {
                    s.plan = Rc::new(*plan);
                    s.revision += 1;
                    s.baseline = s.revision;
                }
                match link {
                    crate::persist::Fragment::Plan(plan) => {
                        s.arrive(Rc::new(*plan), "the link".to_owned());
                    }
                    crate::persist::Fragment::Broken(e) => {
                        s.notice = Some(Notice::error(format!(
                            "{e}. Your previous plan is unchanged."
                        )));
                    }
                    crate::persist::Fragment::None => {}
                }
                s.booted = true;
            }
            Action::Arrive(plan, from) => s.arrive(plan, from),
            Action::Resolve(choice) => {
                if let Some(offer) = s.offer.take() {
                    match choice {
                        Choice::KeepMine => {
                            s.notice = Some(Notice::info(format!(
                                "Kept your plan; the plan from {} was not opened.",
                                offer.from
                            )));
                        }
                        Choice::OpenTheirs => {
                            s.replace(offer.plan, format!("Opened the plan from {}.", offer.from));
                        }
                    }
                }
            }
            Action::SetView(v) => {
                // The workload step is about cost: show it beside the form;
                // the review is about the files.
                if v == View::Wizard(Step::Capacity) && s.view != v {
                    s.tab = OutputTab::Cost;
                }
                if v == View::Wizard(Step::Review) && s.view != v && s.tab == OutputTab::Cost {
                    s.tab = OutputTab::Files;
                }
                s.view = v;
                if s.menu == Some(Menu::Steps) {
                    s.menu = None;
                }
            }
            Action::ToggleMenu(m) => {
                s.menu = if s.menu == Some(m) { None } else { Some(m) };
            }
            Action::ShowOutput(t) => s.tab = t,
            Action::Select(path) => s.selected = Some(path),
            Action::Notify(n) => s.notice = Some(n),
            Action::Dismiss => s.notice = None,
            Action::Focus(path) => {
                if let View::Wizard(_) = s.view {
                    s.view = View::Wizard(Step::for_path(&path));
                }
                s.focus = Some(Focus::Path(path));
            }
            Action::FocusOn(target) => s.focus = Some(target),
            Action::Focused => s.focus = None,
            Action::Trace(path) => {
                if s.traced.as_deref() == Some(path.as_str()) {
                    return self;
                }
                s.traced = Some(path);
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
