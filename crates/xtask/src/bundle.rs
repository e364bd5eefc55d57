//! Building the embeddable bundles and the demo portal around them.
//!
//! Built without trunk on purpose: trunk injects an inline `<script>` to start the wasm,
//! which a strict CSP (no `'unsafe-inline'`) refuses, and it drives one wasm per page, while
//! Wegwijs ships one bundle per widget behind one loader. The steps per bundle are the same
//! (cargo → wasm-bindgen → wasm-opt).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use base64::Engine;
use sha2::{Digest, Sha384};

use crate::process::{cargo, command, run, step};
use crate::setup::{locked_wasm_bindgen_version, wasm_opt};
use crate::sizes::{brotli, gzip, of_precompressed, FileSize};
use crate::workspace_root;

/// Placeholder in `crates/embed/js/loader.js` for the bundle table.
const BUNDLES_PLACEHOLDER: &str = "\"@BUNDLES@\"";
/// Placeholder in `crates/embed/js/loader.js` for the name of the bundle with every widget.
const ALL_BUNDLE_PLACEHOLDER: &str = "@ALL_BUNDLE@";
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

/// One wasm bundle of `wegwijs-embed`: the Cargo features it is built with and the custom
/// elements those features define.
pub struct BundleSpec {
    /// Short name; the files are `wegwijs-<name>.js` and `wegwijs-<name>_bg.wasm`.
    pub name: &'static str,
    /// Cargo features of `wegwijs-embed`; `None` builds its defaults (every widget).
    features: Option<&'static str>,
    /// The custom elements it defines.
    tags: &'static [&'static str],
    /// Built without the HSDS JSON reader: its social map and hulpwijzer read only `index`,
    /// so `wegwijs.js` gives an element with only `src` another bundle.
    index_only: bool,
}

const KAART: &str = "wegwijs-sociale-kaart";
const HULPWIJZER: &str = "wegwijs-hulpwijzer";
const SCAN: &str = "wegwijs-samenwerkingsscan";
const BEHEER: &str = "wegwijs-beheer";
const MAP: &str = "wegwijs-plattegrond";

/// Every bundle: one per widget, and one with the three public widgets for pages with more
/// than one kind. The social map and the hulpwijzer have a second one with the HSDS JSON
/// reader, for elements that give `src` without `index`; the bundle with all widgets has it
/// too. The data manager's page (`beheer`) has only its own; so has the map (`plattegrond`),
/// which the social map's bundles load when a person opens the map.
pub const BUNDLES: [BundleSpec; 8] = [
    BundleSpec {
        name: "kaart",
        features: Some("kaart"),
        tags: &[KAART],
        index_only: true,
    },
    BundleSpec {
        name: "kaart-json",
        features: Some("kaart,json-src"),
        tags: &[KAART],
        index_only: false,
    },
    BundleSpec {
        name: "hulpwijzer",
        features: Some("hulpwijzer"),
        tags: &[HULPWIJZER],
        index_only: true,
    },
    BundleSpec {
        name: "hulpwijzer-json",
        features: Some("hulpwijzer,json-src"),
        tags: &[HULPWIJZER],
        index_only: false,
    },
    BundleSpec {
        name: "scan",
        features: Some("scan"),
        tags: &[SCAN],
        index_only: false,
    },
    BundleSpec {
        name: "beheer",
        features: Some("beheer"),
        tags: &[BEHEER],
        index_only: false,
    },
    BundleSpec {
        name: "plattegrond",
        features: Some("plattegrond"),
        tags: &[MAP],
        index_only: false,
    },
    BundleSpec {
        name: "alle",
        features: None,
        tags: &[KAART, HULPWIJZER, SCAN],
        index_only: false,
    },
];

/// The built bundles.
pub struct Bundle {
    /// `target/dist/wegwijs`.
    pub dir: PathBuf,
    /// The loader hosts include: `wegwijs.js`.
    pub js: PathBuf,
    /// SRI hash of `wegwijs.js`.
    pub js_integrity: String,
    /// The demo portal root, when the demo was built.
    pub demo_root: PathBuf,
}

impl Bundle {
    /// Sizes of the files (raw, gzip, brotli): the loader, then each bundle's script and wasm.
    pub fn size_report(&self) -> Result<Vec<FileSize>> {
        let mut sizes = vec![of_precompressed(&self.js)?];
        for spec in &BUNDLES {
            let (script, wasm) = spec.file_names();
            sizes.push(of_precompressed(&self.dir.join(script))?);
            sizes.push(of_precompressed(&self.dir.join(wasm))?);
        }
        Ok(sizes)
    }

    /// What a page downloads per bundle it uses: loader, script and wasm.
    pub fn page_sizes(&self) -> Result<Vec<FileSize>> {
        let loader = of_precompressed(&self.js)?;
        BUNDLES
            .iter()
            .map(|spec| {
                let (script, wasm) = spec.file_names();
                let files = [
                    of_precompressed(&self.dir.join(script))?,
                    of_precompressed(&self.dir.join(wasm))?,
                ];
                let sum = |size: fn(&FileSize) -> usize| {
                    size(&loader) + files.iter().map(size).sum::<usize>()
                };
                Ok(FileSize {
                    name: format!("page with {}", spec.name),
                    raw: sum(|f| f.raw),
                    gzip: sum(|f| f.gzip),
                    brotli: sum(|f| f.brotli),
                })
            })
            .collect()
    }
}

impl BundleSpec {
    /// The script and wasm file names.
    fn file_names(&self) -> (String, String) {
        (
            format!("wegwijs-{}.js", self.name),
            format!("wegwijs-{}_bg.wasm", self.name),
        )
    }
}

/// Builds `target/dist/wegwijs`: the loader `wegwijs.js`, a script and a wasm file per bundle,
/// `snippet.html`, `integrity.json`, and a `.br` and `.gz` copy beside every file.
pub fn build_dist() -> Result<Bundle> {
    let root = workspace_root();
    let dir = root.join("target/dist/wegwijs");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;

    let mut table = serde_json::Map::new();
    let mut hashes = serde_json::Map::new();
    for spec in &BUNDLES {
        let (script, wasm) = spec.file_names();
        let name = format!("wegwijs-{}", spec.name);
        let features: Vec<&str> = match spec.features {
            Some(features) => vec!["--no-default-features", "--features", features],
            None => Vec::new(),
        };
        let (glue, wasm_path) = build_wasm("wegwijs-embed", &name, &dir, Glue::Classic, &features)?;
        check_tags(spec, &wasm_path)?;
        let script_text = format!(
            "// Wegwijs bundle \"{bundle}\" ({tags}): wasm-bindgen glue, started by wegwijs.js.\n\
             (globalThis.wegwijsBundles ??= {{}})[\"{bundle}\"] = (() => {{\n{glue}\nreturn wasm_bindgen;\n}})();\n",
            bundle = spec.name,
            tags = spec.tags.join(", "),
            glue = fs::read_to_string(&glue)?.trim_end(),
        );
        fs::write(dir.join(&script), &script_text)?;
        let script_integrity = integrity(script_text.as_bytes());
        let wasm_integrity = integrity(&fs::read(&wasm_path)?);
        table.insert(
            spec.name.to_owned(),
            serde_json::json!({
                "script": script,
                "scriptIntegrity": script_integrity,
                "wasm": wasm,
                "wasmIntegrity": wasm_integrity,
                "tags": spec.tags,
                "indexOnly": spec.index_only,
            }),
        );
        hashes.insert(script, script_integrity.into());
        hashes.insert(wasm, wasm_integrity.into());
    }

    step("Writing the loader wegwijs.js with Subresource Integrity hashes");
    let loader = fs::read_to_string(root.join("crates/embed/js/loader.js"))?;
    anyhow::ensure!(
        loader.contains(BUNDLES_PLACEHOLDER) && loader.contains(ALL_BUNDLE_PLACEHOLDER),
        "loader.js lost a placeholder"
    );
    let all = BUNDLES
        .iter()
        .find(|spec| spec.features.is_none())
        .context("a bundle with every widget")?;
    let js_text = loader
        .replace(BUNDLES_PLACEHOLDER, &serde_json::to_string_pretty(&table)?)
        .replace(ALL_BUNDLE_PLACEHOLDER, all.name);
    let js = dir.join("wegwijs.js");
    fs::write(&js, &js_text)?;
    let js_integrity = integrity(js_text.as_bytes());
    hashes.insert("wegwijs.js".to_owned(), js_integrity.clone().into());

    fs::write(
        dir.join("integrity.json"),
        serde_json::to_string_pretty(&hashes)?,
    )?;
    fs::write(dir.join("snippet.html"), host_snippet(&js_integrity))?;
    step("Compressing (brotli and gzip beside every file)");
    precompress(&dir)?;
    Ok(Bundle {
        dir,
        js,
        js_integrity,
        demo_root: PathBuf::new(),
    })
}

/// Fails when a bundle's wasm lacks one of the custom element names the loader expects it to
/// define (the names live in `crates/embed/src/lib.rs` and in [`BUNDLES`]).
fn check_tags(spec: &BundleSpec, wasm: &Path) -> Result<()> {
    let bytes = fs::read(wasm)?;
    for tag in spec.tags {
        anyhow::ensure!(
            bytes
                .windows(tag.len())
                .any(|window| window == tag.as_bytes()),
            "the bundle {} does not define <{tag}>: check its features in crates/embed",
            spec.name
        );
    }
    Ok(())
}

/// Which JavaScript wasm-bindgen writes.
#[derive(Debug, Clone, Copy)]
pub enum Glue {
    /// An ES module (`--target web`).
    Module,
    /// A classic script that defines `wasm_bindgen` (`--target no-modules`): it can be added
    /// with its own `integrity` under a strict CSP.
    Classic,
}

/// Builds a wasm crate for the browser: release build (size-optimised) with the given cargo
/// arguments (features), wasm-bindgen and `wasm-opt -Oz`. Returns the glue JavaScript (still
/// in the bindgen folder) and the optimised wasm, written as `<out_dir>/<name>_bg.wasm`.
pub fn build_wasm(
    package: &str,
    name: &str,
    out_dir: &Path,
    glue: Glue,
    cargo_args: &[&str],
) -> Result<(PathBuf, PathBuf)> {
    let target = workspace_root().join("target");
    step(&format!(
        "Building {name} for the browser (release, size-optimised)"
    ));
    run(cargo()
        .args([
            "build",
            "--release",
            "--package",
            package,
            "--target",
            "wasm32-unknown-unknown",
        ])
        .args(cargo_args))?;

    let bindgen_dir = target.join(format!("{name}-bindgen"));
    let _ = fs::remove_dir_all(&bindgen_dir);
    println!("    wasm-bindgen {}", locked_wasm_bindgen_version()?);
    let built = target
        .join("wasm32-unknown-unknown/release")
        .join(format!("{}.wasm", package.replace('-', "_")));
    let glue_target = match glue {
        Glue::Module => "web",
        Glue::Classic => "no-modules",
    };
    run(command("wasm-bindgen")
        .args([
            "--target",
            glue_target,
            "--no-typescript",
            "--out-name",
            name,
            "--out-dir",
        ])
        .arg(&bindgen_dir)
        .arg(built))?;

    fs::create_dir_all(out_dir)?;
    let wasm = out_dir.join(format!("{name}_bg.wasm"));
    println!("    wasm-opt -Oz");
    run(command(wasm_opt())
        .arg(bindgen_dir.join(format!("{name}_bg.wasm")))
        .args(["-Oz", "--strip-debug", "--strip-producers"])
        .args(WASM_FEATURES)
        .arg("-o")
        .arg(&wasm))?;
    Ok((bindgen_dir.join(format!("{name}.js")), wasm))
}

/// Writes `<file>.br` (brotli 11) and `<file>.gz` (gzip 9) beside every file in `dir` and its
/// folders, for servers that send precompressed files (see the README).
pub fn precompress(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let compressed = matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz"));
        if compressed {
            continue;
        }
        let bytes = fs::read(&path)?;
        let mut name = path.clone().into_os_string();
        name.push(".br");
        fs::write(&name, brotli(&bytes)?)?;
        name = path.into_os_string();
        name.push(".gz");
        fs::write(&name, gzip(&bytes)?)?;
    }
    Ok(())
}

/// The HTML a web team pastes into its site.
fn host_snippet(js_integrity: &str) -> String {
    format!(
        r#"<!-- Wegwijs: copy every file of this folder to /wegwijs/ on your own site. -->
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
    // The spreadsheet template, which the "Sociale kaart beheren" page offers.
    copy_dir(&workspace_root().join("templates"), &demo.join("templates"))?;
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
    step("Compressing the portal's pages and data (brotli and gzip beside every file)");
    precompress(&demo)?;
    copy_dir(&bundle.dir, &demo.join("wegwijs"))?;
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
