//! Opening hours from HSDS schedules, and "open now" / "next opening" in Amsterdam time.

use serde::{Deserialize, Serialize};
use wegwijs_text::order;

use crate::model::Carried;
use crate::time::{Date, LocalDateTime, Weekday};

/// Which days a rule applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recurrence {
    /// Every week on these days (bit 0 = Monday … bit 6 = Sunday); DAILY is all seven.
    Weekly(u8),
    /// Every month on these days of the month.
    MonthDays(Vec<u8>),
}

impl Recurrence {
    /// Weekly on the given days.
    pub fn weekly(days: impl IntoIterator<Item = Weekday>) -> Self {
        Self::Weekly(
            days.into_iter()
                .fold(0, |mask, day| mask | 1 << day.index()),
        )
    }

    fn applies(&self, date: Date) -> bool {
        match self {
            Self::Weekly(mask) => mask & (1 << date.weekday().index()) != 0,
            Self::MonthDays(days) => days.contains(&date.day),
        }
    }

    /// The weekdays of a weekly rule, Monday first.
    pub fn weekdays(&self) -> Vec<Weekday> {
        match self {
            Self::Weekly(mask) => Weekday::ALL
                .into_iter()
                .filter(|day| mask & (1 << day.index()) != 0)
                .collect(),
            Self::MonthDays(_) => Vec::new(),
        }
    }
}

/// One opening-hours rule: on these days, from `opens` to `closes` (local time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHours {
    /// The days it applies to.
    pub recurrence: Recurrence,
    /// Opening time, minutes after midnight.
    pub opens: u16,
    /// Closing time, minutes after midnight; at or before `opens` means the next day.
    pub closes: u16,
    /// First day the rule is valid.
    pub valid_from: Option<Date>,
    /// Last day the rule is valid.
    pub valid_to: Option<Date>,
    /// Free text from the data, e.g. "niet op feestdagen".
    pub note: Option<String>,
    /// The HSDS fields of the schedule the model has no place for.
    #[serde(skip)]
    pub carried: Carried,
}

impl OpeningHours {
    /// Whether `other` gives the same days, times, validity and note (the HSDS fields carried
    /// for the export may differ).
    pub fn same_rule(&self, other: &Self) -> bool {
        self.recurrence == other.recurrence
            && (self.opens, self.closes) == (other.opens, other.closes)
            && (self.valid_from, self.valid_to) == (other.valid_from, other.valid_to)
            && self.note == other.note
    }

    fn valid_on(&self, date: Date) -> bool {
        self.valid_from.is_none_or(|from| date >= from) && self.valid_to.is_none_or(|to| date <= to)
    }

    fn runs_on(&self, date: Date) -> bool {
        self.valid_on(date) && self.recurrence.applies(date)
    }

    /// Whether the closing time is on the next day.
    pub fn overnight(&self) -> bool {
        self.closes <= self.opens
    }

    /// Whether this rule has the service open at `at`.
    pub fn is_open_at(&self, at: LocalDateTime) -> bool {
        let end_today = if self.overnight() { 1440 } else { self.closes };
        let today = self.runs_on(at.date) && (self.opens..end_today).contains(&at.minute);
        let from_yesterday = self.overnight() && at.minute < self.closes && {
            let yesterday = Date::from_days_since_epoch(at.date.days_since_epoch() - 1);
            self.runs_on(yesterday)
        };
        today || from_yesterday
    }
}

/// Whether any rule has the service open at `at`.
pub fn is_open_at(hours: &[OpeningHours], at: LocalDateTime) -> bool {
    hours.iter().any(|rule| rule.is_open_at(at))
}

/// Whether a service is open, for a result card: "open until 17:00", "opens Monday 9:00".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenStatus {
    /// Open day and night, every day.
    AlwaysOpen,
    /// Open now; closes at this minute of the day (1440: midnight).
    OpenUntil(u16),
    /// Closed now; opens then.
    Opens(LocalDateTime),
    /// No opening hours that can be evaluated.
    Unknown,
}

/// The opening status at `at`.
pub fn status(hours: &[OpeningHours], at: LocalDateTime) -> OpenStatus {
    if hours.is_empty() {
        return OpenStatus::Unknown;
    }
    let always = hours.iter().any(|rule| {
        rule.recurrence == Recurrence::Weekly(0b111_1111)
            && rule.opens == 0
            && rule.closes >= 1439
            && rule.valid_to.is_none()
    });
    if always {
        return OpenStatus::AlwaysOpen;
    }
    let closing = hours
        .iter()
        .filter(|rule| rule.is_open_at(at))
        .map(|rule| {
            if rule.overnight() && at.minute >= rule.opens {
                1440
            } else {
                rule.closes
            }
        })
        .max();
    match closing {
        Some(minute) => OpenStatus::OpenUntil(minute),
        None => next_opening(hours, at).map_or(OpenStatus::Unknown, OpenStatus::Opens),
    }
}

/// The weekly opening hours per day, Monday first: (opens, closes) minute pairs, sorted.
/// Month-day rules are not weekly and are left out (they stay in the data's notes).
pub fn week(hours: &[OpeningHours]) -> [Vec<(u16, u16)>; 7] {
    let mut days: [Vec<(u16, u16)>; 7] = Default::default();
    for rule in hours {
        for day in rule.recurrence.weekdays() {
            days[day.index()].push((rule.opens, rule.closes));
        }
    }
    for day in &mut days {
        order::sort(day);
        day.dedup();
    }
    days
}

/// The next moment, at or after `at` and within two weeks, that a rule opens.
pub fn next_opening(hours: &[OpeningHours], at: LocalDateTime) -> Option<LocalDateTime> {
    let mut date = at.date;
    for _ in 0..15 {
        let earliest = hours
            .iter()
            .filter(|rule| rule.runs_on(date))
            .map(|rule| rule.opens)
            .filter(|&opens| date != at.date || opens >= at.minute)
            .min();
        if let Some(minute) = earliest {
            return Some(LocalDateTime { date, minute });
        }
        date = date.next();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> LocalDateTime {
        LocalDateTime::parse(text).unwrap()
    }

    fn weekdays_9_to_17() -> OpeningHours {
        OpeningHours {
            recurrence: Recurrence::weekly(Weekday::ALL.into_iter().take(5)),
            opens: 9 * 60,
            closes: 17 * 60,
            valid_from: None,
            valid_to: None,
            note: None,
            carried: Carried::default(),
        }
    }

    #[test]
    fn open_on_weekdays_within_hours() {
        let hours = [weekdays_9_to_17()];
        assert!(is_open_at(&hours, at("2026-11-23T09:00"))); // Monday
        assert!(is_open_at(&hours, at("2026-11-23T16:59")));
        assert!(!is_open_at(&hours, at("2026-11-23T17:00")));
        assert!(!is_open_at(&hours, at("2026-11-23T08:59")));
        assert!(!is_open_at(&hours, at("2026-11-22T12:00"))); // Sunday
    }

    #[test]
    fn overnight_hours_run_into_the_next_day() {
        let night = OpeningHours {
            recurrence: Recurrence::weekly([Weekday::Friday]),
            opens: 19 * 60,
            closes: 9 * 60,
            ..weekdays_9_to_17()
        };
        let hours = [night];
        assert!(is_open_at(&hours, at("2026-11-27T23:00"))); // Friday night
        assert!(is_open_at(&hours, at("2026-11-28T08:00"))); // Saturday morning
        assert!(!is_open_at(&hours, at("2026-11-28T10:00")));
        assert!(!is_open_at(&hours, at("2026-11-27T08:00"))); // Friday morning: Thursday had none
    }

    #[test]
    fn validity_dates_limit_a_rule() {
        let hours = [OpeningHours {
            valid_from: Date::parse("2026-12-01"),
            ..weekdays_9_to_17()
        }];
        assert!(!is_open_at(&hours, at("2026-11-23T10:00")));
        assert!(is_open_at(&hours, at("2026-12-01T10:00")));
    }

    #[test]
    fn next_opening_is_later_today_or_on_the_next_open_day() {
        let hours = [weekdays_9_to_17()];
        assert_eq!(
            next_opening(&hours, at("2026-11-23T08:00")),
            Some(at("2026-11-23T09:00"))
        );
        assert_eq!(
            next_opening(&hours, at("2026-11-27T18:00")),
            Some(at("2026-11-30T09:00"))
        );
        assert_eq!(next_opening(&[], at("2026-11-27T18:00")), None);
    }

    #[test]
    fn status_says_until_when_or_from_when() {
        let hours = [weekdays_9_to_17()];
        assert_eq!(
            status(&hours, at("2026-11-23T10:00")),
            OpenStatus::OpenUntil(17 * 60)
        );
        assert_eq!(
            status(&hours, at("2026-11-22T10:00")),
            OpenStatus::Opens(at("2026-11-23T09:00"))
        );
        assert_eq!(status(&[], at("2026-11-22T10:00")), OpenStatus::Unknown);
        let always = [OpeningHours {
            recurrence: Recurrence::weekly(Weekday::ALL),
            opens: 0,
            closes: 1440,
            ..weekdays_9_to_17()
        }];
        assert_eq!(
            status(&always, at("2026-11-22T03:00")),
            OpenStatus::AlwaysOpen
        );
    }

    #[test]
    fn the_week_lists_hours_per_day() {
        let days = week(&[weekdays_9_to_17()]);
        assert_eq!(days[0], [(540, 1020)]);
        assert!(days[6].is_empty());
    }

    #[test]
    fn month_days_recur_monthly() {
        let hours = [OpeningHours {
            recurrence: Recurrence::MonthDays(vec![1, 15]),
            ..weekdays_9_to_17()
        }];
        assert!(is_open_at(&hours, at("2026-12-15T10:00")));
        assert!(!is_open_at(&hours, at("2026-12-14T10:00")));
    }
}
