//! What a resident must know about a service before going there: it is closed for a while,
//! it has stopped, or its data carries a notice (HSDS `status` and `alert`).

use leptos::prelude::*;
use wegwijs_directory::model::Status;
use wegwijs_directory::Service;

use crate::i18n::use_i18n;

/// The status and notice of `service`, above everything else on its card; nothing for an
/// active service without a notice. `for_workers` adds that residents do not see a service
/// that does not run.
#[component]
pub fn ServiceNotice(
    /// The service.
    service: Service,
    /// Whether the reader is a worker.
    #[prop(optional)]
    for_workers: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = match service.status {
        Status::Active => service.alert.is_some().then_some("status.notice"),
        Status::TemporarilyClosed => Some("status.closed"),
        Status::Inactive => Some("status.inactive"),
        Status::Defunct => Some("status.defunct"),
    }?;
    let hidden_from_residents = for_workers && !service.is_listed();
    Some(view! {
        <div class="ww-notice" role="note">
            <p class="ww-notice-title">{i18n.t(title)}</p>
            {service.alert.map(|alert| view! { <p>{alert}</p> })}
            {hidden_from_residents.then(|| view! { <p>{i18n.t("status.workers-only")}</p> })}
        </div>
    })
}
