//! Every language is complete, and every key a widget's code uses is in the texts that
//! widget carries.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use wegwijs_widgets::i18n::{languages, Part, ALL, DEFAULT_LANGUAGE};
use wegwijs_widgets::{beheer, hulpwijzer, kaart, map, scan};

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn every_language_has_exactly_the_dutch_keys_and_placeholders() {
    assert!(languages().len() >= 2, "Dutch and English are embedded");
    let mut failures = Vec::new();
    for part in ALL {
        let dutch = part.texts(DEFAULT_LANGUAGE);
        assert!(!dutch.is_empty(), "part {} has texts", part.name());
        for language in languages() {
            assert!(
                !language.name.trim().is_empty(),
                "{} has a name",
                language.code
            );
            let texts = part.texts(language.code);
            let find = |key: &str| texts.iter().find(|(k, _)| *k == key).map(|(_, t)| *t);
            for (key, text) in dutch {
                match find(key) {
                    None => failures.push(format!("{}: missing key {key}", language.code)),
                    Some(translated) if translated.trim().is_empty() => {
                        failures.push(format!("{}: empty text for {key}", language.code))
                    }
                    Some(translated) if placeholders(translated) != placeholders(text) => {
                        failures.push(format!("{}: placeholders differ for {key}", language.code))
                    }
                    Some(_) => {}
                }
            }
            for (key, _) in texts {
                if !dutch.iter().any(|(k, _)| k == key) {
                    failures.push(format!("{}: key {key} is not in nl.json", language.code));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every namespace of the Dutch texts (`kaart`, `scan`, …).
fn namespaces() -> BTreeSet<String> {
    ALL.iter()
        .flat_map(|part| part.texts(DEFAULT_LANGUAGE))
        .filter_map(|(key, _)| key.split_once('.').map(|(ns, _)| ns.to_owned()))
        .collect()
}

/// String literals in one source file that are keys: those passed to the lookup functions,
/// and those kept in tables (`"day.monday"`), recognised by a known namespace.
fn keys_in(source: &str, namespaces: &BTreeSet<String>, found: &mut BTreeSet<String>) {
    // Unit tests may use made-up keys on purpose.
    let source = source.split("#[cfg(test)]").next().unwrap_or_default();
    for call in [".t(\"", ".t_with(\"", ".t_count(\""] {
        for after in source.split(call).skip(1) {
            if let Some((key, _)) = after.split_once('"') {
                found.insert(key.to_owned());
            }
        }
    }
    // File names such as `"kaart.json"` are not keys.
    for literal in source.split('"').skip(1).step_by(2) {
        let file_name = [".json", ".idx", ".csv"]
            .iter()
            .any(|extension| literal.ends_with(extension));
        let is_key = !file_name
            && literal
                .split_once('.')
                .is_some_and(|(ns, rest)| namespaces.contains(ns) && !rest.is_empty())
            && literal
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
        if is_key {
            found.insert(literal.to_owned());
        }
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

/// The widget modules (`src/<name>/`) a widget's code reaches: its own, and every one it
/// names as `crate::<name>`, again and again.
fn modules_reached(src: &Path, widget: &str) -> BTreeSet<String> {
    let modules: Vec<String> = fs::read_dir(src)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut reached = BTreeSet::from([widget.to_owned()]);
    let mut todo = vec![widget.to_owned()];
    while let Some(module) = todo.pop() {
        for file in rust_files(&src.join(&module)) {
            let source = fs::read_to_string(file).unwrap();
            for other in &modules {
                if source.contains(&format!("crate::{other}")) && reached.insert(other.clone()) {
                    todo.push(other.clone());
                }
            }
        }
    }
    reached
}

/// Keys a widget's code may look up: in its module, the modules it reaches, the kit and
/// the crate's top-level files.
fn keys_of_widget(widget: &str) -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let namespaces = namespaces();
    let mut dirs: Vec<PathBuf> = modules_reached(&src, widget)
        .into_iter()
        .map(|module| src.join(module))
        .collect();
    dirs.extend([src.join("kit"), src.clone()]);
    let mut used = BTreeSet::new();
    for file in dirs.iter().flat_map(|dir| rust_files(dir)) {
        keys_in(&fs::read_to_string(file).unwrap(), &namespaces, &mut used);
    }
    used
}

#[test]
fn every_key_a_widget_uses_is_in_the_texts_it_carries() {
    let widgets: [(&str, &[&Part]); 5] = [
        ("kaart", kaart::TEXTS),
        ("map", map::TEXTS),
        ("hulpwijzer", hulpwijzer::TEXTS),
        ("scan", scan::TEXTS),
        ("beheer", beheer::TEXTS),
    ];
    let mut failures = Vec::new();
    for (widget, parts) in widgets {
        let used = keys_of_widget(widget);
        assert!(used.len() > 5, "the scan finds the keys {widget} uses");
        let carried = |key: &str| {
            parts
                .iter()
                .any(|part| part.texts(DEFAULT_LANGUAGE).iter().any(|(k, _)| *k == key))
        };
        for key in &used {
            let counted = [format!("{key}.one"), format!("{key}.other")];
            if !carried(key) && !counted.iter().all(|k| carried(k)) {
                failures.push(format!(
                    "{widget} uses {key}, not in its TEXTS (or not in nl.json)"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
