//! Where the answers lead: urgent contacts first, what you can do yourself, which help to
//! look for on the social map, and your neighbourhood team.

use wegwijs_directory::Domain;

use crate::definition::{Contact, Guide, Signal, Team};
use crate::journey::Journey;
use wegwijs_text::Text;

/// The advice for a journey.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice<'g> {
    /// Urgent signals raised by the answers, in rule order.
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

/// Works out the advice for a journey, with texts in `lang`.
pub fn advise<'g>(guide: &'g Guide, journey: &Journey, lang: &str) -> Advice<'g> {
    let applying: Vec<_> = guide
        .rules
        .iter()
        .filter(|rule| journey.answers.get(&rule.when.question) == Some(&rule.when.answer))
        .collect();
    let signals: Vec<&Signal> = applying
        .iter()
        .filter_map(|rule| rule.signal.as_deref().and_then(|id| guide.signal(id)))
        .collect();
    let mut urgent_contacts: Vec<&Contact> = Vec::new();
    for contact in signals
        .iter()
        .flat_map(|s| &s.contacts)
        .filter_map(|id| guide.contact(id))
    {
        if !urgent_contacts.iter().any(|c| c.id == contact.id) {
            urgent_contacts.push(contact);
        }
    }
    let mut domains = journey.domains.clone();
    for domain in applying.iter().flat_map(|rule| &rule.domains) {
        if !domains.contains(domain) {
            domains.push(*domain);
        }
    }
    let extra_words: Vec<&str> = applying
        .iter()
        .filter_map(|rule| rule.words.as_ref().map(|w| w.get(lang)))
        .collect();
    let searches = domains
        .iter()
        .filter_map(|code| {
            let domain = guide.domain(*code)?;
            let mut words = vec![domain.search.get(lang)];
            if journey.domains.first() == Some(code) {
                words.extend(extra_words.iter().copied());
            }
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
