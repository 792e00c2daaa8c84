//! A small reader for the TypeScript and Go the Pulumi targets write,
//! independent of the emitter: a tokenizer (with its own string-literal
//! decoder), an expression parser, and an evaluator that turns the program
//! into values, resources and exports. It understands the subset a Pulumi
//! program of this shape uses — `new aws.eks.Cluster(…)`,
//! `eks.NewCluster(ctx, …, &eks.ClusterArgs{…})`, object and composite
//! literals, `pulumi.interpolate` / `pulumi.Sprintf`, config reads and
//! invokes — and nothing more.

#![allow(dead_code)]

use std::collections::BTreeMap;

/// Which language a source is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Ts,
    Go,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Ident(String),
    Str(String),
    Num(String),
    Template(Vec<TplPart>),
    Punct(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub enum TplPart {
    Text(String),
    Expr(Vec<Tok>),
}

const PUNCTS: &[&str] = &[
    "...", ":=", "=>", "!=", "==", "&&", "||", "{", "}", "(", ")", "[", "]", ",", ";", ":", ".",
    "=", "&", "<", ">", "*", "!", "?", "+", "-", "/", "|", "%",
];

fn hex(chars: &mut std::iter::Peekable<std::str::Chars>, n: usize) -> Result<u32, String> {
    let mut s = String::new();
    for _ in 0..n {
        s.push(chars.next().ok_or("short escape")?);
    }
    u32::from_str_radix(&s, 16).map_err(|e| e.to_string())
}

/// Decode one escape after a backslash, shared by both languages' strings.
fn escape(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    out: &mut String,
    pending_high: &mut Option<u32>,
) -> Result<(), String> {
    let c = chars.next().ok_or("dangling backslash")?;
    let code = match c {
        'n' => '\n' as u32,
        'r' => '\r' as u32,
        't' => '\t' as u32,
        '\\' | '"' | '\'' | '`' | '$' => c as u32,
        'u' => hex(chars, 4)?,
        'U' => hex(chars, 8)?,
        'x' => hex(chars, 2)?,
        other => return Err(format!("unknown escape \\{other}")),
    };
    if (0xd800..0xdc00).contains(&code) {
        *pending_high = Some(code);
        return Ok(());
    }
    let code = if (0xdc00..0xe000).contains(&code) {
        let high = pending_high.take().ok_or("lone low surrogate")?;
        0x10000 + ((high - 0xd800) << 10) + (code - 0xdc00)
    } else {
        code
    };
    out.push(char::from_u32(code).ok_or("bad code point")?);
    Ok(())
}

/// Tokenize a source file.
pub fn tokenize(src: &str) -> Result<Vec<Tok>, String> {
    let mut chars = src.chars().peekable();
    tokens_until(&mut chars, None)
}

fn tokens_until(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    close: Option<char>,
) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if Some(c) == close && depth == 0 {
            chars.next();
            return Ok(out);
        }
        if c == '/' {
            let mut ahead = chars.clone();
            ahead.next();
            match ahead.peek() {
                Some('/') => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                    continue;
                }
                Some('*') => {
                    chars.next();
                    chars.next();
                    let mut prev = ' ';
                    for c in chars.by_ref() {
                        if prev == '*' && c == '/' {
                            break;
                        }
                        prev = c;
                    }
                    continue;
                }
                _ => {}
            }
        }
        if c == '"' {
            chars.next();
            let mut s = String::new();
            let mut high = None;
            loop {
                match chars.next() {
                    None => return Err("unterminated string".into()),
                    Some('"') => break,
                    Some('\\') => escape(chars, &mut s, &mut high)?,
                    Some('\n') => return Err("newline in string".into()),
                    Some(c) => s.push(c),
                }
            }
            out.push(Tok::Str(s));
            continue;
        }
        if c == '`' {
            chars.next();
            let mut parts = Vec::new();
            let mut text = String::new();
            let mut high = None;
            loop {
                match chars.next() {
                    None => return Err("unterminated template".into()),
                    Some('`') => break,
                    Some('\\') => escape(chars, &mut text, &mut high)?,
                    Some('$') if chars.peek() == Some(&'{') => {
                        chars.next();
                        if !text.is_empty() {
                            parts.push(TplPart::Text(std::mem::take(&mut text)));
                        }
                        parts.push(TplPart::Expr(tokens_until(chars, Some('}'))?));
                    }
                    Some(c) => text.push(c),
                }
            }
            if !text.is_empty() {
                parts.push(TplPart::Text(text));
            }
            out.push(Tok::Template(parts));
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' || c == '$' {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_ascii_alphanumeric() || c == '_' || c == '$' {
                    s.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Ident(s));
            continue;
        }
        if c.is_ascii_digit() {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_ascii_alphanumeric() || c == '.' {
                    s.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Num(s));
            continue;
        }
        let rest: String = chars.clone().take(3).collect();
        let Some(p) = PUNCTS.iter().find(|p| rest.starts_with(**p)) else {
            return Err(format!("unexpected character {c:?}"));
        };
        for _ in 0..p.len() {
            chars.next();
        }
        match *p {
            "{" => depth += 1,
            "}" => depth = depth.saturating_sub(1),
            _ => {}
        }
        out.push(Tok::Punct(p));
    }
    if close.is_some() {
        return Err("unterminated interpolation".into());
    }
    Ok(out)
}

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Ex {
    Ident(String),
    Str(String),
    Num(String),
    Template(Vec<TplEx>),
    List(Vec<Ex>),
    /// An object or composite literal: its type (Go) and its fields. Keys
    /// are kept as written except Go identifiers, which lose their capital.
    Obj(Option<String>, Vec<(String, Ex)>),
    Member(Box<Ex>, String),
    Index(Box<Ex>, Box<Ex>),
    Call(Box<Ex>, Vec<Ex>),
    New(Box<Ex>, Vec<Ex>),
    Tagged(Box<Ex>, Vec<TplEx>),
    AddrOf(Box<Ex>),
    /// Anything the reader does not evaluate (arrow functions, assertions).
    Opaque,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TplEx {
    Text(String),
    Expr(Ex),
}

pub struct Parser<'a> {
    pub toks: &'a [Tok],
    pub pos: usize,
    pub lang: Lang,
}

impl Parser<'_> {
    pub fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn at(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Tok::Punct(q)) if *q == p)
    }

    fn eat(&mut self, p: &str) -> Result<(), String> {
        if self.at(p) {
            self.pos += 1;
            Ok(())
        } else {
            Err(format!(
                "expected {p} at token {}: {:?}",
                self.pos,
                self.peek()
            ))
        }
    }

    fn ident(&mut self) -> Result<String, String> {
        match self.peek() {
            Some(Tok::Ident(s)) => {
                let s = s.clone();
                self.pos += 1;
                Ok(s)
            }
            other => Err(format!("expected identifier, found {other:?}")),
        }
    }

    pub fn expr(&mut self) -> Result<Ex, String> {
        if self.at("&") {
            self.pos += 1;
            return Ok(Ex::AddrOf(Box::new(self.expr()?)));
        }
        if matches!(self.peek(), Some(Tok::Ident(s)) if s == "new") {
            self.pos += 1;
            let mut callee = Ex::Ident(self.ident()?);
            while self.at(".") {
                self.pos += 1;
                callee = Ex::Member(Box::new(callee), self.ident()?);
            }
            let args = self.args()?;
            return self.postfix(Ex::New(Box::new(callee), args));
        }
        let primary = self.primary()?;
        self.postfix(primary)
    }

    fn args(&mut self) -> Result<Vec<Ex>, String> {
        self.eat("(")?;
        let mut args = Vec::new();
        while !self.at(")") {
            args.push(self.expr()?);
            if self.at(",") {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.eat(")")?;
        Ok(args)
    }

    fn template(&mut self, parts: &[TplPart]) -> Result<Vec<TplEx>, String> {
        parts
            .iter()
            .map(|p| match p {
                TplPart::Text(t) => Ok(TplEx::Text(t.clone())),
                TplPart::Expr(toks) => {
                    let mut inner = Parser {
                        toks,
                        pos: 0,
                        lang: self.lang,
                    };
                    Ok(TplEx::Expr(inner.expr()?))
                }
            })
            .collect()
    }

    fn primary(&mut self) -> Result<Ex, String> {
        let tok = self.peek().cloned().ok_or("unexpected end")?;
        self.pos += 1;
        match tok {
            Tok::Ident(s) => {
                if self.at("=>") {
                    // An arrow function: skip its body.
                    self.pos += 1;
                    self.expr()?;
                    return Ok(Ex::Opaque);
                }
                Ok(Ex::Ident(s))
            }
            Tok::Str(s) => Ok(Ex::Str(s)),
            Tok::Num(n) => Ok(Ex::Num(n)),
            Tok::Template(parts) => Ok(Ex::Template(self.template(&parts)?)),
            Tok::Punct("(") => {
                let e = self.expr()?;
                self.eat(")")?;
                Ok(e)
            }
            Tok::Punct("[") if self.lang == Lang::Go => {
                // A slice type: `[]T{...}`.
                self.eat("]")?;
                let mut ty = String::from("[]");
                ty.push_str(&self.type_name()?);
                self.composite(Some(ty))
            }
            Tok::Punct("[") => {
                let mut items = Vec::new();
                while !self.at("]") {
                    items.push(self.expr()?);
                    if self.at(",") {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                self.eat("]")?;
                Ok(Ex::List(items))
            }
            Tok::Punct("{") if self.lang == Lang::Ts => {
                self.pos -= 1;
                self.object()
            }
            Tok::Punct("{") => {
                // An element of a composite whose type is elided.
                self.pos -= 1;
                self.composite(None)
            }
            other => Err(format!("unexpected {other:?}")),
        }
    }

    fn type_name(&mut self) -> Result<String, String> {
        let mut ty = self.ident()?;
        while self.at(".") {
            self.pos += 1;
            ty.push('.');
            ty.push_str(&self.ident()?);
        }
        Ok(ty)
    }

    fn object(&mut self) -> Result<Ex, String> {
        self.eat("{")?;
        let mut fields = Vec::new();
        while !self.at("}") {
            let key = match self.peek().cloned() {
                Some(Tok::Ident(s)) | Some(Tok::Str(s)) => {
                    self.pos += 1;
                    s
                }
                other => return Err(format!("bad key {other:?}")),
            };
            self.eat(":")?;
            fields.push((key, self.expr()?));
            if self.at(",") {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.eat("}")?;
        Ok(Ex::Obj(None, fields))
    }

    /// A Go composite literal body: `Key: value` pairs, or plain elements.
    fn composite(&mut self, ty: Option<String>) -> Result<Ex, String> {
        self.eat("{")?;
        let mut fields = Vec::new();
        let mut items = Vec::new();
        while !self.at("}") {
            let start = self.pos;
            let e = self.expr()?;
            if self.at(":") {
                self.pos += 1;
                let key = match (&e, &self.toks[start]) {
                    (Ex::Ident(k), _) => lower_first(k),
                    (Ex::Str(k), _) => k.clone(),
                    _ => return Err("bad composite key".into()),
                };
                fields.push((key, self.expr()?));
            } else {
                items.push(e);
            }
            if self.at(",") {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.eat("}")?;
        if fields.is_empty() && !items.is_empty() {
            return Ok(Ex::Obj(ty, vec![("[]".into(), Ex::List(items))]));
        }
        Ok(Ex::Obj(ty, fields))
    }

    fn postfix(&mut self, mut e: Ex) -> Result<Ex, String> {
        loop {
            if self.at(".") {
                self.pos += 1;
                if self.at("(") {
                    // A Go type assertion.
                    self.pos += 1;
                    self.type_name()?;
                    self.eat(")")?;
                    continue;
                }
                e = Ex::Member(Box::new(e), self.ident()?);
            } else if self.at("(") {
                e = Ex::Call(Box::new(e), self.args()?);
            } else if self.at("[") {
                self.pos += 1;
                let i = self.expr()?;
                self.eat("]")?;
                e = Ex::Index(Box::new(e), Box::new(i));
            } else if self.lang == Lang::Ts && self.at("<") {
                // Type arguments of a call: skip to the matching `>`.
                let mut depth = 0;
                loop {
                    match self.peek() {
                        Some(Tok::Punct("<")) => depth += 1,
                        Some(Tok::Punct(">")) => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                break;
                            }
                        }
                        None => return Err("unterminated type arguments".into()),
                        _ => {}
                    }
                    self.pos += 1;
                }
            } else if self.lang == Lang::Ts && matches!(self.peek(), Some(Tok::Template(_))) {
                let Some(Tok::Template(parts)) = self.peek().cloned() else {
                    unreachable!()
                };
                self.pos += 1;
                e = Ex::Tagged(Box::new(e), self.template(&parts)?);
            } else if self.lang == Lang::Go && self.at("{") && is_type(&e) {
                e = self.composite(Some(path(&e)))?;
            } else {
                return Ok(e);
            }
        }
    }
}

/// Whether a Go expression names a type (`eks.ClusterArgs`, `pulumi.StringMap`).
fn is_type(e: &Ex) -> bool {
    match e {
        Ex::Member(base, name) => {
            matches!(**base, Ex::Ident(_)) && name.starts_with(|c: char| c.is_ascii_uppercase())
        }
        _ => false,
    }
}

/// `a.b.c` as text.
pub fn path(e: &Ex) -> String {
    match e {
        Ex::Ident(s) => s.clone(),
        Ex::Member(b, m) => format!("{}.{m}", path(b)),
        _ => String::new(),
    }
}

pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------- evaluation

/// A value of the program.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Str(String),
    Bool(bool),
    Num(String),
    List(Vec<V>),
    Obj(Vec<(String, V)>),
    /// A resource, by index.
    Res(usize),
    /// An attribute of a resource.
    Attr(usize, String),
    /// A config input, by key.
    Config(String),
    /// Account context: `partition`, `account`, `region`, `caller`,
    /// `caller-identity-arn`; `az:N` for the n-th available zone.
    Ctx(String),
    /// An invoke's result, by function.
    Invoke(String, Box<V>),
    /// Each element of a list (a loop variable).
    Each(Box<V>),
    /// A string built from parts.
    Concat(Vec<V>),
    Unknown,
}

/// A resource the program creates.
#[derive(Clone, Debug)]
pub struct Resource {
    /// `eks.Cluster`.
    pub ty: String,
    pub name: V,
    pub args: V,
    pub depends_on: Vec<V>,
}

/// A program read back.
#[derive(Clone, Debug, Default)]
pub struct Program {
    pub vars: BTreeMap<String, V>,
    pub resources: Vec<Resource>,
    pub exports: Vec<(String, V)>,
}

impl V {
    pub fn field(&self, name: &str) -> V {
        match self {
            V::Obj(fields) => fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or(V::Unknown),
            _ => V::Unknown,
        }
    }

    pub fn items(&self) -> Vec<V> {
        match self {
            V::List(items) => items.clone(),
            V::Unknown => Vec::new(),
            other => vec![other.clone()],
        }
    }
}

/// The AWS SDK modules a Go program imports (`eks`, `iam`…).
const GO_PACKAGES: &[&str] = &["aws", "cloudwatch", "ec2", "eks", "iam", "kms", "s3", "vpc"];

impl Program {
    fn eval(&mut self, e: &Ex, lang: Lang) -> V {
        match e {
            Ex::Ident(name) => self.vars.get(name).cloned().unwrap_or(match name.as_str() {
                "true" => V::Bool(true),
                "false" => V::Bool(false),
                _ => V::Unknown,
            }),
            Ex::Str(s) => V::Str(s.clone()),
            Ex::Num(n) => V::Num(n.clone()),
            Ex::Template(parts) | Ex::Tagged(_, parts) => V::Concat(
                parts
                    .iter()
                    .map(|p| match p {
                        TplEx::Text(t) => V::Str(t.clone()),
                        TplEx::Expr(e) => self.eval(e, lang),
                    })
                    .collect(),
            ),
            Ex::List(items) => V::List(items.iter().map(|i| self.eval(i, lang)).collect()),
            Ex::Obj(ty, fields) => {
                let fields: Vec<(String, V)> = fields
                    .iter()
                    .map(|(k, v)| (k.clone(), self.eval(v, lang)))
                    .collect();
                match fields.as_slice() {
                    [(k, list)] if k == "[]" => list.clone(),
                    _ if ty.as_deref() == Some("pulumi.StringArray") => V::List(Vec::new()),
                    _ => V::Obj(fields),
                }
            }
            Ex::AddrOf(inner) => self.eval(inner, lang),
            Ex::Index(base, index) => {
                let b = self.eval(base, lang);
                let i = self.eval(index, lang);
                match (b, i) {
                    (V::Invoke(f, _), V::Num(n)) if f.ends_with("names") => {
                        V::Ctx(format!("az:{n}"))
                    }
                    (V::List(items), V::Num(n)) => n
                        .parse::<usize>()
                        .ok()
                        .and_then(|n| items.get(n).cloned())
                        .unwrap_or(V::Unknown),
                    _ => V::Unknown,
                }
            }
            Ex::Member(base, name) => {
                let b = self.eval(base, lang);
                member(b, name)
            }
            Ex::New(callee, args) => {
                // TypeScript: `new aws.<module>.<Type>(name, args, opts)`.
                let p = path(callee);
                let ty = p.strip_prefix("aws.").unwrap_or(&p).to_owned();
                let args: Vec<V> = args.iter().map(|a| self.eval(a, lang)).collect();
                self.register(ty, &args, 0)
            }
            Ex::Call(callee, args) => self.call(callee, args, lang),
            Ex::Opaque => V::Unknown,
        }
    }

    fn register(&mut self, ty: String, args: &[V], skip: usize) -> V {
        let get = |i: usize| args.get(skip + i).cloned().unwrap_or(V::Unknown);
        let opts = get(2);
        let depends_on = match opts.field("dependsOn") {
            V::Unknown => opts.items(),
            deps => deps.items(),
        };
        self.resources.push(Resource {
            ty,
            name: get(0),
            args: get(1),
            depends_on,
        });
        V::Res(self.resources.len() - 1)
    }

    fn call(&mut self, callee: &Ex, args: &[Ex], lang: Lang) -> V {
        let p = path(callee);
        let vals: Vec<V> = args.iter().map(|a| self.eval(a, lang)).collect();
        let arg = |i: usize| vals.get(i).cloned().unwrap_or(V::Unknown);
        match p.as_str() {
            "pulumi.String"
            | "pulumi.Bool"
            | "pulumi.Int"
            | "pulumi.StringRef"
            | "pulumi.ToStringArray"
            | "pulumi.jsonStringify" => arg(0),
            "pulumi.Sprintf" => match arg(0) {
                V::Str(format) => {
                    let mut parts = Vec::new();
                    let mut text = String::new();
                    let mut rest = vals.iter().skip(1);
                    let mut chars = format.chars().peekable();
                    while let Some(c) = chars.next() {
                        if c == '%' {
                            match chars.next() {
                                Some('%') => text.push('%'),
                                Some('s') => {
                                    parts.push(V::Str(std::mem::take(&mut text)));
                                    parts.push(rest.next().cloned().unwrap_or(V::Unknown));
                                }
                                _ => return V::Unknown,
                            }
                        } else {
                            text.push(c);
                        }
                    }
                    parts.push(V::Str(text));
                    V::Concat(parts)
                }
                _ => V::Unknown,
            },
            "config.require"
            | "config.requireObject"
            | "config.requireBoolean"
            | "cfg.Require"
            | "cfg.RequireBool" => match arg(0) {
                V::Str(k) => V::Config(k),
                _ => V::Unknown,
            },
            _ => {
                let name = p.rsplit('.').next().unwrap_or("").to_owned();
                let module = p.rsplit_once('.').map(|(m, _)| m).unwrap_or("");
                let invoke = lower_first(&name);
                let invoke = invoke.strip_suffix("Output").unwrap_or(&invoke).to_owned();
                let invoke = match invoke.strip_prefix("lookup") {
                    Some(rest) => format!("get{rest}"),
                    None => invoke,
                };
                if invoke.starts_with("get") {
                    // Go passes ctx first; the arguments are then the next value.
                    let args = if lang == Lang::Go { arg(1) } else { arg(0) };
                    return V::Invoke(invoke, Box::new(args));
                }
                if lang == Lang::Go
                    && GO_PACKAGES.contains(&module)
                    && let Some(ty) = name.strip_prefix("New")
                {
                    return self.register(format!("{module}.{ty}"), &vals, 1);
                }
                if let Ex::Member(base, method) = callee
                    && args.is_empty()
                {
                    // Methods: `x.ID()`, `x.VpcConfig.ClusterSecurityGroupId()`, `doc.Json()`.
                    let b = self.eval(base, lang);
                    return member(b, method);
                }
                V::Unknown
            }
        }
    }
}

/// `value.name`, for resources, invokes and context.
fn member(b: V, name: &str) -> V {
    let name = lower_first(name);
    match b {
        V::Res(i) => V::Attr(i, name),
        V::Attr(i, f) if f == "vpcConfig" => V::Attr(i, format!("vpcConfig.{name}")),
        V::Invoke(f, args) => match (f.as_str(), name.as_str()) {
            ("getPartition", "partition") => V::Ctx("partition".into()),
            ("getCallerIdentity", "accountId") => V::Ctx("account".into()),
            ("getCallerIdentity", "arn") => V::Ctx("caller-identity-arn".into()),
            ("getSessionContext", "issuerArn") => V::Ctx("caller".into()),
            ("getRegion", "region") => V::Ctx("region".into()),
            ("getAvailabilityZones", "names") => V::Invoke("names".into(), args),
            ("getVpc", "id") => args.field("id"),
            ("getPolicyDocument", "json") => *args,
            _ => V::Unknown,
        },
        other => other.field(&name),
    }
}

/// Read a whole program.
pub fn read(src: &str, lang: Lang) -> Result<Program, String> {
    let toks = tokenize(src)?;
    let mut prog = Program::default();
    let mut p = Parser {
        toks: &toks,
        pos: 0,
        lang,
    };
    let ident = |t: Option<&Tok>, s: &str| matches!(t, Some(Tok::Ident(x)) if x == s);
    let punct = |t: Option<&Tok>, s: &str| matches!(t, Some(Tok::Punct(x)) if *x == s);
    while p.pos < toks.len() {
        let t = |k: usize| toks.get(p.pos + k);
        match lang {
            Lang::Ts => {
                if ident(t(0), "function") {
                    break; // helpers after the program
                }
                let export = ident(t(0), "export");
                let at = usize::from(export);
                if ident(t(at), "const") && matches!(t(at + 1), Some(Tok::Ident(_))) {
                    let Some(Tok::Ident(name)) = t(at + 1).cloned() else {
                        unreachable!()
                    };
                    p.pos += at + 2;
                    if p.at(":") {
                        while !p.at("=") {
                            p.pos += 1;
                        }
                    }
                    p.eat("=")?;
                    let e = p.expr()?;
                    let v = prog.eval(&e, lang);
                    if export {
                        prog.exports.push((name.clone(), v.clone()));
                    }
                    prog.vars.insert(name, v);
                    continue;
                }
                if ident(t(0), "for")
                    && punct(t(1), "(")
                    && ident(t(2), "const")
                    && ident(t(4), "of")
                {
                    let Some(Tok::Ident(var)) = t(3).cloned() else {
                        unreachable!()
                    };
                    p.pos += 5;
                    let list = p.expr()?;
                    let v = prog.eval(&list, lang);
                    prog.vars.insert(var, V::Each(Box::new(v)));
                    continue;
                }
                if ident(t(0), "new") {
                    let e = p.expr()?;
                    prog.eval(&e, lang);
                    continue;
                }
            }
            Lang::Go => {
                if ident(t(0), "func") && !ident(t(1), "main") && !punct(t(1), "(") {
                    break; // helpers after main
                }
                let declared = match (t(0), t(1), t(2), t(3)) {
                    (
                        Some(Tok::Ident(v)),
                        Some(Tok::Punct(",")),
                        Some(Tok::Ident(e)),
                        Some(Tok::Punct(":=")),
                    ) if e == "err" => Some((v.clone(), 4)),
                    (Some(Tok::Ident(v)), Some(Tok::Punct(":=")), _, _) => Some((v.clone(), 2)),
                    _ => None,
                };
                if let Some((var, skip)) = declared {
                    p.pos += skip;
                    if ident(p.peek(), "range") {
                        p.pos += 1;
                        let list = Ex::Ident(p.ident()?);
                        let v = prog.eval(&list, lang);
                        prog.vars.insert(var, V::Each(Box::new(v)));
                        continue;
                    }
                    let e = p.expr()?;
                    let v = prog.eval(&e, lang);
                    if var != "_" {
                        prog.vars.insert(var, v);
                    }
                    continue;
                }
                if ident(t(0), "cfg") && punct(t(1), ".") && ident(t(2), "RequireObject") {
                    if let (Some(Tok::Str(key)), Some(Tok::Ident(var))) = (t(4), t(7)) {
                        prog.vars.insert(var.clone(), V::Config(key.clone()));
                    }
                    p.pos += 9;
                    continue;
                }
                if ident(t(0), "ctx") && punct(t(1), ".") && ident(t(2), "Export") {
                    p.pos += 3;
                    let args = p.args()?;
                    let name = match args.first() {
                        Some(Ex::Str(s)) => s.clone(),
                        _ => String::new(),
                    };
                    let v = args
                        .get(1)
                        .map(|a| prog.eval(a, lang))
                        .unwrap_or(V::Unknown);
                    prog.exports.push((name, v));
                    continue;
                }
            }
        }
        p.pos += 1;
    }
    Ok(prog)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_decode() {
        let toks =
            tokenize(r#""a\"b\\c\n\u00e9\ud83d\ude00\U0001F600" `x\`\${y}${z}`"#).expect("tokens");
        assert_eq!(toks[0], Tok::Str("a\"b\\c\né😀😀".into()));
        assert!(matches!(&toks[1], Tok::Template(p) if p.len() == 2));
    }
}
