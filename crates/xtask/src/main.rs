//! `cargo xtask`: developer automation for Wegwijs.
//!
//! - `setup`: installs what is missing, idempotently (seconds when everything is there).
//! - `demo`: builds and serves the demo portal on <http://127.0.0.1:8080>.
//! - `test`: every check and test, with a summary; non-zero exit on any failure.
//! - `dist`: the embeddable release bundle with SRI hashes and sizes.
//! - `bench`: benchmarks, side by side with the committed reference run.
//! - `shots`: screenshots of every widget state the end-to-end tests reach, into `target/shots/`.
//!
//! The repository's invariants are tests too (`tidy`, run by `cargo test`).

mod bench;
mod bundle;
mod postgres;
mod process;
mod setup;
mod sizes;
mod test;
#[cfg(test)]
mod tidy;

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "Wegwijs developer automation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Install the toolchain pieces, browsers and npm packages that are missing.
    Setup,
    /// Build and serve the demo municipal portal.
    Demo {
        /// Address to serve on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
    /// Run every check and test: fmt, clippy, native, SSR, wasm (browser) and end-to-end.
    Test,
    /// Build the embeddable release bundle into target/dist/wegwijs.
    Dist,
    /// Screenshots (PNG) of every widget state the end-to-end tests reach, at 390 and 1280 px
    /// and printed, into target/shots/.
    Shots,
    /// Run the benchmarks and compare them with bench/reference.json.
    Bench {
        /// Store this run as the new reference.
        #[arg(long)]
        save_reference: bool,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Setup => setup::ensure_all(),
        Command::Demo { addr } => {
            setup::ensure_all()?;
            let bundle = bundle::build_demo()?;
            process::step(&format!(
                "Serving the demo portal on http://{addr}/ (Ctrl+C stops)"
            ));
            process::run(
                process::cargo()
                    .args([
                        "run",
                        "--quiet",
                        "--profile",
                        "tool",
                        "-p",
                        "wegwijs-server",
                        "--",
                    ])
                    .arg("--root")
                    .arg(&bundle.demo_root)
                    .args(["--addr", &addr])
                    .args(["--database", "sqlite:target/demo-sessions.sqlite"]),
            )
        }
        Command::Test => test::run_all(),
        Command::Shots => test::shots(),
        Command::Dist => {
            setup::ensure_all()?;
            let bundle = bundle::build_dist()?;
            println!("\n    bundle: {}", bundle.dir.display());
            println!(
                "    host snippet: {}",
                bundle.dir.join("snippet.html").display()
            );
            sizes::print_table(&bundle.size_report()?);
            sizes::print_table(&bundle.page_sizes()?);
            Ok(())
        }
        Command::Bench { save_reference } => {
            setup::ensure_all()?;
            bench::run(save_reference)
        }
    }
}

/// The workspace root (the folder with the top-level Cargo.toml).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/xtask sits two levels below the root")
        .to_path_buf()
}
