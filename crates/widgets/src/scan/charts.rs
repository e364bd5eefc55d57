//! Charts as SVG, each with the same numbers in text next to it.

use leptos::prelude::*;
use wegwijs_assessment::stats::Spread;

const SIZE: f64 = 420.0;
const CENTRE: f64 = SIZE / 2.0;
const RADIUS: f64 = 150.0;

fn point(axis: usize, axes: usize, level: f64) -> (f64, f64) {
    let angle = std::f64::consts::TAU * axis as f64 / axes as f64 - std::f64::consts::FRAC_PI_2;
    let r = RADIUS * level / 5.0;
    (CENTRE + r * angle.cos(), CENTRE + r * angle.sin())
}

fn polygon(levels: &[Option<f64>]) -> String {
    levels
        .iter()
        .enumerate()
        .map(|(i, level)| {
            let (x, y) = point(i, levels.len(), level.unwrap_or(0.0));
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Longest line of an axis label, in characters.
const LABEL_LINE: usize = 18;
/// Most lines of an axis label; a longer label ends in "…".
const LABEL_LINES: usize = 3;

/// Breaks an axis label into short lines at spaces.
fn label_lines(label: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= LABEL_LINE => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.len() > LABEL_LINES {
        lines.truncate(LABEL_LINES);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

/// The radar chart of median now and median desired. Decorative for screen readers: the
/// table next to it holds the same numbers (`described_by`).
#[component]
pub(crate) fn Radar(
    /// Axis labels (short; long ones are broken into lines).
    labels: Vec<String>,
    /// Median now per dimension.
    now: Vec<Option<f64>>,
    /// Median desired per dimension (may be empty).
    desired: Vec<Option<f64>>,
    /// Accessible name.
    title: String,
    /// Id of the table with the same numbers.
    described_by: String,
) -> impl IntoView {
    let axes = labels.len();
    let rings = (1..=5)
        .map(|level| {
            let ring: Vec<Option<f64>> = vec![Some(f64::from(level)); axes];
            // The scale, along the first axis: 1 near the centre, 5 at the rim.
            let (_, y) = point(0, axes, f64::from(level));
            view! {
                <polygon class="ww-radar-ring" points=polygon(&ring) />
                <text class="ww-radar-scale" x=CENTRE + 5.0 y=y dominant-baseline="middle">{level}</text>
            }
        })
        .collect_view();
    let spokes = (0..axes)
        .map(|i| {
            let (x, y) = point(i, axes, 5.0);
            let (lx, ly) = point(i, axes, 6.1);
            let anchor = if (lx - CENTRE).abs() < 5.0 { "middle" } else if lx < CENTRE { "end" } else { "start" };
            let lines = label_lines(&labels[i]);
            // Centre the lines on the label's point.
            let first_dy = format!("{}em", -0.55 * (lines.len() as f64 - 1.0));
            let tspans = lines
                .into_iter()
                .enumerate()
                .map(|(n, line)| {
                    let dy = if n == 0 { first_dy.clone() } else { "1.1em".to_owned() };
                    view! { <tspan x=lx dy=dy>{line}</tspan> }
                })
                .collect_view();
            view! {
                <line class="ww-radar-spoke" x1=CENTRE y1=CENTRE x2=x y2=y />
                <text class="ww-radar-label" x=lx y=ly text-anchor=anchor dominant-baseline="middle">{tspans}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="ww-radar" viewBox=format!("-130 -20 {} {}", SIZE + 260.0, SIZE + 40.0) role="img" aria-label=title aria-describedby=described_by>
            {rings}
            {spokes}
            {(!desired.is_empty()).then(|| view! { <polygon class="ww-radar-desired" points=polygon(&desired) /> })}
            <polygon class="ww-radar-now" points=polygon(&now) />
        </svg>
    }
}

/// A strip from 1 to 5 with every answer as an anonymous dot, and the middle half shaded.
#[component]
pub(crate) fn Dots(
    /// The spread of the answers.
    spread: Spread,
) -> impl IntoView {
    let x = |level: f64| 10.0 + (level - 1.0) * 45.0;
    let mut seen = [0u8; 6];
    let dots = spread
        .values
        .iter()
        .map(|&v| {
            // Up to four dots stack upwards; more answers on one point form extra columns.
            let stack = seen[usize::from(v)];
            seen[usize::from(v)] = stack.saturating_add(1);
            let (column, row) = (f64::from(stack / 4), f64::from(stack % 4));
            view! { <circle class="ww-dot" cx=x(f64::from(v)) + column * 4.0 cy=18.0 - row * 7.0 r="3.5" /> }
        })
        .collect_view();
    let ticks = (1..=5)
        .map(|v| view! { <text class="ww-dots-tick" x=x(f64::from(v)) y="34" text-anchor="middle">{v}</text> })
        .collect_view();
    view! {
        <svg class="ww-dots" viewBox="0 -20 200 58" aria-hidden="true" focusable="false">
            <rect class="ww-dots-iqr" x=x(spread.q1) y="10" width=(x(spread.q3) - x(spread.q1)).max(1.0) height="14" />
            <line class="ww-dots-axis" x1="10" y1="24" x2="190" y2="24" />
            {dots}
            {ticks}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::label_lines;

    #[test]
    fn labels_break_at_spaces_into_at_most_three_short_lines() {
        assert_eq!(label_lines("Systemen"), ["Systemen"]);
        assert_eq!(
            label_lines("Gelijkwaardigheid van disciplines"),
            ["Gelijkwaardigheid", "van disciplines"]
        );
        assert_eq!(
            label_lines("We bekijken problemen van een inwoner op alle leefgebieden in samenhang."),
            ["We bekijken", "problemen van een", "inwoner op alle…"]
        );
        assert!(label_lines("   ").is_empty());
    }

    #[test]
    fn every_chart_name_of_the_shipped_instruments_fits_whole() {
        for json in [
            include_str!("../../../../www/data/scan-vormen.json"),
            include_str!("../../../../www/data/scan-vensters.json"),
        ] {
            let instrument = wegwijs_assessment::Instrument::from_json(json).unwrap();
            for dimension in &instrument.dimensions {
                for lang in ["nl", "en"] {
                    let lines = label_lines(dimension.chart_label().get(lang));
                    assert!(!lines.concat().contains('…'), "{lang}: {lines:?}");
                }
            }
        }
    }
}
