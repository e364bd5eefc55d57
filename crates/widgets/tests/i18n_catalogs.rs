//! Every language is complete, and every key the code uses exists.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use wegwijs_widgets::i18n::{catalogs, DEFAULT_LANGUAGE};

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn every_language_has_exactly_the_dutch_keys_and_placeholders() {
    let all = catalogs();
    assert!(all.len() >= 2, "Dutch and English are embedded");
    let dutch = all.iter().find(|c| c.code == DEFAULT_LANGUAGE).unwrap();
    let mut failures = Vec::new();
    for catalog in all {
        for (key, text) in &dutch.messages {
            match catalog.messages.get(key) {
                None => failures.push(format!("{}: missing key {key}", catalog.code)),
                Some(translated) if translated.trim().is_empty() => {
                    failures.push(format!("{}: empty text for {key}", catalog.code))
                }
                Some(translated) if placeholders(translated) != placeholders(text) => {
                    failures.push(format!("{}: placeholders differ for {key}", catalog.code))
                }
                Some(_) => {}
            }
        }
        for key in catalog.messages.keys() {
            if !dutch.messages.contains_key(key) {
                failures.push(format!("{}: key {key} is not in nl.json", catalog.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// String literals in the source that start with a catalogue namespace (`"kaart.…"`).
fn keys_used_in(dir: &Path, namespaces: &BTreeSet<String>, found: &mut BTreeSet<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            keys_used_in(&path, namespaces, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let whole = fs::read_to_string(&path).unwrap();
            // Unit tests may use made-up keys on purpose.
            let source = whole.split("#[cfg(test)]").next().unwrap_or_default();
            // Keys passed to the lookup functions, whatever their namespace.
            for call in [".t(\"", ".t_with(\"", ".t_count(\""] {
                for after in source.split(call).skip(1) {
                    if let Some((key, _)) = after.split_once('"') {
                        found.insert(key.to_owned());
                    }
                }
            }
            // Keys kept in tables (`"day.monday"`), recognised by a known namespace; file
            // names such as `"kaart.json"` are not keys.
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
    }
}

#[test]
fn every_key_used_in_the_code_exists_in_dutch() {
    let dutch = catalogs()
        .iter()
        .find(|c| c.code == DEFAULT_LANGUAGE)
        .unwrap();
    let namespaces: BTreeSet<String> = dutch
        .messages
        .keys()
        .filter_map(|key| key.split_once('.').map(|(ns, _)| ns.to_owned()))
        .collect();
    let mut used = BTreeSet::new();
    keys_used_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &namespaces,
        &mut used,
    );
    assert!(!used.is_empty(), "the scan finds the keys the code uses");
    let missing: Vec<_> = used
        .iter()
        .filter(|key| {
            let counted = [format!("{key}.one"), format!("{key}.other")];
            !dutch.messages.contains_key(*key)
                && !counted.iter().all(|k| dutch.messages.contains_key(k))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "keys used but not in nl.json: {missing:?}"
    );
}
