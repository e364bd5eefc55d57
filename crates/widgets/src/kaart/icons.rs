//! Simple line icons for the life domains (decorative: the label always says it in words).

use leptos::prelude::*;
use wegwijs_directory::Domain;

/// SVG path data per domain, on a 24 × 24 grid.
fn path(domain: Domain) -> &'static str {
    match domain {
        Domain::Geld => "M4 7h16v10H4z M12 9.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5 M7 10v4 M17 10v4",
        Domain::Werk => "M3 8h18v11H3z M9 8V5h6v3 M3 13h18",
        Domain::Wonen => "M3 11l9-7 9 7 M5 10v10h14V10 M10 20v-6h4v6",
        Domain::Gezondheid => "M12 20s-8-5-8-11a4 4 0 0 1 8-1a4 4 0 0 1 8 1c0 6-8 11-8 11z M8 12h2l1-2 2 4 1-2h2",
        Domain::Psyche => "M12 3a7 7 0 0 0-7 7c0 3 2 4 2 7h10c0-3 2-4 2-7a7 7 0 0 0-7-7z M9 21h6",
        Domain::Verslaving => "M10 3h4v4l2 3v11H8V10l2-3z M8 14h8",
        Domain::Contact => "M8 11a3 3 0 1 0 0-6a3 3 0 1 0 0 6 M16 11a3 3 0 1 0 0-6a3 3 0 1 0 0 6 M2 20c0-3 3-5 6-5s6 2 6 5 M12 16c1-1 2-1 4-1c3 0 6 2 6 5",
        Domain::Gezin => "M7 9a3 3 0 1 0 0-6a3 3 0 1 0 0 6 M17 12a2 2 0 1 0 0-4a2 2 0 1 0 0 4 M2 21c0-4 2-8 5-8s5 4 5 8 M14 21c0-3 1-6 3-6s3 3 3 6",
        Domain::DagelijksLeven => "M3 12l9-8 9 8 M6 10v10h12V10 M9 15h6",
        Domain::Mantelzorg => "M12 21s-7-4-7-10a3.5 3.5 0 0 1 7-1a3.5 3.5 0 0 1 7 1c0 6-7 10-7 10z M3 14h3l3 3",
        Domain::Veiligheid => "M12 3l8 3v6c0 5-4 8-8 9c-4-1-8-4-8-9V6z M9 12l2 2 4-4",
        Domain::Zingeving => "M12 3v3 M12 18v3 M3 12h3 M18 12h3 M5.6 5.6l2.1 2.1 M16.3 16.3l2.1 2.1 M5.6 18.4l2.1-2.1 M16.3 7.7l2.1-2.1 M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8",
        Domain::Taal => "M4 5h16v11H10l-5 4v-4H4z M8 9h8 M8 12h5",
    }
}

/// The icon of a life domain, hidden from screen readers.
#[component]
pub fn DomainIcon(
    /// The domain.
    domain: Domain,
) -> impl IntoView {
    view! {
        <svg
            class="ww-icon"
            viewBox="0 0 24 24"
            width="24"
            height="24"
            aria-hidden="true"
            focusable="false"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linecap="round"
            stroke-linejoin="round"
        >
            <path d=path(domain) />
        </svg>
    }
}
