//! Instrument definitions: one data file per instrument.
//!
//! Dimensions (or statements) with their two poles, a scale with a short label per point, a
//! "why it matters" line and tips per dimension, and the typology used to interpret a team's
//! profile. Every text is given in Dutch and English.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use wegwijs_text::data_file::read_json;
pub use wegwijs_text::Text;

/// One dimension or statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    /// Short unique key (`besluitvorming`).
    pub key: String,
    /// Its name ("Besluitvorming"), or the statement.
    pub label: Text,
    /// A short name for charts, when the label is long (a statement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Text>,
    /// The low pole, verbatim from the source.
    pub low: Text,
    /// The high pole, verbatim from the source.
    pub high: Text,
    /// Why it matters, in one line.
    pub why: Text,
    /// Tips for the conversation.
    #[serde(default)]
    pub tips: Vec<Text>,
}

impl Dimension {
    /// The name to put in a chart: the short name, else the label.
    pub fn chart_label(&self) -> &Text {
        self.short.as_ref().unwrap_or(&self.label)
    }
}

/// A model of the typology and the profile that marks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Short unique key (`interdisciplinair`).
    pub key: String,
    /// Its name.
    pub label: Text,
    /// What it means, verbatim from the source where possible.
    pub description: Text,
    /// The level (1–5) expected on dimensions not named in `profile`.
    pub base: f64,
    /// Expected levels on the dimensions that mark this model.
    #[serde(default)]
    pub profile: BTreeMap<String, f64>,
}

/// How to read a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Typology {
    /// What the typology is and where it comes from.
    pub about: Text,
    /// The models, from low to high intensity.
    pub models: Vec<Model>,
}

/// A scan instrument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instrument {
    /// Unique id; share codes carry a checksum of it.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Introduction for respondents.
    pub intro: Text,
    /// Where the instrument comes from.
    pub source: Text,
    /// Ask "how we want it" next to "how it is now".
    pub ask_desired: bool,
    /// One label per scale point, 1 to 5.
    pub scale: Vec<Text>,
    /// The dimensions or statements.
    pub dimensions: Vec<Dimension>,
    /// Interpretation, when the instrument has one.
    #[serde(default)]
    pub typology: Option<Typology>,
    /// Advice that holds for every dimension, shown once with the largest gaps (a dimension's
    /// own `tips` are for that dimension only).
    #[serde(default)]
    pub advice: Vec<Text>,
}

/// Why an instrument file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstrumentError {
    /// Where: a JSON path, or in the browser a line and column.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for InstrumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for InstrumentError {}

/// Points on the answer scale.
pub const SCALE_POINTS: usize = 5;
/// Most dimensions an instrument may have (share codes stay short).
pub const MAX_DIMENSIONS: usize = 40;

impl Instrument {
    /// Reads and checks an instrument file.
    pub fn from_json(text: &str) -> Result<Self, InstrumentError> {
        let instrument: Instrument = read_json(text).map_err(|mistake| InstrumentError {
            location: mistake.location,
            message: mistake.message,
        })?;
        instrument.check()?;
        Ok(instrument)
    }

    fn check(&self) -> Result<(), InstrumentError> {
        let fail = |location: String, message: String| Err(InstrumentError { location, message });
        if self.scale.len() != SCALE_POINTS {
            return fail(
                "$.scale".into(),
                format!("the scale needs {SCALE_POINTS} labels"),
            );
        }
        if self.dimensions.is_empty() || self.dimensions.len() > MAX_DIMENSIONS {
            return fail(
                "$.dimensions".into(),
                format!("needs 1 to {MAX_DIMENSIONS} dimensions"),
            );
        }
        let mut keys = std::collections::BTreeSet::new();
        for (i, dimension) in self.dimensions.iter().enumerate() {
            if !keys.insert(dimension.key.as_str()) {
                return fail(
                    format!("$.dimensions[{i}].key"),
                    format!("{:?} is used twice", dimension.key),
                );
            }
            for (field, text) in [
                ("label", &dimension.label),
                ("low", &dimension.low),
                ("high", &dimension.high),
                ("why", &dimension.why),
            ] {
                if let Some(lang) = text.missing().first() {
                    return fail(
                        format!("$.dimensions[{i}].{field}"),
                        format!("no {lang:?} text (missing translation)"),
                    );
                }
            }
        }
        for (i, advice) in self.advice.iter().enumerate() {
            if let Some(lang) = advice.missing().first() {
                return fail(
                    format!("$.advice[{i}]"),
                    format!("no {lang:?} text (missing translation)"),
                );
            }
        }
        if let Some(typology) = &self.typology {
            for (i, model) in typology.models.iter().enumerate() {
                if let Some(unknown) = model
                    .profile
                    .keys()
                    .find(|key| !keys.contains(key.as_str()))
                {
                    return fail(
                        format!("$.typology.models[{i}].profile"),
                        format!("dimension {unknown:?} does not exist"),
                    );
                }
                let levels = model.profile.values().chain(std::iter::once(&model.base));
                if levels.clone().any(|level| !(1.0..=5.0).contains(level)) {
                    return fail(
                        format!("$.typology.models[{i}]"),
                        "levels run from 1 to 5".into(),
                    );
                }
            }
        }
        Ok(())
    }

    /// A 16-bit checksum of the instrument's id and dimension keys: a share code made for
    /// another instrument (or another version) is refused.
    pub fn fingerprint(&self) -> u16 {
        let mut text = self.id.clone();
        for dimension in &self.dimensions {
            text.push('|');
            text.push_str(&dimension.key);
        }
        crate::code::crc16(text.as_bytes())
    }

    /// A dimension's position by key.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.key == key)
    }
}
