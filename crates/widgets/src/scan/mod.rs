//! `<wegwijs-samenwerkingsscan>`: a team measures its interprofessional collaboration,
//! without a server (share codes), or in a live session on a Wegwijs server (`server`).

mod app;
mod charts;
mod host;
mod join;
mod kept;
mod live;
mod respond;
mod team;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wegwijs_assessment::instrument::InstrumentError;
use wegwijs_assessment::Instrument;

use crate::i18n::{use_i18n, I18n, Part, COMMON, SCAN};
use crate::kit::{Accepted, ErrorNotice, Loading, WidgetRoot, LANG};
use crate::load::{fetch_text, FetchError};
pub use app::ScanApp;

/// The texts this widget shows.
pub static TEXTS: &[&Part] = &[&COMMON, &SCAN];

/// How a web team configured the scan (from the element's attributes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanConfig {
    /// URL of the instrument definition (`instrument`).
    pub instrument: Option<String>,
    /// Language tag (`lang`); Dutch when absent.
    pub lang: Option<String>,
    /// Address of a Wegwijs server for live sessions (`server`, e.g. `/`); none: share
    /// codes only.
    pub server: Option<String>,
}

impl ScanConfig {
    /// The attributes the element reads; a change to any of them re-renders the widget.
    pub const ATTRIBUTES: &'static [&'static str] = &["instrument", "lang", "server"];

    /// The values the attributes accept, for the web team's warnings.
    pub const ACCEPTED: &'static [Accepted] = &[LANG];

    /// Builds the config from attribute values, given a lookup by attribute name.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Self {
        let non_empty = |name: &str| get(name).filter(|value| !value.trim().is_empty());
        Self {
            instrument: non_empty("instrument"),
            lang: non_empty("lang"),
            server: non_empty("server"),
        }
    }
}

/// What the scan shows.
#[derive(Debug, Clone, PartialEq)]
pub enum ScanState {
    /// The instrument is on its way.
    Loading,
    /// Ready.
    Ready(Arc<Instrument>),
    /// The instrument could not be loaded.
    Failed(ScanFailure),
}

/// Why the scan cannot start.
#[derive(Debug, Clone, PartialEq)]
pub enum ScanFailure {
    /// No `instrument` attribute.
    NoInstrument,
    /// The file could not be fetched.
    Fetch(FetchError),
    /// The file is not a usable instrument.
    Invalid(InstrumentError),
}

/// The scan widget.
#[component]
pub fn Samenwerkingsscan(
    /// The web team's configuration.
    config: ScanConfig,
) -> impl IntoView {
    let i18n = I18n::for_tag(config.lang.as_deref(), TEXTS);
    let server = config.server.clone();
    let state = RwSignal::new(ScanState::Loading);
    let load = move || {
        state.set(ScanState::Loading);
        let url = config.instrument.clone();
        spawn_local(async move {
            let loaded = match url {
                None => ScanState::Failed(ScanFailure::NoInstrument),
                Some(url) => match fetch_text(&url).await {
                    Err(error) => ScanState::Failed(ScanFailure::Fetch(error)),
                    Ok(text) => match Instrument::from_json(&text) {
                        Ok(instrument) => ScanState::Ready(Arc::new(instrument)),
                        Err(error) => ScanState::Failed(ScanFailure::Invalid(error)),
                    },
                },
            };
            let _ = state.try_set(loaded);
        });
    };
    load();
    view! {
        <WidgetRoot i18n class="ww-scan">
            <ScanView state=state.into() on_retry=Callback::new(move |()| load()) server />
        </WidgetRoot>
    }
}

/// The scan for a given state.
#[component]
pub fn ScanView(
    /// What to show.
    state: Signal<ScanState>,
    /// Called when the user asks to try loading again.
    on_retry: Callback<()>,
    /// The live-session server's address, if any.
    #[prop(default = None)]
    server: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || match state.get() {
        ScanState::Loading => view! { <Loading label=i18n.t("scan.loading") /> }.into_any(),
        ScanState::Ready(instrument) => {
            let server = server.clone();
            view! { <ScanApp instrument server /> }.into_any()
        }
        ScanState::Failed(failure) => {
            // Only a lost connection can be fixed by trying again; say so.
            let network = matches!(failure, ScanFailure::Fetch(FetchError::Network(_)));
            let retry = network.then_some(on_retry);
            let body = if network {
                "error.network.body"
            } else {
                "scan.error.body"
            };
            let details = match &failure {
                ScanFailure::NoInstrument => {
                    "<wegwijs-samenwerkingsscan> has no instrument attribute".to_owned()
                }
                ScanFailure::Fetch(error) => error.to_string(),
                ScanFailure::Invalid(error) => format!("the instrument file is not valid: {error}"),
            };
            view! {
                <ErrorNotice title=i18n.t("scan.error.title") body=i18n.t(body) details=Some(details) on_retry=retry />
            }
            .into_any()
        }
    }
}
