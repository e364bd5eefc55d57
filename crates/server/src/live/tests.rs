//! The live-session API, every endpoint and error path, on SQLite (in memory or a file) and
//! on PostgreSQL. The PostgreSQL variants are ignored unless asked for (`--ignored`) and need
//! the server that `WEGWIJS_TEST_POSTGRES` names (`cargo xtask test` starts one); each test
//! gets a database of its own there.

use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::Router;
use futures::StreamExt;
use serde_json::{json, Value};
use tower::ServiceExt;
use wegwijs_assessment::{encode, Instrument, Response, Shape};

use super::store::{Backend, Store};
use super::{router, Live, Settings};

fn instrument() -> Instrument {
    Instrument::from_json(include_str!("../../../../www/data/scan-vensters.json")).unwrap()
}

/// A share code of respondent `id` who answered every question with `value`.
fn answer(id: u32, value: u8) -> String {
    let instrument = instrument();
    let mut response = Response::empty(&instrument, id);
    response.now.fill(Some(value));
    response.desired.fill(Some(value));
    encode(&instrument, &response)
}

/// The PostgreSQL server for the tests, e.g. `postgres://wegwijs@127.0.0.1:54329/postgres`.
const POSTGRES_VARIABLE: &str = "WEGWIJS_TEST_POSTGRES";

/// A fresh, empty database for one test: SQLite in memory, or a new database on the
/// PostgreSQL server of [`POSTGRES_VARIABLE`].
async fn fresh_database(backend: Backend) -> String {
    match backend {
        Backend::Sqlite => "sqlite::memory:".to_owned(),
        Backend::Postgres => {
            use sqlx::{Connection, Executor};
            let server = std::env::var(POSTGRES_VARIABLE)
                .unwrap_or_else(|_| panic!("{POSTGRES_VARIABLE} names no PostgreSQL server"));
            let name = format!("wegwijs_test_{:016x}", getrandom::u64().unwrap());
            let mut connection = sqlx::PgConnection::connect(&server).await.unwrap();
            connection
                .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .await
                .unwrap();
            let (base, _) = server.rsplit_once('/').expect("a URL with a database");
            format!("{base}/{name}")
        }
    }
}

/// The API over the database at `url`.
async fn api_on(url: &str, settings: Settings) -> Router {
    let store = Store::open(url).await.unwrap();
    router(Live::new(store, settings).await.unwrap())
}

async fn api_with(backend: Backend, settings: Settings) -> Router {
    api_on(&fresh_database(backend).await, settings).await
}

async fn api(backend: Backend) -> Router {
    api_with(backend, Settings::default()).await
}

/// Sends a request; returns the status and the body as JSON (`null` when empty).
async fn call(
    app: &Router,
    method: &str,
    path: &str,
    key: Option<&str>,
    body: Option<String>,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    let request = match body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body)),
        None => request.body(Body::empty()),
    }
    .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let value = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).expect("every answer of the API is JSON")
    };
    (status, value)
}

/// Opens a session for the demo instrument; returns its code and key.
async fn open(app: &Router) -> (String, String) {
    let shape = Shape::of(&instrument());
    let body = json!({ "instrument": instrument().id, "shape": shape }).to_string();
    let (status, opened) = call(app, "POST", "/api/sessions", None, Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{opened}");
    (
        opened["code"].as_str().unwrap().to_owned(),
        opened["key"].as_str().unwrap().to_owned(),
    )
}

async fn submit(app: &Router, code: &str, token: &str, answer: &str) -> (StatusCode, Value) {
    let path = format!("/api/sessions/{code}/answers/{token}");
    let body = json!({ "answer": answer }).to_string();
    call(app, "PUT", &path, None, Some(body)).await
}

/// The facilitator asks for the team snapshot.
async fn team(app: &Router, code: &str, key: &str) -> (StatusCode, Value) {
    call(
        app,
        "GET",
        &format!("/api/sessions/{code}/team"),
        Some(key),
        None,
    )
    .await
}

fn token(n: u32) -> String {
    format!("respondent-token-{n:04}")
}

async fn a_session_collects_answers_and_shows_them_only_from_three_respondents(backend: Backend) {
    let app = api(backend).await;
    let (code, key) = open(&app).await;
    assert_eq!(code.len(), 6);
    let (status, info) = call(&app, "GET", &format!("/api/sessions/{code}"), None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(info["instrument"], instrument().id);
    assert_eq!(info["open"], true);
    // Lower case and a dash, as a respondent may type it.
    let typed = format!("{}-{}", &code[..3], &code[3..]).to_lowercase();
    let (status, _) = call(&app, "GET", &format!("/api/sessions/{typed}"), None, None).await;
    assert_eq!(status, StatusCode::OK);

    let team = format!("/api/sessions/{code}/team");
    for n in 1..=2 {
        let (status, ack) = submit(&app, &code, &token(n), &answer(n, 3)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(ack["respondents"], n);
        let (_, snapshot) = call(&app, "GET", &team, Some(&key), None).await;
        assert_eq!(snapshot["respondents"], n);
        assert_eq!(snapshot["answers"], json!([]), "no answers below three");
    }
    submit(&app, &code, &token(3), &answer(3, 4)).await;
    let (_, snapshot) = call(&app, "GET", &team, Some(&key), None).await;
    assert_eq!(snapshot["respondents"], 3);
    assert_eq!(snapshot["answers"].as_array().unwrap().len(), 3);

    // A respondent who changes their answers replaces them.
    let (_, ack) = submit(&app, &code, &token(3), &answer(3, 5)).await;
    assert_eq!(ack["respondents"], 3);
    let (_, snapshot) = call(&app, "GET", &team, Some(&key), None).await;
    let answers: Vec<&str> = snapshot["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(answers.contains(&answer(3, 5).replace(' ', "").as_str()));
    assert!(!answers.contains(&answer(3, 4).as_str()));
}

async fn only_the_facilitator_sees_the_team_closes_and_deletes(backend: Backend) {
    let app = api(backend).await;
    let (code, key) = open(&app).await;
    let team = format!("/api/sessions/{code}/team");
    for wrong in [None, Some("not-the-key"), Some("")] {
        let (status, error) = call(&app, "GET", &team, wrong, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(error["error"], "not-facilitator");
        let close = format!("/api/sessions/{code}/close");
        let (status, _) = call(&app, "POST", &close, wrong, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let session = format!("/api/sessions/{code}");
        let (status, _) = call(&app, "DELETE", &session, wrong, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    submit(&app, &code, &token(1), &answer(1, 2)).await;
    let close = format!("/api/sessions/{code}/close");
    let (status, snapshot) = call(&app, "POST", &close, Some(&key), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(snapshot["open"], false);
    let (status, error) = submit(&app, &code, &token(2), &answer(2, 2)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error["error"], "closed");
    let (_, info) = call(&app, "GET", &format!("/api/sessions/{code}"), None, None).await;
    assert_eq!(info["open"], false);

    let session = format!("/api/sessions/{code}");
    let (status, body) = call(&app, "DELETE", &session, Some(&key), None).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    let (status, error) = call(&app, "GET", &team, Some(&key), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error["error"], "unknown-session");
}

async fn wrong_input_gets_a_clear_json_error(backend: Backend) {
    let app = api(backend).await;
    let (code, _) = open(&app).await;
    let cases: Vec<(StatusCode, &str, (StatusCode, Value))> = vec![
        (
            StatusCode::NOT_FOUND,
            "unknown-session",
            submit(&app, "ACDEFG", &token(1), &answer(1, 3)).await,
        ),
        (
            StatusCode::NOT_FOUND,
            "unknown-session",
            submit(&app, "0000", &token(1), &answer(1, 3)).await,
        ),
        (
            StatusCode::BAD_REQUEST,
            "bad-token",
            submit(&app, &code, "short", &answer(1, 3)).await,
        ),
        (
            StatusCode::BAD_REQUEST,
            "bad-token",
            submit(&app, &code, &"x".repeat(129), &answer(1, 3)).await,
        ),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad-answer",
            submit(&app, &code, &token(1), "<script>alert(1)</script>").await,
        ),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad-answer",
            submit(
                &app,
                &code,
                &token(1),
                &answer(1, 3).replace('-', "").replacen('0', "1", 1),
            )
            .await,
        ),
        (
            StatusCode::BAD_REQUEST,
            "bad-request",
            call(
                &app,
                "PUT",
                &format!("/api/sessions/{code}/answers/{}", token(1)),
                None,
                Some("{not json".into()),
            )
            .await,
        ),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad-request",
            call(
                &app,
                "PUT",
                &format!("/api/sessions/{code}/answers/{}", token(1)),
                None,
                Some("{\"answer\": 7}".into()),
            )
            .await,
        ),
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            "bad-request",
            submit(&app, &code, &token(1), &"A".repeat(5000)).await,
        ),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad-instrument",
            call(
                &app,
                "POST",
                "/api/sessions",
                None,
                Some(
                    json!({"instrument": "../etc", "shape": {"fingerprint": 1, "dimensions": 3}})
                        .to_string(),
                ),
            )
            .await,
        ),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad-instrument",
            call(
                &app,
                "POST",
                "/api/sessions",
                None,
                Some(
                    json!({"instrument": "x", "shape": {"fingerprint": 1, "dimensions": 0}})
                        .to_string(),
                ),
            )
            .await,
        ),
        (
            StatusCode::NOT_FOUND,
            "no-such-endpoint",
            call(&app, "GET", "/api/nothing", None, None).await,
        ),
    ];
    for (status, error, (got_status, body)) in cases {
        assert_eq!(got_status, status, "{body}");
        assert_eq!(body["error"], error, "{body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // An answer for another instrument (another fingerprint) is refused as such.
    let other = Instrument::from_json(
        &include_str!("../../../../www/data/scan-vensters.json").replacen(
            "\"id\": \"",
            "\"id\": \"x",
            1,
        ),
    )
    .unwrap();
    let foreign = encode(&other, &Response::empty(&other, 1));
    let (status, body) = submit(&app, &code, &token(1), &foreign).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("other-instrument"))
    );
    // Nothing of that was kept.
    let (_, info) = call(&app, "GET", &format!("/api/sessions/{code}"), None, None).await;
    assert_eq!(info["open"], true);
}

async fn clients_that_send_too_much_are_slowed_down(backend: Backend) {
    let app = api_with(
        backend,
        Settings {
            opens_per_minute: 2,
            answers_per_minute: 8,
            ..Settings::default()
        },
    )
    .await;
    open(&app).await;
    let (code, _) = open(&app).await;
    let body = json!({ "instrument": "x", "shape": { "fingerprint": 1, "dimensions": 1 } });
    let (status, error) = call(&app, "POST", "/api/sessions", None, Some(body.to_string())).await;
    assert_eq!(
        (status, error["error"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("too-many-requests"))
    );
    // A burst of a quarter minute's answers, then a wait.
    let (first, _) = submit(&app, &code, &token(1), &answer(1, 1)).await;
    assert_eq!(first, StatusCode::OK);
    let mut refused = false;
    for n in 0..4 {
        refused |=
            submit(&app, &code, &token(n), &answer(n, 1)).await.0 == StatusCode::TOO_MANY_REQUESTS;
    }
    assert!(refused);
}

async fn sessions_are_gone_after_their_retention(backend: Backend) {
    let store = Store::open(&fresh_database(backend).await).await.unwrap();
    let app = router(
        Live::new(
            store.clone(),
            Settings {
                retention: Duration::ZERO,
                ..Settings::default()
            },
        )
        .await
        .unwrap(),
    );
    let (code, key) = open(&app).await;
    let (status, _) = team(&app, &code, &key).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = submit(&app, &code, &token(1), &answer(1, 1)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(store.delete_expired().await.unwrap(), 1);
    let (status, health) = call(&app, "GET", "/health", None, None).await;
    assert_eq!(
        (status, health["status"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
}

/// Reads server-sent events from a body until `events` of them came, or a second passed.
async fn read_events(body: Body, events: usize) -> Vec<String> {
    let mut stream = body.into_data_stream();
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
    while text.matches("\n\n").count() < events {
        match tokio::time::timeout_at(deadline, stream.next()).await {
            Ok(Some(Ok(chunk))) => text.push_str(&String::from_utf8_lossy(&chunk)),
            _ => break,
        }
    }
    text.split("\n\n")
        .filter(|e| !e.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn the_facilitator_hears_of_every_answer_close_and_delete_without_answers(backend: Backend) {
    let app = api(backend).await;
    let (code, key) = open(&app).await;
    let request = |key: &str| {
        Request::get(format!("/api/sessions/{code}/events?key={key}"))
            .body(Body::empty())
            .unwrap()
    };
    let refused = app.clone().oneshot(request("wrong")).await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let response = app.clone().oneshot(request(&key)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let other = open(&app).await;
    submit(&app, &other.0, &token(9), &answer(9, 1)).await;
    submit(&app, &code, &token(1), &answer(1, 2)).await;
    submit(&app, &code, &token(2), &answer(2, 2)).await;
    call(
        &app,
        "POST",
        &format!("/api/sessions/{code}/close"),
        Some(&key),
        None,
    )
    .await;
    call(
        &app,
        "DELETE",
        &format!("/api/sessions/{code}"),
        Some(&key),
        None,
    )
    .await;
    let events = read_events(response.into_body(), 5).await;
    let expected = [
        "event: update\ndata: {\"open\":true,\"respondents\":0}",
        "event: update\ndata: {\"open\":true,\"respondents\":1}",
        "event: update\ndata: {\"open\":true,\"respondents\":2}",
        "event: update\ndata: {\"open\":false,\"respondents\":2}",
        "event: deleted\ndata: {}",
    ];
    assert_eq!(events, expected, "the other session's answer is not told");
}

async fn answers_survive_a_restart_of_the_server(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let url = match backend {
        Backend::Sqlite => format!("sqlite:{}", dir.path().join("sessions.sqlite").display()),
        Backend::Postgres => fresh_database(backend).await,
    };
    let (code, key) = {
        let app = api_on(&url, Settings::default()).await;
        let (code, key) = open(&app).await;
        for n in 1..=3 {
            submit(&app, &code, &token(n), &answer(n, 4)).await;
        }
        (code, key)
    };
    let app = api_on(&url, Settings::default()).await;
    let (status, snapshot) = team(&app, &code, &key).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(snapshot["respondents"], 3);
}

/// Two servers on one PostgreSQL database, as behind a load balancer: the facilitator opens
/// the session and follows it on one, the respondents send to the other.
#[tokio::test]
#[ignore = "needs PostgreSQL in WEGWIJS_TEST_POSTGRES (cargo xtask test starts one)"]
async fn two_servers_on_postgres_share_sessions_and_live_updates() {
    let url = fresh_database(Backend::Postgres).await;
    let first = api_on(&url, Settings::default()).await;
    let second = api_on(&url, Settings::default()).await;
    let (code, key) = open(&first).await;
    let events = first
        .clone()
        .oneshot(
            Request::get(format!("/api/sessions/{code}/events?key={key}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    for n in 1..=3 {
        let (status, _) = submit(&second, &code, &token(n), &answer(n, 3)).await;
        assert_eq!(status, StatusCode::OK);
    }
    let events = read_events(events.into_body(), 4).await;
    assert_eq!(
        events.last().map(String::as_str),
        Some("event: update\ndata: {\"open\":true,\"respondents\":3}"),
        "{events:?}"
    );
    let (status, snapshot) = team(&second, &code, &key).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(snapshot["respondents"], 3);
}

/// Runs each test on SQLite, and (ignored unless asked for) on PostgreSQL.
macro_rules! on_every_database {
    ($($test:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test]
                async fn $test() {
                    super::$test(super::Backend::Sqlite).await;
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test]
                #[ignore = "needs PostgreSQL in WEGWIJS_TEST_POSTGRES (cargo xtask test starts one)"]
                async fn $test() {
                    super::$test(super::Backend::Postgres).await;
                }
            )*
        }
    };
}

on_every_database!(
    a_session_collects_answers_and_shows_them_only_from_three_respondents,
    only_the_facilitator_sees_the_team_closes_and_deletes,
    wrong_input_gets_a_clear_json_error,
    clients_that_send_too_much_are_slowed_down,
    sessions_are_gone_after_their_retention,
    the_facilitator_hears_of_every_answer_close_and_delete_without_answers,
    answers_survive_a_restart_of_the_server,
);
