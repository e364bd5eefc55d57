//! A result card: what a service offers and how to reach it.

use leptos::prelude::*;
use wegwijs_directory::links::display_web;
use wegwijs_directory::Service;

use crate::i18n::use_i18n;
use crate::kit::unique_id;

/// Longest card summary, in characters; the detail view shows the rest.
const SUMMARY_CHARS: usize = 180;

/// One service in the result list. All data text is rendered as text, never as markup, and
/// only links checked by `wegwijs_directory::links` become `href`s.
#[component]
pub fn ServiceCard(
    /// The service to show.
    service: Service,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = unique_id("ww-service");
    let labelled_by = heading_id.clone();
    let summary = service.summary(SUMMARY_CHARS);
    let mail = service.mail_link().zip(service.email.clone());
    let phones = service
        .phones
        .iter()
        .map(|phone| {
            let label = i18n.t_with("card.phone", &[("number", &phone.number)]);
            match &phone.tel {
                Some(tel) => {
                    view! { <li><a class="ww-action" href=tel.clone()>{label}</a></li> }.into_any()
                }
                None => view! { <li>{label}</li> }.into_any(),
            }
        })
        .collect_view();
    let address = service.addresses().next().map(|address| {
        view! {
            <li>
                <span class="ww-label">{i18n.t("card.address")}</span>
                " "
                {address.one_line()}
            </li>
        }
    });
    view! {
        <li class="ww-card">
            <article aria-labelledby=labelled_by>
                <h3 id=heading_id class="ww-card-title">{service.name.clone()}</h3>
                {service.organization.clone().map(|org| view! { <p class="ww-org">{org}</p> })}
                {summary.map(|summary| view! { <p class="ww-summary">{summary}</p> })}
                <ul class="ww-contact" role="list">
                    {phones}
                    {mail.map(|(href, email)| view! {
                        <li>
                            <a class="ww-action" href=href>
                                {i18n.t_with("card.email", &[("email", &email)])}
                            </a>
                        </li>
                    })}
                    {service.website.clone().map(|url| view! {
                        <li>
                            <a class="ww-action" href=url.clone()>
                                <span class="ww-label">{i18n.t("card.website")}</span>
                                " "
                                {display_web(&url)}
                            </a>
                        </li>
                    })}
                    {address}
                </ul>
            </article>
        </li>
    }
}
