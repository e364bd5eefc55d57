//! Server-side render tests for the hulpwijzer: every step renders what the resident needs.
#![cfg(feature = "ssr")]

use std::sync::Arc;

use leptos::prelude::*;
use wegwijs_directory::{import_json, Domain};
use wegwijs_guide::{Guide, GuideError, Journey};
use wegwijs_widgets::hulpwijzer::{GuideApp, GuideFailure, GuideState, GuideView, LoadedGuide};
use wegwijs_widgets::i18n::I18n;
use wegwijs_widgets::kaart::LoadedMap;
use wegwijs_widgets::kit::WidgetRoot;
use wegwijs_widgets::load::FetchError;

fn guide() -> Arc<Guide> {
    Arc::new(Guide::from_json(include_str!("../../../www/data/hulpwijzer.json")).unwrap())
}

fn loaded() -> LoadedGuide {
    let directory = import_json(include_str!("../../../www/data/kaart.json"))
        .unwrap()
        .directory;
    LoadedGuide {
        guide: guide(),
        map: Some(LoadedMap::from_directory(directory)),
    }
}

fn render(lang: &str, journey: Journey) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let i18n = I18n::for_tag(Some(lang), wegwijs_widgets::hulpwijzer::TEXTS);
        let loaded = loaded();
        view! {
            <WidgetRoot i18n class="ww-gids">
                <GuideApp loaded initial=journey kaart_page=Some("/sociale-kaart.html".to_owned()) />
            </WidgetRoot>
        }
        .to_html()
        .replace("<!>", "")
    })
}

fn journey(setup: impl FnOnce(&Guide, &mut Journey)) -> Journey {
    let guide = guide();
    let mut journey = Journey::default();
    setup(&guide, &mut journey);
    journey
}

#[test]
fn the_first_screen_is_warm_anonymous_and_shows_urgent_help() {
    let html = render("nl", Journey::default());
    for expected in [
        "Zoek hulp die bij je past",
        "Voor wie zoek je hulp?",
        "Je hoeft je naam niet te geven.",
        "We vragen niet waar je woont.",
        "Wat je invult, blijft op je eigen apparaat.",
        "Direct hulp nodig?",
        r#"href="tel:112""#,
        r#"href="tel:08002000""#,
        r#"href="tel:08000113""#,
        "Voor iemand anders",
        "Stap 1 van 5",
        "Onthoud mijn antwoorden op dit apparaat",
        "Alles wissen",
        r#"tabindex="-1""#,
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
    assert!(!html.contains("Vorige"), "nothing to go back to");
}

#[test]
fn worries_are_large_tiles_with_everyday_words() {
    let html = render("nl", journey(|g, j| j.next(g)));
    assert_eq!(html.matches(r#"class="ww-tile""#).count(), 13, "{html}");
    for expected in [
        "Geld en schulden",
        "Me alleen voelen",
        "Zorgen om mijn kind",
        "Of zeg het in je eigen woorden",
        "Niets is verplicht",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
    let other = render(
        "nl",
        journey(|g, j| {
            j.for_someone_else = true;
            j.next(g);
        }),
    );
    assert!(other.contains("Waar maak je je zorgen over bij die ander?"));
}

#[test]
fn a_question_is_a_fieldset_with_its_answers() {
    let html = render(
        "nl",
        journey(|g, j| {
            j.next(g);
            j.toggle_domain(g, Domain::Geld);
            j.next(g);
        }),
    );
    assert!(html.contains("<fieldset"), "{html}");
    assert!(
        html.contains("Lukt het om deze maand de huur te betalen?"),
        "{html}"
    );
    assert!(html.contains("Over: Geld en schulden"));
    assert_eq!(html.matches(r#"type="radio""#).count(), 3);
    assert!(html.contains("Weet ik niet"));
    assert!(
        html.contains("Stap 3 van 5"),
        "the total does not depend on the worries"
    );
    assert!(html.contains("Vraag 1 van 2"));
}

#[test]
fn unsafe_at_home_puts_veilig_thuis_first() {
    let html = render(
        "nl",
        journey(|g, j| {
            j.next(g);
            j.toggle_domain(g, Domain::Veiligheid);
            j.next(g);
            j.answer("veiligheid-thuis", "nee");
            j.next(g);
        }),
    );
    let urgent = html.find("Doe dit eerst").expect("urgent section");
    let step = html.find("Dit kun je doen").expect("the step");
    assert!(urgent < step, "urgent help comes before anything else");
    assert!(
        html.contains(r#"Bel Veilig Thuis: <span class="ww-nowrap">0800-2000</span>"#),
        "{html}"
    );
    assert!(html.contains("Je voelt je niet veilig thuis."));
}

#[test]
fn money_and_loneliness_lead_to_informal_help_and_the_team() {
    let html = render(
        "nl",
        journey(|g, j| {
            j.next(g);
            j.toggle_domain(g, Domain::Geld);
            j.toggle_domain(g, Domain::Contact);
            j.next(g);
            j.answer("geld-huur", "nee");
            j.next(g);
            j.next(g);
            j.place = "3952 AB".into();
        }),
    );
    for expected in [
        "Dit kun je doen",
        "Hulp van vrijwilligers en voor iedereen",
        "Sociaal wijkteam Oosterhof",
        "Inloop op dinsdag",
        "Je belt of loopt binnen.",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
    let informal = html
        .split("Hulp van vrijwilligers en voor iedereen")
        .nth(1)
        .unwrap();
    let informal = informal.split("Andere hulp").next().unwrap();
    assert!(informal.contains("Schuldhulpmaatje"), "{informal}");
    assert!(
        informal.contains("Buurtkamer") || informal.contains("Maatje"),
        "{informal}"
    );
    // The way in for each worry, with a link to it on the social map and a choice for the
    // overview; the team's place form sits with the team.
    let main = html
        .split("Hier kun je terecht")
        .nth(1)
        .expect("the ways in");
    let main = main.split("Jouw wijkteam").next().unwrap();
    for expected in [
        "Voor Geld en schulden:",
        "Schuldhulpverlening gemeente",
        "Voor Wonen:",
        "Woonstichting Lindenhoven",
        "Meer over deze hulp",
        r#"href="/sociale-kaart.html#kaart?dienst="#,
        "Zet in mijn overzicht",
    ] {
        assert!(main.contains(expected), "missing {expected:?} in {main}");
    }
    let team = html.split("Jouw wijkteam").nth(1).unwrap();
    assert!(
        team.contains("Postcode of wijk"),
        "the place form is in the team's section"
    );
    assert!(
        !html.contains("Klusdienst"),
        "rent arrears need no handyman"
    );
}

#[test]
fn crisis_words_put_113_first_on_the_next_screen() {
    let html = render(
        "nl",
        journey(|g, j| {
            j.next(g);
            j.own_words = "ik zie het echt niet meer zitten".into();
            j.toggle_domain(g, Domain::Zingeving);
            j.next(g);
        }),
    );
    let urgent = html.find("Doe dit eerst").expect("urgent section");
    assert!(
        urgent < html.find("ww-step-title").unwrap(),
        "before the step"
    );
    assert!(
        html.contains(r#"Bel 113 Zelfmoordpreventie: <span class="ww-nowrap">0800-0113</span>"#),
        "{html}"
    );
    assert!(html.contains(r#"href="tel:08000113""#));
    let calm = render(
        "nl",
        journey(|g, j| {
            j.next(g);
            j.own_words = "ik ben doodmoe van het werk".into();
            j.next(g);
        }),
    );
    assert!(
        !calm.contains("Doe dit eerst"),
        "a look-alike raises nothing"
    );
}

#[test]
fn the_overview_tells_the_story_once() {
    let html = render(
        "nl",
        journey(|g, j| {
            j.for_someone_else = true;
            j.next(g);
            j.toggle_domain(g, Domain::Mantelzorg);
            j.next(g);
            j.answer("mantelzorg-zwaar", "ja");
            j.next(g);
            j.next(g);
            j.place = "Beekdorp".into();
            j.note = "Mijn moeder woont alleen.".into();
        }),
    );
    for expected in [
        "Mijn overzicht",
        "Ik zoek hulp voor iemand anders.",
        "Direct hulp nodig:",
        "Politie, brandweer, ambulance: 112",
        "Zorgen voor een ander",
        "Is het zorgen nu te zwaar voor je?",
        "Ja",
        "Sociaal wijkteam Beekdorp",
        "Bel 0342-400050",
        "Hulp die ik kan bellen of bezoeken:",
        "Steunpunt Mantelzorg",
        "Mijn moeder woont alleen.",
        "Print",
        "Bewaar als bestand",
        "Toon groot op het scherm",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
}

#[test]
fn english_is_complete() {
    let html = render("en", Journey::default());
    assert!(html.contains("Find help that suits you"));
    assert!(html.contains("Need help right now?"));
    assert!(html.contains(r#"lang="en""#));
}

#[test]
fn a_missing_or_broken_guide_is_explained() {
    for (failure, retry) in [
        (GuideFailure::NoGuide, false),
        (
            GuideFailure::Fetch(FetchError::Network("down".into())),
            true,
        ),
        (
            GuideFailure::Invalid(GuideError {
                location: "$.domains[0].code".into(),
                message: "unknown".into(),
            }),
            false,
        ),
    ] {
        let owner = Owner::new();
        let html = owner.with(|| {
            I18n::for_tag(Some("nl"), wegwijs_widgets::hulpwijzer::TEXTS).provide();
            let state = RwSignal::new(GuideState::Failed(failure));
            view! { <GuideView state=state.into() on_retry=Callback::new(|()| {}) /> }.to_html()
        });
        assert!(html.contains(r#"role="alert""#), "{html}");
        for number in ["tel:112", "tel:08000113", "tel:08002000"] {
            assert!(
                html.contains(number),
                "the page always says where to go in danger: {html}"
            );
        }
        assert!(
            html.contains("<slot>"),
            "the host's own fallback stays visible"
        );
        assert!(
            !html.contains("kaart"),
            "the hulpwijzer is not a map: {html}"
        );
        assert_eq!(html.contains("Probeer het opnieuw"), retry);
    }
}
