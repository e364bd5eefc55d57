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
        let mut best = vec![0.0f32; docs];
        // Per service, the clause's scores that add up: the parts of a compound word, or the
        // professional terms of a synonym (a clause is one or the other).
        let mut summed = vec![0.0f32; docs];
        // Per service, the best of a synonym's professional terms.
        let mut best_term = vec![0.0f32; docs];
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
                    let score = alternative.weight * score;
                    best[doc] = best[doc].max(score);
                    if alternative.concept {
                        summed[doc] += score;
                        best_term[doc] = best_term[doc].max(score);
                    }
                    touch(doc, &mut touched);
                }
            }
            for &term in &clause.parts {
                let impacts = &self.derived.impacts[term as usize];
                for (&doc, &score) in impacts.docs.iter().zip(&impacts.scores) {
                    let doc = doc as usize;
                    summed[doc] += PART_WEIGHT * score;
                    touch(doc, &mut touched);
                }
            }
            let concept = clause.alternatives.iter().any(|a| a.concept);
            for &doc in &touched {
                let doc = doc as usize;
                let score = if concept {
                    // Beyond its best term, each further term of the synonym adds a little.
                    best[doc] + CONCEPT_SPREAD * (summed[doc] - best_term[doc])
                } else {
                    best[doc].max(summed[doc])
                };
                if score > 0.0 {
                    total[doc] += score;
                    matched[doc] += 1;
                }
                best[doc] = 0.0;
                summed[doc] = 0.0;
                best_term[doc] = 0.0;
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
