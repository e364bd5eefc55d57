//! Server-side render tests for the social map: every state renders the right thing.
#![cfg(feature = "ssr")]

use std::sync::Arc;

use leptos::prelude::*;
use wegwijs_directory::{import_json, ImportError};
use wegwijs_widgets::i18n::I18n;
use wegwijs_widgets::kaart::{KaartFailure, KaartState, KaartView};
use wegwijs_widgets::kit::WidgetRoot;
use wegwijs_widgets::load::FetchError;

fn render(lang: &str, state: KaartState) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let i18n = I18n::for_tag(Some(lang));
        let state = RwSignal::new(state);
        view! {
            <WidgetRoot i18n class="ww-kaart">
                <KaartView state=state.into() on_retry=Callback::new(|()| {}) />
            </WidgetRoot>
        }
        .to_html()
        // Leptos separates adjacent text nodes with `<!>` markers; they are not content.
        .replace("<!>", "")
    })
}

fn ready(json: &str) -> KaartState {
    KaartState::Ready(Arc::new(import_json(json).unwrap().directory))
}

const TWO_SERVICES: &str = r#"[
  {"id": "1", "name": "Schuldhulpmaatje", "description": "Een vrijwilliger helpt je met je geld. Gratis.",
   "email": "maatje@lindenhoven.example", "url": "https://schuldhulpmaatje.example/lindenhoven",
   "organization": {"name": "Stichting Maatwerk"},
   "phones": [{"number": "0341 - 12 34 56"}],
   "service_at_locations": [{"location": {"addresses": [{"address_1": "Kerkstraat 1", "postal_code": "3861 AB", "city": "Lindenhoven"}]}}]},
  {"id": "2", "name": "Voedselbank"}
]"#;

#[test]
fn the_root_sets_language_direction_and_no_translation() {
    let html = render("en", ready(TWO_SERVICES));
    assert!(html.contains(r#"lang="en""#), "{html}");
    assert!(html.contains(r#"dir="ltr""#), "{html}");
    assert!(html.contains(r#"translate="no""#), "{html}");
    assert!(html.contains("Social map"), "{html}");
}

#[test]
fn every_service_shows_its_details_and_actions() {
    let html = render("nl", ready(TWO_SERVICES));
    for expected in [
        "Schuldhulpmaatje",
        "Stichting Maatwerk",
        "Een vrijwilliger helpt je met je geld.",
        r#"href="tel:0341123456""#,
        "Bel 0341 - 12 34 56",
        r#"href="mailto:maatje@lindenhoven.example""#,
        r#"href="https://schuldhulpmaatje.example/lindenhoven""#,
        "schuldhulpmaatje.example/lindenhoven",
        "Kerkstraat 1, 3861 AB Lindenhoven",
        "Voedselbank",
        "2 plekken voor hulp",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
    assert_eq!(html.matches(r#"class="ww-card""#).count(), 2);
}

#[test]
fn hostile_text_is_escaped_and_hostile_links_are_not_links() {
    let html = render(
        "nl",
        ready(
            r#"[{"id": "x", "name": "<script>alert('naam')</script>",
                "description": "<img src=x onerror=alert(1)> Lees meer.",
                "url": "javascript:alert(1)",
                "organization": {"name": "<b>Org</b>", "website": "JAVASCRIPT:alert(2)"}}]"#,
        ),
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>Org"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(!html.to_ascii_lowercase().contains("javascript:"), "{html}");
}

#[test]
fn loading_shows_a_status_message() {
    let html = render("nl", KaartState::Loading);
    assert!(html.contains("De hulp in de buurt wordt geladen"), "{html}");
    assert!(
        html.contains(r#"<div role="status" class="ww-loading">"#),
        "{html}"
    );
}

#[test]
fn an_empty_list_says_so() {
    let html = render("nl", ready("[]"));
    assert!(
        html.contains("Er staat nog geen hulp op deze kaart"),
        "{html}"
    );
}

#[test]
fn each_failure_explains_itself_and_only_some_offer_a_retry() {
    let cases = [
        (
            KaartFailure::NoSource,
            "Deze kaart is nog niet goed ingesteld",
            false,
        ),
        (
            KaartFailure::Fetch(FetchError::Network("Failed to fetch".into())),
            "De hulp in de buurt kan nu niet laden",
            true,
        ),
        (
            KaartFailure::Fetch(FetchError::Status(404)),
            "We kunnen de lijst met hulp niet vinden",
            false,
        ),
        (
            KaartFailure::Fetch(FetchError::Status(503)),
            "De website heeft een storing",
            true,
        ),
        (
            KaartFailure::Data(ImportError::NotAServiceList { found: "text" }),
            "De lijst met hulp is beschadigd",
            false,
        ),
    ];
    for (failure, title, retry) in cases {
        let html = render("nl", KaartState::Failed(failure));
        assert!(html.contains(title), "missing {title:?} in {html}");
        assert!(html.contains(r#"role="alert""#), "{html}");
        assert_eq!(
            html.contains("Probeer het opnieuw"),
            retry,
            "{title}: {html}"
        );
        assert!(html.contains("Informatie voor de beheerder"), "{html}");
    }
}
