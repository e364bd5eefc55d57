//! Which model of the typology a profile resembles most.
//!
//! The rule is simple and shown to the team: each model names the level (1–5) it expects on
//! every dimension (a base level plus the dimensions that mark it). A profile resembles the
//! model with the smallest average distance between its levels and the expected ones, over
//! the dimensions that were answered. It is "lijkt het meest op", never a verdict: the
//! explanation shows the dimensions that fit best and the runner-up.

use serde::{Deserialize, Serialize};

use wegwijs_text::order;

use crate::instrument::Instrument;

/// A placement on the typology.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// Position of the model it resembles most.
    pub model: usize,
    /// Average distance to that model (0 = exactly its profile; 4 = as far as possible).
    pub distance: f64,
    /// The next closest model and its distance.
    pub runner_up: Option<(usize, f64)>,
    /// The marking dimensions of the model with the profile's level and the expected level,
    /// closest first.
    pub evidence: Vec<(usize, f64, f64)>,
}

/// Places a profile (one level or `None` per dimension).
pub fn place(instrument: &Instrument, levels: &[Option<f64>]) -> Option<Placement> {
    let typology = instrument.typology.as_ref()?;
    let expected = |model: &crate::instrument::Model, i: usize| {
        model
            .profile
            .get(&instrument.dimensions[i].key)
            .copied()
            .unwrap_or(model.base)
    };
    let mut distances: Vec<(usize, f64)> = typology
        .models
        .iter()
        .enumerate()
        .filter_map(|(m, model)| {
            let answered: Vec<f64> = levels
                .iter()
                .enumerate()
                .filter_map(|(i, level)| level.map(|l| (l - expected(model, i)).abs()))
                .collect();
            (!answered.is_empty())
                .then(|| (m, answered.iter().sum::<f64>() / answered.len() as f64))
        })
        .collect();
    order::sort_by(&mut distances, |a, b| {
        a.1.total_cmp(&b.1).then(a.0.cmp(&b.0))
    });
    let (model, distance) = *distances.first()?;
    let chosen = &typology.models[model];
    let mut evidence: Vec<(usize, f64, f64)> = chosen
        .profile
        .keys()
        .filter_map(|key| {
            let i = instrument.position(key)?;
            Some((i, levels[i]?, expected(chosen, i)))
        })
        .collect();
    order::sort_by(&mut evidence, |a, b| {
        (a.1 - a.2)
            .abs()
            .total_cmp(&(b.1 - b.2).abs())
            .then(a.0.cmp(&b.0))
    });
    Some(Placement {
        model,
        distance,
        runner_up: distances.get(1).copied(),
        evidence,
    })
}
