//! File sizes as users download them: raw, gzip and brotli.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::Result;

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

/// Measures a file.
pub fn measure(path: &Path) -> Result<FileSize> {
    let bytes = fs::read(path)?;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&bytes)?;
    let gzip = gzip.finish()?.len();
    let mut brotli = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 11, 22);
        writer.write_all(&bytes)?;
    }
    Ok(FileSize {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        raw: bytes.len(),
        gzip,
        brotli: brotli.len(),
    })
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

/// Prints a size table with a total row.
pub fn print_table(files: &[FileSize]) {
    println!(
        "\n    {:<20} {:>12} {:>12} {:>12}",
        "file", "raw", "gzip", "brotli"
    );
    for file in files {
        println!(
            "    {:<20} {:>12} {:>12} {:>12}",
            file.name,
            kb(file.raw),
            kb(file.gzip),
            kb(file.brotli)
        );
    }
    let sum = |f: fn(&FileSize) -> usize| files.iter().map(f).sum::<usize>();
    println!(
        "    {:<20} {:>12} {:>12} {:>12}",
        "total",
        kb(sum(|f| f.raw)),
        kb(sum(|f| f.gzip)),
        kb(sum(|f| f.brotli))
    );
}
