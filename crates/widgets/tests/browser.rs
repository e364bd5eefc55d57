//! Browser tests (wasm-bindgen-test in headless Chromium): the social map loads real files
//! over `fetch`, renders them, and explains failures.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, BlobPropertyBag, HtmlElement, Url};
use wegwijs_widgets::kaart::{KaartConfig, SocialeKaart};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container in the page.
fn container() -> HtmlElement {
    let element: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&element).unwrap();
    element
}

/// A `blob:` URL serving `text` as JSON, like a data file on the host's server.
fn json_url(text: &str) -> String {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    Url::create_object_url_with_blob(&blob).unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits until `root` contains `text` (the fetch is asynchronous), or fails after 5 s.
async fn wait_for_text(root: &HtmlElement, text: &str) {
    for _ in 0..100 {
        if root.text_content().unwrap_or_default().contains(text) {
            return;
        }
        sleep(50).await;
    }
    panic!(
        "{text:?} did not appear; the widget shows: {}",
        root.text_content().unwrap_or_default()
    );
}

fn mount_kaart(src: Option<String>, lang: Option<&str>) -> HtmlElement {
    let root = container();
    let config = KaartConfig {
        src,
        lang: lang.map(str::to_owned),
        ..KaartConfig::default()
    };
    // Kept mounted for the rest of the test run, like a widget on a page.
    std::mem::forget(mount_to(
        root.clone(),
        move || view! { <SocialeKaart config /> },
    ));
    root
}

const SERVICES: &str = r#"{"contents": [
  {"id": "1", "name": "Taalcafé", "description": "Oefen Nederlands praten. Elke zaterdag.",
   "organization": {"name": "Bibliotheek"}, "phones": [{"number": "0342 59 00 00"}]},
  {"id": "2", "name": "&lt;script&gt;window.pwned = true&lt;/script&gt;Inloop",
   "description": "Koffie<script>window.pwned = true</script> en thee",
   "url": "javascript:window.pwned = true", "email": "x@y.nl?bcc=z@q.nl"}
]}"#;

#[wasm_bindgen_test]
async fn loads_the_file_and_shows_every_service() {
    let root = mount_kaart(Some(json_url(SERVICES)), None);
    wait_for_text(&root, "2 plekken voor hulp").await;
    let cards = root.query_selector_all(".ww-card").unwrap();
    assert_eq!(cards.length(), 2);
    let tel = root.query_selector("a[href='tel:0342590000']").unwrap();
    assert!(tel.is_some(), "the phone number is a tel: link");
}

#[wasm_bindgen_test]
async fn hostile_data_is_text_and_never_a_script_or_link() {
    let root = mount_kaart(Some(json_url(SERVICES)), None);
    wait_for_text(&root, "Inloop").await;
    assert!(root.query_selector("script").unwrap().is_none());
    // Text that spells out a tag is shown as text; a real tag is taken out on import.
    let text = root.text_content().unwrap();
    assert!(text.contains("<script>window.pwned = true</script>Inloop"));
    assert!(text.contains("Koffie en thee"));
    assert!(root
        .query_selector("a[href^='javascript']")
        .unwrap()
        .is_none());
    assert!(root.query_selector("a[href*='bcc']").unwrap().is_none());
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"pwned".into()).unwrap();
    assert!(pwned.is_undefined(), "no data text ran as script");
}

#[wasm_bindgen_test]
async fn the_live_region_announces_the_count() {
    let root = mount_kaart(Some(json_url(SERVICES)), Some("en"));
    wait_for_text(&root, "2 places to get help").await;
    let regions = root
        .query_selector_all("[role=status][aria-live=polite]")
        .unwrap();
    let announced = (0..regions.length())
        .filter_map(|i| regions.item(i))
        .any(|region| region.text_content().unwrap_or_default().trim() == "2 places to get help");
    assert!(
        announced,
        "a polite live region says how many places were found"
    );
}

#[wasm_bindgen_test]
async fn a_missing_file_says_the_list_cannot_be_found() {
    let root = mount_kaart(Some("/no-such-wegwijs-file.json".into()), None);
    wait_for_text(&root, "We kunnen de lijst met hulp niet vinden").await;
    assert!(root.query_selector("[role=alert]").unwrap().is_some());
    assert!(root.text_content().unwrap().contains("HTTP 404"));
}

#[wasm_bindgen_test]
async fn broken_json_says_the_list_is_damaged() {
    let root = mount_kaart(Some(json_url("{\"contents\": [")), None);
    wait_for_text(&root, "De lijst met hulp is beschadigd").await;
}

#[wasm_bindgen_test]
async fn an_empty_list_says_there_is_no_help_yet() {
    let root = mount_kaart(Some(json_url("[]")), None);
    wait_for_text(&root, "Er staat nog geen hulp op deze kaart").await;
}

#[wasm_bindgen_test]
async fn an_unreachable_file_offers_a_retry_that_loads_again() {
    let url = json_url(SERVICES);
    Url::revoke_object_url(&url).unwrap();
    let root = mount_kaart(Some(url), None);
    wait_for_text(&root, "De hulp in de buurt kan nu niet laden").await;
    let first_notice = root.query_selector("[role=alert]").unwrap().unwrap();
    let button: HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    // Retrying goes through the loading state, so the old notice is replaced by a new one.
    for _ in 0..100 {
        if !first_notice.is_connected() {
            break;
        }
        sleep(50).await;
    }
    assert!(!first_notice.is_connected(), "retry loaded the file again");
    wait_for_text(&root, "De hulp in de buurt kan nu niet laden").await;
}

#[wasm_bindgen_test]
async fn without_src_the_web_team_is_told_what_is_missing() {
    let root = mount_kaart(None, None);
    wait_for_text(&root, "Deze kaart is nog niet goed ingesteld").await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("neither a src nor an index"));
}

/// A `blob:` URL serving bytes, like an index file on the host's server.
fn bytes_url(bytes: &[u8]) -> String {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let blob = Blob::new_with_u8_array_sequence(&parts).unwrap();
    Url::create_object_url_with_blob(&blob).unwrap()
}

#[wasm_bindgen_test]
async fn loads_an_index_file_and_searches_as_you_type() {
    let directory = wegwijs_directory::import_json(SERVICES).unwrap().directory;
    let index = wegwijs_directory::Index::build(directory, wegwijs_directory::Vocabulary::dutch());
    let root = container();
    let config = KaartConfig {
        index: Some(bytes_url(&index.to_bytes())),
        ..KaartConfig::default()
    };
    std::mem::forget(mount_to(
        root.clone(),
        move || view! { <SocialeKaart config /> },
    ));
    wait_for_text(&root, "2 plekken voor hulp").await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("input[role=combobox]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("taal");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    wait_for_text(&root, "1 plek voor hulp").await;
    assert_eq!(root.query_selector_all(".ww-card").unwrap().length(), 1);
    assert!(root.text_content().unwrap().contains("Taalcafé"));
}

#[wasm_bindgen_test]
async fn a_broken_index_file_says_the_list_is_damaged() {
    let root = container();
    let mut bytes = b"WEGWIJS\0".to_vec();
    bytes.extend(wegwijs_directory::index::INDEX_FORMAT.to_le_bytes());
    bytes.extend(b"rommel");
    let config = KaartConfig {
        index: Some(bytes_url(&bytes)),
        ..KaartConfig::default()
    };
    std::mem::forget(mount_to(
        root.clone(),
        move || view! { <SocialeKaart config /> },
    ));
    wait_for_text(&root, "De lijst met hulp is beschadigd").await;
    assert!(root.text_content().unwrap().contains("damaged"));
}
