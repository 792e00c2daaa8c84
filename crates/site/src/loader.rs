//! The planner's loaders, from their templates in `www/`: `boot.js` (the
//! planner page) and `widget.js` (widgets on other pages). Both paste in
//! `loader-common.js` (the on-demand module's loader, input held back until
//! a planner runs, idle prefetch) and get the built files' names.

use sha2::{Digest, Sha256};

use crate::SiteError;

/// The built files a loader points at.
pub struct Names<'a> {
    /// The planner's JavaScript glue.
    pub glue: &'a str,
    /// The planner's WebAssembly.
    pub wasm: &'a str,
    /// The on-demand module's glue.
    pub extras_glue: &'a str,
    /// The on-demand module's WebAssembly.
    pub extras_wasm: &'a str,
    /// The XZ decoder both modules' packed copies are unpacked with.
    pub unxz: &'a str,
}

/// Where the shared part goes in a template.
pub const COMMON: &str = "/*__COMMON__*/";

/// A loader from its template and the shared part.
pub fn script(template: &str, common: &str, names: &Names<'_>) -> Result<String, SiteError> {
    if !template.contains(COMMON) {
        return Err(SiteError::Planner(format!(
            "a loader template lacks {COMMON}"
        )));
    }
    let text = template
        .replace(COMMON, common)
        .replace("__EXTRAS_GLUE__", names.extras_glue)
        .replace("__EXTRAS_WASM__", names.extras_wasm)
        .replace("__GLUE__", names.glue)
        .replace("__WASM__", names.wasm)
        .replace("__UNXZ__", names.unxz);
    if let Some(at) = text.find("__").filter(|&i| {
        text[i..].starts_with("__GLUE")
            || text[i..].starts_with("__WASM")
            || text[i..].starts_with("__EXTRAS")
            || text[i..].starts_with("__UNXZ")
    }) {
        return Err(SiteError::Planner(format!(
            "a loader placeholder is left: {}",
            &text[at..at + 12]
        )));
    }
    Ok(text)
}

/// `STEM-HASH.EXT`, with the first 16 hex digits of the content's SHA-256:
/// a new file name whenever the content changes, so hosts can cache the
/// file for a year.
pub fn hashed_name(stem: &str, ext: &str, content: &[u8]) -> String {
    let digest = Sha256::digest(content);
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{stem}-{hex}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_in_the_names_and_the_shared_part() {
        let names = Names {
            glue: "g.js",
            wasm: "g.wasm",
            extras_glue: "x.js",
            extras_wasm: "x.wasm",
            unxz: "u.wasm",
        };
        let out = script(
            "import './__GLUE__';\n/*__COMMON__*/\nload('__WASM__');",
            "load('__EXTRAS_GLUE__', '__EXTRAS_WASM__', '__UNXZ__');",
            &names,
        )
        .unwrap_or_default();
        assert_eq!(
            out,
            "import './g.js';\nload('x.js', 'x.wasm', 'u.wasm');\nload('g.wasm');"
        );
        assert!(script("no common part", "", &names).is_err());
    }

    #[test]
    fn names_follow_the_content() {
        let a = hashed_name("boot", "js", b"one");
        assert!(a.starts_with("boot-") && a.ends_with(".js") && a.len() == "boot-.js".len() + 16);
        assert_eq!(a, hashed_name("boot", "js", b"one"));
        assert_ne!(a, hashed_name("boot", "js", b"two"));
    }
}
