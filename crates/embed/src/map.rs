//! Mounting `<wegwijs-plattegrond>`: its `data` attribute is followed while it is mounted
//! (the social map changes it as a person searches), and a chosen marker becomes the
//! element's `wegwijs-choose` event.

use std::any::Any;

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, MutationObserver, MutationObserverInit};
use wegwijs_widgets::map::{MapConfig, MapData, Plattegrond, CHOOSE_EVENT};

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

/// Mounts the map into `container`; dropping the result unmounts it and stops following.
pub(crate) fn mount(host: &HtmlElement, container: HtmlElement) -> Box<dyn Any> {
    let config = MapConfig::from_attributes(|name| host.get_attribute(name));
    let read = {
        let host = host.clone();
        move || MapData::from_attribute(host.get_attribute(MapConfig::DATA).as_deref())
    };
    let data = ArcRwSignal::new(read());
    let watch = {
        let data = data.clone();
        AttributeWatch::new(host, MapConfig::DATA, move || data.set(read()))
    };
    let target = host.clone();
    let view = mount_to(container, move || {
        let on_choose = Callback::new(move |ids: Vec<String>| {
            let init = CustomEventInit::new();
            init.set_detail(&JsValue::from_str(
                &serde_json::to_string(&ids).unwrap_or_default(),
            ));
            if let Ok(event) = CustomEvent::new_with_event_init_dict(CHOOSE_EVENT, &init) {
                let _ = target.dispatch_event(&event);
            }
        });
        view! { <Plattegrond config data=data.into() on_choose /> }
    });
    Box::new((view, watch))
}
