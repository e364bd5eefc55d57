//! The services the advice recommends, per worry and answer, on the demo social map.

use std::sync::OnceLock;

use wegwijs_directory::{import_json, Domain, Index, Vocabulary};
use wegwijs_guide::help::low_threshold;
use wegwijs_guide::{advise, recommend, Guide, Journey, Recommended};

fn guide() -> &'static Guide {
    static GUIDE: OnceLock<Guide> = OnceLock::new();
    GUIDE.get_or_init(|| {
        Guide::from_json(include_str!("../../../www/data/hulpwijzer.json")).unwrap()
    })
}

fn map() -> &'static Index {
    static MAP: OnceLock<Index> = OnceLock::new();
    MAP.get_or_init(|| {
        let imported = import_json(include_str!("../../../www/data/kaart.json")).unwrap();
        Index::build(imported.directory, Vocabulary::dutch())
    })
}

/// The recommendation for worries and answers, with the names of what it holds.
fn recommended(worries: &[Domain], answers: &[(&str, &str)]) -> (Recommended, Names) {
    let mut journey = Journey::default();
    for worry in worries {
        journey.toggle_domain(guide(), *worry);
    }
    for (question, choice) in answers {
        journey.answer(question, choice);
    }
    let advice = advise(guide(), &journey, "nl");
    let recommended = recommend(guide(), &advice, map(), None);
    let name = |doc: &u32| map().services()[*doc as usize].name.clone();
    let names = Names {
        main: recommended.main.iter().map(|(_, d)| name(d)).collect(),
        low: recommended.low_threshold.iter().map(name).collect(),
        other: recommended.other.iter().map(name).collect(),
    };
    (recommended, names)
}

#[derive(Debug)]
struct Names {
    main: Vec<String>,
    low: Vec<String>,
    other: Vec<String>,
}

impl Names {
    fn all(&self) -> Vec<&String> {
        self.main
            .iter()
            .chain(&self.low)
            .chain(&self.other)
            .collect()
    }
}

#[test]
fn debts_get_the_municipality_s_debt_help_and_a_volunteer() {
    let (_, names) = recommended(&[Domain::Geld], &[]);
    assert_eq!(names.main, ["Schuldhulpverlening gemeente"], "{names:#?}");
    assert!(
        names
            .low
            .iter()
            .any(|n| n == "Schuldhulpmaatje Lindenhoven"),
        "{names:#?}"
    );
}

#[test]
fn rent_that_cannot_be_paid_adds_housing_help_not_odd_jobs() {
    let (_, names) = recommended(&[Domain::Geld], &[("geld-huur", "nee")]);
    assert_eq!(
        names.main,
        ["Schuldhulpverlening gemeente", "Woonstichting Lindenhoven"],
        "{names:#?}"
    );
    assert!(
        names.all().iter().all(|n| !n.starts_with("Klusdienst")),
        "rent arrears do not need a handyman: {names:#?}"
    );
}

#[test]
fn no_money_for_food_brings_the_food_bank() {
    let (_, names) = recommended(&[Domain::Geld], &[("geld-eten", "nee")]);
    assert!(
        names.all().iter().any(|n| *n == "Voedselbank Lindenhoven"),
        "{names:#?}"
    );
}

#[test]
fn loneliness_gets_informal_help_first() {
    let (_, names) = recommended(&[Domain::Contact], &[]);
    assert_eq!(names.main, ["Maatjesproject Samen Op Weg"]);
    assert!(
        names.low.iter().any(|n| n.starts_with("Buurtkamer")),
        "{names:#?}"
    );
}

#[test]
fn an_unsafe_child_adds_safety_help() {
    let (_, names) = recommended(&[Domain::Gezin], &[("gezin-veilig", "nee")]);
    assert!(names
        .main
        .contains(&"Centrum voor Jeugd en Gezin (CJG)".to_owned()));
    assert!(
        names.main.contains(&"Veilig Thuis".to_owned()),
        "{names:#?}"
    );
}

#[test]
fn every_worry_gets_a_way_in_of_its_own_domain_and_groups_stay_in_their_place() {
    for domain in Domain::ALL {
        let (recommended, names) = recommended(&[*domain], &[]);
        let (main_domain, main) = recommended
            .main
            .first()
            .unwrap_or_else(|| panic!("{domain:?} has a way in: {names:#?}"));
        assert_eq!(main_domain, domain);
        let service = &map().services()[*main as usize];
        assert!(
            service.domains.contains(domain),
            "{} for {domain:?}",
            service.name
        );
        for doc in recommended.all() {
            let service = &map().services()[doc as usize];
            assert!(
                !service.is_neighbourhood_team(),
                "{} is a team",
                service.name
            );
        }
        for doc in &recommended.low_threshold {
            assert!(low_threshold(&map().services()[*doc as usize]));
        }
        let mut all: Vec<u32> = recommended.all().collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(
            all.len(),
            count,
            "a service is recommended once: {names:#?}"
        );
    }
}
