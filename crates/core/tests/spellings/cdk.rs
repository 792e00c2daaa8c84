//! Read the CDK target back: the stack's TypeScript is tokenised and its
//! construct calls parsed (a small parser for the expressions the program
//! uses: literals, objects, arrays, template literals, member chains and
//! `cdk.Fn` calls), into the long-form template the CloudFormation reader
//! understands, with the inputs from `cdk.json`'s context.
//!
//! No maintained TypeScript parser is small enough to be worth a
//! dependency here; the real checks of the program are `tsc --strict`, the
//! offline synthesis and the comparison of the synthesised template with the
//! CloudFormation target's (tests/validators/check_stacks.py).

use eksplan_core::Bundle;
use serde_json::{Map, Value as Json, json};

use super::cloudformation::{Template, facts};
use super::facts::Facts;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    /// A template literal: text pieces and `${…}` expressions (as tokens).
    Template(Vec<(String, Vec<Tok>)>),
    Num(i64),
    Punct(char),
}

fn tokens(src: &str) -> Vec<Tok> {
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c.is_ascii_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            out.push(Tok::Ident(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            out.push(Tok::Num(s.parse().unwrap_or(0)));
        } else if c == '"' {
            let start = i;
            i += 1;
            while chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            let lit: String = chars[start..i].iter().collect();
            out.push(Tok::Str(
                serde_json::from_str(&lit).expect("a JSON-compatible string literal"),
            ));
        } else if c == '`' {
            i += 1;
            let mut pieces = Vec::new();
            let mut text = String::new();
            loop {
                match chars[i] {
                    '`' => {
                        i += 1;
                        break;
                    }
                    '\\' => {
                        i += 1;
                        match chars[i] {
                            'n' => text.push('\n'),
                            'r' => text.push('\r'),
                            't' => text.push('\t'),
                            'u' => {
                                // \u{hex}
                                let close = (i..chars.len()).find(|&j| chars[j] == '}').expect("}");
                                let hex: String = chars[i + 2..close].iter().collect();
                                text.push(
                                    char::from_u32(u32::from_str_radix(&hex, 16).expect("hex"))
                                        .expect("char"),
                                );
                                i = close;
                            }
                            other => text.push(other),
                        }
                        i += 1;
                    }
                    '$' if chars.get(i + 1) == Some(&'{') => {
                        let close = (i..chars.len()).find(|&j| chars[j] == '}').expect("}");
                        let inner: String = chars[i + 2..close].iter().collect();
                        pieces.push((std::mem::take(&mut text), tokens(&inner)));
                        i = close + 1;
                    }
                    other => {
                        text.push(other);
                        i += 1;
                    }
                }
            }
            pieces.push((text, Vec::new()));
            out.push(Tok::Template(pieces));
        } else {
            out.push(Tok::Punct(c));
            i += 1;
        }
    }
    out
}

/// The program's state while reading.
struct Reader {
    toks: Vec<Tok>,
    pos: usize,
    /// Variable → logical id.
    vars: Map<String, Json>,
}

fn pascal(s: &str) -> String {
    match s {
        "sseAlgorithm" => return "SSEAlgorithm".to_owned(),
        "kmsMasterKeyId" => return "KMSMasterKeyID".to_owned(),
        _ => {}
    }
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Properties whose values are JSON documents (their keys are data).
const JSON_PROPS: &[&str] = &["assumeRolePolicyDocument", "policyDocument", "keyPolicy"];

impl Reader {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Tok {
        let t = self.toks[self.pos].clone();
        self.pos += 1;
        t
    }

    fn expect(&mut self, c: char) {
        let t = self.next();
        assert_eq!(t, Tok::Punct(c), "expected {c} at token {}", self.pos);
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// `a.b.c` from the current identifier.
    fn chain(&mut self, first: String) -> Vec<String> {
        let mut out = vec![first];
        while self.peek() == Some(&Tok::Punct('.')) {
            self.pos += 1;
            match self.next() {
                Tok::Ident(s) => out.push(s),
                other => panic!("expected a name after ., found {other:?}"),
            }
        }
        out
    }

    /// What a member chain stands for, as a `Ref`/`GetAtt` or a `${…}`.
    fn member(&self, chain: &[String]) -> (Json, String) {
        match chain
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["cdk", "Aws", p] => {
                let name = match *p {
                    "PARTITION" => "AWS::Partition",
                    "REGION" => "AWS::Region",
                    "ACCOUNT_ID" => "AWS::AccountId",
                    other => panic!("pseudo parameter {other}"),
                };
                (json!({ "Ref": name }), name.to_owned())
            }
            ["props", p] => {
                let name = pascal(p);
                (json!({ "Ref": name }), name)
            }
            [var, "ref"] => {
                let id = self.vars[*var]
                    .as_str()
                    .expect("a known variable")
                    .to_owned();
                (json!({ "Ref": id }), id)
            }
            [var, attr] if attr.starts_with("attr") => {
                let id = self.vars[*var]
                    .as_str()
                    .expect("a known variable")
                    .to_owned();
                let a = &attr[4..];
                (json!({ "Fn::GetAtt": [id, a] }), format!("{id}.{a}"))
            }
            other => panic!("unexpected expression {other:?}"),
        }
    }

    fn expr(&mut self, json_keys: bool) -> Json {
        match self.next() {
            Tok::Str(s) => Json::String(s),
            Tok::Num(n) => json!(n),
            Tok::Template(pieces) => {
                let mut sub = String::new();
                for (text, expr) in pieces {
                    sub.push_str(&text.replace("${", "${!"));
                    if let Some(Tok::Ident(first)) = expr.first() {
                        let mut r = Reader {
                            toks: expr[1..].to_vec(),
                            pos: 0,
                            vars: self.vars.clone(),
                        };
                        let chain = r.chain(first.clone());
                        sub.push_str(&format!("${{{}}}", self.member(&chain).1));
                    }
                }
                json!({ "Fn::Sub": sub })
            }
            Tok::Punct('[') => {
                let mut items = Vec::new();
                while !self.eat(']') {
                    items.push(self.expr(json_keys));
                    self.eat(',');
                }
                Json::Array(items)
            }
            Tok::Punct('{') => {
                let mut m = Map::new();
                while !self.eat('}') {
                    let key = match self.next() {
                        Tok::Ident(k) | Tok::Str(k) => k,
                        other => panic!("object key {other:?}"),
                    };
                    self.expect(':');
                    let inner_json = json_keys || JSON_PROPS.contains(&key.as_str());
                    let v = self.expr(inner_json);
                    m.insert(if json_keys { key } else { pascal(&key) }, v);
                    self.eat(',');
                }
                Json::Object(m)
            }
            Tok::Ident(id) if id == "true" || id == "false" => Json::Bool(id == "true"),
            Tok::Ident(first) => {
                let chain = self.chain(first);
                if self.eat('(') {
                    let mut args = Vec::new();
                    while !self.eat(')') {
                        args.push(self.expr(json_keys));
                        self.eat(',');
                    }
                    let name = chain.join(".");
                    match name.as_str() {
                        "cdk.Fn.getAzs" => json!({ "Fn::GetAZs": "" }),
                        "cdk.Fn.select" => json!({ "Fn::Select": args }),
                        "cdk.Fn.cidr" => json!({ "Fn::Cidr": args }),
                        "cdk.Fn.join" => json!({ "Fn::Join": args }),
                        other => panic!("unexpected call {other}"),
                    }
                } else {
                    self.member(&chain).0
                }
            }
            other => panic!("unexpected token {other:?}"),
        }
    }
}

fn resource_type(module: &str, class: &str) -> String {
    let service = match module {
        "ec2" => "EC2",
        "eks" => "EKS",
        "iam" => "IAM",
        "kms" => "KMS",
        "logs" => "Logs",
        "s3" => "S3",
        other => panic!("module {other}"),
    };
    format!("AWS::{service}::{}", class.trim_start_matches("Cfn"))
}

/// The stack as a template, with the context's values as parameters.
pub fn template(bundle: &Bundle) -> (Json, Map<String, Json>) {
    let src = bundle.get("cdk/lib/cluster-stack.ts").expect("the stack");
    let context: Json = serde_json::from_str(bundle.get("cdk/cdk.json").expect("cdk.json"))
        .expect("cdk.json parses");
    let context = context["context"].as_object().cloned().unwrap_or_default();
    let mut r = Reader {
        toks: tokens(src),
        pos: 0,
        vars: Map::new(),
    };
    let mut resources = Map::new();
    let mut outputs = Map::new();
    let mut tag_aspect = false;
    let mut pending_var: Option<String> = None;
    while r.pos < r.toks.len() {
        match r.next() {
            Tok::Ident(k) if k == "const" => {
                if let Tok::Ident(v) = r.next()
                    && r.eat('=')
                    && r.peek() == Some(&Tok::Ident("new".into()))
                {
                    pending_var = Some(v);
                }
            }
            Tok::Ident(k) if k == "new" => {
                let (Tok::Ident(module), Tok::Punct('.'), Tok::Ident(class)) =
                    (r.next(), r.next(), r.next())
                else {
                    continue;
                };
                if class == "Error" {
                    continue;
                }
                r.expect('(');
                assert_eq!(r.next(), Tok::Ident("this".into()));
                r.expect(',');
                let Tok::Str(id) = r.next() else {
                    panic!("construct id")
                };
                let props = if r.eat(',') { r.expr(false) } else { json!({}) };
                r.expect(')');
                if let Some(v) = pending_var.take() {
                    r.vars.insert(v, Json::String(id.clone()));
                }
                if class == "CfnOutput" {
                    outputs.insert(id, props);
                } else {
                    let mut res = Map::new();
                    res.insert("Type".into(), Json::String(resource_type(&module, &class)));
                    res.insert("Properties".into(), props);
                    resources.insert(id, Json::Object(res));
                }
            }
            Tok::Ident(var)
                if r.vars.contains_key(&var)
                    && r.eat('.')
                    && r.peek() == Some(&Tok::Ident("addResourceDependency".into())) =>
            {
                r.pos += 1;
                r.expect('(');
                if let Tok::Ident(on) = r.next() {
                    let id = r.vars[&var].as_str().unwrap_or("").to_owned();
                    let target = r.vars[&on].clone();
                    if let Some(res) = resources.get_mut(&id).and_then(Json::as_object_mut)
                        && let Json::Array(a) = res.entry("DependsOn").or_insert_with(|| json!([]))
                    {
                        a.push(target);
                    }
                }
            }
            Tok::Ident(k) if k == "Tags" => {
                // cdk.Tags.of(this).add(key, value, { priority: 0, … }) in a
                // loop over props.clusterTags.
                tag_aspect = true;
            }
            _ => {}
        }
    }
    // The aspect tags every taggable resource under its own tags; the
    // cluster is the one the facts read.
    if tag_aspect {
        let defaults = context
            .get("tags")
            .and_then(Json::as_object)
            .cloned()
            .unwrap_or_default();
        for (_, res) in resources.iter_mut() {
            if res["Type"] != "AWS::EKS::Cluster" {
                continue;
            }
            let own: Vec<Json> = res["Properties"]["Tags"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let mut merged: Map<String, Json> = defaults.clone();
            for t in own {
                merged.insert(
                    t["Key"].as_str().unwrap_or("").to_owned(),
                    t["Value"].clone(),
                );
            }
            res["Properties"]["Tags"] = Json::Array(
                merged
                    .into_iter()
                    .map(|(k, v)| json!({ "Key": k, "Value": v }))
                    .collect(),
            );
        }
    }
    let mut params = Map::new();
    for (key, value) in &context {
        let (ty, default) = match value {
            Json::Array(a) => (
                "CommaDelimitedList",
                Json::String(
                    a.iter()
                        .filter_map(Json::as_str)
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            ),
            other => ("String", other.clone()),
        };
        params.insert(pascal(key), json!({ "Type": ty, "Default": default }));
    }
    // Required list inputs: declared by the stack, absent from the context.
    for (key, ty) in [("publicAccessCidrs", "CommaDelimitedList")] {
        if src.contains(&format!("readonly {key}:")) && !context.contains_key(key) {
            params.insert(pascal(key), json!({ "Type": ty }));
        }
    }
    if src.contains("readonly clusterAdminArn") {
        params.insert("ClusterAdminArn".into(), json!({ "Type": "String" }));
    }
    (
        json!({ "Parameters": params, "Resources": resources, "Outputs": outputs }),
        context,
    )
}

/// The facts of a CDK bundle.
pub fn read(bundle: &Bundle) -> Facts {
    let (root, context) = template(bundle);
    let name = context["clusterName"].as_str().unwrap_or("").to_owned();
    let region = context["region"].as_str().unwrap_or("?").to_owned();
    let t = Template::new(root, &name);
    facts(&t, bundle, region)
}
