//! Distances on the map.

use serde::{Deserialize, Serialize};
use wegwijs_text::number::parse_decimal;

/// A point in WGS84 degrees, kept to a millionth of a degree (about 10 cm), so the index can
/// save it as two whole numbers ([`Millionths`]) and read back the same point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Latitude, −90 to 90.
    pub lat: f64,
    /// Longitude, −180 to 180.
    pub lon: f64,
}

impl Point {
    /// A point, when the coordinates are on Earth; rounded to a millionth of a degree.
    pub fn new(lat: f64, lon: f64) -> Option<Self> {
        let valid = lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0;
        valid.then(|| Millionths::from_degrees(lat, lon).to_point())
    }

    /// Parses `LAT,LON`.
    pub fn parse(text: &str) -> Option<Self> {
        let (lat, lon) = text.split_once(',')?;
        Self::new(parse_decimal(lat.trim())?, parse_decimal(lon.trim())?)
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

/// A point as whole millionths of a degree, `[latitude, longitude]`: how the index saves a
/// [`Point`] (half the bytes of two `f64`s) and how the social map hands positions to the
/// map (short JSON that needs no float formatting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Millionths(pub i32, pub i32);

impl Millionths {
    const PER_DEGREE: f64 = 1e6;

    fn from_degrees(lat: f64, lon: f64) -> Self {
        // Within ±180 degrees (checked by `Point::new`), so the casts cannot saturate.
        Self(
            (lat * Self::PER_DEGREE).round() as i32,
            (lon * Self::PER_DEGREE).round() as i32,
        )
    }

    fn to_point(self) -> Point {
        Point {
            lat: f64::from(self.0) / Self::PER_DEGREE,
            lon: f64::from(self.1) / Self::PER_DEGREE,
        }
    }

    /// The point as millionths.
    pub fn of(point: Point) -> Self {
        Self::from_degrees(point.lat, point.lon)
    }

    /// The point back, when it is on Earth.
    pub fn point(self) -> Option<Point> {
        let on_earth = self.0.unsigned_abs() <= 90_000_000 && self.1.unsigned_abs() <= 180_000_000;
        on_earth.then(|| self.to_point())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_keep_a_millionth_of_a_degree_and_read_back_unchanged() {
        let point = Point::new(52.123_456_78, -5.000_000_4).unwrap();
        assert_eq!((point.lat, point.lon), (52.123457, -5.0));
        assert_eq!(Millionths::of(point).point(), Some(point));
        assert_eq!(
            Point::new(52.1, 5.6).map(|p| (p.lat, p.lon)),
            Some((52.1, 5.6))
        );
        assert_eq!(Millionths(91_000_000, 0).point(), None);
    }

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
