//! Where borderwatch keeps what it has read and what it has concluded.
//!
//! This crate owns persistence: reports (with every URL a copy was seen at), their claims, and the
//! *materialized* output of fusion (events and per-crossing timelines), so that a query reads a few rows
//! instead of re-fusing every report. It does not extract, fuse or judge: `borderwatch-extract` and
//! `borderwatch-fusion` do, and [`refresh`] glues fusion to a store.
//!
//! - [`Store`]: the storage trait every backend implements, with synchronous methods.
//! - [`SqliteStore`]: the embedded default, one SQLite file in WAL mode.
//! - [`PgStore`]: the shared store on a PostgreSQL server, for several workers and servers at once.
//! - [`StoreLocation`] and [`open`]: a store named as users name it (`sqlite:PATH`, `postgres://…`).
//! - [`refresh`]: rebuilds the materialized events and timelines from the stored reports.
//! - [`Incremental`]: holds the fusion of every stored report and writes each new report together
//!   with only the events and timelines it changes, in the report's own transaction.
//! - [`status_at`], [`status_in`]: a crossing's status on a day from a stored timeline (or the one
//!   interval [`Store::status_rows`] reads) and its events.
//! - [`synthetic`]: deterministic generated reports for the crash test and the benchmarks.
//!
//! Invariants, whatever the backend:
//! - One report is written in one transaction (report, claims, "fusion is dirty"), so a crash never
//!   leaves half a report; writing a report id that is already stored changes nothing but may record a
//!   new URL for it.
//! - The materialized events and timelines equal `Fusion::fuse_all` over the stored reports whenever the
//!   dirty flag is clear. A writer that dies between storing reports and refreshing leaves the flag set,
//!   and the next ingest or query refreshes first. [`Incremental`] writes a report and its fusion delta
//!   in one transaction and only onto a clean store of the generation it loaded, so it keeps the flag
//!   clear; fusion output written from a stale snapshot sets the flag instead.

mod pg;
mod rows;
pub mod sources;
mod sql;
mod sqlite;
pub mod synthetic;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use borderwatch_extract::{Claim, Report};
use borderwatch_fusion::{
    ClaimRef, Event, Fusion, FusionInput, Interval, Signature, StatusAt, Target, Timeline,
};
use jiff::civil::Date;
use serde::Serialize;

pub use pg::{PG_SCHEMA_VERSION, PgStore};
pub use sources::{ItemOutcome, SeenItem, SourceLog, SourcePoll, SourceSummary};
pub use sqlite::SqliteStore;

/// Why a store operation failed. Every message names the store (its file, for SQLite).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("store {path}: {what}: {source}")]
    Db {
        path: PathBuf,
        what: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "store {path} has schema version {found}, newer than this borderwatch knows ({known}); use a newer borderwatch or another --db"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("store {store}: {what}: {detail}")]
    Server {
        store: String,
        what: String,
        /// The server's own words (the error's Display alone says only "db error").
        detail: String,
        #[source]
        source: postgres::Error,
    },
    #[error("store {path}: {what}")]
    Corrupt { path: PathBuf, what: String },
    #[error(
        "cannot find the data directory: neither XDG_DATA_HOME nor HOME is set; pass --db PATH"
    )]
    NoDataDir,
}

/// What writing one report did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Put {
    /// The report was new; its claims were stored.
    New { claims: usize },
    /// A report with this id was already stored; nothing changed, except that a URL not yet known for
    /// it was recorded as one more copy (`new_url`).
    Seen { new_url: bool },
}

/// The fusion bookkeeping: a generation counter bumped by every report that brings claims, and whether
/// the materialized output lags behind it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FusionState {
    pub dirty: bool,
    pub generation: i64,
}

/// What writing fusion output changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FusionWrite {
    /// Events that are new, gone or different from the ones stored before.
    pub events_changed: usize,
    pub events: usize,
    pub timelines: usize,
    /// False when reports arrived after the inputs were read: the output was written but the store
    /// stays dirty, so the next refresh includes them.
    pub cleared: bool,
}

/// Row counts, for summaries and tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub reports: u64,
    pub report_urls: u64,
    pub claims: u64,
    pub events: u64,
    pub timelines: u64,
}

/// A stored report, as queries need it (the text, for quoting evidence).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredReport {
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// When this store first saw the report (RFC 3339, UTC).
    pub retrieved: String,
    pub text: String,
    /// The report's language (ISO 639), when known.
    pub language: Option<String>,
    /// Every URL a copy of this text was seen at, the first one included, sorted.
    pub urls: Vec<String>,
}

/// A crossing's stored interval on a day, with the one before it (see [`Store::status_rows`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatusRows {
    pub interval: Interval,
    pub before: Option<Interval>,
    /// Planned, conditional, uncertain or denied events that apply to the crossing.
    pub pending: Vec<String>,
}

/// Which events to list. All fields narrow the list; an empty filter lists every event.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Events placed on or after this date (events without a date are left out).
    pub since: Option<Date>,
    /// Events that apply to this crossing: its own and those of the borders it lies on.
    pub crossing: Option<String>,
    /// Events about a crossing of this country or a border of it.
    pub country: Option<String>,
    /// Only the last this many in the list's order (the newest; undated ones count as newest), still
    /// listed in that order: a page's "recent events" without reading a long history.
    pub last: Option<usize>,
}

/// Storage for reports, claims and materialized fusion output.
///
/// Methods are synchronous: the callers (CLI, the server's blocking pool) do one thing at a time per
/// store. The PostgreSQL backend uses `tokio-postgres` behind the `postgres` crate's blocking client,
/// which owns a small runtime, so callers do not change. Backends keep the
/// invariants in the crate docs: one transaction per report, idempotent writes, and a dirty flag that is
/// cleared only by writing fusion output built from every stored report.
pub trait Store {
    /// A name for messages: the file path for SQLite, a connection string without secrets for a server.
    fn describe(&self) -> String;

    /// True when a report with this id is stored.
    fn has_report(&self, id: &str) -> Result<bool, StoreError>;

    /// Stores a report and its claims in one transaction and marks fusion dirty when it has claims.
    /// A known id changes nothing but records a new URL as a copy. The signature of a report without
    /// claims may be empty: fusion never reads it (the text is kept, so it can be recomputed).
    fn put_report(
        &mut self,
        report: &Report,
        claims: &[Claim],
        signature: &Signature,
    ) -> Result<Put, StoreError>;

    /// Stores several reports as [`Store::put_report`] does, all in one transaction: one commit
    /// (one flush to disk) for a whole batch, where a stream worker would otherwise pay one per
    /// report. All or nothing: an error stores none of them.
    fn put_reports(&mut self, batch: &[NewReport<'_>]) -> Result<Vec<Put>, StoreError> {
        batch
            .iter()
            .map(|n| self.put_report(n.report, n.claims, n.signature))
            .collect()
    }

    fn fusion_state(&self) -> Result<FusionState, StoreError>;

    /// Every stored report that has claims, as fusion takes it, with the generation it reflects.
    /// Reports without claims are left out: they cannot change any event or timeline.
    fn fusion_inputs(&self) -> Result<(Vec<FusionInput>, i64), StoreError>;

    /// Replaces every materialized event and timeline with `fusion`'s, in one transaction, and clears
    /// the dirty flag if no report arrived since `generation` was read; otherwise the output is stale
    /// and the flag is set (an incremental writer may have kept it clear meanwhile).
    fn write_fusion(&mut self, fusion: &Fusion, generation: i64)
    -> Result<FusionWrite, StoreError>;

    /// Stores a new report and applies `delta` (the fusion output it changes) in one transaction, but
    /// only while the store is clean at `generation`, i.e. its rows are the fusion the delta was computed
    /// against. Then the generation is bumped and the flag stays clear. Returns `None`, having written
    /// nothing, when the store moved on (dirty, another generation) or already holds the report.
    fn put_report_fused(
        &mut self,
        report: &Report,
        claims: &[Claim],
        signature: &Signature,
        delta: &FusionDelta,
        generation: i64,
    ) -> Result<Option<Put>, StoreError>;

    fn counts(&self) -> Result<Counts, StoreError>;

    /// The materialized timeline of a crossing; `None` when no event applies to it.
    fn timeline(&self, crossing: &str) -> Result<Option<Timeline>, StoreError>;

    /// The rows a status query needs: the interval holding `date`, the one before it, and the ids of
    /// pending events; `None` when no event applies to the crossing. Reads two small rows however long
    /// the crossing's history is.
    fn status_rows(&self, crossing: &str, date: Date) -> Result<Option<StatusRows>, StoreError>;

    /// For every crossing with a timeline, the interval holding `date` — what [`Store::status_rows`]
    /// gives as `interval`, for all crossings in one read (lists and the map need them all).
    fn intervals_at(&self, date: Date) -> Result<BTreeMap<String, Interval>, StoreError>;

    /// Every materialized timeline, by crossing id.
    fn timelines(&self) -> Result<Vec<Timeline>, StoreError>;

    /// Events by id; unknown ids are skipped. Sorted by id.
    fn events_by_id(&self, ids: &[String]) -> Result<Vec<Event>, StoreError>;

    /// Events matching `filter`, by placement date (undated last), then id.
    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError>;

    fn report(&self, id: &str) -> Result<Option<StoredReport>, StoreError>;

    /// How many URLs each of `reports` was seen at (at least 1 for a stored report); reports not
    /// stored are left out. Counting copies needs no report text: backends should read only the URL
    /// rows. The default reads whole reports, correct but slow.
    fn url_counts(&self, reports: &[String]) -> Result<BTreeMap<String, usize>, StoreError> {
        let mut out = BTreeMap::new();
        for id in reports {
            if let Some(r) = self.report(id)? {
                out.insert(id.clone(), r.urls.len().max(1));
            }
        }
        Ok(out)
    }

    fn claim(&self, at: &ClaimRef) -> Result<Option<Claim>, StoreError>;

    /// The latest date any stored report speaks of: its publication date or a claim's effective date.
    /// Queries default to it rather than to the clock, so an archive answers about its own time.
    fn latest_date(&self) -> Result<Option<Date>, StoreError>;

    /// A token that changes whenever anything a query can read changes (a report stored, fusion
    /// output written); equal tokens mean equal answers. Cheap: caches check it on every request.
    fn version(&self) -> Result<String, StoreError>;

    /// The claims stored for a report, in their order; empty for an unknown report.
    fn claims_of(&self, report: &str) -> Result<Vec<Claim>, StoreError>;

    /// Stored reports, newest first (by when this store first saw them), at most `limit`, starting
    /// after the one whose [`ReportSummary::seq`] is `before` (the cursor of a previous page).
    fn reports_page(
        &self,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<ReportSummary>, StoreError>;

    /// Appends webhook delivery attempts (or baseline entries) to the delivery log, all in one
    /// transaction: a new webhook's baseline is logged whole or not at all.
    fn record_deliveries(&mut self, deliveries: &[Delivery]) -> Result<(), StoreError>;

    /// The newest `limit` entries of the delivery log, newest first.
    fn deliveries(&self, limit: usize) -> Result<Vec<Delivery>, StoreError>;

    /// The changes `hook` needs no more attempts for (delivered, given up, or baseline); `None` when
    /// the log holds nothing for `hook` yet (a webhook configured since the last run).
    fn settled_changes(&self, hook: &str) -> Result<Option<BTreeSet<String>>, StoreError>;

    /// Claims the delivery of `change` to webhook `hook` for `owner` (one server process) until
    /// `until_ms` (milliseconds since the epoch), or renews `owner`'s own claim; true when `owner`
    /// holds it now. Another owner's claim is taken over only after it ran out (its server died or
    /// stalled), so several servers over one store send each change once.
    fn claim_delivery(
        &mut self,
        hook: &str,
        change: &str,
        owner: &str,
        now_ms: i64,
        until_ms: i64,
    ) -> Result<bool, StoreError>;

    /// For each change of `hook` with failed attempts logged: the highest attempt number and the
    /// latest time (RFC 3339), so a delivery cut short by a restart goes on with the next attempt, after its
    /// backoff, instead of starting again at attempt 1.
    fn last_failed_attempts(
        &self,
        hook: &str,
    ) -> Result<BTreeMap<String, (u32, String)>, StoreError>;

    /// Takes the store-wide refresh lock without waiting; true when this store value now holds it.
    /// Several workers on one shared store use it so that one refreshes while the others go on
    /// storing (a refresh by each would be the same work done twice). Correctness never depends on
    /// it: a refresh from a stale snapshot leaves the store dirty. The embedded store has one
    /// writer at a time anyway and always says yes.
    fn try_lock_refresh(&self) -> Result<bool, StoreError> {
        Ok(true)
    }

    /// Releases what [`Store::try_lock_refresh`] took.
    fn unlock_refresh(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// Every row of every table in a stable order, one line each: for tests and debugging (two dumps
    /// of one backend are equal when the stores hold the same data; formats differ between backends).
    fn dump(&self) -> Result<String, StoreError>;
}

/// One report to store with [`Store::put_reports`].
#[derive(Clone, Copy, Debug)]
pub struct NewReport<'a> {
    pub report: &'a Report,
    pub claims: &'a [Claim],
    pub signature: &'a Signature,
}

/// A stored report in a list: what a page of reports shows, without the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportSummary {
    /// Position in the order the store saw reports: the cursor for the next page.
    pub seq: i64,
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub retrieved: String,
    pub claims: usize,
}

/// What became of one attempt to deliver a status change to a webhook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryOutcome {
    /// The receiver answered 2xx.
    Delivered,
    /// The attempt failed; another follows after a backoff.
    Failed,
    /// The last attempt failed; no more follow.
    GaveUp,
    /// The change happened before the webhook was configured: recorded, never sent, so a new webhook
    /// is not flooded with history.
    Baseline,
}

impl DeliveryOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryOutcome::Delivered => "delivered",
            DeliveryOutcome::Failed => "failed",
            DeliveryOutcome::GaveUp => "gave_up",
            DeliveryOutcome::Baseline => "baseline",
        }
    }

    pub fn parse(s: &str) -> Option<DeliveryOutcome> {
        Some(match s {
            "delivered" => DeliveryOutcome::Delivered,
            "failed" => DeliveryOutcome::Failed,
            "gave_up" => DeliveryOutcome::GaveUp,
            "baseline" => DeliveryOutcome::Baseline,
            _ => return None,
        })
    }

    /// True when no further attempt follows.
    pub fn settled(self) -> bool {
        !matches!(self, DeliveryOutcome::Failed)
    }
}

/// One entry of the webhook delivery log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Delivery {
    /// The webhook, by its configured name.
    pub hook: String,
    /// The status change id.
    pub change: String,
    /// 1 for the first attempt; 0 for a baseline entry.
    pub attempt: u32,
    /// When (RFC 3339, UTC).
    pub at: String,
    pub outcome: DeliveryOutcome,
    pub http_status: Option<u16>,
    pub error: Option<String>,
}

/// The default store file: `$XDG_DATA_HOME/borderwatch/borderwatch.db` when that variable is an absolute
/// path, else `~/.local/share/borderwatch/borderwatch.db` (the XDG base-directory convention).
pub fn default_path() -> Result<PathBuf, StoreError> {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from)
        && xdg.is_absolute()
    {
        return Ok(xdg.join("borderwatch").join("borderwatch.db"));
    }
    match std::env::var_os("HOME").map(PathBuf::from) {
        Some(home) if home.is_absolute() => Ok(home
            .join(".local")
            .join("share")
            .join("borderwatch")
            .join("borderwatch.db")),
        _ => Err(StoreError::NoDataDir),
    }
}

/// Opens the SQLite store at `path`, or at [`default_path`] when `None`, creating its directory.
pub fn open_sqlite(path: Option<&Path>) -> Result<SqliteStore, StoreError> {
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => default_path()?,
    };
    SqliteStore::open(&path)
}

/// Where a store is, as a user names it: `sqlite:PATH` (or a bare `--db PATH`) for the embedded file,
/// `postgres://…` (or `postgresql://…`) for the shared server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreLocation {
    Sqlite(PathBuf),
    Postgres(String),
}

impl std::str::FromStr for StoreLocation {
    type Err = String;

    fn from_str(s: &str) -> Result<StoreLocation, String> {
        if let Some(path) = s.strip_prefix("sqlite:") {
            if path.is_empty() {
                return Err("sqlite: names no file; write sqlite:PATH".into());
            }
            return Ok(StoreLocation::Sqlite(PathBuf::from(path)));
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(StoreLocation::Postgres(s.to_string()));
        }
        Err(format!(
            "{s:?} names no store: write sqlite:PATH or postgres://[USER@]HOST[:PORT]/DATABASE[?schema=NAME]"
        ))
    }
}

impl std::fmt::Display for StoreLocation {
    /// The location as given, without a password (for messages and logs).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreLocation::Sqlite(p) => write!(f, "sqlite:{}", p.display()),
            StoreLocation::Postgres(url) => f.write_str(&redact_password(url)),
        }
    }
}

/// `postgres://user:secret@host/db` as `postgres://user:***@host/db`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.split_once('@') {
        Some(p) => p,
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

/// A store of either backend, for code that does not care which.
pub type AnyStore = Box<dyn Store + Send>;

/// A store that also keeps the watch bookkeeping: what `watch`, `sources` and `serve --watch` open.
/// Both backends are one.
pub trait WatchStore: Store + SourceLog + Send {}

impl<T: Store + SourceLog + Send> WatchStore for T {}

/// Opens the store at `location` for watching (as [`open`] does).
pub fn open_watch(location: &StoreLocation) -> Result<Box<dyn WatchStore>, StoreError> {
    Ok(match location {
        StoreLocation::Sqlite(path) => Box::new(SqliteStore::open(path)?),
        StoreLocation::Postgres(url) => Box::new(PgStore::open(url)?),
    })
}

/// Opens (creating and migrating as needed) the store at `location`.
pub fn open(location: &StoreLocation) -> Result<AnyStore, StoreError> {
    open_watch(location).map(|s| s as AnyStore)
}

/// The crossings fusion should know besides those claims name: (id, country codes), e.g. the
/// gazetteer's, so border-wide claims reach crossings no report names.
pub type KnownCrossings = [(String, Vec<String>)];

/// Rebuilds the materialized events and timelines from every stored report (fusion from scratch is
/// deterministic, so the result equals an uninterrupted run) and clears the dirty flag.
pub fn refresh(
    store: &mut dyn Store,
    crossings: &KnownCrossings,
) -> Result<FusionWrite, StoreError> {
    refresh_keeping(store, crossings).map(|(_, w, _)| w)
}

/// Like [`refresh`], also giving the fusion it wrote and the generation it reflects.
fn refresh_keeping(
    store: &mut dyn Store,
    crossings: &KnownCrossings,
) -> Result<(Fusion, FusionWrite, i64), StoreError> {
    let (inputs, generation) = store.fusion_inputs()?;
    let base = Fusion::with_crossings(crossings.iter().cloned());
    let fusion = Fusion::fuse_all(base, inputs);
    let w = store.write_fusion(&fusion, generation)?;
    Ok((fusion, w, generation))
}

/// Refreshes only when the store is dirty; `None` when it was already up to date.
pub fn refresh_if_dirty(
    store: &mut dyn Store,
    crossings: &KnownCrossings,
) -> Result<Option<FusionWrite>, StoreError> {
    if store.fusion_state()?.dirty {
        refresh(store, crossings).map(Some)
    } else {
        Ok(None)
    }
}

/// Refreshes a dirty store unless another writer holds the refresh lock; `None` when nothing was
/// done. For workers sharing a store: whoever is free refreshes, the others keep storing.
pub fn refresh_if_free(
    store: &mut dyn Store,
    crossings: &KnownCrossings,
) -> Result<Option<FusionWrite>, StoreError> {
    if !store.fusion_state()?.dirty || !store.try_lock_refresh()? {
        return Ok(None);
    }
    let done = refresh(store, crossings);
    let unlocked = store.unlock_refresh();
    let done = done?;
    unlocked?;
    Ok(Some(done))
}

/// Refreshes until the store is clean, waiting for other writers' refreshes: what a worker does
/// before it exits, so the last one out leaves every stored report fused. Gives the refreshes done.
pub fn refresh_until_clean(
    store: &mut dyn Store,
    crossings: &KnownCrossings,
) -> Result<usize, StoreError> {
    let mut done = 0;
    while store.fusion_state()?.dirty {
        if refresh_if_free(store, crossings)?.is_some() {
            done += 1;
        } else {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
    Ok(done)
}

/// The status of a stored timeline on `date`: the interval holding it, with the events and sources
/// behind it. Gives what `Fusion::status_at` gives for the same timeline and events (tested), without
/// holding a `Fusion`, so a query reads one timeline row and a few event rows.
pub fn status_at(timeline: &Timeline, date: Date, events: &[Event]) -> StatusAt {
    let holds =
        |iv: &&Interval| iv.from.is_none_or(|f| f <= date) && iv.to.is_none_or(|t| date < t);
    let unknown = Interval {
        from: None,
        to: None,
        status: borderwatch_extract::Status::Unknown,
        started_by: Vec::new(),
        supported_by: Vec::new(),
        ended_by: Vec::new(),
        independent_sources: 0,
        confidence: 0.0,
        contested: false,
        conflicts: Vec::new(),
    };
    let iv = timeline.intervals.iter().find(holds).unwrap_or(&unknown);
    status_in(&timeline.crossing, iv, date, events)
}

/// The status that interval `iv` of `crossing`'s timeline gives on `date`, with the sources of the
/// `events` behind it (events it does not name are ignored; missing ones only lose their sources).
pub fn status_in(crossing: &str, iv: &Interval, date: Date, events: &[Event]) -> StatusAt {
    let by_id: BTreeMap<&str, &Event> = events.iter().map(|e| (e.id.as_str(), e)).collect();
    borderwatch_fusion::timeline::status_in(crossing, iv, date, |id| by_id.get(id).copied())
}

/// An event to (re)write, with the country rows to index it by.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub event: Event,
    pub countries: Vec<String>,
    /// The countries it was indexed by before (empty for a new event): their rows are removed first.
    pub old_countries: Vec<String>,
}

/// What changed in one crossing's timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineDelta {
    pub crossing: String,
    /// The new timeline; `None` when no event applies to the crossing any more.
    pub timeline: Option<Timeline>,
    /// Indexes of the intervals that are new or different.
    pub intervals_changed: Vec<usize>,
    /// How many intervals were stored before (rows past the new length are removed).
    pub old_intervals: usize,
    /// Event ids that now apply to the crossing and did not before, and those that no longer do.
    pub events_added: Vec<String>,
    pub events_removed: Vec<String>,
}

/// The materialized rows one report changes: written in that report's transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FusionDelta {
    /// Events new or different.
    pub events: Vec<EventRow>,
    /// Events gone: (id, the countries it was indexed by).
    pub removed_events: Vec<(String, Vec<String>)>,
    /// Timelines that changed in any way (timeline, intervals or the events that apply).
    pub timelines: Vec<TimelineDelta>,
}

impl FusionDelta {
    /// Events new, gone or different, as [`FusionWrite::events_changed`] counts them.
    pub fn events_changed(&self) -> usize {
        self.events.len() + self.removed_events.len()
    }
}

/// What [`Incremental::put`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncrementalPut {
    /// The report and its delta were written in one transaction.
    Fused { put: Put, events_changed: usize },
    /// The store moved on since the fusion was loaded (another writer, a stale refresh) or already
    /// held the report: nothing was written, and this `Incremental` must not be used again. Store the
    /// report the ordinary way ([`Store::put_report`]) and refresh.
    Stale,
}

/// The fusion of every stored report, kept in memory during an ingest so that each new report is
/// written with only the events and timelines it changes ([`Fusion::add`]) instead of a refresh of
/// everything. The result equals a refresh from scratch (tested), and since report and delta share one
/// transaction, a crash never separates them.
#[derive(Debug)]
pub struct Incremental {
    fusion: Fusion,
    /// The store generation the fusion (and so the stored rows) reflects.
    generation: i64,
    /// The stored timelines and, per crossing, the ids of the events applying to it (`event_crossings`):
    /// what the next delta is computed against.
    timelines: BTreeMap<String, Timeline>,
    applicable: BTreeMap<String, BTreeSet<String>>,
}

impl Incremental {
    /// Loads the fusion of every stored report. A dirty store is refreshed first (that refresh's
    /// fusion is kept, and its write returned). `None` when the store stays dirty because another
    /// writer added reports meanwhile: use the ordinary path then.
    pub fn load(
        store: &mut dyn Store,
        crossings: &KnownCrossings,
    ) -> Result<(Option<Incremental>, Option<FusionWrite>), StoreError> {
        let (fusion, generation, wrote) = if store.fusion_state()?.dirty {
            let (fusion, w, generation) = refresh_keeping(store, crossings)?;
            if !w.cleared {
                return Ok((None, Some(w)));
            }
            (fusion, generation, Some(w))
        } else {
            let (inputs, generation) = store.fusion_inputs()?;
            let base = Fusion::with_crossings(crossings.iter().cloned());
            (Fusion::fuse_all(base, inputs), generation, None)
        };
        let timelines = fusion.timelines().clone();
        let applicable = timelines
            .keys()
            .map(|c| (c.clone(), applicable_ids(&fusion, c)))
            .collect();
        Ok((
            Some(Incremental {
                fusion,
                generation,
                timelines,
                applicable,
            }),
            wrote,
        ))
    }

    /// The fusion held: every stored report's.
    pub fn fusion(&self) -> &Fusion {
        &self.fusion
    }

    /// Adds a new report to the fusion and stores it with the rows it changes, in one transaction.
    /// After [`IncrementalPut::Stale`] or an error the in-memory fusion may be ahead of the store:
    /// drop this `Incremental`.
    pub fn put(
        &mut self,
        store: &mut dyn Store,
        report: &Report,
        claims: &[Claim],
        signature: &Signature,
    ) -> Result<IncrementalPut, StoreError> {
        let input = FusionInput {
            report: report.id.clone(),
            published: report.published,
            url: report.url.clone(),
            outlet: report.outlet.clone(),
            signature: signature.clone(),
            claims: claims.to_vec(),
        };
        // The targets a new report touches are those of its claims: keep their events (and the
        // countries they are indexed by) as stored, to diff against.
        let expected: BTreeSet<Target> = claims.iter().map(Target::of).collect();
        let before: BTreeMap<Target, (Vec<Event>, Vec<String>)> = expected
            .iter()
            .map(|t| {
                (
                    t.clone(),
                    (self.fusion.events_of(t).to_vec(), self.countries(t)),
                )
            })
            .collect();
        let touched = self.fusion.add(input);
        if touched.targets.is_empty() || touched.targets.iter().any(|t| !expected.contains(t)) {
            // The fusion already held this report id (unchanged, or with other claims): it is not
            // what the store holds, so no delta can be trusted.
            return Ok(IncrementalPut::Stale);
        }
        let mut delta = FusionDelta::default();
        for (t, (old_events, old_countries)) in &before {
            let countries = self.countries(t);
            let mut old: BTreeMap<&str, &Event> =
                old_events.iter().map(|e| (e.id.as_str(), e)).collect();
            for e in self.fusion.events_of(t) {
                let prev = old.remove(e.id.as_str());
                if prev == Some(e) && countries == *old_countries {
                    continue;
                }
                delta.events.push(EventRow {
                    event: e.clone(),
                    countries: countries.clone(),
                    old_countries: if prev.is_some() {
                        old_countries.clone()
                    } else {
                        Vec::new()
                    },
                });
            }
            delta.removed_events.extend(
                old.into_keys()
                    .map(|id| (id.to_string(), old_countries.clone())),
            );
        }
        let mut new_timelines = Vec::new();
        for c in &touched.crossings {
            let new = self.fusion.timelines().get(c);
            let old = self.timelines.get(c);
            let new_ids = if new.is_some() {
                applicable_ids(&self.fusion, c)
            } else {
                BTreeSet::new()
            };
            let empty = BTreeSet::new();
            let old_ids = self.applicable.get(c).unwrap_or(&empty);
            if new == old && new_ids == *old_ids {
                continue;
            }
            let old_ivs = old.map(|t| t.intervals.as_slice()).unwrap_or(&[]);
            let intervals_changed = new
                .map(|t| {
                    t.intervals
                        .iter()
                        .enumerate()
                        .filter(|(k, iv)| old_ivs.get(*k) != Some(*iv))
                        .map(|(k, _)| k)
                        .collect()
                })
                .unwrap_or_default();
            delta.timelines.push(TimelineDelta {
                crossing: c.clone(),
                timeline: new.cloned(),
                intervals_changed,
                old_intervals: old_ivs.len(),
                events_added: new_ids.difference(old_ids).cloned().collect(),
                events_removed: old_ids.difference(&new_ids).cloned().collect(),
            });
            new_timelines.push((c.clone(), new.cloned(), new_ids));
        }
        let put = store.put_report_fused(report, claims, signature, &delta, self.generation)?;
        let Some(put) = put else {
            return Ok(IncrementalPut::Stale);
        };
        // Reports with claims bump the generation; the rows now reflect the new one.
        self.generation += 1;
        for (c, tl, ids) in new_timelines {
            match tl {
                Some(tl) => {
                    self.timelines.insert(c.clone(), tl);
                    self.applicable.insert(c, ids);
                }
                None => {
                    self.timelines.remove(&c);
                    self.applicable.remove(&c);
                }
            }
        }
        Ok(IncrementalPut::Fused {
            put,
            events_changed: delta.events_changed(),
        })
    }

    /// The countries an event of `target` is indexed by, as [`Store::write_fusion`] indexes them.
    fn countries(&self, target: &Target) -> Vec<String> {
        event_countries(&self.fusion, target)
    }
}

/// The countries an event about `target` is listed under.
pub(crate) fn event_countries(fusion: &Fusion, target: &Target) -> Vec<String> {
    let mut cs = match target {
        Target::Crossing(id) => fusion.countries_of(id),
        Target::Border(codes) => codes.clone(),
        Target::Unresolved(_) => Vec::new(),
    };
    cs.sort();
    cs.dedup();
    cs
}

fn applicable_ids(fusion: &Fusion, crossing: &str) -> BTreeSet<String> {
    fusion
        .events_for_crossing(crossing)
        .into_iter()
        .map(|e| e.id.clone())
        .collect()
}

/// Every event id a timeline names (intervals, pending, unplaced), sorted and deduplicated.
pub fn timeline_event_ids(timeline: &Timeline) -> Vec<String> {
    let mut ids: Vec<String> = timeline
        .intervals
        .iter()
        .flat_map(|iv| {
            iv.started_by
                .iter()
                .chain(&iv.supported_by)
                .chain(&iv.ended_by)
                .chain(iv.conflicts.iter().flat_map(|c| c.events.iter()))
        })
        .chain(&timeline.pending)
        .chain(&timeline.unplaced)
        .cloned()
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod location_tests {
    use super::StoreLocation;
    use std::path::PathBuf;

    #[test]
    fn locations_parse_and_print_without_passwords() {
        assert_eq!(
            "sqlite:/tmp/a.db".parse(),
            Ok(StoreLocation::Sqlite(PathBuf::from("/tmp/a.db")))
        );
        let pg: Result<StoreLocation, _> = "postgres://u:pw@h:5432/db?schema=x".parse();
        assert_eq!(
            pg.as_ref().map(|l| l.to_string()),
            Ok("postgres://u:***@h:5432/db?schema=x".to_string())
        );
        assert!("postgresql://h/db".parse::<StoreLocation>().is_ok());
        let bare = "/tmp/a.db".parse::<StoreLocation>();
        assert!(bare.is_err_and(|e| e.contains("sqlite:PATH")));
        assert!("sqlite:".parse::<StoreLocation>().is_err());
    }
}
