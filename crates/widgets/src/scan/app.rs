//! The scan's frame: choose to fill in or to combine, and the shared state.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;
use wegwijs_assessment::{decode, deduplicate, CodeError, Instrument, Response, TeamResult};

use super::host::LiveHost;
use super::join::{self, JoinForm, Joined, Sending, SESSION_FRAGMENT};
use super::kept;
use super::live::LiveServer;
use super::respond::Respond;
use super::team::TeamView;
use crate::browser;
use crate::i18n::{use_i18n, I18n};
use crate::kit::{unique_id, LiveRegion};

/// The fragment prefix of a link with a share code: `#scan?code=…`.
pub(crate) const CODE_FRAGMENT: &str = "scan?code=";

/// From this width (CSS pixels) of the widget, filling in starts as one table.
const WIDE_TABLE_PX: i32 = 720;

/// Which part of the scan is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Choose,
    Respond,
    Team,
    /// The facilitator's live session.
    Host,
}

/// Everything the parts of the scan share. Cheap to copy.
#[derive(Clone, Copy)]
pub(crate) struct Scan {
    pub instrument: StoredValue<Arc<Instrument>>,
    pub mode: RwSignal<Mode>,
    pub response: RwSignal<Response>,
    /// The dimension shown (one per screen), or the personal result after the last.
    pub position: RwSignal<usize>,
    pub all_at_once: RwSignal<bool>,
    /// Questions where "weet ik niet" was chosen (by dimension and whether it is the
    /// desired question), so an untouched question shows no answer at all.
    pub unknown: RwSignal<HashSet<(usize, bool)>>,
    /// Accepted responses, in the order they came in.
    pub team: RwSignal<Vec<Response>>,
    /// Codes or files that were refused, with the reason.
    pub rejected: RwSignal<Vec<(String, String)>>,
    pub earlier: RwSignal<Option<(String, TeamResult)>>,
    pub announcement: RwSignal<String>,
    pub ids: StoredValue<String>,
    pub container: NodeRef<leptos::html::Div>,
    /// The live-session server, when the element has a `server` attribute.
    pub server: StoredValue<Option<LiveServer>>,
    /// The live session this respondent joined.
    pub joined: RwSignal<Option<Joined>>,
    /// How sending the answers to it goes.
    pub sending: RwSignal<Sending>,
}

impl Scan {
    /// An element id inside this widget.
    pub fn id(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.ids.get_value())
    }

    /// Opens a part of the scan and moves focus to its heading. Filling in starts as one
    /// compact table when the widget is wide, and one part per screen when it is narrow
    /// (phones); the respondent can switch either way.
    pub fn open(&self, mode: Mode) {
        if mode == Mode::Respond {
            let wide = self
                .container
                .get_untracked()
                .is_some_and(|root| root.client_width() >= WIDE_TABLE_PX);
            self.all_at_once.set(wide);
        }
        self.mode.set(mode);
        self.focus_heading();
    }

    /// Moves focus to the heading of what is shown, after it is drawn.
    pub fn focus_heading(&self) {
        crate::browser::focus_later(self.container, "h2[tabindex]".to_owned());
    }

    /// Lists a code or file that was not added, with the reason.
    pub fn refuse(&self, what: String, why: String) {
        let _ = self
            .rejected
            .try_update(|rejected| rejected.push((what, why)));
    }

    /// Adds codes (one per line; links with a code work too); returns how many were new.
    pub fn add_codes(&self, i18n: I18n, text: &str) -> usize {
        let instrument = self.instrument.get_value();
        let mut added = 0;
        // Refusals are about the codes just pasted; older ones no longer matter.
        self.rejected.set(Vec::new());
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let code = line
                .rsplit_once(CODE_FRAGMENT)
                .map_or(line, |(_, code)| code);
            match decode(&instrument, code) {
                Ok(response) => {
                    self.team.update(|team| team.push(response));
                    added += 1;
                }
                Err(error) => {
                    let reason = match error {
                        CodeError::NotACode => i18n.t("scan.code.not-a-code"),
                        CodeError::Damaged => i18n.t("scan.code.damaged"),
                        CodeError::OtherInstrument => i18n.t("scan.code.other"),
                        CodeError::Version => i18n.t("scan.code.version"),
                    };
                    self.refuse(line.chars().take(60).collect(), reason);
                }
            }
        }
        let (unique, repeats) = self.team.with(|team| deduplicate(team));
        let mut message = format!(
            "{} {}",
            i18n.t_count("scan.team.added", added),
            i18n.t_with(
                "scan.team.now",
                &[(
                    "respondents",
                    &i18n.t_count("scan.team.respondents", unique.len())
                )]
            )
        );
        if repeats > 0 {
            message = format!("{message} {}", i18n.t_count("scan.team.repeats", repeats));
        }
        self.announcement.set(message);
        added
    }
}

/// Uses the scan's shared state.
pub(crate) fn use_scan() -> Scan {
    expect_context::<Scan>()
}

/// The running scan.
#[component]
pub fn ScanApp(
    /// The instrument.
    instrument: Arc<Instrument>,
    /// The live-session server's address (`server` attribute), if any.
    #[prop(default = None)]
    server: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (kept_answer, kept_team, kept_joined) = kept::restore(&instrument);
    let response =
        kept_answer.unwrap_or_else(|| Response::empty(&instrument, browser::random_u32()));
    // Go on where the respondent was: the first part without an answer.
    let position = response
        .now
        .iter()
        .position(Option::is_none)
        .unwrap_or(response.now.len());
    let scan = Scan {
        instrument: StoredValue::new(instrument.clone()),
        mode: RwSignal::new(Mode::Choose),
        response: RwSignal::new(response),
        position: RwSignal::new(position),
        all_at_once: RwSignal::new(false),
        unknown: RwSignal::new(HashSet::new()),
        team: RwSignal::new(kept_team),
        rejected: RwSignal::new(Vec::new()),
        earlier: RwSignal::new(None),
        announcement: RwSignal::new(String::new()),
        ids: StoredValue::new(unique_id("ww-s")),
        container: NodeRef::new(),
        server: StoredValue::new(server.as_deref().map(LiveServer::new)),
        joined: RwSignal::new(kept_joined.filter(|_| server.is_some())),
        sending: RwSignal::new(Sending::Idle),
    };
    provide_context(scan);
    kept::keep_in_tab(scan);
    // An answer that was still on its way when the tab was reloaded goes out again.
    if scan
        .joined
        .with_untracked(|j| j.as_ref().is_some_and(|j| j.pending.is_some()))
    {
        join::send_answers(scan);
    }
    // A link with a share code opens the team view with that code.
    let take_link = move || {
        let fragment = browser::fragment();
        if let Some(code) = fragment.strip_prefix(CODE_FRAGMENT) {
            scan.mode.set(Mode::Team);
            scan.add_codes(i18n, code);
            browser::replace_fragment("");
        } else if let Some(code) = fragment.strip_prefix(SESSION_FRAGMENT) {
            let code = code.to_owned();
            browser::replace_fragment("");
            leptos::task::spawn_local(async move {
                if let Err(message) = join::join(scan, i18n, code).await {
                    let _ = scan.announcement.try_set(message.clone());
                    let _ = scan.rejected.try_set(vec![(String::new(), message)]);
                }
            });
        }
    };
    take_link();
    browser::on_hash_change(take_link);

    let live = server.is_some();
    let title = instrument.title.get(i18n.lang()).to_owned();
    let intro = instrument.intro.get(i18n.lang()).to_owned();
    let source = instrument.source.get(i18n.lang()).to_owned();
    view! {
        <div class="ww-scan-app" node_ref=scan.container>
            <LiveRegion text=scan.announcement />
            {move || match scan.mode.get() {
                Mode::Choose => view! {
                    <h2 class="ww-step-title" tabindex="-1">{title.clone()}</h2>
                    <p class="ww-lead">{intro.clone()}</p>
                    <p class="ww-note">{source.clone()}</p>
                    <JoinProblem />
                    <div class="ww-choose">
                        <button type="button" class="ww-button" on:click=move |_| scan.open(Mode::Respond)>
                            {i18n.t("scan.choose.respond")}
                        </button>
                        <button type="button" class="ww-button ww-button-secondary" on:click=move |_| scan.open(Mode::Team)>
                            {i18n.t("scan.choose.team")}
                        </button>
                        {live.then(|| view! {
                            <button type="button" class="ww-button ww-button-secondary" on:click=move |_| scan.open(Mode::Host)>
                                {i18n.t("scan.choose.host")}
                            </button>
                        })}
                    </div>
                    {live.then(|| view! { <JoinForm /> })}
                    <Resume />
                    <p class="ww-hint">{i18n.t(if live { "scan.choose.privacy-live" } else { "scan.choose.privacy" })}</p>
                }
                .into_any(),
                Mode::Respond => view! { <BackToStart /> <Respond /> }.into_any(),
                Mode::Team => view! { <BackToStart /> <TeamView responses=scan.team /> }.into_any(),
                Mode::Host => view! { <BackToStart /> <LiveHost /> }.into_any(),
            }}
        </div>
    }
    .into_any()
}

/// A join link that did not work: why, on the start screen.
#[component]
fn JoinProblem() -> impl IntoView {
    let scan = use_scan();
    move || {
        let problem = scan.rejected.with(|rejected| {
            rejected
                .iter()
                .find(|(what, _)| what.is_empty())
                .map(|(_, why)| why.clone())
        });
        problem.map(|why| view! { <p class="ww-error" role="alert">{why}</p> })
    }
}

/// When answers were kept in this tab: how far the respondent got, and a way to start over.
#[component]
fn Resume() -> impl IntoView {
    let scan = use_scan();
    let i18n = use_i18n();
    let count = scan.instrument.with_value(|i| i.dimensions.len());
    let start_over = move |_| {
        let instrument = scan.instrument.get_value();
        scan.response
            .update(|r| *r = Response::empty(&instrument, r.respondent));
        scan.unknown.set(HashSet::new());
        scan.position.set(0);
        scan.announcement.set(i18n.t("scan.choose.wiped"));
    };
    move || {
        let answered = scan.response.with(Response::answered);
        (answered > 0).then(|| {
            view! {
                <p class="ww-note-box">
                    {i18n.t_with("scan.choose.resume", &[("answered", &answered.to_string()), ("of", &count.to_string())])}
                    " "
                    <button type="button" class="ww-link-button" on:click=start_over>{i18n.t("scan.choose.start-over")}</button>
                </p>
            }
        })
    }
}

/// Back to the choice between filling in and combining; nothing entered is lost.
#[component]
fn BackToStart() -> impl IntoView {
    let scan = use_scan();
    let i18n = use_i18n();
    view! {
        <p class="ww-back">
            <button type="button" class="ww-link-button" on:click=move |_| scan.open(Mode::Choose)>
                <span aria-hidden="true">"← "</span>{i18n.t("scan.back-to-start")}
            </button>
        </p>
    }
}
