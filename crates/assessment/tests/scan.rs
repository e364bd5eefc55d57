//! The scan: instruments, share codes, team results (checked by hand), placement, exports.

use proptest::prelude::*;
use wegwijs_assessment::export::{
    aggregates_csv, compare, export, import_json, import_responses_csv, responses_csv,
};
use wegwijs_assessment::typology::place;
use wegwijs_assessment::{
    combine, decode, deduplicate, encode, CodeError, Disagreement, Instrument, Privacy, Response,
};

fn vormen() -> Instrument {
    Instrument::from_json(include_str!("../../../www/data/scan-vormen.json"))
        .expect("the shipped instrument is valid")
}

fn vensters() -> Instrument {
    Instrument::from_json(include_str!("../../../www/data/scan-vensters.json"))
        .expect("the second instrument is valid")
}

/// A response with the same "now" and "desired" on every dimension, overridden per position.
fn response(
    instrument: &Instrument,
    id: u32,
    now: u8,
    desired: u8,
    overrides: &[(usize, Option<u8>, Option<u8>)],
) -> Response {
    let mut r = Response::empty(instrument, id);
    r.now.iter_mut().for_each(|v| *v = Some(now));
    r.desired.iter_mut().for_each(|v| *v = Some(desired));
    for &(i, n, d) in overrides {
        r.now[i] = n;
        r.desired[i] = d;
    }
    r
}

#[test]
fn the_shipped_instruments_carry_the_source_verbatim() {
    let instrument = vormen();
    assert_eq!(instrument.dimensions.len(), 14);
    let poles: Vec<(&str, &str)> = instrument
        .dimensions
        .iter()
        .map(|d| (d.low.get("nl"), d.high.get("nl")))
        .collect();
    assert_eq!(poles[0], ("Aparte systemen", "Gezamenlijke systemen"));
    assert_eq!(
        poles[2],
        (
            "Beperkt; onregelmatig; schriftelijk",
            "Frequent; regelmatig; face-to-face"
        )
    );
    assert_eq!(poles[12].1, "Eén aanspreekpunt namens alle disciplines");
    assert_eq!(instrument.typology.as_ref().unwrap().models.len(), 7);
    assert!(instrument
        .dimensions
        .iter()
        .all(|d| !d.tips.is_empty() && !d.why.get("en").is_empty()));
    let second = vensters();
    assert!(!second.ask_desired);
    assert_eq!(second.dimensions.len(), 8);
    assert_ne!(instrument.fingerprint(), second.fingerprint());
    // Statements are too long for a chart: each has a short name; names are used as they are.
    assert_eq!(
        second.dimensions[0].chart_label().get("nl"),
        "Alle leefgebieden"
    );
    assert_eq!(instrument.dimensions[0].chart_label().get("nl"), "Systemen");
}

#[test]
fn broken_instruments_are_refused_with_their_place() {
    let mut value: serde_json::Value =
        serde_json::from_str(include_str!("../../../www/data/scan-vormen.json")).unwrap();
    value["scale"].as_array_mut().unwrap().pop();
    assert_eq!(
        Instrument::from_json(&value.to_string())
            .unwrap_err()
            .location,
        "$.scale"
    );
    let mut value: serde_json::Value =
        serde_json::from_str(include_str!("../../../www/data/scan-vormen.json")).unwrap();
    value["typology"]["models"][0]["profile"]["bestaat-niet"] = 3.into();
    assert_eq!(
        Instrument::from_json(&value.to_string())
            .unwrap_err()
            .location,
        "$.typology.models[0].profile"
    );
    let mut value: serde_json::Value =
        serde_json::from_str(include_str!("../../../www/data/scan-vormen.json")).unwrap();
    value["dimensions"][3]["high"] = serde_json::json!({"nl": "Hoog"});
    let error = Instrument::from_json(&value.to_string()).unwrap_err();
    assert_eq!(error.location, "$.dimensions[3].high");
    assert!(error.message.contains("missing translation"));
}

#[test]
fn codes_round_trip_and_wrong_or_tampered_codes_are_refused() {
    let instrument = vormen();
    let original = response(
        &instrument,
        0xabcdef,
        2,
        4,
        &[(0, None, Some(5)), (13, Some(1), None)],
    );
    let code = encode(&instrument, &original);
    assert!(code.len() < 45, "short: {code}");
    assert_eq!(decode(&instrument, &code), Ok(original.clone()));
    assert_eq!(
        decode(&instrument, &code.to_lowercase().replace('-', " ")),
        Ok(original)
    );
    let mut chars: Vec<char> = code.chars().collect();
    let at = chars
        .iter()
        .position(|c| c.is_ascii_alphanumeric())
        .unwrap()
        + 5;
    chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
    let tampered: String = chars.into_iter().collect();
    assert_eq!(decode(&instrument, &tampered), Err(CodeError::Damaged));
    assert_eq!(decode(&vensters(), &code), Err(CodeError::OtherInstrument));
    assert_eq!(decode(&instrument, "hallo"), Err(CodeError::NotACode));
    assert_eq!(
        decode(&instrument, "UUUU-UUUU-UUUU-UUUU"),
        Err(CodeError::NotACode)
    );
}

#[test]
fn three_respondents_hand_computed() {
    let instrument = vormen();
    // Dimension 0: now 1, 3, 5 (median 3, Q1 2, Q3 4, IQR 2: disagreement); desired 4, 4, 5.
    // Dimension 2: now 3, 3, 4 (no disagreement); desired 5, 5, 5 (gap 2).
    // Dimension 7: now 2, 4, "weet ik niet" (n = 2, both sides of the middle).
    let responses = [
        response(
            &instrument,
            1,
            3,
            3,
            &[
                (0, Some(1), Some(4)),
                (2, Some(3), Some(5)),
                (7, Some(2), Some(3)),
            ],
        ),
        response(
            &instrument,
            2,
            3,
            3,
            &[
                (0, Some(3), Some(4)),
                (2, Some(3), Some(5)),
                (7, Some(4), Some(4)),
            ],
        ),
        response(
            &instrument,
            3,
            3,
            3,
            &[
                (0, Some(5), Some(5)),
                (2, Some(4), Some(5)),
                (7, None, None),
            ],
        ),
    ];
    let result = combine(&instrument, &responses);
    assert_eq!(result.privacy, Privacy::Full);
    let d0 = &result.dimensions[0];
    let now = d0.now.as_ref().unwrap();
    assert_eq!(
        (now.median, now.q1, now.q3, now.min, now.max),
        (3.0, 2.0, 4.0, 1, 5)
    );
    assert_eq!(d0.desired.as_ref().unwrap().median, 4.0);
    assert_eq!(d0.gap, Some(1.0));
    assert_eq!(d0.disagreement, Some(Disagreement::WideSpread));
    let d2 = &result.dimensions[2];
    assert_eq!(
        (d2.now.as_ref().unwrap().median, d2.gap, d2.disagreement),
        (3.0, Some(2.0), None)
    );
    let d7 = &result.dimensions[7];
    assert_eq!(d7.now.as_ref().unwrap().n, 2, "weet ik niet is not counted");
    assert_eq!(d7.disagreement, Some(Disagreement::BothSides));
    assert_eq!(result.largest_gaps[0], 2, "the largest gap first");
    assert_eq!(result.dimensions[5].gap, Some(0.0));
    assert!(
        !result.largest_gaps.contains(&5),
        "no gap, no conversation starter"
    );
}

#[test]
fn fewer_than_three_respondents_show_nothing_that_reveals_a_person() {
    let instrument = vormen();
    let two = [
        response(&instrument, 1, 2, 4, &[]),
        response(&instrument, 2, 4, 4, &[]),
    ];
    let result = combine(&instrument, &two);
    assert_eq!(result.privacy, Privacy::MediansOnly);
    assert!(result.dimensions.iter().all(|d| d.disagreement.is_none()));
    assert!(
        responses_csv(&instrument, &result, &two).lines().count() == 1,
        "only the header"
    );
    assert!(
        !aggregates_csv(&instrument, &result, "nl").contains(",2,4,"),
        "no min and max"
    );
    assert_eq!(combine(&instrument, &two[..1]).privacy, Privacy::Nothing);
    assert!(combine(&instrument, &two[..1]).placement.is_none());
}

#[test]
fn the_same_respondent_twice_counts_once_with_the_last_answers() {
    let instrument = vormen();
    let first = response(&instrument, 7, 2, 2, &[]);
    let changed = response(&instrument, 7, 4, 4, &[]);
    let other = response(&instrument, 8, 3, 3, &[]);
    let (kept, repeats) = deduplicate(&[first, other.clone(), changed.clone()]);
    assert_eq!(repeats, 1);
    assert_eq!(kept, [other, changed]);
}

#[test]
fn a_profile_like_a_model_is_placed_there_with_its_evidence() {
    let instrument = vormen();
    let typology = instrument.typology.clone().unwrap();
    for (m, model) in typology.models.iter().enumerate() {
        let levels: Vec<Option<f64>> = instrument
            .dimensions
            .iter()
            .map(|d| Some(model.profile.get(&d.key).copied().unwrap_or(model.base)))
            .collect();
        let placement = place(&instrument, &levels).unwrap();
        assert_eq!(placement.model, m, "{}", model.key);
        assert_eq!(placement.distance, 0.0);
        assert!(placement.runner_up.is_some());
    }
    assert!(
        place(&instrument, &vec![None; 14]).is_none(),
        "nothing answered, no placement"
    );
    assert!(
        place(&vensters(), &[Some(3.0); 8]).is_none(),
        "no typology, no placement"
    );
}

#[test]
fn exports_round_trip_and_rounds_compare() {
    let instrument = vormen();
    let responses: Vec<Response> = (1..=3)
        .map(|i| response(&instrument, i, i as u8, 4, &[]))
        .collect();
    let result = combine(&instrument, &responses);
    let exported = export(&instrument, &result, &responses, "2026-11");
    let text = serde_json::to_string(&exported).unwrap();
    let back = import_json(&instrument, &text).unwrap();
    assert_eq!(back, exported);
    assert!(import_json(&vensters(), &text).is_err());
    assert!(import_json(&instrument, "{}").is_err());

    let csv = responses_csv(&instrument, &result, &responses);
    let imported = import_responses_csv(&instrument, &csv).unwrap();
    assert_eq!(
        imported.iter().map(|r| r.now.clone()).collect::<Vec<_>>(),
        responses.iter().map(|r| r.now.clone()).collect::<Vec<_>>()
    );
    assert!(
        import_responses_csv(&instrument, "respondent,dimensie,nu,gewenst\n1,geluk,3,3\n").is_err()
    );
    assert!(
        import_responses_csv(&instrument, "respondent,dimensie,nu,gewenst\n1,visie,9,3\n").is_err()
    );

    let later: Vec<Response> = (1..=3)
        .map(|i| response(&instrument, i + 10, 4, 4, &[]))
        .collect();
    let changes = compare(&result, &combine(&instrument, &later));
    assert_eq!(changes[0], (0, Some(2.0), Some(4.0)));
}

fn any_response(dimensions: usize) -> impl Strategy<Value = Response> {
    (
        0u32..0x00ff_ffff,
        proptest::collection::vec(proptest::option::of(1u8..=5), dimensions),
        proptest::collection::vec(proptest::option::of(1u8..=5), dimensions),
    )
        .prop_map(|(respondent, now, desired)| Response {
            respondent,
            now,
            desired,
        })
}

proptest! {
    #[test]
    fn codes_round_trip(r in any_response(14)) {
        let instrument = vormen();
        prop_assert_eq!(decode(&instrument, &encode(&instrument, &r)), Ok(r));
    }

    #[test]
    fn decoding_random_text_never_panics(text in "\\PC{0,80}", code in "[0-9A-Z-]{0,60}") {
        let instrument = vormen();
        let _ = decode(&instrument, &text);
        let _ = decode(&instrument, &code);
    }

    #[test]
    fn the_order_of_respondents_never_changes_the_result(mut responses in proptest::collection::vec(any_response(14), 0..8), seed in 0usize..100) {
        let instrument = vormen();
        for (i, r) in responses.iter_mut().enumerate() {
            r.respondent = i as u32;
        }
        let before = combine(&instrument, &responses);
        let len = responses.len().max(1);
        responses.rotate_left(seed % len);
        responses.reverse();
        prop_assert_eq!(combine(&instrument, &responses), before);
    }
}
