//! # Wegwijs embed: the wasm entry point
//!
//! Thin by design: `js/elements.js` defines one custom element per widget built into this
//! bundle and calls [`mount`] / [`unmount`] from its lifecycle callbacks. This crate reads the
//! element's attributes into the widget's config, gives the element a shadow root with the
//! shared stylesheet, and mounts the Leptos widget into it. No domain logic lives here.

use std::any::Any;
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};
use wegwijs_widgets::hulpwijzer::{GuideConfig, Hulpwijzer};
use wegwijs_widgets::kaart::{KaartConfig, SocialeKaart};
use wegwijs_widgets::kit::{attribute_warnings, Accepted};
use wegwijs_widgets::scan::{Samenwerkingsscan, ScanConfig};
use wegwijs_widgets::theme::STYLESHEET;

/// The widgets this bundle can mount, one per custom element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Widget {
    SocialeKaart,
    Hulpwijzer,
    Samenwerkingsscan,
}

impl Widget {
    const ALL: [Widget; 3] = [
        Widget::SocialeKaart,
        Widget::Hulpwijzer,
        Widget::Samenwerkingsscan,
    ];

    fn tag(self) -> &'static str {
        match self {
            Widget::SocialeKaart => "wegwijs-sociale-kaart",
            Widget::Hulpwijzer => "wegwijs-hulpwijzer",
            Widget::Samenwerkingsscan => "wegwijs-samenwerkingsscan",
        }
    }

    fn attributes(self) -> &'static [&'static str] {
        match self {
            Widget::SocialeKaart => KaartConfig::ATTRIBUTES,
            Widget::Hulpwijzer => GuideConfig::ATTRIBUTES,
            Widget::Samenwerkingsscan => ScanConfig::ATTRIBUTES,
        }
    }

    fn accepted(self) -> &'static [Accepted] {
        match self {
            Widget::SocialeKaart => KaartConfig::ACCEPTED,
            Widget::Hulpwijzer => GuideConfig::ACCEPTED,
            Widget::Samenwerkingsscan => ScanConfig::ACCEPTED,
        }
    }

    fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|widget| widget.tag().eq_ignore_ascii_case(tag))
    }

    /// Mounts the widget into `container`; dropping the result unmounts it.
    fn mount(self, host: &HtmlElement, container: HtmlElement) -> Box<dyn Any> {
        let attribute = |name: &str| host.get_attribute(name);
        match self {
            Widget::SocialeKaart => {
                let config = KaartConfig::from_attributes(attribute);
                Box::new(mount_to(
                    container,
                    move || view! { <SocialeKaart config /> },
                ))
            }
            Widget::Hulpwijzer => {
                let config = GuideConfig::from_attributes(attribute);
                Box::new(mount_to(container, move || view! { <Hulpwijzer config /> }))
            }
            Widget::Samenwerkingsscan => {
                let config = ScanConfig::from_attributes(attribute);
                Box::new(mount_to(
                    container,
                    move || view! { <Samenwerkingsscan config /> },
                ))
            }
        }
    }
}

/// A mounted widget: the Leptos handle (unmounts on drop) and its container element.
struct Mounted {
    _view: Box<dyn Any>,
    container: HtmlElement,
}

thread_local! {
    static MOUNTED: RefCell<HashMap<u32, Mounted>> = RefCell::new(HashMap::new());
    static NEXT_HANDLE: RefCell<u32> = const { RefCell::new(1) };
    static SHEET: OnceCell<CssStyleSheet> = const { OnceCell::new() };
    static WARNED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The custom element names of the widgets built into this bundle.
#[wasm_bindgen(js_name = widgetTags)]
pub fn widget_tags() -> Vec<String> {
    Widget::ALL
        .iter()
        .map(|widget| widget.tag().to_owned())
        .collect()
}

/// The attributes a widget reads; the element re-mounts the widget when one changes.
#[wasm_bindgen(js_name = observedAttributes)]
pub fn observed_attributes(tag: &str) -> Vec<String> {
    Widget::from_tag(tag)
        .map(|widget| {
            widget
                .attributes()
                .iter()
                .map(|a| (*a).to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Mounts the widget for the custom element `host` into its (open) shadow root and returns a
/// handle for [`unmount`].
#[wasm_bindgen]
pub fn mount(host: HtmlElement) -> Result<u32, JsValue> {
    let tag = host.tag_name();
    let widget = Widget::from_tag(&tag)
        .ok_or_else(|| JsValue::from_str(&format!("no Wegwijs widget is called <{tag}>")))?;
    warn_about_attributes(widget, &host);
    let shadow = shadow_root(&host)?;
    let container: HtmlElement = host
        .owner_document()
        .ok_or("the element is not in a document")?
        .create_element("div")?
        .unchecked_into();
    shadow.append_child(&container)?;
    let view = widget.mount(&host, container.clone());
    let handle = NEXT_HANDLE.with_borrow_mut(|next| {
        let handle = *next;
        *next += 1;
        handle
    });
    MOUNTED.with_borrow_mut(|mounted| {
        mounted.insert(
            handle,
            Mounted {
                _view: view,
                container,
            },
        )
    });
    Ok(handle)
}

/// Tells the web team, in the console and once per message, about attributes the widget does
/// not know or values it cannot use.
fn warn_about_attributes(widget: Widget, host: &HtmlElement) {
    let names: Vec<String> = host
        .get_attribute_names()
        .iter()
        .filter_map(|name| name.as_string())
        .collect();
    let warnings = attribute_warnings(
        widget.tag(),
        widget.attributes(),
        widget.accepted(),
        &names,
        |name| host.get_attribute(name),
    );
    for warning in warnings {
        if WARNED.with_borrow_mut(|warned| warned.insert(warning.clone())) {
            web_sys::console::warn_1(&JsValue::from_str(&warning));
        }
    }
}

/// Unmounts a widget mounted by [`mount`]; unknown handles are ignored.
#[wasm_bindgen]
pub fn unmount(handle: u32) {
    if let Some(mounted) = MOUNTED.with_borrow_mut(|all| all.remove(&handle)) {
        let container = mounted.container.clone();
        drop(mounted);
        container.remove();
    }
}

/// The element's open shadow root with the widgets' stylesheet, created on first use.
fn shadow_root(host: &HtmlElement) -> Result<ShadowRoot, JsValue> {
    let shadow = match host.shadow_root() {
        Some(shadow) => shadow,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    let sheet = SHEET.with(|sheet| -> Result<CssStyleSheet, JsValue> {
        if let Some(sheet) = sheet.get() {
            return Ok(sheet.clone());
        }
        let created = CssStyleSheet::new()?;
        created.replace_sync(STYLESHEET)?;
        Ok(sheet.get_or_init(|| created).clone())
    })?;
    shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Ok(shadow)
}
