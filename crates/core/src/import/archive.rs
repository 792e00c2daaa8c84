//! Reading a zipped collection folder.

use std::io::Read;

/// Largest total size unpacked from one archive (a zip bomb guard).
pub const MAX_UNPACKED: u64 = 512 * 1024 * 1024;

/// The files in a zip archive (name → bytes), directories skipped.
pub fn read_zip(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| e.to_string())?;
        if file.is_dir() {
            continue;
        }
        let name = file.name().map_err(|e| e.to_string())?.into_owned();
        let mut data = Vec::new();
        (&mut file)
            .take(MAX_UNPACKED - total + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("{name}: {e}"))?;
        total += data.len() as u64;
        if total > MAX_UNPACKED {
            return Err(format!(
                "it unpacks to more than {} MiB",
                MAX_UNPACKED >> 20
            ));
        }
        out.push((name, data));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}
