//! Server-side render tests for the social map: every state renders the right thing.
#![cfg(feature = "ssr")]

use leptos::prelude::*;
use wegwijs_directory::import::import_spreadsheet;
use wegwijs_directory::view_state::ViewState;
use wegwijs_directory::{import_json, Domain, ImportError, IndexError, Vocabulary};
use wegwijs_widgets::i18n::I18n;
use wegwijs_widgets::kaart::{
    KaartApp, KaartConfig, KaartFailure, KaartState, KaartView, LoadedMap, Mode,
};
use wegwijs_widgets::kit::WidgetRoot;
use wegwijs_widgets::load::FetchError;

fn render_state(lang: &str, state: KaartState) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let i18n = I18n::for_tag(Some(lang), wegwijs_widgets::kaart::TEXTS);
        let state = RwSignal::new(state);
        view! {
            <WidgetRoot i18n class="ww-kaart">
                <KaartView state=state.into() config=KaartConfig::default() on_retry=Callback::new(|()| {}) />
            </WidgetRoot>
        }
        .to_html()
        // Leptos separates adjacent text nodes with `<!>` markers; they are not content.
        .replace("<!>", "")
    })
}

fn render_app(lang: &str, map: LoadedMap, config: KaartConfig, initial: ViewState) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let i18n = I18n::for_tag(Some(lang), wegwijs_widgets::kaart::TEXTS);
        view! {
            <WidgetRoot i18n class="ww-kaart">
                <KaartApp map config initial />
            </WidgetRoot>
        }
        .to_html()
        .replace("<!>", "")
    })
}

fn json_map(json: &str) -> LoadedMap {
    LoadedMap::from_directory(import_json(json).unwrap().directory)
}

const MAP: &str = "\
naam,organisatie,omschrijving,leefgebieden,voorziening,toegang,doelgroepen,telefoon,email,website,adres,postcode,plaats,lat,lon,openingstijden,kosten,gecontroleerd,trefwoorden,aanmelden
Schuldhulpmaatje,Stichting Maatwerk,Een vrijwilliger helpt je met je geld. Gratis.,geld,informeel,vrij,volwassenen,0341 - 12 34 56,maatje@lindenhoven.example,https://schuldhulpmaatje.example/lindenhoven,Kerkstraat 1,3861 AB,Lindenhoven,52.06,5.75,ma-vr 9-17,gratis,2024-01-01,,Bel of mail.
Voedselbank,,Eten voor wie te weinig geld heeft.,geld,informeel,verwijzing,ouders,,,,,,,,,,,,,
Sociaal wijkteam Centrum,Gemeente,Het wijkteam helpt je verder.,geld; wonen; contact,algemeen,vrij,volwassenen,0342 400010,,,Marktplein 5,3951 AA,Lindenhoven,52.07,5.76,ma-vr 8.30-17,gratis,2026-10-01,wijkteam,
";

fn csv_map() -> LoadedMap {
    LoadedMap::from_directory(
        import_spreadsheet("kaart.csv", MAP, &Vocabulary::dutch())
            .unwrap()
            .directory,
    )
}

#[test]
fn the_root_sets_language_direction_and_no_translation() {
    let html = render_app(
        "en",
        csv_map(),
        KaartConfig::default(),
        ViewState::default(),
    );
    assert!(html.contains(r#"lang="en""#), "{html}");
    assert!(html.contains(r#"dir="ltr""#), "{html}");
    assert!(html.contains(r#"translate="no""#), "{html}");
    assert!(html.contains("What do you need help with?"), "{html}");
}

#[test]
fn every_service_shows_its_facts_and_actions() {
    let html = render_app(
        "nl",
        csv_map(),
        KaartConfig::default(),
        ViewState::default(),
    );
    for expected in [
        "Schuldhulpmaatje",
        "Stichting Maatwerk",
        "Een vrijwilliger helpt je met je geld.",
        "Gratis",
        "Geen verwijzing nodig",
        "Verwijzing nodig",
        r#"href="tel:0341123456""#,
        "Bel 0341 - 12 34 56",
        r#"href="mailto:maatje@lindenhoven.example""#,
        r#"href="https://schuldhulpmaatje.example/lindenhoven""#,
        "schuldhulpmaatje.example/lindenhoven",
        "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&amp;route=%3B52.06000%2C5.75000",
        "3 plekken voor hulp",
        "Meer informatie",
        "Zet op mijn lijstje",
        "Waar zoek je hulp bij?",
        r#"role="combobox""#,
        "Postcode (4 cijfers)",
        "Gebruik mijn locatie",
        r#"aria-pressed="false""#,
        "Geld en schulden",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
    assert_eq!(html.matches(r#"class="ww-card""#).count(), 3);
}

#[test]
fn a_search_with_filters_shows_the_chosen_filters_and_counts() {
    let state = ViewState {
        text: "geld".into(),
        domains: vec![Domain::Geld],
        free: true,
        ..ViewState::default()
    };
    let html = render_app("nl", csv_map(), KaartConfig::default(), state);
    assert!(html.contains("Gekozen filters:"), "{html}");
    assert!(html.contains("Filter Gratis weghalen"), "{html}");
    assert!(html.contains("Filter Geld en schulden weghalen"), "{html}");
    assert!(html.contains(r#"aria-pressed="true""#), "{html}");
    assert!(html.contains("3 plekken voor hulp"), "{html}");
}

#[test]
fn no_results_explain_what_to_try_and_offer_the_neighbourhood_team() {
    let state = ViewState {
        text: "xyzzy plugh".into(),
        ..ViewState::default()
    };
    let html = render_app("nl", csv_map(), KaartConfig::default(), state);
    assert!(html.contains("0 plekken voor hulp"), "{html}");
    assert!(
        html.contains("We vinden geen hulp bij deze woorden."),
        "{html}"
    );
    assert!(
        html.contains("Het wijkteam helpt je altijd verder")
            || html.contains("wijkteam helpt je altijd verder"),
        "{html}"
    );
    assert!(html.contains("Sociaal wijkteam Centrum"), "{html}");
}

#[test]
fn the_detail_view_shows_everything_that_matters() {
    let map = csv_map();
    let id = map.index.services()[0].id.clone();
    let config = KaartConfig {
        report: Some("mailto:kaart@lindenhoven.example".into()),
        ..KaartConfig::default()
    };
    let html = render_app(
        "nl",
        map,
        config,
        ViewState {
            service: Some(id),
            ..ViewState::default()
        },
    );
    for expected in [
        "Terug naar alle hulp",
        r#"tabindex="-1""#,
        "Zo meld je je aan",
        "Bel of mail.",
        "Openingstijden",
        "maandag",
        "9:00 – 17:00",
        "zondag",
        "Dicht",
        "Laatst gecontroleerd",
        "1 januari 2024",
        "Deze informatie is ouder dan een jaar",
        "Klopt er iets niet?",
        "mailto:kaart@lindenhoven.example?subject=",
        "Print",
        "Kopieer link",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
    assert!(
        !html.contains("ww-card"),
        "the list is replaced by the details"
    );
}

#[test]
fn a_service_at_two_places_shows_the_hours_of_each_place() {
    let schedule = |day: &str| {
        format!(
            r#"[{{"freq": "WEEKLY", "byday": "{day}", "opens_at": "09:00", "closes_at": "12:00"}}]"#
        )
    };
    let json = format!(
        r#"[{{"id": "s", "name": "Spreekuur", "service_at_locations": [
            {{"schedules": {}, "location": {{"name": "Buurthuis Noord"}}}},
            {{"schedules": {}, "location": {{"name": "Bibliotheek Zuid"}}}}]}}]"#,
        schedule("MO"),
        schedule("TH")
    );
    let html = render_app(
        "nl",
        json_map(&json),
        KaartConfig::default(),
        ViewState {
            service: Some("s".into()),
            ..ViewState::default()
        },
    );
    let north = html
        .find("Buurthuis Noord</p>")
        .expect("the first place is named");
    let south = html
        .find("Bibliotheek Zuid</p>")
        .expect("the second place is named");
    let monday_first = &html[north..south];
    assert!(
        monday_first.contains("maandag</th><td>9:00 – 12:00"),
        "{monday_first}"
    );
    assert!(
        monday_first.contains("donderdag</th><td>Dicht"),
        "{monday_first}"
    );
    assert!(
        html[south..].contains("donderdag</th><td>9:00 – 12:00"),
        "{html}"
    );
}

#[test]
fn workers_see_provision_level_target_groups_and_the_coverage_overview() {
    let config = KaartConfig {
        mode: Mode::Worker,
        ..KaartConfig::default()
    };
    let html = render_app("nl", csv_map(), config, ViewState::default());
    for expected in [
        "Vrijwilligers en buurt",
        "Voor:",
        "Overzicht voor medewerkers",
        "witte vlek",
        "Aantal plekken per leefgebied",
        "langer dan een jaar niet gecontroleerd",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
    let resident = render_app(
        "nl",
        csv_map(),
        KaartConfig::default(),
        ViewState::default(),
    );
    assert!(!resident.contains("Overzicht voor medewerkers"));
}

#[test]
fn hostile_text_is_escaped_and_hostile_links_are_not_links() {
    let map = json_map(
        // Markup is taken out on import; text that spells out a tag is shown as text.
        r#"[{"id": "x", "name": "Hulp &lt;script&gt;alert('naam')&lt;/script&gt;",
            "description": "<img src=x onerror=alert(1)> Lees meer.",
            "url": "javascript:alert(1)",
            "organization": {"name": "<b>Org</b>", "website": "JAVASCRIPT:alert(2)"}}]"#,
    );
    let html = render_app("nl", map, KaartConfig::default(), ViewState::default());
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>Org"), "{html}");
    assert!(html.contains("Hulp &lt;script&gt;"), "{html}");
    assert!(html.contains("Lees meer."), "{html}");
    assert!(!html.contains("onerror"), "{html}");
    assert!(!html.to_ascii_lowercase().contains("javascript:"), "{html}");
}

#[test]
fn loading_shows_a_status_message() {
    let html = render_state("nl", KaartState::Loading);
    assert!(html.contains("De hulp in de buurt wordt geladen"), "{html}");
    assert!(
        html.contains(r#"<div role="status" class="ww-loading">"#),
        "{html}"
    );
}

#[test]
fn an_empty_list_says_so() {
    let html = render_state("nl", KaartState::Ready(json_map("[]")));
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
        (
            KaartFailure::Index(IndexError::NotAnIndex),
            "De lijst met hulp is beschadigd",
            false,
        ),
    ];
    for (failure, title, retry) in cases {
        let html = render_state("nl", KaartState::Failed(failure));
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

#[test]
fn configuration_comes_from_attributes() {
    let attributes = |name: &str| match name {
        "src" => Some("/data/kaart.json".to_owned()),
        "mode" => Some("medewerker".to_owned()),
        "url-state" => Some(String::new()),
        "report" => Some("  ".to_owned()),
        _ => None,
    };
    let config = KaartConfig::from_attributes(attributes);
    assert_eq!(config.src.as_deref(), Some("/data/kaart.json"));
    assert_eq!(config.mode, Mode::Worker);
    assert!(config.url_state);
    assert_eq!(config.report, None);
    assert_eq!(KaartConfig::from_attributes(|_| None).mode, Mode::Resident);
}
