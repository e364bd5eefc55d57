//! The loaded social map: search box, nearby, filters, results, details, list, overview.

use leptos::prelude::*;
use wegwijs_directory::geo::Point;
use wegwijs_directory::search::{Filters, Query, Results, Sort};
use wegwijs_directory::view_state::ViewState;

use super::coverage::CoverageOverview;
use super::detail::Detail;
use super::filters::FilterBar;
use super::nearby::Nearby;
use super::results::ResultList;
use super::search_box::SearchBox;
use super::shortlist::{PrintView, Shortlist};
use super::{KaartConfig, LoadedMap, Mode};
use crate::browser;
use crate::kit::{built_later, unique_id, LiveRegion};

/// How many results show at first, and how many more each "Toon meer" adds.
pub(crate) const PAGE: usize = 20;

/// Cards built when the map first shows its results; the rest follow a few per frame
/// ([`CARDS_PER_FRAME`]), so a phone answers a tap while the list fills. A screen shows
/// fewer than this.
const FIRST_CARDS: usize = 4;

/// Cards added per animation frame until every result has its card.
pub(crate) const CARDS_PER_FRAME: usize = 4;

/// Where the resident said they are. Never written to the URL or sent anywhere.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Place {
    pub point: Point,
    /// The postcode typed, or `None` for the device's position.
    pub postcode: Option<String>,
}

/// How the results are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Cards, a page at a time.
    #[default]
    List,
    /// Markers on the map, with the chosen ones' cards below.
    Map,
}

/// The files the map view needs; without either there is no map view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MapFiles {
    /// The neighbourhood outlines (`areas`).
    pub areas: Option<String>,
    /// The tile URL template (`tiles`).
    pub tiles: Option<String>,
}

impl MapFiles {
    /// Whether a map can be shown.
    pub fn any(&self) -> bool {
        self.areas.is_some() || self.tiles.is_some()
    }
}

/// Everything the parts of the map share. Cheap to copy.
#[derive(Clone, Copy)]
pub(crate) struct Kaart {
    pub map: StoredValue<LoadedMap>,
    pub mode: Mode,
    pub report: StoredValue<Option<String>>,
    /// The hulpwijzer's page, for a question too vague to search.
    pub guide_page: StoredValue<Option<String>>,
    /// Fewer services than this in a coverage cell make a blind spot.
    pub blind_below: usize,
    /// Prefix for element ids, unique per widget on the page.
    pub ids: StoredValue<String>,
    /// The shareable state: words, filters, open service.
    pub view: RwSignal<ViewState>,
    /// What is in the search box right now (the search follows after a short pause).
    pub typed: RwSignal<String>,
    pub place: RwSignal<Option<Place>>,
    pub nearest_first: RwSignal<bool>,
    pub shown: RwSignal<usize>,
    pub shortlist: RwSignal<Vec<String>>,
    /// The question as it is searched now (words, filters, place, order, page).
    pub query: Memo<Query>,
    pub results: Memo<Results>,
    /// How many result cards may be built; grows a few per frame after the first results
    /// (see [`FIRST_CARDS`]) and never shrinks, so a list shown again is built at once.
    pub cards_ready: RwSignal<usize>,
    /// The results as a list or on the map.
    pub layout: RwSignal<Layout>,
    /// The services chosen on the map, by id.
    pub chosen: RwSignal<Vec<String>>,
    /// The map's outlines and tiles, as the web team configured them.
    pub map_files: StoredValue<MapFiles>,
    /// Messages for screen readers besides the result count ("Link gekopieerd").
    pub announcement: RwSignal<String>,
    /// The service whose card gets focus back when its details close.
    pub return_focus: RwSignal<Option<u32>>,
    /// Services being printed.
    pub printing: RwSignal<Option<Vec<u32>>>,
    pub container: NodeRef<leptos::html::Div>,
}

impl Kaart {
    /// The position of a service by its id.
    pub fn doc_of(&self, id: &str) -> Option<u32> {
        self.map
            .with_value(|map| map.index.services().iter().position(|s| s.id == id))
            .map(|doc| doc as u32)
    }

    /// An element id inside this widget.
    pub fn id(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.ids.get_value())
    }

    /// Moves focus to the element with this id suffix, after the DOM has updated.
    pub fn focus(&self, suffix: &str) {
        crate::browser::focus_later(self.container, format!("#{}", self.id(suffix)));
    }
}

/// Uses the map's shared state.
pub(crate) fn use_kaart() -> Kaart {
    expect_context::<Kaart>()
}

/// The searchable social map.
#[component]
pub fn KaartApp(
    /// The loaded map.
    map: LoadedMap,
    /// The web team's configuration.
    config: KaartConfig,
    /// Start in this state instead of the one in the page's URL (for tests and hosts).
    #[prop(optional)]
    initial: Option<ViewState>,
) -> impl IntoView {
    let shared_link = ViewState::from_fragment(&browser::fragment());
    let initial = if let Some(initial) = initial {
        initial
    } else if config.url_state {
        shared_link.clone().unwrap_or_default()
    } else {
        // Without url-state the map only follows a shared link to one service.
        ViewState {
            service: shared_link.and_then(|state| state.service),
            ..ViewState::default()
        }
    };
    let view = RwSignal::new(initial.clone());
    let place = RwSignal::new(None::<Place>);
    let nearest_first = RwSignal::new(false);
    let shown = RwSignal::new(PAGE);
    let map_value = StoredValue::new(map);
    let query = Memo::new(move |_| {
        let view = view.get();
        let near = place.get().map(|p| p.point);
        let sort = if nearest_first.get() && near.is_some() {
            Sort::Distance
        } else {
            view.sort()
        };
        let now = browser::now();
        Query {
            text: view.text.clone(),
            filters: Filters {
                include_not_running: config.mode == Mode::Worker,
                ..view.filters(now)
            },
            near,
            sort,
            limit: shown.get(),
            count_open_at: Some(now),
        }
    });
    let results =
        Memo::new(move |_| query.with(|query| map_value.with_value(|map| map.index.search(query))));
    let kaart = Kaart {
        map: map_value,
        mode: config.mode,
        report: StoredValue::new(config.report.clone()),
        guide_page: StoredValue::new(config.guide_page.clone()),
        blind_below: config.blind_below,
        ids: StoredValue::new(unique_id("ww-k")),
        view,
        typed: RwSignal::new(initial.text.clone()),
        place,
        nearest_first,
        shown,
        shortlist: RwSignal::new(Vec::new()),
        query,
        results,
        // Server rendering has no frames to spread the cards over.
        cards_ready: RwSignal::new(if cfg!(target_arch = "wasm32") {
            FIRST_CARDS
        } else {
            usize::MAX
        }),
        layout: RwSignal::new(Layout::List),
        chosen: RwSignal::new(Vec::new()),
        map_files: StoredValue::new(MapFiles {
            areas: config.areas.clone(),
            tiles: config.tiles.clone(),
        }),
        announcement: RwSignal::new(String::new()),
        return_focus: RwSignal::new(None),
        printing: RwSignal::new(None),
        container: NodeRef::new(),
    };
    provide_context(kaart);

    // A new question starts at the first page again.
    Effect::new(move |_| {
        view.with(|v| (v.text.clone(), v.has_filters()));
        place.track();
        shown.set(PAGE);
    });
    if config.url_state {
        Effect::new(move |_| {
            let fragment = view.with(ViewState::to_fragment);
            if browser::fragment() != fragment {
                browser::replace_fragment(&fragment);
            }
        });
        browser::on_hash_change(move || {
            if let Some(state) = ViewState::from_fragment(&browser::fragment()) {
                if view.with_untracked(|v| *v != state) {
                    kaart.typed.set(state.text.clone());
                    view.set(state);
                }
            }
        });
    }

    // The workers' overview is below the results: it is built just after them.
    let overview_ready = built_later();
    // A memo, so typing (which changes the view) does not rebuild the page: only opening or
    // closing a service does.
    let open_service = Memo::new(move |_| {
        view.with(|v| v.service.clone())
            .and_then(|id| kaart.doc_of(&id))
    });
    view! {
        <div
            class="ww-kaart-app"
            class:ww-printing=move || kaart.printing.with(Option::is_some)
            node_ref=kaart.container
        >
            <LiveRegion text=kaart.announcement />
            {move || match open_service.get() {
                Some(doc) => view! { <Detail doc /> }.into_any(),
                None => view! {
                    <div class="ww-search-area">
                        <SearchBox />
                        <Nearby />
                    </div>
                    <FilterBar />
                    <ResultList />
                    <Shortlist />
                    {(kaart.mode == Mode::Worker).then(|| view! {
                        <Show when=move || overview_ready.get()>
                            <CoverageOverview />
                        </Show>
                    })}
                }
                .into_any(),
            }}
            <PrintView />
        </div>
    }
}
