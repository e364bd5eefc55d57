//! The resident's way through the guide: start → worries → a few questions → what you can
//! do → your overview. Back and forward always work; nothing is required.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use wegwijs_directory::Domain;

use crate::definition::{Guide, Question};

/// How many steps the progress bar counts.
pub const STEPS: usize = 5;

/// Where the resident is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// "Waar maak je je zorgen over?" and for whom.
    Start,
    /// Choosing worries (life domains) or typing them.
    Worries,
    /// The n-th question of the chosen worries.
    Question(usize),
    /// "Dit kun je doen".
    Advice,
    /// "Mijn overzicht".
    Overview,
}

/// Everything the resident chose and answered. Lives in the browser only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journey {
    /// Looking for help for someone else (a carer, a neighbour).
    pub for_someone_else: bool,
    /// The chosen worries, in the order chosen.
    pub domains: Vec<Domain>,
    /// What the resident typed in their own words.
    pub own_words: String,
    /// Question id → choice id.
    pub answers: BTreeMap<String, String>,
    /// Postcode or neighbourhood, for the team.
    pub place: String,
    /// A note for the conversation.
    pub note: String,
    /// The services (ids) the resident put in their overview; `None` until they choose,
    /// meaning the ways in the advice recommends.
    #[serde(default)]
    pub chosen_services: Option<Vec<String>>,
    /// The current step.
    pub step: Step,
    /// The steps before, for "Vorige".
    history: Vec<Step>,
}

impl Default for Journey {
    fn default() -> Self {
        Self {
            for_someone_else: false,
            domains: Vec::new(),
            own_words: String::new(),
            answers: BTreeMap::new(),
            place: String::new(),
            note: String::new(),
            chosen_services: None,
            step: Step::Start,
            history: Vec::new(),
        }
    }
}

impl Journey {
    /// The questions of the chosen worries, in order.
    pub fn questions<'g>(&self, guide: &'g Guide) -> Vec<&'g Question> {
        self.domains
            .iter()
            .filter_map(|d| guide.domain(*d))
            .flat_map(|d| d.questions.iter())
            .collect()
    }

    /// The question shown at the current step.
    pub fn current_question<'g>(&self, guide: &'g Guide) -> Option<&'g Question> {
        match self.step {
            Step::Question(index) => self.questions(guide).get(index).copied(),
            _ => None,
        }
    }

    /// The step after the current one.
    fn following(&self, guide: &Guide) -> Step {
        let questions = self.questions(guide).len();
        match self.step {
            Step::Start => Step::Worries,
            Step::Worries if questions > 0 => Step::Question(0),
            Step::Worries => Step::Advice,
            Step::Question(index) if index + 1 < questions => Step::Question(index + 1),
            Step::Question(_) => Step::Advice,
            Step::Advice | Step::Overview => Step::Overview,
        }
    }

    /// Goes forward ("Volgende").
    pub fn next(&mut self, guide: &Guide) {
        let following = self.following(guide);
        if following != self.step {
            self.history.push(self.step);
            self.step = following;
        }
    }

    /// Goes back ("Vorige"); at the start nothing happens.
    pub fn back(&mut self) {
        if let Some(previous) = self.history.pop() {
            self.step = previous;
        }
    }

    /// Jumps to a step from the overview ("Pas aan"), keeping the way back.
    pub fn go_to(&mut self, step: Step) {
        if step != self.step {
            self.history.push(self.step);
            self.step = step;
        }
    }

    /// Whether "Vorige" can go anywhere.
    pub fn can_go_back(&self) -> bool {
        !self.history.is_empty()
    }

    /// Chooses or unchooses a worry; answers to questions of a dropped worry are forgotten.
    pub fn toggle_domain(&mut self, guide: &Guide, domain: Domain) {
        if let Some(position) = self.domains.iter().position(|d| *d == domain) {
            self.domains.remove(position);
            if let Some(dropped) = guide.domain(domain) {
                for question in &dropped.questions {
                    self.answers.remove(&question.id);
                }
            }
        } else {
            self.domains.push(domain);
        }
    }

    /// Answers a question; answering with the current answer clears it (nothing is required).
    pub fn answer(&mut self, question: &str, choice: &str) {
        if self.answers.get(question).is_some_and(|c| c == choice) {
            self.answers.remove(question);
        } else {
            self.answers.insert(question.to_owned(), choice.to_owned());
        }
    }

    /// Step number and total, for "Stap 3 van 5". The five steps are the same for everyone
    /// (for whom, worries, questions, what you can do, overview), so the total never jumps;
    /// the questions are counted within their step ([`Journey::question_number`]).
    pub fn progress(&self) -> (usize, usize) {
        let current = match self.step {
            Step::Start => 1,
            Step::Worries => 2,
            Step::Question(_) => 3,
            Step::Advice => 4,
            Step::Overview => 5,
        };
        (current, STEPS)
    }

    /// On a question: its number and how many questions there are, for "Vraag 1 van 3".
    pub fn question_number(&self, guide: &Guide) -> Option<(usize, usize)> {
        let Step::Question(index) = self.step else {
            return None;
        };
        let count = self.questions(guide).len();
        (index < count).then_some((index + 1, count))
    }

    /// Puts a service (by id) in the overview or takes it out. The first choice starts from
    /// `defaults`, the services the overview holds until the resident chooses.
    pub fn toggle_service(&mut self, id: &str, defaults: &[String]) {
        let chosen = self
            .chosen_services
            .get_or_insert_with(|| defaults.to_vec());
        if let Some(position) = chosen.iter().position(|c| c == id) {
            chosen.remove(position);
        } else {
            chosen.push(id.to_owned());
        }
    }

    /// Makes sure the step still exists (after worries changed, or a stored journey).
    pub fn repair(&mut self, guide: &Guide) {
        self.domains.retain(|d| guide.domain(*d).is_some());
        self.domains.dedup();
        let questions = self.questions(guide);
        self.answers.retain(|question, choice| {
            questions
                .iter()
                .any(|q| q.id == *question && q.choices.iter().any(|c| c.id == *choice))
        });
        let count = questions.len();
        let valid = |step: &Step| !matches!(step, Step::Question(i) if *i >= count);
        self.history.retain(valid);
        if !valid(&self.step) {
            self.step = if count > 0 {
                Step::Question(count - 1)
            } else {
                Step::Advice
            };
        }
    }
}
