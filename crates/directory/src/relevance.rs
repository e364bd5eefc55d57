//! Judging search results against graded judgments, as a social worker would: is the service
//! this person should go to near the top?
//!
//! A judged query grades services by id: 2 is the service a worker would send this person to,
//! 1 is useful too. Results are judged per *offer*: copies of one offer in several
//! neighbourhoods (see [`Index::search`]) are one place in the ideal list, and a second copy in
//! a result list adds nothing, so an engine that folds copies together is not punished for it
//! and one that repeats them gains nothing by it.
//!
//! Three figures per query, averaged per group:
//! - **nDCG@5**: the gain `2^grade − 1` of the first five results, discounted by `log2(rank + 1)`,
//!   divided by the best possible.
//! - **MRR**: one over the rank of the first graded result (0 when none is in the top ten).
//! - **S@1**: whether the first result is a grade-2 service.
//!
//! Queries about two worries also list, per worry, its grade-2 services: **needs@5** is the
//! share of worries with one of them in the top five.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::index::Index;

/// Results judged for nDCG.
pub const NDCG_DEPTH: usize = 5;
/// Results looked at for the reciprocal rank.
pub const RANK_DEPTH: usize = 10;

/// A set of judged queries (the shape of `tests/fixtures/judged-services.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct JudgedSet {
    /// What the set is and how it was made.
    #[serde(default)]
    pub about: String,
    /// The queries.
    pub queries: Vec<JudgedQuery>,
}

/// One query with its graded services.
#[derive(Debug, Clone, Deserialize)]
pub struct JudgedQuery {
    /// The group the query belongs to (`dutch`, `english`, …).
    pub group: String,
    /// What the person types.
    pub q: String,
    /// Service id → grade (2 exactly right, 1 useful).
    pub grades: BTreeMap<String, u8>,
    /// For a question about several worries: per worry, the services that answer it.
    #[serde(default)]
    pub needs: Vec<Vec<String>>,
}

/// The figures of one query, or the mean over a group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Figures {
    /// nDCG over the first [`NDCG_DEPTH`] results.
    pub ndcg: f64,
    /// Reciprocal rank of the first graded result within [`RANK_DEPTH`].
    pub reciprocal_rank: f64,
    /// 1 when the first result has grade 2.
    pub success_at_1: f64,
    /// Share of the worries answered in the first [`NDCG_DEPTH`] results (1 when the query
    /// lists none).
    pub needs: f64,
}

/// Which offer each service belongs to, so copies count once.
#[derive(Debug, Clone, Default)]
pub struct Offers {
    by_id: HashMap<String, u32>,
}

impl Offers {
    /// The offers of an index's services (its copy groups).
    pub fn of(index: &Index) -> Self {
        let by_id = index
            .services()
            .iter()
            .zip(index.copy_groups())
            .map(|(service, group)| (service.id.clone(), *group))
            .collect();
        Self { by_id }
    }

    /// The offer of a service; an unknown id is an offer of its own.
    fn of_id<'a>(&self, id: &'a str) -> Offer<'a> {
        self.by_id
            .get(id)
            .map_or(Offer::Unknown(id), |group| Offer::Known(*group))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Offer<'a> {
    Known(u32),
    Unknown(&'a str),
}

impl JudgedQuery {
    /// Judges a result list (service ids, best first; one id per result).
    pub fn judge(&self, ranked: &[&str], offers: &Offers) -> Figures {
        let mut grade_of: HashMap<Offer, u8> = HashMap::new();
        for (id, grade) in &self.grades {
            let entry = grade_of.entry(offers.of_id(id)).or_default();
            *entry = (*entry).max(*grade);
        }
        let mut seen = Vec::new();
        let gains: Vec<u8> = ranked
            .iter()
            .take(RANK_DEPTH)
            .map(|id| {
                let offer = offers.of_id(id);
                if seen.contains(&offer) {
                    return 0;
                }
                seen.push(offer);
                grade_of.get(&offer).copied().unwrap_or(0)
            })
            .collect();
        let mut ideal: Vec<u8> = grade_of.values().copied().collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let ideal_dcg = dcg(&ideal);
        let top: Vec<Offer> = seen.iter().take(NDCG_DEPTH).copied().collect();
        let answered = self
            .needs
            .iter()
            .filter(|need| need.iter().any(|id| top.contains(&offers.of_id(id))))
            .count();
        Figures {
            ndcg: if ideal_dcg > 0.0 {
                dcg(&gains) / ideal_dcg
            } else {
                0.0
            },
            reciprocal_rank: gains
                .iter()
                .position(|gain| *gain > 0)
                .map_or(0.0, |rank| 1.0 / (rank as f64 + 1.0)),
            success_at_1: f64::from(u8::from(gains.first() == Some(&2))),
            needs: if self.needs.is_empty() {
                1.0
            } else {
                answered as f64 / self.needs.len() as f64
            },
        }
    }
}

/// Discounted cumulative gain of the first [`NDCG_DEPTH`] grades.
fn dcg(grades: &[u8]) -> f64 {
    grades
        .iter()
        .take(NDCG_DEPTH)
        .enumerate()
        .map(|(rank, grade)| (2f64.powi(i32::from(*grade)) - 1.0) / (rank as f64 + 2.0).log2())
        .sum()
}

/// Figures per group, and their count.
pub type GroupFigures = BTreeMap<String, (usize, Figures)>;

impl JudgedSet {
    /// Judges an engine: `ranked` gives its result ids for a query. Per group, the number of
    /// queries and the mean figures; the group `all` holds every query.
    pub fn judge<'a>(
        &self,
        offers: &Offers,
        mut ranked: impl FnMut(&str) -> Vec<&'a str>,
    ) -> GroupFigures {
        let mut groups: GroupFigures = BTreeMap::new();
        for query in &self.queries {
            let figures = query.judge(&ranked(&query.q), offers);
            for group in [query.group.as_str(), "all"] {
                let (count, sum) = groups.entry(group.to_owned()).or_default();
                *count += 1;
                sum.ndcg += figures.ndcg;
                sum.reciprocal_rank += figures.reciprocal_rank;
                sum.success_at_1 += figures.success_at_1;
                sum.needs += figures.needs;
            }
        }
        for (count, sum) in groups.values_mut() {
            let n = *count as f64;
            sum.ndcg /= n;
            sum.reciprocal_rank /= n;
            sum.success_at_1 /= n;
            sum.needs /= n;
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(grades: &[(&str, u8)], needs: &[&[&str]]) -> JudgedQuery {
        JudgedQuery {
            group: "test".into(),
            q: "q".into(),
            grades: grades.iter().map(|(id, g)| (id.to_string(), *g)).collect(),
            needs: needs
                .iter()
                .map(|need| need.iter().map(|id| id.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn the_ideal_order_scores_one_and_nothing_scores_zero() {
        let q = query(&[("a", 2), ("b", 1)], &[]);
        let offers = Offers::default();
        let best = q.judge(&["a", "b", "x"], &offers);
        assert!((best.ndcg - 1.0).abs() < 1e-9);
        assert_eq!(best.reciprocal_rank, 1.0);
        assert_eq!(best.success_at_1, 1.0);
        let none = q.judge(&["x", "y"], &offers);
        assert_eq!(
            (none.ndcg, none.reciprocal_rank, none.success_at_1),
            (0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn a_useful_service_first_is_no_success_and_ranks_count() {
        let q = query(&[("a", 2), ("b", 1)], &[]);
        let figures = q.judge(&["b", "x", "a"], &Offers::default());
        assert_eq!(figures.success_at_1, 0.0);
        assert_eq!(figures.reciprocal_rank, 1.0);
        assert!(figures.ndcg > 0.0 && figures.ndcg < 1.0);
        let later = q.judge(&["x", "y", "a"], &Offers::default());
        assert!((later.reciprocal_rank - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn copies_of_one_offer_count_once() {
        let offers = Offers {
            by_id: [("a1", 7), ("a2", 7), ("b", 8)]
                .iter()
                .map(|(id, g)| (id.to_string(), *g))
                .collect(),
        };
        let q = query(&[("a1", 2), ("a2", 2), ("b", 1)], &[]);
        // Folded: one copy, then the other offer, is the ideal.
        assert!((q.judge(&["a1", "b"], &offers).ndcg - 1.0).abs() < 1e-9);
        // Repeating the copy gains nothing.
        let repeated = q.judge(&["a1", "a2", "b"], &offers);
        assert!(repeated.ndcg < 1.0);
    }

    #[test]
    fn needs_count_the_worries_answered_in_the_top_five() {
        let q = query(&[("a", 2), ("b", 2)], &[&["a"], &["b"]]);
        let offers = Offers::default();
        assert_eq!(q.judge(&["a", "b"], &offers).needs, 1.0);
        assert_eq!(q.judge(&["a", "x", "y", "z", "w", "b"], &offers).needs, 0.5);
    }
}
