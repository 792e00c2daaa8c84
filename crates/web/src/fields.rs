//! Form controls. Every control has a label, short help (what AWS does by
//! default and why it matters), and an id derived from its plan field path,
//! so a diagnostic can bring it into view and focus it.

use std::collections::BTreeMap;
use std::rc::Rc;

use eksplan_core::Plan;
use yew::prelude::*;

use crate::state::Edit;

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
    html! {
        <div class="field">
            <label for={id.clone()}>{ p.label.clone() }</label>
            <input id={id.clone()} type={p.kind.clone()} value={p.value.clone()} {oninput} {onchange}
                placeholder={p.placeholder.clone()} list={p.list.clone()}
                spellcheck="false" autocomplete="off"
                aria-describedby={described_by(&id, &p.help)} />
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
    html! {
        <div class="field">
            <label for={id.clone()}>{ p.label.clone() }</label>
            <input id={id.clone()} type="number" inputmode="numeric" value={p.value.map(|v| v.to_string()).unwrap_or_default()}
                min={p.min.map(|v| v.to_string())} max={p.max.map(|v| v.to_string())} {oninput}
                aria-describedby={described_by(&id, &p.help)} />
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
    let error_id = format!("{id}-error");
    let described = [
        described_by(&id, &p.help),
        invalid.then(|| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    html! {
        <div class="field">
            <label for={id.clone()}>{ p.label.clone() }</label>
            <input id={id.clone()} type="text" inputmode="decimal" value={shown} {oninput}
                placeholder={p.placeholder.clone()} spellcheck="false" autocomplete="off"
                aria-invalid={invalid.then_some("true")}
                aria-describedby={(!described.is_empty()).then_some(described)} />
            if invalid {
                <p class="field-error" id={error_id}>{ "Not a number: the previous value still applies." }</p>
            }
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
    html! {
        <div class="field check">
            <input id={id.clone()} type="checkbox" checked={p.value} onchange={cb}
                aria-describedby={described_by(&id, &p.help)} />
            <label for={id.clone()}>{ p.label.clone() }</label>
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
    html! {
        <div class="field">
            <label for={id.clone()}>{ p.label.clone() }</label>
            <select id={id.clone()} onchange={cb} aria-describedby={described_by(&id, &p.help)}>
                { for p.options.iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={*v == p.value}>{ l.clone() }</option>
                }) }
            </select>
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
            value={shown} onchange={setter} placeholder={p.placeholder.clone()} />
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
    html! {
        <fieldset class="field checks" id={id.clone()} aria-describedby={described_by(&id, &p.help)}>
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
                        <input id={option_id.clone()} type="checkbox" checked={chosen} onchange={cb} />
                        <label for={option_id}>{ l.clone() }</label>
                    </span>
                }
            }) }
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
    html! {
        <div class="field">
            <label for={id.clone()}>{ p.label.clone() }</label>
            <textarea id={id.clone()} value={shown} {oninput} rows={rows} spellcheck="false"
                placeholder="key=value, one per line" aria-describedby={described_by(&id, &p.help)} />
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
}

/// Move up / move down / remove buttons for an item in a list.
#[component]
pub fn ItemHeader(p: &ItemHeaderProps) -> Html {
    let i = p.index;
    let up = p.on_move.reform(move |_: MouseEvent| (i, -1));
    let down = p.on_move.reform(move |_: MouseEvent| (i, 1));
    let remove = p.on_remove.reform(move |_: MouseEvent| i);
    html! {
        <div class="item-tools">
            <button type="button" onclick={up} disabled={i == 0} aria-label={format!("Move {} up", p.what)}>{ "↑" }</button>
            <button type="button" onclick={down} disabled={i + 1 >= p.len} aria-label={format!("Move {} down", p.what)}>{ "↓" }</button>
            <button type="button" class="danger" onclick={remove} aria-label={format!("Remove {}", p.what)}>{ "Remove" }</button>
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
    fn ids_from_paths() {
        assert_eq!(fid("cluster.name"), "f-cluster-name");
        assert_eq!(
            fid("node_pools[0].disruption.budgets[1].nodes"),
            "f-node_pools-0-disruption-budgets-1-nodes"
        );
        assert_eq!(fid("cluster.tags.aws:owner"), "f-cluster-tags-aws_owner");
    }
}
