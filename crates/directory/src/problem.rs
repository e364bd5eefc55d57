//! Problems found in input data, each named by place and field.

use std::fmt;

use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The value was skipped or repaired; the record is kept.
    Warning,
    /// The record could not be used and was left out.
    Error,
}

/// One problem in the input: where it is, which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Warning or error.
    pub severity: Severity,
    /// Where in the input: a JSON path (`$.contents[3]`) or a file and row (`services.csv:12`).
    pub location: String,
    /// The field concerned, or an empty string when the problem is about the whole record.
    pub field: String,
    /// What is wrong, in plain English.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        if self.field.is_empty() {
            write!(f, "{severity}: {}: {}", self.location, self.message)
        } else {
            write!(
                f,
                "{severity}: {} `{}`: {}",
                self.location, self.field, self.message
            )
        }
    }
}
