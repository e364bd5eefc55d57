//! Loading the data files a widget is configured with.
//!
//! Requests carry no cookies and no referrer: the widget only fetches its own data files and
//! tells nobody which page the resident is on.

use std::fmt;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReferrerPolicy, RequestCredentials, RequestInit, Response};

/// Why a data file could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// No answer: offline, server down, blocked by CORS or CSP.
    Network(String),
    /// The server answered with an HTTP error status.
    Status(u16),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network(message) => write!(f, "no answer from the server: {message}"),
            Self::Status(status) => write!(f, "the server answered HTTP {status}"),
        }
    }
}

/// Fetches `url` (relative to the page); fails on network errors and HTTP errors.
async fn fetch_ok(url: &str) -> Result<Response, FetchError> {
    let window = web_sys::window().ok_or_else(|| FetchError::Network("no window".into()))?;
    let init = RequestInit::new();
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(network_error)?;
    let response: Response = response.dyn_into().map_err(network_error)?;
    if response.ok() {
        Ok(response)
    } else {
        Err(FetchError::Status(response.status()))
    }
}

/// What a JSON API answered: its status and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The body as text (JSON, or empty).
    pub body: String,
}

/// Sends a request to a JSON API: `method`, an optional JSON `body` and an optional bearer
/// key. Any HTTP status is an answer; only a missing answer is an error.
pub async fn call_api(
    method: &str,
    url: &str,
    body: Option<&str>,
    bearer: Option<&str>,
) -> Result<ApiAnswer, FetchError> {
    let window = web_sys::window().ok_or_else(|| FetchError::Network("no window".into()))?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    let headers = web_sys::Headers::new().map_err(network_error)?;
    if let Some(body) = body {
        headers
            .set("Content-Type", "application/json")
            .map_err(network_error)?;
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    if let Some(key) = bearer {
        headers
            .set("Authorization", &format!("Bearer {key}"))
            .map_err(network_error)?;
    }
    init.set_headers(&headers);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(network_error)?;
    let response: Response = response.dyn_into().map_err(network_error)?;
    let text = JsFuture::from(response.text().map_err(network_error)?)
        .await
        .map_err(network_error)?;
    Ok(ApiAnswer {
        status: response.status(),
        body: text.as_string().unwrap_or_default(),
    })
}

/// Fetches `url` (relative to the page) as text.
pub async fn fetch_text(url: &str) -> Result<String, FetchError> {
    let response = fetch_ok(url).await?;
    let text = JsFuture::from(response.text().map_err(network_error)?)
        .await
        .map_err(network_error)?;
    text.as_string()
        .ok_or_else(|| FetchError::Network("the answer is not text".into()))
}

/// Fetches `url` (relative to the page) as bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let response = fetch_ok(url).await?;
    let buffer = JsFuture::from(response.array_buffer().map_err(network_error)?)
        .await
        .map_err(network_error)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn network_error(error: wasm_bindgen::JsValue) -> FetchError {
    let message = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into());
    FetchError::Network(message)
}
