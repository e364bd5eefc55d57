//! Exports (JSON and CSV, anonymous) and imports, and comparing two rounds.

use serde::{Deserialize, Serialize};

use crate::code::Response;
use crate::instrument::Instrument;
use crate::team::{Privacy, TeamResult};

/// A JSON export: what the facilitator keeps to compare with the next round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    /// The instrument's id.
    pub instrument: String,
    /// Its fingerprint; an export of another instrument is refused on import.
    pub fingerprint: u16,
    /// A label for the round, e.g. the date.
    pub round: String,
    /// The combined result.
    pub result: TeamResult,
    /// The anonymous responses, only when the team view may show them (three or more).
    pub responses: Vec<Response>,
}

/// Why an import failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

/// The export of a round.
pub fn export(
    instrument: &Instrument,
    result: &TeamResult,
    responses: &[Response],
    round: &str,
) -> Export {
    Export {
        instrument: instrument.id.clone(),
        fingerprint: instrument.fingerprint(),
        round: round.to_owned(),
        result: result.clone(),
        responses: if result.privacy == Privacy::Full {
            responses.to_vec()
        } else {
            Vec::new()
        },
    }
}

/// Reads a JSON export of this instrument.
pub fn import_json(instrument: &Instrument, text: &str) -> Result<Export, ImportError> {
    let export: Export =
        serde_json::from_str(text).map_err(|e| ImportError(format!("not a scan export: {e}")))?;
    if export.fingerprint != instrument.fingerprint() {
        return Err(ImportError(
            "this export belongs to another instrument".into(),
        ));
    }
    let n = instrument.dimensions.len();
    let valid = |values: &[Option<u8>]| {
        values.len() == n && values.iter().flatten().all(|v| (1..=5).contains(v))
    };
    if export
        .responses
        .iter()
        .any(|r| !valid(&r.now) || !valid(&r.desired))
    {
        return Err(ImportError(
            "the export has answers outside the scale".into(),
        ));
    }
    Ok(export)
}

fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{v}")).unwrap_or_default()
}

/// The aggregates as CSV: one row per dimension.
pub fn aggregates_csv(instrument: &Instrument, result: &TeamResult, lang: &str) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record([
        "dimensie",
        "naam",
        "n",
        "mediaan_nu",
        "q1_nu",
        "q3_nu",
        "min_nu",
        "max_nu",
        "mediaan_gewenst",
        "verschil",
        "onenigheid",
    ]);
    let full = result.privacy == Privacy::Full;
    for (dimension, row) in instrument.dimensions.iter().zip(&result.dimensions) {
        let now = row.now.as_ref();
        let spread = |f: fn(&crate::stats::Spread) -> f64| {
            if full {
                number(now.map(f))
            } else {
                String::new()
            }
        };
        let _ = writer.write_record([
            dimension.key.clone(),
            dimension.label.get(lang).to_owned(),
            now.map(|s| s.n.to_string()).unwrap_or_default(),
            number(now.map(|s| s.median)),
            spread(|s| s.q1),
            spread(|s| s.q3),
            spread(|s| f64::from(s.min)),
            spread(|s| f64::from(s.max)),
            number(row.desired.as_ref().map(|s| s.median)),
            number(row.gap),
            row.disagreement
                .map(|d| format!("{d:?}"))
                .unwrap_or_default(),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The anonymous responses as CSV (respondent number, dimension, now, desired); empty when
/// the team view may not show them.
pub fn responses_csv(
    instrument: &Instrument,
    result: &TeamResult,
    responses: &[Response],
) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(["respondent", "dimensie", "nu", "gewenst"]);
    if result.privacy == Privacy::Full {
        for (number, response) in responses.iter().enumerate() {
            for (i, dimension) in instrument.dimensions.iter().enumerate() {
                let cell = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
                let _ = writer.write_record([
                    (number + 1).to_string(),
                    dimension.key.clone(),
                    cell(response.now[i]),
                    cell(response.desired[i]),
                ]);
            }
        }
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Reads responses from the responses CSV.
pub fn import_responses_csv(
    instrument: &Instrument,
    text: &str,
) -> Result<Vec<Response>, ImportError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut responses: Vec<(String, Response)> = Vec::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportError(format!("row {}: {e}", line + 2)))?;
        let get = |i: usize| record.get(i).unwrap_or_default().trim();
        let position = instrument.position(get(1)).ok_or_else(|| {
            ImportError(format!("row {}: unknown dimension {:?}", line + 2, get(1)))
        })?;
        let value = |text: &str| -> Result<Option<u8>, ImportError> {
            if text.is_empty() {
                return Ok(None);
            }
            match text.parse::<u8>() {
                Ok(v) if (1..=5).contains(&v) => Ok(Some(v)),
                _ => Err(ImportError(format!(
                    "row {}: {text:?} is not 1 to 5",
                    line + 2
                ))),
            }
        };
        let id = get(0).to_owned();
        let index = match responses.iter().position(|(r, _)| *r == id) {
            Some(index) => index,
            None => {
                let number = responses.len() as u32 + 1;
                responses.push((id, Response::empty(instrument, 0x00ff_0000 + number)));
                responses.len() - 1
            }
        };
        let response = &mut responses[index].1;
        response.now[position] = value(get(2))?;
        response.desired[position] = value(get(3))?;
    }
    Ok(responses.into_iter().map(|(_, r)| r).collect())
}

/// Change per dimension between an earlier round and now: (position, before, after).
pub fn compare(earlier: &TeamResult, now: &TeamResult) -> Vec<(usize, Option<f64>, Option<f64>)> {
    now.dimensions
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let before = earlier
                .dimensions
                .get(i)
                .and_then(|d| d.now.as_ref())
                .map(|s| s.median);
            (i, before, row.now.as_ref().map(|s| s.median))
        })
        .collect()
}
