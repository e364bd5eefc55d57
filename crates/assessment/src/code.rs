//! Share codes: one respondent's answers as a short, typeable code with a checksum.
//!
//! Layout: version (1 byte), instrument fingerprint (2), respondent id (3), number of
//! dimensions (1), then per dimension two 3-bit values (now, desired; 0 = "weet ik niet"),
//! padded to a byte, then a CRC-16 over all that. Written in Crockford base32 (no I, L, O or
//! U; case does not matter) in groups of four. The checksum catches typing errors and edits;
//! it is not a signature, and codes carry no names.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::instrument::Instrument;

/// Current code version.
const VERSION: u8 = 1;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// One respondent's answers: values 1–5, `None` for "weet ik niet" or not answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// A random number that tells respondents apart (not who they are).
    pub respondent: u32,
    /// How it is now, per dimension.
    pub now: Vec<Option<u8>>,
    /// How the team wants it, per dimension.
    pub desired: Vec<Option<u8>>,
}

impl Response {
    /// An empty response for an instrument.
    pub fn empty(instrument: &Instrument, respondent: u32) -> Self {
        let n = instrument.dimensions.len();
        Self {
            respondent: respondent & 0x00ff_ffff,
            now: vec![None; n],
            desired: vec![None; n],
        }
    }

    /// How many dimensions have an answer for "now".
    pub fn answered(&self) -> usize {
        self.now.iter().filter(|v| v.is_some()).count()
    }
}

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    /// Not a share code: wrong characters or length.
    NotACode,
    /// The checksum does not match: mistyped or changed.
    Damaged,
    /// Made with another instrument or version of it.
    OtherInstrument,
    /// Made by a newer Wegwijs.
    Version,
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotACode => "not a share code",
            Self::Damaged => "the code is mistyped or changed (checksum)",
            Self::OtherInstrument => "the code belongs to another instrument",
            Self::Version => "the code was made by a newer version",
        })
    }
}

impl std::error::Error for CodeError {}

/// CRC-16/CCITT-FALSE.
pub fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xffff;
    for &byte in bytes {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn unbase32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars() {
        let c = match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            other => other,
        };
        let value = ALPHABET.iter().position(|&a| char::from(a) == c)? as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

/// The share code for a response.
pub fn encode(instrument: &Instrument, response: &Response) -> String {
    let mut bytes = vec![VERSION];
    bytes.extend(instrument.fingerprint().to_be_bytes());
    bytes.extend(&response.respondent.to_be_bytes()[1..]);
    bytes.push(response.now.len() as u8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for (now, desired) in response.now.iter().zip(&response.desired) {
        for value in [now, desired] {
            buffer = (buffer << 3) | u32::from(value.unwrap_or(0).min(7));
            bits += 3;
            while bits >= 8 {
                bits -= 8;
                bytes.push((buffer >> bits) as u8);
            }
        }
    }
    if bits > 0 {
        bytes.push((buffer << (8 - bits)) as u8);
    }
    bytes.extend(crc16(&bytes).to_be_bytes());
    let text = base32(&bytes);
    text.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// What a share code must match: the instrument's fingerprint and number of dimensions.
/// Enough to check a code without the instrument itself (the live-session server does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shape {
    /// [`Instrument::fingerprint`].
    pub fingerprint: u16,
    /// Number of dimensions.
    pub dimensions: usize,
}

impl Shape {
    /// The shape of an instrument's codes.
    pub fn of(instrument: &Instrument) -> Self {
        Self {
            fingerprint: instrument.fingerprint(),
            dimensions: instrument.dimensions.len(),
        }
    }
}

/// Reads a share code (spaces, dashes and case do not matter).
pub fn decode(instrument: &Instrument, code: &str) -> Result<Response, CodeError> {
    decode_shaped(Shape::of(instrument), code)
}

/// Reads a share code of an instrument with this shape.
pub fn decode_shaped(shape: Shape, code: &str) -> Result<Response, CodeError> {
    let compact: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if compact.len() < 12 || compact.len() > 200 {
        return Err(CodeError::NotACode);
    }
    let bytes = unbase32(&compact).ok_or(CodeError::NotACode)?;
    if bytes.len() < 9 {
        return Err(CodeError::NotACode);
    }
    let (payload, check) = bytes.split_at(bytes.len() - 2);
    if crc16(payload).to_be_bytes() != check {
        return Err(CodeError::Damaged);
    }
    if payload.len() < 7 {
        return Err(CodeError::NotACode);
    }
    if payload[0] != VERSION {
        return Err(CodeError::Version);
    }
    if u16::from_be_bytes([payload[1], payload[2]]) != shape.fingerprint {
        return Err(CodeError::OtherInstrument);
    }
    let respondent = u32::from_be_bytes([0, payload[3], payload[4], payload[5]]);
    let count = usize::from(payload[6]);
    if count != shape.dimensions {
        return Err(CodeError::OtherInstrument);
    }
    let mut values = Vec::with_capacity(count * 2);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in &payload[7..] {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 3 && values.len() < count * 2 {
            bits -= 3;
            values.push(((buffer >> bits) & 7) as u8);
        }
    }
    if values.len() != count * 2 || values.iter().any(|v| *v > 5) {
        return Err(CodeError::Damaged);
    }
    let as_answer = |v: u8| (v > 0).then_some(v);
    Ok(Response {
        respondent,
        now: values.iter().step_by(2).map(|&v| as_answer(v)).collect(),
        desired: values
            .iter()
            .skip(1)
            .step_by(2)
            .map(|&v| as_answer(v))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code with a sound checksum whose first byte is changed, as a newer version would write.
    fn code_with_version(instrument: &Instrument, version: u8) -> String {
        let code = encode(instrument, &Response::empty(instrument, 7));
        let compact: String = code.chars().filter(|c| *c != '-').collect();
        let mut bytes = unbase32(&compact).unwrap();
        bytes.truncate(bytes.len() - 2);
        bytes[0] = version;
        bytes.extend(crc16(&bytes).to_be_bytes());
        base32(&bytes)
    }

    #[test]
    fn a_code_from_a_newer_version_is_refused_as_such() {
        let instrument =
            Instrument::from_json(include_str!("../../../www/data/scan-vensters.json")).unwrap();
        assert!(decode(&instrument, &code_with_version(&instrument, VERSION)).is_ok());
        assert_eq!(
            decode(&instrument, &code_with_version(&instrument, VERSION + 1)),
            Err(CodeError::Version)
        );
    }
}
