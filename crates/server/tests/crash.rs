//! Crash test: the server is killed (SIGKILL) while respondents are sending answers, then
//! started again on the same database. Every answer it acknowledged must still be there.
//! On SQLite, and (ignored unless asked for) on the PostgreSQL server that
//! `WEGWIJS_TEST_POSTGRES` names (`cargo xtask test` starts one).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use wegwijs_assessment::{encode, Instrument, Response, Shape};

/// A running server; killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path, database: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wegwijs-server"))
        .arg("--root")
        .arg(root)
        .args(["--addr", "127.0.0.1:0", "--answers-per-minute", "0"])
        .args(["--database", database])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    Server { child, addr }
}

/// One HTTP/1.1 request on a new connection; the status and body, or `None` when the server
/// did not answer completely.
fn request(
    addr: &str,
    method: &str,
    path: &str,
    key: Option<&str>,
    body: &str,
) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let auth = key.map_or(String::new(), |key| {
        format!("Authorization: Bearer {key}\r\n")
    });
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let status = answer.split(' ').nth(1)?.parse().ok()?;
    let (_, body) = answer.split_once("\r\n\r\n")?;
    Some((status, body.to_owned()))
}

fn field(json: &str, name: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value[name].as_str().unwrap().to_owned()
}

#[test]
fn no_acknowledged_answer_is_lost_when_the_server_on_sqlite_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite:{}", dir.path().join("sessions.sqlite").display());
    no_acknowledged_answer_is_lost(dir.path(), &database);
}

#[test]
#[ignore = "needs PostgreSQL in WEGWIJS_TEST_POSTGRES (cargo xtask test starts one)"]
fn no_acknowledged_answer_is_lost_when_the_server_on_postgres_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let database = std::env::var("WEGWIJS_TEST_POSTGRES")
        .expect("WEGWIJS_TEST_POSTGRES names a PostgreSQL server");
    no_acknowledged_answer_is_lost(dir.path(), &database);
}

fn no_acknowledged_answer_is_lost(root: &Path, database: &str) {
    std::fs::write(root.join("index.html"), "<!doctype html>").unwrap();
    let instrument =
        Instrument::from_json(include_str!("../../../www/data/scan-vormen.json")).unwrap();
    let server = start(root, database);
    let new = serde_json::json!({ "instrument": instrument.id, "shape": Shape::of(&instrument) });
    let (status, opened) = request(
        &server.addr,
        "POST",
        "/api/sessions",
        None,
        &new.to_string(),
    )
    .unwrap();
    assert_eq!(status, 201, "{opened}");
    let (code, key) = (field(&opened, "code"), field(&opened, "key"));

    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let senders: Vec<_> = (0..8u32)
        .map(|sender| {
            let (addr, code, instrument) = (server.addr.clone(), code.clone(), instrument.clone());
            let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
            std::thread::spawn(move || {
                for n in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let respondent = sender * 100_000 + n;
                    let mut response = Response::empty(&instrument, respondent);
                    response.now.fill(Some((n % 5 + 1) as u8));
                    let answer = encode(&instrument, &response);
                    let body = serde_json::json!({ "answer": answer }).to_string();
                    let path = format!("/api/sessions/{code}/answers/token-{respondent:012}");
                    match request(&addr, "PUT", &path, None, &body) {
                        Some((200, _)) => {
                            acknowledged.lock().unwrap().push(answer.replace('-', ""))
                        }
                        Some((status, body)) => panic!("answer refused: {status} {body}"),
                        // The server is gone: this answer was never acknowledged.
                        None => return,
                    }
                }
            })
        })
        .collect();
    // Kill it mid-flight, once a good number of answers went in.
    while acknowledged.lock().unwrap().len() < 200 {
        std::thread::sleep(Duration::from_millis(5));
    }
    drop(server);
    stop.store(true, Ordering::Relaxed);
    for sender in senders {
        sender.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();

    let server = start(root, database);
    let (status, team) = request(
        &server.addr,
        "GET",
        &format!("/api/sessions/{code}/team"),
        Some(&key),
        "",
    )
    .unwrap();
    assert_eq!(status, 200, "{team}");
    let team: serde_json::Value = serde_json::from_str(&team).unwrap();
    let kept: std::collections::HashSet<String> = team["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().replace('-', ""))
        .collect();
    let lost: Vec<&String> = acknowledged.iter().filter(|a| !kept.contains(*a)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged answers lost",
        lost.len(),
        acknowledged.len()
    );
    assert!(team["respondents"].as_u64().unwrap() as usize >= acknowledged.len());
}
