//! Building the embeddable bundle and the demo portal around it.
//!
//! The bundle is built without trunk on purpose: trunk injects an inline `<script>` to start
//! the wasm, which a strict CSP (no `'unsafe-inline'`) refuses, and it hashes file names,
//! while hosts need stable ones. The steps are the same (cargo → wasm-bindgen → wasm-opt).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use base64::Engine;
use sha2::{Digest, Sha384};

use crate::process::{cargo, command, run, step};
use crate::setup::{locked_wasm_bindgen_version, wasm_opt};
use crate::sizes::{measure, FileSize};
use crate::workspace_root;

/// Placeholder in `crates/embed/js/elements.js` for the wasm file's SRI hash.
const WASM_INTEGRITY_PLACEHOLDER: &str = "@WASM_INTEGRITY@";
/// Placeholder in the demo portal's HTML for the script's SRI hash.
const JS_INTEGRITY_PLACEHOLDER: &str = "@WEGWIJS_JS_INTEGRITY@";
/// wasm features the Rust wasm32 target emits by default; wasm-opt must accept them.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// A built bundle.
pub struct Bundle {
    /// `target/dist/wegwijs`.
    pub dir: PathBuf,
    /// The ES module hosts load.
    pub js: PathBuf,
    /// The wasm it loads.
    pub wasm: PathBuf,
    /// SRI hash of `wegwijs.js`.
    pub js_integrity: String,
    /// The demo portal root, when the demo was built.
    pub demo_root: PathBuf,
}

impl Bundle {
    /// Sizes of the bundle files (raw, gzip, brotli).
    pub fn size_report(&self) -> Result<Vec<FileSize>> {
        Ok(vec![measure(&self.js)?, measure(&self.wasm)?])
    }
}

/// Builds `target/dist/wegwijs`: `wegwijs.js`, `wegwijs_bg.wasm`, `snippet.html`,
/// `integrity.json`.
pub fn build_dist() -> Result<Bundle> {
    let root = workspace_root();
    let target = root.join("target");
    let dir = target.join("dist/wegwijs");
    let (glue_js, wasm) = build_wasm("wegwijs-embed", "wegwijs", &dir)?;

    step("Writing wegwijs.js with Subresource Integrity hashes");
    let wasm_integrity = integrity(&fs::read(&wasm)?);
    let glue = fs::read_to_string(&glue_js)?;
    let elements = fs::read_to_string(root.join("crates/embed/js/elements.js"))?;
    anyhow::ensure!(
        elements.contains(WASM_INTEGRITY_PLACEHOLDER),
        "elements.js lost its integrity placeholder"
    );
    let js_text = format!(
        "{glue}\n{}",
        elements.replace(WASM_INTEGRITY_PLACEHOLDER, &wasm_integrity)
    );
    let js = dir.join("wegwijs.js");
    fs::write(&js, &js_text)?;
    let js_integrity = integrity(js_text.as_bytes());

    fs::write(
        dir.join("integrity.json"),
        serde_json::to_string_pretty(&serde_json::json!({
            "wegwijs.js": js_integrity,
            "wegwijs_bg.wasm": wasm_integrity,
        }))?,
    )?;
    fs::write(dir.join("snippet.html"), host_snippet(&js_integrity))?;
    Ok(Bundle {
        dir,
        js,
        wasm,
        js_integrity,
        demo_root: PathBuf::new(),
    })
}

/// Builds a wasm crate for the browser: release build (size-optimised), wasm-bindgen
/// (`--target web`) and `wasm-opt -Oz`. Returns the glue JavaScript (still in the bindgen
/// folder) and the optimised wasm, written as `<out_dir>/<name>_bg.wasm`.
pub fn build_wasm(package: &str, name: &str, out_dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let target = workspace_root().join("target");
    step(&format!(
        "Building {package} for the browser (release, size-optimised)"
    ));
    run(cargo().args([
        "build",
        "--release",
        "--package",
        package,
        "--target",
        "wasm32-unknown-unknown",
    ]))?;

    step("Generating the JavaScript bindings");
    let bindgen_dir = target.join(format!("{name}-bindgen"));
    let _ = fs::remove_dir_all(&bindgen_dir);
    println!("    wasm-bindgen {}", locked_wasm_bindgen_version()?);
    let built = target
        .join("wasm32-unknown-unknown/release")
        .join(format!("{}.wasm", package.replace('-', "_")));
    run(command("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            name,
            "--out-dir",
        ])
        .arg(&bindgen_dir)
        .arg(built))?;

    let _ = fs::remove_dir_all(out_dir);
    fs::create_dir_all(out_dir)?;
    let wasm = out_dir.join(format!("{name}_bg.wasm"));
    step("Optimising the wasm for size (wasm-opt -Oz)");
    run(command(wasm_opt())
        .arg(bindgen_dir.join(format!("{name}_bg.wasm")))
        .args(["-Oz", "--strip-debug", "--strip-producers"])
        .args(WASM_FEATURES)
        .arg("-o")
        .arg(&wasm))?;
    Ok((bindgen_dir.join(format!("{name}.js")), wasm))
}

/// The HTML a web team pastes into its site.
fn host_snippet(js_integrity: &str) -> String {
    format!(
        r#"<!-- Wegwijs: copy wegwijs.js and wegwijs_bg.wasm to /wegwijs/ on your own site. -->
<script type="module" src="/wegwijs/wegwijs.js" integrity="{js_integrity}" crossorigin="anonymous"></script>

<!-- Sociale kaart: src is your HSDS 3.0 JSON file. -->
<wegwijs-sociale-kaart src="/data/kaart.json" lang="nl">
  <a href="/hulp">Bekijk de hulp in de buurt</a>
</wegwijs-sociale-kaart>
"#
    )
}

/// `sha384-…` as used by the `integrity` attribute.
fn integrity(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Builds the bundle and the demo portal around it in `target/demo`.
pub fn build_demo() -> Result<Bundle> {
    let mut bundle = build_dist()?;
    let www = workspace_root().join("www");
    let demo = workspace_root().join("target/demo");
    step("Assembling the demo portal in target/demo");
    let _ = fs::remove_dir_all(&demo);
    for folder in ["css", "img", "data"] {
        copy_dir(&www.join(folder), &demo.join(folder))?;
    }
    render_pages(&www, &demo, &bundle.js_integrity)?;
    step("Indexing the demo social map (wegwijs index)");
    run(cargo()
        .args([
            "run",
            "--quiet",
            "--profile",
            "tool",
            "-p",
            "wegwijs-cli",
            "--",
            "index",
        ])
        .arg(www.join("data/kaart.json"))
        .arg("-o")
        .arg(demo.join("data/kaart.idx")))?;
    let widget_dir = demo.join("wegwijs");
    fs::create_dir_all(&widget_dir)?;
    for file in [&bundle.js, &bundle.wasm] {
        let name = file.file_name().context("bundle file name")?;
        fs::copy(file, widget_dir.join(name))?;
    }
    bundle.demo_root = demo;
    Ok(bundle)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()))?;
        } else {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// Wraps each page in `www/pages/` in `www/layout.html`: fills in the title (from the
/// page's `<!-- title: … -->` line), marks the current menu item (the page itself, or the one
/// an optional `<!-- menu: … -->` second line names) and fills in the script's SRI hash.
fn render_pages(www: &Path, demo: &Path, js_integrity: &str) -> Result<()> {
    let layout = fs::read_to_string(www.join("layout.html"))?;
    for entry in fs::read_dir(www.join("pages"))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .context("page name")?
            .to_string_lossy()
            .into_owned();
        let page = fs::read_to_string(&path)?;
        let (first_line, content) = page.split_once('\n').unwrap_or((&page, ""));
        let title = first_line
            .trim()
            .strip_prefix("<!-- title:")
            .and_then(|rest| rest.strip_suffix("-->"))
            .with_context(|| format!("{name} must start with <!-- title: … -->"))?
            .trim();
        // A page outside the menu names the menu item it belongs to: `<!-- menu: /samenwerkingsscan.html -->`.
        let (href, content) = match content.trim_start().split_once('\n') {
            Some((line, rest)) if line.trim().starts_with("<!-- menu:") => (
                line.trim()
                    .trim_start_matches("<!-- menu:")
                    .trim_end_matches("-->")
                    .trim()
                    .to_owned(),
                rest,
            ),
            _ if name == "index.html" => ("/".to_owned(), content),
            _ => (format!("/{name}"), content),
        };
        // Mark the menu item in the layout only: links in the page itself stay as they are.
        let menu_link = format!("<a href=\"{href}\">");
        let html = layout
            .replace(
                &menu_link,
                &format!("<a href=\"{href}\" aria-current=\"page\">"),
            )
            .replace("@TITLE@", title)
            .replace("@CONTENT@", content.trim_end())
            .replace(JS_INTEGRITY_PLACEHOLDER, js_integrity);
        fs::write(demo.join(&name), html)?;
    }
    Ok(())
}
