//! Reading the inputs the commands accept: HSDS JSON, an HSDS CSV datapackage folder, the
//! simple spreadsheet CSV, or (for search) an index file.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use anyhow::{bail, Context, Result};
use wegwijs_directory::import::{import_csv_package, import_spreadsheet};
use wegwijs_directory::import::{import_json_reader, Carry};
use wegwijs_directory::{ImportError, Imported, Index, Vocabulary};

/// Imports services from a file or folder; `carry` says whether the HSDS fields the model
/// has no place for are kept (only an export needs them).
pub fn import(path: &Path, vocabulary: &Vocabulary, carry: Carry) -> Result<Imported> {
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
        import_json_file(path, carry)?
    };
    imported.map_err(|error| {
        let hint = match &error {
            ImportError::InvalidJson { message, .. } if message.contains("unicode") => {
                "; is the file saved as UTF-8? Save it as UTF-8 and try again"
            }
            _ => "",
        };
        anyhow::anyhow!("{} cannot be imported: {error}{hint}", path.display())
    })
}

/// Imports an HSDS JSON file without holding its text: it is parsed as it is read, within
/// the input-size limit.
fn import_json_file(path: &Path, carry: Carry) -> Result<Result<Imported, ImportError>> {
    let file = fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let limit = max_input_bytes();
    if file.metadata().is_ok_and(|m| m.len() > limit) {
        bail!(too_large(path));
    }
    let limited = Limited {
        inner: file,
        left: limit,
        path: path.display().to_string(),
    };
    Ok(import_json_reader(
        std::io::BufReader::with_capacity(1 << 20, limited),
        carry,
    ))
}

/// A reader that fails once more than the input-size limit has been read: a device such as
/// `/dev/zero` or a pipe has no size to check beforehand.
struct Limited<R> {
    inner: R,
    left: u64,
    path: String,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.left = self
            .left
            .checked_sub(read as u64)
            .ok_or_else(|| std::io::Error::other(too_large(Path::new(&self.path))))?;
        Ok(read)
    }
}

/// The input-size limit in bytes.
fn max_input_bytes() -> u64 {
    max_input_mb().saturating_mul(1024 * 1024)
}

fn max_input_mb() -> u64 {
    *MAX_INPUT_MB.get().unwrap_or(&DEFAULT_MAX_INPUT_MB)
}

/// What is said about a file over the input-size limit.
fn too_large(path: &Path) -> String {
    format!(
        "{} is larger than {} MB, the most Wegwijs reads; is it the right file? \
         (a social map of 10 000 services is about 16 MB; `--max-input-mb` raises the limit)",
        path.display(),
        max_input_mb()
    )
}

/// The file at `path`, opened, when the commands read it as HSDS JSON.
pub fn json_file(path: &Path) -> Option<fs::File> {
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if path.is_dir() || csv {
        return None;
    }
    fs::File::open(path).ok()
}

/// For a spreadsheet read with `;` between its columns: a line that says so.
pub fn separator_note(path: &Path) -> Option<String> {
    let is_sheet = path.is_file()
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if !is_sheet {
        return None;
    }
    let text = fs::read_to_string(path).ok()?;
    (wegwijs_directory::import::separator_of(&text) == b';')
        .then(|| "columns separated by `;` (as Dutch Excel saves CSV)".to_owned())
}

/// The most megabytes of one input file that are read, unless `--max-input-mb` says otherwise.
pub const DEFAULT_MAX_INPUT_MB: u64 = 1024;

static MAX_INPUT_MB: OnceLock<u64> = OnceLock::new();

/// Sets the largest input file read, in megabytes (once, from the command line).
pub fn set_max_input_mb(megabytes: u64) {
    let _ = MAX_INPUT_MB.set(megabytes);
}

/// The bytes of `path`, refused when they are more than the input-size limit (a device such
/// as `/dev/zero` would otherwise be read until memory runs out).
fn read_limited(path: &Path) -> Result<Vec<u8>> {
    let limit = max_input_bytes();
    let file = fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    // Room for the whole file at once: growing by doubling would hold up to twice its size.
    let size = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > limit {
        bail!(too_large(path));
    }
    Ok(bytes)
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = read_limited(path)?;
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
        let bytes = read_limited(path)?;
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
    let imported = import(path, &vocabulary, Carry::CheckOnly)?;
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
