//! The two evaluation files (texts and gold, JSON Lines) and joining them by id.
//!
//! Parsing is tolerant where the corpora vary (`date` for `published`, `crossing_as_written` for
//! `mention`, optional fields that are null, missing or of another JSON type, unknown fields) and
//! strict where scoring depends on it (`id`, `text`, each event's `status` and `change`). Every error
//! names the source and the line.

use std::collections::{HashMap, HashSet};

use borderwatch_extract::{Change, Status};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Why an evaluation file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{source_name} line {line}: not a valid JSON record")]
    Json {
        source_name: String,
        line: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("{source_name} line {line}: {reason}")]
    Invalid {
        source_name: String,
        line: usize,
        reason: String,
    },
}

/// One report to extract from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextRecord {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    /// The publication date as written (`published`, or `date` in the development corpus).
    pub published: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
}

impl TextRecord {
    /// The publication date when it is an ISO date (`YYYY-MM-DD`, or a timestamp starting with one).
    pub fn published_date(&self) -> Option<Date> {
        let p = self.published.as_deref()?.trim();
        iso_date(p.get(..10).unwrap_or(p))
    }
}

/// The gold annotation of one report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GoldRecord {
    pub id: String,
    pub events: Vec<GoldEvent>,
}

/// One annotated status event (SCHEMA.md, "An EVENT").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GoldEvent {
    /// Canonical name; `None` for a border-wide event.
    pub crossing: Option<String>,
    /// The spelling the report uses (`mention` or `crossing_as_written`).
    pub mention: Option<String>,
    /// ISO codes, upper case; empty strings read as absent.
    pub country_a: Option<String>,
    pub country_b: Option<String>,
    pub status: Status,
    pub change: Change,
    pub effective_date: Option<String>,
    pub scope: Option<String>,
    pub attributed_to: Option<String>,
    pub cause: Option<String>,
    /// An earlier event the report only recounts: finding it counts, missing it does not.
    pub background: bool,
    /// The event names a group of crossings ("all three crossings").
    pub group: bool,
}

impl GoldEvent {
    /// True for a border-wide event (no crossing named).
    pub fn is_border_wide(&self) -> bool {
        self.crossing.is_none()
    }

    /// The countries named, upper case, without duplicates, in a stable order.
    pub fn countries(&self) -> Vec<String> {
        let mut c: Vec<String> = [&self.country_a, &self.country_b]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        c.sort();
        c.dedup();
        c
    }

    /// The gold effective date when it is an ISO date; phrases ("Wednesday") give `None`.
    pub fn iso_effective_date(&self) -> Option<Date> {
        iso_date(self.effective_date.as_deref()?.trim())
    }
}

/// Parses exactly `YYYY-MM-DD` (jiff alone would also take longer forms).
pub(crate) fn iso_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    s.parse::<Date>().ok()
}

#[derive(Deserialize)]
struct RawText {
    #[serde(default)]
    id: Value,
    #[serde(default)]
    text: Value,
    #[serde(default)]
    title: Value,
    #[serde(default)]
    published: Value,
    #[serde(default)]
    date: Value,
    #[serde(default)]
    url: Value,
    #[serde(default)]
    outlet: Value,
}

#[derive(Deserialize)]
struct RawGold {
    #[serde(default)]
    id: Value,
    #[serde(default)]
    events: Value,
}

#[derive(Deserialize)]
struct RawEvent {
    #[serde(default)]
    crossing: Value,
    #[serde(default)]
    mention: Value,
    #[serde(default)]
    crossing_as_written: Value,
    #[serde(default)]
    country_a: Value,
    #[serde(default)]
    country_b: Value,
    #[serde(default)]
    status: Value,
    #[serde(default)]
    change: Value,
    #[serde(default)]
    effective_date: Value,
    #[serde(default)]
    scope: Value,
    #[serde(default)]
    attributed_to: Value,
    #[serde(default)]
    cause: Value,
    #[serde(default)]
    background: Value,
    #[serde(default)]
    group: Value,
}

/// A string field, tolerant: null, missing and blank strings are absent; numbers and bools are taken
/// as their text; arrays and objects are absent.
fn opt_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A flag, tolerant: true, "true", "yes" and 1 are true; anything else is false.
fn flag(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::String(s) => matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "yes"),
        Value::Number(n) => n.as_i64() == Some(1),
        _ => false,
    }
}

fn country(v: &Value) -> Option<String> {
    opt_string(v).map(|s| s.to_ascii_uppercase())
}

/// Lines that carry a record: (1-based line number, line). Blank lines are skipped.
fn records(content: &str) -> impl Iterator<Item = (usize, &str)> {
    content
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
}

fn invalid(source_name: &str, line: usize, reason: impl Into<String>) -> EvalError {
    EvalError::Invalid {
        source_name: source_name.to_string(),
        line,
        reason: reason.into(),
    }
}

fn required_id(source_name: &str, line: usize, v: &Value) -> Result<String, EvalError> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(invalid(
            source_name,
            line,
            "`id` is missing or not a string",
        )),
    }
}

/// Parses a texts file. `source_name` (usually the path) is used in error messages.
pub fn parse_texts(source_name: &str, content: &str) -> Result<Vec<TextRecord>, EvalError> {
    let mut out = Vec::new();
    for (line, l) in records(content) {
        let raw: RawText = serde_json::from_str(l).map_err(|source| EvalError::Json {
            source_name: source_name.to_string(),
            line,
            source,
        })?;
        let id = required_id(source_name, line, &raw.id)?;
        let Value::String(text) = raw.text else {
            return Err(invalid(
                source_name,
                line,
                format!("report `{id}`: `text` is missing or not a string"),
            ));
        };
        out.push(TextRecord {
            id,
            text,
            title: opt_string(&raw.title),
            published: opt_string(&raw.published).or_else(|| opt_string(&raw.date)),
            url: opt_string(&raw.url),
            outlet: opt_string(&raw.outlet),
        });
    }
    Ok(out)
}

/// Parses a gold file. `source_name` (usually the path) is used in error messages.
pub fn parse_gold(source_name: &str, content: &str) -> Result<Vec<GoldRecord>, EvalError> {
    let mut out = Vec::new();
    for (line, l) in records(content) {
        let raw: RawGold = serde_json::from_str(l).map_err(|source| EvalError::Json {
            source_name: source_name.to_string(),
            line,
            source,
        })?;
        let id = required_id(source_name, line, &raw.id)?;
        let raw_events = match raw.events {
            Value::Array(a) => a,
            // A record without events has none; anything else is a broken annotation.
            Value::Null => Vec::new(),
            _ => {
                return Err(invalid(
                    source_name,
                    line,
                    format!("gold `{id}`: `events` is not a list"),
                ));
            }
        };
        let mut events = Vec::with_capacity(raw_events.len());
        for (n, ev) in raw_events.into_iter().enumerate() {
            let here = |reason: String| {
                invalid(
                    source_name,
                    line,
                    format!("gold `{id}`, event {}: {reason}", n + 1),
                )
            };
            let ev: RawEvent = serde_json::from_value(ev).map_err(|e| here(e.to_string()))?;
            let status: Status = serde_json::from_value(ev.status.clone())
                .map_err(|_| here(format!("`status` {} is not a status", ev.status)))?;
            let change: Change = serde_json::from_value(ev.change.clone())
                .map_err(|_| here(format!("`change` {} is not a change", ev.change)))?;
            events.push(GoldEvent {
                crossing: opt_string(&ev.crossing),
                mention: opt_string(&ev.mention).or_else(|| opt_string(&ev.crossing_as_written)),
                country_a: country(&ev.country_a),
                country_b: country(&ev.country_b),
                status,
                change,
                effective_date: opt_string(&ev.effective_date),
                scope: opt_string(&ev.scope),
                attributed_to: opt_string(&ev.attributed_to),
                cause: opt_string(&ev.cause),
                background: flag(&ev.background),
                group: flag(&ev.group),
            });
        }
        out.push(GoldRecord { id, events });
    }
    Ok(out)
}

/// Texts and gold joined by id, in gold order, with what could not be joined.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Joined {
    pub items: Vec<(TextRecord, GoldRecord)>,
    /// Ids with gold but no text: not scored.
    pub gold_without_text: Vec<String>,
    /// Ids with text but no gold: not scored.
    pub text_without_gold: Vec<String>,
    /// Ids given more than once (texts or gold); the first one is used.
    pub duplicate_ids: Vec<String>,
}

/// Joins texts and gold by id. Order follows the gold records.
pub fn join(texts: Vec<TextRecord>, gold: Vec<GoldRecord>) -> Joined {
    let mut joined = Joined::default();
    let mut dup: HashSet<String> = HashSet::new();
    let mut text_order: Vec<String> = Vec::new();
    let mut by_id: HashMap<String, TextRecord> = HashMap::new();
    for t in texts {
        if by_id.contains_key(&t.id) {
            dup.insert(t.id.clone());
        } else {
            text_order.push(t.id.clone());
            by_id.insert(t.id.clone(), t);
        }
    }
    let mut gold_seen: HashSet<String> = HashSet::new();
    for g in gold {
        if !gold_seen.insert(g.id.clone()) {
            dup.insert(g.id.clone());
            continue;
        }
        match by_id.remove(&g.id) {
            Some(t) => joined.items.push((t, g)),
            None => joined.gold_without_text.push(g.id),
        }
    }
    joined.text_without_gold = text_order
        .into_iter()
        .filter(|id| by_id.contains_key(id))
        .collect();
    let mut dup: Vec<String> = dup.into_iter().collect();
    dup.sort();
    joined.duplicate_ids = dup;
    joined
}
