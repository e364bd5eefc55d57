//! The respondent's side of a live session: joining with a code or link, and sending the
//! answers until the server acknowledges them. Nothing is lost when the connection drops:
//! the answer waits in the tab ([`super::kept`]) and is sent again, also after a reload.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wegwijs_assessment::live::JoinCode;
use wegwijs_assessment::{encode, Shape};

use super::app::{use_scan, Mode, Scan};
use super::live::LiveError;
use crate::browser;
use crate::i18n::{use_i18n, I18n};

/// The fragment prefix of a join link: `#scan?sessie=KMT4QA`.
pub(crate) const SESSION_FRAGMENT: &str = "scan?sessie=";

/// Longest wait between two tries to send an answer, in milliseconds.
const MAX_RETRY_MS: i32 = 15_000;

/// The live session this tab takes part in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Joined {
    /// The session's code.
    pub code: JoinCode,
    /// This tab's random token: the server replaces this respondent's earlier answer.
    pub token: String,
    /// An answer not yet acknowledged by the server.
    #[serde(default)]
    pub pending: Option<String>,
}

/// How sending the answer goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sending {
    /// Nothing sent yet.
    Idle,
    /// On its way.
    Busy,
    /// The server has it.
    Sent,
    /// No connection; tried again in a moment.
    Waiting,
    /// The facilitator closed the session first.
    Closed,
    /// The session no longer exists.
    Gone,
    /// Refused (the reason is for the console).
    Refused(String),
}

/// Joins the session with a typed code or the code of a link; opens the questions.
pub(crate) async fn join(scan: Scan, i18n: I18n, typed: String) -> Result<(), String> {
    let Some(server) = scan.server.get_value() else {
        return Err(i18n.t("scan.join.no-server"));
    };
    let code = JoinCode::parse(&typed).map_err(|_| i18n.t("scan.join.wrong-code"))?;
    let info = server.info(&code).await.map_err(|error| match error {
        LiveError::Offline => i18n.t("scan.join.offline"),
        LiveError::Unknown => i18n.t("scan.join.unknown"),
        LiveError::Closed => i18n.t("scan.join.closed"),
        LiveError::Refused(reason) => {
            browser::warn(&format!("Wegwijs: joining {code} was refused: {reason}"));
            i18n.t("scan.join.unknown")
        }
    })?;
    let instrument = scan.instrument.get_value();
    if info.instrument != instrument.id || info.shape != Shape::of(&instrument) {
        return Err(i18n.t("scan.join.other-scan"));
    }
    if !info.open {
        return Err(i18n.t("scan.join.closed"));
    }
    let token = browser::random_token().ok_or_else(|| i18n.t("scan.join.no-server"))?;
    let already = scan
        .joined
        .with_untracked(|j| j.as_ref().map(|j| j.code.clone()));
    if already.as_ref() != Some(&code) {
        scan.joined.set(Some(Joined {
            code: code.clone(),
            token,
            pending: None,
        }));
        scan.sending.set(Sending::Idle);
    }
    scan.announcement
        .set(i18n.t_with("scan.join.joined", &[("code", &code.grouped())]));
    scan.open(Mode::Respond);
    Ok(())
}

/// Sends the respondent's current answers to the joined session, and keeps trying (with
/// growing pauses) until the server has them. A newer answer replaces one still waiting.
pub(crate) fn send_answers(scan: Scan) {
    let instrument = scan.instrument.get_value();
    let answer = scan.response.with_untracked(|r| encode(&instrument, r));
    let Some(joined) = scan.joined.get_untracked() else {
        return;
    };
    let _ = scan.joined.try_update(|j| {
        if let Some(j) = j {
            j.pending = Some(answer.clone());
        }
    });
    let Some(server) = scan.server.get_value() else {
        return;
    };
    spawn_local(async move {
        let mut pause = 1_000;
        loop {
            // Stop when another answer took this one's place, or the session was left.
            let still = scan.joined.with_untracked(|j| {
                j.as_ref()
                    .is_some_and(|j| j.code == joined.code && j.pending.as_ref() == Some(&answer))
            });
            if !still {
                return;
            }
            let _ = scan.sending.try_set(Sending::Busy);
            let outcome = server.submit(&joined.code, &joined.token, &answer).await;
            let state = match outcome {
                Ok(_) => Sending::Sent,
                Err(error) if error.is_passing() => Sending::Waiting,
                Err(LiveError::Offline) => Sending::Waiting,
                Err(LiveError::Closed) => Sending::Closed,
                Err(LiveError::Unknown) => Sending::Gone,
                Err(LiveError::Refused(reason)) => Sending::Refused(reason),
            };
            let done = state != Sending::Waiting;
            if done {
                let _ = scan.joined.try_update(|j| {
                    if let Some(j) = j.as_mut().filter(|j| j.pending.as_ref() == Some(&answer)) {
                        j.pending = None;
                    }
                });
            }
            if let Sending::Refused(reason) = &state {
                browser::warn(&format!("Wegwijs: the answer was refused: {reason}"));
            }
            let _ = scan.sending.try_set(state);
            if done {
                return;
            }
            browser::sleep(pause).await;
            pause = (pause * 2).min(MAX_RETRY_MS);
        }
    });
}

/// On the start screen: join a live session by typing its code.
#[component]
pub(crate) fn JoinForm() -> impl IntoView {
    let scan = use_scan();
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let input_id = scan.id("sessiecode");
    let problem_id = scan.id("sessiecode-fout");
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let outcome = join(scan, i18n, typed.get_untracked()).await;
            let _ = busy.try_set(false);
            if let Err(message) = outcome {
                let _ = problem.try_set(Some(message));
            }
        });
    };
    view! {
        <form class="ww-join" on:submit=submit>
            <label for=input_id.clone()>{i18n.t("scan.join.label")}</label>
            <div class="ww-join-row">
                <input
                    id=input_id
                    class="ww-input ww-join-code"
                    type="text"
                    inputmode="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    maxlength="12"
                    aria-describedby=move || problem.with(Option::is_some).then(|| problem_id.clone())
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    prop:value=move || typed.get()
                    on:input=move |e| typed.set(event_target_value(&e))
                />
                <button type="submit" class="ww-button" disabled=move || busy.get()>{i18n.t("scan.join.button")}</button>
            </div>
            {move || problem.get().map(|message| view! { <p class="ww-field-error" id=scan.id("sessiecode-fout") role="alert">{message}</p> })}
        </form>
    }
}

/// Above the questions: which session the answers go to.
#[component]
pub(crate) fn JoinedBanner() -> impl IntoView {
    let scan = use_scan();
    let i18n = use_i18n();
    move || {
        scan.joined.get().map(|joined| {
            view! {
                <p class="ww-note-box ww-live-banner">
                    {i18n.t_with("scan.join.banner", &[("code", &joined.code.unbroken())])}
                </p>
            }
        })
    }
}

/// On the personal result: whether the server has the answers, and what to do if not.
#[component]
pub(crate) fn SendStatus() -> impl IntoView {
    let scan = use_scan();
    let i18n = use_i18n();
    move || {
        let joined = scan.joined.get()?;
        let code = joined.code.unbroken();
        let (class, key) = match scan.sending.get() {
            Sending::Idle | Sending::Busy => ("ww-note-box", "scan.send.busy"),
            Sending::Sent => ("ww-note-box ww-ok", "scan.send.sent"),
            Sending::Waiting => ("ww-error", "scan.send.waiting"),
            Sending::Closed => ("ww-error", "scan.send.closed"),
            Sending::Gone => ("ww-error", "scan.send.gone"),
            Sending::Refused(_) => ("ww-error", "scan.send.refused"),
        };
        Some(view! {
            <p class=format!("{class} ww-send-status") role="status">{i18n.t_with(key, &[("code", &code)])}</p>
        })
    }
}
