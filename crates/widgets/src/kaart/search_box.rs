//! The search box: answers as you type, with suggestions (ARIA combobox with a listbox).

use std::time::Duration;

use leptos::prelude::*;

use super::app::use_kaart;
use crate::browser;
use crate::i18n::use_i18n;

/// Pause after the last keystroke before searching: typing stays smooth.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// Most suggestions shown.
const SUGGESTIONS: usize = 6;

/// The search box.
#[component]
pub(crate) fn SearchBox() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let input_id = kaart.id("zoek");
    let hint_id = kaart.id("zoek-hint");
    let list_id = kaart.id("suggesties");
    let suggestions = RwSignal::new(Vec::<String>::new());
    let active = RwSignal::new(None::<usize>);
    let expanded = RwSignal::new(false);
    let timer = StoredValue::new(None::<TimeoutHandle>);

    let search_now = move |text: String| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        kaart.view.update(|view| {
            view.text = text;
            view.service = None;
        });
    };
    let on_typing = move |text: String| {
        kaart.typed.set(text.clone());
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let found = kaart
                    .map
                    .with_value(|map| map.index.suggest(&text, SUGGESTIONS));
                expanded.set(!found.is_empty());
                suggestions.set(found);
                active.set(None);
                kaart.view.update(|view| view.text = text);
            },
            DEBOUNCE,
        );
        timer.set_value(handle.ok());
    };
    // Reading words needs tables that the first results do not: they are made, in a task of
    // their own, when the resident comes to the search box (the first search with words would
    // make them otherwise). Not at start, where they would hold up a phone's first taps.
    let on_focus = move |_| {
        set_timeout(
            move || {
                kaart
                    .map
                    .try_with_value(|map| map.index.prepare_text_search());
            },
            std::time::Duration::ZERO,
        );
    };
    let pick = move |text: String| {
        kaart.typed.set(text.clone());
        expanded.set(false);
        active.set(None);
        search_now(text);
    };
    let option_id = {
        let list_id = list_id.clone();
        move |index: usize| format!("{list_id}-{index}")
    };
    let active_descendant = {
        let option_id = option_id.clone();
        move || active.get().filter(|_| expanded.get()).map(&option_id)
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        let count = suggestions.with(Vec::len);
        match event.key().as_str() {
            "ArrowDown" if count > 0 => {
                event.prevent_default();
                expanded.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                event.prevent_default();
                expanded.set(true);
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" => {
                event.prevent_default();
                match active.get().filter(|_| expanded.get()) {
                    Some(index) => pick(suggestions.with(|s| s[index].clone())),
                    None => {
                        expanded.set(false);
                        search_now(kaart.typed.get());
                        browser::reveal(kaart.container, ".ww-summary".to_owned());
                    }
                }
            }
            "Escape" if expanded.get() => {
                event.prevent_default();
                expanded.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    view! {
        <form class="ww-search" role="search" on:submit=move |event| {
            event.prevent_default();
            expanded.set(false);
            search_now(kaart.typed.get());
            browser::reveal(kaart.container, ".ww-summary".to_owned());
        }>
            <label class="ww-search-label" for=input_id.clone()>{i18n.t("search.label")}</label>
            <p class="ww-hint" id=hint_id.clone()>{i18n.t("search.hint")}</p>
            <div class="ww-combobox">
                <input
                    id=input_id
                    class="ww-input"
                    type="search"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=list_id.clone()
                    aria-expanded=move || if expanded.get() { "true" } else { "false" }
                    aria-activedescendant=active_descendant
                    aria-describedby=hint_id
                    prop:value=move || kaart.typed.get()
                    on:input=move |event| on_typing(event_target_value(&event))
                    on:keydown=on_keydown
                    on:focus=on_focus
                    on:blur=move |_| expanded.set(false)
                />
                <ul
                    id=list_id
                    class="ww-suggestions"
                    role="listbox"
                    aria-label=i18n.t("search.suggestions")
                    hidden=move || !expanded.get()
                >
                    {move || {
                        suggestions
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(index, text)| {
                                let chosen = text.clone();
                                view! {
                                    <li
                                        id=option_id(index)
                                        role="option"
                                        class="ww-suggestion"
                                        aria-selected=move || if active.get() == Some(index) { "true" } else { "false" }
                                        on:mousedown=move |event| {
                                            event.prevent_default();
                                            pick(chosen.clone());
                                        }
                                    >
                                        {text}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
            <button type="submit" class="ww-button">{i18n.t("search.button")}</button>
        </form>
    }
    .into_any()
}
