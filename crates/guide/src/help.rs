//! Which services of the social map the advice page recommends, and in what order.
//!
//! - **The way in**: for every worry (chosen, or added by an answer) the municipality's main
//!   service for it — the guide names it (`main`: service ids or names); without a name, or
//!   when it is not on the map, the best matching general or tailored provision, else the
//!   best match.
//! - **Informal and free help**: volunteers, and general provision that costs nothing.
//! - **Other help**: the rest.
//!
//! Each worry is searched with its own words within its life domain (see
//! [`crate::advice::advise`]); when an answer's specific words find nothing there, the
//! domain's general words are used. Only results with at least a third of the best result's
//! relevance count. The worries take turns, so each gets help on the page;
//! one service per organisation (five neighbourhood branches say the same thing), nearest
//! first at equal relevance, and never the neighbourhood teams, which have a place of their
//! own.

use wegwijs_directory::geo::Point;
use wegwijs_directory::search::{Filters, Query, Sort};
use wegwijs_directory::words::normalize;
use wegwijs_directory::{Domain, Index, Level, Service};

use crate::advice::Advice;
use crate::definition::Guide;

/// Most services in each of the informal and other groups.
pub const PER_GROUP: usize = 5;

/// Results considered per worry.
const PER_WORRY: usize = 12;

/// A result counts only when its relevance is at least this share of the best result's:
/// the tail of a search shares a word, not the need.
const RELEVANCE_CUT_OFF: f32 = 1.0 / 3.0;

/// The recommended services, as positions in [`Index::services`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recommended {
    /// The way in per worry, in the order of the worries; a service once.
    pub main: Vec<(Domain, u32)>,
    /// Informal and free help.
    pub low_threshold: Vec<u32>,
    /// Other help.
    pub other: Vec<u32>,
}

impl Recommended {
    /// Every recommended service once: the ways in, then informal, then other help.
    pub fn all(&self) -> impl Iterator<Item = u32> + '_ {
        self.main
            .iter()
            .map(|(_, doc)| *doc)
            .chain(self.low_threshold.iter().copied())
            .chain(self.other.iter().copied())
    }
}

/// Whether the service is for everyone without a threshold: volunteers, or free general
/// provision.
pub fn low_threshold(service: &Service) -> bool {
    service.level == Some(Level::Informeel)
        || (service.level != Some(Level::Maatwerk) && service.free)
}

fn search(index: &Index, domain: Domain, words: &str, near: Option<Point>) -> Vec<u32> {
    let results = index.search(&Query {
        text: words.to_owned(),
        filters: Filters {
            domains: vec![domain],
            ..Filters::default()
        },
        near,
        sort: Sort::Relevance,
        limit: PER_WORRY,
        ..Query::default()
    });
    let best = results.hits.iter().map(|hit| hit.score).fold(0.0, f32::max);
    results
        .hits
        .iter()
        .filter(|hit| hit.score >= best * RELEVANCE_CUT_OFF)
        .map(|hit| hit.doc)
        .filter(|doc| !index.services()[*doc as usize].is_neighbourhood_team())
        .collect()
}

/// The worries the resident's own words point to ("ik kan mijn huur niet betalen" → money,
/// housing), as the social map's search understands them, limited to those the guide offers.
pub fn worries_in(guide: &Guide, index: &Index, text: &str) -> Vec<Domain> {
    index
        .search(&Query {
            text: text.to_owned(),
            limit: 1,
            ..Query::default()
        })
        .detected_domains
        .into_iter()
        .filter(|domain| guide.domain(*domain).is_some())
        .collect()
}

/// The service a guide names as the way in for `domain`: by id, else by name.
fn named_main(guide: &Guide, index: &Index, domain: Domain) -> Option<u32> {
    let names = &guide.domain(domain)?.main;
    names.iter().find_map(|wanted| {
        let folded = normalize(wanted);
        index
            .services()
            .iter()
            .position(|s| s.is_listed() && (s.id == *wanted || normalize(&s.name) == folded))
            .map(|doc| doc as u32)
    })
}

/// The recommended services for `advice` on the map in `index`; `near` is the resident's
/// area (their team's), for nearest-first among equals.
pub fn recommend(
    guide: &Guide,
    advice: &Advice,
    index: &Index,
    near: Option<Point>,
) -> Recommended {
    let services = index.services();
    let per_worry: Vec<(Domain, Vec<u32>)> = advice
        .searches
        .iter()
        .map(|(domain, words)| {
            let mut found = search(index, *domain, words, near);
            if found.is_empty() {
                if let Some(general) = guide.domain(*domain).map(|d| d.search.get("nl")) {
                    found = search(index, *domain, general, near);
                }
            }
            (*domain, found)
        })
        .collect();

    let mut recommended = Recommended::default();
    for (domain, found) in &per_worry {
        let main = named_main(guide, index, *domain)
            .or_else(|| {
                found.iter().copied().find(|doc| {
                    matches!(
                        services[*doc as usize].level,
                        Some(Level::Algemeen | Level::Maatwerk)
                    )
                })
            })
            .or_else(|| found.first().copied());
        if let Some(doc) = main.filter(|doc| !recommended.all().any(|d| d == *doc)) {
            recommended.main.push((*domain, doc));
        }
    }
    for round in 0..PER_WORRY {
        for doc in per_worry.iter().filter_map(|(_, found)| found.get(round)) {
            let service = &services[*doc as usize];
            let already = recommended.all().any(|d| d == *doc);
            let same_organisation = recommended
                .low_threshold
                .iter()
                .chain(&recommended.other)
                .any(|d| {
                    let other = &services[*d as usize];
                    other.organization.is_some() && other.organization == service.organization
                });
            let group = if low_threshold(service) {
                &mut recommended.low_threshold
            } else {
                &mut recommended.other
            };
            if !already && !same_organisation && group.len() < PER_GROUP {
                group.push(*doc);
            }
        }
    }
    recommended
}
