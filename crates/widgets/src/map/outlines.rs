//! The neighbourhood outlines as SVG paths, computed once: in world units scaled to zoom
//! [`BASE_ZOOM`] around the outlines' corner, so panning and zooming change only one
//! transform and never the paths.

use wegwijs_directory::areas::Areas;
use wegwijs_directory::geo::Point;
use wegwijs_directory::viewport::{world, Camera, World};

/// The zoom level the paths are written at (one unit is one pixel there).
const BASE_ZOOM: f64 = 16.0;

/// Every neighbourhood's outline, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlines {
    /// World position of the paths' origin (the outlines' top-left corner).
    origin: World,
    /// The world box around every outline.
    pub bounds: [World; 2],
    /// One per neighbourhood.
    pub areas: Vec<Outline>,
}

/// One neighbourhood's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// Its name.
    pub name: String,
    /// SVG path data in base units.
    pub path: String,
    /// Where its name goes: the middle of its largest part.
    pub label_at: World,
}

impl Outlines {
    /// The outlines of the neighbourhoods.
    pub fn new(areas: &Areas) -> Self {
        let to_world = |p: &[f64; 2]| Point::new(p[1], p[0]).map(world);
        let all: Vec<World> = areas
            .neighbourhoods
            .iter()
            .flat_map(|n| n.polygons.iter().flatten().flatten())
            .filter_map(to_world)
            .collect();
        let bounds = bounds_of(&all).unwrap_or([[0.0; 2]; 2]);
        let origin = bounds[0];
        let base = BASE_ZOOM.exp2();
        let areas = areas
            .neighbourhoods
            .iter()
            .map(|n| {
                let mut path = String::new();
                for ring in n.polygons.iter().flatten() {
                    for (i, at) in ring.iter().filter_map(to_world).enumerate() {
                        let command = if i == 0 { 'M' } else { 'L' };
                        let (x, y) = ((at[0] - origin[0]) * base, (at[1] - origin[1]) * base);
                        path.push_str(&format!("{command}{x:.1} {y:.1}"));
                    }
                    path.push('Z');
                }
                let largest = n
                    .polygons
                    .iter()
                    .filter_map(|rings| rings.first())
                    .max_by_key(|ring| ring.len());
                let label_at = largest
                    .map(|ring| ring.iter().filter_map(to_world).collect::<Vec<_>>())
                    .and_then(|ring| bounds_of(&ring))
                    .map_or(origin, |[min, max]| {
                        [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0]
                    });
                Outline {
                    name: n.name.clone(),
                    path,
                    label_at,
                }
            })
            .collect();
        Self {
            origin,
            bounds,
            areas,
        }
    }

    /// The SVG transform that puts the paths where the camera shows them.
    pub fn transform(&self, camera: &Camera) -> String {
        let [x, y] = camera.to_screen(self.origin);
        let scale = (camera.zoom - BASE_ZOOM).exp2();
        format!("translate({x:.1} {y:.1}) scale({scale:.6})")
    }
}

/// The `[min, max]` box around world positions.
pub fn bounds_of(positions: &[World]) -> Option<[World; 2]> {
    let first = *positions.first()?;
    Some(positions.iter().fold([first, first], |[min, max], p| {
        [
            [min[0].min(p[0]), min[1].min(p[1])],
            [max[0].max(p[0]), max[1].max(p[1])],
        ]
    }))
}
