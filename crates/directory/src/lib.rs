//! # Sociale kaart: the social map domain
//!
//! Pure Rust, no UI and no I/O: it compiles natively and to `wasm32` and is tested natively.
//!
//! - [`import`] reads HSDS 3.0 JSON into the [`model`], forgiving what real data does and
//!   naming every [`problem`] by JSON path and field.
//! - [`links`] is the only place where data text becomes a link target.

pub mod import;
pub mod links;
pub mod model;
pub mod problem;
mod reader;

pub use import::{import_json, ImportError, Imported};
pub use model::{Address, Directory, Phone, Service};
pub use problem::{Problem, Severity};
