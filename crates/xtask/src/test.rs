//! `cargo xtask test`: every check and test, then a summary.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::bundle::{build_demo, Bundle};
use crate::postgres::{self, Postgres};
use crate::process::{cargo, command, run, step};
use crate::setup::{ensure_all, fontconfig_file, CHROMEDRIVER, CHROMIUM};
use crate::workspace_root;

struct Outcome {
    name: &'static str,
    result: Result<()>,
    seconds: f64,
}

fn timed(name: &'static str, outcomes: &mut Vec<Outcome>, f: impl FnOnce() -> Result<()>) {
    step(name);
    let started = Instant::now();
    let result = f();
    if let Err(error) = &result {
        println!("    FAILED: {error:#}");
    }
    outcomes.push(Outcome {
        name,
        result,
        seconds: started.elapsed().as_secs_f64(),
    });
}

/// Runs everything; fails when anything failed.
pub fn run_all() -> Result<()> {
    let started = Instant::now();
    ensure_all()?;
    let mut outcomes = Vec::new();
    timed("Formatting (cargo fmt --check)", &mut outcomes, || {
        run(cargo().args(["fmt", "--all", "--", "--check"]))
    });
    timed("Lints, native (clippy -D warnings)", &mut outcomes, || {
        run(cargo().args([
            "clippy",
            "--workspace",
            "--exclude",
            "wegwijs-embed",
            "--all-targets",
            "--features",
            "wegwijs-widgets/ssr",
            "--",
            "-D",
            "warnings",
        ]))
    });
    timed("Lints, wasm (clippy -D warnings)", &mut outcomes, || {
        run(cargo().args([
            "clippy",
            "-p",
            "wegwijs-embed",
            "-p",
            "wegwijs-widgets",
            "--all-targets",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))?;
        // The bundles that read only indexes compile code of their own.
        run(cargo().args([
            "clippy",
            "-p",
            "wegwijs-embed",
            "--no-default-features",
            "--features",
            "kaart,hulpwijzer",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))
    });
    timed(
        "Native unit, property and SSR component tests",
        &mut outcomes,
        || {
            run(cargo().args([
                "test",
                "--workspace",
                "--exclude",
                "wegwijs-embed",
                "--features",
                "wegwijs-widgets/ssr",
            ]))
        },
    );
    timed(
        "Live sessions on PostgreSQL (API and crash tests)",
        &mut outcomes,
        || {
            let postgres = Postgres::start()?;
            run(cargo()
                .args(["test", "-p", "wegwijs-server", "--", "--ignored"])
                .env(postgres::VARIABLE, &postgres.url))
        },
    );
    timed(
        "Browser tests (wasm-bindgen-test in headless Chromium)",
        &mut outcomes,
        || {
            run(cargo()
                .args([
                    "test",
                    "-p",
                    "wegwijs-widgets",
                    "--features",
                    "csr",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--test",
                    "browser",
                ])
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    "wasm-bindgen-test-runner",
                )
                .env("CHROMEDRIVER", CHROMEDRIVER)
                .env("FONTCONFIG_FILE", fontconfig_file())
                .env("WASM_BINDGEN_TEST_TIMEOUT", "60"))
        },
    );
    let mut bundle = None;
    timed("Building the demo portal", &mut outcomes, || {
        bundle = Some(build_demo()?);
        Ok(())
    });
    timed(
        "End-to-end tests (Playwright + axe-core in headless Chromium)",
        &mut outcomes,
        || {
            let bundle = bundle.as_ref().context("the demo portal did not build")?;
            end_to_end(bundle, None)
        },
    );

    println!(
        "\n==> Summary ({:.0} s in all)",
        started.elapsed().as_secs_f64()
    );
    for outcome in &outcomes {
        let mark = if outcome.result.is_ok() {
            "pass"
        } else {
            "FAIL"
        };
        println!(
            "    {mark}  {:<62} {:>6.1} s",
            outcome.name, outcome.seconds
        );
    }
    let failed = outcomes.iter().filter(|o| o.result.is_err()).count();
    if failed > 0 {
        bail!("{failed} of {} steps failed", outcomes.len());
    }
    println!("    all {} steps passed", outcomes.len());
    Ok(())
}

/// A running server; dropping it stops the server, also on failure.
pub struct Server(Child);

/// Removes an SQLite database and its WAL files, so that a run starts empty.
pub fn remove_database(database: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", database.display()));
        if file.exists() {
            std::fs::remove_file(&file)
                .with_context(|| format!("cannot remove {}", file.display()))?;
        }
    }
    Ok(())
}

/// Starts a server command (`wegwijs-server` or `wegwijs serve`) and waits for the first line
/// it prints, which names its address; returns it and its URL.
pub fn start_server(server: &mut Command) -> Result<(Server, String)> {
    let mut server = Server(
        server
            .stdout(Stdio::piped())
            .spawn()
            .context("cannot start the server")?,
    );
    let stdout = server.0.stdout.take().context("server stdout")?;
    let mut first_line = String::new();
    BufReader::new(stdout).read_line(&mut first_line)?;
    let base_url = first_line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .with_context(|| format!("unexpected server output: {first_line:?}"))?
        .to_owned();
    Ok((server, base_url))
}

/// Starts `wegwijs-server` on a free port for the built demo portal; returns it and its URL.
pub fn serve_demo(bundle: &Bundle) -> Result<(Server, String)> {
    run(cargo().args([
        "build",
        "--quiet",
        "--profile",
        "tool",
        "-p",
        "wegwijs-server",
    ]))?;
    let binary = workspace_root().join("target/tool/wegwijs-server");
    // Live sessions of the tests start from an empty database every run.
    let database = workspace_root().join("target/e2e-sessions.sqlite");
    remove_database(&database)?;
    let (server, base_url) = start_server(
        command(&binary)
            .arg("--root")
            .arg(&bundle.demo_root)
            .args(["--addr", "127.0.0.1:0"])
            .arg("--database")
            .arg(format!("sqlite:{}", database.display()))
            // Every browser context of the tests comes from one address.
            .args(["--opens-per-minute", "0", "--answers-per-minute", "0"]),
    )?;
    println!("    demo portal at {base_url}");
    Ok((server, base_url))
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `cargo xtask shots`: the end-to-end tests once more, writing a screenshot of every widget
/// state they look at (390 and 1280 px, and printed) into `target/shots/`.
pub fn shots() -> Result<()> {
    ensure_all()?;
    let bundle = build_demo()?;
    let dir = workspace_root().join("target/shots");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).context("cannot empty target/shots")?;
    }
    std::fs::create_dir_all(&dir).context("cannot create target/shots")?;
    step("Screenshots of every widget state the end-to-end tests reach");
    let result = end_to_end(&bundle, Some(&dir));
    let count = std::fs::read_dir(&dir)?.count();
    println!("\n    {count} screenshots in {}", dir.display());
    result
}

/// Starts the demo server and runs every `tests/e2e/*.test.mjs` against it; with `shots`,
/// the tests also write their screenshots there.
fn end_to_end(bundle: &Bundle, shots: Option<&std::path::Path>) -> Result<()> {
    let (server, base_url) = serve_demo(bundle)?;
    let tests_dir = workspace_root().join("tests/e2e");
    let mut files: Vec<_> = std::fs::read_dir(&tests_dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    anyhow::ensure!(
        !files.is_empty(),
        "no end-to-end tests in {}",
        tests_dir.display()
    );
    let mut node = command("node");
    node.args(["--test", "--test-reporter=spec"])
        .args(
            files
                .iter()
                .map(|f| f.strip_prefix(workspace_root()).unwrap_or(f)),
        )
        .env("WEGWIJS_BASE_URL", &base_url)
        .env("CHROMIUM", CHROMIUM)
        .env("FONTCONFIG_FILE", fontconfig_file());
    if let Some(dir) = shots {
        node.env("WEGWIJS_SHOTS", dir);
    }
    let result = run(&mut node);
    drop(server);
    result
}
