//! The live-session HTTP API. Every error is JSON (`{"error": …, "message": …}`) with a 4xx
//! status that says what to do; a database failure is a 503 without internals.
//!
//! | request | who | answer |
//! |---|---|---|
//! | `POST /api/sessions` [`NewSession`] | facilitator | 201 [`OpenedSession`] |
//! | `GET /api/sessions/{code}` | anyone with the code | [`SessionInfo`] |
//! | `PUT /api/sessions/{code}/answers/{token}` [`Submission`] | respondent | `{"respondents": n}` |
//! | `GET /api/sessions/{code}/team` | facilitator (key) | [`TeamSnapshot`] |
//! | `GET /api/sessions/{code}/events?key=…` | facilitator | server-sent events |
//! | `POST /api/sessions/{code}/close` | facilitator (key) | [`TeamSnapshot`] |
//! | `DELETE /api/sessions/{code}` | facilitator (key) | 204 |
//! | `GET /health` | anyone | `{"status": "ok"}` when the database answers |

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, put};
use axum::{Json, Router};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use wegwijs_assessment::live::{
    ApiError, JoinCode, NewSession, OpenedSession, SessionInfo, Submission, TeamSnapshot,
};
use wegwijs_assessment::{decode_shaped, CodeError};

use super::events::events;
use super::secret;
use super::store::{self, Session, Stored};
use super::{log, Live, Update};
use crate::listen::Client;

/// Largest request body the API reads.
pub const MAX_BODY_BYTES: usize = 4 * 1024;

/// Most dimensions an instrument of a live session may have (share codes hold at most 255).
const MAX_DIMENSIONS: usize = 64;

/// A refusal: status and JSON body.
#[derive(Debug)]
pub struct Refusal(StatusCode, &'static str, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let Self(status, error, message) = self;
        let body = ApiError {
            error: error.into(),
            message,
        };
        (status, Json(body)).into_response()
    }
}

impl From<sqlx::Error> for Refusal {
    fn from(error: sqlx::Error) -> Self {
        log("store.error", &[("error", &error.to_string())]);
        Self(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "the session database does not answer; try again in a moment".into(),
        )
    }
}

type Answer<T> = Result<T, Refusal>;

fn unknown_session() -> Refusal {
    Refusal(
        StatusCode::NOT_FOUND,
        "unknown-session",
        "there is no open session with this code; check the code with the facilitator".into(),
    )
}

fn too_many() -> Refusal {
    Refusal(
        StatusCode::TOO_MANY_REQUESTS,
        "too-many-requests",
        "too many requests from this network; wait a minute and try again".into(),
    )
}

/// The join code in a path; a wrong one is simply an unknown session.
pub(super) fn join_code(typed: &str) -> Answer<JoinCode> {
    JoinCode::parse(typed).map_err(|_| unknown_session())
}

/// A JSON body, or a refusal that says what is wrong with it.
fn body<T>(json: Result<Json<T>, JsonRejection>) -> Answer<T> {
    json.map(|Json(value)| value).map_err(|rejection| {
        Refusal(
            rejection.status(),
            "bad-request",
            format!("the request body is not what this endpoint takes: {rejection}"),
        )
    })
}

/// The session, when the request carries its facilitator's key.
pub(super) async fn as_facilitator(
    live: &Live,
    code: &JoinCode,
    key: Option<&str>,
) -> Answer<Session> {
    let session = live
        .0
        .store
        .session(code)
        .await?
        .ok_or_else(unknown_session)?;
    match key {
        Some(key) if secret::matches(key, &session.key_hash) => Ok(session),
        _ => Err(Refusal(
            StatusCode::FORBIDDEN,
            "not-facilitator",
            "only the browser that opened this session can do this (it has the key)".into(),
        )),
    }
}

/// The key of an `Authorization: Bearer …` header.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

async fn open_session(
    State(live): State<Live>,
    client: Client,
    json: Result<Json<NewSession>, JsonRejection>,
) -> Answer<(StatusCode, Json<OpenedSession>)> {
    if !live.0.opens.allow(client.0) {
        return Err(too_many());
    }
    let new = body(json)?;
    let id_ok = (1..=100).contains(&new.instrument.len())
        && new
            .instrument
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if !id_ok || !(1..=MAX_DIMENSIONS).contains(&new.shape.dimensions) {
        return Err(Refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad-instrument",
            format!("an instrument id is 1-100 letters, digits, '-', '_' or '.', with 1-{MAX_DIMENSIONS} dimensions"),
        ));
    }
    let key = secret::key();
    let expires = store::now() + live.0.settings.retention.as_secs() as i64;
    // 23^6 codes: a clash is rare, and then another is drawn.
    for _ in 0..8 {
        let code = secret::join_code();
        let stored = live
            .0
            .store
            .create(
                &code,
                &secret::hash(&key),
                &new.instrument,
                new.shape,
                expires,
            )
            .await?;
        if stored {
            log("session.opened", &[("instrument", &new.instrument)]);
            let opened = OpenedSession { code, key, expires };
            return Ok((StatusCode::CREATED, Json(opened)));
        }
    }
    Err(Refusal(
        StatusCode::SERVICE_UNAVAILABLE,
        "no-code",
        "no free join code was found; try again".into(),
    ))
}

async fn session_info(
    State(live): State<Live>,
    client: Client,
    Path(code): Path<String>,
) -> Answer<Json<SessionInfo>> {
    if !live.0.answers.allow(client.0) {
        return Err(too_many());
    }
    let code = join_code(&code)?;
    let session = live
        .0
        .store
        .session(&code)
        .await?
        .ok_or_else(unknown_session)?;
    Ok(Json(SessionInfo {
        instrument: session.instrument,
        shape: session.shape,
        open: session.open,
    }))
}

async fn submit(
    State(live): State<Live>,
    client: Client,
    Path((code, token)): Path<(String, String)>,
    json: Result<Json<Submission>, JsonRejection>,
) -> Answer<Json<serde_json::Value>> {
    if !live.0.answers.allow(client.0) {
        return Err(too_many());
    }
    let code = join_code(&code)?;
    if !secret::is_token(&token) {
        return Err(Refusal(
            StatusCode::BAD_REQUEST,
            "bad-token",
            "the respondent token is 16-128 letters, digits, '-' or '_'".into(),
        ));
    }
    let submission = body(json)?;
    let session = live
        .0
        .store
        .session(&code)
        .await?
        .ok_or_else(unknown_session)?;
    if let Err(error) = decode_shaped(session.shape, &submission.answer) {
        let (status, reason) = match error {
            CodeError::OtherInstrument => (StatusCode::CONFLICT, "other-instrument"),
            _ => (StatusCode::UNPROCESSABLE_ENTITY, "bad-answer"),
        };
        return Err(Refusal(
            status,
            reason,
            format!("the answer was not kept: {error}"),
        ));
    }
    let answer: String = submission
        .answer
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    match live
        .0
        .store
        .put_answer(&code, &secret::hash(&token), &answer)
        .await?
    {
        Stored::Kept(respondents) => {
            live.announce(Update {
                code,
                respondents: Some(respondents),
                open: true,
            })
            .await;
            Ok(Json(serde_json::json!({ "respondents": respondents })))
        }
        Stored::Unknown => Err(unknown_session()),
        Stored::Closed => Err(Refusal(
            StatusCode::CONFLICT,
            "closed",
            "the facilitator has closed this session; answers are no longer taken".into(),
        )),
    }
}

/// What the facilitator may see of a session now.
pub(super) async fn snapshot(live: &Live, code: &JoinCode, open: bool) -> Answer<TeamSnapshot> {
    Ok(TeamSnapshot::of(open, live.0.store.answers(code).await?))
}

async fn team(
    State(live): State<Live>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<TeamSnapshot>> {
    let code = join_code(&code)?;
    let session = as_facilitator(&live, &code, bearer(&headers)).await?;
    Ok(Json(snapshot(&live, &code, session.open).await?))
}

async fn close(
    State(live): State<Live>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<TeamSnapshot>> {
    let code = join_code(&code)?;
    as_facilitator(&live, &code, bearer(&headers)).await?;
    live.0.store.close(&code).await?;
    let snapshot = snapshot(&live, &code, false).await?;
    live.announce(Update {
        code,
        respondents: Some(snapshot.respondents),
        open: false,
    })
    .await;
    log("session.closed", &[]);
    Ok(Json(snapshot))
}

async fn delete(
    State(live): State<Live>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Answer<StatusCode> {
    let code = join_code(&code)?;
    as_facilitator(&live, &code, bearer(&headers)).await?;
    live.0.store.delete(&code).await?;
    live.announce(Update {
        code,
        respondents: None,
        open: false,
    })
    .await;
    log("session.deleted", &[]);
    Ok(StatusCode::NO_CONTENT)
}

async fn health(State(live): State<Live>) -> Answer<Json<serde_json::Value>> {
    live.0.store.delete_expired().await?;
    Ok(Json(serde_json::json!({ "status": "ok" })))
}

async fn no_such_endpoint() -> Refusal {
    Refusal(
        StatusCode::NOT_FOUND,
        "no-such-endpoint",
        "this is not an endpoint of the Wegwijs API".into(),
    )
}

/// The API's routes, with body limits, no caching, and CORS for the configured origins.
pub fn router(live: Live) -> Router {
    let origins: Vec<HeaderValue> = live
        .0
        .settings
        .allowed_origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin.trim_end_matches('/')).ok())
        .collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]);
    Router::new()
        .route("/api/sessions", post(open_session))
        .route("/api/sessions/{code}", get(session_info).delete(delete))
        .route("/api/sessions/{code}/answers/{token}", put(submit))
        .route("/api/sessions/{code}/team", get(team))
        .route("/api/sessions/{code}/events", get(events))
        .route("/api/sessions/{code}/close", post(close))
        .route("/api/{*rest}", any(no_such_endpoint))
        .route("/health", get(health))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(cors)
        .with_state(live)
}
