//! Tidy: the repository's invariants as tests (run by `cargo test`, so by `cargo xtask test`).
//!
//! - the domain crates depend on nothing of the browser, Leptos or HTTP, also not indirectly;
//! - `mailto:` and `tel:` links are built only in `directory::links`;
//! - `web_sys`, `js_sys` and `wasm_bindgen` are used only in the files ARCHITECTURE.md names for them;
//! - every file that a document or a comment refers to exists in the repository.
//!
//! Each check is a function over plain text or metadata, tested on a deliberate violation
//! below, so a check that can no longer fail is noticed.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// The pure domain crates (package names).
pub const DOMAIN_CRATES: [&str; 4] = [
    "wegwijs-directory",
    "wegwijs-text",
    "wegwijs-guide",
    "wegwijs-assessment",
];

/// Packages a domain crate may not depend on, by name or name prefix (`gloo` covers
/// `gloo-net`, …).
const FORBIDDEN_IN_DOMAIN: [&str; 11] = [
    "leptos",
    "tachys",
    "reactive_graph",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "gloo",
    "axum",
    "hyper",
    "reqwest",
    "tokio",
];

/// The forbidden packages that `package` reaches through normal and build dependencies, as
/// `(path from package, forbidden name)`. `metadata` is `cargo metadata --format-version 1`.
pub fn forbidden_dependencies(metadata: &serde_json::Value, package: &str) -> Vec<String> {
    let ids: HashMap<&str, &str> = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p["id"].as_str()?, p["name"].as_str()?)))
        .collect();
    let nodes: HashMap<&str, Vec<&str>> = metadata["resolve"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|node| {
            let deps = node["deps"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|dep| {
                    dep["dep_kinds"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|k| matches!(k["kind"].as_str(), None | Some("build")))
                })
                .filter_map(|dep| dep["pkg"].as_str())
                .collect();
            Some((node["id"].as_str()?, deps))
        })
        .collect();
    let Some(start) = ids
        .iter()
        .find(|(_, name)| **name == package)
        .map(|(id, _)| *id)
    else {
        return vec![format!("{package} is not in the workspace")];
    };
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    let mut stack = vec![(start, package.to_owned())];
    while let Some((id, path)) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for &dep in nodes.get(id).into_iter().flatten() {
            let name = ids.get(dep).copied().unwrap_or(dep);
            let path = format!("{path} → {name}");
            if FORBIDDEN_IN_DOMAIN.iter().any(|f| name.starts_with(f)) {
                found.push(path);
            } else {
                stack.push((dep, path));
            }
        }
    }
    found
}

/// The code of a Rust source without its comments (line and doc comments), line by line,
/// and without its `#[cfg(test)]` module at the end of the file.
fn rust_code_lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let end = source.find("#[cfg(test)]").unwrap_or(source.len());
    source[..end].lines().enumerate().map(|(i, line)| {
        let code = line.find("//").map_or(line, |at| &line[..at]);
        (i + 1, code)
    })
}

/// Lines of `source` whose code (not comments, not tests) has a string that starts a
/// `mailto:` or `tel:` link.
pub fn link_building_lines(source: &str) -> Vec<usize> {
    rust_code_lines(source)
        .filter(|(_, code)| code.contains("\"mailto:") || code.contains("\"tel:"))
        .map(|(line, _)| line)
        .collect()
}

/// Lines of `source` whose code uses `web_sys`, `js_sys` or `wasm_bindgen` (paths into the
/// crates, not their names in comments or identifiers).
pub fn browser_binding_lines(source: &str) -> Vec<usize> {
    rust_code_lines(source)
        .filter(|(_, code)| {
            [
                "web_sys::",
                "js_sys::",
                "wasm_bindgen::",
                "wasm_bindgen_futures::",
                "#[wasm_bindgen",
            ]
            .iter()
            .any(|path| code.contains(path))
        })
        .map(|(line, _)| line)
        .collect()
}

/// The files ARCHITECTURE.md allows `web_sys`, `js_sys` and `wasm_bindgen` in: the backticked `.rs` paths
/// (or folders, ending in `/`) of the invariant that starts with "`web_sys`, `js_sys` and
/// `wasm_bindgen` are used only in".
pub fn allowed_browser_files(architecture: &str) -> Vec<String> {
    let Some(start) = architecture.find("`web_sys`, `js_sys` and `wasm_bindgen` are used only in")
    else {
        return Vec::new();
    };
    let invariant = &architecture[start..];
    let end = invariant.find("\n- ").unwrap_or(invariant.len());
    invariant[..end]
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|quoted| quoted.ends_with(".rs") || quoted.ends_with('/'))
        .map(str::to_owned)
        .collect()
}

/// The file extensions a reference to a file is recognised by.
const REFERENCED_EXTENSIONS: [&str; 11] = [
    "md", "rs", "mjs", "js", "json", "css", "toml", "csv", "html", "txt", "conf",
];

/// Files that docs mention although they are not in the repository, because `cargo xtask
/// dist` makes them (the bundle a host copies) or `cargo xtask bench` does (a run's figures).
const MADE_BY_TOOLS: [&str; 4] = ["wegwijs.js", "snippet.html", "integrity.json", "last.json"];

/// The file references in `text`: words such as `README.md`, `crates/guide/src/lib.rs` or
/// `/data/kaart.json`, without URLs and without `{placeholders}`.
pub fn file_references(text: &str) -> Vec<&str> {
    text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '`' | '"' | '\'' | '(' | ')' | '[' | ']' | '<' | '>' | ',' | ';' | '*' | '='
            )
    })
    .map(|word| word.trim_end_matches(['.', ':', '!', '?']))
    .filter(|word| {
        !word.contains("://")
            && !word.starts_with("//")
            && (!word.starts_with('.') || word.starts_with("./") || word.starts_with("../"))
            && !word.contains('{')
            && !word.contains('$')
            && word.rsplit_once('.').is_some_and(|(stem, ext)| {
                !stem.is_empty()
                    && !stem.ends_with('/')
                    && !stem.ends_with('.')
                    && REFERENCED_EXTENSIONS.contains(&ext)
            })
    })
    .collect()
}

/// Whether a reference made in `from` (a repository path) names a file of `files`
/// (repository paths): as a path relative to the file, to the root, or as the end of a path
/// (`data/kaart.json` for `www/data/kaart.json`, a bare `setup.rs` for any `setup.rs`).
pub fn reference_exists(reference: &str, from: &str, files: &BTreeSet<String>) -> bool {
    let name = reference.rsplit('/').next().unwrap_or(reference);
    if MADE_BY_TOOLS.contains(&name) {
        return true;
    }
    let relative = Path::new(from)
        .parent()
        .unwrap_or(Path::new(""))
        .join(reference);
    let mut normal = Vec::new();
    for part in relative.components() {
        match part {
            // Above the root: outside the repository.
            std::path::Component::ParentDir if normal.pop().is_none() => return false,
            std::path::Component::ParentDir => {}
            std::path::Component::Normal(name) => normal.push(name.to_string_lossy()),
            _ => {}
        }
    }
    if files.contains(&normal.join("/")) {
        return true;
    }
    if reference.starts_with("../") {
        return false;
    }
    let suffix = reference.trim_start_matches("./").trim_start_matches('/');
    files
        .iter()
        .any(|file| file == suffix || file.ends_with(&format!("/{suffix}")))
}

/// The parts of a file that are prose about other files: the whole of a Markdown file, the
/// comments of code.
pub fn prose_of<'a>(path: &str, text: &'a str) -> Vec<&'a str> {
    if path.ends_with(".md") {
        return vec![text];
    }
    let comment_starts: &[&str] = if path.ends_with(".rs")
        || path.ends_with(".mjs")
        || path.ends_with(".js")
        || path.ends_with(".css")
    {
        &["//", "/*", "* "]
    } else if path.ends_with(".toml") || path.ends_with(".conf") {
        &["#"]
    } else if path.ends_with(".html") {
        &["<!--"]
    } else {
        &[]
    };
    text.lines()
        .filter_map(|line| {
            comment_starts
                .iter()
                .filter_map(|start| line.find(start).map(|at| &line[at..]))
                .next()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace_root;
    use std::process::Command;

    /// Every file git knows of or would add (tracked, and untracked but not ignored).
    fn repository_files() -> BTreeSet<String> {
        let output = Command::new("git")
            .args(["ls-files", "--cached", "--others", "--exclude-standard"])
            .current_dir(workspace_root())
            .output()
            .expect("git runs");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter(|path| workspace_root().join(path).exists())
            .map(str::to_owned)
            .collect()
    }

    fn read(path: &str) -> String {
        std::fs::read_to_string(workspace_root().join(path)).unwrap_or_default()
    }

    fn rust_sources(files: &BTreeSet<String>) -> impl Iterator<Item = &String> {
        files
            .iter()
            .filter(|f| f.starts_with("crates/") && f.ends_with(".rs") && f.contains("/src/"))
    }

    /// The platform the native tests run on (`rustc -vV`).
    fn host() -> String {
        let output = Command::new("rustc")
            .arg("-vV")
            .output()
            .expect("rustc runs");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .find_map(|line| line.strip_prefix("host: "))
            .expect("rustc names its host")
            .to_owned()
    }

    #[test]
    fn domain_crates_know_nothing_of_browser_leptos_or_http() {
        // For the browser and for this machine: a dependency may hide behind a target.
        for platform in ["wasm32-unknown-unknown".to_owned(), host()] {
            let output = Command::new(env!("CARGO"))
                .args([
                    "metadata",
                    "--format-version",
                    "1",
                    "--offline",
                    "--filter-platform",
                ])
                .arg(&platform)
                .current_dir(workspace_root())
                .output()
                .expect("cargo metadata runs");
            assert!(
                output.status.success(),
                "cargo metadata failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            for package in DOMAIN_CRATES {
                let found = forbidden_dependencies(&metadata, package);
                assert!(
                    found.is_empty(),
                    "{package} must stay pure on {platform}, but: {found:#?}"
                );
            }
        }
    }

    /// `file:line` for every line of `files` that `check` finds.
    fn offending_lines<'f>(
        files: impl Iterator<Item = &'f String>,
        check: fn(&str) -> Vec<usize>,
    ) -> Vec<String> {
        files
            .flat_map(|f| {
                check(&read(f))
                    .into_iter()
                    .map(move |line| format!("{f}:{line}"))
            })
            .collect()
    }

    #[test]
    fn links_are_built_only_in_directory_links() {
        let files = repository_files();
        let offenders = offending_lines(
            rust_sources(&files).filter(|f| *f != "crates/directory/src/links.rs"),
            link_building_lines,
        );
        assert!(
            offenders.is_empty(),
            "build mailto:/tel: links with wegwijs_directory::links: {offenders:#?}"
        );
    }

    #[test]
    fn browser_bindings_only_where_architecture_says() {
        let files = repository_files();
        let allowed = allowed_browser_files(&read("ARCHITECTURE.md"));
        assert!(
            !allowed.is_empty(),
            "ARCHITECTURE.md lists no files for web_sys"
        );
        let offenders = offending_lines(
            rust_sources(&files).filter(|f| {
                !allowed
                    .iter()
                    .any(|a| *f == a || (a.ends_with('/') && f.starts_with(a)))
            }),
            browser_binding_lines,
        );
        assert!(
            offenders.is_empty(),
            "web_sys/wasm_bindgen outside the files ARCHITECTURE.md names: {offenders:#?}"
        );
    }

    #[test]
    fn every_referenced_file_exists() {
        let files = repository_files();
        let mut missing = Vec::new();
        for file in files
            .iter()
            .filter(|f| !f.starts_with("tests/fixtures/hsds/"))
        {
            let text = read(file);
            for prose in prose_of(file, &text) {
                for reference in file_references(prose) {
                    if !reference_exists(reference, file, &files) {
                        missing.push(format!("{file}: {reference}"));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "docs and comments refer to files that are not in the repository: {missing:#?}"
        );
    }

    // The checks themselves, on deliberate violations.

    #[test]
    fn a_tel_link_outside_links_is_found_and_a_comment_is_not() {
        let source = "/// Builds a `tel:` link.\nstruct P { tel: String }\nfn f(n: &str) -> String {\n    format!(\"tel:{n}\")\n}\n";
        assert_eq!(link_building_lines(source), vec![4]);
        let tested = "fn f() {}\n#[cfg(test)]\nmod tests { const T: &str = \"tel:112\"; }\n";
        assert!(link_building_lines(tested).is_empty());
    }

    #[test]
    fn web_sys_in_code_is_found() {
        let source = "// web_sys is not used here\nfn f(e: web_sys::Event) {}\n";
        assert_eq!(browser_binding_lines(source), vec![2]);
    }

    #[test]
    fn the_architecture_line_lists_the_allowed_files() {
        let doc = "- `web_sys`, `js_sys` and `wasm_bindgen` are used only in `crates/a/src/b.rs` and\n  `crates/embed/`.\n- next";
        assert_eq!(
            allowed_browser_files(doc),
            vec!["crates/a/src/b.rs", "crates/embed/"]
        );
    }

    #[test]
    fn a_reference_to_a_missing_file_is_found() {
        let files: BTreeSet<String> = [
            "README.md",
            "www/data/kaart.json",
            "crates/directory/src/profile.rs",
        ]
        .map(String::from)
        .into();
        let refs = file_references("See DESIGN.md and `profile.rs`, served as /data/kaart.json (https://x.example/a.json).");
        assert_eq!(refs, vec!["DESIGN.md", "profile.rs", "/data/kaart.json"]);
        assert!(!reference_exists("DESIGN.md", "README.md", &files));
        assert!(reference_exists("profile.rs", "README.md", &files));
        assert!(reference_exists("/data/kaart.json", "README.md", &files));
        assert!(!reference_exists(
            "../shared/DESIGN.md",
            "www/data/README.md",
            &files
        ));
        assert!(reference_exists("../README.md", "www/x.md", &files));
    }

    #[test]
    fn a_domain_crate_with_leptos_is_found() {
        let metadata = serde_json::json!({
            "packages": [
                {"id": "g", "name": "wegwijs-guide"},
                {"id": "s", "name": "serde"},
                {"id": "l", "name": "leptos"}
            ],
            "resolve": {"nodes": [
                {"id": "g", "deps": [
                    {"pkg": "s", "dep_kinds": [{"kind": null}]},
                    {"pkg": "l", "dep_kinds": [{"kind": "dev"}]}
                ]},
                {"id": "s", "deps": [{"pkg": "l", "dep_kinds": [{"kind": null}]}]}
            ]}
        });
        assert_eq!(
            forbidden_dependencies(&metadata, "wegwijs-guide"),
            vec!["wegwijs-guide → serde → leptos"]
        );
    }
}
