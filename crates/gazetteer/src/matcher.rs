//! The gazetteer proper: crossings + countries + one automaton over every folded name.
//!
//! Owns the index from folded names to what they name (crossings, countries, regions), the whole-word
//! matching rules of [`Gazetteer::find_names`], look-up and search, and the loading of the built-in data
//! compiled in by `build.rs`.
//!
//! The index is laid out for large imports (issue 2: a 50,000-crossing gazetteer in little memory):
//! every distinct folded name is stored once, in a [`NameTable`]; what a name refers to is a run of
//! packed `u32` targets; crossing ids are found by binary search over a sorted permutation rather than
//! through a map of owned keys.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use crate::common_words::is_common_word;
use crate::crossing::{DataFileError, parse_crossings_toml};
use crate::fold::{Folded, fold, fold_into, fold_into_padded};
use crate::stats::{is_unspaced_script, script_of_text};
use crate::{CountryTable, Crossing, Stats};

mod builtin_data {
    include!(concat!(env!("OUT_DIR"), "/builtin_data.rs"));
}

/// `(file name, contents)` of every built-in crossings file (`data/crossings/*.toml`), sorted by name.
pub fn builtin_crossing_files() -> &'static [(&'static str, &'static str)] {
    builtin_data::CROSSING_FILES
}

/// `(file name, contents)` of the built-in country table (`data/countries.toml`).
pub fn builtin_countries_file() -> (&'static str, &'static str) {
    builtin_data::COUNTRIES_FILE
}

/// Why a gazetteer could not be built.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{file}: {message}")]
    Data { file: String, message: String },
    #[error("duplicate crossing id {0:?}")]
    DuplicateId(String),
    #[error(transparent)]
    File(#[from] DataFileError),
    #[error("automaton over {patterns} names could not be built: {message}")]
    Automaton { patterns: usize, message: String },
}

/// What a name found in text refers to.
#[derive(Clone, Debug, PartialEq)]
pub enum NameKind {
    /// One or more crossings (more than one only for a shared alias): indices into [`Gazetteer::crossings`].
    Crossing(Vec<usize>),
    /// A country, by ISO code: its name, a demonym or an adjective.
    Country(String),
    /// A sub-national region treated as a side of a border; `country` is its ISO code.
    Region { name: String, country: String },
}

/// A name found in text. `start..end` are byte offsets into the text given to [`Gazetteer::find_names`],
/// on char boundaries, covering whole words.
#[derive(Clone, Debug, PartialEq)]
pub struct NameHit {
    pub start: usize,
    pub end: usize,
    pub kind: NameKind,
    /// True when the matched alias is weak (needs a border word beside it to name a crossing).
    pub weak: bool,
}

/// A packed target: the top two bits say what the low 30 bits index (a crossing named strongly or
/// weakly, a country or a region of the country table). Four bytes where a `(NameKind, bool)` took
/// forty plus a heap block.
const TAG_SHIFT: u32 = 30;
const INDEX_MASK: u32 = (1 << TAG_SHIFT) - 1;
const TAG_STRONG: u32 = 0;
const TAG_WEAK: u32 = 1;
const TAG_COUNTRY: u32 = 2;
const TAG_REGION: u32 = 3;

fn pack(tag: u32, index: usize) -> Option<u32> {
    u32::try_from(index)
        .ok()
        .filter(|&i| i <= INDEX_MASK)
        .map(|i| (tag << TAG_SHIFT) | i)
}

fn tag(t: u32) -> u32 {
    t >> TAG_SHIFT
}

fn index(t: u32) -> usize {
    (t & INDEX_MASK) as usize
}

/// Strings stored back to back in one buffer, numbered in the order they were pushed.
#[derive(Clone, Debug, Default)]
struct Strings {
    text: String,
    /// `ends[i]` = end of string `i` in `text`; it starts where string `i - 1` ends.
    ends: Vec<u32>,
}

impl Strings {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(j) => self.ends.get(j).map_or(0, |&e| e as usize),
            None => 0,
        };
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    /// Appends `s` as string number `len()`; `None` when the buffer would outgrow `u32` offsets.
    fn push(&mut self, s: &str) -> Option<usize> {
        let end = u32::try_from(self.text.len() + s.len()).ok()?;
        self.text.push_str(s);
        self.ends.push(end);
        Some(self.ends.len() - 1)
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Distinct strings, each stored once ([`Strings`]), with an open-addressing hash index over them: a
/// slot holds a string's number + 1, 0 when empty. About 12 bytes per string beside its text, where a
/// `HashMap<String, usize>` entry costs 32 bytes and a heap block of its own.
#[derive(Clone, Debug, Default)]
struct NameTable {
    strings: Strings,
    slots: Vec<u32>,
}

impl NameTable {
    fn len(&self) -> usize {
        self.strings.len()
    }

    fn name(&self, i: usize) -> &str {
        self.strings.get(i)
    }

    fn get(&self, name: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = hash(name.as_bytes()) & mask;
        loop {
            let slot = *self.slots.get(at)?;
            let i = (slot as usize).checked_sub(1)?;
            if self.name(i) == name {
                return Some(i);
            }
            at = (at + 1) & mask;
        }
    }

    /// The tests check that every span found folds back to a known name.
    #[cfg(test)]
    fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The number of `name`, added if new; `None` when the table would outgrow `u32` numbers.
    fn insert(&mut self, name: &str) -> Option<usize> {
        if let Some(i) = self.get(name) {
            return Some(i);
        }
        // At most half full, so probe runs stay short.
        if (self.len() + 1) * 2 > self.slots.len() {
            let size = (self.slots.len() * 2).max(16);
            self.slots = vec![0; size];
            for i in 0..self.len() {
                self.place(i)?;
            }
        }
        let i = self.strings.push(name)?;
        self.place(i)?;
        Some(i)
    }

    fn place(&mut self, i: usize) -> Option<()> {
        let value = u32::try_from(i + 1).ok()?;
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = hash(self.name(i).as_bytes()) & mask;
        while *self.slots.get(at)? != 0 {
            at = (at + 1) & mask;
        }
        *self.slots.get_mut(at)? = value;
        Some(())
    }
}

/// A fast non-cryptographic hash (names come from the gazetteer's own data, not from adversaries).
fn hash(bytes: &[u8]) -> usize {
    let mut h = bytes.len() as u64;
    for chunk in bytes.chunks(8) {
        let mut w = [0u8; 8];
        if let Some(dst) = w.get_mut(..chunk.len()) {
            dst.copy_from_slice(chunk);
        }
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    // splitmix64's finalizer: the table uses the low bits, which the multiplications mix least.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    (h ^ (h >> 31)) as usize
}

/// Bytes of a word start that the prefilter looks at.
const KEY_LEN: usize = 4; // one u32
/// log2 of the prefilter's size in bits (8 KiB: stays in L1).
const KEY_BITS: u32 = 16;

/// The prefilter key of the folded text starting at `bytes[0]`, a word start: its first `KEY_LEN`
/// bytes, cut before a space, before the lead byte of a char that may belong to an unspaced script
/// (≥ U+0E00, three bytes or more in UTF-8) and at the end, and the count kept.
///
/// A name accepted at a word start is followed in the text by a word end, and a word end is always one
/// of those cuts (or `KEY_LEN` bytes were taken before it). So the text at a word start where some name
/// is accepted has the same key as that name: no key in the table, no hit there.
fn word_key(bytes: &[u8]) -> u64 {
    // Four bytes at once (past the end: spaces, which cut the key as the end does).
    // A fixed-size load where possible: a copy of variable length into a buffer defeats store-to-load
    // forwarding and stalled this loop (measured).
    let x = match bytes.first_chunk::<KEY_LEN>() {
        Some(&w) => u32::from_le_bytes(w),
        None => {
            let mut w = [b' '; KEY_LEN];
            for (d, &b) in w.iter_mut().zip(bytes) {
                *d = b;
            }
            u32::from_le_bytes(w)
        }
    };
    // The classic zero-byte test: the lowest flagged byte is exactly the first zero byte (borrows can
    // only flag bytes after it). Zero bytes of these two words are spaces and bytes ≥ 0xE0.
    let zero = |v: u32| v.wrapping_sub(0x0101_0101) & !v & 0x8080_8080;
    let cuts = zero(x ^ 0x2020_2020) | zero((x & 0xE0E0_E0E0) ^ 0xE0E0_E0E0);
    let len = (cuts.trailing_zeros() / 8).min(KEY_LEN as u32);
    let kept = u64::from(x) & ((1u64 << (8 * len)) - 1);
    kept | u64::from(len) << 32
}

/// 0x80 in every zero byte of `v`, 0 elsewhere (exact: no borrow crosses bytes).
fn zero_bytes(v: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((v & LOW7) + LOW7) | v | LOW7)
}

fn key_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - KEY_BITS)) as usize
}

/// Crossings, countries, and the automaton that finds their names.
pub struct Gazetteer {
    crossings: Vec<Crossing>,
    countries: CountryTable,
    /// Crossing indices sorted by id, for `index_of` (binary search).
    by_id: Vec<u32>,
    /// Folded id of crossing `i` as string `i`, for `lookup` and `search`.
    folded_ids: Strings,
    /// Every distinct folded name; name number `p` is pattern `p` of the automaton.
    by_folded: NameTable,
    /// Packed targets of pattern `p` at `targets[target_ends[p - 1]..target_ends[p]]`, in the order
    /// hits are reported: strong crossings, weak crossings (each in data order), countries and regions.
    targets: Vec<u32>,
    target_ends: Vec<u32>,
    /// Bit set over `key_bit(word_key(name))` of every name matched at a word start (see `word_key`).
    start_keys: Vec<u64>,
    /// Some name starts in an unspaced script (it may start anywhere, not only after a space).
    has_unspaced: bool,
    automaton: AhoCorasick,
}

static BUILTIN: OnceLock<Result<Gazetteer, GazetteerError>> = OnceLock::new();

/// Names starting in an unspaced script go into the automaton as they are; every other name with a
/// leading space, so it can only match at a word start (text is searched with a leading space).
fn is_spaced(name: &str) -> bool {
    !name.chars().next().is_some_and(is_unspaced_script)
}

fn too_many(patterns: usize) -> GazetteerError {
    GazetteerError::Automaton {
        patterns,
        message: "more names or crossings than a 32-bit index holds".into(),
    }
}

/// Crossing indices sorted by id; the error names the first id (in data order) seen twice.
fn sorted_ids(crossings: &[Crossing]) -> Result<Vec<u32>, GazetteerError> {
    let id = |i: u32| crossings.get(i as usize).map_or("", |c| c.id.as_str());
    let mut order = (0..crossings.len())
        .map(u32::try_from)
        .collect::<Result<Vec<u32>, _>>()
        .map_err(|_| too_many(crossings.len()))?;
    order.sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
    if order.windows(2).any(|w| id(w[0]) == id(w[1])) {
        let mut seen = HashSet::new();
        for c in crossings {
            if !seen.insert(c.id.as_str()) {
                return Err(GazetteerError::DuplicateId(c.id.clone()));
            }
        }
    }
    Ok(order)
}

impl Gazetteer {
    /// The built-in gazetteer (data files compiled into the binary), parsed once.
    ///
    /// # Panics
    /// When the built-in data is malformed: a programming error that the crate's tests catch; the
    /// message names the file and line. Use [`Gazetteer::try_builtin`] to handle it instead.
    pub fn builtin() -> &'static Gazetteer {
        match Self::try_builtin() {
            Ok(g) => g,
            Err(e) => panic!("borderwatch-gazetteer: invalid built-in data: {e}"),
        }
    }

    /// The built-in gazetteer, or the error that makes the built-in data unusable.
    pub fn try_builtin() -> Result<&'static Gazetteer, &'static GazetteerError> {
        BUILTIN.get_or_init(load_builtin).as_ref()
    }

    /// Builds a gazetteer from crossings and a country table (checks ids, folds aliases, builds the automaton).
    pub fn new(
        crossings: Vec<Crossing>,
        countries: CountryTable,
    ) -> Result<Gazetteer, GazetteerError> {
        let by_id = sorted_ids(&crossings)?;

        // Crossing aliases first, so that a name shared with a country reports the crossing first.
        let mut names = NameTable::default();
        let mut folded_ids = Strings::default();
        // (pattern, packed crossing), in data order.
        let mut crossing_targets: Vec<(u32, u32)> = Vec::new();
        // This crossing's patterns → weak (false wins: one strong alias makes the name strong).
        let mut own: Vec<(u32, bool)> = Vec::new();
        let pattern = |names: &mut NameTable, f: &str| {
            names
                .insert(f)
                .and_then(|p| u32::try_from(p).ok())
                .ok_or_else(|| too_many(names.len()))
        };
        // One buffer for every fold: a fresh String per alias would leave the heap full of holes.
        let mut buf = Folded::default();
        for (i, c) in crossings.iter().enumerate() {
            fold_into(&c.id, &mut buf);
            folded_ids
                .push(&buf.text)
                .ok_or_else(|| too_many(crossings.len()))?;
            own.clear();
            for a in &c.aliases {
                fold_into(&a.text, &mut buf);
                if buf.text.is_empty() {
                    continue;
                }
                let p = pattern(&mut names, &buf.text)?;
                // A name that folds onto an everyday word ("Pharr" → "far") is weak whatever the data
                // says: as a plain word it is almost never the crossing.
                let weak = a.weak || is_common_word(&buf.text);
                match own.iter_mut().find(|(q, _)| *q == p) {
                    Some(entry) => entry.1 &= weak,
                    None => own.push((p, weak)),
                }
            }
            for &(p, weak) in &own {
                let t = pack(if weak { TAG_WEAK } else { TAG_STRONG }, i)
                    .ok_or_else(|| too_many(crossings.len()))?;
                crossing_targets.push((p, t));
            }
        }

        let mut other_targets: Vec<(u32, u32)> = Vec::new();
        for (ci, country) in countries.countries.iter().enumerate() {
            for name in std::iter::once(&country.name).chain(&country.aliases) {
                fold_into(name, &mut buf);
                if !buf.text.is_empty() {
                    let t = pack(TAG_COUNTRY, ci).ok_or_else(|| too_many(ci))?;
                    other_targets.push((pattern(&mut names, &buf.text)?, t));
                }
            }
        }
        for (ri, region) in countries.regions.iter().enumerate() {
            for name in std::iter::once(&region.name).chain(&region.aliases) {
                fold_into(name, &mut buf);
                if !buf.text.is_empty() {
                    let t = pack(TAG_REGION, ri).ok_or_else(|| too_many(ri))?;
                    other_targets.push((pattern(&mut names, &buf.text)?, t));
                }
            }
        }

        // Per pattern: strong crossings, then weak ones (separate hits, strong first, so the linker can
        // trust the strong ones without a border word), then the other kinds, each once. Stable sorts
        // keep data order within each group.
        crossing_targets.sort_by_key(|&(p, t)| (p, tag(t)));
        other_targets.sort_by_key(|&(p, _)| p);
        let n = names.len();
        let mut targets = Vec::with_capacity(crossing_targets.len() + other_targets.len());
        let mut target_ends = Vec::with_capacity(n);
        let (mut a, mut b) = (0, 0);
        for p in 0..n {
            while let Some(&(q, t)) = crossing_targets.get(a)
                && q as usize == p
            {
                targets.push(t);
                a += 1;
            }
            let first_other = targets.len();
            while let Some(&(q, t)) = other_targets.get(b)
                && q as usize == p
            {
                b += 1;
                let seen = targets
                    .get(first_other..)
                    .unwrap_or_default()
                    .iter()
                    .any(|&u| same_kind(&countries, u, t));
                if !seen {
                    targets.push(t);
                }
            }
            target_ends.push(u32::try_from(targets.len()).map_err(|_| too_many(n))?);
        }

        let mut start_keys = vec![0u64; (1usize << KEY_BITS) / 64];
        let mut has_unspaced = false;
        for name in names.strings.iter() {
            if is_spaced(name) {
                let bit = key_bit(word_key(name.as_bytes()));
                if let Some(w) = start_keys.get_mut(bit / 64) {
                    *w |= 1 << (bit % 64);
                }
            } else {
                has_unspaced = true;
            }
        }

        // The patterns as slices of one buffer, each name after a space (included when the name is
        // spaced): a String per pattern would leave the heap full of holes once freed.
        let mut spaced = String::with_capacity(names.strings.text.len() + n);
        let mut patterns = Vec::with_capacity(n);
        for name in names.strings.iter() {
            spaced.push(' ');
            let from = spaced.len() - usize::from(is_spaced(name));
            spaced.push_str(name);
            patterns.push((from, spaced.len()));
        }
        // A contiguous NFA: measured against a full DFA on the built-in data it scans as fast (the
        // scan is dominated by folding), builds 3× faster and takes a quarter of the memory
        // (BENCHMARKS.md). Searches are anchored at the word starts that the prefilter lets through.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .start_kind(StartKind::Anchored)
            .prefilter(false)
            .build(
                patterns
                    .iter()
                    .map(|&(a, b)| spaced.get(a..b).unwrap_or_default()),
            )
            .map_err(|e| GazetteerError::Automaton {
                patterns: n,
                message: e.to_string(),
            })?;

        names.strings.shrink_to_fit();
        folded_ids.shrink_to_fit();
        targets.shrink_to_fit();
        Ok(Gazetteer {
            crossings,
            countries,
            by_id,
            folded_ids,
            by_folded: names,
            targets,
            target_ends,
            start_keys,
            has_unspaced,
            automaton,
        })
    }

    /// A copy of this gazetteer extended by `extra`: an entry with a known id replaces it; a new id is added.
    pub fn extended(&self, extra: Vec<Crossing>) -> Result<Gazetteer, GazetteerError> {
        let mut crossings = self.crossings.clone();
        let mut added: HashMap<String, usize> = HashMap::new();
        for c in extra {
            let known = self.index_of(&c.id).or_else(|| added.get(&c.id).copied());
            match known.and_then(|i| crossings.get_mut(i)) {
                Some(slot) => *slot = c,
                None => {
                    added.insert(c.id.clone(), crossings.len());
                    crossings.push(c);
                }
            }
        }
        Gazetteer::new(crossings, self.countries.clone())
    }

    pub fn crossings(&self) -> &[Crossing] {
        &self.crossings
    }

    pub fn countries(&self) -> &CountryTable {
        &self.countries
    }

    /// Index of the crossing with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        let id_of = |i: u32| self.crossings.get(i as usize).map_or("", |c| c.id.as_str());
        let k = self.by_id.binary_search_by(|&i| id_of(i).cmp(id)).ok()?;
        self.by_id.get(k).map(|&i| i as usize)
    }

    pub fn by_id(&self, id: &str) -> Option<&Crossing> {
        self.index_of(id).and_then(|i| self.crossings.get(i))
    }

    /// Packed targets of pattern `p`.
    fn targets_of(&self, p: usize) -> &[u32] {
        let start = match p.checked_sub(1) {
            Some(q) => self.target_ends.get(q).map_or(0, |&e| e as usize),
            None => 0,
        };
        let end = self.target_ends.get(p).map_or(start, |&e| e as usize);
        self.targets.get(start..end).unwrap_or_default()
    }

    /// Crossings named by pattern `p`, weak or not.
    fn crossings_of(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        self.targets_of(p)
            .iter()
            .filter(|&&t| tag(t) <= TAG_WEAK)
            .map(|&t| index(t))
    }

    /// Crossings whose id or any alias equals `name` after folding (several when the name is shared).
    pub fn lookup(&self, name: &str) -> Vec<usize> {
        if let Some(i) = self.index_of(name) {
            return vec![i];
        }
        let f = fold(name);
        if f.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<usize> = self
            .by_folded
            .get(&f)
            .map(|p| self.crossings_of(p).collect())
            .unwrap_or_default();
        out.extend(
            self.folded_ids
                .iter()
                .enumerate()
                .filter(|(_, id)| *id == f)
                .map(|(i, _)| i),
        );
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Crossings whose id or some alias contains the folded `query` (any script); best matches first.
    ///
    /// Ranking: the id itself or an alias equal to the query, then an alias or id starting with it, then
    /// one containing it; ties keep data order.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let q = fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        let rank_of = |name: &str| {
            if name == q {
                Some(0u8)
            } else if name.starts_with(&q) {
                Some(1)
            } else if name.contains(&q) {
                Some(2)
            } else {
                None
            }
        };
        // Best rank per crossing over its folded id and every name pattern naming it.
        let mut rank = vec![u8::MAX; self.crossings.len()];
        for (i, id) in self.folded_ids.iter().enumerate() {
            if let (Some(r), Some(slot)) = (rank_of(id), rank.get_mut(i)) {
                *slot = (*slot).min(r);
            }
        }
        for (p, name) in self.by_folded.strings.iter().enumerate() {
            let Some(r) = rank_of(name) else {
                continue;
            };
            for i in self.crossings_of(p) {
                if let Some(slot) = rank.get_mut(i) {
                    *slot = (*slot).min(r);
                }
            }
        }
        if let Some(slot) = self.index_of(query.trim()).and_then(|i| rank.get_mut(i)) {
            *slot = 0;
        }
        let mut ranked: Vec<(u8, usize)> = rank
            .into_iter()
            .enumerate()
            .filter(|&(_, r)| r != u8::MAX)
            .map(|(i, r)| (r, i))
            .collect();
        ranked.sort_unstable();
        ranked.into_iter().map(|(_, i)| i).collect()
    }

    /// Crossings on the border between `a` and `b` (ISO codes, any case).
    pub fn on_border(&self, a: &str, b: &str) -> Vec<usize> {
        let (a, b) = (a.to_ascii_uppercase(), b.to_ascii_uppercase());
        (0..self.crossings.len())
            .filter(|&i| self.crossings[i].on_border(&a, &b))
            .collect()
    }

    /// Crossings with `country` on one side (ISO code, any case).
    pub fn in_country(&self, country: &str) -> Vec<usize> {
        let country = country.to_ascii_uppercase();
        (0..self.crossings.len())
            .filter(|&i| self.crossings[i].touches(&country))
            .collect()
    }

    /// Every crossing, country and region name in `text`, in text order, longest match at each place,
    /// whole words only. One pass over the folded text; the automaton runs only at word starts that
    /// may begin a name.
    ///
    /// A name that both a crossing and a country carry gives one hit per kind, crossings first, with
    /// the same span. In scripts written without spaces (Chinese, Japanese, Thai, …) a name may stand
    /// inside a longer run of letters.
    pub fn find_names(&self, text: &str) -> Vec<NameHit> {
        let mut folded = Folded::default();
        self.find_names_with(text, &mut folded)
    }

    /// As [`Gazetteer::find_names`], reusing `buf` for the folded text (for callers scanning many texts).
    ///
    /// What is found is what a leftmost-longest scan of the whole folded text finds: the first place
    /// where some name matches, the longest name there, then on from its end (or from the next char
    /// when it is not a whole word). Only word starts whose first bytes begin some name (`word_key`)
    /// and chars of unspaced scripts can be such places, so only those are searched, anchored.
    pub fn find_names_with(&self, text: &str, buf: &mut Folded) -> Vec<NameHit> {
        // A leading space lets the space-prefixed patterns match the first word too. It maps to offset
        // 0 like the text's first char; no name ever starts on it.
        fold_into_padded(text, buf, true);
        let hay = buf.text.as_str();
        let bytes = hay.as_bytes();
        let mut hits = Vec::new();
        let mut s = 0;
        while s < bytes.len() {
            // Eight bytes at a time to the next space (or lead byte of a possibly unspaced char): a
            // byte-by-byte loop mispredicts its branch at every word.
            let rest = bytes.get(s..).unwrap_or_default();
            let (x, n) = match rest.first_chunk::<8>() {
                Some(&w) => (u64::from_le_bytes(w), 8),
                None => {
                    let mut w = [0u8; 8];
                    for (d, &b) in w.iter_mut().zip(rest) {
                        *d = b;
                    }
                    (u64::from_le_bytes(w), rest.len())
                }
            };
            let mut marks = zero_bytes(x ^ 0x2020_2020_2020_2020);
            if self.has_unspaced {
                marks |= zero_bytes((x & 0xE0E0_E0E0_E0E0_E0E0) ^ 0xE0E0_E0E0_E0E0_E0E0);
            }
            if marks == 0 {
                s += n;
                continue;
            }
            let at = s + (marks.trailing_zeros() / 8) as usize;
            s = at + 1;
            let candidate = if bytes.get(at) == Some(&b' ') {
                let bit = key_bit(word_key(bytes.get(at + 1..).unwrap_or_default()));
                self.start_keys
                    .get(bit / 64)
                    .is_some_and(|w| w & (1 << (bit % 64)) != 0)
            } else {
                hay.get(at..)
                    .and_then(|h| h.chars().next())
                    .is_some_and(is_unspaced_script)
            };
            if candidate && let Some((q, start, end)) = self.name_at(hay, at) {
                self.push_hits(text, buf, q, start, end, &mut hits);
                s = end;
            }
        }
        hits
    }

    /// The name accepted at folded byte `s` (pattern, start, end), if any: the longest name matching
    /// there when it ends a word, else the longest of its word prefixes.
    fn name_at(&self, hay: &str, s: usize) -> Option<(usize, usize, usize)> {
        let input = Input::new(hay).span(s..hay.len()).anchored(Anchored::Yes);
        let m = self.automaton.try_find(input).ok().flatten()?;
        let (p, end) = (m.pattern().as_usize(), m.end());
        let spaced = hay.as_bytes().get(m.start()) == Some(&b' ');
        let start = m.start() + usize::from(spaced);
        if !(spaced || starts_word(hay, start)) {
            return None;
        }
        if ends_word(hay, end) {
            return Some((p, start, end));
        }
        // The longest name that stops at a word boundary inside this match; its end is a space in the
        // text, since the text matched the longer name there.
        // Looked up here rather than stored per pattern: this is rare, and the table is large.
        let name = self.by_folded.name(p);
        let (q, len) = name
            .match_indices(' ')
            .rev()
            .find_map(|(i, _)| Some((self.by_folded.get(name.get(..i)?)?, i)))?;
        Some((q, start, start + len))
    }

    fn push_hits(
        &self,
        text: &str,
        buf: &Folded,
        p: usize,
        start: usize,
        end: usize,
        hits: &mut Vec<NameHit>,
    ) {
        let Some((s, e)) = buf.original_span(text, start, end) else {
            return;
        };
        let targets = self.targets_of(p);
        for (want, weak) in [(TAG_STRONG, false), (TAG_WEAK, true)] {
            let group: Vec<usize> = targets
                .iter()
                .filter(|&&t| tag(t) == want)
                .map(|&t| index(t))
                .collect();
            if !group.is_empty() {
                hits.push(NameHit {
                    start: s,
                    end: e,
                    kind: NameKind::Crossing(group),
                    weak,
                });
            }
        }
        for &t in targets {
            if let Some(kind) = other_kind(&self.countries, t) {
                hits.push(NameHit {
                    start: s,
                    end: e,
                    kind,
                    weak: false,
                });
            }
        }
    }

    /// Counts for the coverage report.
    pub fn stats(&self) -> Stats {
        let mut s = Stats {
            crossings: self.crossings.len(),
            ..Stats::default()
        };
        for c in &self.crossings {
            let mut pair = [c.countries[0].clone(), c.countries[1].clone()];
            pair.sort();
            *s.per_pair.entry(pair.join("-")).or_default() += 1;
            for code in &c.countries {
                *s.per_country.entry(code.clone()).or_default() += 1;
            }
            s.aliases += c.aliases.len();
            for a in &c.aliases {
                *s.per_script
                    .entry(script_of_text(&a.text).to_string())
                    .or_default() += 1;
            }
        }
        s
    }
}

/// The country or region a packed target names (`None` for crossings and for an index out of range).
fn other_kind(countries: &CountryTable, t: u32) -> Option<NameKind> {
    match tag(t) {
        TAG_COUNTRY => countries
            .countries
            .get(index(t))
            .map(|c| NameKind::Country(c.code.clone())),
        TAG_REGION => countries.regions.get(index(t)).map(|r| NameKind::Region {
            name: r.name.clone(),
            country: r.country.clone(),
        }),
        _ => None,
    }
}

/// Two packed country/region targets that report the same [`NameKind`] (two table rows may agree).
fn same_kind(countries: &CountryTable, a: u32, b: u32) -> bool {
    a == b || other_kind(countries, a).is_some_and(|k| other_kind(countries, b) == Some(k))
}

/// The folded text has only letters, digits and single spaces, so a word starts after a space; in
/// unspaced scripts any letter may start one.
fn starts_word(hay: &str, start: usize) -> bool {
    let Some(before) = hay.get(..start).and_then(|h| h.chars().next_back()) else {
        return true;
    };
    before == ' '
        || is_unspaced_script(before)
        || hay
            .get(start..)
            .and_then(|h| h.chars().next())
            .is_some_and(is_unspaced_script)
}

fn ends_word(hay: &str, end: usize) -> bool {
    let Some(after) = hay.get(end..).and_then(|h| h.chars().next()) else {
        return true;
    };
    after == ' '
        || is_unspaced_script(after)
        || hay
            .get(..end)
            .and_then(|h| h.chars().next_back())
            .is_some_and(is_unspaced_script)
}

fn load_builtin() -> Result<Gazetteer, GazetteerError> {
    let (cfile, ctext) = builtin_countries_file();
    let countries: CountryTable = toml::from_str(ctext).map_err(|e| GazetteerError::Data {
        file: cfile.to_string(),
        message: e.to_string(),
    })?;
    let mut crossings = Vec::new();
    let mut seen: HashMap<String, &str> = HashMap::new();
    for &(file, text) in builtin_crossing_files() {
        for c in parse_crossings_toml(file, text)? {
            if let Some(first) = seen.insert(c.id.clone(), file) {
                return Err(GazetteerError::Data {
                    file: file.to_string(),
                    message: format!("crossing id {:?} already defined in {first}", c.id),
                });
            }
            crossings.push(c);
        }
    }
    Gazetteer::new(crossings, countries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Alias;

    fn crossing(id: &str, names: &[(&str, bool, bool)], countries: [&str; 2]) -> Crossing {
        Crossing {
            id: id.into(),
            name: names.first().map_or(id, |n| n.0).into(),
            countries: countries.map(String::from),
            regions: Vec::new(),
            lat: None,
            lon: None,
            modes: Vec::new(),
            aliases: names
                .iter()
                .map(|&(t, weak, shared)| Alias {
                    text: t.into(),
                    lang: "en".into(),
                    weak,
                    shared,
                })
                .collect(),
            sources: vec!["curated".into()],
            coord_source: None,
            official: true,
        }
    }

    /// Parsed from TOML rather than built field by field, so new optional fields need no change here.
    fn table() -> CountryTable {
        let text = r#"
[[country]]
code = "AA"
name = "Alpha"
aliases = ["Alphan", "Gamma"]
neighbours = ["BB"]
bbox = [0.0, 0.0, 1.0, 1.0]

[[country]]
code = "BB"
name = "Beta"
neighbours = ["AA"]
bbox = [1.0, 0.0, 2.0, 1.0]

[[region]]
name = "North Province"
country = "BB"
aliases = ["the North"]
"#;
        match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => panic!("test table: {e}"),
        }
    }

    fn sample() -> Gazetteer {
        let cs = vec![
            crossing(
                "aa-bb-gamma",
                &[("Gamma", false, false), ("Gamma Gate", false, false)],
                ["AA", "BB"],
            ),
            crossing(
                "aa-bb-twin-east",
                &[("Twin East", false, false), ("Twin", false, true)],
                ["AA", "BB"],
            ),
            crossing(
                "aa-bb-twin-west",
                &[
                    ("Twin West", false, false),
                    ("Twin", false, true),
                    ("Mill", true, false),
                ],
                ["BB", "AA"],
            ),
            crossing("bb-cc-far", &[("Far Post", false, false)], ["BB", "CC"]),
        ];
        match Gazetteer::new(cs, table()) {
            Ok(g) => g,
            Err(e) => panic!("sample gazetteer: {e}"),
        }
    }

    fn spans<'t>(text: &'t str, hits: &[NameHit]) -> Vec<(&'t str, NameKind, bool)> {
        hits.iter()
            .map(|h| (&text[h.start..h.end], h.kind.clone(), h.weak))
            .collect()
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let c = crossing("aa-bb-x", &[("X", false, false)], ["AA", "BB"]);
        let err = Gazetteer::new(vec![c.clone(), c], table()).err();
        assert!(matches!(err, Some(GazetteerError::DuplicateId(id)) if id == "aa-bb-x"));
    }

    #[test]
    fn shared_names_name_all_and_countries_come_after_crossings() {
        let g = sample();
        let text = "Trucks queued at Twin, and the Gamma gates of Alpha, near the north.";
        let hits = g.find_names(text);
        assert_eq!(
            spans(text, &hits),
            vec![
                ("Twin", NameKind::Crossing(vec![1, 2]), false),
                ("Gamma", NameKind::Crossing(vec![0]), false),
                ("Gamma", NameKind::Country("AA".into()), false),
                ("Alpha", NameKind::Country("AA".into()), false),
                (
                    "the north",
                    NameKind::Region {
                        name: "North Province".into(),
                        country: "BB".into()
                    },
                    false
                ),
            ]
        );
    }

    #[test]
    fn longest_whole_word_name_wins() {
        let g = sample();
        let text = "At Gamma Gate: Twin West. Gamma Gateway, Twinning, Millstone; Mill.";
        let hits = g.find_names(text);
        let got: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
        // "Gamma Gateway": the longer alias runs into a longer word, so the shorter one is reported.
        assert_eq!(
            got,
            vec!["Gamma Gate", "Twin West", "Gamma", "Gamma", "Mill"]
        );
        let mill = hits.last().map(|h| (h.weak, h.kind.clone()));
        assert_eq!(mill, Some((true, NameKind::Crossing(vec![2]))));
    }

    #[test]
    fn lookup_search_and_borders() {
        let g = sample();
        assert_eq!(g.lookup("TWIN"), vec![1, 2]);
        assert_eq!(g.lookup("aa-bb-gamma"), vec![0]);
        assert_eq!(g.lookup("gamma gate"), vec![0]);
        assert_eq!(g.lookup("Gam"), Vec::<usize>::new());
        assert_eq!(g.lookup("  "), Vec::<usize>::new());
        assert_eq!(g.search("twin"), vec![1, 2]);
        assert_eq!(g.search("west"), vec![2]);
        assert_eq!(g.search("aa-bb-tw"), vec![1, 2]);
        assert_eq!(g.search("far"), vec![3]);
        assert_eq!(g.search("..."), Vec::<usize>::new());
        assert_eq!(g.on_border("bb", "AA"), vec![0, 1, 2]);
        assert_eq!(g.in_country("CC"), vec![3]);
        assert_eq!(g.index_of("bb-cc-far"), Some(3));
        assert_eq!(g.index_of("nope"), None);
    }

    #[test]
    fn extended_replaces_and_adds() {
        let g = sample();
        let replaced = crossing("bb-cc-far", &[("Distant Post", false, false)], ["BB", "CC"]);
        let added = crossing("aa-cc-new", &[("Newgate", false, false)], ["AA", "CC"]);
        let Ok(e) = g.extended(vec![replaced, added]) else {
            panic!("extension failed");
        };
        assert_eq!(e.crossings().len(), 5);
        assert_eq!(e.lookup("Distant Post"), vec![3]);
        assert!(e.lookup("Far Post").is_empty());
        assert_eq!(e.lookup("newgate"), vec![4]);
        assert_eq!(g.crossings().len(), 4);
    }

    #[test]
    fn stats_count_pairs_and_scripts() {
        let mut cs = vec![crossing(
            "aa-bb-x",
            &[("X", false, false), ("إكس", false, false)],
            ["BB", "AA"],
        )];
        cs.push(crossing("aa-cc-y", &[("Y", false, false)], ["AA", "CC"]));
        let Ok(g) = Gazetteer::new(cs, table()) else {
            panic!("build failed");
        };
        let s = g.stats();
        assert_eq!(s.crossings, 2);
        assert_eq!(s.aliases, 3);
        assert_eq!(s.per_pair.get("AA-BB"), Some(&1));
        assert_eq!(s.per_pair.get("AA-CC"), Some(&1));
        assert_eq!(s.per_country.get("AA"), Some(&2));
        assert_eq!(s.per_script.get("Latin"), Some(&2));
        assert_eq!(s.per_script.get("Arabic"), Some(&1));
    }

    #[test]
    fn unspaced_scripts_match_inside_letter_runs() {
        let cs = vec![crossing(
            "cn-kz-khorgos",
            &[("Khorgos", false, false), ("霍尔果斯", false, false)],
            ["CN", "KZ"],
        )];
        let Ok(g) = Gazetteer::new(cs, CountryTable::default()) else {
            panic!("build failed");
        };
        let text = "昨日霍尔果斯口岸恢复通关";
        let hits = g.find_names(text);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].start..hits[0].end], "霍尔果斯");
        assert!(g.find_names("Khorgosian").is_empty());
    }

    /// The scan only searches word starts whose first bytes (`word_key`) begin some name: names
    /// shorter than the key, names ending before a char of an unspaced script, names with non-ASCII
    /// letters and a word-prefix fallback must all still be found.
    #[test]
    fn prefilter_keeps_every_kind_of_word_start() {
        let cs = vec![
            crossing(
                "aa-bb-ab",
                &[("Ab", false, false), ("Ab Cdefgh Ij", false, false)],
                ["AA", "BB"],
            ),
            crossing("aa-bb-kor", &[("Kör", false, false)], ["AA", "BB"]),
            crossing("aa-bb-elka", &[("Ёлка Пост", false, false)], ["AA", "BB"]),
        ];
        let Ok(g) = Gazetteer::new(cs, table()) else {
            panic!("build failed");
        };
        let found = |text: &str| -> Vec<String> {
            g.find_names(text)
                .iter()
                .map(|h| text[h.start..h.end].to_string())
                .collect()
        };
        assert_eq!(found("Ab"), vec!["Ab"]);
        assert_eq!(found("at ab. Ab Cdefgh Ij"), vec!["ab", "Ab Cdefgh Ij"]);
        // The longer name runs into a longer word: its word prefix "Ab" is reported instead.
        assert_eq!(found("Ab Cdefgh Ijk"), vec!["Ab"]);
        assert_eq!(found("ab霍尔 abc kora"), vec!["ab"]);
        assert_eq!(found("(KOR) ёлка пост!"), vec!["KOR", "ёлка пост"]);
        assert!(found("Abc Kö").is_empty());
    }

    /// Enough names that the name table grows several times; every one is still found by look-up.
    #[test]
    fn name_table_grows_and_finds_every_name() {
        let cs: Vec<Crossing> = (0..3000)
            .map(|i| {
                let name = format!("Post {i} Nord");
                crossing(
                    &format!("aa-bb-{i}"),
                    &[(name.as_str(), false, false)],
                    ["AA", "BB"],
                )
            })
            .collect();
        let Ok(g) = Gazetteer::new(cs, CountryTable::default()) else {
            panic!("build failed");
        };
        for i in (0..3000).step_by(7) {
            assert_eq!(g.lookup(&format!("post {i} nord")), vec![i]);
            assert_eq!(g.index_of(&format!("aa-bb-{i}")), Some(i));
        }
        assert!(g.lookup("post 3000 nord").is_empty());
        let text = "Trucks left Post 17 Nord and Post 2999 Nord.";
        let hits: Vec<NameKind> = g.find_names(text).into_iter().map(|h| h.kind).collect();
        assert_eq!(
            hits,
            vec![NameKind::Crossing(vec![17]), NameKind::Crossing(vec![2999])]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Any text: no panic, hits in order, spans on char boundaries and folding back to a name.
        #[test]
        fn find_names_spans_are_sound(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::Just("Twin West".to_string()),
                    proptest::prelude::Just("GAMMA".to_string()),
                    proptest::prelude::Just("al-Mill".to_string()),
                    "\\PC{0,8}",
                ],
                0..8,
            )
        ) {
            let g = sample();
            let text = parts.join(" ");
            let hits = g.find_names(&text);
            let mut last = 0;
            for h in &hits {
                proptest::prop_assert!(h.start < h.end && h.start >= last);
                proptest::prop_assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
                let found = fold(&text[h.start..h.end]);
                proptest::prop_assert!(g.by_folded.contains_key(&found), "{found:?}");
                last = h.start;
            }
        }
    }
}
