//! A CloudFormation template as a typed tree.
//!
//! The CloudFormation target writes it as YAML with short-form intrinsics,
//! the eksctl target writes a part of it (the prerequisites stack), and the
//! CDK target writes the same tree as TypeScript L1 constructs, so the three
//! describe the same resources by construction.

use std::collections::BTreeMap;

use super::super::yaml::{Document, Entry, Yaml};

/// A pseudo parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pseudo {
    /// `AWS::Partition`.
    Partition,
    /// `AWS::Region`.
    Region,
    /// `AWS::AccountId`.
    AccountId,
}

impl Pseudo {
    /// The CloudFormation name.
    pub fn name(self) -> &'static str {
        match self {
            Pseudo::Partition => "AWS::Partition",
            Pseudo::Region => "AWS::Region",
            Pseudo::AccountId => "AWS::AccountId",
        }
    }
}

/// What a `Ref` (or a `${…}` in `Fn::Sub`) names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Name {
    /// A resource, by logical id.
    Resource(String),
    /// A parameter.
    Param(String),
    /// A pseudo parameter.
    Pseudo(Pseudo),
}

impl Name {
    /// The name as CloudFormation writes it.
    pub fn as_str(&self) -> &str {
        match self {
            Name::Resource(s) | Name::Param(s) => s,
            Name::Pseudo(p) => p.name(),
        }
    }
}

/// One piece of an `Fn::Sub` string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubPart {
    /// Literal text.
    Lit(String),
    /// `${Name}`.
    Ref(Name),
    /// `${LogicalId.Attribute}`.
    Att(String, &'static str),
}

/// A property value.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A list.
    List(Vec<Node>),
    /// A property structure (CloudFormation property names).
    Map(Vec<(&'static str, Node)>),
    /// A JSON document (IAM policies): keys are data, written as they are
    /// by every target.
    Json(Vec<(String, Node)>),
    /// `Ref`.
    Ref(Name),
    /// `Fn::GetAtt`.
    GetAtt(String, &'static str),
    /// `Fn::Sub` of a string with `${…}` references.
    Sub(Vec<SubPart>),
    /// `Fn::Select`.
    Select(u32, Box<Node>),
    /// `Fn::GetAZs` of the stack's region.
    GetAzs,
    /// `Fn::Cidr [block, count, bits]`.
    Cidr(Box<Node>, u32, u32),
    /// `Fn::Join [",", [...]]`.
    Join(&'static str, Vec<Node>),
}

impl Node {
    /// A string node.
    pub fn str(s: impl Into<String>) -> Node {
        Node::Str(s.into())
    }

    /// A list of strings.
    pub fn strs<S: AsRef<str>>(items: &[S]) -> Node {
        Node::List(items.iter().map(|s| Node::str(s.as_ref())).collect())
    }

    /// `!Ref` of a resource.
    pub fn reference(id: &str) -> Node {
        Node::Ref(Name::Resource(id.to_owned()))
    }

    /// Whether the node refers to resource `id` (by `Ref`, `GetAtt` or `Sub`).
    pub fn refers_to(&self, id: &str) -> bool {
        match self {
            Node::Ref(Name::Resource(r)) | Node::GetAtt(r, _) => r == id,
            Node::Sub(parts) => parts.iter().any(|p| match p {
                SubPart::Ref(Name::Resource(r)) | SubPart::Att(r, _) => r == id,
                _ => false,
            }),
            Node::List(items) | Node::Join(_, items) => items.iter().any(|n| n.refers_to(id)),
            Node::Map(es) => es.iter().any(|(_, n)| n.refers_to(id)),
            Node::Json(es) => es.iter().any(|(_, n)| n.refers_to(id)),
            Node::Select(_, n) => n.refers_to(id),
            Node::Cidr(n, _, _) => n.refers_to(id),
            _ => false,
        }
    }

    /// Every resource this node refers to.
    pub fn resources<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Node::Ref(Name::Resource(r)) | Node::GetAtt(r, _) => out.push(r),
            Node::Sub(parts) => {
                for p in parts {
                    if let SubPart::Ref(Name::Resource(r)) | SubPart::Att(r, _) = p {
                        out.push(r);
                    }
                }
            }
            Node::List(items) | Node::Join(_, items) => {
                items.iter().for_each(|n| n.resources(out));
            }
            Node::Map(es) => es.iter().for_each(|(_, n)| n.resources(out)),
            Node::Json(es) => es.iter().for_each(|(_, n)| n.resources(out)),
            Node::Select(_, n) | Node::Cidr(n, _, _) => n.resources(out),
            _ => {}
        }
    }

    /// The node as YAML with short-form intrinsics.
    pub fn to_yaml(&self) -> Yaml {
        self.clone().into_yaml()
    }

    /// [`Node::to_yaml`], moving the node's strings instead of copying them.
    pub fn into_yaml(self) -> Yaml {
        match self {
            Node::Str(s) => Yaml::Str(s),
            Node::Bool(b) => Yaml::Bool(b),
            Node::Int(n) => Yaml::Int(n),
            Node::List(items) => Yaml::Seq(fresh(items.into_iter().map(Node::into_yaml))),
            Node::Map(es) => Yaml::Map(fresh(
                es.into_iter().map(|(k, v)| Entry::new(k, v.into_yaml())),
            )),
            Node::Json(es) => Yaml::Map(fresh(
                es.into_iter().map(|(k, v)| Entry::new(k, v.into_yaml())),
            )),
            Node::Ref(n) => Yaml::tagged("Ref", Yaml::str(n.as_str())),
            Node::GetAtt(id, attr) => Yaml::tagged("GetAtt", Yaml::str(format!("{id}.{attr}"))),
            Node::Sub(parts) => Yaml::tagged("Sub", Yaml::Str(sub_string(&parts))),
            Node::Select(i, n) => Yaml::tagged(
                "Select",
                Yaml::Seq(vec![Yaml::Int(i64::from(i)), n.into_yaml()]),
            ),
            Node::GetAzs => Yaml::tagged("GetAZs", Yaml::str("")),
            Node::Cidr(block, count, bits) => Yaml::tagged(
                "Cidr",
                Yaml::Seq(vec![
                    block.into_yaml(),
                    Yaml::Int(i64::from(count)),
                    Yaml::Int(i64::from(bits)),
                ]),
            ),
            Node::Join(sep, items) => Yaml::tagged(
                "Join",
                Yaml::Seq(vec![
                    Yaml::str(sep),
                    Yaml::Seq(fresh(items.into_iter().map(Node::into_yaml))),
                ]),
            ),
        }
    }
}

/// The items of `iter` in a new vector of its exact length. `collect`
/// would write them into the source vector's buffer, whose elements are a
/// different size, and then reallocate (copying) it for every mapping and
/// sequence of the template.
fn fresh<T>(iter: impl ExactSizeIterator<Item = T>) -> Vec<T> {
    let mut v = Vec::with_capacity(iter.len());
    v.extend(iter);
    v
}

/// The text of an `Fn::Sub` string: literal `${` is written `${!`.
pub fn sub_string(parts: &[SubPart]) -> String {
    let mut out = String::new();
    for p in parts {
        match p {
            SubPart::Lit(t) => out.push_str(&t.replace("${", "${!")),
            SubPart::Ref(n) => {
                out.push_str("${");
                out.push_str(n.as_str());
                out.push('}');
            }
            SubPart::Att(id, attr) => {
                out.push_str("${");
                out.push_str(id);
                out.push('.');
                out.push_str(attr);
                out.push('}');
            }
        }
    }
    out
}

/// A parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// Logical name (`ClusterName`).
    pub name: String,
    /// CloudFormation type (`String`, `CommaDelimitedList`, …).
    pub ty: &'static str,
    /// What it is for.
    pub description: String,
    /// Default, if any.
    pub default: Option<ParamDefault>,
    /// A pattern every value must match.
    pub allowed_pattern: Option<&'static str>,
    /// The message when it does not.
    pub constraint: Option<&'static str>,
}

/// A parameter's default.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamDefault {
    /// A string.
    Text(String),
    /// A list, written comma-separated.
    List(Vec<String>),
}

/// A resource.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    /// Logical id.
    pub id: String,
    /// Resource type (`AWS::EKS::Cluster`).
    pub ty: &'static str,
    /// Properties, in writing order (without `Tags`).
    pub props: Vec<(&'static str, Node)>,
    /// The resource's own tags, if its type is taggable (`None` when it is
    /// not). The template's default tags are added under them.
    pub tags: Option<BTreeMap<String, String>>,
    /// Explicit dependencies (logical ids).
    pub depends_on: Vec<String>,
    /// Comment lines.
    pub comment: Vec<String>,
}

impl Resource {
    /// A resource with properties and no tags.
    pub fn new(id: impl Into<String>, ty: &'static str) -> Resource {
        Resource {
            id: id.into(),
            ty,
            props: Vec::new(),
            tags: None,
            depends_on: Vec::new(),
            comment: Vec::new(),
        }
    }

    /// Add a property.
    pub fn prop(mut self, name: &'static str, value: Node) -> Resource {
        self.props.push((name, value));
        self
    }

    /// Add a property when there is a value.
    pub fn prop_opt(self, name: &'static str, value: Option<Node>) -> Resource {
        match value {
            Some(v) => self.prop(name, v),
            None => self,
        }
    }

    /// Make the resource taggable, with its own tags.
    pub fn tagged(mut self, own: &BTreeMap<String, String>) -> Resource {
        self.tags = Some(own.clone());
        self
    }

    /// Taggable, with no tags of its own.
    pub fn taggable(mut self) -> Resource {
        self.tags = Some(BTreeMap::new());
        self
    }

    /// Depend on `id` unless a property already refers to it.
    pub fn after(mut self, id: &str) -> Resource {
        let implied = self.props.iter().any(|(_, v)| v.refers_to(id));
        if !implied && !self.depends_on.iter().any(|d| d == id) && id != self.id {
            self.depends_on.push(id.to_owned());
        }
        self
    }

    /// Add comment lines.
    pub fn comment(mut self, text: &str) -> Resource {
        self.comment.extend(text.lines().map(str::to_owned));
        self
    }

    /// The tags as written: the defaults, overridden by the resource's own.
    pub fn merged_tags(&self, defaults: &BTreeMap<String, String>) -> BTreeMap<String, String> {
        let mut tags = defaults.clone();
        if let Some(own) = &self.tags {
            for (k, v) in own {
                tags.insert(k.clone(), v.clone());
            }
        }
        tags
    }
}

/// A stack output.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// Logical name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Its value.
    pub value: Node,
}

/// A whole template.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Template {
    /// Header comment lines.
    pub header: Vec<String>,
    /// `Description`.
    pub description: String,
    /// Parameters.
    pub parameters: Vec<Parameter>,
    /// Tags every taggable resource gets (under its own).
    pub default_tags: BTreeMap<String, String>,
    /// Resources, each after everything it refers to.
    pub resources: Vec<Resource>,
    /// Outputs.
    pub outputs: Vec<Output>,
}

/// A tag list (`[{Key, Value}]`), sorted by key.
pub fn tag_list(tags: &BTreeMap<String, String>) -> Node {
    Node::List(
        tags.iter()
            .map(|(k, v)| Node::Map(vec![("Key", Node::str(k)), ("Value", Node::str(v))]))
            .collect(),
    )
}

impl Template {
    /// The template as YAML.
    pub fn to_yaml(&self) -> String {
        self.clone().into_yaml()
    }

    /// [`Template::to_yaml`], moving the template's strings instead of
    /// copying them.
    pub fn into_yaml(self) -> String {
        let mut doc = Document {
            header: self.header,
            start_marker: false,
            entries: vec![
                Entry::new("AWSTemplateFormatVersion", Yaml::str("2010-09-09")),
                Entry::new("Description", Yaml::str(&self.description)),
            ],
        };
        if !self.parameters.is_empty() {
            let params = self
                .parameters
                .iter()
                .map(|p| {
                    let mut es = vec![
                        Entry::new("Type", Yaml::str(p.ty)),
                        Entry::new("Description", Yaml::str(&p.description)),
                    ];
                    if let Some(d) = &p.default {
                        let text = match d {
                            ParamDefault::Text(t) => t.clone(),
                            ParamDefault::List(v) => v.join(","),
                        };
                        es.push(Entry::new("Default", Yaml::Str(text)));
                    }
                    if let Some(pattern) = p.allowed_pattern {
                        es.push(Entry::new("AllowedPattern", Yaml::str(pattern)));
                    }
                    if let Some(c) = p.constraint {
                        es.push(Entry::new("ConstraintDescription", Yaml::str(c)));
                    }
                    Entry::new(p.name.clone(), Yaml::Map(es))
                })
                .collect();
            doc.entries
                .push(Entry::new("Parameters", Yaml::Map(params)).blank());
        }
        let resources = fresh(self.resources.into_iter().enumerate().map(|(i, r)| {
            let tags = r.merged_tags(&self.default_tags);
            let mut es = vec![Entry::new("Type", Yaml::str(r.ty))];
            match r.depends_on.as_slice() {
                [] => {}
                [one] => es.push(Entry::new("DependsOn", Yaml::str(one))),
                many => es.push(Entry::new("DependsOn", Yaml::strs(many))),
            }
            let mut props: Vec<Entry> = Vec::with_capacity(r.props.len() + 1);
            props.extend(
                r.props
                    .into_iter()
                    .map(|(k, v)| Entry::new(k, v.into_yaml())),
            );
            if r.tags.is_some() && !tags.is_empty() {
                props.push(Entry::new("Tags", tag_list(&tags).into_yaml()));
            }
            if !props.is_empty() {
                es.push(Entry::new("Properties", Yaml::Map(props)));
            }
            let mut e = Entry::new(r.id, Yaml::Map(es));
            e.comment = r.comment;
            if i > 0 {
                e = e.blank();
            }
            e
        }));
        doc.entries
            .push(Entry::new("Resources", Yaml::Map(resources)).blank());
        if !self.outputs.is_empty() {
            let outputs = fresh(self.outputs.into_iter().map(|o| {
                Entry::new(
                    o.name,
                    Yaml::Map(vec![
                        Entry::new("Description", Yaml::str(o.description)),
                        Entry::new("Value", o.value.into_yaml()),
                    ]),
                )
            }));
            doc.entries
                .push(Entry::new("Outputs", Yaml::Map(outputs)).blank());
        }
        doc.render()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_escapes_literal_interpolations() {
        let parts = vec![
            SubPart::Lit("a${b}".into()),
            SubPart::Ref(Name::Pseudo(Pseudo::Region)),
            SubPart::Att("X".into(), "Arn"),
        ];
        assert_eq!(sub_string(&parts), "a${!b}${AWS::Region}${X.Arn}");
    }

    #[test]
    fn implied_dependencies_are_not_repeated() {
        let r = Resource::new("A", "AWS::X::Y")
            .prop("B", Node::reference("B"))
            .after("B")
            .after("C")
            .after("C");
        assert_eq!(r.depends_on, ["C"]);
    }
}
