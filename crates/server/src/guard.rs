//! What the server refuses before it looks for a file: other methods than GET and HEAD, paths
//! with hidden files (`/.env`, `/.git/config`), empty segments (`//host` would become an open
//! redirect), overlong segments and paths, and files that resolve outside the root (a symlink
//! to `/etc`). A refused path is an ordinary 404, so it tells nothing about what exists.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;

/// Longest path segment (file systems allow 255 bytes).
const MAX_SEGMENT: usize = 255;
/// Longest path: longer is `414 URI Too Long`.
const MAX_PATH: usize = 2048;

/// The folder served, resolved once at start.
#[derive(Debug, Clone)]
pub struct Root(Arc<PathBuf>);

impl Root {
    /// Resolves `folder` (symlinks, `..`) so that files can be checked against it.
    pub fn new(folder: &Path) -> std::io::Result<Self> {
        Ok(Self(Arc::new(folder.canonicalize()?)))
    }

    /// The resolved folder.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

/// Lets through only what may be served; see the module documentation.
pub async fn only_files_inside(State(root): State<Root>, request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = request.uri().path();
    if path.len() > MAX_PATH {
        return StatusCode::URI_TOO_LONG.into_response();
    }
    let Some(segments) = segments(path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !inside(root.path(), &segments).await {
        return StatusCode::NOT_FOUND.into_response();
    }
    next.run(request).await
}

/// The decoded segments of a path that may be served, or `None`.
fn segments(path: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix('/')?;
    let parts: Vec<&str> = rest.split('/').collect();
    let last = parts.len() - 1;
    let mut segments = Vec::with_capacity(parts.len());
    for (at, part) in parts.iter().enumerate() {
        // Only the last segment may be empty: a folder's trailing slash ("/" itself too).
        if part.is_empty() && at != last {
            return None;
        }
        let segment = percent_decode_str(part).decode_utf8().ok()?;
        let hidden = segment.starts_with('.');
        let unsafe_char = segment.contains(['/', '\\', '\0']);
        if hidden || unsafe_char || segment.len() > MAX_SEGMENT {
            return None;
        }
        if !segment.is_empty() {
            segments.push(segment.into_owned());
        }
    }
    Some(segments)
}

/// Whether the file (and what the file server may send for it: a folder's `index.html`, the
/// `.br` and `.gz` copies) stays inside the root once symlinks are resolved. A file that
/// does not exist is inside: the file server answers 404 for it.
async fn inside(root: &Path, segments: &[String]) -> bool {
    let file: PathBuf = segments
        .iter()
        .fold(root.to_path_buf(), |path, s| path.join(s));
    let mut candidates = vec![file.clone()];
    for suffix in [".br", ".gz"] {
        let mut copy = file.clone().into_os_string();
        copy.push(suffix);
        candidates.push(copy.into());
    }
    candidates.push(file.join("index.html"));
    for candidate in candidates {
        if let Ok(real) = tokio::fs::canonicalize(&candidate).await {
            if !real.starts_with(root) {
                return false;
            }
        }
    }
    true
}
