//! What the check found, and the files for the website.

use std::sync::Arc;

use leptos::prelude::*;
use wegwijs_directory::{Severity, Vocabulary};

use super::Checked;
use crate::browser;
use crate::i18n::use_i18n;

/// The report of one check: counts, what can be better, and the downloads.
#[component]
pub(crate) fn Report(
    /// What the check made.
    checked: Arc<Checked>,
) -> impl IntoView {
    let i18n = use_i18n();
    let for_download = checked.clone();
    let summary = &checked.summary;
    let problems = &checked.imported.problems;
    let services = checked.imported.directory.services.len();
    let vocabulary = Vocabulary::dutch();
    let label = |domain| vocabulary.domain_label(domain, i18n.lang());
    let blind: Vec<String> = summary.empty_domains().into_iter().map(label).collect();
    let per_domain: Vec<(String, usize)> = summary
        .per_domain
        .iter()
        .map(|(domain, count)| (label(*domain), *count))
        .collect();
    let stale: Vec<AnyView> = summary
        .stale
        .iter()
        .map(|(service, date)| {
            let date = date.to_string();
            view! { {format!("{service}: ")}<span class="ww-nowrap">{date}</span> }.into_any()
        })
        .collect();
    let as_views = |items: &[String]| -> Vec<AnyView> {
        items.iter().map(|item| item.clone().into_any()).collect()
    };
    let counts = i18n.t_with(
        "beheer.problems.count",
        &[
            ("errors", &summary.errors.to_string()),
            ("warnings", &summary.warnings.to_string()),
        ],
    );
    let lists: [(&str, Vec<AnyView>); 5] = [
        ("beheer.stale.title", stale),
        ("beheer.nocontact.title", as_views(&summary.without_contact)),
        ("beheer.nodomain.title", as_views(&summary.without_domain)),
        ("beheer.closed.title", as_views(&summary.temporarily_closed)),
        ("beheer.stopped.title", as_views(&summary.not_running)),
    ];
    let rows: Vec<(bool, String, String, String)> = problems
        .iter()
        .map(|p| {
            (
                p.severity == Severity::Error,
                p.location.clone(),
                p.field.clone(),
                p.message.clone(),
            )
        })
        .collect();
    let downloads = NodeRef::<leptos::html::Div>::new();
    let offer = move |file: &'static str| {
        let checked = for_download.clone();
        move |_| {
            let Some(inside) = downloads.get_untracked() else {
                return;
            };
            let inside = browser::widget_root(&inside);
            if file == "kaart.json" {
                browser::download_text(&inside, file, &checked.json);
            } else {
                browser::download_bytes(&inside, file, &checked.index);
            }
        }
    };
    let can_download = services > 0;
    let outcome_class = if summary.errors > 0 { "ww-warning" } else { "" };
    view! {
        <section class="ww-beheer-report" aria-labelledby="ww-beheer-uitslag">
            <h2 id="ww-beheer-uitslag" class="ww-title">{i18n.t_count("beheer.services", services)}</h2>
            <p class=outcome_class>
                {if problems.is_empty() { i18n.t("beheer.problems.none") } else { counts }}
            </p>
            <div class="ww-beheer-downloads" node_ref=downloads>
                <h3>{i18n.t("beheer.downloads.title")}</h3>
                <p>{i18n.t("beheer.downloads.body")}</p>
                {can_download.then(|| view! {
                    <p class="ww-beheer-buttons">
                        <button type="button" class="ww-button" on:click=offer("kaart.json")>
                            {i18n.t("beheer.download.json")}
                        </button>
                        <button type="button" class="ww-button ww-button-secondary" on:click=offer("kaart.idx")>
                            {i18n.t("beheer.download.index")}
                        </button>
                    </p>
                })}
            </div>
            {(!rows.is_empty()).then(|| view! {
                <h3>{i18n.t("beheer.problems.title")}</h3>
                <p class="ww-note">{i18n.t("beheer.problems.english")}</p>
                <ul class="ww-plain-list ww-beheer-problems" role="list">
                    {rows.into_iter().map(|(error, place, field, message)| view! {
                        <li class:ww-beheer-error=error>
                            <p class="ww-label">
                                {if error { i18n.t("beheer.error") } else { i18n.t("beheer.warning") }}
                                ": " <span class="ww-beheer-place">{place}</span>
                                {(!field.is_empty()).then(|| view! { " · " <code>{field}</code> })}
                            </p>
                            <p>{message}</p>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <h3>{i18n.t("beheer.domains.title")}</h3>
            {(!blind.is_empty()).then(|| view! {
                <p class="ww-warning">{i18n.t_with("beheer.blind", &[("list", &blind.join(", "))])}</p>
            })}
            <ul class="ww-plain-list ww-beheer-domains" role="list">
                {per_domain.into_iter().map(|(name, count)| view! {
                    <li><span>{name}</span>" "<strong>{count}</strong></li>
                }).collect_view()}
            </ul>
            {lists.into_iter().filter(|(_, items)| !items.is_empty()).map(|(title, items)| view! {
                <details class="ww-beheer-list">
                    <summary>{i18n.t(title)}" ("{items.len()}")"</summary>
                    <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
                </details>
            }).collect_view()}
        </section>
    }
}
