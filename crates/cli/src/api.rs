//! `wegwijs import <URL>`: the services of an HSDS API, page by page, into one file.
//!
//! It asks `/services?page=N&per_page=P&full=true` for fully nested services; when the API
//! answers with bare ones (an id and a name, nothing nested) it fetches `/services/{id}` for
//! each. Every request is tried three times (with a pause that grows) when the network or
//! the server fails; a page that still fails stops the import with an error naming the page
//! and the address, so nothing is written half.

use std::thread::sleep;
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};

/// How often a request is tried before the import gives up.
const ATTEMPTS: u32 = 3;
/// More pages than this is an API that ignores `page`.
const MAX_PAGES: usize = 10_000;
/// Fields a fully nested service has at least one of.
const NESTED: [&str; 6] = [
    "service_at_locations",
    "phones",
    "schedules",
    "organization",
    "attributes",
    "contacts",
];

/// What an import brought in.
pub struct Fetched {
    /// The services, as the API gave them.
    pub services: Vec<Value>,
    /// How many list pages were read.
    pub pages: usize,
    /// How many services had to be fetched one by one.
    pub one_by_one: usize,
}

/// Reads every service from the HSDS API at `base` (its root, or its `/services` address),
/// `per_page` per page; `progress` hears about every page.
pub fn fetch_services(
    base: &str,
    per_page: u32,
    mut progress: impl FnMut(&str),
) -> Result<Fetched> {
    let services_url = services_url(base)?;
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut fetched = Fetched {
        services: Vec::new(),
        pages: 0,
        one_by_one: 0,
    };
    let mut previous_first_id = None;
    for page in 1..=MAX_PAGES {
        let address = format!("{services_url}?page={page}&per_page={per_page}&full=true");
        let body =
            get_json(&agent, &address).with_context(|| format!("page {page} ({address})"))?;
        let Some(contents) = body.get("contents").and_then(Value::as_array) else {
            bail!("page {page} ({address}) is not an HSDS service list page: it has no `contents` list");
        };
        let first_id = contents.first().and_then(|s| s.get("id")).cloned();
        if page > 1 && first_id.is_some() && first_id == previous_first_id {
            bail!(
                "page {page} ({address}) repeats page {}: the API seems to ignore `page`",
                page - 1
            );
        }
        previous_first_id = first_id;
        for service in contents {
            if is_bare(service) {
                let id = service.get("id").and_then(Value::as_str).ok_or_else(|| {
                    anyhow!("page {page} ({address}) has a service without an id")
                })?;
                let one = format!("{services_url}/{id}");
                let full =
                    get_json(&agent, &one).with_context(|| format!("service {id:?} ({one})"))?;
                fetched.services.push(full);
                fetched.one_by_one += 1;
            } else {
                fetched.services.push(service.clone());
            }
        }
        fetched.pages = page;
        let total_pages = body.get("total_pages").and_then(Value::as_u64);
        progress(&match total_pages {
            Some(total) => format!(
                "page {page} of {total}: {} services so far",
                fetched.services.len()
            ),
            None => format!("page {page}: {} services so far", fetched.services.len()),
        });
        let last = body.get("last_page").and_then(Value::as_bool) == Some(true)
            || total_pages.is_some_and(|total| page as u64 >= total)
            || contents.is_empty();
        if last {
            return Ok(fetched);
        }
    }
    bail!("more than {MAX_PAGES} pages: the API seems to ignore `page`")
}

/// The services as one HSDS service list page.
pub fn as_page(services: Vec<Value>) -> Value {
    json!({
        "total_items": services.len(),
        "total_pages": 1,
        "page_number": 1,
        "size": services.len(),
        "first_page": true,
        "last_page": true,
        "empty": services.is_empty(),
        "contents": services,
    })
}

/// `…/services` for an API root or a services address; only `http` and `https`.
fn services_url(base: &str) -> Result<String> {
    let base = base.trim().trim_end_matches('/');
    if !(base.starts_with("https://") || base.starts_with("http://")) {
        bail!("{base:?} is not an http(s) address of an HSDS API");
    }
    let base = base.split(['?', '#']).next().unwrap_or(base);
    Ok(if base.ends_with("/services") {
        base.to_owned()
    } else {
        format!("{base}/services")
    })
}

/// A service with no nested part: the API gave a summary, not the full object.
fn is_bare(service: &Value) -> bool {
    service.is_object() && !NESTED.iter().any(|key| service.get(key).is_some())
}

/// GET `address` as JSON, tried [`ATTEMPTS`] times when the network or the server fails.
fn get_json(agent: &ureq::Agent, address: &str) -> Result<Value> {
    let mut last_error = anyhow!("not tried");
    for attempt in 1..=ATTEMPTS {
        if attempt > 1 {
            sleep(Duration::from_millis(300 * 2u64.pow(attempt - 2)));
        }
        let mut response = match agent
            .get(address)
            .header("Accept", "application/json")
            .call()
        {
            Ok(response) => response,
            Err(error) => {
                last_error = anyhow!("cannot reach the API: {error}");
                continue;
            }
        };
        let status = response.status();
        if status.is_server_error() || status.as_u16() == 429 {
            last_error = anyhow!("the API answered {status}");
            continue;
        }
        if !status.is_success() {
            bail!("the API answered {status}; check the address");
        }
        let text = response
            .body_mut()
            .with_config()
            .limit(256 * 1024 * 1024)
            .read_to_string()
            .context("the answer could not be read")?;
        return serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|error| anyhow!("the answer is not JSON ({error})"));
    }
    Err(last_error.context(format!("after {ATTEMPTS} tries")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_services_address_is_found_from_the_root_or_given() {
        assert_eq!(
            services_url("https://api.example/hsds/").unwrap(),
            "https://api.example/hsds/services"
        );
        assert_eq!(
            services_url("http://x/services?page=2").unwrap(),
            "http://x/services"
        );
        assert!(services_url("ftp://x").is_err());
        assert!(services_url("api.example").is_err());
    }

    #[test]
    fn a_summary_is_bare_and_a_nested_service_is_not() {
        assert!(is_bare(&json!({"id": "a", "name": "A"})));
        assert!(!is_bare(&json!({"id": "a", "name": "A", "phones": []})));
    }
}
