//! The `wegwijs` command as people use it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn wegwijs() -> Command {
    let mut command = Command::cargo_bin("wegwijs").unwrap();
    command.current_dir(root());
    command
}

/// A temporary folder with one file, `name`, holding `contents`; the folder goes when dropped.
fn file_with(name: &str, contents: impl AsRef<[u8]>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, contents).unwrap();
    (dir, file)
}

fn json_output(command: &mut Command) -> Value {
    let output = command.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&output).expect("JSON on stdout")
}

#[test]
fn the_demo_data_imports_validates_indexes_and_searches() {
    let output = wegwijs()
        .args([
            "validate",
            "www/data/lindenhoven.csv",
            "--today",
            "2026-11-22",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(text.contains("256 services"), "{text}");
    assert!(
        text.contains("not running (inactive or defunct: only workers see them): 1"),
        "{text}"
    );
    assert!(text.contains("problems: 0 errors, 0 warnings"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("kaart.idx");
    wegwijs()
        .args(["index", "www/data/kaart.json", "-o"])
        .arg(&index)
        .assert()
        .success()
        .stderr(predicates::str::contains("gzipped HSDS JSON"));
    let results = json_output(wegwijs().arg("search").arg(&index).args([
        "ik kan mijn huur niet betalen",
        "--json",
        "--limit",
        "5",
    ]));
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 5);
    for field in ["id", "name", "domains", "score"] {
        assert!(results[0].get(field).is_some(), "{field} in {}", results[0]);
    }
    let domains: Vec<&str> = results
        .iter()
        .flat_map(|r| {
            r["domains"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_str)
        })
        .collect();
    assert!(
        domains.contains(&"geld") && domains.contains(&"wonen"),
        "{domains:?}"
    );
}

#[test]
fn search_filters_and_facets() {
    let results = json_output(wegwijs().args([
        "search",
        "www/data/kaart.json",
        "hulp",
        "--domain",
        "geld",
        "--free",
        "--no-referral",
        "--open-at",
        "2026-11-23T10:00",
        "--near",
        "52.06,5.75",
        "--within",
        "3",
        "--sort",
        "distance",
        "--json",
        "--facets",
        "--limit",
        "50",
    ]));
    let rows = results["results"].as_array().unwrap();
    assert!(!rows.is_empty());
    let mut last = 0.0;
    for row in rows {
        assert!(row["domains"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d == "geld"));
        assert_eq!(row["free"], true);
        let distance = row["distance_km"].as_f64().unwrap();
        assert!(distance <= 3.0 && distance >= last, "sorted by distance");
        last = distance;
    }
    assert!(results["facets"]["domains"].as_array().unwrap().len() == 13);
}

#[test]
fn bad_data_exits_non_zero_naming_every_problem_and_keeps_valid_records() {
    let (_dir, file) = file_with(
        "kapot.json",
        r#"[{"id": "a", "name": "Goed"}, {"id": "b"}, {"id": "c", "name": "Link", "url": "javascript:alert(1)"}]"#,
    );
    let output = wegwijs()
        .arg("validate")
        .arg(&file)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(text.contains("2 services"), "{text}");
    assert!(text.contains("error: $[1] `name`"), "{text}");
    assert!(text.contains("warning: $[2] `url`"), "{text}");

    std::fs::write(&file, "{ niet json").unwrap();
    wegwijs()
        .arg("validate")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("line 1, column 3"));
}

#[test]
fn the_official_hsds_examples_import_without_errors() {
    for input in [
        "tests/fixtures/hsds/service_list.json",
        "tests/fixtures/hsds/csv",
    ] {
        let report = json_output(wegwijs().args(["validate", input, "--json"]));
        assert_eq!(report["summary"]["errors"], 0, "{input}: {report}");
        assert_eq!(report["summary"]["services"], 1, "{input}");
    }
}

#[test]
fn the_committed_demo_json_is_the_export_of_the_spreadsheet() {
    let exported = json_output(wegwijs().args([
        "export",
        "www/data/lindenhoven.csv",
        "--province",
        "Gelderland",
    ]));
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("www/data/kaart.json")).unwrap())
            .unwrap();
    assert!(
        exported == committed,
        "www/data/kaart.json is out of date; regenerate it (see www/data/README.md)"
    );
}

#[test]
fn generated_data_is_realistic_and_repeatable() {
    let first = json_output(wegwijs().args(["generate", "--services", "200", "--seed", "7"]));
    let second = json_output(wegwijs().args(["generate", "--services", "200", "--seed", "7"]));
    assert_eq!(first, second);
    let (_dir, file) = file_with("gen.json", first.to_string());
    let report = json_output(wegwijs().arg("validate").arg(&file).arg("--json"));
    assert_eq!(report["summary"]["services"], 200);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["warnings"], 0);
}

#[test]
fn index_files_that_are_damaged_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kapot.idx");
    let mut bytes = b"WEGWIJS\0".to_vec();
    bytes.extend(wegwijs_directory::index::INDEX_FORMAT.to_le_bytes());
    bytes.extend(b"garbage");
    std::fs::write(&file, bytes).unwrap();
    wegwijs()
        .arg("search")
        .arg(&file)
        .arg("geld")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "damaged or from another version of Wegwijs; rebuild it with `wegwijs index`",
        ));

    // Random bytes with the index's name are not read as text.
    std::fs::write(&file, [0xff, 0x00, 0x13, 0x37]).unwrap();
    wegwijs()
        .arg("search")
        .arg(&file)
        .arg("geld")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not a Wegwijs index"))
        .stderr(predicates::str::contains("UTF-8").not());
}

#[test]
fn an_output_file_that_is_the_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kaart.json");
    std::fs::copy(root().join("www/data/kaart.json"), &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    for command in ["index", "export"] {
        wegwijs()
            .arg(command)
            .arg(&file)
            .arg("-o")
            .arg(dir.path().join(".").join("kaart.json"))
            .assert()
            .code(2)
            .stderr(predicates::str::contains("is also the input"));
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn the_shipped_spreadsheet_template_has_every_column_and_validates() {
    let template =
        std::fs::read_to_string(root().join("templates/sociale-kaart-sjabloon.csv")).unwrap();
    let header: Vec<&str> = template.lines().next().unwrap().split(',').collect();
    let columns: Vec<&str> = wegwijs_directory::import::SPREADSHEET_COLUMNS
        .iter()
        .map(|(c, _)| *c)
        .collect();
    assert_eq!(header, columns);
    let report = json_output(wegwijs().args([
        "validate",
        "templates/sociale-kaart-sjabloon.csv",
        "--json",
        "--strict",
    ]));
    assert_eq!(report["summary"]["services"], 1);
    assert_eq!(report["summary"]["warnings"], 0, "{report}");
}

#[test]
fn validate_guide_accepts_the_demo_and_names_every_problem() {
    wegwijs()
        .args(["validate-guide", "www/data/hulpwijzer.json"])
        .assert()
        .success()
        .stdout(predicates::str::contains("13 life domains"))
        .stdout(predicates::str::contains("problems: 0"));
    let mut guide: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("www/data/hulpwijzer.json")).unwrap(),
    )
    .unwrap();
    guide["rules"][0]["signal"] = "bestaat-niet".into();
    guide["teams"][1]["name"] = serde_json::json!({"nl": "Team"});
    let (_dir, file) = file_with("gids.json", guide.to_string());
    let output = wegwijs()
        .arg("validate-guide")
        .arg(&file)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(text.contains("$.rules[0] `signal`"), "{text}");
    assert!(text.contains("$.teams[1] `name`: no \"en\" text"), "{text}");
    guide["domains"][0]["code"] = "geluk".into();
    std::fs::write(&file, guide.to_string()).unwrap();
    wegwijs()
        .arg("validate-guide")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("$.domains[0].code"));
}

#[test]
fn validate_instrument_accepts_both_shipped_instruments_and_names_a_problem() {
    wegwijs()
        .args(["validate-instrument", "www/data/scan-vormen.json"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "14 dimensions, now and desired, 7 models",
        ))
        .stdout(predicates::str::contains("problems: 0"));
    wegwijs()
        .args(["validate-instrument", "www/data/scan-vensters.json"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "8 dimensions, now only, 0 models",
        ));
    let mut instrument: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("www/data/scan-vormen.json")).unwrap(),
    )
    .unwrap();
    instrument["dimensions"][3]["high"] = serde_json::json!({"nl": "Hoog"});
    let (dir, file) = file_with("scan.json", instrument.to_string());
    wegwijs()
        .arg("validate-instrument")
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "$.dimensions[3].high: no \"en\" text",
        ));
    wegwijs()
        .arg("validate-instrument")
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot read"));
}

#[test]
fn advise_shows_what_the_hulpwijzer_tells_a_resident() {
    let crisis = json_output(wegwijs().args([
        "advise",
        "www/data/hulpwijzer.json",
        "--words",
        "ik zie het niet meer zitten",
        "--json",
    ]));
    assert_eq!(crisis["signals"][0]["id"], "zelfdoding");
    assert_eq!(crisis["urgent_contacts"][0]["phone"], "0800-0113");
    let calm = json_output(wegwijs().args([
        "advise",
        "www/data/hulpwijzer.json",
        "--words",
        "ik ben doodmoe",
        "--json",
    ]));
    assert_eq!(calm["signals"], serde_json::json!([]));

    let rent = json_output(wegwijs().args([
        "advise",
        "www/data/hulpwijzer.json",
        "--worry",
        "geld",
        "--answer",
        "geld-huur=nee",
        "--postcode",
        "3952",
        "--index",
        "www/data/kaart.json",
        "--json",
    ]));
    assert_eq!(rent["domains"], serde_json::json!(["geld", "wonen"]));
    assert_eq!(rent["team"]["id"], "wijkteam-oosterhof");
    let main: Vec<&str> = rent["services"]["main"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        main,
        ["Schuldhulpverlening gemeente", "Woonstichting Lindenhoven"]
    );

    wegwijs()
        .args([
            "advise",
            "www/data/hulpwijzer.json",
            "--answer",
            "geld-huur=misschien",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("it has: ja, nee, weet-niet"));
}

#[test]
fn absurd_numbers_and_a_closed_pipe_do_not_crash() {
    // An hour of 1100 is not a time: the file is still read, nothing panics.
    let (_dir, file) = file_with(
        "uren.json",
        r#"[{"id": "a", "name": "Inloop", "schedules": [{"byday": "MO", "opens_at": "1100:00", "closes_at": "17:00"}]},
            {"id": "b", "name": "Buurtkamer"}]"#,
    );
    let output = wegwijs().arg("validate").arg(&file).output().unwrap();
    assert_ne!(
        output.status.code(),
        Some(101),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("2 services"));
    wegwijs()
        .args([
            "search",
            "www/data/kaart.json",
            "schulden",
            "--limit",
            "18446744073709551615",
        ])
        .assert()
        .success();
    wegwijs()
        .args(["generate", "--services", "18446744073709551615"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("1000000"));
    // A reader that stops after a few lines.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_wegwijs"))
        .current_dir(root())
        .args(["generate", "--services", "2000"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(101), "no panic on a closed pipe");
}

#[test]
fn a_dutch_excel_sheet_and_json_with_a_byte_order_mark_are_read() {
    let (dir, sheet) = file_with("excel.csv", "\u{feff}naam;omschrijving;leefgebieden\nTaalcafé;Praat Nederlands, met koffie;taal\nBuurtkamer;Koffie;contact\n");
    let output = wegwijs().arg("validate").arg(&sheet).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("columns separated by `;`"), "{text}");
    assert!(text.contains("2 services"), "{text}");
    let json = dir.path().join("bom.json");
    std::fs::write(&json, "\u{feff}[{\"id\": \"a\", \"name\": \"Inloop\"}]").unwrap();
    wegwijs()
        .arg("validate")
        .arg(&json)
        .assert()
        .success()
        .stdout(predicates::str::contains("1 service"));
}

#[test]
fn an_endless_or_too_large_input_is_refused_with_the_limit() {
    // A device is refused at its first byte, not read until memory runs out.
    wegwijs()
        .args(["validate", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "not valid JSON at line 1, column 1",
        ));
    // A pipe has no size to check beforehand: reading stops at the limit.
    wegwijs()
        .args(["validate", "/dev/stdin", "--max-input-mb", "2"])
        .write_stdin(" ".repeat(3 << 20))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("larger than 2 MB"))
        .stderr(predicates::str::contains("--max-input-mb"));
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    std::fs::write(&big, " ".repeat(3 << 20)).unwrap();
    wegwijs()
        .args(["validate", "--max-input-mb", "2"])
        .arg(&big)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("larger than 2 MB"));
    let latin = dir.path().join("latin.json");
    std::fs::write(&latin, b"[{\"id\": \"a\", \"name\": \"Caf\xe9\"}]").unwrap();
    wegwijs()
        .arg("validate")
        .arg(&latin)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("Save it as UTF-8"));
    wegwijs()
        .args(["validate", "www/data/kaart.json", "--max-input-mb", "2"])
        .assert()
        .success();
}

#[test]
fn areas_simplifies_the_neighbourhoods_checks_the_services_and_names_the_postcodes() {
    let dir = tempfile::tempdir().unwrap();
    let areas = dir.path().join("wijken.geojson");
    let postcodes = dir.path().join("postcodes.json");
    wegwijs()
        .args(["areas", "tests/fixtures/lindenhoven-wijken.geojson", "-o"])
        .arg(&areas)
        .args(["--check", "www/data/kaart.json", "--postcodes"])
        .arg(&postcodes)
        .assert()
        .success()
        .stdout(predicate::str::contains("5 neighbourhoods"))
        .stdout(predicate::str::contains("0 outside every neighbourhood"));
    let written = std::fs::read_to_string(&areas).unwrap();
    let source = std::fs::metadata(root().join("tests/fixtures/lindenhoven-wijken.geojson"))
        .unwrap()
        .len();
    assert!(
        (written.len() as u64) < source / 5,
        "{} bytes",
        written.len()
    );
    // The demo portal's file is this output.
    let demo = std::fs::read_to_string(root().join("www/data/wijken.geojson")).unwrap();
    assert_eq!(
        written, demo,
        "rebuild www/data/wijken.geojson with wegwijs areas"
    );
    let table: Value = serde_json::from_str(&std::fs::read_to_string(&postcodes).unwrap()).unwrap();
    let demo_table: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("www/data/postcodes.json")).unwrap(),
    )
    .unwrap();
    for (code, area) in demo_table.as_object().unwrap() {
        assert_eq!(table[code]["name"], area["name"], "postcode {code}");
    }
}

#[test]
fn areas_names_the_service_outside_every_neighbourhood_and_the_feature_left_out() {
    let (_dir, geojson) = file_with(
        "wijken.geojson",
        r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"Ergens"},"geometry":{"type":"Polygon","coordinates":[[[5.0,52.0],[5.1,52.0],[5.1,52.1],[5.0,52.0]]]}},
            {"type":"Feature","properties":{"name":"Kapot"},"geometry":{"type":"Polygon","coordinates":[[[5.0,52.0]]]}}]}"#,
    );
    let output = geojson.with_file_name("klein.geojson");
    wegwijs()
        .arg("areas")
        .arg(&geojson)
        .arg("-o")
        .arg(&output)
        .args(["--check", "www/data/kaart.json"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("$.features[1]"))
        .stderr(predicate::str::contains("lies in no neighbourhood"));
    // The usable neighbourhood is still written.
    assert!(std::fs::read_to_string(&output).unwrap().contains("Ergens"));
}
