//! Search: from a resident's words to a ranked, filtered list of services with facet counts.
//!
//! A query is analysed into *clauses*, one per meaningful word (stop words dropped). A clause
//! matches a service through any of its alternatives: the exact stem, completions of the last
//! word as it is being typed, the parts of a compound, or the professional terms of a synonym
//! phrase. Unknown words are first corrected to the closest known word (a typo or two) ("rekeningen niet betalen" → schuldhulpverlening).
//! Phrases and keywords also point to life domains; services in those domains are found even
//! without a word match, specialists before generalists.
//!
//! A service's score is the sum of its clause scores (BM25 over weighted fields, so a long
//! description does not win by length), plus its domain boost, scaled by the share of clauses
//! it matches. At equal relevance informal help comes before general before tailored
//! provision, and input order breaks the remaining ties.
//!
//! Three rules keep a list useful:
//! - **Relevance cut-off**: a service that matches only some of the question's words and
//!   scores below [`RELEVANCE_CUT_OFF`] of the best result only shares a word with the
//!   question, so it is left out (one that matches every word stays); and when at least five
//!   services match the words, a service that is only in the right life domain is left out
//!   ("ik voel me zo alleen" does not return half the map).
//! - **Near a place, relevance first**: services whose relevance differs by less than about
//!   [`RELEVANCE_BAND`] count as equally relevant, and among those the nearer comes first.
//!   Only the "nearest first" order puts distance before relevance.
//! - **Copies together**: the same offer of one organisation in several neighbourhoods (same
//!   organisation, same description) is one result, the best-placed (nearest) copy first,
//!   with the others in [`Hit::copies`]. Counts ([`Results::total`], facets) count every
//!   service, as every copy is a place to go.
//!
//! A question without meaningful words ("ik weet het niet meer", only punctuation or emoji)
//! is [`Results::vague`]: instead of everything, it returns the neighbourhood teams, where
//! anyone can go with any question.
//!
//! The steps have their own modules: [`analyse`] reads the question, [`score`] weighs every
//! service against it, [`rank`] orders and folds the results, [`facets`] counts what each
//! filter would give and [`suggest`] completes what is being typed.

mod analyse;
mod facets;
mod rank;
mod score;
mod suggest;

use serde::{Deserialize, Serialize};

pub use analyse::edit_distance;
pub use facets::Facets;

use crate::features::{dimension, CompiledFilters};
use crate::geo::Point;
use crate::index::Index;
use crate::profile::{Domain, Level, TargetGroup};
use crate::schedule::is_open_at;
use crate::time::LocalDateTime;
use rank::Candidate;

/// Results from which the top is diversified over the query's domains.
const DIVERSIFY_TOP: usize = 5;
/// A result counts when its score is at least this share of the best score.
pub const RELEVANCE_CUT_OFF: f32 = 0.2;
/// Near a place, scores within this factor of each other count as equally relevant.
pub const RELEVANCE_BAND: f32 = 1.1;

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sort {
    /// Best match first (informal help first at equal relevance).
    #[default]
    Relevance,
    /// Informal help first, then general, then tailored; best match first within each.
    InformalFirst,
    /// Nearest first (needs [`Query::near`]).
    Distance,
}

/// What to show: narrows the results and is what the facets count.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    /// Only services in any of these life domains.
    pub domains: Vec<Domain>,
    /// Only these provision levels.
    pub levels: Vec<Level>,
    /// Only free services.
    pub free: bool,
    /// Only services you can go to without a referral.
    pub no_referral: bool,
    /// Only services for any of these target groups.
    pub target_groups: Vec<TargetGroup>,
    /// Only services for someone of this age.
    pub age: Option<u8>,
    /// Only services in this language (code such as `en`, or name).
    pub language: Option<String>,
    /// Only services a wheelchair user can get into.
    pub wheelchair: bool,
    /// Only services open at this moment.
    pub open_at: Option<LocalDateTime>,
    /// Only services within this many kilometres of [`Query::near`].
    pub within_km: Option<f64>,
    /// Also services that do not run (inactive, defunct), for workers; residents never get
    /// them.
    #[serde(default)]
    pub include_not_running: bool,
}

/// A search request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    /// What the person typed.
    pub text: String,
    /// Narrowing.
    pub filters: Filters,
    /// Where the person is, for distances.
    pub near: Option<Point>,
    /// Result order.
    pub sort: Sort,
    /// Most results to return (0: all).
    pub limit: usize,
    /// Count in [`Facets::open`] how many results are open at this moment (without filtering
    /// on it), so an "open now" choice can show its count before it is chosen.
    pub count_open_at: Option<LocalDateTime>,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Position of the service in [`Index::services`].
    pub doc: u32,
    /// Relevance; 0 when the query had no words.
    pub score: f32,
    /// Distance from [`Query::near`], in km.
    pub distance_km: Option<f64>,
    /// Copies of the same offer elsewhere (positions in [`Index::services`]), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<u32>,
}

/// The answer to a [`Query`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// The results, best first, at most `limit`.
    pub hits: Vec<Hit>,
    /// All results before the limit.
    pub total: usize,
    /// Counts per filter value.
    pub facets: Facets,
    /// Life domains the words point to.
    pub detected_domains: Vec<Domain>,
    /// The query as it was understood, when words were corrected ("Bedoelde je …?").
    pub corrected: Option<String>,
    /// The question had no meaningful words ("ik weet het niet meer", "???"): the hits are
    /// the neighbourhood teams.
    #[serde(default)]
    pub vague: bool,
}

impl Index {
    /// Runs a query.
    pub fn search(&self, query: &Query) -> Results {
        let analysis = self.analyse(&query.text);
        let vague = !query.text.trim().is_empty()
            && analysis.meaningful_words == 0
            && analysis.domains.is_empty();
        let scores = self.score(&analysis);
        let services = self.services();
        let features = &self.derived.features;
        let compiled = CompiledFilters::new(&query.filters, &self.derived.languages);
        let distance = |doc: usize| {
            let from = query.near?;
            Some(from.distance_km(services[doc].point()?))
        };
        let open_probe = query.filters.open_at.or(query.count_open_at);
        let mut facets = Facets::new(open_probe.is_some());
        let mut language_counts = [0usize; 64];
        let mut hits = Vec::new();
        let mut consider = |doc: usize, score: f32| {
            // The packed features, not the service: at 100 000 services every touch of a
            // service record is a cache miss.
            let feature = &features[doc];
            if !query.filters.include_not_running && !feature.listed() {
                return;
            }
            let distance_km = distance(doc);
            let mut failed = compiled.failures(feature);
            let open = open_probe
                .map(|at| !feature.closed_for_now() && is_open_at(&services[doc].hours, at));
            if query.filters.open_at.is_some() && open == Some(false) {
                failed |= dimension::OPEN;
            }
            if let Some(km) = query.filters.within_km {
                if distance_km.is_none_or(|d| d > km) {
                    failed |= dimension::DISTANCE;
                }
            }
            facets.count(&features[doc], failed, open, &mut language_counts);
            if failed == 0 {
                hits.push(Candidate {
                    doc: doc as u32,
                    score,
                    distance_km,
                });
            }
        };
        match &scores {
            None if vague => self
                .neighbourhood_teams()
                .iter()
                .for_each(|doc| consider(*doc as usize, 0.0)),
            None => (0..services.len()).for_each(|doc| consider(doc, 0.0)),
            Some(scores) => scores
                .iter()
                .enumerate()
                .filter(|(_, score)| **score > 0.0)
                .for_each(|(doc, score)| consider(doc, *score)),
        }
        facets.finish(&language_counts, &self.derived.languages);
        let total = hits.len();
        let hits = self.rank(hits, query.sort, &analysis, query.limit);
        Results {
            hits,
            total,
            facets,
            detected_domains: analysis.domains,
            corrected: analysis.corrected,
            vague,
        }
    }
}
