//! Folding imported records into a gazetteer: same place → merged, new place → added.
//!
//! "Same place" means an existing crossing on the same border (either order) that lies within
//! [`SAME_PLACE_KM`], or that shares a folded alias with the record. Records also merge into crossings
//! added earlier in the same import, so the two sides of one crossing listed as two rows become one.
//! Nothing here deletes or renames: a merge only adds aliases, sources, modes, and coordinates or
//! regions that the crossing lacked.

use super::geo::{distance_km, valid_point};
use super::{Parsed, Record, RejectReason, Rejected, slug};
use crate::{Crossing, Gazetteer, fold};
use serde::Serialize;
use std::collections::HashSet;

/// Two records on the same border closer than this are one crossing.
pub const SAME_PLACE_KM: f64 = 5.0;

/// A crossing the import added.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Added {
    pub id: String,
    pub name: String,
    pub countries: [String; 2],
    /// The input rows it was built from.
    pub origins: Vec<String>,
}

/// An existing crossing that imported rows were merged into.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Merged {
    pub id: String,
    pub name: String,
    pub origins: Vec<String>,
    /// Aliases it did not have, as `lang:text`.
    pub new_aliases: Vec<String>,
    pub new_sources: Vec<String>,
    /// True when it had no coordinates and got them from the import.
    pub new_coordinates: bool,
}

/// The result of an import: every input row is in exactly one of `added`, `merged` (through
/// `origins`) or `rejected`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ImportOutcome {
    pub added: Vec<Added>,
    pub merged: Vec<Merged>,
    pub rejected: Vec<Rejected>,
    /// Every crossing the import created or changed, in full: what the user gazetteer file must hold
    /// (an entry replaces the crossing with the same id).
    pub crossings: Vec<Crossing>,
}

impl ImportOutcome {
    /// Input rows accounted for: added + merged + rejected.
    pub fn rows(&self) -> usize {
        self.added.iter().map(|a| a.origins.len()).sum::<usize>()
            + self.merged.iter().map(|m| m.origins.len()).sum::<usize>()
            + self.rejected.len()
    }

    /// Rows merged into existing crossings.
    pub fn merged_rows(&self) -> usize {
        self.merged.iter().map(|m| m.origins.len()).sum()
    }

    /// Rows that made new crossings.
    pub fn added_rows(&self) -> usize {
        self.added.iter().map(|a| a.origins.len()).sum()
    }
}

/// Merges bare crossings (each counted as one input row, `record N (name)`).
pub fn merge(existing: &Gazetteer, records: Vec<Crossing>) -> ImportOutcome {
    let records = records
        .into_iter()
        .enumerate()
        .map(|(i, crossing)| Record {
            origins: vec![format!("record {} ({})", i + 1, crossing.name)],
            crossing,
        })
        .collect();
    merge_records(existing, records, Vec::new())
}

/// Merges what a parser made, carrying its rejected rows into the outcome.
pub fn merge_parsed(existing: &Gazetteer, parsed: Parsed) -> ImportOutcome {
    merge_records(existing, parsed.records, parsed.rejected)
}

struct Work {
    crossing: Crossing,
    folded: HashSet<String>,
    /// Index into `added` when this import created it.
    added: Option<usize>,
    /// Index into `merged` once rows were merged into this pre-existing crossing.
    merged: Option<usize>,
    changed: bool,
}

/// Folded aliases; with the canonical name too for crossings already in the gazetteer (whose name is
/// always a real one), not for records (whose name may be a generic label that is no alias).
fn folded_names(c: &Crossing, with_name: bool) -> HashSet<String> {
    with_name
        .then_some(c.name.as_str())
        .into_iter()
        .chain(c.aliases.iter().map(|a| a.text.as_str()))
        .map(fold)
        .filter(|f| !f.is_empty())
        .collect()
}

fn alias_key(lang: &str, text: &str) -> String {
    format!("{lang}:{text}")
}

fn merge_records(
    existing: &Gazetteer,
    records: Vec<Record>,
    rejected: Vec<Rejected>,
) -> ImportOutcome {
    let table = existing.countries();
    let mut out = ImportOutcome {
        rejected,
        ..ImportOutcome::default()
    };
    let mut work: Vec<Work> = existing
        .crossings()
        .iter()
        .map(|c| Work {
            folded: folded_names(c, true),
            crossing: c.clone(),
            added: None,
            merged: None,
            changed: false,
        })
        .collect();
    let mut ids: HashSet<String> = work.iter().map(|w| w.crossing.id.clone()).collect();

    for Record { origins, crossing } in records {
        let reject = |out: &mut ImportOutcome, reason: RejectReason| {
            for o in &origins {
                out.rejected.push(Rejected {
                    record: o.clone(),
                    reason: reason.clone(),
                });
            }
        };
        let [a, b] = &crossing.countries;
        if let Some(bad) = [a, b].into_iter().find(|c| table.get(c).is_none()) {
            reject(&mut out, RejectReason::UnknownCountry(bad.clone()));
            continue;
        }
        if a == b {
            reject(&mut out, RejectReason::SameCountry(a.clone()));
            continue;
        }
        if crossing.name.trim().is_empty() {
            reject(&mut out, RejectReason::NoName);
            continue;
        }
        let point = match (crossing.lat, crossing.lon) {
            (Some(la), Some(lo)) if valid_point(la, lo) => Some((la, lo)),
            (None, None) => None,
            _ => {
                reject(
                    &mut out,
                    RejectReason::Malformed("invalid coordinates".to_string()),
                );
                continue;
            }
        };

        let target = match work
            .iter()
            .position(|w| !crossing.id.is_empty() && w.crossing.id == crossing.id)
        {
            Some(i) if work[i].crossing.on_border(a, b) => Some(i),
            Some(_) => {
                reject(&mut out, RejectReason::BadId(crossing.id.clone()));
                continue;
            }
            None => same_place(&work, &crossing, point),
        };

        match target {
            Some(i) => absorb(&mut work[i], &mut out, crossing, origins),
            None => {
                let id = if !crossing.id.is_empty() && !ids.contains(&crossing.id) {
                    crossing.id.clone()
                } else {
                    new_id(&crossing, &ids)
                };
                ids.insert(id.clone());
                let mut c = crossing;
                c.id = id.clone();
                out.added.push(Added {
                    id,
                    name: c.name.clone(),
                    countries: c.countries.clone(),
                    origins,
                });
                work.push(Work {
                    folded: folded_names(&c, false),
                    crossing: c,
                    added: Some(out.added.len() - 1),
                    merged: None,
                    changed: true,
                });
            }
        }
    }
    out.crossings = work
        .into_iter()
        .filter(|w| w.changed)
        .map(|w| w.crossing)
        .collect();
    out
}

/// The crossing on the same border that is nearest within [`SAME_PLACE_KM`], or failing that the
/// first that shares a folded name.
fn same_place(work: &[Work], c: &Crossing, point: Option<(f64, f64)>) -> Option<usize> {
    let [a, b] = &c.countries;
    let on_border = || {
        work.iter()
            .enumerate()
            .filter(|(_, w)| w.crossing.on_border(a, b))
    };
    if let Some((la, lo)) = point {
        let near = on_border()
            .filter_map(|(i, w)| match (w.crossing.lat, w.crossing.lon) {
                (Some(wla), Some(wlo)) => Some((distance_km(la, lo, wla, wlo), i)),
                _ => None,
            })
            .filter(|(d, _)| *d < SAME_PLACE_KM)
            .min_by(|x, y| x.0.total_cmp(&y.0));
        if let Some((_, i)) = near {
            return Some(i);
        }
    }
    let names = folded_names(c, false);
    on_border()
        .find(|(_, w)| !w.folded.is_disjoint(&names))
        .map(|(i, _)| i)
}

fn absorb(w: &mut Work, out: &mut ImportOutcome, c: Crossing, origins: Vec<String>) {
    let mut new_aliases = Vec::new();
    // Only the record's aliases: a name that is not among them (a generic bulk label) is no name.
    for alias in c.aliases {
        let key = fold(&alias.text);
        if key.is_empty() || w.folded.contains(&key) {
            continue;
        }
        w.folded.insert(key);
        new_aliases.push(alias_key(&alias.lang, &alias.text));
        w.crossing.aliases.push(alias);
    }
    let mut new_sources = Vec::new();
    for s in c.sources {
        if !w.crossing.sources.contains(&s) {
            new_sources.push(s.clone());
            w.crossing.sources.push(s);
        }
    }
    let new_coordinates = w.crossing.lat.is_none() && c.lat.is_some() && c.lon.is_some();
    if new_coordinates {
        w.crossing.lat = c.lat;
        w.crossing.lon = c.lon;
        w.crossing.coord_source = c.coord_source.clone();
    }
    let mut changed = !new_aliases.is_empty() || !new_sources.is_empty() || new_coordinates;
    for m in c.modes {
        if !w.crossing.modes.contains(&m) {
            w.crossing.modes.push(m);
            changed = true;
        }
    }
    if w.crossing.regions.iter().all(|r| r.is_empty()) && c.regions.iter().any(|r| !r.is_empty()) {
        // Regions follow the order of `countries`; swap when the record lists the sides the other way.
        let mut regions = c.regions.clone();
        regions.resize(2, String::new());
        if w.crossing.countries[0] != c.countries[0] {
            regions.swap(0, 1);
        }
        w.crossing.regions = regions;
        changed = true;
    }
    w.changed |= changed;

    if let Some(i) = w.added {
        // Made by this same import: the rows simply join it.
        if let Some(a) = out.added.get_mut(i) {
            a.origins.extend(origins);
        }
        return;
    }
    match w.merged.and_then(|i| out.merged.get_mut(i)) {
        Some(m) => {
            m.origins.extend(origins);
            m.new_aliases.extend(new_aliases);
            m.new_sources.extend(new_sources);
            m.new_coordinates |= new_coordinates;
        }
        None => {
            out.merged.push(Merged {
                id: w.crossing.id.clone(),
                name: w.crossing.name.clone(),
                origins,
                new_aliases,
                new_sources,
                new_coordinates,
            });
            w.merged = Some(out.merged.len() - 1);
        }
    }
}

/// `<cc>-<cc>-<slug>`, made unique against `ids` with a numeric suffix.
fn new_id(c: &Crossing, ids: &HashSet<String>) -> String {
    let base_slug = std::iter::once(c.name.as_str())
        .chain(c.aliases.iter().map(|a| a.text.as_str()))
        .chain(c.sources.iter().map(String::as_str))
        .map(slug)
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "crossing".to_string());
    // Keep ids readable: long generated names are cut at a word boundary.
    let mut base_slug = base_slug;
    if base_slug.len() > 48 {
        let cut = base_slug[..48].rfind('-').unwrap_or(48);
        base_slug.truncate(cut);
    }
    let base = format!(
        "{}-{}-{}",
        c.countries[0].to_ascii_lowercase(),
        c.countries[1].to_ascii_lowercase(),
        base_slug
    );
    if !ids.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !ids.contains(id))
        .unwrap_or(base)
}
