//! The plan editor: `plan.yaml` as text beside the form, like the Ruff and
//! Biome playgrounds. A plain textarea over a layer that draws the same
//! text with the findings underlined at their line and column (no editor
//! library: the page stays small, and the textarea keeps everything the
//! browser gives text fields, from undo to screen readers).
//!
//! Both ways stay in sync: text that reads as a plan becomes the plan at
//! once (the form follows), and a change in the form rewrites the text.
//! Text that does not read keeps its problems underlined and the plan
//! unchanged; should the form change meanwhile, the text is kept aside and
//! can be brought back.

use std::rc::Rc;

use eksplan_core::plan::{FieldPath, Locator, PlanErrors};
use eksplan_core::{Diagnostic, Plan, Severity};
use yew::prelude::*;

use crate::highlight::escape_html;
use crate::state::Action;

/// A problem in the text, where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// How serious.
    pub severity: Severity,
    /// What it says.
    pub message: String,
    /// The diagnostic code, if it is a finding (not a reading error).
    pub code: Option<&'static str>,
}

/// The marks for a text: its reading errors, or (when it reads) the plan's
/// findings located in it. Sorted by position.
pub fn marks(text: &str, read: &Result<Plan, PlanErrors>, diagnostics: &[Diagnostic]) -> Vec<Mark> {
    let mut out: Vec<Mark> = match read {
        Err(errors) => errors
            .errors()
            .iter()
            .map(|e| {
                let (line, column) = e.position().unwrap_or((1, 1));
                Mark {
                    line: u32::try_from(line).unwrap_or(1).max(1),
                    column: u32::try_from(column).unwrap_or(1).max(1),
                    severity: Severity::Error,
                    message: e.message(),
                    code: None,
                }
            })
            .collect(),
        Ok(_) => {
            let locator = Locator::new(text);
            diagnostics
                .iter()
                .map(|d| {
                    let (line, column) =
                        locator.locate(&FieldPath::parse(&d.path)).unwrap_or((1, 1));
                    Mark {
                        line: u32::try_from(line).unwrap_or(1),
                        column: u32::try_from(column).unwrap_or(1),
                        severity: d.severity,
                        message: d.message.clone(),
                        code: Some(d.code.as_str()),
                    }
                })
                .collect()
        }
    };
    out.sort_unstable_by(|a, b| {
        (a.line, a.column, b.severity, &a.message).cmp(&(b.line, b.column, a.severity, &b.message))
    });
    out
}

/// Where an underline ends on `line` when it starts at character
/// `start`: at the end of a key (before `: `), else at the end of the line
/// without trailing blanks and comment; at least one character.
fn underline_end(chars: &[char], start: usize) -> usize {
    let mut end = chars.len();
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            ':' if chars.get(i + 1).is_none_or(|c| *c == ' ') => {
                end = i;
                break;
            }
            '#' if i > start && chars[i - 1] == ' ' => {
                end = i;
                break;
            }
            _ => i += 1,
        }
    }
    while end > start && chars[end - 1] == ' ' {
        end -= 1;
    }
    end.max(start + 1)
}

/// The layer under the textarea: the same text, invisible, with the marks
/// underlined and the traced line shaded.
pub fn overlay_html(text: &str, marks: &[Mark], traced_line: Option<u32>) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (i, line) in text.split('\n').enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let chars: Vec<char> = line.chars().collect();
        let mut spans: Vec<(usize, usize, Severity)> = marks
            .iter()
            .filter(|m| m.line == n)
            .map(|m| {
                let start = (m.column as usize).saturating_sub(1).min(chars.len());
                (start, underline_end(&chars, start), m.severity)
            })
            .collect();
        spans.sort_unstable_by_key(|s| (s.0, std::cmp::Reverse(s.2), s.1));
        out.push_str(if traced_line == Some(n) {
            "<span class=\"el traced\">"
        } else {
            "<span class=\"el\">"
        });
        let mut at = 0;
        for (start, end, severity) in spans {
            if start < at {
                continue; // overlaps an earlier mark
            }
            escape_html(&mut out, &chars[at..start].iter().collect::<String>());
            out.push_str("<span class=\"squiggle sev-");
            out.push_str(severity.as_str());
            out.push_str("\">");
            let shown: String = if start >= chars.len() {
                " ".to_owned()
            } else {
                chars[start..end.min(chars.len())].iter().collect()
            };
            escape_html(&mut out, &shown);
            out.push_str("</span>");
            at = end.min(chars.len()).max(start);
        }
        escape_html(
            &mut out,
            &chars[at.min(chars.len())..].iter().collect::<String>(),
        );
        out.push_str("</span>\n");
    }
    out
}

/// The UTF-16 offset (what a textarea's selection counts) of a 1-based
/// line and column in `text`.
fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut offset = 0usize;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line as usize {
            let col: usize = l
                .chars()
                .take((column as usize).saturating_sub(1))
                .map(char::len_utf16)
                .sum();
            return u32::try_from(offset + col).unwrap_or(u32::MAX);
        }
        offset += l.encode_utf16().count() + 1;
    }
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Properties of [`PlanEditor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The plan.
    pub plan: Rc<Plan>,
    /// Its findings.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Send actions.
    pub dispatch: Callback<Action>,
    /// The field whose line to shade (the one focused in the form).
    #[prop_or_default]
    pub traced: Option<AttrValue>,
}

fn yaml(plan: &Plan) -> String {
    plan.to_yaml().unwrap_or_default()
}

/// `plan.yaml`, editable.
#[component]
pub fn PlanEditor(p: &EditorProps) -> Html {
    let text = use_state(|| yaml(&p.plan));
    // The plan when the text was last typed: while the text does not read,
    // it stays on screen as long as the plan has not moved on.
    let typed_over = use_mut_ref(|| p.plan.clone());
    let stash = use_state(|| None::<String>);
    let area = use_node_ref();
    let layer = use_node_ref();
    let gutter = use_node_ref();

    let read = use_memo((*text).clone(), |t| Plan::from_yaml_all(t));
    let in_sync = match &*read {
        Ok(plan) => *plan == *p.plan,
        Err(_) => Rc::ptr_eq(&typed_over.borrow(), &p.plan) || *typed_over.borrow() == p.plan,
    };
    let canonical = use_memo(p.plan.clone(), |plan| yaml(plan));
    let shown: String = if in_sync {
        (*text).clone()
    } else {
        (*canonical).clone()
    };
    // The form changed the plan: the text follows (unreadable text is kept
    // aside first).
    {
        let text = text.clone();
        let stash = stash.clone();
        let typed_over = typed_over.clone();
        let read_ok = read.is_ok();
        let canonical = canonical.clone();
        use_effect_with((p.plan.clone(), in_sync), move |(plan, in_sync)| {
            if !*in_sync {
                if !read_ok {
                    stash.set(Some((*text).clone()));
                }
                *typed_over.borrow_mut() = plan.clone();
                text.set((*canonical).clone());
            }
        });
    }
    let shown_read = use_memo(shown.clone(), |t| Plan::from_yaml_all(t));
    let marks = marks(
        &shown,
        &shown_read,
        if in_sync { &p.diagnostics } else { &[] },
    );
    let traced_line = p.traced.as_ref().and_then(|path| {
        Locator::new(&shown)
            .locate_key(&FieldPath::parse(path))
            .and_then(|(l, _)| u32::try_from(l).ok())
            .filter(|_| !path.is_empty())
    });
    let layer_html = overlay_html(&shown, &marks, traced_line);
    let line_count = shown.split('\n').count();
    let gutter_text: String = (1..=line_count).map(|n| format!("{n}\n")).collect();

    let oninput = {
        let text = text.clone();
        let typed_over = typed_over.clone();
        let plan = p.plan.clone();
        let dispatch = p.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            let value = area.value();
            *typed_over.borrow_mut() = plan.clone();
            if let Ok(new) = Plan::from_yaml_all(&value)
                && new != *plan
            {
                let new = Rc::new(new);
                *typed_over.borrow_mut() = new.clone();
                dispatch.emit(Action::Edit(Rc::new(move |p: &mut Plan| {
                    *p = (*new).clone();
                })));
            }
            text.set(value);
        })
    };
    let onscroll = {
        let (layer, gutter) = (layer.clone(), gutter.clone());
        Callback::from(move |e: Event| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(l) = layer.cast::<web_sys::Element>() {
                l.set_scroll_top(area.scroll_top());
                l.set_scroll_left(area.scroll_left());
            }
            if let Some(g) = gutter.cast::<web_sys::Element>() {
                g.set_scroll_top(area.scroll_top());
            }
        })
    };
    let go_to = |m: &Mark| {
        let offset = utf16_offset(&shown, m.line, m.column);
        let area = area.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() {
                let _ = a.set_selection_range(offset, offset);
                // Leaving and entering again scrolls the caret into view.
                let _ = a.blur();
                let _ = a.focus();
            }
        })
    };
    let restore = {
        let stash = stash.clone();
        let text = text.clone();
        let typed_over = typed_over.clone();
        let plan = p.plan.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = (*stash).clone() {
                *typed_over.borrow_mut() = plan.clone();
                text.set(s);
                stash.set(None);
            }
        })
    };
    let format = {
        let text = text.clone();
        let canonical = canonical.clone();
        Callback::from(move |_: MouseEvent| text.set((*canonical).clone()))
    };
    let errors = (*shown_read)
        .as_ref()
        .err()
        .map(|e| e.errors().len())
        .unwrap_or(0);
    let status = if errors > 0 {
        format!(
            "{errors} problem{} reading the text: the form and the files keep the last plan that read.",
            if errors == 1 { "" } else { "s" }
        )
    } else if marks.is_empty() {
        "The text reads as a plan, in sync with the form. No findings.".to_owned()
    } else {
        format!(
            "The text reads as a plan, in sync with the form. {} finding{} underlined.",
            marks.len(),
            if marks.len() == 1 { "" } else { "s" }
        )
    };
    html! {
        <section class="editor" aria-labelledby="editor-title">
            <div class="editor-head">
                <h2 id="editor-title"><label for="plan-editor">{ "plan.yaml" }</label></h2>
                <span class="tools">
                    <button type="button" onclick={format} disabled={errors > 0 || shown == *canonical}>{ "Tidy" }</button>
                </span>
            </div>
            <p class="help">{ "Edit the plan as text: it reads as you type, and the form follows. Findings are underlined where they are." }</p>
            if stash.is_some() {
                <p class="notice-inline" role="status">
                    { "The form changed the plan while this text did not read, so the text shows the form's plan now. " }
                    <button type="button" class="link" onclick={restore}>{ "Bring my text back" }</button>
                </p>
            }
            <div class="editor-box">
                <pre class="editor-gutter" aria-hidden="true" ref={gutter}>{ gutter_text }</pre>
                <div class="editor-stack">
                    <pre class="editor-layer" aria-hidden="true" ref={layer}>{ Html::from_html_unchecked(AttrValue::from(layer_html)) }</pre>
                    <textarea id="plan-editor" class="editor-input" ref={area.clone()} value={shown.clone()} {oninput} {onscroll}
                        spellcheck="false" autocomplete="off" wrap="off"
                        aria-invalid={(errors > 0).then_some("true")} aria-describedby="editor-status" />
                </div>
            </div>
            <p id="editor-status" class={classes!("editor-status", (errors > 0).then_some("has-errors"))} role="status">{ status }</p>
            if !marks.is_empty() {
                <ul class="editor-problems" aria-label="Findings in the text">
                    { for marks.iter().map(|m| {
                        let onclick = go_to(m);
                        html! {
                            <li class={format!("sev-{}", m.severity)}>
                                <button type="button" class="link" {onclick}>
                                    { format!("{}:{}", m.line, m.column) }
                                </button>
                                <span class="badge">{ m.severity.as_str() }</span>
                                if let Some(code) = m.code { <code class="code">{ code }</code> }
                                <span class="msg">{ crate::output::inline_code(&m.message) }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_errors_are_marked_where_they_are() {
        let text = "cluster:\n  nmae: x\n  kubernetes_version: [1]\n";
        let read = Plan::from_yaml_all(text);
        let m = marks(text, &read, &[]);
        let at: Vec<(u32, u32)> = m.iter().map(|m| (m.line, m.column)).collect();
        assert_eq!(at, [(2, 3), (3, 23)]);
        assert!(m[0].message.contains("did you mean `name`"));
        let html = overlay_html(text, &m, None);
        // The key is underlined, not its colon or value.
        assert!(
            html.contains("<span class=\"squiggle sev-error\">nmae</span>: x"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"squiggle sev-error\">[1]</span>"),
            "{html}"
        );
    }

    #[test]
    fn findings_of_a_plan_that_reads_are_located() {
        let text = "cluster:\n  name: \"\"\n";
        let read = Plan::from_yaml_all(text);
        let plan = read.clone().unwrap_or_default();
        let diags = eksplan_core::validate(&plan, &Default::default());
        let m = marks(text, &read, &diags);
        let name = m.iter().find(|m| m.code == Some("CL001"));
        assert_eq!(name.map(|m| (m.line, m.column)), Some((2, 9)));
    }

    #[test]
    fn the_layer_escapes_and_keeps_the_text() {
        let text = "a: <b>&\n\nc: d";
        let html = overlay_html(text, &[], Some(3));
        assert!(html.contains("a: &lt;b&gt;&amp;"));
        assert!(html.contains("<span class=\"el traced\">c: d</span>"));
        assert_eq!(html.matches("<span class=\"el").count(), 3);
    }

    #[test]
    fn offsets_count_utf16() {
        let text = "é😀x\nab";
        assert_eq!(utf16_offset(text, 1, 3), 3);
        assert_eq!(utf16_offset(text, 2, 2), 6);
        assert_eq!(underline_end(&"key: v".chars().collect::<Vec<_>>(), 0), 3);
        assert_eq!(underline_end(&"x # c".chars().collect::<Vec<_>>(), 0), 1);
        assert_eq!(underline_end(&[], 0), 1);
    }
}
