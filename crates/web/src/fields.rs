//! Form controls. Every control has a label, short help (what AWS does by
//! default and why it matters), and an id derived from its plan field path,
//! so a diagnostic can bring it into view and focus it.

use std::collections::BTreeMap;
use std::rc::Rc;

use eksplan_core::{Plan, Severity};
use yew::prelude::*;

use crate::context::{Dispatch, FieldFinding, use_findings, use_trace};
use crate::state::{Action, Edit, Focus};

/// The element id for a plan field path: `node_pools[0].name` →
/// `f-node_pools-0-name`.
pub fn fid(path: &str) -> String {
    let mut id = String::with_capacity(path.len() + 2);
    id.push_str("f-");
    for c in path.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            c if c.is_ascii_alphanumeric() || c == '_' || c == '-' => id.push(c),
            _ => id.push('_'),
        }
    }
    id
}

/// A callback that applies `f` with the control's value to the plan.
pub fn setter<T: Clone + 'static>(
    edit: &Callback<Edit>,
    f: impl Fn(&mut Plan, T) + 'static,
) -> Callback<T> {
    erased_setter(edit, Rc::new(f))
}

/// How a control writes its value into the plan.
type FieldUpdate<T> = Rc<dyn Fn(&mut Plan, T)>;

/// [`setter`] once per value type rather than once per call site: the
/// closures are built around a `dyn Fn`, so the ninety-odd controls share
/// a handful of copies of this code in the WebAssembly.
#[inline(never)]
fn erased_setter<T: Clone + 'static>(edit: &Callback<Edit>, f: FieldUpdate<T>) -> Callback<T> {
    edit.reform(move |v: T| {
        let f = f.clone();
        Rc::new(move |p: &mut Plan| f(p, v.clone())) as Edit
    })
}

fn help(id: &str, text: &AttrValue) -> Html {
    if text.is_empty() {
        return Html::default();
    }
    html! { <p class="help" id={format!("{id}-help")}>{ text.clone() }</p> }
}

fn described_by(id: &str, text: &AttrValue) -> Option<String> {
    (!text.is_empty()).then(|| format!("{id}-help"))
}

/// The findings about a control, under it: errors, then warnings.
fn messages(id: &str, findings: &[FieldFinding]) -> Html {
    if findings.is_empty() {
        return Html::default();
    }
    html! {
        <div class="field-msgs" id={format!("{id}-msg")}>
            { for findings.iter().map(|f| html! {
                <p class={classes!("field-msg", format!("sev-{}", f.severity))}>
                    <span class="visually-hidden">{ format!("{}: ", f.severity) }</span>
                    { crate::output::inline_code(&f.message) }
                    <span class="field-code">{ format!(" ({})", f.code) }</span>
                </p>
            }) }
        </div>
    }
}

/// `aria-describedby`: the findings first (they matter most), then help.
fn described(id: &str, help: &AttrValue, findings: &[FieldFinding]) -> Option<String> {
    let ids: Vec<String> = [
        (!findings.is_empty()).then(|| format!("{id}-msg")),
        described_by(id, help),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// `aria-invalid` when a finding about the control is an error.
fn invalid(findings: &[FieldFinding]) -> Option<&'static str> {
    findings
        .iter()
        .any(|f| f.severity == Severity::Error)
        .then_some("true")
}

fn field_class(findings: &[FieldFinding], extra: Option<&'static str>) -> Classes {
    let sev = findings.first().map(|f| format!("has-{}", f.severity));
    classes!("field", extra, sev)
}

/// Properties of a text-like control.
#[derive(Properties, PartialEq)]
pub struct TextProps {
    /// Plan field path.
    pub path: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// Help text.
    #[prop_or_default]
    pub help: AttrValue,
    /// Current value.
    pub value: AttrValue,
    /// New value.
    pub onchange: Callback<String>,
    /// Placeholder.
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// HTML input type.
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    /// Datalist id for suggestions.
    #[prop_or_default]
    pub list: Option<AttrValue>,
    /// Apply the value when the field is left or Enter is pressed, not on
    /// every keystroke (for values that are keys, such as a renamed map
    /// entry, where each keystroke would move the item).
    #[prop_or_default]
    pub commit: bool,
    /// Shown but not editable.
    #[prop_or_default]
    pub disabled: bool,
    /// The field was left.
    #[prop_or_default]
    pub onblur: Option<Callback<FocusEvent>>,
}

/// A one-line text input, updated on every keystroke.
#[component]
pub fn TextField(p: &TextProps) -> Html {
    let id = fid(&p.path);
    let emit = {
        let onchange = p.onchange.clone();
        move |e: &Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            onchange.emit(input.value());
        }
    };
    let (oninput, onchange) = if p.commit {
        (None, Some(Callback::from(move |e: Event| emit(&e))))
    } else {
        (Some(Callback::from(move |e: InputEvent| emit(&e))), None)
    };
    let findings = use_findings(&p.path);
    let onfocus = use_trace(&p.path);
    html! {
        <div class={field_class(&findings, None)}>
            <label for={id.clone()}>{ p.label.clone() }</label>
            <input id={id.clone()} type={p.kind.clone()} value={p.value.clone()} {oninput} {onchange} {onfocus} onblur={p.onblur.clone()}
                placeholder={p.placeholder.clone()} list={p.list.clone()}
                spellcheck="false" autocomplete="off" disabled={p.disabled}
                aria-invalid={invalid(&findings)}
                aria-describedby={described(&id, &p.help, &findings)} />
            { messages(&id, &findings) }
            { help(&id, &p.help) }
        </div>
    }
}

/// A text input for an optional value: empty means "not set".
#[component]
pub fn OptTextField(p: &OptTextProps) -> Html {
    let onchange = p.onchange.clone();
    let cb = Callback::from(move |v: String| onchange.emit((!v.trim().is_empty()).then_some(v)));
    html! {
        <TextField path={p.path.clone()} label={p.label.clone()} help={p.help.clone()}
            value={p.value.clone().unwrap_or_default()} onchange={cb} placeholder={p.placeholder.clone()} />
    }
}

/// Properties of [`OptTextField`].
#[derive(Properties, PartialEq)]
pub struct OptTextProps {
    /// Plan field path.
    pub path: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// Help text.
    #[prop_or_default]
    pub help: AttrValue,
    /// Current value.
    pub value: Option<String>,
    /// New value.
    pub onchange: Callback<Option<String>>,
    /// Placeholder.
    #[prop_or_default]
    pub placeholder: AttrValue,
}

/// Properties of [`NumberField`].
#[derive(Properties, PartialEq)]
pub struct NumberProps {
    /// Plan field path.
    pub path: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// Help text.
    #[prop_or_default]
    pub help: AttrValue,
    /// Current value (`None`: not set).
    pub value: Option<u64>,
    /// New value; `None` when cleared (only if `optional`).
    pub onchange: Callback<Option<u64>>,
    /// Whether the field may be empty.
    #[prop_or_default]
    pub optional: bool,
    /// Minimum.
    #[prop_or_default]
    pub min: Option<u64>,
    /// Maximum.
    #[prop_or_default]
    pub max: Option<u64>,
}

/// A whole-number input. Text that is not a number is ignored.
#[component]
pub fn NumberField(p: &NumberProps) -> Html {
    let id = fid(&p.path);
    let onchange = p.onchange.clone();
    let optional = p.optional;
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let v = input.value();
        if v.trim().is_empty() {
            if optional {
                onchange.emit(None);
            }
        } else if let Ok(n) = v.trim().parse::<u64>() {
            onchange.emit(Some(n));
        }
    });
    let findings = use_findings(&p.path);
    let onfocus = use_trace(&p.path);
    html! {
        <div class={field_class(&findings, None)}>
            <label for={id.clone()}>{ p.label.clone() }</label>
            <input id={id.clone()} type="number" inputmode="numeric" value={p.value.map(|v| v.to_string()).unwrap_or_default()}
                min={p.min.map(|v| v.to_string())} max={p.max.map(|v| v.to_string())} {oninput} {onfocus}
                aria-invalid={invalid(&findings)}
                aria-describedby={described(&id, &p.help, &findings)} />
            { messages(&id, &findings) }
            { help(&id, &p.help) }
        </div>
    }
}

/// Properties of [`DecimalField`].
#[derive(Properties, PartialEq)]
pub struct DecimalProps {
    /// Plan field path.
    pub path: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// Help text.
    #[prop_or_default]
    pub help: AttrValue,
    /// Current value (`None`: not set, the default applies).
    pub value: Option<f64>,
    /// New value; `None` when cleared.
    pub onchange: Callback<Option<f64>>,
    /// Shown when empty (the default).
    #[prop_or_default]
    pub placeholder: AttrValue,
}

/// An optional decimal input (a price or a fraction). What is typed stays
/// as typed; text that is not a number is flagged and not applied.
#[component]
pub fn DecimalField(p: &DecimalProps) -> Html {
    let id = fid(&p.path);
    let text = use_state(|| p.value.map(|v| v.to_string()).unwrap_or_default());
    let parse = |t: &str| -> Result<Option<f64>, ()> {
        let t = t.trim().trim_start_matches('$');
        if t.is_empty() {
            Ok(None)
        } else {
            t.parse::<f64>().map(Some).map_err(|_| ())
        }
    };
    // Show the plan's value unless the text already means it (or is a
    // number being typed that does not parse yet).
    let typed = parse(&text);
    let shown = match typed {
        Ok(v) if v == p.value => (*text).clone(),
        Err(()) => (*text).clone(),
        Ok(_) => p.value.map(|v| v.to_string()).unwrap_or_default(),
    };
    let invalid = parse(&shown).is_err();
    let onchange = p.onchange.clone();
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let v = input.value();
            text.set(v.clone());
            if let Ok(n) = parse(&v) {
                onchange.emit(n);
            }
        })
    };
    let findings = use_findings(&p.path);
    let onfocus = use_trace(&p.path);
    let error_id = format!("{id}-error");
    let described = [
        invalid.then(|| error_id.clone()),
        described(&id, &p.help, &findings),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let aria_invalid = (invalid || self::invalid(&findings).is_some()).then_some("true");
    html! {
        <div class={field_class(&findings, None)}>
            <label for={id.clone()}>{ p.label.clone() }</label>
            <input id={id.clone()} type="text" inputmode="decimal" value={shown} {oninput} {onfocus}
                placeholder={p.placeholder.clone()} spellcheck="false" autocomplete="off"
                aria-invalid={aria_invalid}
                aria-describedby={(!described.is_empty()).then_some(described)} />
            if invalid {
                <p class="field-error" id={error_id}>{ "Not a number: the previous value still applies." }</p>
            }
            { messages(&id, &findings) }
            { help(&id, &p.help) }
        </div>
    }
}

/// Properties of [`CheckField`].
#[derive(Properties, PartialEq)]
pub struct CheckProps {
    /// Plan field path.
    pub path: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// Help text.
    #[prop_or_default]
    pub help: AttrValue,
    /// Checked.
    pub value: bool,
    /// New value.
    pub onchange: Callback<bool>,
}

/// A checkbox.
#[component]
pub fn CheckField(p: &CheckProps) -> Html {
    let id = fid(&p.path);
    let onchange = p.onchange.clone();
    let cb = Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        onchange.emit(input.checked());
    });
    let findings = use_findings(&p.path);
    let onfocus = use_trace(&p.path);
    html! {
        <div class={field_class(&findings, Some("check"))}>
            <input id={id.clone()} type="checkbox" checked={p.value} onchange={cb} {onfocus}
                aria-invalid={invalid(&findings)}
                aria-describedby={described(&id, &p.help, &findings)} />
            <label for={id.clone()}>{ p.label.clone() }</label>
            { messages(&id, &findings) }
            { help(&id, &p.help) }
        </div>
    }
}

/// Properties of [`SelectField`].
#[derive(Properties, PartialEq)]
pub struct SelectProps {
    /// Plan field path.
    pub path: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// Help text.
    #[prop_or_default]
    pub help: AttrValue,
    /// `(value, label)` options.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// Selected value.
    pub value: AttrValue,
    /// New value.
    pub onchange: Callback<String>,
    /// Shown but not editable.
    #[prop_or_default]
    pub disabled: bool,
}

/// A drop-down list.
#[component]
pub fn SelectField(p: &SelectProps) -> Html {
    let id = fid(&p.path);
    let onchange = p.onchange.clone();
    let cb = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        onchange.emit(select.value());
    });
    let findings = use_findings(&p.path);
    let onfocus = use_trace(&p.path);
    html! {
        <div class={field_class(&findings, None)}>
            <label for={id.clone()}>{ p.label.clone() }</label>
            <select id={id.clone()} onchange={cb} {onfocus} disabled={p.disabled}
                aria-invalid={invalid(&findings)}
                aria-describedby={described(&id, &p.help, &findings)}>
                { for p.options.iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={*v == p.value}>{ l.clone() }</option>
                }) }
            </select>
            { messages(&id, &findings) }
            { help(&id, &p.help) }
        </div>
    }
}

/// Properties of [`ListField`].
#[derive(Properties, PartialEq)]
pub struct ListProps {
    /// Plan field path.
    pub path: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// Help text.
    #[prop_or_default]
    pub help: AttrValue,
    /// Current items.
    pub value: Vec<String>,
    /// New items.
    pub onchange: Callback<Vec<String>>,
    /// Placeholder.
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// Datalist id for suggestions.
    #[prop_or_default]
    pub list: Option<AttrValue>,
}

/// A list of words, typed comma- or space-separated.
#[component]
pub fn ListField(p: &ListProps) -> Html {
    let onchange = p.onchange.clone();
    let cb = Callback::from(move |v: String| {
        onchange.emit(
            v.split([',', ' ', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        );
    });
    // Keep what the user is typing (a trailing comma or space) by only
    // rewriting the text when the parsed list differs.
    let text = use_state(|| p.value.join(", "));
    let shown = {
        let parsed: Vec<String> = text
            .split([',', ' ', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if parsed == p.value {
            (*text).clone()
        } else {
            p.value.join(", ")
        }
    };
    let setter = {
        let text = text.clone();
        Callback::from(move |v: String| {
            text.set(v.clone());
            cb.emit(v);
        })
    };
    html! {
        <TextField path={p.path.clone()} label={p.label.clone()} help={p.help.clone()}
            value={shown} onchange={setter} placeholder={p.placeholder.clone()} list={p.list.clone()} />
    }
}

/// Properties of [`ChecksField`].
#[derive(Properties, PartialEq)]
pub struct ChecksProps {
    /// Plan field path.
    pub path: AttrValue,
    /// Legend.
    pub label: AttrValue,
    /// Help text.
    #[prop_or_default]
    pub help: AttrValue,
    /// `(value, label)` choices.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// Chosen values.
    pub value: Vec<AttrValue>,
    /// New set, in option order.
    pub onchange: Callback<Vec<String>>,
}

/// A group of checkboxes choosing several values.
#[component]
pub fn ChecksField(p: &ChecksProps) -> Html {
    let id = fid(&p.path);
    let findings = use_findings(&p.path);
    let onfocus = use_trace(&p.path);
    html! {
        <fieldset class={field_class(&findings, Some("checks"))} id={id.clone()} aria-describedby={described(&id, &p.help, &findings)}>
            <legend>{ p.label.clone() }</legend>
            { for p.options.iter().enumerate().map(|(i, (v, l))| {
                let option_id = format!("{id}-{i}");
                let chosen = p.value.contains(v);
                let all: Vec<AttrValue> = p.options.iter().map(|(v, _)| v.clone()).collect();
                let current = p.value.clone();
                let value = v.clone();
                let onchange = p.onchange.clone();
                let cb = Callback::from(move |e: Event| {
                    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                    let on = input.checked();
                    let next = all.iter()
                        .filter(|o| if **o == value { on } else { current.contains(o) })
                        .map(|o| o.to_string())
                        .collect();
                    onchange.emit(next);
                });
                html! {
                    <span class="check">
                        <input id={option_id.clone()} type="checkbox" checked={chosen} onchange={cb} onfocus={onfocus.clone()} />
                        <label for={option_id}>{ l.clone() }</label>
                    </span>
                }
            }) }
            { messages(&id, &findings) }
            { help(&id, &p.help) }
        </fieldset>
    }
}

/// Properties of [`MapField`].
#[derive(Properties, PartialEq)]
pub struct MapProps {
    /// Plan field path.
    pub path: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// Help text.
    #[prop_or_default]
    pub help: AttrValue,
    /// Current pairs.
    pub value: BTreeMap<String, String>,
    /// New pairs.
    pub onchange: Callback<BTreeMap<String, String>>,
}

/// Key/value pairs (tags, labels, limits), one `key=value` per line.
#[component]
pub fn MapField(p: &MapProps) -> Html {
    let id = fid(&p.path);
    let render = |m: &BTreeMap<String, String>| {
        m.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let text = use_state(|| render(&p.value));
    let parse = |t: &str| -> BTreeMap<String, String> {
        t.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| match l.split_once('=') {
                Some((k, v)) => (k.trim().to_owned(), v.trim().to_owned()),
                None => (l.trim().to_owned(), String::new()),
            })
            .collect()
    };
    let shown = if parse(&text) == p.value {
        (*text).clone()
    } else {
        render(&p.value)
    };
    let onchange = p.onchange.clone();
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            let v = area.value();
            text.set(v.clone());
            onchange.emit(parse(&v));
        })
    };
    let rows = (p.value.len() + 1).clamp(2, 8).to_string();
    let findings = use_findings(&p.path);
    let onfocus = use_trace(&p.path);
    html! {
        <div class={field_class(&findings, None)}>
            <label for={id.clone()}>{ p.label.clone() }</label>
            <textarea id={id.clone()} value={shown} {oninput} {onfocus} rows={rows} spellcheck="false"
                placeholder="key=value, one per line"
                aria-invalid={invalid(&findings)}
                aria-describedby={described(&id, &p.help, &findings)} />
            { messages(&id, &findings) }
            { help(&id, &p.help) }
        </div>
    }
}

/// Properties of [`ItemHeader`].
#[derive(Properties, PartialEq)]
pub struct ItemHeaderProps {
    /// What the item is, for button labels ("NodePool general").
    pub what: AttrValue,
    /// Position in the list.
    pub index: usize,
    /// List length.
    pub len: usize,
    /// Move up (`-1`) or down (`+1`).
    pub on_move: Callback<(usize, isize)>,
    /// Remove.
    pub on_remove: Callback<usize>,
    /// The item's plan path (`node_pools[2]`): focus follows the item when
    /// it moves, and goes to its neighbour when it is removed.
    #[prop_or_default]
    pub path: AttrValue,
    /// Keep the plan for Undo before removing (off when the removal asks
    /// first and keeps it itself).
    #[prop_or(true)]
    pub undoable: bool,
}

/// The element ids of an item's tools: `{item}-up`, `-down`, `-remove`.
pub fn tool_id(item_path: &str, tool: &str) -> String {
    format!("{}-{tool}", fid(item_path))
}

/// The path of item `index` of the list `item_path` belongs to:
/// `node_pools[2]` with 0 → `node_pools[0]`.
fn sibling(item_path: &str, index: usize) -> Option<String> {
    let open = item_path.rfind('[')?;
    Some(format!("{}[{index}]", &item_path[..open]))
}

/// After item `i` of `len` moved by `d`: its button, at its new place (or
/// the other arrow when it reached an end).
pub fn focus_after_move(item_path: &str, i: usize, d: isize, len: usize) -> Option<Focus> {
    let j = i.checked_add_signed(d).filter(|j| *j < len)?;
    let tool = match (d < 0, j == 0, j + 1 == len) {
        (true, true, _) => "down",
        (true, false, _) => "up",
        (false, _, true) => "up",
        (false, _, false) => "down",
    };
    Some(Focus::Element(tool_id(&sibling(item_path, j)?, tool)))
}

/// After item `i` of `len` was removed: the item now in its place, or the
/// one before it, or (an empty list) the list's "Add" button.
pub fn focus_after_remove(item_path: &str, i: usize, len: usize) -> Option<Focus> {
    let left = len.saturating_sub(1);
    let list = &item_path[..item_path.rfind('[')?];
    Some(if left == 0 {
        Focus::Element(format!("{}-add", fid(list)))
    } else {
        Focus::Element(tool_id(&sibling(item_path, i.min(left - 1))?, "remove"))
    })
}

/// Move up / move down / remove buttons for an item in a list. Removing
/// can be undone; focus follows a moved item and goes to a neighbour of a
/// removed one.
#[component]
pub fn ItemHeader(p: &ItemHeaderProps) -> Html {
    let i = p.index;
    let len = p.len;
    let dispatch = use_context::<Dispatch>();
    let path = p.path.to_string();
    let mover = |d: isize| {
        let on_move = p.on_move.clone();
        let dispatch = dispatch.clone();
        let path = path.clone();
        Callback::from(move |_: MouseEvent| {
            on_move.emit((i, d));
            if let (Some(dispatch), Some(focus)) = (&dispatch, focus_after_move(&path, i, d, len)) {
                dispatch.emit(Action::FocusOn(focus));
            }
        })
    };
    let remove = {
        let on_remove = p.on_remove.clone();
        let dispatch = dispatch.clone();
        let what = p.what.clone();
        let undoable = p.undoable;
        let path = path.clone();
        Callback::from(move |_: MouseEvent| {
            if let (Some(d), true) = (&dispatch, undoable) {
                d.emit(Action::Checkpoint(format!("Removed {what}.")));
            }
            on_remove.emit(i);
            if let (Some(d), true, Some(focus)) =
                (&dispatch, undoable, focus_after_remove(&path, i, len))
            {
                d.emit(Action::FocusOn(focus));
            }
        })
    };
    let id = |tool: &str| (!path.is_empty()).then(|| tool_id(&path, tool));
    html! {
        <div class="item-tools">
            <button type="button" id={id("up")} onclick={mover(-1)} disabled={i == 0} aria-label={format!("Move {} up", p.what)}>{ "↑" }</button>
            <button type="button" id={id("down")} onclick={mover(1)} disabled={i + 1 >= p.len} aria-label={format!("Move {} down", p.what)}>{ "↓" }</button>
            <button type="button" id={id("remove")} class="danger" onclick={remove} aria-label={format!("Remove {}", p.what)}>{ "Remove" }</button>
        </div>
    }
}

/// Move or remove items of a list in the plan.
pub fn list_ops<T: 'static>(
    edit: &Callback<Edit>,
    list: fn(&mut Plan) -> &mut Vec<T>,
) -> (Callback<(usize, isize)>, Callback<usize>) {
    let on_move = edit.reform(move |(i, d): (usize, isize)| {
        Rc::new(move |p: &mut Plan| {
            let v = list(p);
            let j = i as isize + d;
            if j >= 0 && (j as usize) < v.len() && i < v.len() {
                v.swap(i, j as usize);
            }
        }) as Edit
    });
    let on_remove = edit.reform(move |i: usize| {
        Rc::new(move |p: &mut Plan| {
            let v = list(p);
            if i < v.len() {
                v.remove(i);
            }
        }) as Edit
    });
    (on_move, on_remove)
}

/// `(value, label)` pairs from static strings.
pub fn opts(pairs: &[(&'static str, &'static str)]) -> Vec<(AttrValue, AttrValue)> {
    pairs
        .iter()
        .map(|(v, l)| (AttrValue::Static(v), AttrValue::Static(l)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fid;

    #[test]
    fn focus_follows_moves_and_removals() {
        use super::{Focus, focus_after_move, focus_after_remove};
        let el = |s: &str| Some(Focus::Element(s.to_owned()));
        // Moved up to the top: the up arrow is disabled there, so the down one.
        assert_eq!(
            focus_after_move("node_pools[1]", 1, -1, 3),
            el("f-node_pools-0-down")
        );
        assert_eq!(
            focus_after_move("node_pools[2]", 2, -1, 3),
            el("f-node_pools-1-up")
        );
        assert_eq!(
            focus_after_move("node_pools[0]", 0, 1, 3),
            el("f-node_pools-1-down")
        );
        assert_eq!(
            focus_after_move("node_pools[1]", 1, 1, 3),
            el("f-node_pools-2-up")
        );
        assert_eq!(focus_after_move("node_pools[0]", 0, -1, 3), None);
        assert_eq!(
            focus_after_remove("node_pools[1]", 1, 3),
            el("f-node_pools-1-remove")
        );
        assert_eq!(
            focus_after_remove("node_pools[2]", 2, 3),
            el("f-node_pools-1-remove")
        );
        assert_eq!(
            focus_after_remove("a.entries[0]", 0, 1),
            el("f-a-entries-add")
        );
        assert_eq!(focus_after_remove("", 0, 1), None);
    }

    #[test]
    fn ids_from_paths() {
        assert_eq!(fid("cluster.name"), "f-cluster-name");
        assert_eq!(
            fid("node_pools[0].disruption.budgets[1].nodes"),
            "f-node_pools-0-disruption-budgets-1-nodes"
        );
        assert_eq!(fid("cluster.tags.aws:owner"), "f-cluster-tags-aws_owner");
    }
}
