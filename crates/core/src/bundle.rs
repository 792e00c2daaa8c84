//! The **Bundle**: generated files, by path.

use std::collections::BTreeMap;
use std::io::Write;

/// Generated files: relative path → contents. Ordered, so iteration (and
/// archives built from it) is deterministic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bundle {
    files: BTreeMap<String, String>,
}

/// Why an archive could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ZipError {
    /// The zip writer failed.
    #[error("could not write the archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing into the in-memory buffer failed.
    #[error("could not write the archive: {0}")]
    Io(#[from] std::io::Error),
}

impl Bundle {
    /// An empty bundle.
    pub fn new() -> Bundle {
        Bundle::default()
    }

    /// Add or replace a file.
    pub fn insert(&mut self, path: impl Into<String>, contents: impl Into<String>) {
        self.files.insert(path.into(), contents.into());
    }

    /// A file's contents.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// All files in path order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(p, c)| (p.as_str(), c.as_str()))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The bundle as a zip archive under a top-level folder `root`.
    ///
    /// The archive is reproducible: entries are in path order, timestamps
    /// are fixed at 1980-01-01, and permissions are fixed (scripts 0755).
    pub fn to_zip(&self, root: &str) -> Result<Vec<u8>, ZipError> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buf);
            for (path, contents) in self.files() {
                let mode = if path.ends_with(".sh") { 0o755 } else { 0o644 };
                let options = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated)
                    .last_modified_time(zip::DateTime::default())
                    .unix_permissions(mode);
                zip.start_file(format!("{root}/{path}"), options)?;
                zip.write_all(contents.as_bytes())?;
            }
            zip.finish()?;
        }
        Ok(buf.into_inner())
    }
}
