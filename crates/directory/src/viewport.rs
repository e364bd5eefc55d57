//! The part of the world a map shows: Web Mercator positions, a camera that pans and zooms,
//! markers grouped when they overlap, and the tiles that cover the view.
//!
//! World positions are Web Mercator at zoom 0 (the whole world 256 units wide, as tile
//! servers use it); the screen is in CSS pixels with the origin top left.

use std::collections::HashMap;

use wegwijs_text::order;

use crate::geo::Point;

/// The world's width in units at zoom 0.
const WORLD: f64 = 256.0;
/// The closest zoom (street level; tile servers stop around here).
pub const MAX_ZOOM: f64 = 18.0;
/// The farthest zoom (a whole country).
pub const MIN_ZOOM: f64 = 8.0;

/// A position in world units.
pub type World = [f64; 2];

/// A point's Web Mercator position at zoom 0.
pub fn world(point: Point) -> World {
    let lat = point.lat.clamp(-85.051_128, 85.051_128).to_radians();
    [
        (point.lon + 180.0) / 360.0 * WORLD,
        (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * WORLD,
    ]
}

/// What the map shows: the world position at the centre, the zoom, and the screen size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    /// World position at the centre of the screen.
    pub center: World,
    /// Zoom level: each step doubles the scale.
    pub zoom: f64,
    /// Screen width in pixels.
    pub width: f64,
    /// Screen height in pixels.
    pub height: f64,
}

impl Camera {
    /// The camera that shows the `[min, max]` world box whole, with `margin` pixels around.
    pub fn fit(bounds: [World; 2], width: f64, height: f64, margin: f64) -> Self {
        let [min, max] = bounds;
        let span_x = (max[0] - min[0]).max(1e-9);
        let span_y = (max[1] - min[1]).max(1e-9);
        let scale = ((width - 2.0 * margin).max(1.0) / span_x)
            .min((height - 2.0 * margin).max(1.0) / span_y);
        Self {
            center: [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0],
            zoom: scale.log2().clamp(MIN_ZOOM, MAX_ZOOM),
            width,
            height,
        }
    }

    /// Screen pixels per world unit.
    pub fn scale(&self) -> f64 {
        self.zoom.exp2()
    }

    /// Where a world position is on the screen.
    pub fn to_screen(&self, at: World) -> [f64; 2] {
        let scale = self.scale();
        [
            (at[0] - self.center[0]) * scale + self.width / 2.0,
            (at[1] - self.center[1]) * scale + self.height / 2.0,
        ]
    }

    /// The world position under a screen position.
    pub fn to_world(&self, at: [f64; 2]) -> World {
        let scale = self.scale();
        [
            (at[0] - self.width / 2.0) / scale + self.center[0],
            (at[1] - self.height / 2.0) / scale + self.center[1],
        ]
    }

    /// Moves the view so that the map follows a drag of `dx`, `dy` pixels.
    pub fn panned(self, dx: f64, dy: f64) -> Self {
        let scale = self.scale();
        Self {
            center: [self.center[0] - dx / scale, self.center[1] - dy / scale],
            ..self
        }
    }

    /// Zooms by `steps` (1 doubles the scale) keeping the world position under the screen
    /// position `at` where it is.
    pub fn zoomed(self, steps: f64, at: [f64; 2]) -> Self {
        let fixed = self.to_world(at);
        let zoom = (self.zoom + steps).clamp(MIN_ZOOM, MAX_ZOOM);
        let scale = zoom.exp2();
        Self {
            zoom,
            center: [
                fixed[0] - (at[0] - self.width / 2.0) / scale,
                fixed[1] - (at[1] - self.height / 2.0) / scale,
            ],
            ..self
        }
    }

    /// The same view on a screen of another size.
    pub fn resized(self, width: f64, height: f64) -> Self {
        Self {
            width,
            height,
            ..self
        }
    }

    /// Keeps the centre within the world box, so the map cannot be lost off-screen.
    pub fn kept_within(self, bounds: [World; 2]) -> Self {
        let [min, max] = bounds;
        Self {
            center: [
                self.center[0].clamp(min[0], max[0]),
                self.center[1].clamp(min[1], max[1]),
            ],
            ..self
        }
    }

    /// True when a screen position is on the screen or within `margin` pixels of it.
    pub fn shows(&self, at: [f64; 2], margin: f64) -> bool {
        (-margin..=self.width + margin).contains(&at[0])
            && (-margin..=self.height + margin).contains(&at[1])
    }

    /// The tiles of the whole zoom level nearest to this one that cover the screen.
    pub fn tiles(&self) -> Vec<Tile> {
        let z = self.zoom.round().clamp(0.0, MAX_ZOOM);
        let count = z.exp2();
        let tile_world = WORLD / count;
        let [left, top] = self.to_world([0.0, 0.0]);
        let [right, bottom] = self.to_world([self.width, self.height]);
        let range = |from: f64, to: f64| {
            let first = (from / tile_world).floor().max(0.0) as u32;
            let last = ((to / tile_world).floor()).min(count - 1.0).max(0.0) as u32;
            first..=last
        };
        let size = tile_world * self.scale();
        range(top, bottom)
            .flat_map(|y| range(left, right).map(move |x| (x, y)))
            .map(|(x, y)| Tile {
                z: z as u32,
                x,
                y,
                at: self.to_screen([f64::from(x) * tile_world, f64::from(y) * tile_world]),
                size,
            })
            .collect()
    }
}

/// One square tile of a tile server's grid, and where it goes on the screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tile {
    /// Zoom level.
    pub z: u32,
    /// Column.
    pub x: u32,
    /// Row.
    pub y: u32,
    /// Screen position of its top-left corner.
    pub at: [f64; 2],
    /// Its width and height on the screen.
    pub size: f64,
}

impl Tile {
    /// The tile's address from a template with `{z}`, `{x}` and `{y}`.
    pub fn url(&self, template: &str) -> String {
        template
            .replace("{z}", &self.z.to_string())
            .replace("{x}", &self.x.to_string())
            .replace("{y}", &self.y.to_string())
    }
}

/// Markers that would overlap on the screen, shown as one.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Positions in the list given to [`group`], in that order.
    pub members: Vec<usize>,
    /// Where it is drawn: the members' average position, in world units.
    pub world: World,
    /// The same place on the screen.
    pub at: [f64; 2],
}

/// Groups screen positions that share a square of `cell` pixels of a grid fixed to the
/// world, so that panning does not regroup them. Groups come in reading order (top to
/// bottom, then left to right), which is also the order of the keyboard.
pub fn group(camera: &Camera, positions: &[World], cell: f64) -> Vec<Group> {
    let scale = camera.scale();
    let mut cells: HashMap<(i64, i64), usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for (i, &at) in positions.iter().enumerate() {
        let key = (
            (at[0] * scale / cell).floor() as i64,
            (at[1] * scale / cell).floor() as i64,
        );
        let slot = *cells.entry(key).or_insert_with(|| {
            groups.push(Group {
                members: Vec::new(),
                world: [0.0, 0.0],
                at: [0.0, 0.0],
            });
            groups.len() - 1
        });
        groups[slot].members.push(i);
    }
    for g in &mut groups {
        let n = g.members.len() as f64;
        let sum = g.members.iter().fold([0.0, 0.0], |s, &i| {
            [s[0] + positions[i][0], s[1] + positions[i][1]]
        });
        g.world = [sum[0] / n, sum[1] / n];
        g.at = camera.to_screen(g.world);
    }
    order::sort_by(&mut groups, |a, b| {
        (a.at[1] / cell)
            .floor()
            .total_cmp(&(b.at[1] / cell).floor())
            .then(a.at[0].total_cmp(&b.at[0]))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn camera() -> Camera {
        let a = world(Point::new(52.04, 5.72).unwrap());
        let b = world(Point::new(52.10, 5.80).unwrap());
        Camera::fit([[a[0], b[1]], [b[0], a[1]]], 640.0, 480.0, 20.0)
    }

    #[test]
    fn mercator_puts_greenwich_and_the_equator_in_the_middle() {
        let [x, y] = world(Point::new(0.0, 0.0).unwrap());
        assert!((x - 128.0).abs() < 1e-9 && (y - 128.0).abs() < 1e-9);
        let [_, north] = world(Point::new(52.0, 5.0).unwrap());
        assert!(north < 128.0, "north is up");
    }

    #[test]
    fn fitting_shows_the_whole_box() {
        let a = world(Point::new(52.04, 5.72).unwrap());
        let b = world(Point::new(52.10, 5.80).unwrap());
        let camera = camera();
        for corner in [a, b] {
            let [x, y] = camera.to_screen(corner);
            assert!(
                (19.0..=621.0).contains(&x) && (19.0..=461.0).contains(&y),
                "{x} {y}"
            );
        }
        assert!((11.0..14.0).contains(&camera.zoom), "{}", camera.zoom);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let camera = camera();
        let under = camera.to_world([100.0, 50.0]);
        let zoomed = camera.zoomed(1.5, [100.0, 50.0]);
        let [x, y] = zoomed.to_screen(under);
        assert!((x - 100.0).abs() < 1e-6 && (y - 50.0).abs() < 1e-6);
        assert_eq!(camera.zoomed(100.0, [0.0, 0.0]).zoom, MAX_ZOOM);
    }

    #[test]
    fn overlapping_markers_form_one_group_in_reading_order() {
        let camera = camera();
        let positions: Vec<World> = [
            (52.09, 5.79),
            (52.0905, 5.7905),
            (52.05, 5.73),
            (52.09, 5.73),
        ]
        .iter()
        .map(|&(lat, lon)| world(Point::new(lat, lon).unwrap()))
        .collect();
        let groups = group(&camera, &positions, 40.0);
        let members: Vec<_> = groups.iter().map(|g| g.members.clone()).collect();
        assert_eq!(members, [vec![3], vec![0, 1], vec![2]]);
        // Zoomed in far enough, the two close ones come apart.
        let close = camera.zoomed(6.0, camera.to_screen(positions[0]));
        assert_eq!(group(&close, &positions, 40.0).len(), 4);
    }

    #[test]
    fn tiles_cover_the_screen_and_have_addresses() {
        let camera = camera();
        let tiles = camera.tiles();
        assert!(!tiles.is_empty());
        let covers = |x: f64, y: f64| {
            tiles.iter().any(|t| {
                (t.at[0]..t.at[0] + t.size).contains(&x) && (t.at[1]..t.at[1] + t.size).contains(&y)
            })
        };
        assert!(covers(0.0, 0.0) && covers(639.0, 479.0) && covers(320.0, 240.0));
        let tile = tiles[0];
        assert_eq!(
            tile.url("https://tegels.example/{z}/{x}/{y}.png"),
            format!(
                "https://tegels.example/{}/{}/{}.png",
                tile.z, tile.x, tile.y
            )
        );
    }

    proptest! {
        #[test]
        fn panning_moves_every_position_by_the_drag(dx in -500.0..500.0f64, dy in -500.0..500.0f64) {
            let camera = camera();
            let at = camera.to_world([200.0, 300.0]);
            let [x, y] = camera.panned(dx, dy).to_screen(at);
            prop_assert!((x - 200.0 - dx).abs() < 1e-6 && (y - 300.0 - dy).abs() < 1e-6);
        }

        #[test]
        fn every_marker_is_in_exactly_one_group(points in prop::collection::vec((52.0..52.2f64, 5.6..5.9f64), 0..200)) {
            let camera = camera();
            let positions: Vec<World> = points.iter().map(|&(lat, lon)| world(Point::new(lat, lon).unwrap())).collect();
            let mut seen: Vec<usize> = group(&camera, &positions, 44.0).into_iter().flat_map(|g| g.members).collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..positions.len()).collect::<Vec<_>>());
        }
    }
}
