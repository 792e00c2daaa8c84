//! What every object shares: metadata, label selectors, taints and
//! tolerations, node-selector requirements.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Annotations that never matter to the planner and can be large: dropped
/// while reading so memory follows the objects, not the JSON text.
const DROPPED_ANNOTATIONS: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    "deployment.kubernetes.io/revision",
    "meta.helm.sh/release-namespace",
];

/// Wire form of `metadata`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct MetaW {
    pub name: String,
    pub namespace: String,
    pub labels: BTreeMap<String, String>,
    pub annotations: Annotations,
    pub owner_references: Vec<OwnerRefW>,
}

/// Annotations without [`DROPPED_ANNOTATIONS`].
#[derive(Debug, Default)]
pub(crate) struct Annotations(pub BTreeMap<String, String>);

impl<'de> Deserialize<'de> for Annotations {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Annotations;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of annotations")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Annotations, E> {
                Ok(Annotations::default())
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Annotations, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if DROPPED_ANNOTATIONS.contains(&key.as_str()) {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    } else {
                        out.insert(key, map.next_value::<String>()?);
                    }
                }
                Ok(Annotations(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Wire form of one `ownerReferences` entry.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct OwnerRefW {
    pub kind: String,
    pub name: String,
    pub controller: bool,
}

/// A label selector (`matchLabels` and `matchExpressions`), as used by PDBs,
/// Deployments, pod affinity and topology spread constraints.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LabelSelector {
    /// Labels that must all be equal.
    pub match_labels: BTreeMap<String, String>,
    /// Expressions that must all hold.
    pub match_expressions: Vec<Requirement>,
}

impl LabelSelector {
    /// Whether `labels` satisfy the selector. An empty selector selects
    /// everything (as for PDBs with `policy/v1`).
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.match_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v))
            && self.match_expressions.iter().all(|r| r.matches(labels))
    }

    /// Whether the selector has no condition at all.
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }
}

/// One label requirement: `key`, `operator` (`In`, `NotIn`, `Exists`,
/// `DoesNotExist`, `Gt`, `Lt`) and `values`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Requirement {
    /// Label key.
    pub key: String,
    /// Operator, as Kubernetes spells it.
    pub operator: String,
    /// Values.
    pub values: Vec<String>,
}

impl Requirement {
    /// Whether `labels` satisfy the requirement. Unknown operators never match.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let value = labels.get(&self.key);
        let num = |s: &str| s.parse::<i64>().ok();
        match self.operator.as_str() {
            "In" => value.is_some_and(|v| self.values.contains(v)),
            "NotIn" => value.is_none_or(|v| !self.values.contains(v)),
            "Exists" => value.is_some(),
            "DoesNotExist" => value.is_none(),
            "Gt" | "Lt" => {
                let (Some(v), Some(bound)) = (
                    value.and_then(|v| num(v)),
                    self.values.first().and_then(|b| num(b)),
                ) else {
                    return false;
                };
                if self.operator == "Gt" {
                    v > bound
                } else {
                    v < bound
                }
            }
            _ => false,
        }
    }
}

/// A node-selector term (`requiredDuringScheduling...nodeSelectorTerms[]`):
/// every expression must hold. Terms of a list are alternatives.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeSelectorTerm {
    /// Expressions over node labels.
    pub match_expressions: Vec<Requirement>,
    /// Expressions over node fields (`metadata.name`).
    pub match_fields: Vec<Requirement>,
}

impl NodeSelectorTerm {
    /// Whether a node with `name` and `labels` satisfies the term.
    pub fn matches(&self, name: &str, labels: &BTreeMap<String, String>) -> bool {
        let fields: BTreeMap<String, String> =
            [("metadata.name".to_owned(), name.to_owned())].into();
        self.match_expressions.iter().all(|r| r.matches(labels))
            && self.match_fields.iter().all(|r| r.matches(&fields))
    }
}

/// A node taint.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Taint {
    /// Key.
    pub key: String,
    /// Value (empty when unset).
    pub value: String,
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    pub effect: String,
}

/// A pod toleration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Toleration {
    /// Key; empty with `Exists` tolerates every taint.
    pub key: String,
    /// `Equal` (default) or `Exists`.
    pub operator: String,
    /// Value for `Equal`.
    pub value: String,
    /// Effect; empty matches every effect.
    pub effect: String,
}

impl Toleration {
    /// Whether this toleration tolerates `taint` (Kubernetes'
    /// `ToleratesTaint`).
    pub fn tolerates(&self, taint: &Taint) -> bool {
        if !self.effect.is_empty() && self.effect != taint.effect {
            return false;
        }
        if !self.key.is_empty() && self.key != taint.key {
            return false;
        }
        match self.operator.as_str() {
            "Exists" => true,
            "" | "Equal" => !self.key.is_empty() && self.value == taint.value,
            _ => false,
        }
    }
}

/// Whether `tolerations` tolerate every `NoSchedule`/`NoExecute` taint in
/// `taints` (`PreferNoSchedule` never blocks).
pub fn tolerates_all(tolerations: &[Toleration], taints: &[Taint]) -> bool {
    taints
        .iter()
        .filter(|t| t.effect != "PreferNoSchedule")
        .all(|t| tolerations.iter().any(|tol| tol.tolerates(t)))
}

/// An `int-or-string` field (`minAvailable: 2`, `maxUnavailable: "25%"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntOrPercent {
    /// An absolute count.
    Int(i64),
    /// A percentage, 0–100 (values above are kept as written).
    Percent(u32),
    /// Anything else, as written.
    Other(String),
}

impl IntOrPercent {
    /// The absolute value for `total` pods (percentages round up, as
    /// Kubernetes does for `minAvailable`).
    pub fn resolve_up(&self, total: u64) -> Option<u64> {
        match self {
            IntOrPercent::Int(i) => u64::try_from(*i).ok(),
            IntOrPercent::Percent(p) => Some((total * u64::from(*p)).div_ceil(100)),
            IntOrPercent::Other(_) => None,
        }
    }

    /// The absolute value for `total` pods, rounding percentages down (as
    /// for `maxUnavailable`).
    pub fn resolve_down(&self, total: u64) -> Option<u64> {
        match self {
            IntOrPercent::Int(i) => u64::try_from(*i).ok(),
            IntOrPercent::Percent(p) => Some(total * u64::from(*p) / 100),
            IntOrPercent::Other(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for IntOrPercent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = IntOrPercent;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an integer or a percentage")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<IntOrPercent, E> {
                Ok(IntOrPercent::Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<IntOrPercent, E> {
                Ok(IntOrPercent::Int(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<IntOrPercent, E> {
                Ok(IntOrPercent::Other(v.to_string()))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<IntOrPercent, E> {
                if let Some(p) = v.trim().strip_suffix('%').and_then(|p| p.parse().ok()) {
                    return Ok(IntOrPercent::Percent(p));
                }
                Ok(match v.trim().parse() {
                    Ok(i) => IntOrPercent::Int(i),
                    Err(_) => IntOrPercent::Other(v.to_owned()),
                })
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn req(key: &str, op: &str, values: &[&str]) -> Requirement {
        Requirement {
            key: key.into(),
            operator: op.into(),
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        }
    }

    #[test]
    fn requirements_match_like_kubernetes() {
        let l = labels(&[("app", "web"), ("gen", "6")]);
        assert!(req("app", "In", &["web", "api"]).matches(&l));
        assert!(!req("app", "NotIn", &["web"]).matches(&l));
        assert!(req("zone", "NotIn", &["a"]).matches(&l));
        assert!(req("app", "Exists", &[]).matches(&l));
        assert!(req("zone", "DoesNotExist", &[]).matches(&l));
        assert!(req("gen", "Gt", &["5"]).matches(&l));
        assert!(!req("gen", "Lt", &["5"]).matches(&l));
        assert!(!req("app", "Weird", &[]).matches(&l));
        let sel = LabelSelector {
            match_labels: labels(&[("app", "web")]),
            match_expressions: vec![req("gen", "In", &["6"])],
        };
        assert!(sel.matches(&l));
        assert!(!sel.matches(&labels(&[("app", "web")])));
        assert!(LabelSelector::default().matches(&l));
    }

    #[test]
    fn tolerations_match_like_kubernetes() {
        let taint = Taint {
            key: "dedicated".into(),
            value: "gpu".into(),
            effect: "NoSchedule".into(),
        };
        let tol = |key: &str, op: &str, value: &str, effect: &str| Toleration {
            key: key.into(),
            operator: op.into(),
            value: value.into(),
            effect: effect.into(),
        };
        assert!(tol("dedicated", "Equal", "gpu", "NoSchedule").tolerates(&taint));
        assert!(tol("dedicated", "", "gpu", "").tolerates(&taint));
        assert!(tol("dedicated", "Exists", "", "").tolerates(&taint));
        assert!(tol("", "Exists", "", "").tolerates(&taint));
        assert!(!tol("dedicated", "Equal", "cpu", "").tolerates(&taint));
        assert!(!tol("dedicated", "Exists", "", "NoExecute").tolerates(&taint));
        let soft = Taint {
            effect: "PreferNoSchedule".into(),
            ..taint.clone()
        };
        assert!(tolerates_all(&[], std::slice::from_ref(&soft)));
        assert!(!tolerates_all(&[], &[taint]));
    }

    #[test]
    fn int_or_percent() {
        let p: IntOrPercent = serde_json::from_str("\"25%\"").expect("percent");
        assert_eq!(p, IntOrPercent::Percent(25));
        assert_eq!(p.resolve_up(10), Some(3));
        assert_eq!(p.resolve_down(10), Some(2));
        let i: IntOrPercent = serde_json::from_str("2").expect("int");
        assert_eq!(i.resolve_up(10), Some(2));
        let s: IntOrPercent = serde_json::from_str("\"x\"").expect("other");
        assert_eq!(s.resolve_up(1), None);
    }

    #[test]
    fn large_annotations_are_dropped() {
        let m: MetaW = serde_json::from_str(
            r#"{"name":"a","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{...}","keep":"1"}}"#,
        )
        .expect("meta");
        assert_eq!(m.annotations.0.len(), 1);
        assert_eq!(m.annotations.0["keep"], "1");
    }
}
