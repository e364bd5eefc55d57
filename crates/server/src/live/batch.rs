//! Answers written together: one writer per server takes every answer that arrived while it
//! was busy and commits them in one transaction (group commit). A team that sends at once
//! costs a few commits, not one each: on SQLite the one writer connection does not wait for
//! itself, on PostgreSQL fewer commits wait for the disk. An answer is acknowledged only
//! after the commit that holds it.

use std::collections::HashMap;

use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};
use wegwijs_assessment::live::JoinCode;

use super::store::{now, Backend, Stored};

/// Most answers committed in one transaction.
const MOST_AT_ONCE: usize = 256;

/// One respondent's answer to keep.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The session.
    pub code: JoinCode,
    /// Hash of the respondent's token.
    pub token_hash: String,
    /// The share code.
    pub answer: String,
}

/// An answer waiting for the writer, with where its outcome goes.
#[derive(Debug)]
pub struct Queued {
    answer: Answer,
    done: oneshot::Sender<Result<Stored, String>>,
}

/// Hands an answer to the writer and waits until it is committed (or refused).
pub async fn through_queue(queue: &mpsc::Sender<Queued>, answer: Answer) -> sqlx::Result<Stored> {
    let (done, outcome) = oneshot::channel();
    queue
        .send(Queued { answer, done })
        .await
        .map_err(|_| sqlx::Error::PoolClosed)?;
    outcome
        .await
        .map_err(|_| sqlx::Error::PoolClosed)?
        .map_err(sqlx::Error::Protocol)
}

/// Starts the writer on `pool`; returns its queue. The writer ends when the queue is dropped.
pub fn writer(pool: AnyPool, backend: Backend) -> mpsc::Sender<Queued> {
    let (queue, queued) = mpsc::channel(4 * 1024);
    tokio::spawn(write_queued(pool, backend, queued));
    queue
}

/// Commits what is queued, as many at once as are waiting, until the store is gone.
async fn write_queued(writer: AnyPool, backend: Backend, mut queue: mpsc::Receiver<Queued>) {
    let mut waiting = Vec::with_capacity(MOST_AT_ONCE);
    while queue.recv_many(&mut waiting, MOST_AT_ONCE).await > 0 {
        let answers: Vec<&Answer> = waiting.iter().map(|queued| &queued.answer).collect();
        let outcome = commit(&writer, backend, &answers).await;
        for (index, queued) in waiting.drain(..).enumerate() {
            let result = match &outcome {
                Ok(stored) => Ok(stored[index]),
                Err(error) => Err(error.to_string()),
            };
            // A request that gave up waiting is no reason to stop.
            let _ = queued.done.send(result);
        }
    }
}

/// Keeps `answers` in one transaction (each replacing the respondent's earlier one, while
/// its session is open); what became of each, in the same order.
async fn commit(
    writer: &AnyPool,
    backend: Backend,
    answers: &[&Answer],
) -> sqlx::Result<Vec<Stored>> {
    let (mut transaction, is_open) = match backend {
        // IMMEDIATE: take the write lock first. A transaction that reads and then writes
        // would fail at once when another writer got in between (SQLite cannot wait there).
        Backend::Sqlite => (
            writer.begin_with("BEGIN IMMEDIATE").await?,
            "SELECT closed_at FROM sessions WHERE code = $1 AND expires_at > $2",
        ),
        // The session's row stays as read (not closed) until the answer is in.
        Backend::Postgres => (
            writer.begin().await?,
            "SELECT closed_at FROM sessions WHERE code = $1 AND expires_at > $2 FOR SHARE",
        ),
    };
    let now = now();
    // Per session: open (true), closed (false) or unknown (none).
    let mut sessions: HashMap<&str, Option<bool>> = HashMap::new();
    let mut stored = vec![Stored::Unknown; answers.len()];
    // Rows are written in one order (session, token) in every transaction, so two servers'
    // transactions on PostgreSQL never wait for each other in a circle; a respondent's later
    // answer in the same batch still comes last (the sort is stable).
    let mut order: Vec<usize> = (0..answers.len()).collect();
    order.sort_by_key(|&index| (answers[index].code.as_str(), &answers[index].token_hash));
    for index in order {
        let answer = answers[index];
        let code = answer.code.as_str();
        let open = match sessions.get(code) {
            Some(&open) => open,
            None => {
                let row: Option<(Option<i64>,)> = sqlx::query_as(is_open)
                    .bind(code)
                    .bind(now)
                    .fetch_optional(&mut *transaction)
                    .await?;
                let open = row.map(|(closed_at,)| closed_at.is_none());
                sessions.insert(code, open);
                open
            }
        };
        stored[index] = match open {
            None => Stored::Unknown,
            Some(false) => Stored::Closed,
            Some(true) => {
                sqlx::query(
                    "INSERT INTO answers (session, token_hash, answer, updated_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (session, token_hash) DO UPDATE SET answer = excluded.answer, updated_at = excluded.updated_at",
                )
                .bind(code)
                .bind(&answer.token_hash)
                .bind(&answer.answer)
                .bind(now)
                .execute(&mut *transaction)
                .await?;
                Stored::Kept(0)
            }
        };
    }
    let mut respondents = HashMap::new();
    for (&code, _) in sessions.iter().filter(|(_, open)| **open == Some(true)) {
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM answers WHERE session = $1")
            .bind(code)
            .fetch_one(&mut *transaction)
            .await?;
        respondents.insert(code, count as usize);
    }
    transaction.commit().await?;
    for (answer, stored) in answers.iter().zip(&mut stored) {
        if let Stored::Kept(count) = stored {
            *count = respondents[answer.code.as_str()];
        }
    }
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use wegwijs_assessment::live::JoinCode;
    use wegwijs_assessment::Shape;

    use super::super::store::{now, Store, Stored};

    #[tokio::test]
    async fn answers_sent_at_once_are_each_kept_refused_or_unknown_as_their_session_says() {
        let store = Store::open("sqlite::memory:").await.unwrap();
        let shape = Shape {
            fingerprint: 7,
            dimensions: 4,
        };
        let (open, closed, unknown) = (
            JoinCode::from_random(1),
            JoinCode::from_random(2),
            JoinCode::from_random(3),
        );
        for code in [&open, &closed] {
            assert!(store
                .create(code, "key", "scan", shape, now() + 60)
                .await
                .unwrap());
        }
        store.close(&closed).await.unwrap();
        let sends: Vec<_> = (0..60)
            .map(|n| {
                let store = store.clone();
                let code = [&open, &open, &open, &closed, &unknown][n % 5].clone();
                tokio::spawn(async move {
                    let stored = store
                        .put_answer(&code, &format!("token-{n}"), &format!("answer-{n}"))
                        .await
                        .unwrap();
                    (code, stored)
                })
            })
            .collect();
        for send in sends {
            let (code, stored) = send.await.unwrap();
            match stored {
                Stored::Kept(respondents) => {
                    assert_eq!(code, open);
                    assert!((1..=36).contains(&respondents), "{respondents}");
                }
                Stored::Closed => assert_eq!(code, closed),
                Stored::Unknown => assert_eq!(code, unknown),
            }
        }
        assert_eq!(store.respondents(&open).await.unwrap(), 36);
        assert_eq!(store.respondents(&closed).await.unwrap(), 0);
    }
}
