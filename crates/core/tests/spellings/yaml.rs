//! Read YAML into JSON with an independent parser (granit-parser's events;
//! the emitters write YAML with their own printer), keeping CloudFormation's
//! short-form tags as the long-form intrinsics they stand for
//! (`!Ref X` → `{"Ref": "X"}`, `!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`).

use granit_parser::{Event, Parser, ScalarStyle};
use serde_json::{Map, Value as Json};

enum Frame {
    Seq(Vec<Json>, Option<String>),
    Map(Map<String, Json>, Option<String>, Option<String>),
}

/// The intrinsic a tag stands for.
fn intrinsic(tag: &str, value: Json) -> Result<Json, String> {
    let mut m = Map::new();
    match tag {
        "Ref" => {
            m.insert("Ref".into(), value);
        }
        "GetAtt" => {
            let v = match value {
                Json::String(s) => {
                    let (a, b) = s
                        .split_once('.')
                        .ok_or_else(|| format!("!GetAtt {s} has no attribute"))?;
                    Json::Array(vec![a.into(), b.into()])
                }
                other => other,
            };
            m.insert("Fn::GetAtt".into(), v);
        }
        "Sub" | "Select" | "GetAZs" | "Cidr" | "Join" | "Split" | "If" | "Equals" | "Not"
        | "And" | "Or" | "FindInMap" | "Base64" | "ImportValue" => {
            m.insert(format!("Fn::{tag}"), value);
        }
        other => return Err(format!("unknown tag !{other}")),
    }
    Ok(Json::Object(m))
}

fn plain(text: &str) -> Json {
    match text {
        "true" | "True" | "TRUE" => Json::Bool(true),
        "false" | "False" | "FALSE" => Json::Bool(false),
        "null" | "Null" | "NULL" | "~" | "" => Json::Null,
        t => t
            .parse::<i64>()
            .map(Json::from)
            .unwrap_or_else(|_| Json::String(t.to_owned())),
    }
}

/// Every document of a YAML stream.
pub fn load_all(text: &str) -> Result<Vec<Json>, String> {
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut done: Option<Json> = None;
    let push = |stack: &mut Vec<Frame>, done: &mut Option<Json>, v: Json| -> Result<(), String> {
        match stack.last_mut() {
            None => *done = Some(v),
            Some(Frame::Seq(items, _)) => items.push(v),
            Some(Frame::Map(m, key, _)) => match key.take() {
                None => match v {
                    Json::String(s) => *key = Some(s),
                    Json::Bool(b) => *key = Some(b.to_string()),
                    Json::Number(n) => *key = Some(n.to_string()),
                    other => return Err(format!("non-scalar key {other}")),
                },
                Some(k) => {
                    if m.insert(k.clone(), v).is_some() {
                        return Err(format!("duplicate key {k}"));
                    }
                }
            },
        }
        Ok(())
    };
    for event in Parser::new_from_str(text) {
        let (event, _) = event.map_err(|e| e.to_string())?;
        match event {
            Event::Scalar(t, style, _, tag) => {
                let v = match style {
                    ScalarStyle::Plain => plain(&t),
                    _ => Json::String(t.into_owned()),
                };
                let v = match tag {
                    Some(tag) if tag.handle() == "!" => intrinsic(tag.suffix(), v)?,
                    Some(tag) => {
                        return Err(format!("unexpected tag {}{}", tag.handle(), tag.suffix()));
                    }
                    None => v,
                };
                push(&mut stack, &mut done, v)?;
            }
            Event::SequenceStart(_, _, tag) => {
                stack.push(Frame::Seq(Vec::new(), tag.map(|t| t.suffix().to_owned())));
            }
            Event::MappingStart(_, _, tag) => {
                stack.push(Frame::Map(
                    Map::new(),
                    None,
                    tag.map(|t| t.suffix().to_owned()),
                ));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (v, tag) = match stack.pop() {
                    Some(Frame::Seq(items, tag)) => (Json::Array(items), tag),
                    Some(Frame::Map(m, _, tag)) => (Json::Object(m), tag),
                    None => return Err("unbalanced collection".into()),
                };
                let v = match tag {
                    Some(t) => intrinsic(&t, v)?,
                    None => v,
                };
                push(&mut stack, &mut done, v)?;
            }
            Event::DocumentEnd => {
                docs.push(done.take().unwrap_or(Json::Null));
            }
            Event::Alias(_) => return Err("aliases are not expected".into()),
            _ => {}
        }
    }
    Ok(docs)
}

/// The single document of a YAML file.
pub fn load(text: &str) -> Result<Json, String> {
    let mut docs = load_all(text)?;
    if docs.len() != 1 {
        return Err(format!("expected one document, found {}", docs.len()));
    }
    Ok(docs.remove(0))
}
