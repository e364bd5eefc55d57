//! The search index: built from a [`Directory`], saved as compact bytes, loaded by the widget.
//!
//! Fields are indexed separately with their own weights (name above terms above organisation
//! above description above eligibility and application process) and their lengths, so scoring can discount long descriptions. Compounds are
//! also indexed by their parts. Word forms ("surfaces") point to their stems for prefix and
//! typo-tolerant lookup.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use wegwijs_text::order;

use crate::compound::Lexicon;
use crate::features::Features;
use crate::model::{Directory, Service};
use crate::profile::{Domain, Level};
use crate::vocabulary::{phrase_stems, phrase_stems_in, Vocabulary};
use crate::words::{normalize, stem, tokens};

/// Version of the byte format; bumped whenever [`Index`] changes shape.
pub const INDEX_FORMAT: u32 = 6;
/// Magic bytes at the start of an index file.
const MAGIC: &[u8; 8] = b"WEGWIJS\0";

/// A searchable field of a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Field {
    /// Name and alternate name.
    Name = 0,
    /// Taxonomy terms, target groups, provision level.
    Terms = 1,
    /// Organisation name.
    Organization = 2,
    /// Description.
    Description = 3,
    /// Who it is for and how to apply (eligibility, application process).
    Details = 4,
}

/// Number of fields.
pub const FIELD_COUNT: usize = 5;

impl Field {
    const ALL: [Field; FIELD_COUNT] = [
        Field::Name,
        Field::Terms,
        Field::Organization,
        Field::Description,
        Field::Details,
    ];

    /// How much a match in this field counts.
    fn weight(self) -> f32 {
        match self {
            Field::Name => 3.0,
            Field::Terms => 2.0,
            Field::Organization => 1.2,
            Field::Description => 1.0,
            Field::Details => 0.6,
        }
    }

    /// How strongly the field's length discounts a match (BM25 `b`).
    fn length_normalization(self) -> f32 {
        match self {
            Field::Name => 0.5,
            Field::Terms => 0.3,
            Field::Organization => 0.3,
            Field::Description | Field::Details => 0.75,
        }
    }

    fn from_bits(bits: u8) -> Field {
        Field::ALL[usize::from(bits).min(FIELD_COUNT - 1)]
    }
}

/// The documents a term occurs in. `meta` packs the field (high 3 bits) and the term
/// frequency in halves (low 5 bits: a compound part counts half).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Postings {
    /// In increasing order (a document once per field it matches in); saved as the gaps
    /// between them, which are small numbers and so mostly one byte each.
    #[serde(with = "gaps")]
    pub(crate) docs: Vec<u32>,
    pub(crate) meta: Vec<u8>,
}

/// Saves increasing numbers as their differences.
mod gaps {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(docs: &[u32], serializer: S) -> Result<S::Ok, S::Error> {
        let mut previous = 0;
        serializer.collect_seq(docs.iter().map(|&doc| {
            let gap = doc - previous;
            previous = doc;
            gap
        }))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u32>, D::Error> {
        let mut docs = Vec::<u32>::deserialize(deserializer)?;
        let mut previous = 0u32;
        for doc in &mut docs {
            previous = previous
                .checked_add(*doc)
                .ok_or_else(|| D::Error::custom("a document beyond the last"))?;
            *doc = previous;
        }
        Ok(docs)
    }
}

/// Saves, per position, a position at or before it as the distance back to it.
mod back_to_first {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(
        firsts: &[u32],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            (0u32..)
                .zip(firsts)
                .map(|(position, &first)| position - first),
        )
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u32>, D::Error> {
        let mut firsts = Vec::<u32>::deserialize(deserializer)?;
        for (position, first) in (0u32..).zip(&mut firsts) {
            *first = position
                .checked_sub(*first)
                .ok_or_else(|| D::Error::custom("a group before the first service"))?;
        }
        Ok(firsts)
    }
}

impl Postings {
    /// (doc, field, term frequency) triples.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, Field, f32)> + '_ {
        self.docs.iter().zip(&self.meta).map(|(&doc, &meta)| {
            (
                doc,
                Field::from_bits(meta >> 5),
                f32::from(meta & 0x1f) / 2.0,
            )
        })
    }
}

/// What is saved to disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Stored {
    directory: Directory,
    vocabulary: Vocabulary,
    terms: Vec<String>,
    postings: Vec<Postings>,
    surfaces: Vec<(String, u32)>,
    lengths: Vec<[u16; FIELD_COUNT]>,
    /// Per service: its group of copies (see `copy_groups`); computed when the index is
    /// built, so loading stays fast. Saved as the distance back to the group's first
    /// service, which is 0 for most services.
    #[serde(with = "back_to_first")]
    copy_group: Vec<u32>,
    /// The neighbourhood teams (positions), for a question too vague to search.
    teams: Vec<u32>,
}

/// A searchable social map.
#[derive(Debug, Clone)]
pub struct Index {
    stored: Stored,
    pub(crate) derived: Derived,
    /// What reading a question's words needs, computed the first time one has words (see
    /// [`Index::prepare_text_search`]): a page that shows its first results for an empty
    /// question does not wait for it.
    text: OnceLock<TextTables>,
}

/// What filters and ordering need, computed at load time instead of stored.
#[derive(Debug, Clone, Default)]
pub(crate) struct Derived {
    /// Per service: what filters look at.
    pub(crate) features: Vec<Features>,
    /// Languages in the data, most common first (their order is the feature bit order).
    pub(crate) languages: Vec<String>,
    /// Per service: the small boost that puts informal help first at equal relevance.
    pub(crate) level_boost: Vec<f32>,
}

/// What searching for words needs, computed from the stored index when first asked for.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextTables {
    /// Per term: the documents it occurs in and its BM25F score there (idf included).
    pub(crate) impacts: Vec<Impacts>,
    pub(crate) term_ids: HashMap<String, u32>,
    pub(crate) lexicon: Lexicon,
    /// Synonym phrases as stems, with the synonym's index.
    pub(crate) phrases: Vec<(Vec<String>, usize)>,
    /// First stem of a phrase → the phrases (positions in `phrases`, in order) that start
    /// with it, so a question is matched against the phrases its words can start.
    pub(crate) phrase_starts: HashMap<String, Vec<u32>>,
    /// The languages of the concepts other than Dutch (`en`).
    pub(crate) concept_languages: Vec<String>,
    /// Term ids of each synonym's professional terms.
    pub(crate) synonym_terms: Vec<Vec<u32>>,
    /// Domains each keyword stem points to.
    pub(crate) keyword_domains: HashMap<String, Vec<Domain>>,
    /// Every word search knows (data and vocabulary), sorted, for typo correction.
    pub(crate) known_words: Vec<String>,
}

/// The copy group of every service: services of the same organisation that offer the same
/// thing in different places are copies of one offer. Either their descriptions are the same
/// ("Thuisadministratie Centrum", "… Oosterhof"), or their names differ only in the last one
/// or two words (the place) and so do their descriptions ("Geldspreekuur Centrum … in
/// Centrum", "Geldspreekuur De Akkers … in De Akkers").
fn copy_groups(services: &[Service]) -> Vec<u32> {
    let mut parent: Vec<u32> = (0..services.len() as u32).collect();
    fn root(parent: &mut [u32], mut doc: u32) -> u32 {
        while parent[doc as usize] != doc {
            parent[doc as usize] = parent[parent[doc as usize] as usize];
            doc = parent[doc as usize];
        }
        doc
    }
    let mut first_with: HashMap<(String, String, String), u32> = HashMap::new();
    for (doc, service) in services.iter().enumerate() {
        let (Some(organization), Some(description)) = (&service.organization, &service.description)
        else {
            continue;
        };
        let organization = normalize(organization);
        let description = normalize(description);
        if description.is_empty() {
            continue;
        }
        let name = normalize(&service.name);
        let words: Vec<&str> = name.split(' ').collect();
        let mut keys = vec![(organization.clone(), String::new(), description.clone())];
        for place_words in 1..=2 {
            if words.len() > place_words {
                let (base, place) = words.split_at(words.len() - place_words);
                let place = place.join(" ");
                let without_place = format!(" {description} ")
                    .replace(&format!(" {place} "), " ")
                    .trim()
                    .to_owned();
                keys.push((organization.clone(), base.join(" "), without_place));
            }
        }
        for key in keys {
            let doc = doc as u32;
            match first_with.get(&key) {
                Some(&first) => {
                    let (a, b) = (root(&mut parent, first), root(&mut parent, doc));
                    let (low, high) = (a.min(b), a.max(b));
                    parent[high as usize] = low;
                }
                None => {
                    first_with.insert(key, doc);
                }
            }
        }
    }
    (0..services.len() as u32)
        .map(|doc| root(&mut parent, doc))
        .collect()
}

/// A term's documents with their precomputed scores.
#[derive(Debug, Clone, Default)]
pub(crate) struct Impacts {
    pub(crate) docs: Vec<u32>,
    pub(crate) scores: Vec<f32>,
}

/// A checksum that catches any change of one 8-byte word (so every one-byte change): each
/// step `(rotate(h) ^ word) * K` is a bijection of `h`. Not a CRC crate on purpose: a
/// table-driven CRC-32 puts a 16 KB table into the wasm bundle; this needs none and runs at
/// word speed.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut chunks = bytes.chunks_exact(8);
    let mut hash = bytes.len() as u64;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        hash = (hash.rotate_left(23) ^ word).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    (hash.rotate_left(23) ^ u64::from_le_bytes(tail)).wrapping_mul(K)
}

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;

/// Why index bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexError {
    /// Not a Wegwijs index.
    NotAnIndex,
    /// Made by another version of Wegwijs.
    Version {
        /// The version in the file.
        found: u32,
    },
    /// Damaged: its checksum or its parts do not match.
    Damaged,
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAnIndex => f.write_str("this is not a Wegwijs index file"),
            Self::Version { found } => write!(
                f,
                "the index has format {found}, this Wegwijs reads format {INDEX_FORMAT}; rebuild it with `wegwijs index`"
            ),
            Self::Damaged => f.write_str(
                "this index is damaged or from another version of Wegwijs; rebuild it with `wegwijs index`",
            ),
        }
    }
}

impl std::error::Error for IndexError {}

/// A document with the half-counts of a term per field.
type DocCounts = (u32, [u8; FIELD_COUNT]);

/// Collects terms while building.
#[derive(Default)]
struct Builder {
    /// stem → (doc, half-counts per field), docs in increasing order: services are added one
    /// after the other, so a term's list only ever grows at its end.
    terms: HashMap<String, Vec<DocCounts>>,
    surfaces: BTreeMap<String, String>,
    lengths: Vec<[u16; FIELD_COUNT]>,
}

impl Builder {
    fn add_text(&mut self, doc: u32, field: Field, text: &str, lexicon: &Lexicon) {
        for token in tokens(text) {
            self.add_token(doc, field, &token, 2);
            for part in lexicon.parts(&token) {
                self.add_token(doc, field, part, 1);
            }
            let length = &mut self.lengths[doc as usize][field as usize];
            *length = length.saturating_add(1);
        }
    }

    fn add_token(&mut self, doc: u32, field: Field, token: &str, halves: u8) {
        let stemmed = stem(token);
        self.surfaces
            .entry(token.to_owned())
            .or_insert_with(|| stemmed.clone());
        let docs = self.terms.entry(stemmed).or_default();
        if docs.last().is_none_or(|(last, _)| *last != doc) {
            docs.push((doc, [0; FIELD_COUNT]));
        }
        let counts = &mut docs.last_mut().expect("just pushed").1;
        // A description counts a word once: repeating it (or a long text) must not win.
        let cap = if matches!(field, Field::Description | Field::Details) {
            2
        } else {
            31
        };
        let count = &mut counts[field as usize];
        *count = count.saturating_add(halves).min(cap);
    }
}

impl Index {
    /// Builds the index for a directory with the given vocabulary.
    pub fn build(mut directory: Directory, vocabulary: Vocabulary) -> Self {
        // Carried HSDS fields are for the export; the index (and the browser) needs none.
        directory
            .services
            .iter_mut()
            .for_each(Service::forget_carried);
        let lexicon = lexicon_for(&directory, &vocabulary);
        let mut builder = Builder {
            lengths: vec![[0; FIELD_COUNT]; directory.services.len()],
            ..Builder::default()
        };
        for (doc, service) in directory.services.iter().enumerate() {
            let doc = doc as u32;
            for (field, text) in searchable_texts(service) {
                builder.add_text(doc, field, &text, &lexicon);
            }
        }
        let mut by_term: Vec<(String, Vec<DocCounts>)> = builder.terms.into_iter().collect();
        by_term.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut terms = Vec::with_capacity(by_term.len());
        let mut postings = Vec::with_capacity(by_term.len());
        for (term, docs) in by_term {
            let mut posting = Postings::default();
            for (doc, counts) in docs {
                for field in Field::ALL {
                    let count = counts[field as usize];
                    if count > 0 {
                        posting.docs.push(doc);
                        posting.meta.push((field as u8) << 5 | count);
                    }
                }
            }
            posting.docs.shrink_to_fit();
            posting.meta.shrink_to_fit();
            terms.push(term);
            postings.push(posting);
        }
        let term_ids: HashMap<&str, u32> = terms
            .iter()
            .enumerate()
            .map(|(id, term)| (term.as_str(), id as u32))
            .collect();
        let surfaces = builder
            .surfaces
            .into_iter()
            .map(|(surface, stemmed)| (surface, term_ids[stemmed.as_str()]))
            .collect();
        let copy_group = copy_groups(&directory.services);
        let teams = (0..directory.services.len() as u32)
            .filter(|doc| {
                let service = &directory.services[*doc as usize];
                service.is_listed() && service.is_neighbourhood_team()
            })
            .collect();
        Self::from_stored(Stored {
            directory,
            vocabulary,
            terms,
            postings,
            surfaces,
            lengths: builder.lengths,
            copy_group,
            teams,
        })
    }

    /// The index as bytes: magic, format version, the [`checksum`] of the rest, then the
    /// postcard encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Measured first, so the buffer never grows by doubling (twice the index in memory).
        let size =
            postcard::serialize_with_flavor(&self.stored, postcard::ser_flavors::Size::default())
                .expect("an index always serializes");
        let mut header = Vec::with_capacity(MAGIC.len() + 12 + size);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&INDEX_FORMAT.to_le_bytes());
        let sum_at = header.len();
        header.extend_from_slice(&[0; 8]);
        // The body is written after the header in the same buffer (no second copy of it).
        let mut bytes =
            postcard::to_extend(&self.stored, header).expect("an index always serializes");
        let sum = checksum(&bytes[sum_at + 8..]);
        bytes[sum_at..sum_at + 8].copy_from_slice(&sum.to_le_bytes());
        bytes
    }

    /// Reads bytes written by [`Index::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, IndexError> {
        let body = bytes.strip_prefix(MAGIC).ok_or(IndexError::NotAnIndex)?;
        let (version, body) = body.split_at_checked(4).ok_or(IndexError::NotAnIndex)?;
        let found = u32::from_le_bytes(version.try_into().expect("four bytes"));
        if found != INDEX_FORMAT {
            return Err(IndexError::Version { found });
        }
        let (stored_sum, body) = body.split_at_checked(8).ok_or(IndexError::Damaged)?;
        if checksum(body).to_le_bytes() != stored_sum {
            return Err(IndexError::Damaged);
        }
        let stored: Stored = postcard::from_bytes(body).map_err(|_| IndexError::Damaged)?;
        let consistent = stored.postings.len() == stored.terms.len()
            && stored.lengths.len() == stored.directory.services.len()
            && stored.postings.iter().all(|p| {
                p.docs.len() == p.meta.len()
                    && p.docs
                        .iter()
                        .all(|&d| (d as usize) < stored.directory.services.len())
            })
            && stored
                .surfaces
                .iter()
                .all(|(_, term)| (*term as usize) < stored.terms.len())
            && stored.copy_group.len() == stored.directory.services.len()
            && stored
                .copy_group
                .iter()
                .all(|&group| (group as usize) < stored.directory.services.len())
            && stored
                .teams
                .iter()
                .all(|&doc| (doc as usize) < stored.directory.services.len());
        if !consistent {
            return Err(IndexError::Damaged);
        }
        Ok(Self::from_stored(stored))
    }

    fn from_stored(stored: Stored) -> Self {
        let derived = derive(&stored);
        Self {
            stored,
            derived,
            text: OnceLock::new(),
        }
    }

    /// Computes what searching for words needs, if that has not happened yet. Searching does
    /// this by itself the first time a question has words; a widget calls it when the resident
    /// comes to its search box, so the first word typed does not wait for it.
    pub fn prepare_text_search(&self) {
        self.text();
    }

    /// What searching for words needs.
    pub(crate) fn text(&self) -> &TextTables {
        self.text.get_or_init(|| derive_text(&self.stored))
    }

    /// Per service, its group of copies (the first copy's position): the same offer of one
    /// organisation in several neighbourhoods.
    pub(crate) fn copy_groups(&self) -> &[u32] {
        &self.stored.copy_group
    }

    /// The neighbourhood teams (see [`Service::is_neighbourhood_team`]), by position.
    pub fn neighbourhood_teams(&self) -> &[u32] {
        &self.stored.teams
    }

    /// The services, in input order; search results refer to them by position.
    pub fn services(&self) -> &[Service] {
        &self.stored.directory.services
    }

    /// The directory the index was built from.
    pub fn directory(&self) -> &Directory {
        &self.stored.directory
    }

    /// The vocabulary (domain labels, synonyms) the index uses.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.stored.vocabulary
    }

    /// Number of distinct stems.
    pub fn term_count(&self) -> usize {
        self.stored.terms.len()
    }

    pub(crate) fn term_id(&self, stem: &str) -> Option<u32> {
        self.text().term_ids.get(stem).copied()
    }

    #[cfg(test)]
    pub(crate) fn postings(&self, term: u32) -> &Postings {
        &self.stored.postings[term as usize]
    }

    pub(crate) fn surfaces(&self) -> &[(String, u32)] {
        &self.stored.surfaces
    }
}

/// The texts of a service that are searched, per field.
fn searchable_texts(service: &Service) -> Vec<(Field, String)> {
    let mut texts = vec![(Field::Name, service.name.clone())];
    if let Some(alternate) = &service.alternate_name {
        texts.push((Field::Name, alternate.clone()));
    }
    let mut terms: Vec<String> = service.other_terms.clone();
    terms.extend(service.target_groups.iter().map(|g| g.code().to_owned()));
    terms.extend(service.level.map(|l| l.code().to_owned()));
    texts.push((Field::Terms, terms.join(" ")));
    if let Some(org) = &service.organization {
        texts.push((Field::Organization, org.clone()));
    }
    if let Some(description) = &service.description {
        texts.push((Field::Description, description.clone()));
    }
    let details: Vec<&str> = [&service.eligibility, &service.application_process]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !details.is_empty() {
        texts.push((Field::Details, details.join(" ")));
    }
    texts
}

/// Known words for compound splitting: the shipped lexicon, the vocabulary and the data.
fn lexicon_for(directory: &Directory, vocabulary: &Vocabulary) -> Lexicon {
    let mut lexicon = Lexicon::shipped();
    let vocabulary_words = vocabulary
        .domains
        .iter()
        .flat_map(|d| d.keywords.iter())
        .chain(vocabulary.synonyms.iter().flat_map(|s| s.terms.iter()));
    for text in vocabulary_words {
        for token in tokens(text) {
            lexicon.insert(&token);
        }
    }
    for service in &directory.services {
        for (field, text) in searchable_texts(service) {
            if !matches!(field, Field::Description | Field::Details) {
                for token in tokens(&text) {
                    lexicon.insert(&token);
                }
            }
        }
    }
    lexicon
}

/// What filters and ordering need.
fn derive(stored: &Stored) -> Derived {
    let mut language_counts: HashMap<String, usize> = HashMap::new();
    for service in &stored.directory.services {
        for language in &service.languages {
            *language_counts.entry(language.to_lowercase()).or_default() += 1;
        }
    }
    let mut languages: Vec<(String, usize)> = language_counts.into_iter().collect();
    order::sort_by(&mut languages, |a, b| {
        b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
    });
    let languages: Vec<String> = languages
        .into_iter()
        .map(|(language, _)| language)
        .collect();
    let features = stored
        .directory
        .services
        .iter()
        .map(|service| Features::of(service, &languages))
        .collect();
    let level_boost = stored
        .directory
        .services
        .iter()
        .map(|service| match service.level {
            Some(Level::Informeel) => 1.03,
            Some(Level::Algemeen) => 1.015,
            _ => 1.0,
        })
        .collect();
    Derived {
        features,
        languages,
        level_boost,
    }
}

/// What searching for words needs: scores per term, the words known for compounds, typos
/// and the vocabulary's phrases.
fn derive_text(stored: &Stored) -> TextTables {
    let docs = stored.directory.services.len().max(1) as f32;
    let mut average_lengths = [0.0f32; FIELD_COUNT];
    for lengths in &stored.lengths {
        for (sum, length) in average_lengths.iter_mut().zip(lengths) {
            *sum += f32::from(*length);
        }
    }
    for sum in &mut average_lengths {
        *sum = (*sum / docs).max(1.0);
    }
    let mut idf = Vec::with_capacity(stored.postings.len());
    let impacts: Vec<Impacts> = stored
        .postings
        .iter()
        .map(|postings| {
            let mut impacts = Impacts::default();
            let mut frequencies: Vec<f32> = Vec::new();
            for (doc, field, count) in postings.iter() {
                let b = field.length_normalization();
                let length = f32::from(stored.lengths[doc as usize][field as usize]);
                let norm = (1.0 - b + b * length / average_lengths[field as usize]).max(0.1);
                let frequency = field.weight() * count / norm;
                if impacts.docs.last() == Some(&doc) {
                    *frequencies.last_mut().expect("pushed with the doc") += frequency;
                } else {
                    impacts.docs.push(doc);
                    frequencies.push(frequency);
                }
            }
            let df = impacts.docs.len() as f32;
            let term_idf = (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
            idf.push(term_idf);
            impacts.scores = frequencies
                .iter()
                .map(|f| term_idf * f / (K1 + f))
                .collect();
            impacts
        })
        .collect();
    let term_ids: HashMap<String, u32> = stored
        .terms
        .iter()
        .enumerate()
        .map(|(id, term)| (term.clone(), id as u32))
        .collect();
    let mut lexicon = lexicon_for(&Directory::default(), &stored.vocabulary);
    for (surface, _) in &stored.surfaces {
        lexicon.insert(surface);
    }
    let phrases = stored
        .vocabulary
        .synonyms
        .iter()
        .enumerate()
        .flat_map(|(index, synonym)| {
            synonym
                .phrases
                .iter()
                .map(move |phrase| (phrase_stems_in(synonym.language.as_deref(), phrase), index))
        })
        .filter(|(stems, _)| !stems.is_empty())
        .collect::<Vec<_>>();
    let mut phrase_starts: HashMap<String, Vec<u32>> = HashMap::new();
    for (at, (stems, _)) in phrases.iter().enumerate() {
        phrase_starts
            .entry(stems[0].clone())
            .or_default()
            .push(at as u32);
    }
    let mut concept_languages: Vec<String> = Vec::new();
    for language in stored
        .vocabulary
        .synonyms
        .iter()
        .filter_map(|s| s.language.as_ref())
    {
        if !concept_languages.contains(language) {
            concept_languages.push(language.clone());
        }
    }
    // A multi-word term ("veilig thuis") counts by its most telling word, so its common
    // word ("thuis") does not pull in everything.
    let synonym_terms = stored
        .vocabulary
        .synonyms
        .iter()
        .map(|synonym| {
            let mut ids: Vec<u32> = synonym
                .terms
                .iter()
                .filter_map(|term| {
                    phrase_stems(term)
                        .iter()
                        .filter_map(|stemmed| term_ids.get(stemmed).copied())
                        .max_by(|a, b| idf[*a as usize].total_cmp(&idf[*b as usize]))
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        })
        .collect();
    let mut keyword_domains: HashMap<String, Vec<Domain>> = HashMap::new();
    for info in &stored.vocabulary.domains {
        for keyword in &info.keywords {
            for stemmed in phrase_stems(keyword) {
                let domains = keyword_domains.entry(stemmed).or_default();
                if !domains.contains(&info.domain) {
                    domains.push(info.domain);
                }
            }
        }
    }
    let vocabulary_texts = stored
        .vocabulary
        .domains
        .iter()
        .flat_map(|d| d.keywords.iter())
        .chain(
            stored
                .vocabulary
                .synonyms
                .iter()
                .flat_map(|s| s.phrases.iter().chain(&s.terms)),
        );
    let mut known_words: Vec<String> = vocabulary_texts
        .flat_map(|text| tokens(text))
        .chain(stored.surfaces.iter().map(|(surface, _)| surface.clone()))
        .collect();
    known_words.sort_unstable();
    known_words.dedup();
    TextTables {
        impacts,
        term_ids,
        lexicon,
        phrases,
        phrase_starts,
        concept_languages,
        synonym_terms,
        keyword_domains,
        known_words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import_json;
    use proptest::prelude::*;

    fn small() -> Index {
        let directory = import_json(
            r#"[{"id": "a", "name": "Schuldhulpmaatje", "description": "Hulp bij schulden."},
                {"id": "b", "name": "Voedselbank", "organization": {"name": "Stichting Voedselbank"}}]"#,
        )
        .unwrap()
        .directory;
        Index::build(directory, Vocabulary::dutch())
    }

    #[test]
    fn the_text_tables_wait_for_a_question_with_words() {
        let index = Index::from_bytes(&small().to_bytes()).unwrap();
        let everything = index.search(&crate::search::Query::default());
        assert_eq!(everything.total, 2);
        assert!(
            index.text.get().is_none(),
            "an empty question needs no text tables"
        );
        let hits = index.search(&crate::search::Query {
            text: "schulden".into(),
            ..Default::default()
        });
        assert_eq!(hits.hits[0].doc, 0);
        assert!(index.text.get().is_some());
        // Prepared in advance, the same answer.
        let prepared = Index::from_bytes(&small().to_bytes()).unwrap();
        prepared.prepare_text_search();
        let again = prepared.search(&crate::search::Query {
            text: "schulden".into(),
            ..Default::default()
        });
        assert_eq!(
            hits.hits.iter().map(|h| h.doc).collect::<Vec<_>>(),
            again.hits.iter().map(|h| h.doc).collect::<Vec<_>>()
        );
    }

    #[test]
    fn compounds_are_indexed_by_their_parts() {
        let index = small();
        for stem_of in ["schuld", "maatje", "hulp", "voedsel", "bank"] {
            let id = index
                .term_id(&stem(stem_of))
                .unwrap_or_else(|| panic!("{stem_of}"));
            assert!(!index.postings(id).docs.is_empty());
        }
        let parts = index.postings(index.term_id(&stem("maatje")).unwrap());
        let (doc, field, frequency) = parts.iter().next().unwrap();
        assert_eq!((doc, field, frequency), (0, Field::Name, 0.5));
    }

    #[test]
    fn bytes_round_trip() {
        let index = small();
        let bytes = index.to_bytes();
        let loaded = Index::from_bytes(&bytes).unwrap();
        assert_eq!(loaded.stored, index.stored);
        assert_eq!(loaded.services().len(), 2);
    }

    #[test]
    fn foreign_old_and_damaged_bytes_are_refused() {
        let bytes = small().to_bytes();
        assert_eq!(
            Index::from_bytes(b"{\"contents\": []}").unwrap_err(),
            IndexError::NotAnIndex
        );
        let mut old = bytes.clone();
        old[8] = 0;
        assert_eq!(
            Index::from_bytes(&old).unwrap_err(),
            IndexError::Version { found: 0 }
        );
        let cut = &bytes[..bytes.len() / 2];
        assert_eq!(Index::from_bytes(cut).unwrap_err(), IndexError::Damaged);
        assert!(IndexError::Damaged
            .to_string()
            .contains("rebuild it with `wegwijs index`"));
    }

    #[test]
    fn every_one_byte_change_after_the_header_is_refused() {
        let bytes = small().to_bytes();
        for at in 12..bytes.len() {
            for flip in [0x01, 0x80] {
                let mut damaged = bytes.clone();
                damaged[at] ^= flip;
                assert_eq!(
                    Index::from_bytes(&damaged).err(),
                    Some(IndexError::Damaged),
                    "byte {at} ^ {flip:#x}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(mut bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = Index::from_bytes(&bytes);
            // A right header and checksum around random bytes: the decoder itself must cope.
            let mut with_header = MAGIC.to_vec();
            with_header.extend(INDEX_FORMAT.to_le_bytes());
            with_header.extend(checksum(&bytes).to_le_bytes());
            with_header.append(&mut bytes);
            let _ = Index::from_bytes(&with_header);
        }
    }
}
