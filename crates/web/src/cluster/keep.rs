//! Imported cluster files kept over a reload (issue 10, "nothing lost"):
//! the files as given, in this browser's localStorage under [`KEY`], never
//! sent anywhere. Only text files, and at most [`LIMIT`] bytes in all (the
//! origin's storage is about 5 MB and the autosaved plan needs its share);
//! a zip or a larger import is not kept, and the view says so. "Start
//! again" removes them (its Undo brings them back, and keeps them again).
//! Called from effects only, never from a render.

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
