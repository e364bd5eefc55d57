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

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::geo::Point;
use crate::index::{domain_mask, Index};
use crate::model::Service;
use crate::profile::{Access, Domain, Level, TargetGroup};
use crate::schedule::is_open_at;
use crate::text::{is_stop_word, stem, tokens};
use crate::time::LocalDateTime;

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
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
    /// Services open at the requested moment (when one was given).
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
}

impl Index {
    /// Runs a query.
    pub fn search(&self, query: &Query) -> Results {
        let analysis = self.analyse(&query.text);
        let scores = self.score(&analysis);
        let services = self.services();
        let distance = |doc: usize| {
            query
                .near
                .zip(services[doc].point())
                .map(|(from, to)| from.distance_km(to))
        };
        let candidates: Vec<usize> = match &scores {
            None => (0..services.len()).collect(),
            Some(scores) => (0..services.len()).filter(|&d| scores[d] > 0.0).collect(),
        };
        let facets = facets(services, &candidates, query, &distance);
        let mut hits: Vec<Hit> = candidates
            .into_iter()
            .filter(|&doc| passes(&services[doc], &query.filters, distance(doc), None))
            .map(|doc| Hit {
                doc: doc as u32,
                score: scores.as_ref().map_or(0.0, |s| s[doc]),
                distance_km: distance(doc),
            })
            .collect();
        self.rank(&mut hits, query.sort, &analysis.domains);
        let total = hits.len();
        if query.limit > 0 {
            hits.truncate(query.limit);
        }
        Results {
            hits,
            total,
            facets,
            detected_domains: analysis.domains,
            corrected: analysis.corrected,
        }
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
        let mut consumed = vec![false; words.len()];

        for (phrase, synonym) in &self.derived.phrases {
            let Some(positions) = find_phrase(&stems, phrase) else {
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
        if let Some(parts) = self.derived.lexicon.split(word) {
            clause.parts = parts
                .iter()
                .filter_map(|part| self.term_id(&stem(part)))
                .collect();
        }
        clause
    }

    /// Per service: clause scores summed, domain boost added, scaled by coverage. `None`
    /// when the query has no words and no domains (everything matches equally).
    fn score(&self, analysis: &Analysis) -> Option<Vec<f32>> {
        if analysis.clauses.is_empty() && analysis.domains.is_empty() {
            return None;
        }
        let docs = self.services().len();
        let mut total = vec![0.0f32; docs];
        let mut matched = vec![0u16; docs];
        let mut best = vec![0.0f32; docs];
        let mut parts = vec![0.0f32; docs];
        let mut touched: Vec<u32> = Vec::new();
        for clause in &analysis.clauses {
            for alternative in &clause.alternatives {
                self.accumulate(
                    alternative.term,
                    alternative.weight,
                    &mut touched,
                    |doc, score| {
                        let slot = &mut best[doc];
                        *slot = slot.max(score);
                    },
                );
            }
            for &term in &clause.parts {
                self.accumulate(term, PART_WEIGHT, &mut touched, |doc, score| {
                    parts[doc] += score
                });
            }
            touched.sort_unstable();
            touched.dedup();
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
        let query_mask = domain_mask(&analysis.domains);
        let query_domains = analysis.domains.len() as f32;
        for (doc, score) in total.iter_mut().enumerate() {
            if clauses > 0.0 {
                *score *= 0.4 + 0.6 * f32::from(matched[doc]) / clauses;
            }
            let mask = self.derived.domain_masks[doc];
            let overlap = (mask & query_mask).count_ones() as f32;
            if overlap > 0.0 {
                let breadth = (mask.count_ones() as f32).sqrt();
                *score += DOMAIN_BOOST * overlap / query_domains / breadth;
            }
            if *score > 0.0 {
                *score *= match self.services()[doc].level {
                    Some(Level::Informeel) => 1.03,
                    Some(Level::Algemeen) => 1.015,
                    _ => 1.0,
                };
            }
        }
        Some(total)
    }

    /// BM25 contribution of `term` to every document it occurs in.
    fn accumulate(
        &self,
        term: u32,
        weight: f32,
        touched: &mut Vec<u32>,
        mut add: impl FnMut(usize, f32),
    ) {
        let idf = self.derived.idf[term as usize];
        let mut last_doc = u32::MAX;
        let mut frequency = 0.0f32;
        let mut flush = |doc: u32, frequency: f32, touched: &mut Vec<u32>| {
            if doc != u32::MAX && frequency > 0.0 {
                add(doc as usize, weight * idf * frequency / (K1 + frequency));
                touched.push(doc);
            }
        };
        for (doc, field, count) in self.postings(term).iter() {
            if doc != last_doc {
                flush(last_doc, frequency, touched);
                last_doc = doc;
                frequency = 0.0;
            }
            let b = field.length_normalization();
            let norm = 1.0 - b
                + b * self.field_length(doc, field) / self.derived.average_lengths[field as usize];
            frequency += field.weight() * count / norm.max(0.1);
        }
        flush(last_doc, frequency, touched);
    }

    fn rank(&self, hits: &mut [Hit], sort: Sort, domains: &[Domain]) {
        let services = self.services();
        let level = |hit: &Hit| services[hit.doc as usize].level.map_or(3, |l| l as u8);
        hits.sort_by(|a, b| {
            let relevance = b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal);
            let by_level = level(a).cmp(&level(b));
            let by_distance = || {
                let far = f64::INFINITY;
                a.distance_km
                    .unwrap_or(far)
                    .partial_cmp(&b.distance_km.unwrap_or(far))
                    .unwrap_or(Ordering::Equal)
            };
            match sort {
                Sort::Relevance => relevance.then(by_level),
                Sort::InformalFirst => by_level.then(relevance),
                Sort::Distance => by_distance().then(relevance).then(by_level),
            }
            .then(a.doc.cmp(&b.doc))
        });
        if sort == Sort::Relevance && domains.len() > 1 {
            self.diversify(hits, domains);
        }
    }

    /// When a query is about several worries, the top results show help for each: the best
    /// result of a domain missing from the top is moved up into it.
    fn diversify(&self, hits: &mut [Hit], domains: &[Domain]) {
        let top = DIVERSIFY_TOP.min(hits.len());
        for &domain in domains {
            let covers = |hit: &Hit| self.services()[hit.doc as usize].domains.contains(&domain);
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

/// Which filter a check leaves out, so facets count what choosing a value would give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dimension {
    Domains,
    Levels,
    Free,
    NoReferral,
    TargetGroups,
    Language,
    Wheelchair,
    Open,
}

fn passes(
    service: &Service,
    filters: &Filters,
    distance: Option<f64>,
    except: Option<Dimension>,
) -> bool {
    let check = |dimension: Dimension, ok: bool| except == Some(dimension) || ok;
    check(
        Dimension::Domains,
        filters.domains.is_empty() || filters.domains.iter().any(|d| service.domains.contains(d)),
    ) && check(
        Dimension::Levels,
        filters.levels.is_empty() || service.level.is_some_and(|l| filters.levels.contains(&l)),
    ) && check(Dimension::Free, !filters.free || service.free)
        && check(
            Dimension::NoReferral,
            !filters.no_referral || service.access != Some(Access::Verwijzing),
        )
        && check(
            Dimension::TargetGroups,
            filters.target_groups.is_empty()
                || filters
                    .target_groups
                    .iter()
                    .any(|g| service.target_groups.contains(g)),
        )
        && filters.age.is_none_or(|age| service.serves_age(age))
        && check(
            Dimension::Language,
            filters.language.as_deref().is_none_or(|language| {
                service
                    .languages
                    .iter()
                    .any(|l| l.eq_ignore_ascii_case(language))
            }),
        )
        && check(
            Dimension::Wheelchair,
            !filters.wheelchair || service.wheelchair() == Some(true),
        )
        && check(
            Dimension::Open,
            filters
                .open_at
                .is_none_or(|at| is_open_at(&service.hours, at)),
        )
        && filters
            .within_km
            .is_none_or(|km| distance.is_some_and(|d| d <= km))
}

fn facets(
    services: &[Service],
    candidates: &[usize],
    query: &Query,
    distance: &dyn Fn(usize) -> Option<f64>,
) -> Facets {
    let filters = &query.filters;
    let open_probe = filters.open_at;
    let mut facets = Facets {
        domains: Domain::ALL.iter().map(|&d| (d, 0)).collect(),
        levels: Level::ALL.iter().map(|&l| (l, 0)).collect(),
        target_groups: TargetGroup::ALL.iter().map(|&g| (g, 0)).collect(),
        open: open_probe.map(|_| 0),
        ..Facets::default()
    };
    for &doc in candidates {
        let service = &services[doc];
        let without = |dimension| passes(service, filters, distance(doc), Some(dimension));
        if without(Dimension::Domains) {
            for (domain, count) in &mut facets.domains {
                *count += usize::from(service.domains.contains(domain));
            }
        }
        if without(Dimension::Levels) {
            for (level, count) in &mut facets.levels {
                *count += usize::from(service.level == Some(*level));
            }
        }
        if without(Dimension::TargetGroups) {
            for (group, count) in &mut facets.target_groups {
                *count += usize::from(service.target_groups.contains(group));
            }
        }
        if without(Dimension::Free) && service.free {
            facets.free += 1;
        }
        if without(Dimension::NoReferral) && service.access != Some(Access::Verwijzing) {
            facets.no_referral += 1;
        }
        if without(Dimension::Wheelchair) && service.wheelchair() == Some(true) {
            facets.wheelchair += 1;
        }
        if without(Dimension::Language) {
            for language in &service.languages {
                match facets.languages.iter_mut().find(|(l, _)| l == language) {
                    Some((_, count)) => *count += 1,
                    None => facets.languages.push((language.clone(), 1)),
                }
            }
        }
        if let (Some(at), Some(count)) = (open_probe, facets.open.as_mut()) {
            if without(Dimension::Open) && is_open_at(&service.hours, at) {
                *count += 1;
            }
        }
    }
    facets
        .languages
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    facets
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
