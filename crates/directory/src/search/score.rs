//! Weighing every service against the analysed question.

use super::analyse::Analysis;
use super::{DIVERSIFY_TOP, RELEVANCE_CUT_OFF};
use crate::features::{domain_bits, group_bits};
use crate::index::Index;
use crate::profile::TargetGroup;

/// Weight of the parts of a compound query word, summed.
const PART_WEIGHT: f32 = 0.5;
/// Share of a synonym's further terms that adds to its best one.
const CONCEPT_SPREAD: f32 = 0.25;
/// Share of its score that a service only for some target groups keeps when the question
/// names none of them: help for everyone first.
const GROUP_SPECIFIC: f32 = 0.85;
/// Score for being in every life domain the query points to.
const DOMAIN_BOOST: f32 = 2.5;

/// One service's scores within the current clause.
#[derive(Debug, Clone, Copy, Default)]
struct ClauseScore {
    /// The best alternative.
    best: f32,
    /// The scores that add up: the parts of a compound word, or the professional terms of a
    /// synonym (a clause is one or the other).
    summed: f32,
    /// The best of a synonym's professional terms.
    best_term: f32,
}

/// Per-service working space of the scoring, kept between queries: at 100 000 services,
/// fresh arrays cost more than the scoring itself (every new page is zeroed first).
#[derive(Debug, Default)]
struct Scratch {
    /// Zero for every service between clauses.
    clause: Vec<ClauseScore>,
    /// `seen[doc] == stamp` marks a service the current clause touched.
    seen: Vec<u32>,
    /// The current clause's mark; grows with every clause.
    stamp: u32,
    /// The services the current clause touched.
    touched: Vec<u32>,
}

impl Scratch {
    /// Makes room for `docs` services.
    fn prepare(&mut self, docs: usize) {
        if self.seen.len() != docs || self.stamp > u32::MAX / 2 {
            self.clause = vec![ClauseScore::default(); docs];
            self.seen = vec![0; docs];
            self.stamp = 0;
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Index {
    /// Per service: clause scores summed, domain boost added, scaled by coverage. `None`
    /// when the query has no words and no domains (everything matches equally).
    pub(super) fn score(&self, analysis: &Analysis) -> Option<Vec<f32>> {
        if analysis.clauses.is_empty()
            && analysis.domains.is_empty()
            && analysis.meaningful_words == 0
        {
            return None;
        }
        let docs = self.services().len();
        let mut total = vec![0.0f32; docs];
        let mut matched = vec![0u16; docs];
        SCRATCH.with_borrow_mut(|scratch| {
            scratch.prepare(docs);
            let Scratch {
                clause: per_doc,
                seen,
                stamp,
                touched,
            } = scratch;
            for clause in &analysis.clauses {
                *stamp += 1;
                let stamp = *stamp;
                let mut touch = |doc: usize, touched: &mut Vec<u32>| {
                    if seen[doc] != stamp {
                        seen[doc] = stamp;
                        touched.push(doc as u32);
                    }
                };
                for alternative in &clause.alternatives {
                    let impacts = &self.text().impacts[alternative.term as usize];
                    for (&doc, &score) in impacts.docs.iter().zip(&impacts.scores) {
                        let doc = doc as usize;
                        let score = alternative.weight * score;
                        let slot = &mut per_doc[doc];
                        slot.best = slot.best.max(score);
                        if alternative.concept {
                            slot.summed += score;
                            slot.best_term = slot.best_term.max(score);
                        }
                        touch(doc, touched);
                    }
                }
                for &term in &clause.parts {
                    let impacts = &self.text().impacts[term as usize];
                    for (&doc, &score) in impacts.docs.iter().zip(&impacts.scores) {
                        let doc = doc as usize;
                        per_doc[doc].summed += PART_WEIGHT * score;
                        touch(doc, touched);
                    }
                }
                let concept = clause.alternatives.iter().any(|a| a.concept);
                for &doc in touched.iter() {
                    let doc = doc as usize;
                    let slot = std::mem::take(&mut per_doc[doc]);
                    let score = if concept {
                        // Beyond its best term, each further term of the synonym adds a little.
                        slot.best + CONCEPT_SPREAD * (slot.summed - slot.best_term)
                    } else {
                        slot.best.max(slot.summed)
                    };
                    if score > 0.0 {
                        total[doc] += score;
                        matched[doc] += 1;
                    }
                }
                touched.clear();
            }
        });
        let clauses = analysis.clauses.len() as f32;
        // With enough services that match the words, one that is only in the right life
        // domain adds nothing but length to the list.
        let word_matches = matched.iter().filter(|m| **m > 0).count();
        let domain_only_counts = word_matches < DIVERSIFY_TOP;
        let query_mask = domain_bits(&analysis.domains);
        let query_domains = analysis.domains.len() as f32;
        let features = &self.derived.features;
        let everyone = group_bits(&[TargetGroup::Volwassenen]);
        let query_groups = group_bits(&analysis.groups);
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
            let groups = features[doc].group_bits();
            if groups != 0 && groups & (everyone | query_groups) == 0 {
                *score *= GROUP_SPECIFIC;
            }
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
}
