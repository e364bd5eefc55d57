//! Addresses that can wrap: e-mail addresses, web addresses and long codes get a line-break
//! opportunity (`<wbr>`) after `@`, `.`, `/`, `-` and `_`, so a narrow phone screen wraps
//! them at a natural place instead of scrolling sideways or cutting a letter off. Copying the
//! text copies it unchanged.

use leptos::prelude::*;

/// The parts of `text` between break opportunities: each part ends with the character after
/// which a line may break.
pub fn break_parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        let more_follows = text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if matches!(c, '@' | '.' | '/' | '-' | '_') && more_follows {
            parts.push(&text[start..end]);
            start = end;
        }
    }
    parts.push(&text[start..]);
    parts.retain(|part| !part.is_empty());
    parts
}

/// `text` with a line-break opportunity after each `@`, `.`, `/`, `-` and `_` inside a word.
#[component]
pub fn Breakable(
    /// The text, for example "Mail naar info@maatje.lindenhoven.example".
    #[prop(into)]
    text: String,
) -> impl IntoView {
    let parts: Vec<String> = break_parts(&text).into_iter().map(str::to_owned).collect();
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| view! { {part}{(i < last).then(|| view! { <wbr /> })} })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::break_parts;

    #[test]
    fn addresses_break_after_their_separators_and_nothing_is_lost() {
        let text = "Mail naar info@schuldhulp.lindenhoven.example.";
        let parts = break_parts(text);
        assert_eq!(
            parts,
            vec!["Mail naar info@", "schuldhulp.", "lindenhoven.", "example."]
        );
        assert_eq!(parts.concat(), text);
        assert_eq!(break_parts("1A2B-C3D4"), vec!["1A2B-", "C3D4"]);
        assert_eq!(break_parts(""), Vec::<&str>::new());
    }
}
