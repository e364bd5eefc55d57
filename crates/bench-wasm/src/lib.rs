//! The search engine exposed to JavaScript so `cargo xtask bench` can time it in headless
//! Chromium next to MiniSearch. Built with the same size-optimised profile and wasm-opt as
//! the widget bundle; never shipped.

use wasm_bindgen::prelude::*;
use wegwijs_directory::{Index, Query};

/// A loaded index.
#[wasm_bindgen]
pub struct Bench {
    index: Index,
}

#[wasm_bindgen]
impl Bench {
    /// Decodes index bytes made by `wegwijs index`.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<Bench, JsError> {
        Ok(Self {
            index: Index::from_bytes(bytes).map_err(|e| JsError::new(&e.to_string()))?,
        })
    }

    /// Number of services.
    pub fn services(&self) -> usize {
        self.index.services().len()
    }

    /// Runs a query like the widget does (10 results, facets included); returns the total.
    pub fn search(&self, text: &str) -> usize {
        let query = Query {
            text: text.to_owned(),
            limit: 10,
            ..Query::default()
        };
        self.index.search(&query).total
    }

    /// The life-domain codes of the top `k` results, as JSON (`[["geld"], …]`).
    pub fn top_domains(&self, text: &str, k: usize) -> String {
        let query = Query {
            text: text.to_owned(),
            limit: k,
            ..Query::default()
        };
        let domains: Vec<Vec<&str>> = self
            .index
            .search(&query)
            .hits
            .iter()
            .map(|hit| {
                self.index.services()[hit.doc as usize]
                    .domains
                    .iter()
                    .map(|d| d.code())
                    .collect()
            })
            .collect();
        serde_json::to_string(&domains).unwrap_or_default()
    }

    /// The service ids of the top `k` results, as JSON (`["…", …]`).
    pub fn top_ids(&self, text: &str, k: usize) -> String {
        let query = Query {
            text: text.to_owned(),
            limit: k,
            ..Query::default()
        };
        let ids: Vec<&str> = self
            .index
            .search(&query)
            .hits
            .iter()
            .map(|hit| self.index.services()[hit.doc as usize].id.as_str())
            .collect();
        serde_json::to_string(&ids).unwrap_or_default()
    }
}
