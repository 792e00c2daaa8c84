//! The layout of Go expressions as `go/printer` prints them, measured
//! first and written once.
//!
//! The program's text is built as a tree of [`Node`]s whose leaf text lives
//! in one buffer ([`Text`]): a leaf is a [`Span`] of it, so no expression
//! allocates a string of its own. A composite literal ([`Node::List`])
//! decides its layout when it is made, from the measured widths of its
//! elements: whether it fits on one line, and the column in which each
//! `Key: value` pair's value starts. [`Text::write`] then copies the text
//! into the file in one pass, indenting each line by its depth.

/// Longest single line a list is kept on.
pub(super) const LINE: usize = 110;

/// A range of the leaf text buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn len(self) -> usize {
        (self.end - self.start) as usize
    }
}

/// A Go expression, possibly over several lines: its first line continues
/// wherever it is written; each later line is indented by its depth.
#[derive(Debug)]
pub(super) enum Node {
    /// Text of the buffer, on one line.
    Leaf(Span),
    /// Fixed text on one line.
    Static(&'static str),
    /// Fixed lines: the first continues the line, each later one starts a
    /// line at the depth the node is written at.
    Lines(&'static [&'static str]),
    /// A composite literal `head{…}`.
    List(Box<List>),
    /// Expressions written one after another.
    Cat(Vec<Node>),
}

/// A composite literal, laid out.
#[derive(Debug)]
pub(super) struct List {
    head: Span,
    elems: Vec<Elem>,
    /// The width of the whole literal when it is on one line.
    one_line: Option<usize>,
}

/// An element of a composite literal.
#[derive(Debug)]
pub(super) struct Elem {
    /// The key of a `Key: value` pair.
    key: Option<Span>,
    /// Spaces between `Key:` and the value.
    pad: usize,
    value: Node,
}

impl Elem {
    /// A `Key: value` pair.
    pub fn pair(key: Span, value: Node) -> Elem {
        Elem {
            key: Some(key),
            pad: 1,
            value,
        }
    }

    /// A value.
    pub fn item(value: Node) -> Elem {
        Elem {
            key: None,
            pad: 0,
            value,
        }
    }
}

/// The leaf text of one program, and the widths of what is made of it.
#[derive(Debug, Default)]
pub(super) struct Text {
    buf: String,
}

impl Text {
    /// A buffer with room for `n` bytes of leaf text.
    pub fn with_capacity(n: usize) -> Text {
        Text {
            buf: String::with_capacity(n),
        }
    }

    /// Forget the leaf text (once what was made of it is written).
    pub fn clear(&mut self) {
        self.buf.clear();
    }

    /// Leaf text written by `f` (on one line).
    pub fn span(&mut self, f: impl FnOnce(&mut String)) -> Span {
        let start = self.buf.len();
        f(&mut self.buf);
        Span {
            start: to_u32(start),
            end: to_u32(self.buf.len()),
        }
    }

    /// A leaf of the given text.
    pub fn str(&mut self, s: &str) -> Span {
        self.span(|b| b.push_str(s))
    }

    /// A leaf node written by `f`.
    pub fn leaf(&mut self, f: impl FnOnce(&mut String)) -> Node {
        Node::Leaf(self.span(f))
    }

    fn get(&self, s: Span) -> &str {
        self.buf.get(s.start as usize..s.end as usize).unwrap_or("")
    }

    /// The width of a node that is on one line, or `None` if it spans
    /// lines.
    pub fn width(&self, n: &Node) -> Option<usize> {
        match n {
            Node::Leaf(s) => Some(s.len()),
            Node::Static(s) => Some(s.len()),
            Node::Lines(l) => match l {
                [one] => Some(one.len()),
                _ => None,
            },
            Node::List(l) => l.one_line,
            Node::Cat(parts) => parts.iter().map(|p| self.width(p)).sum(),
        }
    }

    /// A composite literal `head{…}`, one element per line, laid out as
    /// `go/printer` does: consecutive one-line `Key: value` pairs form a
    /// section whose values start in one column, one space after the
    /// longest `Key:`. A pair that spans lines stands alone; a key whose
    /// length is far from the geometric mean of the section's keys (when
    /// either is over 40 bytes) starts a new section. Without elements it
    /// is `head{}`.
    pub fn composite(&mut self, head: Span, elems: Vec<Elem>) -> Node {
        let one_line = elems.is_empty().then(|| head.len() + 2);
        let mut list = List {
            head,
            elems,
            one_line,
        };
        self.align(&mut list);
        Node::List(Box::new(list))
    }

    /// `head{a, b}` on one line when it is at most [`LINE`] wide, else a
    /// [`Text::composite`].
    pub fn inline_list(&mut self, head: Span, items: Vec<Node>) -> Node {
        let mut width = Some(head.len() + 2 + 2 * items.len().saturating_sub(1));
        for i in &items {
            width = width.zip(self.width(i)).map(|(a, b)| a + b);
        }
        match width {
            Some(w) if w <= LINE => Node::List(Box::new(List {
                head,
                elems: items.into_iter().map(Elem::item).collect(),
                one_line: Some(w),
            })),
            _ => self.composite(head, items.into_iter().map(Elem::item).collect()),
        }
    }

    /// The sections of `go/printer`'s `exprList` and the pad of each pair.
    fn align(&self, list: &mut List) {
        let n = list.elems.len();
        if n < 2 {
            return;
        }
        let mut section_of = Vec::with_capacity(n);
        let mut section = 0usize;
        let mut size = 0usize;
        let mut lnsum = 0.0f64;
        let mut count = 0usize;
        let mut single = Vec::with_capacity(n);
        for (i, e) in list.elems.iter().enumerate() {
            let prev = size;
            let width = self.width(&e.value);
            single.push(width.is_some());
            size = match (e.key, width) {
                (Some(k), Some(_)) => k.len(),
                (None, Some(w)) => w,
                _ => 0,
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
        // Column per section: the longest `Key:` among its one-line pairs.
        let mut width = vec![0usize; section + 1];
        let mut chars = Vec::with_capacity(n);
        for ((e, s), one) in list.elems.iter().zip(&section_of).zip(&single) {
            let c = e.key.map_or(0, |k| self.get(k).chars().count());
            chars.push(c);
            if e.key.is_some()
                && *one
                && let Some(w) = width.get_mut(*s)
            {
                *w = (*w).max(c + 1);
            }
        }
        for (((e, s), one), c) in list
            .elems
            .iter_mut()
            .zip(&section_of)
            .zip(&single)
            .zip(&chars)
        {
            if e.key.is_some() && *one {
                e.pad = width.get(*s).map_or(1, |w| w - c);
            }
        }
    }

    /// Write `n` into `out`, its later lines on a new line each, indented
    /// by `indent` and `depth` tabs.
    pub fn write(&self, n: &Node, out: &mut String, indent: &str, depth: usize) {
        match n {
            Node::Leaf(s) => out.push_str(self.get(*s)),
            Node::Static(s) => out.push_str(s),
            Node::Lines(lines) => {
                for (i, l) in lines.iter().enumerate() {
                    if i > 0 {
                        newline(out, indent, depth);
                    }
                    out.push_str(l);
                }
            }
            Node::Cat(parts) => {
                for p in parts {
                    self.write(p, out, indent, depth);
                }
            }
            Node::List(l) => {
                out.push_str(self.get(l.head));
                out.push('{');
                if l.one_line.is_some() {
                    for (i, e) in l.elems.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        self.write(&e.value, out, indent, depth);
                    }
                } else {
                    for e in &l.elems {
                        newline(out, indent, depth + 1);
                        if let Some(k) = e.key {
                            out.push_str(self.get(k));
                            out.push(':');
                            repeat(out, SPACES, e.pad);
                        }
                        self.write(&e.value, out, indent, depth + 1);
                        out.push(',');
                    }
                    newline(out, indent, depth);
                }
                out.push('}');
            }
        }
    }
}

const TABS: &str = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
const SPACES: &str = "                                ";

/// `n` copies of the one-byte character `unit` is made of.
fn repeat(out: &mut String, unit: &str, mut n: usize) {
    while n > 0 {
        let k = n.min(unit.len());
        out.push_str(unit.get(..k).unwrap_or(""));
        n -= k;
    }
}

/// A line break, indented by `indent` and `depth` tabs.
fn newline(out: &mut String, indent: &str, depth: usize) {
    out.push('\n');
    out.push_str(indent);
    repeat(out, TABS, depth);
}

/// `depth` tabs.
pub(super) fn tabs(out: &mut String, depth: usize) {
    repeat(out, TABS, depth);
}

/// A buffer offset. A program's leaf text is far below 4 GiB; a larger one
/// (impossible for a valid design) saturates rather than wraps.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &Text, n: &Node) -> String {
        let mut s = String::new();
        t.write(n, &mut s, "", 0);
        s
    }

    #[test]
    fn pairs_align_like_gofmt() {
        let mut t = Text::default();
        let (h, n, r, a, b) = (
            t.str("&x.Args"),
            t.str("Name"),
            t.str("RoleArn"),
            t.leaf(|s| s.push('a')),
            t.leaf(|s| s.push('b')),
        );
        let (hn, ka, c) = (t.str("&x.N"), t.str("A"), t.leaf(|s| s.push('c')));
        let nested = t.composite(hn, vec![Elem::pair(ka, c)]);
        let (kn, kz, d) = (t.str("Nested"), t.str("Z"), t.leaf(|s| s.push('d')));
        let g = t.composite(
            h,
            vec![
                Elem::pair(n, a),
                Elem::pair(r, b),
                Elem::pair(kn, nested),
                Elem::pair(kz, d),
            ],
        );
        assert_eq!(
            text(&t, &g),
            "&x.Args{\n\tName:    a,\n\tRoleArn: b,\n\tNested: &x.N{\n\t\tA: c,\n\t},\n\tZ: d,\n}"
        );
    }

    #[test]
    fn long_keys_start_a_new_section() {
        let mut t = Text::default();
        let long = format!("\"{}\"", "k".repeat(60));
        let h = t.str("pulumi.StringMap");
        let (k1, a) = (t.str("\"Name\""), t.leaf(|s| s.push('a')));
        let (k2, b) = (t.str(&long), t.leaf(|s| s.push('b')));
        let g = t.composite(h, vec![Elem::pair(k1, a), Elem::pair(k2, b)]);
        // 62 > 40 and 62 / 6 ≥ 2.5: no shared column.
        assert_eq!(
            text(&t, &g),
            format!("pulumi.StringMap{{\n\t\"Name\": a,\n\t{long}: b,\n}}")
        );
    }

    #[test]
    fn lists_stay_on_one_line_while_they_fit() {
        let mut t = Text::default();
        let h = t.str("pulumi.StringArray");
        let items = vec![t.leaf(|s| s.push_str("x")), t.leaf(|s| s.push_str("y"))];
        let short = t.inline_list(h, items);
        assert_eq!(text(&t, &short), "pulumi.StringArray{x, y}");
        let items = (0..3)
            .map(|_| t.leaf(|s| s.push_str(&"z".repeat(40))))
            .collect();
        let long = t.inline_list(h, items);
        let z = "z".repeat(40);
        assert_eq!(
            text(&t, &long),
            format!("pulumi.StringArray{{\n\t{z},\n\t{z},\n\t{z},\n}}")
        );
    }

    #[test]
    fn fixed_lines_break_at_their_depth() {
        let mut t = Text::default();
        let call = t.leaf(|s| s.push_str("f()"));
        let n = Node::Cat(vec![call, Node::Lines(&["; x {", "\treturn", "}"])]);
        let mut s = String::new();
        t.write(&n, &mut s, "\t\t", 1);
        assert_eq!(s, "f(); x {\n\t\t\t\treturn\n\t\t\t}");
    }
}
