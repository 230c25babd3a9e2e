//! What both backends write and read, as plain rows: a report with its claims, the materialized fusion
//! output, and the decoding of stored columns. Pure (no database), so SQLite and PostgreSQL store the
//! same bytes for the same input and differ only in how they send them.

use std::collections::HashMap;

use borderwatch_extract::{Claim, Report};
use borderwatch_fusion::{Fusion, FusionInput, Signature, Target};
use jiff::civil::Date;

use crate::event_countries;

/// A report as stored: the columns that are not the report's own fields, and its claim rows.
pub(crate) struct ReportRow {
    pub published: Option<String>,
    pub signature: Vec<u8>,
    pub n_claims: i64,
    pub claims: Vec<ClaimRow>,
    /// The latest date the report speaks of (publication or a claim's effective date).
    pub latest: Option<String>,
}

pub(crate) struct ClaimRow {
    pub idx: i64,
    pub crossing: Option<String>,
    pub border: Option<String>,
    pub change: String,
    pub effective: Option<String>,
    pub json: String,
    /// The language of its evidence (the report's).
    pub language: Option<String>,
}

/// The rows of `report`; the error names the claim that cannot be serialized.
pub(crate) fn report_row(
    report: &Report,
    claims: &[Claim],
    signature: &Signature,
) -> Result<ReportRow, String> {
    let mut rows = Vec::with_capacity(claims.len());
    for (idx, c) in claims.iter().enumerate() {
        let json = serde_json::to_string(c)
            .map_err(|e| format!("claim {idx} of report {} cannot be written: {e}", report.id))?;
        rows.push(ClaimRow {
            idx: idx as i64,
            crossing: c.crossing.as_ref().and_then(|x| x.id.clone()),
            border: c.border.as_ref().map(|b| b.join("-")),
            change: enum_text(&c.change),
            effective: c.effective.date.map(|d| d.to_string()),
            json,
            language: c.evidence.language.clone(),
        });
    }
    let latest = claims
        .iter()
        .filter_map(|c| c.effective.date)
        .chain(report.published)
        .max()
        .map(|d| d.to_string());
    Ok(ReportRow {
        published: report.published.map(|d| d.to_string()),
        signature: signature_blob(signature),
        n_claims: claims.len() as i64,
        claims: rows,
        latest,
    })
}

/// One materialized event.
pub(crate) struct EventRecord {
    pub id: String,
    pub target: String,
    pub placed: Option<String>,
    pub json: String,
    /// The countries it is listed under.
    pub countries: Vec<String>,
}

pub(crate) struct TimelineRecord {
    pub crossing: String,
    pub pending: String,
    pub json: String,
}

/// One interval of a timeline, kept as its own row so "status on a day" reads one small row.
pub(crate) struct IntervalRecord {
    pub crossing: String,
    pub idx: i64,
    pub from: Option<String>,
    pub json: String,
}

/// Every row a full write of `fusion` stores.
pub(crate) struct FusionRows {
    pub events: Vec<EventRecord>,
    pub timelines: Vec<TimelineRecord>,
    pub intervals: Vec<IntervalRecord>,
    /// (crossing, event) for every event that applies to a crossing.
    pub event_crossings: Vec<(String, String)>,
}

impl FusionRows {
    pub(crate) fn of(fusion: &Fusion) -> Result<FusionRows, String> {
        let mut rows = FusionRows {
            events: Vec::new(),
            timelines: Vec::new(),
            intervals: Vec::new(),
            event_crossings: Vec::new(),
        };
        for e in fusion.events() {
            rows.events.push(EventRecord {
                id: e.id.clone(),
                target: target_key(&e.target),
                placed: e.placed.map(|d| d.to_string()),
                json: to_json(e, &format_args!("event {}", e.id))?,
                countries: event_countries(fusion, &e.target),
            });
        }
        for (crossing, tl) in fusion.timelines() {
            let what = format_args!("timeline of {crossing}");
            rows.timelines.push(TimelineRecord {
                crossing: crossing.clone(),
                pending: to_json(&tl.pending, &what)?,
                json: to_json(tl, &what)?,
            });
            for (idx, iv) in tl.intervals.iter().enumerate() {
                rows.intervals.push(IntervalRecord {
                    crossing: crossing.clone(),
                    idx: idx as i64,
                    from: iv.from.map(|d| d.to_string()),
                    json: to_json(iv, &what)?,
                });
            }
            let mut ids: Vec<String> = fusion
                .events_for_crossing(crossing)
                .into_iter()
                .map(|e| e.id.clone())
                .collect();
            ids.sort();
            ids.dedup();
            rows.event_crossings
                .extend(ids.into_iter().map(|id| (crossing.clone(), id)));
        }
        Ok(rows)
    }

    /// Events new, gone or different compared with `old` (id → stored JSON), as
    /// [`crate::FusionWrite::events_changed`] counts them.
    pub(crate) fn events_changed(&self, mut old: HashMap<String, String>) -> usize {
        let mut changed = 0;
        for e in &self.events {
            match old.remove(&e.id) {
                Some(prev) if prev == e.json => {}
                _ => changed += 1,
            }
        }
        changed + old.len()
    }
}

pub(crate) fn to_json<T: serde::Serialize + ?Sized>(
    v: &T,
    what: &dyn std::fmt::Display,
) -> Result<String, String> {
    serde_json::to_string(v).map_err(|e| format!("{what} cannot be written: {e}"))
}

pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    json: &str,
    what: &str,
) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| format!("{what} cannot be read: {e}"))
}

pub(crate) fn date_col(s: Option<String>, what: &str) -> Result<Option<Date>, String> {
    match s {
        None => Ok(None),
        Some(s) => s
            .parse::<Date>()
            .map(Some)
            .map_err(|e| format!("{what} {s:?} is not a date: {e}")),
    }
}

pub(crate) fn signature_blob(sig: &Signature) -> Vec<u8> {
    sig.minima().iter().flat_map(|m| m.to_le_bytes()).collect()
}

fn signature_of_blob(blob: &[u8]) -> Option<Signature> {
    if !blob.len().is_multiple_of(8) {
        return None;
    }
    let mins = blob
        .chunks_exact(8)
        .map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            u64::from_le_bytes(b)
        })
        .collect();
    Some(Signature::from_minima(mins))
}

/// The text of a serde unit enum ("reopened"), for indexed columns.
fn enum_text<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub(crate) fn target_key(t: &Target) -> String {
    t.to_string()
}

/// A stored report with claims, as fusion takes it: its columns and its claim rows (index, JSON) in
/// any order. The error names what cannot be read.
pub(crate) fn fusion_input(
    id: String,
    published: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    signature: &[u8],
    mut claim_rows: Vec<(i64, String)>,
) -> Result<FusionInput, String> {
    let published = date_col(published, "publication date")?;
    let signature = signature_of_blob(signature)
        .ok_or_else(|| format!("report {id} has a malformed signature"))?;
    claim_rows.sort_by_key(|(idx, _)| *idx);
    let claims = claim_rows
        .iter()
        .map(|(idx, json)| parse_json(json, &format!("claim {idx} of report {id}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(FusionInput {
        report: id,
        published,
        url,
        outlet,
        signature,
        claims,
    })
}
