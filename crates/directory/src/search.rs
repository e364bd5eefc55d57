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

use serde::{Deserialize, Serialize};

use crate::features::{dimension, domain_bits, CompiledFilters, Features};
use crate::geo::Point;
use crate::index::Index;
use crate::profile::{Domain, Level, TargetGroup};
use crate::schedule::is_open_at;
use crate::text::{is_stop_word, normalize, stem, stem_in, tokens};
use crate::time::LocalDateTime;

/// Weight of completions of the word being typed.
const PREFIX_WEIGHT: f32 = 0.85;
/// Weight of a synonym's professional terms.
const SYNONYM_WEIGHT: f32 = 0.8;
/// Weight of the parts of a compound query word, summed.
const PART_WEIGHT: f32 = 0.5;
/// Score for being in every life domain the query points to.
const DOMAIN_BOOST: f32 = 2.5;
/// Most completions tried for the word being typed.
const MAX_COMPLETIONS: usize = 48;
/// Results from which the top is diversified over the query's domains.
const DIVERSIFY_TOP: usize = 5;
/// A result counts when its score is at least this share of the best score.
pub const RELEVANCE_CUT_OFF: f32 = 0.25;
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

/// A result while ranking: small, because every matching service is one.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    doc: u32,
    score: f32,
    distance_km: Option<f64>,
}

/// How many results each filter value would give (with the other filters applied).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    /// Per life domain.
    pub domains: Vec<(Domain, usize)>,
    /// Per provision level.
    pub levels: Vec<(Level, usize)>,
    /// Free services.
    pub free: usize,
    /// Services without referral.
    pub no_referral: usize,
    /// Per target group.
    pub target_groups: Vec<(TargetGroup, usize)>,
    /// Per language.
    pub languages: Vec<(String, usize)>,
    /// Wheelchair accessible services.
    pub wheelchair: usize,
    /// Services open at the requested moment (when one was given as filter or as
    /// [`Query::count_open_at`]).
    pub open: Option<usize>,
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

/// One way a clause can match: a term and how much it counts.
#[derive(Debug, Clone, Copy)]
struct Alternative {
    term: u32,
    weight: f32,
}

/// One meaningful piece of the query.
#[derive(Debug, Default)]
struct Clause {
    /// Any of these matching counts (the best one).
    alternatives: Vec<Alternative>,
    /// Parts of a compound word: summed.
    parts: Vec<u32>,
}

/// The query after analysis.
#[derive(Debug, Default)]
struct Analysis {
    clauses: Vec<Clause>,
    domains: Vec<Domain>,
    corrected: Option<String>,
    /// Words that are not stop words: with none, the query asks for everything.
    meaningful_words: usize,
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
        let hits = self.rank(hits, query.sort, &analysis.domains, query.limit);
        Results {
            hits,
            total,
            facets,
            detected_domains: analysis.domains,
            corrected: analysis.corrected,
            vague,
        }
    }

    /// Suggestions while typing: everyday phrases from the vocabulary that start with what was
    /// typed, then completions of the last word that occur in most services.
    pub fn suggest(&self, text: &str, limit: usize) -> Vec<String> {
        let typed = normalize(text);
        let words: Vec<&str> = typed.split(' ').filter(|w| !w.is_empty()).collect();
        let Some(last) = words.last() else {
            return Vec::new();
        };
        if typed.chars().count() < 2 {
            return Vec::new();
        }
        let mut suggestions: Vec<String> = Vec::new();
        let phrases = self.vocabulary().synonyms.iter().flat_map(|s| &s.phrases);
        for phrase in phrases {
            let folded = normalize(phrase);
            if folded.starts_with(&typed) && folded != typed && !suggestions.contains(&folded) {
                suggestions.push(folded);
            }
        }
        suggestions.sort_by_key(|s| s.len());
        suggestions.truncate(limit / 2 + 1);
        if last.chars().count() < 2 {
            return suggestions;
        }
        let surfaces = self.surfaces();
        let start = surfaces.partition_point(|(surface, _)| surface.as_str() < *last);
        let mut completions: Vec<(&str, usize)> = surfaces[start..]
            .iter()
            .take_while(|(surface, _)| surface.starts_with(*last))
            .filter(|(surface, _)| surface != last && !is_stop_word(surface))
            .map(|(surface, term)| {
                (
                    surface.as_str(),
                    self.derived.impacts[*term as usize].docs.len(),
                )
            })
            .collect();
        completions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let head = &words[..words.len() - 1];
        for (completion, _) in completions {
            if suggestions.len() >= limit {
                break;
            }
            // "hulp bij formul…" → not "hulp bij formulierenhulp": a completion that
            // repeats a word already typed reads as a stutter.
            if head.iter().any(|word| {
                word.chars().count() >= 3 && !is_stop_word(word) && completion.contains(word)
            }) {
                continue;
            }
            let mut full: Vec<&str> = head.to_vec();
            full.push(completion);
            let suggestion = full.join(" ");
            if !suggestions.contains(&suggestion) {
                suggestions.push(suggestion);
            }
        }
        suggestions.truncate(limit);
        suggestions
    }

    /// Words → clauses and domains.
    fn analyse(&self, text: &str) -> Analysis {
        let typing_last_word = !text.ends_with(|c: char| c.is_whitespace());
        let mut words = tokens(text);
        let mut analysis = Analysis::default();
        let last = words.len().saturating_sub(1);
        let mut corrected = false;
        for (position, word) in words.iter_mut().enumerate() {
            let completing = typing_last_word && position == last && self.has_completion(word);
            if !completing {
                if let Some(correction) = self.correction(word) {
                    *word = correction;
                    corrected = true;
                }
            }
        }
        if corrected {
            analysis.corrected = Some(words.join(" "));
        }
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        analysis.meaningful_words = words.iter().filter(|w| !is_stop_word(w)).count();
        let mut consumed = vec![false; words.len()];

        // The query's words stemmed as each language of the vocabulary's concepts.
        let mut foreign_stems: Vec<(&str, Vec<String>)> = Vec::new();
        for (phrase, synonym) in &self.derived.phrases {
            let stems = match self.vocabulary().synonyms[*synonym].language.as_deref() {
                None => &stems,
                Some(language) => {
                    let at = match foreign_stems.iter().position(|(l, _)| *l == language) {
                        Some(at) => at,
                        None => {
                            let stemmed =
                                words.iter().map(|w| stem_in(Some(language), w)).collect();
                            foreign_stems.push((language, stemmed));
                            foreign_stems.len() - 1
                        }
                    };
                    &foreign_stems[at].1
                }
            };
            let Some(positions) = find_phrase(stems, phrase) else {
                continue;
            };
            let terms = &self.derived.synonym_terms[*synonym];
            let mut clause = Clause::default();
            clause
                .alternatives
                .extend(terms.iter().map(|&term| Alternative {
                    term,
                    weight: SYNONYM_WEIGHT,
                }));
            for &position in &positions {
                if !consumed[position] && !is_stop_word(&words[position]) {
                    clause.alternatives.extend(self.exact(&stems[position]));
                }
                consumed[position] = true;
            }
            for &domain in &self.vocabulary().synonyms[*synonym].domains {
                push_unique(&mut analysis.domains, domain);
            }
            if !clause.alternatives.is_empty() {
                analysis.clauses.push(clause);
            }
        }

        for (position, word) in words.iter().enumerate() {
            if let Some(domains) = self.derived.keyword_domains.get(&stems[position]) {
                for &domain in domains {
                    push_unique(&mut analysis.domains, domain);
                }
            }
            if consumed[position] || is_stop_word(word) {
                continue;
            }
            let is_last = position + 1 == words.len();
            let clause = self.word_clause(word, &stems[position], is_last && typing_last_word);
            if !clause.alternatives.is_empty() || !clause.parts.is_empty() {
                analysis.clauses.push(clause);
            }
        }
        analysis
    }

    /// Whether some indexed word starts with `word` (it may be half typed).
    fn has_completion(&self, word: &str) -> bool {
        let surfaces = self.surfaces();
        let start = surfaces.partition_point(|(surface, _)| surface.as_str() < word);
        surfaces
            .get(start)
            .is_some_and(|(surface, _)| surface.starts_with(word) && surface != word)
    }

    /// The closest known word for a word that is not known: one typo for words up to seven
    /// letters, two for longer ones. Known words are the data's words and the vocabulary's.
    fn correction(&self, word: &str) -> Option<String> {
        let length = word.chars().count();
        let known = &self.derived.known_words;
        if length < 4
            || is_stop_word(word)
            || word.chars().any(|c| c.is_ascii_digit())
            || known.binary_search_by(|k| k.as_str().cmp(word)).is_ok()
        {
            return None;
        }
        let max = if length >= 8 { 2 } else { 1 };
        let first: String = word.chars().take(1).collect();
        let start = known.partition_point(|k| k.as_str() < first.as_str());
        known[start..]
            .iter()
            .take_while(|k| k.starts_with(first.as_str()))
            .filter_map(|k| {
                edit_distance(word, k, max).map(|d| (d, k.chars().count().abs_diff(length), k))
            })
            .min()
            .map(|(_, _, k)| k.clone())
    }

    fn exact(&self, stemmed: &str) -> Option<Alternative> {
        self.term_id(stemmed)
            .map(|term| Alternative { term, weight: 1.0 })
    }

    /// The alternatives for one word.
    fn word_clause(&self, word: &str, stemmed: &str, typing: bool) -> Clause {
        let mut clause = Clause::default();
        clause.alternatives.extend(self.exact(stemmed));
        let surfaces = self.surfaces();
        if typing && word.len() >= 2 {
            let start = surfaces.partition_point(|(surface, _)| surface.as_str() < word);
            let completions = surfaces[start..]
                .iter()
                .take_while(|(surface, _)| surface.starts_with(word))
                .take(MAX_COMPLETIONS);
            for (_, term) in completions {
                push_alternative(&mut clause.alternatives, *term, PREFIX_WEIGHT);
            }
        }
        clause.parts = self
            .derived
            .lexicon
            .parts(word)
            .iter()
            .filter_map(|part| self.term_id(&stem(part)))
            .collect();
        clause
    }

    /// Per service: clause scores summed, domain boost added, scaled by coverage. `None`
    /// when the query has no words and no domains (everything matches equally).
    fn score(&self, analysis: &Analysis) -> Option<Vec<f32>> {
        if analysis.clauses.is_empty()
            && analysis.domains.is_empty()
            && analysis.meaningful_words == 0
        {
            return None;
        }
        let docs = self.services().len();
        let mut total = vec![0.0f32; docs];
        let mut matched = vec![0u16; docs];
        let mut best = vec![0.0f32; docs];
        let mut parts = vec![0.0f32; docs];
        // `seen[doc] == clause + 1` marks a document touched by the current clause.
        let mut seen = vec![0u32; docs];
        let mut touched: Vec<u32> = Vec::new();
        for (number, clause) in analysis.clauses.iter().enumerate() {
            let stamp = number as u32 + 1;
            let mut touch = |doc: usize, touched: &mut Vec<u32>| {
                if seen[doc] != stamp {
                    seen[doc] = stamp;
                    touched.push(doc as u32);
                }
            };
            for alternative in &clause.alternatives {
                let impacts = &self.derived.impacts[alternative.term as usize];
                for (&doc, &score) in impacts.docs.iter().zip(&impacts.scores) {
                    let doc = doc as usize;
                    best[doc] = best[doc].max(alternative.weight * score);
                    touch(doc, &mut touched);
                }
            }
            for &term in &clause.parts {
                let impacts = &self.derived.impacts[term as usize];
                for (&doc, &score) in impacts.docs.iter().zip(&impacts.scores) {
                    let doc = doc as usize;
                    parts[doc] += PART_WEIGHT * score;
                    touch(doc, &mut touched);
                }
            }
            for &doc in &touched {
                let doc = doc as usize;
                let score = best[doc].max(parts[doc]);
                if score > 0.0 {
                    total[doc] += score;
                    matched[doc] += 1;
                }
                best[doc] = 0.0;
                parts[doc] = 0.0;
            }
            touched.clear();
        }
        let clauses = analysis.clauses.len() as f32;
        // With enough services that match the words, one that is only in the right life
        // domain adds nothing but length to the list.
        let word_matches = matched.iter().filter(|m| **m > 0).count();
        let domain_only_counts = word_matches < DIVERSIFY_TOP;
        let query_mask = domain_bits(&analysis.domains);
        let query_domains = analysis.domains.len() as f32;
        let features = &self.derived.features;
        for (doc, score) in total.iter_mut().enumerate() {
            if clauses > 0.0 && *score > 0.0 {
                *score *= 0.4 + 0.6 * f32::from(matched[doc]) / clauses;
            }
            let mask = features[doc].domains;
            let overlap = (mask & query_mask).count_ones() as f32;
            if overlap > 0.0 && (matched[doc] > 0 || domain_only_counts) {
                let breadth = (mask.count_ones() as f32).sqrt();
                *score += DOMAIN_BOOST * overlap / query_domains / breadth;
            }
            *score *= self.derived.level_boost[doc];
        }
        // The cut-off: see the module documentation.
        let best = total.iter().copied().fold(0.0, f32::max);
        let all_clauses = analysis.clauses.len() as u16;
        for (score, matched) in total.iter_mut().zip(&matched) {
            if *score < best * RELEVANCE_CUT_OFF && (*matched < all_clauses || all_clauses == 0) {
                *score = 0.0;
            }
        }
        Some(total)
    }

    /// Orders the candidates, folds copies together and keeps the first `limit` results
    /// (all when 0) in order.
    fn rank(
        &self,
        mut hits: Vec<Candidate>,
        sort: Sort,
        domains: &[Domain],
        limit: usize,
    ) -> Vec<Hit> {
        let features = &self.derived.features;
        let level = |hit: &Candidate| features[hit.doc as usize].level_rank();
        // Distances only exist near a place; without one the tie-break would only cost time.
        let near = hits.iter().any(|hit| hit.distance_km.is_some());
        // Near a place, scores in the same band are equally relevant; see the module docs.
        let band = |hit: &Candidate| {
            if hit.score > 0.0 {
                (hit.score.ln() / RELEVANCE_BAND.ln()).floor() as i32
            } else {
                i32::MIN
            }
        };
        let order = |a: &Candidate, b: &Candidate| {
            let relevance = b.score.total_cmp(&a.score);
            let by_band = band(b).cmp(&band(a));
            let by_level = level(a).cmp(&level(b));
            let by_distance = || {
                let far = f64::INFINITY;
                a.distance_km
                    .unwrap_or(far)
                    .total_cmp(&b.distance_km.unwrap_or(far))
            };
            // At equal relevance the nearer service comes first.
            match sort {
                Sort::Relevance if near => by_band
                    .then_with(by_distance)
                    .then(relevance)
                    .then(by_level),
                Sort::Relevance => relevance.then(by_level),
                Sort::InformalFirst if near => by_level.then(relevance).then_with(by_distance),
                Sort::InformalFirst => by_level.then(relevance),
                Sort::Distance => by_distance().then(relevance).then(by_level),
            }
            .then(a.doc.cmp(&b.doc))
        };
        let diversify = sort == Sort::Relevance && domains.len() > 1;
        // Only the first results need a full sort; diversifying may pull a few up from below,
        // and copies folded together take several places each.
        let keep = if limit == 0 {
            hits.len()
        } else {
            limit.max(DIVERSIFY_TOP).saturating_mul(8).min(hits.len())
        };
        if keep < hits.len() && keep > 0 {
            hits.select_nth_unstable_by(keep - 1, order);
            hits.truncate(keep);
        }
        hits.sort_unstable_by(order);
        let mut hits = self.group_copies(hits);
        if diversify {
            self.diversify(&mut hits, domains);
        }
        if limit > 0 {
            hits.truncate(limit);
        }
        hits
    }

    /// Folds copies of one offer into the first (best placed) of them.
    fn group_copies(&self, candidates: Vec<Candidate>) -> Vec<Hit> {
        let groups = self.copy_groups();
        let mut first_of_group: std::collections::HashMap<u32, usize> = Default::default();
        let mut hits: Vec<Hit> = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            let group = groups[candidate.doc as usize];
            match first_of_group.get(&group) {
                Some(&at) => hits[at].copies.push(candidate.doc),
                None => {
                    first_of_group.insert(group, hits.len());
                    hits.push(Hit {
                        doc: candidate.doc,
                        score: candidate.score,
                        distance_km: candidate.distance_km,
                        copies: Vec::new(),
                    });
                }
            }
        }
        hits
    }

    /// When a query is about several worries, the top results show help for each: the best
    /// result of a domain missing from the top is moved up into it.
    fn diversify(&self, hits: &mut [Hit], domains: &[Domain]) {
        let top = DIVERSIFY_TOP.min(hits.len());
        for &domain in domains {
            let covers = |hit: &Hit| self.derived.features[hit.doc as usize].has_domain(domain);
            if hits[..top].iter().any(covers) {
                continue;
            }
            if let Some(position) = hits[top..].iter().position(covers) {
                let from = top + position;
                // The weakest top result that is not the only cover of another query domain.
                let to = (0..top).rev().find(|&slot| {
                    let service = &self.services()[hits[slot].doc as usize];
                    domains
                        .iter()
                        .filter(|d| service.domains.contains(d))
                        .all(|d| {
                            hits[..top]
                                .iter()
                                .filter(|h| self.services()[h.doc as usize].domains.contains(d))
                                .count()
                                > 1
                        })
                });
                if let Some(to) = to {
                    hits[to..=from].rotate_right(1);
                }
            }
        }
    }
}

/// Calls `f` with the position of every set bit.
fn for_each_bit(mut bits: u64, mut f: impl FnMut(usize)) {
    while bits != 0 {
        f(bits.trailing_zeros() as usize);
        bits &= bits - 1;
    }
}

fn push_unique<T: PartialEq>(items: &mut Vec<T>, item: T) {
    if !items.contains(&item) {
        items.push(item);
    }
}

fn push_alternative(alternatives: &mut Vec<Alternative>, term: u32, weight: f32) {
    match alternatives.iter_mut().find(|a| a.term == term) {
        Some(existing) => existing.weight = existing.weight.max(weight),
        None => alternatives.push(Alternative { term, weight }),
    }
}

/// Positions of the phrase's stems in the query, in order, with at most two other words
/// between consecutive ones.
fn find_phrase(stems: &[String], phrase: &[String]) -> Option<Vec<usize>> {
    'start: for start in 0..stems.len() {
        if stems[start] != phrase[0] {
            continue;
        }
        let mut positions = vec![start];
        let mut at = start;
        for word in &phrase[1..] {
            let next = (at + 1..stems.len().min(at + 4)).find(|&i| &stems[i] == word);
            match next {
                Some(found) => {
                    positions.push(found);
                    at = found;
                }
                None => continue 'start,
            }
        }
        return Some(positions);
    }
    None
}

/// The number of edits (insert, delete, substitute, swap of neighbours) between `a` and
/// `b`, when it is at most `max`; gives up early otherwise.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (current, previous, before) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[current][0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (rows[previous][j] + 1)
                .min(rows[current][j - 1] + 1)
                .min(rows[previous][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(rows[before][j - 2] + 1);
            }
            rows[current][j] = value;
            row_min = row_min.min(value);
        }
        if row_min > max {
            return None;
        }
    }
    Some(rows[a.len() % 3][b.len()]).filter(|&distance| distance <= max)
}

impl Facets {
    fn new(with_open: bool) -> Self {
        Self {
            domains: Domain::ALL.iter().map(|&d| (d, 0)).collect(),
            levels: Level::ALL.iter().map(|&l| (l, 0)).collect(),
            target_groups: TargetGroup::ALL.iter().map(|&g| (g, 0)).collect(),
            open: with_open.then_some(0),
            ..Self::default()
        }
    }

    /// Counts a result for every facet value it would have with that facet's own filter
    /// left out (`failed` holds the dimensions it fails).
    fn count(
        &mut self,
        features: &Features,
        failed: u16,
        open: Option<bool>,
        language_counts: &mut [usize; 64],
    ) {
        let without = |dimension: u16| failed & !dimension == 0;
        if without(dimension::DOMAINS) {
            for_each_bit(u64::from(features.domains), |bit| self.domains[bit].1 += 1);
        }
        if without(dimension::LEVELS) {
            if let Some((_, count)) = self.levels.get_mut(usize::from(features.level_rank())) {
                *count += 1;
            }
        }
        if without(dimension::TARGET_GROUPS) {
            for_each_bit(u64::from(features.group_bits()), |bit| {
                self.target_groups[bit].1 += 1
            });
        }
        self.free += usize::from(without(dimension::FREE) && features.free());
        self.no_referral +=
            usize::from(without(dimension::NO_REFERRAL) && features.without_referral());
        self.wheelchair += usize::from(without(dimension::WHEELCHAIR) && features.wheelchair());
        if without(dimension::LANGUAGE) {
            for_each_bit(features.language_bits(), |bit| language_counts[bit] += 1);
        }
        if let Some(count) = &mut self.open {
            *count += usize::from(without(dimension::OPEN) && open == Some(true));
        }
    }

    fn finish(&mut self, language_counts: &[usize; 64], languages: &[String]) {
        self.languages = languages
            .iter()
            .zip(language_counts)
            .filter(|(_, count)| **count > 0)
            .map(|(language, count)| (language.clone(), *count))
            .collect();
        self.languages
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("voedselbnak", "voedselbank", 1), Some(1));
        assert_eq!(edit_distance("eenzaamhijd", "eenzaamheid", 2), Some(2));
        assert_eq!(edit_distance("eenzaamhijd", "eenzaamheid", 1), None);
        assert_eq!(edit_distance("huur", "huur", 0), Some(0));
        assert_eq!(edit_distance("geld", "werk", 2), None);
        assert_eq!(edit_distance("", "ab", 2), Some(2));
    }

    #[test]
    fn phrases_match_in_order_with_small_gaps() {
        let stems = |text: &str| tokens(text).iter().map(|t| stem(t)).collect::<Vec<_>>();
        let query = stems("ik kan mijn rekeningen echt niet betalen");
        assert!(find_phrase(&query, &stems("rekeningen niet betalen")).is_some());
        assert!(find_phrase(&query, &stems("betalen rekeningen")).is_none());
        assert!(find_phrase(&stems("ruzie bij ons thuis"), &stems("ruzie thuis")).is_some());
    }

    proptest! {
        #[test]
        fn edit_distance_is_symmetric(a in "[a-d]{0,8}", b in "[a-d]{0,8}", max in 0usize..3) {
            prop_assert_eq!(edit_distance(&a, &b, max), edit_distance(&b, &a, max));
        }
    }
}
