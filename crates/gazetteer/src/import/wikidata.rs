//! Wikidata border points in the `border-reference-points.json` shape:
//! `{retrieved, source, points: [{id, label, lon, lat, kind, countries, bulk, …}]}`.
//!
//! Tripoints and one-country custom houses (inland customs offices) are refused. Country names are
//! English and mapped to ISO through the country table (Palestine, West Bank, Gaza Strip → PS; a
//! historical state is refused). Points less than 2 km apart are one crossing: one item per side
//! and one from a bulk import is the usual pattern. Real labels become aliases; generic bulk labels
//! ("Iran Iraq border crossing #1694") and bare QIDs are kept only as `wikidata:Q…` sources.

use super::geo::{country_code, country_pair, distance_km, valid_point};
use super::{Format, ImportError, Parsed, Record, RejectReason, Rejected};
use crate::{Alias, Crossing, Gazetteer, Mode, fold};
use serde::Deserialize;

/// Points closer than this are the same crossing.
pub const CLUSTER_KM: f64 = 2.0;

#[derive(Deserialize)]
struct File {
    points: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct Point {
    id: String,
    #[serde(default)]
    label: Option<String>,
    lat: f64,
    lon: f64,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    countries: Vec<String>,
}

/// One point that passed the per-point checks.
struct Kept {
    qid: String,
    label: Option<String>,
    lat: f64,
    lon: f64,
    kind: String,
    codes: Vec<String>,
    origin: String,
}

/// True for labels that carry no name: a bare QID or a numbered bulk-import label.
fn generic_label(label: &str, qid: &str) -> bool {
    let l = label.trim();
    l.is_empty() || l == qid || l.contains(" border crossing #") || {
        let rest = l.strip_prefix('Q').unwrap_or("");
        !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
    }
}

pub fn parse(text: &str, gazetteer: &Gazetteer) -> Result<Parsed, ImportError> {
    let file: File = serde_json::from_str(text).map_err(|e| ImportError::WrongFormat {
        expected: Format::Wikidata,
        reason: format!("expected a JSON object with a \"points\" array: {e}"),
    })?;
    let mut parsed = Parsed {
        format: Format::Wikidata,
        rows: file.points.len(),
        records: Vec::new(),
        rejected: Vec::new(),
    };
    let mut kept = Vec::new();
    for (i, value) in file.points.into_iter().enumerate() {
        let point: Point = match serde_json::from_value(value) {
            Ok(p) => p,
            Err(e) => {
                parsed.rejected.push(Rejected {
                    record: format!("point {}", i + 1),
                    reason: RejectReason::Malformed(e.to_string()),
                });
                continue;
            }
        };
        let origin = match &point.label {
            Some(l) if l != &point.id => format!("{} ({l})", point.id),
            _ => point.id.clone(),
        };
        match check(point, gazetteer) {
            Ok(mut k) => {
                k.origin = origin;
                kept.push(k);
            }
            Err(reason) => parsed.rejected.push(Rejected {
                record: origin,
                reason,
            }),
        }
    }
    for cluster in clusters(&kept) {
        match build(&cluster, gazetteer) {
            Ok(record) => parsed.records.push(record),
            Err(reason) => {
                for k in cluster {
                    parsed.rejected.push(Rejected {
                        record: k.origin.clone(),
                        reason: reason.clone(),
                    });
                }
            }
        }
    }
    Ok(parsed)
}

fn check(p: Point, gazetteer: &Gazetteer) -> Result<Kept, RejectReason> {
    let kind = p.kind.unwrap_or_default().to_lowercase();
    if kind.contains("tripoint") {
        return Err(RejectReason::Tripoint);
    }
    if !p.id.starts_with('Q') {
        return Err(RejectReason::Malformed(format!(
            "id {:?} is not a QID",
            p.id
        )));
    }
    if !valid_point(p.lat, p.lon) {
        return Err(RejectReason::Malformed(format!(
            "coordinates {} {} out of range",
            p.lat, p.lon
        )));
    }
    // A custom house listed under one country only is an inland customs office (the ones in
    // the Wikidata extract sit in Kermanshah, Izmir, Trabzon…); at a border the item names both.
    if kind.contains("custom") && p.countries.len() < 2 {
        return Err(RejectReason::InlandCustomHouse);
    }
    let mut codes: Vec<String> = Vec::new();
    for name in &p.countries {
        let code = country_code(gazetteer.countries(), name)?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if codes.is_empty() {
        return Err(RejectReason::NoCountry);
    }
    if codes.len() > 2 {
        return Err(RejectReason::TooManyCountries(
            codes.len(),
            codes.join(", "),
        ));
    }
    Ok(Kept {
        qid: p.id,
        label: p.label,
        lat: p.lat,
        lon: p.lon,
        kind,
        codes,
        origin: String::new(),
    })
}

/// Clusters of points all closer than [`CLUSTER_KM`] to each other (complete linkage, greedy in
/// input order). Single linkage would chain a row of checkpoints a few hundred metres apart, as in
/// Jerusalem, into one "crossing" kilometres long. A point joins a cluster only if the cluster
/// still names at most two countries (two crossings can sit close to a tripoint).
fn clusters(points: &[Kept]) -> Vec<Vec<&Kept>> {
    let mut groups: Vec<Vec<&Kept>> = Vec::new();
    for p in points {
        let fits = |g: &Vec<&Kept>| {
            let mut codes: Vec<&String> = p.codes.iter().collect();
            for c in g.iter().flat_map(|q| &q.codes) {
                if !codes.contains(&c) {
                    codes.push(c);
                }
            }
            codes.len() <= 2
                && g.iter()
                    .all(|q| distance_km(p.lat, p.lon, q.lat, q.lon) < CLUSTER_KM)
        };
        match groups.iter_mut().find(|g| fits(g)) {
            Some(g) => g.push(p),
            None => groups.push(vec![p]),
        }
    }
    groups
}

fn build(cluster: &[&Kept], gazetteer: &Gazetteer) -> Result<Record, RejectReason> {
    let mut codes: Vec<String> = Vec::new();
    for k in cluster {
        for c in &k.codes {
            if !codes.contains(c) {
                codes.push(c.clone());
            }
        }
    }
    let lat = cluster.iter().map(|k| k.lat).sum::<f64>() / cluster.len() as f64;
    let lon = cluster.iter().map(|k| k.lon).sum::<f64>() / cluster.len() as f64;
    // Kept points name one or two countries (`check` refused the rest), so `country_pair` never guesses.
    let pair = country_pair(
        gazetteer.countries(),
        gazetteer.crossings(),
        &codes,
        lat,
        lon,
    )?;
    let mut aliases: Vec<Alias> = Vec::new();
    for k in cluster {
        if let Some(label) = &k.label
            && !generic_label(label, &k.qid)
            && !aliases.iter().any(|a| fold(&a.text) == fold(label))
        {
            aliases.push(Alias {
                text: label.trim().to_string(),
                lang: "en".to_string(),
                weak: false,
                shared: false,
            });
        }
    }
    // No real label: the generic label (or the QID) stands as the name, but is not an alias,
    // so no text will ever be matched against it.
    let name = match aliases.first() {
        Some(a) => a.text.clone(),
        None => cluster
            .iter()
            .find_map(|k| k.label.clone().filter(|l| !l.trim().is_empty()))
            .unwrap_or_else(|| cluster[0].qid.clone()),
    };
    let mut modes = Vec::new();
    if cluster
        .iter()
        .any(|k| k.kind.contains("rail") || k.kind.contains("train"))
    {
        modes.push(Mode::Rail);
    }
    let sources: Vec<String> = cluster
        .iter()
        .map(|k| format!("wikidata:{}", k.qid))
        .collect();
    Ok(Record {
        origins: cluster.iter().map(|k| k.origin.clone()).collect(),
        crossing: Crossing {
            id: String::new(),
            name,
            countries: pair,
            regions: Vec::new(),
            lat: Some(round5(lat)),
            lon: Some(round5(lon)),
            modes,
            aliases,
            coord_source: sources.first().cloned(),
            official: true,
            sources,
        },
    })
}

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_labels_are_recognised() {
        assert!(generic_label("Iran Iraq border crossing #1694", "Q1"));
        assert!(generic_label("Q12184544", "Q12184544"));
        assert!(generic_label("Q777", "Q1"));
        assert!(!generic_label("Quneitra Crossing", "Q2"));
        assert!(!generic_label("Bashmagh Border Crossing", "Q3"));
    }
}
