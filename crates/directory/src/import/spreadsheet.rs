//! The simple spreadsheet: one row per service, Dutch column names, for municipalities
//! without HSDS tooling. Rows become HSDS service objects and are read like HSDS JSON;
//! problems name the row and the spreadsheet column.

use serde_json::{json, Map, Value};

use super::{import_services, ImportError, Imported};
use crate::problem::{Problem, Severity};
use crate::profile::{taxonomy, Access, Domain, Level, TargetGroup};
use crate::reader::{Carry, Reader, SOURCE_FIELD};
use crate::time::{parse_clock, Weekday};
use crate::vocabulary::Vocabulary;

/// The columns of the spreadsheet, with what they mean (also the template's header).
pub const SPREADSHEET_COLUMNS: &[(&str, &str)] = &[
    (
        "id",
        "unique code of the service (optional; made from the name when empty)",
    ),
    ("naam", "name of the service (required)"),
    ("organisatie", "organisation that offers it"),
    ("omschrijving", "what it offers, in plain words"),
    (
        "leefgebieden",
        "life domains, codes or labels separated by ; (geld; wonen)",
    ),
    ("voorziening", "informeel, algemeen or maatwerk"),
    (
        "toegang",
        "vrij (walk in / call) or verwijzing (needs a referral)",
    ),
    (
        "doelgroepen",
        "jeugd; ouders; volwassenen; ouderen; mantelzorgers; nieuwkomers",
    ),
    ("telefoon", "phone number"),
    ("email", "e-mail address"),
    ("website", "web address"),
    ("adres", "street and number"),
    ("postcode", "postcode, e.g. 3951 AB"),
    ("plaats", "town"),
    ("lat", "latitude, e.g. 52.0601"),
    ("lon", "longitude, e.g. 5.7502"),
    (
        "openingstijden",
        "e.g. ma-vr 9:00-17:00; za 10-12 (dagelijks, 24/7 also work)",
    ),
    ("kosten", "gratis, or what it costs"),
    ("leeftijd_van", "youngest age served"),
    ("leeftijd_tot", "oldest age served"),
    ("talen", "language codes separated by ; (nl; en; ar)"),
    ("rolstoeltoegankelijk", "ja or nee"),
    ("aanmelden", "how to apply"),
    ("voorwaarden", "who can use it"),
    ("trefwoorden", "extra search words separated by ;"),
    (
        "werkgebied",
        "where it works: neighbourhoods separated by ;, or hele gemeente (empty: at its address)",
    ),
    (
        "gecontroleerd",
        "date the information was last checked, YYYY-MM-DD",
    ),
    (
        "status",
        "actief, tijdelijk gesloten, niet actief or gestopt (empty: actief)",
    ),
    (
        "melding",
        "a short notice for residents, e.g. why it is closed and until when",
    ),
];

/// HSDS field → spreadsheet column, so problems name the column people see.
const FIELD_COLUMNS: &[(&str, &str)] = &[
    ("name", "naam"),
    ("description", "omschrijving"),
    ("url", "website"),
    ("number", "telefoon"),
    ("address_1", "adres"),
    ("latitude", "lat"),
    ("longitude", "lon"),
    ("minimum_age", "leeftijd_van"),
    ("maximum_age", "leeftijd_tot"),
    ("assured_date", "gecontroleerd"),
    ("application_process", "aanmelden"),
    ("eligibility_description", "voorwaarden"),
    ("taxonomy_term", "leefgebieden"),
    ("freq", "openingstijden"),
    ("status", "status"),
    ("alert", "melding"),
];

/// The column separator of a spreadsheet: `;` when the header row has more semicolons than
/// commas (Dutch Excel saves CSV that way), else `,`.
pub fn separator_of(text: &str) -> u8 {
    let header = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default();
    let count = |c: char| header.chars().filter(|x| *x == c).count();
    if count(';') > count(',') {
        b';'
    } else {
        b','
    }
}

/// Imports the spreadsheet CSV (comma- or semicolon-separated, with or without a byte order
/// mark). `file` names the file in problems.
pub fn import_spreadsheet(
    file: &str,
    text: &str,
    vocabulary: &Vocabulary,
) -> Result<Imported, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(separator_of(text))
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| ImportError::NotAServiceList {
            found: "a file without a header row",
        })?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    if !headers.iter().any(|h| h == "naam") {
        return Err(ImportError::NotAServiceList {
            found: "a spreadsheet without a `naam` column",
        });
    }
    let mut problems = Vec::new();
    let mut services = Vec::new();
    let separator = char::from(separator_of(text));
    for (index, record) in reader.records().enumerate() {
        // The line the row starts on (a quoted cell may span lines).
        let line = record
            .as_ref()
            .ok()
            .and_then(|record| record.position())
            .map_or(index + 2, |position| position.line() as usize);
        let row_problem = |column: &str, message: String| Problem {
            severity: Severity::Warning,
            location: format!("{file}:{line}"),
            field: column.to_owned(),
            message,
        };
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                problems.push(Problem {
                    severity: Severity::Error,
                    ..row_problem("", format!("unreadable row: {error}"))
                });
                continue;
            }
        };
        let cell = |column: &str| {
            headers
                .iter()
                .position(|h| h == column)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let mut row_problems = Vec::new();
        if record.len() != headers.len() {
            let outcome = if record.len() > headers.len() {
                "the cells after the last column are left out"
            } else {
                "the missing cells are read as empty"
            };
            row_problems.push(row_problem(
                "",
                format!(
                    "this row has {} cells and the header row {}: {outcome}; check for a missing or extra `{separator}` or a stray `\"`",
                    record.len(),
                    headers.len()
                ),
            ));
        }
        if cell("naam").is_some_and(|name| name.contains('\n')) {
            row_problems.push(row_problem(
                "naam",
                "the name runs over several lines: probably a `\"` opens a cell that never closes"
                    .into(),
            ));
        }
        services.push(row_to_service(
            file,
            line,
            &cell,
            vocabulary,
            &mut |column, message| row_problems.push(row_problem(column, message)),
        ));
        problems.append(&mut row_problems);
    }
    if services.is_empty() {
        problems.push(Problem {
            severity: Severity::Error,
            location: file.to_owned(),
            field: String::new(),
            message: "the sheet has no services, only its header row".into(),
        });
    }
    let mut imported = import_services(&Value::Array(services), Reader::with_carry(Carry::Skip));
    for problem in &mut imported.problems {
        if let Some((_, column)) = FIELD_COLUMNS
            .iter()
            .find(|(field, _)| *field == problem.field)
        {
            problem.field = (*column).to_owned();
        }
    }
    problems.append(&mut imported.problems);
    imported.problems = problems;
    Ok(imported)
}

fn row_to_service<'r>(
    file: &str,
    line: usize,
    cell: &dyn Fn(&str) -> Option<&'r str>,
    vocabulary: &Vocabulary,
    report: &mut dyn FnMut(&str, String),
) -> Value {
    let source = json!(format!("{file}:{line}"));
    let mut service = Map::new();
    service.insert(SOURCE_FIELD.into(), source.clone());
    let id = cell("id")
        .map(str::to_owned)
        .or_else(|| cell("naam").map(slug))
        .unwrap_or_else(|| format!("rij-{line}"));
    service.insert("id".into(), json!(id));
    for (column, field) in [
        ("naam", "name"),
        ("omschrijving", "description"),
        ("email", "email"),
        ("website", "url"),
        ("aanmelden", "application_process"),
        ("voorwaarden", "eligibility_description"),
        ("gecontroleerd", "assured_date"),
        ("leeftijd_van", "minimum_age"),
        ("leeftijd_tot", "maximum_age"),
        ("melding", "alert"),
    ] {
        if let Some(value) = cell(column) {
            service.insert(field.into(), json!(value));
        }
    }
    if let Some(status) = cell("status") {
        service.insert("status".into(), json!(hsds_status(status)));
    }
    if let Some(org) = cell("organisatie") {
        service.insert(
            "organization".into(),
            json!({"id": slug(org), "name": org, SOURCE_FIELD: source}),
        );
    }
    if let Some(number) = cell("telefoon") {
        service.insert(
            "phones".into(),
            json!([{"number": number, SOURCE_FIELD: source}]),
        );
    }
    match cell("kosten") {
        Some(text) if text.eq_ignore_ascii_case("gratis") || text.eq_ignore_ascii_case("free") => {
            service.insert(
                "cost_options".into(),
                json!([{"amount": 0, "option": "Gratis"}]),
            );
        }
        Some(text) => {
            service.insert("fees_description".into(), json!(text));
        }
        None => {}
    }
    if let Some(areas) = cell("werkgebied") {
        let list: Vec<Value> = split_list(areas)
            .map(|name| json!({"name": name}))
            .collect();
        service.insert("service_areas".into(), Value::Array(list));
    }
    if let Some(languages) = cell("talen") {
        let list: Vec<Value> = split_list(languages)
            .map(|code| json!({"code": code.to_lowercase()}))
            .collect();
        service.insert("languages".into(), Value::Array(list));
    }

    let mut attributes = Vec::new();
    let mut term = |taxonomy: &str, code: &str| {
        attributes
            .push(json!({"taxonomy_term": {"taxonomy": taxonomy, "code": code, "name": code}}));
    };
    for value in cell("leefgebieden").map(split_list).into_iter().flatten() {
        let by_label = vocabulary
            .domains
            .iter()
            .find(|info| info.nl.eq_ignore_ascii_case(value) || info.en.eq_ignore_ascii_case(value))
            .map(|info| info.domain);
        match Domain::from_code(value).or(by_label) {
            Some(domain) => term(taxonomy::DOMAIN, domain.code()),
            None => report(
                "leefgebieden",
                format!("{value:?} is not a life domain; skipped"),
            ),
        }
    }
    if let Some(value) = cell("voorziening") {
        match Level::from_code(value) {
            Some(level) => term(taxonomy::LEVEL, level.code()),
            None => report(
                "voorziening",
                format!("{value:?} is not informeel, algemeen or maatwerk"),
            ),
        }
    }
    if let Some(value) = cell("toegang") {
        match Access::from_code(value) {
            Some(access) => term(taxonomy::ACCESS, access.code()),
            None => report("toegang", format!("{value:?} is not vrij or verwijzing")),
        }
    }
    for value in cell("doelgroepen").map(split_list).into_iter().flatten() {
        match TargetGroup::from_code(value) {
            Some(group) => term(taxonomy::TARGET_GROUP, group.code()),
            None => report(
                "doelgroepen",
                format!("{value:?} is not a target group; skipped"),
            ),
        }
    }
    for value in cell("trefwoorden").map(split_list).into_iter().flatten() {
        term("trefwoorden", value);
    }
    service.insert("attributes".into(), Value::Array(attributes));

    let schedules = cell("openingstijden")
        .map(|text| match parse_hours(text) {
            Some(schedules) => schedules,
            None => {
                report(
                    "openingstijden",
                    format!("{text:?} is not understood (e.g. ma-vr 9:00-17:00); shown as text"),
                );
                vec![json!({"description": text})]
            }
        })
        .unwrap_or_default();

    let has_place = ["adres", "lat", "lon"].iter().any(|c| cell(c).is_some());
    if has_place {
        let mut location = Map::new();
        location.insert(SOURCE_FIELD.into(), source.clone());
        location.insert("id".into(), json!(format!("{id}-locatie")));
        location.insert("location_type".into(), json!("physical"));
        if let Some(street) = cell("adres") {
            location.insert(
                "addresses".into(),
                json!([{
                    SOURCE_FIELD: source,
                    "address_1": street,
                    "postal_code": cell("postcode"),
                    "city": cell("plaats"),
                    "address_type": "physical",
                }]),
            );
        }
        if let Some(lat) = cell("lat") {
            location.insert("latitude".into(), json!(lat));
        }
        if let Some(lon) = cell("lon") {
            location.insert("longitude".into(), json!(lon));
        }
        match cell("rolstoeltoegankelijk")
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("ja" | "yes") => {
                location.insert(
                    "accessibility".into(),
                    json!([{"description": "Rolstoeltoegankelijk"}]),
                );
            }
            Some("nee" | "no") => {
                location.insert(
                    "accessibility".into(),
                    json!([{"description": "Niet rolstoeltoegankelijk"}]),
                );
            }
            Some(other) => report(
                "rolstoeltoegankelijk",
                format!("{other:?} is not ja or nee"),
            ),
            None => {}
        }
        location.insert("schedules".into(), Value::Array(schedules));
        service.insert(
            "service_at_locations".into(),
            json!([{"id": format!("{id}-sal"), "location": location}]),
        );
    } else if !schedules.is_empty() {
        service.insert("schedules".into(), Value::Array(schedules));
    }
    Value::Object(service)
}

/// The HSDS status for the Dutch words of the `status` column; anything else is passed on
/// (HSDS values are accepted as they are, and the service reader names unknown ones).
fn hsds_status(text: &str) -> &str {
    match text.trim().to_lowercase().as_str() {
        "actief" => "active",
        "tijdelijk gesloten" | "tijdelijk dicht" => "temporarily closed",
        "niet actief" | "inactief" => "inactive",
        "gestopt" | "opgeheven" => "defunct",
        _ => text,
    }
}

fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', ','])
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// A stable id from a name: `Buurtkamer Oosterhof` → `buurtkamer-oosterhof`.
fn slug(name: &str) -> String {
    crate::words::tokens(name).join("-")
}

const DUTCH_DAYS: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];

/// Parses "ma-vr 9:00-17:00; za 10-12", "dagelijks 8-22" or "24/7" into HSDS schedules.
pub(crate) fn parse_hours(text: &str) -> Option<Vec<Value>> {
    let mut schedules = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (days, times) = if part == "24/7" {
            (Weekday::ALL.to_vec(), "0:00-24:00")
        } else {
            let (days, times) = part.rsplit_once(' ')?;
            (parse_days(days.trim())?, times)
        };
        let (opens, closes) = times.split_once('-')?;
        let opens = parse_clock(opens)?;
        let closes = parse_clock(closes)?;
        let clock = |minutes: u16| format!("{:02}:{:02}", minutes / 60, minutes % 60);
        let byday: Vec<&str> = days.iter().map(|d| d.ical()).collect();
        schedules.push(json!({
            "freq": "WEEKLY",
            "byday": byday.join(","),
            "opens_at": clock(opens),
            "closes_at": if closes == 1440 { "24:00".to_owned() } else { clock(closes) },
        }));
    }
    (!schedules.is_empty()).then_some(schedules)
}

fn parse_days(text: &str) -> Option<Vec<Weekday>> {
    if text.eq_ignore_ascii_case("dagelijks") || text.eq_ignore_ascii_case("elke dag") {
        return Some(Weekday::ALL.to_vec());
    }
    let day = |name: &str| {
        DUTCH_DAYS
            .iter()
            .position(|d| name.trim().to_lowercase().starts_with(d))
            .map(|i| Weekday::ALL[i])
    };
    let mut days = Vec::new();
    for group in text.split(',').map(str::trim) {
        match group.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (day(from)?.index(), day(to)?.index());
                if from > to {
                    return None;
                }
                days.extend(Weekday::ALL[from..=to].iter().copied());
            }
            None => days.push(day(group)?),
        }
    }
    (!days.is_empty()).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::schedule::is_open_at;
    use crate::time::LocalDateTime;

    const HEADER: &str = "naam,organisatie,leefgebieden,voorziening,toegang,doelgroepen,telefoon,email,website,adres,postcode,plaats,lat,lon,openingstijden,kosten,rolstoeltoegankelijk\n";

    fn import(rows: &str) -> Imported {
        import_spreadsheet(
            "kaart.csv",
            &format!("{HEADER}{rows}"),
            &Vocabulary::dutch(),
        )
        .unwrap()
    }

    #[test]
    fn ragged_rows_a_stray_quote_and_a_sheet_without_rows_are_named() {
        let short = import("Taalcafé,Bibliotheek\n");
        assert_eq!(short.directory.services.len(), 1);
        assert_eq!(short.problems.len(), 1, "{:?}", short.problems);
        assert_eq!(short.problems[0].location, "kaart.csv:2");
        assert!(short.problems[0]
            .message
            .contains("2 cells and the header row 17"));

        let long = import(&format!("Taalcafé{}\n", ",x".repeat(17)));
        assert!(
            long.problems[0].message.contains("left out"),
            "{:?}",
            long.problems
        );

        // The quote before "Buurtkamer" never closes: the rest of the file becomes its name.
        let stray = import("\"Buurtkamer,Welzijn\nTaalcafé,Bibliotheek\n");
        let messages: Vec<_> = stray.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("never closes")),
            "{messages:?}"
        );

        for empty in ["", "\n\n", ",,,\n"] {
            let imported = import(empty);
            assert!(imported.directory.services.is_empty());
            assert_eq!(
                imported.problems.len(),
                1,
                "{empty:?}: {:?}",
                imported.problems
            );
            assert_eq!(imported.problems[0].severity, Severity::Error);
            assert!(imported.problems[0].message.contains("no services"));
        }
    }

    #[test]
    fn a_full_row_becomes_a_service_in_the_dutch_profile() {
        let imported = import("Taalcafé,Bibliotheek,taal; Me alleen voelen,informeel,vrij,nieuwkomers,0342 590000,info@bieb.example,bieb.example,Bibliotheekplein 1,3951 AB,Lindenhoven,52.06,5.75,za 10-12,gratis,ja\n");
        assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        let service = &imported.directory.services[0];
        assert_eq!(service.id, "taalcafe");
        assert_eq!(service.domains, [Domain::Taal, Domain::Contact]);
        assert_eq!(service.level, Some(Level::Informeel));
        assert_eq!(service.access, Some(Access::Vrij));
        assert_eq!(service.target_groups, [TargetGroup::Nieuwkomers]);
        assert!(service.free);
        assert_eq!(service.wheelchair(), Some(true));
        assert_eq!(service.website.as_deref(), Some("https://bieb.example"));
        assert!(service.point().is_some());
        assert!(is_open_at(
            &service.hours,
            LocalDateTime::parse("2026-11-28T11:00").unwrap()
        ));
        assert!(!is_open_at(
            &service.hours,
            LocalDateTime::parse("2026-11-27T11:00").unwrap()
        ));
    }

    #[test]
    fn status_and_notice_in_dutch() {
        let imported = import_spreadsheet(
            "kaart.csv",
            "naam,status,melding\nMoestuin,Tijdelijk gesloten,Open vanaf 1 maart.\nKledingbank,gestopt,\nInloop,,\nRaar,half,\n",
            &Vocabulary::dutch(),
        )
        .unwrap();
        let statuses: Vec<_> = imported
            .directory
            .services
            .iter()
            .map(|s| s.status)
            .collect();
        assert_eq!(
            statuses,
            [
                Status::TemporarilyClosed,
                Status::Defunct,
                Status::Active,
                Status::Active
            ]
        );
        assert_eq!(
            imported.directory.services[0].alert.as_deref(),
            Some("Open vanaf 1 maart.")
        );
        let places: Vec<_> = imported
            .problems
            .iter()
            .map(|p| format!("{} {}", p.location, p.field))
            .collect();
        assert_eq!(places, ["kaart.csv:5 status"]);
    }

    #[test]
    fn problems_name_the_row_and_the_spreadsheet_column() {
        let imported = import("Maatje,,geluk,heel erg,soms,,,geen-mail,javascript:alert(1),,,,,,elke week,,misschien\n,naamloos\n");
        let places: Vec<String> = imported
            .problems
            .iter()
            .map(|p| format!("{} {}", p.location, p.field))
            .collect();
        for expected in [
            "kaart.csv:2 leefgebieden",
            "kaart.csv:2 voorziening",
            "kaart.csv:2 toegang",
            "kaart.csv:2 openingstijden",
            "kaart.csv:2 email",
            "kaart.csv:2 website",
            "kaart.csv:3 naam",
        ] {
            assert!(
                places.contains(&expected.to_owned()),
                "{expected} in {places:?}"
            );
        }
        assert_eq!(imported.directory.services.len(), 1);
    }

    #[test]
    fn opening_hours_in_dutch() {
        let parsed = parse_hours("ma-vr 9:00-17:00; za 10-12").unwrap();
        assert_eq!(parsed[0]["byday"], "MO,TU,WE,TH,FR");
        assert_eq!(parsed[0]["opens_at"], "09:00");
        assert_eq!(parsed[1]["closes_at"], "12:00");
        assert_eq!(parse_hours("di, do 13.30-16").unwrap().len(), 1);
        assert_eq!(
            parse_hours("dagelijks 0-24").unwrap()[0]["closes_at"],
            "24:00"
        );
        assert!(parse_hours("24/7").is_some());
        assert!(parse_hours("op afspraak").is_none());
        assert!(parse_hours("vr-ma 9-17").is_none());
    }

    #[test]
    fn a_file_without_naam_column_is_refused() {
        assert!(import_spreadsheet("x.csv", "name,url\nA,b\n", &Vocabulary::dutch()).is_err());
    }
}
