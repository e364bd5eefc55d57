//! Everything about one service that matters, with print, share and "Klopt er iets niet?".

use leptos::prelude::*;
use leptos::task::spawn_local;
use wegwijs_directory::links::{mail_link, report_link};
use wegwijs_directory::schedule::{week, OpeningHours};
use wegwijs_directory::validate::STALE_AFTER_DAYS;
use wegwijs_directory::view_state::ViewState;

use super::app::use_kaart;
use super::card::{actions, facts, level_key};
use super::filters::{domain_label, group_key};
use super::format::{self, WEEKDAYS};
use super::Mode;
use crate::browser;
use crate::i18n::{use_i18n, I18n};
use crate::kit::{Breakable, ServiceNotice};

/// The details of the service at position `doc`.
#[component]
pub(crate) fn Detail(
    /// Position of the service in the index.
    doc: u32,
) -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let service = kaart
        .map
        .with_value(|map| map.index.services()[doc as usize].clone());
    let heading_id = kaart.id("detail-titel");
    let labelled_by = heading_id.clone();
    let heading = NodeRef::<leptos::html::H3>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            request_animation_frame(move || {
                let _ = heading.focus();
            });
        }
    });
    let close = move || {
        kaart.view.update(|v| v.service = None);
        if let Some(doc) = kaart.return_focus.get_untracked() {
            kaart.focus(&format!("meer-{doc}"));
        }
    };
    let back = move |_| close();
    // Escape closes the details, as it closes any panel.
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            close();
        }
    };
    let distance_km = kaart
        .place
        .get_untracked()
        .and_then(|place| Some(place.point.distance_km(service.point()?)));
    let share_link = RwSignal::new(None::<String>);
    let share = {
        let id = service.id.clone();
        move |_| {
            let state = ViewState {
                service: Some(id.clone()),
                ..ViewState::default()
            };
            let url = browser::url_with_fragment(&state.to_fragment());
            spawn_local(async move {
                if browser::copy_to_clipboard(&url).await {
                    let _ = kaart.announcement.try_set(i18n.t("detail.link-copied"));
                    let _ = share_link.try_set(None);
                } else {
                    let _ = share_link.try_set(Some(url));
                }
            });
        }
    };
    let report = kaart.report.get_value().and_then(|target| {
        report_link(
            &target,
            &service.name,
            &service.id,
            &i18n.t("detail.report-subject"),
        )
    });
    let today = browser::now().date;
    let stale = service
        .assured_date
        .is_some_and(|checked| checked.days_until(today) > STALE_AFTER_DAYS);
    let has_hours = !service.hours.is_empty();
    let hours_table = has_hours.then(|| match service.hours_per_location() {
        // Each place with its own hours: the resident sees which one is open when.
        Some(places) => places
            .into_iter()
            .map(|(place, hours)| {
                view! {
                    <p class="ww-label">{place.clone()}</p>
                    {week_table(i18n, &hours, format!("{}: {place}", i18n.t("detail.hours")))}
                }
            })
            .collect_view()
            .into_any(),
        None => week_table(i18n, &service.hours, i18n.t("detail.hours")).into_any(),
    });
    let field = |label: String, value: Option<AnyView>| {
        value.map(|value| view! { <dt>{label}</dt><dd>{value}</dd> })
    };
    let text = |value: Option<String>| {
        value.map(|v| view! { <span class="ww-prose">{v}</span> }.into_any())
    };
    let groups: Vec<String> = service
        .target_groups
        .iter()
        .map(|g| i18n.t(group_key(*g)))
        .collect();
    let for_whom = {
        let mut parts: Vec<String> = service.eligibility.iter().cloned().collect();
        if !groups.is_empty() {
            parts.push(groups.join(", "));
        }
        if service.min_age.is_some() || service.max_age.is_some() {
            parts.push(
                i18n.t_with(
                    "card.ages",
                    &[
                        ("from", &service.min_age.unwrap_or(0).to_string()),
                        (
                            "to",
                            &service
                                .max_age
                                .map_or_else(|| "…".to_owned(), |m| m.to_string()),
                        ),
                    ],
                ),
            );
        }
        (!parts.is_empty()).then(|| parts.join(". "))
    };
    let accessibility = {
        let mut notes: Vec<String> = service
            .locations
            .iter()
            .flat_map(|l| l.accessibility.clone())
            .collect();
        notes.dedup();
        (!notes.is_empty()).then(|| notes.join(". "))
    };
    let addresses: Vec<String> = service.addresses().map(|a| a.one_line()).collect();
    let domains: Vec<String> = service
        .domains
        .iter()
        .map(|d| domain_label(kaart, i18n, *d))
        .collect();
    let worker = kaart.mode == Mode::Worker;
    let contacts = (worker && !service.contacts.is_empty()).then(|| {
        service
            .contacts
            .iter()
            .map(|contact| {
                let who = [contact.name.clone(), contact.title.clone(), contact.department.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                let phone = contact.phones.first().map(|p| (p.number.clone(), p.tel()));
                view! {
                    <li>
                        {who}
                        {phone.map(|(number, tel)| match tel {
                            Some(tel) => view! { " " <a href=tel>{number}</a> }.into_any(),
                            None => view! { " "{number} }.into_any(),
                        })}
                        {contact.email.clone().map(|email| match mail_link(&email) {
                            Some(href) => view! { " " <a href=href><Breakable text=email /></a> }.into_any(),
                            None => view! { " "{email} }.into_any(),
                        })}
                    </li>
                }
            })
            .collect_view()
    });
    let doc_for_print = doc;
    let id_for_list = service.id.clone();
    let on_list = {
        let id = id_for_list.clone();
        move || kaart.shortlist.with(|list| list.contains(&id))
    };
    view! {
        <article class="ww-detail" aria-labelledby=labelled_by on:keydown=on_keydown>
            <button type="button" class="ww-link-button ww-back" on:click=back>
                <span aria-hidden="true">"← "</span>{i18n.t("detail.back")}
            </button>
            <h3 id=heading_id class="ww-detail-title" tabindex="-1" node_ref=heading>{service.name.clone()}</h3>
            {service.organization.clone().map(|org| view! { <p class="ww-org">{org}</p> })}
            <ServiceNotice service=service.clone() for_workers=worker />
            {service.description.clone().map(|d| view! { <p class="ww-prose ww-description">{d}</p> })}
            <ul class="ww-facts" role="list">
                {facts(i18n, &service, distance_km).into_iter().map(|fact| view! { <li>{fact}</li> }).collect_view()}
            </ul>
            {actions(i18n, kaart, &service, true)}
            <dl class="ww-details">
                {field(i18n.t("detail.domains"), (!domains.is_empty()).then(|| view! { {domains.join(", ")} }.into_any()))}
                {field(i18n.t("detail.apply"), text(service.application_process.clone()))}
                {field(i18n.t("detail.for-whom"), text(for_whom))}
                {field(i18n.t("detail.costs"), Some(view! { {format::costs(i18n, &service)} }.into_any()))}
                {field(
                    i18n.t("detail.hours"),
                    (has_hours || !service.hours_notes.is_empty()).then(|| view! {
                        {hours_table}
                        {service.hours_notes.iter().map(|n| view! { <p class="ww-note">{n.clone()}</p> }).collect_view()}
                    }.into_any()),
                )}
                {field(i18n.t("detail.languages"), (!service.languages.is_empty()).then(|| view! { {service.languages.join(", ")} }.into_any()))}
                {field(i18n.t("detail.accessibility"), text(accessibility))}
                {field(i18n.t("detail.address"), (!addresses.is_empty()).then(|| view! { {addresses.join("; ")} }.into_any()))}
                {worker.then(|| field(
                    i18n.t("detail.level"),
                    service.level.map(|l| view! { {i18n.t(level_key(l))} }.into_any()),
                ))}
                {field(i18n.t("detail.contacts"), contacts.map(|c| view! { <ul class="ww-plain-list" role="list">{c}</ul> }.into_any()))}
                {field(
                    i18n.t("detail.checked"),
                    Some(match service.assured_date {
                        Some(date) => view! {
                            {format::date(i18n, date)}
                            {stale.then(|| view! { <span class="ww-warning">" "{i18n.t("detail.stale")}</span> })}
                        }
                        .into_any(),
                        None => view! { {i18n.t("detail.never-checked")} }.into_any(),
                    }),
                )}
            </dl>
            <div class="ww-detail-buttons">
                <button type="button" class="ww-button ww-button-secondary" on:click=move |_| kaart.printing.set(Some(vec![doc_for_print]))>
                    {i18n.t("detail.print")}
                </button>
                <button type="button" class="ww-button ww-button-secondary" on:click=share>
                    {i18n.t("detail.share")}
                </button>
                <button type="button" class="ww-button ww-button-secondary" on:click=move |_| {
                    let id = id_for_list.clone();
                    let added = kaart.shortlist.with(|list| !list.contains(&id));
                    kaart.shortlist.update(|list| if added { list.push(id.clone()) } else { list.retain(|i| *i != id) });
                    kaart.announcement.set(i18n.t(if added { "list.added-short" } else { "list.removed-short" }));
                }>
                    {move || if on_list() { i18n.t("list.remove") } else { i18n.t("list.add") }}
                </button>
            </div>
            {move || share_link.get().map(|url| view! {
                <p class="ww-share-fallback">
                    <label>
                        {i18n.t("detail.copy-this")}" "
                        <input class="ww-input" type="text" readonly prop:value=url />
                    </label>
                </p>
            })}
            {report.map(|href| view! {
                <p class="ww-report">
                    {i18n.t("detail.report-question")}" "
                    <a href=href>{i18n.t("detail.report")}</a>
                </p>
            })}
        </article>
    }
    .into_any()
}

/// The opening hours of a week as a table, one row per day.
fn week_table(i18n: I18n, hours: &[OpeningHours], caption: String) -> impl IntoView {
    let days = week(hours);
    let rows = days
        .iter()
        .enumerate()
        .map(|(index, spans)| {
            let text = if spans.is_empty() {
                i18n.t("detail.closed")
            } else {
                spans
                    .iter()
                    .map(|(open, close)| {
                        format!("{} – {}", format::clock(*open), format::clock(*close))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            view! { <tr><th scope="row">{i18n.t(WEEKDAYS[index])}</th><td>{text}</td></tr> }
        })
        .collect_view();
    view! {
        <table class="ww-hours">
            <caption class="ww-visually-hidden">{caption}</caption>
            <tbody>{rows}</tbody>
        </table>
    }
}
