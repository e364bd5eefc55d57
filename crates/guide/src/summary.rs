//! "Mijn overzicht": the resident's story in their own words, and everything they need to
//! act on it — the numbers to call, their team, the help they chose — to take to the
//! conversation so it is told only once.

use wegwijs_directory::geo::Point;
use wegwijs_directory::{Index, Service};

use crate::advice::{advise, Advice};
use crate::definition::{Contact, Guide, Team};
use crate::help::recommend;
use crate::journey::Journey;

/// What goes into the overview.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Looking for help for someone else.
    pub for_someone_else: bool,
    /// Urgent contacts: those the answers or words call for, then the ones on every screen.
    pub urgent: Vec<Contact>,
    /// The chosen worries, as everyday labels.
    pub worries: Vec<String>,
    /// What the resident typed themselves.
    pub own_words: Option<String>,
    /// Question and answer, in the order asked.
    pub answers: Vec<(String, String)>,
    /// The neighbourhood team found, with all its contact options.
    pub team: Option<Team>,
    /// The services the resident chose on the advice page (by default the ways in).
    pub services: Vec<Service>,
    /// The resident's note.
    pub note: Option<String>,
}

/// The services for the overview: the ones the resident chose, or, when they chose none
/// yet, the ways in that `advice` leads to.
pub fn chosen_services(
    guide: &Guide,
    journey: &Journey,
    advice: &Advice,
    map: Option<&Index>,
    near: Option<Point>,
) -> Vec<Service> {
    let Some(index) = map else {
        return Vec::new();
    };
    match &journey.chosen_services {
        Some(ids) => ids
            .iter()
            .filter_map(|id| index.services().iter().find(|s| &s.id == id))
            .cloned()
            .collect(),
        None => recommend(guide, advice, index, near)
            .main
            .iter()
            .map(|(_, doc)| index.services()[*doc as usize].clone())
            .collect(),
    }
}

/// The overview of a journey, with texts in `lang`, and the chosen services from `map`.
pub fn summarize(
    guide: &Guide,
    journey: &Journey,
    lang: &str,
    map: Option<&Index>,
    near: Option<Point>,
) -> Summary {
    let non_empty = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
    let advice = advise(guide, journey, lang);
    let mut urgent: Vec<Contact> = advice
        .urgent_contacts
        .iter()
        .map(|c| (*c).clone())
        .collect();
    for contact in guide.always_contacts() {
        if !urgent
            .iter()
            .any(|c| c.id == contact.id || c.phone == contact.phone)
        {
            urgent.push(contact.clone());
        }
    }
    Summary {
        for_someone_else: journey.for_someone_else,
        urgent,
        worries: journey
            .domains
            .iter()
            .filter_map(|d| guide.domain(*d))
            .map(|d| d.label.get(lang).to_owned())
            .collect(),
        own_words: non_empty(&journey.own_words),
        answers: journey
            .questions(guide)
            .into_iter()
            .filter_map(|question| {
                let choice = journey.answers.get(&question.id)?;
                let label = question
                    .choices
                    .iter()
                    .find(|c| &c.id == choice)?
                    .label
                    .get(lang);
                Some((question.text.get(lang).to_owned(), label.to_owned()))
            })
            .collect(),
        team: advice.team.cloned(),
        services: chosen_services(guide, journey, &advice, map, near),
        note: non_empty(&journey.note),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wegwijs_directory::Domain;

    #[test]
    fn the_overview_uses_everyday_words_and_skips_what_is_empty() {
        let guide = Guide::from_json(include_str!("../../../www/data/hulpwijzer.json")).unwrap();
        let mut journey = Journey::default();
        journey.toggle_domain(&guide, Domain::Geld);
        journey.answer("geld-huur", "nee");
        journey.place = "3951".into();
        journey.note = "  ".into();
        let summary = summarize(&guide, &journey, "nl", None, None);
        assert_eq!(summary.worries, ["Geld en schulden"]);
        assert_eq!(
            summary.answers,
            [(
                "Lukt het om deze maand de huur te betalen?".to_owned(),
                "Nee".to_owned()
            )]
        );
        let team = summary.team.expect("the team for 3951");
        assert_eq!(team.name.get("nl"), "Sociaal wijkteam Centrum");
        assert_eq!(team.phone.as_deref(), Some("0342-400010"));
        assert_eq!(summary.note, None);
        assert_eq!(summary.own_words, None);
        let numbers: Vec<_> = summary
            .urgent
            .iter()
            .filter_map(|c| c.phone.as_deref())
            .collect();
        assert_eq!(
            numbers,
            ["112", "0800-2000", "0800-0113"],
            "the crisis lines are on paper too"
        );
        assert!(summary.services.is_empty(), "no map, no services");
    }
}
