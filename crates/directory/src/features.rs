//! Per-service facts packed into bits, so filtering and facet counting stay fast at 100 000
//! services.

use crate::model::{Service, Status};
use crate::profile::{Access, Domain, Level, TargetGroup};
use crate::search::Filters;

/// A filter dimension, as a bit.
pub(crate) mod dimension {
    pub const DOMAINS: u16 = 1;
    pub const LEVELS: u16 = 1 << 1;
    pub const FREE: u16 = 1 << 2;
    pub const NO_REFERRAL: u16 = 1 << 3;
    pub const TARGET_GROUPS: u16 = 1 << 4;
    pub const LANGUAGE: u16 = 1 << 5;
    pub const WHEELCHAIR: u16 = 1 << 6;
    pub const OPEN: u16 = 1 << 7;
    pub const AGE: u16 = 1 << 8;
    pub const DISTANCE: u16 = 1 << 9;
}

fn bit<T: PartialEq>(all: &[T], value: &T) -> u16 {
    all.iter().position(|v| v == value).map_or(0, |i| 1 << i)
}

/// Bit mask of domains (bit = position in [`Domain::ALL`]).
pub(crate) fn domain_bits(domains: &[Domain]) -> u16 {
    domains.iter().fold(0, |mask, d| mask | bit(Domain::ALL, d))
}

/// Bit mask of target groups (bit = position in [`TargetGroup::ALL`]).
pub(crate) fn group_bits(groups: &[TargetGroup]) -> u8 {
    groups
        .iter()
        .fold(0, |mask, g| mask | bit(TargetGroup::ALL, g) as u8)
}

/// What filters look at, for one service.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Features {
    pub(crate) domains: u16,
    level: u8,
    needs_referral: bool,
    groups: u8,
    free: bool,
    wheelchair: bool,
    /// Bit per language in [`Languages`] order (the first 64 languages).
    languages: u64,
    min_age: u8,
    max_age: u8,
    /// Whether residents may be sent there (active or closed for a while).
    listed: bool,
    /// Whether it is closed for a while: never open now, whatever its hours say.
    closed_for_now: bool,
}

impl Features {
    pub(crate) fn of(service: &Service, languages: &[String]) -> Self {
        Self {
            domains: domain_bits(&service.domains),
            level: service.level.map_or(0, |l| bit(Level::ALL, &l) as u8),
            needs_referral: service.access == Some(Access::Verwijzing),
            groups: group_bits(&service.target_groups),
            free: service.free,
            wheelchair: service.wheelchair() == Some(true),
            languages: service.languages.iter().fold(0, |mask, language| {
                mask | languages
                    .iter()
                    .position(|known| known.eq_ignore_ascii_case(language))
                    .filter(|&i| i < 64)
                    .map_or(0, |i| 1 << i)
            }),
            min_age: service.min_age.unwrap_or(0),
            max_age: service.max_age.unwrap_or(u8::MAX),
            listed: service.is_listed(),
            closed_for_now: service.status == Status::TemporarilyClosed,
        }
    }

    /// Whether residents may be sent there (see [`Service::is_listed`]).
    pub(crate) fn listed(&self) -> bool {
        self.listed
    }

    /// Whether it is closed for a while.
    pub(crate) fn closed_for_now(&self) -> bool {
        self.closed_for_now
    }

    pub(crate) fn has_domain(&self, domain: Domain) -> bool {
        self.domains & bit(Domain::ALL, &domain) != 0
    }

    pub(crate) fn free(&self) -> bool {
        self.free
    }

    pub(crate) fn without_referral(&self) -> bool {
        !self.needs_referral
    }

    pub(crate) fn wheelchair(&self) -> bool {
        self.wheelchair
    }

    /// Target-group bits (position in [`TargetGroup::ALL`]).
    pub(crate) fn group_bits(&self) -> u8 {
        self.groups
    }

    /// Language bits (see [`Features::of`]).
    pub(crate) fn language_bits(&self) -> u64 {
        self.languages
    }

    /// 0 informal, 1 general, 2 tailored, 3 unknown: the order help is offered in.
    pub(crate) fn level_rank(&self) -> u8 {
        if self.level == 0 {
            3
        } else {
            self.level.trailing_zeros() as u8
        }
    }
}

/// Filters compiled to bit masks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CompiledFilters {
    domains: u16,
    levels: u8,
    free: bool,
    no_referral: bool,
    groups: u8,
    age: Option<u8>,
    /// `Some(0)` when the language is not spoken anywhere: nothing matches.
    language: Option<u64>,
    wheelchair: bool,
}

impl CompiledFilters {
    pub(crate) fn new(filters: &Filters, languages: &[String]) -> Self {
        Self {
            domains: domain_bits(&filters.domains),
            levels: filters
                .levels
                .iter()
                .fold(0, |m, l| m | bit(Level::ALL, l) as u8),
            free: filters.free,
            no_referral: filters.no_referral,
            groups: group_bits(&filters.target_groups),
            age: filters.age,
            language: filters.language.as_deref().map(|wanted| {
                languages
                    .iter()
                    .position(|known| known.eq_ignore_ascii_case(wanted))
                    .filter(|&i| i < 64)
                    .map_or(0, |i| 1 << i)
            }),
            wheelchair: filters.wheelchair,
        }
    }

    /// The dimensions this service fails (see [`dimension`]), apart from opening hours and
    /// distance, which the caller adds.
    pub(crate) fn failures(&self, f: &Features) -> u16 {
        use dimension::*;
        let mut failed = 0;
        if self.domains != 0 && f.domains & self.domains == 0 {
            failed |= DOMAINS;
        }
        if self.levels != 0 && f.level & self.levels == 0 {
            failed |= LEVELS;
        }
        if self.free && !f.free {
            failed |= FREE;
        }
        if self.no_referral && f.needs_referral {
            failed |= NO_REFERRAL;
        }
        if self.groups != 0 && f.groups & self.groups == 0 {
            failed |= TARGET_GROUPS;
        }
        if self
            .age
            .is_some_and(|age| age < f.min_age || age > f.max_age)
        {
            failed |= AGE;
        }
        if self.language.is_some_and(|bit| f.languages & bit == 0) {
            failed |= LANGUAGE;
        }
        if self.wheelchair && !f.wheelchair {
            failed |= WHEELCHAIR;
        }
        failed
    }
}
