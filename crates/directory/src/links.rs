//! Safe links: only `http(s):`, `tel:` and `mailto:` targets built from checked values.
//!
//! HSDS allows any URI, so data may hold `javascript:` or `data:` URLs. These functions are the
//! only way the model turns text into a link target; anything they refuse is never a link.

use wegwijs_text::number::{decimal, in_units};

/// A web address that is safe to use as a link target (`http` or `https` only).
///
/// Addresses without a scheme that look like a host name (`www.example.nl/hulp`) get `https://`.
pub fn web_link(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let lower = raw.to_ascii_lowercase();
    let candidate = if lower.starts_with("https://") || lower.starts_with("http://") {
        raw.to_owned()
    } else if !lower.contains(':') && looks_like_host(&lower) {
        format!("https://{raw}")
    } else {
        return None;
    };
    let after_scheme = candidate.split_once("://")?.1;
    let host = after_scheme.split(['/', '?', '#']).next()?;
    (!host.is_empty() && !host.contains(['<', '>', '"', '\'', '\\'])).then_some(candidate)
}

/// A page of the site that a web team configured (`/hulpwijzer.html`), or an http(s)
/// address. `None` for anything else (`javascript:`, `//other.host`).
pub fn page_link(page: &str) -> Option<String> {
    let page = page.trim();
    let path_on_site = page.starts_with('/') && !page.starts_with("//");
    if path_on_site
        && !page
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"'\\".contains(c))
    {
        Some(page.to_owned())
    } else {
        web_link(page)
    }
}

/// A link to one service on the social map's page: `page` (a path on the site such as
/// `/sociale-kaart.html`, or an http(s) address) with the map's `#kaart?dienst=<id>`
/// fragment. `None` for anything else (a `javascript:` page is never a link).
pub fn service_page_link(page: &str, service_id: &str) -> Option<String> {
    let base = page_link(page.split('#').next().unwrap_or_default())?;
    let fragment = crate::view_state::ViewState {
        service: Some(service_id.to_owned()),
        ..Default::default()
    }
    .to_fragment();
    Some(format!("{base}#{fragment}"))
}

/// A web address as people read it: without `https://`, `www.` and a trailing slash.
pub fn display_web(url: &str) -> String {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let without_www = without_scheme
        .strip_prefix("www.")
        .unwrap_or(without_scheme);
    without_www.trim_end_matches('/').to_owned()
}

/// An OpenStreetMap route to `to` (on foot), from `from` when known. A plain link: nothing is
/// loaded from OpenStreetMap until the resident clicks it.
pub fn route_link(from: Option<crate::geo::Point>, to: crate::geo::Point) -> String {
    let five = |degrees: f64| decimal(in_units(degrees, 5), 5, '.');
    let point = |p: crate::geo::Point| format!("{}%2C{}", five(p.lat), five(p.lon));
    let from = from.map(point).unwrap_or_default();
    format!(
        "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route={from}%3B{}",
        point(to)
    )
}

/// The "Klopt er iets niet?" link for a service: the configured `mailto:` address with a
/// subject, or the configured https page with `?dienst=<id>`. `None` for anything else.
pub fn report_link(
    target: &str,
    service_name: &str,
    service_id: &str,
    subject: &str,
) -> Option<String> {
    let encode = |text: &str| {
        text.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    if let Some(address) = target.trim().strip_prefix("mailto:") {
        let link = mail_link(address)?;
        return Some(format!(
            "{link}?subject={}",
            encode(&format!("{subject}: {service_name} ({service_id})"))
        ));
    }
    let page = web_link(target).filter(|url| url.to_ascii_lowercase().starts_with("https://"))?;
    let separator = if page.contains('?') { '&' } else { '?' };
    Some(format!("{page}{separator}dienst={}", encode(service_id)))
}

fn looks_like_host(s: &str) -> bool {
    let host = s.split(['/', '?', '#']).next().unwrap_or_default();
    host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
}

/// A `tel:` link for a phone number as people write it ("0341 - 12 34 56", "+31 6 1234 5678").
///
/// Returns `None` when the text holds fewer than three digits or characters that do not
/// belong in a phone number.
pub fn tel_link(number: &str) -> Option<String> {
    let trimmed = number.trim().trim_matches('"');
    // "+31 (0)6 …": the trunk zero in brackets is not dialled from abroad.
    let trimmed = if trimmed.starts_with('+') {
        trimmed.replacen("(0)", "", 1)
    } else {
        trimmed.to_owned()
    };
    let mut digits = String::with_capacity(trimmed.len());
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '/' => {}
            _ => return None,
        }
    }
    let digit_count = digits.chars().filter(char::is_ascii_digit).count();
    (3..=15)
        .contains(&digit_count)
        .then(|| format!("tel:{digits}"))
}

/// A `mailto:` link for a plain e-mail address; anything with spaces, several `@` signs or
/// characters that could add headers (`?`, `&`, `<`, `>`) is refused.
pub fn mail_link(address: &str) -> Option<String> {
    let address = address.trim();
    let (local, domain) = address.split_once('@')?;
    let allowed_local = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
    let allowed_domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    let valid = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && local.chars().all(allowed_local)
        && domain.chars().all(allowed_domain);
    valid.then(|| format!("mailto:{address}"))
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_service_page_link_goes_to_the_map_s_page_or_nowhere() {
        assert_eq!(
            super::service_page_link("/sociale-kaart.html", "abc-1").as_deref(),
            Some("/sociale-kaart.html#kaart?dienst=abc-1")
        );
        assert_eq!(
            super::service_page_link("https://gemeente.example/kaart#oud", "x").as_deref(),
            Some("https://gemeente.example/kaart#kaart?dienst=x")
        );
        assert_eq!(super::service_page_link("javascript:alert(1)", "x"), None);
        assert_eq!(super::service_page_link("//evil.example/", "x"), None);
    }

    use super::*;

    #[test]
    fn web_links_allow_only_http_and_https() {
        assert_eq!(
            web_link("https://lindenhoven.nl/hulp").as_deref(),
            Some("https://lindenhoven.nl/hulp")
        );
        assert_eq!(web_link("HTTP://x.nl").as_deref(), Some("HTTP://x.nl"));
        assert_eq!(
            web_link("www.voedselbank.nl").as_deref(),
            Some("https://www.voedselbank.nl")
        );
        for hostile in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "//evil.example",
            "https://",
            "https://\"><script>",
            "mailto:a@b.nl",
            "",
        ] {
            assert_eq!(
                web_link(hostile),
                None,
                "{hostile:?} must not become a link"
            );
        }
    }

    #[test]
    fn web_addresses_display_without_scheme_and_www() {
        assert_eq!(display_web("https://www.lindenhoven.nl/"), "lindenhoven.nl");
        assert_eq!(display_web("http://x.nl/hulp?a=1"), "x.nl/hulp?a=1");
    }

    #[test]
    fn route_and_report_links() {
        let to = crate::geo::Point::new(52.06, 5.75).unwrap();
        assert_eq!(
            route_link(None, to),
            "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route=%3B52.06000%2C5.75000"
        );
        let report = report_link(
            "mailto:kaart@lindenhoven.example",
            "Taalcafé",
            "t1",
            "Klopt er iets niet",
        )
        .unwrap();
        assert!(
            report.starts_with("mailto:kaart@lindenhoven.example?subject=Klopt%20er"),
            "{report}"
        );
        assert_eq!(
            report_link("https://lindenhoven.example/melden?x=1", "A", "a b", "s").as_deref(),
            Some("https://lindenhoven.example/melden?x=1&dienst=a%20b")
        );
        assert_eq!(report_link("javascript:alert(1)", "A", "a", "s"), None);
        assert_eq!(report_link("http://insecure.example", "A", "a", "s"), None);
        assert_eq!(report_link("mailto:a@b.nl?bcc=x", "A", "a", "s"), None);
    }

    #[test]
    fn tel_links_keep_digits_and_a_leading_plus() {
        assert_eq!(
            tel_link("0341 - 12 34 56").as_deref(),
            Some("tel:0341123456")
        );
        assert_eq!(
            tel_link("+31 (0)6 1234 5678").as_deref(),
            Some("tel:+31612345678")
        );
        assert_eq!(tel_link("112").as_deref(), Some("tel:112"));
        assert_eq!(
            tel_link("\"+44 1234 234567\"").as_deref(),
            Some("tel:+441234234567")
        );
        assert_eq!(tel_link("bel ons"), None);
        assert_eq!(tel_link("12"), None);
        assert_eq!(tel_link("06-1234;javascript:x"), None);
    }

    #[test]
    fn mail_links_refuse_header_injection() {
        assert_eq!(
            mail_link("info@lindenhoven.nl").as_deref(),
            Some("mailto:info@lindenhoven.nl")
        );
        assert_eq!(mail_link("a@b.nl?bcc=x@y.nl"), None);
        assert_eq!(mail_link("a b@c.nl"), None);
        assert_eq!(mail_link("a@b@c.nl"), None);
        assert_eq!(mail_link("<a@b.nl>"), None);
        assert_eq!(mail_link("geen-adres"), None);
    }
}
