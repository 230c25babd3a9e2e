//! The statements both backends run, written once in the SQL that SQLite (3.24+) and PostgreSQL both
//! accept (`INSERT … ON CONFLICT`), with `?N` parameters that [`to_pg`] turns into `$N`. A write is a
//! list of [`Stmt`]s built here from pure data, so the two backends cannot drift apart on what a
//! report or a fusion delta writes; each backend only executes the list in its own transaction.

use std::borrow::Cow;

use borderwatch_extract::Report;

use crate::FusionDelta;
use crate::rows::{ReportRow, target_key, to_json};

/// A parameter value, in the three column types the store uses.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Text(Option<String>),
    Int(i64),
    Blob(Vec<u8>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(Some(s.to_string()))
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::Text(Some(s.clone()))
    }
}

impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Value {
        Value::Text(s)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

/// One statement to run with its parameters.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Stmt {
    pub sql: &'static str,
    pub params: Vec<Value>,
}

fn stmt(sql: &'static str, params: Vec<Value>) -> Stmt {
    Stmt { sql, params }
}

/// `?N` placeholders as PostgreSQL's `$N`. The statements here hold no `?` in literals.
pub(crate) fn to_pg(sql: &str) -> Cow<'_, str> {
    if sql.contains('?') {
        Cow::Owned(sql.replace('?', "$"))
    } else {
        Cow::Borrowed(sql)
    }
}

pub(crate) const REPORT_EXISTS: &str = "SELECT 1 FROM reports WHERE id = ?1";
pub(crate) const INSERT_REPORT: &str =
    "INSERT INTO reports (id, url, outlet, title, published, retrieved, text, signature, n_claims,
        language)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
pub(crate) const INSERT_URL: &str =
    "INSERT INTO report_urls (report, url, seen) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
pub(crate) const INSERT_CLAIM: &str =
    "INSERT INTO claims (report, idx, crossing, border, change, effective, json, language)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
pub(crate) const TIMELINE: &str = "SELECT json FROM timelines WHERE crossing = ?1";
pub(crate) const PENDING: &str = "SELECT pending FROM timelines WHERE crossing = ?1";
/// The interval holding a date is the last one starting on or before it (the first starts at NULL);
/// the one before it is what the status replaced.
pub(crate) const STATUS_INTERVALS: &str = "SELECT idx, json FROM intervals
     WHERE crossing = ?1 AND (date_from IS NULL OR date_from <= ?2)
     ORDER BY idx DESC LIMIT 2";
/// The same rule as [`STATUS_INTERVALS`], for every crossing at once.
pub(crate) const INTERVALS_AT: &str = "SELECT i.crossing, i.json FROM intervals i
     JOIN (SELECT crossing, max(idx) AS last FROM intervals
           WHERE date_from IS NULL OR date_from <= ?1 GROUP BY crossing) h
     ON i.crossing = h.crossing AND i.idx = h.last";
pub(crate) const TIMELINES: &str = "SELECT crossing, json FROM timelines ORDER BY crossing";
pub(crate) const EVENT_BY_ID: &str = "SELECT json FROM events WHERE id = ?1";
pub(crate) const REPORT: &str = "SELECT id, url, outlet, title, published, retrieved, text, language FROM reports WHERE id = ?1";
pub(crate) const REPORT_URLS: &str = "SELECT url FROM report_urls WHERE report = ?1 ORDER BY url";
pub(crate) const CLAIM: &str = "SELECT json FROM claims WHERE report = ?1 AND idx = ?2";
pub(crate) const CLAIMS_OF: &str = "SELECT idx, json FROM claims WHERE report = ?1 ORDER BY idx";
pub(crate) const LATEST_DATE: &str = "SELECT latest_date FROM fusion_state WHERE id = 1";
pub(crate) const ALL_CLAIMS: &str = "SELECT report, idx, json FROM claims";
pub(crate) const FUSION_REPORTS: &str = "SELECT id, published, url, outlet, signature FROM reports
     WHERE n_claims > 0 ORDER BY id";
pub(crate) const OLD_EVENTS: &str = "SELECT id, json FROM events";
pub(crate) const CLEAR_FUSION: &[&str] = &[
    "DELETE FROM events",
    "DELETE FROM event_crossings",
    "DELETE FROM event_countries",
    "DELETE FROM timelines",
    "DELETE FROM intervals",
];
pub(crate) const INSERT_DELIVERY: &str =
    "INSERT INTO webhook_log (hook, change, attempt, at, outcome, http_status, error)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
pub(crate) const DELIVERIES: &str =
    "SELECT hook, change, attempt, at, outcome, http_status, error FROM webhook_log
     ORDER BY seq DESC LIMIT ?1";
/// Takes (hook, change) for an owner until a time (ms since the epoch), or renews the owner's own
/// claim; a claim of another owner is taken over only once it has run out. One row changed: claimed.
pub(crate) const CLAIM_DELIVERY: &str =
    "INSERT INTO webhook_claims (hook, change, owner, until) VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT (hook, change) DO UPDATE SET owner = excluded.owner, until = excluded.until
     WHERE webhook_claims.owner = excluded.owner OR webhook_claims.until < ?5";
/// Per change of a webhook, the last failed attempt and when it was made.
pub(crate) const LAST_FAILED: &str = "SELECT change, max(attempt), max(at) FROM webhook_log
     WHERE hook = ?1 AND outcome = 'failed' GROUP BY change";
pub(crate) const SETTLED: &str = "SELECT change, outcome FROM webhook_log WHERE hook = ?1";
pub(crate) const COUNTS: &str =
    "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM report_urls),
        (SELECT count(*) FROM claims), (SELECT count(*) FROM events),
        (SELECT count(*) FROM timelines)";

const DELETE_EVENT: &str = "DELETE FROM events WHERE id = ?1";
const DELETE_EVENT_COUNTRY: &str = "DELETE FROM event_countries WHERE country = ?1 AND event = ?2";
pub(crate) const INSERT_EVENT_COUNTRY: &str =
    "INSERT INTO event_countries (country, event) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
const PUT_EVENT: &str = "INSERT INTO events (id, target, placed, json) VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT (id) DO UPDATE SET target = excluded.target, placed = excluded.placed,
     json = excluded.json";
pub(crate) const INSERT_EVENT: &str =
    "INSERT INTO events (id, target, placed, json) VALUES (?1, ?2, ?3, ?4)";
const PUT_TIMELINE: &str = "INSERT INTO timelines (crossing, pending, json) VALUES (?1, ?2, ?3)
     ON CONFLICT (crossing) DO UPDATE SET pending = excluded.pending, json = excluded.json";
pub(crate) const INSERT_TIMELINE: &str =
    "INSERT INTO timelines (crossing, pending, json) VALUES (?1, ?2, ?3)";
const DELETE_TIMELINE: &str = "DELETE FROM timelines WHERE crossing = ?1";
const PUT_INTERVAL: &str = "INSERT INTO intervals (crossing, idx, date_from, json) VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT (crossing, idx) DO UPDATE SET date_from = excluded.date_from, json = excluded.json";
pub(crate) const INSERT_INTERVAL: &str =
    "INSERT INTO intervals (crossing, idx, date_from, json) VALUES (?1, ?2, ?3, ?4)";
const TRIM_INTERVALS: &str = "DELETE FROM intervals WHERE crossing = ?1 AND idx >= ?2";
pub(crate) const INSERT_EVENT_CROSSING: &str =
    "INSERT INTO event_crossings (crossing, event) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
const DELETE_EVENT_CROSSING: &str =
    "DELETE FROM event_crossings WHERE crossing = ?1 AND event = ?2";

/// Migration 5 of both backends: the report's language (ISO 639) and each claim's evidence language,
/// as columns so they can be filtered on (the claim's JSON holds its evidence language too).
pub(crate) const LANGUAGE_MIGRATION: &str = "ALTER TABLE reports ADD COLUMN language TEXT;
    ALTER TABLE claims ADD COLUMN language TEXT;";

/// Inserting a report that is not stored yet: the report, its first URL, its claims. The fusion
/// bookkeeping (generation, dirty flag, latest date) is the backend's, in the same transaction.
pub(crate) fn insert_report(report: &Report, row: &ReportRow, now: &str) -> Vec<Stmt> {
    let mut out = Vec::with_capacity(2 + row.claims.len());
    out.push(stmt(
        INSERT_REPORT,
        vec![
            (&report.id).into(),
            report.url.clone().into(),
            report.outlet.clone().into(),
            report.title.clone().into(),
            row.published.clone().into(),
            now.into(),
            (&report.text).into(),
            Value::Blob(row.signature.clone()),
            row.n_claims.into(),
            report.language.clone().into(),
        ],
    ));
    if let Some(url) = &report.url {
        out.push(stmt(
            INSERT_URL,
            vec![(&report.id).into(), url.into(), now.into()],
        ));
    }
    for c in &row.claims {
        out.push(stmt(
            INSERT_CLAIM,
            vec![
                (&report.id).into(),
                c.idx.into(),
                c.crossing.clone().into(),
                c.border.clone().into(),
                (&c.change).into(),
                c.effective.clone().into(),
                (&c.json).into(),
                c.language.clone().into(),
            ],
        ));
    }
    out
}

/// One report's fusion delta as statements: the events and timelines it changed, nothing else.
pub(crate) fn delta(delta: &FusionDelta) -> Result<Vec<Stmt>, String> {
    let mut out = Vec::new();
    for (id, countries) in &delta.removed_events {
        out.push(stmt(DELETE_EVENT, vec![id.into()]));
        for c in countries {
            out.push(stmt(DELETE_EVENT_COUNTRY, vec![c.into(), id.into()]));
        }
    }
    for row in &delta.events {
        let e = &row.event;
        out.push(stmt(
            PUT_EVENT,
            vec![
                (&e.id).into(),
                target_key(&e.target).as_str().into(),
                e.placed.map(|d| d.to_string()).into(),
                to_json(e, &format_args!("event {}", e.id))?.as_str().into(),
            ],
        ));
        if row.old_countries != row.countries {
            for c in &row.old_countries {
                out.push(stmt(DELETE_EVENT_COUNTRY, vec![c.into(), (&e.id).into()]));
            }
            for c in &row.countries {
                out.push(stmt(INSERT_EVENT_COUNTRY, vec![c.into(), (&e.id).into()]));
            }
        }
    }
    for d in &delta.timelines {
        let crossing = &d.crossing;
        let what = format_args!("the timeline of {crossing}");
        let kept = match &d.timeline {
            Some(tl) => {
                out.push(stmt(
                    PUT_TIMELINE,
                    vec![
                        crossing.into(),
                        to_json(&tl.pending, &what)?.as_str().into(),
                        to_json(tl, &what)?.as_str().into(),
                    ],
                ));
                for &k in &d.intervals_changed {
                    let Some(iv) = tl.intervals.get(k) else {
                        continue;
                    };
                    out.push(stmt(
                        PUT_INTERVAL,
                        vec![
                            crossing.into(),
                            (k as i64).into(),
                            iv.from.map(|d| d.to_string()).into(),
                            to_json(iv, &what)?.as_str().into(),
                        ],
                    ));
                }
                tl.intervals.len()
            }
            None => {
                out.push(stmt(DELETE_TIMELINE, vec![crossing.into()]));
                0
            }
        };
        if kept < d.old_intervals {
            out.push(stmt(
                TRIM_INTERVALS,
                vec![crossing.into(), (kept as i64).into()],
            ));
        }
        for id in &d.events_removed {
            out.push(stmt(
                DELETE_EVENT_CROSSING,
                vec![crossing.into(), id.into()],
            ));
        }
        for id in &d.events_added {
            out.push(stmt(
                INSERT_EVENT_CROSSING,
                vec![crossing.into(), id.into()],
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollar_numbers() {
        assert_eq!(
            to_pg("SELECT 1 FROM t WHERE a = ?1 AND b = ?12"),
            "SELECT 1 FROM t WHERE a = $1 AND b = $12"
        );
        assert!(matches!(to_pg(TIMELINES), Cow::Borrowed(_)));
    }
}
