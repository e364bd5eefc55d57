//! Mounting `<wegwijs-plattegrond>`: its `data` and `chosen` attributes are followed while
//! it is mounted (the social map changes them as a person searches and chooses), and a
//! chosen marker becomes the element's `wegwijs-choose` event.

use std::any::Any;

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, MutationObserver, MutationObserverInit};
use wegwijs_widgets::map::{
    ids_from_json, ids_to_json, MapConfig, MapData, Plattegrond, CHOOSE_EVENT,
};

/// Follows one attribute of an element until dropped.
struct AttributeWatch {
    observer: MutationObserver,
    _callback: Closure<dyn FnMut()>,
}

impl AttributeWatch {
    fn new(element: &HtmlElement, name: &str, changed: impl FnMut() + 'static) -> Option<Self> {
        let callback = Closure::<dyn FnMut()>::new(changed);
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        let options = MutationObserverInit::new();
        options.set_attributes(true);
        options.set_attribute_filter(&js_sys::Array::of1(&JsValue::from_str(name)));
        observer.observe_with_options(element, &options).ok()?;
        Some(Self {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for AttributeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// A signal that follows the attribute `name` of `host`, read with `read`, and the watch
/// that keeps it following.
fn followed<T: Send + Sync + 'static>(
    host: &HtmlElement,
    name: &'static str,
    read: fn(Option<&str>) -> T,
) -> (ArcRwSignal<T>, Option<AttributeWatch>) {
    let current = {
        let host = host.clone();
        move || read(host.get_attribute(name).as_deref())
    };
    let signal = ArcRwSignal::new(current());
    let watch = {
        let signal = signal.clone();
        AttributeWatch::new(host, name, move || signal.set(current()))
    };
    (signal, watch)
}

/// Mounts the map into `container`; dropping the result unmounts it and stops following.
pub(crate) fn mount(host: &HtmlElement, container: HtmlElement) -> Box<dyn Any> {
    let config = MapConfig::from_attributes(|name| host.get_attribute(name));
    let (data, data_watch) = followed(host, MapConfig::DATA, MapData::from_attribute);
    let (chosen, chosen_watch) = followed(host, MapConfig::CHOSEN, ids_from_json);
    let target = host.clone();
    let view = mount_to(container, move || {
        let on_choose = Callback::new(move |ids: Vec<String>| {
            let init = CustomEventInit::new();
            init.set_detail(&JsValue::from_str(&ids_to_json(&ids)));
            if let Ok(event) = CustomEvent::new_with_event_init_dict(CHOOSE_EVENT, &init) {
                let _ = target.dispatch_event(&event);
            }
        });
        view! { <Plattegrond config data=data.into() chosen=chosen.into() on_choose /> }
    });
    Box::new((view, data_watch, chosen_watch))
}
