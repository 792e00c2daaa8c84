//! The planner inside the site: Trunk's build (`dist/`) copied to
//! `planner/`, the widget loader next to it, and the single-file offline
//! planner.

use std::path::{Path, PathBuf};

use eksplan_core::catalog::date::Date;
use eksplan_web::start::Start;

use crate::layout::FAVICON;
use crate::{SiteError, compress, loader, prerender};

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
    /// The on-demand module's glue (`eksplan-extras[-HASH].js`).
    pub extras_glue: String,
    /// The on-demand module's WebAssembly.
    pub extras_wasm: String,
    /// The XZ decoder (`xz-embedded-HASH.wasm`) the loaders unpack both
    /// modules' XZ copies with.
    pub unxz: String,
    /// The offline file's module (everything in one): glue.
    pub offline_glue: String,
    /// The offline file's module: WebAssembly.
    pub offline_wasm: String,
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
        let pick = |prefix: &str, suffix: &str| {
            names
                .iter()
                .find(|n| n.starts_with(prefix) && n.ends_with(suffix))
                .cloned()
                .ok_or_else(|| {
                    SiteError::Planner(format!(
                        "no {prefix}*{suffix} in {} (run trunk build first)",
                        dir.display()
                    ))
                })
        };
        let index_path = dir.join("index.html");
        let index =
            std::fs::read_to_string(&index_path).map_err(|e| SiteError::io(&index_path, e))?;
        Ok(Build {
            dir: dir.to_owned(),
            index,
            glue: pick("eksplan-web-", ".js")?,
            wasm: pick("eksplan-web-", "_bg.wasm")?,
            css: pick("planner", ".css")?,
            extras_glue: pick("eksplan-extras", ".js")?,
            extras_wasm: pick("eksplan-extras", "_bg.wasm")?,
            unxz: pick("xz-embedded-", ".wasm")?,
            offline_glue: pick("eksplan-offline", ".js")?,
            offline_wasm: pick("eksplan-offline", "_bg.wasm")?,
        })
    }

    fn read(&self, name: &str) -> Result<Vec<u8>, SiteError> {
        let path = self.dir.join(name);
        std::fs::read(&path).map_err(|e| SiteError::io(&path, e))
    }

    fn names(&self) -> loader::Names<'_> {
        loader::Names {
            glue: &self.glue,
            wasm: &self.wasm,
            extras_glue: &self.extras_glue,
            extras_wasm: &self.extras_wasm,
            unxz: &self.unxz,
        }
    }

    /// The name of `module`'s XZ copy.
    pub fn packed(module: &str) -> String {
        format!("{module}.xz")
    }
}

/// The loader templates in `www/`.
pub struct Templates {
    /// `boot.js`, the planner page's loader.
    pub boot: String,
    /// `widget.js`, the widget loader.
    pub widget: String,
    /// `loader-common.js`, pasted into both.
    pub common: String,
}

impl Templates {
    /// Read them from `www`.
    pub fn read(www: &Path) -> Result<Templates, SiteError> {
        let read = |name: &str| {
            let path = www.join(name);
            std::fs::read_to_string(&path).map_err(|e| SiteError::io(&path, e))
        };
        Ok(Templates {
            boot: read("boot.js")?,
            widget: read("widget.js")?,
            common: read("loader-common.js")?,
        })
    }
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), SiteError> {
    std::fs::write(path, bytes).map_err(|e| SiteError::io(path, e))
}

/// Finish Trunk's `dist/` in place: give the on-demand module content
/// hashes in its names (Trunk names worker modules without them), write
/// the page's loader (`boot-HASH.js`), prerender `index.html`, and
/// precompress every asset. Run after every `trunk build`; running it twice
/// changes nothing.
pub fn finish(dist: &Path, templates: &Templates, today: Date) -> Result<Build, SiteError> {
    for (plain, suffix) in [
        ("eksplan-extras.js", "js"),
        ("eksplan-extras_bg.wasm", "wasm"),
    ] {
        let from = dist.join(plain);
        if !from.exists() {
            continue;
        }
        let bytes = std::fs::read(&from).map_err(|e| SiteError::io(&from, e))?;
        let name = loader::hashed_name("eksplan-extras", suffix, &bytes);
        let name = if suffix == "wasm" {
            name.replace(".wasm", "_bg.wasm")
        } else {
            name
        };
        remove_matching(dist, "eksplan-extras-", suffix)?;
        std::fs::rename(&from, dist.join(&name)).map_err(|e| SiteError::io(&from, e))?;
    }
    remove_matching(dist, "xz-embedded-", "wasm")?;
    write(
        &dist.join(loader::hashed_name("xz-embedded", "wasm", XZ_DECODER)),
        XZ_DECODER,
    )?;
    let build = Build::find(dist)?;
    pack(&build)?;
    let boot = loader::script(&templates.boot, &templates.common, &build.names())?;
    let boot_name = loader::hashed_name("boot", "js", boot.as_bytes());
    remove_matching(dist, "boot-", "js")?;
    write(&dist.join(&boot_name), &boot)?;
    let page = prerender::planner_page(&build.index, &boot_name, &Start::page(None, today))?;
    let page = prerender::preload_packed(&page, &build.wasm, &build.unxz)?;
    write(&dist.join("index.html"), page)?;
    compress::precompress(dist)?;
    Build::find(dist)
}

/// Write each module's XZ copy beside it (`NAME_bg.wasm.xz`, [`compress::xz`])
/// and remove the copies of earlier builds' modules.
///
/// The loaders fetch these instead of the modules (`packedModule` in
/// `www/loader-common.js`) and unpack them with xz-embedded as they stream
/// in: the page's module is 553 KB as XZ against 706 KB with the best
/// gzip (569 KB Brotli), and a host that only gzips (GitHub Pages, a
/// default nginx) sent the larger one. The plain modules stay for hosts
/// that leave the copies out; the loaders fall back to them.
fn pack(build: &Build) -> Result<(), SiteError> {
    let keep = [
        Build::packed(&build.wasm),
        Build::packed(&build.extras_wasm),
    ];
    let entries = std::fs::read_dir(&build.dir).map_err(|e| SiteError::io(&build.dir, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".wasm.xz") && !keep.contains(&name) {
            std::fs::remove_file(entry.path()).map_err(|e| SiteError::io(&entry.path(), e))?;
        }
    }
    for module in [&build.wasm, &build.extras_wasm] {
        let packed = build.dir.join(Build::packed(module));
        let bytes = compress::xz(&build.read(module)?)?;
        if std::fs::read(&packed).ok().as_deref() != Some(&bytes[..]) {
            write(&packed, bytes)?;
        }
    }
    Ok(())
}

/// Remove `PREFIX*.EXT` (and its compressed copies) from `dir`.
fn remove_matching(dir: &Path, prefix: &str, ext: &str) -> Result<(), SiteError> {
    let entries = std::fs::read_dir(dir).map_err(|e| SiteError::io(dir, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let base = name.trim_end_matches(".gz").trim_end_matches(".br");
        if name.starts_with(prefix) && base.ends_with(&format!(".{ext}")) {
            std::fs::remove_file(entry.path()).map_err(|e| SiteError::io(&entry.path(), e))?;
        }
    }
    Ok(())
}

/// Copy the planner into `out/planner/` with its on-demand module, point
/// its diagnostics at the docs (prerendered with `data-docs-base`), and
/// write `boot.js` and `widget.js` from their templates.
pub fn install(
    build: &Build,
    out: &Path,
    templates: &Templates,
    today: Date,
) -> Result<(), SiteError> {
    let dir = out.join("planner");
    std::fs::create_dir_all(&dir).map_err(|e| SiteError::io(&dir, e))?;
    for name in [
        &build.glue,
        &build.wasm,
        &Build::packed(&build.wasm),
        &build.css,
        &build.extras_glue,
        &build.extras_wasm,
        &Build::packed(&build.extras_wasm),
        &build.unxz,
    ] {
        write(&dir.join(name), build.read(name)?)?;
    }
    let boot = loader::script(&templates.boot, &templates.common, &build.names())?;
    let boot_name = loader::hashed_name("boot", "js", boot.as_bytes());
    write(&dir.join(&boot_name), &boot)?;
    let index =
        prerender::planner_page(&build.index, &boot_name, &Start::page(Some("../"), today))?;
    let index = prerender::preload_packed(&index, &build.wasm, &build.unxz)?;
    write(&dir.join("index.html"), index)?;
    let widget = loader::script(&templates.widget, &templates.common, &build.names())?;
    write(&dir.join("widget.js"), widget)
}

/// The single-file planner: page, stylesheet, JavaScript glue and the
/// WebAssembly (the `eksplan-offline` build, with the cost view inside, so
/// nothing is loaded on demand) in one HTML file that works from `file://` with no network.
///
/// The module is compressed with XZ ([`compress::xz`]: a quarter smaller
/// than Zopfli's gzip, which is what keeps the file under its budget with
/// every feature of the planner and its cost view), the stylesheet, the
/// JavaScript glue and the XZ decoder (xz-embedded, 12.5 KB of
/// WebAssembly, `vendor/`) are gzipped with Zopfli; all four are written
/// one byte per character in a `windows-1252` page
/// ([`cp1252`](crate::cp1252)); the rest of the page is ASCII. The page
/// gunzips with the browser's `DecompressionStream`, starts the XZ decoder
/// and unpacks the module with it (about 0.2 s), unpacks the glue into a
/// `blob:` URL it imports (the Content Security Policy allows `blob:`
/// scripts for this), then starts the module.
pub fn offline(build: &Build) -> Result<Vec<u8>, SiteError> {
    let wasm = compress::xz(&build.read(&build.offline_wasm)?)?;
    let unxz = compress::gzip(XZ_DECODER)?;
    let glue_bytes = build.read(&build.offline_glue)?;
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
    // The stylesheet is packed too (gzipped, like the glue): raw, it was
    // 30 KB of the file. The script adds it before the module starts, and
    // nothing is on screen before then but the <noscript> line.
    let css = compress::gzip(css.as_bytes())?;
    let glue = compress::gzip(glue.as_bytes())?;
    let unpack = crate::cp1252::decoder_js();
    let page = format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="windows-1252">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'">
<meta name="description" content="The EKS Auto Mode Planner in one file: open it from disk, no network needed.">
<title>EKS Auto Mode Planner (offline)</title>
<link rel="icon" href="{FAVICON}">
</head>
<body>
<noscript><p>The planner runs in your browser with WebAssembly; please enable JavaScript.</p></noscript>
<div id="app"></div>
<script type="module">
{unpack}
const gunzip = (packed) => new Response(new Blob([unpack1252(packed)]).stream().pipeThrough(new DecompressionStream('gzip')));
const xz = (await WebAssembly.instantiate(await gunzip("{XZ_SLOT}").arrayBuffer())).instance.exports;
// The XZ stream through xz-embedded (as xzwasm's XzContext drives it):
// the context's first words are its buffer size, input buffer, input
// position and size, output buffer and position.
const unxz = (bytes) => {{
  const at = xz.create_context(), parts = [];
  let m8, m32;
  const view = () => {{ m8 = new Uint8Array(xz.memory.buffer, at); m32 = new Uint32Array(xz.memory.buffer, at); }};
  view();
  const size = m32[0], input = m32[1] - at, output = m32[4] - at;
  for (let pos = 0; ; ) {{
    if (m32[2] === m32[3]) {{
      const n = Math.min(size, bytes.length - pos);
      m8.set(bytes.subarray(pos, pos + n), input);
      xz.supply_input(at, n);
      view();
      pos += n;
    }}
    const done = xz.get_next_output(at);
    view();
    if (done !== 0 && done !== 1) throw new Error(`the planner's module does not unpack (xz error ${{done}})`);
    parts.push(m8.slice(output, output + m32[5]));
    m32[5] = 0;
    if (done === 1) break;
  }}
  xz.destroy_context(at);
  return new Blob(parts).arrayBuffer();
}};
const style = document.createElement('style');
style.textContent = await gunzip("{CSS_SLOT}").text();
document.head.append(style);
const glue = URL.createObjectURL(await gunzip("{GLUE_SLOT}").blob().then((b) => b.slice(0, b.size, 'text/javascript')));
const {{ default: init }} = await import(glue);
URL.revokeObjectURL(glue);
await init({{ module_or_path: await unxz(unpack1252("{WASM_SLOT}")) }});
</script>
</body>
</html>
"#
    );
    if !page.is_ascii() {
        return Err(SiteError::Planner(
            "cannot pack: the offline page around the module is not ASCII".into(),
        ));
    }
    let mut out = Vec::with_capacity(
        page.len() + (css.len() + glue.len() + unxz.len() + wasm.len()) * 21 / 20,
    );
    let mut rest = page.as_str();
    for (slot, what, bytes) in [
        (XZ_SLOT, "XZ decoder", &unxz),
        (CSS_SLOT, "stylesheet", &css),
        (GLUE_SLOT, "glue", &glue),
        (WASM_SLOT, "module", &wasm),
    ] {
        let (head, tail) = rest
            .split_once(slot)
            .ok_or_else(|| SiteError::Planner(format!("the offline page lost its {what} slot")))?;
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(&crate::cp1252::encode(bytes));
        rest = tail;
    }
    out.extend_from_slice(rest.as_bytes());
    Ok(out)
}

/// The XZ decoder the offline page unpacks its module with (xz-embedded;
/// see `vendor/README.md`).
const XZ_DECODER: &[u8] = include_bytes!("../vendor/xz-embedded.wasm");
/// Where the packed XZ decoder goes in the offline page's text.
const XZ_SLOT: &str = "@@EKSPLAN_XZ@@";
/// Where the packed stylesheet goes in the offline page's text.
const CSS_SLOT: &str = "@@EKSPLAN_CSS@@";
/// Where the packed glue goes in the offline page's text.
const GLUE_SLOT: &str = "@@EKSPLAN_GLUE@@";
/// Where the packed module goes in the offline page's text.
const WASM_SLOT: &str = "@@EKSPLAN_WASM@@";

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_INDEX: &str = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'\">\n<script type=\"module\">\nimport init, * as bindings from './eksplan-web-abc.js';\n</script><link rel=\"preload\" href=\"./eksplan-web-abc_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\"></head><body><div id=\"app\"></div></body></html>";
    const GLUE: &str = "export function mount() {}\nasync function __wbg_init() {}\nexport { __wbg_init as default };\n";

    fn fake_dist() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("eksplan-site-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        let files = [
            ("index.html", TRUNK_INDEX),
            ("eksplan-web-abc.js", GLUE),
            ("eksplan-web-abc_bg.wasm", "\0asm fake"),
            ("eksplan-extras.js", "export function mountCost() {}"),
            ("eksplan-extras_bg.wasm", "\0asm extras"),
            ("eksplan-offline.js", GLUE),
            ("eksplan-offline_bg.wasm", "\0asm offline"),
            ("planner-1.css", "body { margin: 0 }"),
        ];
        for (name, text) in files {
            let _ = std::fs::write(dir.join(name), text);
        }
        dir
    }

    fn templates() -> Templates {
        Templates {
            boot: "import init from './__GLUE__';\n/*__COMMON__*/\ninit('./__WASM__');".into(),
            widget: "/*__COMMON__*/\nimport('./__GLUE__');".into(),
            common: "load('./__EXTRAS_GLUE__', './__EXTRAS_WASM__', './__UNXZ__');".into(),
        }
    }

    #[test]
    fn finishes_installs_and_inlines_the_planner() {
        let dist = fake_dist();
        let today = Date::new(2026, 12, 1);
        let build = finish(&dist, &templates(), today).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(build.glue, "eksplan-web-abc.js");
        assert_eq!(build.wasm, "eksplan-web-abc_bg.wasm");
        // The on-demand module got hashed names; the loader points at them.
        assert!(
            build.extras_glue.starts_with("eksplan-extras-") && build.extras_glue.ends_with(".js")
        );
        assert!(
            build.extras_wasm.starts_with("eksplan-extras-")
                && build.extras_wasm.ends_with("_bg.wasm")
        );
        let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
        let boot = index
            .split("src=\"./")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_default()
            .to_owned();
        let boot_js = std::fs::read_to_string(dist.join(&boot)).unwrap_or_default();
        assert!(
            boot_js.contains(&build.extras_glue) && boot_js.contains("./eksplan-web-abc_bg.wasm")
        );
        assert!(index.contains("id=\"files-title\""), "prerendered");
        // Both modules have XZ copies that unpack to them; the page preloads
        // the page module's copy and the decoder, not the module itself.
        let unxz = |name: &str| {
            let mut out = Vec::new();
            let packed = std::fs::read(dist.join(name)).unwrap_or_default();
            let _ =
                std::io::Read::read_to_end(&mut xz2::read::XzDecoder::new(&packed[..]), &mut out);
            out
        };
        assert_eq!(unxz("eksplan-web-abc_bg.wasm.xz"), b"\0asm fake");
        assert_eq!(unxz(&Build::packed(&build.extras_wasm)), b"\0asm extras");
        assert!(build.unxz.starts_with("xz-embedded-") && build.unxz.ends_with(".wasm"));
        assert_eq!(
            std::fs::read(dist.join(&build.unxz)).unwrap_or_default(),
            XZ_DECODER
        );
        assert!(index.contains("<link rel=\"preload\" href=\"./eksplan-web-abc_bg.wasm.xz\""));
        assert!(index.contains(&format!("<link rel=\"preload\" href=\"./{}\"", build.unxz)));
        assert!(!index.contains("href=\"./eksplan-web-abc_bg.wasm\""));
        assert!(
            boot_js.contains(&build.unxz),
            "the loader names the decoder"
        );
        assert!(
            !dist.join("eksplan-web-abc_bg.wasm.xz.gz").exists(),
            "XZ is not gzipped again"
        );
        assert!(dist.join("index.html.gz").exists() && dist.join("index.html.br").exists());
        // Finishing twice changes nothing.
        let again = finish(&dist, &templates(), today).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.extras_glue, build.extras_glue);
        assert_eq!(
            std::fs::read_to_string(dist.join("index.html")).unwrap_or_default(),
            index
        );

        let out = dist.join("site");
        install(&again, &out, &templates(), today).unwrap_or_else(|e| panic!("{e}"));
        let widget = std::fs::read_to_string(out.join("planner/widget.js")).unwrap_or_default();
        assert!(
            widget.contains("import('./eksplan-web-abc.js')")
                && widget.contains(&build.extras_wasm)
        );
        assert!(out.join("planner").join(&build.extras_wasm).exists());
        for name in [
            Build::packed(&build.wasm),
            Build::packed(&build.extras_wasm),
            build.unxz.clone(),
        ] {
            assert!(out.join("planner").join(&name).exists(), "{name} installed");
        }
        assert!(out.join("planner").join(&boot).exists());
        assert!(
            !out.join("planner/eksplan-offline_bg.wasm").exists(),
            "the site does not serve it"
        );
        let index = std::fs::read_to_string(out.join("planner/index.html")).unwrap_or_default();
        assert!(index.contains("data-docs-base=\"../\""));

        let bytes = offline(&again).unwrap_or_else(|e| panic!("{e}"));
        let html = String::from_utf8_lossy(&bytes);
        assert!(html.contains("<meta charset=\"windows-1252\">"));
        // The packed literals unpack to the exact XZ decoder, stylesheet,
        // glue and module.
        let literals = |opening: &[u8]| {
            let mut packed = Vec::new();
            let mut rest = &bytes[..];
            while let Some(at) = rest.windows(opening.len()).position(|w| w == opening) {
                let start = at + opening.len();
                // The literal ends at the first quote no backslash escapes.
                let mut len = 0;
                while let Some(&b) = rest.get(start + len) {
                    match b {
                        b'\\' => len += 2,
                        b'"' => break,
                        _ => len += 1,
                    }
                }
                packed.push(crate::cp1252::decode(&rest[start..start + len]).unwrap_or_default());
                rest = &rest[start + len..];
            }
            packed
        };
        let gunzipped: Vec<Vec<u8>> = literals(b"gunzip(\"")
            .iter()
            .map(|gz| {
                let mut out = Vec::new();
                let _ = std::io::Read::read_to_end(
                    &mut flate2::read::GzDecoder::new(&gz[..]),
                    &mut out,
                );
                out
            })
            .collect();
        assert_eq!(gunzipped.len(), 3, "three gzipped literals");
        assert_eq!(gunzipped[0], XZ_DECODER);
        assert_eq!(gunzipped[1], b"body { margin: 0 }");
        assert_eq!(gunzipped[2], GLUE.as_bytes());
        let unxzed: Vec<Vec<u8>> = literals(b"unxz(unpack1252(\"")
            .iter()
            .map(|x| {
                let mut out = Vec::new();
                let _ =
                    std::io::Read::read_to_end(&mut xz2::read::XzDecoder::new(&x[..]), &mut out);
                out
            })
            .collect();
        assert_eq!(
            unxzed,
            [b"\0asm offline".to_vec()],
            "one XZ literal, the module"
        );
        assert!(html.contains("<div id=\"app\"></div>") && html.contains("DecompressionStream"));
        // The glue travels packed, not as readable source.
        assert!(!html.contains("__wbg_init"));
        // So does the stylesheet (the script adds it).
        assert!(!html.contains("body { margin: 0 }") && !html.contains("<style>"));
        assert!(
            !html.contains("eksplan-web-abc") && !html.contains("eksplan-offline"),
            "no references to separate files"
        );
        let _ = std::fs::remove_dir_all(&dist);
    }
}
