//! A polite live region: screen readers announce its text when it changes.

use leptos::prelude::*;

/// A visually hidden `role="status"` region that screen readers read out when `text`
/// changes. Render it once, before its text first changes, so the change is announced.
#[component]
pub fn LiveRegion(
    /// The text to announce.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="ww-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || text.get()}
        </div>
    }
}
