//! Server-side render tests for the samenwerkingsscan: the first screen and the failures.
#![cfg(feature = "ssr")]

use std::sync::Arc;

use leptos::prelude::*;
use wegwijs_assessment::Instrument;
use wegwijs_widgets::i18n::I18n;
use wegwijs_widgets::kit::WidgetRoot;
use wegwijs_widgets::load::FetchError;
use wegwijs_widgets::scan::{ScanApp, ScanConfig, ScanFailure, ScanState, ScanView};

fn instrument(file: &str) -> Arc<Instrument> {
    let text = match file {
        "vormen" => include_str!("../../../www/data/scan-vormen.json"),
        _ => include_str!("../../../www/data/scan-vensters.json"),
    };
    Arc::new(Instrument::from_json(text).unwrap())
}

fn render(lang: &str, view: impl FnOnce() -> AnyView + Send + 'static) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let i18n = I18n::for_tag(Some(lang), wegwijs_widgets::scan::TEXTS);
        // Built as a child, so the widget sees the language WidgetRoot provides.
        view! { <WidgetRoot i18n class="ww-scan">{view()}</WidgetRoot> }
            .to_html()
            .replace("<!>", "")
    })
}

fn render_state(lang: &str, state: ScanState) -> String {
    render(lang, move || {
        view! { <ScanView state=Signal::stored(state) on_retry=Callback::new(|()| {}) /> }
            .into_any()
    })
}

#[test]
fn the_first_screen_explains_the_scan_and_offers_both_roles() {
    let html = render("nl", || {
        view! { <ScanApp instrument=instrument("vormen") /> }.into_any()
    });
    for expected in [
        "Vormen van interprofessionele samenwerking",
        "Hoger is niet altijd beter.",
        "Ik vul de scan in",
        "Ik combineer de antwoorden van mijn team",
        "Er is geen server.",
        "tussenevaluatie Lokaal &amp; Integraal werken aan participatie",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
    assert!(html.contains(r#"lang="nl""#));
}

#[test]
fn with_a_server_the_start_screen_offers_a_live_session_and_says_what_it_sends() {
    let offline = render("nl", || {
        view! { <ScanApp instrument=instrument("vormen") /> }.into_any()
    });
    assert!(!offline.contains("live sessie"), "{offline}");
    let live = render("nl", || {
        view! { <ScanApp instrument=instrument("vormen") server=Some("/".to_owned()) /> }.into_any()
    });
    for expected in [
        "Ik start een live sessie voor mijn team",
        "Typ de code van de begeleider.",
        "Doe mee",
        "pas als er minstens 3 zijn",
    ] {
        assert!(live.contains(expected), "missing {expected:?} in {live}");
    }
    assert!(
        !live.contains("Er is geen server."),
        "the offline promise is not made"
    );
    assert!(
        live.contains(r#"autocapitalize="characters""#),
        "phones offer capitals for the code"
    );
}

#[test]
fn the_first_screen_follows_the_language_and_the_instrument() {
    let html = render("en", || {
        view! { <ScanApp instrument=instrument("vensters") /> }.into_any()
    });
    assert!(html.contains("I combine my team"), "{html}");
    let title = instrument("vensters").title.get("en").to_owned();
    assert!(html.contains(&title), "missing {title:?}");
    assert!(!html.contains("Ik vul de scan in"));
}

#[test]
fn loading_is_announced() {
    let html = render_state("nl", ScanState::Loading);
    assert!(
        html.contains("De samenwerkingsscan wordt geladen"),
        "{html}"
    );
    assert!(html.contains(r#"role="status""#), "{html}");
}

#[test]
fn failures_say_what_to_do_and_offer_a_retry_only_when_it_can_help() {
    let offline = render_state(
        "nl",
        ScanState::Failed(ScanFailure::Fetch(FetchError::Network("offline".into()))),
    );
    assert!(offline.contains("De samenwerkingsscan kan nu niet starten"));
    assert!(offline.contains("Kijk of je internet hebt en probeer het opnieuw."));
    assert!(
        offline.contains("<button"),
        "a network failure can be retried"
    );

    let not_found = render_state(
        "nl",
        ScanState::Failed(ScanFailure::Fetch(FetchError::Status(404))),
    );
    assert!(not_found.contains("Vraag de beheerder van de website om hulp."));
    assert!(
        !not_found.contains("<button"),
        "a missing file stays missing"
    );

    let missing = render_state("nl", ScanState::Failed(ScanFailure::NoInstrument));
    assert!(missing.contains("has no instrument attribute"), "{missing}");
    assert!(
        !missing.contains("<button"),
        "retrying cannot fix a missing attribute"
    );

    let broken = render_state(
        "nl",
        ScanState::Failed(ScanFailure::Invalid(
            Instrument::from_json("{\"dimensions\": []}").unwrap_err(),
        )),
    );
    assert!(
        broken.contains("the instrument file is not valid"),
        "{broken}"
    );
}

#[test]
fn the_config_reads_only_non_empty_attributes() {
    let config = ScanConfig::from_attributes(|name| match name {
        "instrument" => Some("/data/scan-vormen.json".into()),
        "lang" => Some("  ".into()),
        _ => None,
    });
    assert_eq!(config.instrument.as_deref(), Some("/data/scan-vormen.json"));
    assert_eq!(config.lang, None);
    assert!(ScanConfig::ATTRIBUTES.contains(&"instrument"));
}
