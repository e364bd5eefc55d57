//! Live sessions of the samenwerkingsscan: a facilitator opens a session, respondents send
//! their share codes to its join code, the facilitator's team view follows along (server-sent
//! events) and receives the answers only from three respondents on.
//!
//! The HTTP API under `/api/` ([`api`]) keeps everything in the [`store`] (nothing that another
//! instance would need lives in memory), hashes keys and tokens ([`secret`]), limits requests
//! per client ([`limit`]) and deletes sessions after their retention period
//! ([`delete_expired_regularly`]).

mod api;
mod batch;
mod events;
pub mod limit;
pub mod secret;
pub mod store;

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::postgres::PgListener;
use tokio::sync::broadcast;
use wegwijs_assessment::live::JoinCode;

pub use api::router;
use limit::Limiter;
use store::{Backend, Store};

/// How a live-session server is set up.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long a session and its answers are kept after it was opened.
    pub retention: Duration,
    /// Requests a minute per client for opening sessions.
    pub opens_per_minute: u32,
    /// Requests a minute per client for looking up a join code and sending answers.
    pub answers_per_minute: u32,
    /// Origins (`https://www.gemeente.nl`) whose pages may call the API; none: same origin only.
    pub allowed_origins: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            retention: Duration::from_secs(90 * 24 * 3600),
            opens_per_minute: 20,
            answers_per_minute: 600,
            allowed_origins: Vec::new(),
        }
    }
}

/// A change in a session, for the facilitators' live views.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    /// Which session.
    pub code: JoinCode,
    /// Respondents now; `None` when the session was deleted.
    pub respondents: Option<usize>,
    /// Whether it still takes answers.
    pub open: bool,
}

/// The live-session service, shared by all requests.
#[derive(Debug, Clone)]
pub struct Live(Arc<Shared>);

#[derive(Debug)]
struct Shared {
    store: Store,
    settings: Settings,
    updates: broadcast::Sender<Update>,
    opens: Limiter,
    answers: Limiter,
}

impl Live {
    /// The service over an opened store. On PostgreSQL it first listens for the changes
    /// that every server on the database announces, and keeps listening in a task.
    pub async fn new(store: Store, settings: Settings) -> sqlx::Result<Self> {
        let (updates, _) = broadcast::channel(1024);
        let live = Self(Arc::new(Shared {
            opens: Limiter::new(settings.opens_per_minute, settings.opens_per_minute.max(1)),
            answers: Limiter::new(
                settings.answers_per_minute,
                (settings.answers_per_minute / 4).max(1),
            ),
            store,
            settings,
            updates,
        }));
        if live.0.store.backend() == Backend::Postgres {
            let listener = live.0.store.listen().await?;
            tokio::spawn(relay_notifications(
                listener,
                live.0.store.clone(),
                live.0.updates.clone(),
            ));
        }
        Ok(live)
    }

    /// Tells the live views about a change (nobody listening is fine): on SQLite this
    /// server's, on PostgreSQL every server's on the database.
    async fn announce(&self, update: Update) {
        match self.0.store.backend() {
            Backend::Sqlite => {
                let _ = self.0.updates.send(update);
            }
            Backend::Postgres => {
                let payload = serde_json::to_string(&update).unwrap_or_default();
                if let Err(error) = self.0.store.notify(&payload).await {
                    log("store.error", &[("error", &error.to_string())]);
                }
            }
        }
    }
}

/// Passes the changes announced on PostgreSQL (by any server, this one too) to this server's
/// live views, for as long as the server runs; listens again after a lost connection.
async fn relay_notifications(
    mut listener: PgListener,
    store: Store,
    updates: broadcast::Sender<Update>,
) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                if let Ok(update) = serde_json::from_str(notification.payload()) {
                    let _ = updates.send(update);
                }
            }
            // The connection was lost; `try_recv` connects again on the next call.
            Ok(None) => log("store.listen-lost", &[]),
            Err(error) => {
                log("store.error", &[("error", &error.to_string())]);
                tokio::time::sleep(Duration::from_secs(1)).await;
                if let Ok(again) = store.listen().await {
                    listener = again;
                }
            }
        }
    }
}

/// Deletes expired sessions now and then every ten minutes, for as long as the server runs.
pub async fn delete_expired_regularly(live: Live) {
    let mut every = tokio::time::interval(Duration::from_secs(600));
    loop {
        every.tick().await;
        match live.0.store.delete_expired().await {
            Ok(0) => {}
            Ok(count) => log("sessions.expired", &[("count", &count.to_string())]),
            Err(error) => log("store.error", &[("error", &error.to_string())]),
        }
    }
}

/// One structured log line (JSON on standard error). Never called with answers, keys, tokens
/// or addresses.
pub fn log(event: &str, fields: &[(&str, &str)]) {
    let mut line = serde_json::Map::new();
    line.insert("time".into(), store::now().into());
    line.insert("event".into(), event.into());
    for (name, value) in fields {
        line.insert((*name).into(), (*value).into());
    }
    eprintln!("{}", serde_json::Value::Object(line));
}

#[cfg(test)]
mod tests;
