//! `cargo xtask bench`: measurements side by side with the committed reference run.
//!
//! Each benchmark reports numbers; `bench/reference.json` holds the reference run, and the
//! table shows the ratio this run / reference. Nothing here asserts timings: the numbers are
//! for people to read.
//!
//! - bundle sizes (raw, gzip, brotli);
//! - search: index size against gzipped HSDS JSON, index load time, query latency p50/p95
//!   natively and in headless Chromium (the wasm build), next to MiniSearch on the same data
//!   in the same browser, recall@5 of both on the judged questions (life domains), and
//!   nDCG@5, MRR and S@1 of both per group of the judged service-level queries. Data sets:
//!   the demo map and generated maps of 10 000 and 100 000 services;
//! - Lighthouse (mobile preset) on each page of the demo portal that has a widget, and the
//!   home page: performance score, LCP, TBT, CLS, bytes transferred in all and for Wegwijs;
//! - live sessions: `wegwijs serve` on an SQLite file and on PostgreSQL under 200
//!   respondents who send and change their answers at once, and about a second apart
//!   (loopback): acknowledged submissions per second, p50/p99,
//!   and a failure when an acknowledged answer is missing afterwards.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::Value;

use crate::bundle::{build_demo, build_wasm, Bundle, Glue};
use crate::postgres::Postgres;
use crate::process::{cargo, command, output, run as run_command, step};
use crate::setup::{ensure_npm_folder, fontconfig_file, CHROMIUM};
use crate::sizes::{gzip_size, kb, print_table};
use crate::test::{remove_database, serve_demo, start_server};
use crate::workspace_root;

/// One measured value.
struct Measurement {
    name: String,
    unit: &'static str,
    value: f64,
}

fn push(
    measurements: &mut Vec<Measurement>,
    name: impl Into<String>,
    unit: &'static str,
    value: f64,
) {
    measurements.push(Measurement {
        name: name.into(),
        unit,
        value,
    });
}

/// Runs the benchmarks and prints them next to the reference.
pub fn run(save_reference: bool) -> Result<()> {
    let mut measurements = Vec::new();
    let bundle = bundle_sizes(&mut measurements)?;
    let cli = native_cli()?;
    search(&mut measurements, &cli)?;
    live_load(&mut measurements, &cli)?;
    lighthouse(&mut measurements, &bundle)?;

    let path = workspace_root().join("bench/reference.json");
    let reference: BTreeMap<String, f64> = fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();

    step("Benchmarks (ratio = this run / reference run in bench/reference.json)");
    println!(
        "    {:<44} {:>14} {:>14} {:>8}",
        "measurement", "this run", "reference", "ratio"
    );
    for m in &measurements {
        let shown = |value: f64| format_value(value, m.unit);
        let (reference_text, ratio) = match reference.get(&m.name) {
            Some(&r) if r > 0.0 => (shown(r), format!("{:.2}", m.value / r)),
            _ => ("-".to_owned(), "-".to_owned()),
        };
        println!(
            "    {:<44} {:>14} {:>14} {:>8}",
            m.name,
            shown(m.value),
            reference_text,
            ratio
        );
    }
    // Every run's figures are kept, so a good run can become the reference afterwards
    // (copy the file) without running everything again.
    let values: BTreeMap<_, _> = measurements
        .iter()
        .map(|m| (m.name.clone(), m.value))
        .collect();
    let figures = serde_json::to_string_pretty(&values)? + "\n";
    let last = workspace_root().join("target/bench/last.json");
    fs::create_dir_all(last.parent().context("target/bench")?)?;
    fs::write(&last, &figures)?;
    println!("    this run's figures: {}", last.display());
    if save_reference {
        fs::write(&path, &figures)?;
        println!("    saved as the new reference: {}", path.display());
    }
    Ok(())
}

fn format_value(value: f64, unit: &str) -> String {
    match unit {
        "bytes" => kb(value as usize),
        "count" => format!("{value:.0}"),
        "ratio" => format!("{value:.3}"),
        other => format!("{value:.3} {other}"),
    }
}

fn bundle_sizes(measurements: &mut Vec<Measurement>) -> Result<Bundle> {
    let bundle = build_demo()?;
    let mut sizes = bundle.size_report()?;
    sizes.extend(bundle.page_sizes()?);
    print_table(&sizes);
    for size in &sizes {
        for (kind, value) in [
            ("raw", size.raw),
            ("gzip", size.gzip),
            ("brotli", size.brotli),
        ] {
            push(
                measurements,
                format!("bundle {} {kind}", size.name),
                "bytes",
                value as f64,
            );
        }
    }
    Ok(bundle)
}

/// Builds the `wegwijs` command optimised for speed; returns its path.
fn native_cli() -> Result<PathBuf> {
    step("Building the wegwijs CLI (native, optimised for speed)");
    run_command(cargo().args([
        "build",
        "--quiet",
        "--profile",
        "native-release",
        "-p",
        "wegwijs-cli",
    ]))?;
    Ok(workspace_root().join("target/native-release/wegwijs"))
}

/// Data sets: name and the HSDS JSON it comes from (generated ones are made on first use).
fn data_sets(dir: &Path, cli: &Path) -> Result<Vec<(&'static str, PathBuf)>> {
    let mut sets = vec![("demo", workspace_root().join("www/data/kaart.json"))];
    for (name, count) in [("10k", 10_000), ("100k", 100_000)] {
        let file = dir.join(format!("{name}.json"));
        if !file.exists() {
            step(&format!("Generating {count} services"));
            run_command(
                command(cli)
                    .args([
                        "generate",
                        "--services",
                        &count.to_string(),
                        "--seed",
                        "1",
                        "-o",
                    ])
                    .arg(&file),
            )?;
        }
        sets.push((name, file));
    }
    Ok(sets)
}

/// The mixed query set: every judged question, and each one half typed.
fn write_queries(dir: &Path) -> Result<PathBuf> {
    let judged: Value = serde_json::from_str(&fs::read_to_string(
        workspace_root().join("tests/fixtures/judged-queries.json"),
    )?)?;
    let mut queries = Vec::new();
    for entry in judged["queries"].as_array().context("judged queries")? {
        let text = entry["q"].as_str().context("query text")?;
        queries.push(text.to_owned());
        let typed: String = text
            .chars()
            .take((text.chars().count() * 3 / 5).max(3))
            .collect();
        queries.push(typed);
    }
    let path = dir.join("queries.json");
    fs::write(&path, serde_json::to_string(&queries)?)?;
    Ok(path)
}

fn search(measurements: &mut Vec<Measurement>, cli: &Path) -> Result<()> {
    let root = workspace_root();
    let dir = root.join("target/bench");
    fs::create_dir_all(&dir)?;
    let sets = data_sets(&dir, cli)?;
    let queries = write_queries(&dir)?;

    for (name, source) in &sets {
        step(&format!("Indexing and timing natively: {name}"));
        let index = dir.join(format!("{name}.idx"));
        run_command(command(cli).arg("index").arg(source).arg("-o").arg(&index))?;
        run_command(
            command(cli)
                .arg("bench-docs")
                .arg(source)
                .arg("-o")
                .arg(dir.join(format!("{name}.docs.json"))),
        )?;
        let rounds = if *name == "100k" { "3" } else { "20" };
        let report = output(
            command(cli)
                .arg("bench-search")
                .arg(&index)
                .arg("--queries")
                .arg(&queries)
                .args(["--rounds", rounds]),
        )
        .context("bench-search failed")?;
        let report: Value = serde_json::from_str(&report)?;
        push(
            measurements,
            format!("{name} services"),
            "count",
            report["services"].as_f64().unwrap_or_default(),
        );
        push(
            measurements,
            format!("{name} HSDS JSON gzip"),
            "bytes",
            gzip_size(source)? as f64,
        );
        push(
            measurements,
            format!("{name} index gzip"),
            "bytes",
            gzip_size(&index)? as f64,
        );
        push(
            measurements,
            format!("{name} index load native"),
            "ms",
            report["load_ms"].as_f64().unwrap_or_default(),
        );
        push(
            measurements,
            format!("{name} query p50 native"),
            "µs",
            report["p50_us"].as_f64().unwrap_or_default(),
        );
        push(
            measurements,
            format!("{name} query p95 native"),
            "µs",
            report["p95_us"].as_f64().unwrap_or_default(),
        );
    }

    let (glue, _) = build_wasm(
        "wegwijs-bench-wasm",
        "wegwijs_bench",
        &dir.join("pkg"),
        Glue::Module,
        &[],
    )?;
    fs::copy(&glue, dir.join("pkg/wegwijs_bench.js"))?;
    step("Timing in headless Chromium: Wegwijs (wasm) and MiniSearch on the same data");
    let names: Vec<&str> = sets.iter().map(|(name, _)| *name).collect();
    let lines = output(
        command("node")
            .arg(root.join("bench/browser.mjs"))
            .env("BENCH_DIR", &dir)
            .env("BENCH_SETS", names.join(","))
            .env("CHROMIUM", CHROMIUM),
    )
    .context("the browser benchmark failed")?;
    for line in lines.lines().filter(|l| l.starts_with('{')) {
        let result: Value = serde_json::from_str(line)?;
        let name = result["set"].as_str().unwrap_or("?");
        let number = |path: &[&str]| {
            path.iter()
                .fold(&result, |v, key| &v[*key])
                .as_f64()
                .unwrap_or_default()
        };
        push(
            measurements,
            format!("{name} index load wasm"),
            "ms",
            number(&["wasm", "load_ms"]),
        );
        push(
            measurements,
            format!("{name} query p50 wasm"),
            "µs",
            number(&["wasm", "p50_us"]),
        );
        push(
            measurements,
            format!("{name} query p95 wasm"),
            "µs",
            number(&["wasm", "p95_us"]),
        );
        push(
            measurements,
            format!("{name} minisearch build"),
            "ms",
            number(&["minisearch", "build_ms"]),
        );
        push(
            measurements,
            format!("{name} query p50 minisearch"),
            "µs",
            number(&["minisearch", "p50_us"]),
        );
        push(
            measurements,
            format!("{name} query p95 minisearch"),
            "µs",
            number(&["minisearch", "p95_us"]),
        );
        push(
            measurements,
            format!("{name} p95 wegwijs / minisearch"),
            "ratio",
            number(&["wasm", "p95_us"]) / number(&["minisearch", "p95_us"]).max(f64::EPSILON),
        );
        if name == "demo" {
            relevance(measurements, cli, &dir, &result["ranked"])?;
            push(
                measurements,
                "recall@5 wegwijs (demo, browser)",
                "ratio",
                number(&["recall_at_5", "wegwijs"]),
            );
            push(
                measurements,
                "recall@5 minisearch (demo, browser)",
                "ratio",
                number(&["recall_at_5", "minisearch"]),
            );
        }
    }
    widget(measurements, &dir)
}

/// The judged service-level queries (the main set and the held-out one): nDCG@5, MRR and S@1
/// per group, for each engine's results in the browser run (same data, same page).
fn relevance(
    measurements: &mut Vec<Measurement>,
    cli: &Path,
    dir: &Path,
    ranked: &Value,
) -> Result<()> {
    let ranked_path = dir.join("ranked.json");
    fs::write(&ranked_path, serde_json::to_string(ranked)?)?;
    for (file, set) in [
        ("judged-services.json", ""),
        ("judged-services-holdout.json", "held-out "),
    ] {
        let report = output(
            command(cli)
                .arg("bench-relevance")
                .arg(dir.join("demo.idx"))
                .arg("--judged")
                .arg(workspace_root().join("tests/fixtures").join(file))
                .arg("--ranked")
                .arg(&ranked_path),
        )
        .context("bench-relevance failed")?;
        let report: Value = serde_json::from_str(&report)?;
        let groups = report["wegwijs"]
            .as_object()
            .context("no wegwijs figures")?;
        for group in groups.keys() {
            for (figure, label) in [
                ("ndcg", "nDCG@5"),
                ("reciprocal_rank", "MRR"),
                ("success_at_1", "S@1"),
            ] {
                for engine in ["wegwijs", "minisearch"] {
                    // Each group is [query count, figures].
                    let value = report[engine][group][1][figure]
                        .as_f64()
                        .unwrap_or_default();
                    push(
                        measurements,
                        format!("{label} {set}{group} {engine}"),
                        "ratio",
                        value,
                    );
                }
            }
        }
    }
    Ok(())
}

/// Live sessions under load: `wegwijs serve` (native release build, rate limits off) on a
/// fresh SQLite file and on a fresh PostgreSQL, 200 respondents at once, 10 submissions each.
fn live_load(measurements: &mut Vec<Measurement>, cli: &Path) -> Result<()> {
    let dir = workspace_root().join("target/bench/live");
    fs::create_dir_all(&dir)?;
    fs::write(
        dir.join("index.html"),
        "<!doctype html><title>bench</title>",
    )?;
    let database = dir.join("sessions.sqlite");
    remove_database(&database)?;
    live_load_on(
        "sqlite",
        &format!("sqlite:{}", database.display()),
        &dir,
        cli,
        measurements,
    )?;
    let postgres = Postgres::start()?;
    live_load_on("postgres", &postgres.url, &dir, cli, measurements)
}

fn live_load_on(
    name: &str,
    database: &str,
    root: &Path,
    cli: &Path,
    measurements: &mut Vec<Measurement>,
) -> Result<()> {
    let (server, base_url) = start_server(
        command(cli)
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--addr", "127.0.0.1:0", "--database", database])
            .args(["--opens-per-minute", "0", "--answers-per-minute", "0"])
            .stderr(std::process::Stdio::null()),
    )?;
    // At once: the most the server takes. Paced: each respondent pauses about a second
    // between answers (between none and two), as people do; what latency a team sees.
    for (profile, pause_ms, pace) in [
        ("", "0", "at once"),
        (" paced", "1000", "about a second apart"),
    ] {
        step(&format!(
            "Live sessions: 200 respondents sending and changing answers {pace} ({name})"
        ));
        let line = output(
            command(cli)
                .args([
                    "bench-live",
                    &base_url,
                    "--respondents",
                    "200",
                    "--rounds",
                    "10",
                ])
                .args(["--pause-ms", pause_ms])
                .arg("--instrument")
                .arg(workspace_root().join("www/data/scan-vormen.json")),
        )
        .context("the live-session load benchmark failed")?;
        let result: Value = serde_json::from_str(line.trim())?;
        let number = |key: &str| result[key].as_f64().unwrap_or_default();
        anyhow::ensure!(
            number("lost") == 0.0,
            "{name}: {} acknowledged answers were missing afterwards: {result}",
            number("lost")
        );
        for (key, what, unit) in [
            ("per_second", "submissions per second", "per s"),
            ("p50_ms", "submission p50", "ms"),
            ("p99_ms", "submission p99", "ms"),
            ("refused", "submissions refused", "count"),
        ] {
            push(
                measurements,
                format!("live {name}{profile} {what}"),
                unit,
                number(key),
            );
        }
    }
    drop(server);
    Ok(())
}

/// The widget on 10 000 services: time to first results, keystroke to results, "Kaart" to
/// the markers of all of them.
fn widget(measurements: &mut Vec<Measurement>, dir: &Path) -> Result<()> {
    step("Timing the sociale-kaart widget on 10 000 services in headless Chromium");
    let root = workspace_root();
    let line = output(
        command("node")
            .arg(root.join("bench/widget.mjs"))
            .env("BENCH_DIR", dir)
            .env("DEMO_DIR", root.join("target/demo"))
            .env("CHROMIUM", CHROMIUM),
    )
    .context("the widget benchmark failed")?;
    let result: Value = serde_json::from_str(line.lines().last().unwrap_or_default())?;
    for (key, name) in [
        ("first_results_ms", "widget 10k page load to first results"),
        (
            "mounted_to_first_results_ms",
            "widget 10k started to results",
        ),
        (
            "keystroke_handling_p95_ms",
            "widget 10k keystroke handling p95",
        ),
        (
            "input_to_results_p50_ms",
            "widget 10k input to results p50 (150 ms pause)",
        ),
        (
            "input_to_results_p95_ms",
            "widget 10k input to results p95 (150 ms pause)",
        ),
        (
            "map_first_open_ms",
            "widget 10k map open to map drawn (map code loading)",
        ),
        (
            "map_open_again_ms",
            "widget 10k map open to map drawn again",
        ),
    ] {
        push(
            measurements,
            name,
            "ms",
            result[key].as_f64().unwrap_or_default(),
        );
    }
    Ok(())
}

/// Lighthouse, mobile preset, on the demo portal served by `wegwijs-server` (compressed).
fn lighthouse(measurements: &mut Vec<Measurement>, bundle: &Bundle) -> Result<()> {
    let folder = workspace_root().join("bench/lighthouse");
    ensure_npm_folder(
        &folder,
        "lighthouse",
        &["node_modules/lighthouse/package.json"],
    )?;
    let (server, base_url) = serve_demo(bundle)?;
    step("Lighthouse (mobile) on the demo portal's widget pages");
    let line = output(
        command("node")
            .arg(folder.join("run.mjs"))
            .env("BASE_URL", &base_url)
            .env("CHROMIUM", CHROMIUM)
            .env("FONTCONFIG_FILE", fontconfig_file()),
    )
    .context("the Lighthouse run failed")?;
    drop(server);
    let result: Value = serde_json::from_str(line.lines().last().unwrap_or_default())?;
    for (page, figures) in result.as_object().context("Lighthouse results")? {
        for (key, label, unit) in [
            ("performance", "performance score", "count"),
            ("lcp_ms", "LCP", "ms"),
            ("tbt_ms", "TBT", "ms"),
            ("cls", "CLS", "ratio"),
            ("transfer_bytes", "transferred", "bytes"),
            ("wegwijs_bytes", "transferred for Wegwijs", "bytes"),
        ] {
            let value = figures[key].as_f64().unwrap_or(f64::NAN);
            push(
                measurements,
                format!("lighthouse {page} {label}"),
                unit,
                value,
            );
        }
    }
    Ok(())
}
