//! A result card: what a service offers in one line, what it costs, whether it is open and
//! how far, and what you can do right away.

use leptos::prelude::*;
use wegwijs_directory::links::{display_web, route_link};
use wegwijs_directory::{Access, Level, Service};

use super::app::{use_kaart, Kaart};
use super::filters::group_key;
use super::format;
use super::Mode;
use crate::browser;
use crate::i18n::{use_i18n, I18n};
use crate::kit::{unique_id, Breakable, ServiceNotice};

/// Longest card summary, in characters; the details show the rest.
const SUMMARY_CHARS: usize = 160;

/// The i18n key of a provision level's label.
pub(crate) fn level_key(level: Level) -> &'static str {
    match level {
        Level::Informeel => "level.informeel",
        Level::Algemeen => "level.algemeen",
        Level::Maatwerk => "level.maatwerk",
    }
}

/// The facts line of a service: costs, referral, opening, distance.
pub(crate) fn facts(i18n: I18n, service: &Service, distance_km: Option<f64>) -> Vec<String> {
    let mut facts = vec![format::costs(i18n, service)];
    match service.access {
        Some(Access::Vrij) => facts.push(i18n.t("card.no-referral")),
        Some(Access::Verwijzing) => facts.push(i18n.t("card.referral")),
        None => {}
    }
    facts.extend(format::opening(i18n, service, browser::now()));
    facts.extend(distance_km.map(|km| {
        i18n.t_with(
            "card.distance",
            &[("distance", &format::distance(i18n, km))],
        )
    }));
    facts
}

/// The direct actions for a service: call, e-mail, website, route.
pub(crate) fn actions(
    i18n: I18n,
    kaart: Kaart,
    service: &Service,
    all_phones: bool,
) -> impl IntoView {
    let phones: Vec<_> = service
        .phones
        .iter()
        .take(if all_phones { usize::MAX } else { 1 })
        .map(|phone| {
            let label = i18n.t_with("card.phone", &[("number", &phone.number)]);
            let note = phone.description.clone().filter(|_| all_phones);
            match phone.tel() {
                Some(tel) => view! {
                    <li><a class="ww-action" href=tel>{label}</a>{note.map(|n| view! { <span class="ww-note">" "{n}</span> })}</li>
                }
                .into_any(),
                None => view! { <li>{label}</li> }.into_any(),
            }
        })
        .collect();
    let mail = service.mail_link().zip(service.email.clone()).map(|(href, email)| {
        view! {
            <li><a class="ww-action" href=href><Breakable text=i18n.t_with("card.email", &[("email", &email)]) /></a></li>
        }
    });
    let website = service.website.clone().map(|url| {
        view! {
            <li>
                <a class="ww-action" href=url.clone() rel="noopener noreferrer">
                    <span class="ww-label">{i18n.t("card.website")}</span>" "<Breakable text=display_web(&url) />
                </a>
            </li>
        }
    });
    let from = kaart.place.get_untracked().map(|p| p.point);
    let route = service.point().map(|to| {
        view! {
            <li>
                <a class="ww-action" href=route_link(from, to) target="_blank" rel="noopener noreferrer">
                    {i18n.t("card.route")}<span class="ww-visually-hidden">{i18n.t("card.new-window")}</span>
                </a>
            </li>
        }
    });
    view! {
        <ul class="ww-contact" role="list">
            {phones}
            {mail}
            {website}
            {route}
        </ul>
    }
}

/// One service in the result list, by its position in the index.
#[component]
pub(crate) fn ServiceCard(
    /// Position of the service in the index.
    doc: u32,
) -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let service = kaart
        .map
        .with_value(|map| map.index.services()[doc as usize].clone());
    let (distance_km, copies) = kaart.results.with_untracked(|r| {
        r.hits
            .iter()
            .find(|h| h.doc == doc)
            .map(|h| (h.distance_km, h.copies.clone()))
            .unwrap_or_default()
    });
    let copies = (!copies.is_empty()).then(|| {
        let count = copies.len();
        let places: Vec<(u32, String, Option<String>)> = kaart.map.with_value(|map| {
            copies
                .iter()
                .map(|copy| {
                    let other = &map.index.services()[*copy as usize];
                    let address = other.addresses().next().map(|a| a.one_line());
                    (*copy, other.name.clone(), address)
                })
                .collect()
        });
        view! {
            <details class="ww-copies">
                <summary>{i18n.t_count("card.copies", count)}</summary>
                <ul class="ww-plain-list" role="list">
                    {places.into_iter().map(|(copy, name, address)| {
                        let id = kaart.map.with_value(|map| map.index.services()[copy as usize].id.clone());
                        view! {
                            <li>
                                <button type="button" class="ww-link-button" on:click=move |_| {
                                    kaart.return_focus.set(Some(doc));
                                    kaart.view.update(|v| v.service = Some(id.clone()));
                                }>{name}</button>
                                {address.map(|a| view! { <span class="ww-note">" "{a}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        }
    });
    let heading_id = unique_id("ww-service");
    let labelled_by = heading_id.clone();
    let more_id = kaart.id(&format!("meer-{doc}"));
    let id = service.id.clone();
    let on_list = {
        let id = id.clone();
        move || kaart.shortlist.with(|list| list.contains(&id))
    };
    let toggle_list = {
        let id = id.clone();
        let name = service.name.clone();
        move |_| {
            let added = kaart.shortlist.with(|list| !list.contains(&id));
            kaart.shortlist.update(|list| {
                if added {
                    list.push(id.clone());
                } else {
                    list.retain(|item| *item != id);
                }
            });
            let key = if added { "list.added" } else { "list.removed" };
            kaart.announcement.set(i18n.t_with(key, &[("name", &name)]));
        }
    };
    let for_workers = kaart.mode == Mode::Worker;
    let worker = for_workers.then(|| {
        let level = service.level.map(|l| i18n.t(level_key(l)));
        let groups: Vec<String> = service.target_groups.iter().map(|g| i18n.t(group_key(*g))).collect();
        let ages = match (service.min_age, service.max_age) {
            (None, None) => None,
            (min, max) => Some(i18n.t_with(
                "card.ages",
                &[
                    ("from", &min.unwrap_or(0).to_string()),
                    ("to", &max.map_or_else(|| "…".to_owned(), |m| m.to_string())),
                ],
            )),
        };
        view! {
            <p class="ww-worker-facts">
                {level.map(|l| view! { <span class="ww-badge">{l}</span> })}
                {(!groups.is_empty()).then(|| view! { <span>{i18n.t("card.for")}" "{groups.join(", ")}</span> })}
                {ages.map(|a| view! { <span>{a}</span> })}
            </p>
        }
    });
    let summary = service.summary(SUMMARY_CHARS);
    view! {
        <li class="ww-card">
            <article aria-labelledby=labelled_by>
                <h3 id=heading_id class="ww-card-title">{service.name.clone()}</h3>
                {service.organization.clone().map(|org| view! { <p class="ww-org">{org}</p> })}
                <ServiceNotice service=service.clone() for_workers=for_workers />
                {summary.map(|summary| view! { <p class="ww-card-summary">{summary}</p> })}
                <ul class="ww-facts" role="list">
                    {facts(i18n, &service, distance_km).into_iter().map(|fact| view! { <li>{fact}</li> }).collect_view()}
                </ul>
                {worker}
                {copies}
                {actions(i18n, kaart, &service, false)}
                <div class="ww-card-buttons">
                    <button
                        type="button"
                        id=more_id
                        class="ww-button ww-button-secondary"
                        aria-label=i18n.t_with("card.more-about", &[("name", &service.name)])
                        on:click=move |_| {
                            kaart.return_focus.set(Some(doc));
                            kaart.view.update(|v| v.service = Some(id.clone()));
                        }
                    >
                        {i18n.t("card.more")}
                    </button>
                    <button type="button" class="ww-link-button" on:click=toggle_list>
                        {move || if on_list() { i18n.t("list.remove") } else { i18n.t("list.add") }}
                    </button>
                </div>
            </article>
        </li>
    }
    .into_any()
}
