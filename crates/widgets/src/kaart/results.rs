//! The result list: count, order, cards, "show more", and an empty result that helps.

use leptos::prelude::*;

use wegwijs_text::order;

use super::app::{use_kaart, Layout, CARDS_PER_FRAME, PAGE};
use super::card::ServiceCard;
use super::filters::clear_filters;
use super::on_map::{LayoutSwitch, ResultMap};
use crate::i18n::use_i18n;
use crate::kit::LiveRegion;
use wegwijs_directory::links::page_link;

/// Count, order and cards.
#[component]
pub(crate) fn ResultList() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let sort_id = kaart.id("sorteer");
    let total = move || kaart.results.with(|r| r.total);
    let count = Signal::derive(move || i18n.t_count("kaart.count", total()));
    let corrected = move || kaart.results.with(|r| r.corrected.clone());
    let hits = move || {
        let ready = kaart.cards_ready.get();
        kaart
            .results
            .with(|r| r.hits.iter().take(ready).map(|h| h.doc).collect::<Vec<_>>())
    };
    // The cards not built yet follow, a few per frame.
    Effect::new(move |_| {
        let wanted = kaart.results.with(|r| r.hits.len());
        if kaart.cards_ready.get() < wanted {
            request_animation_frame(move || {
                kaart
                    .cards_ready
                    .try_update(|ready| *ready += CARDS_PER_FRAME);
            });
        }
    });
    // The total counts copies of an offer elsewhere, which a card shows with its original.
    let remaining = move || {
        let shown: usize = kaart
            .results
            .with(|r| r.hits.iter().map(|hit| 1 + hit.copies.len()).sum());
        total().saturating_sub(shown)
    };
    let sort_value = move || {
        if kaart.nearest_first.get() && kaart.place.with(Option::is_some) {
            "distance"
        } else if kaart.view.with(|v| v.informal_first) {
            "informal"
        } else {
            "relevance"
        }
    };
    let on_sort = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        kaart.nearest_first.set(value == "distance");
        kaart
            .view
            .update(|v| v.informal_first = value == "informal");
    };
    view! {
        <div class="ww-results-area">
            <LiveRegion text=count />
            <div class="ww-summary">
                <p class="ww-count" aria-hidden="true">{move || count.get()}</p>
                {move || corrected().map(|words| view! {
                    <p class="ww-corrected">{i18n.t_with("search.corrected", &[("words", &words)])}</p>
                })}
                <Show when=move || kaart.shortlist.with(|list| !list.is_empty())>
                    <button type="button" class="ww-link-button ww-to-list" on:click=move |_| kaart.focus("lijstje")>
                        {move || i18n.t_with("results.to-list", &[("count", &kaart.shortlist.with(Vec::len).to_string())])}
                    </button>
                </Show>
                <div class="ww-sort">
                    <label for=sort_id.clone()>{i18n.t("sort.label")}</label>
                    <select id=sort_id class="ww-select" on:change=on_sort prop:value=sort_value>
                        <option value="relevance">{i18n.t("sort.relevance")}</option>
                        <option value="informal">{i18n.t("sort.informal")}</option>
                        {move || kaart.place.with(Option::is_some).then(|| view! {
                            <option value="distance">{i18n.t("sort.distance")}</option>
                        })}
                    </select>
                </div>
            </div>
            <LayoutSwitch />
            <Show when=move || kaart.results.with(|r| r.vague)>
                <VagueQuestion />
            </Show>
            <Show when=move || total() == 0>
                <EmptyResults />
            </Show>
            <Show
                when=move || kaart.layout.get() == Layout::List
                fallback=|| view! { <ResultMap /> }
            >
                <ul class="ww-results" role="list">
                    <For each=hits key=|doc| *doc let:doc>
                        <ServiceCard doc />
                    </For>
                </ul>
                <Show when=move || { remaining() > 0 }>
                    <button type="button" class="ww-button ww-button-secondary ww-more" on:click=move |_| {
                        kaart.shown.update(|shown| *shown += PAGE);
                    }>
                        {move || i18n.t_count("results.more", remaining())}
                    </button>
                </Show>
            </Show>
        </div>
    }
    .into_any()
}

/// A question without meaningful words: how to ask, and where to go with any question (the
/// list below shows the neighbourhood teams).
#[component]
fn VagueQuestion() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let guide = kaart
        .guide_page
        .get_value()
        .and_then(|page| page_link(&page));
    view! {
        <div class="ww-empty">
            <p class="ww-empty-title">{i18n.t("results.vague.title")}</p>
            <p>{i18n.t("results.vague.body")}</p>
            {guide.map(|href| view! { <p><a href=href>{i18n.t("results.vague.guide")}</a></p> })}
        </div>
    }
}

/// No results: what to try, and the neighbourhood team who can always help.
#[component]
fn EmptyResults() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let has_filters = move || kaart.view.with(|v| v.has_filters());
    let teams = move || {
        let near = kaart.place.get().map(|p| p.point);
        kaart.map.with_value(|map| {
            let services = map.index.services();
            let mut teams: Vec<(u32, f64)> = map
                .index
                .neighbourhood_teams()
                .iter()
                .map(|&doc| {
                    let distance = near
                        .zip(services[doc as usize].point())
                        .map_or(f64::MAX, |(a, b)| a.distance_km(b));
                    (doc, distance)
                })
                .collect();
            order::sort_by(&mut teams, |a, b| a.1.total_cmp(&b.1));
            teams
                .into_iter()
                .take(2)
                .map(|(doc, _)| doc)
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="ww-empty">
            <p class="ww-empty-title">
                {move || if has_filters() { i18n.t("empty.title-filters") } else { i18n.t("empty.title") }}
            </p>
            <ul class="ww-tips">
                <Show when=has_filters>
                    <li>
                        {i18n.t("empty.filters")}" "
                        <button type="button" class="ww-link-button" on:click=move |_| kaart.view.update(clear_filters)>
                            {i18n.t("filter.clear")}
                        </button>
                    </li>
                </Show>
                <li>{i18n.t("empty.other-words")}</li>
                <li>{i18n.t("empty.team")}</li>
            </ul>
            <ul class="ww-results" role="list">
                {move || teams().into_iter().map(|doc| view! { <ServiceCard doc /> }).collect_view()}
            </ul>
        </div>
    }
}
