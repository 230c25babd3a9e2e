//! What users ask of borderwatch and tell it, over any [`Store`] and the gazetteer: the layer the CLI
//! and the HTTP server share, so both give the same answer to the same question.
//!
//! - [`bidi`]: which languages are written right to left, and report text set apart (isolated) for
//!   a left-to-right line or page.
//! - [`names`]: the crossing a user names (an id, an alias in any script, a part of one).
//! - [`status`]: a crossing's status on a day, since when, on whose word (quoted evidence), and the
//!   status of many crossings at once.
//! - [`freshness`]: when a status was last confirmed, its age, and whether it is stale (unconfirmed)
//!   against a horizon set per crossing, per country or for all.
//! - [`plain`]: the sentences a person reads (status, conflicts, plans, denials, why this status),
//!   written once for the CLI and the pages.
//! - [`changes`]: status changes (one per timeline interval start), for feeds and webhooks.
//! - [`ingest`]: one report in — extracted, stored, fused — with the claims it made.
//! - [`export`]: every crossing with its status as GeoJSON (RFC 7946) or CSV (optionally with HXL tags).
//!
//! Invariant: no network, no async, no clock except where a function says so; storage only through
//! the [`Store`] trait, so a second backend needs no change here.

pub mod bidi;
pub mod changes;
pub mod export;
pub mod freshness;
pub mod ingest;
pub mod names;
pub mod plain;
pub mod status;

use borderwatch_gazetteer::{Crossing, Gazetteer};
use borderwatch_store::{Store, StoreError, refresh_if_dirty};

/// Why a question could not be answered. Messages say what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "no crossing is named {0:?}; search the names with `borderwatch crossings {0}` or /crossings?q={0}"
    )]
    NoSuchCrossing(String),
    #[error("{name:?} names {count} crossings; give one of these ids:\n{list}")]
    Ambiguous {
        name: String,
        count: usize,
        /// Up to 20 candidates, one per line: id, name, countries.
        list: String,
        ids: Vec<String>,
    },
    #[error("unknown country code {0:?}: use an ISO 3166-1 alpha-2 code such as IR, IQ, TR")]
    UnknownCountry(String),
    #[error(
        "the store {0} holds no dated report, so there is no default date; ingest reports or give a date"
    )]
    NoDate(String),
}

/// The gazetteer's crossings as fusion takes them, so border-wide claims reach crossings no report
/// names.
pub fn known_crossings(gaz: &Gazetteer) -> Vec<(String, Vec<String>)> {
    gaz.crossings()
        .iter()
        .map(|c| (c.id.clone(), c.countries.to_vec()))
        .collect()
}

/// Makes the materialized rows current before a query: a writer killed before its refresh left the
/// store dirty, and the answer must equal that of an uninterrupted run.
pub fn up_to_date(store: &mut dyn Store, gaz: &Gazetteer) -> Result<(), Error> {
    refresh_if_dirty(store, &known_crossings(gaz))?;
    Ok(())
}

/// The crossing a user named: an id, an alias (any script), else the single search hit. An ambiguous
/// name is an error that lists the candidates.
pub fn resolve<'g>(gaz: &'g Gazetteer, name: &str) -> Result<&'g Crossing, Error> {
    let hits = names::find(gaz, name);
    let found: Vec<&Crossing> = hits
        .iter()
        .filter_map(|&i| gaz.crossings().get(i))
        .collect();
    match found.as_slice() {
        [] => Err(Error::NoSuchCrossing(name.to_string())),
        [one] => Ok(one),
        many => {
            let mut list: Vec<String> = many
                .iter()
                .take(20)
                .map(|c| format!("  {:<28} {} ({})", c.id, c.name, c.countries.join("–")))
                .collect();
            if many.len() > 20 {
                list.push(format!("  … and {} more", many.len() - 20));
            }
            Err(Error::Ambiguous {
                name: name.to_string(),
                count: many.len(),
                list: list.join("\n"),
                ids: many.iter().map(|c| c.id.clone()).collect(),
            })
        }
    }
}

/// The crossings a list asks for, sorted by id: those `q` names (any name or part of one, in any
/// script), else all; narrowed to those with `country` on one side. Empty strings count as absent.
pub fn listed<'g>(
    gaz: &'g Gazetteer,
    q: Option<&str>,
    country: Option<&str>,
) -> Result<Vec<&'g Crossing>, Error> {
    let mut list: Vec<&Crossing> = match q.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => names::find(gaz, text)
            .into_iter()
            .filter_map(|i| gaz.crossings().get(i))
            .collect(),
        None => gaz.crossings().iter().collect(),
    };
    if let Some(cc) = country.filter(|s| !s.is_empty()) {
        let cc = country_code(gaz, cc)?;
        list.retain(|c| c.countries.contains(&cc));
    }
    list.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(list)
}

/// A validated country code, upper case.
pub fn country_code(gaz: &Gazetteer, cc: &str) -> Result<String, Error> {
    let up = cc.trim().to_uppercase();
    if gaz.countries().get(&up).is_none() {
        return Err(Error::UnknownCountry(up));
    }
    Ok(up)
}

/// A country's name, or its code when the gazetteer does not know it.
pub fn country_name(gaz: &Gazetteer, code: &str) -> String {
    gaz.countries()
        .get(code)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| code.to_string())
}

/// "Iran (Kurdistan) – Iraq (Kurdistan Region)": the two sides of a crossing, with regions when known.
pub fn place(gaz: &Gazetteer, c: &Crossing) -> String {
    let side = |k: usize| {
        let name = country_name(gaz, &c.countries[k]);
        match c.regions.get(k).filter(|r| !r.is_empty()) {
            Some(r) => format!("{name} ({r})"),
            None => name,
        }
    };
    format!("{} – {}", side(0), side(1))
}
