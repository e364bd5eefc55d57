//! No input makes the import panic, and one bad record never costs a good one: generated
//! services with every field of any type (nulls, huge numbers, deep nesting, markup), and
//! spreadsheets with arbitrary cells, next to a valid service. Whatever came in, the export
//! is valid HSDS and the index can be built and searched.

use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use wegwijs_directory::export::{export_hsds, ExportOptions};
use wegwijs_directory::import::{import_spreadsheet, import_value, SPREADSHEET_COLUMNS};
use wegwijs_directory::search::Query;
use wegwijs_directory::{Directory, Index, Vocabulary};

/// Field names a service and its parts use, so generated objects hit the readers.
const KEYS: &[&str] = &[
    "id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "alert",
    "phones",
    "number",
    "schedules",
    "freq",
    "byday",
    "bymonthday",
    "opens_at",
    "closes_at",
    "valid_from",
    "service_at_locations",
    "location",
    "addresses",
    "address_1",
    "address_type",
    "city",
    "postal_code",
    "latitude",
    "longitude",
    "accessibility",
    "organization",
    "website",
    "attributes",
    "taxonomy_term",
    "taxonomy",
    "code",
    "cost_options",
    "amount",
    "languages",
    "contacts",
    "service_areas",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "program",
    "funding",
    "metadata",
    "last_modified",
    "service",
    "services",
    "contents",
    "_source",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::num::f64::NORMAL.prop_map(Value::from),
        Just(json!(1e308)),
        Just(json!(-0.0)),
        ".{0,12}".prop_map(Value::from),
        prop::sample::select(vec![
            "",
            " ",
            "25:00",
            "1100:00",
            "MO,XX",
            "DAILY",
            "YEARLY",
            "javascript:alert(1)",
            "<p>Hulp</p><script>x()</script>",
            "&nbsp;&amp;",
            "0341 123 456",
            "a@b.nl",
            "2026-13-45",
            "inactive",
            "temporarily closed",
            "\u{feff}",
            "\u{202e}rtl",
            "9999999999",
        ])
        .prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    prop::sample::select(KEYS).prop_map(str::to_owned),
                    "[a-z_]{1,8}"
                ],
                inner,
                0..6,
            )
            .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// An object that looks like a service: many of its fields, each of any shape.
fn service_like() -> impl Strategy<Value = Value> {
    prop::collection::btree_map(
        prop::sample::select(KEYS).prop_map(str::to_owned),
        json_value(),
        0..12,
    )
    .prop_map(|fields| Value::Object(fields.into_iter().collect()))
}

fn valid(id: &str, name: &str) -> Value {
    json!({"id": id, "name": name, "description": "Hulp bij geld.",
           "phones": [{"number": "0341 123 456"}],
           "schedules": [{"freq": "WEEKLY", "byday": "MO", "opens_at": "09:00", "closes_at": "12:00"}]})
}

fn schema_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/hsds/schema/service.json"
        ))
        .unwrap();
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap()
    })
}

/// Everything downstream of an import works on what it gave.
fn use_everything(directory: &Directory) {
    let exported = export_hsds(directory, &Vocabulary::dutch(), &ExportOptions::default());
    for service in exported["contents"].as_array().unwrap() {
        let errors: Vec<String> = schema_validator()
            .iter_errors(service)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(
            errors.is_empty(),
            "export not valid: {errors:#?}\n{service:#}"
        );
    }
    let index = Index::build(directory.clone(), Vocabulary::dutch());
    let bytes = index.to_bytes();
    Index::from_bytes(&bytes).expect("an index reads back");
    for text in ["hulp", "", "???"] {
        index.search(&Query {
            text: text.into(),
            ..Query::default()
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_json_next_to_valid_services_keeps_them(wild in service_like(), shape in 0..3usize) {
        let list = vec![valid("valid-1", "Alpha"), wild, valid("valid-2", "Omega")];
        let document = match shape {
            0 => Value::Array(list),
            1 => json!({"contents": list}),
            _ => json!({"contents": list, "total_pages": 1}),
        };
        let imported = import_value(&document).expect("a list always imports");
        let names: Vec<&str> = imported.directory.services.iter().map(|s| s.name.as_str()).collect();
        prop_assert!(names.contains(&"Alpha") && names.contains(&"Omega"), "{names:?}");
        use_everything(&imported.directory);
    }

    #[test]
    fn any_json_document_never_panics_and_reads_the_same_streamed(document in json_value()) {
        let text = document.to_string();
        let parsed: Value = serde_json::from_str(&text).unwrap();
        let whole = import_value(&parsed);
        prop_assert_eq!(&wegwijs_directory::import_json(&text), &whole, "streamed and whole differ");
        if let Ok(imported) = whole {
            use_everything(&imported.directory);
        }
    }

    #[test]
    fn a_list_reads_the_same_streamed(wild in service_like(), page in any::<bool>()) {
        let list = vec![valid("valid-1", "Alpha"), wild.clone(), valid("valid-2", "Omega"), wild];
        let document = if page { json!({"total_items": 4, "contents": list}) } else { Value::Array(list) };
        let text = document.to_string();
        let parsed: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(wegwijs_directory::import_json(&text), import_value(&parsed));
    }

    #[test]
    fn any_spreadsheet_cells_next_to_a_valid_row_keep_it(
        columns in prop::sample::subsequence(
            SPREADSHEET_COLUMNS.iter().map(|(c, _)| *c).filter(|c| *c != "naam").collect::<Vec<_>>(),
            0..10,
        ),
        cells in prop::collection::vec(
            prop_oneof![
                ".{0,10}",
                prop::sample::select(vec!["\"", "a;b", "ma 1100:00-17:00", "ja", "gestopt", "<b>x</b>", "52,1", "\n"])
                    .prop_map(str::to_owned),
            ],
            0..12,
        ),
        separator in prop::sample::select(vec![',', ';']),
    ) {
        let sep = separator.to_string();
        let mut header = vec!["naam"];
        header.extend(columns.iter().copied());
        let wild: Vec<String> = cells.iter().map(|c| c.replace(separator, " ")).collect();
        let quoted: Vec<String> = wild.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
        let text = format!(
            "{}\nVoedselbank{}\n{}\n",
            header.join(&sep),
            sep.repeat(columns.len()),
            quoted.join(&sep),
        );
        let imported = import_spreadsheet("kaart.csv", &text, &Vocabulary::dutch())
            .expect("a sheet with a naam column imports");
        let names: Vec<&str> = imported.directory.services.iter().map(|s| s.name.as_str()).collect();
        prop_assert!(names.contains(&"Voedselbank"), "{names:?} from {text:?}");
        use_everything(&imported.directory);
    }
}
