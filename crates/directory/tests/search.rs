//! Search behaviour residents and social workers rely on.

use proptest::prelude::*;
use wegwijs_directory::geo::Point;
use wegwijs_directory::import::import_spreadsheet;
use wegwijs_directory::search::{Filters, Query, Sort};
use wegwijs_directory::time::LocalDateTime;
use wegwijs_directory::{Domain, Index, Level, TargetGroup, Vocabulary};

const MAP: &str = "\
naam,omschrijving,leefgebieden,voorziening,toegang,doelgroepen,kosten,talen,lat,lon,adres,openingstijden,rolstoeltoegankelijk,leeftijd_van,leeftijd_tot
Schuldhulpmaatje,Een vrijwilliger helpt je met je post.,geld,informeel,vrij,volwassenen,gratis,nl,52.06,5.75,Kerkstraat 1,ma-vr 9-17,ja,,
Schuldhulpverlening gemeente,De gemeente helpt bij schulden die je niet meer kunt betalen.,geld,maatwerk,vrij,volwassenen,gratis,nl,52.10,5.80,Raadhuisplein 1,ma-vr 9-17,ja,,
Budgetcursus,Leer rondkomen. Over schulden praten we ook. Schulden schulden schulden schulden schulden schulden schulden schulden.,geld,algemeen,vrij,volwassenen,Er is een eigen bijdrage,nl; en,52.20,5.90,Dorpsstraat 2,wo 19-21,nee,,
Buurtkamer,Koffie en een praatje in de wijk.,contact,informeel,vrij,ouderen,gratis,nl,52.061,5.751,Lindelaan 3,ma-vr 10-16,ja,65,
Maatjesproject,Een maatje voor wie zich alleen voelt.,contact,informeel,vrij,volwassenen,gratis,nl; ar,52.07,5.76,Marktplein 5,di 10-12,ja,,
Veilig Thuis,Hulp bij huiselijk geweld. Dag en nacht.,veiligheid,maatwerk,vrij,volwassenen,gratis,nl,,,,24/7,,,
Jongerenwerk,Voor jongeren: praten over school en drugs.,contact; verslaving,informeel,vrij,jeugd,gratis,nl,52.08,5.77,Schoolstraat 4,vr 14-22,ja,12,23
Huisarts Linde,Huisarts met praktijkondersteuner bij somberheid.,gezondheid; psyche,algemeen,vrij,volwassenen,gratis,nl,52.09,5.78,Lindelaan 8,ma-vr 8-17,ja,,
Psycholoog,Gesprekken bij angst of somberheid.,psyche,maatwerk,verwijzing,volwassenen,Er is een eigen bijdrage,nl,52.05,5.74,Stationsweg 1,ma-vr 9-17,nee,,
";

fn index() -> Index {
    let imported = import_spreadsheet("map.csv", MAP, &Vocabulary::dutch()).unwrap();
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    Index::build(imported.directory, Vocabulary::dutch())
}

fn names(index: &Index, query: &Query) -> Vec<String> {
    index
        .search(query)
        .hits
        .iter()
        .map(|hit| index.services()[hit.doc as usize].name.clone())
        .collect()
}

fn text(text: &str) -> Query {
    Query {
        text: text.into(),
        ..Query::default()
    }
}

#[test]
fn name_matches_come_before_description_matches_and_length_does_not_win() {
    let index = index();
    let found = names(&index, &text("schulden"));
    assert_eq!(found[0], "Schuldhulpmaatje", "{found:?}");
    let budget = found.iter().position(|n| n == "Budgetcursus").unwrap();
    let gemeente = found
        .iter()
        .position(|n| n == "Schuldhulpverlening gemeente")
        .unwrap();
    assert!(
        gemeente < budget,
        "repeating a word in a long description must not win: {found:?}"
    );
}

#[test]
fn informal_help_comes_first_at_equal_relevance_and_order_is_stable() {
    let index = index();
    let found = names(&index, &text("contact"));
    let first_twice = names(&index, &text("contact"));
    assert_eq!(found, first_twice, "same query, same order");
    let informal = names(
        &index,
        &Query {
            sort: Sort::InformalFirst,
            ..text("somberheid")
        },
    );
    assert_eq!(informal, ["Huisarts Linde", "Psycholoog"]);
}

#[test]
fn everyday_words_find_professional_help() {
    let index = index();
    assert!(names(&index, &text("ik kan mijn rekeningen niet betalen"))[0].contains("Schuldhulp"));
    assert_eq!(names(&index, &text("mijn man slaat me"))[0], "Veilig Thuis");
    assert!(names(&index, &text("ik voel me alleen"))[..2].contains(&"Maatjesproject".to_owned()));
    let results = index.search(&text("ruzie thuis"));
    assert_eq!(results.detected_domains, [Domain::Veiligheid]);
}

#[test]
fn typing_typos_compounds_and_stop_words() {
    let index = index();
    assert_eq!(
        names(&index, &text("schuldh"))[0],
        "Schuldhulpmaatje",
        "prefix while typing"
    );
    let corrected = index.search(&text("maatjesprojekt"));
    assert_eq!(corrected.corrected.as_deref(), Some("maatjesproject"));
    assert_eq!(names(&index, &text("maatjesprojekt"))[0], "Maatjesproject");
    assert!(
        names(&index, &text("maatje")).contains(&"Schuldhulpmaatje".to_owned()),
        "compound part"
    );
    let vague = index.search(&text("de het een"));
    assert!(vague.vague, "only stop words is a vague question");
    assert!(
        vague.hits.is_empty(),
        "not everything: the teams, and this map has none"
    );
}

const COPIES: &str = "\
naam,organisatie,omschrijving,leefgebieden,voorziening,trefwoorden,lat,lon
Thuisadministratie Centrum,Humanitas,Een vrijwilliger helpt je thuis met je papieren.,geld,informeel,,52.060,5.750
Thuisadministratie De Akkers,Humanitas,Een vrijwilliger helpt je thuis met je papieren.,geld,informeel,,52.100,5.800
Geldspreekuur Centrum,Wijkteam,Zorgen over geld? Kom langs bij het spreekuur in Centrum.,geld,algemeen,,52.060,5.750
Geldspreekuur De Akkers,Wijkteam,Zorgen over geld? Kom langs bij het spreekuur in De Akkers.,geld,algemeen,,52.100,5.800
Schuldhulp gemeente,Gemeente,De gemeente helpt bij schulden en geldzorgen.,geld,maatwerk,,52.070,5.760
Sociaal wijkteam Centrum,Wijkteam,Met elke vraag kun je bij ons terecht.,geld; contact,algemeen,wijkteam,52.060,5.750
Fietsenmaker,Fiets BV,Repareert fietsen en geld terug bij een lekke band.,werk,algemeen,,52.060,5.750
Breiclub,Buurthuis,Samen breien en praten over van alles: geld en zorgen ook.,contact,informeel,,52.060,5.750
";

fn copies_index() -> Index {
    let imported = import_spreadsheet("copies.csv", COPIES, &Vocabulary::dutch()).unwrap();
    Index::build(imported.directory, Vocabulary::dutch())
}

#[test]
fn copies_of_one_offer_are_one_result_the_nearest_first() {
    let index = copies_index();
    let near_akkers = Query {
        near: Some(Point {
            lat: 52.1,
            lon: 5.8,
        }),
        ..text("papieren")
    };
    let results = index.search(&near_akkers);
    assert_eq!(results.total, 2, "both places count");
    assert_eq!(results.hits.len(), 1, "one entry");
    let name = |doc: u32| index.services()[doc as usize].name.clone();
    assert_eq!(
        name(results.hits[0].doc),
        "Thuisadministratie De Akkers",
        "nearest first"
    );
    assert_eq!(
        results.hits[0]
            .copies
            .iter()
            .map(|d| name(*d))
            .collect::<Vec<_>>(),
        ["Thuisadministratie Centrum"]
    );
    // Names and descriptions that differ only in the place are copies too.
    let spreekuur = index.search(&text("spreekuur"));
    assert_eq!(spreekuur.hits.len(), 1);
    assert_eq!(spreekuur.hits[0].copies.len(), 1);
}

#[test]
fn near_a_place_relevance_comes_first_and_distance_orders_equals() {
    let index = copies_index();
    let query = Query {
        near: Some(Point {
            lat: 52.1,
            lon: 5.8,
        }),
        ..text("schulden")
    };
    let results = index.search(&query);
    let first = &index.services()[results.hits[0].doc as usize];
    assert_eq!(
        first.name, "Schuldhulp gemeente",
        "the best match, though not the nearest"
    );
}

#[test]
fn a_word_shared_by_chance_does_not_make_a_result() {
    let index = copies_index();
    let names = names(&index, &text("geldzorgen schulden"));
    assert_eq!(
        names.first().map(String::as_str),
        Some("Schuldhulp gemeente")
    );
    assert!(
        !names.contains(&"Fietsenmaker".to_owned()),
        "'geld terug' is not about money worries: {names:?}"
    );
}

#[test]
fn a_question_without_words_gets_the_neighbourhood_teams() {
    let index = copies_index();
    for vague in ["ik weet het niet meer", "???", "🙁🙁", "!!! ..."] {
        let results = index.search(&text(vague));
        assert!(results.vague, "{vague}");
        let names: Vec<_> = results
            .hits
            .iter()
            .map(|h| index.services()[h.doc as usize].name.as_str())
            .collect();
        assert_eq!(names, ["Sociaal wijkteam Centrum"], "{vague}");
    }
    assert!(
        !index.search(&text("")).vague,
        "an empty box is not a question"
    );
}

#[test]
fn filters_narrow_and_facets_count_the_other_choices() {
    let index = index();
    let query = Query {
        filters: Filters {
            domains: vec![Domain::Geld],
            free: true,
            ..Filters::default()
        },
        ..Query::default()
    };
    let results = index.search(&query);
    assert_eq!(results.total, 2);
    let facet = |domain: Domain| {
        results
            .facets
            .domains
            .iter()
            .find(|(d, _)| *d == domain)
            .unwrap()
            .1
    };
    // Domain counts ignore the domain filter itself but keep "free".
    assert_eq!(facet(Domain::Geld), 2);
    assert_eq!(facet(Domain::Contact), 3);
    assert_eq!(results.facets.free, 2);
    let levels = |level: Level| {
        results
            .facets
            .levels
            .iter()
            .find(|(l, _)| *l == level)
            .unwrap()
            .1
    };
    assert_eq!(levels(Level::Informeel) + levels(Level::Maatwerk), 2);

    let young = Query {
        filters: Filters {
            age: Some(15),
            ..Filters::default()
        },
        ..Query::default()
    };
    assert!(names(&index, &young).contains(&"Jongerenwerk".to_owned()));
    assert!(!names(&index, &young).contains(&"Buurtkamer".to_owned()));
    let groups = Query {
        filters: Filters {
            target_groups: vec![TargetGroup::Ouderen],
            ..Filters::default()
        },
        ..Query::default()
    };
    assert_eq!(names(&index, &groups), ["Buurtkamer"]);
    let arabic = Query {
        filters: Filters {
            language: Some("ar".into()),
            ..Filters::default()
        },
        ..Query::default()
    };
    assert_eq!(names(&index, &arabic), ["Maatjesproject"]);
    let unknown = Query {
        filters: Filters {
            language: Some("tlh".into()),
            ..Filters::default()
        },
        ..Query::default()
    };
    assert!(names(&index, &unknown).is_empty());
    let referral = Query {
        filters: Filters {
            no_referral: true,
            wheelchair: true,
            ..Filters::default()
        },
        ..text("somberheid")
    };
    assert_eq!(names(&index, &referral), ["Huisarts Linde"]);
}

#[test]
fn open_at_and_distance() {
    let index = index();
    let sunday_night = LocalDateTime::parse("2026-11-22T23:00").unwrap();
    let open = Query {
        filters: Filters {
            open_at: Some(sunday_night),
            ..Filters::default()
        },
        ..Query::default()
    };
    assert_eq!(names(&index, &open), ["Veilig Thuis"]);
    assert_eq!(index.search(&open).facets.open, Some(1));

    let near = Point::new(52.06, 5.75);
    let nearby = Query {
        near,
        sort: Sort::Distance,
        filters: Filters {
            within_km: Some(1.0),
            ..Filters::default()
        },
        ..Query::default()
    };
    let results = index.search(&nearby);
    let found: Vec<_> = results
        .hits
        .iter()
        .map(|h| index.services()[h.doc as usize].name.as_str())
        .collect();
    assert_eq!(found, ["Schuldhulpmaatje", "Buurtkamer"]);
    assert!(results.hits[0].distance_km.unwrap() < results.hits[1].distance_km.unwrap());
}

#[test]
fn several_worries_get_help_for_each_in_the_top_five() {
    let index = index();
    let results = index.search(&Query {
        text: "schulden en drugs".into(),
        limit: 5,
        ..Query::default()
    });
    let covered = |domain: Domain| {
        results
            .hits
            .iter()
            .any(|h| index.services()[h.doc as usize].domains.contains(&domain))
    };
    assert!(covered(Domain::Geld) && covered(Domain::Verslaving));
}

proptest! {
    #[test]
    fn any_query_text_is_safe(text in "\\PC{0,80}") {
        let index = index();
        let results = index.search(&Query { text, limit: 3, ..Query::default() });
        prop_assert!(results.hits.len() <= 3);
        prop_assert!(results.total >= results.hits.len());
    }
}

#[test]
fn suggestions_complete_phrases_and_words() {
    let index = index();
    let suggestions = index.suggest("rekeningen n", 6);
    assert!(
        suggestions.contains(&"rekeningen niet betalen".to_owned()),
        "{suggestions:?}"
    );
    let words = index.suggest("schu", 6);
    assert!(words.iter().any(|s| s.starts_with("schuld")), "{words:?}");
    assert!(index.suggest("s", 6).is_empty());
    assert!(index.suggest("", 6).is_empty());
}

#[test]
fn words_that_match_nothing_find_nothing() {
    let index = index();
    assert_eq!(index.search(&text("xyzzy plugh")).total, 0);
    assert_eq!(index.search(&text("")).total, index.services().len());
}

fn demo() -> Index {
    let imported =
        wegwijs_directory::import_json(include_str!("../../../www/data/kaart.json")).unwrap();
    Index::build(imported.directory, Vocabulary::dutch())
}

#[test]
fn on_the_demo_map_vague_and_lonely_questions_do_not_flood_and_near_me_keeps_the_best_first() {
    let index = demo();
    let name = |doc: u32| index.services()[doc as usize].name.clone();
    let lonely = index.search(&text("ik voel me zo alleen"));
    assert!(lonely.total <= 60, "{} of 255 services", lonely.total);
    let top: Vec<String> = lonely.hits.iter().take(5).map(|h| name(h.doc)).collect();
    assert!(
        top.iter()
            .any(|n| n.starts_with("Buurtkamer") || n.starts_with("Maatje")),
        "{top:?}"
    );

    let lost = index.search(&text("ik weet het niet meer"));
    assert!(lost.vague);
    assert!(lost
        .hits
        .iter()
        .all(|h| index.services()[h.doc as usize].is_neighbourhood_team()));
    assert!(!lost.hits.is_empty());

    let near = Query {
        near: Some(Point {
            lat: 52.0545,
            lon: 5.7650,
        }),
        limit: 5,
        ..text("schulden")
    };
    let top: Vec<String> = index
        .search(&near)
        .hits
        .iter()
        .map(|h| name(h.doc))
        .collect();
    assert_eq!(
        top[..2],
        [
            "Schuldhulpmaatje Lindenhoven",
            "Schuldhulpverlening gemeente"
        ],
        "{top:?}"
    );
    assert!(!top.iter().any(|n| n.starts_with("Repair Café")), "{top:?}");
    // One entry per offer: five neighbourhood branches are one result.
    let copies = index.search(&text("thuisadministratie"));
    assert_eq!(copies.hits.len(), 1);
    assert_eq!(copies.hits[0].copies.len(), 4);
}

#[test]
fn services_that_do_not_run_are_for_workers_and_closed_ones_are_never_open() {
    let map = "naam,omschrijving,leefgebieden,openingstijden,status,trefwoorden\n\
               Kledingbank Noord,Kleding voor wie weinig geld heeft.,geld,24/7,gestopt,\n\
               Kledingbank Zuid,Kleding voor wie weinig geld heeft.,geld,24/7,tijdelijk gesloten,\n\
               Kledingbank West,Kleding voor wie weinig geld heeft.,geld,24/7,,\n\
               Sociaal wijkteam Oud,Voor alle vragen.,werk,24/7,niet actief,wijkteam\n\
               Sociaal wijkteam Nieuw,Voor alle vragen.,werk,24/7,,wijkteam\n";
    let imported = import_spreadsheet("map.csv", map, &Vocabulary::dutch()).unwrap();
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let index = Index::build(imported.directory, Vocabulary::dutch());
    let mut found = names(&index, &text("kleding"));
    found.sort();
    assert_eq!(found, ["Kledingbank West", "Kledingbank Zuid"]);

    let mut for_workers = text("kleding");
    for_workers.filters.include_not_running = true;
    assert_eq!(index.search(&for_workers).total, 3);

    let mut open = text("kleding");
    open.filters.open_at = Some(LocalDateTime::parse("2026-12-02T10:00").unwrap());
    assert_eq!(names(&index, &open), ["Kledingbank West"]);

    assert_eq!(
        names(&index, &text("ik weet het niet")),
        ["Sociaal wijkteam Nieuw"]
    );
}

/// English questions, as a resident using the English interface types them, with the help a
/// worker would send them to (written from the services' descriptions).
const ENGLISH: &[(&str, &[&str])] = &[
    (
        "I have debts",
        &[
            "Schuldhulpverlening gemeente",
            "Schuldhulpmaatje Lindenhoven",
        ],
    ),
    (
        "I cannot pay my rent",
        &["Schuldhulpverlening gemeente", "Woonstichting Lindenhoven"],
    ),
    ("food bank", &["Voedselbank Lindenhoven"]),
    ("I feel lonely", &["Buurtkamer", "Maatje"]),
    ("my son has autism", &["Autisme Steunpunt Veluwe"]),
    ("I want to learn Dutch", &["Taalhuis", "Taalcafé"]),
    (
        "I care for my mother and need a break",
        &["Steunpunt Mantelzorg", "Respijthuis De Rustplek"],
    ),
    ("domestic violence", &["Veilig Thuis"]),
    (
        "I feel depressed",
        &["Psycholoog Praktijk Veerkracht", "Luisterlijn"],
    ),
    (
        "I need a wheelchair",
        &["Woningaanpassing en hulpmiddelen (Wmo)"],
    ),
    ("I lost my job", &["Werkplein Lindenhoven"]),
    (
        "I drink too much alcohol",
        &["Verslavingszorg Kompas", "AA-groep Lindenhoven"],
    ),
    (
        "homeless, nowhere to sleep",
        &["Nachtopvang De Haven", "Consulent huisvesting"],
    ),
    ("help with official letters", &["Formulierenhulp"]),
    ("my mother has dementia", &["Alzheimer Café Lindenhoven"]),
    ("lonley", &["Buurtkamer", "Maatje"]),
];

#[test]
fn english_questions_find_the_dutch_services_they_mean() {
    let index = demo();
    let mut misses = Vec::new();
    for (question, wanted) in ENGLISH {
        let mut query = text(question);
        query.limit = 5;
        let top = names(&index, &query);
        if !wanted
            .iter()
            .any(|w| top.iter().any(|name| name.starts_with(w)))
        {
            misses.push(format!("{question:?}: {top:?}"));
        }
    }
    assert!(misses.is_empty(), "{misses:#?}");
}

#[test]
fn two_needs_in_english_are_both_in_the_top_five() {
    let index = demo();
    let mut query = text("I have debts and feel lonely");
    query.limit = 5;
    let top = names(&index, &query);
    assert!(top.iter().any(|n| n.starts_with("Schuldhulp")), "{top:?}");
    assert!(
        top.iter()
            .any(|n| n.starts_with("Buurtkamer") || n.starts_with("Maatje")),
        "{top:?}"
    );
}

fn first(index: &Index, query: &str) -> String {
    names(index, &text(query))
        .into_iter()
        .next()
        .unwrap_or_default()
}

#[test]
fn a_compound_written_apart_is_read_as_one_word() {
    let index = demo();
    assert_eq!(
        first(&index, "huur achterstand"),
        first(&index, "huurachterstand")
    );
    assert_eq!(
        first(&index, "huur achterstand"),
        "Woonstichting Lindenhoven"
    );
}

#[test]
fn a_word_in_capitals_is_an_abbreviation_not_a_stop_word_or_a_half_typed_word() {
    let index = demo();
    assert_eq!(first(&index, "MEE"), "Cliëntondersteuning MEE");
    // "mee" in a sentence is an ordinary word.
    assert_ne!(first(&index, "kan ik mee doen"), "Cliëntondersteuning MEE");
}

#[test]
fn a_service_whose_name_holds_the_question_comes_first() {
    let index = demo();
    assert_eq!(
        first(&index, "jeugdfonds sport"),
        "Jeugdfonds Sport en Cultuur"
    );
    assert_eq!(first(&index, "steunpunt mantel"), "Steunpunt Mantelzorg");
}

#[test]
fn help_for_everyone_comes_before_help_for_a_group_the_question_does_not_name() {
    let index = demo();
    let general = names(&index, &text("ik zoek werk"));
    let at = |name: &str, list: &[String]| list.iter().position(|n| n == name);
    assert!(
        at("Werkplein Lindenhoven", &general) < at("Jobhunter voor jongeren", &general),
        "{general:?}"
    );
    assert_eq!(
        first(&index, "jongeren zoeken werk"),
        "Jobhunter voor jongeren"
    );
}

#[test]
fn the_service_that_matches_more_of_a_phrase_s_terms_comes_first() {
    // "rolstoel" means the Wmo's aids and adaptations, not every Wmo service.
    let index = demo();
    assert_eq!(
        first(&index, "rolstoel aanvragen"),
        "Woningaanpassing en hulpmiddelen (Wmo)"
    );
}

#[test]
fn a_compound_with_an_unknown_part_still_finds_its_known_part() {
    let index = demo();
    let found = names(&index, &text("mantelzorgondersteuning"));
    assert!(
        found[..3].contains(&"Steunpunt Mantelzorg".to_owned()),
        "{found:?}"
    );
}

#[test]
fn eligibility_and_application_process_are_searched_below_the_description() {
    let map = "naam,omschrijving,leefgebieden,voorwaarden\n\
               Dagbesteding,Samen werken in de tuin.,werk,Je hebt een indicatie nodig.\n\
               Indicatiespreekuur,Vragen over je indicatie.,werk,\n";
    let imported = import_spreadsheet("map.csv", map, &Vocabulary::dutch()).unwrap();
    let index = Index::build(imported.directory, Vocabulary::dutch());
    assert_eq!(
        names(&index, &text("indicatie")),
        ["Indicatiespreekuur", "Dagbesteding"]
    );
}
