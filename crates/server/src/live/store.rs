//! Where live sessions are kept: an SQLite file (WAL, created on start) for one server, or
//! PostgreSQL for several servers behind a load balancer; the same migrations and queries for
//! both. Every write that the API acknowledges is committed first, so a server killed at any
//! moment loses no acknowledged answer.

use std::time::Duration;

use anyhow::Context;
use sqlx::any::AnyPoolOptions;
use sqlx::postgres::PgListener;
use sqlx::{AnyPool, Executor};
use tokio::sync::mpsc;
use wegwijs_assessment::live::JoinCode;
use wegwijs_assessment::Shape;

use super::batch::{self, Answer, Queued};

/// Which database a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file (or `sqlite::memory:` in tests): one server.
    Sqlite,
    /// PostgreSQL: any number of servers on one database.
    Postgres,
}

impl Backend {
    /// The backend a database URL names.
    pub fn of(url: &str) -> anyhow::Result<Self> {
        match url.split(':').next() {
            Some("sqlite") => Ok(Self::Sqlite),
            Some("postgres" | "postgresql") => Ok(Self::Postgres),
            _ => anyhow::bail!(
                "{url} is not a database URL: use sqlite:FILE or postgres://USER@HOST/DATABASE"
            ),
        }
    }
}

/// A stored session, as the API needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Hash of the facilitator's key.
    pub key_hash: String,
    /// The instrument's id.
    pub instrument: String,
    /// What every answer must match.
    pub shape: Shape,
    /// Whether answers are still taken.
    pub open: bool,
}

/// What became of an answer that was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Kept; the session now has this many respondents.
    Kept(usize),
    /// No such session (never opened, deleted, or expired).
    Unknown,
    /// The session is closed.
    Closed,
}

/// The session store. On SQLite one connection writes (writers queue for it in the server,
/// rather than sleeping in SQLite's busy handler) and several read; on PostgreSQL one pool
/// does both.
#[derive(Debug, Clone)]
pub struct Store {
    readers: AnyPool,
    writer: AnyPool,
    backend: Backend,
    /// The database URL, for PostgreSQL's listening connection.
    url: String,
    /// Answers waiting for the writer.
    queue: mpsc::Sender<Queued>,
}

/// The PostgreSQL channel on which servers tell each other about changes.
const CHANNEL: &str = "wegwijs_live";

/// Seconds since 1970, the time unit of the store.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// An SQLite URL that creates the file when it is missing.
fn creating(url: &str) -> String {
    if url.contains(":memory:") || url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

impl Store {
    /// Opens (creating and migrating) the database at `url`: `sqlite:sessions.sqlite`,
    /// `sqlite::memory:`, or `postgres://user@host/database`.
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url)?;
        let cannot_open = || format!("cannot open the session database {url}");
        let store = match backend {
            Backend::Sqlite => {
                let url = creating(url);
                let pool = |connections| {
                    AnyPoolOptions::new()
                        .max_connections(connections)
                        .after_connect(|connection, _| {
                            Box::pin(async move {
                                // With WAL, NORMAL survives a crash of the process (not of
                                // the machine's power).
                                connection
                                    .execute(
                                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                                    )
                                    .await
                                    .map(drop)
                            })
                        })
                        .connect(&url)
                };
                let writer = pool(1).await.with_context(cannot_open)?;
                // An in-memory database exists once per connection: it reads where it writes.
                let readers = if url.contains(":memory:") {
                    writer.clone()
                } else {
                    pool(4).await.with_context(cannot_open)?
                };
                Self {
                    queue: batch::writer(writer.clone(), backend),
                    readers,
                    writer,
                    backend,
                    url,
                }
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect(url)
                    .await
                    .with_context(cannot_open)?;
                Self {
                    queue: batch::writer(pool.clone(), backend),
                    readers: pool.clone(),
                    writer: pool,
                    backend,
                    url: url.to_owned(),
                }
            }
        };
        sqlx::migrate!("./migrations")
            .run(&store.writer)
            .await
            .context("cannot migrate the session database")?;
        Ok(store)
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Tells every server on this PostgreSQL database (this one too) about a change.
    pub async fn notify(&self, payload: &str) -> sqlx::Result<()> {
        // `pg_notify` returns `void`, which the Any driver cannot read: count it instead.
        sqlx::query("SELECT COUNT(*) FROM (SELECT pg_notify($1, $2)) AS sent")
            .bind(CHANNEL)
            .bind(payload)
            .execute(&self.writer)
            .await
            .map(drop)
    }

    /// A connection that hears the changes [`Store::notify`] sends (PostgreSQL only).
    pub async fn listen(&self) -> sqlx::Result<PgListener> {
        let mut listener = PgListener::connect(&self.url).await?;
        listener.listen(CHANNEL).await?;
        Ok(listener)
    }

    /// Stores a new session; `false` when the code is taken (the caller draws another).
    pub async fn create(
        &self,
        code: &JoinCode,
        key_hash: &str,
        instrument: &str,
        shape: Shape,
        expires_at: i64,
    ) -> sqlx::Result<bool> {
        let done = sqlx::query(
            "INSERT INTO sessions (code, key_hash, instrument, fingerprint, dimensions, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING",
        )
        .bind(code.as_str())
        .bind(key_hash)
        .bind(instrument)
        .bind(i64::from(shape.fingerprint))
        .bind(shape.dimensions as i64)
        .bind(now())
        .bind(expires_at)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The session with this code, if it exists and has not expired.
    pub async fn session(&self, code: &JoinCode) -> sqlx::Result<Option<Session>> {
        let row: Option<(String, String, i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT key_hash, instrument, fingerprint, dimensions, closed_at
             FROM sessions WHERE code = $1 AND expires_at > $2",
        )
        .bind(code.as_str())
        .bind(now())
        .fetch_optional(&self.readers)
        .await?;
        Ok(row.map(
            |(key_hash, instrument, fingerprint, dimensions, closed_at)| Session {
                key_hash,
                instrument,
                shape: Shape {
                    fingerprint: fingerprint as u16,
                    dimensions: dimensions as usize,
                },
                open: closed_at.is_none(),
            },
        ))
    }

    /// Keeps a respondent's answer (replacing their earlier one) while the session is open;
    /// together with the answers sent at the same moment (`live::batch`).
    pub async fn put_answer(
        &self,
        code: &JoinCode,
        token_hash: &str,
        answer: &str,
    ) -> sqlx::Result<Stored> {
        let answer = Answer {
            code: code.clone(),
            token_hash: token_hash.to_owned(),
            answer: answer.to_owned(),
        };
        batch::through_queue(&self.queue, answer).await
    }

    /// All answers of a session.
    pub async fn answers(&self, code: &JoinCode) -> sqlx::Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT answer FROM answers WHERE session = $1")
            .bind(code.as_str())
            .fetch_all(&self.readers)
            .await?;
        Ok(rows.into_iter().map(|(answer,)| answer).collect())
    }

    /// How many respondents a session has.
    pub async fn respondents(&self, code: &JoinCode) -> sqlx::Result<usize> {
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM answers WHERE session = $1")
            .bind(code.as_str())
            .fetch_one(&self.readers)
            .await?;
        Ok(count as usize)
    }

    /// Stops taking answers.
    pub async fn close(&self, code: &JoinCode) -> sqlx::Result<()> {
        sqlx::query("UPDATE sessions SET closed_at = $1 WHERE code = $2 AND closed_at IS NULL")
            .bind(now())
            .bind(code.as_str())
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Deletes a session and its answers.
    pub async fn delete(&self, code: &JoinCode) -> sqlx::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE code = $1")
            .bind(code.as_str())
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Deletes every session (and its answers) whose time is up; returns how many.
    pub async fn delete_expired(&self) -> sqlx::Result<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now())
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected())
    }
}
