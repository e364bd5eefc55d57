//! A QR code drawn by the widget itself as SVG: no image service ever sees the link.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// Modules of white border around the code, as the QR standard asks.
const QUIET_ZONE: i32 = 4;

/// The SVG path of a QR code's dark modules for `text`, and the side of the square it is
/// drawn in (modules, border included); `None` when the text is too long for a QR code.
pub fn qr_path(text: &str) -> Option<(String, i32)> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if code.get_module(x, y) {
                let start = x;
                while x < size && code.get_module(x, y) {
                    x += 1;
                }
                // One rectangle per run of dark modules in a row.
                path.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    Some((path, size + 2 * QUIET_ZONE))
}

/// A QR code for `text`, with `label` as its accessible name (say what scanning it does).
#[component]
pub fn QrImage(
    /// What the code holds (a link).
    text: String,
    /// The image's name for screen readers.
    label: String,
) -> impl IntoView {
    qr_path(&text).map(|(path, side)| {
        view! {
            <svg class="ww-qr" role="img" aria-label=label viewBox=format!("0 0 {side} {side}") shape-rendering="crispEdges">
                <rect width=side height=side fill="#fff" />
                <path d=path fill="#000" />
            </svg>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_becomes_a_square_of_runs() {
        let (path, side) =
            qr_path("https://www.lindenhoven.nl/samenwerkingsscan.html#scan?sessie=KMT4QA")
                .unwrap();
        assert!(side >= 21 + 2 * QUIET_ZONE);
        assert!(
            path.starts_with(&format!("M{QUIET_ZONE} {QUIET_ZONE}h7")),
            "the finder pattern comes first"
        );
        assert!(qr_path(&"x".repeat(5000)).is_none());
    }
}
