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

#[test]
fn serve_takes_answers_of_many_respondents_at_once_and_keeps_every_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html>").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .arg("serve")
        .arg("--root")
        .arg(dir.path())
        .args(["--addr", "127.0.0.1:0"])
        .arg("--database")
        .arg(format!(
            "sqlite:{}",
            dir.path().join("sessions.sqlite").display()
        ))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let _serving = Serving(child);
    let url = first_line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {first_line:?}"));

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
