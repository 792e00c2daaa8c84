//! IAM roles and policy documents.

use serde::Serialize;

use super::id::Key;
use super::value::Value;

/// The key of the administrator role (present when the plan asks for one).
pub const ADMIN_ROLE: &str = "admin";

/// An IAM role the bundle creates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Role {
    /// Key.
    pub key: Key,
    /// Role name (≤ 64 characters).
    pub name: String,
    /// Why the role exists.
    pub description: String,
    /// Who may assume it.
    pub trust: PolicyDocument,
    /// Attached managed policies (ARNs).
    pub managed_policies: Vec<Value>,
    /// Inline policies.
    pub inline_policies: Vec<InlinePolicy>,
}

/// An inline role policy.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InlinePolicy {
    /// Key, unique within its role.
    pub key: Key,
    /// Policy name.
    pub name: String,
    /// The document.
    pub document: PolicyDocument,
}

/// An IAM policy document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PolicyDocument {
    /// Statements.
    pub statements: Vec<Statement>,
}

/// One statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statement {
    /// Statement id.
    pub sid: Option<String>,
    /// `Allow` (the planner never emits `Deny`).
    pub effect: Effect,
    /// Principals (trust and resource policies only).
    pub principals: Vec<Principal>,
    /// Actions.
    pub actions: Vec<String>,
    /// Resources (identity policies only).
    pub resources: Vec<Value>,
    /// Conditions.
    pub conditions: Vec<Condition>,
}

impl Statement {
    /// An `Allow` statement for `actions` on `resources`.
    pub fn allow(actions: &[&str], resources: Vec<Value>) -> Statement {
        Statement {
            sid: None,
            effect: Effect::Allow,
            principals: Vec::new(),
            actions: actions.iter().map(|s| s.to_string()).collect(),
            resources,
            conditions: Vec::new(),
        }
    }

    /// A trust statement letting an AWS service assume the role.
    pub fn service_trust(service: &str, actions: &[&str]) -> Statement {
        Statement {
            principals: vec![Principal {
                kind: PrincipalKind::Service,
                identifiers: vec![Value::lit(service)],
            }],
            ..Statement::allow(actions, Vec::new())
        }
    }

    /// The same statement with a sid.
    pub fn sid(mut self, sid: &str) -> Statement {
        self.sid = Some(sid.to_owned());
        self
    }

    /// The same statement with one more condition.
    pub fn when(mut self, test: &str, variable: &str, values: Vec<Value>) -> Statement {
        self.conditions.push(Condition {
            test: test.to_owned(),
            variable: variable.to_owned(),
            values,
        });
        self
    }
}

/// Statement effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Effect {
    /// Allow.
    Allow,
}

/// A principal block.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Principal {
    /// `Service` or `AWS`.
    pub kind: PrincipalKind,
    /// Service names or ARNs.
    pub identifiers: Vec<Value>,
}

/// Principal type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PrincipalKind {
    /// An AWS service.
    Service,
    /// An account or IAM principal.
    #[serde(rename = "AWS")]
    Aws,
}

impl PrincipalKind {
    /// IAM spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalKind::Service => "Service",
            PrincipalKind::Aws => "AWS",
        }
    }
}

/// A condition: `test` operator on `variable` with `values`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Condition {
    /// Operator, for example `StringEquals`.
    pub test: String,
    /// Context key, for example `aws:SourceAccount`.
    pub variable: String,
    /// Values.
    pub values: Vec<Value>,
}
