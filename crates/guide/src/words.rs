//! Urgent signals in the resident's own words.
//!
//! A resident who writes "ik wil dood" or "hij slaat me" must see the right number first,
//! whatever they ticked. Each signal of the guide lists phrases per language
//! (`"phrases": {"nl": [...], "en": [...]}`) and idioms that only look alike
//! (`"not": {"nl": ["dood op"]}`). The rule, in order:
//!
//! 1. Text and phrases are folded the way the search folds them: lower case, no accents,
//!    every mark between words a space (`Ik wil DOOD!` → `ik wil dood`).
//! 2. Each idiom under `not` that occurs is taken out of the text first ("ik ben dood op",
//!    "ik ga dood van het lachen" then no longer contain "dood").
//! 3. A phrase matches when its words occur in the text in the same order, with at most
//!    [`MAX_GAP`] other words between two of them ("ik zie het *echt* niet meer zitten").
//!    A word matches a word of the text when both have the same stem (Dutch stems for Dutch
//!    phrases, English stems for English ones: `slaat`/`slaan`, `hits`/`hit`), or when a
//!    phrase word of six letters or more is one typo away and starts with the same letter
//!    (`zelfmoort`). A phrase word ending in `*` also matches longer words it begins
//!    (`zelfmoord*` → `zelfmoordgedachten`).
//!
//! Dutch puts the verb before the subject after a first word ("soms *wil ik* er niet meer
//! zijn"), so phrases are best written without the subject: "wil er niet meer zijn".
//! 4. Whole words only: `dood` never matches `doodmoe`. A phrase does not run over a full
//!    stop, comma or other mark between parts of a sentence.
//! 5. A negation (`niet`, `geen`, `nooit`, `not`, `never`, `don't`) just before the phrase or
//!    between its words ("ik ben *niet* bang voor mijn vader") stops the match, unless the
//!    phrase has a negation itself ("ik wil niet meer leven"). A negation after the phrase
//!    does not ("hij slaat me niet alleen"): when in doubt, the resident sees the number.
//!
//! Every language's phrases are tried whatever the widget's language: a resident in the
//! Dutch widget may write English, and the other way round.

use std::collections::BTreeMap;
use wegwijs_directory::search::edit_distance;
use wegwijs_directory::words;

use crate::definition::{Guide, Signal};

/// At most this many other words between two words of a phrase.
pub const MAX_GAP: usize = 2;

/// Phrase words from this length on may have one typo.
const TYPO_FROM_CHARS: usize = 6;

/// Words that turn a phrase around when they come just before it or inside it. Not `niks`
/// or `nothing`: "ik heb niks ik wil dood" must still raise.
const NEGATIONS: [&str; 9] = [
    "niet", "geen", "nooit", "not", "never", "dont", "isnt", "doesnt", "cant",
];

/// Marks that end a part of a sentence; a phrase does not run over them.
const CLAUSE_MARKS: [char; 9] = ['.', ',', ';', ':', '!', '?', '\n', '(', ')'];

/// Phrases per language code, as the guide file gives them.
pub type Phrases = BTreeMap<String, Vec<String>>;

/// One analysed word of a phrase or of the resident's text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    /// Folded.
    plain: String,
    /// Stemmed in the phrase's language.
    stem: String,
    /// A phrase word written with `*`: matches longer words it begins.
    prefix: bool,
}

/// A word's stem in `lang` (the directory's stemmers: Dutch, English).
fn stem(lang: &str, word: &str) -> String {
    words::stem_in(Some(lang), word)
}

/// The words of a phrase, analysed for `lang`.
fn words(lang: &str, text: &str) -> Vec<Word> {
    // "don't" is one word, "dont", as residents often type it.
    let text = text.replace("n't", "nt").replace("n\u{2019}t", "nt");
    let marked: Vec<(String, bool)> = text
        .split_whitespace()
        .flat_map(|chunk| {
            let prefix = chunk.ends_with('*');
            let tokens = words::tokens(chunk);
            let last = tokens.len().saturating_sub(1);
            tokens
                .into_iter()
                .enumerate()
                .map(move |(i, token)| (token, prefix && i == last))
        })
        .collect();
    marked
        .into_iter()
        .map(|(plain, prefix)| Word {
            stem: stem(lang, &plain),
            plain,
            prefix,
        })
        .collect()
}

fn is_negation(word: &Word) -> bool {
    NEGATIONS.contains(&word.plain.as_str())
}

/// Whether a word of the text matches a word of a phrase.
fn same_word(text: &Word, phrase: &Word) -> bool {
    if phrase.prefix && text.plain.starts_with(&phrase.plain) {
        return true;
    }
    if text.stem == phrase.stem || text.plain == phrase.plain {
        return true;
    }
    let long_enough = phrase.plain.chars().count() >= TYPO_FROM_CHARS;
    let same_start = text.plain.chars().next() == phrase.plain.chars().next();
    long_enough && same_start && edit_distance(&text.plain, &phrase.plain, 1).is_some()
}

/// Where `phrase` occurs in `text` (start and end word index), by the rule in the module
/// documentation; the first occurrence.
fn find(text: &[Option<Word>], phrase: &[Word]) -> Option<(usize, usize)> {
    let first = phrase.first()?;
    let phrase_negates = phrase.iter().any(is_negation);
    'start: for start in 0..text.len() {
        if !text[start].as_ref().is_some_and(|w| same_word(w, first)) {
            continue;
        }
        if !phrase_negates && start > 0 && text[start - 1].as_ref().is_some_and(is_negation) {
            continue;
        }
        let mut at = start;
        for word in &phrase[1..] {
            let mut found = None;
            let window = text.iter().enumerate().skip(at + 1).take(MAX_GAP + 1);
            for (next, candidate) in window {
                if candidate.as_ref().is_some_and(|w| same_word(w, word)) {
                    found = Some(next);
                    break;
                }
                // A removed idiom or a negation inside the phrase breaks it.
                match candidate {
                    None => continue 'start,
                    Some(w) if !phrase_negates && is_negation(w) => continue 'start,
                    Some(_) => {}
                }
            }
            match found {
                Some(next) => at = next,
                None => continue 'start,
            }
        }
        return Some((start, at));
    }
    None
}

/// The words of the resident's `text` for `lang`, with a gap (`None`) between the parts of
/// a sentence and in place of the idioms in `not`, so that no phrase runs over them.
fn without_idioms(lang: &str, text: &str, not: &[String]) -> Vec<Option<Word>> {
    let mut words: Vec<Option<Word>> = Vec::new();
    for clause in text.split(CLAUSE_MARKS) {
        if !words.is_empty() {
            words.push(None);
        }
        words.extend(self::words(lang, clause).into_iter().map(Some));
    }
    for idiom in not {
        let idiom = self::words(lang, idiom);
        while let Some((start, end)) = find(&words, &idiom) {
            for word in &mut words[start..=end] {
                *word = None;
            }
        }
    }
    words
}

/// Whether the resident's `text` raises `signal` (in any of its languages).
pub fn raises(signal: &Signal, text: &str) -> bool {
    signal.phrases.iter().any(|(lang, phrases)| {
        let not = signal.not.get(lang).map_or(&[][..], Vec::as_slice);
        let words = without_idioms(lang, text, not);
        phrases
            .iter()
            .any(|phrase| find(&words, &self::words(lang, phrase)).is_some())
    })
}

/// The signals that the resident's own words raise, in the guide's order.
pub fn signals_in<'g>(guide: &'g Guide, text: &str) -> Vec<&'g Signal> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    guide
        .signals
        .iter()
        .filter(|signal| raises(signal, text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wegwijs_text::Text;

    fn signal(nl: &[&str], not: &[&str]) -> Signal {
        Signal {
            id: "s".into(),
            message: Text::default(),
            contacts: Vec::new(),
            phrases: [(
                "nl".to_owned(),
                nl.iter().map(|p| (*p).to_owned()).collect(),
            )]
            .into(),
            not: [(
                "nl".to_owned(),
                not.iter().map(|p| (*p).to_owned()).collect(),
            )]
            .into(),
        }
    }

    #[test]
    fn whole_words_in_order_with_small_gaps() {
        let s = signal(&["ik wil dood"], &[]);
        assert!(raises(&s, "Ik wil DOOD!"));
        assert!(raises(&s, "ik wil gewoon echt dood"));
        assert!(
            !raises(&s, "ik wil heel erg graag dood"),
            "three words between"
        );
        assert!(!raises(&s, "dood wil ik niet"), "another order");
        assert!(
            !raises(&s, "ik wil doodmoe"),
            "a longer word is another word"
        );
    }

    #[test]
    fn typos_in_long_words_and_prefixes() {
        let s = signal(&["zelfmoord*", "mishandeld"], &[]);
        assert!(raises(&s, "ik heb zelfmoordgedachten"));
        assert!(raises(&s, "ik word mishandelt"));
        assert!(raises(&s, "ik wordt mishnadeld"), "a swap of two letters");
        let short = signal(&["hij slaat me"], &[]);
        assert!(
            !raises(&short, "hij slaapt bij me"),
            "short words need to be exact"
        );
        assert!(raises(&short, "hij slaat me"));
    }

    #[test]
    fn idioms_are_taken_out_first() {
        let s = signal(&["ben liever dood"], &["dood op"]);
        assert!(raises(&s, "ik ben liever dood"));
        let t = signal(&["dood"], &["dood op", "dood van het lachen"]);
        assert!(!raises(&t, "ik ben dood op"));
        assert!(!raises(&t, "ik ga dood van het lachen"));
        assert!(
            raises(&t, "ik ben dood op en ik wil dood"),
            "the idiom goes, the rest stays"
        );
    }

    #[test]
    fn a_negation_before_or_inside_stops_it_but_not_after() {
        let s = signal(&["bang voor mijn vader"], &[]);
        assert!(raises(&s, "ik ben bang voor mijn vader"));
        assert!(!raises(&s, "ik ben niet bang voor mijn vader"));
        let n = signal(&["wil niet meer leven"], &[]);
        assert!(
            raises(&n, "ik wil echt niet meer leven"),
            "the phrase has its own negation"
        );
        let h = signal(&["hij slaat me"], &[]);
        assert!(raises(&h, "hij slaat me niet alleen, hij schopt ook"));
    }

    #[test]
    fn empty_text_and_empty_phrases_raise_nothing() {
        let s = signal(&[""], &[]);
        assert!(!raises(&s, "ik wil dood"));
        assert!(!raises(&signal(&["ik wil dood"], &[]), "   "));
    }
}
