//! The widgets' stylesheet.
//!
//! One stylesheet for every widget, adopted into each shadow root as a constructable
//! stylesheet (which a strict `style-src` policy allows). It reads the host's NL Design
//! System tokens (`--utrecht-*`, `--nl-*`) and Wegwijs' own `--wegwijs-*` tokens, with
//! defaults that pass WCAG AA contrast when the host defines none.

/// The complete CSS for all widgets.
pub const STYLESHEET: &str = include_str!("../styles/widgets.css");

/// The map's own CSS, adopted only by `<wegwijs-plattegrond>` (so the list view's bundle
/// does not carry it).
pub const MAP_STYLESHEET: &str = include_str!("../styles/map.css");
