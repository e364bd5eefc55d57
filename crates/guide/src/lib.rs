//! # Hulpwijzer: the guide domain
//!
//! Pure Rust, no UI and no I/O. A municipality's [`definition::Guide`] (one data file) and a
//! resident's [`journey::Journey`] through it lead to [`advice::Advice`]: urgent contacts
//! first, what you can do yourself, help on the social map, and the neighbourhood team.
//! [`words`] finds urgent signals in what the resident writes; [`national`] holds the crisis
//! lines every municipality shares; [`help`] picks the services to recommend.
//! [`readability`] checks that Dutch texts stay at B1.

pub mod advice;
pub mod definition;
pub mod help;
pub mod journey;
pub mod national;
pub mod readability;
pub mod summary;
pub mod words;

pub use advice::{advise, Advice};
pub use definition::{Guide, GuideError};
pub use help::{recommend, Recommended};
pub use journey::{Journey, Step};
pub use summary::{summarize, Summary};
pub use wegwijs_text::Text;
