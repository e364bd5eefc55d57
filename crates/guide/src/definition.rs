//! The guide definition: one data file per municipality.
//!
//! Life domains with everyday labels and a few follow-up questions, urgent signals that put
//! crisis contacts first, the neighbourhood teams with their areas and contact options, and
//! rules from answers to signals, extra life domains and search words for the social map.
//! Every resident-facing text is given in Dutch and English.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};
use wegwijs_directory::links::{tel_link, web_link};
use wegwijs_directory::places::postcode_digits;
use wegwijs_directory::{Domain, Problem, Severity};

use wegwijs_text::data_file::read_json;
use wegwijs_text::Text;

use crate::national;
use crate::words::Phrases;

/// A contact for urgent help (112, Veilig Thuis, 113) or a fast track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Unique id, used by signals.
    pub id: String,
    /// Who it is.
    pub name: Text,
    /// Phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Chat or web page.
    #[serde(default)]
    pub website: Option<String>,
    /// When to call them.
    pub when: Text,
    /// Shown on every screen under "Direct hulp nodig?".
    #[serde(default)]
    pub always: bool,
}

/// An urgent signal, raised by an answer ("ik voel me niet veilig thuis") or by the
/// resident's own words ("hij slaat me"; see [`crate::words`] for the rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    /// Unique id, used by rules.
    pub id: String,
    /// What the resident is told, first on the advice page.
    pub message: Text,
    /// The contacts that come first, in order.
    pub contacts: Vec<String>,
    /// Phrases per language that raise the signal when the resident writes them.
    #[serde(default)]
    pub phrases: Phrases,
    /// Idioms per language that only look like a phrase ("dood op"); taken out first.
    #[serde(default)]
    pub not: Phrases,
}

/// One answer option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Unique within the question.
    pub id: String,
    /// The answer as the resident reads it.
    pub label: Text,
}

/// A simple follow-up question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Unique id, used by rules.
    pub id: String,
    /// The question.
    pub text: Text,
    /// The answers to pick from (yes / no / I don't know, or how urgent).
    pub choices: Vec<Choice>,
}

/// A life domain as the guide offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideDomain {
    /// The life domain.
    pub code: Domain,
    /// Everyday label ("Geld en schulden").
    pub label: Text,
    /// One everyday sentence under the label.
    pub description: Text,
    /// What you can do yourself now.
    #[serde(default)]
    pub self_help: Vec<Text>,
    /// Words to search the social map with for this domain.
    pub search: Text,
    /// One to three follow-up questions.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// The municipality's main service for this worry, the way in (schuldhulpverlening for
    /// debts): service ids or names on the social map, the first one found is used. Without
    /// it, the best matching general or tailored provision is.
    #[serde(default)]
    pub main: Vec<String>,
}

/// A neighbourhood team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Unique id.
    pub id: String,
    /// Its name.
    pub name: Text,
    /// 4-digit postcodes it serves.
    #[serde(default)]
    pub postcodes: Vec<String>,
    /// Neighbourhood and village names it serves.
    #[serde(default)]
    pub neighbourhoods: Vec<String>,
    /// Phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Web page.
    #[serde(default)]
    pub website: Option<String>,
    /// Where and when to walk in.
    #[serde(default)]
    pub walk_in: Option<Text>,
    /// What happens when you call: takes the fear out of the first step.
    pub what_happens: Text,
}

/// When a question has a given answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// The question id.
    pub question: String,
    /// The choice id.
    pub answer: String,
}

/// What an answer leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// When it applies.
    #[serde(rename = "if")]
    pub when: Condition,
    /// An urgent signal to raise.
    #[serde(default)]
    pub signal: Option<String>,
    /// Life domains to add to the advice.
    #[serde(default)]
    pub domains: Vec<Domain>,
    /// Extra words for the social map search.
    #[serde(default)]
    pub words: Option<Text>,
}

/// A municipality's guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guide {
    /// The municipality's name.
    pub municipality: Text,
    /// Crisis and fast-track contacts.
    pub contacts: Vec<Contact>,
    /// Urgent signals.
    #[serde(default)]
    pub signals: Vec<Signal>,
    /// The life domains offered, in order.
    pub domains: Vec<GuideDomain>,
    /// The neighbourhood teams.
    pub teams: Vec<Team>,
    /// Rules from answers.
    #[serde(default)]
    pub rules: Vec<Rule>,
}

/// Why a guide file cannot be used at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideError {
    /// Where: a JSON path, or in the browser a line and column.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for GuideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for GuideError {}

impl Guide {
    /// Reads a guide file. Structural errors (wrong JSON, unknown life domain code, missing
    /// field) fail with their JSON path; [`Guide::problems`] lists the rest.
    pub fn from_json(text: &str) -> Result<Self, GuideError> {
        read_json(text).map_err(|mistake| GuideError {
            location: mistake.location,
            message: mistake.message,
        })
    }

    /// The guide domain for a life domain.
    pub fn domain(&self, code: Domain) -> Option<&GuideDomain> {
        self.domains.iter().find(|d| d.code == code)
    }

    /// A contact by id.
    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// A signal by id.
    pub fn signal(&self, id: &str) -> Option<&Signal> {
        self.signals.iter().find(|s| s.id == id)
    }

    /// A question by id, with its domain.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.domains
            .iter()
            .flat_map(|d| &d.questions)
            .find(|q| q.id == id)
    }

    /// The contacts shown on every screen: the guide's own, then the national crisis lines
    /// it does not list itself (compared by number).
    pub fn always_contacts(&self) -> Vec<&Contact> {
        let own: Vec<&Contact> = self.contacts.iter().filter(|c| c.always).collect();
        let number = |c: &Contact| c.phone.as_deref().and_then(tel_link);
        let missing: Vec<&Contact> = national::crisis_lines()
            .iter()
            .filter(|line| !own.iter().any(|c| number(c) == number(line)))
            .collect();
        own.into_iter().chain(missing).collect()
    }

    /// The team for a 4-digit postcode ("3951", "3951 AB") or a neighbourhood name.
    pub fn team_for(&self, place: &str) -> Option<&Team> {
        let place = place.trim();
        match postcode_digits(place) {
            Some(digits) => self.teams.iter().find(|t| t.postcodes.contains(&digits)),
            None => self.teams.iter().find(|t| {
                t.neighbourhoods
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(place))
            }),
        }
    }

    /// Everything that is wrong or missing, each with its JSON path and field.
    pub fn problems(&self) -> Vec<Problem> {
        let mut found = Vec::new();
        let problems = &mut found;
        check_text(problems, "$".into(), "municipality", &self.municipality);

        let mut contact_ids = BTreeSet::new();
        for (i, contact) in self.contacts.iter().enumerate() {
            let at = format!("$.contacts[{i}]");
            if !contact_ids.insert(contact.id.as_str()) {
                add(
                    problems,
                    at.clone(),
                    "id",
                    format!("contact id {:?} is used twice", contact.id),
                );
            }
            check_text(problems, at.clone(), "name", &contact.name);
            check_text(problems, at.clone(), "when", &contact.when);
            if contact.phone.as_deref().and_then(tel_link).is_none()
                && contact.website.as_deref().and_then(web_link).is_none()
            {
                add(
                    problems,
                    at,
                    "phone",
                    "a contact needs a phone number or a website that works".into(),
                );
            }
        }
        let mut signal_ids = BTreeSet::new();
        for (i, signal) in self.signals.iter().enumerate() {
            let at = format!("$.signals[{i}]");
            signal_ids.insert(signal.id.as_str());
            check_text(problems, at.clone(), "message", &signal.message);
            check_phrases(problems, &at, "phrases", &signal.phrases);
            check_phrases(problems, &at, "not", &signal.not);
            for contact in &signal.contacts {
                if !contact_ids.contains(contact.as_str()) {
                    add(
                        problems,
                        at.clone(),
                        "contacts",
                        format!("points to contact {contact:?}, which does not exist"),
                    );
                }
            }
        }
        let mut question_ids = BTreeSet::new();
        for (i, domain) in self.domains.iter().enumerate() {
            let at = format!("$.domains[{i}]");
            check_text(problems, at.clone(), "label", &domain.label);
            check_text(problems, at.clone(), "description", &domain.description);
            check_text(problems, at.clone(), "search", &domain.search);
            for (j, tip) in domain.self_help.iter().enumerate() {
                check_text(problems, format!("{at}.self_help[{j}]"), "", tip);
            }
            if domain.questions.len() > 3 {
                add(
                    problems,
                    at.clone(),
                    "questions",
                    "more than three questions per life domain".into(),
                );
            }
            for (j, question) in domain.questions.iter().enumerate() {
                let at = format!("{at}.questions[{j}]");
                if !question_ids.insert(question.id.as_str()) {
                    add(
                        problems,
                        at.clone(),
                        "id",
                        format!("question id {:?} is used twice", question.id),
                    );
                }
                check_text(problems, at.clone(), "text", &question.text);
                if question.choices.len() < 2 {
                    add(
                        problems,
                        at.clone(),
                        "choices",
                        "a question needs at least two answers".into(),
                    );
                }
                for (k, choice) in question.choices.iter().enumerate() {
                    check_text(
                        problems,
                        format!("{at}.choices[{k}]"),
                        "label",
                        &choice.label,
                    );
                }
            }
        }
        for (i, team) in self.teams.iter().enumerate() {
            let at = format!("$.teams[{i}]");
            check_text(problems, at.clone(), "name", &team.name);
            check_text(problems, at.clone(), "what_happens", &team.what_happens);
            if let Some(walk_in) = &team.walk_in {
                check_text(problems, at.clone(), "walk_in", walk_in);
            }
            let reachable = team.phone.as_deref().and_then(tel_link).is_some()
                || team.email.is_some()
                || team.website.as_deref().and_then(web_link).is_some()
                || team.walk_in.is_some();
            if !reachable {
                add(
                    problems,
                    at.clone(),
                    "phone",
                    "a team needs a contact option: phone, e-mail, website or walk-in hours".into(),
                );
            }
            if team.postcodes.is_empty() && team.neighbourhoods.is_empty() {
                add(
                    problems,
                    at.clone(),
                    "postcodes",
                    "a team needs postcodes or neighbourhoods to be found".into(),
                );
            }
            for code in &team.postcodes {
                if postcode_digits(code).as_deref() != Some(code.as_str()) {
                    add(
                        problems,
                        at.clone(),
                        "postcodes",
                        format!("{code:?} is not a 4-digit postcode"),
                    );
                }
            }
        }
        for (i, rule) in self.rules.iter().enumerate() {
            let at = format!("$.rules[{i}]");
            match self.question(&rule.when.question) {
                None => add(
                    problems,
                    at.clone(),
                    "if.question",
                    format!("question {:?} does not exist", rule.when.question),
                ),
                Some(question) => {
                    if !question.choices.iter().any(|c| c.id == rule.when.answer) {
                        add(
                            problems,
                            at.clone(),
                            "if.answer",
                            format!(
                                "question {:?} has no answer {:?}",
                                rule.when.question, rule.when.answer
                            ),
                        );
                    }
                }
            }
            if let Some(signal) = &rule.signal {
                if !signal_ids.contains(signal.as_str()) {
                    add(
                        problems,
                        at.clone(),
                        "signal",
                        format!("signal {signal:?} does not exist"),
                    );
                }
            }
            if let Some(words) = &rule.words {
                check_text(problems, at.clone(), "words", words);
            }
            if rule.signal.is_none() && rule.domains.is_empty() && rule.words.is_none() {
                add(
                    problems,
                    at,
                    "",
                    "the rule leads nowhere: give a signal, domains or words".into(),
                );
            }
        }
        found
    }
}

fn add(problems: &mut Vec<Problem>, location: String, field: &str, message: String) {
    problems.push(Problem {
        severity: Severity::Error,
        location,
        field: field.to_owned(),
        message,
    });
}

/// Phrases: none empty, and when a signal has phrases, every required language has some.
fn check_phrases(problems: &mut Vec<Problem>, at: &str, field: &str, phrases: &Phrases) {
    for (lang, list) in phrases {
        for (i, phrase) in list.iter().enumerate() {
            if wegwijs_directory::words::tokens(phrase).is_empty() {
                add(
                    problems,
                    format!("{at}.{field}.{lang}[{i}]"),
                    field,
                    "an empty phrase matches nothing".into(),
                );
            }
        }
    }
    if phrases.values().any(|list| !list.is_empty()) {
        for lang in wegwijs_text::REQUIRED_LANGUAGES {
            if phrases.get(lang).is_none_or(Vec::is_empty) {
                add(
                    problems,
                    at.to_owned(),
                    field,
                    format!("no {lang:?} phrases (missing translation)"),
                );
            }
        }
    }
}

fn check_text(problems: &mut Vec<Problem>, location: String, field: &str, text: &Text) {
    for lang in text.missing() {
        add(
            problems,
            location.clone(),
            field,
            format!("no {lang:?} text (missing translation)"),
        );
    }
}
