//! Coverage of the social map: how many services reach each life domain per neighbourhood or
//! target group, and where help is missing or thin (the blind spots, "witte vlekken").
//!
//! The rule, per neighbourhood:
//! - a service counts in the neighbourhood of each of its addresses;
//! - a service with service areas (HSDS `service_areas`, spreadsheet `werkgebied`) counts in
//!   the neighbourhoods those name; an area that names no neighbourhood ("hele gemeente", the
//!   municipality's name) means every neighbourhood;
//! - a service without an address and without service areas (a phone line, help at home)
//!   counts in every neighbourhood;
//! - a cell is a blind spot when fewer than `blind_below` services reach it
//!   ([`DEFAULT_BLIND_BELOW`] unless the widget's `blind-spot-below` says otherwise): no help,
//!   or help so thin that one closed door leaves residents without.
//!
//! Per target group, a service counts for the groups it names; the same threshold applies.

use serde::Serialize;

use wegwijs_text::order;

use crate::model::{Directory, Service};
use crate::places::PostcodeTable;
use crate::profile::{Domain, TargetGroup};
use crate::words::normalize;

/// Fewer services than this in a cell make it a blind spot, unless configured otherwise.
pub const DEFAULT_BLIND_BELOW: usize = 3;

/// A table of life domains (rows) by columns, with service counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Column headings.
    pub columns: Vec<String>,
    /// One row per life domain: its counts, one per column.
    pub rows: Vec<(Domain, Vec<usize>)>,
    /// A cell with fewer services than this is a blind spot.
    pub blind_below: usize,
}

impl Coverage {
    fn build(
        directory: &Directory,
        columns: Vec<String>,
        blind_below: usize,
        column_of: impl Fn(&Service) -> Vec<usize>,
    ) -> Self {
        let mut rows: Vec<(Domain, Vec<usize>)> = Domain::ALL
            .iter()
            .map(|&d| (d, vec![0; columns.len()]))
            .collect();
        // Only services residents can be sent to reach anyone.
        for service in directory.services.iter().filter(|s| s.is_listed()) {
            let service_columns = column_of(service);
            for (domain, counts) in &mut rows {
                if service.domains.contains(domain) {
                    for &column in &service_columns {
                        counts[column] += 1;
                    }
                }
            }
        }
        Self {
            columns,
            rows,
            blind_below,
        }
    }

    /// Per neighbourhood: the postcode table's names (else 4-digit postcodes), by the rule
    /// in the module documentation.
    pub fn by_neighbourhood(
        directory: &Directory,
        table: &PostcodeTable,
        blind_below: usize,
    ) -> Self {
        let at_addresses = |service: &Service| -> Vec<String> {
            service
                .addresses()
                .filter_map(|a| a.postal_code.as_deref())
                .filter_map(|code| table.neighbourhood(code))
                .collect()
        };
        let mut columns: Vec<String> = table
            .0
            .values()
            .filter_map(|area| area.name.clone())
            .chain(directory.services.iter().flat_map(at_addresses))
            .collect();
        order::sort(&mut columns);
        columns.dedup();
        let folded: Vec<String> = columns.iter().map(|c| normalize(c)).collect();
        let everywhere: Vec<usize> = (0..columns.len()).collect();
        Self::build(directory, columns.clone(), blind_below, move |service| {
            let mut reached: Vec<usize> = at_addresses(service)
                .iter()
                .filter_map(|name| columns.iter().position(|c| c == name))
                .collect();
            for area in &service.service_areas {
                match folded.iter().position(|c| *c == normalize(area)) {
                    Some(column) => reached.push(column),
                    None => return everywhere.clone(),
                }
            }
            if reached.is_empty() && service.addresses().next().is_none() {
                return everywhere.clone();
            }
            order::sort(&mut reached);
            reached.dedup();
            reached
        })
    }

    /// Per target group (codes as column headings); services without target group are left out.
    pub fn by_target_group(directory: &Directory, blind_below: usize) -> Self {
        let columns = TargetGroup::ALL
            .iter()
            .map(|g| g.code().to_owned())
            .collect();
        Self::build(directory, columns, blind_below, |service| {
            service
                .target_groups
                .iter()
                .filter_map(|g| TargetGroup::ALL.iter().position(|x| x == g))
                .collect()
        })
    }

    /// Whether a count is a blind spot.
    pub fn is_blind(&self, count: usize) -> bool {
        count < self.blind_below
    }

    /// The blind spots: (domain, column) cells with fewer than `blind_below` services.
    pub fn blind_spots(&self) -> Vec<(Domain, &str)> {
        self.rows
            .iter()
            .flat_map(|(domain, counts)| {
                counts
                    .iter()
                    .zip(&self.columns)
                    .filter(|(count, _)| self.is_blind(**count))
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

    fn directory(rows: &str) -> Directory {
        import_spreadsheet(
            "k.csv",
            &format!("naam,leefgebieden,doelgroepen,adres,postcode,plaats,werkgebied\n{rows}"),
            &Vocabulary::dutch(),
        )
        .unwrap()
        .directory
    }

    fn table() -> PostcodeTable {
        PostcodeTable::from_json(
            r#"{"3951": {"lat": 52, "lon": 5, "name": "Centrum"},
                "3952": {"lat": 52, "lon": 5, "name": "Oosterhof"},
                "3953": {"lat": 52, "lon": 5, "name": "Beekdorp"}}"#,
        )
        .unwrap()
    }

    fn row(coverage: &Coverage, domain: Domain) -> &[usize] {
        &coverage.rows.iter().find(|(d, _)| *d == domain).unwrap().1
    }

    #[test]
    fn a_service_counts_where_it_is_where_it_works_and_everywhere_without_an_address() {
        let coverage = Coverage::by_neighbourhood(
            &directory(
                "Buurtkamer,contact,ouderen,X 1,3951 AA,L,\n\
                 Luisterlijn,contact,,,,,\n\
                 Thuishulp,contact,,Y 2,3952 BB,L,Beekdorp; Oosterhof\n\
                 Schuldhulp,geld,,Raadhuisplein 1,3951 EJ,L,hele gemeente\n",
            ),
            &table(),
            2,
        );
        assert_eq!(
            coverage.columns,
            ["Beekdorp", "Centrum", "Oosterhof"],
            "no 'no address' column"
        );
        // Beekdorp: the phone line and the home help; Centrum: the buurtkamer and the phone
        // line; Oosterhof: the home help (its address and area) and the phone line.
        assert_eq!(row(&coverage, Domain::Contact), [2, 2, 2]);
        assert_eq!(
            row(&coverage, Domain::Geld),
            [1, 1, 1],
            "the whole municipality"
        );
        assert_eq!(row(&coverage, Domain::Wonen), [0, 0, 0]);
    }

    #[test]
    fn thin_cells_are_blind_spots_and_the_threshold_can_be_set() {
        let data = directory(
            "A,verslaving,,X 1,3953 AA,L,\nB,verslaving,,X 2,3953 AB,L,\nC,verslaving,,X 3,3951 AA,L,\n\
             D,verslaving,,X 4,3951 AA,L,\nE,verslaving,,X 5,3951 AA,L,\n",
        );
        let coverage = Coverage::by_neighbourhood(&data, &table(), DEFAULT_BLIND_BELOW);
        assert_eq!(row(&coverage, Domain::Verslaving), [2, 3, 0]);
        let blind: Vec<&str> = coverage
            .blind_spots()
            .into_iter()
            .filter(|(d, _)| *d == Domain::Verslaving)
            .map(|(_, c)| c)
            .collect();
        assert_eq!(
            blind,
            ["Beekdorp", "Oosterhof"],
            "two services are thin, three are not"
        );
        let lenient = Coverage::by_neighbourhood(&data, &table(), 1);
        assert!(!lenient
            .blind_spots()
            .contains(&(Domain::Verslaving, "Beekdorp")));
        assert!(lenient
            .blind_spots()
            .contains(&(Domain::Verslaving, "Oosterhof")));
    }

    #[test]
    fn per_target_group() {
        let groups = Coverage::by_target_group(
            &directory("A,geld,ouderen,X 1,3951 AA,L,\nB,geld; contact,jeugd,Y 2,3952 BB,L,\n"),
            1,
        );
        assert_eq!(groups.rows[0].1, [1, 0, 0, 1, 0, 0]);
        assert!(!groups.blind_spots().contains(&(Domain::Geld, "ouderen")));
    }
}
