//! Live sessions: what the server and the widget agree on. A facilitator opens a session and
//! gets a [`JoinCode`]; respondents send their share codes to it; the facilitator receives a
//! [`TeamSnapshot`], which holds the answers only from [`MIN_RESPONDENTS_FOR_SPREAD`]
//! respondents on (below that, only how many there are).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::code::Shape;
pub use crate::team::MIN_RESPONDENTS_FOR_SPREAD;

/// The characters of a join code: capitals and digits without the ones that look alike
/// (0/O, 1/I/L, 2/Z, 5/S, 8/B) and without U and V, which are mixed up when read aloud.
pub const JOIN_ALPHABET: &[u8; 23] = b"ACDEFGHJKMNPQRTWXY34679";

/// Length of a join code.
pub const JOIN_LENGTH: usize = 6;

/// A session's join code: six unambiguous characters, typed in on a phone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct JoinCode(String);

/// Why a typed join code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinCodeError {
    /// Not six characters (after dropping spaces and dashes).
    Length,
    /// A character that join codes do not use.
    Character(char),
}

impl fmt::Display for JoinCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Length => write!(f, "a join code has {JOIN_LENGTH} characters"),
            Self::Character(c) => write!(f, "{c:?} does not occur in join codes"),
        }
    }
}

impl std::error::Error for JoinCodeError {}

impl JoinCode {
    /// A join code from random bits (the caller brings a good random source).
    pub fn from_random(mut bits: u64) -> Self {
        let base = JOIN_ALPHABET.len() as u64;
        let code = (0..JOIN_LENGTH)
            .map(|_| {
                let c = JOIN_ALPHABET[(bits % base) as usize];
                bits /= base;
                char::from(c)
            })
            .collect();
        Self(code)
    }

    /// Reads a typed code: case, spaces and dashes (also the unbreakable one of
    /// [`JoinCode::unbroken`], when a code is copied from a message) do not matter.
    pub fn parse(typed: &str) -> Result<Self, JoinCodeError> {
        let compact: String = typed
            .chars()
            .filter(|c| {
                !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
            })
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if let Some(wrong) = compact
            .chars()
            .find(|c| !c.is_ascii() || !JOIN_ALPHABET.contains(&(*c as u8)))
        {
            return Err(JoinCodeError::Character(wrong));
        }
        if compact.len() != JOIN_LENGTH {
            return Err(JoinCodeError::Length);
        }
        Ok(Self(compact))
    }

    /// The code as typed: six characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code as shown: two groups of three ("KMT-4QA"), easier to read out.
    pub fn grouped(&self) -> String {
        self.halves_joined_by('-')
    }

    /// The code grouped for running text, with a hyphen that never breaks the line
    /// ("KMT‑4QA" stays whole on a narrow phone).
    pub fn unbroken(&self) -> String {
        self.halves_joined_by('\u{2011}')
    }

    fn halves_joined_by(&self, hyphen: char) -> String {
        format!("{}{hyphen}{}", &self.0[..3], &self.0[3..])
    }
}

impl fmt::Display for JoinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for JoinCode {
    type Error = JoinCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<JoinCode> for String {
    fn from(code: JoinCode) -> Self {
        code.0
    }
}

/// What the facilitator's widget sends to open a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSession {
    /// The instrument's id (shown to respondents who join, to check they have the right scan).
    pub instrument: String,
    /// The shape every share code sent to the session must have.
    pub shape: Shape,
}

/// The server's answer to a new session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenedSession {
    /// The code respondents join with.
    pub code: JoinCode,
    /// The facilitator's key: whoever has it sees the team view and closes the session.
    pub key: String,
    /// When the server deletes the session (seconds since 1970).
    pub expires: i64,
}

/// What anyone with the join code may know of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The instrument's id.
    pub instrument: String,
    /// The shape of the codes it takes.
    pub shape: Shape,
    /// Whether answers are still taken.
    pub open: bool,
}

/// A respondent's answers, sent (and sent again after a change) to a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// The respondent's share code.
    pub answer: String,
}

/// What the facilitator sees of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSnapshot {
    /// Whether answers are still taken.
    pub open: bool,
    /// How many respondents have answered.
    pub respondents: usize,
    /// Their share codes, in no meaningful order; empty below
    /// [`MIN_RESPONDENTS_FOR_SPREAD`] respondents.
    pub answers: Vec<String>,
}

impl TeamSnapshot {
    /// The snapshot of a session with these answers: the answers themselves only when there
    /// are enough of them that none can be traced to one person.
    pub fn of(open: bool, mut answers: Vec<String>) -> Self {
        let respondents = answers.len();
        if respondents < MIN_RESPONDENTS_FOR_SPREAD {
            answers.clear();
        } else {
            answers.sort();
        }
        Self {
            open,
            respondents,
            answers,
        }
    }
}

/// An error the server sends, as JSON, with a 4xx status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// A stable, machine-readable reason (`unknown-session`, `closed`, `bad-answer`, …).
    pub error: String,
    /// What went wrong and what to do, in English, for the web team's console.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_codes_use_only_unambiguous_characters() {
        for seed in [0, 1, 42, u64::MAX, 0x1234_5678_9abc_def0] {
            let code = JoinCode::from_random(seed);
            assert_eq!(code.as_str().len(), JOIN_LENGTH);
            assert!(code.as_str().bytes().all(|b| JOIN_ALPHABET.contains(&b)));
            assert_eq!(JoinCode::parse(code.as_str()), Ok(code.clone()));
        }
        assert!(!JOIN_ALPHABET.iter().any(|c| b"0O1IL2Z5S8BUV".contains(c)));
    }

    #[test]
    fn typed_codes_are_forgiving_about_case_spaces_and_dashes() {
        let code = JoinCode::parse("kmt-4qa").unwrap();
        assert_eq!(code.as_str(), "KMT4QA");
        assert_eq!(code.grouped(), "KMT-4QA");
        assert_eq!(JoinCode::parse(&code.unbroken()), Ok(code.clone()));
        assert_eq!(JoinCode::parse("KMT–4QA"), Ok(code.clone()));
        assert_eq!(JoinCode::parse(" KMT 4QA "), Ok(code));
    }

    #[test]
    fn wrong_codes_say_why() {
        assert_eq!(JoinCode::parse("KMT4Q"), Err(JoinCodeError::Length));
        assert_eq!(JoinCode::parse("KMT4QAA"), Err(JoinCodeError::Length));
        assert_eq!(
            JoinCode::parse("KMT0QA"),
            Err(JoinCodeError::Character('0'))
        );
        assert_eq!(
            JoinCode::parse("KMTéQA"),
            Err(JoinCodeError::Character('é'))
        );
        assert!(serde_json::from_str::<JoinCode>("\"OOOOOO\"").is_err());
    }

    #[test]
    fn answers_are_withheld_below_three_respondents() {
        let two = TeamSnapshot::of(true, vec!["B".into(), "A".into()]);
        assert_eq!(two.respondents, 2);
        assert!(two.answers.is_empty());
        let three = TeamSnapshot::of(false, vec!["C".into(), "A".into(), "B".into()]);
        assert_eq!(three.respondents, 3);
        assert_eq!(three.answers, ["A", "B", "C"]);
    }
}
