//! The server's headers, checked on a folder with a page, a wasm file and its compressed copies.

use std::fs;

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use tower::ServiceExt;

use super::live::store::Store;
use super::live::{Live, Settings};
use super::{Root, Router};

/// The whole app over `dir`, with live sessions in memory.
pub(crate) async fn app_over(dir: &std::path::Path) -> Router {
    let store = Store::open("sqlite::memory:")
        .await
        .expect("an in-memory store");
    super::app(
        Root::new(dir).unwrap(),
        Live::new(store, Settings::default())
            .await
            .expect("the live sessions start"),
    )
}

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
    app_over(dir.path())
        .await
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

/// A status and the `Location` header, if any.
async fn status_of(dir: &tempfile::TempDir, method: &str, path: &str) -> (StatusCode, String) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::empty())
        .unwrap();
    let response = app_over(dir.path())
        .await
        .oneshot(request)
        .await
        .expect("a response");
    let location = header_of(&response, header::LOCATION).to_owned();
    (response.status(), location)
}

#[tokio::test]
async fn hidden_files_are_not_found_even_when_they_exist() {
    let dir = folder();
    fs::write(dir.path().join(".env"), "SECRET=1").unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join(".git/config"), "[core]").unwrap();
    for path in ["/.env", "/.git/config", "/%2eenv", "/.git/", "/sub/../.env"] {
        assert_eq!(
            status_of(&dir, "GET", path).await.0,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_double_slash_is_no_redirect_to_another_host() {
    let dir = folder();
    fs::create_dir(dir.path().join("wegwijs")).unwrap();
    let (status, location) = status_of(&dir, "GET", "//wegwijs").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(location, "");
    // A folder without its slash is still redirected, to a path on this host.
    let (status, location) = status_of(&dir, "GET", "/wegwijs").await;
    assert!(status.is_redirection(), "{status}");
    assert!(
        location.starts_with('/') && !location.starts_with("//"),
        "{location}"
    );
}

#[tokio::test]
async fn overlong_segments_and_paths_are_refused_cleanly() {
    let dir = folder();
    let segment = format!("/{}", "a".repeat(256));
    assert_eq!(
        status_of(&dir, "GET", &segment).await.0,
        StatusCode::NOT_FOUND
    );
    let path = "/a".repeat(1100);
    assert_eq!(
        status_of(&dir, "GET", &path).await.0,
        StatusCode::URI_TOO_LONG
    );
}

#[tokio::test]
async fn symlinks_out_of_the_root_are_not_followed() {
    let dir = folder();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "private").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("x")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("index.html"), dir.path().join("home.html"))
        .unwrap();
    assert_eq!(status_of(&dir, "GET", "/x").await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        status_of(&dir, "GET", "/elsewhere/secret.txt").await.0,
        StatusCode::NOT_FOUND
    );
    // A link that stays inside is an ordinary file.
    assert_eq!(status_of(&dir, "GET", "/home.html").await.0, StatusCode::OK);
}

/// Serves the test folder with `limits`, opens `count` connections that never finish their
/// headers, then times one normal request; returns how long it took and the slow streams.
async fn normal_request_among_slow_ones(
    limits: super::Limits,
    count: usize,
) -> (std::time::Duration, Vec<tokio::net::TcpStream>) {
    use std::time::{Duration, Instant};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    let dir = folder();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(super::listen::serve(
        listener,
        app_over(dir.path()).await,
        limits,
        std::future::pending(),
    ));
    let mut slow = Vec::new();
    for _ in 0..count {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .await
            .unwrap();
        slow.push(stream);
    }
    let started = Instant::now();
    let mut normal = TcpStream::connect(addr).await.unwrap();
    normal
        .write_all(b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), normal.read_to_end(&mut answer))
        .await
        .expect("the normal request is answered")
        .unwrap();
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    (started.elapsed(), slow)
}

#[tokio::test]
async fn slow_clients_are_cut_off_and_do_not_block_others() {
    use std::time::Duration;
    use tokio::io::AsyncReadExt;

    // More half-sent requests than there are connection slots.
    let limits = super::Limits {
        header_timeout: Duration::from_millis(500),
        connections: 64,
    };
    let (took, mut slow) = normal_request_among_slow_ones(limits, 300).await;
    assert!(took < Duration::from_secs(10), "{took:?}");
    // Closed means the read ends (end of stream, an error or a final 408), not that it hangs.
    let mut byte = [0u8; 256];
    let _ended = tokio::time::timeout(Duration::from_secs(5), slow[0].read(&mut byte))
        .await
        .expect("the server closes a connection whose headers never end");
}

#[tokio::test]
async fn five_hundred_half_open_connections_delay_a_normal_request_by_less_than_a_second() {
    let (took, _slow) = normal_request_among_slow_ones(super::Limits::default(), 500).await;
    assert!(took < std::time::Duration::from_secs(1), "{took:?}");
}
