//! Texts in the resident's language.
//!
//! Every language is a JSON file in `crates/widgets/i18n/` (`{"name", "dir", "messages"}`),
//! embedded at build time. Dutch (`nl`) is the default and the fallback for a missing key.
//! The widget root gets the catalogue's `lang` and `dir`, so a right-to-left language only
//! needs its file.

use std::collections::HashMap;
use std::sync::OnceLock;

use leptos::prelude::{provide_context, use_context};
use serde::Deserialize;

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// The default language and the fallback for missing keys.
pub const DEFAULT_LANGUAGE: &str = "nl";

/// Writing direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// The value for the HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ltr => "ltr",
            Self::Rtl => "rtl",
        }
    }
}

/// One language file.
#[derive(Debug, Deserialize)]
pub struct Catalog {
    /// The language code, from the file name (`nl`, `en`).
    #[serde(skip)]
    pub code: &'static str,
    /// The language's own name ("Nederlands").
    pub name: String,
    /// Writing direction.
    pub dir: Direction,
    /// Message key → text. `{name}` marks a value to fill in.
    pub messages: HashMap<String, String>,
}

/// All embedded catalogues, parsed once.
pub fn catalogs() -> &'static [Catalog] {
    static CATALOGS: OnceLock<Vec<Catalog>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        LANGUAGE_FILES
            .iter()
            .map(|(code, text)| {
                let mut catalog: Catalog = serde_json::from_str(text)
                    .unwrap_or_else(|error| panic!("i18n/{code}.json is invalid: {error}"));
                catalog.code = code;
                catalog
            })
            .collect()
    })
}

fn catalog(code: &str) -> Option<&'static Catalog> {
    catalogs().iter().find(|catalog| catalog.code == code)
}

/// The texts of one language, with Dutch as the fallback. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    catalog: &'static Catalog,
    fallback: &'static Catalog,
}

impl I18n {
    /// The best language for a requested tag such as `en`, `en-GB` or `NL`; Dutch when the
    /// tag is missing or not available.
    pub fn for_tag(tag: Option<&str>) -> Self {
        let fallback = catalog(DEFAULT_LANGUAGE).expect("the Dutch catalogue is embedded");
        let requested = tag
            .map(|tag| {
                tag.split(['-', '_'])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            })
            .and_then(|code| catalog(&code));
        Self {
            catalog: requested.unwrap_or(fallback),
            fallback,
        }
    }

    /// Whether the widgets have texts for a language tag (`nl`, `en-GB`).
    pub fn supports(tag: &str) -> bool {
        let code = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        catalog(&code).is_some()
    }

    /// The language code for the HTML `lang` attribute.
    pub fn lang(&self) -> &'static str {
        self.catalog.code
    }

    /// The writing direction for the HTML `dir` attribute.
    pub fn dir(&self) -> Direction {
        self.catalog.dir
    }

    /// The text for `key`. A key missing in this language falls back to Dutch, and a key
    /// missing everywhere shows itself (the catalogue tests make sure that never ships).
    pub fn t(&self, key: &str) -> String {
        self.catalog
            .messages
            .get(key)
            .or_else(|| self.fallback.messages.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn t_with(&self, key: &str, values: &[(&str, &str)]) -> String {
        values.iter().fold(self.t(key), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
    }

    /// The text for a counted thing: `key.one` for exactly one, else `key.other`, with
    /// `{count}` filled in.
    pub fn t_count(&self, key: &str, count: usize) -> String {
        let form = if count == 1 { "one" } else { "other" };
        self.t_with(&format!("{key}.{form}"), &[("count", &count.to_string())])
    }

    /// Makes these texts available to the components below.
    pub fn provide(self) {
        provide_context(self);
    }
}

/// The texts provided by the nearest widget root (Dutch when none was provided).
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::for_tag(None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_the_language_and_fall_back_to_dutch() {
        assert_eq!(I18n::for_tag(Some("en-GB")).lang(), "en");
        assert_eq!(I18n::for_tag(Some("NL")).lang(), "nl");
        assert_eq!(I18n::for_tag(Some("tlh")).lang(), "nl");
        assert_eq!(I18n::for_tag(Some("")).lang(), "nl");
        assert_eq!(I18n::for_tag(None).lang(), "nl");
    }

    #[test]
    fn placeholders_and_counts_are_filled_in() {
        let nl = I18n::for_tag(Some("nl"));
        assert_eq!(nl.t_count("kaart.count", 1), "1 plek voor hulp");
        assert_eq!(nl.t_count("kaart.count", 12), "12 plekken voor hulp");
        let en = I18n::for_tag(Some("en"));
        assert_eq!(en.t_count("kaart.count", 0), "0 places to get help");
    }

    #[test]
    fn a_missing_key_shows_itself() {
        assert_eq!(I18n::for_tag(None).t("no.such.key"), "no.such.key");
    }
}
