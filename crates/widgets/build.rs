//! Turns every language file in `i18n/` into static tables: adding a language is adding a
//! file. The texts are split into parts by the first word of their key, so a widget's
//! bundle carries only the parts it names (the linker drops the rest), and nothing is
//! parsed when a page starts.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

/// Each part: its name in the generated code, what it holds, and the key namespaces in it.
/// Every namespace of the language files must be in exactly one part.
const PARTS: &[(&str, &str, &[&str])] = &[
    (
        "COMMON",
        "Texts every widget may show: buttons, states and errors.",
        &["common", "error", "status"],
    ),
    (
        "MAP",
        "The plattegrond: markers, the own place and the coverage legend.",
        &["coverage", "map"],
    ),
    (
        "KAART",
        "The sociale kaart: search, filters, results, cards, details and opening hours.",
        &[
            "card", "day", "detail", "empty", "filter", "group", "kaart", "level", "list", "month",
            "near", "open", "print", "results", "search", "sort", "view",
        ],
    ),
    ("GIDS", "The hulpwijzer's steps and advice.", &["gids"]),
    ("SCAN", "The samenwerkingsscan.", &["scan"]),
    ("BEHEER", "The data manager's report.", &["beheer"]),
];

/// One language file as it is written.
struct Language {
    code: String,
    name: String,
    rtl: bool,
    messages: BTreeMap<String, String>,
}

fn read_language(path: &Path) -> Language {
    let code = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("utf-8 file name")
        .to_owned();
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("i18n/{code}.json: {e}"));
    let field = |name: &str| {
        json.get(name)
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("i18n/{code}.json needs a text \"{name}\""))
            .to_owned()
    };
    let rtl = match field("dir").as_str() {
        "ltr" => false,
        "rtl" => true,
        other => panic!("i18n/{code}.json: \"dir\" is \"ltr\" or \"rtl\", not {other:?}"),
    };
    let messages = json
        .get("messages")
        .and_then(|m| m.as_object())
        .unwrap_or_else(|| panic!("i18n/{code}.json needs an object \"messages\""))
        .iter()
        .map(|(key, text)| {
            let text = text
                .as_str()
                .unwrap_or_else(|| panic!("i18n/{code}.json: {key} is not a text"));
            (key.clone(), text.to_owned())
        })
        .collect();
    Language {
        name: field("name"),
        code,
        rtl,
        messages,
    }
}

fn part_of(key: &str) -> Option<&'static str> {
    let namespace = key.split('.').next().unwrap_or_default();
    PARTS
        .iter()
        .find(|(_, _, namespaces)| namespaces.contains(&namespace))
        .map(|(name, _, _)| *name)
}

fn main() {
    println!("cargo:rerun-if-changed=i18n");
    let mut files: Vec<_> = fs::read_dir("i18n")
        .expect("i18n/ exists")
        .map(|entry| entry.expect("readable i18n/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let languages: Vec<Language> = files.iter().map(|path| read_language(path)).collect();
    let dutch = languages
        .iter()
        .position(|l| l.code == "nl")
        .expect("i18n/nl.json exists");
    for language in &languages {
        for key in language.messages.keys() {
            assert!(
                part_of(key).is_some(),
                "i18n/{}.json: the namespace of {key} is in no part; add it to PARTS in build.rs",
                language.code
            );
        }
    }

    let mut code = String::new();
    code.push_str("/// Every language, in the order of each part's tables.\n");
    code.push_str("pub(crate) const LANGUAGES: &[Language] = &[\n");
    for language in &languages {
        let dir = if language.rtl { "Rtl" } else { "Ltr" };
        writeln!(
            code,
            "    Language {{ code: {:?}, name: {:?}, dir: Direction::{dir} }},",
            language.code, language.name
        )
        .unwrap();
    }
    code.push_str("];\n");
    writeln!(
        code,
        "/// Where Dutch is in [`LANGUAGES`].\npub(crate) const DUTCH: usize = {dutch};"
    )
    .unwrap();
    for (part, about, _) in PARTS {
        writeln!(
            code,
            "/// {about}\npub static {part}: Part = Part {{ name: {:?}, by_language: &[",
            part.to_lowercase()
        )
        .unwrap();
        for language in &languages {
            code.push_str("    &[\n");
            for (key, text) in &language.messages {
                if part_of(key) == Some(part) {
                    writeln!(code, "        ({key:?}, {text:?}),").unwrap();
                }
            }
            code.push_str("    ],\n");
        }
        code.push_str("] };\n");
    }
    let list: Vec<String> = PARTS
        .iter()
        .map(|(part, _, _)| format!("&{part}"))
        .collect();
    writeln!(
        code,
        "/// Every part.\npub const ALL: &[&Part] = &[{}];",
        list.join(", ")
    )
    .unwrap();

    let out = Path::new(&env::var("OUT_DIR").expect("set by cargo")).join("languages.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
