//! `wegwijs export` writes HSDS 3.0 that the official schema accepts, formats included.

use serde_json::Value;
use wegwijs_directory::export::{export_hsds, ExportOptions};
use wegwijs_directory::import::import_spreadsheet;
use wegwijs_directory::{import_json, Directory, Vocabulary};

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/hsds/schema/service.json"
    ))
    .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the official schema compiles")
}

fn assert_valid(directory: &Directory) {
    let validator = validator();
    let options = ExportOptions {
        province: "Gelderland".into(),
    };
    let exported = export_hsds(directory, &Vocabulary::dutch(), &options);
    let contents = exported["contents"].as_array().unwrap();
    assert_eq!(contents.len(), directory.services.len());
    for service in contents {
        let errors: Vec<String> = validator
            .iter_errors(service)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", service["name"]);
    }
}

#[test]
fn the_official_example_exports_valid_hsds() {
    let imported = import_json(include_str!(
        "../../../tests/fixtures/hsds/service_list.json"
    ))
    .unwrap();
    assert_valid(&imported.directory);
}

#[test]
fn the_demo_data_exports_valid_hsds() {
    let text = include_str!("../../../www/data/kaart.json");
    let imported = import_json(text).unwrap();
    assert!(imported.directory.services.len() >= 40);
    assert_valid(&imported.directory);
}

#[test]
fn hostile_and_sparse_records_still_export_valid_hsds() {
    let imported = import_json(include_str!("../../../tests/fixtures/e2e/hostile.json")).unwrap();
    assert_valid(&imported.directory);
    let spreadsheet = import_spreadsheet(
        "kaart.csv",
        "naam,openingstijden,leefgebieden\nInloop,dagelijks 0-24,contact\nNacht,vr 19-9,wonen\n",
        &Vocabulary::dutch(),
    )
    .unwrap();
    assert_valid(&spreadsheet.directory);
}

#[test]
fn the_validator_really_checks_formats_and_required_fields() {
    let validator = validator();
    let not_uuid = serde_json::json!({"id": "x", "name": "A", "status": "active"});
    assert!(!validator.is_valid(&not_uuid));
    let no_status = serde_json::json!({"id": "ac148810-d857-441c-9679-408f346de14b", "name": "A"});
    assert!(!validator.is_valid(&no_status));
    let bad_freq = serde_json::json!({"id": "ac148810-d857-441c-9679-408f346de14b", "name": "A", "status": "active",
        "schedules": [{"id": "ac148810-d857-441c-9679-408f346de14b", "freq": "DAILY"}]});
    assert!(!validator.is_valid(&bad_freq));
}
