//! The coverage report: crossings per country pair, aliases per script.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    pub crossings: usize,
    pub aliases: usize,
    /// "IQ-IR" (codes sorted) → number of crossings.
    pub per_pair: BTreeMap<String, usize>,
    /// Unicode script name ("Latin", "Arabic", "Cyrillic", "Han", "Hebrew", …) → number of aliases.
    pub per_script: BTreeMap<String, usize>,
    /// ISO code → number of crossings touching it.
    pub per_country: BTreeMap<String, usize>,
}
