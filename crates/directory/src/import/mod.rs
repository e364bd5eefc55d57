//! Import of HSDS 3.0 JSON into the [`Directory`] model.
//!
//! Accepted shapes: a service list page object (`{"contents": [...]}`), a bare array, or a
//! single object; the items may be services, service-at-locations (with their `service`)
//! or organisations (with their `services`), as an HSDS API returns them. Import is forgiving: a record with a problem is
//! repaired or skipped with a [`Problem`] naming its JSON path and field, and the valid
//! records are always kept.

use std::collections::hash_map::{Entry, HashMap};
use std::fmt;

use serde_json::Value;

use crate::model::{Directory, Service};
use crate::problem::{Problem, Severity};
pub use crate::reader::Carry;
use crate::reader::{kind, Node, Reader};
use crate::vocabulary::Vocabulary;
use shapes::Shape;

mod carry;
mod csv_package;
mod service;
mod shapes;
mod spreadsheet;
mod stream;

pub use csv_package::import_csv_package;
use service::service;
pub use service::LONG_TEXT_CHARS;
pub use spreadsheet::{import_spreadsheet, separator_of, SPREADSHEET_COLUMNS};

/// The result of an import: the usable services and every problem found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The services that could be used.
    pub directory: Directory,
    /// Everything that was repaired, skipped or left out, in input order.
    pub problems: Vec<Problem>,
}

/// Why a file could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The text is not valid JSON.
    InvalidJson {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// The input could not be read to its end.
    Unreadable {
        /// Why.
        message: String,
    },
    /// The files are none of the kinds the import reads.
    NotRecognised {
        /// The file names, as given.
        names: String,
    },
    /// The JSON is valid but is not a service, a list of services or a service list page.
    NotAServiceList {
        /// What was found instead.
        found: &'static str,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidJson {
                line,
                column,
                message,
            } => write!(f, "not valid JSON at line {line}, column {column}: {message}"),
            Self::Unreadable { message } => write!(f, "cannot be read to its end: {message}"),
            Self::NotRecognised { names } => write!(
                f,
                "{names}: expected one HSDS JSON file (.json), one spreadsheet (.csv) or the CSV files of an HSDS package (with services.csv)"
            ),
            Self::NotAServiceList { found } => write!(
                f,
                "expected HSDS services (a list page with `contents`, a list, or one service, service-at-location or organisation with services), found {found}"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports HSDS 3.0 JSON text. The services of a list are read one at a time as the text is
/// parsed, so a large export never exists as a whole JSON tree in memory.
pub fn import_json(text: &str) -> Result<Imported, ImportError> {
    // A byte order mark (as Windows tools write) is not part of the JSON.
    stream::import_text(text.trim_start_matches('\u{feff}'))
}

/// Imports HSDS 3.0 JSON from `reader`, read once from front to back: for large files, where
/// holding the text would cost as much memory again as the services read from it. `carry`
/// says whether the fields the model has no place for are kept (for an export) or only
/// checked.
pub fn import_json_reader(
    mut reader: impl std::io::BufRead,
    carry: Carry,
) -> Result<Imported, ImportError> {
    // A byte order mark (as Windows tools write) is not part of the JSON.
    if reader
        .fill_buf()
        .is_ok_and(|start| start.starts_with("\u{feff}".as_bytes()))
    {
        reader.consume(3);
    }
    stream::import_reader(reader, carry)
}

/// Imports files chosen by name: one `.json` file as HSDS JSON, the CSV files of an HSDS
/// package (one of them `services.csv`), or one other `.csv` file as the spreadsheet.
pub fn import_files(
    files: &[(String, String)],
    vocabulary: &Vocabulary,
) -> Result<Imported, ImportError> {
    let lower = |name: &str| name.to_lowercase();
    let is = |name: &str, extension: &str| lower(name).ends_with(extension);
    match files {
        [(name, text)] if is(name, ".json") => import_json(text),
        [(name, text)] if is(name, ".csv") && lower(name) != "services.csv" => {
            import_spreadsheet(name, text, vocabulary)
        }
        _ if !files.is_empty()
            && files.iter().all(|(name, _)| is(name, ".csv"))
            && files.iter().any(|(name, _)| lower(name) == "services.csv") =>
        {
            let package = files
                .iter()
                .map(|(name, text)| (lower(name), text.clone()))
                .collect();
            import_csv_package(&package)
        }
        _ => Err(ImportError::NotRecognised {
            names: files
                .iter()
                .map(|(name, _)| name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Imports an already parsed HSDS 3.0 JSON document.
pub fn import_value(value: &Value) -> Result<Imported, ImportError> {
    let mut collector = Collector::new(Reader::default());
    match value {
        Value::Array(items) => collector.list(None, items),
        Value::Object(object) => match object.get("contents") {
            Some(Value::Array(items)) => collector.list(Some("contents"), items),
            Some(_) => return Err(ImportError::NotAServiceList { found: NOT_A_LIST }),
            None => collector.single(value)?,
        },
        other => return Err(ImportError::NotAServiceList { found: kind(other) }),
    }
    Ok(collector.finish())
}

/// What a page whose `contents` is not a list is called in [`ImportError::NotAServiceList`].
const NOT_A_LIST: &str = "an object whose `contents` is not a list";

/// Gathers the services of one document, item by item, in input order: every service once
/// (a later one with an id already read is left out with a warning naming both places),
/// service-at-locations joined per service at the end.
pub(crate) struct Collector {
    reader: Reader,
    /// The ids read so far, with their place.
    seen: HashMap<String, String>,
    services: Vec<Service>,
    /// Service-at-locations with their path: one service may come in several.
    links: Vec<(Value, String)>,
}

impl Collector {
    /// A collector whose problems go to `reader`.
    pub(crate) fn new(reader: Reader) -> Self {
        Self {
            reader,
            seen: HashMap::new(),
            services: Vec::new(),
            links: Vec::new(),
        }
    }

    /// Reads every item of the list at `key` (`None`: the document is the list).
    pub(crate) fn list(&mut self, key: Option<&str>, items: &[Value]) {
        for (index, item) in items.iter().enumerate() {
            self.item(key, index, item);
        }
    }

    /// Reads item `index` of the list at `key`.
    pub(crate) fn item(&mut self, key: Option<&str>, index: usize, item: &Value) {
        let path = || match key {
            Some(key) => format!("$.{key}[{index}]"),
            None => format!("$[{index}]"),
        };
        match shapes::shape(item) {
            Shape::Service => {
                let Self {
                    reader,
                    seen,
                    services,
                    ..
                } = self;
                let read = reader.with_item(key, index, item, |node| unique(seen, node));
                services.extend(read);
            }
            Shape::Organization => {
                for service in shapes::as_services([(item, path())]) {
                    self.assembled(&service);
                }
            }
            Shape::ServiceAtLocation => self.links.push((item.clone(), path())),
        }
    }

    /// Reads a document that is one object: a service, a service-at-location or an
    /// organisation with services.
    pub(crate) fn single(&mut self, value: &Value) -> Result<(), ImportError> {
        match shapes::shape(value) {
            Shape::Service if value.get("name").is_none() => Err(ImportError::NotAServiceList {
                found: "an object without `contents` or `name`",
            }),
            Shape::Service => {
                self.assembled(value);
                Ok(())
            }
            _ => {
                for service in shapes::as_services([(value, "$".to_owned())]) {
                    self.assembled(&service);
                }
                Ok(())
            }
        }
    }

    /// Reads a service that knows its place (a `_source` field) or is the document.
    fn assembled(&mut self, service: &Value) {
        let read = unique(&mut self.seen, self.reader.root(service));
        self.services.extend(read);
    }

    /// The services and every problem found.
    pub(crate) fn finish(mut self) -> Imported {
        let links = std::mem::take(&mut self.links);
        let joined = shapes::as_services(links.iter().map(|(link, path)| (link, path.clone())));
        for service in &joined {
            self.assembled(service);
        }
        Imported {
            directory: Directory {
                services: self.services,
            },
            problems: self.reader.into_problems(),
        }
    }
}

/// Reads one service, like [`service`], unless its id was read before (`seen` maps the ids
/// read so far to their place): then it is left out with a warning that names both places.
fn unique(seen: &mut HashMap<String, String>, node: Node<'_>) -> Option<Service> {
    let read = service(node)?;
    match seen.entry(read.id.clone()) {
        Entry::Occupied(first) => {
            node.problem(
                Severity::Warning,
                "id",
                format!(
                    "{:?} is also the id of the service at {}; left out: every service needs its own id",
                    read.id,
                    first.get()
                ),
            );
            None
        }
        Entry::Vacant(slot) => {
            slot.insert(node.path());
            Some(read)
        }
    }
}

/// Imports a JSON array of service objects with `reader`; anything that is not an array
/// gives nothing.
pub(crate) fn import_services(services: &Value, reader: Reader) -> Imported {
    let mut collector = Collector::new(reader);
    if let Value::Array(items) = services {
        collector.list(None, items);
    }
    collector.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Severity;
    use serde_json::json;

    fn import(value: Value) -> Imported {
        import_value(&value).expect("imports")
    }

    #[test]
    fn the_official_hsds_example_imports() {
        let text = include_str!("../../../../tests/fixtures/hsds/service_list.json");
        let imported = import_json(text).unwrap();
        assert_eq!(imported.directory.services.len(), 1);
        let service = &imported.directory.services[0];
        assert_eq!(service.name, "Community Counselling");
        assert_eq!(
            service.organization.as_deref(),
            Some("Example Organization Inc.")
        );
        assert_eq!(
            service.website.as_deref(),
            Some("http://example.com/counselling")
        );
        assert_eq!(service.email.as_deref(), Some("email@example.com"));
    }

    /// The problems of importing one service with `field` set to `value`, as `field: message`.
    fn problems_with(field: &str, value: Value) -> (Imported, Vec<String>) {
        let mut service = json!({"id": "a", "name": "Inloop"});
        service[field] = value;
        let imported = import(json!([service]));
        let problems = imported
            .problems
            .iter()
            .map(|p| format!("{} {}: {}", p.location, p.field, p.message))
            .collect();
        (imported, problems)
    }

    #[test]
    fn a_schedule_that_cannot_be_evaluated_is_named_not_dropped() {
        for (schedule, expected) in [
            (
                json!({"byday": "XX", "opens_at": "09:00", "closes_at": "12:00"}),
                "byday \"XX\" is not a day",
            ),
            (
                json!({"byday": "MO", "opens_at": "25:00", "closes_at": "26:00"}),
                "opens_at \"25:00\" is not a time",
            ),
            (
                json!({"byday": "MO", "opens_at": "abc", "closes_at": "12:00"}),
                "opens_at \"abc\" is not a time",
            ),
            (
                json!({"freq": "YEARLY", "opens_at": "09:00", "closes_at": "12:00"}),
                "freq \"YEARLY\": only DAILY, WEEKLY and MONTHLY",
            ),
            (json!({"byday": "MO"}), "no opens_at; no closes_at"),
        ] {
            let (imported, problems) = problems_with("schedules", json!([schedule]));
            assert_eq!(imported.directory.services.len(), 1, "the service stays");
            assert!(imported.directory.services[0].hours.is_empty());
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(
                problems[0]
                    .starts_with("$[0].schedules[0] schedules: opening hours cannot be evaluated"),
                "{}",
                problems[0]
            );
            assert!(
                problems[0].contains(expected),
                "{} lacks {expected}",
                problems[0]
            );
            assert!(problems[0].ends_with("left out"), "{}", problems[0]);
        }
    }

    #[test]
    fn a_wrong_day_among_right_ones_is_named_and_the_rest_kept() {
        let (imported, problems) = problems_with(
            "schedules",
            json!([{"byday": "MO,XX,WE", "opens_at": "09:00", "closes_at": "12:00"}]),
        );
        let hours = &imported.directory.services[0].hours;
        assert_eq!(hours.len(), 1);
        assert_eq!(hours[0].recurrence.weekdays().len(), 2);
        assert_eq!(problems, ["$[0].schedules[0] byday: byday \"XX\" is not a day (MO,TU,WE,TH,FR,SA,SU); ignored"]);
    }

    #[test]
    fn a_list_item_of_the_wrong_type_is_named_in_every_list() {
        for field in [
            "attributes",
            "schedules",
            "service_at_locations",
            "cost_options",
            "languages",
            "phones",
            "contacts",
        ] {
            let (imported, problems) = problems_with(field, json!(["nl"]));
            assert_eq!(imported.directory.services.len(), 1);
            assert_eq!(
                problems,
                [format!(
                    "$[0].{field}[0] {field}: expected an object in the list, found text; skipped"
                )],
            );
        }
    }

    #[test]
    fn of_two_services_with_one_id_the_first_is_kept_and_both_places_named() {
        let imported = import(json!({"contents": [
            {"id": "x1", "name": "Alpha"},
            {"id": "x2", "name": "Gamma"},
            {"id": "x1", "name": "Beta"},
        ]}));
        let names: Vec<_> = imported
            .directory
            .services
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["Alpha", "Gamma"]);
        assert_eq!(imported.problems.len(), 1);
        let problem = &imported.problems[0];
        assert_eq!(
            (problem.location.as_str(), problem.field.as_str()),
            ("$.contents[2]", "id")
        );
        assert!(
            problem
                .message
                .contains("\"x1\" is also the id of the service at $.contents[0]"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn spreadsheet_rows_with_one_id_or_one_name_without_id_are_named_by_row() {
        for rows in [
            "id,naam\nx1,Alpha\nx1,Beta\n",
            "naam\nBuurtkamer\nBuurtkamer\n",
        ] {
            let imported = import_spreadsheet(
                "services.csv",
                rows,
                &crate::vocabulary::Vocabulary::dutch(),
            )
            .unwrap();
            assert_eq!(imported.directory.services.len(), 1, "{rows}");
            let duplicate: Vec<_> = imported
                .problems
                .iter()
                .filter(|p| p.field == "id")
                .collect();
            assert_eq!(duplicate.len(), 1, "{rows}: {:?}", imported.problems);
            assert!(
                duplicate[0].message.contains("services.csv:2"),
                "{}",
                duplicate[0].message
            );
            assert_eq!(duplicate[0].location, "services.csv:3");
        }
    }

    #[test]
    fn html_in_texts_becomes_plain_text_with_a_warning_and_is_not_searchable() {
        let imported = import(json!([{
            "id": "a",
            "name": "Zorg &amp; Welzijn",
            "description": "<p>Hulp bij <b>geld</b>.</p><p>Bel ons.<img src=x onerror=\"alert(1)\"></p><script>steal()</script>",
        }]));
        let service = &imported.directory.services[0];
        assert_eq!(service.name, "Zorg & Welzijn");
        assert_eq!(
            service.description.as_deref(),
            Some("Hulp bij geld.\n\nBel ons.")
        );
        let fields: Vec<_> = imported.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["name", "description"]);
        assert!(imported.problems[1]
            .message
            .starts_with("HTML turned into plain text"));

        let index = crate::Index::build(imported.directory, crate::Vocabulary::dutch());
        let hits = |text: &str| {
            let query = crate::search::Query {
                text: text.to_owned(),
                ..Default::default()
            };
            index.search(&query).hits.len()
        };
        for markup in ["onerror", "alert", "steal", "img", "script"] {
            assert_eq!(hits(markup), 0, "{markup} is searchable");
        }
        assert_eq!(hits("geld"), 1);
    }

    #[test]
    fn files_are_read_by_their_kind() {
        let vocabulary = Vocabulary::dutch();
        let names = |files: &[(&str, &str)]| {
            let files: Vec<(String, String)> = files
                .iter()
                .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
                .collect();
            import_files(&files, &vocabulary).map(|i| {
                i.directory
                    .services
                    .into_iter()
                    .map(|s| s.name)
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            names(&[("Kaart.JSON", r#"[{"id": "a", "name": "Inloop"}]"#)]).unwrap(),
            ["Inloop"]
        );
        assert_eq!(
            names(&[("lindenhoven.csv", "naam\nTaalhuis\n")]).unwrap(),
            ["Taalhuis"]
        );
        assert_eq!(
            names(&[
                ("services.csv", "id,name,status\ns1,Maatje,active\n"),
                ("phones.csv", "id,service_id,number\np1,s1,0341 1\n")
            ])
            .unwrap(),
            ["Maatje"]
        );
        for files in [
            &[("kaart.xlsx", "PK")][..],
            &[][..],
            &[("a.json", "[]"), ("b.json", "[]")][..],
        ] {
            assert!(
                matches!(names(files), Err(ImportError::NotRecognised { .. })),
                "{files:?}"
            );
        }
    }

    #[test]
    fn page_object_bare_array_and_single_service_are_accepted() {
        let one = json!({"id": "a", "name": "Voedselbank"});
        assert_eq!(
            import(json!({"contents": [one.clone()]}))
                .directory
                .services
                .len(),
            1
        );
        assert_eq!(
            import(json!([one.clone(), {"id": "b", "name": "Kledingbank"}]))
                .directory
                .services
                .len(),
            2
        );
        assert_eq!(import(one).directory.services[0].name, "Voedselbank");
    }

    #[test]
    fn an_empty_list_is_a_valid_empty_directory() {
        assert!(import(json!([])).directory.services.is_empty());
        assert!(import(json!({"contents": []}))
            .directory
            .services
            .is_empty());
    }

    #[test]
    fn broken_json_names_line_and_column() {
        let error = import_json("{\n  \"contents\": [\n    {\"name\": }\n  ]\n}").unwrap_err();
        match error {
            ImportError::InvalidJson { line, .. } => assert_eq!(line, 3),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn json_that_is_not_a_service_list_is_refused() {
        assert!(matches!(
            import_value(&json!({"total_items": 3})),
            Err(ImportError::NotAServiceList { .. })
        ));
        assert!(matches!(
            import_value(&json!("hello")),
            Err(ImportError::NotAServiceList { found: "text" })
        ));
        assert!(matches!(
            import_value(&json!({"contents": 3})),
            Err(ImportError::NotAServiceList { .. })
        ));
    }

    #[test]
    fn a_service_without_name_is_left_out_and_the_rest_kept() {
        let imported = import(json!([{"id": "a"}, {"id": "b", "name": "Maatje"}, 7]));
        assert_eq!(imported.directory.services.len(), 1);
        let errors: Vec<_> = imported
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].location, "$[0]");
        assert_eq!(errors[0].field, "name");
        assert_eq!(errors[1].location, "$[2]");
    }

    #[test]
    fn hostile_links_are_dropped_and_reported() {
        let imported = import(json!([{
            "id": "x",
            "name": "Hulp<script>alert(1)</script>",
            "url": "javascript:alert(1)",
            "email": "a@b.nl?bcc=all@x.nl",
            "organization": {"name": "Org", "website": "data:text/html,hi"}
        }]));
        let service = &imported.directory.services[0];
        assert_eq!(service.name, "Hulp");
        assert_eq!(service.website, None);
        assert_eq!(service.email, None);
        let mut places: Vec<_> = imported
            .problems
            .iter()
            .map(|p| format!("{} {}", p.location, p.field))
            .collect();
        places.sort();
        assert_eq!(
            places,
            [
                "$[0] email",
                "$[0] name",
                "$[0] url",
                "$[0].organization website"
            ]
        );
    }

    #[test]
    fn details_come_from_locations_and_the_organisation() {
        let imported = import(json!({"contents": [{
            "id": "s1",
            "name": "Inloop",
            "organization": {
                "name": "Welzijn Lindenhoven",
                "email": "info@welzijn.example",
                "website": "welzijn.example",
                "phones": [{"number": "0341 100 200"}]
            },
            "service_at_locations": [{
                "location": {
                    "addresses": [
                        {"address_1": "Postbus 1", "city": "Lindenhoven", "address_type": "postal"},
                        {"address_1": "Kerkstraat 1", "postal_code": "3861 AB", "city": "Lindenhoven", "address_type": "physical"}
                    ]
                }
            }]
        }]}));
        let service = &imported.directory.services[0];
        assert_eq!(service.email.as_deref(), Some("info@welzijn.example"));
        assert_eq!(service.website.as_deref(), Some("https://welzijn.example"));
        assert_eq!(service.phones[0].tel().as_deref(), Some("tel:0341100200"));
        let streets: Vec<_> = service.addresses().map(|a| a.street.as_str()).collect();
        assert_eq!(streets, ["Kerkstraat 1"]);
    }

    #[test]
    fn every_status_is_kept_and_an_unknown_one_is_named() {
        let imported = import(json!([
            {"id": "a", "name": "Oud", "status": "defunct"},
            {"id": "b", "name": "Stil", "status": "Inactive"},
            {"id": "c", "name": "Dicht", "status": "temporarily closed", "alert": "<p>Gesloten tot 1 maart.</p>"},
            {"id": "d", "name": "Nieuw", "status": "active"},
            {"id": "e", "name": "Vreemd", "status": "half open"},
        ]));
        let statuses: Vec<_> = imported
            .directory
            .services
            .iter()
            .map(|s| s.status)
            .collect();
        use crate::model::Status::*;
        assert_eq!(
            statuses,
            [Defunct, Inactive, TemporarilyClosed, Active, Active]
        );
        let listed: Vec<_> = imported
            .directory
            .services
            .iter()
            .map(Service::is_listed)
            .collect();
        assert_eq!(listed, [false, false, true, true, true]);
        assert_eq!(
            imported.directory.services[2].alert.as_deref(),
            Some("Gesloten tot 1 maart.")
        );
        let places: Vec<_> = imported
            .problems
            .iter()
            .map(|p| format!("{} {}", p.location, p.field))
            .collect();
        assert_eq!(places, ["$[2] alert", "$[4] status"]);
    }

    #[test]
    fn long_descriptions_are_flagged() {
        let imported = import(
            json!([{"id": "a", "name": "Lang", "description": "x".repeat(LONG_TEXT_CHARS + 1)}]),
        );
        assert_eq!(imported.problems[0].field, "description");
    }
}
