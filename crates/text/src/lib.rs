//! Small pieces the domain crates share: texts in several languages, as the data files (guide,
//! scan instrument) give them; reading those files; numbers with decimals; sorting with one
//! compiled sort.

pub mod data_file;
pub mod number;
pub mod order;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The languages every text must have.
pub const REQUIRED_LANGUAGES: [&str; 2] = ["nl", "en"];

/// One text per language code (`{"nl": "…", "en": "…"}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, else Dutch, else any.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("nl"))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }

    /// The required languages this text lacks (or has empty).
    pub fn missing(&self) -> Vec<&'static str> {
        REQUIRED_LANGUAGES
            .into_iter()
            .filter(|lang| self.0.get(*lang).is_none_or(|t| t.trim().is_empty()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_dutch_and_reports_missing_languages() {
        let text: Text = serde_json::from_str(r#"{"nl": "Hallo"}"#).unwrap();
        assert_eq!(text.get("en"), "Hallo");
        assert_eq!(text.missing(), ["en"]);
        assert_eq!(Text::default().get("nl"), "");
    }
}
