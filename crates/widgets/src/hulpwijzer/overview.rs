//! "Mijn overzicht": to print (one A4 where it fits), save as a file, or show on screen at
//! the team's desk. It holds what the resident needs to act: the numbers for urgent help,
//! their neighbourhood team with every way to reach it, the help they chose with phone and
//! opening hours, and their story (worries, answers, note), so it is told only once.

use leptos::prelude::*;
use wegwijs_directory::links::{display_web, tel_link, web_link};
use wegwijs_directory::Service;
use wegwijs_guide::definition::Team;
use wegwijs_guide::{summarize, Step, Summary};

use super::advice::near;
use super::app::use_gids;
use super::steps::StepHeading;
use super::urgent::{CallLink, ContactLine};
use crate::browser;
use crate::i18n::{use_i18n, I18n};
use crate::kaart::format;
use crate::kit::Breakable;

/// A service as the overview lists it: name, then one line per phone, address and hours.
struct ServiceLines {
    name: String,
    lines: Vec<String>,
}

fn service_lines(i18n: I18n, service: &Service) -> ServiceLines {
    let mut lines: Vec<String> = service
        .phones
        .iter()
        .map(|p| i18n.t_with("card.phone", &[("number", &p.number)]))
        .collect();
    lines.extend(service.addresses().next().map(|a| a.one_line()));
    lines.extend(format::week_hours(i18n, service));
    ServiceLines {
        name: service.name.clone(),
        lines,
    }
}

/// The team's lines: phone, walk-in hours, e-mail, website, what happens when you call.
fn team_lines(i18n: I18n, team: &Team) -> Vec<String> {
    let lang = i18n.lang();
    let mut lines = Vec::new();
    lines.extend(
        team.phone
            .as_ref()
            .map(|p| i18n.t_with("card.phone", &[("number", p)])),
    );
    lines.extend(team.walk_in.as_ref().map(|w| w.get(lang).to_owned()));
    lines.extend(
        team.email
            .as_ref()
            .map(|e| i18n.t_with("card.email", &[("email", e)])),
    );
    lines.extend(
        team.website
            .as_deref()
            .and_then(web_link)
            .map(|url| display_web(&url)),
    );
    lines.push(team.what_happens.get(lang).to_owned());
    lines
}

/// The overview as plain text, for the file.
fn as_text(i18n: I18n, summary: &Summary) -> String {
    let lang = i18n.lang();
    let mut lines = vec![i18n.t("gids.overview.title"), String::new()];
    if summary.for_someone_else {
        lines.push(i18n.t("gids.overview.for-other"));
        lines.push(String::new());
    }
    lines.push(i18n.t("gids.overview.urgent"));
    for contact in &summary.urgent {
        let line = ContactLine::of(contact, lang);
        lines.push(format!(
            "- {}: {}",
            line.name,
            line.number.unwrap_or_default()
        ));
    }
    lines.push(String::new());
    lines.push(i18n.t("gids.overview.worries"));
    lines.extend(summary.worries.iter().map(|w| format!("- {w}")));
    if let Some(words) = &summary.own_words {
        lines.push(format!("- {words}"));
    }
    if !summary.answers.is_empty() {
        lines.push(String::new());
        lines.push(i18n.t("gids.overview.answers"));
        lines.extend(summary.answers.iter().map(|(q, a)| format!("- {q} {a}")));
    }
    if let Some(team) = &summary.team {
        lines.push(String::new());
        lines.push(format!(
            "{} {}",
            i18n.t("gids.overview.team"),
            team.name.get(lang)
        ));
        lines.extend(team_lines(i18n, team).into_iter().map(|l| format!("  {l}")));
    }
    if !summary.services.is_empty() {
        lines.push(String::new());
        lines.push(i18n.t("gids.overview.services"));
        for service in &summary.services {
            let service = service_lines(i18n, service);
            lines.push(format!("- {}", service.name));
            lines.extend(service.lines.into_iter().map(|l| format!("  {l}")));
        }
    }
    if let Some(note) = &summary.note {
        lines.push(String::new());
        lines.push(i18n.t("gids.overview.note"));
        lines.push(note.clone());
    }
    lines.join("\n") + "\n"
}

/// The overview on screen and on paper.
fn overview_view(i18n: I18n, summary: Summary) -> impl IntoView {
    let lang = i18n.lang();
    let urgent: Vec<ContactLine> = summary
        .urgent
        .iter()
        .map(|c| ContactLine::of(c, lang))
        .collect();
    let team = summary.team.clone().map(|team| {
        let phone_link = team.phone.as_deref().and_then(tel_link);
        let lines = team_lines(i18n, &team);
        view! {
            <div class="ww-overview-part">
                <p class="ww-label">{i18n.t("gids.overview.team")}" "{team.name.get(lang).to_owned()}</p>
                <ul class="ww-plain-list" role="list">
                    {lines.into_iter().enumerate().map(|(i, line)| match (&phone_link, i) {
                        (Some(tel), 0) => view! { <li><a class="ww-action" href=tel.clone()>{line}</a></li> }.into_any(),
                        _ => view! { <li><Breakable text=line /></li> }.into_any(),
                    }).collect_view()}
                </ul>
            </div>
        }
    });
    let services: Vec<ServiceLines> = summary
        .services
        .iter()
        .map(|s| service_lines(i18n, s))
        .collect();
    view! {
        {summary.for_someone_else.then(|| view! { <p class="ww-label">{i18n.t("gids.overview.for-other")}</p> })}
        <div class="ww-overview-part">
            <p class="ww-label">{i18n.t("gids.overview.urgent")}</p>
            <ul class="ww-plain-list" role="list">
                {urgent.into_iter().map(|contact| view! { <li><CallLink contact /></li> }).collect_view()}
            </ul>
        </div>
        <div class="ww-overview-part">
            <p class="ww-label">{i18n.t("gids.overview.worries")}</p>
            <ul>
                {summary.worries.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
                {summary.own_words.clone().map(|w| view! { <li>{w}</li> })}
                {(summary.worries.is_empty() && summary.own_words.is_none()).then(|| view! { <li>{i18n.t("gids.overview.nothing")}</li> })}
            </ul>
        </div>
        {(!summary.answers.is_empty()).then(|| view! {
            <div class="ww-overview-part">
                <p class="ww-label">{i18n.t("gids.overview.answers")}</p>
                <ul>
                    {summary.answers.iter().map(|(q, a)| view! { <li>{q.clone()}" "<strong>{a.clone()}</strong></li> }).collect_view()}
                </ul>
            </div>
        })}
        {team}
        {(!services.is_empty()).then(|| view! {
            <div class="ww-overview-part">
                <p class="ww-label">{i18n.t("gids.overview.services")}</p>
                <ul class="ww-plain-list ww-overview-services" role="list">
                    {services.into_iter().map(|s| view! {
                        <li>
                            <span class="ww-label">{s.name}</span>
                            {s.lines.into_iter().map(|l| view! { <br /><Breakable text=l /> }).collect_view()}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        })}
        {summary.note.clone().map(|note| view! {
            <div class="ww-overview-part">
                <p class="ww-label">{i18n.t("gids.overview.note")}</p>
                <p class="ww-prose">{note}</p>
            </div>
        })}
    }
}

/// The overview step.
#[component]
pub(crate) fn OverviewStep() -> impl IntoView {
    let gids = use_gids();
    let i18n = use_i18n();
    let lang = i18n.lang();
    let large = RwSignal::new(false);
    let note_id = gids.id("notitie");
    let summary = Memo::new(move |_| {
        let journey = gids.journey.get();
        let near = near(gids, &journey);
        gids.with_guide(|g| {
            gids.map.with_value(|map| {
                summarize(
                    g,
                    &journey,
                    lang,
                    map.as_ref().map(|m| m.index.as_ref()),
                    near,
                )
            })
        })
    });
    let print = move |_| {
        gids.printing.set(true);
        request_animation_frame(move || match gids.container.get_untracked() {
            Some(container) => browser::print_widget(&container, move || gids.printing.set(false)),
            None => gids.printing.set(false),
        });
    };
    let save = move |_| {
        if let Some(container) = gids.container.get_untracked() {
            browser::download_text(
                &container,
                &i18n.t("gids.overview.file-name"),
                &as_text(i18n, &summary.get_untracked()),
            );
            gids.announcement.set(i18n.t("gids.overview.saved"));
        }
    };
    view! {
        <StepHeading text=i18n.t("gids.overview.title") />
        <p class="ww-overview-intro">{i18n.t("gids.overview.intro")}</p>
        <div class="ww-overview" class:ww-large=move || large.get()>
            {move || overview_view(i18n, summary.get())}
        </div>
        <div class="ww-note-field">
            <label for=note_id.clone()>{i18n.t("gids.overview.note-label")}</label>
            <textarea
                id=note_id
                class="ww-input"
                rows="4"
                prop:value=move || gids.journey.with(|j| j.note.clone())
                on:input=move |event| {
                    let text = event_target_value(&event);
                    gids.journey.update(|j| j.note = text);
                }
            ></textarea>
        </div>
        <div class="ww-detail-buttons">
            <button type="button" class="ww-button" on:click=print>{i18n.t("gids.overview.print")}</button>
            <button type="button" class="ww-button ww-button-secondary" on:click=save>{i18n.t("gids.overview.save")}</button>
            <button
                type="button"
                class="ww-button ww-button-secondary"
                aria-pressed=move || if large.get() { "true" } else { "false" }
                on:click=move |_| large.update(|l| *l = !*l)
            >
                {i18n.t("gids.overview.show")}
            </button>
            <button type="button" class="ww-link-button" on:click=move |_| gids.journey.update(|j| j.go_to(Step::Worries))>
                {i18n.t("gids.overview.change")}
            </button>
        </div>
    }
    .into_any()
}
