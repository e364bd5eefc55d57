//! "Dit kun je doen": what you can do yourself, where you can go for each worry, your
//! neighbourhood team, help from volunteers and for everyone, and other help. Urgent
//! contacts come before all of it (in the frame, see `app.rs`). Which services are shown is
//! decided by `wegwijs_guide::help`; this page only shows them.

use leptos::prelude::*;
use wegwijs_directory::links::{mail_link, service_page_link, tel_link, web_link};
use wegwijs_directory::Service;
use wegwijs_guide::help::Recommended;
use wegwijs_guide::{advise, recommend, Journey};

use super::app::{use_gids, Gids};
use super::steps::StepHeading;
use crate::browser;
use crate::i18n::{use_i18n, I18n};
use crate::kaart::format;
use crate::kit::{Breakable, ServiceNotice};

/// The resident's area (their team's first postcode), for nearest-first.
pub(crate) fn near(gids: Gids, journey: &Journey) -> Option<wegwijs_directory::geo::Point> {
    let team = gids.with_guide(|g| g.team_for(&journey.place).cloned())?;
    gids.map.with_value(|map| {
        let map = map.as_ref()?;
        team.postcodes
            .first()
            .and_then(|code| map.postcodes.lookup(code))
            .map(|area| area.point)
    })
}

/// What the advice page shows for a journey, worked out once: the tips for doing it
/// yourself, and the recommended services (none without a social map).
fn plan(gids: Gids, journey: &Journey, lang: &str) -> (Vec<String>, Recommended) {
    let near = near(gids, journey);
    gids.with_guide(|guide| {
        let advice = advise(guide, journey, lang);
        let tips = advice
            .self_help
            .iter()
            .map(|t| t.get(lang).to_owned())
            .collect();
        let recommended = gids.map.with_value(|map| {
            map.as_ref()
                .map(|map| recommend(guide, &advice, &map.index, near))
                .unwrap_or_default()
        });
        (tips, recommended)
    })
}

/// The ids of the services the overview holds until the resident chooses: the ways in.
pub(crate) fn default_choice(gids: Gids, recommended: &Recommended) -> Vec<String> {
    gids.map.with_value(|map| {
        map.as_ref()
            .map(|map| {
                recommended
                    .main
                    .iter()
                    .map(|(_, doc)| map.index.services()[*doc as usize].id.clone())
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// One service: name, what it offers, whether it is free and open, how to call, more on
/// the social map, and whether it goes into the overview.
#[component]
fn ServiceLine(
    /// The service.
    service: Service,
    /// What the overview holds until the resident chooses.
    defaults: Vec<String>,
) -> impl IntoView {
    let gids = use_gids();
    let i18n = use_i18n();
    let phone = service
        .phones
        .first()
        .and_then(|p| Some((p.number.clone(), p.tel()?)));
    let opening = format::opening(i18n, &service, browser::now());
    let more = gids
        .kaart_page
        .get_value()
        .and_then(|page| service_page_link(&page, &service.id));
    let id = service.id.clone();
    let checkbox = gids.id(&format!("kies-{}", service.id));
    let label_for = checkbox.clone();
    let chosen = {
        let (id, defaults) = (id.clone(), defaults.clone());
        move || {
            gids.journey.with(|j| match &j.chosen_services {
                Some(chosen) => chosen.contains(&id),
                None => defaults.contains(&id),
            })
        }
    };
    view! {
        <li class="ww-service-line">
            <p class="ww-service-name">
                <span class="ww-label">{service.name.clone()}</span>
                {service.free.then(|| view! { " " <span class="ww-badge">{i18n.t("card.free")}</span> })}
            </p>
            <ServiceNotice service=service.clone() />
            {service.summary(140).map(|s| view! { <p class="ww-service-summary">{s}</p> })}
            {opening.map(|o| view! { <p class="ww-note">{o}</p> })}
            <p class="ww-service-actions">
                {phone.map(|(number, tel)| view! {
                    <a class="ww-action" href=tel>{i18n.t_with("card.phone", &[("number", &number)])}</a>
                })}
                {more.map(|href| view! {
                    <a class="ww-action" href=href>
                        {i18n.t("gids.advice.more")}<span class="ww-visually-hidden">": "{service.name.clone()}</span>
                    </a>
                })}
            </p>
            <label class="ww-check" for=label_for>
                <input
                    id=checkbox
                    type="checkbox"
                    prop:checked=chosen
                    on:change=move |_| gids.journey.update(|j| j.toggle_service(&id, &defaults))
                />
                {i18n.t("gids.advice.keep")}
            </label>
        </li>
    }
}

/// A group of services under a heading.
fn service_group(
    gids: Gids,
    i18n: I18n,
    key: &'static str,
    heading: &'static str,
    services: Vec<Service>,
    defaults: &[String],
) -> impl IntoView {
    (!services.is_empty()).then(|| {
        let defaults = defaults.to_vec();
        view! {
            <section aria-labelledby=gids.id(key)>
                <h3 id=gids.id(key)>{i18n.t(heading)}</h3>
                <ul class="ww-plain-list ww-service-lines" role="list">
                    {services.into_iter().map(|service| view! { <ServiceLine service defaults=defaults.clone() /> }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The neighbourhood team: the place to fill in, and then the team with every way to reach
/// it and what happens when you call.
#[component]
fn TeamSection() -> impl IntoView {
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
    let team = move || {
        let journey = gids.journey.get();
        let place_given = !journey.place.trim().is_empty();
        match gids.with_guide(|g| g.team_for(&journey.place).cloned()) {
            Some(team) => {
                let phone = team
                    .phone
                    .clone()
                    .and_then(|p| Some((p.clone(), tel_link(&p)?)));
                let email = team
                    .email
                    .clone()
                    .and_then(|e| Some((e.clone(), mail_link(&e)?)));
                let website = team.website.as_deref().and_then(web_link);
                view! {
                    <div class="ww-team">
                        <p class="ww-label">{team.name.get(lang).to_owned()}</p>
                        <p>{team.what_happens.get(lang).to_owned()}</p>
                        <ul class="ww-contact" role="list">
                            {phone.map(|(number, tel)| view! { <li><a class="ww-action" href=tel>{i18n.t_with("card.phone", &[("number", &number)])}</a></li> })}
                            {team.walk_in.as_ref().map(|w| view! { <li>{w.get(lang).to_owned()}</li> })}
                            {email.map(|(address, href)| view! { <li><a class="ww-action" href=href><Breakable text=i18n.t_with("card.email", &[("email", &address)]) /></a></li> })}
                            {website.map(|url| view! { <li><a class="ww-action" href=url>{i18n.t("gids.advice.team-site")}</a></li> })}
                        </ul>
                    </div>
                }
                .into_any()
            }
            None if place_given => {
                view! { <p class="ww-field-error">{i18n.t("gids.advice.team-unknown")}</p> }
                    .into_any()
            }
            None => view! { <p>{i18n.t("gids.advice.team-ask")}</p> }.into_any(),
        }
    };
    view! {
        <section aria-labelledby=gids.id("team")>
            <h3 id=gids.id("team")>{i18n.t("gids.advice.team")}</h3>
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
            {team}
        </section>
    }
}

/// The advice page.
#[component]
pub(crate) fn AdviceStep() -> impl IntoView {
    let gids = use_gids();
    let i18n = use_i18n();
    let lang = i18n.lang();
    // What is recommended depends on the worries, answers and place, not on which services
    // the resident ticks or on their note: ticking does not rebuild the list.
    let basis = Memo::new(move |_| {
        gids.journey.with(|j| {
            let mut basis = j.clone();
            basis.chosen_services = None;
            basis.note.clear();
            basis
        })
    });
    let chosen = Memo::new(move |_| {
        let journey = basis.get();
        let (tips, recommended) = plan(gids, &journey, lang);
        let defaults = default_choice(gids, &recommended);
        (tips, recommended, defaults)
    });
    let service = move |doc: &u32| {
        gids.map.with_value(|map| {
            map.as_ref()
                .map(|m| m.index.services()[*doc as usize].clone())
        })
    };
    let before_team = move || {
        let journey = basis.get();
        let (tips, recommended, defaults) = chosen.get();
        let main: Vec<(String, Service)> = recommended
            .main
            .iter()
            .filter_map(|(domain, doc)| {
                let worry =
                    gids.with_guide(|g| g.domain(*domain).map(|d| d.label.get(lang).to_owned()))?;
                Some((worry, service(doc)?))
            })
            .collect();
        view! {
            {journey.for_someone_else.then(|| view! {
                <p class="ww-note-box">{i18n.t("gids.advice.other-person")}</p>
            })}
            {(!tips.is_empty()).then(|| view! {
                <section aria-labelledby=gids.id("zelf")>
                    <h3 id=gids.id("zelf")>{i18n.t("gids.advice.yourself")}</h3>
                    <ul>{tips.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </section>
            })}
            {(!main.is_empty()).then(|| view! {
                <section aria-labelledby=gids.id("terecht")>
                    <h3 id=gids.id("terecht")>{i18n.t("gids.advice.main")}</h3>
                    <ul class="ww-plain-list ww-service-lines" role="list">
                        {main.into_iter().map(|(worry, service)| view! {
                            <li class="ww-main-for">
                                <p class="ww-about">{i18n.t_with("gids.advice.main-for", &[("worry", &worry)])}</p>
                                <ul class="ww-plain-list" role="list">
                                    <ServiceLine service defaults=defaults.clone() />
                                </ul>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        }
    };
    let after_team = move || {
        let (_, recommended, defaults) = chosen.get();
        let low: Vec<Service> = recommended
            .low_threshold
            .iter()
            .filter_map(service)
            .collect();
        let other: Vec<Service> = recommended.other.iter().filter_map(service).collect();
        view! {
            {service_group(gids, i18n, "vrij", "gids.advice.informal", low, &defaults)}
            {service_group(gids, i18n, "ander", "gids.advice.other", other, &defaults)}
        }
    };
    view! {
        <StepHeading text=i18n.t("gids.advice.title") />
        {before_team}
        <TeamSection />
        {after_team}
    }
    .into_any()
}
