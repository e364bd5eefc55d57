//! Server-sent events for the facilitator's live view: an `update` event with
//! `{"respondents": n, "open": bool}` when the view should fetch the team again (and once at
//! the start), `deleted` when the session is gone. The events carry no answers.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::stream::{self, Stream, StreamExt};
use serde::Deserialize;
use tokio_stream::wrappers::BroadcastStream;

use super::api::Refusal;
use super::Live;

/// The facilitator's key (an `EventSource` cannot send headers).
#[derive(Debug, Deserialize)]
pub struct KeyQuery {
    key: Option<String>,
}

fn update_event(respondents: usize, open: bool) -> Event {
    Event::default()
        .event("update")
        .data(serde_json::json!({ "respondents": respondents, "open": open }).to_string())
}

/// `GET /api/sessions/{code}/events?key=…`.
pub async fn events(
    State(live): State<Live>,
    Path(code): Path<String>,
    Query(query): Query<KeyQuery>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, Refusal> {
    let code = super::api::join_code(&code)?;
    // Subscribe before reading, so no change between the two is missed.
    let receiver = live.0.updates.subscribe();
    let session = super::api::as_facilitator(&live, &code, query.key.as_deref()).await?;
    let first = live.0.store.respondents(&code).await?;
    let changes = BroadcastStream::new(receiver)
        .filter_map(move |message| {
            let code = code.clone();
            async move {
                match message {
                    Ok(update) if update.code == code => Some(update),
                    Ok(_) => None,
                    // Missed updates (a slow client): say "fetch again" with what is known.
                    Err(_) => None,
                }
            }
        })
        .map(|update| match update.respondents {
            Some(respondents) => (update_event(respondents, update.open), false),
            None => (Event::default().event("deleted").data("{}"), true),
        });
    let stream = stream::once(async move { (update_event(first, session.open), false) })
        .chain(changes)
        .scan(false, |ended, (event, last)| {
            let item = (!*ended).then_some(event);
            *ended |= last;
            async move { item }
        })
        .map(Ok);
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
