//! Filter chips: life domains, what matters (free, no referral, open now) and for whom.
//! Chosen filters are listed and each can be removed.

use leptos::prelude::*;
use wegwijs_directory::search::Facets;
use wegwijs_directory::view_state::ViewState;
use wegwijs_directory::{Domain, Level, TargetGroup};

use super::app::{use_kaart, Kaart};
use super::card::level_key;
use super::icons::DomainIcon;
use super::Mode;
use crate::i18n::{use_i18n, I18n};
use crate::kit::built_later;

/// The label of a life domain in the widget's language, from the map's vocabulary.
pub(crate) fn domain_label(kaart: Kaart, i18n: I18n, domain: Domain) -> String {
    kaart
        .map
        .with_value(|map| map.index.vocabulary().domain_label(domain, i18n.lang()))
}

/// The i18n key of a target group's label.
pub(crate) fn group_key(group: TargetGroup) -> &'static str {
    match group {
        TargetGroup::Jeugd => "group.jeugd",
        TargetGroup::Ouders => "group.ouders",
        TargetGroup::Volwassenen => "group.volwassenen",
        TargetGroup::Ouderen => "group.ouderen",
        TargetGroup::Mantelzorgers => "group.mantelzorgers",
        TargetGroup::Nieuwkomers => "group.nieuwkomers",
    }
}

/// A yes/no filter of the view.
#[derive(Clone, Copy)]
struct Toggle {
    key: &'static str,
    get: fn(&ViewState) -> bool,
    set: fn(&mut ViewState, bool),
    /// How many results it would give.
    count: fn(&Facets) -> usize,
}

const TOGGLES: [Toggle; 3] = [
    Toggle {
        key: "filter.free",
        get: |v| v.free,
        set: |v, on| v.free = on,
        count: |f| f.free,
    },
    Toggle {
        key: "filter.no-referral",
        get: |v| v.no_referral,
        set: |v, on| v.no_referral = on,
        count: |f| f.no_referral,
    },
    Toggle {
        key: "filter.open-now",
        get: |v| v.open_now,
        set: |v, on| v.open_now = on,
        count: |f| f.open.unwrap_or_default(),
    },
];

/// A toggle button that shows its state with `aria-pressed` and a check mark.
#[component]
fn Chip(
    /// The visible label.
    label: String,
    /// Whether the filter is on.
    #[prop(into)]
    pressed: Signal<bool>,
    /// How many results it would give.
    #[prop(into)]
    count: Signal<usize>,
    /// Turns it on or off.
    on_toggle: Callback<()>,
    /// An optional icon.
    #[prop(optional)]
    icon: Option<Domain>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="ww-chip"
            aria-pressed=move || if pressed.get() { "true" } else { "false" }
            on:click=move |_| on_toggle.run(())
        >
            <span class="ww-chip-check" aria-hidden="true">{move || if pressed.get() { "✓" } else { "" }}</span>
            {icon.map(|domain| view! { <DomainIcon domain /> })}
            <span class="ww-chip-label">{label}</span>
            <span class="ww-chip-count">{move || count.get()}</span>
        </button>
    }
}

/// All filters, and the chosen ones with a remove button each.
#[component]
pub(crate) fn FilterBar() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let view = kaart.view;
    let chips_ready = built_later();
    let active_count = move || {
        view.with(|v| {
            v.domains.len()
                + v.groups.len()
                + v.levels.len()
                + TOGGLES.iter().filter(|t| (t.get)(v)).count()
        })
    };
    let chosen = move || {
        let state = view.get();
        let mut items: Vec<(String, Callback<()>)> = Vec::new();
        for domain in state.domains.clone() {
            items.push((
                domain_label(kaart, i18n, domain),
                Callback::new(move |()| view.update(|v| v.domains.retain(|d| *d != domain))),
            ));
        }
        for group in state.groups.clone() {
            items.push((
                i18n.t(group_key(group)),
                Callback::new(move |()| view.update(|v| v.groups.retain(|g| *g != group))),
            ));
        }
        for level in state.levels.clone() {
            items.push((
                i18n.t(level_key(level)),
                Callback::new(move |()| view.update(|v| v.levels.retain(|l| *l != level))),
            ));
        }
        for toggle in TOGGLES.iter().filter(|t| (t.get)(&state)) {
            let set = toggle.set;
            items.push((
                i18n.t(toggle.key),
                Callback::new(move |()| view.update(|v| set(v, false))),
            ));
        }
        items
    };

    view! {
        <div class="ww-filters">
            <details class="ww-filter-panel">
                <summary class="ww-filter-summary">
                    {i18n.t("filter.title")}
                    {move || match active_count() {
                        0 => String::new(),
                        n => format!(" ({})", i18n.t_count("filter.active", n)),
                    }}
                </summary>
                // Closed at first: its chips are built just after the first screen.
                <Show when=move || chips_ready.get()>
                    <FilterChips />
                </Show>
            </details>
            <Show when=move || { active_count() > 0 }>
                <div class="ww-chosen" role="group" aria-label=i18n.t("filter.chosen")>
                    <span class="ww-chosen-label" aria-hidden="true">{i18n.t("filter.chosen")}</span>
                    <ul class="ww-chosen-list" role="list">
                        {move || chosen()
                            .into_iter()
                            .map(|(label, remove)| {
                                let aria = i18n.t_with("filter.remove", &[("filter", &label)]);
                                view! {
                                    <li>
                                        <button type="button" class="ww-chosen-chip" aria-label=aria on:click=move |_| remove.run(())>
                                            {label}<span aria-hidden="true">" ×"</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <button type="button" class="ww-link-button" on:click=move |_| view.update(clear_filters)>
                        {i18n.t("filter.clear")}
                    </button>
                </div>
            </Show>
        </div>
    }
    .into_any()
}

/// The chips of the filter panel, each with how many results it would give.
#[component]
fn FilterChips() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let view = kaart.view;
    let domain_chips = Domain::ALL
        .iter()
        .map(|&domain| {
            let count = Signal::derive(move || {
                kaart.results.with(|r| r.facets.domains.iter().find(|(d, _)| *d == domain).map_or(0, |(_, n)| *n))
            });
            view! {
                <Chip
                    label=domain_label(kaart, i18n, domain)
                    icon=domain
                    pressed=Signal::derive(move || view.with(|v| v.domains.contains(&domain)))
                    count
                    on_toggle=Callback::new(move |()| view.update(|v| toggle(&mut v.domains, domain)))
                />
            }
        })
        .collect_view();
    let toggle_chips = TOGGLES
        .iter()
        .map(|&toggle| {
            let count = Signal::derive(move || kaart.results.with(|r| (toggle.count)(&r.facets)));
            view! {
                <Chip
                    label=i18n.t(toggle.key)
                    pressed=Signal::derive(move || view.with(|v| (toggle.get)(v)))
                    count
                    on_toggle=Callback::new(move |()| view.update(|v| {
                        let on = !(toggle.get)(v);
                        (toggle.set)(v, on);
                    }))
                />
            }
        })
        .collect_view();
    let group_chips = list_chips(
        kaart,
        TargetGroup::ALL,
        move |group| i18n.t(group_key(group)),
        |f| &f.target_groups,
        |v| &v.groups,
        |v| &mut v.groups,
    );
    // Workers choose by provision level too.
    let level_chips = (kaart.mode == Mode::Worker).then(|| {
        let chips = list_chips(
            kaart,
            Level::ALL,
            move |level| i18n.t(level_key(level)),
            |f| &f.levels,
            |v| &v.levels,
            |v| &mut v.levels,
        );
        chip_group(i18n.t("filter.levels"), chips)
    });
    view! {
        {chip_group(i18n.t("filter.domains"), domain_chips)}
        {chip_group(i18n.t("filter.important"), toggle_chips)}
        {chip_group(i18n.t("filter.groups"), group_chips)}
        {level_chips}
    }
}

/// A named group of chips.
fn chip_group(legend: String, chips: impl IntoView) -> impl IntoView {
    view! {
        <fieldset class="ww-chip-group">
            <legend>{legend}</legend>
            <div class="ww-chips">{chips}</div>
        </fieldset>
    }
}

/// The chips of a closed vocabulary the view keeps a list of (target groups, provision
/// levels): one per value, pressed when chosen, counted by its facet.
fn list_chips<T: Copy + PartialEq + Send + Sync + 'static>(
    kaart: Kaart,
    values: &'static [T],
    label: impl Fn(T) -> String,
    facet: fn(&Facets) -> &[(T, usize)],
    chosen: fn(&ViewState) -> &[T],
    choose: fn(&mut ViewState) -> &mut Vec<T>,
) -> impl IntoView {
    let view = kaart.view;
    values
        .iter()
        .map(|&value| {
            let count = Signal::derive(move || {
                kaart.results.with(|r| {
                    facet(&r.facets)
                        .iter()
                        .find(|(v, _)| *v == value)
                        .map_or(0, |(_, n)| *n)
                })
            });
            view! {
                <Chip
                    label=label(value)
                    pressed=Signal::derive(move || view.with(|v| chosen(v).contains(&value)))
                    count
                    on_toggle=Callback::new(move |()| view.update(|v| toggle(choose(v), value)))
                />
            }
        })
        .collect_view()
}

/// Takes every filter off; the words and the order stay.
pub(crate) fn clear_filters(view: &mut ViewState) {
    view.domains.clear();
    view.groups.clear();
    view.levels.clear();
    for toggle in TOGGLES {
        (toggle.set)(view, false);
    }
}

fn toggle<T: PartialEq>(items: &mut Vec<T>, item: T) {
    if let Some(position) = items.iter().position(|i| *i == item) {
        items.remove(position);
    } else {
        items.push(item);
    }
}
