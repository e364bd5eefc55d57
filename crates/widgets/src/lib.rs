#![recursion_limit = "256"]
//! # Wegwijs widgets
//!
//! Leptos components for the Wegwijs widgets and the small UI kit they share. Components
//! render state and forward events; the domain logic lives in the domain crates.
//!
//! The same components render natively (feature `ssr`, used by the component tests) and in
//! the browser (feature `csr`, used by `wegwijs-embed`).

pub mod beheer;
pub mod browser;
pub mod hulpwijzer;
pub mod i18n;
pub mod kaart;
pub mod kit;
pub mod load;
pub mod map;
pub mod scan;
pub mod theme;
