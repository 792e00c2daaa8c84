//! Pulumi Go: `main.go` with `github.com/pulumi/pulumi-aws/sdk/v7`, and
//! `go.mod`.
//!
//! The program is written as `gofmt` prints it, so `gofmt -l` reports
//! nothing: tabs for indentation, imports sorted, and the values of
//! consecutive one-line `Key: value` elements aligned in a column the way
//! `go/printer` aligns them (see [`layout`]). Account context comes from
//! plain invokes (`aws.GetPartition`), so it is plain Go strings; resource
//! attributes are outputs; strings that mix the two use `pulumi.Sprintf`.
//! IAM documents are `iam.GetPolicyDocumentOutput` invokes, which take
//! outputs (a cluster ARN in a trust policy) as they are.

mod layout;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use self::layout::{Elem, Node, Text};
use super::escape::{go_format_text_into, go_string, go_string_into};
use super::model::{Expr, Field, Fields, Id, Program, Resource, Stmt};
use super::names::Vars;
use super::ts::group;
use super::{AWS_VERSION, GO_VERSION, PULUMI_VERSION, comment_lines, project_name};
use crate::design::{InputId, InputType, OutputValue, Part, PolicyDocument, Ref, Value, Zone};

/// The Go module path of the AWS SDK.
pub const AWS_MODULE: &str = "github.com/pulumi/pulumi-aws/sdk/v7";
/// The Go module path of the Pulumi SDK.
pub const PULUMI_MODULE: &str = "github.com/pulumi/pulumi/sdk/v3";

/// Go keywords and predeclared names, which variables avoid.
const GO_WORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
    "any",
    "bool",
    "byte",
    "error",
    "string",
    "int",
    "len",
    "nil",
    "true",
    "false",
    "new",
    "make",
    "append",
];

/// Identifiers the program itself uses.
const RESERVED: &[&str] = &[
    "main",
    "ctx",
    "err",
    "cfg",
    "partition",
    "callerIdentity",
    "sessionContext",
    "region",
    "availabilityZones",
    "subnetId",
    "ipv6Subnet",
    "pulumi",
    "config",
    "fmt",
    "net",
];

struct Go<'a> {
    p: &'a Program<'a>,
    vars: Vars,
    referenced: BTreeSet<Id>,
    lookups: BTreeSet<&'a Ref>,
    inputs: BTreeMap<InputId, String>,
}

/// The packages a program imports, sorted as `gofmt` sorts them.
fn imports(p: &Program) -> (Vec<&'static str>, Vec<String>) {
    let mut std = BTreeSet::new();
    let mut aws: BTreeSet<&str> = BTreeSet::new();
    if p.uses_tag_loops() {
        std.insert("fmt");
    }
    if p.uses_ipv6_subnets() {
        std.insert("fmt");
        std.insert("net");
    }
    if checks_inputs(p) {
        std.insert("fmt");
        std.insert("regexp");
    }
    let c = p.context;
    if c.partition || c.account || c.caller || c.region || c.zones {
        aws.insert("");
    }
    if c.caller {
        aws.insert("iam");
    }
    for s in &p.stmts {
        match s {
            Stmt::Resource(r) => {
                aws.insert(r.module);
            }
            Stmt::Document { .. } => {
                aws.insert("iam");
            }
            Stmt::VpcLookup(..) | Stmt::TagEach { .. } => {
                aws.insert("ec2");
            }
            Stmt::Section(_) | Stmt::Comment(_) => {}
        }
    }
    let mut third: Vec<String> = aws
        .into_iter()
        .map(|m| {
            if m.is_empty() {
                format!("{AWS_MODULE}/go/aws")
            } else {
                format!("{AWS_MODULE}/go/aws/{m}")
            }
        })
        .collect();
    third.push(format!("{PULUMI_MODULE}/go/pulumi"));
    if !p.inputs.is_empty() {
        third.push(format!("{PULUMI_MODULE}/go/pulumi/config"));
    }
    third.sort();
    (std.into_iter().collect(), third)
}

/// `main.go`.
pub(crate) fn main_go(p: &Program) -> String {
    let (std, third) = imports(p);
    let packages: Vec<String> = std
        .iter()
        .map(|s| (*s).to_owned())
        .chain(
            third
                .iter()
                .filter_map(|t| t.rsplit('/').next().map(str::to_owned)),
        )
        .collect();
    let mut reserved: Vec<String> = GO_WORDS
        .iter()
        .chain(RESERVED)
        .map(|s| (*s).to_owned())
        .collect();
    reserved.extend(packages);
    let mut inputs = BTreeMap::new();
    for i in &p.inputs {
        let name = i.key().camel();
        reserved.push(name.clone());
        inputs.insert(*i, name);
    }
    let reserved: Vec<&str> = reserved.iter().map(String::as_str).collect();
    let lookups = p
        .stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::VpcLookup(r, _) => Some(r),
            _ => None,
        })
        .collect();
    let go = Go {
        p,
        vars: Vars::new(p, &reserved),
        referenced: p.referenced(),
        lookups,
        inputs,
    };
    go.file(&std, &third)
}

/// Indentation of the program's statements (inside `pulumi.Run`).
const BODY: &str = "\t\t";

/// The end of an `if _, err := …; err != nil` statement.
const ERR_CHECK: &[&str] = &["); err != nil {", "\treturn err", "}"];

/// `pulumi.String(<s as a Go string>)`, appended to `b`.
fn pulumi_string_into(b: &mut String, s: &str) {
    b.push_str("pulumi.String(");
    go_string_into(b, s);
    b.push(')');
}

impl Go<'_> {
    fn file(&self, std: &[&str], third: &[String]) -> String {
        let p = self.p;
        let mut s = String::with_capacity(48 * 1024);
        let _ = writeln!(
            s,
            "// EKS Auto Mode cluster `{}`, generated by the EKS Auto Mode Planner from plan.yaml.",
            comment_lines(&p.design.cluster.name).join(" ")
        );
        s.push_str("// `pulumi up` creates the AWS side; then apply ../kubernetes with kubectl (see ../README.md).\n");
        s.push_str("package main\n\nimport (\n");
        for i in std {
            let _ = writeln!(s, "\t{}", go_string(i));
        }
        if !std.is_empty() {
            s.push('\n');
        }
        for i in third {
            let _ = writeln!(s, "\t{}", go_string(i));
        }
        s.push_str(")\n\nfunc main() {\n\tpulumi.Run(func(ctx *pulumi.Context) error {\n");
        let mut w = W::new(s);
        self.config(&mut w);
        self.context(&mut w);
        for stmt in &p.stmts {
            self.stmt(&mut w, stmt);
        }
        self.exports(&mut w);
        let mut s = w.body;
        s.push_str("\t\treturn nil\n\t})\n}\n");
        if p.uses_ipv6_subnets() {
            s.push_str(IPV6_SUBNET);
        }
        s
    }

    fn config(&self, w: &mut W) {
        if self.p.inputs.is_empty() {
            return;
        }
        w.line("// Values specific to your account and environment (Pulumi.yaml has the plan's values as defaults).");
        w.line("// The Kubernetes manifests in ../kubernetes were generated for these defaults (NodeClass");
        w.line("// roles and subnet tags use the cluster name): change them in the plan and regenerate.");
        w.line("cfg := config.New(ctx, \"\")");
        for i in &self.p.inputs {
            let name = &self.inputs[i];
            let key = go_string(&i.key().camel());
            let input = self.p.design.input(*i);
            match input.map(|x| x.ty) {
                Some(InputType::List) => {
                    w.line(&format!("var {name} []string"));
                    w.line(&format!("cfg.RequireObject({key}, &{name})"));
                }
                Some(InputType::Map) => {
                    w.line(&format!("var {name} map[string]string"));
                    w.line(&format!("cfg.RequireObject({key}, &{name})"));
                }
                Some(InputType::Bool) => w.line(&format!("{name} := cfg.RequireBool({key})")),
                _ => w.line(&format!("{name} := cfg.Require({key})")),
            }
            if let Some(input) = input {
                checks_go(w, name, input);
            }
        }
    }

    fn context(&self, w: &mut W) {
        let c = self.p.context;
        if !(c.partition || c.account || c.caller || c.region || c.zones) {
            return;
        }
        w.blank();
        w.line("// The account context.");
        if c.partition {
            w.checked(Node::Static(
                "partition, err := aws.GetPartition(ctx, nil, nil)",
            ));
        }
        if c.account || c.caller {
            w.checked(Node::Static(
                "callerIdentity, err := aws.GetCallerIdentity(ctx, nil, nil)",
            ));
        }
        if c.caller {
            w.line("// The IAM role (not the STS session) of whoever runs pulumi up.");
            let t = &mut w.t;
            let (head, arn) = (t.str("&iam.GetSessionContextArgs"), t.str("Arn"));
            let args = t.composite(
                head,
                vec![Elem::pair(arn, Node::Static("callerIdentity.Arn"))],
            );
            w.checked(Node::Cat(vec![
                Node::Static("sessionContext, err := iam.GetSessionContext(ctx, "),
                args,
                Node::Static(", nil)"),
            ]));
        }
        if c.region {
            w.checked(Node::Static("region, err := aws.GetRegion(ctx, nil, nil)"));
        }
        if c.zones {
            let t = &mut w.t;
            let (empty, name, values) = (t.str(""), t.str("Name"), t.str("Values"));
            let filter = t.composite(
                empty,
                vec![
                    Elem::pair(name, Node::Static("\"opt-in-status\"")),
                    Elem::pair(values, Node::Static("[]string{\"opt-in-not-required\"}")),
                ],
            );
            let filters_head = t.str("[]aws.GetAvailabilityZonesFilter");
            let filters = t.composite(filters_head, vec![Elem::item(filter)]);
            let (head, state, filters_key) = (
                t.str("&aws.GetAvailabilityZonesArgs"),
                t.str("State"),
                t.str("Filters"),
            );
            let args = t.composite(
                head,
                vec![
                    Elem::pair(state, Node::Static("pulumi.StringRef(\"available\")")),
                    Elem::pair(filters_key, filters),
                ],
            );
            w.checked(Node::Cat(vec![
                Node::Static("availabilityZones, err := aws.GetAvailabilityZones(ctx, "),
                args,
                Node::Static(", nil)"),
            ]));
        }
    }

    fn stmt(&self, w: &mut W, stmt: &Stmt) {
        match stmt {
            Stmt::Section(title) => {
                w.blank();
                w.comment(title);
            }
            Stmt::Comment(text) => {
                for line in comment_lines(text) {
                    w.comment(&line);
                }
            }
            Stmt::Document { name, doc } => {
                let t = &mut w.t;
                let decl = t.leaf(|b| {
                    b.push_str(self.vars.doc_name(name));
                    b.push_str(" := iam.GetPolicyDocumentOutput(ctx, ");
                });
                let doc = self.document(t, doc);
                w.lines(Node::Cat(vec![decl, doc, Node::Static(", nil)")]));
            }
            Stmt::Resource(r) => self.resource(w, r),
            Stmt::VpcLookup(r, input) => {
                let t = &mut w.t;
                let decl = t.leaf(|b| {
                    b.push_str(&self.vars.obj(r));
                    b.push_str(", err := ec2.LookupVpc(ctx, ");
                });
                let (head, id) = (t.str("&ec2.LookupVpcArgs"), t.str("Id"));
                let value = t.leaf(|b| {
                    b.push_str("pulumi.StringRef(");
                    self.input_into(b, *input);
                    b.push(')');
                });
                let args = t.composite(head, vec![Elem::pair(id, value)]);
                w.checked(Node::Cat(vec![decl, args, Node::Static(", nil)")]));
            }
            Stmt::TagEach {
                name,
                list,
                key,
                value,
            } => {
                let mut head = String::from("for _, subnetId := range ");
                self.input_into(&mut head, *list);
                head.push_str(" {");
                w.line(&head);
                let t = &mut w.t;
                let call = t.leaf(|b| {
                    b.push_str("if _, err := ec2.NewTag(ctx, fmt.Sprintf(\"");
                    go_format_text_into(b, name);
                    b.push_str("-%s\", subnetId), ");
                });
                let (h, k_id, k_key, k_value) = (
                    t.str("&ec2.TagArgs"),
                    t.str("ResourceId"),
                    t.str("Key"),
                    t.str("Value"),
                );
                let (v_key, v_value) = (
                    t.leaf(|b| pulumi_string_into(b, key)),
                    t.leaf(|b| pulumi_string_into(b, value)),
                );
                let args = t.composite(
                    h,
                    vec![
                        Elem::pair(k_id, Node::Static("pulumi.String(subnetId)")),
                        Elem::pair(k_key, v_key),
                        Elem::pair(k_value, v_value),
                    ],
                );
                // The call one tab deeper, inside the loop.
                w.lines_at(Node::Cat(vec![call, args, Node::Lines(ERR_CHECK)]), 1);
                w.line("}");
            }
        }
    }

    fn resource(&self, w: &mut W, r: &Resource) {
        let t = &mut w.t;
        let head = t.span(|b| {
            b.push('&');
            b.push_str(r.module);
            b.push('.');
            b.push_str(r.ty);
            b.push_str("Args");
        });
        let fields = self.fields(t, &r.args, r.module);
        let args = t.composite(head, fields);
        let deps = (!r.depends_on.is_empty()).then(|| {
            let head = t.str("[]pulumi.Resource");
            let deps = r
                .depends_on
                .iter()
                .map(|d| t.leaf(|b| b.push_str(&self.vars.name(d))))
                .collect();
            t.inline_list(head, deps)
        });
        let referenced = self.referenced.contains(&r.id);
        let call = t.leaf(|b| {
            if referenced {
                b.push_str(&self.vars.name(&r.id));
                b.push_str(", err := ");
            } else {
                b.push_str("if _, err := ");
            }
            b.push_str(r.module);
            b.push_str(".New");
            b.push_str(r.ty);
            b.push_str("(ctx, ");
            go_string_into(b, &r.name);
            b.push_str(", ");
        });
        let mut parts = Vec::with_capacity(6);
        parts.push(call);
        parts.push(args);
        if let Some(deps) = deps {
            parts.push(Node::Static(", pulumi.DependsOn("));
            parts.push(deps);
            parts.push(Node::Static(")"));
        }
        if referenced {
            parts.push(Node::Static(")"));
            w.checked(Node::Cat(parts));
        } else {
            parts.push(Node::Lines(ERR_CHECK));
            w.lines(Node::Cat(parts));
        }
    }

    /// The variable of an input, appended to `b`.
    fn input_into(&self, b: &mut String, i: InputId) {
        match self.inputs.get(&i) {
            Some(name) => b.push_str(name),
            None => b.push_str(&i.key().camel()),
        }
    }

    /// Whether a part of a value is a plain Go string (not an output).
    fn plain(&self, part: &Part) -> bool {
        match part {
            Part::Ref(r, _) => self.lookups.contains(r),
            _ => true,
        }
    }

    /// A part of a value, appended to `b`.
    fn part_into(&self, b: &mut String, part: &Part) {
        match part {
            Part::Text(t) => go_string_into(b, t),
            Part::Partition => b.push_str("partition.Partition"),
            Part::AccountId => b.push_str("callerIdentity.AccountId"),
            Part::Region => b.push_str("region.Region"),
            Part::CallerArn => b.push_str("sessionContext.IssuerArn"),
            Part::Input(i) => self.input_into(b, *i),
            Part::Ref(r, attr) => self.out_obj_into(b, r, Field::of(*attr)),
        }
    }

    /// An attribute of a design object's resource (an output) or lookup
    /// (plain), appended to `b`.
    fn out_obj_into(&self, b: &mut String, r: &Ref, field: Field) {
        b.push_str(&self.vars.obj(r));
        b.push('.');
        if self.lookups.contains(r) {
            b.push_str(match field {
                Field::Arn => "Arn",
                Field::CidrBlock => "CidrBlock",
                _ => "Id",
            });
        } else {
            b.push_str(output_field(field));
        }
    }

    /// An attribute of a resource or lookup, appended to `b`.
    fn out_into(&self, b: &mut String, id: &Id, field: Field) {
        match id {
            Id::Obj(r) => self.out_obj_into(b, r, field),
            Id::Extra(_) => {
                b.push_str(&self.vars.name(id));
                b.push('.');
                b.push_str(output_field(field));
            }
        }
    }

    /// A value as a `pulumi.StringInput`, appended to `b`.
    fn value_into(&self, b: &mut String, v: &Value) {
        match v.0.as_slice() {
            [] => b.push_str("pulumi.String(\"\")"),
            [Part::Text(t)] => pulumi_string_into(b, t),
            [single] => {
                if self.plain(single) {
                    b.push_str("pulumi.String(");
                    self.part_into(b, single);
                    b.push(')');
                } else {
                    self.part_into(b, single);
                }
            }
            parts => {
                b.push_str("pulumi.Sprintf(\"");
                for p in parts {
                    match p {
                        Part::Text(t) => go_format_text_into(b, t),
                        _ => b.push_str("%s"),
                    }
                }
                b.push_str("\", ");
                let mut first = true;
                for p in parts {
                    if !matches!(p, Part::Text(_)) {
                        if !first {
                            b.push_str(", ");
                        }
                        first = false;
                        self.part_into(b, p);
                    }
                }
                b.push(')');
            }
        }
    }

    /// A value as a leaf.
    fn value(&self, t: &mut Text, v: &Value) -> Node {
        t.leaf(|b| self.value_into(b, v))
    }

    /// `pulumi.StringArray{…}` of values.
    fn strings<'v>(&self, t: &mut Text, values: impl Iterator<Item = &'v Value>) -> Node {
        let head = t.str("pulumi.StringArray");
        let items = values.map(|v| self.value(t, v)).collect();
        t.inline_list(head, items)
    }

    fn expr(&self, t: &mut Text, e: &Expr, module: &str) -> Node {
        match e {
            Expr::Str(v) => self.value(t, v),
            Expr::Zone(Zone::Named(n)) => t.leaf(|b| pulumi_string_into(b, n)),
            Expr::Zone(Zone::Available(i)) => {
                t.leaf(|b| _ = write!(b, "pulumi.String(availabilityZones.Names[{i}])"))
            }
            Expr::Ipv6Subnet(vpc, n) => t.leaf(|b| {
                b.push_str(&self.vars.obj(vpc));
                let _ = write!(
                    b,
                    ".Ipv6CidrBlock.ApplyT(ipv6Subnet({n})).(pulumi.StringOutput)"
                );
            }),
            Expr::Bool(v) => Node::Static(if *v {
                "pulumi.Bool(true)"
            } else {
                "pulumi.Bool(false)"
            }),
            Expr::Int(n) => t.leaf(|b| _ = write!(b, "pulumi.Int({n})")),
            Expr::Strings(items) => {
                let head = t.str("pulumi.StringArray");
                let items = items.iter().map(|i| self.expr(t, i, module)).collect();
                t.inline_list(head, items)
            }
            Expr::InputList(i) => t.leaf(|b| {
                b.push_str("pulumi.ToStringArray(");
                self.input_into(b, *i);
                b.push(')');
            }),
            Expr::InputBool(i) => t.leaf(|b| {
                b.push_str("pulumi.Bool(");
                self.input_into(b, *i);
                b.push(')');
            }),
            Expr::Tags(tags) => {
                let head = t.str("pulumi.StringMap");
                let elems = tags
                    .iter()
                    .map(|(k, v)| {
                        let key = t.span(|b| go_string_into(b, k));
                        Elem::pair(key, t.leaf(|b| pulumi_string_into(b, v)))
                    })
                    .collect();
                t.composite(head, elems)
            }
            Expr::Out(id, field) => {
                let plain = matches!(id, Id::Obj(r) if self.lookups.contains(r));
                t.leaf(|b| {
                    if plain {
                        b.push_str("pulumi.String(");
                        self.out_into(b, id, *field);
                        b.push(')');
                    } else {
                        self.out_into(b, id, *field);
                    }
                })
            }
            Expr::Object(ty, fields) => {
                let head = t.span(|b| _ = write!(b, "&{module}.{ty}Args"));
                let elems = self.fields(t, fields, module);
                t.composite(head, elems)
            }
            Expr::Objects(ty, items) => {
                let head = t.span(|b| _ = write!(b, "{module}.{ty}Array"));
                let items = items
                    .iter()
                    .map(|f| {
                        let head = t.span(|b| _ = write!(b, "&{module}.{ty}Args"));
                        let elems = self.fields(t, f, module);
                        t.composite(head, elems)
                    })
                    .collect();
                t.inline_list(head, items)
            }
            Expr::Document(name) => t.leaf(|b| {
                b.push_str(self.vars.doc_name(name));
                b.push_str(".Json()");
            }),
        }
    }

    fn fields(&self, t: &mut Text, fields: &Fields, module: &str) -> Vec<Elem> {
        fields
            .iter()
            .map(|(k, e)| {
                let key = t.span(|b| go_field_into(b, k));
                Elem::pair(key, self.expr(t, e, module))
            })
            .collect()
    }

    fn document(&self, t: &mut Text, doc: &PolicyDocument) -> Node {
        let statements = doc
            .statements
            .iter()
            .map(|st| {
                let mut f = Vec::with_capacity(6);
                if let Some(sid) = &st.sid {
                    let key = t.str("Sid");
                    f.push(Elem::pair(key, t.leaf(|b| pulumi_string_into(b, sid))));
                }
                let effect = t.str("Effect");
                f.push(Elem::pair(effect, Node::Static("pulumi.String(\"Allow\")")));
                let actions_key = t.str("Actions");
                let head = t.str("pulumi.StringArray");
                let actions = st
                    .actions
                    .iter()
                    .map(|a| t.leaf(|b| pulumi_string_into(b, a)))
                    .collect();
                let actions = t.inline_list(head, actions);
                f.push(Elem::pair(actions_key, actions));
                if !st.resources.is_empty() {
                    let key = t.str("Resources");
                    f.push(Elem::pair(key, self.strings(t, st.resources.iter())));
                }
                if !st.principals.is_empty() {
                    let principals = st
                        .principals
                        .iter()
                        .map(|p| {
                            let (head, ty, ids) = (
                                t.str("&iam.GetPolicyDocumentStatementPrincipalArgs"),
                                t.str("Type"),
                                t.str("Identifiers"),
                            );
                            let kind = t.leaf(|b| pulumi_string_into(b, p.kind.as_str()));
                            let identifiers = self.strings(t, p.identifiers.iter());
                            Elem::item(t.composite(
                                head,
                                vec![Elem::pair(ty, kind), Elem::pair(ids, identifiers)],
                            ))
                        })
                        .collect();
                    let (key, head) = (
                        t.str("Principals"),
                        t.str("iam.GetPolicyDocumentStatementPrincipalArray"),
                    );
                    f.push(Elem::pair(key, t.composite(head, principals)));
                }
                if !st.conditions.is_empty() {
                    let mut conditions = Vec::new();
                    for (test, vars) in group(&st.conditions) {
                        for (var, values) in vars {
                            let (head, k_test, k_var, k_values) = (
                                t.str("&iam.GetPolicyDocumentStatementConditionArgs"),
                                t.str("Test"),
                                t.str("Variable"),
                                t.str("Values"),
                            );
                            let test = t.leaf(|b| pulumi_string_into(b, test));
                            let var = t.leaf(|b| pulumi_string_into(b, var));
                            let values = self.strings(t, values.iter().copied());
                            conditions.push(Elem::item(t.composite(
                                head,
                                vec![
                                    Elem::pair(k_test, test),
                                    Elem::pair(k_var, var),
                                    Elem::pair(k_values, values),
                                ],
                            )));
                        }
                    }
                    let (key, head) = (
                        t.str("Conditions"),
                        t.str("iam.GetPolicyDocumentStatementConditionArray"),
                    );
                    f.push(Elem::pair(key, t.composite(head, conditions)));
                }
                let head = t.str("&iam.GetPolicyDocumentStatementArgs");
                Elem::item(t.composite(head, f))
            })
            .collect();
        let (outer, key, head) = (
            t.str("iam.GetPolicyDocumentOutputArgs"),
            t.str("Statements"),
            t.str("iam.GetPolicyDocumentStatementArray"),
        );
        let statements = t.composite(head, statements);
        t.composite(outer, vec![Elem::pair(key, statements)])
    }

    fn exports(&self, w: &mut W) {
        if self.p.exports.is_empty() {
            return;
        }
        w.blank();
        w.line("// Stack outputs (`pulumi stack output`).");
        for o in self.p.exports {
            w.comment(&comment_lines(o.description).join(" "));
            let t = &mut w.t;
            let call = t.leaf(|b| {
                b.push_str("ctx.Export(");
                go_string_into(b, &o.key.camel());
                b.push_str(", ");
            });
            let value = match &o.value {
                OutputValue::One(v) => self.value(t, v),
                OutputValue::List(vs) => self.strings(t, vs.iter()),
            };
            w.lines(Node::Cat(vec![call, value, Node::Static(")")]));
        }
    }
}

/// The Go name of an output attribute of a resource.
fn output_field(field: Field) -> &'static str {
    match field {
        Field::Arn => "Arn",
        Field::Id => "ID()",
        Field::Name => "Name",
        Field::CidrBlock => "CidrBlock",
        Field::Ipv6CidrBlock => "Ipv6CidrBlock",
        Field::Endpoint => "Endpoint",
        Field::ClusterSecurityGroupId => "VpcConfig.ClusterSecurityGroupId()",
        Field::KeyId => "KeyId",
        Field::PrincipalArn => "PrincipalArn",
    }
}

/// The Go name of an `@pulumi/aws` property, appended to `out`: the first
/// letter in upper case.
fn go_field_into(out: &mut String, ts: &str) {
    let mut chars = ts.chars();
    if let Some(c) = chars.next() {
        out.push(c.to_ascii_uppercase());
        out.push_str(chars.as_str());
    }
}

/// The statements of `pulumi.Run`'s function, written after the file's
/// header, and the leaf text of the statement being made.
struct W {
    t: Text,
    body: String,
    /// Where the statements start in `body`.
    start: usize,
}

impl W {
    fn new(header: String) -> W {
        W {
            t: Text::with_capacity(4096),
            start: header.len(),
            body: header,
        }
    }

    fn line(&mut self, l: &str) {
        self.body.push_str(BODY);
        self.body.push_str(l);
        self.body.push('\n');
    }

    fn comment(&mut self, text: &str) {
        self.body.push_str(BODY);
        self.body.push_str("// ");
        self.body.push_str(text);
        self.body.push('\n');
    }

    fn blank(&mut self) {
        if self.body.len() > self.start && !self.body.ends_with("\n\n") {
            self.body.push('\n');
        }
    }

    /// A statement made of `n`.
    fn lines(&mut self, n: Node) {
        self.lines_at(n, 0);
    }

    /// A statement made of `n`, `depth` tabs deeper than the body.
    fn lines_at(&mut self, n: Node, depth: usize) {
        self.body.push_str(BODY);
        layout::tabs(&mut self.body, depth);
        self.t.write(&n, &mut self.body, BODY, depth);
        self.body.push('\n');
        self.t.clear();
    }

    /// A `x, err := …` statement and its error check.
    fn checked(&mut self, n: Node) {
        self.lines(n);
        self.line("if err != nil {");
        self.line("\treturn err");
        self.line("}");
    }
}

/// The `cidrsubnet` helper, when dual-stack subnets need it.
const IPV6_SUBNET: &str = r#"
// ipv6Subnet picks the netnum-th /64 of an IPv6 /56, as Terraform's
// cidrsubnet(cidr, 8, netnum) does.
func ipv6Subnet(netnum int) func(string) (string, error) {
	return func(cidr string) (string, error) {
		_, network, err := net.ParseCIDR(cidr)
		if err != nil {
			return "", err
		}
		ip := network.IP.To16()
		ip[7] = byte(netnum)
		return fmt.Sprintf("%s/64", ip), nil
	}
}
"#;

/// `go.mod`. No `go.sum`: it needs the module proxy; `go mod tidy` writes it.
pub(crate) fn go_mod(p: &Program) -> String {
    format!(
        "module {}\n\ngo {GO_VERSION}\n\nrequire (\n\t{AWS_MODULE} v{AWS_VERSION}\n\t{PULUMI_MODULE} v{PULUMI_VERSION}\n)\n",
        project_name(p.design)
    )
}

/// Whether the program checks an input's value (`fmt`, `regexp`).
fn checks_inputs(p: &Program) -> bool {
    p.inputs.iter().any(|i| {
        p.design
            .input(*i)
            .is_some_and(|x| x.ty == InputType::List && !x.checks.is_empty())
    })
}

/// The input's deploy-time checks ([`crate::design::InputCheck`]), run
/// right after it is read, so a value set with `pulumi config set` is
/// refused like a wrong default.
fn checks_go(b: &mut W, name: &str, input: &crate::design::Input) {
    use crate::emit::input_checks::{item_pattern, non_empty};
    if input.ty != InputType::List {
        return;
    }
    let key = input.id.key().camel();
    if non_empty(input) {
        b.line(&format!("if len({name}) == 0 {{"));
        b.line(&format!(
            "\treturn fmt.Errorf({})",
            go_string(&format!(
                "{key}: {}",
                crate::design::InputCheck::NonEmpty.message()
            ))
        ));
        b.line("}");
    }
    if let Some((pattern, message)) = item_pattern(input) {
        b.line(&format!("for _, item := range {name} {{"));
        b.line(&format!(
            "\tif !regexp.MustCompile({}).MatchString(item) {{",
            go_string(pattern)
        ));
        b.line(&format!(
            "\t\treturn fmt.Errorf(\"{key}: %s: %s\", item, {})",
            go_string(message)
        ));
        b.line("\t}");
        b.line("}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn go_field(ts: &str) -> String {
        let mut s = String::new();
        go_field_into(&mut s, ts);
        s
    }

    #[test]
    fn fields_are_capitalised() {
        assert_eq!(go_field("vpcId"), "VpcId");
        assert_eq!(
            go_field("bootstrapClusterCreatorAdminPermissions"),
            "BootstrapClusterCreatorAdminPermissions"
        );
    }
}
