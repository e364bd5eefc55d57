//! `<wegwijs-sociale-kaart>`: the social map residents and workers search.

mod app;
mod card;
mod coverage;
mod detail;
mod filters;
pub(crate) mod format;
mod icons;
mod nearby;
mod on_map;
mod results;
mod search_box;
mod shortlist;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wegwijs_directory::places::PostcodeTable;
use wegwijs_directory::{ImportError, Index, IndexError, Vocabulary};

use crate::i18n::{use_i18n, I18n, Part, COMMON, KAART, MAP};
use crate::kit::{unique_id, Accepted, ErrorNotice, LiveRegion, Loading, WidgetRoot, LANG};
use crate::load::{fetch_bytes, fetch_text, FetchError};
pub use app::KaartApp;
pub use icons::DomainIcon;

/// The texts this widget shows: its own and the plattegrond's it draws.
pub static TEXTS: &[&Part] = &[&COMMON, &MAP, &KAART];

/// Who uses the map.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// Residents (the default).
    #[default]
    Resident,
    /// Social-domain workers: referral details, contact persons, coverage overview.
    Worker,
}

/// How a web team configured the social map (from the element's attributes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KaartConfig {
    /// URL of the HSDS JSON file (`src`); indexed in the browser.
    pub src: Option<String>,
    /// URL of an index made by `wegwijs index` (`index`); preferred over `src`.
    pub index: Option<String>,
    /// Language tag (`lang`); Dutch when absent.
    pub lang: Option<String>,
    /// `mode="medewerker"` for workers.
    pub mode: Mode,
    /// `url-state`: keep the search and filters in the page's URL fragment.
    pub url_state: bool,
    /// URL of the postcode table (`postcodes`); without it, postcodes come from the data.
    pub postcodes: Option<String>,
    /// Where "Klopt er iets niet?" goes (`report`): a `mailto:` or https address.
    pub report: Option<String>,
    /// The page of the site with the hulpwijzer (`hulpwijzer`), offered when a question is
    /// too vague to search.
    pub guide_page: Option<String>,
    /// `blind-spot-below`: workers see a cell with fewer services than this as a blind spot.
    pub blind_below: usize,
    /// URL of the neighbourhood outlines (`areas`, GeoJSON made with `wegwijs areas`): with
    /// it the results can be shown on a map.
    pub areas: Option<String>,
    /// A tile server's URL template (`tiles`) for the map's background; without it the map
    /// requests nothing from any other server.
    pub tiles: Option<String>,
}

impl KaartConfig {
    /// The attributes the element reads; a change to any of them re-renders the widget.
    pub const ATTRIBUTES: &'static [&'static str] = &[
        "src",
        "index",
        "lang",
        "mode",
        "url-state",
        "postcodes",
        "report",
        "hulpwijzer",
        "blind-spot-below",
        "areas",
        "tiles",
    ];

    /// The values the attributes accept, for the web team's warnings.
    pub const ACCEPTED: &'static [Accepted] = &[
        LANG,
        Accepted {
            name: "mode",
            accepts: |v| matches!(v, "medewerker" | "worker" | "inwoner" | "resident"),
            values: "medewerker (workers), or leave it out (residents)",
        },
        Accepted {
            name: "blind-spot-below",
            accepts: |v| v.parse::<usize>().is_ok(),
            values: "a whole number such as 3",
        },
        crate::map::TILES,
    ];

    /// Builds the config from attribute values, given a lookup by attribute name.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Self {
        let non_empty = |name: &str| get(name).filter(|value| !value.trim().is_empty());
        Self {
            src: non_empty("src"),
            index: non_empty("index"),
            lang: non_empty("lang"),
            mode: match non_empty("mode").as_deref().map(str::trim) {
                Some("medewerker" | "worker") => Mode::Worker,
                _ => Mode::Resident,
            },
            url_state: get("url-state").is_some_and(|v| v.trim() != "false"),
            postcodes: non_empty("postcodes"),
            report: non_empty("report"),
            guide_page: non_empty("hulpwijzer"),
            blind_below: non_empty("blind-spot-below")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(wegwijs_directory::coverage::DEFAULT_BLIND_BELOW),
            areas: non_empty("areas"),
            tiles: crate::map::usable_tiles(get("tiles")),
        }
    }
}

/// A loaded social map.
#[derive(Debug, Clone)]
pub struct LoadedMap {
    /// The searchable services.
    pub index: Arc<Index>,
    /// Postcode areas, for "near me".
    pub postcodes: Arc<PostcodeTable>,
}

impl PartialEq for LoadedMap {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.index, &other.index) && Arc::ptr_eq(&self.postcodes, &other.postcodes)
    }
}

impl LoadedMap {
    /// A map from a loaded index, with the postcode areas taken from its services.
    pub fn from_index(index: Index) -> Self {
        let postcodes = PostcodeTable::from_directory(index.directory());
        Self {
            index: Arc::new(index),
            postcodes: Arc::new(postcodes),
        }
    }

    /// Indexes a directory in the browser, with the postcode areas taken from its services.
    pub fn from_directory(directory: wegwijs_directory::Directory) -> Self {
        let postcodes = PostcodeTable::from_directory(&directory);
        Self {
            index: Arc::new(Index::build(directory, Vocabulary::dutch())),
            postcodes: Arc::new(postcodes),
        }
    }

    /// Fetches and reads a map: the index made by `wegwijs index` when there is one (`index`),
    /// else the HSDS JSON (`src`), indexed here. The browser gets a moment after reading.
    pub async fn fetch(index: Option<&str>, src: Option<&str>) -> Result<Self, KaartFailure> {
        match (index, src) {
            (Some(index), _) => {
                let bytes = fetch_bytes(index).await.map_err(KaartFailure::Fetch)?;
                let index = Index::from_bytes(&bytes).map_err(KaartFailure::Index)?;
                crate::browser::yield_to_browser().await;
                Ok(Self::from_index(index))
            }
            (None, Some(src)) => Self::fetch_json(src).await,
            (None, None) => Err(KaartFailure::NoSource),
        }
    }

    /// Fetches HSDS JSON and indexes it.
    #[cfg(feature = "json-src")]
    async fn fetch_json(src: &str) -> Result<Self, KaartFailure> {
        let text = fetch_text(src).await.map_err(KaartFailure::Fetch)?;
        let imported = wegwijs_directory::import_json(&text).map_err(KaartFailure::Data)?;
        crate::browser::yield_to_browser().await;
        Ok(Self::from_directory(imported.directory))
    }

    /// Built without the HSDS JSON reader: `wegwijs.js` gives an element with only `src`
    /// the bundle that has it, so this answers only a page that went around the loader.
    #[cfg(not(feature = "json-src"))]
    async fn fetch_json(_src: &str) -> Result<Self, KaartFailure> {
        Err(KaartFailure::NoJsonReader)
    }
}

/// What the social map shows.
#[derive(Debug, Clone, PartialEq)]
pub enum KaartState {
    /// The data is on its way.
    Loading,
    /// The services are here.
    Ready(LoadedMap),
    /// Nothing to show, and why.
    Failed(KaartFailure),
}

/// Why the social map has nothing to show.
#[derive(Debug, Clone, PartialEq)]
pub enum KaartFailure {
    /// The element has neither `src` nor `index`.
    NoSource,
    /// A file could not be fetched.
    Fetch(FetchError),
    /// The JSON is not a usable HSDS service list.
    Data(ImportError),
    /// The index file is not usable.
    Index(IndexError),
    /// Only `src` is given, and this bundle reads only indexes.
    NoJsonReader,
}

/// Fetches the configured files (the data and the postcode table at the same time) and makes
/// the map searchable.
pub async fn load_map(config: &KaartConfig) -> KaartState {
    let postcode_table = async {
        match &config.postcodes {
            Some(url) => Some((url, fetch_text(url).await)),
            None => None,
        }
    };
    let (map, postcode_table) = futures::future::join(load_data(config), postcode_table).await;
    let map = match map {
        Ok(map) => map,
        Err(failure) => return KaartState::Failed(failure),
    };
    // A postcode table is a nicety: without it (or when it is broken) the data's own
    // postcodes are used.
    let postcodes = match postcode_table {
        Some((url, fetched)) => {
            let table = match fetched {
                Ok(text) => PostcodeTable::from_json(&text),
                Err(error) => Err(error.to_string()),
            };
            match table {
                Ok(table) => Arc::new(table),
                Err(why) => {
                    crate::browser::warn(&format!(
                        "Wegwijs <wegwijs-sociale-kaart>: the postcode table {url} cannot be used ({why}); the services' own postcodes are used instead."
                    ));
                    map.postcodes.clone()
                }
            }
        }
        None => map.postcodes.clone(),
    };
    KaartState::Ready(LoadedMap { postcodes, ..map })
}

/// Fetches and reads the index (preferred) or the HSDS JSON. Between reading and showing the
/// first results the browser gets a moment, so that neither blocks a phone for long.
async fn load_data(config: &KaartConfig) -> Result<LoadedMap, KaartFailure> {
    let map = LoadedMap::fetch(config.index.as_deref(), config.src.as_deref()).await?;
    crate::browser::yield_to_browser().await;
    Ok(map)
}

/// The social map widget: loads its data and lets people search it.
#[component]
pub fn SocialeKaart(
    /// The web team's configuration.
    config: KaartConfig,
) -> impl IntoView {
    let i18n = I18n::for_tag(config.lang.as_deref(), TEXTS);
    let state = RwSignal::new(KaartState::Loading);
    let load_config = config.clone();
    let load = move || {
        state.set(KaartState::Loading);
        let config = load_config.clone();
        spawn_local(async move {
            let loaded = load_map(&config).await;
            // The widget may have been removed from the page in the meantime.
            let _ = state.try_set(loaded);
        });
    };
    load();
    view! {
        <WidgetRoot i18n class="ww-kaart">
            <KaartView state=state.into() config on_retry=Callback::new(move |()| load()) />
        </WidgetRoot>
    }
}

/// The social map for a given state; renders the same natively and in the browser.
#[component]
pub fn KaartView(
    /// What to show.
    state: Signal<KaartState>,
    /// The web team's configuration.
    config: KaartConfig,
    /// Called when the user asks to try loading again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = unique_id("ww-kaart-title");
    let labelled_by = heading_id.clone();
    let status = Signal::derive(move || match state.get() {
        KaartState::Loading | KaartState::Ready(_) => String::new(),
        KaartState::Failed(_) => i18n.t("kaart.failed"),
    });
    view! {
        <section class="ww-kaart-section" aria-labelledby=labelled_by>
            <h2 id=heading_id class="ww-title">{i18n.t("kaart.title")}</h2>
            <LiveRegion text=status />
            {move || match state.get() {
                KaartState::Loading => view! { <Loading label=i18n.t("kaart.loading") /> }.into_any(),
                KaartState::Failed(failure) => failure_notice(i18n, &failure, on_retry).into_any(),
                KaartState::Ready(map) if map.index.services().is_empty() => view! {
                    <ErrorNotice title=i18n.t("kaart.empty.title") body=i18n.t("kaart.empty.body") />
                }
                .into_any(),
                KaartState::Ready(map) => view! { <KaartApp map config=config.clone() /> }.into_any(),
            }}
        </section>
    }
}

fn failure_notice(i18n: I18n, failure: &KaartFailure, on_retry: Callback<()>) -> impl IntoView {
    let ((title, body), retry) = match failure {
        KaartFailure::NoSource | KaartFailure::NoJsonReader => {
            (("error.config.title", "error.config.body"), None)
        }
        KaartFailure::Fetch(FetchError::Network(_)) => (
            ("error.network.title", "error.network.body"),
            Some(on_retry),
        ),
        KaartFailure::Fetch(FetchError::Status(404 | 410)) => {
            (("error.not-found.title", "error.not-found.body"), None)
        }
        KaartFailure::Fetch(FetchError::Status(_)) => {
            (("error.server.title", "error.server.body"), Some(on_retry))
        }
        KaartFailure::Data(_) | KaartFailure::Index(_) => {
            (("error.data.title", "error.data.body"), None)
        }
    };
    let details = match failure {
        KaartFailure::NoSource => {
            "<wegwijs-sociale-kaart> has neither a src nor an index attribute".to_owned()
        }
        KaartFailure::NoJsonReader => {
            "this bundle reads only index files; load the widgets with wegwijs.js, which picks the bundle that reads src".to_owned()
        }
        KaartFailure::Fetch(error) => error.to_string(),
        KaartFailure::Data(error) => error.to_string(),
        KaartFailure::Index(error) => error.to_string(),
    };
    view! {
        <ErrorNotice
            title=i18n.t(title)
            body=i18n.t(body)
            details=Some(details)
            on_retry=retry
        />
    }
}
