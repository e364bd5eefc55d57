//! Reading the question: words corrected, stemmed and matched to phrases of the vocabulary,
//! into clauses (one per meaningful word or phrase) and the life domains they point to.

use crate::index::Index;
use crate::profile::{Domain, TargetGroup};
use crate::words::{is_stop_word, stem, stem_in, tokens};

/// Weight of completions of the word being typed.
const PREFIX_WEIGHT: f32 = 0.85;
/// Weight of a synonym's professional terms.
const SYNONYM_WEIGHT: f32 = 0.8;
/// Most completions tried for the word being typed.
const MAX_COMPLETIONS: usize = 48;

/// One way a clause can match: a term and how much it counts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Alternative {
    pub(super) term: u32,
    pub(super) weight: f32,
    /// One of a synonym's professional terms: beyond the best of them, each one a service
    /// matches adds a little, so the service that matches the concept best comes first.
    pub(super) concept: bool,
}

/// One meaningful piece of the query.
#[derive(Debug, Default)]
pub(super) struct Clause {
    /// Any of these matching counts (the best one).
    pub(super) alternatives: Vec<Alternative>,
    /// Parts of a compound word: summed.
    pub(super) parts: Vec<u32>,
}

/// Words a service's name may hold in this order.
#[derive(Debug)]
pub(super) struct NamePhrase {
    /// The folded words, with a space before each.
    pub(super) words: String,
    /// The last word is being typed, so a name word may go on after it.
    pub(super) typing: bool,
}

impl NamePhrase {
    /// Whether a folded name (see [`crate::words::normalize`]) holds the words.
    pub(super) fn in_name(&self, name: &str) -> bool {
        let name = format!(" {name} ");
        match name.find(&self.words) {
            Some(at) => self.typing || name[at + self.words.len()..].starts_with(' '),
            None => false,
        }
    }
}

/// The query after analysis.
#[derive(Debug, Default)]
pub(super) struct Analysis {
    pub(super) clauses: Vec<Clause>,
    pub(super) domains: Vec<Domain>,
    /// Target groups the question names.
    pub(super) groups: Vec<TargetGroup>,
    /// The question's words (two or more, corrected), to find services whose name holds them
    /// in this order: "veilig thuis", "jeugdfonds sport".
    pub(super) name_phrase: Option<NamePhrase>,
    pub(super) corrected: Option<String>,
    /// Words that are not stop words: with none, the query asks for everything.
    pub(super) meaningful_words: usize,
}

impl Index {
    /// Words → clauses and domains.
    pub(super) fn analyse(&self, text: &str) -> Analysis {
        let typing_last_word = !text.ends_with(|c: char| c.is_whitespace());
        let mut words = tokens(text);
        let mut analysis = Analysis::default();
        // Without words there is nothing to read, and no need for the text tables.
        if words.is_empty() {
            return analysis;
        }
        let last = words.len().saturating_sub(1);
        let mut corrected = false;
        for (position, word) in words.iter_mut().enumerate() {
            let completing = typing_last_word && position == last && self.has_completion(word);
            if !completing {
                if let Some(correction) = self.correction(word) {
                    *word = correction;
                    corrected = true;
                }
            }
        }
        if corrected {
            analysis.corrected = Some(words.join(" "));
        }
        self.join_split_compounds(&mut words);
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        // A word in capitals is an abbreviation, never a stop word: "MEE", not "mee".
        let abbreviations: Vec<String> = text
            .split_whitespace()
            .filter(|chunk| {
                chunk.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !chunk.chars().any(char::is_lowercase)
            })
            .flat_map(tokens)
            .collect();
        let is_stop_word =
            |word: &str| is_stop_word(word) && !abbreviations.iter().any(|a| a == word);
        analysis.meaningful_words = words.iter().filter(|w| !is_stop_word(w)).count();
        if analysis.meaningful_words >= 2 {
            analysis.name_phrase = Some(NamePhrase {
                words: words.iter().map(|word| format!(" {word}")).collect(),
                typing: typing_last_word,
            });
        }
        let mut consumed = vec![false; words.len()];
        self.phrase_clauses(&words, &stems, &is_stop_word, &mut consumed, &mut analysis);

        for (position, word) in words.iter().enumerate() {
            // A word of a phrase speaks through the phrase: "geen plek om te slapen" is about
            // a bed for the night, not about sleeping badly.
            if consumed[position] || is_stop_word(word) {
                continue;
            }
            if let Some(domains) = self.text().keyword_domains.get(&stems[position]) {
                for &domain in domains {
                    push_unique(&mut analysis.domains, domain);
                }
            }
            let is_last = position + 1 == words.len();
            // An abbreviation is typed whole: "MEE" is not the start of "meewerken".
            let typing = is_last && typing_last_word && !abbreviations.contains(word);
            let clause = self.word_clause(word, &stems[position], typing);
            if !clause.alternatives.is_empty() || !clause.parts.is_empty() {
                analysis.clauses.push(clause);
            }
        }
        analysis
    }

    /// One clause per synonym whose phrases occur in the question: its professional terms,
    /// and the exact words of every phrase of it that occurs ("feel down … feeling down"
    /// counts once). The phrases' words are marked `consumed`.
    fn phrase_clauses(
        &self,
        words: &[String],
        stems: &[String],
        is_stop_word: &dyn Fn(&str) -> bool,
        consumed: &mut [bool],
        analysis: &mut Analysis,
    ) {
        // The query's words stemmed as each language of the vocabulary's concepts.
        let foreign_stems: Vec<(&str, Vec<String>)> = self
            .text()
            .concept_languages
            .iter()
            .map(|language| {
                let stemmed = words.iter().map(|w| stem_in(Some(language), w)).collect();
                (language.as_str(), stemmed)
            })
            .collect();
        // Only the phrases that start with one of the question's stems, in vocabulary order.
        let starts = &self.text().phrase_starts;
        let mut candidates: Vec<u32> = std::iter::once(stems)
            .chain(foreign_stems.iter().map(|(_, stems)| stems.as_slice()))
            .flatten()
            .filter_map(|stem| starts.get(stem))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        // Synonym → its clause.
        let mut clause_of: Vec<(usize, usize)> = Vec::new();
        for at in candidates {
            let (phrase, synonym) = &self.text().phrases[at as usize];
            let stems = match self.vocabulary().synonyms[*synonym].language.as_deref() {
                None => stems,
                Some(language) => match foreign_stems.iter().find(|(l, _)| *l == language) {
                    Some((_, stems)) => stems,
                    None => continue,
                },
            };
            let Some(positions) = find_phrase(stems, phrase) else {
                continue;
            };
            let existing = clause_of
                .iter()
                .find(|(s, _)| s == synonym)
                .map(|(_, c)| *c);
            let mut clause = Clause::default();
            if existing.is_none() {
                let terms = &self.text().synonym_terms[*synonym];
                clause
                    .alternatives
                    .extend(terms.iter().map(|&term| Alternative {
                        term,
                        weight: SYNONYM_WEIGHT,
                        concept: true,
                    }));
            }
            for &position in &positions {
                if !consumed[position] && !is_stop_word(&words[position]) {
                    clause.alternatives.extend(self.exact(&stems[position]));
                }
                consumed[position] = true;
            }
            let info = &self.vocabulary().synonyms[*synonym];
            for &domain in &info.domains {
                push_unique(&mut analysis.domains, domain);
            }
            for &group in &info.groups {
                push_unique(&mut analysis.groups, group);
            }
            match existing {
                Some(at) => analysis.clauses[at]
                    .alternatives
                    .extend(clause.alternatives),
                None if !clause.alternatives.is_empty() => {
                    clause_of.push((*synonym, analysis.clauses.len()));
                    analysis.clauses.push(clause);
                }
                None => {}
            }
        }
    }

    /// Two words that together are a word search knows are that word: residents often write a
    /// compound apart ("huur achterstand", "schuld hulp").
    fn join_split_compounds(&self, words: &mut Vec<String>) {
        let known = &self.text().known_words;
        let mut at = 0;
        while at + 1 < words.len() {
            let (first, second) = (&words[at], &words[at + 1]);
            let joined = format!("{first}{second}");
            if !is_stop_word(first) && !is_stop_word(second) && known.binary_search(&joined).is_ok()
            {
                words[at] = joined;
                words.remove(at + 1);
            } else {
                at += 1;
            }
        }
    }

    /// Whether some indexed word starts with `word` (it may be half typed).
    pub(super) fn has_completion(&self, word: &str) -> bool {
        let surfaces = self.surfaces();
        let start = surfaces.partition_point(|(surface, _)| surface.as_str() < word);
        surfaces
            .get(start)
            .is_some_and(|(surface, _)| surface.starts_with(word) && surface != word)
    }

    /// The closest known word for a word that is not known: one typo for words up to seven
    /// letters, two for longer ones. Known words are the data's words and the vocabulary's.
    fn correction(&self, word: &str) -> Option<String> {
        let length = word.chars().count();
        let known = &self.text().known_words;
        if length < 4
            || is_stop_word(word)
            || word.chars().any(|c| c.is_ascii_digit())
            || known.binary_search_by(|k| k.as_str().cmp(word)).is_ok()
        {
            return None;
        }
        let max = if length >= 8 { 2 } else { 1 };
        let first: String = word.chars().take(1).collect();
        let start = known.partition_point(|k| k.as_str() < first.as_str());
        known[start..]
            .iter()
            .take_while(|k| k.starts_with(first.as_str()))
            .filter_map(|k| {
                edit_distance(word, k, max).map(|d| (d, k.chars().count().abs_diff(length), k))
            })
            .min()
            .map(|(_, _, k)| k.clone())
    }

    fn exact(&self, stemmed: &str) -> Option<Alternative> {
        self.term_id(stemmed).map(|term| Alternative {
            term,
            weight: 1.0,
            concept: false,
        })
    }

    /// The alternatives for one word.
    fn word_clause(&self, word: &str, stemmed: &str, typing: bool) -> Clause {
        let mut clause = Clause::default();
        clause.alternatives.extend(self.exact(stemmed));
        let surfaces = self.surfaces();
        if typing && word.len() >= 2 {
            let start = surfaces.partition_point(|(surface, _)| surface.as_str() < word);
            let completions = surfaces[start..]
                .iter()
                .take_while(|(surface, _)| surface.starts_with(word))
                .take(MAX_COMPLETIONS);
            for (_, term) in completions {
                push_alternative(&mut clause.alternatives, *term, PREFIX_WEIGHT);
            }
        }
        clause.parts = self
            .text()
            .lexicon
            .known_parts(word)
            .iter()
            .filter_map(|part| self.term_id(&stem(part)))
            .collect();
        clause
    }
}

fn push_unique<T: PartialEq>(items: &mut Vec<T>, item: T) {
    if !items.contains(&item) {
        items.push(item);
    }
}

fn push_alternative(alternatives: &mut Vec<Alternative>, term: u32, weight: f32) {
    match alternatives.iter_mut().find(|a| a.term == term) {
        Some(existing) => existing.weight = existing.weight.max(weight),
        None => alternatives.push(Alternative {
            term,
            weight,
            concept: false,
        }),
    }
}

/// Positions of the phrase's stems in the query, in order, with at most two other words
/// between consecutive ones.
fn find_phrase(stems: &[String], phrase: &[String]) -> Option<Vec<usize>> {
    'start: for start in 0..stems.len() {
        if stems[start] != phrase[0] {
            continue;
        }
        let mut positions = vec![start];
        let mut at = start;
        for word in &phrase[1..] {
            let next = (at + 1..stems.len().min(at + 4)).find(|&i| &stems[i] == word);
            match next {
                Some(found) => {
                    positions.push(found);
                    at = found;
                }
                None => continue 'start,
            }
        }
        return Some(positions);
    }
    None
}

/// The number of edits (insert, delete, substitute, swap of neighbours) between `a` and
/// `b`, when it is at most `max`; gives up early otherwise.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (current, previous, before) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[current][0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (rows[previous][j] + 1)
                .min(rows[current][j - 1] + 1)
                .min(rows[previous][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(rows[before][j - 2] + 1);
            }
            rows[current][j] = value;
            row_min = row_min.min(value);
        }
        if row_min > max {
            return None;
        }
    }
    Some(rows[a.len() % 3][b.len()]).filter(|&distance| distance <= max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("voedselbnak", "voedselbank", 1), Some(1));
        assert_eq!(edit_distance("eenzaamhijd", "eenzaamheid", 2), Some(2));
        assert_eq!(edit_distance("eenzaamhijd", "eenzaamheid", 1), None);
        assert_eq!(edit_distance("huur", "huur", 0), Some(0));
        assert_eq!(edit_distance("geld", "werk", 2), None);
        assert_eq!(edit_distance("", "ab", 2), Some(2));
    }

    #[test]
    fn phrases_match_in_order_with_small_gaps() {
        let stems = |text: &str| tokens(text).iter().map(|t| stem(t)).collect::<Vec<_>>();
        let query = stems("ik kan mijn rekeningen echt niet betalen");
        assert!(find_phrase(&query, &stems("rekeningen niet betalen")).is_some());
        assert!(find_phrase(&query, &stems("betalen rekeningen")).is_none());
        assert!(find_phrase(&stems("ruzie bij ons thuis"), &stems("ruzie thuis")).is_some());
    }

    proptest! {
        #[test]
        fn edit_distance_is_symmetric(a in "[a-d]{0,8}", b in "[a-d]{0,8}", max in 0usize..3) {
            prop_assert_eq!(edit_distance(&a, &b, max), edit_distance(&b, &a, max));
        }
    }
}
