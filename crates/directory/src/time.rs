//! Dates and times in Europe/Amsterdam, without a time-zone database.
//!
//! The Netherlands uses CET (UTC+1) and, from the last Sunday of March to the last Sunday of
//! October (01:00 UTC both), CEST (UTC+2). That rule is all the social map needs; it keeps
//! the wasm bundle free of a tz database.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

/// A day of the week, Monday first as in the Netherlands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Weekday {
    /// Maandag.
    Monday,
    /// Dinsdag.
    Tuesday,
    /// Woensdag.
    Wednesday,
    /// Donderdag.
    Thursday,
    /// Vrijdag.
    Friday,
    /// Zaterdag.
    Saturday,
    /// Zondag.
    Sunday,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// 0 for Monday … 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The iCal code (`MO`, `TU`, …) used by HSDS `byday`.
    pub fn ical(self) -> &'static str {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][self.index()]
    }

    /// The day for an iCal code; a numeric prefix such as `1MO` (first Monday) is ignored.
    pub fn from_ical(code: &str) -> Option<Self> {
        let code = code
            .trim()
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
        Self::ALL
            .into_iter()
            .find(|day| day.ical().eq_ignore_ascii_case(code))
    }

    /// The next day.
    pub fn next(self) -> Self {
        Self::ALL[(self.index() + 1) % 7]
    }
}

impl Date {
    /// Parses `YYYY-MM-DD` (a time part after it is ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let date = text.get(..10)?;
        let mut parts = date.split('-');
        let year = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    /// The next calendar day.
    pub fn next(self) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch() + 1)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A wall-clock moment in Europe/Amsterdam.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LocalDateTime {
    /// The local date.
    pub date: Date,
    /// Minutes since local midnight, 0–1439.
    pub minute: u16,
}

impl LocalDateTime {
    /// The Amsterdam wall-clock time for a UTC instant in seconds since the Unix epoch.
    pub fn from_unix(utc_seconds: i64) -> Self {
        let local = utc_seconds + i64::from(amsterdam_offset_minutes(utc_seconds)) * 60;
        Self {
            date: Date::from_days_since_epoch(local.div_euclid(86_400)),
            minute: (local.rem_euclid(86_400) / 60) as u16,
        }
    }

    /// Parses an ISO 8601 date-time: with an offset (`Z`, `+01:00`) it is converted to
    /// Amsterdam time; without one it is read as Amsterdam time.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let date = Date::parse(text)?;
        let rest = text.get(10..)?;
        let rest = rest.strip_prefix(['T', ' ', 't'])?;
        let (clock, offset) = split_offset(rest);
        let minute = parse_clock(clock)?;
        match offset {
            None => Some(Self { date, minute }),
            Some(offset_minutes) => {
                let utc = date.days_since_epoch() * 86_400 + i64::from(minute) * 60
                    - i64::from(offset_minutes) * 60;
                Some(Self::from_unix(utc))
            }
        }
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}",
            self.date,
            self.minute / 60,
            self.minute % 60
        )
    }
}

/// Splits `10:00+01:00` into the clock and the offset in minutes.
fn split_offset(text: &str) -> (&str, Option<i32>) {
    if let Some(clock) = text.strip_suffix(['Z', 'z']) {
        return (clock, Some(0));
    }
    if let Some(position) = text.rfind(['+', '-']) {
        let (clock, offset) = text.split_at(position);
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        if let Some(minutes) = parse_clock(&offset[1..]) {
            return (clock, Some(sign * i32::from(minutes)));
        }
    }
    (text, None)
}

/// Minutes since midnight for `HH:MM`, `HH:MM:SS` or `HH.MM`; `24:00` means end of day.
pub fn parse_clock(text: &str) -> Option<u16> {
    let text = text.trim();
    let mut parts = text.split([':', '.']);
    let hours: u16 = parts.next()?.trim().parse().ok()?;
    let minutes: u16 = match parts.next() {
        Some(m) => m.trim().get(..2.min(m.trim().len()))?.parse().ok()?,
        None => 0,
    };
    if hours == 24 && minutes == 0 {
        return Some(24 * 60);
    }
    // Checked before multiplying: "1100:00" is not a time, and must not overflow.
    (hours < 24 && minutes < 60).then(|| hours * 60 + minutes)
}

/// Amsterdam's offset from UTC, in minutes, at a UTC instant.
pub fn amsterdam_offset_minutes(utc_seconds: i64) -> i32 {
    let year = Date::from_days_since_epoch(utc_seconds.div_euclid(86_400)).year;
    let start = last_sunday(year, 3).days_since_epoch() * 86_400 + 3600;
    let end = last_sunday(year, 10).days_since_epoch() * 86_400 + 3600;
    if (start..end).contains(&utc_seconds) {
        120
    } else {
        60
    }
}

fn last_sunday(year: i32, month: u8) -> Date {
    let last = Date {
        year,
        month,
        day: days_in_month(year, month),
    };
    let back = (last.weekday().index() + 1) % 7;
    Date::from_days_since_epoch(last.days_since_epoch() - back as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn weekdays_are_right() {
        assert_eq!(
            Date::parse("2026-11-22").unwrap().weekday(),
            Weekday::Sunday
        );
        assert_eq!(
            Date::parse("2024-02-29").unwrap().weekday(),
            Weekday::Thursday
        );
        assert_eq!(
            Date::parse("1970-01-01").unwrap().weekday(),
            Weekday::Thursday
        );
    }

    #[test]
    fn invalid_dates_are_refused() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "26-1-1",
            "gisteren",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn summer_time_starts_and_ends_on_the_last_sundays() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let at = |text: &str| LocalDateTime::parse(text).unwrap();
        assert_eq!(at("2026-03-29T00:59Z").to_string(), "2026-03-29T01:59");
        assert_eq!(at("2026-03-29T01:00Z").to_string(), "2026-03-29T03:00");
        assert_eq!(at("2026-10-25T00:59Z").to_string(), "2026-10-25T02:59");
        assert_eq!(at("2026-10-25T01:00Z").to_string(), "2026-10-25T02:00");
        assert_eq!(at("2026-11-23T09:30+01:00").to_string(), "2026-11-23T09:30");
        assert_eq!(at("2026-07-01T12:00-04:00").to_string(), "2026-07-01T18:00");
        assert_eq!(at("2026-11-23T10:15").to_string(), "2026-11-23T10:15");
        assert_eq!(at("2026-11-23 10:15:30").to_string(), "2026-11-23T10:15");
    }

    #[test]
    fn clocks_accept_seconds_dots_and_end_of_day() {
        assert_eq!(parse_clock("09:00"), Some(540));
        assert_eq!(parse_clock("9.30"), Some(570));
        assert_eq!(parse_clock("17:00:00"), Some(1020));
        assert_eq!(parse_clock("24:00"), Some(1440));
        assert_eq!(parse_clock("25:00"), None);
        assert_eq!(parse_clock("noon"), None);
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -200_000i64..200_000) {
            let date = Date::from_days_since_epoch(days);
            prop_assert_eq!(date.days_since_epoch(), days);
            prop_assert_eq!(Date::parse(&date.to_string()).filter(|_| date.year >= 0), (date.year >= 0 && date.year < 10_000).then_some(date));
        }

        #[test]
        fn parsing_never_panics(text in ".{0,40}") {
            let _ = LocalDateTime::parse(&text);
            let _ = parse_clock(&text);
        }
    }
}
