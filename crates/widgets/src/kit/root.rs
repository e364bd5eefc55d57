//! The root element every widget renders into.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

use crate::i18n::I18n;

/// The outer element of a widget: sets `lang` and `dir` from its texts, switches off page
/// translation (it corrupts framework-managed DOM; the widget has its own languages), and
/// makes the texts available to everything inside.
#[component]
pub fn WidgetRoot(
    /// The widget's texts.
    i18n: I18n,
    /// A class naming the widget, e.g. `ww-kaart`.
    class: &'static str,
    /// The widget.
    children: Children,
) -> impl IntoView {
    i18n.provide();
    view! {
        <div
            class=format!("ww-root {class}")
            lang=i18n.lang()
            dir=i18n.dir().as_str()
            translate="no"
        >
            {children()}
        </div>
    }
}

/// An id that is unique within this page, for `aria-labelledby` and friends.
pub fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
