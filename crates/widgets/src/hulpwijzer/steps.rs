//! The first steps: for whom, which worries, and a few simple questions.

use leptos::prelude::*;
use wegwijs_guide::advice::urgent_signals;
use wegwijs_guide::help::worries_in;

use super::app::use_gids;
use crate::i18n::use_i18n;
use crate::kaart::DomainIcon;

/// A step heading that gets focus when the step opens.
#[component]
pub(crate) fn StepHeading(
    /// The heading text.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let gids = use_gids();
    view! { <h2 id=gids.id("stap") class="ww-step-title" tabindex="-1">{move || text.get()}</h2> }
}

/// The warm first screen.
#[component]
pub(crate) fn StartStep() -> impl IntoView {
    let gids = use_gids();
    let i18n = use_i18n();
    let name = gids.id("voor-wie");
    let someone_else = move || gids.journey.with(|j| j.for_someone_else);
    view! {
        <StepHeading text=i18n.t("gids.start.title") />
        <p class="ww-lead">{i18n.t("gids.start.intro")}</p>
        <ul class="ww-promises" role="list">
            <li>{i18n.t("gids.start.no-name")}</li>
            <li>{i18n.t("gids.start.no-address")}</li>
            <li>{i18n.t("gids.start.stays")}</li>
        </ul>
        <fieldset class="ww-choices">
            <legend>{i18n.t("gids.start.for-whom")}</legend>
            <label class="ww-choice">
                <input
                    type="radio"
                    name=name.clone()
                    prop:checked=move || !someone_else()
                    on:change=move |_| gids.journey.update(|j| j.for_someone_else = false)
                />
                {i18n.t("gids.start.myself")}
            </label>
            <label class="ww-choice">
                <input
                    type="radio"
                    name=name
                    prop:checked=someone_else
                    on:change=move |_| gids.journey.update(|j| j.for_someone_else = true)
                />
                {i18n.t("gids.start.someone-else")}
            </label>
        </fieldset>
    }
    .into_any()
}

/// Choosing worries, by tile or in one's own words.
#[component]
pub(crate) fn WorriesStep() -> impl IntoView {
    let gids = use_gids();
    let i18n = use_i18n();
    let lang = i18n.lang();
    let tiles = gids.with_guide(|guide| {
        guide
            .domains
            .iter()
            .map(|domain| {
                (
                    domain.code,
                    domain.label.get(lang).to_owned(),
                    domain.description.get(lang).to_owned(),
                )
            })
            .collect::<Vec<_>>()
    });
    let words_id = gids.id("eigen-woorden");
    let words = RwSignal::new(gids.journey.with_untracked(|j| j.own_words.clone()));
    let understand = move || {
        let text = words.get();
        gids.journey.update(|j| j.own_words = text.clone());
        let guide = gids.guide.get_value();
        let found = gids.map.with_value(|map| {
            map.as_ref()
                .map(|map| worries_in(&guide, &map.index, &text))
                .unwrap_or_default()
        });
        let mut added = Vec::new();
        gids.journey.update(|j| {
            for domain in found {
                if !j.domains.contains(&domain) {
                    j.toggle_domain(&guide, domain);
                    added.push(
                        guide
                            .domain(domain)
                            .map(|d| d.label.get(lang).to_owned())
                            .unwrap_or_default(),
                    );
                }
            }
        });
        let found = if added.is_empty() {
            i18n.t("gids.worries.none-found")
        } else {
            i18n.t_with("gids.worries.found", &[("worries", &added.join(", "))])
        };
        // Something urgent in the words is said first.
        let urgent = gids.journey.with_untracked(|j| {
            urgent_signals(&guide, j)
                .first()
                .map(|s| i18n.t_with("gids.urgent.raised", &[("message", s.message.get(lang))]))
        });
        gids.announcement.set(match urgent {
            Some(urgent) => format!("{urgent} {found}"),
            None => found,
        });
    };
    let title = move || {
        if gids.journey.with(|j| j.for_someone_else) {
            i18n.t("gids.worries.title-other")
        } else {
            i18n.t("gids.worries.title")
        }
    };
    view! {
        <StepHeading text=Signal::derive(title) />
        <fieldset class="ww-tiles-group">
            <legend>{i18n.t("gids.worries.pick")}</legend>
            <div class="ww-tiles">
                {tiles.into_iter().map(|(code, label, description)| {
                    let checked = move || gids.journey.with(|j| j.domains.contains(&code));
                    view! {
                        <label class="ww-tile" class:ww-tile-on=checked>
                            <input
                                type="checkbox"
                                class="ww-tile-check"
                                prop:checked=checked
                                on:change=move |_| {
                                    let guide = gids.guide.get_value();
                                    gids.journey.update(|j| {
                                        j.toggle_domain(&guide, code);
                                        j.repair(&guide);
                                    });
                                }
                            />
                            <DomainIcon domain=code />
                            <span class="ww-tile-label">{label}</span>
                            <span class="ww-tile-text">{description}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
        <form class="ww-own-words" on:submit=move |event| {
            event.prevent_default();
            understand();
        }>
            <label for=words_id.clone()>{i18n.t("gids.worries.own-words")}</label>
            <div class="ww-inline">
                <input
                    id=words_id
                    class="ww-input"
                    type="text"
                    autocomplete="off"
                    prop:value=move || words.get()
                    on:input=move |event| words.set(event_target_value(&event))
                    // Kept when the resident goes on without "Kies voor mij", so what they
                    // wrote still counts (and raises an urgent signal when it should).
                    on:change=move |_| {
                        let text = words.get_untracked();
                        gids.journey.update(|j| j.own_words = text);
                    }
                />
                <button type="submit" class="ww-button ww-button-secondary">{i18n.t("gids.worries.understand")}</button>
            </div>
        </form>
        <p class="ww-hint">{i18n.t("gids.nothing-required")}</p>
    }
    .into_any()
}

/// One simple question.
#[component]
pub(crate) fn QuestionStep(
    /// Which question of the chosen worries.
    index: usize,
) -> impl IntoView {
    let gids = use_gids();
    let i18n = use_i18n();
    let lang = i18n.lang();
    let found = gids.with_guide(|guide| {
        let journey = gids.journey.get_untracked();
        let question = journey.questions(guide).get(index).copied().cloned()?;
        let domain = guide
            .domains
            .iter()
            .find(|d| d.questions.iter().any(|q| q.id == question.id))
            .map(|d| d.label.get(lang).to_owned())
            .unwrap_or_default();
        Some((question, domain))
    });
    let number = gids.with_guide(|guide| gids.journey.with_untracked(|j| j.question_number(guide)));
    let Some((question, domain)) = found else {
        return view! { <StepHeading text=i18n.t("gids.advice.title") /> }.into_any();
    };
    let name = gids.id(&format!("vraag-{}", question.id));
    let question_id = question.id.clone();
    let choices = question
        .choices
        .iter()
        .map(|choice| {
            let (qid, cid) = (question_id.clone(), choice.id.clone());
            let checked = {
                let (qid, cid) = (qid.clone(), cid.clone());
                move || gids.journey.with(|j| j.answers.get(&qid) == Some(&cid))
            };
            view! {
                <label class="ww-choice">
                    <input
                        type="radio"
                        name=name.clone()
                        prop:checked=checked
                        on:click=move |_| gids.journey.update(|j| j.answer(&qid, &cid))
                    />
                    {choice.label.get(lang).to_owned()}
                </label>
            }
        })
        .collect_view();
    view! {
        <p class="ww-about">
            {number.map(|(at, of)| i18n.t_with("gids.question.number", &[("at", &at.to_string()), ("of", &of.to_string())]) + " · ")}
            {i18n.t_with("gids.question.about", &[("worry", &domain)])}
        </p>
        <fieldset class="ww-choices">
            <legend>
                <StepHeading text=question.text.get(lang).to_owned() />
            </legend>
            {choices}
        </fieldset>
        <p class="ww-hint">{i18n.t("gids.question.skip")}</p>
    }
    .into_any()
}
