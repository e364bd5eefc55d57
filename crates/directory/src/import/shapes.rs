//! The other shapes HSDS comes in, read as services.
//!
//! An HSDS API answers `/service_at_locations` with objects that hold a `service` and a
//! `location`, and `/organizations` with organisations that hold their `services`. Each is
//! turned into the service it describes: a service-at-location becomes its service with that
//! location (several for one service become one service with all of them), an organisation's
//! services get the organisation (unless they name their own). The objects made here carry
//! the JSON path they came from, so problems still point into the input.

use serde_json::{Map, Value};

use crate::reader::SOURCE_FIELD;

/// What one item of an HSDS list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A service (or something the service reader will reject with a reason).
    Service,
    /// A service-at-location with its `service`.
    ServiceAtLocation,
    /// An organisation with its `services`.
    Organization,
}

/// What `item` is, by the fields that only that shape has.
pub(crate) fn shape(item: &Value) -> Shape {
    if item.get("service").is_some_and(Value::is_object) {
        Shape::ServiceAtLocation
    } else if item.get("services").is_some_and(Value::is_array) && item.get("name").is_some() {
        Shape::Organization
    } else {
        Shape::Service
    }
}

/// The services that `items`, each with its JSON path, describe.
pub(crate) fn as_services<'a>(items: impl IntoIterator<Item = (&'a Value, String)>) -> Vec<Value> {
    let mut services: Vec<Value> = Vec::new();
    for (item, path) in items {
        match shape(item) {
            Shape::Service => services.push(item.clone()),
            Shape::ServiceAtLocation => add_link(&mut services, item, &path),
            Shape::Organization => {
                let organization = without(item, "services", &path);
                for (position, service) in item["services"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let mut service = service.clone();
                    if let Value::Object(fields) = &mut service {
                        fields.insert(
                            SOURCE_FIELD.into(),
                            format!("{path}.services[{position}]").into(),
                        );
                        fields
                            .entry("organization")
                            .or_insert_with(|| organization.clone());
                    }
                    services.push(service);
                }
            }
        }
    }
    services
}

/// Adds the service of a service-at-location, or its location to the service already read
/// with the same id.
fn add_link(services: &mut Vec<Value>, link: &Value, path: &str) {
    let service = &link["service"];
    let location = without(link, "service", path);
    let id = service.get("id").and_then(Value::as_str);
    let known = id.and_then(|id| {
        services.iter_mut().find(|s| {
            s.get("id").and_then(Value::as_str) == Some(id) && s.get(SOURCE_FIELD).is_some()
        })
    });
    let target = match known {
        Some(known) => known,
        None => {
            let mut fresh = service.clone();
            if let Value::Object(fields) = &mut fresh {
                fields.insert(SOURCE_FIELD.into(), format!("{path}.service").into());
            }
            services.push(fresh);
            services.last_mut().expect("just pushed")
        }
    };
    if let Value::Object(fields) = target {
        let links = fields
            .entry("service_at_locations")
            .or_insert_with(|| Value::Array(Vec::new()));
        match links {
            Value::Array(links) => links.push(location),
            other => *other = Value::Array(vec![location]),
        }
    }
}

/// `object` without `key`, marked with `path`.
fn without(object: &Value, key: &str, path: &str) -> Value {
    let mut fields: Map<String, Value> = object.as_object().cloned().unwrap_or_default();
    fields.remove(key);
    fields.insert(SOURCE_FIELD.into(), path.into());
    Value::Object(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn links_of_one_service_become_one_service_with_every_location() {
        let items = [
            json!({"id": "l1", "service": {"id": "s", "name": "Inloop"}, "location": {"name": "Noord"}}),
            json!({"id": "l2", "service": {"id": "s", "name": "Inloop"}, "location": {"name": "Zuid"}}),
            json!({"id": "t", "name": "Taalhuis"}),
        ];
        let services = as_services(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| (item, format!("$.contents[{i}]"))),
        );
        assert_eq!(services.len(), 2);
        let links = services[0]["service_at_locations"].as_array().unwrap();
        assert_eq!(links.len(), 2);
        assert_eq!(links[1]["location"]["name"], "Zuid");
        assert_eq!(links[1][SOURCE_FIELD], "$.contents[1]");
        assert_eq!(services[0][SOURCE_FIELD], "$.contents[0].service");
        assert!(links[0].get("service").is_none());
    }

    #[test]
    fn an_organisations_services_get_the_organisation_unless_they_have_their_own() {
        let items = [json!({"id": "o", "name": "Welzijn", "services": [
            {"id": "a", "name": "Maatje"},
            {"id": "b", "name": "Klus", "organization": {"name": "Eigen"}},
        ]})];
        let services = as_services([(&items[0], "$[0]".to_owned())]);
        assert_eq!(services[0]["organization"]["name"], "Welzijn");
        assert!(services[0]["organization"].get("services").is_none());
        assert_eq!(services[1]["organization"]["name"], "Eigen");
        assert_eq!(services[1][SOURCE_FIELD], "$[0].services[1]");
    }

    #[test]
    fn shapes_are_told_apart_by_their_own_fields() {
        assert_eq!(shape(&json!({"id": "a", "name": "A"})), Shape::Service);
        assert_eq!(shape(&json!(3)), Shape::Service);
        assert_eq!(
            shape(&json!({"service": {"name": "A"}})),
            Shape::ServiceAtLocation
        );
        assert_eq!(
            shape(&json!({"name": "O", "services": []})),
            Shape::Organization
        );
    }
}
