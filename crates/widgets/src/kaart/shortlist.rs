//! "Mijn lijstje": services to take along to a conversation, printable. The list lives only
//! on this screen; nothing is stored or sent.

use leptos::prelude::*;

use super::app::use_kaart;
use super::format;
use crate::browser;
use crate::i18n::use_i18n;
use crate::kit::Breakable;

/// The list, when it has services.
#[component]
pub(crate) fn Shortlist() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    let heading_id = kaart.id("lijstje");
    let labelled_by = heading_id.clone();
    let entries = move || {
        kaart
            .shortlist
            .get()
            .into_iter()
            .filter_map(|id| {
                let doc = kaart.doc_of(&id)?;
                let service = kaart
                    .map
                    .with_value(|map| map.index.services()[doc as usize].clone());
                Some((doc, service))
            })
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || kaart.shortlist.with(|list| !list.is_empty())>
            <section class="ww-shortlist" aria-labelledby=labelled_by.clone()>
                <h3 id=heading_id.clone() class="ww-shortlist-title" tabindex="-1">
                    {move || i18n.t_count("list.title", kaart.shortlist.with(Vec::len))}
                </h3>
                <p class="ww-hint">{i18n.t("list.hint")}</p>
                <ul class="ww-plain-list" role="list">
                    {move || entries().into_iter().map(|(_, service)| {
                        let id = service.id.clone();
                        let name = service.name.clone();
                        view! {
                            <li class="ww-shortlist-item">
                                <span class="ww-label">{service.name.clone()}</span>
                                {service.phones.first().map(|p| view! { " · "{p.number.clone()} })}
                                " "
                                <button
                                    type="button"
                                    class="ww-link-button"
                                    on:click={
                                        let name = name.clone();
                                        move |_| {
                                            kaart.shortlist.update(|list| list.retain(|i| *i != id));
                                            kaart.announcement.set(i18n.t_with("list.removed", &[("name", &name)]));
                                        }
                                    }
                                >
                                    {i18n.t("list.remove-short")}
                                    <span class="ww-visually-hidden">" "{name.clone()}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <button type="button" class="ww-button" on:click=move |_| {
                    let docs = entries().into_iter().map(|(doc, _)| doc).collect();
                    kaart.printing.set(Some(docs));
                }>
                    {i18n.t("list.print")}
                </button>
            </section>
        </Show>
    }
    .into_any()
}

/// What is printed: shown only on paper, while printing.
#[component]
pub(crate) fn PrintView() -> impl IntoView {
    let kaart = use_kaart();
    let i18n = use_i18n();
    Effect::new(move |_| {
        if kaart.printing.with(Option::is_some) {
            request_animation_frame(move || match kaart.container.get_untracked() {
                Some(container) => {
                    browser::print_widget(&container, move || kaart.printing.set(None))
                }
                None => kaart.printing.set(None),
            });
        }
    });
    move || {
        kaart.printing.get().map(|docs| {
            let services: Vec<_> = docs
                .iter()
                .map(|doc| kaart.map.with_value(|map| map.index.services()[*doc as usize].clone()))
                .collect();
            view! {
                <div class="ww-print">
                    <p class="ww-print-title">{i18n.t("print.title")}</p>
                    {services.into_iter().map(|service| {
                        let hours = format::week_hours(i18n, &service);
                        view! {
                            <div class="ww-print-service">
                                <p class="ww-print-name">{service.name.clone()}</p>
                                {service.organization.clone().map(|o| view! { <p>{o}</p> })}
                                {service.description.clone().map(|d| view! { <p>{d}</p> })}
                                {service.phones.iter().map(|p| view! { <p>{i18n.t_with("card.phone", &[("number", &p.number)])}</p> }).collect_view()}
                                {service.email.clone().map(|e| view! { <p><Breakable text=e /></p> })}
                                {service.website.clone().map(|w| view! { <p><Breakable text=w /></p> })}
                                {service.addresses().map(|a| view! { <p>{a.one_line()}</p> }).collect_view()}
                                {hours.map(|hours| view! { <p>{hours}</p> })}
                            </div>
                        }
                    }).collect_view()}
                </div>
            }
        })
    }
}
