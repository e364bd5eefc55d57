//! Import of HSDS 3.0 JSON into the [`Directory`] model.
//!
//! Accepted shapes: a service list page object (`{"contents": [...]}`), a bare array of
//! services, or a single service object. Import is forgiving: a record with a problem is
//! repaired or skipped with a [`Problem`] naming its JSON path and field, and the valid
//! records are always kept.

use std::fmt;

use serde_json::Value;

use crate::links::{mail_link, tel_link, web_link};
use crate::model::{Address, Directory, Phone, Service};
use crate::problem::{Problem, Severity};
use crate::reader::{kind, Node, Reader};

/// Descriptions longer than this are flagged: they are usually pasted documents.
pub const LONG_TEXT_CHARS: usize = 4000;

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
            Self::NotAServiceList { found } => write!(
                f,
                "expected an HSDS service list (an object with `contents`, a list of services or one service), found {found}"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports HSDS 3.0 JSON text.
pub fn import_json(text: &str) -> Result<Imported, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|error| ImportError::InvalidJson {
        line: error.line(),
        column: error.column(),
        message: error.to_string(),
    })?;
    import_value(&value)
}

/// Imports an already parsed HSDS 3.0 JSON document.
pub fn import_value(value: &Value) -> Result<Imported, ImportError> {
    let reader = Reader::default();
    let root = reader.root(value);
    let services = match value {
        Value::Array(_) => root.map_items(service),
        Value::Object(object) if object.contains_key("contents") => {
            if !object["contents"].is_array() {
                return Err(ImportError::NotAServiceList {
                    found: "an object whose `contents` is not a list",
                });
            }
            root.map_list("contents", service)
        }
        Value::Object(object) if object.contains_key("name") => service(root).into_iter().collect(),
        other => {
            return Err(ImportError::NotAServiceList {
                found: match other {
                    Value::Object(_) => "an object without `contents` or `name`",
                    other => kind(other),
                },
            })
        }
    };
    Ok(Imported {
        directory: Directory { services },
        problems: reader.into_problems(),
    })
}

/// Statuses whose services are left out: residents must not be sent there.
const CLOSED_STATUSES: [&str; 2] = ["inactive", "defunct"];

fn service(node: Node<'_>) -> Option<Service> {
    if !node.value().is_object() {
        node.problem(
            Severity::Error,
            "",
            format!("expected a service object, found {}", kind(node.value())),
        );
        return None;
    }
    let Some(name) = node.text("name") else {
        node.problem(Severity::Error, "name", "a service needs a name; left out");
        return None;
    };
    if let Some(status) = node.text("status") {
        if CLOSED_STATUSES.contains(&status.to_ascii_lowercase().as_str()) {
            node.problem(
                Severity::Warning,
                "status",
                format!("service is {status}; left out"),
            );
            return None;
        }
    }
    let id = node.text("id").unwrap_or_else(|| {
        node.problem(
            Severity::Warning,
            "id",
            "missing id; one was made from the path",
        );
        node.path()
    });
    let description = node.text("description");
    if let Some(text) = &description {
        let length = text.chars().count();
        if length > LONG_TEXT_CHARS {
            node.problem(
                Severity::Warning,
                "description",
                format!("very long description ({length} characters)"),
            );
        }
    }
    let organization = node.with_object("organization", org_details);
    let locations = node.map_list("service_at_locations", |sal| {
        sal.with_object("location", location_details)
    });

    let mut phones = node.map_list("phones", phone);
    phones.extend(
        locations
            .iter()
            .flat_map(|location| location.phones.iter().cloned()),
    );
    if phones.is_empty() {
        if let Some(org) = &organization {
            phones.extend(org.phones.iter().cloned());
        }
    }
    dedup_phones(&mut phones);

    let email = checked_email(node, "email")
        .or_else(|| organization.as_ref().and_then(|org| org.email.clone()));
    let website = checked_web(node, "url")
        .or_else(|| organization.as_ref().and_then(|org| org.website.clone()));

    Some(Service {
        id,
        name,
        organization: organization.and_then(|org| org.name),
        description,
        phones,
        email,
        website,
        addresses: locations
            .into_iter()
            .flat_map(|location| location.addresses)
            .collect(),
    })
}

/// What a service borrows from its organisation when it has no details of its own.
struct OrgDetails {
    name: Option<String>,
    email: Option<String>,
    website: Option<String>,
    phones: Vec<Phone>,
}

fn org_details(org: Node<'_>) -> OrgDetails {
    OrgDetails {
        name: org.text("name"),
        email: checked_email(org, "email"),
        website: checked_web(org, "website").or_else(|| checked_web(org, "url")),
        phones: org.map_list("phones", phone),
    }
}

struct LocationDetails {
    addresses: Vec<Address>,
    phones: Vec<Phone>,
}

fn location_details(location: Node<'_>) -> LocationDetails {
    let mut addresses = location.map_list("addresses", |address| {
        let kind = address.text("address_type").unwrap_or_default();
        Some((kind == "postal", postal_address(address)?))
    });
    // Visiting addresses first: a resident walks in, letters come second.
    addresses.sort_by_key(|(is_postal, _)| *is_postal);
    LocationDetails {
        addresses: addresses.into_iter().map(|(_, address)| address).collect(),
        phones: location.map_list("phones", phone),
    }
}

fn postal_address(node: Node<'_>) -> Option<Address> {
    let street = match (node.text("address_1"), node.text("address_2")) {
        (Some(first), Some(second)) => format!("{first} {second}"),
        (Some(first), None) => first,
        (None, _) => {
            node.problem(
                Severity::Warning,
                "address_1",
                "address without street; skipped",
            );
            return None;
        }
    };
    Some(Address {
        street,
        postal_code: node.text("postal_code"),
        city: node.text("city"),
    })
}

fn phone(node: Node<'_>) -> Option<Phone> {
    let Some(number) = node.text("number") else {
        node.problem(
            Severity::Warning,
            "number",
            "phone without a number; skipped",
        );
        return None;
    };
    let number = number.trim_matches('"').trim().to_owned();
    let tel = tel_link(&number);
    if tel.is_none() {
        node.problem(
            Severity::Warning,
            "number",
            format!("{number:?} cannot be dialled; shown as text"),
        );
    }
    Some(Phone {
        number,
        tel,
        description: node.text("description"),
    })
}

fn dedup_phones(phones: &mut Vec<Phone>) {
    let mut seen = Vec::<String>::new();
    phones.retain(|phone| {
        let key = phone.tel.clone().unwrap_or_else(|| phone.number.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

fn checked_email(node: Node<'_>, key: &str) -> Option<String> {
    let email = node.text(key)?;
    if mail_link(&email).is_some() {
        Some(email)
    } else {
        node.problem(
            Severity::Warning,
            key,
            format!("{email:?} is not a usable e-mail address; left out"),
        );
        None
    }
}

fn checked_web(node: Node<'_>, key: &str) -> Option<String> {
    let url = node.text(key)?;
    let link = web_link(&url);
    if link.is_none() {
        node.problem(
            Severity::Warning,
            key,
            format!("{url:?} is not an http(s) address; it is never shown as a link"),
        );
    }
    link
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn import(value: Value) -> Imported {
        import_value(&value).expect("imports")
    }

    #[test]
    fn the_official_hsds_example_imports() {
        let text = include_str!("../../../tests/fixtures/hsds/service_list.json");
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
            import(json!([one.clone(), one.clone()]))
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
            "name": "<script>alert(1)</script>",
            "url": "javascript:alert(1)",
            "email": "a@b.nl?bcc=all@x.nl",
            "organization": {"name": "Org", "website": "data:text/html,hi"}
        }]));
        let service = &imported.directory.services[0];
        assert_eq!(service.name, "<script>alert(1)</script>");
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
            ["$[0] email", "$[0] url", "$[0].organization website"]
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
        assert_eq!(service.phones[0].tel.as_deref(), Some("tel:0341100200"));
        assert_eq!(service.addresses[0].street, "Kerkstraat 1");
        assert_eq!(service.addresses[1].street, "Postbus 1");
    }

    #[test]
    fn closed_services_are_left_out_with_a_warning() {
        let imported = import(json!([
            {"id": "a", "name": "Oud", "status": "defunct"},
            {"id": "b", "name": "Nieuw", "status": "active"}
        ]));
        assert_eq!(imported.directory.services.len(), 1);
        assert_eq!(imported.problems[0].field, "status");
    }

    #[test]
    fn long_descriptions_are_flagged() {
        let imported = import(
            json!([{"id": "a", "name": "Lang", "description": "x".repeat(LONG_TEXT_CHARS + 1)}]),
        );
        assert_eq!(imported.problems[0].field, "description");
    }
}
