//! One HSDS 3.0 service object → a [`Service`] in the Dutch profile.

use serde_json::Value;

use wegwijs_text::order;

use super::carry::{carried, Read};
use crate::geo::Point;
use crate::hsds_schema::{
    ADDRESS, CONTACT, LOCATION, ORGANIZATION, PHONE, SCHEDULE, SERVICE, SERVICE_AT_LOCATION,
};
use crate::links::{mail_link, tel_link, web_link};
use crate::markup;
use crate::model::{Address, Carried, Contact, Location, Phone, Service, Status};
use crate::problem::Severity;
use crate::profile::{taxonomy, Access, Domain, Level, TargetGroup};
use crate::reader::{kind, Node};
use crate::schedule::{OpeningHours, Recurrence};
use crate::time::{parse_clock, Date, Weekday};

/// Descriptions longer than this are flagged: they are usually pasted documents.
pub const LONG_TEXT_CHARS: usize = 4000;

/// The fields of a service that the model reads. Everything else is carried for the export.
const SERVICE_READ: &[(&str, Read)] = &[
    ("id", Read::ByModel),
    ("name", Read::ByModel),
    ("alternate_name", Read::ByModel),
    ("description", Read::ByModel),
    ("url", Read::ByModel),
    ("email", Read::ByModel),
    ("status", Read::ByModel),
    ("alert", Read::ByModel),
    ("application_process", Read::ByModel),
    ("fees_description", Read::ByModel),
    ("eligibility_description", Read::ByModel),
    ("minimum_age", Read::ByModel),
    ("maximum_age", Read::ByModel),
    ("assured_date", Read::ByModel),
    ("phones", Read::ByModel),
    ("schedules", Read::ByModel),
    ("service_at_locations", Read::ByModel),
    ("contacts", Read::ByModel),
    ("organization", Read::ByModel),
    ("attributes", Read::AlsoCarried),
    ("cost_options", Read::AlsoCarried),
    ("languages", Read::AlsoCarried),
    ("service_areas", Read::AlsoCarried),
];

/// Reads one service; `None` (with an error problem) when it cannot be used.
pub(crate) fn service(node: Node<'_>) -> Option<Service> {
    if !node.value().is_object() {
        node.problem(
            Severity::Error,
            "",
            format!("expected a service object, found {}", kind(node.value())),
        );
        return None;
    }
    let Some(name) = plain(node, "name") else {
        node.problem(Severity::Error, "name", "a service needs a name; left out");
        return None;
    };
    let status = node.text("status").map_or(Status::Active, |text| {
        Status::from_hsds(&text).unwrap_or_else(|| {
            node.problem(
                Severity::Warning,
                "status",
                format!("{text:?} is not a status (active, temporarily closed, inactive, defunct); read as active"),
            );
            Status::Active
        })
    });
    let id = node.text("id").unwrap_or_else(|| {
        node.problem(
            Severity::Warning,
            "id",
            "missing id; one was made from the path",
        );
        node.path()
    });
    let description = long_text(node, "description");
    let organization = node.with_object("organization", org_details);
    let sites = node.map_list("service_at_locations", |link| {
        let mut site = link.with_object("location", location_details)?;
        site.hours.extend(link.map_list("schedules", schedule));
        site.phones.extend(link.map_list("phones", phone));
        site.location.link_carried = carried(
            link,
            &SERVICE_AT_LOCATION,
            &[
                ("location", Read::ByModel),
                ("schedules", Read::ByModel),
                ("phones", Read::AlsoCarried),
            ],
        );
        site.location.hours = opening_hours(&site.hours);
        Some(site)
    });

    let mut phones = node.map_list("phones", phone);
    phones.extend(sites.iter().flat_map(|site| site.phones.iter().cloned()));
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

    let mut profile = Profile::default();
    node.map_list("attributes", |attribute| {
        profile.read(attribute);
        Some(())
    });

    let own_schedules = node.map_list("schedules", schedule);
    let own_hours = opening_hours(&own_schedules).len();
    let schedules: Vec<Schedule> = own_schedules
        .into_iter()
        .chain(sites.iter().flat_map(|site| site.hours.iter().cloned()))
        .collect();
    let hours = opening_hours(&schedules);
    let mut hours_notes: Vec<String> = schedules
        .into_iter()
        .filter_map(|parsed| match parsed {
            Schedule::Note(note) => Some(note),
            Schedule::Hours(_) => None,
        })
        .collect();
    hours_notes.dedup();

    let mut carried_fields = carried(node, &SERVICE, SERVICE_READ);
    match &organization {
        Some(org) if org.carried.is_empty() => {}
        Some(org) if org.name.is_none() => node.problem(
            Severity::Warning,
            "organization",
            "an organisation needs a name; its other fields are left out of the export",
        ),
        Some(org) => {
            let mut fields = carried_fields.to_map();
            fields.insert("organization".into(), Value::Object(org.carried.to_map()));
            carried_fields = Carried::from_map(&fields);
        }
        None => {}
    }
    let (free, fees) = costs(node);
    let mut languages = node.map_list("languages", language);
    languages.extend(sites.iter().flat_map(|site| site.languages.iter().cloned()));
    languages.dedup();

    Some(Service {
        id,
        name,
        alternate_name: plain(node, "alternate_name"),
        organization: organization.and_then(|org| org.name),
        status,
        alert: plain(node, "alert"),
        carried: carried_fields,
        description,
        phones,
        email,
        website,
        locations: sites.into_iter().map(|site| site.location).collect(),
        domains: profile.domains,
        level: profile.level,
        access: profile.access,
        target_groups: profile.target_groups,
        other_terms: profile.other_terms,
        free,
        fees,
        min_age: age(node, "minimum_age"),
        max_age: age(node, "maximum_age"),
        languages,
        hours,
        own_hours,
        hours_notes,
        application_process: long_text(node, "application_process"),
        eligibility: long_text(node, "eligibility_description"),
        assured_date: assured_date(node),
        contacts: node.map_list("contacts", contact),
        service_areas: node.map_list("service_areas", |area| area.text("name")),
    })
}

/// Text at `key` without HTML markup: a CMS export's `<p>`, `<br>` and `&nbsp;` become plain
/// text, with a warning (nothing of the markup is shown or searchable).
fn plain(node: Node<'_>, key: &str) -> Option<String> {
    let text = node.text(key)?;
    let Some(plain) = markup::plain_text(&text) else {
        return Some(text);
    };
    node.problem(
        Severity::Warning,
        key,
        "HTML turned into plain text (tags left out, paragraphs kept); write plain text in the source",
    );
    (!plain.is_empty()).then_some(plain)
}

fn long_text(node: Node<'_>, key: &str) -> Option<String> {
    let text = plain(node, key)?;
    let length = text.chars().count();
    if length > LONG_TEXT_CHARS {
        node.problem(
            Severity::Warning,
            key,
            format!("very long text ({length} characters)"),
        );
    }
    Some(text)
}

/// What a service borrows from its organisation when it has no details of its own, and the
/// organisation's own fields for the export.
struct OrgDetails {
    name: Option<String>,
    email: Option<String>,
    website: Option<String>,
    phones: Vec<Phone>,
    carried: Carried,
}

fn org_details(org: Node<'_>) -> OrgDetails {
    let email = checked_email(org, "email");
    let website = checked_web(org, "website");
    let carried = carried(
        org,
        &ORGANIZATION,
        &[
            ("name", Read::ByModel),
            ("email", Read::ByModel),
            ("website", Read::ByModel),
            ("phones", Read::AlsoCarried),
        ],
    );
    let mut fields = carried.to_map();
    for (key, value) in [("email", &email), ("website", &website)] {
        if let Some(value) = value {
            fields.insert(key.into(), value.clone().into());
        }
    }
    let carried = Carried::from_map(&fields);
    OrgDetails {
        name: org.text("name"),
        website: website.or_else(|| checked_web(org, "url")),
        email,
        phones: org.map_list("phones", phone),
        carried,
    }
}

/// A location with the details that are merged into the service.
struct Site {
    location: Location,
    phones: Vec<Phone>,
    hours: Vec<Schedule>,
    languages: Vec<String>,
}

fn location_details(location: Node<'_>) -> Site {
    let mut addresses = location.map_list("addresses", postal_address);
    // Visiting addresses first: a resident walks in, letters come second.
    order::sort_by_key(&mut addresses, |address| address.postal);
    let point = match (location.number("latitude"), location.number("longitude")) {
        (Some(lat), Some(lon)) => Point::new(lat, lon).or_else(|| {
            location.problem(
                Severity::Warning,
                "latitude",
                // As the file writes them (formatting the f64s would bring the float printer
                // into the browser bundles).
                format!(
                    "{},{} is not a place on Earth; ignored",
                    location.text("latitude").unwrap_or_default(),
                    location.text("longitude").unwrap_or_default()
                ),
            );
            None
        }),
        _ => None,
    };
    let accessibility: Vec<String> = location.map_list("accessibility", |item| {
        match (item.text("description"), item.text("details")) {
            (Some(d), Some(x)) => Some(format!("{d} {x}")),
            (d, x) => d.or(x),
        }
    });
    Site {
        location: Location {
            name: location.text("name"),
            addresses,
            point,
            wheelchair: wheelchair(&accessibility),
            accessibility,
            hours: Vec::new(),
            carried: carried(
                location,
                &LOCATION,
                &[
                    ("name", Read::ByModel),
                    ("addresses", Read::ByModel),
                    ("latitude", Read::ByModel),
                    ("longitude", Read::ByModel),
                    ("accessibility", Read::AlsoCarried),
                    ("phones", Read::AlsoCarried),
                    ("schedules", Read::AlsoCarried),
                    ("languages", Read::AlsoCarried),
                ],
            ),
            link_carried: Carried::default(),
        },
        phones: location.map_list("phones", phone),
        hours: location.map_list("schedules", schedule),
        languages: location.map_list("languages", language),
    }
}

/// Reads wheelchair access from accessibility notes: "rolstoeltoegankelijk" is yes, "niet
/// rolstoeltoegankelijk" or "geen rolstoel…" is no, silence is unknown.
fn wheelchair(notes: &[String]) -> Option<bool> {
    notes.iter().find_map(|note| {
        let lower = note.to_lowercase();
        let position = lower
            .find("rolstoel")
            .or_else(|| lower.find("wheelchair"))?;
        let before = &lower[..position];
        let negated = ["niet ", "geen ", "not ", "no "]
            .iter()
            .any(|word| before.ends_with(word) || before.trim_end().ends_with(word.trim()));
        Some(!negated)
    })
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
        postal: node
            .text("address_type")
            .is_some_and(|kind| kind == "postal"),
        carried: carried(
            node,
            &ADDRESS,
            &[("postal_code", Read::ByModel), ("city", Read::ByModel)],
        ),
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
    if tel_link(&number).is_none() {
        node.problem(
            Severity::Warning,
            "number",
            format!("{number:?} cannot be dialled; shown as text"),
        );
    }
    Some(Phone {
        number,
        description: node.text("description"),
        carried: carried(
            node,
            &PHONE,
            &[("number", Read::ByModel), ("description", Read::ByModel)],
        ),
    })
}

fn dedup_phones(phones: &mut Vec<Phone>) {
    let mut seen = Vec::<String>::new();
    phones.retain(|phone| {
        let key = phone.tel().unwrap_or_else(|| phone.number.clone());
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
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

fn contact(node: Node<'_>) -> Option<Contact> {
    let contact = Contact {
        name: node.text("name"),
        title: node.text("title"),
        department: node.text("department"),
        email: checked_email(node, "email"),
        phones: node.map_list("phones", phone),
        carried: Carried::default(),
    };
    let says_something = contact != Contact::default();
    says_something.then(|| Contact {
        carried: carried(
            node,
            &CONTACT,
            &[
                ("name", Read::ByModel),
                ("title", Read::ByModel),
                ("department", Read::ByModel),
                ("email", Read::ByModel),
                ("phones", Read::ByModel),
            ],
        ),
        ..contact
    })
}

fn language(node: Node<'_>) -> Option<String> {
    node.text("code")
        .map(|code| code.to_ascii_lowercase())
        .or_else(|| node.text("name"))
}

fn age(node: Node<'_>, key: &str) -> Option<u8> {
    let value = node.number(key)?;
    if (0.0..=130.0).contains(&value) {
        Some(value.round() as u8)
    } else {
        node.problem(
            Severity::Warning,
            key,
            format!(
                "{} is not an age; ignored",
                node.text(key).unwrap_or_default()
            ),
        );
        None
    }
}

fn assured_date(node: Node<'_>) -> Option<Date> {
    let text = node.text("assured_date")?;
    let date = Date::parse(&text);
    if date.is_none() {
        node.problem(
            Severity::Warning,
            "assured_date",
            format!("{text:?} is not a date (YYYY-MM-DD); ignored"),
        );
    }
    date
}

/// Free when no cost is given or every cost option is 0; the words people need otherwise.
fn costs(node: Node<'_>) -> (bool, Option<String>) {
    let options = node.map_list("cost_options", |option| {
        let amount = option.number("amount");
        let words = option
            .text("amount_description")
            .or_else(|| option.text("option"));
        Some((amount, words))
    });
    let fees = node
        .text("fees_description")
        .or_else(|| node.text("fees"))
        .or_else(|| {
            options
                .iter()
                .filter(|(amount, _)| amount.is_none_or(|a| a > 0.0))
                .find_map(|(_, words)| words.clone())
        });
    let says_free = |text: &str| {
        let lower = text.to_lowercase();
        lower.contains("gratis") || lower.contains("free of charge") || lower == "free"
    };
    let free = if options.is_empty() {
        fees.as_deref().is_none_or(says_free)
    } else {
        options.iter().all(|(amount, _)| *amount == Some(0.0))
    };
    (free, fees.filter(|text| !free || !says_free(text)))
}

/// The fields of a schedule that the model reads.
const SCHEDULE_READ: &[(&str, Read)] = &[
    ("opens_at", Read::ByModel),
    ("closes_at", Read::ByModel),
    ("freq", Read::ByModel),
    ("byday", Read::ByModel),
    ("bymonthday", Read::ByModel),
    ("valid_from", Read::ByModel),
    ("valid_to", Read::ByModel),
    ("description", Read::ByModel),
];

/// The rules among `schedules` that can be evaluated, each once (a rule given for the
/// service and again for a location counts once).
fn opening_hours(schedules: &[Schedule]) -> Vec<OpeningHours> {
    let mut hours: Vec<OpeningHours> = Vec::new();
    for parsed in schedules {
        if let Schedule::Hours(rule) = parsed {
            if !hours.iter().any(|known| known.same_rule(rule)) {
                hours.push(rule.clone());
            }
        }
    }
    hours
}

/// A schedule that could be evaluated, or only its text.
#[derive(Debug, Clone)]
enum Schedule {
    Hours(OpeningHours),
    Note(String),
}

fn schedule(node: Node<'_>) -> Option<Schedule> {
    let note = node.text("description").or_else(|| node.text("notes"));
    let mut reasons = Vec::new();
    let times = schedule_times(node, &mut reasons);
    let recurrence = recurrence(node, &mut reasons);
    match (recurrence, times) {
        (Some(recurrence), Some((opens, closes))) => Some(Schedule::Hours(OpeningHours {
            recurrence,
            opens,
            closes,
            valid_from: node.text("valid_from").as_deref().and_then(Date::parse),
            valid_to: node.text("valid_to").as_deref().and_then(Date::parse),
            note,
            carried: carried(node, &SCHEDULE, SCHEDULE_READ),
        })),
        _ => {
            let outcome = match &note {
                Some(note) => format!("shown as text: {note:?}"),
                None => "left out".to_owned(),
            };
            node.problem(
                Severity::Warning,
                "schedules",
                format!(
                    "opening hours cannot be evaluated ({}); {outcome}",
                    reasons.join("; ")
                ),
            );
            note.map(Schedule::Note)
        }
    }
}

/// `opens_at` and `closes_at` as minutes after midnight; what is missing or unreadable goes
/// into `reasons`.
fn schedule_times(node: Node<'_>, reasons: &mut Vec<String>) -> Option<(u16, u16)> {
    let mut read = |key: &str| match node.text(key) {
        None => {
            reasons.push(format!("no {key}"));
            None
        }
        Some(text) => {
            let minutes = clock(&text);
            if minutes.is_none() {
                reasons.push(format!("{key} {text:?} is not a time such as 09:00"));
            }
            minutes
        }
    };
    let opens = read("opens_at");
    let closes = read("closes_at");
    opens.zip(closes)
}

/// The days a schedule applies to (`freq` with `byday` or `bymonthday`). Unknown day codes
/// are reported; when no day is left, the reason goes into `reasons`.
fn recurrence(node: Node<'_>, reasons: &mut Vec<String>) -> Option<Recurrence> {
    let freq = node
        .text("freq")
        .map(|f| f.to_ascii_uppercase())
        .unwrap_or_else(|| "WEEKLY".to_owned());
    let (list_key, codes) = match freq.as_str() {
        "DAILY" => return Some(Recurrence::weekly(Weekday::ALL)),
        "WEEKLY" => ("byday", "MO,TU,WE,TH,FR,SA,SU"),
        "MONTHLY" => ("bymonthday", "1 to 31"),
        _ => {
            reasons.push(format!(
                "freq {freq:?}: only DAILY, WEEKLY and MONTHLY can be evaluated"
            ));
            return None;
        }
    };
    let text = node.text(list_key).unwrap_or_default();
    let mut unknown = Vec::new();
    let mut weekdays = Vec::new();
    let mut month_days = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let known = if freq == "WEEKLY" {
            Weekday::from_ical(part).map(|day| weekdays.push(day))
        } else {
            part.parse::<u8>()
                .ok()
                .filter(|day| (1..=31).contains(day))
                .map(|day| month_days.push(day))
        };
        if known.is_none() {
            unknown.push(part);
        }
    }
    let found = !weekdays.is_empty() || !month_days.is_empty();
    if !unknown.is_empty() {
        let message = format!("{list_key} {:?} is not a day ({codes})", unknown.join(","));
        if found {
            node.problem(Severity::Warning, list_key, format!("{message}; ignored"));
        } else {
            reasons.push(message);
        }
    } else if !found {
        reasons.push(format!("no {list_key}"));
    }
    match freq.as_str() {
        "WEEKLY" => (!weekdays.is_empty()).then(|| Recurrence::weekly(weekdays)),
        _ => (!month_days.is_empty()).then_some(Recurrence::MonthDays(month_days)),
    }
}

/// An HSDS time such as `09:00`, `09:00:00` or `09:00:00+01:00`, read as local time.
fn clock(text: &str) -> Option<u16> {
    let without_offset = text
        .split(['+', 'Z', 'z'])
        .next()
        .unwrap_or(text)
        .split('-')
        .next()
        .unwrap_or(text);
    parse_clock(without_offset)
}

/// The Dutch profile read from a service's attributes.
#[derive(Default)]
struct Profile {
    domains: Vec<Domain>,
    level: Option<Level>,
    access: Option<Access>,
    target_groups: Vec<TargetGroup>,
    other_terms: Vec<String>,
}

impl Profile {
    fn read(&mut self, attribute: Node<'_>) {
        let Some((taxonomy, code, name)) = attribute.with_object("taxonomy_term", |term| {
            let taxonomy = term
                .text("taxonomy")
                .or_else(|| {
                    term.with_object("taxonomy_detail", |t| t.text("name"))
                        .flatten()
                })
                .unwrap_or_default();
            (taxonomy, term.text("code"), term.text("name"))
        }) else {
            if let Some(value) = attribute.text("value") {
                self.other_terms.push(value);
            }
            return;
        };
        let Some(code) = code.clone().or_else(|| name.clone()) else {
            attribute.problem(
                Severity::Warning,
                "taxonomy_term",
                "term without code or name",
            );
            return;
        };
        let unknown = |what: &str| {
            attribute.problem(
                Severity::Warning,
                "taxonomy_term",
                format!("{code:?} is not a known {what}; kept as a search term"),
            );
        };
        match taxonomy.to_ascii_lowercase().as_str() {
            taxonomy::DOMAIN => match Domain::from_code(&code) {
                Some(domain) if !self.domains.contains(&domain) => self.domains.push(domain),
                Some(_) => {}
                None => unknown("life domain"),
            },
            taxonomy::LEVEL => match Level::from_code(&code) {
                Some(level) => self.level = Some(level),
                None => unknown("provision level"),
            },
            taxonomy::ACCESS => match Access::from_code(&code) {
                Some(access) => self.access = Some(access),
                None => unknown("access code"),
            },
            taxonomy::TARGET_GROUP => match TargetGroup::from_code(&code) {
                Some(group) if !self.target_groups.contains(&group) => {
                    self.target_groups.push(group)
                }
                Some(_) => {}
                None => unknown("target group"),
            },
            _ => {
                let term = name.unwrap_or(code);
                if !self.other_terms.contains(&term) {
                    self.other_terms.push(term);
                }
            }
        }
    }
}
