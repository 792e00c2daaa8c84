//! Values that may refer to other objects, to the bundle's inputs or to the
//! account context.
//!
//! The design is target-neutral: a role's ARN is "the ARN of role
//! `cluster`", not `aws_iam_role.cluster.arn` (Terraform) or
//! `!GetAtt ClusterRole.Arn` (CloudFormation). Each emitter renders
//! [`Value`]s in its own syntax.

use serde::Serialize;

use super::id::{Attr, Key, Kind, Ref};
use super::input::InputId;

/// One piece of a [`Value`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Literal text.
    Text(String),
    /// The AWS partition (`aws`, `aws-cn`, `aws-us-gov`).
    Partition,
    /// The account id of the deploying principal.
    AccountId,
    /// The deployment region.
    Region,
    /// The value of one of the bundle's inputs.
    Input(InputId),
    /// The ARN of the IAM principal running the deployment.
    CallerArn,
    /// An attribute of another design object.
    Ref(Ref, Attr),
}

/// A string value built from literal text and references.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Value(pub Vec<Part>);

impl Value {
    /// A literal.
    pub fn lit(s: impl Into<String>) -> Value {
        Value(vec![Part::Text(s.into())])
    }

    /// A reference to another object's attribute.
    pub fn reference(kind: Kind, key: impl Into<Key>, attr: Attr) -> Value {
        Value(vec![Part::Ref(Ref::new(kind, key), attr)])
    }

    /// A reference through a typed [`Ref`].
    pub fn of(r: &Ref, attr: Attr) -> Value {
        Value(vec![Part::Ref(r.clone(), attr)])
    }

    /// The value of an input.
    pub fn input(id: InputId) -> Value {
        Value(vec![Part::Input(id)])
    }

    /// `arn:${partition}:<rest>`.
    pub fn arn(rest: impl Into<String>) -> Value {
        Value(vec![
            Part::Text("arn:".into()),
            Part::Partition,
            Part::Text(format!(":{}", rest.into())),
        ])
    }

    /// `arn:${partition}:iam::aws:policy/<name>`: an AWS-managed policy.
    pub fn managed_policy(name: &str) -> Value {
        Value::arn(format!("iam::aws:policy/{name}"))
    }

    /// `arn:${partition}:eks::aws:cluster-access-policy/<name>`.
    pub fn access_policy(name: &str) -> Value {
        Value::arn(format!("eks::aws:cluster-access-policy/{name}"))
    }

    /// The text if the value is a plain literal.
    pub fn as_literal(&self) -> Option<&str> {
        match self.0.as_slice() {
            [Part::Text(t)] => Some(t),
            [] => Some(""),
            _ => None,
        }
    }

    /// The object this value is exactly a reference to, if it is one.
    pub fn as_ref(&self) -> Option<(&Ref, Attr)> {
        match self.0.as_slice() {
            [Part::Ref(r, a)] => Some((r, *a)),
            _ => None,
        }
    }

    /// Whether any part refers to `kind`/`key`.
    pub fn refers_to(&self, kind: Kind, key: &str) -> bool {
        self.0
            .iter()
            .any(|p| matches!(p, Part::Ref(r, _) if r.kind == kind && r.key == key))
    }

    /// Every object this value refers to.
    pub fn refs(&self) -> impl Iterator<Item = &Ref> {
        self.0.iter().filter_map(|p| match p {
            Part::Ref(r, _) => Some(r),
            _ => None,
        })
    }

    /// Render with placeholders, for explanations and tests:
    /// `arn:<partition>:iam::<account>:role/x`.
    pub fn describe(&self) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Partition => "<partition>".into(),
                Part::AccountId => "<account-id>".into(),
                Part::Region => "<region>".into(),
                Part::Input(i) => format!("<{}>", i.key().kebab()),
                Part::CallerArn => "<caller-arn>".into(),
                // ASCII: kinds, keys and attributes are identifiers (and the
                // page then needs no Unicode case tables).
                Part::Ref(r, a) => format!("<{:?}.{}.{a:?}>", r.kind, r.key).to_ascii_lowercase(),
            })
            .collect()
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::lit(s)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::lit(s)
    }
}
