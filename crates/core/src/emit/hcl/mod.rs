//! A minimal HCL syntax tree and a writer whose output is a fixed point of
//! `terraform fmt`.
//!
//! Why not `hcl-rs`'s formatter: it does not align `=` in runs of
//! attributes the way `terraform fmt` does (hclwrite's `formatCells`), so
//! its output would be rewritten by `fmt`. `hcl-rs` is still used in the
//! tests, as an independent parser, to prove every file parses back.
//!
//! The rules implemented (from hashicorp/hcl `hclwrite/format.go`):
//! * two-space indentation per nesting level;
//! * in a run of consecutive single-line attributes (or object items), the
//!   `=` signs are aligned one space after the longest name; a run ends at a
//!   blank line, a comment, a block, or an attribute whose value spans lines;
//! * everything else is separated by single spaces.

mod escape;
mod write;

use std::borrow::Cow;

pub use escape::{escape_into, escape_template, escaped_len, is_identifier};
pub use write::render;

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A quoted string of literal text (escaped on output).
    Lit(Cow<'static, str>),
    /// A quoted template string: literal text and `${…}` interpolations.
    Str(Vec<StrPart>),
    /// Expression text written verbatim (numbers, booleans, traversals).
    Raw(Cow<'static, str>),
    /// A tuple `[…]`.
    List(Vec<Expr>),
    /// An object `{ key = value … }`, always written over several lines.
    Object(Vec<(String, Expr)>),
    /// A function call.
    Call(String, Vec<Expr>),
}

/// Part of a template string.
#[derive(Clone, Debug, PartialEq)]
pub enum StrPart {
    /// Literal text (escaped on output).
    Lit(String),
    /// An interpolated expression, written as `${expr}`.
    Interp(String),
}

impl Expr {
    /// A literal string (no allocation for `&'static str`).
    pub fn str(s: impl Into<Cow<'static, str>>) -> Expr {
        Expr::Lit(s.into())
    }

    /// A raw expression such as `aws_vpc.this.id` or `true`.
    pub fn raw(s: impl Into<Cow<'static, str>>) -> Expr {
        Expr::Raw(s.into())
    }

    /// A boolean.
    pub fn bool(b: bool) -> Expr {
        Expr::Raw(Cow::Borrowed(if b { "true" } else { "false" }))
    }

    /// A number.
    pub fn num(n: impl std::fmt::Display) -> Expr {
        Expr::Raw(Cow::Owned(n.to_string()))
    }

    /// A list of literal strings.
    pub fn strs<S: AsRef<str>>(items: &[S]) -> Expr {
        Expr::List(
            items
                .iter()
                .map(|s| Expr::Lit(Cow::Owned(s.as_ref().to_owned())))
                .collect(),
        )
    }

    /// An object of literal strings.
    pub fn str_map<'a>(items: impl IntoIterator<Item = (&'a String, &'a String)>) -> Expr {
        Expr::Object(
            items
                .into_iter()
                .map(|(k, v)| (k.clone(), Expr::str(v.clone())))
                .collect(),
        )
    }
}

/// A body item.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `name = value`.
    Attr(Cow<'static, str>, Expr),
    /// A nested block.
    Block(Block),
    /// An empty line.
    Blank,
    /// A `#` comment line.
    Comment(String),
}

/// A block: `kind "label" … { items }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Block type, for example `resource`.
    pub kind: Cow<'static, str>,
    /// Labels.
    pub labels: Vec<Cow<'static, str>>,
    /// Body.
    pub items: Vec<Item>,
}

impl Block {
    /// A block with labels and no body yet.
    pub fn new(kind: &'static str, labels: &[&str]) -> Block {
        Block {
            kind: Cow::Borrowed(kind),
            labels: labels.iter().map(|s| Cow::Owned((*s).to_owned())).collect(),
            items: Vec::new(),
        }
    }

    /// Add an attribute.
    pub fn attr(mut self, name: &'static str, value: Expr) -> Block {
        self.items.push(Item::Attr(Cow::Borrowed(name), value));
        self
    }

    /// Add an attribute when `value` is `Some`.
    pub fn attr_opt(self, name: &'static str, value: Option<Expr>) -> Block {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    /// Add a nested block, preceded by a blank line when it follows other items.
    pub fn block(mut self, block: Block) -> Block {
        if !self.items.is_empty() {
            self.items.push(Item::Blank);
        }
        self.items.push(Item::Block(block));
        self
    }

    /// Add a blank line.
    pub fn blank(mut self) -> Block {
        self.items.push(Item::Blank);
        self
    }

    /// Add a comment line.
    pub fn comment(mut self, text: &str) -> Block {
        self.items.push(Item::Comment(text.to_owned()));
        self
    }
}

/// A file: top-level items (usually blocks separated by blank lines).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct File {
    /// Items.
    pub items: Vec<Item>,
    /// The last item is a comment that belongs to the next block.
    attach: bool,
}

impl File {
    /// Start a file with a header comment.
    pub fn with_header(lines: &[&str]) -> File {
        File {
            items: lines
                .iter()
                .map(|l| Item::Comment((*l).to_owned()))
                .collect(),
            attach: false,
        }
    }

    /// Append a top-level block, separated from what precedes it by a blank line.
    pub fn push(&mut self, block: Block) {
        if !self.items.is_empty() && !self.attach {
            self.items.push(Item::Blank);
        }
        self.attach = false;
        self.items.push(Item::Block(block));
    }

    /// Append a comment (one line per `\n`) describing the next block:
    /// a blank line goes before it, none after it.
    pub fn comment(&mut self, text: &str) {
        if !self.items.is_empty() {
            self.items.push(Item::Blank);
        }
        for line in text.lines() {
            self.items.push(Item::Comment(line.to_owned()));
        }
        self.attach = true;
    }

    /// Render the file.
    pub fn render(&self) -> String {
        write::render(&self.items)
    }
}
