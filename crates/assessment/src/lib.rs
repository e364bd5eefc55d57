//! # Samenwerkingsscan: the assessment domain
//!
//! Pure Rust, no UI and no I/O. An [`instrument::Instrument`] (a data file) is answered by
//! respondents; each [`code::Response`] travels as a short share code with a checksum; the
//! facilitator [`team::combine`]s them into medians, spreads, disagreements and gaps, places
//! the team on the [`typology`], and [`export`]s the round.

pub mod code;
pub mod export;
pub mod instrument;
pub mod live;
pub mod stats;
pub mod team;
pub mod typology;

pub use code::{decode, decode_shaped, encode, CodeError, Response, Shape};
pub use instrument::Instrument;
pub use team::{combine, deduplicate, Disagreement, Privacy, TeamResult};
