//! Precompressed copies beside every asset, for static hosts that serve
//! them as they are (nginx `gzip_static`/`brotli_static`, S3 + CloudFront
//! with a viewer-request rewrite, `scripts/serve.mjs`): `NAME.gz` (Zopfli,
//! about 5% smaller than `gzip -9`) and `NAME.br` (Brotli, quality 11,
//! window 24). A copy is written only when it is smaller than the file.

use std::io::Write as _;
use std::path::Path;

use crate::SiteError;

/// File types worth compressing (everything text, and WebAssembly).
pub const EXTENSIONS: &[&str] = &[
    "html", "js", "mjs", "css", "wasm", "json", "svg", "txt", "md",
];

/// Gzip with Zopfli.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, SiteError> {
    let mut gz = Vec::new();
    let options = zopfli::Options {
        iteration_count: std::num::NonZeroU64::new(5).unwrap_or(std::num::NonZeroU64::MIN),
        ..zopfli::Options::default()
    };
    zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut gz)
        .map_err(|e| SiteError::Planner(format!("gzip: {e}")))?;
    Ok(gz)
}

/// XZ at its best preset (9, extreme) with a CRC32 check and a 4 MiB
/// dictionary, which holds the whole offline module (more would only make
/// the page's decoder allocate more: xz-embedded allocates the dictionary
/// the stream asks for).
pub fn xz(bytes: &[u8]) -> Result<Vec<u8>, SiteError> {
    let fail = |e: xz2::stream::Error| SiteError::Planner(format!("xz: {e}"));
    // Preset 9 with liblzma's "extreme" flag (`xz -9e`; xz2 has no name for it).
    const EXTREME: u32 = 1 << 31;
    let mut lzma = xz2::stream::LzmaOptions::new_preset(9 | EXTREME).map_err(fail)?;
    lzma.dict_size(4 << 20);
    let mut filters = xz2::stream::Filters::new();
    filters.lzma2(&lzma);
    let stream = xz2::stream::Stream::new_stream_encoder(&filters, xz2::stream::Check::Crc32)
        .map_err(fail)?;
    let mut writer = xz2::write::XzEncoder::new_stream(Vec::new(), stream);
    writer
        .write_all(bytes)
        .map_err(|e| SiteError::Planner(format!("xz: {e}")))?;
    writer
        .finish()
        .map_err(|e| SiteError::Planner(format!("xz: {e}")))
}

/// Brotli at its best quality.
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>, SiteError> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 24);
        writer
            .write_all(bytes)
            .map_err(|e| SiteError::Planner(format!("brotli: {e}")))?;
    }
    Ok(out)
}

/// What [`precompress`] wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files looked at.
    pub files: usize,
    /// `.gz` copies written.
    pub gz: usize,
    /// `.br` copies written.
    pub br: usize,
}

/// Write `.gz` and `.br` beside every compressible file under `dir`
/// (recursively), replacing older copies.
pub fn precompress(dir: &Path) -> Result<Written, SiteError> {
    let mut written = Written::default();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| SiteError::io(&dir, e))?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            // The offline file's module is inlined into that file, never served.
            if !EXTENSIONS.contains(&ext) || name.starts_with("eksplan-offline") {
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| SiteError::io(&path, e))?;
            written.files += 1;
            for (suffix, packed) in [("gz", gzip(&bytes)?), ("br", brotli(&bytes)?)] {
                let to = path.with_extension(format!("{ext}.{suffix}"));
                if packed.len() < bytes.len() {
                    std::fs::write(&to, packed).map_err(|e| SiteError::io(&to, e))?;
                    if suffix == "gz" {
                        written.gz += 1;
                    } else {
                        written.br += 1;
                    }
                } else if to.exists() {
                    std::fs::remove_file(&to).map_err(|e| SiteError::io(&to, e))?;
                }
            }
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn copies_decompress_to_the_file_and_only_smaller_ones_are_kept() {
        let dir = std::env::temp_dir().join(format!("eksplan-compress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(dir.join("sub"));
        let text = "<p>The planner runs in your browser.</p>\n".repeat(200);
        let _ = std::fs::write(dir.join("sub/page.html"), &text);
        let _ = std::fs::write(dir.join("tiny.js"), "x");
        let _ = std::fs::write(dir.join("image.png"), &text);
        let written = precompress(&dir).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            written,
            Written {
                files: 2,
                gz: 1,
                br: 1
            }
        );
        let gz = std::fs::read(dir.join("sub/page.html.gz")).unwrap_or_default();
        let mut back = String::new();
        let _ = flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut back);
        assert_eq!(back, text);
        let br = std::fs::read(dir.join("sub/page.html.br")).unwrap_or_default();
        let mut back = String::new();
        let _ = brotli::Decompressor::new(&br[..], 4096).read_to_string(&mut back);
        assert_eq!(back, text);
        assert!(!dir.join("tiny.js.gz").exists() && !dir.join("image.png.gz").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
