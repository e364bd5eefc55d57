//! Splitting Dutch compounds: `schuldhulpmaatje` → `schuld` + `hulp` + `maatje`.
//!
//! Dutch writes compounds as one word, and residents use the parts ("schulden", "maatje").
//! A word is split when it can be read as two or more known words, optionally joined by the
//! linking `s`, `e` or `en` (`gezin|s|begeleiding`). Known words are the shipped lexicon
//! plus every word in the data.

use std::collections::HashSet;

/// Shortest part a compound is split into.
const MIN_PART: usize = 3;
/// Shortest known beginning or end of a word that is not a compound of known words.
const MIN_KNOWN_END: usize = 5;
/// Longest word that is tried.
const MAX_WORD: usize = 40;

/// The known words.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    words: HashSet<String>,
}

impl Lexicon {
    /// The shipped lexicon (`data/lexicon.txt`).
    pub fn shipped() -> Self {
        let mut lexicon = Self::default();
        for line in include_str!("../data/lexicon.txt").lines() {
            let word = line.trim();
            if !word.is_empty() && !word.starts_with('#') {
                lexicon.insert(word);
            }
        }
        lexicon
    }

    /// Adds a folded word (see [`crate::words::tokens`]).
    pub fn insert(&mut self, word: &str) {
        if word.len() >= MIN_PART && word.chars().all(|c| c.is_ascii_lowercase()) {
            self.words.insert(word.to_owned());
        }
    }

    /// Whether a word is known.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The parts of a compound, or `None` when the word is not a compound of known words.
    /// The longest first part is preferred.
    pub fn split<'w>(&self, word: &'w str) -> Option<Vec<&'w str>> {
        if word.len() < 2 * MIN_PART || word.len() > MAX_WORD || !word.is_ascii() {
            return None;
        }
        self.split_from(word, true)
    }

    /// Every known word inside a compound, also inside its parts: `schuldhulpmaatje` →
    /// `schuldhulp`, `schuld`, `hulp`, `maatje`. Empty for a simple word.
    pub fn parts<'w>(&self, word: &'w str) -> Vec<&'w str> {
        let mut found = Vec::new();
        let mut pending = self.split(word).unwrap_or_default();
        while let Some(part) = pending.pop() {
            if !found.contains(&part) {
                found.push(part);
                pending.extend(self.split(part).unwrap_or_default());
            }
        }
        found.sort_unstable();
        found
    }

    /// The known words a query word is made of: its [`parts`](Self::parts) when it is a
    /// compound of known words; else, for a compound with an unknown part
    /// ("mantelzorgondersteuning", "schuldhulptraject"), its longest known beginning and
    /// end (at least [`MIN_KNOWN_END`] letters) with their parts. Empty for a simple word.
    pub fn known_parts<'w>(&self, word: &'w str) -> Vec<&'w str> {
        let parts = self.parts(word);
        if !parts.is_empty() || self.contains(word) || !word.is_ascii() {
            return parts;
        }
        let length = word.len();
        if length < MIN_KNOWN_END + MIN_PART {
            return parts;
        }
        let head = (MIN_KNOWN_END..=length - MIN_PART)
            .rev()
            .map(|end| &word[..end])
            .find(|head| self.contains(head));
        let tail = (MIN_PART..=length - MIN_KNOWN_END)
            .map(|start| &word[start..])
            .find(|tail| self.contains(tail));
        let mut found: Vec<&str> = Vec::new();
        for end in head.into_iter().chain(tail) {
            for part in std::iter::once(end).chain(self.parts(end)) {
                if !found.contains(&part) {
                    found.push(part);
                }
            }
        }
        found.sort_unstable();
        found
    }

    fn split_from<'w>(&self, word: &'w str, first: bool) -> Option<Vec<&'w str>> {
        if !first && self.contains(word) {
            return Some(vec![word]);
        }
        for end in (MIN_PART..=word.len() - MIN_PART).rev() {
            let (head, rest) = word.split_at(end);
            if !self.contains(head) {
                continue;
            }
            for link in ["", "s", "en", "e"] {
                let Some(tail) = rest.strip_prefix(link) else {
                    continue;
                };
                if tail.len() < MIN_PART {
                    continue;
                }
                if let Some(mut parts) = self.split_from(tail, false) {
                    parts.insert(0, head);
                    return Some(parts);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_compound_with_an_unknown_part_keeps_its_known_ends() {
        let lexicon = Lexicon::shipped();
        let parts = lexicon.known_parts("schuldhulptraject");
        assert!(
            parts.contains(&"schuldhulp") || parts.contains(&"schuld"),
            "{parts:?}"
        );
        assert!(lexicon
            .known_parts("mantelzorgondersteuning")
            .contains(&"mantelzorg"));
        assert_eq!(
            lexicon.known_parts("mantelzorg"),
            lexicon.parts("mantelzorg")
        );
        assert!(lexicon.known_parts("geld").is_empty());
        assert!(lexicon.known_parts("xyzzyq").is_empty());
    }

    #[test]
    fn compounds_split_into_known_words() {
        let lexicon = Lexicon::shipped();
        let split = |w| lexicon.split(w);
        assert_eq!(
            split("schuldhulpmaatje"),
            Some(vec!["schuld", "hulp", "maatje"])
        );
        assert_eq!(split("voedselbank"), Some(vec!["voedsel", "bank"]));
        assert_eq!(
            split("gezinsbegeleiding"),
            Some(vec!["gezin", "begeleiding"])
        );
        assert_eq!(
            split("mantelzorgsteunpunt"),
            Some(vec!["mantelzorg", "steunpunt"])
        );
        assert_eq!(
            split("schuldhulpverlening"),
            Some(vec!["schuld", "hulp", "verlening"])
        );
    }

    #[test]
    fn parts_include_the_parts_of_parts() {
        let mut lexicon = Lexicon::shipped();
        lexicon.insert("schuldhulp");
        assert_eq!(
            lexicon.split("schuldhulpmaatje"),
            Some(vec!["schuldhulp", "maatje"])
        );
        assert_eq!(
            lexicon.parts("schuldhulpmaatje"),
            ["hulp", "maatje", "schuld", "schuldhulp"]
        );
        assert!(lexicon.parts("geld").is_empty());
    }

    #[test]
    fn simple_and_unknown_words_are_not_split() {
        let lexicon = Lexicon::shipped();
        assert_eq!(lexicon.split("geld"), None);
        assert_eq!(lexicon.split("huisarts").map(|p| p.len()), Some(2));
        assert_eq!(lexicon.split("xyzxyzxyz"), None);
        assert_eq!(lexicon.split("hulp"), None);
    }

    proptest! {
        #[test]
        fn splitting_never_panics_and_parts_rebuild_most_of_the_word(word in "[a-z]{0,45}") {
            let lexicon = Lexicon::shipped();
            if let Some(parts) = lexicon.split(&word) {
                prop_assert!(parts.len() >= 2);
                let joined: usize = parts.iter().map(|p| p.len()).sum();
                prop_assert!(joined <= word.len());
            }
        }
    }
}
