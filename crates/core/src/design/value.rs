//! Values that may refer to other objects or to the account context.
//!
//! The design is target-neutral: a role's ARN is "the ARN of role
//! `cluster`", not `aws_iam_role.cluster.arn` (Terraform) or
//! `!GetAtt ClusterRole.Arn` (CloudFormation). Each emitter renders
//! [`Value`]s in its own syntax.

use serde::Serialize;

/// Kinds of design objects a value can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The EKS cluster.
    Cluster,
    /// An IAM role.
    Role,
    /// A customer-managed KMS key.
    KmsKey,
    /// A CloudWatch log group.
    LogGroup,
    /// The created VPC.
    Vpc,
    /// A created subnet.
    Subnet,
    /// A created security group.
    SecurityGroup,
}

/// Attributes of design objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attr {
    /// ARN.
    Arn,
    /// Id.
    Id,
    /// Name.
    Name,
    /// VPC CIDR block.
    CidrBlock,
    /// Cluster endpoint URL.
    Endpoint,
    /// Cluster security group id.
    ClusterSecurityGroupId,
}

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
    /// The cluster name (a variable in Terraform).
    ClusterName,
    /// The ARN of the IAM principal running the deployment.
    CallerArn,
    /// An attribute of another design object: (kind, key, attribute).
    Ref(Kind, String, Attr),
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
    pub fn reference(kind: Kind, key: impl Into<String>, attr: Attr) -> Value {
        Value(vec![Part::Ref(kind, key.into(), attr)])
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

    /// Whether any part refers to `kind`/`key`.
    pub fn refers_to(&self, kind: Kind, key: &str) -> bool {
        self.0
            .iter()
            .any(|p| matches!(p, Part::Ref(k, n, _) if *k == kind && n == key))
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
                Part::ClusterName => "<cluster-name>".into(),
                Part::CallerArn => "<caller-arn>".into(),
                Part::Ref(k, n, a) => format!("<{k:?}.{n}.{a:?}>").to_lowercase(),
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
