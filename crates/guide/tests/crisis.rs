//! Urgent signals in the resident's own words, judged: every crisis phrasing in
//! `crisis-phrases.json` raises its signal, and no look-alike raises anything.

use std::collections::BTreeMap;

use serde::Deserialize;
use wegwijs_guide::words::signals_in;
use wegwijs_guide::Guide;

#[derive(Deserialize)]
struct Judged {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    signal: Option<String>,
}

/// Per signal: crisis phrasings, how many were caught, and false alarms.
#[derive(Default)]
struct Tally {
    cases: usize,
    caught: usize,
    false_alarms: Vec<String>,
    missed: Vec<String>,
}

#[test]
fn every_crisis_phrasing_is_caught_and_no_look_alike_raises_anything() {
    let guide = Guide::from_json(include_str!("../../../www/data/hulpwijzer.json")).unwrap();
    let judged: Judged = serde_json::from_str(include_str!("crisis-phrases.json")).unwrap();
    assert!(judged.cases.len() >= 60);
    let mut tally: BTreeMap<String, Tally> = guide
        .signals
        .iter()
        .map(|s| (s.id.clone(), Tally::default()))
        .collect();
    for case in &judged.cases {
        let raised: Vec<&str> = signals_in(&guide, &case.text)
            .into_iter()
            .map(|s| s.id.as_str())
            .collect();
        if let Some(expected) = &case.signal {
            let entry = tally.get_mut(expected).expect("a signal of the demo guide");
            entry.cases += 1;
            if raised.contains(&expected.as_str()) {
                entry.caught += 1;
            } else {
                entry.missed.push(case.text.clone());
            }
        }
        for id in raised {
            if case.signal.as_deref() != Some(id) {
                tally
                    .get_mut(id)
                    .unwrap()
                    .false_alarms
                    .push(case.text.clone());
            }
        }
    }
    let look_alikes = judged.cases.iter().filter(|c| c.signal.is_none()).count();
    println!("signal            caught  false alarms   ({look_alikes} look-alikes)");
    for (id, t) in &tally {
        println!(
            "{id:<17} {:>2}/{:<2}   {}",
            t.caught,
            t.cases,
            t.false_alarms.len()
        );
    }
    let wrong: Vec<String> = tally
        .iter()
        .flat_map(|(id, t)| {
            t.missed
                .iter()
                .map(move |m| format!("{id}: missed {m:?}"))
                .chain(
                    t.false_alarms
                        .iter()
                        .map(move |f| format!("{id}: raised by {f:?}")),
                )
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}
