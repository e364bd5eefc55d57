//! File sizes as users download them: raw, gzip and brotli.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// The size of one file, uncompressed and compressed.
#[derive(Debug, Clone)]
pub struct FileSize {
    /// File name.
    pub name: String,
    /// Bytes on disk.
    pub raw: usize,
    /// Bytes after gzip -9.
    pub gzip: usize,
    /// Bytes after brotli quality 11.
    pub brotli: usize,
}

/// The sizes of a file and of the `.gz` and `.br` copies beside it (see
/// [`crate::bundle::precompress`]), so the size report costs no second compression.
pub fn of_precompressed(path: &Path) -> Result<FileSize> {
    let length = |suffix: &str| -> Result<usize> {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let file = Path::new(&name);
        Ok(fs::metadata(file)
            .with_context(|| format!("cannot read {}", file.display()))?
            .len() as usize)
    };
    Ok(FileSize {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        raw: length("")?,
        gzip: length(".gz")?,
        brotli: length(".br")?,
    })
}

/// `bytes` compressed with gzip -9.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(bytes)?;
    Ok(gzip.finish()?)
}

/// `bytes` compressed with brotli quality 11 (what servers use for static files).
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut compressed = Vec::new();
    {
        let mut writer = ::brotli::CompressorWriter::new(&mut compressed, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(compressed)
}

/// Bytes after gzip (default level), for large data files where brotli 11 is too slow.
pub fn gzip_size(path: &Path) -> Result<usize> {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(&fs::read(path)?)?;
    Ok(gzip.finish()?.len())
}

/// Kilobytes with one decimal.
pub fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// Prints a size table.
pub fn print_table(files: &[FileSize]) {
    println!(
        "\n    {:<28} {:>12} {:>12} {:>12}",
        "file", "raw", "gzip", "brotli"
    );
    for file in files {
        println!(
            "    {:<28} {:>12} {:>12} {:>12}",
            file.name,
            kb(file.raw),
            kb(file.gzip),
            kb(file.brotli)
        );
    }
}
