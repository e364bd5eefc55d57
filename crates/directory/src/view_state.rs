//! What the social map shows, written into a link (`#kaart?q=schulden&d=geld`) so a result
//! list or a service can be bookmarked and shared. The resident's location is never written.

use serde::{Deserialize, Serialize};

use crate::profile::{Domain, Level, TargetGroup};
use crate::search::{Filters, Sort};
use crate::time::LocalDateTime;

/// The fragment prefix that marks the social map's part of a URL.
pub const FRAGMENT_PREFIX: &str = "kaart?";

/// The shareable part of what the social map shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewState {
    /// The words in the search box.
    pub text: String,
    /// Chosen life domains.
    pub domains: Vec<Domain>,
    /// Chosen target groups.
    pub groups: Vec<TargetGroup>,
    /// Chosen provision levels (workers).
    #[serde(default)]
    pub levels: Vec<Level>,
    /// Only free services.
    pub free: bool,
    /// Only services without referral.
    pub no_referral: bool,
    /// Only services open now.
    pub open_now: bool,
    /// Informal help first instead of best match first.
    pub informal_first: bool,
    /// The service whose details are open.
    pub service: Option<String>,
}

impl ViewState {
    /// The filters for this state; "open now" is evaluated at `now`.
    pub fn filters(&self, now: LocalDateTime) -> Filters {
        Filters {
            domains: self.domains.clone(),
            target_groups: self.groups.clone(),
            levels: self.levels.clone(),
            free: self.free,
            no_referral: self.no_referral,
            open_at: self.open_now.then_some(now),
            ..Filters::default()
        }
    }

    /// The sort order chosen.
    pub fn sort(&self) -> Sort {
        if self.informal_first {
            Sort::InformalFirst
        } else {
            Sort::Relevance
        }
    }

    /// Whether any filter is on.
    pub fn has_filters(&self) -> bool {
        !self.domains.is_empty()
            || !self.groups.is_empty()
            || !self.levels.is_empty()
            || self.free
            || self.no_referral
            || self.open_now
    }

    /// The URL fragment (without `#`), e.g. `kaart?q=geld%20zorgen&d=geld&gratis=1`.
    pub fn to_fragment(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.text.trim().is_empty() {
            pairs.push(("q", self.text.trim().to_owned()));
        }
        let codes = |codes: Vec<&str>| codes.join(",");
        if !self.domains.is_empty() {
            pairs.push(("d", codes(self.domains.iter().map(|d| d.code()).collect())));
        }
        if !self.groups.is_empty() {
            pairs.push(("g", codes(self.groups.iter().map(|g| g.code()).collect())));
        }
        if !self.levels.is_empty() {
            pairs.push((
                "soort",
                codes(self.levels.iter().map(|l| l.code()).collect()),
            ));
        }
        for (key, on) in [
            ("gratis", self.free),
            ("zonder-verwijzing", self.no_referral),
            ("nu-open", self.open_now),
            ("informeel-eerst", self.informal_first),
        ] {
            if on {
                pairs.push((key, "1".into()));
            }
        }
        if let Some(service) = &self.service {
            pairs.push(("dienst", service.clone()));
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(key, value)| format!("{key}={}", encode(value)))
            .collect();
        format!("{FRAGMENT_PREFIX}{}", query.join("&"))
    }

    /// Reads a fragment written by [`ViewState::to_fragment`] (with or without `#`); unknown
    /// keys and values are ignored. `None` when the fragment is not the social map's.
    pub fn from_fragment(fragment: &str) -> Option<Self> {
        let query = fragment
            .trim_start_matches('#')
            .strip_prefix(FRAGMENT_PREFIX)?;
        let mut state = Self::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            let list = || value.split(',').map(str::to_owned).collect::<Vec<_>>();
            match key {
                "q" => state.text = value.chars().take(200).collect(),
                "d" => state.domains = list().iter().filter_map(|c| Domain::from_code(c)).collect(),
                "g" => {
                    state.groups = list()
                        .iter()
                        .filter_map(|c| TargetGroup::from_code(c))
                        .collect()
                }
                "soort" => {
                    state.levels = list().iter().filter_map(|c| Level::from_code(c)).collect()
                }
                "gratis" => state.free = value == "1",
                "zonder-verwijzing" => state.no_referral = value == "1",
                "nu-open" => state.open_now = value == "1",
                "informeel-eerst" => state.informal_first = value == "1",
                "dienst" if !value.is_empty() => {
                    state.service = Some(value.chars().take(200).collect())
                }
                _ => {}
            }
        }
        Some(state)
    }
}

/// Percent-encodes everything but unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes percent-encoding (and `+` as space); malformed escapes are kept as text.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz");
                match u8::from_str_radix(hex, 16) {
                    Ok(byte) => {
                        out.push(byte);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_state_round_trips_through_the_fragment() {
        let state = ViewState {
            text: "ik kan mijn huur niet betalen & meer".into(),
            domains: vec![Domain::Geld, Domain::Wonen],
            groups: vec![TargetGroup::Ouderen],
            levels: vec![Level::Informeel, Level::Maatwerk],
            free: true,
            no_referral: false,
            open_now: true,
            informal_first: true,
            service: Some("schuldhulp-maatje".into()),
        };
        let fragment = state.to_fragment();
        assert!(fragment.starts_with("kaart?q=ik%20kan"), "{fragment}");
        assert_eq!(
            ViewState::from_fragment(&format!("#{fragment}")),
            Some(state)
        );
    }

    #[test]
    fn foreign_and_hostile_fragments_are_handled() {
        assert_eq!(ViewState::from_fragment("#inhoud"), None);
        let state = ViewState::from_fragment(
            "#kaart?d=geld,geluk&q=%3Cscript%3E&x=1&dienst=&gratis=ja&q2=%zz",
        )
        .unwrap();
        assert_eq!(state.domains, [Domain::Geld]);
        assert_eq!(state.text, "<script>");
        assert!(!state.free);
        assert_eq!(state.service, None);
        assert_eq!(
            ViewState::from_fragment("kaart?"),
            Some(ViewState::default())
        );
    }

    proptest! {
        #[test]
        fn any_fragment_is_safe_and_text_round_trips(fragment in "\\PC{0,100}", text in "\\PC{0,60}") {
            let _ = ViewState::from_fragment(&fragment);
            let state = ViewState { text: text.trim().to_owned(), ..ViewState::default() };
            let back = ViewState::from_fragment(&state.to_fragment()).unwrap();
            prop_assert_eq!(back.text, state.text.chars().take(200).collect::<String>());
        }
    }
}
