//! The team view: combined answers per dimension, disagreement, gaps between now and
//! desired, and what may be shown without revealing anyone's answers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use wegwijs_text::order;

use crate::code::Response;
use crate::instrument::Instrument;
use crate::stats::Spread;
use crate::typology::{place, Placement};

/// Fewest respondents for which spreads and individual (anonymous) answers are shown.
pub const MIN_RESPONDENTS_FOR_SPREAD: usize = 3;

/// What the team view may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Privacy {
    /// Three or more respondents: everything, answers as anonymous dots.
    Full,
    /// Two respondents: medians and gaps only; a range would show both answers.
    MediansOnly,
    /// One or none: nothing, it would be that person's own answers.
    Nothing,
}

/// Why a dimension is flagged as a disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Disagreement {
    /// The middle half of the answers is spread over two points or more (IQR ≥ 2).
    WideSpread,
    /// Some answered low (1–2) and some high (4–5).
    BothSides,
}

/// The team's answers on one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionResult {
    /// The dimension's key.
    pub key: String,
    /// How it is now.
    pub now: Option<Spread>,
    /// How the team wants it.
    pub desired: Option<Spread>,
    /// Median desired minus median now.
    pub gap: Option<f64>,
    /// Why the team disagrees about "now", if it does.
    pub disagreement: Option<Disagreement>,
}

/// The combined result of a team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamResult {
    /// Respondents counted (each once).
    pub respondents: usize,
    /// What may be shown.
    pub privacy: Privacy,
    /// Per dimension, in instrument order.
    pub dimensions: Vec<DimensionResult>,
    /// Dimensions by largest gap first (positions), for the conversation.
    pub largest_gaps: Vec<usize>,
    /// The typology model the team's "now" resembles most.
    pub placement: Option<Placement>,
}

/// Keeps one response per respondent (the last one given). Returns the responses and how
/// many were repeats.
pub fn deduplicate(responses: &[Response]) -> (Vec<Response>, usize) {
    let mut by_respondent: BTreeMap<u32, (usize, Response)> = BTreeMap::new();
    for (order, response) in responses.iter().enumerate() {
        by_respondent.insert(response.respondent, (order, response.clone()));
    }
    let mut kept: Vec<(usize, Response)> = by_respondent.into_values().collect();
    order::sort_by_key(&mut kept, |(order, _)| *order);
    let repeats = responses.len() - kept.len();
    (kept.into_iter().map(|(_, r)| r).collect(), repeats)
}

fn disagreement(spread: &Spread) -> Option<Disagreement> {
    if spread.iqr() >= 2.0 {
        Some(Disagreement::WideSpread)
    } else if spread.min <= 2 && spread.max >= 4 {
        Some(Disagreement::BothSides)
    } else {
        None
    }
}

/// Combines responses (already deduplicated) into the team view.
pub fn combine(instrument: &Instrument, responses: &[Response]) -> TeamResult {
    let respondents = responses.len();
    let privacy = match respondents {
        0 | 1 => Privacy::Nothing,
        2 => Privacy::MediansOnly,
        _ => Privacy::Full,
    };
    let dimensions: Vec<DimensionResult> = instrument
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, dimension)| {
            let column = |pick: fn(&Response) -> &Vec<Option<u8>>| {
                Spread::of(
                    responses
                        .iter()
                        .filter_map(|r| pick(r).get(i).copied().flatten()),
                )
            };
            let now = column(|r| &r.now);
            let desired = if instrument.ask_desired {
                column(|r| &r.desired)
            } else {
                None
            };
            let gap = now
                .as_ref()
                .zip(desired.as_ref())
                .map(|(n, d)| d.median - n.median);
            let disagreement = now
                .as_ref()
                .filter(|_| privacy == Privacy::Full)
                .and_then(disagreement);
            DimensionResult {
                key: dimension.key.clone(),
                now,
                desired,
                gap,
                disagreement,
            }
        })
        .collect();
    let mut largest_gaps: Vec<usize> = (0..dimensions.len())
        .filter(|&i| dimensions[i].gap.is_some_and(|g| g.abs() >= 0.5))
        .collect();
    order::sort_by(&mut largest_gaps, |&a, &b| {
        let gap = |i: usize| dimensions[i].gap.unwrap_or(0.0).abs();
        gap(b).total_cmp(&gap(a)).then(a.cmp(&b))
    });
    let medians: Vec<Option<f64>> = dimensions
        .iter()
        .map(|d| d.now.as_ref().map(|s| s.median))
        .collect();
    let placement = (privacy != Privacy::Nothing)
        .then(|| place(instrument, &medians))
        .flatten();
    TeamResult {
        respondents,
        privacy,
        dimensions,
        largest_gaps,
        placement,
    }
}
