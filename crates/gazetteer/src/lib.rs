//! The crossings borderwatch knows, and how text names them.
//!
//! A [`Gazetteer`] holds [`Crossing`]s (the built-in data compiled into the binary, optionally extended by
//! imported dumps), the country table, and one Aho–Corasick automaton over every folded alias, so that
//! finding every crossing and country name in a report costs one pass over its text.
//!
//! Invariant: this crate does no I/O. Data arrives as strings (the built-in files through
//! `include_str!`, imports as text the caller has read) and leaves as values.

mod countries;
mod crossing;
mod fold;
pub mod import;
mod matcher;
mod stats;

pub use countries::{Country, CountryTable, RegionName};
pub use crossing::{Alias, Crossing, CrossingId, Mode};
pub use fold::{fold, fold_with_offsets, Folded};
pub use matcher::{Gazetteer, GazetteerError, NameHit, NameKind};
pub use stats::Stats;
