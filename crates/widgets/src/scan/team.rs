//! The facilitator's part: collect codes or files, and the team view with chart, spread,
//! disagreements, gaps with tips, placement, comparison with an earlier round, and exports.

use leptos::prelude::*;
use wegwijs_assessment::export::{
    aggregates_csv, compare, export, import_json, import_responses_csv, responses_csv,
};
use wegwijs_assessment::{combine, deduplicate, Disagreement, Privacy, Response, TeamResult};

use super::app::use_scan;
use super::charts::{Dots, Radar};
use crate::browser;
use crate::i18n::use_i18n;

/// Formats a median or gap: whole numbers without decimals, halves with one ("3,5").
fn number(lang: &str, value: f64) -> String {
    let text = if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}").trim_end_matches('0').to_owned()
    };
    if lang == "nl" {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The facilitator's part: the team view of `responses` (the codes and files added here, or
/// a live session's answers); in a live session without the ways to add codes or files.
#[component]
pub(crate) fn TeamView(
    /// The answers to combine.
    responses: RwSignal<Vec<Response>>,
    /// Answers come from a live session.
    #[prop(optional)]
    live: bool,
) -> impl IntoView {
    let scan = use_scan();
    let i18n = use_i18n();
    let lang = i18n.lang();
    let codes_id = scan.id("codes");
    let file_id = scan.id("bestand");
    let earlier_id = scan.id("eerder");
    let codes = RwSignal::new(String::new());
    let team_name = RwSignal::new(String::new());
    let name_id = scan.id("teamnaam");
    let report_date = browser::now().date;
    let file_input = NodeRef::<leptos::html::Input>::new();
    let earlier_input = NodeRef::<leptos::html::Input>::new();
    let instrument = scan.instrument.get_value();
    let combined = Memo::new(move |_| {
        let instrument = scan.instrument.get_value();
        let (unique, repeats) = responses.with(|team| deduplicate(team));
        (combine(&instrument, &unique), unique, repeats)
    });
    let import_file = move |_| {
        browser::read_chosen_file(file_input, move |name, text| {
            let instrument = scan.instrument.get_value();
            let imported = if text.trim_start().starts_with('{') {
                import_json(&instrument, &text)
                    .map(|export| export.responses)
                    .map_err(|e| e.to_string())
            } else {
                import_responses_csv(&instrument, &text).map_err(|e| e.to_string())
            };
            match imported {
                Ok(responses) if !responses.is_empty() => {
                    let count = responses.len();
                    let _ = scan.team.try_update(|team| team.extend(responses));
                    let _ = scan.announcement.try_set(i18n.t_with(
                        "scan.team.file-added",
                        &[("count", &count.to_string()), ("file", &name)],
                    ));
                }
                Ok(_) => scan.refuse(name, i18n.t("scan.team.file-empty")),
                Err(reason) => scan.refuse(
                    name,
                    format!("{} ({reason})", i18n.t("scan.team.file-wrong")),
                ),
            }
        });
    };
    let import_earlier = move |_| {
        browser::read_chosen_file(earlier_input, move |name, text| {
            match import_json(&scan.instrument.get_value(), &text) {
                Ok(export) => {
                    let _ = scan.earlier.try_set(Some((export.round, export.result)));
                }
                Err(reason) => scan.refuse(
                    name,
                    format!("{} ({reason})", i18n.t("scan.team.file-wrong")),
                ),
            }
        });
    };
    let download = move |kind: &'static str| {
        let Some(container) = scan.container.get_untracked() else {
            return;
        };
        let instrument = scan.instrument.get_value();
        let (result, responses, _) = combined.get_untracked();
        let round = browser::now().date.to_string();
        let (file, text) = match kind {
            "json" => (
                format!("samenwerkingsscan-{round}.json"),
                serde_json::to_string_pretty(&export(&instrument, &result, &responses, &round))
                    .unwrap_or_default(),
            ),
            "aggregates" => (
                format!("samenwerkingsscan-{round}-cijfers.csv"),
                aggregates_csv(&instrument, &result, lang),
            ),
            _ => (
                format!("samenwerkingsscan-{round}-antwoorden.csv"),
                responses_csv(&instrument, &result, &responses),
            ),
        };
        browser::download_text(&container, &file, &text);
    };
    // A new team in the same tab: the kept codes, refusals and earlier round go.
    let clear = move |_| {
        scan.team.set(Vec::new());
        scan.rejected.set(Vec::new());
        scan.earlier.set(None);
        scan.announcement.set(i18n.t("scan.team.cleared"));
        scan.focus_heading();
    };
    let print = move |_| {
        if let Some(container) = scan.container.get_untracked() {
            browser::print_widget(&container, || ());
        }
    };
    let labels: Vec<String> = instrument
        .dimensions
        .iter()
        .map(|d| d.label.get(lang).to_owned())
        .collect();
    let ask_desired = instrument.ask_desired;
    let adding = (!live).then(|| view! {
        <h2 class="ww-step-title" tabindex="-1">{i18n.t("scan.team.title")}</h2>
        <p>{i18n.t("scan.team.intro")}</p>
        <form class="ww-codes" on:submit=move |event| {
            event.prevent_default();
            let text = codes.get();
            scan.add_codes(i18n, &text);
            codes.set(String::new());
        }>
            <label for=codes_id.clone()>{i18n.t("scan.team.paste")}</label>
            <textarea id=codes_id class="ww-input" rows="4" prop:value=move || codes.get() on:input=move |e| codes.set(event_target_value(&e))></textarea>
            <button type="submit" class="ww-button">{i18n.t("scan.team.add")}</button>
        </form>
        <div class="ww-file">
            <label for=file_id.clone()>{i18n.t("scan.team.file")}</label>
            <input id=file_id type="file" accept=".csv,.json,text/csv,application/json" node_ref=file_input on:change=import_file />
        </div>
        {move || {
            let rejected = scan.rejected.get();
            (!rejected.is_empty()).then(|| view! {
                <div class="ww-error" role="alert">
                    <p class="ww-error-title">{i18n.t("scan.team.refused")}</p>
                    <ul>{rejected.into_iter().map(|(what, why)| view! { <li><code>{what}</code>": "{why}</li> }).collect_view()}</ul>
                </div>
            })
        }}
    });
    view! {
        {adding}
        <Show when=move || combined.with(|(r, _, _)| r.respondents > 0)>
            <p class="ww-report-head">
                {move || {
                    let name = team_name.get();
                    let date = format!("{report_date}");
                    let when = i18n.t_with("scan.team.report-of", &[("date", &date)]);
                    if name.trim().is_empty() { when } else { format!("{} — {when}", name.trim()) }
                }}
            </p>
        </Show>
        {move || {
            let (result, _, repeats) = combined.get();
            // A live session says itself how many answered until the team view can show.
            if live && result.respondents == 0 {
                return None;
            }
            let earlier = scan.earlier.get();
            Some(team_result(i18n, lang, &labels, ask_desired, result, repeats, earlier, scan.id("tabel")))
        }}
        <Show when=move || combined.with(|(r, _, _)| r.respondents > 0)>
            <div class="ww-file">
                <label for=name_id.clone()>{i18n.t("scan.team.name")}</label>
                <input id=name_id.clone() class="ww-input" type="text" autocomplete="off" prop:value=move || team_name.get() on:input=move |e| team_name.set(event_target_value(&e)) />
            </div>
            <div class="ww-file">
                <label for=earlier_id.clone()>{i18n.t("scan.team.earlier")}</label>
                <input id=earlier_id.clone() type="file" accept=".json,application/json" node_ref=earlier_input on:change=import_earlier />
            </div>
            <div class="ww-detail-buttons">
                <button type="button" class="ww-button" on:click=print>{i18n.t("scan.team.print")}</button>
                <button type="button" class="ww-button ww-button-secondary" on:click=move |_| download("json")>{i18n.t("scan.team.json")}</button>
                <button type="button" class="ww-button ww-button-secondary" on:click=move |_| download("aggregates")>{i18n.t("scan.team.csv-aggregates")}</button>
                <button type="button" class="ww-button ww-button-secondary" on:click=move |_| download("responses")>{i18n.t("scan.team.csv-responses")}</button>
                {(!live).then(|| view! { <button type="button" class="ww-button ww-button-secondary" on:click=clear>{i18n.t("scan.team.clear")}</button> })}
            </div>
        </Show>
    }
    .into_any()
}

/// The team view for a result.
#[allow(clippy::too_many_arguments)]
fn team_result(
    i18n: crate::i18n::I18n,
    lang: &'static str,
    labels: &[String],
    ask_desired: bool,
    result: TeamResult,
    repeats: usize,
    earlier: Option<(String, TeamResult)>,
    table_id: String,
) -> AnyView {
    let scan = use_scan();
    let instrument = scan.instrument.get_value();
    let count = view! {
        <p class="ww-lead">{i18n.t_count("scan.team.respondents", result.respondents)}</p>
        {(repeats > 0).then(|| view! { <p class="ww-note">{i18n.t_count("scan.team.repeats", repeats)}</p> })}
    };
    match result.privacy {
        Privacy::Nothing => {
            return view! { {count} <p class="ww-note-box">{i18n.t("scan.team.privacy-nothing")}</p> }.into_any();
        }
        Privacy::MediansOnly | Privacy::Full => {}
    }
    let full = result.privacy == Privacy::Full;
    let medians_now: Vec<Option<f64>> = result
        .dimensions
        .iter()
        .map(|d| d.now.as_ref().map(|s| s.median))
        .collect();
    let medians_desired: Vec<Option<f64>> = if ask_desired {
        result
            .dimensions
            .iter()
            .map(|d| d.desired.as_ref().map(|s| s.median))
            .collect()
    } else {
        Vec::new()
    };
    let fmt = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| number(lang, v));
    let rows = result
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let flag = d.disagreement.map(|reason| match reason {
                Disagreement::WideSpread => i18n.t("scan.team.flag-wide"),
                Disagreement::BothSides => i18n.t("scan.team.flag-sides"),
            });
            let flagged = flag.is_some();
            view! {
                <tr class:ww-flagged=flagged>
                    <th scope="row">{labels[i].clone()}</th>
                    <td data-label=i18n.t("scan.team.median-now")>{fmt(d.now.as_ref().map(|s| s.median))}</td>
                    {ask_desired.then(|| view! { <td data-label=i18n.t("scan.team.median-desired")>{fmt(d.desired.as_ref().map(|s| s.median))}</td> })}
                    {ask_desired.then(|| view! { <td data-label=i18n.t("scan.team.difference")>{fmt(d.gap)}</td> })}
                    {full.then(|| {
                        let spread = d.now.clone();
                        view! {
                            <td data-label=i18n.t("scan.team.range")>{spread.as_ref().map(|s| format!("{}–{}", s.min, s.max))}</td>
                            <td data-label=i18n.t("scan.team.iqr")>{spread.as_ref().map(|s| number(lang, s.iqr()))}</td>
                            <td class="ww-dots-cell" data-label=i18n.t("scan.team.answers")>{spread.map(|spread| view! { <Dots spread /> })}</td>
                        }
                    })}
                    <td data-label=i18n.t("scan.team.disagreement")>{flag}</td>
                </tr>
            }
        })
        .collect_view();
    let disagreements: Vec<String> = result
        .dimensions
        .iter()
        .enumerate()
        .filter(|(_, d)| d.disagreement.is_some())
        .map(|(i, _)| labels[i].clone())
        .collect();
    let gaps = result
        .largest_gaps
        .iter()
        .take(5)
        .map(|&i| {
            let d = &instrument.dimensions[i];
            let gap = result.dimensions[i].gap.unwrap_or(0.0);
            let tips: Vec<String> = d.tips.iter().map(|t| t.get(lang).to_owned()).collect();
            view! {
                <li>
                    <span class="ww-label">{labels[i].clone()}</span>
                    " "{i18n.t_with(if gap.abs() == 1.0 { "scan.team.gap.one" } else { "scan.team.gap.other" }, &[("gap", &number(lang, gap.abs())), ("direction", &if gap > 0.0 { i18n.t("scan.team.higher") } else { i18n.t("scan.team.lower") })])}
                    <ul>{tips.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </li>
            }
        })
        .collect_view();
    let advice: Vec<String> = instrument
        .advice
        .iter()
        .map(|a| a.get(lang).to_owned())
        .collect();
    let placement = result.placement.as_ref().and_then(|p| {
        let typology = instrument.typology.as_ref()?;
        let model = &typology.models[p.model];
        let evidence: Vec<String> = p
            .evidence
            .iter()
            .take(3)
            .map(|(i, level, expected)| {
                i18n.t_with("scan.team.evidence", &[("dimension", &labels[*i]), ("level", &number(lang, *level)), ("expected", &number(lang, *expected))])
            })
            .collect();
        let runner_up = p.runner_up.map(|(m, _)| typology.models[m].label.get(lang).to_owned());
        Some(view! {
            <section aria-labelledby=scan.id("model")>
                <h3 id=scan.id("model")>{i18n.t_with("scan.team.resembles", &[("model", model.label.get(lang))])}</h3>
                <p>{model.description.get(lang).to_owned()}</p>
                {(!evidence.is_empty()).then(|| view! {
                    <p>{i18n.t("scan.team.because")}</p>
                    <ul>{evidence.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                })}
                {runner_up.map(|m| view! { <p>{i18n.t_with("scan.team.runner-up", &[("model", &m)])}</p> })}
                <p class="ww-note">{typology.about.get(lang).to_owned()}</p>
            </section>
        })
    });
    let comparison = earlier.map(|(round, before)| {
        let rows = compare(&before, &result)
            .into_iter()
            .map(|(i, then, now)| {
                let change = then.zip(now).map(|(a, b)| b - a);
                view! {
                    <tr>
                        <th scope="row">{labels[i].clone()}</th>
                        <td data-label=i18n.t("scan.team.before")>{fmt(then)}</td>
                        <td data-label=i18n.t("scan.now")>{fmt(now)}</td>
                        <td data-label=i18n.t("scan.team.change")>{change.map(|c| format!("{}{}", if c > 0.0 { "+" } else { "" }, number(lang, c)))}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="ww-table-scroll" role="region" aria-labelledby=scan.id("vergelijk") tabindex="0">
                <table class="ww-coverage-table ww-stack">
                    <caption id=scan.id("vergelijk")>{i18n.t_with("scan.team.compare", &[("round", &round)])}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("scan.dimension")}</th>
                        <th scope="col">{i18n.t("scan.team.before")}</th>
                        <th scope="col">{i18n.t("scan.now")}</th>
                        <th scope="col">{i18n.t("scan.team.change")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let (chart_table, region_table) = (table_id.clone(), table_id.clone());
    view! {
        {count}
        {(!full).then(|| view! { <p class="ww-note-box">{i18n.t("scan.team.privacy-medians")}</p> })}
        <Radar
            labels=scan.instrument.with_value(|i| i.dimensions.iter().map(|d| d.chart_label().get(lang).to_owned()).collect())
            now=medians_now
            desired=medians_desired
            title=i18n.t("scan.team.chart")
            described_by=chart_table
        />
        <p class="ww-legend">
            <span class="ww-legend-now">{i18n.t("scan.team.legend-now")}</span>
            {ask_desired.then(|| view! { <span class="ww-legend-desired">{i18n.t("scan.team.legend-desired")}</span> })}
        </p>
        <div class="ww-table-scroll" role="region" aria-labelledby=region_table tabindex="0">
            <table class="ww-coverage-table ww-team-table ww-stack">
                <caption id=table_id>{i18n.t("scan.team.table")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("scan.dimension")}</th>
                        <th scope="col">{i18n.t("scan.team.median-now")}</th>
                        {ask_desired.then(|| view! { <th scope="col">{i18n.t("scan.team.median-desired")}</th> })}
                        {ask_desired.then(|| view! { <th scope="col">{i18n.t("scan.team.difference")}</th> })}
                        {full.then(|| view! {
                            <th scope="col">{i18n.t("scan.team.range")}</th>
                            <th scope="col">{i18n.t("scan.team.iqr")}</th>
                            <th scope="col">{i18n.t("scan.team.answers")}</th>
                        })}
                        <th scope="col">{i18n.t("scan.team.disagreement")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {full.then(|| view! {
            <section aria-labelledby=scan.id("onenig")>
                <h3 id=scan.id("onenig")>{i18n.t("scan.team.disagreements")}</h3>
                <p class="ww-note">{i18n.t("scan.team.disagreement-rule")}</p>
                {if disagreements.is_empty() {
                    view! { <p>{i18n.t("scan.team.no-disagreements")}</p> }.into_any()
                } else {
                    view! { <ul>{disagreements.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul> }.into_any()
                }}
            </section>
        })}
        {ask_desired.then(|| view! {
            <section aria-labelledby=scan.id("gaten")>
                <h3 id=scan.id("gaten")>{i18n.t("scan.team.gaps")}</h3>
                <p class="ww-note">{i18n.t("scan.team.not-higher")}</p>
                <ol class="ww-gaps">{gaps}</ol>
                {(!advice.is_empty()).then(|| view! {
                    <p class="ww-label">{i18n.t("scan.team.advice")}</p>
                    <ul>{advice.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                })}
            </section>
        })}
        {placement}
        {comparison}
    }
    .into_any()
}
