//! Neighbourhood outlines for the map: read from GeoJSON (WGS84, or the Dutch RD New grid of
//! the CBS "wijk- en buurtkaart"), simplified for the widget, written back as small GeoJSON,
//! and asked which neighbourhood a point lies in.
//!
//! Coordinates are `[lon, lat]` in degrees, as in GeoJSON.

use serde_json::{json, Map, Value};

use crate::geo::Point;
use crate::model::Directory;
use crate::places::{Area, PostcodeTable};
use crate::problem::{Problem, Severity};

/// A ring of `[lon, lat]` positions; the last equals the first.
pub type Ring = Vec<[f64; 2]>;

/// One neighbourhood (or district, or village) with its outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbourhood {
    /// The name residents know, as the postcode table and the coverage overview use it.
    pub name: String,
    /// The official code (CBS `buurtcode` / `wijkcode`), when the file has one.
    pub code: Option<String>,
    /// The parts: each an outer ring followed by its holes.
    pub polygons: Vec<Vec<Ring>>,
}

/// The neighbourhoods of a municipality.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Areas {
    /// In the order of the file.
    pub neighbourhoods: Vec<Neighbourhood>,
}

/// Areas read from a file, with what had to be left out.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadAreas {
    /// The usable neighbourhoods.
    pub areas: Areas,
    /// Features left out or repaired, each named by its JSON path.
    pub problems: Vec<Problem>,
    /// True when the coordinates were in RD New (EPSG:28992) and have been converted.
    pub converted_from_rd: bool,
}

/// Property names that hold a neighbourhood's name, in order of preference (CBS files use
/// `buurtnaam`, `wijknaam` or `statnaam`).
const NAME_FIELDS: &[&str] = &[
    "name",
    "naam",
    "buurtnaam",
    "wijknaam",
    "statnaam",
    "gemeentenaam",
];
/// Property names that hold a neighbourhood's code.
const CODE_FIELDS: &[&str] = &["code", "buurtcode", "wijkcode", "statcode"];

impl Areas {
    /// Reads a GeoJSON FeatureCollection (or a single Feature) of Polygons and MultiPolygons.
    /// A feature without a usable outline or name is left out with a problem; the file as a
    /// whole is refused only when it is not GeoJSON or holds no usable neighbourhood.
    pub fn from_geojson(text: &str) -> Result<ReadAreas, String> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("not JSON ({e}); expected GeoJSON"))?;
        let features: Vec<(String, &Value)> = match value.get("type").and_then(Value::as_str) {
            Some("FeatureCollection") => value
                .get("features")
                .and_then(Value::as_array)
                .ok_or("a FeatureCollection without a `features` list")?
                .iter()
                .enumerate()
                .map(|(i, feature)| (format!("$.features[{i}]"), feature))
                .collect(),
            Some("Feature") => vec![("$".to_owned(), &value)],
            _ => return Err("not a GeoJSON FeatureCollection or Feature".into()),
        };
        let rd = names_rd(&value) || features.iter().any(|(_, f)| has_rd_numbers(f));
        let mut problems = Vec::new();
        let mut neighbourhoods = Vec::new();
        for (path, feature) in features {
            match read_feature(feature, rd) {
                Ok(neighbourhood) => neighbourhoods.push(neighbourhood),
                Err((field, message)) => problems.push(Problem {
                    severity: Severity::Error,
                    location: path,
                    field: field.to_owned(),
                    message,
                }),
            }
        }
        if neighbourhoods.is_empty() {
            return Err("no feature with a name and a polygon outline".into());
        }
        Ok(ReadAreas {
            areas: Areas { neighbourhoods },
            problems,
            converted_from_rd: rd,
        })
    }

    /// The neighbourhood a point lies in (the first one, should outlines overlap).
    pub fn locate(&self, point: Point) -> Option<&Neighbourhood> {
        let at = [point.lon, point.lat];
        self.neighbourhoods.iter().find(|n| {
            n.polygons
                .iter()
                .any(|polygon| polygon_contains(polygon, at))
        })
    }

    /// The listed services with a location outside every neighbourhood: `(service id,
    /// service name, point)`, one per such location.
    pub fn outside<'d>(&self, directory: &'d Directory) -> Vec<(&'d str, &'d str, Point)> {
        directory
            .services
            .iter()
            .filter(|service| service.is_listed())
            .flat_map(|service| {
                service
                    .locations
                    .iter()
                    .filter_map(|location| location.point)
                    .filter(|&point| self.locate(point).is_none())
                    .map(|point| (service.id.as_str(), service.name.as_str(), point))
            })
            .collect()
    }

    /// The table with each postcode named after the neighbourhood its centre lies in; a
    /// centre outside every neighbourhood keeps the name it had.
    pub fn name_postcodes(&self, table: &PostcodeTable) -> PostcodeTable {
        PostcodeTable(
            table
                .0
                .iter()
                .map(|(code, area)| {
                    let name = self
                        .locate(area.point)
                        .map(|n| n.name.clone())
                        .or_else(|| area.name.clone());
                    (
                        code.clone(),
                        Area {
                            name,
                            ..area.clone()
                        },
                    )
                })
                .collect(),
        )
    }

    /// The outlines with every position closer than `tolerance_m` metres to the simplified
    /// line dropped (Douglas–Peucker per ring). A ring that would fall below a triangle keeps
    /// its original positions; a hole that small is dropped. Neighbouring outlines are
    /// simplified one by one, so shared borders may differ by up to the tolerance.
    pub fn simplified(&self, tolerance_m: f64) -> Self {
        let neighbourhoods = self
            .neighbourhoods
            .iter()
            .map(|n| Neighbourhood {
                polygons: n
                    .polygons
                    .iter()
                    .map(|rings| {
                        rings
                            .iter()
                            .enumerate()
                            .filter_map(|(i, ring)| {
                                let simple = simplify_ring(ring, tolerance_m);
                                match (simple.len() >= 4, i == 0) {
                                    (true, _) => Some(simple),
                                    (false, true) => Some(ring.clone()),
                                    (false, false) => None,
                                }
                            })
                            .collect()
                    })
                    .collect(),
                ..n.clone()
            })
            .collect();
        Self { neighbourhoods }
    }

    /// The number of positions in all outlines.
    pub fn positions(&self) -> usize {
        self.neighbourhoods
            .iter()
            .flat_map(|n| n.polygons.iter().flatten())
            .map(Vec::len)
            .sum()
    }

    /// Compact GeoJSON: one Feature per neighbourhood with `name` (and `code`), positions
    /// rounded to `decimals` (5 decimals is about a metre).
    pub fn to_geojson(&self, decimals: u32) -> String {
        let scale = 10f64.powi(decimals as i32);
        let round = |v: f64| (v * scale).round() / scale;
        let features: Vec<Value> = self
            .neighbourhoods
            .iter()
            .map(|n| {
                let mut properties = Map::new();
                properties.insert("name".into(), json!(n.name));
                if let Some(code) = &n.code {
                    properties.insert("code".into(), json!(code));
                }
                let polygons: Vec<Vec<Vec<[f64; 2]>>> = n
                    .polygons
                    .iter()
                    .map(|rings| {
                        rings
                            .iter()
                            .map(|ring| ring.iter().map(|p| [round(p[0]), round(p[1])]).collect())
                            .collect()
                    })
                    .collect();
                json!({
                    "type": "Feature",
                    "properties": properties,
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                })
            })
            .collect();
        json!({"type": "FeatureCollection", "features": features}).to_string()
    }
}

fn read_feature(feature: &Value, rd: bool) -> Result<Neighbourhood, (&'static str, String)> {
    let properties = feature.get("properties").and_then(Value::as_object);
    let text_of = |fields: &[&str]| {
        fields.iter().find_map(|field| {
            let value = properties?.get(*field)?;
            let text = match value {
                Value::String(text) => text.trim().to_owned(),
                Value::Number(number) => number.to_string(),
                _ => return None,
            };
            (!text.is_empty()).then_some(text)
        })
    };
    let name = text_of(NAME_FIELDS).ok_or((
        "properties",
        format!("no name: give the feature one of the properties {NAME_FIELDS:?}"),
    ))?;
    let geometry = feature
        .get("geometry")
        .filter(|g| !g.is_null())
        .ok_or(("geometry", "no geometry".to_owned()))?;
    let coordinates = geometry.get("coordinates");
    let polygons = match geometry.get("type").and_then(Value::as_str) {
        Some("Polygon") => coordinates
            .and_then(|c| read_polygon(c, rd))
            .map(|p| vec![p]),
        Some("MultiPolygon") => coordinates
            .and_then(Value::as_array)
            .map(|parts| parts.iter().filter_map(|p| read_polygon(p, rd)).collect())
            .filter(|parts: &Vec<_>| !parts.is_empty()),
        other => {
            return Err((
                "geometry.type",
                format!("{other:?} is not an outline; use Polygon or MultiPolygon"),
            ))
        }
    }
    .ok_or((
        "geometry.coordinates",
        "no ring of at least four positions (the last equal to the first)".to_owned(),
    ))?;
    Ok(Neighbourhood {
        name,
        code: text_of(CODE_FIELDS),
        polygons,
    })
}

fn read_polygon(value: &Value, rd: bool) -> Option<Vec<Ring>> {
    let rings: Vec<Ring> = value
        .as_array()?
        .iter()
        .map(|ring| read_ring(ring, rd))
        .collect::<Option<_>>()?;
    (!rings.is_empty()).then_some(rings)
}

fn read_ring(value: &Value, rd: bool) -> Option<Ring> {
    let mut ring: Ring = value
        .as_array()?
        .iter()
        .map(|position| {
            let x = position.get(0)?.as_f64()?;
            let y = position.get(1)?.as_f64()?;
            let [lon, lat] = if rd { rd_to_wgs84(x, y) } else { [x, y] };
            Point::new(lat, lon).map(|_| [lon, lat])
        })
        .collect::<Option<_>>()?;
    if ring.first() != ring.last() {
        ring.push(ring[0]);
    }
    (ring.len() >= 4).then_some(ring)
}

/// An old-style `crs` member naming EPSG:28992 (RD New).
fn names_rd(value: &Value) -> bool {
    value
        .pointer("/crs/properties/name")
        .and_then(Value::as_str)
        .is_some_and(|name| name.contains("28992"))
}

/// RD New coordinates are metres (x 0–300 000, y 300 000–625 000): no degree is that large.
fn has_rd_numbers(feature: &Value) -> bool {
    fn first_number(value: &Value) -> Option<f64> {
        match value {
            Value::Array(items) => items.first().and_then(first_number),
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }
    feature
        .pointer("/geometry/coordinates")
        .and_then(first_number)
        .is_some_and(|x| x.abs() > 180.0)
}

/// RD New (EPSG:28992) to WGS84 `[lon, lat]`, by the published polynomial approximation
/// (Schreutelkamp and Strang van Hees; within a metre in the Netherlands).
pub fn rd_to_wgs84(x: f64, y: f64) -> [f64; 2] {
    const K: &[(i32, i32, f64)] = &[
        (0, 1, 3235.65389),
        (2, 0, -32.58297),
        (0, 2, -0.24750),
        (2, 1, -0.84978),
        (0, 3, -0.06550),
        (2, 2, -0.01709),
        (1, 0, -0.00738),
        (4, 0, 0.00530),
        (2, 3, -0.00039),
        (4, 1, 0.00033),
        (1, 1, -0.00012),
    ];
    const L: &[(i32, i32, f64)] = &[
        (1, 0, 5260.52916),
        (1, 1, 105.94684),
        (1, 2, 2.45656),
        (3, 0, -0.81885),
        (1, 3, 0.05594),
        (3, 1, -0.05607),
        (0, 1, 0.01199),
        (3, 2, -0.00256),
        (1, 4, 0.00128),
        (0, 2, 0.00022),
        (2, 0, -0.00022),
        (5, 0, 0.00026),
    ];
    let (dx, dy) = ((x - 155_000.0) * 1e-5, (y - 463_000.0) * 1e-5);
    let sum = |terms: &[(i32, i32, f64)]| {
        terms
            .iter()
            .map(|&(p, q, k)| k * dx.powi(p) * dy.powi(q))
            .sum::<f64>()
    };
    [
        5.387_206_21 + sum(L) / 3600.0,
        52.155_174_40 + sum(K) / 3600.0,
    ]
}

/// Ray casting on the outer ring, minus the holes.
fn polygon_contains(rings: &[Ring], at: [f64; 2]) -> bool {
    let inside = |ring: &Ring| {
        let mut inside = false;
        for edge in ring.windows(2) {
            let ([x1, y1], [x2, y2]) = (edge[0], edge[1]);
            if (y1 > at[1]) != (y2 > at[1]) && at[0] < x1 + (at[1] - y1) / (y2 - y1) * (x2 - x1) {
                inside = !inside;
            }
        }
        inside
    };
    match rings.split_first() {
        Some((outer, holes)) => inside(outer) && !holes.iter().any(inside),
        None => false,
    }
}

/// Douglas–Peucker on a closed ring, in metres around the ring's first position.
fn simplify_ring(ring: &Ring, tolerance_m: f64) -> Ring {
    if ring.len() <= 4 {
        return ring.clone();
    }
    let lat0 = ring[0][1].to_radians();
    let metres = |p: [f64; 2]| [p[0] * 111_320.0 * lat0.cos(), p[1] * 110_574.0];
    let points: Vec<[f64; 2]> = ring.iter().copied().map(metres).collect();
    // A closed ring has no natural ends: split it at the position farthest from the first.
    let far = (1..points.len() - 1)
        .max_by(|&a, &b| distance(points[0], points[a]).total_cmp(&distance(points[0], points[b])))
        .unwrap_or(1);
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[far] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, far), (far, points.len() - 1)];
    while let Some((start, end)) = stack.pop() {
        let farthest = (start + 1..end)
            .map(|i| (i, segment_distance(points[i], points[start], points[end])))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, d)) = farthest {
            if d > tolerance_m {
                keep[i] = true;
                stack.push((start, i));
                stack.push((i, end));
            }
        }
    }
    ring.iter()
        .zip(keep)
        .filter_map(|(p, kept)| kept.then_some(*p))
        .collect()
}

fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

fn segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let length2 = dx * dx + dy * dy;
    if length2 == 0.0 {
        return distance(p, a);
    }
    let t = (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2).clamp(0.0, 1.0);
    distance(p, [a[0] + t * dx, a[1] + t * dy])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARES: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"buurtnaam":"West","buurtcode":"BU01"},
         "geometry":{"type":"Polygon","coordinates":[[[5.0,52.0],[5.1,52.0],[5.1,52.1],[5.0,52.1],[5.0,52.0]],
                                                      [[5.04,52.04],[5.06,52.04],[5.06,52.06],[5.04,52.04]]]}},
        {"type":"Feature","properties":{"name":"Oost"},
         "geometry":{"type":"MultiPolygon","coordinates":[[[[5.1,52.0],[5.2,52.0],[5.2,52.1],[5.1,52.1]]]]}},
        {"type":"Feature","properties":{"name":"Lijn"},"geometry":{"type":"LineString","coordinates":[[5,52],[6,53]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[5,52],[6,52],[6,53],[5,52]]]}}
    ]}"#;

    fn point(lat: f64, lon: f64) -> Point {
        Point::new(lat, lon).unwrap()
    }

    #[test]
    fn reads_names_codes_and_outlines_and_names_what_it_left_out() {
        let read = Areas::from_geojson(SQUARES).unwrap();
        let names: Vec<_> = read
            .areas
            .neighbourhoods
            .iter()
            .map(|n| n.name.as_str())
            .collect();
        assert_eq!(names, ["West", "Oost"]);
        assert_eq!(read.areas.neighbourhoods[0].code.as_deref(), Some("BU01"));
        // The open ring of "Oost" was closed.
        assert_eq!(read.areas.neighbourhoods[1].polygons[0][0].len(), 5);
        let places: Vec<_> = read.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(places.len(), 2, "{places:?}");
        assert!(places[0].contains("$.features[2]") && places[0].contains("LineString"));
        assert!(places[1].contains("$.features[3]") && places[1].contains("no name"));
        assert!(!read.converted_from_rd);
    }

    #[test]
    fn locates_points_and_respects_holes() {
        let areas = Areas::from_geojson(SQUARES).unwrap().areas;
        let name = |p| areas.locate(p).map(|n| n.name.as_str());
        assert_eq!(name(point(52.02, 5.02)), Some("West"));
        assert_eq!(name(point(52.05, 5.15)), Some("Oost"));
        assert_eq!(name(point(52.045, 5.055)), None, "inside the hole");
        assert_eq!(name(point(52.5, 5.05)), None);
    }

    #[test]
    fn refuses_what_is_not_geojson() {
        assert!(Areas::from_geojson("not json").is_err());
        assert!(Areas::from_geojson(r#"{"type":"Point","coordinates":[5,52]}"#).is_err());
        assert!(Areas::from_geojson(r#"{"type":"FeatureCollection","features":[]}"#).is_err());
    }

    #[test]
    fn rd_new_becomes_degrees() {
        let [lon, lat] = rd_to_wgs84(155_000.0, 463_000.0);
        assert!((lat - 52.155_174).abs() < 1e-6 && (lon - 5.387_206).abs() < 1e-6);
        let rd = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"wijknaam":"Midden"},
            "geometry":{"type":"Polygon","coordinates":[[[154000,462000],[156000,462000],[156000,464000],[154000,464000],[154000,462000]]]}}]}"#;
        let read = Areas::from_geojson(rd).unwrap();
        assert!(read.converted_from_rd);
        assert_eq!(
            read.areas
                .locate(point(52.155, 5.387))
                .map(|n| n.name.as_str()),
            Some("Midden")
        );
    }

    #[test]
    fn simplifying_drops_positions_within_the_tolerance_and_keeps_the_shape() {
        // A square with a hundred nearly straight positions on each side.
        let mut ring = Vec::new();
        for side in 0..4 {
            for step in 0..100 {
                let t = f64::from(step) / 100.0;
                let wobble = if step % 2 == 0 { 0.000_01 } else { 0.0 };
                ring.push(match side {
                    0 => [5.0 + t * 0.1, 52.0 + wobble],
                    1 => [5.1 + wobble, 52.0 + t * 0.1],
                    2 => [5.1 - t * 0.1, 52.1 + wobble],
                    _ => [5.0 + wobble, 52.1 - t * 0.1],
                });
            }
        }
        ring.push(ring[0]);
        let areas = Areas {
            neighbourhoods: vec![Neighbourhood {
                name: "Vierkant".into(),
                code: None,
                polygons: vec![vec![ring]],
            }],
        };
        let simple = areas.simplified(10.0);
        assert!(simple.positions() <= 8, "{}", simple.positions());
        assert_eq!(
            simple.locate(point(52.05, 5.05)).map(|n| n.name.as_str()),
            Some("Vierkant")
        );
        let written = Areas::from_geojson(&simple.to_geojson(5)).unwrap().areas;
        assert_eq!(written.positions(), simple.positions());
        assert_eq!(written.neighbourhoods[0].name, "Vierkant");
    }
}
