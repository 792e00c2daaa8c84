//! The layout of Go expressions as `go/printer` prints them, measured
//! first and written once.
//!
//! A statement's text is built as a tree of [`Node`]s kept in one arena
//! ([`Text`]): a leaf is a [`Span`] of its text buffer and a composite
//! literal is an index into its lists, so no expression allocates. A
//! composite literal ([`Node::List`]) decides its layout when it is made,
//! from the measured widths of its elements: whether it fits on one line,
//! and the column in which each `Key: value` pair's value starts.
//! [`Text::write`] then copies the text into the file in one pass,
//! indenting each line by its depth, and [`Text::clear`] makes the arena
//! ready for the next statement (keeping its capacity).
//!
//! Elements are pushed ([`Text::pair`], [`Text::item`]) after a
//! [`Text::mark`] and become a list's when it is made: a nested literal is
//! always made (its elements moved out of the way) before its parent's
//! next element is pushed, so each list's elements are contiguous.

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
#[derive(Clone, Copy, Debug)]
pub(super) enum Node {
    /// Text of the buffer, on one line.
    Leaf(Span),
    /// Fixed text on one line.
    Static(&'static str),
    /// Fixed lines: the first continues the line, each later one starts a
    /// line at the depth the node is written at.
    Lines(&'static [&'static str]),
    /// A composite literal `head{…}`: an index into [`Text`]'s lists.
    List(u32),
}

/// A composite literal, laid out.
#[derive(Debug)]
struct List {
    head: Span,
    /// Its elements: a range of [`Text`]'s element store.
    start: u32,
    end: u32,
    /// The width of the whole literal when it is on one line.
    one_line: Option<usize>,
}

/// An element of a composite literal.
#[derive(Clone, Copy, Debug)]
struct Elem {
    /// The key of a `Key: value` pair.
    key: Option<Span>,
    /// Spaces between `Key:` and the value.
    pad: u32,
    value: Node,
}

/// Where a list's elements start on the element stack ([`Text::mark`]).
#[derive(Clone, Copy, Debug)]
pub(super) struct Mark(usize);

/// The leaf text, lists and elements of one statement.
#[derive(Debug, Default)]
pub(super) struct Text {
    buf: String,
    lists: Vec<List>,
    /// The elements of made lists, each list's contiguous.
    store: Vec<Elem>,
    /// Elements pushed for lists not made yet.
    stack: Vec<Elem>,
}

impl Text {
    /// An arena with room for `n` bytes of leaf text.
    pub fn with_capacity(n: usize) -> Text {
        Text {
            buf: String::with_capacity(n),
            lists: Vec::with_capacity(64),
            store: Vec::with_capacity(256),
            stack: Vec::with_capacity(64),
        }
    }

    /// Forget the statement (once it is written), keeping the capacity.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.lists.clear();
        self.store.clear();
        self.stack.clear();
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

    fn list(&self, i: u32) -> Option<&List> {
        self.lists.get(i as usize)
    }

    fn elems(&self, l: &List) -> &[Elem] {
        self.store
            .get(l.start as usize..l.end as usize)
            .unwrap_or(&[])
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
            Node::List(i) => self.list(*i).and_then(|l| l.one_line),
        }
    }

    /// The start of the next list's elements.
    pub fn mark(&self) -> Mark {
        Mark(self.stack.len())
    }

    /// Push a `Key: value` pair of the list being made.
    pub fn pair(&mut self, key: Span, value: Node) {
        self.stack.push(Elem {
            key: Some(key),
            pad: 1,
            value,
        });
    }

    /// Push a value of the list being made.
    pub fn item(&mut self, value: Node) {
        self.stack.push(Elem {
            key: None,
            pad: 0,
            value,
        });
    }

    /// The elements pushed since `m`, moved to the store.
    fn take(&mut self, m: Mark) -> (u32, u32) {
        let start = self.store.len();
        let from = m.0.min(self.stack.len());
        self.store.extend(self.stack.drain(from..));
        (to_u32(start), to_u32(self.store.len()))
    }

    fn push_list(&mut self, list: List) -> Node {
        self.lists.push(list);
        Node::List(to_u32(self.lists.len() - 1))
    }

    /// A composite literal `head{…}` of the elements pushed since `m`, one
    /// element per line, laid out as `go/printer` does: consecutive
    /// one-line `Key: value` pairs form a section whose values start in one
    /// column, one space after the longest `Key:`. A pair that spans lines
    /// stands alone; a key whose length is far from the geometric mean of
    /// the section's keys (when either is over 40 bytes) starts a new
    /// section. Without elements it is `head{}`.
    pub fn composite(&mut self, head: Span, m: Mark) -> Node {
        let (start, end) = self.take(m);
        let one_line = (start == end).then(|| head.len() + 2);
        self.align(start as usize, end as usize);
        self.push_list(List {
            head,
            start,
            end,
            one_line,
        })
    }

    /// `head{a, b}` of the values pushed since `m`, on one line when it is
    /// at most [`LINE`] wide, else a [`Text::composite`].
    pub fn inline_list(&mut self, head: Span, m: Mark) -> Node {
        let from = m.0.min(self.stack.len());
        let n = self.stack.len() - from;
        let mut width = Some(head.len() + 2 + 2 * n.saturating_sub(1));
        for e in self.stack.get(from..).unwrap_or(&[]) {
            width = width.zip(self.width(&e.value)).map(|(a, b)| a + b);
        }
        match width {
            Some(w) if w <= LINE => {
                let (start, end) = self.take(m);
                self.push_list(List {
                    head,
                    start,
                    end,
                    one_line: Some(w),
                })
            }
            _ => self.composite(head, m),
        }
    }

    /// The sections of `go/printer`'s `exprList` and the pad of each pair
    /// of `store[start..end]`.
    fn align(&mut self, start: usize, end: usize) {
        let n = end - start;
        if n < 2 {
            return;
        }
        // Per element: its section, whether it is one line, its key's width.
        let mut layout: Vec<(usize, bool, usize)> = Vec::with_capacity(n);
        let mut section = 0usize;
        let mut size = 0usize;
        let mut lnsum = 0.0f64;
        let mut count = 0usize;
        let mut columns: Vec<usize> = Vec::with_capacity(4);
        for (i, e) in self.store.get(start..end).unwrap_or(&[]).iter().enumerate() {
            let prev = size;
            let width = self.width(&e.value);
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
            if size > 0 {
                lnsum += (size as f64).ln();
                count += 1;
            }
            let chars = e.key.map_or(0, |k| self.get(k).chars().count());
            // Column per section: the longest `Key:` of its one-line pairs.
            if columns.len() <= section {
                columns.resize(section + 1, 0);
            }
            if e.key.is_some()
                && width.is_some()
                && let Some(c) = columns.get_mut(section)
            {
                *c = (*c).max(chars + 1);
            }
            layout.push((section, width.is_some(), chars));
        }
        let elems = self.store.get_mut(start..end).unwrap_or(&mut []);
        for (e, (section, one, chars)) in elems.iter_mut().zip(layout) {
            if e.key.is_some() && one {
                e.pad = columns.get(section).map_or(1, |w| to_u32(w - chars));
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
            Node::List(i) => {
                let Some(l) = self.list(*i) else {
                    return;
                };
                out.push_str(self.get(l.head));
                out.push('{');
                if l.one_line.is_some() {
                    for (i, e) in self.elems(l).iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        self.write(&e.value, out, indent, depth);
                    }
                } else {
                    for e in self.elems(l) {
                        newline(out, indent, depth + 1);
                        if let Some(k) = e.key {
                            out.push_str(self.get(k));
                            out.push(':');
                            repeat(out, SPACES, e.pad as usize);
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

    fn leaf(t: &mut Text, s: &str) -> Node {
        Node::Leaf(t.str(s))
    }

    #[test]
    fn pairs_align_like_gofmt() {
        let mut t = Text::default();
        let outer = t.mark();
        let (n, a) = (t.str("Name"), leaf(&mut t, "a"));
        t.pair(n, a);
        let (r, b) = (t.str("RoleArn"), leaf(&mut t, "b"));
        t.pair(r, b);
        let kn = t.str("Nested");
        let inner = t.mark();
        let (ka, c) = (t.str("A"), leaf(&mut t, "c"));
        t.pair(ka, c);
        let hn = t.str("&x.N");
        let nested = t.composite(hn, inner);
        t.pair(kn, nested);
        let (kz, d) = (t.str("Z"), leaf(&mut t, "d"));
        t.pair(kz, d);
        let h = t.str("&x.Args");
        let g = t.composite(h, outer);
        assert_eq!(
            text(&t, &g),
            "&x.Args{\n\tName:    a,\n\tRoleArn: b,\n\tNested: &x.N{\n\t\tA: c,\n\t},\n\tZ: d,\n}"
        );
    }

    #[test]
    fn long_keys_start_a_new_section() {
        let mut t = Text::default();
        let long = format!("\"{}\"", "k".repeat(60));
        let m = t.mark();
        let (k1, a) = (t.str("\"Name\""), leaf(&mut t, "a"));
        t.pair(k1, a);
        let (k2, b) = (t.str(&long), leaf(&mut t, "b"));
        t.pair(k2, b);
        let h = t.str("pulumi.StringMap");
        let g = t.composite(h, m);
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
        let m = t.mark();
        for x in ["x", "y"] {
            let n = leaf(&mut t, x);
            t.item(n);
        }
        let short = t.inline_list(h, m);
        assert_eq!(text(&t, &short), "pulumi.StringArray{x, y}");
        let z = "z".repeat(40);
        let m = t.mark();
        for _ in 0..3 {
            let n = leaf(&mut t, &z);
            t.item(n);
        }
        let long = t.inline_list(h, m);
        assert_eq!(
            text(&t, &long),
            format!("pulumi.StringArray{{\n\t{z},\n\t{z},\n\t{z},\n}}")
        );
        // The first list is unchanged by the second.
        assert_eq!(text(&t, &short), "pulumi.StringArray{x, y}");
    }

    #[test]
    fn empty_lists_are_braces() {
        let mut t = Text::default();
        let h = t.str("[]pulumi.Resource");
        let m = t.mark();
        let g = t.composite(h, m);
        assert_eq!(text(&t, &g), "[]pulumi.Resource{}");
        assert_eq!(t.width(&g), Some(19));
    }

    #[test]
    fn fixed_lines_break_at_their_depth() {
        let mut t = Text::default();
        let call = leaf(&mut t, "f()");
        let mut s = String::new();
        t.write(&call, &mut s, "\t\t", 1);
        t.write(&Node::Lines(&["; x {", "\treturn", "}"]), &mut s, "\t\t", 1);
        assert_eq!(s, "f(); x {\n\t\t\t\treturn\n\t\t\t}");
    }
}
