//! The results on a map: the "Lijst / Kaart" switch, the map element with a marker per
//! location of every result (the same question, filters and place as the list), and the
//! cards of what was chosen on the map. The map's code is another bundle: it downloads when
//! the `<wegwijs-plattegrond>` element first appears, that is when a person opens the map.

use leptos::prelude::*;
use wegwijs_directory::geo::Millionths;
use wegwijs_directory::search::Query;

use super::app::{use_kaart, Layout};
use super::card::ServiceCard;
use crate::browser;
use crate::i18n::use_i18n;
use crate::kit::LiveRegion;
use crate::map::{ids_from_json, ids_to_json, MapData, Marker, OwnPlace};

/// "Toon de plekken als: Lijst | Kaart", when the web team gave the map its files.
#[component]
pub(crate) fn LayoutSwitch() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let button = move |layout: Layout, key: &'static str| {
        view! {
            <button
                type="button"
                class="ww-chip"
                aria-pressed=move || if kaart.layout.get() == layout { "true" } else { "false" }
                on:click=move |_| kaart.layout.set(layout)
            >
                {i18n.t(key)}
            </button>
        }
    };
    kaart.map_files.with_value(|files| files.any()).then(|| {
        view! {
            <div class="ww-layout-switch" role="group" aria-label=i18n.t("view.label")>
                {button(Layout::List, "view.list")}
                {button(Layout::Map, "view.map")}
            </div>
        }
    })
}

/// The map element for `data`; `on_choose` hears the services chosen on it (the element's
/// `wegwijs-choose` event, [`crate::map::CHOOSE_EVENT`]).
#[component]
pub(crate) fn MapElement(
    /// What the map shows.
    data: Signal<MapData>,
    /// The services chosen on the map.
    #[prop(into, default = Signal::stored(Vec::new()))]
    chosen: Signal<Vec<String>>,
    /// Called with the ids of the services chosen on the map.
    on_choose: Callback<Vec<String>>,
) -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let files = kaart.map_files.get_value();
    let on_event = move |event: leptos::ev::Event| {
        on_choose.run(ids_from_json(browser::event_detail(&event).as_deref()));
    };
    view! {
        <wegwijs-plattegrond
            areas=files.areas
            tiles=files.tiles
            lang=i18n.lang()
            data=move || data.with(MapData::to_attribute)
            chosen=move || chosen.with(|ids| ids_to_json(ids))
            on:wegwijs-choose=on_event
        ></wegwijs-plattegrond>
    }
}

/// Every result on the map, and the cards of the chosen ones.
#[component]
pub(crate) fn ResultMap() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    // Every result, not a page of them.
    let all = Memo::new(move |_| {
        let query = Query {
            limit: 0,
            ..kaart.query.get()
        };
        kaart.map.with_value(|map| {
            let services = map.index.services();
            let mut markers = Vec::new();
            // Services (copies elsewhere included, as the result count has them) on the map
            // and without an address.
            let (mut on_map, mut without_address) = (0, 0);
            for hit in map.index.search(&query).hits {
                let service = &services[hit.doc as usize];
                for doc in std::iter::once(hit.doc).chain(hit.copies.iter().copied()) {
                    let before = markers.len();
                    markers.extend(services[doc as usize].locations.iter().filter_map(|l| {
                        Some(Marker {
                            id: service.id.clone(),
                            name: service.name.clone(),
                            at: Millionths::of(l.point?),
                        })
                    }));
                    if markers.len() == before {
                        without_address += 1;
                    } else {
                        on_map += 1;
                    }
                }
            }
            (markers, on_map, without_address)
        })
    });
    let own_label = i18n.t("map.own-device");
    let data = Signal::derive(move || {
        let own = kaart.place.get().map(|place| OwnPlace {
            at: Millionths::of(place.point),
            label: place
                .postcode
                .map_or_else(|| own_label.clone(), |code| format!("postcode {code}")),
        });
        all.with(|(markers, _, _)| MapData {
            markers: markers.clone(),
            own,
            shade: None,
        })
    });
    let announcement = RwSignal::new(String::new());
    let on_choose = Callback::new(move |ids: Vec<String>| {
        announcement.set(i18n.t_count("view.chosen-announce", ids.len()));
        kaart.chosen.set(ids);
    });
    // A new question clears the choice.
    Effect::new(move |previous: Option<()>| {
        kaart.query.track();
        if previous.is_some() {
            kaart.chosen.set(Vec::new());
        }
    });
    let chosen_docs = move || {
        kaart
            .chosen
            .get()
            .iter()
            .filter_map(|id| kaart.doc_of(id))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="ww-result-map">
            <LiveRegion text=announcement />
            <p class="ww-hint">
                {move || i18n.t_count("view.on-map", all.with(|(_, on_map, _)| *on_map))}
                {move || {
                    let without = all.with(|(_, _, without)| *without);
                    (without > 0).then(|| format!(" {}", i18n.t_count("view.not-on-map", without)))
                }}
            </p>
            <MapElement data chosen=kaart.chosen on_choose />
            <section class="ww-map-chosen" aria-label=i18n.t("view.chosen")>
                {move || {
                    let docs = chosen_docs();
                    if docs.is_empty() {
                        view! { <p class="ww-hint">{i18n.t("view.choose-hint")}</p> }.into_any()
                    } else {
                        view! {
                            <h3 class="ww-label">{i18n.t("view.chosen")}</h3>
                            <ul class="ww-results" role="list">
                                {docs.into_iter().map(|doc| view! { <ServiceCard doc /> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
            </section>
        </div>
    }
}
