//! The scan's answers and the team's codes, kept in this browser tab (session storage): a
//! reload, or a phone that drops the tab in the background, loses nothing. Closing the tab
//! removes them. Only share codes are kept, and they are read back like any pasted code; and,
//! for a live session, its code, this tab's token and an answer still on its way.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wegwijs_assessment::{decode, encode, Instrument, Response};

use super::app::Scan;
use super::join::Joined;
use crate::browser::{self, Keep};

/// What is kept for one instrument.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Kept {
    /// The respondent's code, once something is answered.
    #[serde(default)]
    answer: Option<String>,
    /// The codes the facilitator added.
    #[serde(default)]
    team: Vec<String>,
    /// The live session this tab joined.
    #[serde(default)]
    joined: Option<Joined>,
}

fn key(instrument: &Instrument) -> String {
    format!("wegwijs-scan:{}", instrument.id)
}

/// What this tab kept for `instrument`: the respondent's answers, the team's responses and
/// the joined live session. Anything unreadable (another version, edited by hand) is left out.
pub(crate) fn restore(
    instrument: &Instrument,
) -> (Option<Response>, Vec<Response>, Option<Joined>) {
    let kept: Kept = browser::stored(Keep::InTab, &key(instrument))
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let answer = kept.answer.and_then(|code| decode(instrument, &code).ok());
    let team = kept
        .team
        .iter()
        .filter_map(|code| decode(instrument, code).ok())
        .collect();
    (answer, team, kept.joined)
}

/// Keeps the scan's answers and team codes in this tab whenever they change.
pub(crate) fn keep_in_tab(scan: Scan) {
    Effect::new(move |_| {
        let instrument = scan.instrument.get_value();
        let kept = Kept {
            answer: scan.response.with(|response| {
                let started = response
                    .now
                    .iter()
                    .chain(&response.desired)
                    .any(Option::is_some);
                started.then(|| encode(&instrument, response))
            }),
            team: scan.team.with(|team| {
                team.iter()
                    .map(|response| encode(&instrument, response))
                    .collect()
            }),
            joined: scan.joined.get(),
        };
        let key = key(&instrument);
        if kept.answer.is_none() && kept.team.is_empty() && kept.joined.is_none() {
            browser::forget(Keep::InTab, &key);
        } else if let Ok(text) = serde_json::to_string(&kept) {
            browser::store(Keep::InTab, &key, &text);
        }
    });
}
