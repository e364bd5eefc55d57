//! The guide file, the resident's journey and the advice it leads to.

use proptest::prelude::*;
use serde_json::Value;
use wegwijs_directory::Domain;
use wegwijs_guide::readability::{measure, MAX_AVERAGE_WORDS, MAX_SENTENCE_WORDS};
use wegwijs_guide::{advise, Guide, Journey, Step, Text};

const DEMO: &str = include_str!("../../../www/data/hulpwijzer.json");

fn demo() -> Guide {
    Guide::from_json(DEMO).expect("the demo guide parses")
}

#[test]
fn the_demo_guide_is_complete_and_valid() {
    let guide = demo();
    assert!(guide.problems().is_empty(), "{:#?}", guide.problems());
    for domain in Domain::ALL {
        let offered = guide
            .domain(*domain)
            .unwrap_or_else(|| panic!("{domain:?} is offered"));
        assert!(offered.questions.len() <= 3);
    }
    let always: Vec<&str> = guide
        .always_contacts()
        .into_iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(always, ["112", "veilig-thuis", "113"]);
    assert_eq!(guide.teams.len(), 5);
}

fn collect_dutch(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "nl" {
                    if let Some(text) = inner.as_str() {
                        out.push(text.to_owned());
                    }
                } else {
                    collect_dutch(inner, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_dutch(item, out)),
        _ => {}
    }
}

#[test]
fn dutch_texts_are_b1_short_sentences() {
    let mut texts = Vec::new();
    collect_dutch(&serde_json::from_str(DEMO).unwrap(), &mut texts);
    let ui: Value = serde_json::from_str(include_str!("../../widgets/i18n/nl.json")).unwrap();
    texts.extend(
        ui["messages"]
            .as_object()
            .unwrap()
            .values()
            .filter_map(|v| v.as_str())
            .map(|s| s.replace(['{', '}'], "")),
    );
    assert!(texts.len() > 150);
    let (average, longest) = measure(texts.iter().map(String::as_str));
    let (words, sentence) = longest.unwrap();
    println!("average {average:.1} words per sentence; longest {words}: {sentence}");
    assert!(
        average <= MAX_AVERAGE_WORDS,
        "average {average:.1} words per sentence"
    );
    assert!(words <= MAX_SENTENCE_WORDS, "{words} words: {sentence:?}");
}

fn with(json: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(json).unwrap();
    edit(&mut value);
    value.to_string()
}

#[test]
fn broken_guides_are_explained_precisely() {
    let unknown = with(DEMO, |g| g["domains"][2]["code"] = "geluk".into());
    let error = Guide::from_json(&unknown).unwrap_err();
    assert_eq!(error.location, "$.domains[2].code");
    assert!(error.message.contains("geluk"), "{error}");

    assert!(Guide::from_json("{").unwrap_err().message.contains("EOF"));

    let nowhere = with(DEMO, |g| {
        g["rules"][0]["if"]["question"] = "bestaat-niet".into();
        g["rules"][1]["signal"] = "onbekend".into();
        g["signals"][0]["contacts"][0] = "niemand".into();
        g["teams"][0]["phone"] = Value::Null;
        g["teams"][0]["email"] = Value::Null;
        g["teams"][0]["website"] = Value::Null;
        g["teams"][0]["walk_in"] = Value::Null;
        g["domains"][0]["label"] = serde_json::json!({"nl": "Geld"});
        g["domains"][1]["questions"][0]["choices"] = serde_json::json!([]);
    });
    let problems = Guide::from_json(&nowhere).unwrap().problems();
    let places: Vec<String> = problems
        .iter()
        .map(|p| format!("{} {}", p.location, p.field))
        .collect();
    for expected in [
        "$.rules[0] if.question",
        "$.rules[1] signal",
        "$.signals[0] contacts",
        "$.teams[0] phone",
        "$.domains[0] label",
        "$.domains[1].questions[0] choices",
    ] {
        assert!(
            places.contains(&expected.to_owned()),
            "{expected} in {places:#?}"
        );
    }
    assert!(problems
        .iter()
        .any(|p| p.message.contains("missing translation")));
}

#[test]
fn money_worries_and_loneliness() {
    let guide = demo();
    let mut journey = Journey::default();
    journey.next(&guide);
    assert_eq!(journey.step, Step::Worries);
    journey.toggle_domain(&guide, Domain::Geld);
    journey.toggle_domain(&guide, Domain::Contact);
    journey.next(&guide);
    assert_eq!(journey.step, Step::Question(0));
    assert_eq!(
        journey.progress(),
        (3, 5),
        "the total is known from the start"
    );
    assert_eq!(journey.question_number(&guide), Some((1, 2)));
    journey.answer("geld-huur", "nee");
    journey.next(&guide);
    journey.answer("geld-eten", "ja");
    journey.next(&guide);
    assert_eq!(journey.step, Step::Advice);
    journey.place = "3952 AB".into();
    let advice = advise(&guide, &journey, "nl");
    assert!(advice.signals.is_empty());
    assert_eq!(
        advice.domains,
        [Domain::Geld, Domain::Contact, Domain::Wonen]
    );
    // The rent answer adds housing, and its words search there: help with rent arrears.
    assert_eq!(
        advice.searches[2],
        (Domain::Wonen, "huurachterstand".to_owned())
    );
    assert!(!advice.searches[0].1.contains("huurachterstand"));
    assert_eq!(advice.team.unwrap().id, "wijkteam-oosterhof");
    assert_eq!(advice.self_help.len(), 3);
}

#[test]
fn unsafe_at_home_puts_crisis_contacts_first() {
    let guide = demo();
    let mut journey = Journey::default();
    journey.next(&guide);
    journey.toggle_domain(&guide, Domain::Veiligheid);
    journey.next(&guide);
    journey.answer("veiligheid-thuis", "nee");
    journey.next(&guide);
    let advice = advise(&guide, &journey, "nl");
    assert_eq!(advice.signals[0].id, "onveilig-thuis");
    let first: Vec<&str> = advice
        .urgent_contacts
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(first, ["veilig-thuis", "112"]);
}

#[test]
fn answers_can_be_cleared_and_dropped_worries_forget_their_answers() {
    let guide = demo();
    let mut journey = Journey::default();
    journey.toggle_domain(&guide, Domain::Geld);
    journey.answer("geld-huur", "nee");
    journey.answer("geld-huur", "nee");
    assert!(
        journey.answers.is_empty(),
        "answering the same again clears it"
    );
    journey.answer("geld-huur", "ja");
    journey.toggle_domain(&guide, Domain::Geld);
    assert!(journey.answers.is_empty());
    assert_eq!(guide.team_for("Beekdorp").unwrap().id, "wijkteam-beekdorp");
    assert!(guide.team_for("1234").is_none());
    assert_eq!(Text::default().missing(), ["nl", "en"]);
}

/// Something a resident can do.
#[derive(Debug, Clone)]
enum Action {
    Next,
    Back,
    Toggle(usize),
    Answer(usize, usize),
    GoTo(u8),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Next),
        Just(Action::Back),
        (0usize..13).prop_map(Action::Toggle),
        (0usize..30, 0usize..4).prop_map(|(q, c)| Action::Answer(q, c)),
        (0u8..5).prop_map(Action::GoTo),
    ]
}

proptest! {
    #[test]
    fn any_sequence_of_actions_keeps_a_valid_journey(actions in proptest::collection::vec(action(), 0..40)) {
        let guide = demo();
        let mut journey = Journey::default();
        for action in actions {
            match action {
                Action::Next => journey.next(&guide),
                Action::Back => journey.back(),
                Action::Toggle(i) => {
                    journey.toggle_domain(&guide, Domain::ALL[i]);
                    journey.repair(&guide);
                }
                Action::Answer(q, c) => {
                    let questions = journey.questions(&guide);
                    if let Some(question) = questions.get(q % questions.len().max(1)) {
                        let choice = &question.choices[c % question.choices.len()];
                        let (question, choice) = (question.id.clone(), choice.id.clone());
                        journey.answer(&question, &choice);
                    }
                }
                Action::GoTo(step) => {
                    journey.go_to([Step::Start, Step::Worries, Step::Question(0), Step::Advice, Step::Overview][step as usize]);
                    journey.repair(&guide);
                }
            }
            let (current, total) = journey.progress();
            prop_assert!(current >= 1 && current <= total && total == 5);
            if let Some((at, of)) = journey.question_number(&guide) {
                prop_assert!(at >= 1 && at <= of);
            }
            if let Step::Question(i) = journey.step {
                prop_assert!(i < journey.questions(&guide).len());
            }
            let _ = advise(&guide, &journey, "nl");
        }
    }

    #[test]
    fn next_then_back_returns_to_the_same_step(toggles in proptest::collection::vec(0usize..13, 0..4), steps in 0usize..8) {
        let guide = demo();
        let mut journey = Journey::default();
        for t in toggles {
            journey.toggle_domain(&guide, Domain::ALL[t]);
        }
        for _ in 0..steps {
            journey.next(&guide);
        }
        let before = journey.step;
        journey.next(&guide);
        if journey.step != before {
            journey.back();
            prop_assert_eq!(journey.step, before);
        }
    }
}
