//! The hulpwijzer's frame: urgent contacts always in view, progress, the current step,
//! back and forward, read aloud, and the resident's choice to remember or wipe everything.

use std::sync::Arc;

use leptos::prelude::*;
use wegwijs_guide::advice::{contacts_of, urgent_signals};
use wegwijs_guide::{Guide, Journey, Step};

use super::advice::AdviceStep;
use super::overview::OverviewStep;
use super::steps::{QuestionStep, StartStep, WorriesStep};
use super::urgent::{always_lines, ContactLine, CrisisBox, DoThisFirst};
use super::LoadedGuide;
use crate::browser::{self, Keep};
use crate::i18n::use_i18n;
use crate::kaart::LoadedMap;
use crate::kit::{unique_id, LiveRegion};

/// The local-storage key, used only after the resident agreed.
const STORAGE_KEY: &str = "wegwijs-hulpwijzer";

/// Everything the steps share. Cheap to copy.
#[derive(Clone, Copy)]
pub(crate) struct Gids {
    pub guide: StoredValue<Arc<Guide>>,
    pub map: StoredValue<Option<LoadedMap>>,
    pub journey: RwSignal<Journey>,
    pub consent: RwSignal<bool>,
    pub ids: StoredValue<String>,
    pub announcement: RwSignal<String>,
    pub container: NodeRef<leptos::html::Div>,
    pub printing: RwSignal<bool>,
    /// The page of the social map (`kaart`), for "Meer over deze hulp".
    pub kaart_page: StoredValue<Option<String>>,
}

/// The urgent signals of a journey as shown: their ids, messages and contacts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Urgent {
    pub ids: Vec<String>,
    pub messages: Vec<String>,
    pub contacts: Vec<ContactLine>,
}

impl Urgent {
    fn of(guide: &Guide, journey: &Journey, lang: &str) -> Self {
        let signals = urgent_signals(guide, journey);
        Self {
            ids: signals.iter().map(|s| s.id.clone()).collect(),
            messages: signals
                .iter()
                .map(|s| s.message.get(lang).to_owned())
                .collect(),
            contacts: contacts_of(guide, &signals)
                .into_iter()
                .map(|c| ContactLine::of(c, lang))
                .collect(),
        }
    }
}

impl Gids {
    /// An element id inside this widget.
    pub fn id(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.ids.get_value())
    }

    /// Reads the guide.
    pub fn with_guide<T>(&self, f: impl FnOnce(&Guide) -> T) -> T {
        self.guide.with_value(|guide| f(guide))
    }

    /// Goes one step further.
    pub fn next(&self) {
        let guide = self.guide.get_value();
        self.journey.update(|j| j.next(&guide));
    }
}

/// Uses the hulpwijzer's shared state.
pub(crate) fn use_gids() -> Gids {
    expect_context::<Gids>()
}

/// The running hulpwijzer.
#[component]
pub fn GuideApp(
    /// The loaded guide (and map).
    loaded: LoadedGuide,
    /// Start from this journey instead of a remembered one (for tests).
    #[prop(optional)]
    initial: Option<Journey>,
    /// The page of the social map, for links to a service's details.
    #[prop(default = None)]
    kaart_page: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let guide = loaded.guide.clone();
    let remembered = browser::stored(Keep::OnDevice, STORAGE_KEY)
        .and_then(|text| serde_json::from_str::<Journey>(&text).ok());
    let consent = RwSignal::new(remembered.is_some());
    let mut start = initial.or(remembered).unwrap_or_default();
    start.repair(&guide);
    let gids = Gids {
        guide: StoredValue::new(guide),
        map: StoredValue::new(loaded.map),
        journey: RwSignal::new(start),
        consent,
        ids: StoredValue::new(unique_id("ww-g")),
        announcement: RwSignal::new(String::new()),
        container: NodeRef::new(),
        printing: RwSignal::new(false),
        kaart_page: StoredValue::new(kaart_page),
    };
    provide_context(gids);

    // Remember only with consent; withdrawing consent wipes what was stored.
    Effect::new(move |_| {
        let journey = gids.journey.get();
        if gids.consent.get() {
            if let Ok(text) = serde_json::to_string(&journey) {
                browser::store(Keep::OnDevice, STORAGE_KEY, &text);
            }
        } else {
            browser::forget(Keep::OnDevice, STORAGE_KEY);
        }
    });

    let step = Memo::new(move |_| gids.journey.with(|j| j.step));
    let progress = Memo::new(move |_| gids.journey.with(Journey::progress));
    let urgent = Memo::new(move |_| {
        gids.with_guide(|g| gids.journey.with(|j| Urgent::of(g, j, i18n.lang())))
    });
    // On every new step: say where the resident is, and focus what comes first: "Doe dit
    // eerst" when something is urgent, else the step's heading.
    Effect::new(move |previous: Option<Step>| {
        let current = step.get();
        if previous.is_some_and(|p| p != current) {
            let (at, of) = progress.get_untracked();
            gids.announcement.set(i18n.t_with(
                "gids.progress",
                &[("step", &at.to_string()), ("steps", &of.to_string())],
            ));
            let first = if urgent.with_untracked(|u| u.ids.is_empty()) {
                "stap"
            } else {
                "eerst"
            };
            browser::focus_later(gids.container, format!("#{}", gids.id(first)));
        }
        current
    });
    // A signal raised on this screen (by the resident's own words) is said at once.
    Effect::new(move |previous: Option<Vec<String>>| {
        let now = urgent.with(|u| u.ids.clone());
        if let Some(before) = previous {
            if let Some(message) = urgent.with(|u| {
                u.ids
                    .iter()
                    .zip(&u.messages)
                    .find(|(id, _)| !before.contains(id))
                    .map(|(_, m)| m.clone())
            }) {
                gids.announcement
                    .set(i18n.t_with("gids.urgent.raised", &[("message", &message)]));
            }
        }
        now
    });

    let can_speak = RwSignal::new(false);
    Effect::new(move |_| can_speak.set(browser::can_speak()));
    let read_aloud = move |_| {
        if let Some(root) = gids.container.get_untracked() {
            let text = browser::shown_text(&root, ".ww-step");
            browser::speak(
                &text,
                if i18n.lang() == "nl" {
                    "nl-NL"
                } else {
                    "en-GB"
                },
            );
        }
    };
    let next_label = move || match step.get() {
        Step::Start => Some(i18n.t("gids.begin")),
        Step::Worries | Step::Question(_) => Some(i18n.t("common.next")),
        Step::Advice => Some(i18n.t("gids.to-overview")),
        Step::Overview => None,
    };
    let consent_id = gids.id("onthoud");
    let consent_for = consent_id.clone();
    view! {
        <div class="ww-gids-app" class:ww-printing=move || gids.printing.get() node_ref=gids.container>
            <LiveRegion text=gids.announcement />
            {move || {
                let urgent = urgent.get();
                (!urgent.ids.is_empty()).then(|| view! {
                    <DoThisFirst messages=urgent.messages contacts=urgent.contacts heading_id=gids.id("eerst") />
                })
            }}
            <CrisisBox contacts=gids.with_guide(|g| always_lines(g, i18n.lang())) label_id=gids.id("direct") />
            <div class="ww-progress-line">
                <p class="ww-progress-text">
                    {move || {
                        let (at, of) = progress.get();
                        i18n.t_with("gids.progress", &[("step", &at.to_string()), ("steps", &of.to_string())])
                    }}
                </p>
                <progress class="ww-progress" aria-hidden="true" max=move || progress.get().1 value=move || progress.get().0></progress>
            </div>
            <div class="ww-step">
                {move || match step.get() {
                    Step::Start => view! { <StartStep /> }.into_any(),
                    Step::Worries => view! { <WorriesStep /> }.into_any(),
                    Step::Question(index) => view! { <QuestionStep index /> }.into_any(),
                    Step::Advice => view! { <AdviceStep /> }.into_any(),
                    Step::Overview => view! { <OverviewStep /> }.into_any(),
                }}
            </div>
            <div class="ww-step-nav">
                <Show when=move || gids.journey.with(Journey::can_go_back)>
                    <button type="button" class="ww-button ww-button-secondary" on:click=move |_| gids.journey.update(Journey::back)>
                        <span aria-hidden="true">"← "</span>{i18n.t("common.back")}
                    </button>
                </Show>
                {move || next_label().map(|label| view! {
                    <button type="button" class="ww-button" on:click=move |_| gids.next()>
                        {label}<span aria-hidden="true">" →"</span>
                    </button>
                })}
                <Show when=move || can_speak.get()>
                    <button type="button" class="ww-link-button" on:click=read_aloud>{i18n.t("gids.read-aloud")}</button>
                </Show>
            </div>
            <div class="ww-privacy">
                <label class="ww-check" for=consent_for>
                    <input
                        id=consent_id
                        type="checkbox"
                        prop:checked=move || gids.consent.get()
                        on:change=move |event| gids.consent.set(event_target_checked(&event))
                    />
                    {i18n.t("gids.remember")}
                </label>
                <p class="ww-hint">{i18n.t("gids.remember-hint")}</p>
                <button type="button" class="ww-link-button" on:click=move |_| {
                    gids.consent.set(false);
                    gids.journey.set(Journey::default());
                    browser::forget(Keep::OnDevice, STORAGE_KEY);
                    // After the step change has announced its progress.
                    request_animation_frame(move || gids.announcement.set(i18n.t("gids.wiped")));
                }>
                    {i18n.t("gids.wipe")}
                </button>
            </div>
        </div>
    }
    .into_any()
}
