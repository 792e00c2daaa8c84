//! Reading kubectl output into [`Objects`].
//!
//! JSON (`kubectl get ... -o json`) is read in one pass straight into the
//! typed wire structs: the `kind` of each item (kubectl writes it before
//! `metadata`, `spec` and `status`) picks the type, and the rest of the item
//! is deserialized into it. Unknown fields and kinds are skipped without
//! being stored. If that pass fails (a malformed item, truncated text, an
//! item whose `kind` comes late), a second pass reads item by item, so every
//! good item is kept and each bad one becomes a [`Problem`] with its line
//! and column.
//!
//! YAML (`-o yaml`, the Karpenter resources and Deployments) is small; it is
//! read through the planner's position-keeping YAML tree
//! ([`crate::plan::read`]).

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

use super::Objects;
use super::karpenter::{AutoNodeClass, Ec2NodeClass, KarpenterNodePool};
use super::network::{Ingress, IngressClass, Service};
use super::node::Node;
use super::pod::Pod;
use super::storage::{PersistentVolume, PersistentVolumeClaim, StorageClass};
use super::workload::{Deployment, PodDisruptionBudget, ServiceAccount};
use crate::plan::read as tree;

/// Something in the input that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub message: String,
    /// 1-based line, 0 when unknown.
    pub line: u64,
    /// 1-based column, 0 when unknown.
    pub column: u64,
    /// The object it concerns (`Pod shop/web-1`), when known.
    pub object: Option<String>,
}

/// What a read produced: every object that could be read, and the problems.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    /// The objects.
    pub objects: Objects,
    /// What could not be read.
    pub problems: Vec<Problem>,
}

/// A way to deserialize one object's wire struct.
trait Load<E> {
    fn load<W: DeserializeOwned>(self) -> Result<W, E>;
    fn skip(self) -> Result<(), E>;
}

/// The rest of a map whose `kind` has been read.
struct Rest<A>(A);

impl<'de, A: MapAccess<'de>> Load<A::Error> for Rest<A> {
    fn load<W: DeserializeOwned>(self) -> Result<W, A::Error> {
        W::deserialize(MapAccessDeserializer::new(self.0))
    }
    fn skip(mut self) -> Result<(), A::Error> {
        while self.0.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// A whole JSON object as text.
struct Text<'a>(&'a str);

impl Load<serde_json::Error> for Text<'_> {
    fn load<W: DeserializeOwned>(self) -> Result<W, serde_json::Error> {
        serde_json::from_str(self.0)
    }
    fn skip(self) -> Result<(), serde_json::Error> {
        Ok(())
    }
}

/// A YAML node.
struct TreeNode<'a>(&'a tree::Node);

impl Load<tree::ReadError> for TreeNode<'_> {
    fn load<W: DeserializeOwned>(self) -> Result<W, tree::ReadError> {
        tree::from_node(self.0)
    }
    fn skip(self) -> Result<(), tree::ReadError> {
        Ok(())
    }
}

/// Read one object of `kind` into `out`.
fn add<E, L: Load<E>>(out: &mut Objects, kind: &str, api_version: &str, load: L) -> Result<(), E> {
    let mut bad = |what: String, list: Vec<String>| {
        for b in list {
            out.bad_quantities.push(format!("{what}: {b}"));
        }
    };
    match kind {
        "Node" => {
            let (n, b) = Node::from_wire(load.load()?);
            bad(format!("Node {}", n.name), b);
            out.nodes.push(n);
        }
        "Pod" => {
            let (p, b) = Pod::from_wire(load.load()?);
            bad(format!("Pod {}", p.key()), b);
            out.pods.push(p);
        }
        "PersistentVolume" => {
            let (v, b) = PersistentVolume::from_wire(load.load()?);
            bad(format!("PersistentVolume {}", v.name), b);
            out.persistent_volumes.push(v);
        }
        "PersistentVolumeClaim" => {
            let (c, b) = PersistentVolumeClaim::from_wire(load.load()?);
            bad(
                format!("PersistentVolumeClaim {}/{}", c.namespace, c.name),
                b,
            );
            out.persistent_volume_claims.push(c);
        }
        "StorageClass" => out
            .storage_classes
            .push(StorageClass::from_wire(load.load()?)),
        "IngressClass" => out
            .ingress_classes
            .push(IngressClass::from_wire(load.load()?)),
        "Ingress" => out.ingresses.push(Ingress::from_wire(load.load()?)),
        "Service" => out.services.push(Service::from_wire(load.load()?)),
        "PodDisruptionBudget" => out
            .pod_disruption_budgets
            .push(PodDisruptionBudget::from_wire(load.load()?)),
        "Deployment" => out.deployments.push(Deployment::from_wire(load.load()?)),
        "ServiceAccount" => out
            .service_accounts
            .push(ServiceAccount::from_wire(load.load()?)),
        "NodePool" if api_version.starts_with("karpenter.sh/") => {
            let mut p = KarpenterNodePool::from_wire(load.load()?);
            if p.api_version.is_empty() {
                api_version.clone_into(&mut p.api_version);
            }
            out.node_pools.push(p);
        }
        "EC2NodeClass" if api_version.starts_with("karpenter.k8s.aws/") => {
            let mut c = Ec2NodeClass::from_wire(load.load()?);
            if c.api_version.is_empty() {
                api_version.clone_into(&mut c.api_version);
            }
            out.ec2_node_classes.push(c);
        }
        "NodeClass" if api_version.starts_with("eks.amazonaws.com/") => {
            let mut c = AutoNodeClass::from_wire(load.load()?);
            if c.api_version.is_empty() {
                api_version.clone_into(&mut c.api_version);
            }
            out.auto_node_classes.push(c);
        }
        _ => {
            load.skip()?;
            *out.other_kinds
                .entry(format!("{api_version} {kind}").trim().to_owned())
                .or_insert(0) += 1;
        }
    }
    Ok(())
}

const REORDERED: &str = "item fields before its kind";

/// Read `kubectl get ... -o json` output: a `List` (or `NodeList`,
/// `PodList`...) of any mix of kinds, or one object.
pub fn read_json(text: &str) -> Read {
    let mut out = Objects::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let fast = Top { out: &mut out }
        .deserialize(&mut de)
        .and_then(|()| de.end());
    if fast.is_ok() {
        return Read {
            objects: out,
            problems: Vec::new(),
        };
    }
    slow_json(text)
}

/// The fast pass: the top-level object.
struct Top<'a> {
    out: &'a mut Objects,
}

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Kubernetes object or List")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut api_version = String::new();
        let mut seen_items = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "items" => {
                    seen_items = true;
                    map.next_value_seed(Items {
                        out: &mut *self.out,
                    })?;
                }
                "apiVersion" => api_version = map.next_value()?,
                "kind" => {
                    let kind: String = map.next_value()?;
                    if !kind.ends_with("List") && !seen_items {
                        return add(self.out, &kind, &api_version, Rest(map));
                    }
                }
                "metadata" if seen_items => {
                    map.next_value::<IgnoredAny>()?;
                }
                "metadata" | "spec" | "status" => {
                    return Err(serde::de::Error::custom(REORDERED));
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct Items<'a> {
    out: &'a mut Objects,
}

impl<'de> DeserializeSeed<'de> for Items<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of Kubernetes objects")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(Item {
                out: &mut *self.out,
            })?
            .is_some()
        {}
        Ok(())
    }
}

struct Item<'a> {
    out: &'a mut Objects,
}

impl<'de> DeserializeSeed<'de> for Item<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Item<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Kubernetes object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut api_version = String::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "apiVersion" => api_version = map.next_value()?,
                "kind" => {
                    let kind: std::borrow::Cow<'de, str> = map.next_value()?;
                    return add(self.out, &kind, &api_version, Rest(map));
                }
                _ => return Err(serde::de::Error::custom(REORDERED)),
            }
        }
        Ok(())
    }
}

/// The header of an object: enough to say what and which it is.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Header {
    kind: String,
    api_version: String,
    metadata: HeaderMeta,
    items: Option<IgnoredAny>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct HeaderMeta {
    name: String,
    namespace: String,
}

impl Header {
    fn describe(&self) -> Option<String> {
        if self.kind.is_empty() && self.metadata.name.is_empty() {
            return None;
        }
        let ns = if self.metadata.namespace.is_empty() {
            String::new()
        } else {
            format!("{}/", self.metadata.namespace)
        };
        Some(
            format!("{} {ns}{}", self.kind, self.metadata.name)
                .trim()
                .to_owned(),
        )
    }
}

/// The careful pass: item by item, keeping every good one.
fn slow_json(text: &str) -> Read {
    let mut read = Read::default();
    if let Ok(h) = serde_json::from_str::<Header>(text)
        && h.items.is_none()
        && !h.kind.ends_with("List")
    {
        if let Err(e) = add(&mut read.objects, &h.kind, &h.api_version, Text(text)) {
            read.problems.push(Problem {
                message: clean(&e),
                line: e.line() as u64,
                column: e.column() as u64,
                object: h.describe(),
            });
        }
        return read;
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result = SlowTop {
        text,
        read: &mut read,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    if let Err(e) = result {
        read.problems.push(Problem {
            message: clean(&e),
            line: e.line() as u64,
            column: e.column() as u64,
            object: None,
        });
    }
    read
}

/// serde_json's message without its trailing " at line L column C".
fn clean(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

struct SlowTop<'a, 't> {
    text: &'t str,
    read: &'a mut Read,
}

impl<'de> DeserializeSeed<'de> for SlowTop<'_, 'de> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SlowTop<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Kubernetes List")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "items" {
                map.next_value_seed(SlowItems {
                    text: self.text,
                    read: &mut *self.read,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct SlowItems<'a, 't> {
    text: &'t str,
    read: &'a mut Read,
}

impl<'de> DeserializeSeed<'de> for SlowItems<'_, 'de> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SlowItems<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of Kubernetes objects")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            let item = raw.get();
            let header = serde_json::from_str::<Header>(item).unwrap_or_default();
            if let Err(e) = add(
                &mut self.read.objects,
                &header.kind,
                &header.api_version,
                Text(item),
            ) {
                let (line, column) = absolute(self.text, item, e.line(), e.column());
                self.read.problems.push(Problem {
                    message: clean(&e),
                    line,
                    column,
                    object: header.describe(),
                });
            }
        }
        Ok(())
    }
}

/// Translate a position inside `part` (a slice of `text`) to one in `text`.
fn absolute(text: &str, part: &str, line: usize, column: usize) -> (u64, u64) {
    let offset = (part.as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len());
    let before = &text[..offset];
    let start_line = before.matches('\n').count() + 1;
    let start_col = offset - before.rfind('\n').map(|i| i + 1).unwrap_or(0) + 1;
    let abs_line = start_line + line.saturating_sub(1);
    let abs_col = if line <= 1 {
        start_col + column.saturating_sub(1)
    } else {
        column
    };
    (abs_line as u64, abs_col as u64)
}

/// Read `kubectl get ... -o yaml` output (also accepts JSON).
pub fn read_yaml(text: &str) -> Read {
    let mut read = Read::default();
    let root = match tree::parse(text) {
        Ok(Some(root)) => root,
        Ok(None) => return read,
        Err(e) => {
            read.problems.push(Problem {
                message: e.message,
                line: u64::from(e.pos.line),
                column: u64::from(e.pos.column),
                object: None,
            });
            return read;
        }
    };
    let text_of = |n: Option<&tree::Node>| match n.map(|n| &n.kind) {
        Some(tree::Kind::Plain(s) | tree::Kind::Str(s)) => s.clone(),
        _ => String::new(),
    };
    let items: Vec<&tree::Node> = match root.get("items").map(|n| &n.kind) {
        Some(tree::Kind::Seq(items)) => items.iter().collect(),
        Some(_) => Vec::new(),
        None => vec![&root],
    };
    for item in items {
        let kind = text_of(item.get("kind"));
        let api_version = text_of(item.get("apiVersion"));
        if let Err(e) = add(&mut read.objects, &kind, &api_version, TreeNode(item)) {
            let meta = item.get("metadata");
            let name = text_of(meta.and_then(|m| m.get("name")));
            let at = if e.path.is_empty() {
                String::new()
            } else {
                format!(" (at {})", e.path)
            };
            read.problems.push(Problem {
                message: format!("{}{at}", e.message),
                line: u64::from(e.pos.line),
                column: u64::from(e.pos.column),
                object: Some(format!("{kind} {name}").trim().to_owned()),
            });
        }
    }
    read
}
