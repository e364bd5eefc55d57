//! Where a resident is: a 4-digit postcode mapped to a point and a neighbourhood name.
//!
//! The municipality ships a small table (`{"3951": {"lat": 52.06, "lon": 5.75, "name":
//! "Centrum"}}`); without one, the centre of the services with that postcode is used.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::geo::Point;
use crate::model::Directory;

/// One postcode area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    /// Centre of the area.
    #[serde(flatten)]
    pub point: Point,
    /// Neighbourhood or village name, when known.
    #[serde(default)]
    pub name: Option<String>,
}

/// 4-digit postcode → area.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PostcodeTable(pub BTreeMap<String, Area>);

/// The 4 digits of a Dutch postcode as people type it ("3951", "3951 ab", " 3951AB").
pub fn postcode_digits(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = compact.chars().take(4).collect();
    let rest: String = compact.chars().skip(4).collect();
    let valid = digits.len() == 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
        && (rest.is_empty() || (rest.len() == 2 && rest.chars().all(|c| c.is_ascii_alphabetic())));
    valid.then_some(digits)
}

impl PostcodeTable {
    /// Reads a table file; entries whose point is not on Earth are skipped.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let table: BTreeMap<String, Area> =
            serde_json::from_str(text).map_err(|e| format!("postcode table: {e}"))?;
        Ok(Self(
            table
                .into_iter()
                .filter(|(code, area)| {
                    postcode_digits(code).is_some()
                        && Point::new(area.point.lat, area.point.lon).is_some()
                })
                .collect(),
        ))
    }

    /// The centre of each postcode's services, for maps that ship no table.
    pub fn from_directory(directory: &Directory) -> Self {
        let mut sums: BTreeMap<String, (f64, f64, u32)> = BTreeMap::new();
        for location in directory.services.iter().flat_map(|s| &s.locations) {
            let (Some(point), Some(code)) = (
                location.point,
                location
                    .address()
                    .and_then(|a| a.postal_code.as_deref())
                    .and_then(postcode_digits),
            ) else {
                continue;
            };
            let sum = sums.entry(code).or_default();
            sum.0 += point.lat;
            sum.1 += point.lon;
            sum.2 += 1;
        }
        Self(
            sums.into_iter()
                .filter_map(|(code, (lat, lon, n))| {
                    let point = Point::new(lat / f64::from(n), lon / f64::from(n))?;
                    Some((code, Area { point, name: None }))
                })
                .collect(),
        )
    }

    /// The area of a postcode as typed, if the table knows it.
    pub fn lookup(&self, postcode: &str) -> Option<&Area> {
        self.0.get(&postcode_digits(postcode)?)
    }

    /// The name of the neighbourhood a service's postcode lies in, else the 4 digits.
    pub fn neighbourhood(&self, postcode: &str) -> Option<String> {
        let digits = postcode_digits(postcode)?;
        Some(
            self.0
                .get(&digits)
                .and_then(|area| area.name.clone())
                .unwrap_or(digits),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import_json;

    #[test]
    fn postcodes_as_people_type_them() {
        assert_eq!(postcode_digits("3951").as_deref(), Some("3951"));
        assert_eq!(postcode_digits(" 3951 ab ").as_deref(), Some("3951"));
        assert_eq!(postcode_digits("3951AB").as_deref(), Some("3951"));
        for bad in ["395", "0951", "39511", "3951 A", "abcd", "3951 A1", ""] {
            assert_eq!(postcode_digits(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_table_maps_postcodes_to_points_and_names() {
        let table = PostcodeTable::from_json(
            r#"{"3951": {"lat": 52.06, "lon": 5.75, "name": "Centrum"}, "x": {"lat": 1, "lon": 1}, "3952": {"lat": 99, "lon": 5}}"#,
        )
        .unwrap();
        assert_eq!(table.0.len(), 1);
        assert_eq!(
            table.lookup("3951 AB").unwrap().point,
            Point::new(52.06, 5.75).unwrap()
        );
        assert_eq!(table.neighbourhood("3951AA").as_deref(), Some("Centrum"));
        assert_eq!(table.lookup("1234"), None);
        assert!(PostcodeTable::from_json("[").is_err());
    }

    #[test]
    fn without_a_table_the_services_give_the_centre() {
        let directory = import_json(
            r#"[{"id": "a", "name": "A", "service_at_locations": [{"location": {"latitude": 52.0, "longitude": 5.0,
                 "addresses": [{"address_1": "X 1", "postal_code": "3951 AB", "city": "L"}]}}]},
                {"id": "b", "name": "B", "service_at_locations": [{"location": {"latitude": 52.2, "longitude": 5.2,
                 "addresses": [{"address_1": "Y 1", "postal_code": "3951 CD", "city": "L"}]}}]}]"#,
        )
        .unwrap()
        .directory;
        let table = PostcodeTable::from_directory(&directory);
        let centre = table.lookup("3951").unwrap().point;
        assert!((centre.lat - 52.1).abs() < 1e-9 && (centre.lon - 5.1).abs() < 1e-9);
        assert_eq!(table.neighbourhood("3951").as_deref(), Some("3951"));
    }
}
