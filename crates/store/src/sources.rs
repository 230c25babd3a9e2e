//! What `borderwatch watch` follows and has seen, kept so a restart neither refetches what it read
//! nor ingests anything twice: per source, the last fetch, success and error and the HTTP validators;
//! per item URL, what became of it.
//!
//! Behind its own small trait, [`SourceLog`], so another backend (PostgreSQL) implements it alongside
//! [`crate::Store`] without touching it. The SQLite tables are migration 4 (the PostgreSQL store does not have them yet: `watch` needs a SQLite store).

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::{SqliteStore, StoreError};

/// Migration 3 of the SQLite schema.
pub(crate) const MIGRATION: &str = "CREATE TABLE watch_sources (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        url TEXT NOT NULL,
        last_fetch TEXT,
        last_success TEXT,
        last_error TEXT,
        etag TEXT,
        last_modified TEXT
    );
    CREATE TABLE watch_items (
        url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_attempt TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        report TEXT,
        claims INTEGER NOT NULL,
        language TEXT,
        error TEXT
    );
    CREATE INDEX watch_items_source ON watch_items(source);";

/// How many times a failed item is tried (once per poll) before it is given up.
pub const MAX_ITEM_ATTEMPTS: i64 = 3;

/// What became of one item (a feed entry, a sitemap URL, a GDELT row's article).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemOutcome {
    /// Read and stored as a new report.
    Report,
    /// Its text was already stored (another URL); recorded as a copy of that report.
    Copy,
    /// Stored, not read: in a language the extractor does not read.
    OtherLanguage,
    /// Could not be fetched or read; tried again next poll, up to [`MAX_ITEM_ATTEMPTS`] times.
    Failed,
}

impl ItemOutcome {
    fn as_str(self) -> &'static str {
        match self {
            ItemOutcome::Report => "report",
            ItemOutcome::Copy => "copy",
            ItemOutcome::OtherLanguage => "other_language",
            ItemOutcome::Failed => "failed",
        }
    }
}

/// One item's record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeenItem {
    pub url: String,
    pub source: String,
    pub outcome: ItemOutcome,
    pub report: Option<String>,
    pub claims: usize,
    pub language: Option<String>,
    pub error: Option<String>,
}

/// One poll of a source: when, and how it went.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourcePoll {
    pub name: String,
    pub kind: String,
    pub url: String,
    /// RFC 3339, UTC.
    pub at: String,
    /// `None` when the poll succeeded (a 304 is a success).
    pub error: Option<String>,
    /// Validators to send next time; `None` keeps the stored ones.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A source as `borderwatch sources` and `/sources` show it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SourceSummary {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub last_fetch: Option<String>,
    pub last_success: Option<String>,
    pub last_error: Option<String>,
    pub items_seen: u64,
    pub reports_made: u64,
    pub claims_found: u64,
    pub items_failed: u64,
    pub other_language: u64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The watch bookkeeping of a store.
pub trait SourceLog {
    /// True when `url` needs no more work: it was read, stored as a copy or in another language, or
    /// it failed [`MAX_ITEM_ATTEMPTS`] times. Any source counts: an article two feeds list is read once.
    fn item_done(&self, url: &str) -> Result<bool, StoreError>;
    /// Records what became of an item (a retry of a failed one counts one more attempt).
    fn record_item(&mut self, item: &SeenItem, at: &str) -> Result<(), StoreError>;
    /// Records a poll of a source.
    fn record_poll(&mut self, poll: &SourcePoll) -> Result<(), StoreError>;
    /// Every source ever polled, with its counts, by name.
    fn sources(&self) -> Result<Vec<SourceSummary>, StoreError>;
}

impl SqliteStore {
    fn watch_err(&self, what: &str) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
        let what = what.to_owned();
        move |source| StoreError::Db {
            path: self.path().to_path_buf(),
            what,
            source,
        }
    }
}

impl SourceLog for SqliteStore {
    fn item_done(&self, url: &str) -> Result<bool, StoreError> {
        let row: Option<(String, i64)> = self
            .conn
            .query_row(
                "SELECT outcome, attempts FROM watch_items WHERE url = ?1",
                [url],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(self.watch_err("reading a watched item"))?;
        Ok(match row {
            None => false,
            Some((outcome, attempts)) => outcome != "failed" || attempts >= MAX_ITEM_ATTEMPTS,
        })
    }

    fn record_item(&mut self, item: &SeenItem, at: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO watch_items
                    (url, source, first_seen, last_attempt, attempts, outcome, report, claims, language, error)
                 VALUES (?1, ?2, ?3, ?3, 1, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (url) DO UPDATE SET
                    last_attempt = excluded.last_attempt,
                    attempts = watch_items.attempts + 1,
                    outcome = excluded.outcome,
                    report = excluded.report,
                    claims = excluded.claims,
                    language = excluded.language,
                    error = excluded.error",
                params![
                    item.url,
                    item.source,
                    at,
                    item.outcome.as_str(),
                    item.report,
                    item.claims as i64,
                    item.language,
                    item.error,
                ],
            )
            .map_err(self.watch_err("recording a watched item"))?;
        Ok(())
    }

    fn record_poll(&mut self, poll: &SourcePoll) -> Result<(), StoreError> {
        let success = poll.error.is_none().then_some(poll.at.as_str());
        self.conn
            .execute(
                "INSERT INTO watch_sources
                    (name, kind, url, last_fetch, last_success, last_error, etag, last_modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (name) DO UPDATE SET
                    kind = excluded.kind,
                    url = excluded.url,
                    last_fetch = excluded.last_fetch,
                    last_success = coalesce(excluded.last_success, watch_sources.last_success),
                    last_error = excluded.last_error,
                    etag = coalesce(excluded.etag, watch_sources.etag),
                    last_modified = coalesce(excluded.last_modified, watch_sources.last_modified)",
                params![
                    poll.name,
                    poll.kind,
                    poll.url,
                    poll.at,
                    success,
                    poll.error,
                    poll.etag,
                    poll.last_modified,
                ],
            )
            .map_err(self.watch_err("recording a poll"))?;
        Ok(())
    }

    fn sources(&self) -> Result<Vec<SourceSummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT s.name, s.kind, s.url, s.last_fetch, s.last_success, s.last_error,
                        s.etag, s.last_modified,
                        count(i.url),
                        coalesce(sum(i.outcome = 'report'), 0),
                        coalesce(sum(i.claims), 0),
                        coalesce(sum(i.outcome = 'failed'), 0),
                        coalesce(sum(i.outcome = 'other_language'), 0)
                 FROM watch_sources s LEFT JOIN watch_items i ON i.source = s.name
                 GROUP BY s.name ORDER BY s.name",
            )
            .map_err(self.watch_err("listing sources"))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(SourceSummary {
                    name: r.get(0)?,
                    kind: r.get(1)?,
                    url: r.get(2)?,
                    last_fetch: r.get(3)?,
                    last_success: r.get(4)?,
                    last_error: r.get(5)?,
                    etag: r.get(6)?,
                    last_modified: r.get(7)?,
                    items_seen: r.get::<_, i64>(8)? as u64,
                    reports_made: r.get::<_, i64>(9)? as u64,
                    claims_found: r.get::<_, i64>(10)? as u64,
                    items_failed: r.get::<_, i64>(11)? as u64,
                    other_language: r.get::<_, i64>(12)? as u64,
                })
            })
            .map_err(self.watch_err("listing sources"))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(self.watch_err("listing sources"))
    }
}
