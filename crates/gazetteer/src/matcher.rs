//! The gazetteer proper: crossings + countries + one automaton over every folded name.

use crate::{CountryTable, Crossing, Stats};

/// Why a gazetteer could not be built.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{file}: {message}")]
    Data { file: String, message: String },
    #[error("duplicate crossing id {0:?}")]
    DuplicateId(String),
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

/// Crossings, countries, and the automaton that finds their names.
pub struct Gazetteer {
    crossings: Vec<Crossing>,
    countries: CountryTable,
}

impl Gazetteer {
    /// The built-in gazetteer (data files compiled into the binary), parsed once.
    pub fn builtin() -> &'static Gazetteer {
        todo!()
    }

    /// Builds a gazetteer from crossings and a country table (checks ids, folds aliases, builds the automaton).
    pub fn new(crossings: Vec<Crossing>, countries: CountryTable) -> Result<Gazetteer, GazetteerError> {
        let _ = (&crossings, &countries);
        todo!()
    }

    /// A copy of this gazetteer extended by `extra`: an entry with a known id replaces it; a new id is added.
    pub fn extended(&self, extra: Vec<Crossing>) -> Result<Gazetteer, GazetteerError> {
        let _ = extra;
        todo!()
    }

    pub fn crossings(&self) -> &[Crossing] {
        &self.crossings
    }

    pub fn countries(&self) -> &CountryTable {
        &self.countries
    }

    /// Index of the crossing with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        let _ = id;
        todo!()
    }

    pub fn by_id(&self, id: &str) -> Option<&Crossing> {
        self.index_of(id).map(|i| &self.crossings[i])
    }

    /// Crossings whose id or any alias equals `name` after folding (several when the name is shared).
    pub fn lookup(&self, name: &str) -> Vec<usize> {
        let _ = name;
        todo!()
    }

    /// Crossings whose id or some alias contains the folded `query` (any script); best matches first.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let _ = query;
        todo!()
    }

    /// Crossings on the border between `a` and `b`.
    pub fn on_border(&self, a: &str, b: &str) -> Vec<usize> {
        let _ = (a, b);
        todo!()
    }

    /// Crossings with `country` on one side.
    pub fn in_country(&self, country: &str) -> Vec<usize> {
        let _ = country;
        todo!()
    }

    /// Every crossing, country and region name in `text`, in text order, longest match at each place,
    /// whole words only. One automaton pass over the folded text.
    pub fn find_names(&self, text: &str) -> Vec<NameHit> {
        let _ = text;
        todo!()
    }

    /// Counts for the coverage report.
    pub fn stats(&self) -> Stats {
        todo!()
    }
}
