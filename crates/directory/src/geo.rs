//! Distances on the map.

use serde::{Deserialize, Serialize};

/// A point in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Latitude, −90 to 90.
    pub lat: f64,
    /// Longitude, −180 to 180.
    pub lon: f64,
}

impl Point {
    /// A point, when the coordinates are on Earth.
    pub fn new(lat: f64, lon: f64) -> Option<Self> {
        let valid = lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0;
        valid.then_some(Self { lat, lon })
    }

    /// Parses `LAT,LON`.
    pub fn parse(text: &str) -> Option<Self> {
        let (lat, lon) = text.split_once(',')?;
        Self::new(lat.trim().parse().ok()?, lon.trim().parse().ok()?)
    }

    /// Great-circle distance in kilometres (haversine).
    pub fn distance_km(self, other: Point) -> f64 {
        const EARTH_RADIUS_KM: f64 = 6371.0;
        let (lat1, lat2) = (self.lat.to_radians(), other.lat.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.lon - self.lon).to_radians();
        let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_between_amsterdam_and_utrecht() {
        let amsterdam = Point::new(52.3731, 4.8922).unwrap();
        let utrecht = Point::new(52.0907, 5.1214).unwrap();
        let km = amsterdam.distance_km(utrecht);
        assert!((km - 34.8).abs() < 0.5, "{km}");
        assert_eq!(amsterdam.distance_km(amsterdam), 0.0);
    }

    #[test]
    fn parsing_refuses_impossible_points() {
        assert_eq!(Point::parse("52.1, 5.6"), Point::new(52.1, 5.6));
        assert_eq!(Point::parse("100,5"), None);
        assert_eq!(Point::parse("52.1"), None);
        assert_eq!(Point::parse("NaN,5"), None);
    }
}
