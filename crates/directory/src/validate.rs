//! A summary of a social map for the people who keep it current.

use serde::Serialize;

use crate::model::{Directory, Status};
use crate::problem::{Problem, Severity};
use crate::profile::Domain;
use crate::time::Date;

/// Entries not checked for longer than this are stale.
pub const STALE_AFTER_DAYS: i64 = 365;

/// What `wegwijs validate` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Usable services.
    pub services: usize,
    /// Services per life domain, in domain order.
    pub per_domain: Vec<(Domain, usize)>,
    /// Services without any life domain.
    pub without_domain: Vec<String>,
    /// Services nobody can reach: no phone, e-mail, website or address.
    pub without_contact: Vec<String>,
    /// Services last checked more than a year ago, with that date.
    pub stale: Vec<(String, Date)>,
    /// Services without a check date.
    pub never_checked: usize,
    /// Services that are closed for a while (status `temporarily closed`).
    pub temporarily_closed: Vec<String>,
    /// Services that do not run (status `inactive` or `defunct`): kept for workers, never
    /// shown to residents, not counted per life domain.
    pub not_running: Vec<String>,
    /// Problems that cost a record.
    pub errors: usize,
    /// Problems that were repaired or skipped.
    pub warnings: usize,
}

impl Summary {
    /// Summarises a directory and its import problems as of `today`.
    pub fn new(directory: &Directory, problems: &[Problem], today: Date) -> Self {
        let services = &directory.services;
        let label = |s: &crate::model::Service| format!("{} ({})", s.name, s.id);
        Self {
            services: services.len(),
            per_domain: Domain::ALL
                .iter()
                .map(|&d| {
                    (
                        d,
                        services
                            .iter()
                            .filter(|s| s.is_listed() && s.domains.contains(&d))
                            .count(),
                    )
                })
                .collect(),
            without_domain: services
                .iter()
                .filter(|s| s.domains.is_empty())
                .map(label)
                .collect(),
            without_contact: services
                .iter()
                .filter(|s| !s.has_contact())
                .map(label)
                .collect(),
            stale: services
                .iter()
                .filter_map(|s| {
                    let checked = s.assured_date?;
                    (checked.days_until(today) > STALE_AFTER_DAYS).then(|| (label(s), checked))
                })
                .collect(),
            never_checked: services.iter().filter(|s| s.assured_date.is_none()).count(),
            temporarily_closed: services
                .iter()
                .filter(|s| s.status == Status::TemporarilyClosed)
                .map(label)
                .collect(),
            not_running: services
                .iter()
                .filter(|s| !s.is_listed())
                .map(label)
                .collect(),
            errors: problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count(),
            warnings: problems
                .iter()
                .filter(|p| p.severity == Severity::Warning)
                .count(),
        }
    }

    /// Life domains without any service: the blind spots of the map.
    pub fn empty_domains(&self) -> Vec<Domain> {
        self.per_domain
            .iter()
            .filter(|(_, count)| *count == 0)
            .map(|(domain, _)| *domain)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import_json;

    #[test]
    fn counts_domains_contacts_and_stale_entries() {
        let imported = import_json(
            r#"[
              {"id": "a", "name": "A", "assured_date": "2024-01-01", "phones": [{"number": "0342 123456"}],
               "attributes": [{"taxonomy_term": {"taxonomy": "wegwijs-leefgebied", "code": "geld"}}]},
              {"id": "b", "name": "B", "assured_date": "2026-10-01"},
              {"id": "c"}
            ]"#,
        )
        .unwrap();
        let summary = Summary::new(
            &imported.directory,
            &imported.problems,
            Date::parse("2026-11-22").unwrap(),
        );
        assert_eq!(summary.services, 2);
        assert_eq!(summary.per_domain[0], (Domain::Geld, 1));
        assert_eq!(summary.without_domain, ["B (b)"]);
        assert_eq!(summary.without_contact, ["B (b)"]);
        assert_eq!(
            summary.stale,
            [("A (a)".to_owned(), Date::parse("2024-01-01").unwrap())]
        );
        assert_eq!(summary.errors, 1);
        assert_eq!(summary.empty_domains().len(), 12);
    }
}
