//! The judged service-level queries (`tests/fixtures/judged-services.json`): per group, nDCG@5,
//! MRR and S@1 of the demo map's search. Prints the figures and every query whose first result
//! is not a grade-2 service; fails when a group falls below its floor.
//!
//! The floors sit just under what the search reaches today (about one query's worth), so a
//! change that makes a group worse fails here; the goal for every group is nDCG@5 ≥ 0.80 and
//! S@1 ≥ 0.75. The held-out set (`judged-services-holdout.json`) is checked the same way.

use wegwijs_directory::relevance::{JudgedSet, Offers, RANK_DEPTH};
use wegwijs_directory::{import_json, Index, Query, Vocabulary};

/// Per group: the lowest nDCG@5 and S@1 allowed.
const FLOORS: [(&str, f64, f64); 5] = [
    ("dutch", 0.76, 0.85),
    ("english", 0.82, 0.87),
    ("misspelled", 0.78, 0.93),
    ("two-needs", 0.75, 0.84),
    ("professional", 0.81, 0.83),
];

/// Per group of the held-out set: the lowest nDCG@5 and S@1 allowed.
const HELD_OUT_FLOORS: [(&str, f64, f64); 5] = [
    ("dutch", 0.60, 0.60),
    ("english", 0.74, 0.54),
    ("misspelled", 0.70, 0.62),
    ("two-needs", 0.55, 0.37),
    ("professional", 0.76, 0.66),
];

fn demo_index() -> Index {
    let directory = import_json(include_str!("../../../www/data/kaart.json"))
        .unwrap()
        .directory;
    Index::build(directory, Vocabulary::dutch())
}

fn top_ids<'a>(index: &'a Index, text: &str) -> Vec<&'a str> {
    let query = Query {
        text: text.to_owned(),
        limit: RANK_DEPTH,
        ..Query::default()
    };
    index
        .search(&query)
        .hits
        .iter()
        .map(|hit| index.services()[hit.doc as usize].id.as_str())
        .collect()
}

/// Prints the figures of a judged set per group (and the queries whose first result is not
/// a grade-2 service) and checks them against the floors.
fn check(judged: &str, floors: &[(&str, f64, f64)], at_least: usize) {
    let judged: JudgedSet = serde_json::from_str(judged).unwrap();
    let index = demo_index();
    let offers = Offers::of(&index);
    let names = |ids: &[&str]| -> Vec<String> {
        ids.iter()
            .take(3)
            .filter_map(|id| index.services().iter().find(|s| s.id == *id))
            .map(|s| s.name.clone())
            .collect()
    };
    for query in &judged.queries {
        let top = top_ids(&index, &query.q);
        let figures = query.judge(&top, &offers);
        if figures.success_at_1 < 1.0 {
            println!(
                "  [{}] {:?}: nDCG@5 {:.2}, top {:?}",
                query.group,
                query.q,
                figures.ndcg,
                names(&top)
            );
        }
    }
    let groups = judged.judge(&offers, |text| top_ids(&index, text));
    println!("group          queries  nDCG@5  MRR    S@1   needs@5");
    for (group, (count, figures)) in &groups {
        println!(
            "{group:<14} {count:>7}  {:.3}   {:.3}  {:.3} {:.3}",
            figures.ndcg, figures.reciprocal_rank, figures.success_at_1, figures.needs
        );
    }
    assert!(judged.queries.len() >= at_least);
    for &(group, ndcg_floor, success_floor) in floors {
        let (count, figures) = groups.get(group).expect("every group has queries");
        assert!(*count >= 5, "{group}: only {count} queries");
        assert!(
            figures.ndcg >= ndcg_floor && figures.success_at_1 >= success_floor,
            "{group}: nDCG@5 {:.3} (floor {ndcg_floor}), S@1 {:.3} (floor {success_floor})",
            figures.ndcg,
            figures.success_at_1
        );
    }
}

#[test]
fn every_group_of_judged_queries_stays_above_its_floor() {
    check(
        include_str!("../../../tests/fixtures/judged-services.json"),
        &FLOORS,
        80,
    );
}

/// The held-out set: written by a judge who saw neither the engine nor the main set, and
/// never a source of vocabulary entries.
#[test]
fn the_held_out_queries_stay_above_their_floor() {
    check(
        include_str!("../../../tests/fixtures/judged-services-holdout.json"),
        &HELD_OUT_FLOORS,
        50,
    );
}
