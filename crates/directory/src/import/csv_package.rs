//! The HSDS 3.0 CSV datapackage: one CSV file per table, linked by ids.
//!
//! Rows are assembled into the nested JSON shape of a service and then read by the same code
//! as HSDS JSON. Every assembled object remembers its file and row (`phones.csv:7`), so
//! problems are reported where a person can fix them.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::{import_services, ImportError, Imported};
use crate::problem::{Problem, Severity};
use crate::reader::{Reader, SOURCE_FIELD};

/// One CSV table: its rows as column → value, each with its 1-based line number.
struct Table {
    file: String,
    rows: Vec<(usize, Map<String, Value>)>,
}

impl Table {
    fn parse(file: &str, text: &str, problems: &mut Vec<Problem>) -> Self {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(headers) => headers.iter().map(|h| h.to_ascii_lowercase()).collect(),
            Err(error) => {
                problems.push(problem(file, 1, "", format!("unreadable header: {error}")));
                return Self {
                    file: file.to_owned(),
                    rows: Vec::new(),
                };
            }
        };
        let mut rows = Vec::new();
        for (index, record) in reader.records().enumerate() {
            let line = index + 2;
            match record {
                Ok(record) => {
                    let mut row = Map::new();
                    for (header, value) in headers.iter().zip(record.iter()) {
                        if !value.is_empty() {
                            row.insert(header.clone(), Value::String(value.to_owned()));
                        }
                    }
                    row.insert(
                        SOURCE_FIELD.to_owned(),
                        Value::String(format!("{file}:{line}")),
                    );
                    rows.push((line, row));
                }
                Err(error) => {
                    problems.push(problem(file, line, "", format!("unreadable row: {error}")))
                }
            }
        }
        Self {
            file: file.to_owned(),
            rows,
        }
    }

    /// Rows grouped by the value of a link column (`service_id`).
    fn by(&self, column: &str) -> HashMap<String, Vec<Value>> {
        let mut groups: HashMap<String, Vec<Value>> = HashMap::new();
        for (_, row) in &self.rows {
            if let Some(Value::String(key)) = row.get(column) {
                groups
                    .entry(key.clone())
                    .or_default()
                    .push(Value::Object(row.clone()));
            }
        }
        groups
    }

    /// Rows by their `id`.
    fn by_id(&self) -> HashMap<String, Map<String, Value>> {
        self.rows
            .iter()
            .filter_map(|(_, row)| match row.get("id") {
                Some(Value::String(id)) => Some((id.clone(), row.clone())),
                _ => None,
            })
            .collect()
    }
}

fn problem(file: &str, line: usize, field: &str, message: String) -> Problem {
    Problem {
        severity: Severity::Error,
        location: format!("{file}:{line}"),
        field: field.to_owned(),
        message,
    }
}

/// Imports a CSV datapackage given as file name → file text. `services.csv` is required;
/// the other tables are used when present.
pub fn import_csv_package(files: &BTreeMap<String, String>) -> Result<Imported, ImportError> {
    let mut problems = Vec::new();
    let table = |name: &str, problems: &mut Vec<Problem>| {
        files
            .get(name)
            .map(|text| Table::parse(name, text, problems))
            .unwrap_or(Table {
                file: name.to_owned(),
                rows: Vec::new(),
            })
    };
    if !files.contains_key("services.csv") {
        return Err(ImportError::NotAServiceList {
            found: "a folder without services.csv",
        });
    }
    let services = table("services.csv", &mut problems);
    let organizations = table("organizations.csv", &mut problems).by_id();
    let phones = table("phones.csv", &mut problems);
    let locations = table("locations.csv", &mut problems);
    let addresses = table("addresses.csv", &mut problems).by("location_id");
    let accessibility = table("accessibility.csv", &mut problems).by("location_id");
    let schedules = table("schedules.csv", &mut problems);
    let languages = table("languages.csv", &mut problems);
    let contacts = table("contacts.csv", &mut problems).by("service_id");
    let costs = table("cost_options.csv", &mut problems).by("service_id");
    let at_locations = table("service_at_location.csv", &mut problems);
    let attributes = table("attributes.csv", &mut problems).by("link_id");
    let terms = table("taxonomy_terms.csv", &mut problems).by_id();
    let taxonomies = table("taxonomies.csv", &mut problems).by_id();

    let phones_by = |column| phones.by(column);
    let (service_phones, location_phones, org_phones, contact_phones) = (
        phones_by("service_id"),
        phones_by("location_id"),
        phones_by("organization_id"),
        phones_by("contact_id"),
    );
    let schedules_by_service = schedules.by("service_id");
    let schedules_by_location = schedules.by("location_id");
    let languages_by_service = languages.by("service_id");
    let location_rows = locations.by_id();

    let mut location_objects: HashMap<String, Value> = HashMap::new();
    for (id, row) in &location_rows {
        let mut location = row.clone();
        attach(&mut location, "addresses", addresses.get(id));
        attach(&mut location, "accessibility", accessibility.get(id));
        attach(&mut location, "phones", location_phones.get(id));
        attach(&mut location, "schedules", schedules_by_location.get(id));
        location_objects.insert(id.clone(), Value::Object(location));
    }

    let mut service_locations: HashMap<String, Vec<Value>> = HashMap::new();
    for (line, row) in &at_locations.rows {
        let (Some(Value::String(service)), Some(Value::String(location))) =
            (row.get("service_id"), row.get("location_id"))
        else {
            continue;
        };
        match location_objects.get(location) {
            Some(object) => {
                let mut link = row.clone();
                link.insert("location".into(), object.clone());
                service_locations
                    .entry(service.clone())
                    .or_default()
                    .push(Value::Object(link));
            }
            None => problems.push(problem(
                &at_locations.file,
                *line,
                "location_id",
                format!("no location with id {location:?} in locations.csv"),
            )),
        }
    }

    let resolve_attribute = |attribute: &Value| -> Value {
        let mut attribute = attribute.as_object().cloned().unwrap_or_default();
        if let Some(Value::String(term_id)) = attribute.get("taxonomy_term_id").cloned() {
            if let Some(mut term) = terms.get(&term_id).cloned() {
                if !term.contains_key("taxonomy") {
                    if let Some(Value::String(taxonomy_id)) = term.get("taxonomy_id") {
                        if let Some(name) = taxonomies.get(taxonomy_id).and_then(|t| t.get("name"))
                        {
                            term.insert("taxonomy".into(), name.clone());
                        }
                    }
                }
                attribute.insert("taxonomy_term".into(), Value::Object(term));
            }
        }
        Value::Object(attribute)
    };

    let mut assembled = Vec::new();
    for (line, row) in &services.rows {
        let mut service = row.clone();
        let id = match row.get("id") {
            Some(Value::String(id)) => id.clone(),
            _ => String::new(),
        };
        if let Some(Value::String(org_id)) = row.get("organization_id") {
            match organizations.get(org_id) {
                Some(org) => {
                    let mut org = org.clone();
                    attach(&mut org, "phones", org_phones.get(org_id));
                    service.insert("organization".into(), Value::Object(org));
                }
                None if !organizations.is_empty() => problems.push(Problem {
                    severity: Severity::Warning,
                    location: format!("{}:{line}", services.file),
                    field: "organization_id".into(),
                    message: format!("no organization with id {org_id:?} in organizations.csv"),
                }),
                None => {}
            }
        }
        attach(&mut service, "phones", service_phones.get(&id));
        attach(&mut service, "schedules", schedules_by_service.get(&id));
        attach(&mut service, "languages", languages_by_service.get(&id));
        attach(&mut service, "cost_options", costs.get(&id));
        attach(
            &mut service,
            "service_at_locations",
            service_locations.get(&id),
        );
        if let Some(contacts) = contacts.get(&id) {
            let with_phones = contacts
                .iter()
                .map(|contact| {
                    let mut contact = contact.as_object().cloned().unwrap_or_default();
                    let contact_id = contact
                        .get("id")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    attach(&mut contact, "phones", contact_phones.get(&contact_id));
                    Value::Object(contact)
                })
                .collect::<Vec<_>>();
            attach(&mut service, "contacts", Some(&with_phones));
        }
        if let Some(list) = attributes.get(&id) {
            let resolved: Vec<Value> = list.iter().map(resolve_attribute).collect();
            attach(&mut service, "attributes", Some(&resolved));
        }
        assembled.push(Value::Object(service));
    }
    let mut imported = import_services(&Value::Array(assembled), Reader::default());
    problems.append(&mut imported.problems);
    imported.problems = problems;
    Ok(imported)
}

fn attach(object: &mut Map<String, Value>, key: &str, values: Option<&Vec<Value>>) {
    if let Some(values) = values {
        object.insert(key.to_owned(), Value::Array(values.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn official_example() -> BTreeMap<String, String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/hsds/csv");
        std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&path).unwrap())
            })
            .collect()
    }

    #[test]
    fn the_official_csv_example_imports_without_errors() {
        let imported = import_csv_package(&official_example()).unwrap();
        let errors: Vec<_> = imported
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let service = &imported.directory.services[0];
        assert_eq!(service.name, "Community Counselling");
        assert_eq!(
            service.organization.as_deref(),
            Some("Example Organization Inc.")
        );
        assert!(!service.phones.is_empty());
        assert!(!service.locations.is_empty());
        assert!(!service.hours.is_empty() || !service.hours_notes.is_empty());
    }

    #[test]
    fn problems_name_file_row_and_field() {
        let mut files = BTreeMap::new();
        files.insert(
            "services.csv".to_owned(),
            "id,name,organization_id,email\ns1,Maatje,o9,niet-een-adres\ns2,,o1,\n".to_owned(),
        );
        files.insert(
            "organizations.csv".to_owned(),
            "id,name\no1,Welzijn\n".to_owned(),
        );
        files.insert(
            "service_at_location.csv".to_owned(),
            "id,service_id,location_id\nx,s1,l404\n".to_owned(),
        );
        let imported = import_csv_package(&files).unwrap();
        assert_eq!(imported.directory.services.len(), 1);
        let places: Vec<String> = imported
            .problems
            .iter()
            .map(|p| format!("{} {}", p.location, p.field))
            .collect();
        assert!(
            places.contains(&"services.csv:2 organization_id".to_owned()),
            "{places:?}"
        );
        assert!(
            places.contains(&"services.csv:2 email".to_owned()),
            "{places:?}"
        );
        assert!(
            places.contains(&"services.csv:3 name".to_owned()),
            "{places:?}"
        );
        assert!(
            places.contains(&"service_at_location.csv:2 location_id".to_owned()),
            "{places:?}"
        );
    }

    #[test]
    fn a_folder_without_services_is_refused() {
        let files = BTreeMap::from([("organizations.csv".to_owned(), "id,name\n".to_owned())]);
        assert!(import_csv_package(&files).is_err());
    }
}
