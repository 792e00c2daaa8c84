//! Pulumi Go: `main.go` with `github.com/pulumi/pulumi-aws/sdk/v7`, and
//! `go.mod`.
//!
//! The program is written as `gofmt` prints it, so `gofmt -l` reports
//! nothing: tabs for indentation, imports sorted, and the values of
//! consecutive one-line `Key: value` elements aligned in a column the way
//! `go/printer` aligns them (see [`composite`]). Account context comes from
//! plain invokes (`aws.GetPartition`), so it is plain Go strings; resource
//! attributes are outputs; strings that mix the two use `pulumi.Sprintf`.
//! IAM documents are `iam.GetPolicyDocumentOutput` invokes, which take
//! outputs (a cluster ARN in a trust policy) as they are.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::escape::{go_format_text, go_string};
use super::model::{Expr, Field, Fields, Id, Program, Resource, Stmt};
use super::names::Vars;
use super::ts::group;
use super::{AWS_VERSION, GO_VERSION, PULUMI_VERSION, comment_lines, project_name};
use crate::design::{InputId, InputType, OutputValue, Part, PolicyDocument, Value, Zone};

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

/// Longest single line a list is kept on.
const LINE: usize = 110;

/// One Go expression, possibly over several lines: the first continues
/// wherever the expression starts; each later line carries its depth in
/// tabs relative to that line. Nesting an expression in a composite moves
/// its lines one tab deeper without copying their text, so the program's
/// text is written once, in [`Body::lines`].
#[derive(Clone, Debug)]
struct G {
    first: String,
    rest: Vec<(u16, String)>,
}

impl G {
    /// An expression from text, split at its line breaks.
    fn one(s: impl Into<String>) -> G {
        let s = s.into();
        if !s.as_bytes().contains(&b'\n') {
            return G {
                first: s,
                rest: Vec::new(),
            };
        }
        let mut lines = s.split('\n');
        let first = lines.next().unwrap_or_default().to_owned();
        let rest = lines.map(|l| (0, l.to_owned())).collect();
        G { first, rest }
    }

    fn single(&self) -> bool {
        self.rest.is_empty()
    }

    /// The text of a one-line expression (the first line of any other).
    fn text(&self) -> &str {
        &self.first
    }

    /// The last line, where text that follows the expression goes.
    fn last_mut(&mut self) -> &mut String {
        match self.rest.last_mut() {
            Some((_, l)) => l,
            None => &mut self.first,
        }
    }

    /// Append text (which may break lines) after the expression.
    fn push_str(&mut self, text: &str) {
        let mut parts = text.split('\n');
        if let Some(head) = parts.next() {
            self.last_mut().push_str(head);
        }
        self.rest.extend(parts.map(|l| (0, l.to_owned())));
    }

    /// Append another expression after this one, on the same line.
    fn append(&mut self, other: G) {
        self.last_mut().push_str(&other.first);
        self.rest.extend(other.rest);
    }

    /// Prefix the first line and suffix the last.
    fn wrap(mut self, before: &str, after: &str) -> G {
        if before.as_bytes().contains(&b'\n') {
            let mut g = G::one(before);
            g.append(self);
            self = g;
        } else {
            self.first.insert_str(0, before);
        }
        self.push_str(after);
        self
    }

    /// The lines after the first, one tab deeper, appended to `out`.
    fn nest_rest_into(self, out: &mut Vec<(u16, String)>) {
        out.extend(self.rest.into_iter().map(|(d, l)| (d + 1, l)));
    }

    /// The whole expression, its later lines indented by `indent` and
    /// their depth in tabs.
    fn render_into(&self, out: &mut String, indent: &str) {
        out.push_str(&self.first);
        for (depth, line) in &self.rest {
            out.push('\n');
            out.push_str(indent);
            for _ in 0..*depth {
                out.push('\t');
            }
            out.push_str(line);
        }
    }
}

/// An element of a composite literal.
enum Elem {
    /// `Key: value`.
    Pair(String, G),
    /// A value.
    Item(G),
}

/// A composite literal `head{…}`, one element per line, laid out as
/// `go/printer` does: consecutive one-line `Key: value` pairs form a
/// section whose values start in one column, one space after the longest
/// `Key:`. A pair that spans lines stands alone; a key whose length is far
/// from the geometric mean of the section's keys (when either is over 40
/// bytes) starts a new section.
fn composite(head: &str, elems: Vec<Elem>) -> G {
    if elems.is_empty() {
        return G::one(format!("{head}{{}}"));
    }
    let n = elems.len();
    // Sections, as go/printer's exprList decides them.
    let mut section_of = Vec::with_capacity(n);
    let mut section = 0usize;
    let mut size = 0usize;
    let mut lnsum = 0.0f64;
    let mut count = 0usize;
    let mut lines = 2;
    for (i, e) in elems.iter().enumerate() {
        let prev = size;
        size = match e {
            Elem::Pair(k, v) if v.single() => k.len(),
            Elem::Item(v) if v.single() => v.text().len(),
            _ => 0,
        };
        lines += match e {
            Elem::Pair(_, v) | Elem::Item(v) => v.rest.len() + 1,
        };
        let mut new_section = true;
        if prev > 0 && size > 0 {
            if count == 0 || (prev <= 40 && size <= 40) {
                new_section = false;
            } else {
                let geomean = (lnsum / count as f64).exp();
                let ratio = size as f64 / geomean;
                new_section = 2.5 * ratio <= 1.0 || 2.5 <= ratio;
            }
        }
        if i > 0 && new_section {
            section += 1;
        }
        section_of.push(section);
        if size > 0 {
            lnsum += (size as f64).ln();
            count += 1;
        }
    }
    // Column width per section: the longest `Key:` among its one-line pairs.
    let mut width: BTreeMap<usize, usize> = BTreeMap::new();
    for (e, s) in elems.iter().zip(&section_of) {
        if let Elem::Pair(k, v) = e
            && v.single()
            && n > 1
        {
            let w = width.entry(*s).or_default();
            *w = (*w).max(k.chars().count() + 1);
        }
    }
    let mut first = String::with_capacity(head.len() + 1);
    first.push_str(head);
    first.push('{');
    let mut rest = Vec::with_capacity(lines);
    for (e, s) in elems.into_iter().zip(section_of) {
        let (mut line, v) = match e {
            Elem::Pair(k, v) => {
                let pad = match width.get(&s) {
                    Some(w) if v.single() => w - k.chars().count(),
                    _ => 1,
                };
                let mut line = String::with_capacity(k.len() + pad + 1 + v.first.len() + 1);
                line.push_str(&k);
                line.push(':');
                for _ in 0..pad {
                    line.push(' ');
                }
                line.push_str(&v.first);
                (line, v)
            }
            Elem::Item(mut v) => (std::mem::take(&mut v.first), v),
        };
        if v.single() {
            line.push(',');
            rest.push((1, line));
        } else {
            rest.push((1, line));
            v.nest_rest_into(&mut rest);
            if let Some((_, last)) = rest.last_mut() {
                last.push(',');
            }
        }
    }
    rest.push((0, "}".to_owned()));
    G { first, rest }
}

/// `head{a, b}` on one line when short, else [`composite`].
fn inline_list(head: &str, items: Vec<G>) -> G {
    if items.iter().all(G::single) {
        let len = head.len() + 2 + items.iter().map(|g| g.text().len() + 2).sum::<usize>();
        if len <= LINE + 2 {
            let mut one = String::with_capacity(len);
            one.push_str(head);
            one.push('{');
            for (i, g) in items.iter().enumerate() {
                if i > 0 {
                    one.push_str(", ");
                }
                one.push_str(g.text());
            }
            one.push('}');
            if one.len() <= LINE {
                return G::one(one);
            }
        }
    }
    composite(head, items.into_iter().map(Elem::Item).collect())
}

struct Go<'a> {
    p: &'a Program<'a>,
    vars: Vars,
    referenced: BTreeSet<Id>,
    lookups: BTreeSet<Id>,
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
            Stmt::VpcLookup(r, _) => Some(Id::Obj(r.clone())),
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

impl Go<'_> {
    fn file(&self, std: &[&str], third: &[String]) -> String {
        let p = self.p;
        let mut s = String::new();
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
        let mut body = Body(String::new());
        self.config(&mut body);
        self.context(&mut body);
        for stmt in &p.stmts {
            self.stmt(&mut body, stmt);
        }
        self.exports(&mut body);
        s.push_str(&body.0);
        s.push_str("\t\treturn nil\n\t})\n}\n");
        if p.uses_ipv6_subnets() {
            s.push_str(IPV6_SUBNET);
        }
        s
    }

    fn config(&self, b: &mut Body) {
        if self.p.inputs.is_empty() {
            return;
        }
        b.line("// Values specific to your account and environment (Pulumi.yaml has the plan's values as defaults).");
        b.line("// The Kubernetes manifests in ../kubernetes were generated for these defaults (NodeClass");
        b.line("// roles and subnet tags use the cluster name): change them in the plan and regenerate.");
        b.line("cfg := config.New(ctx, \"\")");
        for i in &self.p.inputs {
            let name = &self.inputs[i];
            let key = go_string(&i.key().camel());
            let input = self.p.design.input(*i);
            match input.map(|x| x.ty) {
                Some(InputType::List) => {
                    b.line(&format!("var {name} []string"));
                    b.line(&format!("cfg.RequireObject({key}, &{name})"));
                }
                Some(InputType::Map) => {
                    b.line(&format!("var {name} map[string]string"));
                    b.line(&format!("cfg.RequireObject({key}, &{name})"));
                }
                Some(InputType::Bool) => b.line(&format!("{name} := cfg.RequireBool({key})")),
                _ => b.line(&format!("{name} := cfg.Require({key})")),
            }
            if let Some(input) = input {
                checks_go(b, name, input);
            }
        }
    }

    fn context(&self, b: &mut Body) {
        let c = self.p.context;
        if !(c.partition || c.account || c.caller || c.region || c.zones) {
            return;
        }
        b.blank();
        b.line("// The account context.");
        if c.partition {
            b.checked(G::one("partition, err := aws.GetPartition(ctx, nil, nil)"));
        }
        if c.account || c.caller {
            b.checked(G::one(
                "callerIdentity, err := aws.GetCallerIdentity(ctx, nil, nil)",
            ));
        }
        if c.caller {
            b.line("// The IAM role (not the STS session) of whoever runs pulumi up.");
            b.checked(
                composite(
                    "&iam.GetSessionContextArgs",
                    vec![Elem::Pair("Arn".into(), G::one("callerIdentity.Arn"))],
                )
                .wrap(
                    "sessionContext, err := iam.GetSessionContext(ctx, ",
                    ", nil)",
                ),
            );
        }
        if c.region {
            b.checked(G::one("region, err := aws.GetRegion(ctx, nil, nil)"));
        }
        if c.zones {
            let filter = composite(
                "",
                vec![
                    Elem::Pair("Name".into(), G::one("\"opt-in-status\"")),
                    Elem::Pair("Values".into(), G::one("[]string{\"opt-in-not-required\"}")),
                ],
            );
            let args = composite(
                "&aws.GetAvailabilityZonesArgs",
                vec![
                    Elem::Pair("State".into(), G::one("pulumi.StringRef(\"available\")")),
                    Elem::Pair(
                        "Filters".into(),
                        composite("[]aws.GetAvailabilityZonesFilter", vec![Elem::Item(filter)]),
                    ),
                ],
            );
            b.checked(args.wrap(
                "availabilityZones, err := aws.GetAvailabilityZones(ctx, ",
                ", nil)",
            ));
        }
    }

    fn stmt(&self, b: &mut Body, stmt: &Stmt) {
        match stmt {
            Stmt::Section(title) => {
                b.blank();
                b.line(&format!("// {title}"));
            }
            Stmt::Comment(text) => {
                for line in comment_lines(text) {
                    b.line(&format!("// {line}"));
                }
            }
            Stmt::Document { name, doc } => {
                let g = self.document(doc).wrap(
                    &format!(
                        "{} := iam.GetPolicyDocumentOutput(ctx, ",
                        self.vars.doc(name)
                    ),
                    ", nil)",
                );
                b.lines(&g);
            }
            Stmt::Resource(r) => self.resource(b, r),
            Stmt::VpcLookup(r, input) => {
                let args = composite(
                    "&ec2.LookupVpcArgs",
                    vec![Elem::Pair(
                        "Id".into(),
                        G::one(format!("pulumi.StringRef({})", self.input(*input))),
                    )],
                );
                b.checked(args.wrap(
                    &format!(
                        "{}, err := ec2.LookupVpc(ctx, ",
                        self.vars.var(&Id::Obj(r.clone()))
                    ),
                    ", nil)",
                ));
            }
            Stmt::TagEach {
                name,
                list,
                key,
                value,
            } => {
                b.line(&format!(
                    "for _, subnetId := range {} {{",
                    self.input(*list)
                ));
                let args = composite(
                    "&ec2.TagArgs",
                    vec![
                        Elem::Pair("ResourceId".into(), G::one("pulumi.String(subnetId)")),
                        Elem::Pair(
                            "Key".into(),
                            G::one(format!("pulumi.String({})", go_string(key))),
                        ),
                        Elem::Pair(
                            "Value".into(),
                            G::one(format!("pulumi.String({})", go_string(value))),
                        ),
                    ],
                );
                let call = args.wrap(
                    &format!(
                        "if _, err := ec2.NewTag(ctx, fmt.Sprintf(\"{}-%s\", subnetId), ",
                        go_format_text(name)
                    ),
                    "); err != nil {",
                );
                // The call one tab deeper, inside the loop.
                let mut inner = call.wrap("\t", "\n\treturn err\n}");
                for (depth, _) in &mut inner.rest {
                    *depth += 1;
                }
                b.lines(&inner);
                b.line("}");
            }
        }
    }

    fn resource(&self, b: &mut Body, r: &Resource) {
        let fields = self.fields(&r.args, r.module);
        let args = composite(&format!("&{}.{}Args", r.module, r.ty), fields);
        let deps = (!r.depends_on.is_empty()).then(|| {
            let deps = r
                .depends_on
                .iter()
                .map(|d| G::one(self.vars.var(d)))
                .collect();
            inline_list("[]pulumi.Resource", deps)
        });
        self.finish(b, r, args, deps);
    }

    fn finish(&self, b: &mut Body, r: &Resource, args: G, deps: Option<G>) {
        let call = format!("{}.New{}(ctx, {}, ", r.module, r.ty, go_string(&r.name));
        let mut g = args;
        if let Some(deps) = deps {
            g.push_str(", pulumi.DependsOn(");
            g.append(deps);
            g.push_str(")");
        }
        if self.referenced.contains(&r.id) {
            let g = g.wrap(&format!("{}, err := {call}", self.vars.var(&r.id)), ")");
            b.checked(g);
        } else {
            let g = g.wrap(
                &format!("if _, err := {call}"),
                "); err != nil {\n\treturn err\n}",
            );
            b.lines(&g);
        }
    }

    fn input(&self, i: InputId) -> String {
        self.inputs
            .get(&i)
            .cloned()
            .unwrap_or_else(|| i.key().camel())
    }

    /// A part of a value and whether it is a plain Go string.
    fn part(&self, part: &Part) -> (String, bool) {
        match part {
            Part::Text(t) => (go_string(t), true),
            Part::Partition => ("partition.Partition".into(), true),
            Part::AccountId => ("callerIdentity.AccountId".into(), true),
            Part::Region => ("region.Region".into(), true),
            Part::CallerArn => ("sessionContext.IssuerArn".into(), true),
            Part::Input(i) => (self.input(*i), true),
            Part::Ref(r, attr) => self.out(&Id::Obj(r.clone()), Field::of(*attr)),
        }
    }

    /// An attribute of a resource (an output) or of a lookup (plain).
    fn out(&self, id: &Id, field: Field) -> (String, bool) {
        let var = self.vars.var(id);
        if self.lookups.contains(id) {
            let f = match field {
                Field::Arn => "Arn",
                Field::CidrBlock => "CidrBlock",
                _ => "Id",
            };
            return (format!("{var}.{f}"), true);
        }
        let f = match field {
            Field::Arn => "Arn",
            Field::Id => "ID()",
            Field::Name => "Name",
            Field::CidrBlock => "CidrBlock",
            Field::Ipv6CidrBlock => "Ipv6CidrBlock",
            Field::Endpoint => "Endpoint",
            Field::ClusterSecurityGroupId => "VpcConfig.ClusterSecurityGroupId()",
            Field::KeyId => "KeyId",
            Field::PrincipalArn => "PrincipalArn",
        };
        (format!("{var}.{f}"), false)
    }

    /// A value as a `pulumi.StringInput`.
    fn value(&self, v: &Value) -> String {
        match v.0.as_slice() {
            [] => "pulumi.String(\"\")".into(),
            [Part::Text(t)] => format!("pulumi.String({})", go_string(t)),
            [single] => match self.part(single) {
                (e, true) => format!("pulumi.String({e})"),
                (e, false) => e,
            },
            parts => {
                let mut format = String::new();
                let mut args = Vec::new();
                for p in parts {
                    match p {
                        Part::Text(t) => format.push_str(&go_format_text(t)),
                        other => {
                            format.push_str("%s");
                            args.push(self.part(other).0);
                        }
                    }
                }
                format!("pulumi.Sprintf(\"{format}\", {})", args.join(", "))
            }
        }
    }

    fn strings(&self, items: Vec<String>) -> G {
        inline_list(
            "pulumi.StringArray",
            items.into_iter().map(G::one).collect(),
        )
    }

    fn expr(&self, e: &Expr, module: &str) -> G {
        match e {
            Expr::Str(v) => G::one(self.value(v)),
            Expr::Zone(Zone::Named(n)) => G::one(format!("pulumi.String({})", go_string(n))),
            Expr::Zone(Zone::Available(i)) => {
                G::one(format!("pulumi.String(availabilityZones.Names[{i}])"))
            }
            Expr::Ipv6Subnet(vpc, n) => G::one(format!(
                "{}.Ipv6CidrBlock.ApplyT(ipv6Subnet({n})).(pulumi.StringOutput)",
                self.vars.var(&Id::Obj(vpc.clone()))
            )),
            Expr::Bool(v) => G::one(format!("pulumi.Bool({v})")),
            Expr::Int(n) => G::one(format!("pulumi.Int({n})")),
            Expr::Strings(items) => {
                let items = items
                    .iter()
                    .map(|i| self.expr(i, module))
                    .collect::<Vec<_>>();
                inline_list("pulumi.StringArray", items)
            }
            Expr::InputList(i) => G::one(format!("pulumi.ToStringArray({})", self.input(*i))),
            Expr::InputBool(i) => G::one(format!("pulumi.Bool({})", self.input(*i))),
            Expr::Tags(tags) => composite(
                "pulumi.StringMap",
                tags.iter()
                    .map(|(k, v)| {
                        Elem::Pair(
                            go_string(k),
                            G::one(format!("pulumi.String({})", go_string(v))),
                        )
                    })
                    .collect(),
            ),
            Expr::Out(id, field) => match self.out(id, *field) {
                (e, true) => G::one(format!("pulumi.String({e})")),
                (e, false) => G::one(e),
            },
            Expr::Object(ty, fields) => {
                composite(&format!("&{module}.{ty}Args"), self.fields(fields, module))
            }
            Expr::Objects(ty, items) => {
                let items = items
                    .iter()
                    .map(|f| composite(&format!("&{module}.{ty}Args"), self.fields(f, module)))
                    .collect();
                inline_list(&format!("{module}.{ty}Array"), items)
            }
            Expr::Document(name) => G::one(format!("{}.Json()", self.vars.doc(name))),
        }
    }

    fn fields(&self, fields: &Fields, module: &str) -> Vec<Elem> {
        fields
            .iter()
            .map(|(k, e)| Elem::Pair(go_field(k), self.expr(e, module)))
            .collect()
    }

    fn document(&self, doc: &PolicyDocument) -> G {
        let statements = doc
            .statements
            .iter()
            .map(|st| {
                let mut f = Vec::new();
                if let Some(sid) = &st.sid {
                    f.push(Elem::Pair(
                        "Sid".into(),
                        G::one(format!("pulumi.String({})", go_string(sid))),
                    ));
                }
                f.push(Elem::Pair(
                    "Effect".into(),
                    G::one("pulumi.String(\"Allow\")"),
                ));
                f.push(Elem::Pair(
                    "Actions".into(),
                    self.strings(
                        st.actions
                            .iter()
                            .map(|a| format!("pulumi.String({})", go_string(a)))
                            .collect(),
                    ),
                ));
                if !st.resources.is_empty() {
                    f.push(Elem::Pair(
                        "Resources".into(),
                        self.strings(st.resources.iter().map(|v| self.value(v)).collect()),
                    ));
                }
                if !st.principals.is_empty() {
                    let principals = st
                        .principals
                        .iter()
                        .map(|p| {
                            Elem::Item(composite(
                                "&iam.GetPolicyDocumentStatementPrincipalArgs",
                                vec![
                                    Elem::Pair(
                                        "Type".into(),
                                        G::one(format!(
                                            "pulumi.String({})",
                                            go_string(p.kind.as_str())
                                        )),
                                    ),
                                    Elem::Pair(
                                        "Identifiers".into(),
                                        self.strings(
                                            p.identifiers.iter().map(|i| self.value(i)).collect(),
                                        ),
                                    ),
                                ],
                            ))
                        })
                        .collect();
                    f.push(Elem::Pair(
                        "Principals".into(),
                        composite("iam.GetPolicyDocumentStatementPrincipalArray", principals),
                    ));
                }
                if !st.conditions.is_empty() {
                    let mut conditions = Vec::new();
                    for (test, vars) in group(&st.conditions) {
                        for (var, values) in vars {
                            conditions.push(Elem::Item(composite(
                                "&iam.GetPolicyDocumentStatementConditionArgs",
                                vec![
                                    Elem::Pair(
                                        "Test".into(),
                                        G::one(format!("pulumi.String({})", go_string(test))),
                                    ),
                                    Elem::Pair(
                                        "Variable".into(),
                                        G::one(format!("pulumi.String({})", go_string(var))),
                                    ),
                                    Elem::Pair(
                                        "Values".into(),
                                        self.strings(
                                            values.iter().map(|v| self.value(v)).collect(),
                                        ),
                                    ),
                                ],
                            )));
                        }
                    }
                    f.push(Elem::Pair(
                        "Conditions".into(),
                        composite("iam.GetPolicyDocumentStatementConditionArray", conditions),
                    ));
                }
                Elem::Item(composite("&iam.GetPolicyDocumentStatementArgs", f))
            })
            .collect();
        composite(
            "iam.GetPolicyDocumentOutputArgs",
            vec![Elem::Pair(
                "Statements".into(),
                composite("iam.GetPolicyDocumentStatementArray", statements),
            )],
        )
    }

    fn exports(&self, b: &mut Body) {
        if self.p.exports.is_empty() {
            return;
        }
        b.blank();
        b.line("// Stack outputs (`pulumi stack output`).");
        for o in self.p.exports {
            let value = match &o.value {
                OutputValue::One(v) => G::one(self.value(v)),
                OutputValue::List(vs) => self.strings(vs.iter().map(|v| self.value(v)).collect()),
            };
            b.line(&format!("// {}", comment_lines(o.description).join(" ")));
            b.lines(&value.wrap(&format!("ctx.Export({}, ", go_string(&o.key.camel())), ")"));
        }
    }
}

/// The Go name of an `@pulumi/aws` property: the first letter in upper case.
pub(crate) fn go_field(ts: &str) -> String {
    let mut chars = ts.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// The statements of `pulumi.Run`'s function.
struct Body(String);

impl Body {
    fn line(&mut self, l: &str) {
        self.0.push_str(BODY);
        self.0.push_str(l);
        self.0.push('\n');
    }

    fn blank(&mut self) {
        if !self.0.is_empty() && !self.0.ends_with("\n\n") {
            self.0.push('\n');
        }
    }

    fn lines(&mut self, g: &G) {
        self.0.push_str(BODY);
        g.render_into(&mut self.0, BODY);
        self.0.push('\n');
    }

    /// A `x, err := …` statement and its error check.
    fn checked(&mut self, g: G) {
        self.lines(&g);
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
fn checks_go(b: &mut Body, name: &str, input: &crate::design::Input) {
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

    fn text(g: &G) -> String {
        let mut s = String::new();
        g.render_into(&mut s, "");
        s
    }

    #[test]
    fn pairs_align_like_gofmt() {
        let g = composite(
            "&x.Args",
            vec![
                Elem::Pair("Name".into(), G::one("a")),
                Elem::Pair("RoleArn".into(), G::one("b")),
                Elem::Pair(
                    "Nested".into(),
                    composite("&x.N", vec![Elem::Pair("A".into(), G::one("c"))]),
                ),
                Elem::Pair("Z".into(), G::one("d")),
            ],
        );
        assert_eq!(
            text(&g),
            "&x.Args{\n\tName:    a,\n\tRoleArn: b,\n\tNested: &x.N{\n\t\tA: c,\n\t},\n\tZ: d,\n}"
        );
    }

    #[test]
    fn long_keys_start_a_new_section() {
        let long = format!("\"{}\"", "k".repeat(60));
        let g = composite(
            "pulumi.StringMap",
            vec![
                Elem::Pair("\"Name\"".into(), G::one("a")),
                Elem::Pair(long.clone(), G::one("b")),
            ],
        );
        // 62 > 40 and 62 / 6 ≥ 2.5: no shared column.
        assert_eq!(
            text(&g),
            format!("pulumi.StringMap{{\n\t\"Name\": a,\n\t{long}: b,\n}}")
        );
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
