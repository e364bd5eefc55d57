//! Texts in the resident's language.
//!
//! Every language is a JSON file in `crates/widgets/i18n/` (`{"name", "dir", "messages"}`),
//! turned into static tables at build time (`build.rs`), split into [`Part`]s by the first
//! word of each key. A widget names the parts it shows (`kaart::TEXTS`, …), so its bundle
//! carries no other widget's texts, and nothing is parsed when a page starts. Dutch (`nl`)
//! is the default and the fallback for a missing key. The widget root gets the language's
//! `lang` and `dir`, so a right-to-left language only needs its file.

use leptos::prelude::{provide_context, use_context};

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// The default language and the fallback for missing keys.
pub const DEFAULT_LANGUAGE: &str = "nl";

/// Writing direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// One language file's name and direction.
#[derive(Debug)]
pub struct Language {
    /// The language code, from the file name (`nl`, `en`).
    pub code: &'static str,
    /// The language's own name ("Nederlands").
    pub name: &'static str,
    /// Writing direction.
    pub dir: Direction,
}

/// Every embedded language.
pub fn languages() -> &'static [Language] {
    LANGUAGES
}

/// A group of texts, in every language: the keys of some namespaces.
#[derive(Debug)]
pub struct Part {
    name: &'static str,
    /// Per language (in [`languages`] order): key → text, sorted by key.
    by_language: &'static [&'static [(&'static str, &'static str)]],
}

impl Part {
    /// The part's name (`common`, `kaart`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Key → text in one language, sorted by key; `{name}` marks a value to fill in. Empty
    /// for a language that is not embedded.
    pub fn texts(&self, code: &str) -> &'static [(&'static str, &'static str)] {
        LANGUAGES
            .iter()
            .position(|language| language.code == code)
            .map_or(&[], |index| self.by_language[index])
    }

    fn get(&self, language: usize, key: &str) -> Option<&'static str> {
        let texts = self.by_language[language];
        texts
            .binary_search_by(|(k, _)| (*k).cmp(key))
            .ok()
            .map(|found| texts[found].1)
    }
}

/// Where the language of a tag such as `en-GB` or `NL` is in [`LANGUAGES`].
fn language_index(tag: &str) -> Option<usize> {
    let code = tag.split(['-', '_']).next().unwrap_or_default().trim();
    LANGUAGES
        .iter()
        .position(|language| language.code.eq_ignore_ascii_case(code))
}

/// The texts of one language for one widget, with Dutch as the fallback. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    language: usize,
    parts: &'static [&'static Part],
}

impl I18n {
    /// The best language for a requested tag such as `en`, `en-GB` or `NL` (Dutch when the
    /// tag is missing or not available), with the texts of `parts`.
    pub fn for_tag(tag: Option<&str>, parts: &'static [&'static Part]) -> Self {
        Self {
            language: tag.and_then(language_index).unwrap_or(DUTCH),
            parts,
        }
    }

    /// Whether the widgets have texts for a language tag (`nl`, `en-GB`).
    pub fn supports(tag: &str) -> bool {
        language_index(tag).is_some()
    }

    /// The language code for the HTML `lang` attribute.
    pub fn lang(&self) -> &'static str {
        LANGUAGES[self.language].code
    }

    /// The writing direction for the HTML `dir` attribute.
    pub fn dir(&self) -> Direction {
        LANGUAGES[self.language].dir
    }

    /// The text for `key`. A key missing in this language falls back to Dutch, and a key
    /// missing everywhere (or in a part this widget does not carry) shows itself; the
    /// catalogue tests make sure that never ships.
    pub fn t(&self, key: &str) -> String {
        let find = |language| self.parts.iter().find_map(|part| part.get(language, key));
        find(self.language)
            .or_else(|| find(DUTCH))
            .map_or_else(|| key.to_owned(), str::to_owned)
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

/// The texts provided by the nearest widget root; outside one (which no widget does), Dutch
/// keys show themselves.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n::for_tag(None, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_the_language_and_fall_back_to_dutch() {
        assert_eq!(I18n::for_tag(Some("en-GB"), ALL).lang(), "en");
        assert_eq!(I18n::for_tag(Some("NL"), ALL).lang(), "nl");
        assert_eq!(I18n::for_tag(Some("tlh"), ALL).lang(), "nl");
        assert_eq!(I18n::for_tag(Some(""), ALL).lang(), "nl");
        assert_eq!(I18n::for_tag(None, ALL).lang(), "nl");
    }

    #[test]
    fn placeholders_and_counts_are_filled_in() {
        let nl = I18n::for_tag(Some("nl"), ALL);
        assert_eq!(nl.t_count("kaart.count", 1), "1 plek voor hulp");
        assert_eq!(nl.t_count("kaart.count", 12), "12 plekken voor hulp");
        let en = I18n::for_tag(Some("en"), ALL);
        assert_eq!(en.t_count("kaart.count", 0), "0 places to get help");
    }

    #[test]
    fn a_missing_key_shows_itself() {
        static ONLY_COMMON: &[&Part] = &[&COMMON];
        assert_eq!(I18n::for_tag(None, ALL).t("no.such.key"), "no.such.key");
        assert_eq!(
            I18n::for_tag(None, ONLY_COMMON).t("kaart.title"),
            "kaart.title",
            "a part the widget does not carry is not looked in"
        );
    }
}
