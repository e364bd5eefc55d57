//! `<wegwijs-sociale-kaart>`: the social map.

mod card;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wegwijs_directory::{import_json, Directory, ImportError};

use crate::i18n::{use_i18n, I18n};
use crate::kit::{unique_id, ErrorNotice, LiveRegion, Loading, WidgetRoot};
use crate::load::{fetch_text, FetchError};
use card::ServiceCard;

/// How a web team configured the social map (from the element's attributes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KaartConfig {
    /// URL of the HSDS JSON file (`src`).
    pub src: Option<String>,
    /// Language tag (`lang`); Dutch when absent.
    pub lang: Option<String>,
}

impl KaartConfig {
    /// The attributes the element reads; a change to any of them re-renders the widget.
    pub const ATTRIBUTES: &'static [&'static str] = &["src", "lang"];

    /// Builds the config from attribute values, given a lookup by attribute name.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Self {
        let non_empty = |name: &str| get(name).filter(|value| !value.trim().is_empty());
        Self {
            src: non_empty("src"),
            lang: non_empty("lang"),
        }
    }
}

/// What the social map shows.
#[derive(Debug, Clone, PartialEq)]
pub enum KaartState {
    /// The data file is on its way.
    Loading,
    /// The services are here.
    Ready(Arc<Directory>),
    /// Nothing to show, and why.
    Failed(KaartFailure),
}

/// Why the social map has nothing to show.
#[derive(Debug, Clone, PartialEq)]
pub enum KaartFailure {
    /// The element has no `src` attribute.
    NoSource,
    /// The file could not be fetched.
    Fetch(FetchError),
    /// The file is not a usable HSDS service list.
    Data(ImportError),
}

/// Fetches and imports the social map at `src`.
pub async fn load_directory(src: &str) -> KaartState {
    match fetch_text(src).await {
        Err(error) => KaartState::Failed(KaartFailure::Fetch(error)),
        Ok(text) => match import_json(&text) {
            Ok(imported) => KaartState::Ready(Arc::new(imported.directory)),
            Err(error) => KaartState::Failed(KaartFailure::Data(error)),
        },
    }
}

/// The social map widget: loads its data file and shows every service.
#[component]
pub fn SocialeKaart(
    /// The web team's configuration.
    config: KaartConfig,
) -> impl IntoView {
    let i18n = I18n::for_tag(config.lang.as_deref());
    let state = RwSignal::new(KaartState::Loading);
    let load = move || match config.src.clone() {
        None => state.set(KaartState::Failed(KaartFailure::NoSource)),
        Some(src) => {
            state.set(KaartState::Loading);
            spawn_local(async move {
                let loaded = load_directory(&src).await;
                // The widget may have been removed from the page in the meantime.
                let _ = state.try_set(loaded);
            });
        }
    };
    load();
    view! {
        <WidgetRoot i18n class="ww-kaart">
            <KaartView state=state.into() on_retry=Callback::new(move |()| load()) />
        </WidgetRoot>
    }
}

/// The social map for a given state; renders the same natively and in the browser.
#[component]
pub fn KaartView(
    /// What to show.
    state: Signal<KaartState>,
    /// Called when the user asks to try loading again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = unique_id("ww-kaart-title");
    let labelled_by = heading_id.clone();
    let announcement = Signal::derive(move || match state.get() {
        KaartState::Loading => String::new(),
        KaartState::Ready(directory) => i18n.t_count("kaart.count", directory.services.len()),
        KaartState::Failed(_) => i18n.t("kaart.failed"),
    });
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id class="ww-title">{i18n.t("kaart.title")}</h2>
            <LiveRegion text=announcement />
            {move || match state.get() {
                KaartState::Loading => view! { <Loading label=i18n.t("kaart.loading") /> }.into_any(),
                KaartState::Failed(failure) => failure_notice(i18n, &failure, on_retry).into_any(),
                KaartState::Ready(directory) if directory.services.is_empty() => view! {
                    <ErrorNotice title=i18n.t("kaart.empty.title") body=i18n.t("kaart.empty.body") />
                }
                .into_any(),
                KaartState::Ready(directory) => view! { <ServiceList directory /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ServiceList(directory: Arc<Directory>) -> impl IntoView {
    let i18n = use_i18n();
    let count = i18n.t_count("kaart.count", directory.services.len());
    view! {
        <p class="ww-count" aria-hidden="true">{count}</p>
        <ul class="ww-results" role="list">
            {directory
                .services
                .iter()
                .map(|service| view! { <ServiceCard service=service.clone() /> })
                .collect_view()}
        </ul>
    }
}

fn failure_notice(i18n: I18n, failure: &KaartFailure, on_retry: Callback<()>) -> impl IntoView {
    let ((title, body), retry) = match failure {
        KaartFailure::NoSource => (("error.config.title", "error.config.body"), None),
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
        KaartFailure::Data(_) => (("error.data.title", "error.data.body"), None),
    };
    let details = match failure {
        KaartFailure::NoSource => "<wegwijs-sociale-kaart> has no src attribute".to_owned(),
        KaartFailure::Fetch(error) => error.to_string(),
        KaartFailure::Data(error) => error.to_string(),
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
