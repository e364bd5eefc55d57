//! Filling in the scan: one dimension per screen (or all at once in a compact table), then a
//! personal result with the share code.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wegwijs_assessment::encode;
use wegwijs_assessment::typology::place;

use super::app::{use_scan, CODE_FRAGMENT};
use super::join::{send_answers, JoinedBanner, SendStatus};
use crate::browser;
use crate::i18n::use_i18n;

/// Which answer: how it is now, or how the team wants it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Now,
    Desired,
}

/// The radio group for one dimension and one question.
#[component]
fn ScaleChoice(
    /// Dimension position.
    index: usize,
    /// Now or desired.
    which: Which,
) -> impl IntoView {
    let scan = use_scan();
    let i18n = use_i18n();
    let lang = i18n.lang();
    let labels: Vec<String> = scan
        .instrument
        .with_value(|i| i.scale.iter().map(|t| t.get(lang).to_owned()).collect());
    let name = scan.id(&format!(
        "d{index}-{}",
        if which == Which::Now { "nu" } else { "gewenst" }
    ));
    let current = move || {
        scan.response.with(|r| match which {
            Which::Now => r.now[index],
            Which::Desired => r.desired[index],
        })
    };
    let set = move |value: Option<u8>| {
        scan.response.update(|r| match which {
            Which::Now => r.now[index] = value,
            Which::Desired => r.desired[index] = value,
        });
        scan.unknown.update(|unknown| {
            let question = (index, which == Which::Desired);
            if value.is_none() {
                unknown.insert(question);
            } else {
                unknown.remove(&question);
            }
        });
    };
    // "Weet ik niet" is only shown as chosen when it was chosen, not for an untouched question.
    let unknown_chosen = move || {
        current().is_none()
            && scan
                .unknown
                .with(|unknown| unknown.contains(&(index, which == Which::Desired)))
    };
    let legend = match which {
        Which::Now => i18n.t("scan.respond.now"),
        Which::Desired => i18n.t("scan.respond.desired"),
    };
    let options = labels
        .into_iter()
        .enumerate()
        .map(|(point, label)| {
            let value = point as u8 + 1;
            view! {
                <label class="ww-scale-option">
                    <input
                        type="radio"
                        name=name.clone()
                        prop:checked=move || current() == Some(value)
                        on:change=move |_| set(Some(value))
                    />
                    <span class="ww-scale-number" aria-hidden="true">{value}</span>
                    <span class="ww-scale-text">{label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="ww-scale">
            <legend>{legend}</legend>
            <div class="ww-scale-options">
                {options}
                <label class="ww-scale-option ww-scale-unknown">
                    <input
                        type="radio"
                        name=name.clone()
                        prop:checked=unknown_chosen
                        on:change=move |_| set(None)
                    />
                    <span>{i18n.t("scan.respond.unknown")}</span>
                </label>
            </div>
        </fieldset>
    }
}

/// One dimension: its poles, why it matters, and the question(s).
#[component]
fn DimensionForm(
    /// Dimension position.
    index: usize,
    /// Heading level 2 (one per screen, gets focus) or 3 (table).
    single: bool,
) -> impl IntoView {
    let scan = use_scan();
    let i18n = use_i18n();
    let lang = i18n.lang();
    let (label, low, high, why, ask_desired) = scan.instrument.with_value(|instrument| {
        let d = &instrument.dimensions[index];
        (
            d.label.get(lang).to_owned(),
            d.low.get(lang).to_owned(),
            d.high.get(lang).to_owned(),
            d.why.get(lang).to_owned(),
            instrument.ask_desired,
        )
    });
    let heading_id = scan.id(&format!("d{index}"));
    let heading = if single {
        view! { <h2 id=heading_id.clone() class="ww-step-title" tabindex="-1">{label}</h2> }
            .into_any()
    } else {
        view! { <h3 id=heading_id.clone() class="ww-dimension-title">{label}</h3> }.into_any()
    };
    view! {
        <section class="ww-dimension" aria-labelledby=heading_id>
            {heading}
            <dl class="ww-poles">
                <div><dt>{i18n.t("scan.respond.low")}</dt><dd>{low}</dd></div>
                <div><dt>{i18n.t("scan.respond.high")}</dt><dd>{high}</dd></div>
            </dl>
            <p class="ww-note">{why}</p>
            <div class="ww-scale-pair">
                <ScaleChoice index which=Which::Now />
                {ask_desired.then(|| view! { <ScaleChoice index which=Which::Desired /> })}
            </div>
        </section>
    }
}

/// The respondent's part.
#[component]
pub(crate) fn Respond() -> impl IntoView {
    let scan = use_scan();
    let i18n = use_i18n();
    let count = scan.instrument.with_value(|i| i.dimensions.len());
    let done = move || scan.position.get() >= count;
    let go = move |to: usize| {
        scan.position.set(to.min(count));
        let progress = if to >= count {
            i18n.t("scan.result.title")
        } else {
            i18n.t_with(
                "scan.respond.progress",
                &[("at", &(to + 1).to_string()), ("of", &count.to_string())],
            )
        };
        scan.announcement.set(progress);
        scan.focus_heading();
    };
    let answered = move || scan.response.with(|r| r.answered());
    view! {
        <Show
            when=move || !done()
            fallback=move || view! { <PersonalResult on_change=Callback::new(move |()| go(0)) /> }
        >
            <div class="ww-respond">
                <JoinedBanner />
                <div class="ww-progress-line">
                    <p class="ww-progress-text">
                        {move || if scan.all_at_once.get() {
                            i18n.t_with("scan.respond.answered", &[("answered", &answered().to_string()), ("of", &count.to_string())])
                        } else {
                            i18n.t_with("scan.respond.progress", &[("at", &(scan.position.get() + 1).to_string()), ("of", &count.to_string())])
                        }}
                    </p>
                    <progress class="ww-progress" aria-hidden="true" max=count value=answered></progress>
                    <label class="ww-check">
                        <input type="checkbox" prop:checked=move || scan.all_at_once.get() on:change=move |event| scan.all_at_once.set(event_target_checked(&event)) />
                        {i18n.t("scan.respond.all")}
                    </label>
                </div>
                {move || if scan.all_at_once.get() {
                    view! {
                        <h2 class="ww-step-title" tabindex="-1">{scan.instrument.with_value(|i| i.title.get(i18n.lang()).to_owned())}</h2>
                        <div class="ww-dimension-table">
                            <p class="ww-scale-legend">
                                {scan.instrument.with_value(|i| {
                                    i.scale
                                        .iter()
                                        .enumerate()
                                        .map(|(n, label)| format!("{} = {}", n + 1, label.get(i18n.lang())))
                                        .collect::<Vec<_>>()
                                        .join(" · ")
                                })}
                            </p>
                            {(0..count).map(|index| view! { <DimensionForm index single=false /> }).collect_view()}
                        </div>
                        <div class="ww-step-nav">
                            <button type="button" class="ww-button" on:click=move |_| go(count)>{i18n.t("scan.respond.finish")}</button>
                        </div>
                    }
                    .into_any()
                } else {
                    // Keyed by position: a new part gets new radio buttons. Patching the old
                    // ones in place would rename a checked radio into the new group, and the
                    // browser would then clear the answer that was just restored.
                    view! {
                        <For each=move || [scan.position.get()] key=|index| *index let:index>
                            <DimensionForm index single=true />
                            <div class="ww-step-nav">
                                {(index > 0).then(|| view! {
                                    <button type="button" class="ww-button ww-button-secondary" on:click=move |_| go(index - 1)>
                                        <span aria-hidden="true">"← "</span>{i18n.t("common.back")}
                                    </button>
                                })}
                                <button type="button" class="ww-button" on:click=move |_| go(index + 1)>
                                    {if index + 1 == count { i18n.t("scan.respond.finish") } else { i18n.t("common.next") }}
                                    <span aria-hidden="true">" →"</span>
                                </button>
                            </div>
                        </For>
                    }
                    .into_any()
                }}
            </div>
        </Show>
    }
    .into_any()
}

/// The personal result: the profile, what it resembles, and the share code.
#[component]
fn PersonalResult(
    /// Back to the answers.
    on_change: Callback<()>,
) -> impl IntoView {
    let scan = use_scan();
    let i18n = use_i18n();
    let lang = i18n.lang();
    // In a live session the answers go to the facilitator as soon as they are complete.
    send_answers(scan);
    let response = scan.response.get_untracked();
    let instrument = scan.instrument.get_value();
    let code = encode(&instrument, &response);
    let link = browser::url_with_fragment(&format!("{CODE_FRAGMENT}{code}"));
    let levels: Vec<Option<f64>> = response.now.iter().map(|v| v.map(f64::from)).collect();
    let placement = place(&instrument, &levels).and_then(|p| {
        let model = &instrument.typology.as_ref()?.models[p.model];
        Some((
            model.label.get(lang).to_owned(),
            model.description.get(lang).to_owned(),
        ))
    });
    let rows = instrument
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let cell =
                |v: Option<u8>| v.map_or_else(|| i18n.t("scan.respond.unknown"), |v| v.to_string());
            view! {
                <tr>
                    <th scope="row">{d.label.get(lang).to_owned()}</th>
                    <td data-label=i18n.t("scan.now")>{cell(response.now[i])}</td>
                    {instrument.ask_desired.then(|| view! { <td data-label=i18n.t("scan.desired")>{cell(response.desired[i])}</td> })}
                </tr>
            }
        })
        .collect_view();
    let copy = {
        let (code, link) = (code.clone(), link.clone());
        move |what: &'static str| {
            let text = if what == "code" {
                code.clone()
            } else {
                link.clone()
            };
            spawn_local(async move {
                let message = if browser::copy_to_clipboard(&text).await {
                    "scan.result.copied"
                } else {
                    "scan.result.copy-failed"
                };
                let _ = scan.announcement.try_set(i18n.t(message));
            });
        }
    };
    let copy_link = copy.clone();
    let (share_code, share_link) = (code.clone(), link.clone());
    view! {
        <h2 class="ww-step-title" tabindex="-1">{i18n.t("scan.result.title")}</h2>
        <SendStatus />
        {placement.map(|(model, description)| view! {
            <p class="ww-lead">{i18n.t_with("scan.result.resembles", &[("model", &model)])}</p>
            <p class="ww-note">{description}</p>
        })}
        <p>{i18n.t("scan.result.not-a-verdict")}</p>
        <div class="ww-table-scroll" role="region" aria-labelledby=scan.id("mijn-tabel") tabindex="0">
            <table class="ww-coverage-table ww-stack">
                <caption id=scan.id("mijn-tabel")>{i18n.t("scan.result.table")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("scan.dimension")}</th>
                        <th scope="col">{i18n.t("scan.now")}</th>
                        {instrument.ask_desired.then(|| view! { <th scope="col">{i18n.t("scan.desired")}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <section class="ww-share" aria-labelledby=scan.id("deel")>
            <h3 id=scan.id("deel")>{i18n.t("scan.result.share")}</h3>
            <p>{i18n.t(if scan.joined.with_untracked(Option::is_some) { "scan.result.share-how-live" } else { "scan.result.share-how" })}</p>
            <p class="ww-code" id=scan.id("code")>{code.clone()}</p>
            <div class="ww-detail-buttons">
                <button type="button" class="ww-button" on:click=move |_| copy("code")>{i18n.t("scan.result.copy-code")}</button>
                <button type="button" class="ww-button ww-button-secondary" on:click=move |_| copy_link("link")>{i18n.t("scan.result.copy-link")}</button>
                {browser::can_share().then(|| {
                    let (code, link) = (share_code.clone(), share_link.clone());
                    view! {
                        <button type="button" class="ww-button ww-button-secondary" on:click=move |_| {
                            let (code, link) = (code.clone(), link.clone());
                            spawn_local(async move { browser::share(&code, &link).await; });
                        }>{i18n.t("scan.result.share-button")}</button>
                    }
                })}
                <button type="button" class="ww-link-button" on:click=move |_| on_change.run(())>{i18n.t("scan.result.change")}</button>
            </div>
            <p class="ww-hint">{i18n.t("scan.result.no-names")}</p>
        </section>
    }
}
