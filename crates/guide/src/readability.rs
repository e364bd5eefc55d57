//! A B1 check for Dutch texts: short sentences. On average at most 15 words a sentence, and
//! no sentence over 20 words.

/// Average sentence length allowed, in words.
pub const MAX_AVERAGE_WORDS: f64 = 15.0;
/// Longest sentence allowed, in words.
pub const MAX_SENTENCE_WORDS: usize = 20;

/// The sentences of a text: ends at `.`, `!`, `?` or `:` followed by a space or the end, and
/// at line breaks. "9.00 uur" and "o.a." do not end a sentence.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let ends = (matches!(c, '.' | '!' | '?' | ':') && next.is_none_or(char::is_whitespace))
            || c == '\n';
        let abbreviation = c == '.' && {
            let word_start = text[..at].rfind(char::is_whitespace).map_or(0, |p| p + 1);
            text[word_start..at].contains('.') || text[word_start..at].len() <= 1
        };
        if ends && !abbreviation {
            let sentence = text[start..at + c.len_utf8()].trim();
            if !sentence.is_empty() {
                found.push(sentence);
            }
            start = at + c.len_utf8();
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        found.push(rest);
    }
    found
}

/// Words in a sentence (anything with a letter or digit between spaces).
pub fn words(sentence: &str) -> usize {
    sentence
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Sentence lengths over all texts: (average, longest sentence).
pub fn measure<'t>(texts: impl IntoIterator<Item = &'t str>) -> (f64, Option<(usize, String)>) {
    let mut total = 0;
    let mut count = 0;
    let mut longest: Option<(usize, String)> = None;
    for text in texts {
        for sentence in sentences(text) {
            let length = words(sentence);
            total += length;
            count += 1;
            if longest.as_ref().is_none_or(|(l, _)| length > *l) {
                longest = Some((length, sentence.to_owned()));
            }
        }
    }
    (
        if count == 0 {
            0.0
        } else {
            total as f64 / count as f64
        },
        longest,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_punctuation_not_at_times_or_abbreviations() {
        assert_eq!(
            sentences("Kom langs om 9.00 uur. Bel o.a. het wijkteam! Waarom? Daarom"),
            [
                "Kom langs om 9.00 uur.",
                "Bel o.a. het wijkteam!",
                "Waarom?",
                "Daarom"
            ]
        );
        assert_eq!(words("Bel 112 - direct!"), 3);
    }

    #[test]
    fn measuring_finds_the_longest_sentence() {
        let (average, longest) = measure(["Een twee drie. Een twee.", "Een."]);
        assert!((average - 2.0).abs() < 1e-9);
        assert_eq!(longest.unwrap().0, 3);
    }
}
