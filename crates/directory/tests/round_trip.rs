//! Import → export → import loses nothing: generated services that use HSDS fields in many
//! combinations read back as the same services, and a second export is the first one.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use wegwijs_directory::export::{export_hsds, uuid_for, ExportOptions};
use wegwijs_directory::{import_json, Directory, Vocabulary};

fn export(directory: &Directory) -> Value {
    export_hsds(directory, &Vocabulary::dutch(), &ExportOptions::default())
}

fn import(value: &Value) -> Directory {
    import_json(&value.to_string()).expect("imports").directory
}

/// Words for names and texts, some with HTML entities and marks the import must keep.
fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "Hulp",
            "bij",
            "geld",
            "Buurtkamer",
            "één",
            "café",
            "&",
            "jongeren",
            "(0-4)",
            "GGZ",
        ]),
        1..5,
    )
    .prop_map(|words| words.join(" "))
}

fn phone() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec![
            "0341 123 456",
            "06-12345678",
            "112",
            "+31 20 123 4567",
        ]),
        prop::option::of(words()),
        prop::option::of(prop::sample::select(vec!["voice", "text", "fax"])),
    )
        .prop_map(|(number, description, kind)| {
            let mut phone = json!({"number": number});
            if let Some(description) = description {
                phone["description"] = json!(description);
            }
            if let Some(kind) = kind {
                phone["type"] = json!(kind);
            }
            phone
        })
}

fn schedule() -> impl Strategy<Value = Value> {
    (
        prop::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 1..7),
        0u16..20,
        1u16..5,
        prop::option::of(words()),
        any::<bool>(),
    )
        .prop_map(|(days, opens, hours, note, monthly)| {
            let opens_at = format!("{:02}:30", opens);
            let closes_at = format!("{:02}:00", (opens + hours).min(23));
            let mut schedule = if monthly {
                json!({"freq": "MONTHLY", "bymonthday": "1,15", "opens_at": opens_at, "closes_at": closes_at})
            } else {
                json!({"freq": "WEEKLY", "byday": days.join(","), "opens_at": opens_at, "closes_at": closes_at})
            };
            if let Some(note) = note {
                schedule["description"] = json!(note);
            }
            schedule
        })
}

fn location() -> impl Strategy<Value = Value> {
    (
        prop::option::of(words()),
        any::<bool>(),
        prop::option::of((52.0f64..53.0, 5.0f64..6.0)),
        prop::collection::vec(schedule(), 0..2),
        prop::option::of(words()),
    )
        .prop_map(|(name, with_post, point, schedules, transportation)| {
            let mut addresses = vec![json!({
                "address_1": "Kerkstraat 1", "address_2": "achteringang", "city": "Lindenhoven",
                "postal_code": "3861 AB", "state_province": "Gelderland", "country": "NL",
                "address_type": "physical"
            })];
            if with_post {
                addresses.insert(
                    0,
                    json!({"address_1": "Postbus 12", "city": "Lindenhoven", "postal_code": "3860 AA",
                           "state_province": "Gelderland", "country": "NL", "address_type": "postal"}),
                );
            }
            let mut location = json!({"location_type": "physical", "addresses": addresses});
            if let Some(name) = name {
                location["name"] = json!(name);
            }
            if let Some((lat, lon)) = point {
                location["latitude"] = json!((lat * 1e5).round() / 1e5);
                location["longitude"] = json!((lon * 1e5).round() / 1e5);
            }
            if let Some(transportation) = transportation {
                location["transportation"] = json!(transportation);
            }
            json!({"location": location, "schedules": schedules})
        })
}

fn attribute() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec!["geld", "wonen", "contact", "gezin"])
            .prop_map(|code| ("wegwijs-leefgebied", code)),
        prop::sample::select(vec!["vrij-toegankelijk", "maatwerk"])
            .prop_map(|code| ("wegwijs-voorziening", code)),
        prop::sample::select(vec!["schuldhulp", "buurtkamer"]).prop_map(|code| ("trefwoorden", code)),
    ]
    .prop_map(|(taxonomy, code)| {
        json!({"taxonomy_term": {"taxonomy": taxonomy, "code": code, "name": code, "description": code}})
    })
}

prop_compose! {
    fn service()(
        id in "[a-z]{1,8}",
        name in words(),
        description in prop::option::of(words()),
        status in prop::sample::select(vec!["active", "temporarily closed", "inactive", "defunct"]),
        alert in prop::option::of(words()),
        email in prop::option::of(Just("info@hulp.example")),
        url in prop::option::of(Just("https://hulp.example/dienst")),
        ages in prop::option::of((0u8..18, 18u8..100)),
        phones in prop::collection::vec(phone(), 0..3),
        schedules in prop::collection::vec(schedule(), 0..3),
        locations in prop::collection::vec(location(), 0..3),
        attributes in prop::collection::vec(attribute(), 0..4),
        languages in prop::collection::vec(prop::sample::select(vec!["nl", "en", "ar", "tr"]), 0..3),
        organization in prop::option::of((words(), any::<bool>())),
        extras in prop::collection::btree_map(
            prop::sample::select(vec!["accreditations", "wait_time", "licenses", "interpretation_services", "x-gemeente-code"]),
            words(),
            0..3,
        ),
    ) -> Value {
        let mut service = Map::new();
        service.insert("id".into(), json!(id));
        service.insert("name".into(), json!(name));
        service.insert("status".into(), json!(status));
        for (key, value) in [("description", description), ("alert", alert)] {
            if let Some(value) = value {
                service.insert(key.into(), json!(value));
            }
        }
        if let Some(email) = email {
            service.insert("email".into(), json!(email));
        }
        if let Some(url) = url {
            service.insert("url".into(), json!(url));
        }
        if let Some((min, max)) = ages {
            service.insert("minimum_age".into(), json!(min));
            service.insert("maximum_age".into(), json!(max));
        }
        service.insert("phones".into(), json!(phones));
        service.insert("schedules".into(), json!(schedules));
        service.insert("service_at_locations".into(), json!(locations));
        service.insert("attributes".into(), json!(attributes));
        let languages: Vec<Value> = languages.iter().map(|code| json!({"code": code})).collect();
        service.insert("languages".into(), json!(languages));
        if let Some((name, with_links)) = organization {
            let mut org = json!({"name": name, "description": "Welzijn in de wijk"});
            if with_links {
                org["email"] = json!("post@welzijn.example");
                org["website"] = json!("https://welzijn.example");
                org["alternate_name"] = json!("WL");
            }
            service.insert("organization".into(), org);
        }
        for (key, value) in extras {
            service.insert(key.into(), json!(value));
        }
        Value::Object(service)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn import_export_import_is_the_same_social_map(services in prop::collection::vec(service(), 1..4)) {
        // One id per service, as the import requires.
        let services: Vec<Value> = services
            .into_iter()
            .enumerate()
            .map(|(i, mut service)| {
                service["id"] = json!(format!("{}-{i}", service["id"].as_str().unwrap()));
                service
            })
            .collect();
        let input = json!(services);
        let first = import(&input);
        let exported = export(&first);
        let again = import(&exported);

        let mut expected = first.clone();
        for service in &mut expected.services {
            service.id = uuid_for(&service.id);
            service.forget_carried();
        }
        let mut read_back = again.clone();
        read_back.services.iter_mut().for_each(|s| s.forget_carried());
        prop_assert_eq!(&read_back, &expected);
        prop_assert_eq!(export(&again), exported, "a second export is the first");
    }
}
