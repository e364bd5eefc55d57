//! Load on a live-session server, for `cargo xtask bench`: many respondents send and change
//! their answers at the same moment, each over one kept-alive connection as a phone would.
//! The figures are acknowledged submissions per second and the latency percentiles; afterwards
//! the facilitator's snapshot must hold every respondent's last acknowledged answer.

use std::collections::HashSet;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use wegwijs_assessment::live::{NewSession, OpenedSession, TeamSnapshot};
use wegwijs_assessment::{encode, Instrument, Response, Shape};

/// How many respondents, and how often each sends (the first time, then changes).
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Respondents sending at the same time.
    pub respondents: usize,
    /// Submissions per respondent.
    pub rounds: usize,
    /// The mean pause of a respondent before each submission (drawn between none and twice
    /// this); zero: everyone starts at once and sends again at once.
    pub pause: Duration,
}

/// What one respondent saw: the latency of every submission (ms), how many were refused, and
/// the last answer the server acknowledged.
struct Sent {
    latencies: Vec<f64>,
    refused: usize,
    last_acknowledged: Option<String>,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .new_agent()
}

/// A share code without its grouping dashes, as the server may store it either way.
fn plain(code: &str) -> String {
    code.replace('-', "")
}

/// Runs the plan against the server at `base` (for example `http://127.0.0.1:8080/`) with one
/// session of `instrument`; reports JSON with `submissions`, `per_second`, `p50_ms`,
/// `p99_ms`, `refused` and `lost` (acknowledged answers missing afterwards).
pub fn live_sessions(base: &str, instrument: &Instrument, plan: Plan) -> Result<Value> {
    let base = base.trim_end_matches('/').to_owned();
    let new = NewSession {
        instrument: instrument.id.clone(),
        shape: Shape::of(instrument),
    };
    let mut opened = agent()
        .post(&format!("{base}/api/sessions"))
        .header("Content-Type", "application/json")
        .send(serde_json::to_string(&new)?)
        .context("cannot open a session")?;
    if opened.status() != 201 {
        bail!(
            "opening a session gave {}: {}",
            opened.status(),
            opened.body_mut().read_to_string()?
        );
    }
    let opened: OpenedSession = serde_json::from_str(&opened.body_mut().read_to_string()?)?;
    let code = opened.code.as_str().to_owned();

    let start = Arc::new(Barrier::new(plan.respondents + 1));
    let respondents: Vec<_> = (0..plan.respondents)
        .map(|n| {
            let (base, code, instrument, start) = (
                base.clone(),
                code.clone(),
                instrument.clone(),
                start.clone(),
            );
            std::thread::spawn(move || respond(&base, &code, &instrument, n, plan, &start))
        })
        .collect();
    start.wait();
    let started = Instant::now();
    let sent: Vec<Sent> = respondents
        .into_iter()
        .map(|thread| thread.join().expect("a respondent thread does not panic"))
        .collect();
    let seconds = started.elapsed().as_secs_f64();

    let mut team = agent()
        .get(&format!("{base}/api/sessions/{code}/team"))
        .header("Authorization", &format!("Bearer {}", opened.key))
        .call()
        .context("cannot fetch the team")?;
    if team.status() != 200 {
        bail!("the team snapshot gave {}", team.status());
    }
    let team: TeamSnapshot = serde_json::from_str(&team.body_mut().read_to_string()?)?;
    let kept: HashSet<String> = team.answers.iter().map(|a| plain(a)).collect();
    let lost = sent
        .iter()
        .filter_map(|s| s.last_acknowledged.as_deref())
        .filter(|answer| !kept.contains(&plain(answer)))
        .count();

    let mut latencies: Vec<f64> = sent
        .iter()
        .flat_map(|s| s.latencies.iter().copied())
        .collect();
    latencies.sort_by(f64::total_cmp);
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len().max(1) - 1) as f64 * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let refused: usize = sent.iter().map(|s| s.refused).sum();
    let acknowledged = latencies.len() - refused;
    Ok(json!({
        "respondents": plan.respondents,
        "submissions": acknowledged,
        "seconds": seconds,
        "per_second": acknowledged as f64 / seconds,
        "p50_ms": percentile(0.5),
        "p99_ms": percentile(0.99),
        "refused": refused,
        "lost": lost,
        "team_respondents": team.respondents,
    }))
}

/// One respondent: waits for the start, then sends the plan's rounds of different answers,
/// each after a pause as the plan says.
fn respond(
    base: &str,
    code: &str,
    instrument: &Instrument,
    respondent: usize,
    plan: Plan,
    start: &Barrier,
) -> Sent {
    let rounds = plan.rounds;
    let mut pauses = fastrand::Rng::with_seed(respondent as u64);
    let agent = agent();
    let url = format!("{base}/api/sessions/{code}/answers/bench-respondent-{respondent:08}");
    let mut sent = Sent {
        latencies: Vec::with_capacity(rounds),
        refused: 0,
        last_acknowledged: None,
    };
    start.wait();
    for round in 0..rounds {
        // With pauses, people also start at different moments, not all in one millisecond.
        if !plan.pause.is_zero() {
            std::thread::sleep(plan.pause.mul_f64(pauses.f64() * 2.0));
        }
        let mut response = Response::empty(instrument, respondent as u32);
        response
            .now
            .fill(Some(((respondent + round) % 5 + 1) as u8));
        let answer = encode(instrument, &response);
        let began = Instant::now();
        let acknowledged = match agent
            .put(&url)
            .header("Content-Type", "application/json")
            .send(json!({ "answer": answer }).to_string())
        {
            // The whole reply is read, so the connection is kept for the next submission.
            Ok(mut reply) => reply.body_mut().read_to_string().is_ok() && reply.status() == 200,
            Err(_) => false,
        };
        sent.latencies.push(began.elapsed().as_secs_f64() * 1000.0);
        if acknowledged {
            sent.last_acknowledged = Some(answer);
        } else {
            sent.refused += 1;
        }
    }
    sent
}
