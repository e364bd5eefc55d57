//! Export to HSDS 3.0 JSON that validates against the official schema.
//!
//! Liberal in, strict out: ids become UUIDs (existing UUIDs are kept, other ids get a stable
//! UUID derived from them), required fields are filled (`country` "NL", `state_province`
//! from the options, an organisation description), and only `WEEKLY`/`MONTHLY` schedules
//! are written.
//!
//! Nothing the input had is lost: what the model reads is written from the model, and the
//! HSDS fields it has no place for ([`Carried`]) are written back where they came from — the
//! input's own version wins where both exist (its `attributes`, its organisation's
//! description).

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{json, Map, Value};

use crate::hsds_schema::{Entity, Kind, SERVICE};
use crate::model::{Address, Carried, Contact, Directory, Location, Phone, Service};
use crate::profile::taxonomy;
use crate::schedule::{OpeningHours, Recurrence};
use crate::vocabulary::Vocabulary;

/// Settings for an export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Province for `state_province`, which HSDS requires and Dutch addresses leave out.
    pub province: String,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            province: "Onbekend".into(),
        }
    }
}

/// The directory as an HSDS 3.0 service list page.
pub fn export_hsds(
    directory: &Directory,
    vocabulary: &Vocabulary,
    options: &ExportOptions,
) -> Value {
    serde_json::to_value(Page {
        directory,
        vocabulary,
        options,
    })
    .expect("an exported page is JSON")
}

/// Writes the directory as an HSDS 3.0 service list page to `writer` (indented when
/// `pretty`), one service at a time: a large map never exists as one JSON tree.
pub fn write_hsds(
    writer: impl std::io::Write,
    directory: &Directory,
    vocabulary: &Vocabulary,
    options: &ExportOptions,
    pretty: bool,
) -> serde_json::Result<()> {
    let page = Page {
        directory,
        vocabulary,
        options,
    };
    if pretty {
        serde_json::to_writer_pretty(writer, &page)
    } else {
        serde_json::to_writer(writer, &page)
    }
}

/// A service list page whose services are exported as they are written.
struct Page<'a> {
    directory: &'a Directory,
    vocabulary: &'a Vocabulary,
    options: &'a ExportOptions,
}

impl Serialize for Page<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let count = self.directory.services.len();
        // In the order `json!` would give: keys sorted.
        let mut page = serializer.serialize_map(Some(8))?;
        page.serialize_entry("contents", &Contents(self))?;
        page.serialize_entry("empty", &(count == 0))?;
        page.serialize_entry("first_page", &true)?;
        page.serialize_entry("last_page", &true)?;
        page.serialize_entry("page_number", &1)?;
        page.serialize_entry("size", &count)?;
        page.serialize_entry("total_items", &count)?;
        page.serialize_entry("total_pages", &1)?;
        page.end()
    }
}

/// The services of a [`Page`], each exported when it is written.
struct Contents<'a>(&'a Page<'a>);

impl Serialize for Contents<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let page = self.0;
        let mut list = serializer.serialize_seq(Some(page.directory.services.len()))?;
        for service in &page.directory.services {
            list.serialize_element(&export_service(service, page.vocabulary, page.options))?;
        }
        list.end()
    }
}

/// A stable UUID for an id: the id itself when it is a UUID.
pub fn uuid_for(id: &str) -> String {
    if is_uuid(id) {
        return id.to_ascii_lowercase();
    }
    let hash = |seed: u64| {
        id.bytes().fold(seed, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let high = hash(0xcbf2_9ce4_8422_2325);
    let low = hash(0x8422_2325_cbf2_9ce4) ^ high.rotate_left(17);
    // Version 8 (custom) and the RFC 4122 variant.
    let high = (high & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_8000;
    let low = (low & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Inserts `value` under `key` when it is present.
fn put(object: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        object.insert(key.to_owned(), value.into());
    }
}

fn export_service(service: &Service, vocabulary: &Vocabulary, options: &ExportOptions) -> Value {
    let id = uuid_for(&service.id);
    let child = |kind: &str, index: usize| uuid_for(&format!("{}/{kind}/{index}", service.id));
    let mut object = Map::new();
    object.insert("id".into(), json!(id));
    object.insert("name".into(), json!(service.name));
    object.insert("status".into(), json!(service.status.hsds()));
    put(&mut object, "alert", service.alert.clone());
    put(
        &mut object,
        "alternate_name",
        service.alternate_name.clone(),
    );
    put(&mut object, "description", service.description.clone());
    put(&mut object, "url", service.website.clone());
    put(&mut object, "email", service.email.clone());
    put(
        &mut object,
        "application_process",
        service.application_process.clone(),
    );
    put(
        &mut object,
        "eligibility_description",
        service.eligibility.clone(),
    );
    put(&mut object, "fees_description", service.fees.clone());
    put(&mut object, "minimum_age", service.min_age);
    put(&mut object, "maximum_age", service.max_age);
    put(
        &mut object,
        "assured_date",
        service.assured_date.map(|d| d.to_string()),
    );
    if let Some(name) = &service.organization {
        object.insert(
            "organization".into(),
            json!({
                "id": uuid_for(&format!("organization/{name}")),
                "name": name,
                "description": format!("{name} biedt {} aan.", service.name),
            }),
        );
    }
    object.insert(
        "phones".into(),
        phones(&service.phones, &|i| child("phone", i)),
    );
    let own_hours = &service.hours[..service.own_hours.min(service.hours.len())];
    let mut schedules: Vec<Value> = own_hours
        .iter()
        .enumerate()
        .map(|(i, hours)| schedule(hours, child("schedule", i)))
        .collect();
    schedules.extend(
        service
            .hours_notes
            .iter()
            .enumerate()
            .map(|(i, note)| json!({"id": child("schedule-note", i), "description": note})),
    );
    object.insert("schedules".into(), Value::Array(schedules));
    object.insert(
        "service_at_locations".into(),
        Value::Array(
            service
                .locations
                .iter()
                .enumerate()
                .map(|(i, location)| {
                    let id = |kind: &str, j| child(&format!("location-{i}-{kind}"), j);
                    let mut link = Map::new();
                    link.insert("id".into(), json!(child("service-at-location", i)));
                    link.insert("location".into(), export_location(location, &id, options));
                    if !location.hours.is_empty() {
                        let schedules = location.hours.iter().enumerate();
                        link.insert(
                            "schedules".into(),
                            schedules
                                .map(|(j, hours)| schedule(hours, id("schedule", j)))
                                .collect(),
                        );
                    }
                    with_carried(link, &location.link_carried)
                })
                .collect(),
        ),
    );
    object.insert(
        "service_areas".into(),
        Value::Array(
            service
                .service_areas
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    json!({"id": child("service-area", i), "service_id": id, "name": name})
                })
                .collect(),
        ),
    );
    object.insert(
        "languages".into(),
        Value::Array(
            service
                .languages
                .iter()
                .enumerate()
                .map(|(i, language)| {
                    let mut item = Map::new();
                    item.insert("id".into(), json!(child("language", i)));
                    let key = if language.len() <= 3 { "code" } else { "name" };
                    item.insert(key.into(), json!(language));
                    Value::Object(item)
                })
                .collect(),
        ),
    );
    if service.free {
        object.insert(
            "cost_options".into(),
            json!([{"id": child("cost", 0), "amount": 0, "currency": "EUR", "option": "Gratis"}]),
        );
    }
    object.insert(
        "attributes".into(),
        attributes(service, vocabulary, &|i| child("attribute", i)),
    );
    object.insert(
        "contacts".into(),
        Value::Array(
            service
                .contacts
                .iter()
                .enumerate()
                .map(|(i, contact)| {
                    export_contact(contact, child("contact", i), &|j| {
                        child(&format!("contact-{i}-phone"), j)
                    })
                })
                .collect(),
        ),
    );
    let Value::Object(mut object) = with_carried(object, &service.carried) else {
        unreachable!("an object with fields merged in stays an object")
    };
    complete_ids(&SERVICE, &mut object, &id);
    Value::Object(object)
}

/// `object` with the carried fields merged in: the carried (input) version wins, nested
/// objects are merged field by field.
fn with_carried(mut object: Map<String, Value>, carried: &Carried) -> Value {
    merge(&mut object, &carried.to_map());
    Value::Object(object)
}

fn merge(object: &mut Map<String, Value>, carried: &Map<String, Value>) {
    for (key, value) in carried {
        match (object.get_mut(key), value) {
            (Some(Value::Object(mine)), Value::Object(theirs)) => merge(mine, theirs),
            _ => {
                object.insert(key.clone(), value.clone());
            }
        }
    }
}

/// Gives every nested HSDS object without an id (carried ones may lack it) a stable UUID
/// made from `seed` and its place.
fn complete_ids(entity: &Entity, object: &mut Map<String, Value>, seed: &str) {
    if !object.contains_key("id") {
        object.insert("id".into(), json!(uuid_for(seed)));
    }
    for (field, kind) in entity.fields {
        match (kind, object.get_mut(*field)) {
            (Kind::Object(child), Some(Value::Object(nested))) => {
                complete_ids(child, nested, &format!("{seed}/{field}"));
            }
            (Kind::List(child), Some(Value::Array(items))) => {
                for (index, item) in items.iter_mut().enumerate() {
                    if let Value::Object(nested) = item {
                        complete_ids(child, nested, &format!("{seed}/{field}/{index}"));
                    }
                }
            }
            _ => {}
        }
    }
}

fn phones(phones: &[Phone], id: &dyn Fn(usize) -> String) -> Value {
    Value::Array(
        phones
            .iter()
            .enumerate()
            .map(|(i, phone)| {
                let mut object = Map::new();
                object.insert("id".into(), json!(id(i)));
                object.insert("number".into(), json!(phone.number));
                put(&mut object, "description", phone.description.clone());
                with_carried(object, &phone.carried)
            })
            .collect(),
    )
}

fn export_contact(contact: &Contact, id: String, phone_id: &dyn Fn(usize) -> String) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(id));
    put(&mut object, "name", contact.name.clone());
    put(&mut object, "title", contact.title.clone());
    put(&mut object, "department", contact.department.clone());
    put(&mut object, "email", contact.email.clone());
    object.insert("phones".into(), phones(&contact.phones, phone_id));
    with_carried(object, &contact.carried)
}

fn export_location(
    location: &Location,
    id: &dyn Fn(&str, usize) -> String,
    options: &ExportOptions,
) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(id("self", 0)));
    object.insert("location_type".into(), json!("physical"));
    put(&mut object, "name", location.name.clone());
    if let Some(point) = location.point {
        object.insert("latitude".into(), json!(point.lat));
        object.insert("longitude".into(), json!(point.lon));
    }
    let addresses: Vec<Value> = location
        .addresses
        .iter()
        .enumerate()
        .filter_map(|(i, address)| export_address(address, id("address", i), options))
        .collect();
    object.insert("addresses".into(), Value::Array(addresses));
    object.insert(
        "accessibility".into(),
        Value::Array(
            location
                .accessibility
                .iter()
                .enumerate()
                .map(|(i, note)| json!({"id": id("accessibility", i), "description": note}))
                .collect(),
        ),
    );
    with_carried(object, &location.carried)
}

/// An address; `None` without the city or postcode that HSDS requires.
fn export_address(address: &Address, id: String, options: &ExportOptions) -> Option<Value> {
    let object = json!({
        "id": id,
        "address_1": address.street,
        "city": address.city.clone()?,
        "postal_code": address.postal_code.clone()?,
        "state_province": options.province,
        "country": "NL",
        "address_type": if address.postal { "postal" } else { "physical" },
    });
    let Value::Object(object) = object else {
        unreachable!("json! of an object literal is an object")
    };
    Some(with_carried(object, &address.carried))
}

fn schedule(hours: &OpeningHours, id: String) -> Value {
    let clock = |minutes: u16| format!("{:02}:{:02}", minutes / 60, minutes % 60);
    let mut object = Map::new();
    object.insert("id".into(), json!(id));
    match &hours.recurrence {
        Recurrence::Weekly(_) => {
            let days: Vec<&str> = hours
                .recurrence
                .weekdays()
                .iter()
                .map(|d| d.ical())
                .collect();
            object.insert("freq".into(), json!("WEEKLY"));
            object.insert("byday".into(), json!(days.join(",")));
        }
        Recurrence::MonthDays(days) => {
            let days: Vec<String> = days.iter().map(u8::to_string).collect();
            object.insert("freq".into(), json!("MONTHLY"));
            object.insert("bymonthday".into(), json!(days.join(",")));
        }
    }
    object.insert("opens_at".into(), json!(clock(hours.opens)));
    object.insert(
        "closes_at".into(),
        json!(if hours.closes == 1440 {
            "24:00".to_owned()
        } else {
            clock(hours.closes)
        }),
    );
    put(
        &mut object,
        "valid_from",
        hours.valid_from.map(|d| d.to_string()),
    );
    put(
        &mut object,
        "valid_to",
        hours.valid_to.map(|d| d.to_string()),
    );
    put(&mut object, "description", hours.note.clone());
    with_carried(object, &hours.carried)
}

fn attributes(service: &Service, vocabulary: &Vocabulary, id: &dyn Fn(usize) -> String) -> Value {
    let mut terms: Vec<(&str, String, String)> = Vec::new();
    for domain in &service.domains {
        let label = vocabulary
            .domain(*domain)
            .map_or(domain.code().to_owned(), |info| info.nl.clone());
        terms.push((taxonomy::DOMAIN, domain.code().to_owned(), label));
    }
    if let Some(level) = service.level {
        terms.push((
            taxonomy::LEVEL,
            level.code().to_owned(),
            level.code().to_owned(),
        ));
    }
    if let Some(access) = service.access {
        terms.push((
            taxonomy::ACCESS,
            access.code().to_owned(),
            access.code().to_owned(),
        ));
    }
    for group in &service.target_groups {
        terms.push((
            taxonomy::TARGET_GROUP,
            group.code().to_owned(),
            group.code().to_owned(),
        ));
    }
    for term in &service.other_terms {
        terms.push(("trefwoorden", term.clone(), term.clone()));
    }
    Value::Array(
        terms
            .into_iter()
            .enumerate()
            .map(|(i, (taxonomy, code, description))| {
                json!({
                    "id": id(i),
                    "taxonomy_term": {
                        "id": uuid_for(&format!("term/{taxonomy}/{code}")),
                        "code": code,
                        "name": code,
                        "description": description,
                        "taxonomy": taxonomy,
                    },
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_json, import_value};

    #[test]
    fn ids_become_stable_uuids() {
        let made = uuid_for("schuldhulpmaatje");
        assert!(is_uuid(&made), "{made}");
        assert_eq!(made, uuid_for("schuldhulpmaatje"));
        assert_ne!(made, uuid_for("schuldhulpmaatje-2"));
        let existing = "ac148810-d857-441c-9679-408f346de14b";
        assert_eq!(uuid_for(existing), existing);
    }

    #[test]
    fn export_and_import_keep_what_matters() {
        let original = import_json(include_str!(
            "../../../tests/fixtures/hsds/service_list.json"
        ))
        .unwrap();
        let exported = export_hsds(
            &original.directory,
            &Vocabulary::dutch(),
            &ExportOptions::default(),
        );
        let again = import_value(&exported).unwrap();
        let (a, b) = (
            &original.directory.services[0],
            &again.directory.services[0],
        );
        assert_eq!(a.name, b.name);
        assert_eq!(a.description, b.description);
        assert_eq!(a.website, b.website);
        assert_eq!(a.min_age, b.min_age);
        assert_eq!(a.assured_date, b.assured_date);
    }
}
