//! Words for search: folding, tokens, stop words and stems (Dutch, and English for the
//! English concepts).
//!
//! Every piece of text, in the index and in a query, goes through the same steps: lower case,
//! diacritics folded (`café` → `cafe`, `ĳ` → `ij`), split on anything that is not a letter or
//! digit. Stems come from the Snowball Dutch stemmer after a diminutive is stripped
//! (`maatjes` → `maat`), so `schulden` and `schuld` meet.

use std::collections::HashSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Longest token that is indexed or searched; longer runs are cut (they are never words).
pub const MAX_TOKEN_CHARS: usize = 40;

/// Appends `c` lower-cased with its diacritics removed.
fn push_folded(out: &mut String, c: char) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        'ĳ' | 'Ĳ' => "ij",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(folded);
}

/// Lower case, diacritics folded, every non-alphanumeric character a single space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.chars() {
        if c.is_alphanumeric() {
            push_folded(&mut out, c);
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The folded words of a text, each at most [`MAX_TOKEN_CHARS`] characters.
pub fn tokens(text: &str) -> Vec<String> {
    normalize(text)
        .split(' ')
        .filter(|token| !token.is_empty())
        .map(|token| token.chars().take(MAX_TOKEN_CHARS).collect())
        .collect()
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Dutch))
}

/// The stem of a folded token in `language` (an ISO 639-1 code such as `en`): Dutch for
/// `None` or `nl`, the language's own stemmer where there is one, else the token as it is.
pub fn stem_in(language: Option<&str>, token: &str) -> String {
    match language {
        None | Some("nl") => stem(token),
        Some("en") => english_stemmer().stem(token).into_owned(),
        Some(_) => token.to_owned(),
    }
}

fn english_stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The stem of a folded token.
pub fn stem(token: &str) -> String {
    if token.chars().any(|c| c.is_ascii_digit()) {
        return token.to_owned();
    }
    let without_diminutive = strip_diminutive(token);
    let stemmed = stemmer().stem(without_diminutive).into_owned();
    undouble_final_consonant(stemmed)
}

/// `maatje`, `maatjes` → `maat`; `huisje` → `huis`. Short words are left alone.
fn strip_diminutive(token: &str) -> &str {
    let base = token
        .strip_suffix("jes")
        .or_else(|| token.strip_suffix("je"))
        .unwrap_or(token);
    let consonant_before = base
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphabetic() && !"aeiouy".contains(c));
    if base.len() != token.len() && base.chars().count() >= 3 && consonant_before {
        base
    } else {
        token
    }
}

/// `gezinn` (from `gezinnen`) → `gezin`, so plural and singular meet.
fn undouble_final_consonant(mut stem: String) -> String {
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n >= 4 && bytes[n - 1] == bytes[n - 2] && !b"aeiouy".contains(&bytes[n - 1]) {
        stem.pop();
    }
    stem
}

/// Dutch function words that carry no meaning for search.
pub fn is_stop_word(token: &str) -> bool {
    static STOP_WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    STOP_WORDS
        .get_or_init(|| {
            include_str!("../data/stopwords.txt")
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .collect()
        })
        .contains(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalizing_folds_case_diacritics_and_punctuation() {
        assert_eq!(
            normalize("Café  Één-ouder? Ĳsbaan!"),
            "cafe een ouder ijsbaan"
        );
        assert_eq!(normalize("  ...  "), "");
        assert_eq!(
            tokens("Hulp bij géldzorgen, nú!"),
            ["hulp", "bij", "geldzorgen", "nu"]
        );
    }

    #[test]
    fn plural_singular_and_diminutive_meet() {
        for (a, b) in [
            ("schulden", "schuld"),
            ("maatjes", "maatje"),
            ("maatje", "maat"),
            ("gezinnen", "gezin"),
            ("eenzaamheid", "eenzaam"),
            ("voedselbanken", "voedselbank"),
            ("rekeningen", "rekening"),
            ("huren", "huur"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_eq!(stem("3861"), "3861");
    }

    #[test]
    fn stop_words_are_function_words_only() {
        for word in ["ik", "de", "het", "een", "mijn", "kan", "niet", "bij"] {
            assert!(is_stop_word(word), "{word}");
        }
        for word in ["geld", "alleen", "huur", "kind", "thuis"] {
            assert!(!is_stop_word(word), "{word}");
        }
    }

    proptest! {
        #[test]
        fn analysis_never_panics_and_tokens_are_clean(text in "\\PC{0,200}") {
            for token in tokens(&text) {
                prop_assert!(!token.is_empty());
                prop_assert!(token.chars().count() <= MAX_TOKEN_CHARS);
                prop_assert!(token.chars().all(char::is_alphanumeric));
                let _ = stem(&token);
            }
        }
    }
}
