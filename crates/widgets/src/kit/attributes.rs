//! What a web team should hear about the attributes on a widget's element: a name the
//! widget does not know (`sorce` for `src`), or a value it cannot use (`lang="fr"`,
//! `mode="werker"`). The widget still starts with its defaults; `wegwijs-embed` writes these
//! to the browser console once each.

use crate::i18n::I18n;

/// The values an attribute accepts, for the warning.
#[derive(Debug, Clone, Copy)]
pub struct Accepted {
    /// The attribute.
    pub name: &'static str,
    /// Whether a value can be used.
    pub accepts: fn(&str) -> bool,
    /// The accepted values, as the warning names them.
    pub values: &'static str,
}

/// `lang`: a language the widget has texts for.
pub const LANG: Accepted = Accepted {
    name: "lang",
    accepts: |value| I18n::supports(value),
    values: "nl or en (a tag such as en-GB works too)",
};

/// Attributes any HTML element may have, which widgets leave to the page.
const GLOBAL: [&str; 13] = [
    "id",
    "class",
    "style",
    "hidden",
    "title",
    "slot",
    "part",
    "role",
    "tabindex",
    "dir",
    "translate",
    "inert",
    "nonce",
];

/// The warnings for an element `tag` with attribute `names`, given what the widget knows and
/// accepts; `get` reads an attribute's value.
pub fn attribute_warnings(
    tag: &str,
    known: &[&str],
    accepted: &[Accepted],
    names: &[String],
    get: impl Fn(&str) -> Option<String>,
) -> Vec<String> {
    let mut warnings = Vec::new();
    for name in names {
        let name = name.to_ascii_lowercase();
        let ignored = GLOBAL.contains(&name.as_str())
            || name.starts_with("data-")
            || name.starts_with("aria-")
            || name.starts_with("on");
        if !ignored && !known.contains(&name.as_str()) {
            warnings.push(format!(
                "Wegwijs <{tag}>: unknown attribute \"{name}\", ignored. Known: {}.",
                known.join(", ")
            ));
        }
    }
    for rule in accepted {
        if let Some(value) = get(rule.name).filter(|v| !v.trim().is_empty()) {
            if !(rule.accepts)(value.trim()) {
                warnings.push(format!(
                    "Wegwijs <{tag}>: {}=\"{value}\" cannot be used; the default is used instead. Accepted: {}.",
                    rule.name, rule.values
                ));
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_and_unusable_values_are_named_with_what_would_work() {
        let names = [
            "sorce".to_owned(),
            "lang".to_owned(),
            "class".to_owned(),
            "data-x".to_owned(),
        ];
        let warnings = attribute_warnings(
            "wegwijs-sociale-kaart",
            &["src", "lang"],
            &[LANG],
            &names,
            |name| (name == "lang").then(|| "fr".to_owned()),
        );
        assert_eq!(warnings.len(), 2, "{warnings:#?}");
        assert!(
            warnings[0].contains("unknown attribute \"sorce\"")
                && warnings[0].contains("Known: src, lang")
        );
        assert!(warnings[1].contains("lang=\"fr\"") && warnings[1].contains("nl or en"));
        assert!(
            attribute_warnings("x", &["lang"], &[LANG], &["lang".to_owned()], |_| Some(
                "en-GB".into()
            ))
            .is_empty()
        );
    }
}
