//! Suggestions while a question is being typed.

use wegwijs_text::order;

use crate::index::Index;
use crate::words::{is_stop_word, normalize};

impl Index {
    /// Suggestions while typing: everyday phrases from the vocabulary that start with what was
    /// typed, then completions of the last word that occur in most services.
    pub fn suggest(&self, text: &str, limit: usize) -> Vec<String> {
        let typed = normalize(text);
        let words: Vec<&str> = typed.split(' ').filter(|w| !w.is_empty()).collect();
        let Some(last) = words.last() else {
            return Vec::new();
        };
        if typed.chars().count() < 2 {
            return Vec::new();
        }
        let mut suggestions: Vec<String> = Vec::new();
        let phrases = self.vocabulary().synonyms.iter().flat_map(|s| &s.phrases);
        for phrase in phrases {
            let folded = normalize(phrase);
            if folded.starts_with(&typed) && folded != typed && !suggestions.contains(&folded) {
                suggestions.push(folded);
            }
        }
        order::sort_by_key(&mut suggestions, |s| s.len());
        suggestions.truncate(limit / 2 + 1);
        if last.chars().count() < 2 {
            return suggestions;
        }
        let surfaces = self.surfaces();
        let start = surfaces.partition_point(|(surface, _)| surface.as_str() < *last);
        let mut completions: Vec<(&str, usize)> = surfaces[start..]
            .iter()
            .take_while(|(surface, _)| surface.starts_with(*last))
            .filter(|(surface, _)| surface != last && !is_stop_word(surface))
            .map(|(surface, term)| {
                (
                    surface.as_str(),
                    self.text().impacts[*term as usize].docs.len(),
                )
            })
            .collect();
        order::sort_by(&mut completions, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let head = &words[..words.len() - 1];
        for (completion, _) in completions {
            if suggestions.len() >= limit {
                break;
            }
            // "hulp bij formul…" → not "hulp bij formulierenhulp": a completion that
            // repeats a word already typed reads as a stutter.
            if head.iter().any(|word| {
                word.chars().count() >= 3 && !is_stop_word(word) && completion.contains(word)
            }) {
                continue;
            }
            let mut full: Vec<&str> = head.to_vec();
            full.push(completion);
            let suggestion = full.join(" ");
            if !suggestions.contains(&suggestion) {
                suggestions.push(suggestion);
            }
        }
        suggestions.truncate(limit);
        suggestions
    }
}
