//! Keeping the HSDS fields the model has no place for, so that an export writes them back.
//!
//! What is carried is checked against the schema ([`crate::hsds_schema`]) on the way in: a
//! value of the wrong type is reported and left out, an id that is not a UUID becomes a
//! stable one, a nested object that lacks a required field gets an obvious stand-in (a
//! description from its name) or is left out with a warning. An export of carried fields is
//! therefore valid HSDS, whatever the input held. Fields outside the schema are carried as
//! they are: HSDS allows them.

#[cfg(feature = "carry")]
pub(crate) use checked::carried;

/// How a field is carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Read {
    /// The model reads it and the export writes it from the model: not carried.
    ByModel,
    /// The model reads it (and reports a wrong shape), but only partly: the input's version
    /// is carried as well, and a list item of the wrong type is left out without a second
    /// word.
    AlsoCarried,
}

/// Without the `carry` feature nothing is checked or kept: the residents' widgets never
/// export, and their bundles leave the checks out.
#[cfg(not(feature = "carry"))]
pub(crate) fn carried(
    _: crate::reader::Node<'_>,
    _: &crate::hsds_schema::Entity,
    _: &[(&str, Read)],
) -> crate::model::Carried {
    crate::model::Carried::default()
}

/// The checks, with the `carry` feature.
#[cfg(feature = "carry")]
mod checked {
    use serde_json::{Map, Value};
    use wegwijs_text::number::parse_decimal;

    use crate::export::uuid_for;
    use crate::hsds_schema::{Entity, Kind};
    use crate::links::mail_link;
    use crate::model::Carried;
    use crate::problem::Severity;
    use crate::reader::{kind, Carry, Node, SOURCE_FIELD};

    use super::Read;

    /// The fields of the object at `node` that `read` does not give to the model, checked
    /// against `entity`.
    pub(crate) fn carried(node: Node<'_>, entity: &Entity, read: &[(&str, Read)]) -> Carried {
        let Value::Object(object) = node.value() else {
            return Carried::default();
        };
        if node.carry() == Carry::Skip {
            return Carried::default();
        }
        let mut kept = Map::new();
        for key in object.keys() {
            let how = read
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, how)| *how);
            if key == SOURCE_FIELD || how == Some(Read::ByModel) {
                continue;
            }
            let quiet = how == Some(Read::AlsoCarried);
            if let Some(value) = field(node, key, entity.kind(key), quiet) {
                kept.insert(key.clone(), value);
            }
        }
        match node.carry() {
            Carry::Keep => Carried::from_map(&kept),
            Carry::CheckOnly | Carry::Skip => Carried::default(),
        }
    }

    /// The value of `key` in the object at `parent`, as the schema allows it (`None`: absent
    /// or left out with a warning).
    fn field(parent: Node<'_>, key: &str, expected: Option<Kind>, quiet: bool) -> Option<Value> {
        let value = parent.value().get(key)?;
        let blank = value.as_str().is_some_and(|text| text.trim().is_empty());
        if value.is_null() || blank {
            return None;
        }
        let Some(expected) = expected else {
            return Some(value.clone());
        };
        let text = value.as_str().map(str::trim);
        let left_out = |what: &str| {
            let shown = match value {
                Value::String(text) => format!("{text:?}"),
                other => kind(other).to_owned(),
            };
            parent.problem(
                Severity::Warning,
                key,
                format!("{shown} is not {what}; left out of the export"),
            );
            None
        };
        match expected {
            Kind::Text => match value {
                Value::String(_) => text.filter(|t| !t.is_empty()).map(Value::from),
                Value::Number(_) | Value::Bool(_) => Some(Value::String(value.to_string())),
                _ => left_out("text"),
            },
            Kind::Number => match value {
                Value::Number(_) => Some(value.clone()),
                Value::String(_) => text
                    .and_then(|t| parse_decimal(&t.replace(',', ".")))
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
                    .or_else(|| left_out("a number")),
                _ => left_out("a number"),
            },
            Kind::Uuid => match value {
                Value::String(_) => text.filter(|t| !t.is_empty()).map(|t| uuid_for(t).into()),
                Value::Number(n) => Some(uuid_for(&n.to_string()).into()),
                _ => left_out("an id"),
            },
            Kind::Uri => match text {
                Some(t) if is_uri(t) => Some(t.into()),
                _ => left_out("an address such as https://example.org"),
            },
            Kind::Email => match text {
                Some(t) if mail_link(t).is_some() => Some(t.into()),
                _ => left_out("an e-mail address"),
            },
            Kind::DateTime => match text {
                Some(t) if is_date_time(t) => Some(t.into()),
                _ => left_out("a date and time such as 2026-01-31T09:00:00Z"),
            },
            Kind::OneOf(values) => {
                let found = text.and_then(|t| values.iter().find(|v| v.eq_ignore_ascii_case(t)));
                match found {
                    Some(canonical) => Some((*canonical).into()),
                    None => left_out(&format!("one of {}", values.join(", "))),
                }
            }
            Kind::Object(entity) => match value {
                Value::Object(_) => object(parent.at(key)?, entity),
                _ => left_out("an object"),
            },
            Kind::List(entity) => {
                let Value::Array(items) = value else {
                    return if quiet { None } else { left_out("a list") };
                };
                let list = parent.at(key)?;
                let kept: Vec<Value> = (0..items.len())
                    .filter_map(|index| {
                        let item = list.item(index)?;
                        if item.value().is_object() {
                            object(item, entity)
                        } else {
                            if !quiet {
                                item.problem(
                                    Severity::Warning,
                                    key,
                                    format!(
                                        "expected an object in the list, found {}; left out of the export",
                                        kind(item.value())
                                    ),
                                );
                            }
                            None
                        }
                    })
                    .collect();
                (!kept.is_empty()).then_some(Value::Array(kept))
            }
        }
    }

    /// A nested object as the schema allows it; `None` (with a warning) when it lacks a
    /// required field that has no stand-in. Ids are filled in by the export.
    fn object(node: Node<'_>, entity: &Entity) -> Option<Value> {
        let Value::Object(fields) = node.value() else {
            return None;
        };
        let mut kept = Map::new();
        for key in fields.keys().filter(|key| *key != SOURCE_FIELD) {
            if let Some(value) = field(node, key, entity.kind(key), false) {
                kept.insert(key.clone(), value);
            }
        }
        if entity.required.contains(&"description") && !kept.contains_key("description") {
            if let Some(name) = kept.get("name").cloned() {
                kept.insert("description".into(), name);
            }
        }
        let missing: Vec<&str> = entity
            .required
            .iter()
            .copied()
            .filter(|field| *field != "id" && !kept.contains_key(*field))
            .collect();
        if missing.is_empty() {
            return Some(Value::Object(kept));
        }
        node.problem(
            Severity::Warning,
            missing[0],
            format!(
                "a {} needs {}; left out of the export",
                entity.name.replace('_', " "),
                missing.join(", ")
            ),
        );
        None
    }

    /// A URI: a scheme (`https:`, `mailto:`, `urn:`) and no spaces.
    fn is_uri(text: &str) -> bool {
        let Some((scheme, rest)) = text.split_once(':') else {
            return false;
        };
        let mut scheme_chars = scheme.chars();
        scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme_chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !rest.is_empty()
            && !text.chars().any(|c| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
            })
    }

    /// An RFC 3339 date and time: `2026-01-31T09:00:00`, optional fraction, then `Z` or an offset.
    fn is_date_time(text: &str) -> bool {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            bytes
                .get(range)
                .is_some_and(|part| part.iter().all(u8::is_ascii_digit))
        };
        let shape = digits(0..4)
            && bytes.get(4) == Some(&b'-')
            && digits(5..7)
            && bytes.get(7) == Some(&b'-')
            && digits(8..10)
            && matches!(bytes.get(10), Some(b'T' | b't' | b' '))
            && digits(11..13)
            && bytes.get(13) == Some(&b':')
            && digits(14..16)
            && bytes.get(16) == Some(&b':')
            && digits(17..19);
        if !shape {
            return false;
        }
        let mut rest = &text[19..];
        if let Some(fraction) = rest.strip_prefix('.') {
            let end = fraction
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(fraction.len());
            if end == 0 {
                return false;
            }
            rest = &fraction[end..];
        }
        match rest.as_bytes() {
            [b'Z' | b'z'] => true,
            [b'+' | b'-', h1, h2, b':', m1, m2] => {
                [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit())
            }
            _ => false,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::hsds_schema::SERVICE;
        use crate::reader::Reader;
        use serde_json::json;

        fn carry(value: Value, read: &[(&str, Read)]) -> (Carried, Vec<String>) {
            let reader = Reader::default();
            let kept = carried(reader.root(&value), &SERVICE, read);
            let problems = reader
                .into_problems()
                .into_iter()
                .map(|p| format!("{} {}: {}", p.location, p.field, p.message))
                .collect();
            (kept, problems)
        }

        #[test]
        fn fields_the_model_reads_are_not_carried_and_the_rest_is() {
            let (kept, problems) = carry(
                json!({"name": "A", "accreditations": "Keurmerk", "x-gemeente": {"wijk": 3}, "_source": "a.csv:2"}),
                &[("name", Read::ByModel)],
            );
            assert!(problems.is_empty(), "{problems:?}");
            let fields = kept.to_map();
            let keys: Vec<_> = fields.keys().map(String::as_str).collect();
            assert_eq!(keys, ["accreditations", "x-gemeente"]);
        }

        #[test]
        fn wrong_values_are_named_and_left_out_and_ids_become_uuids() {
            let (kept, problems) = carry(
                json!({
                    "last_modified": "gisteren",
                    "assurer_email": "niemand",
                    "program": {"id": "p1", "name": "Armoedebeleid"},
                    "funding": [{"source": "Wmo"}, "subsidie"],
                    "metadata": [{"id": "m"}],
                    "program_id": 7,
                }),
                &[],
            );
            assert_eq!(
                problems,
                [
                    "$ assurer_email: \"niemand\" is not an e-mail address; left out of the export",
                    "$.funding[1] funding: expected an object in the list, found text; left out of the export",
                    "$ last_modified: \"gisteren\" is not a date and time such as 2026-01-31T09:00:00Z; left out of the export",
                    "$.metadata[0] last_action_date: a metadata needs last_action_date, last_action_type, field_name, previous_value, replacement_value, updated_by; left out of the export",
                ]
            );
            assert_eq!(kept.get("program").unwrap()["id"], uuid_for("p1"));
            assert_eq!(kept.get("program").unwrap()["description"], "Armoedebeleid");
            assert_eq!(kept.get("program_id").unwrap(), json!(uuid_for("7")));
            assert_eq!(kept.get("funding").unwrap(), json!([{"source": "Wmo"}]));
            assert!(kept.get("metadata").is_none());
        }

        #[test]
        fn a_list_the_model_also_reads_is_not_reported_twice() {
            let (kept, problems) = carry(
                json!({"languages": ["nl", {"code": "en"}], "cost_options": "gratis"}),
                &[
                    ("languages", Read::AlsoCarried),
                    ("cost_options", Read::AlsoCarried),
                ],
            );
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(kept.get("languages").unwrap(), json!([{"code": "en"}]));
            assert!(kept.get("cost_options").is_none());
        }

        #[test]
        fn uris_and_date_times() {
            for good in ["https://example.org/a?b=c", "mailto:a@b.nl", "urn:isbn:123"] {
                assert!(is_uri(good), "{good}");
            }
            for bad in ["example.org", "https://a b", ":x", "1http://x", "https:"] {
                assert!(!is_uri(bad), "{bad}");
            }
            for good in ["2026-01-31T09:00:00Z", "2026-01-31T09:00:00.123+01:00"] {
                assert!(is_date_time(good), "{good}");
            }
            for bad in [
                "2026-01-31",
                "2026-01-31T09:00:00",
                "2026-01-31T09:00:00.Z",
                "x",
            ] {
                assert!(!is_date_time(bad), "{bad}");
            }
        }
    }
}
