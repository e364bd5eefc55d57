//! HTML in data text, as CMS exports write it (`<p>…</p>`, `<br>`, `&nbsp;`), turned into
//! the plain text residents read.
//!
//! Not an HTML parser: tags are dropped (the contents of `<script>` and `<style>` too),
//! paragraphs and line breaks become newlines, character references are decoded. The result
//! is only ever shown as text, never as markup, so nothing in it can run.

/// The text without its markup, or `None` when it had none (no tag, no character reference).
pub fn plain_text(text: &str) -> Option<String> {
    if !has_markup(text) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('&') {
            match reference(rest) {
                Some((decoded, length)) => {
                    out.push_str(decoded.as_str());
                    rest = &rest[length..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
            continue;
        }
        match tag(rest) {
            Some(tag) => {
                out.push_str(tag.break_before());
                rest = &rest[tag.length..];
                if let Some(skipped) = tag.skips_contents() {
                    rest = after_closing(rest, skipped);
                }
            }
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Some(tidy_whitespace(&out))
}

/// Whether the text holds a tag (`<` then a letter, `/` or `!`) or a character reference.
fn has_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &byte)| match byte {
        b'<' => bytes
            .get(at + 1)
            .is_some_and(|next| next.is_ascii_alphabetic() || matches!(next, b'/' | b'!')),
        b'&' => reference(&text[at..]).is_some(),
        _ => false,
    })
}

/// One tag at the start of the text.
struct Tag {
    /// Lower-case name (`p`, `br`), empty for comments and declarations.
    name: String,
    closing: bool,
    /// Bytes up to and including `>` (the rest of the text for a tag that is never closed).
    length: usize,
}

impl Tag {
    /// What the tag becomes in text: a paragraph break, a line break, or nothing.
    fn break_before(&self) -> &'static str {
        match self.name.as_str() {
            "br" => "\n",
            "li" | "tr" | "dt" | "dd" if !self.closing => "\n",
            "p" | "div" | "ul" | "ol" | "table" | "blockquote" | "section" | "article"
            | "header" | "footer" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "hr" => "\n\n",
            _ => "",
        }
    }

    /// For `<script>` and `<style>`: the element whose contents are left out as well.
    fn skips_contents(&self) -> Option<&'static str> {
        match (self.name.as_str(), self.closing) {
            ("script", false) => Some("script"),
            ("style", false) => Some("style"),
            _ => None,
        }
    }
}

/// The tag at the start of `text` (which starts with `<`), if it is one.
fn tag(text: &str) -> Option<Tag> {
    let inner = &text[1..];
    if inner.starts_with("!--") {
        let end = inner.find("-->").map_or(text.len(), |end| end + 1 + 3);
        return Some(Tag {
            name: String::new(),
            closing: false,
            length: end,
        });
    }
    let (closing, named) = match inner.strip_prefix('/') {
        Some(named) => (true, named),
        None => (false, inner),
    };
    let first = named.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '!') {
        return None;
    }
    let end = text.find('>').map_or(text.len(), |end| end + 1);
    let name = named
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    Some(Tag {
        name,
        closing,
        length: end,
    })
}

/// The text after `</name>` (any case); empty when the element is never closed.
fn after_closing<'a>(text: &'a str, name: &str) -> &'a str {
    let closing = format!("</{name}");
    let lower = text.to_ascii_lowercase();
    match lower.find(&closing) {
        Some(at) => {
            let rest = &text[at..];
            rest.find('>').map_or("", |end| &rest[end + 1..])
        }
        None => "",
    }
}

/// A character reference at the start of `text` (`&amp;`, `&#233;`, `&#xE9;`): what it
/// stands for and its length in bytes.
fn reference(text: &str) -> Option<(String, usize)> {
    let end = text.get(1..)?.find(';')? + 1;
    if end > 10 {
        return None;
    }
    let body = &text[1..end];
    let decoded = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code)
            .filter(|c| !c.is_control() || c.is_whitespace())?
            .to_string()
    } else {
        named(body)?.to_owned()
    };
    Some((decoded, end + 1))
}

/// The named references CMS exports use in Dutch and English text.
fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "shy" => "",
        "euro" => "€",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "eacute" => "é",
        "egrave" => "è",
        "euml" => "ë",
        "ecirc" => "ê",
        "aacute" => "á",
        "agrave" => "à",
        "auml" => "ä",
        "iuml" => "ï",
        "iacute" => "í",
        "ouml" => "ö",
        "oacute" => "ó",
        "uuml" => "ü",
        "uacute" => "ú",
        "ccedil" => "ç",
        "Eacute" => "É",
        "Euml" => "Ë",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        _ => return None,
    })
}

/// One space between words, no spaces around line ends, at most one empty line in a row.
fn tidy_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut empty_lines = 0;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            empty_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if empty_lines > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(&words.join(" "));
        empty_lines = 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn text_without_markup_is_left_alone() {
        assert_eq!(plain_text("Gratis hulp bij geldzaken"), None);
        assert_eq!(plain_text("Kinderen < 12 jaar & ouders"), None);
        assert_eq!(plain_text("Koffie & thee; ook 's avonds"), None);
    }

    #[test]
    fn paragraphs_and_line_breaks_are_kept_and_references_decoded() {
        assert_eq!(
            plain_text(
                "<p>Hulp bij <b>geld</b>&nbsp;zaken.</p><p>Bel ons:<br>0342&#160;123 456</p>"
            )
            .as_deref(),
            Some("Hulp bij geld zaken.\n\nBel ons:\n0342 123 456")
        );
        assert_eq!(
            plain_text("Caf&eacute; &amp; buurtkamer &#x2013; elke dag").as_deref(),
            Some("Café & buurtkamer – elke dag")
        );
        assert_eq!(
            plain_text("<ul><li>maandag</li><li>dinsdag</li></ul>").as_deref(),
            Some("maandag\ndinsdag")
        );
    }

    #[test]
    fn scripts_styles_comments_and_attributes_leave_nothing_behind() {
        let hostile = "Taalcafé<script>alert('x')</script><style>p{color:red}</style>\
                       <!-- intern --><img src=x onerror=\"alert(1)\"> voor iedereen";
        assert_eq!(
            plain_text(hostile).as_deref(),
            Some("Taalcafé voor iedereen")
        );
        assert_eq!(
            plain_text("Open <SCRIPT type=text/javascript>steal()</SCRIPT >dag").as_deref(),
            Some("Open dag")
        );
        assert_eq!(plain_text("Niets <script>meer").as_deref(), Some("Niets"));
        assert_eq!(
            plain_text("Open <img src=x onerror=").as_deref(),
            Some("Open")
        );
    }

    #[test]
    fn unknown_references_and_loose_brackets_stay_as_written() {
        assert_eq!(
            plain_text("<p>A &foo; B</p> 3 < 4").as_deref(),
            Some("A &foo; B\n\n3 < 4")
        );
    }

    proptest! {
        #[test]
        fn never_panics_and_never_leaves_a_tag(text in ".{0,200}") {
            if let Some(plain) = plain_text(&text) {
                prop_assert!(!plain.to_ascii_lowercase().contains("<script"));
            }
        }

        #[test]
        fn markup_around_words_leaves_the_words(words in proptest::collection::vec("[a-zé]{1,8}", 1..6)) {
            let html = format!("<p>{}</p>", words.join("<br/>"));
            prop_assert_eq!(plain_text(&html), Some(words.join("\n")));
        }
    }
}
