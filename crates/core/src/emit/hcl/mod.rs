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

pub use escape::{escape_template, is_identifier};
pub use write::render;

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A quoted template string: literal text and `${…}` interpolations.
    Str(Vec<StrPart>),
    /// Expression text written verbatim (numbers, booleans, traversals).
    Raw(String),
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
    /// A literal string.
    pub fn str(s: impl Into<String>) -> Expr {
        Expr::Str(vec![StrPart::Lit(s.into())])
    }

    /// A raw expression such as `aws_vpc.this.id` or `true`.
    pub fn raw(s: impl Into<String>) -> Expr {
        Expr::Raw(s.into())
    }

    /// A boolean.
    pub fn bool(b: bool) -> Expr {
        Expr::Raw(b.to_string())
    }

    /// A number.
    pub fn num(n: impl std::fmt::Display) -> Expr {
        Expr::Raw(n.to_string())
    }

    /// A list of literal strings.
    pub fn strs<S: AsRef<str>>(items: &[S]) -> Expr {
        Expr::List(items.iter().map(|s| Expr::str(s.as_ref())).collect())
    }

    /// An object of literal strings.
    pub fn str_map<'a>(items: impl IntoIterator<Item = (&'a String, &'a String)>) -> Expr {
        Expr::Object(
            items
                .into_iter()
                .map(|(k, v)| (k.clone(), Expr::str(v.as_str())))
                .collect(),
        )
    }
}

/// A body item.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `name = value`.
    Attr(String, Expr),
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
    pub kind: String,
    /// Labels.
    pub labels: Vec<String>,
    /// Body.
    pub items: Vec<Item>,
}

impl Block {
    /// A block with labels and no body yet.
    pub fn new(kind: &str, labels: &[&str]) -> Block {
        Block {
            kind: kind.to_owned(),
            labels: labels.iter().map(|s| (*s).to_owned()).collect(),
            items: Vec::new(),
        }
    }

    /// Add an attribute.
    pub fn attr(mut self, name: &str, value: Expr) -> Block {
        self.items.push(Item::Attr(name.to_owned(), value));
        self
    }

    /// Add an attribute when `value` is `Some`.
    pub fn attr_opt(self, name: &str, value: Option<Expr>) -> Block {
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
