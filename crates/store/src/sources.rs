//! What `borderwatch watch` follows and has seen, kept so a restart neither refetches what it read
//! nor ingests anything twice: per source, the last fetch, success and error and the HTTP validators;
//! per item URL, what became of it.
//!
//! Behind its own small trait, [`SourceLog`], implemented by both backends with the same tables
//! (migration 4 of each) and the same statements (written once here in the SQL both accept, as in
//! [`crate::sql`]); only how a statement is sent and a row is read differs.

use serde::Serialize;

use crate::sql::{Stmt, Value};

/// Migration 4 of the SQLite schema.
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

/// Migration 4 of the PostgreSQL schema: the same tables, with PostgreSQL's integer type and
/// byte-wise collation for the keys (as its other tables).
pub(crate) const PG_MIGRATION: &str = r#"CREATE TABLE watch_sources (
        name TEXT COLLATE "C" PRIMARY KEY,
        kind TEXT NOT NULL,
        url TEXT NOT NULL,
        last_fetch TEXT,
        last_success TEXT,
        last_error TEXT,
        etag TEXT,
        last_modified TEXT
    );
    CREATE TABLE watch_items (
        url TEXT COLLATE "C" PRIMARY KEY,
        source TEXT COLLATE "C" NOT NULL,
        first_seen TEXT NOT NULL,
        last_attempt TEXT NOT NULL,
        attempts BIGINT NOT NULL,
        outcome TEXT NOT NULL,
        report TEXT,
        claims BIGINT NOT NULL,
        language TEXT,
        error TEXT
    );
    CREATE INDEX watch_items_source ON watch_items(source);"#;

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
    /// Stored (or, with `watch --publish`, published to be stored) unread: in a language the
    /// extractor does not read.
    OtherLanguage,
    /// Put on the report stream (`watch --publish`) for workers to read and store; its claims are
    /// not known here, so they are not counted.
    Published,
    /// Could not be fetched or read; tried again next poll, up to [`MAX_ITEM_ATTEMPTS`] times.
    Failed,
}

impl ItemOutcome {
    fn as_str(self) -> &'static str {
        match self {
            ItemOutcome::Report => "report",
            ItemOutcome::Copy => "copy",
            ItemOutcome::OtherLanguage => "other_language",
            ItemOutcome::Published => "published",
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
    /// Claims of the reports this store read itself; published reports are not counted (their
    /// claims are found by the workers, see `reports_published`).
    pub claims_found: u64,
    /// Reports put on the stream for workers (`watch --publish`).
    pub reports_published: u64,
    pub items_failed: u64,
    pub other_language: u64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The watch bookkeeping of a store.
pub trait SourceLog {
    /// True when `url` needs no more work: it was read, published, stored as a copy or in another
    /// language, or it failed [`MAX_ITEM_ATTEMPTS`] times. Any source counts: an article two feeds
    /// list is read once.
    fn item_done(&self, url: &str) -> Result<bool, crate::StoreError>;
    /// Records what became of an item (a retry of a failed one counts one more attempt).
    fn record_item(&mut self, item: &SeenItem, at: &str) -> Result<(), crate::StoreError>;
    /// Records a poll of a source.
    fn record_poll(&mut self, poll: &SourcePoll) -> Result<(), crate::StoreError>;
    /// Every source ever polled, with its counts, by name.
    fn sources(&self) -> Result<Vec<SourceSummary>, crate::StoreError>;
}

/// A boxed log (a `Box<dyn WatchStore>`) is a log.
impl<T: SourceLog + ?Sized> SourceLog for Box<T> {
    fn item_done(&self, url: &str) -> Result<bool, crate::StoreError> {
        (**self).item_done(url)
    }
    fn record_item(&mut self, item: &SeenItem, at: &str) -> Result<(), crate::StoreError> {
        (**self).record_item(item, at)
    }
    fn record_poll(&mut self, poll: &SourcePoll) -> Result<(), crate::StoreError> {
        (**self).record_poll(poll)
    }
    fn sources(&self) -> Result<Vec<SourceSummary>, crate::StoreError> {
        (**self).sources()
    }
}

pub(crate) const ITEM_STATE: &str = "SELECT outcome, attempts FROM watch_items WHERE url = ?1";

const RECORD_ITEM: &str = "INSERT INTO watch_items
        (url, source, first_seen, last_attempt, attempts, outcome, report, claims, language, error)
     VALUES (?1, ?2, ?3, ?3, 1, ?4, ?5, ?6, ?7, ?8)
     ON CONFLICT (url) DO UPDATE SET
        last_attempt = excluded.last_attempt,
        attempts = watch_items.attempts + 1,
        outcome = excluded.outcome,
        report = excluded.report,
        claims = excluded.claims,
        language = excluded.language,
        error = excluded.error";

const RECORD_POLL: &str = "INSERT INTO watch_sources
        (name, kind, url, last_fetch, last_success, last_error, etag, last_modified)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
     ON CONFLICT (name) DO UPDATE SET
        kind = excluded.kind,
        url = excluded.url,
        last_fetch = excluded.last_fetch,
        last_success = coalesce(excluded.last_success, watch_sources.last_success),
        last_error = excluded.last_error,
        etag = coalesce(excluded.etag, watch_sources.etag),
        last_modified = coalesce(excluded.last_modified, watch_sources.last_modified)";

/// Counts as CASE sums and a CAST, so both backends give 64-bit integers (PostgreSQL's `sum` of a
/// BIGINT is a NUMERIC, and it has no `sum` of a boolean).
pub(crate) const SOURCES: &str = "SELECT s.name, s.kind, s.url, s.last_fetch, s.last_success,
        s.last_error, s.etag, s.last_modified,
        count(i.url),
        CAST(coalesce(sum(CASE WHEN i.outcome = 'report' THEN 1 ELSE 0 END), 0) AS BIGINT),
        CAST(coalesce(sum(i.claims), 0) AS BIGINT),
        CAST(coalesce(sum(CASE WHEN i.outcome = 'failed' THEN 1 ELSE 0 END), 0) AS BIGINT),
        CAST(coalesce(sum(CASE WHEN i.outcome = 'other_language' THEN 1 ELSE 0 END), 0) AS BIGINT),
        CAST(coalesce(sum(CASE WHEN i.outcome = 'published' THEN 1 ELSE 0 END), 0) AS BIGINT)
     FROM watch_sources s LEFT JOIN watch_items i ON i.source = s.name
     GROUP BY s.name ORDER BY s.name";

/// Whether an item with this stored (outcome, attempts) needs no more work.
pub(crate) fn done(outcome: &str, attempts: i64) -> bool {
    outcome != "failed" || attempts >= MAX_ITEM_ATTEMPTS
}

pub(crate) fn record_item(item: &SeenItem, at: &str) -> Stmt {
    Stmt {
        sql: RECORD_ITEM,
        params: vec![
            (&item.url).into(),
            (&item.source).into(),
            at.into(),
            item.outcome.as_str().into(),
            item.report.clone().into(),
            (item.claims as i64).into(),
            item.language.clone().into(),
            item.error.clone().into(),
        ],
    }
}

pub(crate) fn record_poll(poll: &SourcePoll) -> Stmt {
    let success = poll.error.is_none().then(|| poll.at.clone());
    Stmt {
        sql: RECORD_POLL,
        params: vec![
            (&poll.name).into(),
            (&poll.kind).into(),
            (&poll.url).into(),
            (&poll.at).into(),
            Value::Text(success),
            poll.error.clone().into(),
            poll.etag.clone().into(),
            poll.last_modified.clone().into(),
        ],
    }
}

/// A result row as either backend hands it over: text and integer columns by position.
pub(crate) trait Columns {
    type Error;
    fn text(&self, i: usize) -> Result<Option<String>, Self::Error>;
    fn int(&self, i: usize) -> Result<i64, Self::Error>;
}

/// A row of [`SOURCES`].
pub(crate) fn summary<R: Columns>(r: &R) -> Result<SourceSummary, R::Error> {
    let count = |i| r.int(i).map(|n| n.max(0) as u64);
    let required = |i| r.text(i).map(Option::unwrap_or_default);
    Ok(SourceSummary {
        name: required(0)?,
        kind: required(1)?,
        url: required(2)?,
        last_fetch: r.text(3)?,
        last_success: r.text(4)?,
        last_error: r.text(5)?,
        etag: r.text(6)?,
        last_modified: r.text(7)?,
        items_seen: count(8)?,
        reports_made: count(9)?,
        claims_found: count(10)?,
        items_failed: count(11)?,
        other_language: count(12)?,
        reports_published: count(13)?,
    })
}
