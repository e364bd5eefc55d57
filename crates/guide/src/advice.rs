//! Where the answers lead: urgent contacts first, what you can do yourself, which help to
//! look for on the social map, and your neighbourhood team.

use wegwijs_directory::Domain;

use crate::definition::{Contact, Guide, Rule, Signal, Team};
use crate::journey::Journey;
use crate::words;
use wegwijs_text::Text;

/// The advice for a journey.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice<'g> {
    /// Urgent signals: those the resident's own words raise, then those the answers raise,
    /// each once, in guide order.
    pub signals: Vec<&'g Signal>,
    /// The contacts of those signals, first on the page, without repeats.
    pub urgent_contacts: Vec<&'g Contact>,
    /// Life domains to find help for: the chosen ones, then those the answers add.
    pub domains: Vec<Domain>,
    /// What the resident can do themselves, per chosen domain.
    pub self_help: Vec<&'g Text>,
    /// Per life domain: the words to search the social map with.
    pub searches: Vec<(Domain, String)>,
    /// The neighbourhood team for the place given.
    pub team: Option<&'g Team>,
}

/// The life domains a rule's words are for: the domains it adds, else the domain of the
/// question it answers.
fn rule_targets(guide: &Guide, rule: &Rule) -> Vec<Domain> {
    if !rule.domains.is_empty() {
        return rule.domains.clone();
    }
    guide
        .domains
        .iter()
        .filter(|d| d.questions.iter().any(|q| q.id == rule.when.question))
        .map(|d| d.code)
        .collect()
}

/// The urgent signals of a journey: from the resident's own words (what they typed as
/// their worry and their note), then from their answers.
pub fn urgent_signals<'g>(guide: &'g Guide, journey: &Journey) -> Vec<&'g Signal> {
    let written = format!("{}\n{}", journey.own_words, journey.note);
    let from_answers = guide
        .rules
        .iter()
        .filter(|rule| journey.answers.get(&rule.when.question) == Some(&rule.when.answer))
        .filter_map(|rule| rule.signal.as_deref().and_then(|id| guide.signal(id)));
    let mut signals: Vec<&Signal> = Vec::new();
    for signal in words::signals_in(guide, &written)
        .into_iter()
        .chain(from_answers)
    {
        if !signals.iter().any(|s| s.id == signal.id) {
            signals.push(signal);
        }
    }
    signals
}

/// The contacts of `signals`, in order, each once.
pub fn contacts_of<'g>(guide: &'g Guide, signals: &[&'g Signal]) -> Vec<&'g Contact> {
    let mut contacts: Vec<&Contact> = Vec::new();
    for contact in signals
        .iter()
        .flat_map(|s| &s.contacts)
        .filter_map(|id| guide.contact(id))
    {
        if !contacts.iter().any(|c| c.id == contact.id) {
            contacts.push(contact);
        }
    }
    contacts
}

/// Works out the advice for a journey, with texts in `lang`.
///
/// Search words: a chosen worry searches with its own words plus the words of the answers
/// about it ("voedselbank" when there is no money for food). A worry an answer adds searches
/// with that answer's words ("huurachterstand" for housing when the rent cannot be paid),
/// so it brings help for that need, not just anything about the domain.
pub fn advise<'g>(guide: &'g Guide, journey: &Journey, lang: &str) -> Advice<'g> {
    let applying: Vec<&Rule> = guide
        .rules
        .iter()
        .filter(|rule| journey.answers.get(&rule.when.question) == Some(&rule.when.answer))
        .collect();
    let signals = urgent_signals(guide, journey);
    let urgent_contacts = contacts_of(guide, &signals);
    let mut domains = journey.domains.clone();
    for domain in applying.iter().flat_map(|rule| &rule.domains) {
        if !domains.contains(domain) {
            domains.push(*domain);
        }
    }
    let searches = domains
        .iter()
        .filter_map(|code| {
            let domain = guide.domain(*code)?;
            let answer_words: Vec<&str> = applying
                .iter()
                .filter(|rule| rule_targets(guide, rule).contains(code))
                .filter_map(|rule| rule.words.as_ref().map(|w| w.get(lang)))
                .collect();
            let chosen = journey.domains.contains(code);
            let mut words = Vec::new();
            if chosen || answer_words.is_empty() {
                words.push(domain.search.get(lang));
            }
            words.extend(answer_words);
            Some((*code, words.join(" ")))
        })
        .collect();
    let self_help = journey
        .domains
        .iter()
        .filter_map(|d| guide.domain(*d))
        .flat_map(|d| d.self_help.iter())
        .collect();
    Advice {
        signals,
        urgent_contacts,
        domains,
        self_help,
        searches,
        team: guide.team_for(&journey.place),
    }
}
