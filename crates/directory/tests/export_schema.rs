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

/// Every leaf path of a JSON document, list positions left out: `$.contents[].phones[].type`.
fn leaf_paths(value: &Value, path: String, into: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, child) in fields {
                leaf_paths(child, format!("{path}.{key}"), into);
            }
        }
        Value::Array(items) => {
            for item in items {
                leaf_paths(item, format!("{path}[]"), into);
            }
        }
        _ => {
            into.insert(path);
        }
    }
}

/// A service with every field of the HSDS 3.0 schema, every nested object included.
const FULL: &str = include_str!("../../../tests/fixtures/hsds/full_service.json");

#[test]
fn a_service_with_every_hsds_field_exports_every_field_and_stays_valid() {
    let imported = import_json(FULL).unwrap();
    assert!(imported.problems.is_empty(), "{:#?}", imported.problems);
    assert_valid(&imported.directory);
    let exported = export_hsds(
        &imported.directory,
        &Vocabulary::dutch(),
        &ExportOptions::default(),
    );
    let (mut before, mut after) = Default::default();
    leaf_paths(
        &serde_json::from_str(FULL).unwrap(),
        "$".into(),
        &mut before,
    );
    leaf_paths(&exported, "$".into(), &mut after);
    let lost: Vec<&String> = before.difference(&after).collect();
    assert!(
        lost.is_empty(),
        "{} of {} paths lost: {lost:#?}",
        lost.len(),
        before.len()
    );
}

#[test]
fn carried_fields_of_the_wrong_type_are_named_and_the_export_stays_valid() {
    let imported = import_json(
        r#"[{"id": "a", "name": "A", "last_modified": "gisteren", "funding": [{"source": 7}, "x"],
             "program": {"name": "P"}, "wait_time": {"weeks": 3},
             "organization": {"name": "O", "year_incorporated": "ooit", "uri": "geen adres"},
             "service_at_locations": [{"description": ["x"], "location": {"location_type": "boot", "transportation": "bus 4"}}]}]"#,
    )
    .unwrap();
    let places: Vec<String> = imported
        .problems
        .iter()
        .map(|p| format!("{} {}", p.location, p.field))
        .collect();
    assert_eq!(
        places,
        [
            "$[0].organization uri",
            "$[0].organization year_incorporated",
            "$[0].service_at_locations[0].location location_type",
            "$[0].service_at_locations[0] description",
            "$[0].funding[1] funding",
            "$[0] last_modified",
            "$[0] wait_time",
        ],
        "{:#?}",
        imported.problems
    );
    assert_valid(&imported.directory);
}

#[test]
fn the_full_fixture_itself_follows_the_schema() {
    let full: Value = serde_json::from_str(FULL).unwrap();
    let validator = validator();
    for service in full["contents"].as_array().unwrap() {
        let errors: Vec<String> = validator
            .iter_errors(service)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

/// The same service as an HSDS API's `/service_at_locations` and `/organizations` give it.
#[test]
fn service_at_locations_and_organisations_with_services_read_as_the_same_service() {
    let expected = import_json(FULL).unwrap().directory;
    for (name, text) in [
        (
            "service_at_location_list.json",
            include_str!("../../../tests/fixtures/hsds/service_at_location_list.json"),
        ),
        (
            "organization_list.json",
            include_str!("../../../tests/fixtures/hsds/organization_list.json"),
        ),
    ] {
        let imported = import_json(text).unwrap();
        assert!(
            imported.problems.is_empty(),
            "{name}: {:#?}",
            imported.problems
        );
        assert_eq!(imported.directory, expected, "{name}");
        let value: Value = serde_json::from_str(text).unwrap();
        let one = &value["contents"][0];
        assert_eq!(
            wegwijs_directory::import::import_value(one)
                .unwrap()
                .directory,
            expected,
            "{name}: one object"
        );
    }
}
