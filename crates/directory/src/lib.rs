//! # Sociale kaart: the social map domain
//!
//! Pure Rust, no UI and no I/O: it compiles natively and to `wasm32` and is tested natively.
//!
//! - [`import`] reads HSDS 3.0 JSON into the [`model`], forgiving what real data does and
//!   naming every [`problem`] by JSON path and field.
//! - [`links`] is the only place where data text becomes a link target.

pub mod areas;
mod columns;
pub mod compound;
pub mod coverage;
pub mod export;
mod features;
pub mod geo;
mod hsds_schema;
pub mod import;
pub mod index;
pub mod links;
pub mod markup;
pub mod model;
pub mod places;
pub mod problem;
pub mod profile;
mod reader;
pub mod relevance;
pub mod schedule;
pub mod search;
pub mod time;
pub mod validate;
pub mod view_state;
pub mod viewport;
pub mod vocabulary;
pub mod words;

pub use import::{import_json, ImportError, Imported};
pub use index::{Index, IndexError};
pub use model::{Address, Contact, Directory, Location, Phone, Service};
pub use problem::{Problem, Severity};
pub use profile::{Access, Domain, Level, TargetGroup};
pub use search::{Filters, Hit, Query, Results, Sort};
pub use vocabulary::Vocabulary;
