//! The words residents use: life-domain labels and keywords, and synonyms from everyday
//! words to professional terms. Both are data files (`data/domains.json`,
//! `data/synonyms.json`); a municipality can bring its own synonyms.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::profile::Domain;
use crate::text::{stem, tokens};

/// A life domain's labels and the everyday words that point to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainInfo {
    /// The domain.
    #[serde(rename = "code")]
    pub domain: Domain,
    /// Dutch label at B1 level ("Geld en schulden").
    pub nl: String,
    /// English label.
    pub en: String,
    /// Everyday words that point to this domain.
    pub keywords: Vec<String>,
}

/// Everyday phrases that mean the same as some professional terms and life domains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synonym {
    /// What residents say: "geldzorgen", "rekeningen niet betalen".
    pub phrases: Vec<String>,
    /// What services say: "schuldhulpverlening".
    #[serde(default)]
    pub terms: Vec<String>,
    /// The life domains the phrases point to.
    #[serde(default)]
    pub domains: Vec<Domain>,
}

/// Domain labels and synonyms together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocabulary {
    /// One entry per life domain.
    pub domains: Vec<DomainInfo>,
    /// Synonym groups.
    pub synonyms: Vec<Synonym>,
}

/// Why a vocabulary file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabularyError(pub String);

impl fmt::Display for VocabularyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for VocabularyError {}

#[derive(Deserialize)]
struct DomainsFile {
    domains: Vec<DomainInfo>,
}

#[derive(Deserialize)]
struct SynonymsFile {
    synonyms: Vec<Synonym>,
}

impl Vocabulary {
    /// The shipped Dutch vocabulary.
    pub fn dutch() -> Self {
        Self::from_json(
            include_str!("../data/domains.json"),
            include_str!("../data/synonyms.json"),
        )
        .expect("the shipped vocabulary is valid")
    }

    /// Reads a domains file and a synonyms file.
    pub fn from_json(domains: &str, synonyms: &str) -> Result<Self, VocabularyError> {
        let domains: DomainsFile = serde_json::from_str(domains)
            .map_err(|e| VocabularyError(format!("domains file: {e}")))?;
        let synonyms: SynonymsFile = serde_json::from_str(synonyms)
            .map_err(|e| VocabularyError(format!("synonyms file: {e}")))?;
        for domain in Domain::ALL {
            if !domains.domains.iter().any(|info| info.domain == *domain) {
                return Err(VocabularyError(format!(
                    "domains file: life domain {:?} is missing",
                    domain.code()
                )));
            }
        }
        if let Some((index, _)) = synonyms
            .synonyms
            .iter()
            .enumerate()
            .find(|(_, s)| s.phrases.iter().all(|p| tokens(p).is_empty()))
        {
            return Err(VocabularyError(format!(
                "synonyms file: entry {index} has no phrase"
            )));
        }
        Ok(Self {
            domains: domains.domains,
            synonyms: synonyms.synonyms,
        })
    }

    /// Replaces the synonyms with those of a municipality's own file.
    pub fn with_synonyms(self, synonyms: &str) -> Result<Self, VocabularyError> {
        let file: SynonymsFile = serde_json::from_str(synonyms)
            .map_err(|e| VocabularyError(format!("synonyms file: {e}")))?;
        Ok(Self {
            synonyms: file.synonyms,
            ..self
        })
    }

    /// The labels and keywords of a domain.
    pub fn domain(&self, domain: Domain) -> Option<&DomainInfo> {
        self.domains.iter().find(|info| info.domain == domain)
    }
}

/// The stems of a phrase.
pub(crate) fn phrase_stems(phrase: &str) -> Vec<String> {
    tokens(phrase).iter().map(|token| stem(token)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_vocabulary_covers_every_domain() {
        let vocabulary = Vocabulary::dutch();
        for domain in Domain::ALL {
            let info = vocabulary.domain(*domain).unwrap();
            assert!(!info.nl.is_empty() && !info.en.is_empty() && !info.keywords.is_empty());
        }
        assert!(vocabulary.synonyms.len() > 30);
    }

    #[test]
    fn broken_files_are_refused_with_a_reason() {
        let domains = include_str!("../data/domains.json");
        assert!(Vocabulary::from_json("{", "{\"synonyms\": []}").is_err());
        let unknown = Vocabulary::from_json(
            domains,
            r#"{"synonyms": [{"phrases": ["x"], "domains": ["geluk"]}]}"#,
        );
        assert!(unknown.unwrap_err().0.contains("synonyms file"));
        let empty = Vocabulary::from_json(domains, r#"{"synonyms": [{"phrases": ["  "]}]}"#);
        assert!(empty.unwrap_err().0.contains("no phrase"));
        let missing = Vocabulary::from_json(r#"{"domains": []}"#, r#"{"synonyms": []}"#);
        assert!(missing.unwrap_err().0.contains("missing"));
    }
}
