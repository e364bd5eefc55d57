//! For workers: how well the map covers each life domain per neighbourhood or target group,
//! where the blind spots are, and which entries have not been checked for over a year.

use leptos::prelude::*;
use wegwijs_directory::coverage::Coverage;

use wegwijs_text::order;

use crate::map::{MapData, Shade};
use wegwijs_directory::validate::STALE_AFTER_DAYS;

use super::app::use_kaart;
use super::filters::{domain_label, group_key};
use super::format;
use super::on_map::MapElement;
use crate::browser;
use crate::i18n::use_i18n;

/// The coverage overview, folded away until opened.
#[component]
pub(crate) fn CoverageOverview() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let by_group = RwSignal::new(false);
    let blind_below = kaart.blind_below;
    let name = kaart.id("dekking");
    let table_label = kaart.id("dekking-tabel");
    let coverage = move || {
        kaart.map.with_value(|map| {
            if by_group.get() {
                let mut coverage = Coverage::by_target_group(map.index.directory(), blind_below);
                coverage.columns = coverage
                    .columns
                    .iter()
                    .map(|code| {
                        wegwijs_directory::TargetGroup::from_code(code)
                            .map_or_else(|| code.clone(), |g| i18n.t(group_key(g)))
                    })
                    .collect();
                coverage
            } else {
                Coverage::by_neighbourhood(map.index.directory(), &map.postcodes, blind_below)
            }
        })
    };
    let today = browser::now().date;
    // (id, name, organisation, checked on), oldest first.
    let mut stale: Vec<(String, String, String, wegwijs_directory::time::Date)> =
        kaart.map.with_value(|map| {
            map.index
                .services()
                .iter()
                .filter_map(|s| {
                    let checked = s.assured_date?;
                    (checked.days_until(today) > STALE_AFTER_DAYS).then(|| {
                        (
                            s.id.clone(),
                            s.name.clone(),
                            s.organization.clone().unwrap_or_default(),
                            checked,
                        )
                    })
                })
                .collect()
        });
    order::sort_by_key(&mut stale, |(_, _, _, checked)| *checked);
    let stale_count = stale.len();
    let stale_csv = stale_as_csv(&stale);
    let download = move |_| {
        if let Some(container) = kaart.container.get_untracked() {
            browser::download_text(&container, &i18n.t("coverage.stale-file"), &stale_csv);
        }
    };
    view! {
        <section class="ww-coverage">
            <details>
                <summary class="ww-filter-summary">{i18n.t("coverage.title")}</summary>
                <fieldset class="ww-radios">
                    <legend>{i18n.t("coverage.by")}</legend>
                    <label class="ww-check">
                        <input type="radio" name=name.clone() prop:checked=move || !by_group.get() on:change=move |_| by_group.set(false) />
                        {i18n.t("coverage.neighbourhood")}
                    </label>
                    <label class="ww-check">
                        <input type="radio" name=name prop:checked=move || by_group.get() on:change=move |_| by_group.set(true) />
                        {i18n.t("coverage.group")}
                    </label>
                </fieldset>
                {move || {
                    let coverage = coverage();
                    let blind = coverage.blind_spots().len();
                    let on_map = (!by_group.get() && kaart.map_files.with_value(|f| f.areas.is_some()))
                        .then(|| view! { <CoverageMap coverage=coverage.clone() /> });
                    view! {
                        <p>{i18n.t_count("coverage.blind-spots", blind)}</p>
                        <p class="ww-hint">{i18n.t_with("coverage.rule", &[("count", &blind_below.to_string())])}</p>
                        <div class="ww-table-scroll" role="region" aria-labelledby=table_label.clone() tabindex="0">
                            <table class="ww-coverage-table ww-stack">
                                <caption id=table_label.clone()>{i18n.t("coverage.caption")}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{i18n.t("coverage.domain")}</th>
                                        {coverage.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody>
                                    {coverage.rows.iter().map(|(domain, counts)| view! {
                                        <tr>
                                            <th scope="row">{domain_label(kaart, i18n, *domain)}</th>
                                            {counts.iter().zip(&coverage.columns).map(|(count, column)| {
                                                let count = *count;
                                                let blind = coverage.is_blind(count);
                                                view! {
                                                    <td class:ww-blind=blind data-label=column.clone()>
                                                        {count}
                                                        {blind.then(|| view! { <span class="ww-visually-hidden">" "{i18n.t("coverage.blind")}</span> })}
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {on_map}
                    }
                }}
                <p class="ww-label">{i18n.t_count("coverage.stale", stale_count)}</p>
                <ul class="ww-plain-list ww-stale" role="list">
                    {stale.into_iter().map(|(id, name, _, checked)| view! {
                        <li>
                            <button type="button" class="ww-link-button" on:click=move |_| kaart.view.update(|v| v.service = Some(id.clone()))>
                                {name}
                            </button>
                            " — "{format::date(i18n, checked)}
                        </li>
                    }).collect_view()}
                </ul>
                {(stale_count > 0).then(|| view! {
                    <button type="button" class="ww-button ww-button-secondary" on:click=download>{i18n.t("coverage.stale-download")}</button>
                })}
            </details>
        </section>
    }
    .into_any()
}

/// The coverage of one life domain on the map, opened on request (the map's code loads
/// then): the neighbourhoods coloured by how many services reach them.
#[component]
fn CoverageMap(coverage: Coverage) -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let row = RwSignal::new(0usize);
    let select_id = kaart.id("dekking-kaart");
    let rows = StoredValue::new(coverage.rows.clone());
    let columns = StoredValue::new(coverage.columns.clone());
    let blind_below = coverage.blind_below;
    let data = Signal::derive(move || {
        rows.with_value(|rows| {
            let Some((domain, counts)) = rows.get(row.get()) else {
                return MapData::default();
            };
            MapData {
                shade: Some(Shade {
                    title: domain_label(kaart, i18n, *domain),
                    counts: columns
                        .with_value(|c| c.iter().cloned().zip(counts.iter().copied()).collect()),
                    blind_below,
                }),
                ..MapData::default()
            }
        })
    });
    let options = move || {
        rows.with_value(|rows| {
            rows.iter()
                .enumerate()
                .map(|(i, (domain, _))| view! { <option value=i.to_string()>{domain_label(kaart, i18n, *domain)}</option> })
                .collect_view()
        })
    };
    view! {
        <button
            type="button"
            class="ww-button ww-button-secondary"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {i18n.t("coverage.map")}
        </button>
        <Show when=move || open.get()>
            <div class="ww-coverage-map">
                <label class="ww-label" for=select_id.clone()>{i18n.t("coverage.map-domain")}</label>
                <select
                    id=select_id.clone()
                    class="ww-select"
                    prop:value=move || row.get().to_string()
                    on:change=move |event| row.set(event_target_value(&event).parse().unwrap_or(0))
                >
                    {options}
                </select>
                <MapElement data on_choose=Callback::new(|_| {}) />
            </div>
        </Show>
    }
}

/// The entries not checked for over a year as CSV (`;`-separated, as Dutch spreadsheets
/// expect), to send to the providers.
fn stale_as_csv(stale: &[(String, String, String, wegwijs_directory::time::Date)]) -> String {
    let field = |text: &str| {
        if text.contains([';', '"', '\n']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_owned()
        }
    };
    let mut lines = vec!["id;naam;organisatie;gecontroleerd".to_owned()];
    lines.extend(stale.iter().map(|(id, name, organisation, checked)| {
        format!(
            "{};{};{};{checked}",
            field(id),
            field(name),
            field(organisation)
        )
    }));
    lines.join("\n") + "\n"
}
