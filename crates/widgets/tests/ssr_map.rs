//! Server-side render tests for the map: outlines, markers and groups with names, the
//! resident's point, the shading with its numbers as text, tiles only when configured.
#![cfg(feature = "ssr")]

use std::sync::Arc;

use leptos::prelude::*;
use wegwijs_directory::areas::Areas;
use wegwijs_directory::geo::{Millionths, Point};
use wegwijs_widgets::i18n::I18n;
use wegwijs_widgets::kit::WidgetRoot;
use wegwijs_widgets::map::{
    ids_from_json, ids_to_json, MapConfig, MapData, MapView, Marker, Outlines, OwnPlace, Shade,
};

fn outlines() -> Arc<Outlines> {
    let text = include_str!("../../../www/data/wijken.geojson");
    Arc::new(Outlines::new(&Areas::from_geojson(text).unwrap().areas))
}

fn render(data: MapData, chosen: &[&str], tiles: Option<&str>) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let i18n = I18n::for_tag(Some("nl"), wegwijs_widgets::map::TEXTS);
        let data = RwSignal::new(data);
        let chosen = RwSignal::new(chosen.iter().map(|id| id.to_string()).collect::<Vec<_>>());
        let tiles = tiles.map(str::to_owned);
        view! {
            <WidgetRoot i18n class="ww-plattegrond">
                <MapView outlines=Some(outlines()) data=data.into() chosen=chosen.into() tiles on_choose=Callback::new(|_| {}) />
            </WidgetRoot>
        }
        .to_html()
        .replace("<!>", "")
    })
}

fn at(lat: f64, lon: f64) -> Millionths {
    Millionths::of(Point::new(lat, lon).unwrap())
}

fn marker(id: &str, name: &str, lat: f64, lon: f64) -> Marker {
    Marker {
        id: id.into(),
        name: name.into(),
        at: at(lat, lon),
    }
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn the_neighbourhoods_markers_and_own_point_are_drawn_with_names() {
    let html = render(
        MapData {
            markers: vec![
                marker("a", "Wijkteam Centrum", 52.0601, 5.7502),
                // Two places a few metres apart: one group at the whole map's zoom.
                marker("b", "Voedselbank", 52.0871, 5.7903),
                marker("c", "Repair Café", 52.08712, 5.79032),
            ],
            own: Some(OwnPlace {
                at: at(52.0652, 5.7711),
                label: "postcode 3952".into(),
            }),
            shade: None,
        },
        &["a"],
        None,
    );
    assert_eq!(count(&html, "class=\"ww-area\""), 5, "{html}");
    for name in [
        "Centrum",
        "Oosterhof",
        "Westerkwartier",
        "De Akkers",
        "Beekdorp",
    ] {
        assert!(html.contains(name), "{name}");
    }
    assert_eq!(count(&html, "role=\"button\""), 2);
    assert!(html.contains("aria-label=\"Wijkteam Centrum\""));
    assert!(html.contains("aria-label=\"2 plekken: Voedselbank, Repair Café\""));
    assert!(html.contains("aria-label=\"Jouw plek: postcode 3952\""));
    // The chosen service stands out and says so.
    assert!(html.contains("ww-marker-chosen"));
    assert_eq!(count(&html, "aria-pressed=\"true\""), 1);
    assert!(html.contains("Er gaat niets naar andere websites"));
    assert!(!html.contains("<image"), "no tiles without a tile server");
}

#[test]
fn tiles_are_drawn_only_with_a_tile_server_and_the_privacy_line_names_it() {
    let html = render(
        MapData::default(),
        &[],
        Some("https://tegels.example/{z}/{x}/{y}.png"),
    );
    assert!(html.contains("<image"), "{html}");
    assert!(html.contains("href=\"https://tegels.example/"));
    assert!(html.contains("komt van tegels.example"));
}

#[test]
fn coverage_colours_each_neighbourhood_and_lists_the_numbers() {
    let html = render(
        MapData {
            shade: Some(Shade {
                title: "Geld".into(),
                counts: vec![
                    ("Centrum".into(), 7),
                    ("Oosterhof".into(), 4),
                    ("Westerkwartier".into(), 1),
                    ("De Akkers".into(), 0),
                ],
                blind_below: 3,
            }),
            ..MapData::default()
        },
        &[],
        None,
    );
    assert_eq!(count(&html, "ww-area ww-shade-blind"), 2, "{html}");
    assert_eq!(count(&html, "ww-area ww-shade-thin"), 1);
    assert_eq!(count(&html, "ww-area ww-shade-enough"), 1);
    assert_eq!(
        count(&html, "ww-area ww-shade-none"),
        1,
        "Beekdorp has no number"
    );
    assert!(html.contains("Aantal plekken per wijk voor Geld"));
    assert!(html.contains("<li>Westerkwartier: 1 plek — witte vlek</li>"));
    assert!(html.contains("<li>Centrum: 7 plekken</li>"));
    assert!(html.contains("<li>Beekdorp: geen gegevens</li>"));
    assert!(html.contains("minder dan 3: witte vlek"));
}

#[test]
fn configuration_and_data_come_from_attributes_and_bad_data_shows_an_empty_map() {
    let config = MapConfig::from_attributes(|name| match name {
        "areas" => Some("/data/wijken.geojson".into()),
        "tiles" => Some("http://onveilig.example/{z}/{x}/{y}.png".into()),
        _ => None,
    });
    assert_eq!(config.areas.as_deref(), Some("/data/wijken.geojson"));
    assert_eq!(config.tiles, None, "only https or same-site tiles");
    let data = MapData {
        markers: vec![marker("x", "<script>", 52.0, 5.0)],
        ..MapData::default()
    };
    assert_eq!(MapData::from_attribute(Some(&data.to_attribute())), data);
    assert_eq!(MapData::from_attribute(Some("{kapot")), MapData::default());
    assert_eq!(MapData::from_attribute(None), MapData::default());
    let ids = vec!["a".to_owned(), "b c".to_owned()];
    assert_eq!(ids_from_json(Some(&ids_to_json(&ids))), ids);
    assert!(ids_from_json(Some("[1,")).is_empty());
}
