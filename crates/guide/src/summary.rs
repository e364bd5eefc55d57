//! "Mijn overzicht": the resident's story in their own words, to take to the conversation so
//! it is told only once.

use crate::definition::Guide;
use crate::journey::Journey;

/// What goes into the overview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Looking for help for someone else.
    pub for_someone_else: bool,
    /// The chosen worries, as everyday labels.
    pub worries: Vec<String>,
    /// What the resident typed themselves.
    pub own_words: Option<String>,
    /// Question and answer, in the order asked.
    pub answers: Vec<(String, String)>,
    /// The neighbourhood team found.
    pub team: Option<String>,
    /// The resident's note.
    pub note: Option<String>,
}

/// The overview of a journey, with texts in `lang`.
pub fn summarize(guide: &Guide, journey: &Journey, lang: &str) -> Summary {
    let non_empty = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
    Summary {
        for_someone_else: journey.for_someone_else,
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
        team: guide
            .team_for(&journey.place)
            .map(|t| t.name.get(lang).to_owned()),
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
        let summary = summarize(&guide, &journey, "nl");
        assert_eq!(summary.worries, ["Geld en schulden"]);
        assert_eq!(
            summary.answers,
            [(
                "Lukt het om deze maand de huur te betalen?".to_owned(),
                "Nee".to_owned()
            )]
        );
        assert_eq!(summary.team.as_deref(), Some("Sociaal wijkteam Centrum"));
        assert_eq!(summary.note, None);
        assert_eq!(summary.own_words, None);
    }
}
