//! The shape of HSDS 3.0 objects, as the official schema gives it: for every entity a service
//! can contain, its fields with their type and format, and which fields are required.
//!
//! The import keeps the HSDS fields the model has no place for ([`crate::model::Carried`]) and
//! the export writes them back; this table is how both know such a field is well-formed, so
//! that an export stays valid HSDS whatever the input held. A test compares the table with
//! the compiled schema in `tests/fixtures/hsds/schema/service.json`.

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A string.
    Text,
    /// A number.
    Number,
    /// A UUID.
    Uuid,
    /// A URI with a scheme.
    Uri,
    /// An e-mail address.
    Email,
    /// An RFC 3339 date and time.
    DateTime,
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// A nested object.
    Object(&'static Entity),
    /// A list of objects.
    List(&'static Entity),
}

/// One kind of HSDS object.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Entity {
    /// The schema's name for it.
    pub(crate) name: &'static str,
    /// Its fields, in the schema's order.
    pub(crate) fields: &'static [(&'static str, Kind)],
    /// The fields it must have.
    pub(crate) required: &'static [&'static str],
}

#[cfg(feature = "carry")]
impl Entity {
    /// The kind of `field`, when the schema knows it.
    pub(crate) fn kind(&self, field: &str) -> Option<Kind> {
        self.fields
            .iter()
            .find_map(|(name, kind)| (*name == field).then_some(*kind))
    }
}

/// The HSDS `service` object.
pub(crate) static SERVICE: Entity = Entity {
    name: "service",
    fields: &[
        ("id", Kind::Uuid),
        ("organization_id", Kind::Uuid),
        ("program_id", Kind::Uuid),
        ("name", Kind::Text),
        ("alternate_name", Kind::Text),
        ("description", Kind::Text),
        ("url", Kind::Uri),
        ("email", Kind::Email),
        (
            "status",
            Kind::OneOf(&["active", "inactive", "defunct", "temporarily closed"]),
        ),
        ("interpretation_services", Kind::Text),
        ("application_process", Kind::Text),
        ("fees_description", Kind::Text),
        ("wait_time", Kind::Text),
        ("fees", Kind::Text),
        ("accreditations", Kind::Text),
        ("eligibility_description", Kind::Text),
        ("minimum_age", Kind::Number),
        ("maximum_age", Kind::Number),
        ("assured_date", Kind::Text),
        ("assurer_email", Kind::Email),
        ("licenses", Kind::Text),
        ("alert", Kind::Text),
        ("last_modified", Kind::DateTime),
        ("phones", Kind::List(&PHONE)),
        ("schedules", Kind::List(&SCHEDULE)),
        ("service_areas", Kind::List(&SERVICE_AREA)),
        ("service_at_locations", Kind::List(&SERVICE_AT_LOCATION)),
        ("languages", Kind::List(&LANGUAGE)),
        ("organization", Kind::Object(&ORGANIZATION)),
        ("funding", Kind::List(&FUNDING)),
        ("cost_options", Kind::List(&COST_OPTION)),
        ("program", Kind::Object(&PROGRAM)),
        ("required_documents", Kind::List(&REQUIRED_DOCUMENT)),
        ("contacts", Kind::List(&CONTACT)),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id", "name", "status"],
};

/// The HSDS `phone` object.
pub(crate) static PHONE: Entity = Entity {
    name: "phone",
    fields: &[
        ("id", Kind::Uuid),
        ("location_id", Kind::Uuid),
        ("service_id", Kind::Uuid),
        ("organization_id", Kind::Uuid),
        ("contact_id", Kind::Uuid),
        ("service_at_location_id", Kind::Uuid),
        ("number", Kind::Text),
        ("extension", Kind::Number),
        ("type", Kind::Text),
        ("description", Kind::Text),
        ("languages", Kind::List(&LANGUAGE)),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id", "number"],
};

/// The HSDS `language` object.
pub(crate) static LANGUAGE: Entity = Entity {
    name: "language",
    fields: &[
        ("id", Kind::Uuid),
        ("service_id", Kind::Uuid),
        ("location_id", Kind::Uuid),
        ("phone_id", Kind::Uuid),
        ("name", Kind::Text),
        ("code", Kind::Text),
        ("note", Kind::Text),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id"],
};

/// The HSDS `attribute` object.
pub(crate) static ATTRIBUTE: Entity = Entity {
    name: "attribute",
    fields: &[
        ("id", Kind::Uuid),
        ("link_id", Kind::Uuid),
        ("taxonomy_term_id", Kind::Uuid),
        ("link_type", Kind::Text),
        ("link_entity", Kind::Text),
        ("value", Kind::Text),
        ("taxonomy_term", Kind::Object(&TAXONOMY_TERM)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id"],
};

/// The HSDS `taxonomy_term` object.
pub(crate) static TAXONOMY_TERM: Entity = Entity {
    name: "taxonomy_term",
    fields: &[
        ("id", Kind::Uuid),
        ("code", Kind::Text),
        ("name", Kind::Text),
        ("description", Kind::Text),
        ("parent_id", Kind::Uuid),
        ("taxonomy", Kind::Text),
        ("taxonomy_detail", Kind::Object(&TAXONOMY)),
        ("language", Kind::Text),
        ("taxonomy_id", Kind::Uuid),
        ("term_uri", Kind::Uri),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id", "name", "description"],
};

/// The HSDS `taxonomy` object.
pub(crate) static TAXONOMY: Entity = Entity {
    name: "taxonomy",
    fields: &[
        ("id", Kind::Uuid),
        ("name", Kind::Text),
        ("description", Kind::Text),
        ("uri", Kind::Uri),
        ("version", Kind::Text),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id", "name", "description"],
};

/// The HSDS `metadata` object.
pub(crate) static METADATA: Entity = Entity {
    name: "metadata",
    fields: &[
        ("id", Kind::Uuid),
        ("resource_id", Kind::Uuid),
        ("resource_type", Kind::Text),
        ("last_action_date", Kind::Text),
        ("last_action_type", Kind::Text),
        ("field_name", Kind::Text),
        ("previous_value", Kind::Text),
        ("replacement_value", Kind::Text),
        ("updated_by", Kind::Text),
    ],
    required: &[
        "id",
        "last_action_date",
        "last_action_type",
        "field_name",
        "previous_value",
        "replacement_value",
        "updated_by",
    ],
};

/// The HSDS `schedule` object.
pub(crate) static SCHEDULE: Entity = Entity {
    name: "schedule",
    fields: &[
        ("id", Kind::Uuid),
        ("service_id", Kind::Uuid),
        ("location_id", Kind::Uuid),
        ("service_at_location_id", Kind::Uuid),
        ("valid_from", Kind::Text),
        ("valid_to", Kind::Text),
        ("dtstart", Kind::Text),
        ("timezone", Kind::Number),
        ("until", Kind::Text),
        ("count", Kind::Number),
        (
            "wkst",
            Kind::OneOf(&["MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
        ),
        ("freq", Kind::OneOf(&["WEEKLY", "MONTHLY"])),
        ("interval", Kind::Number),
        ("byday", Kind::Text),
        ("byweekno", Kind::Text),
        ("bymonthday", Kind::Text),
        ("byyearday", Kind::Text),
        ("description", Kind::Text),
        ("opens_at", Kind::Text),
        ("closes_at", Kind::Text),
        ("schedule_link", Kind::Uri),
        ("attending_type", Kind::Text),
        ("notes", Kind::Text),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id"],
};

/// The HSDS `service_area` object.
pub(crate) static SERVICE_AREA: Entity = Entity {
    name: "service_area",
    fields: &[
        ("id", Kind::Uuid),
        ("service_id", Kind::Uuid),
        ("name", Kind::Text),
        ("description", Kind::Text),
        ("extent", Kind::Text),
        ("extent_type", Kind::Text),
        ("uri", Kind::Text),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id"],
};

/// The HSDS `service_at_location` object.
pub(crate) static SERVICE_AT_LOCATION: Entity = Entity {
    name: "service_at_location",
    fields: &[
        ("id", Kind::Uuid),
        ("service_id", Kind::Uuid),
        ("location_id", Kind::Uuid),
        ("description", Kind::Text),
        ("contacts", Kind::List(&CONTACT)),
        ("phones", Kind::List(&PHONE)),
        ("schedules", Kind::List(&SCHEDULE)),
        ("location", Kind::Object(&LOCATION)),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id"],
};

/// The HSDS `contact` object.
pub(crate) static CONTACT: Entity = Entity {
    name: "contact",
    fields: &[
        ("id", Kind::Uuid),
        ("organization_id", Kind::Uuid),
        ("service_id", Kind::Uuid),
        ("service_at_location_id", Kind::Uuid),
        ("location_id", Kind::Uuid),
        ("name", Kind::Text),
        ("title", Kind::Text),
        ("department", Kind::Text),
        ("email", Kind::Email),
        ("phones", Kind::List(&PHONE)),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id"],
};

/// The HSDS `location` object.
pub(crate) static LOCATION: Entity = Entity {
    name: "location",
    fields: &[
        ("id", Kind::Uuid),
        (
            "location_type",
            Kind::OneOf(&["physical", "postal", "virtual"]),
        ),
        ("url", Kind::Uri),
        ("organization_id", Kind::Uuid),
        ("name", Kind::Text),
        ("alternate_name", Kind::Text),
        ("description", Kind::Text),
        ("transportation", Kind::Text),
        ("latitude", Kind::Number),
        ("longitude", Kind::Number),
        ("external_identifier", Kind::Text),
        ("external_identifier_type", Kind::Text),
        ("languages", Kind::List(&LANGUAGE)),
        ("addresses", Kind::List(&ADDRESS)),
        ("contacts", Kind::List(&CONTACT)),
        ("accessibility", Kind::List(&ACCESSIBILITY)),
        ("phones", Kind::List(&PHONE)),
        ("schedules", Kind::List(&SCHEDULE)),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id", "location_type"],
};

/// The HSDS `address` object.
pub(crate) static ADDRESS: Entity = Entity {
    name: "address",
    fields: &[
        ("id", Kind::Uuid),
        ("location_id", Kind::Uuid),
        ("attention", Kind::Text),
        ("address_1", Kind::Text),
        ("address_2", Kind::Text),
        ("city", Kind::Text),
        ("region", Kind::Text),
        ("state_province", Kind::Text),
        ("postal_code", Kind::Text),
        ("country", Kind::Text),
        (
            "address_type",
            Kind::OneOf(&["physical", "postal", "virtual"]),
        ),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &[
        "id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ],
};

/// The HSDS `accessibility` object.
pub(crate) static ACCESSIBILITY: Entity = Entity {
    name: "accessibility",
    fields: &[
        ("id", Kind::Uuid),
        ("location_id", Kind::Uuid),
        ("description", Kind::Text),
        ("details", Kind::Text),
        ("url", Kind::Uri),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id"],
};

/// The HSDS `organization` object.
pub(crate) static ORGANIZATION: Entity = Entity {
    name: "organization",
    fields: &[
        ("id", Kind::Uuid),
        ("name", Kind::Text),
        ("alternate_name", Kind::Text),
        ("description", Kind::Text),
        ("email", Kind::Email),
        ("website", Kind::Uri),
        ("tax_status", Kind::Text),
        ("tax_id", Kind::Text),
        ("year_incorporated", Kind::Number),
        ("legal_status", Kind::Text),
        ("logo", Kind::Text),
        ("uri", Kind::Uri),
        ("parent_organization_id", Kind::Uuid),
        ("funding", Kind::List(&FUNDING)),
        ("contacts", Kind::List(&CONTACT)),
        ("phones", Kind::List(&PHONE)),
        ("locations", Kind::List(&LOCATION)),
        ("programs", Kind::List(&PROGRAM)),
        (
            "organization_identifiers",
            Kind::List(&ORGANIZATION_IDENTIFIER),
        ),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id", "name", "description"],
};

/// The HSDS `funding` object.
pub(crate) static FUNDING: Entity = Entity {
    name: "funding",
    fields: &[
        ("id", Kind::Uuid),
        ("organization_id", Kind::Uuid),
        ("service_id", Kind::Uuid),
        ("source", Kind::Text),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id"],
};

/// The HSDS `program` object.
pub(crate) static PROGRAM: Entity = Entity {
    name: "program",
    fields: &[
        ("id", Kind::Uuid),
        ("organization_id", Kind::Uuid),
        ("name", Kind::Text),
        ("alternate_name", Kind::Text),
        ("description", Kind::Text),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id", "name", "description"],
};

/// The HSDS `organization_identifier` object.
pub(crate) static ORGANIZATION_IDENTIFIER: Entity = Entity {
    name: "organization_identifier",
    fields: &[
        ("id", Kind::Uuid),
        ("organization_id", Kind::Uuid),
        ("identifier_scheme", Kind::Text),
        ("identifier_type", Kind::Text),
        ("identifier", Kind::Text),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id", "identifier_type", "identifier"],
};

/// The HSDS `cost_option` object.
pub(crate) static COST_OPTION: Entity = Entity {
    name: "cost_option",
    fields: &[
        ("id", Kind::Uuid),
        ("service_id", Kind::Uuid),
        ("valid_from", Kind::Text),
        ("valid_to", Kind::Text),
        ("option", Kind::Text),
        ("currency", Kind::Text),
        ("amount", Kind::Number),
        ("amount_description", Kind::Text),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id"],
};

/// The HSDS `required_document` object.
pub(crate) static REQUIRED_DOCUMENT: Entity = Entity {
    name: "required_document",
    fields: &[
        ("id", Kind::Uuid),
        ("service_id", Kind::Uuid),
        ("document", Kind::Text),
        ("uri", Kind::Uri),
        ("attributes", Kind::List(&ATTRIBUTE)),
        ("metadata", Kind::List(&METADATA)),
    ],
    required: &["id"],
};

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The kind the compiled schema gives a property.
    fn kind_in_schema(property: &Value) -> String {
        let format = property["format"].as_str();
        if let Some(values) = property["enum"].as_array() {
            return format!("one of {values:?}");
        }
        match (property["type"].as_str(), format) {
            (Some("object"), _) => format!("object {}", property["name"].as_str().unwrap()),
            (Some("array"), _) => format!("list {}", property["items"]["name"].as_str().unwrap()),
            (Some("number"), _) => "number".into(),
            (Some("string"), Some(format)) => format.into(),
            (Some("string"), None) => "text".into(),
            other => panic!("unexpected property type {other:?}"),
        }
    }

    fn kind_in_table(kind: Kind) -> String {
        match kind {
            Kind::Text => "text".into(),
            Kind::Number => "number".into(),
            Kind::Uuid => "uuid".into(),
            Kind::Uri => "uri".into(),
            Kind::Email => "email".into(),
            Kind::DateTime => "date-time".into(),
            Kind::OneOf(values) => format!(
                "one of {:?}",
                values.iter().map(|v| Value::from(*v)).collect::<Vec<_>>()
            ),
            Kind::Object(entity) => format!("object {}", entity.name),
            Kind::List(entity) => format!("list {}", entity.name),
        }
    }

    fn compare(schema: &Value, entity: &Entity) {
        let properties = schema["properties"].as_object().unwrap();
        let names: Vec<&str> = properties.keys().map(String::as_str).collect();
        let mut table: Vec<&str> = entity.fields.iter().map(|(name, _)| *name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        table.sort_unstable();
        assert_eq!(table, sorted, "fields of {}", entity.name);
        for (name, kind) in entity.fields {
            let property = &properties[*name];
            assert_eq!(
                kind_in_table(*kind),
                kind_in_schema(property),
                "{}.{name}",
                entity.name
            );
            if let Kind::Object(child) | Kind::List(child) = kind {
                let child_schema = if property["type"] == "array" {
                    &property["items"]
                } else {
                    property
                };
                compare(child_schema, child);
            }
        }
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|list| list.iter().map(|v| v.as_str().unwrap()).collect())
            .unwrap_or_default();
        assert_eq!(
            entity.required,
            required.as_slice(),
            "required fields of {}",
            entity.name
        );
    }

    #[test]
    fn the_table_is_the_official_schema() {
        let schema: Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/hsds/schema/service.json"
        ))
        .unwrap();
        compare(&schema, &SERVICE);
    }
}
