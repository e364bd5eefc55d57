//! `<wegwijs-hulpwijzer>`: an anonymous, low-threshold way in for residents.

mod advice;
mod app;
mod overview;
mod steps;
mod urgent;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wegwijs_guide::{Guide, GuideError};

use crate::i18n::{use_i18n, I18n, Part, COMMON, GIDS, KAART, MAP};
use crate::kaart::LoadedMap;
use crate::kit::{unique_id, Accepted, ErrorNotice, Loading, WidgetRoot, LANG};
use crate::load::{fetch_text, FetchError};
pub use app::GuideApp;
use urgent::{ContactLine, CrisisBox};

/// The texts this widget shows: its own and the sociale kaart's it shows help with.
pub static TEXTS: &[&Part] = &[&COMMON, &MAP, &KAART, &GIDS];

/// How a web team configured the hulpwijzer (from the element's attributes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuideConfig {
    /// URL of the guide definition (`guide`).
    pub guide: Option<String>,
    /// URL of the social map index (`index`) for the help on the advice page.
    pub index: Option<String>,
    /// URL of the social map as HSDS JSON (`src`), when there is no index.
    pub src: Option<String>,
    /// Language tag (`lang`); Dutch when absent.
    pub lang: Option<String>,
    /// The page of the site with the social map (`kaart`), for "Meer over deze hulp".
    pub kaart: Option<String>,
}

impl GuideConfig {
    /// The attributes the element reads; a change to any of them re-renders the widget.
    pub const ATTRIBUTES: &'static [&'static str] = &["guide", "index", "src", "lang", "kaart"];

    /// The values the attributes accept, for the web team's warnings.
    pub const ACCEPTED: &'static [Accepted] = &[LANG];

    /// Builds the config from attribute values, given a lookup by attribute name.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Self {
        let non_empty = |name: &str| get(name).filter(|value| !value.trim().is_empty());
        Self {
            guide: non_empty("guide"),
            index: non_empty("index"),
            src: non_empty("src"),
            lang: non_empty("lang"),
            kaart: non_empty("kaart"),
        }
    }
}

/// A loaded guide, with the social map when it could be loaded.
#[derive(Debug, Clone)]
pub struct LoadedGuide {
    /// The municipality's guide.
    pub guide: Arc<Guide>,
    /// The social map for the advice page; without it the advice still shows contacts,
    /// what to do yourself and the team.
    pub map: Option<LoadedMap>,
}

impl PartialEq for LoadedGuide {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.guide, &other.guide) && self.map == other.map
    }
}

/// What the hulpwijzer shows.
#[derive(Debug, Clone, PartialEq)]
pub enum GuideState {
    /// The guide is on its way.
    Loading,
    /// Ready.
    Ready(LoadedGuide),
    /// The guide could not be loaded.
    Failed(GuideFailure),
}

/// Why the hulpwijzer cannot start.
#[derive(Debug, Clone, PartialEq)]
pub enum GuideFailure {
    /// No `guide` attribute.
    NoGuide,
    /// The guide file could not be fetched.
    Fetch(FetchError),
    /// The guide file is not a usable guide.
    Invalid(GuideError),
}

/// Loads the guide and, if configured, the social map.
pub async fn load_guide(config: &GuideConfig) -> GuideState {
    let Some(url) = &config.guide else {
        return GuideState::Failed(GuideFailure::NoGuide);
    };
    let guide = match fetch_text(url).await {
        Err(error) => return GuideState::Failed(GuideFailure::Fetch(error)),
        Ok(text) => match Guide::from_json(&text) {
            Err(error) => return GuideState::Failed(GuideFailure::Invalid(error)),
            Ok(guide) => Arc::new(guide),
        },
    };
    // The map is a help, not a condition: the advice works without it.
    let map = LoadedMap::fetch(config.index.as_deref(), config.src.as_deref())
        .await
        .ok();
    GuideState::Ready(LoadedGuide { guide, map })
}

/// The hulpwijzer widget.
#[component]
pub fn Hulpwijzer(
    /// The web team's configuration.
    config: GuideConfig,
) -> impl IntoView {
    let i18n = I18n::for_tag(config.lang.as_deref(), TEXTS);
    let state = RwSignal::new(GuideState::Loading);
    let kaart_page = config.kaart.clone();
    let load = move || {
        state.set(GuideState::Loading);
        let config = config.clone();
        spawn_local(async move {
            let loaded = load_guide(&config).await;
            let _ = state.try_set(loaded);
        });
    };
    load();
    view! {
        <WidgetRoot i18n class="ww-gids">
            <GuideView state=state.into() on_retry=Callback::new(move |()| load()) kaart_page />
        </WidgetRoot>
    }
}

/// The hulpwijzer for a given state.
#[component]
pub fn GuideView(
    /// What to show.
    state: Signal<GuideState>,
    /// Called when the user asks to try loading again.
    on_retry: Callback<()>,
    /// The page of the social map, for links to a service's details.
    #[prop(default = None)]
    kaart_page: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || match state.get() {
        GuideState::Loading => view! { <Loading label=i18n.t("gids.loading") /> }.into_any(),
        GuideState::Ready(loaded) => {
            let kaart_page = kaart_page.clone();
            view! { <GuideApp loaded kaart_page /> }.into_any()
        }
        GuideState::Failed(failure) => {
            let (title, body, retry, details) = match &failure {
                GuideFailure::NoGuide => (
                    "gids.error.config-title",
                    "gids.error.body",
                    None,
                    "<wegwijs-hulpwijzer> has no guide attribute".to_owned(),
                ),
                GuideFailure::Fetch(FetchError::Network(_)) => (
                    "gids.error.title",
                    "gids.error.network",
                    Some(on_retry),
                    failure_text(&failure),
                ),
                GuideFailure::Fetch(FetchError::Status(_)) | GuideFailure::Invalid(_) => (
                    "gids.error.title",
                    "gids.error.body",
                    None,
                    failure_text(&failure),
                ),
            };
            // Whatever failed, the national crisis lines are there.
            let lines = wegwijs_guide::national::crisis_lines()
                .iter()
                .map(|c| ContactLine::of(c, i18n.lang()))
                .collect();
            view! {
                <CrisisBox contacts=lines label_id=unique_id("ww-g-direct") />
                <ErrorNotice title=i18n.t(title) body=i18n.t(body) details=Some(details) on_retry=retry />
            }
            .into_any()
        }
    }
}

fn failure_text(failure: &GuideFailure) -> String {
    match failure {
        GuideFailure::NoGuide => String::new(),
        GuideFailure::Fetch(error) => error.to_string(),
        GuideFailure::Invalid(error) => format!("the guide file is not valid: {error}"),
    }
}
