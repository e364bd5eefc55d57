//! Embeds every language file in `i18n/`: adding a language is adding a file.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=i18n");
    let mut files: Vec<_> = fs::read_dir("i18n")
        .expect("i18n/ exists")
        .map(|entry| entry.expect("readable i18n/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("set by cargo");
    let entries: String = files
        .iter()
        .map(|path| {
            let code = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("utf-8 file name");
            let absolute = Path::new(&manifest_dir).join(path);
            format!(
                "({code:?}, include_str!({:?})),\n",
                absolute.display().to_string()
            )
        })
        .collect();
    let out = Path::new(&env::var("OUT_DIR").expect("set by cargo")).join("languages.rs");
    fs::write(
        out,
        format!("/// Every language file: (code, JSON text).\npub(crate) const LANGUAGE_FILES: &[(&str, &str)] = &[\n{entries}];\n"),
    )
    .expect("OUT_DIR is writable");
}
