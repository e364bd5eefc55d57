//! `cargo xtask bench`: measurements side by side with the committed reference run.
//!
//! Each benchmark reports numbers; `bench/reference.json` holds the reference run, and the
//! table shows the ratio current / reference. Nothing here asserts timings: the numbers are
//! for people to read.

use std::collections::BTreeMap;
use std::fs;

use anyhow::{Context, Result};

use crate::bundle::build_dist;
use crate::process::step;
use crate::sizes::{kb, print_table};
use crate::workspace_root;

/// One measured value: name, unit and number.
struct Measurement {
    name: String,
    unit: &'static str,
    value: f64,
}

/// Runs the benchmarks and prints them next to the reference.
pub fn run(save_reference: bool) -> Result<()> {
    let mut measurements = Vec::new();
    bundle_sizes(&mut measurements)?;

    let path = workspace_root().join("bench/reference.json");
    let reference: BTreeMap<String, f64> = fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();

    step("Benchmarks (ratio = this run / reference run in bench/reference.json)");
    println!(
        "    {:<40} {:>14} {:>14} {:>8}",
        "measurement", "this run", "reference", "ratio"
    );
    for m in &measurements {
        let shown = |value: f64| format_value(value, m.unit);
        let (reference_text, ratio) = match reference.get(&m.name) {
            Some(&r) if r > 0.0 => (shown(r), format!("{:.2}", m.value / r)),
            _ => ("-".to_owned(), "-".to_owned()),
        };
        println!(
            "    {:<40} {:>14} {:>14} {:>8}",
            m.name,
            shown(m.value),
            reference_text,
            ratio
        );
    }
    if save_reference {
        let values: BTreeMap<_, _> = measurements
            .iter()
            .map(|m| (m.name.clone(), m.value))
            .collect();
        fs::create_dir_all(path.parent().context("bench dir")?)?;
        fs::write(&path, serde_json::to_string_pretty(&values)? + "\n")?;
        println!("    saved as the new reference: {}", path.display());
    }
    Ok(())
}

fn format_value(value: f64, unit: &str) -> String {
    match unit {
        "bytes" => kb(value as usize),
        other => format!("{value:.3} {other}"),
    }
}

fn bundle_sizes(measurements: &mut Vec<Measurement>) -> Result<()> {
    let bundle = build_dist()?;
    let sizes = bundle.size_report()?;
    print_table(&sizes);
    for size in &sizes {
        for (kind, value) in [
            ("raw", size.raw),
            ("gzip", size.gzip),
            ("brotli", size.brotli),
        ] {
            measurements.push(Measurement {
                name: format!("bundle {} {kind}", size.name),
                unit: "bytes",
                value: value as f64,
            });
        }
    }
    Ok(())
}
