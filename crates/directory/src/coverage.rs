//! Coverage of the social map: how many services each life domain has per neighbourhood or
//! target group. Empty cells are the blind spots ("witte vlekken").

use serde::Serialize;

use crate::model::{Directory, Service};
use crate::places::PostcodeTable;
use crate::profile::{Domain, TargetGroup};

/// A table of life domains (rows) by columns, with service counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Column headings.
    pub columns: Vec<String>,
    /// One row per life domain: its counts, one per column.
    pub rows: Vec<(Domain, Vec<usize>)>,
}

impl Coverage {
    fn build(
        directory: &Directory,
        columns: Vec<String>,
        column_of: impl Fn(&Service) -> Vec<usize>,
    ) -> Self {
        let mut rows: Vec<(Domain, Vec<usize>)> = Domain::ALL
            .iter()
            .map(|&d| (d, vec![0; columns.len()]))
            .collect();
        for service in &directory.services {
            let service_columns = column_of(service);
            for (domain, counts) in &mut rows {
                if service.domains.contains(domain) {
                    for &column in &service_columns {
                        counts[column] += 1;
                    }
                }
            }
        }
        Self { columns, rows }
    }

    /// Per neighbourhood (the postcode table's names, else the 4-digit postcode). Services
    /// without an address count in the last column, "whole municipality".
    pub fn by_neighbourhood(
        directory: &Directory,
        table: &PostcodeTable,
        everywhere: &str,
    ) -> Self {
        let neighbourhood = |service: &Service| -> Vec<String> {
            let mut names: Vec<String> = service
                .addresses()
                .filter_map(|a| a.postal_code.as_deref())
                .filter_map(|code| table.neighbourhood(code))
                .collect();
            names.sort();
            names.dedup();
            names
        };
        let mut columns: Vec<String> = directory.services.iter().flat_map(neighbourhood).collect();
        columns.sort();
        columns.dedup();
        columns.push(everywhere.to_owned());
        let last = columns.len() - 1;
        let lookup = columns.clone();
        Self::build(directory, columns, move |service| {
            let names = neighbourhood(service);
            if names.is_empty() {
                vec![last]
            } else {
                names
                    .iter()
                    .filter_map(|n| lookup.iter().position(|c| c == n))
                    .collect()
            }
        })
    }

    /// Per target group (codes as column headings); services without target group are left out.
    pub fn by_target_group(directory: &Directory) -> Self {
        let columns = TargetGroup::ALL
            .iter()
            .map(|g| g.code().to_owned())
            .collect();
        Self::build(directory, columns, |service| {
            service
                .target_groups
                .iter()
                .filter_map(|g| TargetGroup::ALL.iter().position(|x| x == g))
                .collect()
        })
    }

    /// The blind spots: (domain, column) cells without any service.
    pub fn blind_spots(&self) -> Vec<(Domain, &str)> {
        self.rows
            .iter()
            .flat_map(|(domain, counts)| {
                counts
                    .iter()
                    .zip(&self.columns)
                    .filter(|(count, _)| **count == 0)
                    .map(move |(_, column)| (*domain, column.as_str()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import_spreadsheet;
    use crate::vocabulary::Vocabulary;

    #[test]
    fn counts_per_neighbourhood_and_target_group_show_blind_spots() {
        let directory = import_spreadsheet(
            "k.csv",
            "naam,leefgebieden,doelgroepen,adres,postcode,plaats\n\
             A,geld,ouderen,X 1,3951 AA,L\nB,geld; contact,jeugd,Y 2,3952 BB,L\nC,veiligheid,,,,\n",
            &Vocabulary::dutch(),
        )
        .unwrap()
        .directory;
        let table =
            PostcodeTable::from_json(r#"{"3951": {"lat": 52, "lon": 5, "name": "Centrum"}}"#)
                .unwrap();
        let coverage = Coverage::by_neighbourhood(&directory, &table, "Hele gemeente");
        assert_eq!(coverage.columns, ["3952", "Centrum", "Hele gemeente"]);
        assert_eq!(coverage.rows[0], (Domain::Geld, vec![1, 1, 0]));
        let veiligheid = coverage
            .rows
            .iter()
            .find(|(d, _)| *d == Domain::Veiligheid)
            .unwrap();
        assert_eq!(veiligheid.1, [0, 0, 1]);
        assert!(coverage.blind_spots().contains(&(Domain::Wonen, "Centrum")));

        let groups = Coverage::by_target_group(&directory);
        assert_eq!(groups.rows[0].1, [1, 0, 0, 1, 0, 0]);
    }
}
