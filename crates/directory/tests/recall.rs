//! Recall@5 on the judged everyday questions: a good top 5 covers the life domains each
//! question is about. Prints the score and the misses; fails below 0.9.

use serde::Deserialize;
use wegwijs_directory::{import_json, Domain, Index, Query, Vocabulary};

#[derive(Deserialize)]
struct Judged {
    queries: Vec<JudgedQuery>,
}

#[derive(Deserialize)]
struct JudgedQuery {
    q: String,
    domains: Vec<Domain>,
}

#[test]
fn recall_at_5_on_the_judged_questions_is_at_least_0_9() {
    let judged: Judged =
        serde_json::from_str(include_str!("../../../tests/fixtures/judged-queries.json")).unwrap();
    assert!(judged.queries.len() >= 60);
    let directory = import_json(include_str!("../../../www/data/kaart.json"))
        .unwrap()
        .directory;
    let index = Index::build(directory, Vocabulary::dutch());
    let mut total = 0.0;
    let mut misses = Vec::new();
    for judged in &judged.queries {
        let results = index.search(&Query {
            text: judged.q.clone(),
            limit: 5,
            ..Query::default()
        });
        let covered = judged
            .domains
            .iter()
            .filter(|domain| {
                results
                    .hits
                    .iter()
                    .any(|hit| index.services()[hit.doc as usize].domains.contains(domain))
            })
            .count();
        let recall = covered as f64 / judged.domains.len() as f64;
        total += recall;
        if recall < 1.0 {
            let top: Vec<&str> = results
                .hits
                .iter()
                .map(|h| index.services()[h.doc as usize].name.as_str())
                .collect();
            misses.push(format!("{:?} ({recall:.2}): {top:?}", judged.q));
        }
    }
    let recall = total / judged.queries.len() as f64;
    println!(
        "recall@5 = {recall:.3} over {} questions",
        judged.queries.len()
    );
    for miss in &misses {
        println!("  miss {miss}");
    }
    assert!(
        recall >= 0.9,
        "recall@5 {recall:.3} is below 0.9; misses:\n{}",
        misses.join("\n")
    );
}
