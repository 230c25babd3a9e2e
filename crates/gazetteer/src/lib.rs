//! The crossings borderwatch knows, and how text names them.
//!
//! A [`Gazetteer`] holds [`Crossing`]s (the built-in data compiled into the binary, optionally extended by
//! imported dumps), the country table, and one Aho–Corasick automaton over every folded alias, so that
//! finding every crossing and country name in a report costs one pass over its text.
//!
//! Invariant: this crate does no I/O. Data arrives as strings (the built-in files through
//! `include_str!`, imports as text the caller has read) and leaves as values.

mod common_words;
mod countries;
mod crossing;
mod fold;
pub mod import;
mod matcher;
mod stats;

pub use countries::{Country, CountryTable, RegionName};
pub use crossing::{Alias, Crossing, CrossingId, DataFileError, Mode, parse_crossings_toml};
pub use fold::{Folded, fold, fold_into, fold_with_offsets};
pub use matcher::{
    Gazetteer, GazetteerError, NameHit, NameKind, builtin_countries_file, builtin_crossing_files,
};
pub use stats::{Stats, script_of, script_of_text};
