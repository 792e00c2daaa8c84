//! Imported cluster files kept over a reload (issue 10, "nothing lost"):
//! the files as given, in this browser's localStorage under [`KEY`], never
//! sent anywhere. Only text files, and at most [`LIMIT`] bytes in all (the
//! origin's storage is about 5 MB and the autosaved plan needs its share);
//! a zip or a larger import is not kept, and the view says so. "Start
//! again" removes them (its Undo brings them back, and keeps them again).
//! Called from effects only, never from a render.
//!
//! The planner's cost tab sets today's fleet against the plan when the plan
//! is the imported cluster's: [`publish`] hands it what the view holds now,
//! and [`current`] gives it that (or, before the view was opened on this
//! page, what the last visit kept), in memory, within the page.

use std::cell::RefCell;
use std::rc::Rc;

use eksplan_core::import::{self, Import, Snapshot};
use eksplan_core::migrate::Migration;
use serde::{Deserialize, Serialize};

/// localStorage key.
pub const KEY: &str = "eksplan.cluster.v1";

/// Most bytes of text kept.
pub const LIMIT: usize = 2_000_000;

#[derive(Serialize, Deserialize)]
struct Kept {
    files: Vec<(String, String)>,
}

/// The files as stored text, or why they are not kept.
pub fn encode<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Result<String, String> {
    let mut kept = Kept { files: Vec::new() };
    let mut total = 0usize;
    for (name, bytes) in files {
        let text = std::str::from_utf8(bytes).map_err(|_| {
            format!("{name} is not a text file (a zip is not kept; drop the folder instead)")
        })?;
        total += text.len();
        if total > LIMIT {
            return Err(format!(
                "the files are larger than the {} MB this browser keeps",
                LIMIT / 1_000_000
            ));
        }
        kept.files.push((name.to_owned(), text.to_owned()));
    }
    serde_json::to_string(&kept).map_err(|e| e.to_string())
}

/// The files of stored text (none if it no longer reads).
pub fn decode(text: &str) -> Vec<(String, Vec<u8>)> {
    serde_json::from_str::<Kept>(text)
        .map(|k| {
            k.files
                .into_iter()
                .map(|(n, t)| (n, t.into_bytes()))
                .collect()
        })
        .unwrap_or_default()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Keep `files` (none: forget them). `Ok(true)` when kept, `Err` says why not.
pub fn save<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Result<bool, String> {
    let storage =
        storage().ok_or_else(|| "this browser keeps no storage for the page".to_owned())?;
    let mut files = files.into_iter().peekable();
    if files.peek().is_none() {
        let _ = storage.remove_item(KEY);
        return Ok(false);
    }
    let text = match encode(files) {
        Ok(t) => t,
        Err(e) => {
            let _ = storage.remove_item(KEY);
            return Err(e);
        }
    };
    storage.set_item(KEY, &text).map_err(|_| {
        let _ = storage.remove_item(KEY);
        "this browser's storage for the page is full".to_owned()
    })?;
    Ok(true)
}

/// The files kept by the last visit.
pub fn load() -> Vec<(String, Vec<u8>)> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|t| decode(&t))
        .unwrap_or_default()
}

/// The imported cluster as the cost tab reads it.
#[derive(Clone)]
pub enum Imported {
    /// What the "I have a cluster" view assessed.
    Viewed(Rc<Migration>),
    /// What the last visit kept, read again (the view not opened yet).
    Kept(Rc<Import>),
}

impl Imported {
    /// The files as read.
    pub fn snapshot(&self) -> &Snapshot {
        match self {
            Imported::Viewed(m) => &m.import.snapshot,
            Imported::Kept(i) => &i.snapshot,
        }
    }
}

/// The import now, and how many times it changed (what to recompute on).
#[derive(Clone, Default)]
pub struct Current {
    /// Counts changes.
    pub generation: u64,
    /// The import (`None`: nothing imported, or "Start again").
    pub imported: Option<Imported>,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
}

/// The window event [`publish`] fires.
pub const CHANGED: &str = "eksplan-cluster-changed";

/// The view's import changed (`None`: no files): remember it for the cost
/// tab and tell it.
pub fn publish(migration: Option<Rc<Migration>>) {
    CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        let generation = c.as_ref().map_or(0, |x| x.generation) + 1;
        *c = Some(Current {
            generation,
            imported: migration.map(Imported::Viewed),
        });
    });
    if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new(CHANGED)) {
        let _ = w.dispatch_event(&e);
    }
}

/// What the view holds now; before it published anything on this page, the
/// files the last visit kept, read once.
pub fn current() -> Current {
    CURRENT.with(|c| {
        c.borrow_mut()
            .get_or_insert_with(|| {
                let files = load();
                Current {
                    generation: 1,
                    imported: (!files.is_empty()).then(|| {
                        Imported::Kept(Rc::new(import::import(
                            files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
                        )))
                    }),
                }
            })
            .clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_files_round_trip_zips_and_large_imports_are_not_kept() {
        let files = [
            ("nodes.json", &b"{\"items\": []}"[..]),
            ("k8s/pods.json", b"{}"),
        ];
        let text = encode(files).expect("kept");
        let back = decode(&text);
        assert_eq!(back.len(), 2);
        assert_eq!(
            (back[1].0.as_str(), back[1].1.as_slice()),
            ("k8s/pods.json", &b"{}"[..])
        );
        assert!(
            encode([("c.zip", &b"PK\x03\x04\xff\xfe"[..])]).is_err_and(|e| e.contains("c.zip"))
        );
        let big = vec![b'a'; LIMIT + 1];
        assert!(encode([("big.json", big.as_slice())]).is_err_and(|e| e.contains("2 MB")));
        assert!(decode("not json").is_empty());
    }
}
