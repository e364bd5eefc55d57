//! Urgent help, before anything else: the crisis lines on every screen ("Direct hulp
//! nodig?"), and "Doe dit eerst" with large call buttons as soon as an answer or the
//! resident's own words raise an urgent signal.

use leptos::prelude::*;
use wegwijs_directory::links::{tel_link, web_link};
use wegwijs_guide::definition::Contact;
use wegwijs_guide::Guide;

use crate::i18n::use_i18n;

/// A contact as it is shown: name, number, the `tel:` link, chat or web page, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContactLine {
    pub name: String,
    pub number: Option<String>,
    pub tel: Option<String>,
    pub website: Option<String>,
    pub when: String,
}

impl ContactLine {
    /// The contact in `lang`.
    pub fn of(contact: &Contact, lang: &str) -> Self {
        Self {
            name: contact.name.get(lang).to_owned(),
            number: contact.phone.clone(),
            tel: contact.phone.as_deref().and_then(tel_link),
            website: contact.website.as_deref().and_then(web_link),
            when: contact.when.get(lang).to_owned(),
        }
    }
}

/// A contact to call, "Veilig Thuis: 0800-2000" as a `tel:` link; its name alone when it has
/// no number to dial.
#[component]
pub(crate) fn CallLink(
    /// The contact.
    contact: ContactLine,
) -> impl IntoView {
    match (contact.number, contact.tel) {
        (Some(number), Some(tel)) => {
            view! { <a class="ww-action" href=tel>{contact.name}": "{number}</a> }.into_any()
        }
        _ => view! { <span>{contact.name}</span> }.into_any(),
    }
}

/// "Direct hulp nodig?": the contacts shown on every screen, as links to call.
#[component]
pub(crate) fn CrisisBox(
    /// The contacts, in order.
    contacts: Vec<ContactLine>,
    /// The id for the box's label.
    label_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let labelled_by = label_id.clone();
    view! {
        <aside class="ww-crisis" aria-labelledby=labelled_by>
            <p id=label_id class="ww-crisis-title">{i18n.t("gids.crisis")}</p>
            <ul class="ww-plain-list" role="list">
                {contacts.into_iter().map(|contact| {
                    let when = contact.when.clone();
                    view! {
                        <li>
                            <CallLink contact />
                            <span class="ww-note">" "{when}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </aside>
    }
}

/// The crisis lines of a guide, in `lang`.
pub(crate) fn always_lines(guide: &Guide, lang: &str) -> Vec<ContactLine> {
    guide
        .always_contacts()
        .into_iter()
        .map(|c| ContactLine::of(c, lang))
        .collect()
}

/// "Doe dit eerst": what the urgent signals say, and a large call button per contact.
#[component]
pub(crate) fn DoThisFirst(
    /// The signals' messages, in order.
    messages: Vec<String>,
    /// Their contacts, in order, each once.
    contacts: Vec<ContactLine>,
    /// The id of the heading (focus goes there when it appears on a new step).
    heading_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let labelled_by = heading_id.clone();
    view! {
        <section class="ww-urgent" aria-labelledby=labelled_by>
            <h2 id=heading_id class="ww-urgent-title" tabindex="-1">{i18n.t("gids.advice.first")}</h2>
            {messages.into_iter().map(|m| view! { <p class="ww-urgent-message">{m}</p> }).collect_view()}
            <ul class="ww-plain-list" role="list">
                {contacts.into_iter().map(|c| {
                    let call = c.number.clone().zip(c.tel.clone()).map(|(number, tel)| {
                        // The number never breaks over two lines.
                        let label = i18n.t_with("gids.advice.call", &[("name", &c.name), ("number", "\u{0}")]);
                        let (before, after) = label.split_once('\u{0}').map_or((label.clone(), String::new()), |(b, a)| (b.to_owned(), a.to_owned()));
                        view! {
                            <a class="ww-button ww-call" href=tel>
                                <span>{before}<span class="ww-nowrap">{number}</span>{after}</span>
                            </a>
                        }
                    });
                    let chat = c.website.clone().map(|url| view! {
                        <a class="ww-action" href=url rel="noopener noreferrer">{i18n.t_with("gids.urgent.site", &[("name", &c.name)])}</a>
                    });
                    let label = (call.is_none() && chat.is_none()).then(|| view! { <span class="ww-label">{c.name.clone()}</span> });
                    view! {
                        <li class="ww-urgent-contact">
                            {call}
                            {label}
                            <p class="ww-note">{c.when}</p>
                            {chat}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
