//! The social map as the widgets and the search see it: services in the Dutch profile.
//!
//! This is not HSDS itself but what Wegwijs keeps of it after import: checked links,
//! trimmed text and the contact details a resident can act on.

use serde::{Deserialize, Serialize};

/// All services of one social map, in input order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    /// The services, in the order of the input file.
    pub services: Vec<Service>,
}

/// One service: something a resident can go to for help.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Service {
    /// The HSDS id (or a generated one when the input had none).
    pub id: String,
    /// The service name.
    pub name: String,
    /// The organisation that provides the service.
    pub organization: Option<String>,
    /// The full description, as plain text.
    pub description: Option<String>,
    /// Phone numbers, the service's own first.
    pub phones: Vec<Phone>,
    /// E-mail address, already checked: [`Service::mail_link`] never fails for it.
    pub email: Option<String>,
    /// Web address, already checked to be `http` or `https`.
    pub website: Option<String>,
    /// Visiting addresses.
    pub addresses: Vec<Address>,
}

impl Service {
    /// A short description for a result card: the first sentence, at most `max_chars`
    /// characters, cut at a word boundary with an ellipsis.
    pub fn summary(&self, max_chars: usize) -> Option<String> {
        let description = self.description.as_deref()?;
        let first_sentence = first_sentence(description);
        Some(truncate_words(first_sentence, max_chars))
    }

    /// The `mailto:` link for the e-mail address.
    pub fn mail_link(&self) -> Option<String> {
        self.email.as_deref().and_then(crate::links::mail_link)
    }
}

/// A phone number with an optional note ("alleen op werkdagen").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    /// The number as written in the data.
    pub number: String,
    /// The `tel:` link, when the number can be dialled.
    pub tel: Option<String>,
    /// What the number is for, or when it is answered.
    pub description: Option<String>,
}

/// A postal address as Dutch residents write it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// Postcode, e.g. `3861 AB`.
    pub postal_code: Option<String>,
    /// Town.
    pub city: Option<String>,
}

impl Address {
    /// One line: "Kerkstraat 1, 3861 AB Lindenhoven".
    pub fn one_line(&self) -> String {
        let place = [self.postal_code.as_deref(), self.city.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        if place.is_empty() {
            self.street.clone()
        } else {
            format!("{}, {place}", self.street)
        }
    }
}

/// The text up to the first sentence end: `.`, `!` or `?` followed by a space and a capital.
fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    for (index, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let end = index + c.len_utf8();
        let rest = &text[end..];
        let starts_new_sentence = rest.starts_with(char::is_whitespace)
            && rest.trim_start().starts_with(char::is_uppercase);
        if starts_new_sentence {
            return &text[..end];
        }
    }
    text
}

fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(index) if index > max_chars / 2 => &cut[..index],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_description(text: &str) -> Service {
        Service {
            description: Some(text.to_owned()),
            ..Service::default()
        }
    }

    #[test]
    fn summary_is_the_first_sentence() {
        let service = with_description("Hulp bij geldzorgen. Wij komen bij u thuis.");
        assert_eq!(
            service.summary(200).as_deref(),
            Some("Hulp bij geldzorgen.")
        );
    }

    #[test]
    fn summary_does_not_stop_at_abbreviations_or_numbers() {
        let service = with_description("Open van 9.30 tot 12.00 uur, o.a. voor ouderen. Meer.");
        assert_eq!(
            service.summary(200).as_deref(),
            Some("Open van 9.30 tot 12.00 uur, o.a. voor ouderen.")
        );
    }

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        let service = with_description(&"woord ".repeat(100));
        let summary = service.summary(40).unwrap();
        assert!(summary.chars().count() <= 40, "{summary}");
        assert!(summary.ends_with("woord…"), "{summary}");
    }

    #[test]
    fn address_on_one_line() {
        let address = Address {
            street: "Kerkstraat 1".into(),
            postal_code: Some("3861 AB".into()),
            city: Some("Lindenhoven".into()),
        };
        assert_eq!(address.one_line(), "Kerkstraat 1, 3861 AB Lindenhoven");
        let bare = Address {
            street: "Kerkstraat 1".into(),
            ..Address::default()
        };
        assert_eq!(bare.one_line(), "Kerkstraat 1");
    }
}
