//! Talking to a live-session server (the `server` attribute): opening a session, joining it,
//! sending answers, and the facilitator's team snapshot. Requests carry no cookies and no
//! referrer; a respondent sends only their share code, under a random token of their tab.

use serde::de::DeserializeOwned;
use wegwijs_assessment::live::{
    ApiError, JoinCode, NewSession, OpenedSession, SessionInfo, Submission, TeamSnapshot,
};

use crate::load::{call_api, ApiAnswer, FetchError};

/// Why a request to the live-session server did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LiveError {
    /// No answer: offline or the server is down.
    Offline,
    /// No session with this code (never, deleted, or expired).
    Unknown,
    /// The session no longer takes answers.
    Closed,
    /// The server refused for another reason (its message, for the console).
    Refused(String),
}

impl LiveError {
    /// Whether trying again later may work.
    pub fn is_passing(&self) -> bool {
        match self {
            Self::Offline => true,
            Self::Refused(message) => message.starts_with("HTTP 5") || message.contains("429"),
            Self::Unknown | Self::Closed => false,
        }
    }
}

/// The live-session server a scan talks to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LiveServer(String);

impl LiveServer {
    /// The server at `base` (the attribute's value: `/` for the page's own server).
    pub fn new(base: &str) -> Self {
        Self(base.trim().trim_end_matches('/').to_owned())
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/sessions{path}", self.0)
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
        key: Option<&str>,
    ) -> Result<T, LiveError> {
        let answer = call_api(method, &self.url(path), body.as_deref(), key)
            .await
            .map_err(|_: FetchError| LiveError::Offline)?;
        read(answer)
    }

    /// Opens a session.
    pub async fn open(&self, new: &NewSession) -> Result<OpenedSession, LiveError> {
        let body = serde_json::to_string(new).unwrap_or_default();
        self.call("POST", "", Some(body), None).await
    }

    /// What a join code's session is.
    pub async fn info(&self, code: &JoinCode) -> Result<SessionInfo, LiveError> {
        self.call("GET", &format!("/{code}"), None, None).await
    }

    /// Sends (or replaces) a respondent's answers; returns how many respondents there are.
    pub async fn submit(
        &self,
        code: &JoinCode,
        token: &str,
        answer: &str,
    ) -> Result<usize, LiveError> {
        #[derive(serde::Deserialize)]
        struct Ack {
            respondents: usize,
        }
        let body = serde_json::to_string(&Submission {
            answer: answer.to_owned(),
        })
        .unwrap_or_default();
        let ack: Ack = self
            .call("PUT", &format!("/{code}/answers/{token}"), Some(body), None)
            .await?;
        Ok(ack.respondents)
    }

    /// The facilitator's view of the session.
    pub async fn team(&self, code: &JoinCode, key: &str) -> Result<TeamSnapshot, LiveError> {
        self.call("GET", &format!("/{code}/team"), None, Some(key))
            .await
    }

    /// Stops taking answers.
    pub async fn close(&self, code: &JoinCode, key: &str) -> Result<TeamSnapshot, LiveError> {
        self.call("POST", &format!("/{code}/close"), None, Some(key))
            .await
    }

    /// Deletes the session and every answer.
    pub async fn delete(&self, code: &JoinCode, key: &str) -> Result<(), LiveError> {
        self.call::<serde_json::Value>("DELETE", &format!("/{code}"), None, Some(key))
            .await
            .map(drop)
    }

    /// Where the facilitator's live updates come from (server-sent events).
    pub fn events_url(&self, code: &JoinCode, key: &str) -> String {
        self.url(&format!("/{code}/events?key={key}"))
    }
}

/// Reads an answer: the value on success, the reason otherwise.
fn read<T: DeserializeOwned>(answer: ApiAnswer) -> Result<T, LiveError> {
    if (200..300).contains(&answer.status) {
        // A 204 has no body; `null` stands in for it.
        let body = if answer.body.is_empty() {
            "null"
        } else {
            &answer.body
        };
        return serde_json::from_str(body).map_err(|e| {
            LiveError::Refused(format!("HTTP {}: unexpected answer: {e}", answer.status))
        });
    }
    let reason: Option<ApiError> = serde_json::from_str(&answer.body).ok();
    match reason.as_ref().map(|r| r.error.as_str()) {
        Some("unknown-session") => Err(LiveError::Unknown),
        Some("closed") => Err(LiveError::Closed),
        _ => Err(LiveError::Refused(format!(
            "HTTP {}: {}",
            answer.status,
            reason.map_or(answer.body, |r| r.message)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> ApiAnswer {
        ApiAnswer {
            status,
            body: body.into(),
        }
    }

    #[test]
    fn server_answers_become_reasons_a_person_can_act_on() {
        assert_eq!(
            read::<serde_json::Value>(answer(204, "")),
            Ok(serde_json::Value::Null)
        );
        let unknown = answer(404, r#"{"error":"unknown-session","message":"no"}"#);
        assert_eq!(read::<serde_json::Value>(unknown), Err(LiveError::Unknown));
        let closed = answer(409, r#"{"error":"closed","message":"no"}"#);
        assert_eq!(read::<serde_json::Value>(closed), Err(LiveError::Closed));
        let busy = read::<serde_json::Value>(answer(503, "<html>proxy error</html>")).unwrap_err();
        assert!(busy.is_passing(), "{busy:?}");
        let wrong = read::<serde_json::Value>(answer(
            422,
            r#"{"error":"bad-answer","message":"checksum"}"#,
        ))
        .unwrap_err();
        assert_eq!(wrong, LiveError::Refused("HTTP 422: checksum".into()));
        assert!(!wrong.is_passing());
        assert!(LiveServer::new("https://scan.example/wegwijs/")
            .url("/ACDEFG")
            .ends_with("/wegwijs/api/sessions/ACDEFG"));
    }
}
