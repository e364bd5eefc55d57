//! The words residents use: life-domain labels and keywords, synonyms from everyday words to
//! professional terms, and concepts in other languages that point to the same terms. All are
//! data files (`data/domains.json`, `data/synonyms.json`, `data/concepts-en.json`); a
//! municipality can bring its own synonyms.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::profile::{Domain, TargetGroup};
use crate::words::{stem, stem_in, tokens};

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
    /// The target groups the phrases name ("mijn zoon", "ouderen"): services only for a
    /// group come after help for everyone unless the question names their group.
    #[serde(default)]
    pub groups: Vec<TargetGroup>,
    /// The language of the phrases, for a concept in another language than Dutch (`en`):
    /// "I have debts" finds what Dutch services call "schulden". `None`: Dutch.
    #[serde(default)]
    pub language: Option<String>,
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

/// A file of concepts in another language: phrases in that language, terms and domains as
/// the Dutch synonyms have them.
#[derive(Deserialize)]
struct ConceptsFile {
    language: String,
    concepts: Vec<Synonym>,
}

impl Vocabulary {
    /// The shipped vocabulary: Dutch, with the English concepts.
    pub fn dutch() -> Self {
        Self::from_json(
            include_str!("../data/domains.json"),
            include_str!("../data/synonyms.json"),
        )
        .and_then(|vocabulary| vocabulary.with_concepts(include_str!("../data/concepts-en.json")))
        .expect("the shipped vocabulary is valid")
    }

    /// Adds the concepts of a file in another language (`{"language": "en", "concepts":
    /// [...]}`, each concept like a synonym), after those already known.
    pub fn with_concepts(mut self, concepts: &str) -> Result<Self, VocabularyError> {
        let file: ConceptsFile = serde_json::from_str(concepts)
            .map_err(|e| VocabularyError(format!("concepts file: {e}")))?;
        let language = file.language.trim().to_ascii_lowercase();
        if language.is_empty() || language == "nl" {
            return Err(VocabularyError(
                "concepts file: `language` must name another language than Dutch, such as \"en\""
                    .into(),
            ));
        }
        for (index, mut concept) in file.concepts.into_iter().enumerate() {
            if concept.phrases.iter().all(|p| tokens(p).is_empty()) {
                return Err(VocabularyError(format!(
                    "concepts file: concept {index} has no phrase"
                )));
            }
            concept.language = Some(language.clone());
            self.synonyms.push(concept);
        }
        Ok(self)
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

    /// Replaces the Dutch synonyms with those of a municipality's own file (the concepts in
    /// other languages stay).
    pub fn with_synonyms(self, synonyms: &str) -> Result<Self, VocabularyError> {
        let file: SynonymsFile = serde_json::from_str(synonyms)
            .map_err(|e| VocabularyError(format!("synonyms file: {e}")))?;
        let foreign = self.synonyms.into_iter().filter(|s| s.language.is_some());
        Ok(Self {
            synonyms: file.synonyms.into_iter().chain(foreign).collect(),
            ..self
        })
    }

    /// The labels and keywords of a domain.
    pub fn domain(&self, domain: Domain) -> Option<&DomainInfo> {
        self.domains.iter().find(|info| info.domain == domain)
    }

    /// The label of a life domain for a reader of `language` (`nl`, else English); its code
    /// when the vocabulary lacks it.
    pub fn domain_label(&self, domain: Domain, language: &str) -> String {
        self.domain(domain)
            .map(|info| if language == "nl" { &info.nl } else { &info.en })
            .cloned()
            .unwrap_or_else(|| domain.code().to_owned())
    }
}

/// The stems of a phrase.
pub(crate) fn phrase_stems(phrase: &str) -> Vec<String> {
    tokens(phrase).iter().map(|token| stem(token)).collect()
}

/// The stems of a phrase in `language` (see [`stem_in`]).
pub(crate) fn phrase_stems_in(language: Option<&str>, phrase: &str) -> Vec<String> {
    tokens(phrase)
        .iter()
        .map(|token| stem_in(language, token))
        .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn concepts_in_another_language_are_added_and_dutch_ones_refused() {
        let base = Vocabulary::dutch();
        let before = base.synonyms.len();
        let added = base
            .clone()
            .with_concepts(r#"{"language": "DE", "concepts": [{"phrases": ["Schulden haben"], "terms": ["schulden"]}]}"#)
            .unwrap();
        assert_eq!(added.synonyms.len(), before + 1);
        assert_eq!(added.synonyms[before].language.as_deref(), Some("de"));
        assert!(base
            .clone()
            .with_concepts(r#"{"language": "nl", "concepts": []}"#)
            .is_err());
        assert!(base
            .clone()
            .with_concepts(r#"{"language": "en", "concepts": [{"phrases": ["  "]}]}"#)
            .is_err());
        let own = base.with_synonyms(r#"{"synonyms": []}"#).unwrap();
        assert!(
            own.synonyms.iter().all(|s| s.language.is_some()),
            "own synonyms keep the concepts"
        );
        assert!(!own.synonyms.is_empty());
    }

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
