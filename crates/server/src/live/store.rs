//! Where live sessions are kept: an SQLite file (WAL, created and migrated on start). Every
//! write that the API acknowledges is committed first, so a server killed at any moment loses
//! no acknowledged answer.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use wegwijs_assessment::live::JoinCode;
use wegwijs_assessment::Shape;

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

/// The session store: one connection writes (writers queue for it in the server, rather
/// than sleeping in SQLite's busy handler), several read.
#[derive(Debug, Clone)]
pub struct Store {
    readers: SqlitePool,
    writer: SqlitePool,
}

/// Seconds since 1970, the time unit of the store.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl Store {
    /// Opens (creating and migrating) the database at `url`, e.g. `sqlite:sessions.sqlite` or
    /// `sqlite::memory:`.
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("{url} is not an SQLite database URL (sqlite:FILE)"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // With WAL, NORMAL survives a crash of the process (not of the machine's power).
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = |connections| {
            SqlitePoolOptions::new()
                .max_connections(connections)
                .connect_with(options.clone())
        };
        let cannot_open = || format!("cannot open the session database {url}");
        let writer = pool(1).await.with_context(cannot_open)?;
        sqlx::migrate!("./migrations")
            .run(&writer)
            .await
            .context("cannot migrate the session database")?;
        // An in-memory database exists once per connection: it reads where it writes.
        let readers = if url.contains(":memory:") {
            writer.clone()
        } else {
            pool(4).await.with_context(cannot_open)?
        };
        Ok(Self { readers, writer })
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
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING",
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
             FROM sessions WHERE code = ? AND expires_at > ?",
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

    /// Keeps a respondent's answer (replacing their earlier one) while the session is open.
    pub async fn put_answer(
        &self,
        code: &JoinCode,
        token_hash: &str,
        answer: &str,
    ) -> sqlx::Result<Stored> {
        // IMMEDIATE: take the write lock first. A transaction that reads and then writes
        // would fail at once when another writer got in between (SQLite cannot wait there).
        let mut transaction = self.writer.begin_with("BEGIN IMMEDIATE").await?;
        let open: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT closed_at FROM sessions WHERE code = ? AND expires_at > ?")
                .bind(code.as_str())
                .bind(now())
                .fetch_optional(&mut *transaction)
                .await?;
        match open {
            None => return Ok(Stored::Unknown),
            Some((Some(_),)) => return Ok(Stored::Closed),
            Some((None,)) => {}
        }
        sqlx::query(
            "INSERT INTO answers (session, token_hash, answer, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (session, token_hash) DO UPDATE SET answer = excluded.answer, updated_at = excluded.updated_at",
        )
        .bind(code.as_str())
        .bind(token_hash)
        .bind(answer)
        .bind(now())
        .execute(&mut *transaction)
        .await?;
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM answers WHERE session = ?")
            .bind(code.as_str())
            .fetch_one(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(Stored::Kept(count as usize))
    }

    /// All answers of a session.
    pub async fn answers(&self, code: &JoinCode) -> sqlx::Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT answer FROM answers WHERE session = ?")
            .bind(code.as_str())
            .fetch_all(&self.readers)
            .await?;
        Ok(rows.into_iter().map(|(answer,)| answer).collect())
    }

    /// How many respondents a session has.
    pub async fn respondents(&self, code: &JoinCode) -> sqlx::Result<usize> {
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM answers WHERE session = ?")
            .bind(code.as_str())
            .fetch_one(&self.readers)
            .await?;
        Ok(count as usize)
    }

    /// Stops taking answers.
    pub async fn close(&self, code: &JoinCode) -> sqlx::Result<()> {
        sqlx::query("UPDATE sessions SET closed_at = ? WHERE code = ? AND closed_at IS NULL")
            .bind(now())
            .bind(code.as_str())
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Deletes a session and its answers.
    pub async fn delete(&self, code: &JoinCode) -> sqlx::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE code = ?")
            .bind(code.as_str())
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Deletes every session (and its answers) whose time is up; returns how many.
    pub async fn delete_expired(&self) -> sqlx::Result<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= ?")
            .bind(now())
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected())
    }
}
