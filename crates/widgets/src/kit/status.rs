//! Loading and error states that tell the user what is going on, in plain words.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Shown while data loads: a calm message with a progress animation that respects
/// "reduce motion".
#[component]
pub fn Loading(
    /// What is loading, e.g. "De sociale kaart wordt geladen…".
    label: String,
) -> impl IntoView {
    view! {
        <div class="ww-loading" role="status">
            <span class="ww-spinner" aria-hidden="true"></span>
            <span>{label}</span>
        </div>
    }
}

/// An error the user can understand: what happened, what to do, and, folded away, the
/// technical details a web team needs. The host page's own content inside the element (its
/// fallback, such as a phone number) stays visible under it, through a `<slot>`.
#[component]
pub fn ErrorNotice(
    /// What happened, in a few words.
    title: String,
    /// What it means and what to do.
    body: String,
    /// Technical details for the web team, shown folded.
    #[prop(default = None)]
    details: Option<String>,
    /// Offers a "try again" button when given.
    #[prop(default = None)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="ww-error" role="alert">
            <p class="ww-error-title">{title}</p>
            <p>{body}</p>
            {on_retry.map(|retry| view! {
                <button type="button" class="ww-button" on:click=move |_| retry.run(())>
                    {i18n.t("common.retry")}
                </button>
            })}
            {details.map(|details| view! {
                <details class="ww-error-details">
                    <summary>{i18n.t("common.technical-details")}</summary>
                    <p>{details}</p>
                </details>
            })}
        </div>
        <div class="ww-fallback">
            <slot></slot>
        </div>
    }
}
