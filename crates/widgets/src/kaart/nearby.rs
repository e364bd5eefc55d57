//! "Bij mij in de buurt": a postcode, or the device's position after an explicit click.
//! The place stays in the browser: it is not written to the URL or sent anywhere.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wegwijs_directory::geo::Point;
use wegwijs_directory::places::postcode_digits;

use super::app::{use_kaart, Place};
use crate::browser::{current_position, PositionError};
use crate::i18n::use_i18n;

/// Postcode form, location button and "nearest first".
#[component]
pub(crate) fn Nearby() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let input_id = kaart.id("postcode");
    let error_id = kaart.id("postcode-fout");
    let nearest_id = kaart.id("dichtbij-eerst");
    let postcode = RwSignal::new(
        kaart
            .place
            .get_untracked()
            .and_then(|p| p.postcode)
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<String>);
    let locating = RwSignal::new(false);

    let use_postcode = move || {
        let typed = postcode.get();
        let Some(digits) = postcode_digits(&typed) else {
            error.set(Some(i18n.t("near.invalid")));
            return;
        };
        match kaart
            .map
            .with_value(|map| map.postcodes.lookup(&digits).map(|area| area.point))
        {
            Some(point) => {
                error.set(None);
                kaart.place.set(Some(Place {
                    point,
                    postcode: Some(digits.clone()),
                }));
                kaart
                    .announcement
                    .set(i18n.t_with("near.set", &[("place", &digits)]));
            }
            None => error.set(Some(i18n.t_with("near.unknown", &[("postcode", &digits)]))),
        }
    };
    let locate = move |_| {
        locating.set(true);
        error.set(None);
        kaart.announcement.set(i18n.t("near.locating"));
        spawn_local(async move {
            let found = current_position().await;
            let _ = locating.try_set(false);
            match found {
                Ok((lat, lon)) => match Point::new(lat, lon) {
                    Some(point) => {
                        let _ = kaart.place.try_set(Some(Place {
                            point,
                            postcode: None,
                        }));
                        let _ = kaart.announcement.try_set(i18n.t("near.located"));
                    }
                    None => {
                        let _ = error.try_set(Some(i18n.t("near.unavailable")));
                    }
                },
                Err(PositionError::Denied) => {
                    let _ = error.try_set(Some(i18n.t("near.denied")));
                }
                Err(PositionError::Unavailable) => {
                    let _ = error.try_set(Some(i18n.t("near.unavailable")));
                }
            }
        });
    };
    let place_label = move || {
        kaart.place.get().map(|place| match place.postcode {
            Some(code) => i18n.t_with("near.current-postcode", &[("postcode", &code)]),
            None => i18n.t("near.current-device"),
        })
    };
    view! {
        <div class="ww-nearby">
            <form class="ww-postcode" on:submit=move |event| {
                event.prevent_default();
                use_postcode();
            }>
                <label for=input_id.clone()>{i18n.t("near.label")}</label>
                <div class="ww-inline">
                    <input
                        id=input_id
                        class="ww-input ww-input-short"
                        type="text"
                        inputmode="numeric"
                        autocomplete="postal-code"
                        maxlength="7"
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        aria-describedby=error_id.clone()
                        prop:value=move || postcode.get()
                        on:input=move |event| postcode.set(event_target_value(&event))
                    />
                    <button type="submit" class="ww-button ww-button-secondary">{i18n.t("near.button")}</button>
                </div>
            </form>
            <button type="button" class="ww-link-button" on:click=locate disabled=move || locating.get()>
                {move || if locating.get() { i18n.t("near.locating") } else { i18n.t("near.device") }}
            </button>
            <p id=error_id class="ww-field-error">{move || error.get()}</p>
            {move || place_label().map(|label| view! {
                <div class="ww-place">
                    <span>{label}</span>
                    <label class="ww-check">
                        <input
                            id=nearest_id.clone()
                            type="checkbox"
                            prop:checked=move || kaart.nearest_first.get()
                            on:change=move |event| kaart.nearest_first.set(event_target_checked(&event))
                        />
                        {i18n.t("near.nearest-first")}
                    </label>
                    <p class="ww-hint ww-place-order">{move || if kaart.nearest_first.get() { i18n.t("near.order-distance") } else { i18n.t("near.order-relevance") }}</p>
                    <button type="button" class="ww-link-button" on:click=move |_| {
                        kaart.place.set(None);
                        kaart.nearest_first.set(false);
                        postcode.set(String::new());
                    }>
                        {i18n.t("near.clear")}
                    </button>
                </div>
            })}
            <p class="ww-hint">{i18n.t("near.privacy")}</p>
        </div>
    }
    .into_any()
}
