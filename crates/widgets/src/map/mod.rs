//! `<wegwijs-plattegrond>`: the map the social map shows in its "Kaart" view and the
//! workers' coverage overview shows per life domain. The social map puts this element in
//! its own shadow root when a person switches to the map, so the map's code (its own small
//! bundle) downloads only then and never grows the list view.
//!
//! The base map is drawn from the host's neighbourhood outlines (`areas`, GeoJSON made with
//! `wegwijs areas`); nothing is requested from any other server unless the web team sets a
//! tile server (`tiles`), and then only while the map is shown. What the map shows comes in
//! the `data` attribute ([`MapData`], JSON, set by the social map and changed without a
//! re-mount); a chosen marker is reported with the DOM event [`CHOOSE_EVENT`].

mod outlines;
mod view;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wegwijs_directory::areas::Areas;
use wegwijs_directory::geo::{Millionths, Point};

use crate::i18n::{I18n, Part, COMMON, MAP};
use crate::kit::{Accepted, WidgetRoot, LANG};
use crate::load::fetch_text;
pub use outlines::Outlines;
pub use view::MapView;

/// The texts this widget shows.
pub static TEXTS: &[&Part] = &[&COMMON, &MAP];

/// The custom element of the map.
pub const TAG: &str = "wegwijs-plattegrond";

/// The event the map element sends when a person chooses a marker; its `detail` is the
/// chosen services' ids, written by [`ids_to_json`].
pub const CHOOSE_EVENT: &str = "wegwijs-choose";

/// How the social map configured the map element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapConfig {
    /// URL of the neighbourhood outlines (GeoJSON).
    pub areas: Option<String>,
    /// A tile server's URL template with `{z}`, `{x}` and `{y}`; no tiles without it.
    pub tiles: Option<String>,
    /// Language tag.
    pub lang: Option<String>,
}

impl MapConfig {
    /// The attributes that configure the map; a change to one re-mounts it.
    pub const ATTRIBUTES: &'static [&'static str] = &["areas", "tiles", "lang"];
    /// The attribute with what the map shows; it changes while the map stays mounted.
    pub const DATA: &'static str = "data";
    /// The attribute with the chosen services' ids (a JSON list); apart from [`Self::DATA`],
    /// so that a choice does not hand over every marker again.
    pub const CHOSEN: &'static str = "chosen";

    /// The values the attributes accept, for the web team's warnings.
    pub const ACCEPTED: &'static [Accepted] = &[LANG, TILES];

    /// Builds the config from attribute values, given a lookup by attribute name.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Self {
        let non_empty = |name: &str| get(name).filter(|value| !value.trim().is_empty());
        Self {
            areas: non_empty("areas"),
            tiles: usable_tiles(get("tiles")),
            lang: non_empty("lang"),
        }
    }
}

/// `tiles`: an https (or same-site) URL template with the three placeholders.
pub const TILES: Accepted = Accepted {
    name: "tiles",
    accepts: |value| {
        let place = value.starts_with("https://") || value.starts_with('/');
        place && ["{z}", "{x}", "{y}"].iter().all(|p| value.contains(p))
    },
    values: "a tile URL template with {z}, {x} and {y}, such as https://tiles.example.nl/{z}/{x}/{y}.png",
};

/// A `tiles` value the map can use: trimmed, and only an https or same-site template.
pub fn usable_tiles(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_owned())
        .filter(|v| (TILES.accepts)(v))
}

/// What the map shows: the markers, the resident's own point and the shading per
/// neighbourhood.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MapData {
    /// One marker per location of each result.
    #[serde(default)]
    pub markers: Vec<Marker>,
    /// Where the resident said they are.
    #[serde(default)]
    pub own: Option<OwnPlace>,
    /// The workers' coverage: services per neighbourhood.
    #[serde(default)]
    pub shade: Option<Shade>,
}

impl MapData {
    /// The `data` attribute's value.
    pub fn to_attribute(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the `data` attribute; anything unreadable shows an empty map.
    pub fn from_attribute(text: Option<&str>) -> Self {
        text.and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default()
    }
}

/// Services' ids as the JSON list of the `chosen` attribute and of the choose event's
/// `detail`.
pub fn ids_to_json(ids: &[String]) -> String {
    serde_json::to_string(ids).unwrap_or_default()
}

/// Reads a list written by [`ids_to_json`]; anything unreadable is no ids.
pub fn ids_from_json(text: Option<&str>) -> Vec<String> {
    text.and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default()
}

/// A service at one of its locations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    /// The service's id.
    pub id: String,
    /// Its name, as the marker is called.
    pub name: String,
    /// Where.
    pub at: Millionths,
}

impl Marker {
    /// Where it is, when that is on Earth.
    pub fn point(&self) -> Option<Point> {
        self.at.point()
    }
}

/// The resident's point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnPlace {
    /// Where.
    pub at: Millionths,
    /// What it is ("postcode 3951", "jouw locatie").
    pub label: String,
}

impl OwnPlace {
    /// Where it is, when that is on Earth.
    pub fn point(&self) -> Option<Point> {
        self.at.point()
    }
}

/// Services per neighbourhood, for colouring the neighbourhoods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shade {
    /// What is counted ("Geld").
    pub title: String,
    /// Neighbourhood name → number of services that reach it.
    pub counts: Vec<(String, usize)>,
    /// Fewer than this is a blind spot.
    pub blind_below: usize,
}

impl Shade {
    /// The count for a neighbourhood, matched by name without regard to case.
    pub fn count_for(&self, name: &str) -> Option<usize> {
        self.counts
            .iter()
            .find(|(n, _)| n.trim().eq_ignore_ascii_case(name.trim()))
            .map(|(_, count)| *count)
    }

    /// The colour class of a count: a blind spot, thin, or enough.
    pub fn class_of(&self, count: usize) -> &'static str {
        if count < self.blind_below {
            "ww-shade-blind"
        } else if count < self.blind_below * 2 {
            "ww-shade-thin"
        } else {
            "ww-shade-enough"
        }
    }
}

/// The outlines as the map needs them, once loaded.
#[derive(Debug, Clone, PartialEq)]
enum OutlineState {
    Loading,
    Ready(Option<Arc<Outlines>>),
    /// The outlines could not be used; the map works without them.
    Failed,
}

/// The map element's widget: loads the outlines, then shows the map.
#[component]
pub fn Plattegrond(
    /// The configuration from the element's attributes.
    config: MapConfig,
    /// What to show; follows the `data` attribute.
    data: Signal<MapData>,
    /// The chosen services' ids (their markers stand out); follows the `chosen` attribute.
    chosen: Signal<Vec<String>>,
    /// Called with the chosen services' ids.
    on_choose: Callback<Vec<String>>,
) -> impl IntoView {
    let i18n = I18n::for_tag(config.lang.as_deref(), TEXTS);
    let state = RwSignal::new(OutlineState::Loading);
    match config.areas.clone() {
        None => state.set(OutlineState::Ready(None)),
        Some(url) => spawn_local(async move {
            let loaded = match fetch_text(&url).await {
                Ok(text) => match Areas::from_geojson(&text) {
                    Ok(read) => OutlineState::Ready(Some(Arc::new(Outlines::new(&read.areas)))),
                    Err(why) => {
                        crate::browser::warn(&format!(
                            "Wegwijs <{TAG}>: the areas file {url} cannot be used ({why}); the map shows no neighbourhoods."
                        ));
                        OutlineState::Failed
                    }
                },
                Err(error) => {
                    crate::browser::warn(&format!(
                        "Wegwijs <{TAG}>: the areas file {url} did not load ({error}); the map shows no neighbourhoods."
                    ));
                    OutlineState::Failed
                }
            };
            let _ = state.try_set(loaded);
        }),
    }
    let tiles = config.tiles;
    view! {
        <WidgetRoot i18n class="ww-plattegrond">
            {move || match state.get() {
                OutlineState::Loading => view! {
                    <crate::kit::Loading label=i18n.t("map.loading") />
                }
                .into_any(),
                OutlineState::Ready(outlines) => view! {
                    <MapView outlines data chosen tiles=tiles.clone() on_choose />
                }
                .into_any(),
                OutlineState::Failed => view! {
                    <p class="ww-hint">{i18n.t("map.no-areas")}</p>
                    <MapView outlines=None data chosen tiles=tiles.clone() on_choose />
                }
                .into_any(),
            }}
        </WidgetRoot>
    }
}
