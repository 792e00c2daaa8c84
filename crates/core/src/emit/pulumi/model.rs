//! A Pulumi program, independent of its language: what to look up, which
//! resources to create with which arguments, in which order, and what to
//! export. [`super::build`] makes it from a [`Design`]; the TypeScript and Go
//! writers only spell it.
//!
//! Argument names are the `@pulumi/aws` property names (`camelCase`);
//! nested argument types carry their schema type name
//! (`ClusterComputeConfig`), which Go spells `eks.ClusterComputeConfigArgs`.

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::design::{Attr, Design, InputId, Output, Part, PolicyDocument, Ref, Tags, Value, Zone};

/// Where a resource's variable comes from: a design object, or an object
/// only the program has (policy attachments, the KMS alias, route table
/// associations), named by the builder.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Id {
    /// A design object.
    Obj(Ref),
    /// A program-only object, with its `camelCase` base name.
    Extra(String),
}

/// An output attribute of a resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    /// `arn`.
    Arn,
    /// The resource id (`id`, Go `ID()`).
    Id,
    /// `name`.
    Name,
    /// `cidrBlock`.
    CidrBlock,
    /// `endpoint`.
    Endpoint,
    /// `vpcConfig.clusterSecurityGroupId`.
    ClusterSecurityGroupId,
    /// `keyId` (KMS key).
    KeyId,
    /// `principalArn` (access entry).
    PrincipalArn,
    /// `ipv6CidrBlock` (VPC).
    Ipv6CidrBlock,
}

impl Field {
    /// The field a design attribute reads.
    pub fn of(attr: Attr) -> Field {
        match attr {
            Attr::Arn => Field::Arn,
            Attr::Id => Field::Id,
            Attr::Name => Field::Name,
            Attr::CidrBlock => Field::CidrBlock,
            Attr::Ipv6CidrBlock => Field::Ipv6CidrBlock,
            Attr::Endpoint => Field::Endpoint,
            Attr::ClusterSecurityGroupId => Field::ClusterSecurityGroupId,
        }
    }
}

/// Named arguments, in writing order.
pub(crate) type Fields<'a> = Vec<(&'static str, Expr<'a>)>;

/// An argument value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expr<'a> {
    /// A string made of literal text and references.
    Str(Cow<'a, Value>),
    /// An availability zone.
    Zone(Zone),
    /// The `netnum`-th IPv6 /64 of a VPC's /56 (Terraform's `cidrsubnet`).
    Ipv6Subnet(Ref, u32),
    /// A boolean.
    Bool(bool),
    /// A number.
    Int(u64),
    /// A list of strings.
    Strings(Vec<Expr<'a>>),
    /// A list-valued config input, as a whole.
    InputList(InputId),
    /// A boolean config input.
    InputBool(InputId),
    /// A map of strings (tags).
    Tags(&'a Tags),
    /// An output attribute of a resource.
    Out(Id, Field),
    /// A nested argument object of the named schema type.
    Object(&'static str, Fields<'a>),
    /// A list of nested argument objects of the named schema type.
    Objects(&'static str, Vec<Fields<'a>>),
    /// The JSON text of a policy document declared earlier.
    Document(String),
}

impl<'a> Expr<'a> {
    /// A string literal.
    pub fn lit(s: impl Into<String>) -> Expr<'a> {
        Expr::Str(Cow::Owned(Value::lit(s)))
    }

    /// A value of the design.
    pub fn of(v: &'a Value) -> Expr<'a> {
        Expr::Str(Cow::Borrowed(v))
    }
}

/// A resource to create.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Resource<'a> {
    /// Its identity.
    pub id: Id,
    /// The Pulumi resource name (unique in the program).
    pub name: String,
    /// The `@pulumi/aws` module (`eks`).
    pub module: &'static str,
    /// The resource type (`Cluster`).
    pub ty: &'static str,
    /// Arguments.
    pub args: Fields<'a>,
    /// What must be created first (`dependsOn`).
    pub depends_on: Vec<Id>,
}

/// One step of the program.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Stmt<'a> {
    /// A blank line and a comment that starts a section.
    Section(&'static str),
    /// A comment on the next statement.
    Comment(String),
    /// An IAM policy document, named for the JSON it becomes.
    Document {
        /// `camelCase` base name of its variable.
        name: String,
        /// The document.
        doc: &'a PolicyDocument,
    },
    /// A resource.
    Resource(Resource<'a>),
    /// Look up the existing VPC by the id in an input.
    VpcLookup(Ref, InputId),
    /// A tag on every subnet of a list input.
    TagEach {
        /// Pulumi name prefix; each tag appends the subnet id.
        name: String,
        /// The list input.
        list: InputId,
        /// Tag key.
        key: String,
        /// Tag value.
        value: String,
    },
}

/// The account context a program looks up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Context {
    /// The partition (`aws.getPartition`).
    pub partition: bool,
    /// The account id (`aws.getCallerIdentity`).
    pub account: bool,
    /// The region (`aws.getRegion`).
    pub region: bool,
    /// The deploying role (`aws.iam.getSessionContext`).
    pub caller: bool,
    /// The available zones (`aws.getAvailabilityZones`).
    pub zones: bool,
}

/// A whole program.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Program<'a> {
    /// The design it spells.
    pub design: &'a Design,
    /// Config inputs the program reads, in design order.
    pub inputs: Vec<InputId>,
    /// What it looks up.
    pub context: Context,
    /// Its steps, in order: every variable is declared before it is used.
    pub stmts: Vec<Stmt<'a>>,
    /// Stack outputs.
    pub exports: &'a [Output],
}

impl<'a> Program<'a> {
    /// Every resource, in order.
    pub fn resources(&self) -> impl Iterator<Item = &Resource<'a>> {
        self.stmts.iter().filter_map(|s| match s {
            Stmt::Resource(r) => Some(r),
            _ => None,
        })
    }

    /// Whether any IPv6 subnet needs the `cidrsubnet` helper.
    pub fn uses_ipv6_subnets(&self) -> bool {
        self.resources().any(|r| {
            r.args
                .iter()
                .any(|(_, e)| matches!(e, Expr::Ipv6Subnet(..)))
        })
    }

    /// Whether a tag loop needs formatted names.
    pub fn uses_tag_loops(&self) -> bool {
        self.stmts.iter().any(|s| matches!(s, Stmt::TagEach { .. }))
    }

    /// Identities that something else refers to (and so need a variable).
    pub fn referenced(&self) -> BTreeSet<Id> {
        let mut out = BTreeSet::new();
        for s in &self.stmts {
            match s {
                Stmt::Resource(r) => {
                    out.extend(r.depends_on.iter().cloned());
                    for (_, e) in &r.args {
                        refs(e, &mut out);
                    }
                }
                Stmt::Document { doc, .. } => {
                    for st in &doc.statements {
                        let values = st
                            .resources
                            .iter()
                            .chain(st.principals.iter().flat_map(|p| &p.identifiers))
                            .chain(st.conditions.iter().flat_map(|c| &c.values));
                        for v in values {
                            value_refs(v, &mut out);
                        }
                    }
                }
                _ => {}
            }
        }
        for o in self.exports {
            match &o.value {
                crate::design::OutputValue::One(v) => value_refs(v, &mut out),
                crate::design::OutputValue::List(vs) => {
                    vs.iter().for_each(|v| value_refs(v, &mut out));
                }
            }
        }
        out
    }
}

fn value_refs(v: &Value, out: &mut BTreeSet<Id>) {
    for p in &v.0 {
        if let Part::Ref(r, _) = p {
            out.insert(Id::Obj(r.clone()));
        }
    }
}

fn refs(e: &Expr, out: &mut BTreeSet<Id>) {
    match e {
        Expr::Str(v) => value_refs(v, out),
        Expr::Ipv6Subnet(r, _) => {
            out.insert(Id::Obj(r.clone()));
        }
        Expr::Strings(items) => items.iter().for_each(|i| refs(i, out)),
        Expr::Out(id, _) => {
            out.insert(id.clone());
        }
        Expr::Object(_, fields) => fields.iter().for_each(|(_, e)| refs(e, out)),
        Expr::Objects(_, items) => items.iter().flatten().for_each(|(_, e)| refs(e, out)),
        Expr::Zone(_)
        | Expr::Bool(_)
        | Expr::Int(_)
        | Expr::InputList(_)
        | Expr::InputBool(_)
        | Expr::Tags(_)
        | Expr::Document(_) => {}
    }
}
