//! For workers: how well the map covers each life domain per neighbourhood or target group,
//! where the blind spots are, and which entries have not been checked for over a year.

use leptos::prelude::*;
use wegwijs_directory::coverage::Coverage;
use wegwijs_directory::validate::STALE_AFTER_DAYS;

use super::app::use_kaart;
use super::filters::{domain_label, group_key};
use super::format;
use crate::browser;
use crate::i18n::use_i18n;

/// The coverage overview, folded away until opened.
#[component]
pub(crate) fn CoverageOverview() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let by_group = RwSignal::new(false);
    let name = kaart.id("dekking");
    let table_label = kaart.id("dekking-tabel");
    let coverage = move || {
        kaart.map.with_value(|map| {
            if by_group.get() {
                let mut coverage = Coverage::by_target_group(map.index.directory());
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
                Coverage::by_neighbourhood(
                    map.index.directory(),
                    &map.postcodes,
                    &i18n.t("coverage.everywhere"),
                )
            }
        })
    };
    let today = browser::now().date;
    let stale: Vec<(String, String)> = kaart.map.with_value(|map| {
        map.index
            .services()
            .iter()
            .filter_map(|s| {
                let checked = s.assured_date?;
                (checked.days_until(today) > STALE_AFTER_DAYS)
                    .then(|| (s.name.clone(), format::date(i18n, checked)))
            })
            .collect()
    });
    let stale_count = stale.len();
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
                    view! {
                        <p>{i18n.t_count("coverage.blind-spots", blind)}</p>
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
                                                view! {
                                                    <td class:ww-blind=count == 0 data-label=column.clone()>
                                                        {count}
                                                        {(count == 0).then(|| view! { <span class="ww-visually-hidden">" "{i18n.t("coverage.blind")}</span> })}
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                }}
                <p class="ww-label">{i18n.t_count("coverage.stale", stale_count)}</p>
                <ul class="ww-plain-list" role="list">
                    {stale.into_iter().map(|(name, date)| view! { <li>{name}" — "{date}</li> }).collect_view()}
                </ul>
            </details>
        </section>
    }
    .into_any()
}
