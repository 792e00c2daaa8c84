//! TypeScript for a [`Template`]: each resource an L1 construct
//! (`new ec2.CfnVPC(this, "ThisVpc", {...})`), intrinsics as CDK tokens
//! (`vpc.ref`, `role.attrArn`, template literals, `cdk.Fn.select`), the
//! parameters as stack props read from the CDK context.
//!
//! Logical ids are the construct ids of top-level constructs, which CDK
//! uses unchanged, so the synthesised template has the CloudFormation
//! target's ids.

use crate::textfmt::pad;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::super::cloudformation::template::{Name, Node, Pseudo, Resource, SubPart, Template};

/// `camelCase` of a `PascalCase` name: the first letter lowered.
pub fn camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    camel_into(&mut out, s);
    out
}

/// Append [`camel`] of `s` to `out`.
pub fn camel_into(out: &mut String, s: &str) {
    // aws-cdk-lib spells a leading acronym in lower case and a trailing `ID`
    // as `Id` (its code generator's word split).
    match s {
        "SSEAlgorithm" => return out.push_str("sseAlgorithm"),
        "KMSMasterKeyID" => return out.push_str("kmsMasterKeyId"),
        _ => {}
    }
    let mut chars = s.chars();
    if let Some(first) = chars.next() {
        out.push(first.to_ascii_lowercase());
        out.push_str(chars.as_str());
    }
}

/// An object key as the template spells it.
#[derive(Clone, Copy)]
enum PropKey<'a> {
    /// A CloudFormation property name, written in aws-cdk-lib's camelCase.
    Cfn(&'a str),
    /// Data (a JSON document's key), written as it is.
    Text(&'a str),
}

/// A JavaScript string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    string_into(&mut out, s);
    out
}

/// Append [`string`] of `s` to `out` (JSON's escapes, as `serde_json`
/// writes them).
pub fn string_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Text inside a template literal: `` ` ``, `\` and `${` are escaped, and
/// control characters become escapes.
fn template_text(out: &mut String, s: &str) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => out.push_str("\\`"),
            '\\' => out.push_str("\\\\"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// Whether a key can be written without quotes.
fn identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn key_into(out: &mut String, s: &str) {
    if identifier(s) {
        out.push_str(s);
    } else {
        string_into(out, s);
    }
}

/// The module and class of a resource type: `AWS::EC2::VPC` → `ec2`,
/// `CfnVPC`.
pub fn class(ty: &str) -> (&'static str, String) {
    let mut parts = ty.split("::");
    let _aws = parts.next();
    let service = parts.next().unwrap_or("");
    let name = parts.next().unwrap_or("");
    let module = match service {
        "EC2" => "ec2",
        "EKS" => "eks",
        "IAM" => "iam",
        "KMS" => "kms",
        "Logs" => "logs",
        "S3" => "s3",
        _ => "cdk",
    };
    (module, format!("Cfn{name}"))
}

/// The CDK library path of a module alias.
pub fn module_path(module: &str) -> &'static str {
    match module {
        "ec2" => "aws-cdk-lib/aws-ec2",
        "eks" => "aws-cdk-lib/aws-eks",
        "iam" => "aws-cdk-lib/aws-iam",
        "kms" => "aws-cdk-lib/aws-kms",
        "logs" => "aws-cdk-lib/aws-logs",
        "s3" => "aws-cdk-lib/aws-s3",
        _ => "aws-cdk-lib",
    }
}

/// Writes expressions for one template.
pub struct Writer<'a> {
    /// Logical id → TypeScript variable.
    pub vars: BTreeMap<&'a str, String>,
}

impl<'a> Writer<'a> {
    /// Variables for the resources other resources or outputs refer to.
    pub fn new(t: &'a Template) -> Writer<'a> {
        let mut used: BTreeSet<&str> = BTreeSet::new();
        for r in &t.resources {
            let mut refs = Vec::new();
            for (_, v) in &r.props {
                v.resources(&mut refs);
            }
            used.extend(refs);
            used.extend(r.depends_on.iter().map(String::as_str));
            // Resources that later statements name: those with dependencies,
            // and the cluster (its annotation).
            if !r.depends_on.is_empty() || r.ty == "AWS::EKS::Cluster" {
                used.insert(r.id.as_str());
            }
        }
        for o in &t.outputs {
            let mut refs = Vec::new();
            o.value.resources(&mut refs);
            used.extend(refs);
        }
        Writer {
            vars: t
                .resources
                .iter()
                .filter(|r| used.contains(r.id.as_str()))
                .map(|r| (r.id.as_str(), camel(&r.id)))
                .collect(),
        }
    }

    fn var(&self, id: &str) -> Cow<'_, str> {
        match self.vars.get(id) {
            Some(v) => Cow::Borrowed(v.as_str()),
            None => Cow::Owned(camel(id)),
        }
    }

    fn name_into(&self, out: &mut String, n: &Name) {
        match n {
            Name::Resource(id) => {
                out.push_str(&self.var(id));
                out.push_str(".ref");
            }
            Name::Param(p) => {
                out.push_str("props.");
                camel_into(out, p);
            }
            Name::Pseudo(Pseudo::Partition) => out.push_str("cdk.Aws.PARTITION"),
            Name::Pseudo(Pseudo::Region) => out.push_str("cdk.Aws.REGION"),
            Name::Pseudo(Pseudo::AccountId) => out.push_str("cdk.Aws.ACCOUNT_ID"),
        }
    }

    /// Append `n` on one line to `out`; `false` (and `out` as it was) when
    /// it does not fit on one (maps, long lists).
    fn inline_into(&self, out: &mut String, n: &Node) -> bool {
        let start = out.len();
        let ok = self.try_inline(out, n);
        if !ok {
            out.truncate(start);
        }
        ok
    }

    fn try_inline(&self, out: &mut String, n: &Node) -> bool {
        match n {
            Node::Str(s) => string_into(out, s),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Node::Ref(name) => self.name_into(out, name),
            Node::GetAtt(id, attr) => {
                out.push_str(&self.var(id));
                out.push_str(".attr");
                out.push_str(attr);
            }
            Node::Sub(parts) => {
                out.push('`');
                for p in parts {
                    match p {
                        SubPart::Lit(t) => template_text(out, t),
                        SubPart::Ref(name) => {
                            out.push_str("${");
                            self.name_into(out, name);
                            out.push('}');
                        }
                        SubPart::Att(id, attr) => {
                            out.push_str("${");
                            out.push_str(&self.var(id));
                            out.push_str(".attr");
                            out.push_str(attr);
                            out.push('}');
                        }
                    }
                }
                out.push('`');
            }
            Node::GetAzs => out.push_str("cdk.Fn.getAzs()"),
            Node::Select(i, inner) => {
                let _ = write!(out, "cdk.Fn.select({i}, ");
                if !self.try_inline(out, inner) {
                    return false;
                }
                out.push(')');
            }
            Node::Cidr(block, count, bits) => {
                out.push_str("cdk.Fn.cidr(");
                if !self.try_inline(out, block) {
                    return false;
                }
                let _ = write!(out, ", {count}, \"{bits}\")");
            }
            Node::Join(sep, items) => {
                out.push_str("cdk.Fn.join(");
                string_into(out, sep);
                out.push_str(", [");
                if !self.inline_items(out, items) {
                    return false;
                }
                out.push_str("])");
            }
            Node::List(items) if items.is_empty() => out.push_str("[]"),
            Node::List(items) => {
                let start = out.len();
                out.push('[');
                if !self.inline_items(out, items) {
                    return false;
                }
                out.push(']');
                if out.len() - start > 72 {
                    return false;
                }
            }
            Node::Map(es) if es.is_empty() => out.push_str("{}"),
            Node::Json(es) if es.is_empty() => out.push_str("{}"),
            Node::Map(_) | Node::Json(_) => return false,
        }
        true
    }

    /// Items separated by `, `.
    fn inline_items(&self, out: &mut String, items: &[Node]) -> bool {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if !self.try_inline(out, item) {
                return false;
            }
        }
        true
    }

    /// An expression at `indent` (its first line already placed).
    pub fn expr(&self, out: &mut String, n: &Node, indent: usize) {
        if self.inline_into(out, n) {
            return;
        }
        match n {
            Node::List(items) => self.block_list(out, items, indent),
            Node::Map(es) => {
                self.object(out, es.iter().map(|(k, v)| (PropKey::Cfn(k), v)), indent);
            }
            Node::Json(es) => {
                self.object(out, es.iter().map(|(k, v)| (PropKey::Text(k), v)), indent);
            }
            Node::Join(sep, items) => {
                out.push_str("cdk.Fn.join(");
                string_into(out, sep);
                out.push_str(", ");
                self.list(out, items, indent);
                out.push(')');
            }
            Node::Select(i, inner) => {
                let _ = write!(out, "cdk.Fn.select({i}, ");
                self.expr(out, inner, indent);
                out.push(')');
            }
            other => {
                self.inline_into(out, other);
            }
        }
    }

    /// A list: on one line when it fits, else one item per line.
    fn list(&self, out: &mut String, items: &[Node], indent: usize) {
        let start = out.len();
        if items.is_empty() {
            out.push_str("[]");
            return;
        }
        out.push('[');
        if self.inline_items(out, items) {
            out.push(']');
            if out.len() - start <= 72 {
                return;
            }
        }
        out.truncate(start);
        self.block_list(out, items, indent);
    }

    fn block_list(&self, out: &mut String, items: &[Node], indent: usize) {
        out.push_str("[\n");
        for i in items {
            pad(out, indent + 2);
            self.expr(out, i, indent + 2);
            out.push_str(",\n");
        }
        pad(out, indent);
        out.push(']');
    }

    /// An object literal with these (already spelled) keys.
    fn object<'n, 'k>(
        &self,
        out: &mut String,
        es: impl IntoIterator<Item = (PropKey<'k>, &'n Node)>,
        indent: usize,
    ) {
        out.push_str("{\n");
        let mut spelled = String::new();
        for (k, v) in es {
            pad(out, indent + 2);
            match k {
                PropKey::Cfn(k) => {
                    spelled.clear();
                    camel_into(&mut spelled, k);
                    key_into(out, &spelled);
                }
                PropKey::Text(k) => key_into(out, k),
            }
            out.push_str(": ");
            self.expr(out, v, indent + 2);
            out.push_str(",\n");
        }
        pad(out, indent);
        out.push('}');
    }

    /// One resource as a statement (four-space indent, in a constructor).
    pub fn resource(&self, out: &mut String, r: &Resource) {
        let (module, class) = class(r.ty);
        for line in &r.comment {
            let _ = writeln!(out, "    // {line}");
        }
        out.push_str("    ");
        if let Some(var) = self.vars.get(r.id.as_str()) {
            let _ = write!(out, "const {var} = ");
        }
        let _ = write!(out, "new {module}.{class}(this, ");
        string_into(out, &r.id);
        let tags = r.tags.as_ref().filter(|own| !own.is_empty()).map(|own| {
            Node::List(
                own.iter()
                    .map(|(k, v)| Node::Map(vec![("Key", Node::str(k)), ("Value", Node::str(v))]))
                    .collect(),
            )
        });
        if r.props.is_empty() && tags.is_none() {
            out.push_str(");\n");
        } else {
            out.push_str(", ");
            let props = r.props.iter().map(|(k, v)| (PropKey::Cfn(k), v));
            let tags = tags.iter().map(|t| (PropKey::Text("tags"), t));
            self.object(out, props.chain(tags), 4);
            out.push_str(");\n");
        }
        for d in &r.depends_on {
            let _ = writeln!(
                out,
                "    {}.addResourceDependency({});",
                self.var(&r.id),
                self.var(d)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_template_literals() {
        assert_eq!(string("a\"b\\c\n"), r#""a\"b\\c\n""#);
        for s in [
            "",
            "plain",
            "\u{0}\u{1f}\u{7f}\u{8}\u{c}\t\r",
            "é ☃ \u{2028}",
            "\"\\/",
        ] {
            assert_eq!(string(s), serde_json::Value::String(s.into()).to_string());
        }
        let mut s = String::new();
        template_text(&mut s, "`${x}` \\ $y");
        assert_eq!(s, r"\`\${x}\` \\ $y");
        let key = |k: &str| {
            let mut out = String::new();
            key_into(&mut out, k);
            out
        };
        assert_eq!(key("aws:SourceAccount"), "\"aws:SourceAccount\"");
        assert_eq!(key("Statement"), "Statement");
        assert_eq!(
            class("AWS::EC2::VPCGatewayAttachment"),
            ("ec2", "CfnVPCGatewayAttachment".into())
        );
        assert_eq!(camel("ThisVpc"), "thisVpc");
    }
}
