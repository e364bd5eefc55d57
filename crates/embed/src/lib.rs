//! # Wegwijs embed: the wasm entry point
//!
//! Thin by design: `js/loader.js` (the `wegwijs.js` hosts include) defines the custom
//! elements, starts this bundle when one connects and calls [`mount`] / [`unmount`] from their
//! lifecycle callbacks. This crate reads the
//! element's attributes into the widget's config, gives the element a shadow root with the
//! shared stylesheet, and mounts the Leptos widget into it. No domain logic lives here.

use std::any::Any;
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};

// The widgets mounted right here (the map has its own module).
#[cfg(any(
    feature = "kaart",
    feature = "hulpwijzer",
    feature = "scan",
    feature = "beheer"
))]
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};
use wegwijs_widgets::kit::{attribute_warnings, Accepted};
use wegwijs_widgets::theme::STYLESHEET;

#[cfg(feature = "plattegrond")]
mod map;

/// A widget this bundle can mount, with its custom element name.
struct Widget {
    tag: &'static str,
    /// The attributes it reads; the element re-mounts the widget when one changes.
    attributes: &'static [&'static str],
    /// Attributes it follows while mounted (known, but no re-mount when they change).
    live: &'static [&'static str],
    /// A stylesheet of its own, adopted after the shared one.
    sheet: Option<&'static str>,
    /// The values it accepts, for the warnings to the web team.
    accepted: &'static [Accepted],
    /// Mounts the widget into the container; dropping the result unmounts it.
    mount: fn(&HtmlElement, HtmlElement) -> Box<dyn Any>,
}

/// The widgets built into this bundle: each behind a Cargo feature, so that a page with one
/// widget downloads only that widget's code (`cargo xtask dist` builds one bundle per widget
/// and one with all of them).
const WIDGETS: &[Widget] = &[
    #[cfg(feature = "kaart")]
    Widget {
        tag: "wegwijs-sociale-kaart",
        attributes: wegwijs_widgets::kaart::KaartConfig::ATTRIBUTES,
        live: &[],
        sheet: None,
        accepted: wegwijs_widgets::kaart::KaartConfig::ACCEPTED,
        mount: |host, container| {
            use wegwijs_widgets::kaart::{KaartConfig, SocialeKaart};
            let config = KaartConfig::from_attributes(|name| host.get_attribute(name));
            Box::new(mount_to(
                container,
                move || view! { <SocialeKaart config /> },
            ))
        },
    },
    #[cfg(feature = "hulpwijzer")]
    Widget {
        tag: "wegwijs-hulpwijzer",
        attributes: wegwijs_widgets::hulpwijzer::GuideConfig::ATTRIBUTES,
        live: &[],
        sheet: None,
        accepted: wegwijs_widgets::hulpwijzer::GuideConfig::ACCEPTED,
        mount: |host, container| {
            use wegwijs_widgets::hulpwijzer::{GuideConfig, Hulpwijzer};
            let config = GuideConfig::from_attributes(|name| host.get_attribute(name));
            Box::new(mount_to(container, move || view! { <Hulpwijzer config /> }))
        },
    },
    #[cfg(feature = "scan")]
    Widget {
        tag: "wegwijs-samenwerkingsscan",
        attributes: wegwijs_widgets::scan::ScanConfig::ATTRIBUTES,
        live: &[],
        sheet: None,
        accepted: wegwijs_widgets::scan::ScanConfig::ACCEPTED,
        mount: |host, container| {
            use wegwijs_widgets::scan::{Samenwerkingsscan, ScanConfig};
            let config = ScanConfig::from_attributes(|name| host.get_attribute(name));
            Box::new(mount_to(
                container,
                move || view! { <Samenwerkingsscan config /> },
            ))
        },
    },
    #[cfg(feature = "beheer")]
    Widget {
        tag: "wegwijs-beheer",
        attributes: wegwijs_widgets::beheer::BeheerConfig::ATTRIBUTES,
        live: &[],
        sheet: None,
        accepted: wegwijs_widgets::beheer::BeheerConfig::ACCEPTED,
        mount: |host, container| {
            use wegwijs_widgets::beheer::{Beheer, BeheerConfig};
            let config = BeheerConfig::from_attributes(|name| host.get_attribute(name));
            Box::new(mount_to(container, move || view! { <Beheer config /> }))
        },
    },
    #[cfg(feature = "plattegrond")]
    Widget {
        tag: wegwijs_widgets::map::TAG,
        attributes: wegwijs_widgets::map::MapConfig::ATTRIBUTES,
        live: &[
            wegwijs_widgets::map::MapConfig::DATA,
            wegwijs_widgets::map::MapConfig::CHOSEN,
        ],
        accepted: wegwijs_widgets::map::MapConfig::ACCEPTED,
        sheet: Some(wegwijs_widgets::theme::MAP_STYLESHEET),
        mount: map::mount,
    },
];

impl Widget {
    fn from_tag(tag: &str) -> Option<&'static Self> {
        WIDGETS
            .iter()
            .find(|widget| widget.tag.eq_ignore_ascii_case(tag))
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
    WIDGETS.iter().map(|widget| widget.tag.to_owned()).collect()
}

/// The attributes a widget reads; the element re-mounts the widget when one changes.
#[wasm_bindgen(js_name = observedAttributes)]
pub fn observed_attributes(tag: &str) -> Vec<String> {
    Widget::from_tag(tag)
        .map(|widget| widget.attributes.iter().map(|a| (*a).to_owned()).collect())
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
    let shadow = shadow_root(&host, widget.sheet)?;
    let container: HtmlElement = host
        .owner_document()
        .ok_or("the element is not in a document")?
        .create_element("div")?
        .unchecked_into();
    shadow.append_child(&container)?;
    let view = (widget.mount)(&host, container.clone());
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
fn warn_about_attributes(widget: &Widget, host: &HtmlElement) {
    let names: Vec<String> = host
        .get_attribute_names()
        .iter()
        .filter_map(|name| name.as_string())
        .collect();
    let known: Vec<&str> = widget
        .attributes
        .iter()
        .chain(widget.live)
        .copied()
        .collect();
    let warnings = attribute_warnings(widget.tag, &known, widget.accepted, &names, |name| {
        host.get_attribute(name)
    });
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

/// The element's open shadow root with the widgets' stylesheet (and the widget's own, when
/// it has one), created on first use.
fn shadow_root(host: &HtmlElement, own: Option<&str>) -> Result<ShadowRoot, JsValue> {
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
    let sheets = js_sys::Array::of1(&sheet);
    if let Some(css) = own {
        let extra = CssStyleSheet::new()?;
        extra.replace_sync(css)?;
        sheets.push(&extra);
    }
    shadow.set_adopted_style_sheets(&sheets);
    Ok(shadow)
}
