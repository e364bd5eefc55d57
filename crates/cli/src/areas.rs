//! `wegwijs areas`: neighbourhood outlines for the map. Reads a GeoJSON of neighbourhoods
//! (for example the CBS "wijk- en buurtkaart", in RD New or WGS84), writes a small simplified
//! file for the widget's `areas` attribute, checks that every service with coordinates lies
//! in a neighbourhood, and can derive the postcode table from the services.

use std::fs;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;
use wegwijs_directory::areas::Areas;
use wegwijs_directory::places::PostcodeTable;

use crate::input;

/// The arguments of `wegwijs areas`.
#[derive(Debug, Args)]
pub struct AreasArgs {
    /// GeoJSON of the neighbourhoods (Polygon or MultiPolygon features with a name such as
    /// `name`, `buurtnaam` or `wijknaam`); RD New coordinates are converted.
    input: PathBuf,
    /// The simplified GeoJSON to write, for the widget's `areas` attribute.
    #[arg(short, long)]
    output: PathBuf,
    /// Positions closer than this to the simplified outline are dropped, in metres.
    #[arg(long, default_value_t = 10.0)]
    tolerance: f64,
    /// Decimals kept in the coordinates (5 is about a metre).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(0..=8))]
    decimals: u32,
    /// A social map (any input `validate` reads) whose services with coordinates must all lie
    /// in a neighbourhood.
    #[arg(long)]
    check: Option<PathBuf>,
    /// Also write the postcode table of the services of `--check`: each 4-digit postcode
    /// with the centre of its services and the neighbourhood that centre lies in.
    #[arg(long, requires = "check")]
    postcodes: Option<PathBuf>,
}

/// Runs `wegwijs areas`; fails (after writing the files) when a feature had to be left out
/// or a service lies outside every neighbourhood.
pub fn run(args: AreasArgs) -> Result<bool> {
    input::refuse_overwriting(&args.input, &args.output)?;
    if !args.tolerance.is_finite() || args.tolerance < 0.0 {
        bail!("--tolerance must be 0 or more metres");
    }
    let text = fs::read_to_string(&args.input)
        .with_context(|| format!("cannot read {}", args.input.display()))?;
    let read = Areas::from_geojson(&text)
        .map_err(|why| anyhow::anyhow!("{}: {why}", args.input.display()))?;
    for problem in &read.problems {
        eprintln!("{}: {problem}", args.input.display());
    }
    let simple = read.areas.simplified(args.tolerance);
    let written = simple.to_geojson(args.decimals);
    fs::write(&args.output, &written)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    println!(
        "{} neighbourhoods{}: {} → {} positions, {} → {} bytes, in {}",
        simple.neighbourhoods.len(),
        if read.converted_from_rd {
            " (converted from RD New)"
        } else {
            ""
        },
        read.areas.positions(),
        simple.positions(),
        text.len(),
        written.len(),
        args.output.display()
    );
    let mut fine = read.problems.is_empty();
    if let Some(check) = &args.check {
        let index = input::index(check, input::vocabulary(None)?)?;
        let directory = index.directory();
        let outside = simple.outside(directory);
        for (id, name, point) in &outside {
            eprintln!(
                "{}: service {id} ({name}) at {:.5},{:.5} lies in no neighbourhood",
                check.display(),
                point.lat,
                point.lon
            );
        }
        let located = directory
            .services
            .iter()
            .flat_map(|s| &s.locations)
            .filter(|l| l.point.is_some())
            .count();
        println!(
            "{located} locations with coordinates, {} outside every neighbourhood",
            outside.len()
        );
        fine &= outside.is_empty();
        if let Some(path) = &args.postcodes {
            input::refuse_overwriting(check, path)?;
            let table = simple.name_postcodes(&PostcodeTable::from_directory(directory));
            let json = serde_json::to_string_pretty(&table.0)?;
            fs::write(path, json).with_context(|| format!("cannot write {}", path.display()))?;
            println!("{} postcodes in {}", table.0.len(), path.display());
        }
    }
    Ok(fine)
}
