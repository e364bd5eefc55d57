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

/// The radar chart of median now and median desired. Decorative for screen readers: the
/// table next to it holds the same numbers (`described_by`).
#[component]
pub(crate) fn Radar(
    /// Axis labels (short).
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
            view! { <polygon class="ww-radar-ring" points=polygon(&ring) /> }
        })
        .collect_view();
    let spokes = (0..axes)
        .map(|i| {
            let (x, y) = point(i, axes, 5.0);
            let (lx, ly) = point(i, axes, 6.1);
            let anchor = if (lx - CENTRE).abs() < 5.0 { "middle" } else if lx < CENTRE { "end" } else { "start" };
            view! {
                <line class="ww-radar-spoke" x1=CENTRE y1=CENTRE x2=x y2=y />
                <text class="ww-radar-label" x=lx y=ly text-anchor=anchor dominant-baseline="middle">{labels[i].clone()}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="ww-radar" viewBox=format!("-90 -10 {} {}", SIZE + 180.0, SIZE + 20.0) role="img" aria-label=title aria-describedby=described_by>
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
