//! "Dit kun je doen": urgent contacts first, then what you can do yourself, informal and free
//! help, your neighbourhood team, and other help.

use leptos::prelude::*;
use wegwijs_directory::links::{mail_link, tel_link, web_link};
use wegwijs_directory::search::{Filters, Query, Sort};
use wegwijs_directory::{Level, Service};
use wegwijs_guide::advise;

use super::app::use_gids;
use super::steps::StepHeading;
use crate::i18n::use_i18n;
use crate::kit::Breakable;

/// Most services per group on the advice page.
const PER_GROUP: usize = 5;

/// A compact service: name, one line, phone, free.
#[component]
fn ServiceLine(
    /// The service.
    service: Service,
) -> impl IntoView {
    let i18n = use_i18n();
    let phone = service
        .phones
        .first()
        .and_then(|p| Some((p.number.clone(), p.tel.clone()?)));
    view! {
        <li class="ww-service-line">
            <span class="ww-label">{service.name.clone()}</span>
            {service.summary(120).map(|s| view! { <span class="ww-service-summary">" — "{s}</span> })}
            {service.free.then(|| view! { <span class="ww-badge">{i18n.t("card.free")}</span> })}
            {phone.map(|(number, tel)| view! {
                " " <a class="ww-action" href=tel>{i18n.t_with("card.phone", &[("number", &number)])}</a>
            })}
        </li>
    }
}

/// The advice page.
#[component]
pub(crate) fn AdviceStep() -> impl IntoView {
    let gids = use_gids();
    let i18n = use_i18n();
    let lang = i18n.lang();
    let place_id = gids.id("wijk");
    let place = RwSignal::new(gids.journey.with_untracked(|j| j.place.clone()));
    let neighbourhoods: Vec<String> = gids.with_guide(|g| {
        g.teams
            .iter()
            .flat_map(|t| t.neighbourhoods.clone())
            .collect()
    });

    let advice_view = move || {
        let journey = gids.journey.get();
        gids.with_guide(|guide| {
            let advice = advise(guide, &journey, lang);
            let urgent = (!advice.signals.is_empty()).then(|| {
                let messages: Vec<String> = advice.signals.iter().map(|s| s.message.get(lang).to_owned()).collect();
                let contacts: Vec<(String, String, Option<String>, String)> = advice
                    .urgent_contacts
                    .iter()
                    .map(|c| {
                        (
                            c.name.get(lang).to_owned(),
                            c.phone.clone().unwrap_or_default(),
                            c.phone.as_deref().and_then(tel_link),
                            c.when.get(lang).to_owned(),
                        )
                    })
                    .collect();
                view! {
                    <section class="ww-urgent" aria-labelledby=gids.id("eerst")>
                        <h3 id=gids.id("eerst")>{i18n.t("gids.advice.first")}</h3>
                        {messages.into_iter().map(|m| view! { <p class="ww-urgent-message">{m}</p> }).collect_view()}
                        <ul class="ww-plain-list" role="list">
                            {contacts.into_iter().map(|(name, number, tel, when)| view! {
                                <li>
                                    {match tel {
                                        Some(tel) => view! { <a class="ww-button ww-call" href=tel>{i18n.t_with("gids.advice.call", &[("name", &name), ("number", &number)])}</a> }.into_any(),
                                        None => view! { <span class="ww-label">{name}</span> }.into_any(),
                                    }}
                                    <p class="ww-note">{when}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            });
            let tips: Vec<String> = advice.self_help.iter().map(|t| t.get(lang).to_owned()).collect();
            let (informal, other) = gids.map.with_value(|map| {
                let Some(map) = map else {
                    return (Vec::new(), Vec::new());
                };
                // Near the resident's team area, when known: the buurtkamer around the corner.
                let near = advice
                    .team
                    .and_then(|team| team.postcodes.first())
                    .and_then(|code| map.postcodes.lookup(code))
                    .map(|area| area.point);
                // Per life domain its best matches, informal first; then taken in turns, so
                // every worry gets help on the page.
                let per_domain: Vec<Vec<Service>> = advice
                    .searches
                    .iter()
                    .map(|(domain, words)| {
                        let results = map.index.search(&Query {
                            text: words.clone(),
                            filters: Filters { domains: vec![*domain], ..Filters::default() },
                            near,
                            sort: Sort::InformalFirst,
                            limit: 12,
                            ..Query::default()
                        });
                        results
                            .hits
                            .iter()
                            .map(|hit| map.index.services()[hit.doc as usize].clone())
                            .filter(|service| !service.is_neighbourhood_team())
                            .collect()
                    })
                    .collect();
                let mut informal: Vec<Service> = Vec::new();
                let mut other: Vec<Service> = Vec::new();
                for round in 0..12 {
                    for service in per_domain.iter().filter_map(|list| list.get(round)) {
                        // One service per organisation: five neighbourhood branches of the
                        // same project say the same thing.
                        let seen = informal.iter().chain(other.iter()).any(|s| {
                            s.id == service.id || (s.organization.is_some() && s.organization == service.organization)
                        });
                        let low_threshold = service.level == Some(Level::Informeel)
                            || (service.level != Some(Level::Maatwerk) && service.free);
                        let group = if low_threshold { &mut informal } else { &mut other };
                        if !seen && group.len() < PER_GROUP {
                            group.push(service.clone());
                        }
                    }
                }
                (informal, other)
            });
            let team = advice.team.map(|team| {
                let phone = team.phone.clone().and_then(|p| Some((p.clone(), tel_link(&p)?)));
                let email = team.email.clone().and_then(|e| Some((e.clone(), mail_link(&e)?)));
                let website = team.website.as_deref().and_then(web_link);
                view! {
                    <div class="ww-team">
                        <p class="ww-label">{team.name.get(lang).to_owned()}</p>
                        <p>{team.what_happens.get(lang).to_owned()}</p>
                        <ul class="ww-contact" role="list">
                            {phone.map(|(number, tel)| view! { <li><a class="ww-action" href=tel>{i18n.t_with("card.phone", &[("number", &number)])}</a></li> })}
                            {team.walk_in.as_ref().map(|w| view! { <li>{w.get(lang).to_owned()}</li> })}
                            {email.map(|(address, href)| view! { <li><a class="ww-action" href=href><Breakable text=i18n.t_with("card.email", &[("email", &address)]) /></a></li> })}
                            {website.map(|url| view! { <li><a class="ww-action" href=url.clone()>{i18n.t("gids.advice.team-site")}</a></li> })}
                        </ul>
                    </div>
                }
            });
            let place_given = !journey.place.trim().is_empty();
            view! {
                {urgent}
                {journey.for_someone_else.then(|| view! {
                    <p class="ww-note-box">{i18n.t("gids.advice.other-person")}</p>
                })}
                {(!tips.is_empty()).then(|| view! {
                    <section aria-labelledby=gids.id("zelf")>
                        <h3 id=gids.id("zelf")>{i18n.t("gids.advice.yourself")}</h3>
                        <ul>{tips.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    </section>
                })}
                {(!informal.is_empty()).then(|| view! {
                    <section aria-labelledby=gids.id("vrij")>
                        <h3 id=gids.id("vrij")>{i18n.t("gids.advice.informal")}</h3>
                        <ul class="ww-plain-list ww-service-lines" role="list">
                            {informal.into_iter().map(|service| view! { <ServiceLine service /> }).collect_view()}
                        </ul>
                    </section>
                })}
                <section aria-labelledby=gids.id("team")>
                    <h3 id=gids.id("team")>{i18n.t("gids.advice.team")}</h3>
                    {match team {
                        Some(team) => team.into_any(),
                        None if place_given => view! { <p class="ww-field-error">{i18n.t("gids.advice.team-unknown")}</p> }.into_any(),
                        None => view! { <p>{i18n.t("gids.advice.team-ask")}</p> }.into_any(),
                    }}
                </section>
                {(!other.is_empty()).then(|| view! {
                    <section aria-labelledby=gids.id("ander")>
                        <h3 id=gids.id("ander")>{i18n.t("gids.advice.other")}</h3>
                        <ul class="ww-plain-list ww-service-lines" role="list">
                            {other.into_iter().map(|service| view! { <ServiceLine service /> }).collect_view()}
                        </ul>
                    </section>
                })}
            }
            .into_any()
        })
    };
    view! {
        <StepHeading text=i18n.t("gids.advice.title") />
        <form class="ww-place-form" on:submit=move |event| {
            event.prevent_default();
            let text = place.get();
            gids.journey.update(|j| j.place = text);
        }>
            <label for=place_id.clone()>{i18n.t("gids.advice.place")}</label>
            <div class="ww-inline">
                <input
                    id=place_id
                    class="ww-input ww-input-short"
                    type="text"
                    autocomplete="postal-code"
                    list=gids.id("wijken")
                    prop:value=move || place.get()
                    on:input=move |event| place.set(event_target_value(&event))
                />
                <button type="submit" class="ww-button ww-button-secondary">{i18n.t("gids.advice.find-team")}</button>
            </div>
            <datalist id=gids.id("wijken")>
                {neighbourhoods.into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
            </datalist>
        </form>
        {advice_view}
    }
    .into_any()
}
