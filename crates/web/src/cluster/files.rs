//! Reading what the user gives the "I have a cluster" view, entirely in the
//! browser: a dropped folder (walked with `webkitGetAsEntry`), dropped or
//! picked files and zips, and an `<input webkitdirectory>` folder. Called
//! from event handlers only, never from a render.
//!
//! Names match what `eksplan migrate DIR` sees: paths relative to the
//! folder, without the folder's own name; a single file or zip keeps its
//! name.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DataTransfer, File, FileList, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry,
};

/// A file read: (name, bytes).
pub type Read = (String, Vec<u8>);

fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser could not read it".to_owned())
}

/// The bytes of a file.
pub async fn bytes(file: &File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer()).await.map_err(message)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// `a/b/c` → `b/c` (the folder's own name dropped).
fn under_folder(path: &str) -> String {
    let path = path.trim_start_matches('/');
    match path.split_once('/') {
        Some((_, rest)) if !rest.is_empty() => rest.to_owned(),
        _ => path.to_owned(),
    }
}

/// The files of a `FileList`, taken out at once: the list is live, and
/// clearing its input empties it.
pub fn take(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Files from an `<input type=file>` (with or without `webkitdirectory`).
pub async fn from_list(list: Vec<File>) -> (Vec<Read>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for file in list {
        let relative = js_sys::Reflect::get(&file, &JsValue::from_str("webkitRelativePath"))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|p| !p.is_empty());
        let name = relative
            .map(|p| under_folder(&p))
            .unwrap_or_else(|| file.name());
        match bytes(&file).await {
            Ok(b) => out.push((name, b)),
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
    (out, errors)
}

async fn file_of(entry: &FileSystemFileEntry) -> Result<File, String> {
    let entry = entry.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        entry.file_with_callback_and_callback(&resolve, &reject);
    });
    Ok(JsFuture::from(promise)
        .await
        .map_err(message)?
        .unchecked_into())
}

async fn children(dir: &FileSystemDirectoryEntry) -> Result<Vec<FileSystemEntry>, String> {
    let reader = dir.create_reader();
    let mut all = Vec::new();
    // readEntries answers in batches (100 in Chromium) until it answers none.
    loop {
        let r = reader.clone();
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            if let Err(e) = r.read_entries_with_callback_and_callback(&resolve, &reject) {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        });
        let batch: js_sys::Array = JsFuture::from(promise)
            .await
            .map_err(message)?
            .unchecked_into();
        if batch.length() == 0 {
            return Ok(all);
        }
        all.extend(batch.iter().map(|e| e.unchecked_into::<FileSystemEntry>()));
    }
}

/// Files from a drop: folders are walked (their files named relative to
/// the dropped folder), files and zips keep their names.
pub async fn from_drop(dt: &DataTransfer) -> (Vec<Read>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let items = dt.items();
    let mut entries = Vec::new();
    for i in 0..items.length() {
        if let Some(item) = items.get(i)
            && item.kind() == "file"
            && let Ok(Some(entry)) = item.webkit_get_as_entry()
        {
            entries.push(entry);
        }
    }
    if entries.is_empty() {
        // No entries API: the files themselves.
        if let Some(list) = dt.files() {
            return from_list(take(&list)).await;
        }
        return (out, errors);
    }
    // (entry, the path of the folder it was dropped in, for its name)
    let mut stack: Vec<(FileSystemEntry, bool)> = entries.into_iter().map(|e| (e, true)).collect();
    while let Some((entry, top)) = stack.pop() {
        if entry.is_directory() {
            let dir: FileSystemDirectoryEntry = entry.clone().unchecked_into();
            match children(&dir).await {
                Ok(c) => stack.extend(c.into_iter().map(|e| (e, false))),
                Err(e) => errors.push(format!("{}: {e}", entry.full_path())),
            }
        } else if entry.is_file() {
            let name = if top {
                entry.name()
            } else {
                under_folder(&entry.full_path())
            };
            let f: FileSystemFileEntry = entry.clone().unchecked_into();
            let read = match file_of(&f).await {
                Ok(file) => bytes(&file).await,
                Err(e) => Err(e),
            };
            match read {
                Ok(b) => out.push((name, b)),
                Err(e) => errors.push(format!("{name}: {e}")),
            }
        }
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::under_folder;

    #[test]
    fn names_are_relative_to_the_dropped_folder() {
        assert_eq!(
            under_folder("/legacy/describe-cluster.json"),
            "describe-cluster.json"
        );
        assert_eq!(under_folder("legacy/k8s/pods.json"), "k8s/pods.json");
        assert_eq!(under_folder("file.json"), "file.json");
    }
}
