//! Line diffs between two texts, and between two bundles: which lines an
//! edit changed, file by file (Myers' algorithm, from the `similar` crate).

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::Bundle;

/// How two versions of a text differ, line by line (all line numbers
/// 1-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineDiff {
    /// Lines of the old text that were removed or changed.
    pub old: Vec<u32>,
    /// Lines of the new text that were added or changed.
    pub new: Vec<u32>,
    /// Where old lines went without replacement: the line of the new text
    /// they followed (0: before the first line).
    pub removed_after: Vec<u32>,
    /// Where new lines arrived without replacing any: the line of the old
    /// text they follow (0: before the first line).
    pub inserted_after: Vec<u32>,
}

impl LineDiff {
    /// Whether the texts are the same.
    pub fn is_empty(&self) -> bool {
        self.old.is_empty() && self.new.is_empty()
    }
}

fn line_no(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// Compare two texts line by line.
pub fn lines(old: &str, new: &str) -> LineDiff {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut d = LineDiff::default();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                d.old.extend((old_index..old_index + old_len).map(line_no));
                d.removed_after
                    .push(u32::try_from(new_index).unwrap_or(u32::MAX));
            }
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                d.new.extend((new_index..new_index + new_len).map(line_no));
                d.inserted_after
                    .push(u32::try_from(old_index).unwrap_or(u32::MAX));
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                d.old.extend((old_index..old_index + old_len).map(line_no));
                d.new.extend((new_index..new_index + new_len).map(line_no));
            }
        }
    }
    d
}

/// How one file of a bundle changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDiff {
    /// The file's path in the bundle.
    pub path: String,
    /// Whether the file is new, gone or changed.
    pub change: FileChange,
    /// The line changes (against an empty text for new and gone files).
    pub lines: LineDiff,
}

/// What happened to a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileChange {
    /// Only in the new bundle.
    Added,
    /// Only in the old bundle.
    Removed,
    /// In both, with different contents.
    Changed,
}

/// Every file that differs between two bundles, in the new bundle's order
/// (files that are gone come last, in the old bundle's order).
pub fn bundles(old: &Bundle, new: &Bundle) -> Vec<FileDiff> {
    let mut out = Vec::new();
    for (path, text) in new.files() {
        let (change, before) = match old.get(path) {
            Some(before) if before == text => continue,
            Some(before) => (FileChange::Changed, before),
            None => (FileChange::Added, ""),
        };
        out.push(FileDiff {
            path: path.to_owned(),
            change,
            lines: lines(before, text),
        });
    }
    for (path, text) in old.files() {
        if new.get(path).is_none() {
            out.push(FileDiff {
                path: path.to_owned(),
                change: FileChange::Removed,
                lines: lines(text, ""),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_added_and_removed_lines() {
        let d = lines("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
        assert_eq!(d.old, [2]);
        assert_eq!(d.new, [2, 5]);
        assert_eq!(d.inserted_after, [4]);
        let d = lines("a\nb\nc\n", "a\nc\n");
        assert_eq!(d.old, [2]);
        assert!(d.new.is_empty());
        assert_eq!(d.removed_after, [1]);
        let d = lines("x\n", "y\nx\n");
        assert_eq!(
            (d.new.as_slice(), d.inserted_after.as_slice()),
            (&[1][..], &[0][..])
        );
        assert!(lines("same\n", "same\n").is_empty());
    }

    #[test]
    fn bundles_list_only_what_differs() {
        let mut a = Bundle::new();
        a.insert("README.md", "one\n");
        a.insert("gone.tf", "x\n");
        a.insert("same.yaml", "s\n");
        let mut b = Bundle::new();
        b.insert("README.md", "one\ntwo\n");
        b.insert("same.yaml", "s\n");
        b.insert("new.tf", "n\n");
        let d = bundles(&a, &b);
        let summary: Vec<(&str, FileChange)> =
            d.iter().map(|f| (f.path.as_str(), f.change)).collect();
        assert_eq!(
            summary,
            [
                ("README.md", FileChange::Changed),
                ("new.tf", FileChange::Added),
                ("gone.tf", FileChange::Removed)
            ]
        );
        assert_eq!(d[0].lines.new, [2]);
    }
}
