//! The planner inside the site: Trunk's build (`dist/`) copied to
//! `planner/`, the widget loader next to it, and the single-file offline
//! planner.

use std::path::{Path, PathBuf};

use crate::SiteError;
use crate::layout::FAVICON;

/// The built planner: Trunk's output files.
pub struct Build {
    /// The folder.
    pub dir: PathBuf,
    /// `index.html`.
    pub index: String,
    /// The wasm-bindgen JavaScript glue's file name.
    pub glue: String,
    /// The WebAssembly file's name.
    pub wasm: String,
    /// The stylesheet's file name.
    pub css: String,
}

impl Build {
    /// Find the files in Trunk's `dist/`.
    pub fn find(dir: &Path) -> Result<Build, SiteError> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| SiteError::io(dir, e))?
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .collect();
        names.sort();
        let pick = |suffix: &str| {
            names
                .iter()
                .find(|n| n.ends_with(suffix))
                .cloned()
                .ok_or_else(|| {
                    SiteError::Planner(format!(
                        "no *{suffix} in {} (run trunk build first)",
                        dir.display()
                    ))
                })
        };
        let wasm = pick("_bg.wasm")?;
        let glue = pick(".js")?;
        let css = pick(".css")?;
        let index_path = dir.join("index.html");
        let index =
            std::fs::read_to_string(&index_path).map_err(|e| SiteError::io(&index_path, e))?;
        Ok(Build {
            dir: dir.to_owned(),
            index,
            glue,
            wasm,
            css,
        })
    }

    fn read(&self, name: &str) -> Result<Vec<u8>, SiteError> {
        let path = self.dir.join(name);
        std::fs::read(&path).map_err(|e| SiteError::io(&path, e))
    }
}

/// Copy the planner into `out/planner/`, point its diagnostics at the docs
/// (`data-docs-base`), and write `widget.js` from its template.
pub fn install(build: &Build, out: &Path, widget_template: &str) -> Result<(), SiteError> {
    let dir = out.join("planner");
    std::fs::create_dir_all(&dir).map_err(|e| SiteError::io(&dir, e))?;
    for name in [&build.glue, &build.wasm, &build.css] {
        let to = dir.join(name);
        std::fs::write(&to, build.read(name)?).map_err(|e| SiteError::io(&to, e))?;
    }
    const APP: &str = "<div id=\"app\"></div>";
    if !build.index.contains(APP) {
        return Err(SiteError::Planner(
            "dist/index.html has no <div id=\"app\"></div>".into(),
        ));
    }
    let index = build
        .index
        .replace(APP, "<div id=\"app\" data-docs-base=\"../\"></div>");
    let to = dir.join("index.html");
    std::fs::write(&to, index).map_err(|e| SiteError::io(&to, e))?;
    for placeholder in ["__GLUE__", "__WASM__"] {
        if !widget_template.contains(placeholder) {
            return Err(SiteError::Planner(format!(
                "widget.js template lacks {placeholder}"
            )));
        }
    }
    let widget = widget_template
        .replace("__GLUE__", &build.glue)
        .replace("__WASM__", &build.wasm);
    let to = dir.join("widget.js");
    std::fs::write(&to, widget).map_err(|e| SiteError::io(&to, e))
}

/// Gzip `bytes` with Zopfli (about 5% smaller than `gzip -9`, and still
/// plain gzip for the browser's `DecompressionStream`).
fn zopfli_gzip(bytes: &[u8]) -> Result<Vec<u8>, SiteError> {
    let mut gz = Vec::new();
    let options = zopfli::Options {
        iteration_count: std::num::NonZeroU64::new(5).unwrap_or(std::num::NonZeroU64::MIN),
        ..zopfli::Options::default()
    };
    zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut gz)
        .map_err(|e| SiteError::Planner(format!("gzip: {e}")))?;
    Ok(gz)
}

/// The single-file planner: page, stylesheet, JavaScript glue and the
/// WebAssembly in one HTML file that works from `file://` with no network.
///
/// The module and its JavaScript glue are gzipped with Zopfli and written
/// in [`base85`](crate::base85), which keeps the file under the budget. The
/// page unpacks the glue into a `blob:` URL it imports (the Content Security
/// Policy allows `blob:` scripts for this), then starts the module.
pub fn offline(build: &Build) -> Result<String, SiteError> {
    let wasm = zopfli_gzip(&build.read(&build.wasm)?)?;
    let glue_bytes = build.read(&build.glue)?;
    let glue = std::str::from_utf8(&glue_bytes)
        .map_err(|_| SiteError::Planner("the glue is not UTF-8".into()))?;
    let css = String::from_utf8(build.read(&build.css)?)
        .map_err(|_| SiteError::Planner("the stylesheet is not UTF-8".into()))?;
    if css.contains("</style") {
        return Err(SiteError::Planner(
            "cannot inline: a closing tag appears in the stylesheet".into(),
        ));
    }
    if glue.contains("import ") && glue.contains("from '") {
        return Err(SiteError::Planner(
            "cannot inline: the glue imports other modules (snippets)".into(),
        ));
    }
    let glue = zopfli_gzip(glue.as_bytes())?;
    let (glue_packed, glue_len) = (crate::base85::encode(&glue), glue.len());
    let (wasm_packed, wasm_len) = (crate::base85::encode(&wasm), wasm.len());
    let unpack = crate::base85::decoder_js();
    Ok(format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'">
<meta name="description" content="The EKS Auto Mode Planner in one file: open it from disk, no network needed.">
<title>EKS Auto Mode Planner (offline)</title>
<link rel="icon" href="{FAVICON}">
<style>
{css}
</style>
</head>
<body>
<noscript><p>The planner runs in your browser with WebAssembly; please enable JavaScript.</p></noscript>
<div id="app"></div>
<script type="module">
{unpack}
const gunzip = (packed, len) => new Response(new Blob([unpack85(packed, len)]).stream().pipeThrough(new DecompressionStream('gzip')));
const glue = URL.createObjectURL(await gunzip("{glue_packed}", {glue_len}).blob().then((b) => b.slice(0, b.size, 'text/javascript')));
const {{ default: init }} = await import(glue);
URL.revokeObjectURL(glue);
await init({{ module_or_path: await gunzip("{wasm_packed}", {wasm_len}).arrayBuffer() }});
</script>
</body>
</html>
"#
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_dist() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("eksplan-site-test-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let files = [
            (
                "index.html",
                "<html><body><div id=\"app\"></div></body></html>",
            ),
            (
                "eksplan-web-abc.js",
                "export function mount() {}\nasync function __wbg_init() {}\nexport { __wbg_init as default };\n",
            ),
            ("eksplan-web-abc_bg.wasm", "\0asm fake"),
            ("planner-1.css", "body { margin: 0 }"),
        ];
        for (name, text) in files {
            let _ = std::fs::write(dir.join(name), text);
        }
        dir
    }

    #[test]
    fn finds_installs_and_inlines_the_planner() {
        let dist = fake_dist();
        let build = Build::find(&dist).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(build.glue, "eksplan-web-abc.js");
        assert_eq!(build.wasm, "eksplan-web-abc_bg.wasm");
        let out = dist.join("site");
        install(
            &build,
            &out,
            "import init from './__GLUE__'; init('./__WASM__');",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let widget = std::fs::read_to_string(out.join("planner/widget.js")).unwrap_or_default();
        assert_eq!(
            widget,
            "import init from './eksplan-web-abc.js'; init('./eksplan-web-abc_bg.wasm');"
        );
        let index = std::fs::read_to_string(out.join("planner/index.html")).unwrap_or_default();
        assert!(index.contains("data-docs-base=\"../\""));
        let html = offline(&build).unwrap_or_else(|e| panic!("{e}"));
        assert!(html.contains("<div id=\"app\"></div>") && html.contains("DecompressionStream"));
        // The glue travels packed, not as readable source.
        assert!(!html.contains("__wbg_init"));
        assert!(html.contains("body { margin: 0 }"));
        assert!(
            !html.contains("eksplan-web-abc"),
            "no references to separate files"
        );
        let _ = std::fs::remove_dir_all(&dist);
    }
}
