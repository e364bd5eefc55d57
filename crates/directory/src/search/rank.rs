//! Ordering the results, folding copies of one offer together and making the top cover
//! every worry of the question.

use super::analyse::{Analysis, NamePhrase};
use super::{Hit, Sort, DIVERSIFY_TOP, RELEVANCE_BAND};
use crate::index::Index;
use crate::profile::Domain;
use crate::words::normalize;

/// A result while ranking: small, because every matching service is one.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub(super) doc: u32,
    pub(super) score: f32,
    pub(super) distance_km: Option<f64>,
}

/// Results among which a service named by the question is looked for.
const NAMED_TOP: usize = 12;

impl Index {
    /// Orders the candidates, folds copies together and keeps the first `limit` results
    /// (all when 0) in order.
    pub(super) fn rank(
        &self,
        mut hits: Vec<Candidate>,
        sort: Sort,
        analysis: &Analysis,
        limit: usize,
    ) -> Vec<Hit> {
        let domains = &analysis.domains;
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
            let by_level = level(a).cmp(&level(b));
            let by_distance = || {
                let far = f64::INFINITY;
                a.distance_km
                    .unwrap_or(far)
                    .total_cmp(&b.distance_km.unwrap_or(far))
            };
            // At equal relevance the nearer service comes first.
            match sort {
                // The bands take two logarithms: only near a place.
                Sort::Relevance if near => band(b)
                    .cmp(&band(a))
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
        if let (Sort::Relevance, Some(phrase)) = (sort, &analysis.name_phrase) {
            // A service named by the question has its words in its name, which weighs most:
            // it is among the first few.
            let top = hits.len().min(NAMED_TOP);
            self.named_first(&mut hits[..top], phrase);
        }
        let mut hits = self.group_copies(hits);
        if diversify {
            self.diversify(&mut hits, domains);
        }
        if limit > 0 {
            hits.truncate(limit);
        }
        hits
    }

    /// A service whose name holds the question's words in order is what the person asks for
    /// ("veilig thuis", "jeugdfonds sport"): those come first, in the order they had.
    fn named_first(&self, hits: &mut [Candidate], phrase: &NamePhrase) {
        let services = self.services();
        let named = |hit: &Candidate| {
            let service = &services[hit.doc as usize];
            std::iter::once(&service.name)
                .chain(&service.alternate_name)
                .any(|name| phrase.in_name(&normalize(name)))
        };
        // The named ones first, each part in the order it had (each name looked at once).
        let (first, rest): (Vec<Candidate>, Vec<Candidate>) =
            hits.iter().partition(|hit| named(hit));
        for (place, hit) in hits.iter_mut().zip(first.into_iter().chain(rest)) {
            *place = hit;
        }
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
