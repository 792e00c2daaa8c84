//! How a planner starts: the options that decide its first render.
//!
//! The build prerenders a planner from a [`Start`] and writes it, as JSON,
//! into the page (`data-start` on the element the planner lives in). In the
//! browser the same [`Start`] gives the same [`AppProps`], so hydration
//! sees exactly the prerendered page; anything the prerender could not know
//! (the link, autosave, today's date) follows after the first render.

use eksplan_core::catalog::date::Date;
use serde::{Deserialize, Serialize};
use yew::AttrValue;

use crate::app::AppProps;
use crate::persist;

/// The planner's first render, as the build and the browser both see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Start {
    /// The planner page (address bar and autosave) rather than a widget.
    pub page: bool,
    /// Start from this preset (the defaults when absent).
    #[serde(default)]
    pub preset: Option<String>,
    /// `wizard`, `editor` or `compact`.
    pub view: String,
    /// The documentation site, for diagnostic reference links.
    #[serde(default)]
    pub docs_base: Option<String>,
    /// The full planner, for a widget's "Open in the full planner".
    #[serde(default)]
    pub planner_url: Option<String>,
    /// The date the page was built with (the browser's date follows).
    pub today: Date,
    /// Open on this wizard step (a step's slug, such as `compute`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Show this file of the bundle first (a path, or a file name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl Start {
    /// The planner page (`index.html`), as it opens without a query.
    pub fn page(docs_base: Option<&str>, today: Date) -> Start {
        Start {
            page: true,
            preset: None,
            view: "wizard".into(),
            docs_base: docs_base.map(Into::into),
            planner_url: None,
            today,
            step: None,
            file: None,
        }
    }

    /// A widget with a preset and a view (`compact`, `wizard` or `editor`).
    pub fn widget(
        preset: &str,
        view: &str,
        docs_base: Option<&str>,
        planner_url: Option<&str>,
        today: Date,
    ) -> Start {
        Start {
            page: false,
            preset: Some(preset.into()),
            view: view.into(),
            docs_base: docs_base.map(Into::into),
            planner_url: planner_url.map(Into::into),
            today,
            step: None,
            file: None,
        }
    }

    /// The same start, opening on `step` and showing `file` (a docs topic
    /// page's widget).
    pub fn on(mut self, step: Option<&str>, file: Option<&str>) -> Start {
        self.step = step.map(Into::into);
        self.file = file.map(Into::into);
        self
    }

    /// `(compact, wizard)` for the view, or `None` for an unknown one.
    pub fn layout(view: &str) -> Option<(bool, bool)> {
        match view {
            "compact" => Some((true, true)),
            "wizard" | "full" => Some((false, true)),
            "editor" => Some((false, false)),
            _ => None,
        }
    }

    /// Whether a planner asked for with `preset`, `view`, `step` and
    /// `file` would start like this one (so it can take over this one's
    /// prerendered page). No preset means the defaults.
    pub fn matches(
        &self,
        preset: Option<&str>,
        view: &str,
        step: Option<&str>,
        file: Option<&str>,
    ) -> bool {
        self.preset.as_deref() == preset
            && Start::layout(&self.view) == Start::layout(view)
            && self.step.as_deref() == step
            && self.file.as_deref() == file
    }

    /// The props of the first render. Callbacks and the controller do not
    /// change what is rendered; the caller adds them.
    pub fn props(&self) -> AppProps {
        let (compact, wizard) = Start::layout(&self.view).unwrap_or((false, true));
        AppProps {
            preset: self.preset.clone().map(AttrValue::from),
            wizard,
            compact,
            sync_url: self.page,
            storage_key: self.page.then_some(AttrValue::Static(persist::STORAGE_KEY)),
            docs_base: self.docs_base.clone().map(AttrValue::from),
            planner_url: self.planner_url.clone().map(AttrValue::from),
            today: Some(self.today),
            step: self.step.clone().map(AttrValue::from),
            file: self.file.clone().map(AttrValue::from),
            ..AppProps::default()
        }
    }

    /// As JSON, for the page's `data-start` attribute.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Read a `data-start` attribute back.
    pub fn from_json(text: &str) -> Option<Start> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_survives_the_page_and_gives_the_same_props() {
        let start = Start::widget(
            "gpu",
            "compact",
            Some("../"),
            Some("planner/index.html"),
            Date::new(2026, 12, 1),
        );
        let back = Start::from_json(&start.to_json());
        assert_eq!(back.as_ref(), Some(&start));
        assert!(back.is_some_and(|b| b.props() == start.props()));
        let topic = start.clone().on(Some("compute"), Some("10-nodepools.yaml"));
        let back = Start::from_json(&topic.to_json());
        assert!(back.is_some_and(|b| b.props() == topic.props()));
        assert_eq!(topic.props().step.as_deref(), Some("compute"));
        let props = start.props();
        assert!(props.compact && props.wizard && !props.sync_url && props.storage_key.is_none());
        let page = Start::page(None, Date::new(2026, 12, 1)).props();
        assert!(page.sync_url && page.storage_key.is_some() && !page.compact);
    }

    #[test]
    fn matching_ignores_the_spelling_of_a_view() {
        let page = Start::page(None, Date::new(2026, 12, 1));
        assert!(page.matches(None, "wizard", None, None));
        assert!(page.matches(None, "full", None, None));
        // The page starts from the defaults, not the quickstart preset.
        assert!(!page.matches(Some("quickstart"), "wizard", None, None));
        assert!(!page.matches(Some("gpu"), "wizard", None, None));
        assert!(!page.matches(None, "editor", None, None));
        assert!(!page.matches(None, "wizard", Some("compute"), None));
        let topic = page.on(Some("compute"), Some("10-nodepools.yaml"));
        assert!(topic.matches(None, "wizard", Some("compute"), Some("10-nodepools.yaml")));
    }
}
