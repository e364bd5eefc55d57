//! The national crisis lines of the Netherlands: the same in every municipality, so built in.
//! They are shown on every screen even when a guide lists none, and when the guide file
//! cannot be loaded at all.

use std::sync::OnceLock;

use wegwijs_text::Text;

use crate::definition::Contact;

fn text(nl: &str, en: &str) -> Text {
    Text(
        [
            ("nl".to_owned(), nl.to_owned()),
            ("en".to_owned(), en.to_owned()),
        ]
        .into(),
    )
}

/// 112, 113 Zelfmoordpreventie and Veilig Thuis, in that order.
pub fn crisis_lines() -> &'static [Contact] {
    static LINES: OnceLock<Vec<Contact>> = OnceLock::new();
    LINES.get_or_init(|| {
        vec![
            Contact {
                id: "112".into(),
                name: text("Politie, brandweer, ambulance", "Police, fire brigade, ambulance"),
                phone: Some("112".into()),
                website: None,
                when: text("Bel bij direct gevaar.", "Call when there is immediate danger."),
                always: true,
            },
            Contact {
                id: "113".into(),
                name: text("113 Zelfmoordpreventie", "113 Suicide Prevention"),
                phone: Some("0800-0113".into()),
                website: Some("https://www.113.nl".into()),
                when: text(
                    "Denk je aan zelfmoord? Praat erover. Bel gratis of chat, dag en nacht.",
                    "Thinking about suicide? Talk about it. Call free or chat, day and night.",
                ),
                always: true,
            },
            Contact {
                id: "veilig-thuis".into(),
                name: text("Veilig Thuis", "Veilig Thuis (domestic violence helpline)"),
                phone: Some("0800-2000".into()),
                website: None,
                when: text(
                    "Voel je je niet veilig thuis? Of maak je je zorgen om iemand? Bel gratis, dag en nacht.",
                    "Not safe at home? Or worried about someone? Call free, day and night.",
                ),
                always: true,
            },
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wegwijs_directory::links::tel_link;

    #[test]
    fn every_line_can_be_called_and_has_both_languages() {
        let numbers: Vec<_> = crisis_lines()
            .iter()
            .map(|c| c.phone.as_deref().and_then(tel_link))
            .collect();
        assert_eq!(
            numbers,
            [
                Some("tel:112".into()),
                Some("tel:08000113".into()),
                Some("tel:08002000".into())
            ]
        );
        assert!(crisis_lines()
            .iter()
            .all(|c| c.name.missing().is_empty() && c.when.missing().is_empty()));
    }
}
