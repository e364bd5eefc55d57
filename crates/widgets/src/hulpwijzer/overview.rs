//! "Mijn overzicht": to print, save as a file, or show on screen at the team's desk.

use leptos::prelude::*;
use wegwijs_guide::{summarize, Step, Summary};

use super::app::use_gids;
use super::steps::StepHeading;
use crate::browser;
use crate::i18n::{use_i18n, I18n};

/// The overview as plain text, for the file.
fn as_text(i18n: I18n, summary: &Summary) -> String {
    let mut lines = vec![i18n.t("gids.overview.title"), String::new()];
    if summary.for_someone_else {
        lines.push(i18n.t("gids.overview.for-other"));
        lines.push(String::new());
    }
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
        lines.push(format!("{} {team}", i18n.t("gids.overview.team")));
    }
    if let Some(note) = &summary.note {
        lines.push(String::new());
        lines.push(i18n.t("gids.overview.note"));
        lines.push(note.clone());
    }
    lines.join("\n") + "\n"
}

/// The overview step.
#[component]
pub(crate) fn OverviewStep() -> impl IntoView {
    let gids = use_gids();
    let i18n = use_i18n();
    let lang = i18n.lang();
    let large = RwSignal::new(false);
    let note_id = gids.id("notitie");
    let summary =
        Memo::new(move |_| gids.with_guide(|g| gids.journey.with(|j| summarize(g, j, lang))));
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
        <p>{i18n.t("gids.overview.intro")}</p>
        <div class="ww-overview" class:ww-large=move || large.get()>
            {move || {
                let summary = summary.get();
                view! {
                    {summary.for_someone_else.then(|| view! { <p class="ww-label">{i18n.t("gids.overview.for-other")}</p> })}
                    <p class="ww-label">{i18n.t("gids.overview.worries")}</p>
                    <ul>
                        {summary.worries.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
                        {summary.own_words.clone().map(|w| view! { <li>{w}</li> })}
                        {(summary.worries.is_empty() && summary.own_words.is_none()).then(|| view! { <li>{i18n.t("gids.overview.nothing")}</li> })}
                    </ul>
                    {(!summary.answers.is_empty()).then(|| view! {
                        <p class="ww-label">{i18n.t("gids.overview.answers")}</p>
                        <ul>
                            {summary.answers.iter().map(|(q, a)| view! { <li>{q.clone()}" "<strong>{a.clone()}</strong></li> }).collect_view()}
                        </ul>
                    })}
                    {summary.team.clone().map(|team| view! { <p><span class="ww-label">{i18n.t("gids.overview.team")}</span>" "{team}</p> })}
                    {summary.note.clone().map(|note| view! {
                        <p class="ww-label">{i18n.t("gids.overview.note")}</p>
                        <p class="ww-prose">{note}</p>
                    })}
                }
            }}
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
