//! Medians and quartiles, computed the way a spreadsheet's QUARTILE.INC does (linear
//! interpolation between the sorted values), so results can be checked by hand.

use serde::{Deserialize, Serialize};

/// The spread of the answers to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Number of answers (without "weet ik niet").
    pub n: usize,
    /// Median.
    pub median: f64,
    /// First quartile.
    pub q1: f64,
    /// Third quartile.
    pub q3: f64,
    /// Lowest answer.
    pub min: u8,
    /// Highest answer.
    pub max: u8,
    /// The answers, sorted (anonymous: their order says nothing about who gave them).
    pub values: Vec<u8>,
}

/// The value at fraction `p` (0–1) of sorted values, interpolating linearly.
pub fn quantile(sorted: &[u8], p: f64) -> f64 {
    let position = p * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    let fraction = position - below as f64;
    f64::from(sorted[below]) + fraction * (f64::from(sorted[above]) - f64::from(sorted[below]))
}

impl Spread {
    /// The spread of some answers; `None` when there are none.
    pub fn of(answers: impl IntoIterator<Item = u8>) -> Option<Self> {
        let mut values: Vec<u8> = answers.into_iter().collect();
        if values.is_empty() {
            return None;
        }
        values.sort_unstable();
        Some(Self {
            n: values.len(),
            median: quantile(&values, 0.5),
            q1: quantile(&values, 0.25),
            q3: quantile(&values, 0.75),
            min: values[0],
            max: values[values.len() - 1],
            values,
        })
    }

    /// Interquartile range.
    pub fn iqr(&self) -> f64 {
        self.q3 - self.q1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_examples() {
        let odd = Spread::of([5, 1, 3]).unwrap();
        assert_eq!(
            (odd.median, odd.q1, odd.q3, odd.iqr()),
            (3.0, 2.0, 4.0, 2.0)
        );
        let even = Spread::of([1, 2, 4, 5]).unwrap();
        // positions: median 1.5 → 3.0; Q1 0.75 → 1.75; Q3 2.25 → 4.25
        assert_eq!((even.median, even.q1, even.q3), (3.0, 1.75, 4.25));
        let one = Spread::of([4]).unwrap();
        assert_eq!((one.median, one.iqr(), one.min, one.max), (4.0, 0.0, 4, 4));
        assert!(Spread::of([]).is_none());
    }
}
