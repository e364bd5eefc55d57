//! `<wegwijs-beheer>`: a data manager checks the municipality's social map and makes the
//! files for the website, in the browser, without installing anything.
//!
//! The manager chooses (or drops) the spreadsheet, the CSV files of an HSDS package or an
//! HSDS JSON file. The same import, validation, export and index code as `wegwijs validate`,
//! `export` and `index` runs here: the widget shows what was read and what can be better,
//! and offers `kaart.json` and `kaart.idx` for download. Nothing leaves the computer.

mod report;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wegwijs_directory::export::{write_hsds, ExportOptions};
use wegwijs_directory::import::import_files;
use wegwijs_directory::time::Date;
use wegwijs_directory::validate::Summary;
use wegwijs_directory::{Imported, Index, Vocabulary};

use crate::browser;
use crate::i18n::{use_i18n, I18n, Part, BEHEER, COMMON};
use crate::kit::{Accepted, ErrorNotice, LiveRegion, WidgetRoot, LANG};
use report::Report;

/// The texts this widget shows.
pub static TEXTS: &[&Part] = &[&COMMON, &BEHEER];

/// How a web team configured the page (from the element's attributes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BeheerConfig {
    /// Language tag (`lang`); Dutch when absent.
    pub lang: Option<String>,
    /// The province written into exported addresses (`province`; HSDS requires one).
    pub province: Option<String>,
}

impl BeheerConfig {
    /// The attributes the element reads; a change to any of them re-renders the widget.
    pub const ATTRIBUTES: &'static [&'static str] = &["lang", "province"];

    /// The values the attributes accept, for the web team's warnings.
    pub const ACCEPTED: &'static [Accepted] = &[LANG];

    /// Builds the config from attribute values, given a lookup by attribute name.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Self {
        let non_empty = |name: &str| get(name).filter(|value| !value.trim().is_empty());
        Self {
            lang: non_empty("lang"),
            province: non_empty("province"),
        }
    }
}

/// What was made from the chosen files.
pub struct Checked {
    /// The file names, joined.
    pub source: String,
    /// The services and problems.
    pub imported: Imported,
    /// The validation summary.
    pub summary: Summary,
    /// `kaart.json`: the HSDS export.
    pub json: String,
    /// `kaart.idx`: the search index.
    pub index: Vec<u8>,
}

/// Where the work is.
#[derive(Clone)]
pub enum Step {
    /// Nothing chosen yet.
    Waiting,
    /// Reading the files (their names and total size).
    Reading(String, f64),
    /// Checking the services.
    Checking,
    /// Making the export and the index.
    Making,
    /// Done.
    Done(Arc<Checked>),
    /// The files could not be read at all: why.
    Failed(String),
}

impl Step {
    /// How far along, of four steps, for the progress bar.
    fn progress(&self) -> Option<u8> {
        match self {
            Self::Reading(..) => Some(1),
            Self::Checking => Some(2),
            Self::Making => Some(3),
            _ => None,
        }
    }
}

/// The data manager's page.
#[component]
pub fn Beheer(
    /// The web team's configuration.
    config: BeheerConfig,
) -> impl IntoView {
    let i18n = I18n::for_tag(config.lang.as_deref(), TEXTS);
    let step = RwSignal::new(Step::Waiting);
    let province = config.province.clone().unwrap_or_else(|| "Onbekend".into());
    let work = Callback::new(move |files: browser::Files| {
        let province = province.clone();
        spawn_local(async move {
            let checked = check(files, &province, step).await;
            let _ = step.try_set(match checked {
                Ok(checked) => Step::Done(Arc::new(checked)),
                Err(reason) => Step::Failed(reason),
            });
        });
    });
    view! {
        <WidgetRoot i18n class="ww-beheer">
            <BeheerView step=step.into() on_files=work />
        </WidgetRoot>
    }
}

/// Reads, checks and converts `files`, saying at each step where it is (and letting the
/// browser paint that before the next step).
async fn check(
    files: browser::Files,
    province: &str,
    step: RwSignal<Step>,
) -> Result<Checked, String> {
    let (names, size) = browser::describe_files(&files);
    step.set(Step::Reading(names.join(", "), size));
    browser::yield_to_browser().await;
    let read = browser::read_files(files).await?;
    step.set(Step::Checking);
    browser::yield_to_browser().await;
    let vocabulary = Vocabulary::dutch();
    let imported = import_files(&read, &vocabulary).map_err(|error| error.to_string())?;
    drop(read);
    step.set(Step::Making);
    browser::yield_to_browser().await;
    make_files(names.join(", "), imported, province, browser::now().date)
}

/// Checks `files` (name and text) as of `today` and makes the website's files from them.
pub fn check_files(
    files: &[(String, String)],
    province: &str,
    today: Date,
) -> Result<Checked, String> {
    let imported = import_files(files, &Vocabulary::dutch()).map_err(|error| error.to_string())?;
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    make_files(names.join(", "), imported, province, today)
}

/// The summary, `kaart.json` and `kaart.idx` of what was imported from `source`.
fn make_files(
    source: String,
    imported: Imported,
    province: &str,
    today: Date,
) -> Result<Checked, String> {
    let vocabulary = Vocabulary::dutch();
    let summary = Summary::new(&imported.directory, &imported.problems, today);
    let options = ExportOptions {
        province: province.to_owned(),
    };
    let mut json = Vec::new();
    write_hsds(&mut json, &imported.directory, &vocabulary, &options, true)
        .map_err(|error| error.to_string())?;
    let index = Index::build(imported.directory.clone(), vocabulary).to_bytes();
    Ok(Checked {
        source,
        imported,
        summary,
        json: String::from_utf8(json).map_err(|error| error.to_string())?,
        index,
    })
}

/// The page for a given step.
#[component]
pub fn BeheerView(
    /// Where the work is.
    step: Signal<Step>,
    /// Called with the files the manager chose or dropped.
    on_files: Callback<browser::Files>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input_id = crate::kit::unique_id("ww-beheer-bestand");
    let label_for = input_id.clone();
    let heading_id = format!("{input_id}-kop");
    let labelled_by = heading_id.clone();
    let input = NodeRef::<leptos::html::Input>::new();
    let dragging = RwSignal::new(false);
    let chosen = move |_| {
        if let Some(files) = browser::chosen_files(input) {
            on_files.run(files);
        }
    };
    let dropped = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        if let Some(files) = browser::dropped_files(&event) {
            on_files.run(files);
        }
    };
    let busy = move || step.with(|s| s.progress().is_some());
    let status = Signal::derive(move || status_text(i18n, &step.get()));
    view! {
        <section class="ww-beheer-choose" aria-labelledby=labelled_by>
            <h2 id=heading_id class="ww-title">{i18n.t("beheer.title")}</h2>
            <p>{i18n.t("beheer.intro")}</p>
            <p class="ww-note">{i18n.t("beheer.privacy")}</p>
            <div
                class="ww-drop"
                class:ww-drop-over=move || dragging.get()
                on:dragover=move |event: leptos::ev::DragEvent| {
                    event.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=dropped
            >
                <label for=label_for class="ww-label">{i18n.t("beheer.choose")}</label>
                <input
                    id=input_id
                    type="file"
                    multiple
                    accept=".csv,.json,text/csv,application/json"
                    node_ref=input
                    disabled=busy
                    on:change=chosen
                />
                <p class="ww-note">{i18n.t("beheer.drop")}</p>
            </div>
        </section>
        <LiveRegion text=status />
        {move || match step.get() {
            Step::Waiting => ().into_any(),
            Step::Failed(reason) => view! {
                <ErrorNotice
                    title=i18n.t("beheer.failed.title")
                    body=i18n.t("beheer.failed.body")
                    details=Some(reason)
                    on_retry=None
                />
            }
            .into_any(),
            Step::Done(checked) => view! { <Report checked /> }.into_any(),
            working => {
                let value = working.progress().unwrap_or(0);
                view! {
                    <div class="ww-beheer-progress">
                        <progress max="4" value=value aria-label=i18n.t("beheer.progress")></progress>
                        <p>{status_text(i18n, &working)}</p>
                    </div>
                }
                .into_any()
            }
        }}
    }
}

/// What the live region says about `step`.
fn status_text(i18n: I18n, step: &Step) -> String {
    match step {
        Step::Waiting => String::new(),
        Step::Reading(names, size) => i18n.t_with(
            "beheer.step.reading",
            &[("name", names), ("size", &megabytes(*size))],
        ),
        Step::Checking => i18n.t("beheer.step.checking"),
        Step::Making => i18n.t("beheer.step.making"),
        Step::Done(checked) => i18n
            .t_count("beheer.done", checked.imported.directory.services.len())
            .replace("{name}", &checked.source),
        Step::Failed(_) => i18n.t("beheer.failed.title"),
    }
}

/// A file size people read: "0,4 MB".
fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_048_576.0).replace('.', ",")
}
