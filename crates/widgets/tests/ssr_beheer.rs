//! Server-side render tests for the data manager's page: the first screen, a checked
//! spreadsheet with its problems, and a file that cannot be read.
#![cfg(feature = "ssr")]

use std::sync::Arc;

use leptos::prelude::*;
use wegwijs_directory::time::Date;
use wegwijs_widgets::beheer::{check_files, BeheerView, Step};
use wegwijs_widgets::i18n::I18n;
use wegwijs_widgets::kit::WidgetRoot;

fn render(step: Step) -> String {
    Owner::new().with(|| {
        let i18n = I18n::for_tag(Some("nl"), wegwijs_widgets::beheer::TEXTS);
        view! {
            <WidgetRoot i18n class="ww-beheer">
                <BeheerView step=Signal::stored(step) on_files=Callback::new(|_| {}) />
            </WidgetRoot>
        }
        .to_html()
        .replace("<!>", "")
    })
}

fn file(name: &str, text: &str) -> Vec<(String, String)> {
    vec![(name.to_owned(), text.to_owned())]
}

#[test]
fn the_first_screen_asks_for_a_file_and_says_it_stays_on_the_computer() {
    let html = render(Step::Waiting);
    assert!(html.contains("Je sociale kaart controleren"), "{html}");
    assert!(html.contains("Je bestand blijft op je computer"), "{html}");
    assert!(
        html.contains(r#"type="file""#) && html.contains("multiple"),
        "{html}"
    );
    assert!(html.contains("Kies een bestand"), "{html}");
}

#[test]
fn a_checked_sheet_shows_counts_problems_by_row_and_the_downloads() {
    let today = Date::parse("2026-12-01").unwrap();
    let checked = check_files(
        &file(
            "kaart.csv",
            "naam,website,leefgebieden\nInloop,javascript:x,contact\n,,geld\n",
        ),
        "Gelderland",
        today,
    )
    .unwrap();
    assert!(checked.index.starts_with(b"WEGWIJS\0"));
    assert!(
        checked.json.contains("\"name\": \"Inloop\""),
        "{}",
        checked.json
    );
    let html = render(Step::Done(Arc::new(checked)));
    assert!(html.contains("1 dienst gelezen"), "{html}");
    assert!(html.contains("Fouten: 1. Waarschuwingen: 1."), "{html}");
    assert!(html.contains("kaart.csv:2"), "{html}");
    assert!(html.contains("kaart.csv:3"), "{html}");
    assert!(
        html.contains("Download kaart.json") && html.contains("Download kaart.idx"),
        "{html}"
    );
    assert!(html.contains("Leefgebieden zonder dienst"), "{html}");
}

#[test]
fn a_file_that_cannot_be_read_is_explained_with_the_reason() {
    let reason = check_files(
        &file("kaart.json", "{\"contents\": ["),
        "x",
        Date::parse("2026-12-01").unwrap(),
    )
    .err()
    .unwrap();
    let html = render(Step::Failed(reason));
    assert!(html.contains(r#"role="alert""#), "{html}");
    assert!(
        html.contains("Dit bestand kan niet worden gelezen"),
        "{html}"
    );
    assert!(html.contains("not valid JSON at line 1"), "{html}");
}
