//! Response headers that `ServeDir` leaves out: an `ETag` (with `304 Not Modified` for a
//! matching `If-None-Match`) and `charset=utf-8` on text types.

use std::hash::{DefaultHasher, Hash, Hasher};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Adds a weak `ETag` made of the file's length, modification time and encoding, and answers
/// `304 Not Modified` when the browser already holds that version.
pub async fn entity_tags(request: Request, next: Next) -> Response {
    let known = request.headers().get(header::IF_NONE_MATCH).cloned();
    let mut response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let Some(tag) = entity_tag(response.headers()) else {
        return response;
    };
    if known.is_some_and(|known| matches(&known, &tag)) {
        let mut not_modified = Response::new(Body::empty());
        *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
        for name in [header::CACHE_CONTROL, header::LAST_MODIFIED, header::VARY] {
            if let Some(value) = response.headers().get(&name) {
                not_modified.headers_mut().insert(name, value.clone());
            }
        }
        not_modified.headers_mut().insert(header::ETAG, tag);
        return not_modified;
    }
    response.headers_mut().insert(header::ETAG, tag);
    response
}

/// `W/"<length>-<hash of modification time and encoding>"`, for responses with both.
fn entity_tag(headers: &HeaderMap) -> Option<HeaderValue> {
    let length = headers.get(header::CONTENT_LENGTH)?.to_str().ok()?;
    let modified = headers.get(header::LAST_MODIFIED)?.as_bytes();
    let mut hasher = DefaultHasher::new();
    modified.hash(&mut hasher);
    headers
        .get(header::CONTENT_ENCODING)
        .map(HeaderValue::as_bytes)
        .hash(&mut hasher);
    HeaderValue::from_str(&format!("W/\"{length}-{:x}\"", hasher.finish())).ok()
}

/// Whether an `If-None-Match` value names `tag` (or is `*`); weak comparison.
fn matches(known: &HeaderValue, tag: &HeaderValue) -> bool {
    let Ok(known) = known.to_str() else {
        return false;
    };
    let bare = |value: &str| value.trim().trim_start_matches("W/").to_owned();
    let tag = bare(tag.to_str().unwrap_or_default());
    known
        .split(',')
        .any(|candidate| candidate.trim() == "*" || bare(candidate) == tag)
}

/// Adds `charset=utf-8` to text types (HTML, CSS, JavaScript, JSON, SVG) that lack one.
pub async fn text_charset(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let Some(kind) = response.headers().get(header::CONTENT_TYPE) else {
        return response;
    };
    let Ok(kind) = kind.to_str() else {
        return response;
    };
    let text = kind.starts_with("text/")
        || [
            "application/javascript",
            "application/json",
            "image/svg+xml",
        ]
        .iter()
        .any(|textual| kind.starts_with(textual));
    if text && !kind.contains("charset") {
        if let Ok(value) = HeaderValue::from_str(&format!("{kind}; charset=utf-8")) {
            response.headers_mut().insert(header::CONTENT_TYPE, value);
        }
    }
    response
}
