//! TypeScript for a [`Template`]: each resource an L1 construct
//! (`new ec2.CfnVPC(this, "ThisVpc", {...})`), intrinsics as CDK tokens
//! (`vpc.ref`, `role.attrArn`, template literals, `cdk.Fn.select`), the
//! parameters as stack props read from the CDK context.
//!
//! Logical ids are the construct ids of top-level constructs, which CDK
//! uses unchanged, so the synthesised template has the CloudFormation
//! target's ids.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::super::cloudformation::template::{Name, Node, Pseudo, Resource, SubPart, Template};

/// `camelCase` of a `PascalCase` name: the first letter lowered.
pub fn camel(s: &str) -> String {
    // aws-cdk-lib spells a leading acronym in lower case and a trailing `ID`
    // as `Id` (its code generator's word split).
    match s {
        "SSEAlgorithm" => return "sseAlgorithm".to_owned(),
        "KMSMasterKeyID" => return "kmsMasterKeyId".to_owned(),
        _ => {}
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// A JavaScript string literal.
pub fn string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
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

fn key(s: &str) -> String {
    if identifier(s) {
        s.to_owned()
    } else {
        string(s)
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

    fn var(&self, id: &str) -> String {
        self.vars.get(id).cloned().unwrap_or_else(|| camel(id))
    }

    fn name(&self, n: &Name) -> String {
        match n {
            Name::Resource(id) => format!("{}.ref", self.var(id)),
            Name::Param(p) => format!("props.{}", camel(p)),
            Name::Pseudo(Pseudo::Partition) => "cdk.Aws.PARTITION".into(),
            Name::Pseudo(Pseudo::Region) => "cdk.Aws.REGION".into(),
            Name::Pseudo(Pseudo::AccountId) => "cdk.Aws.ACCOUNT_ID".into(),
        }
    }

    fn inline(&self, n: &Node) -> Option<String> {
        Some(match n {
            Node::Str(s) => string(s),
            Node::Bool(b) => b.to_string(),
            Node::Int(i) => i.to_string(),
            Node::Ref(name) => self.name(name),
            Node::GetAtt(id, attr) => format!("{}.attr{attr}", self.var(id)),
            Node::Sub(parts) => {
                let mut s = String::from("`");
                for p in parts {
                    match p {
                        SubPart::Lit(t) => template_text(&mut s, t),
                        SubPart::Ref(name) => {
                            let _ = write!(s, "${{{}}}", self.name(name));
                        }
                        SubPart::Att(id, attr) => {
                            let _ = write!(s, "${{{}.attr{attr}}}", self.var(id));
                        }
                    }
                }
                s.push('`');
                s
            }
            Node::GetAzs => "cdk.Fn.getAzs()".into(),
            Node::Select(i, inner) => format!("cdk.Fn.select({i}, {})", self.inline(inner)?),
            Node::Cidr(block, count, bits) => {
                format!("cdk.Fn.cidr({}, {count}, \"{bits}\")", self.inline(block)?)
            }
            Node::Join(sep, items) => {
                let parts: Option<Vec<String>> = items.iter().map(|i| self.inline(i)).collect();
                format!("cdk.Fn.join({}, [{}])", string(sep), parts?.join(", "))
            }
            Node::List(items) if items.is_empty() => "[]".into(),
            Node::List(items) => {
                let parts: Option<Vec<String>> = items.iter().map(|i| self.inline(i)).collect();
                let s = format!("[{}]", parts?.join(", "));
                if s.len() > 72 {
                    return None;
                }
                s
            }
            Node::Map(es) if es.is_empty() => "{}".into(),
            Node::Json(es) if es.is_empty() => "{}".into(),
            Node::Map(_) | Node::Json(_) => return None,
        })
    }

    /// An expression at `indent` (its first line already placed).
    pub fn expr(&self, out: &mut String, n: &Node, indent: usize) {
        if let Some(s) = self.inline(n) {
            out.push_str(&s);
            return;
        }
        let pad = " ".repeat(indent + 2);
        match n {
            Node::List(items) => {
                out.push_str("[\n");
                for i in items {
                    out.push_str(&pad);
                    self.expr(out, i, indent + 2);
                    out.push_str(",\n");
                }
                out.push_str(&" ".repeat(indent));
                out.push(']');
            }
            Node::Map(es) => {
                let es: Vec<(String, &Node)> = es.iter().map(|(k, v)| (camel(k), v)).collect();
                self.object(out, &es, indent);
            }
            Node::Json(es) => {
                let es: Vec<(String, &Node)> = es.iter().map(|(k, v)| (k.clone(), v)).collect();
                self.object(out, &es, indent);
            }
            Node::Join(sep, items) => {
                let _ = write!(out, "cdk.Fn.join({}, ", string(sep));
                self.expr(out, &Node::List(items.clone()), indent);
                out.push(')');
            }
            Node::Select(i, inner) => {
                let _ = write!(out, "cdk.Fn.select({i}, ");
                self.expr(out, inner, indent);
                out.push(')');
            }
            other => out.push_str(&self.inline(other).unwrap_or_default()),
        }
    }

    /// An object literal with these (already spelled) keys.
    pub fn object(&self, out: &mut String, es: &[(String, &Node)], indent: usize) {
        let pad = " ".repeat(indent + 2);
        out.push_str("{\n");
        for (k, v) in es {
            let _ = write!(out, "{pad}{}: ", key(k));
            self.expr(out, v, indent + 2);
            out.push_str(",\n");
        }
        out.push_str(&" ".repeat(indent));
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
        let _ = write!(out, "new {module}.{class}(this, {}", string(&r.id));
        let mut props: Vec<(String, Node)> =
            r.props.iter().map(|(k, v)| (camel(k), v.clone())).collect();
        if let Some(own) = &r.tags
            && !own.is_empty()
        {
            props.push((
                "tags".into(),
                Node::List(
                    own.iter()
                        .map(|(k, v)| {
                            Node::Map(vec![("Key", Node::str(k)), ("Value", Node::str(v))])
                        })
                        .collect(),
                ),
            ));
        }
        if props.is_empty() {
            out.push_str(");\n");
        } else {
            out.push_str(", ");
            let refs: Vec<(String, &Node)> = props.iter().map(|(k, v)| (k.clone(), v)).collect();
            self.object(out, &refs, 4);
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
        let mut s = String::new();
        template_text(&mut s, "`${x}` \\ $y");
        assert_eq!(s, r"\`\${x}\` \\ $y");
        assert_eq!(key("aws:SourceAccount"), "\"aws:SourceAccount\"");
        assert_eq!(key("Statement"), "Statement");
        assert_eq!(
            class("AWS::EC2::VPCGatewayAttachment"),
            ("ec2", "CfnVPCGatewayAttachment".into())
        );
        assert_eq!(camel("ThisVpc"), "thisVpc");
    }
}
