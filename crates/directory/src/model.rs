//! The social map as the widgets and the search see it: services in the Dutch profile.
//!
//! This is not HSDS itself but what Wegwijs keeps of it after import: checked links,
//! trimmed text and the contact details a resident can act on.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::geo::Point;
use crate::links::tel_link;
use crate::profile::{Access, Domain, Level, TargetGroup};
use crate::schedule::OpeningHours;
use crate::time::Date;

/// All services of one social map, in input order. Saved column by column (see
/// [`crate::columns`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Directory {
    /// The services, in the order of the input file.
    pub services: Vec<Service>,
}

/// One service: something a resident can go to for help.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Service {
    /// The HSDS id (or a generated one when the input had none).
    pub id: String,
    /// The service name.
    pub name: String,
    /// Another name people know it by.
    pub alternate_name: Option<String>,
    /// The organisation that provides the service.
    pub organization: Option<String>,
    /// The full description, as plain text.
    pub description: Option<String>,
    /// Phone numbers, the service's own first.
    pub phones: Vec<Phone>,
    /// E-mail address, already checked: [`Service::mail_link`] never fails for it.
    pub email: Option<String>,
    /// Web address, already checked to be `http` or `https`.
    pub website: Option<String>,
    /// Where the service is given, visiting addresses first.
    pub locations: Vec<Location>,
    /// Life domains (Dutch profile).
    pub domains: Vec<Domain>,
    /// Provision level (Dutch profile).
    pub level: Option<Level>,
    /// Access: walk in or referral (Dutch profile).
    pub access: Option<Access>,
    /// Target groups (Dutch profile).
    pub target_groups: Vec<TargetGroup>,
    /// Terms from other taxonomies, kept so they can be searched.
    pub other_terms: Vec<String>,
    /// Free of charge: no cost given, or every cost option is 0.
    pub free: bool,
    /// What it costs, in the data's words.
    pub fees: Option<String>,
    /// Youngest age served.
    pub min_age: Option<u8>,
    /// Oldest age served.
    pub max_age: Option<u8>,
    /// Languages spoken, as ISO codes where the data gives them (`nl`, `en`), else names.
    pub languages: Vec<String>,
    /// Opening hours that can be evaluated: the service's own, then those of its locations
    /// that it does not give itself.
    pub hours: Vec<OpeningHours>,
    /// How many of [`Service::hours`] are the service's own (HSDS `schedules` of the service).
    pub own_hours: usize,
    /// Opening hours the data only gives as text.
    pub hours_notes: Vec<String>,
    /// How to apply.
    pub application_process: Option<String>,
    /// Who can use it.
    pub eligibility: Option<String>,
    /// When the information was last checked.
    pub assured_date: Option<Date>,
    /// Contact persons.
    pub contacts: Vec<Contact>,
    /// Where the service works (HSDS `service_areas[].name`, spreadsheet `werkgebied`):
    /// neighbourhood names, or the municipality as a whole.
    pub service_areas: Vec<String>,
    /// Whether the service runs (HSDS `status`).
    pub status: Status,
    /// A short notice for the people who want to use it, such as why it is closed.
    pub alert: Option<String>,
    /// The HSDS fields of the service the model has no place for.
    pub carried: Carried,
}

/// Whether a service runs: HSDS `status`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// It runs.
    #[default]
    Active,
    /// It is closed for a while; the alert usually says why and until when.
    TemporarilyClosed,
    /// It does not run at the moment (HSDS `inactive`).
    Inactive,
    /// It has stopped for good (HSDS `defunct`).
    Defunct,
}

impl Status {
    /// The status for an HSDS `status` value, in any letter case.
    pub fn from_hsds(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "active" => Some(Self::Active),
            "temporarily closed" => Some(Self::TemporarilyClosed),
            "inactive" => Some(Self::Inactive),
            "defunct" => Some(Self::Defunct),
            _ => None,
        }
    }

    /// The HSDS `status` value.
    pub fn hsds(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::TemporarilyClosed => "temporarily closed",
            Self::Inactive => "inactive",
            Self::Defunct => "defunct",
        }
    }

    /// Whether residents may be sent there: active or closed for a while. Inactive and
    /// defunct services are only shown to workers.
    pub fn is_listed(self) -> bool {
        matches!(self, Self::Active | Self::TemporarilyClosed)
    }
}

/// HSDS fields that the model has no place for, kept as they came (after a check against
/// the schema) so that an export writes them back: a service's `accreditations` or `alert`
/// history, an organisation's website, a phone's `type`.
///
/// Nothing in it is shown to residents or searched, and the index leaves it out: it is for
/// `wegwijs export` only. It is kept as compact JSON text (a map of the fields), not as a
/// JSON tree: a tree of many small maps costs ten times the text in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried(Option<Box<str>>);

impl Carried {
    /// The fields of `map`; nothing when it is empty.
    pub(crate) fn from_map(map: &Map<String, Value>) -> Self {
        if map.is_empty() {
            return Self(None);
        }
        let text = serde_json::to_string(map).expect("a JSON map writes as text");
        Self(Some(text.into_boxed_str()))
    }

    /// The carried fields, by name.
    pub fn to_map(&self) -> Map<String, Value> {
        self.0
            .as_deref()
            .map(|text| serde_json::from_str(text).expect("carried fields are JSON we wrote"))
            .unwrap_or_default()
    }

    /// Whether nothing was carried.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The carried field `key`.
    pub fn get(&self, key: &str) -> Option<Value> {
        self.to_map().remove(key)
    }
}

/// A place where a service is given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The location's name.
    pub name: Option<String>,
    /// Its addresses, visiting addresses first.
    pub addresses: Vec<Address>,
    /// Its coordinates.
    pub point: Option<Point>,
    /// Whether a wheelchair user can get in, when the data says.
    pub wheelchair: Option<bool>,
    /// Accessibility notes in the data's words.
    pub accessibility: Vec<String>,
    /// Opening hours at this location (HSDS `service_at_locations[].schedules` and the
    /// location's own `schedules`); they are part of the service's hours too.
    pub hours: Vec<OpeningHours>,
    /// The HSDS fields of the location the model has no place for.
    #[serde(skip)]
    pub carried: Carried,
    /// The HSDS fields of the service-at-location that links it to the service.
    #[serde(skip)]
    pub link_carried: Carried,
}

impl Location {
    /// The visiting address: the first address that is not for post only.
    pub fn address(&self) -> Option<&Address> {
        self.addresses.iter().find(|address| !address.postal)
    }
}

/// A contact person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Name.
    pub name: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Checked e-mail address.
    pub email: Option<String>,
    /// Phone numbers.
    pub phones: Vec<Phone>,
    /// The HSDS fields of the contact the model has no place for.
    #[serde(skip)]
    pub carried: Carried,
}

impl Service {
    /// A short description for a result card: the first sentence, at most `max_chars`
    /// characters, cut at a word boundary with an ellipsis.
    pub fn summary(&self, max_chars: usize) -> Option<String> {
        let description = self.description.as_deref()?;
        let first_sentence = first_sentence(description);
        Some(truncate_words(first_sentence, max_chars))
    }

    /// The `mailto:` link for the e-mail address.
    pub fn mail_link(&self) -> Option<String> {
        self.email.as_deref().and_then(crate::links::mail_link)
    }

    /// Visiting addresses, in order.
    pub fn addresses(&self) -> impl Iterator<Item = &Address> {
        self.locations
            .iter()
            .flat_map(|location| &location.addresses)
            .filter(|address| !address.postal)
    }

    /// Drops every [`Carried`] field, here and in the nested parts: what an index keeps.
    pub fn forget_carried(&mut self) {
        self.carried = Carried::default();
        for phone in self.phones.iter_mut().chain(
            self.contacts
                .iter_mut()
                .flat_map(|contact| contact.phones.iter_mut()),
        ) {
            phone.carried = Carried::default();
        }
        for contact in &mut self.contacts {
            contact.carried = Carried::default();
        }
        for rule in self
            .hours
            .iter_mut()
            .chain(self.locations.iter_mut().flat_map(|l| l.hours.iter_mut()))
        {
            rule.carried = Carried::default();
        }
        for location in &mut self.locations {
            location.carried = Carried::default();
            location.link_carried = Carried::default();
            for address in &mut location.addresses {
                address.carried = Carried::default();
            }
        }
    }

    /// The opening hours per place, when some location has hours of its own (HSDS
    /// `service_at_locations[].schedules`): for each location, the service's own hours and
    /// that location's, named by the location's name or address. `None` when no location has
    /// hours of its own, or only one place is known: then [`Service::hours`] hold everywhere.
    pub fn hours_per_location(&self) -> Option<Vec<(String, Vec<OpeningHours>)>> {
        let own = &self.hours[..self.own_hours.min(self.hours.len())];
        if self.locations.len() < 2 || self.locations.iter().all(|l| l.hours.is_empty()) {
            return None;
        }
        let places = self.locations.iter().enumerate().map(|(index, location)| {
            let name = location
                .name
                .clone()
                .or_else(|| location.address().map(Address::one_line))
                .unwrap_or_else(|| format!("{} {}", self.name, index + 1));
            let mut hours = own.to_vec();
            hours.extend(location.hours.iter().cloned());
            (name, hours)
        });
        Some(places.collect())
    }

    /// Whether residents may be sent there (see [`Status::is_listed`]).
    pub fn is_listed(&self) -> bool {
        self.status.is_listed()
    }

    /// The first location with coordinates.
    pub fn point(&self) -> Option<Point> {
        self.locations.iter().find_map(|location| location.point)
    }

    /// Whether any location is wheelchair accessible (`None` when the data does not say).
    pub fn wheelchair(&self) -> Option<bool> {
        let known = self
            .locations
            .iter()
            .filter_map(|location| location.wheelchair);
        known.reduce(|a, b| a || b)
    }

    /// Whether the service serves people of `age`.
    pub fn serves_age(&self, age: u8) -> bool {
        self.min_age.is_none_or(|min| age >= min) && self.max_age.is_none_or(|max| age <= max)
    }

    /// Whether this is a neighbourhood team (wijkteam, gebiedsteam, buurtteam, sociaal team):
    /// the data marks it with one of those words as a keyword (spreadsheet `trefwoorden`,
    /// or any taxonomy term) or in its name.
    pub fn is_neighbourhood_team(&self) -> bool {
        const WORDS: [&str; 4] = ["wijkteam", "gebiedsteam", "buurtteam", "sociaal team"];
        let name = self.name.to_lowercase();
        WORDS.iter().any(|word| {
            name.contains(word)
                || self
                    .other_terms
                    .iter()
                    .any(|term| term.to_lowercase() == *word)
        })
    }

    /// Whether someone can reach the service: a phone, e-mail, website or address.
    pub fn has_contact(&self) -> bool {
        !self.phones.is_empty()
            || self.email.is_some()
            || self.website.is_some()
            || self.addresses().next().is_some()
    }
}

/// A phone number with an optional note ("alleen op werkdagen").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    /// The number as written in the data.
    pub number: String,
    /// What the number is for, or when it is answered.
    pub description: Option<String>,
    /// The HSDS fields of the phone the model has no place for (`type`, `extension`).
    #[serde(skip)]
    pub carried: Carried,
}

impl Phone {
    /// The `tel:` link, when the number can be dialled (derived, so the index need not
    /// carry the digits twice).
    pub fn tel(&self) -> Option<String> {
        tel_link(&self.number)
    }
}

/// A postal address as Dutch residents write it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// Postcode, e.g. `3861 AB`.
    pub postal_code: Option<String>,
    /// Town.
    pub city: Option<String>,
    /// Whether it is for post only, not for visiting.
    pub postal: bool,
    /// The HSDS fields of the address the model has no place for.
    #[serde(skip)]
    pub carried: Carried,
}

impl Address {
    /// One line: "Kerkstraat 1, 3861 AB Lindenhoven".
    pub fn one_line(&self) -> String {
        let place = [self.postal_code.as_deref(), self.city.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        if place.is_empty() {
            self.street.clone()
        } else {
            format!("{}, {place}", self.street)
        }
    }
}

/// The text up to the first sentence end: `.`, `!` or `?` followed by a space and a capital.
fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    for (index, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let end = index + c.len_utf8();
        let rest = &text[end..];
        let starts_new_sentence = rest.starts_with(char::is_whitespace)
            && rest.trim_start().starts_with(char::is_uppercase);
        if starts_new_sentence {
            return &text[..end];
        }
    }
    text
}

fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(index) if index > max_chars / 2 => &cut[..index],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_description(text: &str) -> Service {
        Service {
            description: Some(text.to_owned()),
            ..Service::default()
        }
    }

    #[test]
    fn summary_is_the_first_sentence() {
        let service = with_description("Hulp bij geldzorgen. Wij komen bij u thuis.");
        assert_eq!(
            service.summary(200).as_deref(),
            Some("Hulp bij geldzorgen.")
        );
    }

    #[test]
    fn summary_does_not_stop_at_abbreviations_or_numbers() {
        let service = with_description("Open van 9.30 tot 12.00 uur, o.a. voor ouderen. Meer.");
        assert_eq!(
            service.summary(200).as_deref(),
            Some("Open van 9.30 tot 12.00 uur, o.a. voor ouderen.")
        );
    }

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        let service = with_description(&"woord ".repeat(100));
        let summary = service.summary(40).unwrap();
        assert!(summary.chars().count() <= 40, "{summary}");
        assert!(summary.ends_with("woord…"), "{summary}");
    }

    #[test]
    fn address_on_one_line() {
        let address = Address {
            street: "Kerkstraat 1".into(),
            postal_code: Some("3861 AB".into()),
            city: Some("Lindenhoven".into()),
            ..Address::default()
        };
        assert_eq!(address.one_line(), "Kerkstraat 1, 3861 AB Lindenhoven");
        let bare = Address {
            street: "Kerkstraat 1".into(),
            ..Address::default()
        };
        assert_eq!(bare.one_line(), "Kerkstraat 1");
    }
}
