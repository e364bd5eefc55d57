//! The server's headers, checked on a folder with a page, a wasm file and its compressed copies.

use std::fs;

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use tower::ServiceExt;

use super::app;

/// A folder like the bundle: `app.wasm` with `.br` and `.gz` copies, and a page without any.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    fs::write(dir.path().join("index.html"), "<!doctype html><p>Hallo</p>").unwrap();
    fs::write(dir.path().join("app.wasm"), b"\0asm plain").unwrap();
    fs::write(dir.path().join("app.wasm.br"), b"brotli bytes").unwrap();
    fs::write(dir.path().join("app.wasm.gz"), b"gzip bytes").unwrap();
    dir
}

async fn get(dir: &tempfile::TempDir, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app(dir.path().to_path_buf())
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .expect("a response")
}

async fn body(response: Response) -> Vec<u8> {
    to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec()
}

fn header_of(response: &Response, name: header::HeaderName) -> &str {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().unwrap())
        .unwrap_or("")
}

#[tokio::test]
async fn sends_the_brotli_copy_to_browsers_that_accept_it() {
    let dir = folder();
    let response = get(
        &dir,
        "/app.wasm",
        &[("accept-encoding", "gzip, deflate, br")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_of(&response, header::CONTENT_ENCODING), "br");
    assert_eq!(
        header_of(&response, header::CONTENT_TYPE),
        "application/wasm"
    );
    assert!(header_of(&response, header::VARY).contains("accept-encoding"));
    assert_eq!(body(response).await, b"brotli bytes");
}

#[tokio::test]
async fn sends_gzip_or_the_plain_file_to_other_browsers() {
    let dir = folder();
    let gzip = get(&dir, "/app.wasm", &[("accept-encoding", "gzip")]).await;
    assert_eq!(header_of(&gzip, header::CONTENT_ENCODING), "gzip");
    assert_eq!(body(gzip).await, b"gzip bytes");
    let plain = get(&dir, "/app.wasm", &[]).await;
    assert_eq!(header_of(&plain, header::CONTENT_ENCODING), "");
    assert!(header_of(&plain, header::VARY).contains("accept-encoding"));
    assert_eq!(body(plain).await, b"\0asm plain");
}

#[tokio::test]
async fn text_says_its_charset_and_keeps_the_security_headers() {
    let dir = folder();
    let page = get(&dir, "/", &[]).await;
    assert_eq!(
        header_of(&page, header::CONTENT_TYPE),
        "text/html; charset=utf-8"
    );
    assert!(header_of(&page, header::CONTENT_SECURITY_POLICY).contains("script-src 'self'"));
    assert_eq!(header_of(&page, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
}

#[tokio::test]
async fn a_known_version_is_answered_with_not_modified() {
    let dir = folder();
    let first = get(&dir, "/app.wasm", &[("accept-encoding", "br")]).await;
    let tag = header_of(&first, header::ETAG).to_owned();
    assert!(tag.starts_with("W/\""), "{tag}");
    let again = get(
        &dir,
        "/app.wasm",
        &[("accept-encoding", "br"), ("if-none-match", &tag)],
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header_of(&again, header::ETAG), tag);
    assert!(body(again).await.is_empty());

    // The gzip copy is another version of the file: it has its own tag.
    let gzip = get(
        &dir,
        "/app.wasm",
        &[("accept-encoding", "gzip"), ("if-none-match", &tag)],
    )
    .await;
    assert_eq!(gzip.status(), StatusCode::OK);
    assert_ne!(header_of(&gzip, header::ETAG), tag);
}

#[tokio::test]
async fn a_missing_file_is_not_found_without_a_tag() {
    let dir = folder();
    let missing = get(&dir, "/nothing.js", &[]).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(header_of(&missing, header::ETAG), "");
}
