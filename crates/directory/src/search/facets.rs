//! Counting, per filter value, how many results it would give.

use serde::{Deserialize, Serialize};

use wegwijs_text::order;

use crate::features::{dimension, Features};
use crate::profile::{Domain, Level, TargetGroup};

/// How many results each filter value would give (with the other filters applied).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    /// Per life domain.
    pub domains: Vec<(Domain, usize)>,
    /// Per provision level.
    pub levels: Vec<(Level, usize)>,
    /// Free services.
    pub free: usize,
    /// Services without referral.
    pub no_referral: usize,
    /// Per target group.
    pub target_groups: Vec<(TargetGroup, usize)>,
    /// Per language.
    pub languages: Vec<(String, usize)>,
    /// Wheelchair accessible services.
    pub wheelchair: usize,
    /// Services open at the requested moment (when one was given as filter or as
    /// [`Query::count_open_at`]).
    pub open: Option<usize>,
}

impl Facets {
    pub(super) fn new(with_open: bool) -> Self {
        Self {
            domains: Domain::ALL.iter().map(|&d| (d, 0)).collect(),
            levels: Level::ALL.iter().map(|&l| (l, 0)).collect(),
            target_groups: TargetGroup::ALL.iter().map(|&g| (g, 0)).collect(),
            open: with_open.then_some(0),
            ..Self::default()
        }
    }

    /// Counts a result for every facet value it would have with that facet's own filter
    /// left out (`failed` holds the dimensions it fails).
    pub(super) fn count(
        &mut self,
        features: &Features,
        failed: u16,
        open: Option<bool>,
        language_counts: &mut [usize; 64],
    ) {
        let without = |dimension: u16| failed & !dimension == 0;
        if without(dimension::DOMAINS) {
            for_each_bit(u64::from(features.domains), |bit| self.domains[bit].1 += 1);
        }
        if without(dimension::LEVELS) {
            if let Some((_, count)) = self.levels.get_mut(usize::from(features.level_rank())) {
                *count += 1;
            }
        }
        if without(dimension::TARGET_GROUPS) {
            for_each_bit(u64::from(features.group_bits()), |bit| {
                self.target_groups[bit].1 += 1
            });
        }
        self.free += usize::from(without(dimension::FREE) && features.free());
        self.no_referral +=
            usize::from(without(dimension::NO_REFERRAL) && features.without_referral());
        self.wheelchair += usize::from(without(dimension::WHEELCHAIR) && features.wheelchair());
        if without(dimension::LANGUAGE) {
            for_each_bit(features.language_bits(), |bit| language_counts[bit] += 1);
        }
        if let Some(count) = &mut self.open {
            *count += usize::from(without(dimension::OPEN) && open == Some(true));
        }
    }

    pub(super) fn finish(&mut self, language_counts: &[usize; 64], languages: &[String]) {
        self.languages = languages
            .iter()
            .zip(language_counts)
            .filter(|(_, count)| **count > 0)
            .map(|(language, count)| (language.clone(), *count))
            .collect();
        order::sort_by(&mut self.languages, |a, b| {
            b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
        });
    }
}

/// Calls `f` with the position of every set bit.
fn for_each_bit(mut bits: u64, mut f: impl FnMut(usize)) {
    while bits != 0 {
        f(bits.trailing_zeros() as usize);
        bits &= bits - 1;
    }
}
