//! The few browser services the widgets use, behind plain functions. Each one degrades
//! quietly outside a browser (the native component tests never call the browser).

use wasm_bindgen::JsCast;
use wegwijs_directory::time::LocalDateTime;

/// The current time in Amsterdam.
pub fn now() -> LocalDateTime {
    LocalDateTime::from_unix((now_millis() / 1000.0) as i64)
}

fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window();
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// Lets the browser paint and handle input before the next piece of long work (a task of its
/// own, after a zero timeout). Returns at once outside a browser.
pub async fn yield_to_browser() {
    let Some(window) = window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = window.set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits `millis` milliseconds (a timeout); returns at once outside a browser.
pub async fn sleep(millis: i32) {
    let Some(window) = window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A secret made of 16 random bytes from the browser's cryptographic source, as 32 hex
/// digits; `None` where there is none (outside a browser).
pub fn random_token() -> Option<String> {
    let crypto = window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The page's URL fragment without `#`.
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Calls `f` whenever the page's URL fragment changes, until the current reactive owner is
/// cleaned up. Does nothing outside a browser.
pub fn on_hash_change(f: impl Fn() + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        let listener = leptos::prelude::window_event_listener(leptos::ev::hashchange, move |_| f());
        leptos::prelude::on_cleanup(move || listener.remove());
    }
    #[cfg(not(target_arch = "wasm32"))]
    drop(f);
}

/// Calls `f` whenever the browser window changes size, until the current reactive owner is
/// cleaned up. Does nothing outside a browser.
pub fn on_resize(f: impl Fn() + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        let listener = leptos::prelude::window_event_listener(leptos::ev::resize, move |_| f());
        leptos::prelude::on_cleanup(move || listener.remove());
    }
    #[cfg(not(target_arch = "wasm32"))]
    drop(f);
}

/// Replaces the page's URL fragment without adding a history entry or scrolling.
pub fn replace_fragment(fragment: &str) {
    if let Some(window) = window() {
        if let Ok(history) = window.history() {
            let url = format!("#{fragment}");
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// The page's URL with `fragment` as its fragment, for sharing.
pub fn url_with_fragment(fragment: &str) -> String {
    let base = window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default();
    format!("{base}#{fragment}")
}

/// Copies text to the clipboard; `false` when the browser does not allow it.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Asks the browser once for the device's position (after the resident clicked).
pub async fn current_position() -> Result<(f64, f64), PositionError> {
    let window = window().ok_or(PositionError::Unavailable)?;
    let geolocation = window
        .navigator()
        .geolocation()
        .map_err(|_| PositionError::Unavailable)?;
    let options = web_sys::PositionOptions::new();
    options.set_enable_high_accuracy(false);
    options.set_timeout(15_000);
    options.set_maximum_age(600_000);
    let mut started = Ok(());
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        started = geolocation.get_current_position_with_error_callback_and_options(
            &resolve,
            Some(&reject),
            &options,
        );
    });
    started.map_err(|_| PositionError::Unavailable)?;
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(position) => {
            let coords = position.unchecked_into::<web_sys::Position>().coords();
            Ok((coords.latitude(), coords.longitude()))
        }
        Err(error) => {
            let code = error
                .dyn_ref::<web_sys::PositionError>()
                .map(web_sys::PositionError::code);
            Err(if code == Some(web_sys::PositionError::PERMISSION_DENIED) {
                PositionError::Denied
            } else {
                PositionError::Unavailable
            })
        }
    }
}

/// Why the position could not be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionError {
    /// The resident (or the site) did not allow it.
    Denied,
    /// No position: no GPS, timeout, or no browser support.
    Unavailable,
}

/// Prints only the given widget element: marks it, adds a print-only stylesheet to the page
/// that hides everything else, prints, and cleans up when the browser says printing is over
/// (`afterprint`), then calls `done`. Cleaning up only then matters on phones, where
/// `window.print()` returns before the page is printed.
pub fn print_widget(inside: &web_sys::Element, done: impl FnOnce() + 'static) {
    let Some(window) = window() else {
        return done();
    };
    let Some(document) = window.document() else {
        return done();
    };
    let host = inside
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .map(|root| root.host())
        .unwrap_or_else(|_| inside.clone());
    let _ = host.set_attribute("data-wegwijs-print", "");
    let sheet = web_sys::CssStyleSheet::new().ok();
    if let Some(sheet) = &sheet {
        let _ = sheet.replace_sync(PRINT_PAGE_CSS);
        let sheets = document.adopted_style_sheets();
        sheets.push(sheet);
        document.set_adopted_style_sheets(&sheets);
    }
    let cleanup_document = document.clone();
    let after_print = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = host.remove_attribute("data-wegwijs-print");
        if let Some(sheet) = sheet {
            let sheets = cleanup_document.adopted_style_sheets();
            let kept = js_sys::Array::new();
            for existing in sheets.iter() {
                if &existing != AsRef::<wasm_bindgen::JsValue>::as_ref(&sheet) {
                    kept.push(&existing);
                }
            }
            cleanup_document.set_adopted_style_sheets(&kept);
        }
        done();
    });
    let once = web_sys::AddEventListenerOptions::new();
    once.set_once(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "afterprint",
        after_print.unchecked_ref(),
        &once,
    );
    let _ = window.print();
}

/// Moves keyboard focus to the first element matching `selector` inside `container`, once
/// the DOM has been updated (on the next animation frame).
pub fn focus_later(container: leptos::prelude::NodeRef<leptos::html::Div>, selector: String) {
    use leptos::prelude::GetUntracked;
    leptos::prelude::request_animation_frame(move || {
        if let Some(element) = container
            .get_untracked()
            .and_then(|root| root.query_selector(&selector).ok().flatten())
            .and_then(|found| found.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

/// Scrolls the first element matching `selector` inside `container` to the top of the
/// screen when it is not in the upper half of it (after a search on a phone, the results
/// are below the search box and filters).
pub fn reveal(container: leptos::prelude::NodeRef<leptos::html::Div>, selector: String) {
    use leptos::prelude::GetUntracked;
    leptos::prelude::request_animation_frame(move || {
        let Some(height) = window().and_then(|w| w.inner_height().ok()?.as_f64()) else {
            return;
        };
        if let Some(element) = container
            .get_untracked()
            .and_then(|root| root.query_selector(&selector).ok().flatten())
        {
            let top = element.get_bounding_client_rect().top();
            if top < 0.0 || top > height / 2.0 {
                element.scroll_into_view_with_bool(true);
            }
        }
    });
}

/// The text of the first element matching `selector` inside `root`, as it is shown (for
/// reading aloud).
pub fn shown_text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|found| found.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|element| element.inner_text())
        .unwrap_or_default()
}

/// Files a person chose in a file input or dropped on the page.
pub type Files = web_sys::FileList;

/// The files chosen in `input`, when there are any.
pub fn chosen_files(input: leptos::prelude::NodeRef<leptos::html::Input>) -> Option<Files> {
    use leptos::prelude::GetUntracked;
    input
        .get_untracked()
        .and_then(|input| input.files())
        .filter(|files| files.length() > 0)
}

/// The files dropped with `event`, when there are any.
pub fn dropped_files(event: &web_sys::DragEvent) -> Option<Files> {
    event
        .data_transfer()
        .and_then(|data| data.files())
        .filter(|files| files.length() > 0)
}

/// The names of `files` and their total size in bytes.
pub fn describe_files(files: &Files) -> (Vec<String>, f64) {
    let all: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    (
        all.iter().map(web_sys::File::name).collect(),
        all.iter().map(|file| file.size()).sum(),
    )
}

/// The widget root around `element` (where a download link is put), or the element itself.
pub fn widget_root(element: &web_sys::Element) -> web_sys::Element {
    element
        .closest(".ww-root")
        .ok()
        .flatten()
        .unwrap_or_else(|| element.clone())
}

/// The name and text of every file in `files` (as a file input or a drop gives them).
pub async fn read_files(files: Files) -> Result<Vec<(String, String)>, String> {
    let mut read = Vec::new();
    for index in 0..files.length() {
        let Some(file) = files.get(index) else {
            continue;
        };
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .map_err(|error| format!("{} cannot be read: {error:?}", file.name()))?;
        read.push((file.name(), text.as_string().unwrap_or_default()));
    }
    Ok(read)
}

/// Reads the file chosen in `input` as text, then hands its name and text to `use_file`.
pub fn read_chosen_file(
    input: leptos::prelude::NodeRef<leptos::html::Input>,
    use_file: impl FnOnce(String, String) + 'static,
) {
    use leptos::prelude::GetUntracked;
    let Some(input) = input.get_untracked() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok();
        if let Some(text) = text.and_then(|text| text.as_string()) {
            use_file(file.name(), text);
        }
    });
}

/// Print-only rules for the host page while a widget prints.
const PRINT_PAGE_CSS: &str = "@media print {
  body * { visibility: hidden !important; }
  [data-wegwijs-print], [data-wegwijs-print] * { visibility: visible !important; }
  [data-wegwijs-print] { position: absolute !important; inset: 0 auto auto 0 !important; inline-size: 100% !important; }
}";

/// Writes a warning for the web team to the browser console (nothing outside a browser).
pub fn warn(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::warn_1(&wasm_bindgen::JsValue::from_str(message));
    #[cfg(not(target_arch = "wasm32"))]
    let _ = message;
}

/// Whether the browser can hand text to the phone's share sheet (Web Share API).
pub fn can_share() -> bool {
    window().is_some_and(|w| {
        js_sys::Reflect::has(&w.navigator(), &wasm_bindgen::JsValue::from_str("share"))
            .unwrap_or(false)
    })
}

/// Offers `text` and `url` to the phone's share sheet; the person picks the app. Nothing is
/// sent by the widget itself. Returns whether it was shared (a cancel is not an error).
pub async fn share(text: &str, url: &str) -> bool {
    let Some(window) = window() else {
        return false;
    };
    let data = web_sys::ShareData::new();
    data.set_text(text);
    data.set_url(url);
    wasm_bindgen_futures::JsFuture::from(window.navigator().share_with_data(&data))
        .await
        .is_ok()
}

/// Whether the browser can read text aloud.
pub fn can_speak() -> bool {
    window().is_some_and(|w| w.speech_synthesis().is_ok())
}

/// Reads `text` aloud in `lang` (`nl-NL`, `en-GB`), stopping anything still being read.
pub fn speak(text: &str, lang: &str) {
    let Some(synthesis) = window().and_then(|w| w.speech_synthesis().ok()) else {
        return;
    };
    synthesis.cancel();
    if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
        utterance.set_lang(lang);
        utterance.set_rate(0.9);
        synthesis.speak(&utterance);
    }
}

/// Where the browser keeps a value. Either way it never leaves the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Local storage: on this device until it is removed (only after the person agreed).
    OnDevice,
    /// Session storage: with this tab, through reloads, until the tab is closed.
    InTab,
}

fn storage(keep: Keep) -> Option<web_sys::Storage> {
    let window = window()?;
    match keep {
        Keep::OnDevice => window.local_storage(),
        Keep::InTab => window.session_storage(),
    }
    .ok()
    .flatten()
}

/// Reads a kept value.
pub fn stored(keep: Keep, key: &str) -> Option<String> {
    storage(keep)?.get_item(key).ok()?
}

/// Keeps a value.
pub fn store(keep: Keep, key: &str, value: &str) {
    if let Some(storage) = storage(keep) {
        let _ = storage.set_item(key, value);
    }
}

/// Removes a kept value.
pub fn forget(keep: Keep, key: &str) {
    if let Some(storage) = storage(keep) {
        let _ = storage.remove_item(key);
    }
}

/// Offers `text` as a file download named `file_name`, from inside the widget.
pub fn download_text(inside: &web_sys::Element, file_name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    download(inside, file_name, &parts, "text/plain;charset=utf-8");
}

/// Offers `bytes` as a file download named `file_name`, from inside the widget.
pub fn download_bytes(inside: &web_sys::Element, file_name: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    download(inside, file_name, &parts, "application/octet-stream");
}

/// Offers a blob of `parts` as a download, through a link clicked inside the widget.
fn download(inside: &web_sys::Element, file_name: &str, parts: &js_sys::Array, mime: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document.create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(file_name);
        link.set_hidden(true);
        let _ = inside.append_child(&link);
        link.click();
        link.remove();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A random number (for an anonymous respondent id; never derived from the person).
pub fn random_u32() -> u32 {
    #[cfg(target_arch = "wasm32")]
    let random = js_sys::Math::random();
    #[cfg(not(target_arch = "wasm32"))]
    let random = f64::from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos()),
    ) / 1e9;
    (random * f64::from(u32::MAX)) as u32
}

/// Milliseconds since 1970 by the browser's clock (the machine's clock outside a browser).
pub fn now_millis() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Date::now();
    #[cfg(not(target_arch = "wasm32"))]
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_millis() as f64)
}

/// What an [`EventStream`] calls for one event name.
pub type EventHandler = Box<dyn FnMut()>;

/// A stream of server-sent events with one handler per event name (`"error"` for a lost
/// connection); the stream closes when this is dropped.
pub struct EventStream {
    source: web_sys::EventSource,
    _listeners: Vec<wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>>,
}

impl EventStream {
    /// Opens the stream at `url`; `None` where the browser refuses it (or outside a browser).
    pub fn open(url: &str, handlers: Vec<(&str, EventHandler)>) -> Option<Self> {
        window()?;
        let source = web_sys::EventSource::new(url).ok()?;
        let listeners = handlers
            .into_iter()
            .map(|(name, mut handler)| {
                let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
                    move |_: web_sys::Event| handler(),
                );
                let _ = source
                    .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
                listener
            })
            .collect();
        Some(Self {
            source,
            _listeners: listeners,
        })
    }
}

impl Drop for EventStream {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// The width of an element on the screen, in CSS pixels (0 natively).
pub fn width_of(element: &web_sys::Element) -> f64 {
    if cfg!(target_arch = "wasm32") {
        element.get_bounding_client_rect().width()
    } else {
        0.0
    }
}

/// A pointer's position (from an event's `clientX`, `clientY`) relative to an element's
/// top-left corner.
pub fn offset_in(element: &web_sys::Element, client_x: f64, client_y: f64) -> [f64; 2] {
    let rect = element.get_bounding_client_rect();
    [client_x - rect.left(), client_y - rect.top()]
}

/// Sends a pointer's further events to `element` until it is released (a drag that leaves
/// the map keeps moving it).
pub fn capture_pointer(element: &web_sys::Element, pointer_id: i32) {
    let _ = element.set_pointer_capture(pointer_id);
}

/// The text `detail` of a custom event (such as the map's choice), if it has one.
pub fn event_detail(event: &web_sys::Event) -> Option<String> {
    event
        .dyn_ref::<web_sys::CustomEvent>()
        .and_then(|custom| custom.detail().as_string())
}
