//! # Hulpwijzer: the guide domain
//!
//! Pure Rust, no UI and no I/O. A municipality's [`definition::Guide`] (one data file) and a
//! resident's [`journey::Journey`] through it lead to [`advice::Advice`]: urgent contacts
//! first, what you can do yourself, help on the social map, and the neighbourhood team.
//! [`readability`] checks that Dutch texts stay at B1.

pub mod advice;
pub mod definition;
pub mod journey;
pub mod readability;
pub mod summary;

pub use advice::{advise, Advice};
pub use definition::{Guide, GuideError};
pub use journey::{Journey, Step};
pub use summary::{summarize, Summary};
pub use wegwijs_text::Text;
