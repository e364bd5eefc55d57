//! Reading the inputs the commands accept: HSDS JSON, an HSDS CSV datapackage folder, the
//! simple spreadsheet CSV, or (for search) an index file.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use wegwijs_directory::import::{import_csv_package, import_spreadsheet};
use wegwijs_directory::{import_json, Imported, Index, Vocabulary};

/// Imports services from a file or folder.
pub fn import(path: &Path, vocabulary: &Vocabulary) -> Result<Imported> {
    let imported = if path.is_dir() {
        let mut files = BTreeMap::new();
        for entry in
            fs::read_dir(path).with_context(|| format!("cannot read {}", path.display()))?
        {
            let file = entry?.path();
            if file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            {
                let name = file
                    .file_name()
                    .context("file name")?
                    .to_string_lossy()
                    .to_lowercase();
                files.insert(name, read_text(&file)?);
            }
        }
        import_csv_package(&files)
    } else if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        let name = path.file_name().context("file name")?.to_string_lossy();
        import_spreadsheet(&name, &read_text(path)?, vocabulary)
    } else {
        import_json(&read_text(path)?)
    };
    imported.with_context(|| format!("{} cannot be imported", path.display()))
}

/// For a spreadsheet read with `;` between its columns: a line that says so.
pub fn separator_note(path: &Path) -> Option<String> {
    let is_sheet = path.is_file()
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let text = fs::read_to_string(path).ok().filter(|_| is_sheet)?;
    (wegwijs_directory::import::separator_of(&text) == b';')
        .then(|| "columns separated by `;` (as Dutch Excel saves CSV)".to_owned())
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => bail!(
            "{} is not UTF-8 text (byte {} is invalid); save it as UTF-8",
            path.display(),
            error.utf8_error().valid_up_to()
        ),
    }
}

/// An index: read from an index file, or built from any importable input.
pub fn index(path: &Path, vocabulary: Vocabulary) -> Result<Index> {
    if path.is_file() {
        let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        if bytes.starts_with(b"WEGWIJS\0") {
            return Index::from_bytes(&bytes).with_context(|| format!("{}", path.display()));
        }
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("idx"))
        {
            bail!(
                "{} is not a Wegwijs index (it does not start like one); rebuild it with `wegwijs index`",
                path.display()
            );
        }
    }
    let imported = import(path, &vocabulary)?;
    Ok(Index::build(imported.directory, vocabulary))
}

/// Refuses an output file that is the input itself: writing it would destroy the input.
pub fn refuse_overwriting(input: &Path, output: &Path) -> Result<()> {
    let same = match (fs::canonicalize(input), fs::canonicalize(output)) {
        (Ok(input), Ok(output)) => input == output,
        _ => false,
    };
    if same {
        bail!(
            "{} is also the input: writing there would overwrite your data; choose another output file",
            output.display()
        );
    }
    Ok(())
}

/// The shipped vocabulary, with a municipality's synonyms file when given.
pub fn vocabulary(synonyms: Option<&Path>) -> Result<Vocabulary> {
    let vocabulary = Vocabulary::dutch();
    match synonyms {
        None => Ok(vocabulary),
        Some(path) => Ok(vocabulary.with_synonyms(&read_text(path)?)?),
    }
}
