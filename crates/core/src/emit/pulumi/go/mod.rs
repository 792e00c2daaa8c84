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

use self::layout::{Node, Text};
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
        for line in crate::emit::MANIFESTS_USE_DEFAULTS.lines() {
            w.comment(line);
        }
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
            w.checked(&[Node::Static(
                "partition, err := aws.GetPartition(ctx, nil, nil)",
            )]);
        }
        if c.account || c.caller {
            w.checked(&[Node::Static(
                "callerIdentity, err := aws.GetCallerIdentity(ctx, nil, nil)",
            )]);
        }
        if c.caller {
            w.line("// The IAM role (not the STS session) of whoever runs pulumi up.");
            let t = &mut w.t;
            let m = t.mark();
            let arn = t.str("Arn");
            t.pair(arn, Node::Static("callerIdentity.Arn"));
            let head = t.str("&iam.GetSessionContextArgs");
            let args = t.composite(head, m);
            w.checked(&[
                Node::Static("sessionContext, err := iam.GetSessionContext(ctx, "),
                args,
                Node::Static(", nil)"),
            ]);
        }
        if c.region {
            w.checked(&[Node::Static("region, err := aws.GetRegion(ctx, nil, nil)")]);
        }
        if c.zones {
            let t = &mut w.t;
            let filter = {
                let m = t.mark();
                let name = t.str("Name");
                t.pair(name, Node::Static("\"opt-in-status\""));
                let values = t.str("Values");
                t.pair(values, Node::Static("[]string{\"opt-in-not-required\"}"));
                let empty = t.str("");
                t.composite(empty, m)
            };
            let filters = {
                let m = t.mark();
                t.item(filter);
                let head = t.str("[]aws.GetAvailabilityZonesFilter");
                t.composite(head, m)
            };
            let m = t.mark();
            let state = t.str("State");
            t.pair(state, Node::Static("pulumi.StringRef(\"available\")"));
            let key = t.str("Filters");
            t.pair(key, filters);
            let head = t.str("&aws.GetAvailabilityZonesArgs");
            let args = t.composite(head, m);
            w.checked(&[
                Node::Static("availabilityZones, err := aws.GetAvailabilityZones(ctx, "),
                args,
                Node::Static(", nil)"),
            ]);
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
                w.lines(&[decl, doc, Node::Static(", nil)")]);
            }
            Stmt::Resource(r) => self.resource(w, r),
            Stmt::VpcLookup(r, input) => {
                let t = &mut w.t;
                let decl = t.leaf(|b| {
                    b.push_str(&self.vars.obj(r));
                    b.push_str(", err := ec2.LookupVpc(ctx, ");
                });
                let m = t.mark();
                let id = t.str("Id");
                let value = t.leaf(|b| {
                    b.push_str("pulumi.StringRef(");
                    self.input_into(b, *input);
                    b.push(')');
                });
                t.pair(id, value);
                let head = t.str("&ec2.LookupVpcArgs");
                let args = t.composite(head, m);
                w.checked(&[decl, args, Node::Static(", nil)")]);
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
                let m = t.mark();
                let k = t.str("ResourceId");
                t.pair(k, Node::Static("pulumi.String(subnetId)"));
                let (k, v) = (t.str("Key"), t.leaf(|b| pulumi_string_into(b, key)));
                t.pair(k, v);
                let (k, v) = (t.str("Value"), t.leaf(|b| pulumi_string_into(b, value)));
                t.pair(k, v);
                let h = t.str("&ec2.TagArgs");
                let args = t.composite(h, m);
                // The call one tab deeper, inside the loop.
                w.lines_at(&[call, args, Node::Lines(ERR_CHECK)], 1);
                w.line("}");
            }
        }
    }

    fn resource(&self, w: &mut W, r: &Resource) {
        let t = &mut w.t;
        let m = t.mark();
        self.fields(t, &r.args, r.module);
        let head = t.span(|b| {
            b.push('&');
            b.push_str(r.module);
            b.push('.');
            b.push_str(r.ty);
            b.push_str("Args");
        });
        let args = t.composite(head, m);
        let deps = (!r.depends_on.is_empty()).then(|| {
            let m = t.mark();
            for d in &r.depends_on {
                let n = t.leaf(|b| b.push_str(&self.vars.name(d)));
                t.item(n);
            }
            let head = t.str("[]pulumi.Resource");
            t.inline_list(head, m)
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
        let end = if referenced {
            Node::Static(")")
        } else {
            Node::Lines(ERR_CHECK)
        };
        let parts = match deps {
            Some(deps) => &[
                call,
                args,
                Node::Static(", pulumi.DependsOn("),
                deps,
                Node::Static(")"),
                end,
            ][..],
            None => &[call, args, end][..],
        };
        if referenced {
            w.checked(parts);
        } else {
            w.lines(parts);
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
        let m = t.mark();
        for v in values {
            let n = self.value(t, v);
            t.item(n);
        }
        let head = t.str("pulumi.StringArray");
        t.inline_list(head, m)
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
                let m = t.mark();
                for i in items {
                    let n = self.expr(t, i, module);
                    t.item(n);
                }
                let head = t.str("pulumi.StringArray");
                t.inline_list(head, m)
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
                let m = t.mark();
                for (k, v) in tags.iter() {
                    let key = t.span(|b| go_string_into(b, k));
                    let value = t.leaf(|b| pulumi_string_into(b, v));
                    t.pair(key, value);
                }
                let head = t.str("pulumi.StringMap");
                t.composite(head, m)
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
            Expr::Object(ty, fields) => self.object(t, ty, fields, module),
            Expr::Objects(ty, items) => {
                let m = t.mark();
                for f in items {
                    let n = self.object(t, ty, f, module);
                    t.item(n);
                }
                let head = t.span(|b| _ = write!(b, "{module}.{ty}Array"));
                t.inline_list(head, m)
            }
            Expr::Document(name) => t.leaf(|b| {
                b.push_str(self.vars.doc_name(name));
                b.push_str(".Json()");
            }),
        }
    }

    /// `&module.TyArgs{…}` of the fields.
    fn object(&self, t: &mut Text, ty: &str, fields: &Fields, module: &str) -> Node {
        let m = t.mark();
        self.fields(t, fields, module);
        let head = t.span(|b| _ = write!(b, "&{module}.{ty}Args"));
        t.composite(head, m)
    }

    /// Push the fields as `Key: value` pairs of the list being made.
    fn fields(&self, t: &mut Text, fields: &Fields, module: &str) {
        for (k, e) in fields {
            let key = t.span(|b| go_field_into(b, k));
            let value = self.expr(t, e, module);
            t.pair(key, value);
        }
    }

    /// `pulumi.String(<s>)`, pushed as the value of `key`.
    fn string_pair(t: &mut Text, key: &str, s: &str) {
        let key = t.str(key);
        let value = t.leaf(|b| pulumi_string_into(b, s));
        t.pair(key, value);
    }

    fn document(&self, t: &mut Text, doc: &PolicyDocument) -> Node {
        let statements_mark = t.mark();
        for st in &doc.statements {
            let statement = {
                // Nested lists are made before the pair that holds them.
                let actions = {
                    let m = t.mark();
                    for a in &st.actions {
                        let n = t.leaf(|b| pulumi_string_into(b, a));
                        t.item(n);
                    }
                    let head = t.str("pulumi.StringArray");
                    t.inline_list(head, m)
                };
                let resources =
                    (!st.resources.is_empty()).then(|| self.strings(t, st.resources.iter()));
                let principals = (!st.principals.is_empty()).then(|| {
                    let outer = t.mark();
                    for p in &st.principals {
                        let identifiers = self.strings(t, p.identifiers.iter());
                        let m = t.mark();
                        Self::string_pair(t, "Type", p.kind.as_str());
                        let ids = t.str("Identifiers");
                        t.pair(ids, identifiers);
                        let head = t.str("&iam.GetPolicyDocumentStatementPrincipalArgs");
                        let principal = t.composite(head, m);
                        t.item(principal);
                    }
                    let head = t.str("iam.GetPolicyDocumentStatementPrincipalArray");
                    t.composite(head, outer)
                });
                let conditions = (!st.conditions.is_empty()).then(|| {
                    let outer = t.mark();
                    for (test, vars) in group(&st.conditions) {
                        for (var, values) in vars {
                            let values = self.strings(t, values.iter().copied());
                            let m = t.mark();
                            Self::string_pair(t, "Test", test);
                            Self::string_pair(t, "Variable", var);
                            let k = t.str("Values");
                            t.pair(k, values);
                            let head = t.str("&iam.GetPolicyDocumentStatementConditionArgs");
                            let condition = t.composite(head, m);
                            t.item(condition);
                        }
                    }
                    let head = t.str("iam.GetPolicyDocumentStatementConditionArray");
                    t.composite(head, outer)
                });
                let m = t.mark();
                if let Some(sid) = &st.sid {
                    Self::string_pair(t, "Sid", sid);
                }
                let effect = t.str("Effect");
                t.pair(effect, Node::Static("pulumi.String(\"Allow\")"));
                let key = t.str("Actions");
                t.pair(key, actions);
                if let Some(resources) = resources {
                    let key = t.str("Resources");
                    t.pair(key, resources);
                }
                if let Some(principals) = principals {
                    let key = t.str("Principals");
                    t.pair(key, principals);
                }
                if let Some(conditions) = conditions {
                    let key = t.str("Conditions");
                    t.pair(key, conditions);
                }
                let head = t.str("&iam.GetPolicyDocumentStatementArgs");
                t.composite(head, m)
            };
            t.item(statement);
        }
        let head = t.str("iam.GetPolicyDocumentStatementArray");
        let statements = t.composite(head, statements_mark);
        let m = t.mark();
        let key = t.str("Statements");
        t.pair(key, statements);
        let outer = t.str("iam.GetPolicyDocumentOutputArgs");
        t.composite(outer, m)
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
            w.lines(&[call, value, Node::Static(")")]);
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

    /// A statement made of `parts`.
    fn lines(&mut self, parts: &[Node]) {
        self.lines_at(parts, 0);
    }

    /// A statement made of `parts`, `depth` tabs deeper than the body.
    fn lines_at(&mut self, parts: &[Node], depth: usize) {
        self.body.push_str(BODY);
        layout::tabs(&mut self.body, depth);
        for n in parts {
            self.t.write(n, &mut self.body, BODY, depth);
        }
        self.body.push('\n');
        self.t.clear();
    }

    /// A `x, err := …` statement and its error check.
    fn checked(&mut self, parts: &[Node]) {
        self.lines(parts);
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
