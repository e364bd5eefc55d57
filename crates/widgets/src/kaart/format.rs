//! Service facts as short, plain sentences in the resident's language.

use wegwijs_directory::model::Status;
use wegwijs_directory::schedule::{status, week, OpenStatus};
use wegwijs_directory::time::{Date, LocalDateTime};
use wegwijs_directory::Service;
use wegwijs_text::number::{decimal, in_units};

use crate::i18n::I18n;

/// Keys of the weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "day.monday",
    "day.tuesday",
    "day.wednesday",
    "day.thursday",
    "day.friday",
    "day.saturday",
    "day.sunday",
];

const MONTHS: [&str; 12] = [
    "month.1", "month.2", "month.3", "month.4", "month.5", "month.6", "month.7", "month.8",
    "month.9", "month.10", "month.11", "month.12",
];

/// `9:00`, `17:30`; midnight at the end of the day is `24:00`.
pub fn clock(minute: u16) -> String {
    format!("{}:{:02}", minute / 60, minute % 60)
}

/// "Nu open, tot 17:00", "Gesloten. Opent maandag om 9:00", "Dag en nacht open"; nothing
/// for a service that is closed for a while or does not run.
pub fn opening(i18n: I18n, service: &Service, now: LocalDateTime) -> Option<String> {
    if service.status != Status::Active {
        // Its notice says it is closed; its usual hours would mislead.
        return None;
    }
    match status(&service.hours, now) {
        OpenStatus::AlwaysOpen => Some(i18n.t("open.always")),
        OpenStatus::OpenUntil(minute) => {
            Some(i18n.t_with("open.until", &[("time", &clock(minute))]))
        }
        OpenStatus::Opens(at) => {
            let day = if at.date == now.date {
                i18n.t("day.today")
            } else if at.date == now.date.next() {
                i18n.t("day.tomorrow")
            } else {
                i18n.t(WEEKDAYS[at.date.weekday().index()])
            };
            Some(i18n.t_with("open.opens", &[("day", &day), ("time", &clock(at.minute))]))
        }
        OpenStatus::Unknown => None,
    }
}

/// The opening hours of a week on one line, for paper, days with the same hours together:
/// "maandag t/m vrijdag 9:00–17:00; zaterdag 10:00–12:00". `None` when the hours are not
/// known.
pub fn week_hours(i18n: I18n, service: &Service) -> Option<String> {
    let days = week(&service.hours);
    let mut parts = Vec::new();
    let mut day = 0;
    while day < days.len() {
        let last = (day..days.len())
            .take_while(|d| days[*d] == days[day])
            .last()
            .unwrap_or(day);
        if !days[day].is_empty() {
            let times: Vec<String> = days[day]
                .iter()
                .map(|(open, close)| format!("{}–{}", clock(*open), clock(*close)))
                .collect();
            let when = if last > day {
                i18n.t_with(
                    "day.range",
                    &[
                        ("from", &i18n.t(WEEKDAYS[day])),
                        ("to", &i18n.t(WEEKDAYS[last])),
                    ],
                )
            } else {
                i18n.t(WEEKDAYS[day])
            };
            parts.push(format!("{when} {}", times.join(", ")));
        }
        day = last + 1;
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// "350 m", "1,2 km" (Dutch) or "1.2 km" (English).
pub fn distance(i18n: I18n, km: f64) -> String {
    if km < 1.0 {
        format!("{} m", ((km * 1000.0) / 10.0).round() as u32 * 10)
    } else {
        let separator = if i18n.lang() == "nl" { ',' } else { '.' };
        format!("{} km", decimal(in_units(km, 1), 1, separator))
    }
}

/// "12 maart 2024".
pub fn date(i18n: I18n, date: Date) -> String {
    format!(
        "{} {} {}",
        date.day,
        i18n.t(MONTHS[usize::from(date.month) - 1]),
        date.year
    )
}

/// What it costs, in one line.
pub fn costs(i18n: I18n, service: &Service) -> String {
    if service.free {
        i18n.t("card.free")
    } else {
        service
            .fees
            .clone()
            .unwrap_or_else(|| i18n.t("card.costs-unknown"))
    }
}
