//! The facilitator's side of a live session: open it, show the join code, link and QR code,
//! follow the answers as they come in (server-sent events; after a lost connection, fetching
//! again with growing pauses), close it, delete it. The session's key stays in this browser.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wegwijs_assessment::live::{JoinCode, NewSession, TeamSnapshot, MIN_RESPONDENTS_FOR_SPREAD};
use wegwijs_assessment::{decode, Instrument, Response, Shape};

use super::app::{use_scan, Mode, Scan};
use super::join::SESSION_FRAGMENT;
use super::live::LiveError;
use super::team::TeamView;
use crate::browser::{self, EventHandler, EventStream, Keep};
use crate::i18n::use_i18n;
use crate::kit::{Loading, QrImage};

/// Longest pause between two tries to reach the server again, in milliseconds.
const MAX_PAUSE_MS: i32 = 30_000;

/// A session this browser opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Hosted {
    code: JoinCode,
    key: String,
    expires: i64,
}

/// Where the facilitator's session is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Hosting {
    Opening,
    Open(Hosted),
    /// Could not open (the message says why).
    Failed(String),
    /// Deleted, or expired on the server.
    Gone,
}

fn kept_key(instrument: &Instrument) -> String {
    format!("wegwijs-scan-live:{}", instrument.id)
}

/// The session this browser opened for `instrument` and has not deleted, if any.
fn kept(instrument: &Instrument) -> Option<Hosted> {
    let hosted: Hosted =
        serde_json::from_str(&browser::stored(Keep::OnDevice, &kept_key(instrument))?).ok()?;
    (hosted.expires * 1000 > browser::now_millis() as i64).then_some(hosted)
}

/// The facilitator's live session.
#[component]
pub(crate) fn LiveHost() -> impl IntoView {
    let scan = use_scan();
    let i18n = use_i18n();
    let hosting = RwSignal::new(Hosting::Opening);
    let snapshot = RwSignal::new(None::<TeamSnapshot>);
    let responses = RwSignal::new(Vec::<Response>::new());
    let lost = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let following = StoredValue::new_local(None::<EventStream>);
    let pause = StoredValue::new(1_000);
    on_cleanup(move || {
        let _ = following.try_update_value(|f| *f = None);
    });

    let server = move || scan.server.get_value();
    let gone = move || {
        browser::forget(Keep::OnDevice, &kept_key(&scan.instrument.get_value()));
        let _ = following.try_update_value(|f| *f = None);
        let _ = hosting.try_set(Hosting::Gone);
        let _ = snapshot.try_set(None);
        let _ = responses.try_set(Vec::new());
    };
    let show = move |team: TeamSnapshot| {
        let instrument = scan.instrument.get_value();
        let decoded: Vec<Response> = team
            .answers
            .iter()
            .filter_map(|answer| decode(&instrument, answer).ok())
            .collect();
        let before = snapshot.with_untracked(|s| s.as_ref().map(|s| s.respondents));
        if before.is_some_and(|n| n != team.respondents) {
            let _ = scan
                .announcement
                .try_set(i18n.t_count("scan.live.count", team.respondents));
        }
        let _ = responses.try_set(decoded);
        let _ = snapshot.try_set(Some(team));
    };
    // Fetches the team; on a lost connection keeps trying with growing pauses.
    let refresh = move |hosted: Hosted| {
        let Some(server) = server() else { return };
        spawn_local(async move {
            loop {
                match server.team(&hosted.code, &hosted.key).await {
                    Ok(team) => {
                        let _ = lost.try_set(false);
                        let _ = pause.try_set_value(1_000);
                        show(team);
                        return;
                    }
                    Err(LiveError::Unknown) => return gone(),
                    Err(_) => {
                        let _ = lost.try_set(true);
                        let wait = pause.try_get_value().unwrap_or(MAX_PAUSE_MS);
                        let _ = pause.try_set_value((wait * 2).min(MAX_PAUSE_MS));
                        browser::sleep(wait).await;
                        // Stop when the view is gone or the session changed.
                        if hosting.try_get_untracked() != Some(Hosting::Open(hosted.clone())) {
                            return;
                        }
                    }
                }
            }
        });
    };
    let follow = StoredValue::new_local(None::<Arc<dyn Fn(Hosted)>>);
    let start_following = Arc::new(move |hosted: Hosted| {
        let Some(server) = server() else { return };
        let on_update = {
            let hosted = hosted.clone();
            move || refresh(hosted.clone())
        };
        let on_error = {
            let hosted = hosted.clone();
            move || {
                // The browser would retry on its own, but without growing pauses: stop the
                // stream, fetch with back-off, and follow again once the server answers.
                let _ = following.try_update_value(|f| *f = None);
                let _ = lost.try_set(true);
                let hosted = hosted.clone();
                spawn_local(async move {
                    let wait = pause.try_get_value().unwrap_or(MAX_PAUSE_MS);
                    let _ = pause.try_set_value((wait * 2).min(MAX_PAUSE_MS));
                    browser::sleep(wait).await;
                    if hosting.try_get_untracked() == Some(Hosting::Open(hosted.clone())) {
                        if let Some(Some(again)) = follow.try_get_value() {
                            again(hosted);
                        }
                    }
                });
            }
        };
        let handlers: Vec<(&str, EventHandler)> = vec![
            ("update", Box::new(on_update)),
            ("deleted", Box::new(gone)),
            ("error", Box::new(on_error)),
        ];
        match EventStream::open(&server.events_url(&hosted.code, &hosted.key), handlers) {
            Some(stream) => {
                let _ = following.try_update_value(|f| *f = Some(stream));
            }
            None => refresh(hosted),
        }
    });
    follow.set_value(Some(start_following.clone()));

    let open_new = move || {
        let Some(server) = server() else { return };
        hosting.set(Hosting::Opening);
        let instrument = scan.instrument.get_value();
        let new = NewSession {
            instrument: instrument.id.clone(),
            shape: Shape::of(&instrument),
        };
        spawn_local(async move {
            let state = match server.open(&new).await {
                Ok(opened) => {
                    let hosted = Hosted {
                        code: opened.code,
                        key: opened.key,
                        expires: opened.expires,
                    };
                    if let Ok(text) = serde_json::to_string(&hosted) {
                        browser::store(Keep::OnDevice, &kept_key(&instrument), &text);
                    }
                    Hosting::Open(hosted)
                }
                Err(LiveError::Offline) => Hosting::Failed(i18n.t("scan.live.offline")),
                Err(error) => {
                    browser::warn(&format!(
                        "Wegwijs: the live session was not opened: {error:?}"
                    ));
                    Hosting::Failed(i18n.t("scan.live.refused"))
                }
            };
            let _ = hosting.try_set(state);
        });
    };
    // In the browser only: resume this browser's session, or open one.
    Effect::new(move |_| match kept(&scan.instrument.get_value()) {
        Some(hosted) => hosting.set(Hosting::Open(hosted)),
        None => open_new(),
    });
    // Follow the open session.
    Effect::new(move |_| {
        if let Hosting::Open(hosted) = hosting.get() {
            start_following(hosted);
        }
    });

    let close = move |hosted: Hosted| {
        let Some(server) = server() else { return };
        spawn_local(async move {
            match server.close(&hosted.code, &hosted.key).await {
                Ok(team) => {
                    show(team);
                    let _ = scan.announcement.try_set(i18n.t("scan.live.closed"));
                }
                Err(LiveError::Unknown) => gone(),
                Err(_) => {
                    let _ = lost.try_set(true);
                }
            }
        });
    };
    let delete = move |hosted: Hosted| {
        let Some(server) = server() else { return };
        spawn_local(async move {
            match server.delete(&hosted.code, &hosted.key).await {
                Ok(()) | Err(LiveError::Unknown) => {
                    gone();
                    let _ = confirming.try_set(false);
                    let _ = scan.announcement.try_set(i18n.t("scan.live.deleted"));
                    scan.focus_heading();
                }
                Err(_) => {
                    let _ = lost.try_set(true);
                }
            }
        });
    };
    view! {
        <h2 class="ww-step-title" tabindex="-1">{i18n.t("scan.live.title")}</h2>
        {move || match hosting.get() {
            Hosting::Opening => view! { <Loading label=i18n.t("scan.live.opening") /> }.into_any(),
            Hosting::Failed(message) => view! {
                <div class="ww-error" role="alert">
                    <p class="ww-error-title">{i18n.t("scan.live.failed")}</p>
                    <p>{message}</p>
                    <div class="ww-detail-buttons">
                        <button type="button" class="ww-button" on:click=move |_| open_new()>{i18n.t("common.retry")}</button>
                        <button type="button" class="ww-button ww-button-secondary" on:click=move |_| scan.open(Mode::Team)>{i18n.t("scan.live.use-codes")}</button>
                    </div>
                </div>
            }
            .into_any(),
            Hosting::Gone => view! {
                <p class="ww-note-box">{i18n.t("scan.live.gone")}</p>
                <button type="button" class="ww-button" on:click=move |_| open_new()>{i18n.t("scan.live.new")}</button>
            }
            .into_any(),
            Hosting::Open(hosted) => view! {
                <OpenSession scan hosted snapshot lost confirming on_close=Callback::new(close) on_delete=Callback::new(delete) />
                <TeamView responses live=true />
            }
            .into_any(),
        }}
    }
}

/// An open session: how to join, how many answered, close and delete.
#[component]
fn OpenSession(
    scan: Scan,
    hosted: Hosted,
    snapshot: RwSignal<Option<TeamSnapshot>>,
    lost: RwSignal<bool>,
    confirming: RwSignal<bool>,
    on_close: Callback<Hosted>,
    on_delete: Callback<Hosted>,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = browser::url_with_fragment(&format!("{SESSION_FRAGMENT}{}", hosted.code));
    let grouped = hosted.code.grouped();
    let spelled: String = hosted
        .code
        .as_str()
        .chars()
        .map(|c| format!("{c} "))
        .collect();
    let copy_link = {
        let link = link.clone();
        move |_| {
            let link = link.clone();
            spawn_local(async move {
                let message = if browser::copy_to_clipboard(&link).await {
                    "scan.result.copied"
                } else {
                    "scan.result.copy-failed"
                };
                let _ = scan.announcement.try_set(i18n.t(message));
            });
        }
    };
    let respondents = move || snapshot.with(|s| s.as_ref().map_or(0, |s| s.respondents));
    let open = move || snapshot.with(|s| s.as_ref().is_none_or(|s| s.open));
    let (close_session, delete_session) = (hosted.clone(), hosted);
    view! {
        <section class="ww-live-join" aria-labelledby=scan.id("meedoen")>
            <h3 id=scan.id("meedoen")>{i18n.t("scan.live.how")}</h3>
            <div class="ww-live-join-body">
                <div>
                    <p>{i18n.t("scan.live.code-is")}</p>
                    <p class="ww-join-display" aria-label=i18n.t_with("scan.live.code-spelled", &[("code", spelled.trim())])>{grouped}</p>
                    <p>{i18n.t("scan.live.or-link")}" "<a href=link.clone() class="ww-break-all">{link.clone()}</a></p>
                    <button type="button" class="ww-button ww-button-secondary" on:click=copy_link>{i18n.t("scan.result.copy-link")}</button>
                </div>
                <QrImage text=link label=i18n.t("scan.live.qr") />
            </div>
        </section>
        <div class="ww-live-controls">
        <p class="ww-lead ww-live-count">{move || i18n.t_count("scan.live.count", respondents())}</p>
        {move || (respondents() < MIN_RESPONDENTS_FOR_SPREAD).then(|| view! { <p class="ww-note">{i18n.t("scan.live.from-three")}</p> })}
        {move || lost.get().then(|| view! { <p class="ww-error" role="alert">{i18n.t("scan.live.lost")}</p> })}
        {move || (!open()).then(|| view! { <p class="ww-note-box">{i18n.t("scan.live.is-closed")}</p> })}
        <div class="ww-detail-buttons">
            {move || open().then(|| {
                let hosted = close_session.clone();
                view! { <button type="button" class="ww-button" on:click=move |_| on_close.run(hosted.clone())>{i18n.t("scan.live.close")}</button> }
            })}
            <button type="button" class="ww-button ww-button-secondary" on:click=move |_| confirming.set(true)>{i18n.t("scan.live.delete")}</button>
        </div>
        {move || confirming.get().then(|| {
            let hosted = delete_session.clone();
            view! {
                <div class="ww-error" role="alert">
                    <p>{i18n.t("scan.live.delete-sure")}</p>
                    <div class="ww-detail-buttons">
                        <button type="button" class="ww-button" on:click=move |_| on_delete.run(hosted.clone())>{i18n.t("scan.live.delete-yes")}</button>
                        <button type="button" class="ww-button ww-button-secondary" on:click=move |_| confirming.set(false)>{i18n.t("scan.live.delete-no")}</button>
                    </div>
                </div>
            }
        })}
        </div>
    }
}
