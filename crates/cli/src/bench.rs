//! Search latency measured natively, for `cargo xtask bench`.

use std::fs;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use std::collections::BTreeMap;

use serde_json::{json, Value};
use wegwijs_directory::relevance::{JudgedSet, Offers, RANK_DEPTH};
use wegwijs_directory::{Directory, Index, Query, Vocabulary};

/// Loads the index and runs every query `rounds` times; reports load time and the
/// per-query p50/p95/mean in microseconds.
pub fn search_latency(index_path: &Path, queries_path: &Path, rounds: usize) -> Result<Value> {
    let bytes =
        fs::read(index_path).with_context(|| format!("cannot read {}", index_path.display()))?;
    let queries: Vec<String> = serde_json::from_str(&fs::read_to_string(queries_path)?)?;
    let started = Instant::now();
    let index = Index::from_bytes(&bytes)?;
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let rounds = rounds.max(1);
    let mut per_query: Vec<f64> = queries
        .iter()
        .map(|text| {
            let query = Query {
                text: text.clone(),
                limit: 10,
                ..Query::default()
            };
            let started = Instant::now();
            for _ in 0..rounds {
                std::hint::black_box(index.search(std::hint::black_box(&query)));
            }
            started.elapsed().as_secs_f64() * 1e6 / rounds as f64
        })
        .collect();
    per_query.sort_by(f64::total_cmp);
    let percentile = |p: f64| per_query[((per_query.len() - 1) as f64 * p).round() as usize];
    Ok(json!({
        "services": index.services().len(),
        "index_bytes": bytes.len(),
        "load_ms": load_ms,
        "queries": per_query.len(),
        "p50_us": percentile(0.5),
        "p95_us": percentile(0.95),
        "mean_us": per_query.iter().sum::<f64>() / per_query.len().max(1) as f64,
    }))
}

/// The services as MiniSearch documents: the text fields a typical implementation would
/// index, with the life-domain labels as categories (so MiniSearch gets the same category
/// words Wegwijs has).
pub fn minisearch_documents(directory: &Directory, vocabulary: &Vocabulary) -> Value {
    let documents: Vec<Value> = directory
        .services
        .iter()
        .enumerate()
        .map(|(id, service)| {
            let categories: Vec<&str> = service
                .domains
                .iter()
                .filter_map(|d| vocabulary.domain(*d).map(|info| info.nl.as_str()))
                .collect();
            json!({
                "id": id,
                "service_id": service.id,
                "name": service.name,
                "organization": service.organization,
                "description": service.description,
                "categories": categories.join(" "),
                "domains": service.domains,
            })
        })
        .collect();
    Value::Array(documents)
}

/// The judged set's figures per group for each engine whose results `ranked` holds (engine →
/// query → service ids, best first), and for this build of Wegwijs natively (`native`).
pub fn relevance(
    index_path: &Path,
    judged_path: &Path,
    ranked_path: Option<&Path>,
) -> Result<Value> {
    let bytes =
        fs::read(index_path).with_context(|| format!("cannot read {}", index_path.display()))?;
    let index = Index::from_bytes(&bytes)?;
    let judged: JudgedSet = serde_json::from_str(
        &fs::read_to_string(judged_path)
            .with_context(|| format!("cannot read {}", judged_path.display()))?,
    )
    .with_context(|| format!("{} is not a judged set", judged_path.display()))?;
    let ranked: BTreeMap<String, BTreeMap<String, Vec<String>>> = match ranked_path {
        Some(path) => serde_json::from_str(&fs::read_to_string(path)?)
            .with_context(|| format!("{} is not engine → query → ids", path.display()))?,
        None => BTreeMap::new(),
    };
    let offers = Offers::of(&index);
    let mut report = serde_json::Map::new();
    let native = judged.judge(&offers, |text| {
        let query = Query {
            text: text.to_owned(),
            limit: RANK_DEPTH,
            ..Query::default()
        };
        index
            .search(&query)
            .hits
            .iter()
            .map(|hit| index.services()[hit.doc as usize].id.as_str())
            .collect()
    });
    report.insert("native".into(), json!(native));
    for (engine, lists) in &ranked {
        let figures = judged.judge(&offers, |text| {
            lists
                .get(text)
                .map(|ids| ids.iter().map(String::as_str).collect())
                .unwrap_or_default()
        });
        report.insert(engine.clone(), json!(figures));
    }
    Ok(Value::Object(report))
}
