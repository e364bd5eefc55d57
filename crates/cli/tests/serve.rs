//! `wegwijs serve` as a municipality runs it, loaded by `wegwijs bench-live` as the benchmark
//! does (small numbers here: the figures belong to `cargo xtask bench`).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running `wegwijs serve`; stopped when dropped.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// How the server is told its database.
enum Database<'a> {
    /// `--database URL`.
    Option(&'a str),
    /// `DATABASE_URL=URL` in the environment.
    Environment(&'a str),
}

/// Starts `wegwijs serve` on a free port over `root` (which gets an `index.html`); returns it
/// and its URL.
fn serve(root: &Path, database: Database) -> (Serving, String) {
    std::fs::write(root.join("index.html"), "<!doctype html>").unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_wegwijs"));
    command
        .arg("serve")
        .arg("--root")
        .arg(root)
        .args(["--addr", "127.0.0.1:0"])
        .env_remove("DATABASE_URL");
    match database {
        Database::Option(url) => command.args(["--database", url]),
        Database::Environment(url) => command.env("DATABASE_URL", url),
    };
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let url = first_line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {first_line:?}"))
        .to_owned();
    (Serving(child), url)
}

#[test]
fn the_database_can_come_from_database_url() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("from-the-environment.sqlite");
    let url = format!("sqlite:{}", file.display());
    let (_serving, _) = serve(dir.path(), Database::Environment(&url));
    assert!(file.exists(), "the server opened {url}");
}

#[test]
fn serve_takes_answers_of_many_respondents_at_once_and_keeps_every_one() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite:{}", dir.path().join("sessions.sqlite").display());
    let (_serving, url) = serve(dir.path(), Database::Option(&database));
    let url = url.as_str();

    let output = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .args(["bench-live", url, "--respondents", "12", "--rounds", "3"])
        .arg("--instrument")
        .arg(root().join("www/data/scan-vormen.json"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["submissions"], 36, "{report}");
    assert_eq!(report["refused"], 0, "{report}");
    assert_eq!(report["lost"], 0, "{report}");
    assert_eq!(report["team_respondents"], 12, "{report}");
}
