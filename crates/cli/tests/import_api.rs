//! `wegwijs import <URL>` against a small HSDS API that the test runs on 127.0.0.1: pages,
//! bare summaries fetched one by one, a server error that a retry gets past, and a server
//! that is down or answers 404.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use assert_cmd::Command;
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("tests/fixtures/hsds").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Serves `answer(path)` for every request; returns the API's address and the paths asked.
fn serve(
    answer: impl Fn(&str) -> (u16, String) + Send + 'static,
) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let asked = Arc::new(Mutex::new(Vec::new()));
    let log = asked.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            reader.read_line(&mut request).unwrap();
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap() == 0 || header == "\r\n" {
                    break;
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
            log.lock().unwrap().push(path.clone());
            let (status, body) = answer(&path);
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (address, asked)
}

fn query(path: &str, key: &str) -> Option<u64> {
    path.split_once('?')?
        .1
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{key}=")))?
        .parse()
        .ok()
}

/// The official example, the service with every field, and three services that the list
/// pages give only as summaries.
fn api_services() -> Vec<Value> {
    let mut services = vec![
        fixture("service_list.json")["contents"][0].clone(),
        fixture("full_service.json")["contents"][0].clone(),
    ];
    for (id, name) in [
        ("s3", "Taalcafé"),
        ("s4", "Voedselbank"),
        ("s5", "Buurtkamer"),
    ] {
        services.push(json!({"id": id, "name": name, "phones": [{"number": "0341 100 200"}]}));
    }
    services
}

#[test]
fn every_page_is_read_bare_services_are_fetched_one_by_one_and_a_failing_page_is_retried() {
    let services = api_services();
    let failed_once = Arc::new(Mutex::new(false));
    let (api, asked) = serve(move |path| {
        if let Some(id) = path.strip_prefix("/hsds/services/") {
            return match services.iter().find(|s| s["id"] == id) {
                Some(service) => (200, service.to_string()),
                None => (404, "{}".into()),
            };
        }
        let page = query(path, "page").unwrap_or(1) as usize;
        let per_page = query(path, "per_page").unwrap_or(2) as usize;
        if page == 2 && !std::mem::replace(&mut *failed_once.lock().unwrap(), true) {
            return (503, "{}".into());
        }
        let total_pages = services.len().div_ceil(per_page);
        let contents: Vec<Value> = services
            .iter()
            .skip((page - 1) * per_page)
            .take(per_page)
            .map(|s| {
                if s["id"].as_str().unwrap().starts_with('s') {
                    json!({"id": s["id"], "name": s["name"]})
                } else {
                    s.clone()
                }
            })
            .collect();
        let body = json!({"total_items": services.len(), "total_pages": total_pages, "page_number": page,
                          "size": contents.len(), "last_page": page >= total_pages, "contents": contents});
        (200, body.to_string())
    });
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("api.json");
    let assert = Command::cargo_bin("wegwijs")
        .unwrap()
        .args(["import", &format!("{api}/hsds/"), "--per-page", "2", "-o"])
        .arg(&output)
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("page 3 of 3: 5 services so far"),
        "{stderr}"
    );
    assert!(
        stderr.contains("5 services from 3 pages (3 fetched one by one)"),
        "{stderr}"
    );

    let written: Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let names: Vec<&str> = written["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Community Counselling",
            "Volledige dienst",
            "Taalcafé",
            "Voedselbank",
            "Buurtkamer"
        ]
    );
    assert_eq!(
        written["contents"][2]["phones"][0]["number"], "0341 100 200",
        "the full object, not the summary"
    );
    let asked = asked.lock().unwrap();
    assert!(
        asked
            .iter()
            .any(|p| p == "/hsds/services?page=1&per_page=2&full=true"),
        "{asked:?}"
    );
    assert_eq!(
        asked.iter().filter(|p| p.contains("?page=2&")).count(),
        2,
        "page 2 was tried again"
    );

    Command::cargo_bin("wegwijs")
        .unwrap()
        .arg("validate")
        .arg(&output)
        .assert()
        .success();
}

#[test]
fn a_server_that_is_down_or_answers_404_is_named_with_the_page() {
    let free = TcpListener::bind("127.0.0.1:0").unwrap();
    let down = format!("http://{}", free.local_addr().unwrap());
    drop(free);
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("api.json");
    Command::cargo_bin("wegwijs")
        .unwrap()
        .args(["import", &down, "-o"])
        .arg(&output)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("page 1"))
        .stderr(predicates::str::contains("cannot reach the API"))
        .stderr(predicates::str::contains("after 3 tries"));
    assert!(!output.exists(), "nothing is written half");

    let (api, _) = serve(|_| (404, "{}".into()));
    Command::cargo_bin("wegwijs")
        .unwrap()
        .args(["import", &api, "-o"])
        .arg(&output)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("answered 404"));
}
