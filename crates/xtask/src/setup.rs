//! `cargo xtask setup`: install what is missing, skip what is there.
//!
//! Rust target and wasm-bindgen CLI (the version in Cargo.lock), Debian's Chromium,
//! ChromeDriver and the DejaVu fonts the browser tests render with, Debian's PostgreSQL for
//! the live sessions' tests, and the project-local npm
//! packages (playwright-core, axe-core, binaryen's wasm-opt) from package-lock.json.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::process::{available, cargo, command, quiet_output as output, run, step};
use crate::workspace_root;

/// Where Debian's Chromium and ChromeDriver live.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's ChromeDriver, used by wasm-bindgen-test-runner.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The font file the browser tests depend on (Debian's `fonts-dejavu-core`).
pub const TEST_FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// The fontconfig file that lets Chromium see only the test fonts (`tests/fonts/fonts.conf`).
pub fn fontconfig_file() -> PathBuf {
    workspace_root().join("tests/fonts/fonts.conf")
}

/// Installs whatever is missing.
pub fn ensure_all() -> Result<()> {
    let started = Instant::now();
    step("Checking the tools Wegwijs needs (installing only what is missing)");
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_debian_packages()?;
    ensure_npm_packages()?;
    println!("    setup done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn ensure_wasm_target() -> Result<()> {
    let installed =
        output(command("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        println!("    ok  rust target wasm32-unknown-unknown");
        return Ok(());
    }
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock =
        fs::read_to_string(workspace_root().join("Cargo.lock")).context("Cargo.lock is missing")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
    }
    bail!("Cargo.lock has no wasm-bindgen entry")
}

fn ensure_wasm_bindgen() -> Result<()> {
    let wanted = locked_wasm_bindgen_version()?;
    let current = output(command("wasm-bindgen").arg("--version")).unwrap_or_default();
    let has_runner = available("wasm-bindgen-test-runner");
    if current.split_whitespace().nth(1) == Some(wanted.as_str()) && has_runner {
        println!("    ok  wasm-bindgen {wanted}");
        return Ok(());
    }
    step(&format!(
        "Installing wasm-bindgen-cli {wanted} (a few minutes, once)"
    ));
    // Not --locked: its lock file pins a webpki-roots that no longer resolves.
    run(cargo().args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--force",
    ]))
}

fn ensure_debian_packages() -> Result<()> {
    let mut missing = Vec::new();
    if !PathBuf::from(CHROMIUM).exists() {
        missing.push("chromium");
    }
    if !PathBuf::from(CHROMEDRIVER).exists() {
        missing.push("chromium-driver");
    }
    if !PathBuf::from(TEST_FONT).exists() {
        missing.push("fonts-dejavu-core");
    }
    if !available("node") || !available("npm") {
        missing.extend(["nodejs", "npm"]);
    }
    if crate::postgres::programs().is_none() {
        missing.push("postgresql");
    }
    if missing.is_empty() {
        println!("    ok  chromium, chromedriver, fonts-dejavu-core, node, npm, postgresql");
        return Ok(());
    }
    step(&format!(
        "Installing Debian packages: {}",
        missing.join(" ")
    ));
    let is_root = output(command("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut apt = if is_root {
            command("apt-get")
        } else {
            let mut sudo = command("sudo");
            sudo.arg("apt-get");
            sudo
        };
        apt.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut apt)
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(missing);
    apt(&install)
}

fn ensure_npm_packages() -> Result<()> {
    ensure_npm_folder(
        &workspace_root(),
        "playwright-core, axe-core, binaryen",
        &["node_modules/.bin/wasm-opt"],
    )
}

/// Installs the npm packages of `folder` from its `package-lock.json` (`npm ci`), unless the
/// same lock file was installed there before and the `expected` files exist.
pub fn ensure_npm_folder(folder: &Path, what: &str, expected: &[&str]) -> Result<()> {
    let lock = fs::read(folder.join("package-lock.json"))
        .with_context(|| format!("{} has no package-lock.json", folder.display()))?;
    let stamp = folder.join("node_modules/.wegwijs-lock");
    if fs::read(&stamp).is_ok_and(|installed| installed == lock)
        && expected.iter().all(|file| folder.join(file).exists())
    {
        println!("    ok  npm packages ({what})");
        return Ok(());
    }
    step(&format!(
        "Installing npm packages ({what}) from package-lock.json"
    ));
    run(command("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(folder))?;
    fs::write(&stamp, lock).context("cannot write the npm stamp file")?;
    Ok(())
}

/// Project-local wasm-opt (npm binaryen@132; Debian's is too old and breaks the bundle).
pub fn wasm_opt() -> PathBuf {
    workspace_root().join("node_modules/.bin/wasm-opt")
}
