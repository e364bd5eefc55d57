//! The Dutch profile of HSDS: life domains, provision level, access and target groups.
//!
//! Services carry these as HSDS `attributes` whose taxonomy term belongs to one of the
//! `wegwijs-*` taxonomies (listed in the README). Codes are data; the enums below are the closed
//! vocabularies the search and the widgets reason about.

use serde::{Deserialize, Serialize};

/// Generates a closed vocabulary enum with its codes.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code used in data files (`wegwijs-*` taxonomy term codes).
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value for a code; case and surrounding spaces are ignored.
            pub fn from_code(code: &str) -> Option<Self> {
                let code = code.trim();
                Self::ALL.iter().copied().find(|value| value.code().eq_ignore_ascii_case(code))
            }
        }
    };
}

vocabulary! {
    /// A life domain (leefgebied).
    Domain {
        /// Money and debts.
        Geld = "geld",
        /// Work, school and day activities.
        Werk = "werk",
        /// Housing.
        Wonen = "wonen",
        /// Physical health.
        Gezondheid = "gezondheid",
        /// How you feel: mental health.
        Psyche = "psyche",
        /// Alcohol, drugs, gambling.
        Verslaving = "verslaving",
        /// Contact with others, loneliness.
        Contact = "contact",
        /// Parenting and family.
        Gezin = "gezin",
        /// Daily life and care at home: household, aids, transport.
        DagelijksLeven = "dagelijks-leven",
        /// Caring for someone.
        Mantelzorg = "mantelzorg",
        /// Safety: domestic violence, justice.
        Veiligheid = "veiligheid",
        /// Meaning.
        Zingeving = "zingeving",
        /// Language and new in the Netherlands.
        Taal = "taal",
    }
}

vocabulary! {
    /// Provision level (voorziening), in the order help should be offered.
    Level {
        /// Informal or volunteer help (voorliggend veld).
        Informeel = "informeel",
        /// General provision open to everyone.
        Algemeen = "algemeen",
        /// Tailored provision that needs a decision (maatwerkvoorziening).
        Maatwerk = "maatwerk",
    }
}

vocabulary! {
    /// How to get access.
    Access {
        /// Walk in or call yourself.
        Vrij = "vrij",
        /// Needs a referral.
        Verwijzing = "verwijzing",
    }
}

vocabulary! {
    /// Target group (doelgroep).
    TargetGroup {
        /// Children and young people.
        Jeugd = "jeugd",
        /// Parents.
        Ouders = "ouders",
        /// Adults.
        Volwassenen = "volwassenen",
        /// Older people.
        Ouderen = "ouderen",
        /// Carers.
        Mantelzorgers = "mantelzorgers",
        /// Newcomers, status holders.
        Nieuwkomers = "nieuwkomers",
    }
}

/// The taxonomy names of the Dutch profile.
pub mod taxonomy {
    /// Life domains.
    pub const DOMAIN: &str = "wegwijs-leefgebied";
    /// Provision level.
    pub const LEVEL: &str = "wegwijs-voorziening";
    /// Access.
    pub const ACCESS: &str = "wegwijs-toegang";
    /// Target group.
    pub const TARGET_GROUP: &str = "wegwijs-doelgroep";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_ignore_case() {
        for domain in Domain::ALL {
            assert_eq!(Domain::from_code(domain.code()), Some(*domain));
        }
        assert_eq!(Domain::ALL.len(), 13);
        assert_eq!(
            Domain::from_code(" Dagelijks-Leven "),
            Some(Domain::DagelijksLeven)
        );
        assert_eq!(Level::from_code("MAATWERK"), Some(Level::Maatwerk));
        assert_eq!(Access::from_code("onbekend"), None);
    }

    #[test]
    fn levels_sort_in_the_order_help_is_offered() {
        assert!(Level::Informeel < Level::Algemeen && Level::Algemeen < Level::Maatwerk);
    }
}
